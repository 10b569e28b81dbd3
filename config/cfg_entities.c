/* SPDX-License-Identifier: ISC */
/*
 * entities.yaml: the gazetteer of canonical organisations. Validation is
 * about what would make matching wrong rather than merely untidy: ids must
 * be unique (they are the store's keys for entities), every entity needs
 * at least one alias, an alias of one character would match everywhere,
 * and an alias claimed by two entities (compared after NFKC and case
 * folding, as the matcher compares) would make a mention ambiguous.
 * Traditional/Simplified equivalence is not checked here: OpenCC belongs
 * to parsers/.
 */
#include "cfg_entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cfg_priv.h"
#include "cfg_value.h"
#include "xmem.h"

#define ENTITY_ID_MAX 64
#define ALIAS_MAX 200		/* bytes; longer is a sentence, not a name */

static const char *const root_keys[] = {"version", "entities", NULL};
static const char *const entity_keys[] = {"id", "name", "country", "kind",
    "tags", "aliases", "note", NULL};
/* Indexed by enum cfg_alias_lang. */
static const char *const alias_keys[] = {"en", "ko", "zh", "zh_hant",
    "abbr", NULL};

/* One alias as seen in the file, for the cross-entity duplicate check. */
struct seen_alias {
	char *norm;		/* NFKC + case folded */
	size_t entity;
	const struct cfg_node *at;
	char *path;		/* entities[3].aliases.zh[0] */
};

struct loader {
	struct cfg_diag *d;
	struct cfg_entities *ents;
	struct seen_alias *seen;
	size_t nseen;
};

static bool
word_ok(const char *s, const char *first, const char *rest, size_t max)
{
	size_t n = strlen(s);

	return n > 0 && n <= max && strchr(first, s[0]) != NULL &&
	    strspn(s, rest) == n;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"

/* Reports and drops *v when ok is false. */
static void
check_word(struct cfg_diag *d, const struct cfg_node *m, const char *path,
    const char *key, char **v, bool ok, const char *expected)
{
	char p[CFG_PATH_MAX], got[128];

	if (*v == NULL || ok)
		return;
	cfg_path_key(p, sizeof(p), path, key);
	cfg_diag_error(d, cfg_node_get(m, key), p, "expected %s, got %s",
	    expected, cfg_node_describe(cfg_node_get(m, key), got,
	    sizeof(got)));
	free(*v);
	*v = NULL;
}

static void
parse_tags(struct cfg_diag *d, const struct cfg_node *m, const char *path,
    struct cfg_entity *e)
{
	const struct cfg_node *n = cfg_node_get(m, "tags");
	char p[CFG_PATH_MAX], ip[CFG_PATH_MAX], got[128];
	char *t;

	cfg_path_key(p, sizeof(p), path, "tags");
	if (n == NULL || cfg_node_is_null(n) || !cfg_check_seq(d, n, p))
		return;
	e->tags = xcalloc(n->n + 1, sizeof(*e->tags));
	for (size_t i = 0; i < n->n; i++) {
		cfg_path_index(ip, sizeof(ip), p, i);
		if (cfg_node_str(d, n->items[i], ip, 0, &t) == -1)
			continue;
		if (!word_ok(t, LOWER, LOWER DIGIT "_", 64)) {
			cfg_diag_error(d, n->items[i], ip, "expected a tag like "
			    "state_tech_transfer ([a-z][a-z0-9_]*), got %s",
			    cfg_node_describe(n->items[i], got, sizeof(got)));
			free(t);
			continue;
		}
		for (size_t k = 0; k < e->ntags && t != NULL; k++) {
			if (strcmp(e->tags[k], t) == 0) {
				cfg_diag_error(d, n->items[i], ip,
				    "tag '%s' listed twice", t);
				free(t);
				t = NULL;
			}
		}
		if (t != NULL)
			e->tags[e->ntags++] = t;
	}
}

/* Counts UTF-8 characters: a one-character alias would match anywhere. */
static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static bool
alias_ok(struct cfg_diag *d, const struct cfg_node *n, const char *path,
    const char *t)
{
	size_t len = strlen(t);

	if (len > ALIAS_MAX)
		cfg_diag_error(d, n, path, "alias longer than %d bytes",
		    ALIAS_MAX);
	else if (utf8_len(t) < 2)
		cfg_diag_error(d, n, path, "alias '%s' is too short to match "
		    "safely (2 characters at least)", t);
	else if (t[0] == ' ' || t[len - 1] == ' ' || strpbrk(t, "\t\n\r"))
		cfg_diag_error(d, n, path,
		    "alias has leading, trailing or control whitespace");
	else
		return true;
	return false;
}

static void
add_alias(struct loader *L, struct cfg_entity *e, char *t,
    enum cfg_alias_lang lang, const struct cfg_node *at, const char *path)
{
	char *norm = (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)t);

	e->aliases = xreallocarray(e->aliases, e->naliases + 1,
	    sizeof(*e->aliases));
	e->aliases[e->naliases++] = (struct cfg_alias){t, lang};
	L->seen = xreallocarray(L->seen, L->nseen + 1, sizeof(*L->seen));
	L->seen[L->nseen++] = (struct seen_alias){
	    norm ? norm : xstrdup(t), L->ents->n, at, xstrdup(path)};
}

