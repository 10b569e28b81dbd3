/* SPDX-License-Identifier: ISC */
/*
 * One extraction result into the store: the document (its FTS rows come
 * from the schema's triggers), its sectors, mentions, organisations,
 * events and MOUs, in one atomic section. Extraction output is trusted for
 * shape only: indexes, spans, types, roles and dates are checked here, so
 * a buggy or fuzzed result cannot violate the schema or point outside the
 * text; what does not fit is dropped or clamped, never fatal.
 */
#include "store_record.h"

#include <stdlib.h>
#include <string.h>

#include "store_record_priv.h"
#include "xmem.h"

static const char SQL_DOC_EXISTS[] =
    "SELECT id FROM document WHERE run_id = ?1 AND capture_id = ?2";
static const char SQL_DOC_INSERT[] =
    "INSERT INTO document (run_id, capture_id, source_id, url, title,"
    " published, lang, text, text_chars, charset, charset_source)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_DOC_SECTOR[] =
    "INSERT OR IGNORE INTO document_sector (document_id, sector)"
    " VALUES (?1, ?2)";
/*
 * Mentions (a page has ~45) and an event's organisations (~8) go in as
 * few statements as their count allows: runs of 8 rows, then one of 4,
 * 2 and 1 for the rest (44 mentions: 6 statements). Each statement run
 * costs its set-up and, since it writes several rows, a statement journal
 * into which SQLite copies every page it is about to change; the rest
 * went one row a statement before (44 mentions: 9). Larger statements
 * (32 rows) saved little more and cost ~0.2 MiB of the crawl's peak in
 * prepared programs.
 */
#define ROWS_1(R) R
#define ROWS_2(R) R "," R
#define ROWS_4(R) ROWS_2(R) "," ROWS_2(R)
#define ROWS_8(R) ROWS_4(R) "," ROWS_4(R)
/* The statements of 8, 4, 2 and 1 rows of R after HEAD, largest first. */
#define ROWS_SQL(HEAD, R)						\
	{HEAD ROWS_8(R), HEAD ROWS_4(R), HEAD ROWS_2(R), HEAD ROWS_1(R)}
#define CHUNK_MAX 8
#define CHUNK_SIZES 4

#define MENTION_COLS 8
#define MENTION_INSERT							\
	"INSERT INTO mention (run_id, document_id, kind, start, end,"	\
	" surface, value, org_id) VALUES "
#define MENTION_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"
static const char *const SQL_MENTIONS[CHUNK_SIZES] =
    ROWS_SQL(MENTION_INSERT, MENTION_ROW);
/*
 * An event's and MOU's day (schema 0015) is named here, so that the
 * insert trigger has nothing to correct (0019): the same rule, its date
 * else its document's day.
 */
#define RECORD_DAY(DATE, DOC)						\
	"coalesce(" DATE ", (SELECT day FROM document_day WHERE id = " DOC "))"
static const char SQL_EVENT[] =
    "INSERT INTO event (run_id, document_id, group_id, type, name, date,"
    " location, start, end, evidence, day)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    RECORD_DAY("?6", "?2") ")";
#define EVENT_ORG_COLS 4
#define EVENT_ORG_INSERT						\
	"INSERT OR IGNORE INTO event_org (event_id, org_id, role, name)"	\
	" VALUES "
#define EVENT_ORG_ROW "(?, ?, ?, ?)"
static const char *const SQL_EVENT_ORGS[CHUNK_SIZES] =
    ROWS_SQL(EVENT_ORG_INSERT, EVENT_ORG_ROW);
static const char SQL_EVENT_SECTOR[] =
    "INSERT OR IGNORE INTO event_sector (event_id, sector) VALUES (?1, ?2)";
static const char SQL_MOU[] =
    "INSERT INTO mou (run_id, document_id, group_id, date, location, start,"
    " end, evidence, day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    RECORD_DAY("?4", "?2") ")";
static const char SQL_MOU_PARTY[] =
    "INSERT OR IGNORE INTO mou_party (mou_id, org_id, name)"
    " VALUES (?1, ?2, ?3)";

/* The values the schema's CHECK constraints accept. */
static const char *const event_types[] = {"forum", "demo_day", "expo",
    "competition", "visit", "seminar", "roadshow", "matching", "ceremony",
    "other"};
static const char *const roles[] = {"host", "co-host", "organiser",
    "sponsor", "attendee", "exhibitor", "participant"};
