/* SPDX-License-Identifier: ISC */
/*
 * The pure work on a 2xx body, which crawl_page.c hands to a worker
 * thread (crawl_work.c): its sha256; unless that is the digest already
 * stored (nothing else is needed then, but a list page's links), its
 * compression for the capture row, its charset decoding, once, for both
 * the capture row and the document, and for an article or page that is
 * a document, its extraction. Reads nothing but the prep itself and the
 * extractor, which is read-only.
 */
#include "crawl_priv.h"

#include <stdlib.h>
#include <string.h>

#include "zbody.h"

void
crawl_prep_run(struct crawl_prep *p)
{
	const unsigned char *body =
	    p->ic.body != NULL ? p->ic.body : (const unsigned char *)"";
	struct err e = {{0}};
	bool doc_kind = strcmp(p->kind, "article") == 0 ||
			strcmp(p->kind, "page") == 0;

	sha256_hex(body, p->ic.len, p->sha);
	p->unchanged = p->old_sha[0] != '\0' && strcmp(p->old_sha, p->sha) == 0;
	/* On failure the store compresses it, and says why if it fails. */
	if (!p->unchanged &&
	    zbody_deflate(body, p->ic.len, &p->z, &p->zlen, &e) == -1)
		p->z = NULL;
	if (strcmp(p->kind, "asset") == 0 || strcmp(p->kind, "robots") == 0)
		return;
	/* An unchanged list page is still read for its links. */
	if (p->unchanged && strcmp(p->kind, "list") != 0)
		return;
	if (charset_decode(body, p->ic.len, p->ic.header_charset, &p->cs,
		&e) == -1)
		return;
	p->decoded = true;
	if (p->unchanged || !doc_kind || p->x == NULL)
		return;
	p->is_doc = ingest_prepare_decoded(p->x, &p->ic, &p->cs, &p->doc) == 0;
	/* The main thread reads a document's records and charset name, never
	   its decoded page: that goes now, not after the item's round trip
	   (less held in flight, less of the worker's heap at its peak). */
	if (p->is_doc) {
		free(p->doc.cs.utf8);
		p->doc.cs.utf8 = NULL;
		p->doc.cs.len = 0;
	}
}

const struct charset_result *
crawl_prep_cs(const struct crawl_prep *p)
{
	if (!p->decoded)
		return NULL;
	return p->is_doc ? &p->doc.cs : &p->cs;
}

void
crawl_prep_deinit(struct crawl_prep *p)
{
	free(p->z);
	p->z = NULL;
	free(p->cs.utf8);
	p->cs.utf8 = NULL;
	if (p->is_doc)
		ingest_doc_deinit(&p->doc);
	p->is_doc = p->decoded = false;
}