static void
parse_alias_list(struct loader *L, const struct cfg_node *n,
    const char *path, enum cfg_alias_lang lang, struct cfg_entity *e)
{
	char ip[CFG_PATH_MAX];
	char *t;

	if (!cfg_check_seq(L->d, n, path))
		return;
	if (n->n == 0)
		cfg_diag_error(L->d, n, path, "empty list: add aliases or "
		    "remove the key");
	for (size_t i = 0; i < n->n; i++) {
		cfg_path_index(ip, sizeof(ip), path, i);
		if (cfg_node_str(L->d, n->items[i], ip, 0, &t) == -1)
			continue;
		if (!alias_ok(L->d, n->items[i], ip, t)) {
			free(t);
			continue;
		}
		add_alias(L, e, t, lang, n->items[i], ip);
	}
}

static void
parse_aliases(struct loader *L, const struct cfg_node *m, const char *path,
    struct cfg_entity *e)
{
	const struct cfg_node *n;
	char p[CFG_PATH_MAX], lp[CFG_PATH_MAX];
	size_t k;

	n = cfg_get_node(L->d, m, path, "aliases", CFG_REQUIRED);
	cfg_path_key(p, sizeof(p), path, "aliases");
	if (n == NULL || !cfg_check_map(L->d, n, p, alias_keys))
		return;
	if (n->n == 0)
		cfg_diag_error(L->d, n, p, "no aliases: an entity needs at "
		    "least one name to be found by");
	/* In file order, so errors come out in the order an editor shows. */
	for (size_t i = 0; i < n->n; i++) {
		for (k = 0; alias_keys[k] != NULL; k++)
			if (strcmp(n->keys[i]->value, alias_keys[k]) == 0)
				break;
		if (alias_keys[k] == NULL)
			continue;
		cfg_path_key(lp, sizeof(lp), p, alias_keys[k]);
		parse_alias_list(L, n->items[i], lp, (enum cfg_alias_lang)k,
		    e);
	}
}

static void
parse_entity(struct loader *L, const struct cfg_node *m, const char *path,
    struct cfg_entity *e)
{
	struct cfg_diag *d = L->d;
	char *note = NULL;

	e->line = m->line;
	if (!cfg_check_map(d, m, path, entity_keys))
		return;
	if (cfg_get_str(d, m, path, "id", CFG_REQUIRED, &e->id) == 0)
		check_word(d, m, path, "id", &e->id,
		    word_ok(e->id, LOWER DIGIT, LOWER DIGIT "-", ENTITY_ID_MAX),
		    "an id like torch-center ([a-z0-9][a-z0-9-]*)");
	(void)cfg_get_str(d, m, path, "name", CFG_REQUIRED, &e->name);
	if (cfg_get_str(d, m, path, "country", CFG_REQUIRED, &e->country) == 0)
		check_word(d, m, path, "country", &e->country,
		    strlen(e->country) == 2 && word_ok(e->country, UPPER, UPPER,
		    2), "an ISO 3166 country code like CN or KR");
	if (cfg_get_str(d, m, path, "kind", 0, &e->kind) == 0)
		check_word(d, m, path, "kind", &e->kind,
		    word_ok(e->kind, LOWER, LOWER DIGIT "_", 64),
		    "a kind like university ([a-z][a-z0-9_]*)");
	parse_tags(d, m, path, e);
	parse_aliases(L, m, path, e);
	(void)cfg_get_str(d, m, path, "note", CFG_NULLABLE, &note);
	free(note);
}

static int
seen_cmp(const void *a, const void *b)
{
	const struct seen_alias *x = a, *y = b;
	int c = strcmp(x->norm, y->norm);

	return c != 0 ? c : (x->entity > y->entity) - (x->entity < y->entity);
}

/* Sorted, so 8 MiB of aliases is n log n, not n squared. */
static void
check_alias_clashes(struct loader *L)
{
	const struct seen_alias *a, *b;

	if (L->nseen < 2)
		return;
	qsort(L->seen, L->nseen, sizeof(*L->seen), seen_cmp);
	for (size_t i = 1; i < L->nseen; i++) {
		a = &L->seen[i - 1];
		b = &L->seen[i];
		if (a->entity == b->entity || strcmp(a->norm, b->norm) != 0)
			continue;
		cfg_diag_error(L->d, b->at, b->path, "alias '%s' also belongs to "
		    "'%s' (line %u): a mention would be ambiguous",
		    b->at->value, L->ents->v[a->entity].id ?
		    L->ents->v[a->entity].id : "?", a->at->line);
	}
}

