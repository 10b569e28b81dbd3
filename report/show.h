/* SPDX-License-Identifier: ISC */
/* kicwatch show: one document with its provenance, as text or JSON. */
#ifndef SHOW_H
#define SHOW_H

#include <stdbool.h>

#include "buf.h"
#include "store_read.h"

/* Words shown around a mention on each side, in code points. */
#define SHOW_CONTEXT 20

struct show {
	struct store *s;
	struct buf *b;		/* output */
	bool json;
	bool bold;		/* stdout is a terminal */
};

/* Each appends the whole document d to sh->b; 0 or -1 with e set. */
int show_text(struct show *sh, const struct store_doc *d, struct err *e);
int show_json(struct show *sh, const struct store_doc *d, struct err *e);

#endif
