/* SPDX-License-Identifier: ISC */
/*
 * The optional trigram index, document_fts (store.trigram_index). kicwatch
 * searches document_cjk (kwcjk bigrams, schema 0005); document_fts is for
 * SQLite tools that cannot load the kwcjk extension, and costs about a
 * quarter of a page's write time and twice document_cjk's size, so a store
 * has it only when its configuration asks. Writer commands make the store
 * match their configuration when they open it; a store opened without one
 * keeps what it has.
 */
#ifndef STORE_TRIGRAM_H
#define STORE_TRIGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "store.h"

/* 1 when the store has document_fts, 0 when not, -1 with e set. */
int store_trigram_present(struct store *s, struct err *e);

struct store_trigram_change {
	bool changed;		/* false: the store already matched */
	int64_t documents;	/* documents indexed (created) or unindexed */
	int64_t freed;		/* bytes on the free list after a drop */
};

/*
 * Creates document_fts with its triggers and indexes every stored
 * document (on), or drops them (off), in one transaction: a kill leaves
 * the store in one state or the other. Nothing happens when the store
 * already matches. A build can take minutes on a large store and holds
 * the write lock that long: callers hold the writer lock
 * (store_lock_writer) so that no other writer waits on it. 0 or -1.
 */
int store_trigram_set(struct store *s, bool on,
    struct store_trigram_change *out, struct err *e);

#endif
