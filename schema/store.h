/* SPDX-License-Identifier: ISC */
/*
 * The store: one SQLite file in WAL mode, migrated with PRAGMA user_version
 * from the compiled-in schema/NNNN_*.sql. This header covers opening,
 * migrating, transactions and the writer lock; each concern that reads or
 * writes rows has its own store_<concern>.h (store_capture.h, store_record.h,
 * store_sched.h, store_read.h ...). A store written by a newer kicwatch is
 * refused, never altered. report/ opens it read-only, so analysts can query
 * while the daemon writes.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

struct store;

enum store_mode {
	STORE_RW,	/* create if missing, migrate to the latest version */
	STORE_RO,	/* must exist at the latest version; never written */
};

/*
 * Opens path. STORE_RW creates the file and its directory entries as needed
 * and applies pending migrations, each in its own transaction. On success
 * *out is owned by the caller (store_close). Errors: cannot open, not a
 * SQLite file, written by a newer version, failed migration.
 */
int store_open(const char *path, enum store_mode mode, struct store **out,
    struct err *e);
void store_close(struct store *s);

int store_schema_version(struct store *s);	/* PRAGMA user_version */
int store_schema_latest(void);			/* compiled-in migrations */
const char *store_path(const struct store *s);

/* Transactions; begin is BEGIN IMMEDIATE so writers queue on busy_timeout. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
/*
 * Savepoints inside a transaction (nestable, innermost first): release
 * keeps what was written since store_savepoint, rollback_to undoes it
 * and leaves the rest of the transaction as it was.
 */
int store_savepoint(struct store *s, struct err *e);
int store_release(struct store *s, struct err *e);
void store_rollback_to(struct store *s);

/*
 * Takes the writer lock (an flock on "<path>.lock") so two crawls or a
 * crawl and a reparse never interleave. Returns 0 when taken, 1 when
 * another process holds it (with e naming its pid), -1 on error. Released
 * by store_close.
 */
int store_lock_writer(struct store *s, struct err *e);

/* Integrity check ("ok" or the first problem); 0 when ok. */
int store_check(struct store *s, struct err *e);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf (>= 21 bytes). */
void store_now(char *buf, unsigned long size);
/* Same for a given time_t-like seconds value. */
void store_time_fmt(int64_t t, char *buf, unsigned long size);
/* Parses the store's time format back into seconds; -1 when malformed. */
int64_t store_time_parse(const char *s);

#endif
