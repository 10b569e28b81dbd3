/* SPDX-License-Identifier: ISC */
/*
 * Gazetteer sync: the entities of entities.yaml become org rows (keyed by
 * entity id, so renaming an entity keeps its records), org_alias rows of
 * origin 'gazetteer' and org_tag rows of origin 'gazetteer'. A digest of
 * the entities is kept in meta so that a crawl with an unchanged gazetteer
 * pays one lookup. An organisation discovered earlier by its shape whose
 * name the gazetteer now lists is adopted (its records become verified);
 * an entity that left the gazetteer keeps its row and aliases but loses
 * its gazetteer tags, which drive the risk flags.
 */
#include "store_record.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "store_record_priv.h"

/* Bump when the sync itself changes, so stores resync once. */
#define GAZ_SYNC_VERSION "gazetteer-sync-1"

static const char SQL_META_GET[] = "SELECT value FROM meta WHERE key = ?1";
static const char SQL_META_PUT[] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char SQL_ORG_BY_ENTITY[] =
    "SELECT id FROM org WHERE entity_id = ?1";
static const char SQL_ORG_BY_NAME[] =
    "SELECT id, entity_id IS NULL FROM org WHERE canonical = ?1";
static const char SQL_ORG_RENAME[] =
    "UPDATE org SET canonical = canonical || ' #' || id WHERE id = ?1";
static const char SQL_ORG_INSERT[] =
    "INSERT INTO org (canonical, entity_id, country, kind, unverified,"
    " created_at) VALUES (?1, ?2, ?3, ?4, 0, ?5)";
static const char SQL_ORG_UPDATE[] =
    "UPDATE org SET canonical = ?2, entity_id = ?3, country = ?4, kind = ?5,"
    " unverified = 0 WHERE id = ?1";
static const char SQL_TAGS_CLEAR[] =
    "DELETE FROM org_tag WHERE org_id = ?1 AND (origin = 'gazetteer'"
    " OR (origin = 'derived' AND tag = 'unverified'))";
static const char SQL_TAG_ADD[] =
    "INSERT OR IGNORE INTO org_tag (org_id, tag, origin)"
    " VALUES (?1, ?2, 'gazetteer')";
static const char SQL_ALIASES_CLEAR[] =
    "DELETE FROM org_alias WHERE org_id = ?1 AND origin = 'gazetteer'";
static const char SQL_ALIAS_ADD[] =
    "INSERT INTO org_alias (org_id, alias, lang, origin)"
    " VALUES (?1, ?2, ?3, 'gazetteer') ON CONFLICT (org_id, alias)"
    " DO UPDATE SET lang = excluded.lang, origin = 'gazetteer'";
static const char SQL_STALE_TAGS[] =
    "DELETE FROM org_tag WHERE origin = 'gazetteer' AND org_id IN"
    " (SELECT id FROM org WHERE entity_id IS NOT NULL AND entity_id NOT IN"
    " (SELECT value FROM json_each(?1)))";

static const char *const alias_lang[] = {
	[CFG_ALIAS_EN] = "en",
	[CFG_ALIAS_KO] = "ko",
	[CFG_ALIAS_ZH] = "zh",
	[CFG_ALIAS_ZH_HANT] = "zh-Hant",
	[CFG_ALIAS_ABBR] = "abbr",
};

static const char *
lang_name(enum cfg_alias_lang l)
{
	if ((size_t)l >= sizeof(alias_lang) / sizeof(alias_lang[0]))
		return NULL;
	return alias_lang[l];
}

/* FNV-1a: change detection only, a collision merely skips one sync. */
static void
fnv(uint64_t *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	do {
		*h ^= *p;
		*h *= 0x100000001b3ULL;
	} while (*p++ != '\0');
}

static void
entities_digest(const struct cfg_entities *ents, char *out, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	fnv(&h, GAZ_SYNC_VERSION);
	for (size_t i = 0; i < ents->n; i++) {
		const struct cfg_entity *en = &ents->v[i];

		fnv(&h, en->id);
		fnv(&h, en->name);
		fnv(&h, en->country);
		fnv(&h, en->kind);
		for (size_t j = 0; j < en->ntags; j++)
			fnv(&h, en->tags[j]);
		fnv(&h, "\x01");
		for (size_t j = 0; j < en->naliases; j++) {
			fnv(&h, en->aliases[j].text);
			fnv(&h, lang_name(en->aliases[j].lang));
		}
		fnv(&h, "\x02");
	}
	snprintf(out, size, "%zu:%016llx", ents->n, (unsigned long long)h);
}

/* 0 when meta holds digest already, 1 when not, -1 on error. */
static int
digest_matches(struct store *s, const char *digest, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_META_GET, e);
	int rc, same = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, "gazetteer_digest", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		same = strcmp((const char *)sqlite3_column_text(st, 0),
			   digest) == 0;
	else if (rc != SQLITE_DONE)
		store_err(s, e, "reading meta");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	return same ? 0 : 1;
}

static int
digest_store(struct store *s, const char *digest, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_META_PUT, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, "gazetteer_digest", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, digest, -1, SQLITE_TRANSIENT);
	return store_step_done(s, st, "writing meta", e);
}

