/* SPDX-License-Identifier: ISC */
/*
 * patterns.yaml: the extraction vocabulary. Every list is data so that an
 * operator can add a trigger or a city without a rebuild; what is checked
 * here is what would silently break matching: unknown keys (a typo would
 * drop a list), unknown event types, roles and cue classes, empty or
 * over-long words, control characters, a word given to two event types
 * (which type would win?), duplicate sector ids, country codes, and the
 * regular expression, compiled with pcre2 and given match and depth limits
 * because it runs on hostile text.
 */
#include "cfg_patterns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_priv.h"
#include "cfg_value.h"
#include "xmem.h"

#define PAT_WORD_MAX 100	/* bytes; a longer "word" is a mistake */
#define PAT_MATCH_LIMIT 200000	/* pcre2 backtracking steps per match */
#define PAT_DEPTH_LIMIT 2000

const char *const cfg_cue_names[CFG_CUE_MAX] = {"event_verb", "past",
    "met_at", "this_day", "today", "both", "three", "reference",
    "not_event", "org_after", "locative", "attend", "anaphora", "umbrella",
    "report", "plan", "parent", "quotative", "sequel", "participants",
    "next_day", "prev_day", "future", "date_label"};

static const char *const event_types[] = {"forum", "demo_day", "expo",
    "competition", "visit", "seminar", "roadshow", "matching", "ceremony",
    "other", NULL};
static const char *const role_names[] = {"host", "co-host", "organiser",
    "sponsor", "attendee", "exhibitor", "participant", NULL};

static const char *const root_keys[] = {"version", "particles",
    "person_titles", "orgs", "lists", "events", "event_rules", "roles", "mou",
    "cues", "places", "place_suffixes", "sectors", NULL};
static const char *const org_keys[] = {"suffixes", "generic_prefixes",
    "generic_names", "zh_stops", "zh_stop_exceptions", "ko_modifiers",
    "latin_stop", "latin_regex", "venues", "class_nouns", NULL};
static const char *const suffix_keys[] = {"suffix", "kind", "prefix",
    "not_before", NULL};
static const char *const list_keys[] = {"bullets", "joiners", NULL};
static const char *const event_keys[] = {"type", "triggers", "weak", NULL};
static const char *const rule_keys[] = {"not_before", "ko_continuations",
    "ko_adnominal", NULL};
static const char *const role_keys[] = {"role", "cues", "labels", NULL};
static const char *const mou_keys[] = {"triggers", "verbs", "strong", NULL};
static const char *const place_keys[] = {"value", "country", "names", "alt",
    NULL};
static const char *const alt_keys[] = {"value", "country", "context", NULL};
static const char *const sector_keys[] = {"id", "keywords", NULL};

