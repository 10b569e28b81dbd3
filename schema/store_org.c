/* SPDX-License-Identifier: ISC */
/*
 * From an extracted organisation to its org row. Gazetteer organisations
 * are found by entity id (the gazetteer sync made their rows; one the
 * store has not synced yet is inserted from the extraction's copy of the
 * entity). Organisations found by their shape are keyed by their cleaned
 * canonical name and flagged unverified, so an analyst sees new partners
 * appear; every surface form is kept as an 'observed' alias. Names are
 * scraped text: they are capped before they reach the store.
 */
#include <stdlib.h>
#include <string.h>

#include "store_record_priv.h"
#include "xmem.h"

/* Longer "names" are sentences the shape detector swallowed. */
#define ORG_NAME_MAX 200

static const char SQL_ORG_BY_ENTITY[] =
    "SELECT id, entity_id FROM org WHERE entity_id = ?1";
static const char SQL_ORG_BY_NAME[] =
    "SELECT id, entity_id FROM org WHERE canonical = ?1";
static const char SQL_ORG_NAME_FREE[] =
    "SELECT NOT EXISTS (SELECT 1 FROM org WHERE canonical = ?1)";
static const char SQL_ORG_INSERT[] =
    "INSERT INTO org (canonical, entity_id, country, kind, unverified,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_TAG_ADD[] =
    "INSERT OR IGNORE INTO org_tag (org_id, tag, origin) VALUES (?1, ?2, ?3)";
static const char SQL_ALIAS_OBSERVED[] =
    "INSERT OR IGNORE INTO org_alias (org_id, alias, lang, origin)"
    " VALUES (?1, ?2, NULL, 'observed')";

/* A copy of s cut to at most ORG_NAME_MAX bytes on a UTF-8 boundary. */
static char *
name_cap(const char *s)
{
	size_t n = strlen(s);

	if (n <= ORG_NAME_MAX)
		return xstrdup(s);
	n = ORG_NAME_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xstrndup(s, n);
}

/* STORE_ORG_* of a row with this entity_id. */
static unsigned
entity_flags(const char *entity_id)
{
	if (entity_id == NULL)
		return 0;
	return STORE_ORG_VERIFIED |
	    (strcmp(entity_id, STORE_KIC_ENTITY) == 0 ? STORE_ORG_KIC : 0);
}

/* 0 with *id and *flags of the row, 1 when there is none, -1. */
static int
lookup(struct store *s, const char *sql, const char *key, int64_t *id,
    unsigned *flags, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*flags = entity_flags(
		    (const char *)sqlite3_column_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		store_err(s, e, "looking up org");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

static int
tag_add(struct store *s, int64_t id, const char *tag, const char *origin,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_TAG_ADD, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, tag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, origin, -1, SQLITE_STATIC);
	return store_step_done(s, st, "tagging org", e);
}

static int
org_insert(struct store *s, const char *canonical, const struct extract_org *o,
    int64_t *id, unsigned *flags, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ORG_INSERT, e);
	bool verified = o->entity_id != NULL;
	char now[32];

	if (st == NULL)
		return -1;
	store_now(now, sizeof(now));
	sqlite3_bind_text(st, 1, canonical, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 2, o->entity_id);
	store_bind_text(st, 3, o->country);
	store_bind_text(st, 4, o->kind);
	sqlite3_bind_int(st, 5, verified ? 0 : 1);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(s, st, "inserting org", e) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(store_sqlite(s));
	*flags = entity_flags(o->entity_id);
	if (!verified)
		return tag_add(s, *id, "unverified", "derived", e);
	for (size_t i = 0; i < o->ntags; i++)
		if (o->tags[i] != NULL &&
		    tag_add(s, *id, o->tags[i], "gazetteer", e) == -1)
			return -1;
	return 0;
}

/*
 * An entity the store has not synced: its name may be taken by another
 * row (a discovered one, say), so it falls back to "name (entity-id)".
 */
static int
entity_insert(struct store *s, const char *canonical,
    const struct extract_org *o, int64_t *id, unsigned *flags, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ORG_NAME_FREE, e);
	int64_t is_free = 0;
	char *alt;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, canonical, -1, SQLITE_TRANSIENT);
	if (store_step_int64(s, st, &is_free, "looking up org", e) == -1)
		return -1;
	if (is_free)
		return org_insert(s, canonical, o, id, flags, e);
	alt = xasprintf("%s (%s)", canonical, o->entity_id);
	rc = lookup(s, SQL_ORG_BY_NAME, alt, id, flags, e);
	if (rc == 1)
		rc = org_insert(s, alt, o, id, flags, e);
	free(alt);
	return rc;
}

/* By entity id, else by name. */
static int
resolve(struct store *s, const char *canonical, const struct extract_org *o,
    int64_t *id, unsigned *flags, struct err *e)
{
	int rc;

	if (o->entity_id != NULL) {
		rc = lookup(s, SQL_ORG_BY_ENTITY, o->entity_id, id, flags, e);
		if (rc == 1)
			rc = entity_insert(s, canonical, o, id, flags, e);
		return rc;
	}
	rc = lookup(s, SQL_ORG_BY_NAME, canonical, id, flags, e);
	if (rc == 1)
		rc = org_insert(s, canonical, o, id, flags, e);
	return rc;
}

static int
alias_observed(struct store *s, int64_t id, const char *name, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ALIAS_OBSERVED, e);
	char *capped;
	int rc;

	if (st == NULL)
		return -1;
	capped = name_cap(name);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, capped, -1, SQLITE_TRANSIENT);
	rc = store_step_done(s, st, "adding alias", e);
	free(capped);
	return rc;
}

int
store_org_resolve(struct store *s, const struct extract_org *o, int64_t *id,
    unsigned *flags, struct err *e)
{
	const char *name = o->canonical;
	char *canonical;
	int rc;

	*id = 0;
	*flags = 0;
	if (name == NULL || *name == '\0')
		name = o->name;
	if (name == NULL || *name == '\0')
		name = o->entity_id;
	if (name == NULL || *name == '\0')
		return 0;
	canonical = name_cap(name);
	rc = resolve(s, canonical, o, id, flags, e);
	free(canonical);
	if (rc == 0 && o->name != NULL && *o->name != '\0')
		rc = alias_observed(s, *id, o->name, e);
	return rc == -1 ? -1 : 0;
}
