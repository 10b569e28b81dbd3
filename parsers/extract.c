/* SPDX-License-Identifier: ISC */
/*
 * The extraction pipeline: html (html.c) -> title, date and body
 * (content.c) -> NFKC text with an offset map (text_norm) -> sentences and
 * date mentions -> one vocabulary scan (gazetteer and patterns.yaml, one
 * automaton) -> organisations, places, sectors -> signings -> events (a
 * signing ceremony takes its MOU's day and signatories) ->
 * the public result, with every span mapped back to code points of the
 * body text as written and an evidence snippet.
 *
 * An extractor holds only what cfg_load and the vocabulary build produced
 * and is never written after extractor_new, so threads may share it; all
 * per-page state lives in the mention_doc of one extract_run.
 */
#include "extract.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "extract_priv.h"
#include "html.h"
#include "html_mem.h"
#include "log.h"
#include "xmem.h"

int
extractor_new(const struct cfg *c, struct extractor **out, struct err *e)
{
	struct extractor *x;
	struct mention_vocab *v;

	/* Before any worker thread parses: the hooks are process-wide. */
	html_mem_install();
	if (mention_vocab_new(c, &v, e) == -1)
		return -1;
#ifdef __GLIBC__
	/* Building the vocabulary frees its builder's copies once the
	   automaton is made; glibc keeps freed memory in the heap,
	   resident for the life of a crawl or the daemon, unless asked to
	   give it back. (When OpenCC's converters were opened here this was
	   ~12 MB; the character tables leave far less.) */
	malloc_trim(0);
#endif
	x = xcalloc(1, sizeof(*x));
	x->cfg = c;
	x->voc = v;
	*out = x;
	return 0;
}

void
extractor_free(struct extractor *x)
{
	if (x == NULL)
		return;
	mention_vocab_free(x->voc);
	free(x);
}

const char *
extract_role_name(enum extract_role r)
{
	static const char *const names[] = {"host", "co-host", "organiser",
	    "sponsor", "attendee", "exhibitor", "participant"};

	if ((unsigned)r >= sizeof(names) / sizeof(names[0]))
		return "participant";
	return names[r];
}

/* Title, publication date, language and body text of the page. */
static int
extract_page(const struct extract_input *in, struct extract_result *r,
    struct date_ymd *pub, size_t *len, struct err *e)
{
	const struct cfg_article *sel = NULL;
	struct html_doc *doc;
	struct content *c;

	if (html_parse(in->html, in->len, in->url, &doc, e) == -1)
		return -1;
	if (in->source != NULL)
		sel = in->source->article;
	c = content_extract(doc, sel, in->url);
	html_doc_free(doc);
	r->title = c->title;
	c->title = NULL;
	r->text = c->text;
	c->text = NULL;
	*pub = c->published;
	if (pub->y == 0 && in->fallback_date != NULL &&
	    date_iso_parse(in->fallback_date, pub) == -1)
		pub->y = 0;
	date_iso(&c->published, r->published);
	*len = c->len;
	r->text_chars = text_cp_len(r->text, c->len);
	if (in->source != NULL && in->source->lang != NULL)
		r->lang = xstrdup(in->source->lang);
	else
		r->lang = xstrdup(text_lang_guess(r->text, c->len));
	content_free(c);
	return 0;
}

/* The rule passes over the normalised body. */
static void
extract_rules(const struct extractor *x, struct mention_doc *d)
{
	gaz_scan(x->voc->gaz, d->s, d->len, &d->hits);
	mention_doc_prepare(d);
	text_sentences(d->s, d->len, &d->sent, &d->nsent);
	d->ndm = date_scan(d->s, d->len, &d->pub, &d->dm);
	mention_org_find(d);
	mention_place_find(d);
	mention_sector_find(d);
	mou_find(d);
	event_find(d);
}

int
extract_run(const struct extractor *x, const struct extract_input *in,
    struct extract_result **out, struct err *e)
{
	struct extract_result *r = xcalloc(1, sizeof(*r));
	struct mention_doc d;
	struct text_norm *n = NULL;
	size_t len = 0;

	memset(&d, 0, sizeof(d));
	if (extract_page(in, r, &d.pub, &len, e) == -1 ||
	    text_norm_new(r->text, len, 0, &n, e) == -1) {
		extract_result_free(r);
		return -1;
	}
	d.voc = x->voc;
	d.s = n->s;
	d.len = n->len;
	d.zh = strncmp(r->lang, "zh", 2) == 0;
	extract_rules(x, &d);
	extract_result_fill(r, len, &d, n);
	mention_doc_free(&d);
	text_norm_free(n);
	*out = r;
	return 0;
}