static int
exec_id_text(struct store *s, const char *sql, int64_t id, const char *v,
    const char *v2, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (v != NULL)
		sqlite3_bind_text(st, 2, v, -1, SQLITE_TRANSIENT);
	if (v2 != NULL)
		sqlite3_bind_text(st, 3, v2, -1, SQLITE_TRANSIENT);
	return store_step_done(s, st, "syncing gazetteer", e);
}

/*
 * Frees the canonical name for the entity's row *id (0: none yet): a row
 * discovered under that name is adopted when the entity has no row, any
 * other holder is renamed "name #id" (names are unique).
 */
static int
claim_name(struct store *s, const char *name, int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ORG_BY_NAME, e);
	int64_t holder;
	bool discovered;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			store_err(s, e, "looking up org");
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	holder = sqlite3_column_int64(st, 0);
	discovered = sqlite3_column_int(st, 1) != 0;
	sqlite3_reset(st);
	if (holder == *id)
		return 0;
	if (*id == 0 && discovered) {
		*id = holder;
		return 0;
	}
	return exec_id_text(s, SQL_ORG_RENAME, holder, NULL, NULL, e);
}

static const char *
entity_name(const struct cfg_entity *en)
{
	return en->name != NULL ? en->name : en->id;
}

static int
org_write(struct store *s, const struct cfg_entity *en, int64_t *id,
    struct err *e)
{
	sqlite3_stmt *st;
	char now[32];

	if (*id != 0) {
		if ((st = store_stmt(s, SQL_ORG_UPDATE, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, *id);
		store_bind_text(st, 2, entity_name(en));
		store_bind_text(st, 3, en->id);
		store_bind_text(st, 4, en->country);
		store_bind_text(st, 5, en->kind);
		return store_step_done(s, st, "updating org", e);
	}
	if ((st = store_stmt(s, SQL_ORG_INSERT, e)) == NULL)
		return -1;
	store_now(now, sizeof(now));
	store_bind_text(st, 1, entity_name(en));
	store_bind_text(st, 2, en->id);
	store_bind_text(st, 3, en->country);
	store_bind_text(st, 4, en->kind);
	store_bind_text(st, 5, now);
	if (store_step_done(s, st, "inserting org", e) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(store_sqlite(s));
	return 0;
}

static int
org_row(struct store *s, const struct cfg_entity *en, int64_t *id,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_ORG_BY_ENTITY, e);

	*id = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, en->id, -1, SQLITE_TRANSIENT);
	if (store_step_int64(s, st, id, "looking up org", e) == -1)
		return -1;
	if (claim_name(s, entity_name(en), id, e) == -1)
		return -1;
	return org_write(s, en, id, e);
}

static int
entity_sync(struct store *s, const struct cfg_entity *en, struct err *e)
{
	int64_t id;

	if (org_row(s, en, &id, e) == -1)
		return -1;
	if (exec_id_text(s, SQL_TAGS_CLEAR, id, NULL, NULL, e) == -1)
		return -1;
	for (size_t i = 0; i < en->ntags; i++)
		if (exec_id_text(s, SQL_TAG_ADD, id, en->tags[i], NULL, e) ==
		    -1)
			return -1;
	if (exec_id_text(s, SQL_ALIASES_CLEAR, id, NULL, NULL, e) == -1)
		return -1;
	for (size_t i = 0; i < en->naliases; i++)
		if (exec_id_text(s, SQL_ALIAS_ADD, id, en->aliases[i].text,
			lang_name(en->aliases[i].lang), e) == -1)
			return -1;
	return 0;
}

static int
stale_tags_drop(struct store *s, const struct cfg_entities *ents,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_STALE_TAGS, e);
	struct buf ids = {0};
	int rc;

	if (st == NULL)
		return -1;
	buf_putc(&ids, '[');
	for (size_t i = 0; i < ents->n; i++) {
		if (i > 0)
			buf_putc(&ids, ',');
		json_str(&ids, ents->v[i].id);
	}
	buf_putc(&ids, ']');
	sqlite3_bind_text(st, 1, ids.data, (int)ids.len, SQLITE_TRANSIENT);
	rc = store_step_done(s, st, "dropping stale gazetteer tags", e);
	buf_free(&ids);
	return rc;
}

int
store_gazetteer_sync(struct store *s, const struct cfg *c, struct err *e)
{
	struct store_tx tx;
	char digest[64];
	int rc;

	entities_digest(&c->entities, digest, sizeof(digest));
	if ((rc = digest_matches(s, digest, e)) != 1)
		return rc;
	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	for (size_t i = 0; i < c->entities.n && rc == 1; i++)
		if (entity_sync(s, &c->entities.v[i], e) == -1) {
			err_prefix(e, "entity %s: ", c->entities.v[i].id);
			rc = -1;
		}
	if (rc == 1)
		rc = stale_tags_drop(s, &c->entities, e);
	if (rc == 0)
		rc = digest_store(s, digest, e);
	return store_tx_leave(s, &tx, rc, e);
}