static const char *const mention_kinds[] = {
	[EXTRACT_M_ORG] = "org",
	[EXTRACT_M_DATE] = "date",
	[EXTRACT_M_PLACE] = "place",
	[EXTRACT_M_SECTOR] = "sector",
	[EXTRACT_M_EVENT] = "event",
	[EXTRACT_M_MOU] = "mou",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* One document being written. */
struct docw {
	struct store *s;
	const struct store_doc *d;
	const struct extract_result *r;
	int64_t id;		/* document id once inserted */
	int64_t *orgs;		/* org id per r->orgs index; 0: unusable */
	unsigned *org_flags;	/* STORE_ORG_* per r->orgs index */
};

static const char *
one_of(const char *v, const char *const *allowed, size_t n, const char *dflt)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		if (strcmp(v, allowed[i]) == 0)
			return allowed[i];
	return dflt;
}

static bool
span_ok(const struct docw *w, struct extract_span sp)
{
	return sp.start <= sp.end && sp.end <= w->r->text_chars;
}

static int
doc_exists(struct store *s, const struct store_doc *d, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_DOC_EXISTS, e);
	int64_t id;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, d->run_id);
	sqlite3_bind_int64(st, 2, d->capture_id);
	rc = store_step_int64(s, st, &id, "looking up document", e);
	return rc == -1 ? -1 : rc == 0;
}

static int
doc_insert(struct docw *w, struct err *e)
{
	sqlite3_stmt *st = store_stmt(w->s, SQL_DOC_INSERT, e);
	const struct extract_result *r = w->r;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, w->d->run_id);
	sqlite3_bind_int64(st, 2, w->d->capture_id);
	sqlite3_bind_int64(st, 3, w->d->source_id);
	store_bind_text(st, 4, w->d->url);
	store_bind_text(st, 5, r->title);
	store_bind_text(st, 6, store_date_valid(r->published));
	store_bind_text(st, 7, r->lang != NULL ? r->lang : "und");
	store_bind_text(st, 8, r->text != NULL ? r->text : "");
	sqlite3_bind_int64(st, 9, r->text != NULL ? (int64_t)r->text_chars : 0);
	store_bind_text(st, 10, w->d->charset);
	store_bind_text(st, 11, w->d->charset_source);
	if (store_step_done(w->s, st, "inserting document", e) == -1)
		return -1;
	w->id = sqlite3_last_insert_rowid(store_sqlite(w->s));
	return 0;
}

static int
id_text(struct store *s, const char *sql, int64_t id, const char *v,
    struct err *e)
{
	sqlite3_stmt *st;

