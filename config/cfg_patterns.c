/* SPDX-License-Identifier: ISC */
/*
 * patterns.yaml, minimal form: the file must be a YAML mapping with
 * version: 1; the parsed tree is kept for the extraction code. The
 * extraction work replaces this with the real vocabulary loader (same
 * functions).
 */
#include "cfg_patterns.h"

#include <stdlib.h>

#include "cfg_priv.h"
#include "cfg_value.h"
#include "xmem.h"

struct cfg_patterns {
	struct cfg_doc *doc;	/* the whole file, owned */
};

int
cfg_patterns_load(const char *path, struct cfg_patterns **out,
    struct cfg_diag *d)
{
	const char *saved = d->name;
	unsigned before = d->nerrors;
	struct cfg_patterns *p;
	struct cfg_doc *doc;
	struct err e = {{0}};
	uint64_t version;

	if (cfg_doc_load(path, CFG_DATA_MAX_SIZE, &doc, &e) == -1) {
		cfg_diag_err(d, &e);
		return -1;
	}
	d->name = cfg_doc_name(doc);
	if (cfg_check_map(d, cfg_doc_root(doc), "", NULL))
		(void)cfg_get_uint(d, cfg_doc_root(doc), "", "version",
		    CFG_REQUIRED, 1, 1, &version);
	d->name = saved;
	if (d->nerrors > before) {
		cfg_doc_free(doc);
		return -1;
	}
	p = xcalloc(1, sizeof(*p));
	p->doc = doc;
	*out = p;
	return 0;
}

void
cfg_patterns_free(struct cfg_patterns *p)
{
	if (p == NULL)
		return;
	cfg_doc_free(p->doc);
	free(p);
}
