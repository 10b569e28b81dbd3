/* SPDX-License-Identifier: ISC */
/*
 * The working state of one extraction, shared by the rule modules
 * (mention_org.c, mention_place.c, mention_sector.c, event.c, mou.c) and
 * filled in that order by extract.c. Internal to parsers/: the public
 * result is struct extract_result.
 *
 * Everything here is in BYTE offsets of the normalised text (text_norm);
 * extract.c maps spans back to code points of the original text at the
 * end. The vocabulary (struct mention_vocab) is built once per extractor
 * and only read afterwards; a mention_doc belongs to one extract_run.
 */
#ifndef MENTION_H
#define MENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "cfg_patterns.h"
#include "date.h"
#include "extract.h"
#include "gaz.h"
#include "text.h"

/* Categories of vocabulary hits (gaz_hit.kind). */
enum mention_kind {
	MK_ENTITY,	/* idx: entity */
	MK_PLACE,	/* idx: place */
	MK_SECTOR,	/* idx: sector */
	MK_EVENT,	/* idx: event type */
	MK_ROLE,	/* idx: role * 2 (+1 for a list label) */
	MK_MOU,		/* idx: enum mention_mou_word */
	MK_CUE,		/* idx: enum cfg_cue */
	MK_SUFFIX,	/* idx: org suffix */
	MK_TITLE,	/* a person's title */
	MK_ZHSTOP,	/* a word a Chinese name does not cross */
	MK_ZHSTOPX,	/* an exception to that (共和国) */
	MK_MODIFIER,	/* a Korean word that may open an org name */
	MK_PLACE_ALT,	/* idx: place whose alt_context this is */
	MK_LATINSTOP,	/* idx: unused */
	MK_COUNT,
};

#define MK_BIT(k) (1u << (k))

enum mention_mou_word {
	MOU_TRIGGER,
	MOU_VERB,
	MOU_STRONG,
};

/*
 * The vocabulary automaton and the tables it points into (borrowed), plus
 * the word lists compared outside the automaton in both Han scripts.
 */
struct mention_vocab {
	const struct cfg_entities *ents;
	const struct cfg_patterns *pat;
	struct gaz *gaz;
	struct cfg_words generic_orgs;		/* owned, Han variants added */
	struct cfg_words generic_prefixes;
	struct cfg_words venues;
	struct cfg_words class_nouns;
	struct cfg_words trigger_not_before;
	struct cfg_words *suffix_not_before;	/* per pat->suffixes */
};

int mention_vocab_new(const struct cfg *c, struct mention_vocab **out,
    struct err *e);
/* The same with a builder the caller made (consumed whatever the result):
   tests watch the Han forms through gaz_builder_on_han. */
int mention_vocab_build(const struct cfg *c, struct gaz_builder *b,
    struct mention_vocab **out, struct err *e);
void mention_vocab_free(struct mention_vocab *v);

/* One distinct organisation of the document. */
struct mention_org {
	long entity;		/* index in ents, -1 when found by shape */
	char *key;		/* merge key: name without spaces, lower case */
	const char *kind;	/* borrowed: entity kind or suffix kind */
	size_t first;		/* index of its first mention in doc->om */
	size_t nmentions;
	long alias_of;		/* unknown merged into another org, else -1 */
};

/* One occurrence of an organisation. */
struct mention_om {
	size_t start, end;	/* bytes of the normalised text */
	size_t org;		/* index into doc->orgs */
	bool nested;		/* inside a longer organisation name */
	bool modifier;		/* right before another org: its parent */
	bool unit;		/* a unit named after the entity (KAIST 기술
				   사업화센터): not the entity's own name */
};

struct mention_place {
	size_t start, end;
	size_t place;		/* index into pat->places */
	bool alt;		/* the alternative reading (광주 -> Guangzhou) */
	bool inner;		/* inside an organisation's name: a hint of
				   last resort for locations, not a mention */
};

struct mention_party {
	size_t org;
	enum extract_role role;
};

struct mention_event {
	size_t type;		/* index into pat->events */
	size_t start, end;	/* the main sentence */
	size_t tstart, tend;	/* the trigger */
	char *name;		/* owned, NULL when none */
	bool quoted;		/* the name came from quotes */
	struct date_ymd date;
	long place;		/* index into doc->places, -1 */
	struct mention_party *orgs;
	size_t norgs;
	uint32_t sectors;	/* bit i: pat->sectors[i] */
	long torg;		/* the event-series org that triggered it */
	size_t last_sent;	/* last sentence that spoke of it */
	bool dropped;		/* merged into another event */
};

struct mention_mou {
	size_t start, end;	/* the sentence */
	size_t tstart, tend;	/* its first signing word */
	struct date_ymd date;
	long place;
	size_t *parties;	/* org indexes */
	size_t nparties;
	bool dropped;
};