static bool
in_list(const char *v, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

static bool
word_has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/* One word of a list: a non-empty string, short, no control characters. */
static char *
word_read(struct cfg_diag *d, const struct cfg_node *n, const char *path)
{
	char *w = NULL;

	if (cfg_node_str(d, n, path, 0, &w) == -1)
		return NULL;
	if (strlen(w) > PAT_WORD_MAX || word_has_control(w)) {
		cfg_diag_error(d, n, path, "a word must be at most %d bytes "
		    "without control characters", PAT_WORD_MAX);
		free(w);
		return NULL;
	}
	return w;
}

/* An optional sequence of words at map.key. */
static void
words_get(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key, struct cfg_words *out)
{
	const struct cfg_node *n = cfg_node_get(map, key);
	char p[CFG_PATH_MAX], pi[CFG_PATH_MAX];

	if (n == NULL || cfg_node_is_null(n))
		return;
	cfg_path_key(p, sizeof(p), path, key);
	if (!cfg_check_seq(d, n, p))
		return;
	out->v = xcalloc(n->n + 1, sizeof(*out->v));
	for (size_t i = 0; i < n->n; i++) {
		char *w;

		cfg_path_index(pi, sizeof(pi), p, i);
		w = word_read(d, n->items[i], pi);
		if (w != NULL)
			out->v[out->n++] = w;
	}
}

static void
words_free(struct cfg_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

/* A required string whose value must be in list. */
static char *
enum_get(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key, const char *const *list)
{
	char *v = NULL, p[CFG_PATH_MAX];

	if (cfg_get_str(d, map, path, key, CFG_REQUIRED, &v) != 0)
		return NULL;
	if (list != NULL && !in_list(v, list)) {
		cfg_path_key(p, sizeof(p), path, key);
		cfg_diag_error(d, cfg_node_get(map, key), p,
		    "unknown value '%s'", v);
		free(v);
		return NULL;
	}
	return v;
}

/* An optional ISO 3166 alpha-2 code. */
static char *
country_get(struct cfg_diag *d, const struct cfg_node *map, const char *path)
{
	char *v = NULL, p[CFG_PATH_MAX];

	if (cfg_get_str(d, map, path, "country", 0, &v) != 0)
		return NULL;
	if (strlen(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' ||
	    v[1] > 'Z') {
		cfg_path_key(p, sizeof(p), path, "country");
		cfg_diag_error(d, cfg_node_get(map, "country"), p,
		    "expected an ISO 3166 alpha-2 code like CN, got '%s'", v);
		free(v);
		return NULL;
	}
	return v;
}

/* Items of the sequence at map.key, each checked as a mapping. */
static const struct cfg_node *
seq_get(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key, char *p, size_t plen)
{
	const struct cfg_node *n = cfg_node_get(map, key);

	cfg_path_key(p, plen, path, key);
	if (n == NULL || cfg_node_is_null(n) || !cfg_check_seq(d, n, p))
		return NULL;
	return n;
}

static char *
word_get(struct cfg_diag *d, const struct cfg_node *map, const char *path,
    const char *key)
{
	const struct cfg_node *n = cfg_get_node(d, map, path, key,
	    CFG_REQUIRED);
	char p[CFG_PATH_MAX];

	if (n == NULL)
		return NULL;
	cfg_path_key(p, sizeof(p), path, key);
	return word_read(d, n, p);
}

static void
parse_suffix(struct cfg_diag *d, const struct cfg_node *m, const char *pi,
    struct cfg_patterns *p)
{
	struct cfg_org_suffix *s = &p->suffixes[p->nsuffixes];

	memset(s, 0, sizeof(*s));
	if (!cfg_check_map(d, m, pi, suffix_keys))
		return;
	s->suffix = word_get(d, m, pi, "suffix");
	(void)cfg_get_str(d, m, pi, "kind", CFG_REQUIRED, &s->kind);
	(void)cfg_get_bool(d, m, pi, "prefix", 0, &s->prefix);
	words_get(d, m, pi, "not_before", &s->not_before);
	if (s->suffix == NULL || s->kind == NULL) {
		free(s->suffix);
		free(s->kind);
		words_free(&s->not_before);
		return;
	}
	p->nsuffixes++;
}

static void
parse_orgs(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	const struct cfg_node *o = cfg_node_get(root, "orgs"), *n;
	char path[CFG_PATH_MAX], pi[CFG_PATH_MAX];

	if (o == NULL || !cfg_check_map(d, o, "orgs", org_keys))
		return;
	words_get(d, o, "orgs", "generic_prefixes", &p->generic_prefixes);
	words_get(d, o, "orgs", "generic_names", &p->generic_orgs);
	words_get(d, o, "orgs", "zh_stops", &p->zh_stops);
	words_get(d, o, "orgs", "zh_stop_exceptions", &p->zh_stop_exceptions);
	words_get(d, o, "orgs", "ko_modifiers", &p->ko_name_modifiers);
	words_get(d, o, "orgs", "latin_stop", &p->latin_org_stop);
	words_get(d, o, "orgs", "venues", &p->venues);
	words_get(d, o, "orgs", "class_nouns", &p->class_nouns);
	n = seq_get(d, o, "orgs", "suffixes", path, sizeof(path));
	if (n != NULL) {
		p->suffixes = xcalloc(n->n + 1, sizeof(*p->suffixes));
		for (size_t i = 0; i < n->n; i++) {
			cfg_path_index(pi, sizeof(pi), path, i);
			parse_suffix(d, n->items[i], pi, p);
		}
	}
}

/* Compiles orgs.latin_regex; the error names the pattern offset. */
static void
parse_regex(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	const struct cfg_node *o = cfg_node_get(root, "orgs");
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE off;
	char *src = NULL;
	int code;

	if (o == NULL || o->kind != CFG_NODE_MAP ||
	    cfg_get_str(d, o, "orgs", "latin_regex", 0, &src) != 0)
		return;
	p->latin_org = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
	    0, &code, &off, NULL);
	if (p->latin_org == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		cfg_diag_error(d, cfg_node_get(o, "latin_regex"),
		    "orgs.latin_regex", "bad regular expression at offset "
		    "%zu: %s", (size_t)off, (char *)msg);
	} else
		(void)pcre2_jit_compile(p->latin_org, PCRE2_JIT_COMPLETE);
	free(src);
}

/* A word given to two event types would make the type depend on order. */
static void
check_trigger_dups(struct cfg_diag *d, const struct cfg_node *at,
    const char *path, const struct cfg_patterns *p)
{
	const struct cfg_event_type *last = &p->events[p->nevents];

	for (size_t k = 0; k < last->triggers.n; k++)
		for (size_t i = 0; i < p->nevents; i++)
			for (size_t j = 0; j < p->events[i].triggers.n; j++)
				if (strcmp(last->triggers.v[k],
				    p->events[i].triggers.v[j]) == 0)
					cfg_diag_error(d, at, path,
					    "trigger '%s' is already given "
					    "to type %s", last->triggers.v[k],
					    p->events[i].type);
}

static void
parse_event(struct cfg_diag *d, const struct cfg_node *m, const char *pi,
    struct cfg_patterns *p)
{
	struct cfg_event_type *ev = &p->events[p->nevents];

	memset(ev, 0, sizeof(*ev));
	if (!cfg_check_map(d, m, pi, event_keys))
		return;
	ev->type = enum_get(d, m, pi, "type", event_types);
	words_get(d, m, pi, "triggers", &ev->triggers);
	(void)cfg_get_bool(d, m, pi, "weak", 0, &ev->weak);
	if (ev->triggers.n == 0)
		cfg_diag_error(d, m, pi, "an event type needs triggers");
	if (ev->type == NULL || ev->triggers.n == 0) {
		free(ev->type);
		words_free(&ev->triggers);
		return;
	}
	check_trigger_dups(d, m, pi, p);
	p->nevents++;
}

static void
parse_events(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	char path[CFG_PATH_MAX], pi[CFG_PATH_MAX];
	const struct cfg_node *n = seq_get(d, root, "", "events", path,
	    sizeof(path)), *r;

	if (n != NULL) {
		p->events = xcalloc(n->n + 1, sizeof(*p->events));
		for (size_t i = 0; i < n->n; i++) {
			cfg_path_index(pi, sizeof(pi), path, i);
			parse_event(d, n->items[i], pi, p);
		}
	}
	r = cfg_node_get(root, "event_rules");
	if (r == NULL || !cfg_check_map(d, r, "event_rules", rule_keys))
		return;
	words_get(d, r, "event_rules", "not_before", &p->trigger_not_before);
	words_get(d, r, "event_rules", "ko_continuations",
	    &p->trigger_continuations);
	words_get(d, r, "event_rules", "ko_adnominal", &p->ko_adnominal);
}

static void
parse_roles(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	char path[CFG_PATH_MAX], pi[CFG_PATH_MAX];
	const struct cfg_node *n = seq_get(d, root, "", "roles", path,
	    sizeof(path));

	if (n == NULL)
		return;
	p->roles = xcalloc(n->n + 1, sizeof(*p->roles));
	for (size_t i = 0; i < n->n; i++) {
		struct cfg_role_cue *r = &p->roles[p->nroles];

		cfg_path_index(pi, sizeof(pi), path, i);
		memset(r, 0, sizeof(*r));
		if (!cfg_check_map(d, n->items[i], pi, role_keys))
			continue;
		r->role = enum_get(d, n->items[i], pi, "role", role_names);
		words_get(d, n->items[i], pi, "cues", &r->cues);
		words_get(d, n->items[i], pi, "labels", &r->labels);
		if (r->role == NULL) {
			words_free(&r->cues);
			words_free(&r->labels);
			continue;
		}
		p->nroles++;
	}
}

static void
parse_cues(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	const struct cfg_node *c = cfg_node_get(root, "cues");
	const char *known[CFG_CUE_MAX + 1];

	for (size_t i = 0; i < CFG_CUE_MAX; i++)
		known[i] = cfg_cue_names[i];
	known[CFG_CUE_MAX] = NULL;
	if (c == NULL || !cfg_check_map(d, c, "cues", known))
		return;
	for (size_t i = 0; i < CFG_CUE_MAX; i++)
		words_get(d, c, "cues", cfg_cue_names[i], &p->cues[i]);
}

static void
parse_alt(struct cfg_diag *d, const struct cfg_node *m, const char *pi,
    struct cfg_place *pl)
{
	const struct cfg_node *a = cfg_node_get(m, "alt");
	char path[CFG_PATH_MAX];

	if (a == NULL)
		return;
	cfg_path_key(path, sizeof(path), pi, "alt");
	if (!cfg_check_map(d, a, path, alt_keys))
		return;
	(void)cfg_get_str(d, a, path, "value", CFG_REQUIRED, &pl->alt_value);
	pl->alt_country = country_get(d, a, path);
	words_get(d, a, path, "context", &pl->alt_context);
}

static void
parse_place(struct cfg_diag *d, const struct cfg_node *m, const char *pi,
    struct cfg_patterns *p)
{
	struct cfg_place *pl = &p->places[p->nplaces];

	memset(pl, 0, sizeof(*pl));
	if (!cfg_check_map(d, m, pi, place_keys))
		return;
	(void)cfg_get_str(d, m, pi, "value", CFG_REQUIRED, &pl->value);
	pl->country = country_get(d, m, pi);
	words_get(d, m, pi, "names", &pl->names);
	parse_alt(d, m, pi, pl);
	if (pl->names.n == 0)
		cfg_diag_error(d, m, pi, "a place needs names");
	p->nplaces++;
}

static void
parse_places(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	char path[CFG_PATH_MAX], pi[CFG_PATH_MAX];
	const struct cfg_node *n = seq_get(d, root, "", "places", path,
	    sizeof(path));

	words_get(d, root, "", "place_suffixes", &p->place_suffixes);
	if (n == NULL)
		return;
	p->places = xcalloc(n->n + 1, sizeof(*p->places));
	for (size_t i = 0; i < n->n; i++) {
		cfg_path_index(pi, sizeof(pi), path, i);
		parse_place(d, n->items[i], pi, p);
	}
}

static bool
sector_id_ok(const char *s)
{
	return s[0] >= 'a' && s[0] <= 'z' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

static void
parse_sector(struct cfg_diag *d, const struct cfg_node *m, const char *pi,
    struct cfg_patterns *p)
{
	struct cfg_sector *sc = &p->sectors[p->nsectors];

	memset(sc, 0, sizeof(*sc));
	if (!cfg_check_map(d, m, pi, sector_keys) ||
	    cfg_get_str(d, m, pi, "id", CFG_REQUIRED, &sc->id) != 0)
		return;
	for (size_t k = 0; k < p->nsectors; k++)
		if (strcmp(p->sectors[k].id, sc->id) == 0)
			cfg_diag_error(d, cfg_node_get(m, "id"), pi,
			    "duplicate sector id '%s'", sc->id);
	if (!sector_id_ok(sc->id))
		cfg_diag_error(d, cfg_node_get(m, "id"), pi,
		    "a sector id is [a-z][a-z0-9_]*, got '%s'", sc->id);
	words_get(d, m, pi, "keywords", &sc->keywords);
	if (sc->keywords.n == 0)
		cfg_diag_error(d, m, pi, "a sector needs keywords");
	p->nsectors++;
}

static void
parse_sectors(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	char path[CFG_PATH_MAX], pi[CFG_PATH_MAX];
	const struct cfg_node *n = seq_get(d, root, "", "sectors", path,
	    sizeof(path));

	if (n == NULL)
		return;
	/* sectors are a 32-bit set in the extractor */
	if (n->n > CFG_SECTORS_MAX) {
		cfg_diag_error(d, n, path, "at most %d sectors",
		    CFG_SECTORS_MAX);
		return;
	}
	p->sectors = xcalloc(n->n + 1, sizeof(*p->sectors));
	for (size_t i = 0; i < n->n; i++) {
		cfg_path_index(pi, sizeof(pi), path, i);
		parse_sector(d, n->items[i], pi, p);
	}
}

static void
parse_misc(struct cfg_diag *d, const struct cfg_node *root,
    struct cfg_patterns *p)
{
	const struct cfg_node *l = cfg_node_get(root, "lists"),
	    *m = cfg_node_get(root, "mou");

	words_get(d, root, "", "particles", &p->particles);
	words_get(d, root, "", "person_titles", &p->person_titles);
	if (l != NULL && cfg_check_map(d, l, "lists", list_keys)) {
		words_get(d, l, "lists", "bullets", &p->bullets);
		words_get(d, l, "lists", "joiners", &p->list_joiners);
	}
	if (m != NULL && cfg_check_map(d, m, "mou", mou_keys)) {
		words_get(d, m, "mou", "triggers", &p->mou_triggers);
		words_get(d, m, "mou", "verbs", &p->mou_verbs);
		words_get(d, m, "mou", "strong", &p->mou_strong);
	}
}

int
cfg_patterns_from_doc(const struct cfg_doc *doc, struct cfg_patterns **out,
    struct cfg_diag *d)
{
	const struct cfg_node *root = cfg_doc_root(doc);
	unsigned before = d->nerrors;
	struct cfg_patterns *p;
	uint64_t version;

	if (!cfg_check_map(d, root, "", root_keys))
		return -1;
	(void)cfg_get_uint(d, root, "", "version", CFG_REQUIRED, 1, 1,
	    &version);
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(cfg_doc_name(doc));
	parse_misc(d, root, p);
	parse_orgs(d, root, p);
	parse_regex(d, root, p);
	parse_events(d, root, p);
	parse_roles(d, root, p);
	parse_cues(d, root, p);
	parse_places(d, root, p);
	parse_sectors(d, root, p);
	p->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(p->mctx, PAT_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, PAT_DEPTH_LIMIT);
	if (d->nerrors > before) {
		cfg_patterns_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

int
cfg_patterns_load(const char *path, struct cfg_patterns **out,
    struct cfg_diag *d)
{
	const char *saved = d->name;
	struct cfg_doc *doc;
	struct err e = {{0}};
	int rc;

	if (cfg_doc_load(path, CFG_DATA_MAX_SIZE, &doc, &e) == -1) {
		cfg_diag_err(d, &e);
		return -1;
	}
	d->name = cfg_doc_name(doc);
	rc = cfg_patterns_from_doc(doc, out, d);
	d->name = saved;
	cfg_doc_free(doc);
	return rc;
}

static void
free_places(struct cfg_patterns *p)
{
	for (size_t i = 0; i < p->nplaces; i++) {
		free(p->places[i].value);
		free(p->places[i].country);
		words_free(&p->places[i].names);
		free(p->places[i].alt_value);
		free(p->places[i].alt_country);
		words_free(&p->places[i].alt_context);
	}
	free(p->places);
}

static void
free_lists(struct cfg_patterns *p)
{
	struct cfg_words *all[] = {&p->particles, &p->person_titles,
	    &p->generic_prefixes, &p->generic_orgs, &p->zh_stops,
	    &p->zh_stop_exceptions, &p->ko_name_modifiers, &p->bullets,
	    &p->list_joiners, &p->place_suffixes, &p->trigger_not_before,
	    &p->trigger_continuations, &p->ko_adnominal, &p->latin_org_stop,
	    &p->venues, &p->class_nouns,
	    &p->mou_triggers, &p->mou_verbs, &p->mou_strong};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		words_free(all[i]);
	for (size_t i = 0; i < CFG_CUE_MAX; i++)
		words_free(&p->cues[i]);
}

void
cfg_patterns_free(struct cfg_patterns *p)
{
	if (p == NULL)
		return;
	free_lists(p);
	for (size_t i = 0; i < p->nsuffixes; i++) {
		free(p->suffixes[i].suffix);
		free(p->suffixes[i].kind);
		words_free(&p->suffixes[i].not_before);
	}
	free(p->suffixes);
	for (size_t i = 0; i < p->nevents; i++) {
		free(p->events[i].type);
		words_free(&p->events[i].triggers);
	}
	free(p->events);
	for (size_t i = 0; i < p->nroles; i++) {
		free(p->roles[i].role);
		words_free(&p->roles[i].cues);
		words_free(&p->roles[i].labels);
	}
	free(p->roles);
	free_places(p);
	for (size_t i = 0; i < p->nsectors; i++) {
		free(p->sectors[i].id);
		words_free(&p->sectors[i].keywords);
	}
	free(p->sectors);
	pcre2_code_free(p->latin_org);
	pcre2_match_context_free(p->mctx);
	free(p->path);
	free(p);
}
