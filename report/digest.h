/* SPDX-License-Identifier: ISC */
/*
 * The digest: what is new in a period, gathered once into memory
 * (digest_collect.c) and rendered as Markdown, self-contained HTML with
 * inline SVG charts, or JSON. Reports of one real-world event (an
 * event_group: the same signing announced in Korean and in Chinese) are
 * one item with several sources, so nothing is counted twice.
 */
#ifndef DIGEST_H
#define DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "store.h"

#define DIGEST_MAX_NODES 40	/* organisations drawn in the network */

struct digest_party {
	int64_t org_id;
	char *canonical;
	char *role;		/* events only */
	char *tags;		/* comma-separated, may be NULL */
	char *country;
	char *kind;
	bool unverified;
};

struct digest_report {
	char *url;
	char *title;
	char *source;
	int64_t document_id;
};

/* One real-world event or MOU. */
struct digest_item {
	bool mou;
	int64_t id;		/* first report's record id */
	int64_t group_id;	/* 0: its own group */
	char *type, *name, *date, *day, *location, *evidence, *sectors;
	struct digest_party *parties;
	size_t nparties;
	struct digest_report *reports;
	size_t nreports;
};

struct digest_org {
	char *canonical, *entity_id, *country, *tags, *first_seen;
	int64_t mentions;
	bool unverified;
};

/* A Korean party and a risk-tagged one in the same record. */
struct digest_link {
	char *korean, *korean_tags, *risk, *risk_tags;
	char *via;		/* "mou" or the event type */
	char *date, *url;
};

struct digest_firm {
	char *canonical;
	int records;
	bool risk;		/* met a risk-tagged party in one of them */
};

struct digest_sector {
	char *sector;
	struct digest_firm *firms;
	size_t nfirms;
};

struct digest_type_count {
	char *type;
	int groups, reports;
};

struct digest_week {
	char start[11];		/* Monday */
	char month[8];		/* 'YYYY-MM' of its Thursday, for labels */
	int events, mous;
};

struct digest_node {
	int64_t org_id;
	char *canonical;
	char *tags;
	char *country;
	bool unverified;
	int degree;
};

struct digest_edge {
	size_t a, b;		/* indexes into nodes */
	int weight;
	bool mou;
};

struct digest {
	char since[11], until[11];
	char generated[21];
	int64_t run_id;
	int64_t documents, event_reports, mou_reports;
	size_t nevents, nmous;	/* real-world ones (groups) */
	struct digest_item *items;	/* by date */
	size_t nitems;
	struct digest_type_count *types;
	size_t ntypes;
	struct digest_org *orgs;	/* first seen in the period */
	size_t norgs;
	struct digest_link *links;
	size_t nlinks;
	struct digest_sector *sectors;
	size_t nsectors;
	struct digest_week *weeks;
	size_t nweeks;
	struct digest_node *nodes;
	size_t nnodes, nnodes_all;
	size_t max_nodes;	/* cap on nnodes */
	struct digest_edge *edges;
	size_t nedges;
};

/*
 * Gathers the digest of [since, until] ('YYYY-MM-DD', inclusive) from run
 * (0: current), keeping at most max_nodes organisations in the network
 * (0: DIGEST_MAX_NODES). On success *out is owned by the caller
 * (digest_free).
 */
int digest_collect(struct store *s, const char *since, const char *until,
    int64_t run, size_t max_nodes, struct digest **out, struct err *e);
void digest_free(struct digest *d);

/* Fills types, links, sectors, weeks and the network from the items
 * (digest_derive.c); called by digest_collect. */
void digest_derive(struct digest *d);
/* The network: the max_nodes best-connected organisations, in
 * layout order (Korean side, risk-tagged, others, unverified). */
void digest_network(struct digest *d);
/* Layout class of a node, 0..4, in that order. */
int digest_node_class(const struct digest_node *n);

/* True when the period has nothing at all to report. */
bool digest_is_empty(const struct digest *d);

/* Tag classes for colouring and for the risk links. */
bool digest_is_korean(const char *tags, const char *country);
bool digest_is_risk(const char *tags);
bool digest_has_tag(const char *tags, const char *tag);

void digest_md(struct buf *b, const struct digest *d);
void digest_html(struct buf *b, const struct digest *d);
void digest_json(struct buf *b, const struct digest *d);
/* Inline SVG pictures (escaped, no scripts, no external references). */
void digest_svg_timeline(struct buf *b, const struct digest *d);
void digest_svg_network(struct buf *b, const struct digest *d);

#endif