	if (v == NULL)
		return 0;
	if ((st = store_stmt(s, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, v, -1, SQLITE_TRANSIENT);
	return store_step_done(s, st, "inserting sector", e);
}

static int
orgs_resolve(struct docw *w, struct err *e)
{
	w->orgs = xcalloc(w->r->norgs + 1, sizeof(*w->orgs));
	w->org_flags = xcalloc(w->r->norgs + 1, sizeof(*w->org_flags));
	for (size_t i = 0; i < w->r->norgs; i++)
		if (store_org_resolve(w->s, &w->r->orgs[i], &w->orgs[i],
			&w->org_flags[i], e) == -1)
			return -1;
	return 0;
}

static bool
mention_ok(const struct docw *w, const struct extract_mention *m)
{
	return (size_t)m->kind < NELEM(mention_kinds) && span_ok(w, m->span);
}

/* Binds m as the row whose first parameter is base + 1. */
static void
mention_bind(sqlite3_stmt *st, int base, const struct docw *w,
    const struct extract_mention *m)
{
	int64_t org = 0;

	if (m->kind == EXTRACT_M_ORG && m->org >= 0 &&
	    (size_t)m->org < w->r->norgs)
		org = w->orgs[m->org];
	sqlite3_bind_int64(st, base + 1, w->d->run_id);
	sqlite3_bind_int64(st, base + 2, w->id);
	sqlite3_bind_text(st, base + 3, mention_kinds[m->kind], -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 4, (int64_t)m->span.start);
	sqlite3_bind_int64(st, base + 5, (int64_t)m->span.end);
	store_bind_text(st, base + 6, m->surface != NULL ? m->surface : "");
	store_bind_text(st, base + 7, m->value);
	if (org != 0)
		sqlite3_bind_int64(st, base + 8, org);
}

/* The largest statement size of at most n rows; *i its index. */
static size_t
chunk_size(size_t n, size_t *i)
{
	size_t k = CHUNK_MAX;

	for (*i = 0; k > n; (*i)++)
		k >>= 1;
	return k;
}

/* The usable mentions, in extraction order (mention ids keep it). */
static int
mentions_insert(struct docw *w, struct err *e)
{
	const struct extract_result *r = w->r;
	const struct extract_mention **m;
	sqlite3_stmt *st;
	size_t n = 0, k, i;
	int rc = 0;

	m = xcalloc(r->nmentions + 1, sizeof(*m));
	for (size_t j = 0; j < r->nmentions; j++)
		if (mention_ok(w, &r->mentions[j]))
			m[n++] = &r->mentions[j];
	for (size_t done = 0; rc == 0 && done < n; done += k) {
		k = chunk_size(n - done, &i);
		if ((st = store_stmt(w->s, SQL_MENTIONS[i], e)) == NULL) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < k; j++)
			mention_bind(st, (int)j * MENTION_COLS, w, m[done + j]);
		rc = store_step_done(w->s, st, "inserting mentions", e);
	}
	free(m);
	return rc;
}

/* A date from a fixed char[11] field, NUL-terminated whatever it holds. */
static const char *
field_date(const char *field, char *buf)
{
	memcpy(buf, field, 10);
	buf[10] = '\0';
	return store_date_valid(buf);
}

static const char *
party_name(const struct docw *w, size_t org)
{
	const struct extract_org *o = &w->r->orgs[org];

	if (o->name != NULL)
		return o->name;
	return o->canonical != NULL ? o->canonical : "";
}

/* The STORE_ORG_* flags of org row id, one of this document's. */
static unsigned
doc_org_flags(const struct docw *w, int64_t id)
{
	for (size_t i = 0; i < w->r->norgs; i++)
		if (w->orgs[i] == id)
			return w->org_flags[i];
	return 0;
}

/*
 * The event_group of a report with these parties. Their flags come from
 * resolving them, so grouping reads no org row back.
 */
static int
report_group(struct docw *w, struct store_group_key *k,
    const struct extract_party *p, size_t n, int64_t *group, struct err *e)
{
	int64_t *ids = xcalloc(n + 1, sizeof(*ids));
	unsigned *flags = xcalloc(n + 1, sizeof(*flags));
	size_t m = 0;
	int rc;

	for (size_t i = 0; i < n; i++)
		if (p[i].org < w->r->norgs)
			ids[m++] = w->orgs[p[i].org];
	k->orgs = ids;
	k->norgs = store_ids_normalise(ids, m);
	for (size_t i = 0; i < k->norgs; i++)
		flags[i] = doc_org_flags(w, ids[i]);
	k->org_flags = flags;
	k->document_id = w->id;
	rc = store_group_assign(w->s, w->d->run_id, k, group, e);
	free(flags);
	free(ids);
	return rc;
}

static void
bind_span(sqlite3_stmt *st, int idx, const struct docw *w,
    struct extract_span sp)
{
	if (!span_ok(w, sp))
		sp.start = sp.end = 0;
	sqlite3_bind_int64(st, idx, (int64_t)sp.start);
	sqlite3_bind_int64(st, idx + 1, (int64_t)sp.end);
}

static void
event_org_bind(sqlite3_stmt *st, int base, const struct docw *w,
    int64_t event_id, const struct extract_party *p)
{
	const char *role = one_of(extract_role_name(p->role), roles,
	    NELEM(roles), "participant");

	sqlite3_bind_int64(st, base + 1, event_id);
	sqlite3_bind_int64(st, base + 2, w->orgs[p->org]);
	sqlite3_bind_text(st, base + 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 4, party_name(w, p->org), -1,
	    SQLITE_TRANSIENT);
}

/* The parties with a usable organisation. */
static int
event_orgs_insert(struct docw *w, int64_t event_id,
    const struct extract_event *ev, struct err *e)
{
	const struct extract_party **p;
	sqlite3_stmt *st;
	size_t n = 0, k, i;
	int rc = 0;

	p = xcalloc(ev->norgs + 1, sizeof(*p));
	for (size_t j = 0; j < ev->norgs; j++)
		if (ev->orgs[j].org < w->r->norgs &&
		    w->orgs[ev->orgs[j].org] != 0)
			p[n++] = &ev->orgs[j];
	for (size_t done = 0; rc == 0 && done < n; done += k) {
		k = chunk_size(n - done, &i);
		if ((st = store_stmt(w->s, SQL_EVENT_ORGS[i], e)) == NULL) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < k; j++)
			event_org_bind(st, (int)j * EVENT_ORG_COLS, w,
			    event_id, p[done + j]);
		rc = store_step_done(w->s, st,
		    "inserting event organisations", e);
	}
	free(p);
	return rc;
}