struct mention_doc {
	const struct mention_vocab *voc;
	const char *s;		/* normalised text */
	size_t len;
	struct text_span *sent;	/* sentences, bytes of s */
	size_t nsent;
	struct date_mention *dm;
	size_t ndm;
	struct date_ymd pub;
	bool zh;		/* Chinese text: 광주 means Guangzhou etc. */
	struct gaz_hits hits;	/* every vocabulary hit, sorted */
	unsigned char *zh_stop_end;	/* bit b: a Chinese stop word ends
					   at byte b (mention_doc_prepare) */
	struct mention_org *orgs;
	size_t norgs;
	struct mention_om *om;	/* sorted by start */
	size_t nom;
	struct mention_place *places;	/* sorted by start */
	size_t nplaces;
	uint32_t sectors;	/* document sectors, bit per pat->sectors */
	struct gaz_hits sect;	/* sector keywords that count */
	struct mention_event *ev;
	size_t nev;
	struct mention_mou *mou;
	size_t nmou;
};

/* An organisation name proposed by the gazetteer or by its shape. */
struct mention_cand {
	size_t start, end;
	size_t sfx;		/* where the shape's suffix starts */
	long entity;		/* gazetteer entity, or -1 */
	const char *kind;	/* borrowed */
	bool unit;		/* a shape name absorbed into entity */
};

struct mention_cands {
	struct mention_cand *v;
	size_t n, cap;
};

/* Caps on what one document can produce (hostile text). */
#define MENTION_MAX_ORGS 4096
#define MENTION_MAX_EVENTS 512
#define MENTION_MAX_PARTIES 32

/* Derived indexes every pass may use; after hits are scanned. */
void mention_doc_prepare(struct mention_doc *d);
void mention_doc_free(struct mention_doc *d);
bool mention_bit(const unsigned char *bm, size_t b);

/* The date for something said at anchor in s[start..end) (a sentence). */
struct date_ymd mention_date_near(const struct mention_doc *d, size_t start,
    size_t end, size_t anchor);
/* The place of an action in s[start..end): index into places, or -1. */
long mention_place_near(const struct mention_doc *d, size_t start,
    size_t end, size_t anchor);
/*
 * No city in sentence si: the last one named before it, else the first
 * after it, else one inside an organisation's name (北京航空航天大学).
 */
long mention_place_fallback(const struct mention_doc *d, size_t si);
/* Date mention covering byte b, or NULL. */
const struct date_mention *mention_date_at(const struct mention_doc *d,
    size_t b);

/* Rule passes, in the order extract.c runs them. */
void mention_org_find(struct mention_doc *d);
/* Appends the shape candidates (mention_shape.c) to out. */
void mention_shape_find(struct mention_doc *d, struct mention_cands *out);
/* Appends names found by the lists carrying them (mention_list.c). */
void mention_list_find(struct mention_doc *d, struct mention_cands *out);
/* True when s[start..end) with its suffix at sfx is a name by itself. */
bool mention_shape_valid(const struct mention_doc *d, size_t start,
    size_t sfx, size_t end);
void mention_place_find(struct mention_doc *d);
void mention_sector_find(struct mention_doc *d);
/* Sectors whose keywords lie in [start, end). */
uint32_t mention_sectors_in(const struct mention_doc *d, size_t start,
    size_t end);

/*
 * The organisations of s[start..end) (not nested, not modifiers) with
 * their roles, one entry per organisation; *out owned (free()), returns
 * the count (at most MENTION_MAX_PARTIES).
 */
size_t mention_roles(const struct mention_doc *d, size_t start, size_t end,
    struct mention_party **out);
enum extract_role mention_role_parse(const char *name);

void event_find(struct mention_doc *d);
void mou_find(struct mention_doc *d);

/* Shared helpers (mention_util.c). */

/* Code point at s[*i], advancing *i; see text_utf8_next. */
uint32_t mention_next(const char *s, size_t len, size_t *i);
/* Code point ending at byte i (i > 0), and its start in *start. */
uint32_t mention_prev(const char *s, size_t i, size_t *start);
bool mention_is_hangul(uint32_t cp);
bool mention_is_han(uint32_t cp);
bool mention_is_latin(uint32_t cp);	/* ASCII letters and digits */

/*
 * Length in bytes of the longest sequence of Korean particles (from the
 * vocabulary, at most 3 of them) at s[i..]; 0 if none.
 */
size_t mention_particles_len(const struct mention_doc *d, size_t i,
    size_t end);
/* True if s[i..end) starts with one of the words. */
size_t mention_word_at(const struct cfg_words *w, const char *s, size_t i,
    size_t end);
/* True if s[start..end) ends with one of the words; the length. */
size_t mention_word_ending(const struct cfg_words *w, const char *s,
    size_t start, size_t end);

/* The sentence holding byte b, or d->nsent. */
size_t mention_sentence_of(const struct mention_doc *d, size_t b);

/* The index in d->om of the first mention starting at or after b. */
size_t mention_om_from(const struct mention_doc *d, size_t b);
/* The org mention covering byte b (outermost), or NULL. */
const struct mention_om *mention_om_at(const struct mention_doc *d, size_t b);

/* Hits of kind k (bit mask) overlapping [start, end), first index. */
size_t mention_hits_from(const struct mention_doc *d, size_t start);
/* True if some hit of the kinds in mask with idx lies in [start, end). */
bool mention_has_cue(const struct mention_doc *d, uint32_t mask,
    long idx, size_t start, size_t end);

#endif
