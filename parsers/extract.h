/* SPDX-License-Identifier: ISC */
/*
 * Extraction: one decoded (UTF-8) HTML page in, one structured document
 * out: title, publication date, language, the article text, and the
 * organisations, mentions, events, MOUs and sectors found in it, each with
 * character offsets into that text and an evidence snippet.
 *
 * Pure: no network, no disk, no store. An extractor is built once from a
 * loaded cfg (gazetteer automaton, patterns) and is then
 * read-only, so several threads may call extract_run() on it at once.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "err.h"

struct extractor;

/* Offsets are in Unicode code points into extract_result.text, [start, end). */
struct extract_span {
	size_t start;
	size_t end;
};

struct extract_org {
	char *name;		/* surface form of the first mention */
	char *canonical;	/* gazetteer display name, else cleaned name */
	char *entity_id;	/* gazetteer id, or NULL when unverified */
	char *country;		/* ISO code or NULL */
	char *kind;		/* gazetteer kind or a guess from the suffix */
	char **tags;		/* gazetteer tags; "unverified" for unknowns */
	size_t ntags;
	bool unverified;	/* found by its shape, not in the gazetteer */
	size_t nmentions;
};

enum extract_mention_kind {
	EXTRACT_M_ORG,
	EXTRACT_M_DATE,
	EXTRACT_M_PLACE,
	EXTRACT_M_SECTOR,
	EXTRACT_M_EVENT,	/* an event trigger */
	EXTRACT_M_MOU,		/* a signing trigger */
};

struct extract_mention {
	enum extract_mention_kind kind;
	struct extract_span span;
	char *surface;		/* the text as written */
	char *value;		/* canonical org, ISO date, place, sector id */
	long org;		/* index into orgs for EXTRACT_M_ORG, else -1 */
};

enum extract_role {
	EXTRACT_ROLE_HOST,
	EXTRACT_ROLE_COHOST,
	EXTRACT_ROLE_ORGANISER,
	EXTRACT_ROLE_SPONSOR,
	EXTRACT_ROLE_ATTENDEE,
	EXTRACT_ROLE_EXHIBITOR,
	EXTRACT_ROLE_PARTICIPANT,	/* around the event, role unclear */
};

/* "host", "co-host", "organiser", "sponsor", "attendee", "exhibitor", ... */
const char *extract_role_name(enum extract_role r);

struct extract_party {
	size_t org;		/* index into extract_result.orgs */
	enum extract_role role;	/* events only; MOUs ignore it */
};

struct extract_event {
	char *type;		/* forum, demo_day, expo, competition, visit,
				   seminar, roadshow, matching, ceremony, other */
	char *name;		/* quoted title or trigger phrase, or NULL */
	char date[11];		/* "YYYY-MM-DD", "YYYY-MM" or "" */
	char *location;		/* canonical place or NULL */
	struct extract_party *orgs;
	size_t norgs;
	char **sectors;
	size_t nsectors;
	struct extract_span span;	/* the main evidence sentence */
	char *evidence;		/* short snippet of the text at span */
};

struct extract_mou {
	char date[11];
	char *location;
	struct extract_party *parties;
	size_t nparties;
	struct extract_span span;
	char *evidence;
};

struct extract_result {
	char *title;		/* NULL when none was found */
	char published[11];	/* ISO date or "" */
	char *lang;		/* "ko", "zh", "zh-Hant", "en", "und" */
	char *text;		/* the article text the offsets refer to */
	size_t text_chars;	/* its length in code points */
	struct extract_org *orgs;
	size_t norgs;
	struct extract_mention *mentions;
	size_t nmentions;
	struct extract_event *events;
	size_t nevents;
	struct extract_mou *mous;
	size_t nmous;
	char **sectors;		/* sector ids for the whole document */
	size_t nsectors;
};

struct extract_input {
	const char *html;	/* UTF-8, need not be NUL-terminated */
	size_t len;
	const char *url;	/* base for relative links; may be NULL */
	const struct cfg_source *source;	/* profile; NULL = generic */
	const char *fallback_date;	/* ISO date for relative dates when
					   the page has none (fetch date) */
};

/* Builds an extractor from c (borrowed; must outlive the extractor). */
int extractor_new(const struct cfg *c, struct extractor **out,
    struct err *e);
void extractor_free(struct extractor *x);

/*
 * Runs the whole extraction. On success *out is owned by the caller
 * (extract_result_free). Hostile input is data: -1 only when the page
 * cannot be parsed at all, with e set.
 */
int extract_run(const struct extractor *x, const struct extract_input *in,
    struct extract_result **out, struct err *e);
void extract_result_free(struct extract_result *r);

#endif