static int
event_insert(struct docw *w, const struct extract_event *ev, struct err *e)
{
	struct store_group_key k = {0};
	sqlite3_stmt *st;
	char date[11];
	int64_t group, id;

	k.type = one_of(ev->type, event_types, NELEM(event_types), "other");
	k.date = field_date(ev->date, date);
	k.location = ev->location;
	if (report_group(w, &k, ev->orgs, ev->norgs, &group, e) == -1)
		return -1;
	if ((st = store_stmt(w->s, SQL_EVENT, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, w->d->run_id);
	sqlite3_bind_int64(st, 2, w->id);
	sqlite3_bind_int64(st, 3, group);
	sqlite3_bind_text(st, 4, k.type, -1, SQLITE_STATIC);
	store_bind_text(st, 5, ev->name);
	store_bind_text(st, 6, k.date);
	store_bind_text(st, 7, ev->location);
	bind_span(st, 8, w, ev->span);
	store_bind_text(st, 10, ev->evidence != NULL ? ev->evidence : "");
	if (store_step_done(w->s, st, "inserting event", e) == -1)
		return -1;
	id = sqlite3_last_insert_rowid(store_sqlite(w->s));
	if (event_orgs_insert(w, id, ev, e) == -1)
		return -1;
	for (size_t i = 0; i < ev->nsectors; i++)
		if (id_text(w->s, SQL_EVENT_SECTOR, id, ev->sectors[i], e) ==
		    -1)
			return -1;
	return 0;
}

static int
mou_party_insert(struct docw *w, int64_t mou_id,
    const struct extract_party *p, struct err *e)
{
	sqlite3_stmt *st;

	if (p->org >= w->r->norgs || w->orgs[p->org] == 0)
		return 0;
	if ((st = store_stmt(w->s, SQL_MOU_PARTY, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mou_id);
	sqlite3_bind_int64(st, 2, w->orgs[p->org]);
	sqlite3_bind_text(st, 3, party_name(w, p->org), -1, SQLITE_TRANSIENT);
	return store_step_done(w->s, st, "inserting MOU party", e);
}

static int
mou_insert(struct docw *w, const struct extract_mou *m, struct err *e)
{
	struct store_group_key k = {0};
	sqlite3_stmt *st;
	char date[11];
	int64_t group, id;

	k.mou = true;
	k.date = field_date(m->date, date);
	k.location = m->location;
	if (report_group(w, &k, m->parties, m->nparties, &group, e) == -1)
		return -1;
	if ((st = store_stmt(w->s, SQL_MOU, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, w->d->run_id);
	sqlite3_bind_int64(st, 2, w->id);
	sqlite3_bind_int64(st, 3, group);
	store_bind_text(st, 4, k.date);
	store_bind_text(st, 5, m->location);
	bind_span(st, 6, w, m->span);
	store_bind_text(st, 8, m->evidence != NULL ? m->evidence : "");
	if (store_step_done(w->s, st, "inserting MOU", e) == -1)
		return -1;
	id = sqlite3_last_insert_rowid(store_sqlite(w->s));
	for (size_t i = 0; i < m->nparties; i++)
		if (mou_party_insert(w, id, &m->parties[i], e) == -1)
			return -1;
	return 0;
}

static int
doc_write(struct docw *w, struct err *e)
{
	const struct extract_result *r = w->r;

	if (orgs_resolve(w, e) == -1 || doc_insert(w, e) == -1)
		return -1;
	for (size_t i = 0; i < r->nsectors; i++)
		if (id_text(w->s, SQL_DOC_SECTOR, w->id, r->sectors[i], e) == -1)
			return -1;
	if (mentions_insert(w, e) == -1)
		return -1;
	for (size_t i = 0; i < r->nevents; i++)
		if (event_insert(w, &r->events[i], e) == -1)
			return -1;
	for (size_t i = 0; i < r->nmous; i++)
		if (mou_insert(w, &r->mous[i], e) == -1)
			return -1;
	return 0;
}

int
store_document_insert(struct store *s, const struct store_doc *d,
    const struct extract_result *r, int64_t *document_id, struct err *e)
{
	struct docw w = {s, d, r, 0, NULL, NULL};
	struct store_tx tx;
	int rc;

	if (store_tx_enter(s, &tx, e) == -1)
		return -1;
	if ((rc = doc_exists(s, d, e)) == 1)
		return store_tx_leave(s, &tx, 0, e) == -1 ? -1 : 1;
	if (rc == 0)
		rc = doc_write(&w, e);
	free(w.orgs);
	free(w.org_flags);
	if (store_tx_leave(s, &tx, rc, e) == -1) {
		err_prefix(e, "capture %lld: ", (long long)d->capture_id);
		return -1;
	}
	*document_id = w.id;
	return 0;
}
