/* SPDX-License-Identifier: ISC */
/*
 * Shared by the store files that write records (store_run.c,
 * store_gazetteer.c, store_org.c, store_group.c, store_record.c,
 * store_copy.c): atomic sections, statement stepping, organisation
 * resolution and event grouping. Not for use outside schema/.
 */
#ifndef STORE_RECORD_PRIV_H
#define STORE_RECORD_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "store_priv.h"

/*
 * An atomic section: BEGIN IMMEDIATE when the caller has no transaction
 * open, else a savepoint inside the caller's. store_tx_leave commits (or
 * releases) when rc is 0 and rolls back (to the savepoint) otherwise; it
 * returns rc, or -1 when the commit itself fails.
 */
struct store_tx {
	bool outer;	/* we began the transaction */
};

int store_tx_enter(struct store *s, struct store_tx *tx, struct err *e);
int store_tx_leave(struct store *s, struct store_tx *tx, int rc,
    struct err *e);

/* Steps a statement that returns no row, then resets it. */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
    struct err *e);

/*
 * Steps a one-row, one-integer SELECT and resets it (so no read stays
 * open). 0 with *v set, 1 when there is no row, -1 on error.
 */
int store_step_int64(struct store *s, sqlite3_stmt *st, int64_t *v,
    const char *what, struct err *e);

/* The entity id of KIC China in the gazetteer (see store_group.c). */
#define STORE_KIC_ENTITY "kic-china"

/* What grouping needs to know of an org row (its entity_id). */
#define STORE_ORG_VERIFIED 1	/* a gazetteer entity: entity_id is set */
#define STORE_ORG_KIC 2		/* entity_id is STORE_KIC_ENTITY */

/*
 * The org row for an extracted organisation: by entity id for gazetteer
 * ones (inserted from o if the store has not synced that entity), by
 * canonical name for unverified ones (inserted with unverified = 1 and
 * the tag 'unverified'). The surface name is kept as an 'observed' alias.
 * *id is 0 when o has no usable name; *flags (STORE_ORG_*) describe the
 * row's entity_id as stored.
 */
int store_org_resolve(struct store *s, const struct extract_org *o,
    int64_t *id, unsigned *flags, struct err *e);

/* What grouping compares between two reports. */
struct store_group_key {
	bool mou;		/* MOU (else event) */
	const char *type;	/* event type; NULL for MOUs */
	const char *date;	/* "YYYY-MM-DD", "YYYY-MM" or NULL */
	const char *location;	/* canonical place or NULL */
	int64_t document_id;	/* reports of one document never merge */
	const int64_t *orgs;	/* org ids, sorted, unique */
	/* STORE_ORG_* of each of orgs, when the caller knows them; NULL:
	 * grouping reads the rows. */
	const unsigned *org_flags;
	size_t norgs;
};

/*
 * The event_group of run_id that k reports (an existing one when another
 * report matches, else a new one) into *group_id.
 */
int store_group_assign(struct store *s, int64_t run_id,
    const struct store_group_key *k, int64_t *group_id, struct err *e);

/* Sorts ids and removes duplicates and zeros; returns the new count. */
size_t store_ids_normalise(int64_t *ids, size_t n);

/* The string if it is "YYYY-MM-DD" or "YYYY-MM" with a valid date, else
 * NULL. */
const char *store_date_valid(const char *d);

#endif