static int
id_cmp(const void *a, const void *b)
{
	const struct cfg_entity *const *x = a, *const *y = b;
	int c = strcmp((*x)->id, (*y)->id);

	return c != 0 ? c : ((*x)->line > (*y)->line) - ((*x)->line < (*y)->line);
}

static void
check_ids(struct loader *L, const struct cfg_node *seq)
{
	const struct cfg_entity **v;
	size_t n = 0, idx;
	char p[CFG_PATH_MAX];

	v = xreallocarray(NULL, L->ents->n + 1, sizeof(*v));
	for (size_t i = 0; i < L->ents->n; i++)
		if (L->ents->v[i].id != NULL)
			v[n++] = &L->ents->v[i];
	qsort(v, n, sizeof(*v), id_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(v[i]->id, v[i - 1]->id) != 0)
			continue;
		idx = (size_t)(v[i] - L->ents->v);
		snprintf(p, sizeof(p), "entities[%zu].id", idx);
		cfg_diag_error(L->d, cfg_node_get(seq->items[idx], "id"), p,
		    "duplicate id '%s' (first at line %u)", v[i]->id,
		    v[i - 1]->line);
	}
	free(v);
}

static void
parse_file(struct loader *L, const struct cfg_node *root)
{
	const struct cfg_node *seq;
	char p[CFG_PATH_MAX];
	uint64_t version;

	if (!cfg_check_map(L->d, root, "", root_keys))
		return;
	(void)cfg_get_uint(L->d, root, "", "version", CFG_NULLABLE, 1, 1,
	    &version);
	seq = cfg_get_node(L->d, root, "", "entities", CFG_REQUIRED);
	if (seq == NULL || !cfg_check_seq(L->d, seq, "entities"))
		return;
	L->ents->v = xcalloc(seq->n + 1, sizeof(*L->ents->v));
	for (size_t i = 0; i < seq->n; i++) {
		cfg_path_index(p, sizeof(p), "entities", i);
		parse_entity(L, seq->items[i], p, &L->ents->v[i]);
		L->ents->n = i + 1;
	}
	check_ids(L, seq);
	check_alias_clashes(L);
}

int
cfg_entities_from_doc(const struct cfg_doc *doc, struct cfg_entities *out,
    struct cfg_diag *d)
{
	struct cfg_entities ents = {NULL, 0};
	struct loader L = {.d = d, .ents = &ents};
	const char *saved = d->name;
	unsigned before = d->nerrors;

	d->name = cfg_doc_name(doc);
	parse_file(&L, cfg_doc_root(doc));
	d->name = saved;
	for (size_t i = 0; i < L.nseen; i++) {
		free(L.seen[i].norm);
		free(L.seen[i].path);
	}
	free(L.seen);
	if (d->nerrors > before) {
		cfg_entities_deinit(&ents);
		return -1;
	}
	*out = ents;
	return 0;
}

int
cfg_entities_load(const char *path, struct cfg_entities *out,
    struct cfg_diag *d)
{
	struct cfg_doc *doc;
	struct err e = {{0}};
	int rc;

	if (cfg_doc_load(path, CFG_DATA_MAX_SIZE, &doc, &e) == -1) {
		cfg_diag_err(d, &e);
		return -1;
	}
	rc = cfg_entities_from_doc(doc, out, d);
	cfg_doc_free(doc);
	return rc;
}

void
cfg_entities_deinit(struct cfg_entities *ents)
{
	struct cfg_entity *e;

	for (size_t i = 0; i < ents->n; i++) {
		e = &ents->v[i];
		free(e->id);
		free(e->name);
		free(e->country);
		free(e->kind);
		for (size_t k = 0; k < e->ntags; k++)
			free(e->tags[k]);
		free(e->tags);
		for (size_t k = 0; k < e->naliases; k++)
			free(e->aliases[k].text);
		free(e->aliases);
	}
	free(ents->v);
	ents->v = NULL;
	ents->n = 0;
}

const struct cfg_entity *
cfg_entities_find(const struct cfg_entities *ents, const char *id)
{
	for (size_t i = 0; i < ents->n; i++)
		if (ents->v[i].id != NULL && strcmp(ents->v[i].id, id) == 0)
			return &ents->v[i];
	return NULL;
}

size_t
cfg_entities_alias_count(const struct cfg_entities *ents)
{
	size_t n = 0;

	for (size_t i = 0; i < ents->n; i++)
		n += ents->v[i].naliases;
	return n;
}
