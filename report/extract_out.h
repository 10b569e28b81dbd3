/* SPDX-License-Identifier: ISC */
/*
 * Output of `kicwatch extract`: the extraction result as one JSON object
 * (the format /work/notes/entities.md fixes: url, title, published, lang,
 * charset, sectors, orgs, events, mous, dates, places) or as text for a
 * person at a terminal, every scraped string escaped (esc_term).
 */
#ifndef EXTRACT_OUT_H
#define EXTRACT_OUT_H

#include "buf.h"
#include "extract.h"

/* Appends the JSON object and a newline; url and charset may be NULL. */
void extract_out_json(struct buf *b, const struct extract_result *r,
    const char *url, const char *charset);
/* Appends the text form. */
void extract_out_text(struct buf *b, const struct extract_result *r,
    const char *url, const char *charset);

#endif
