/* SPDX-License-Identifier: ISC */
/*
 * kwcjk_rank(document_cjk, sz, w0, w1, ...): FTS5's bm25() with column
 * weights, to the bit, except that the row's size in tokens comes from
 * the caller (the sz blob of document_cjk_docsize, which the query joins)
 * instead of a statement FTS5 runs again for every row: bm25() spent more
 * on that lookup than on everything else it does, ~1 us a row, and search
 * ranks 2,000 rows. The IDF of each phrase is computed once per query as
 * bm25() does (rows holding the phrase among all rows).
 */
#include "store_cjk.h"

#include <math.h>
#include <string.h>

struct rank_data {
	int nphrase;
	double avgdl;
	double *idf;
	double *freq;
};

struct count {
	sqlite3_int64 n, enough;
};

/* bm25 floors the IDF of a phrase in half the rows or more: counting
 * stops there, the IDF being the same whatever the rest. */
static int
count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	struct count *c = arg;

	(void)api;
	(void)fts;
	return ++c->n >= c->enough ? SQLITE_DONE : SQLITE_OK;
}

/* Average row size and each phrase's IDF, once per query (aux data). */
static int
rank_data_get(const Fts5ExtensionApi *api, Fts5Context *fts,
    struct rank_data **out)
{
	struct rank_data *p = api->xGetAuxdata(fts, 0);
	sqlite3_int64 nrow = 0, ntok = 0;
	struct count hit;
	int n, rc = SQLITE_OK;
	double idf;

	if (p != NULL) {
		*out = p;
		return SQLITE_OK;
	}
	n = api->xPhraseCount(fts);
	p = sqlite3_malloc64(sizeof(*p) + (size_t)n * 2 * sizeof(double));
	if (p == NULL)
		return SQLITE_NOMEM;
	p->nphrase = n;
	p->idf = (double *)&p[1];
	p->freq = &p->idf[n];
	rc = api->xRowCount(fts, &nrow);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &ntok);
	if (rc == SQLITE_OK)
		p->avgdl = (double)ntok / (double)(nrow > 0 ? nrow : 1);
	for (int i = 0; rc == SQLITE_OK && i < n; i++) {
		/* (nrow - n + 0.5) / (n + 0.5) <= 1 from n >= nrow / 2 on. */
		hit.n = 0;
		hit.enough = (nrow + 1) / 2;
		rc = api->xQueryPhrase(fts, i, &hit, count_cb);
		/* bm25's formula, and its floor for phrases in half the rows
		 * or more, whose IDF would be 0 or negative. */
		idf = log((nrow - hit.n + 0.5) / (hit.n + 0.5));
		p->idf[i] = idf <= 0.0 ? 1e-6 : idf;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, p, sqlite3_free);
	if (rc != SQLITE_OK) {
		sqlite3_free(p);
		return rc;
	}
	*out = p;
	return SQLITE_OK;
}

/* Tokens in the row: the sum of the sz blob's varints, one a column. */
static double
row_size(sqlite3_value *v)
{
	const unsigned char *b = sqlite3_value_blob(v);
	int n = sqlite3_value_bytes(v);
	sqlite3_int64 sum = 0;
	unsigned int x = 0;

	for (int i = 0; b != NULL && i < n; i++) {
		x = x << 7 | (b[i] & 0x7f);
		if ((b[i] & 0x80) == 0) {
			sum += x;
			x = 0;
		}
	}
	return (double)sum;
}

static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	const double k1 = 1.2, b = 0.75;
	struct rank_data *p;
	Fts5PhraseIter it;
	double score = 0.0, d;
	int rc, col, off;

	if (nval < 1) {
		sqlite3_result_error(ctx, "kwcjk_rank: no size", -1);
		return;
	}
	if ((rc = rank_data_get(api, fts, &p)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	memset(p->freq, 0, sizeof(double) * (size_t)p->nphrase);
	for (int i = 0; i < p->nphrase && rc == SQLITE_OK; i++) {
		rc = api->xPhraseFirst(fts, i, &it, &col, &off);
		for (; rc == SQLITE_OK && col >= 0;
		    api->xPhraseNext(fts, &it, &col, &off))
			p->freq[i] += nval > col + 1 ?
			    sqlite3_value_double(val[col + 1]) : 1.0;
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	d = row_size(val[0]);
	for (int i = 0; i < p->nphrase; i++)
		score += p->idf[i] * ((p->freq[i] * (k1 + 1.0)) /
		    (p->freq[i] + k1 * (1 - b + b * d / p->avgdl)));
	sqlite3_result_double(ctx, -1.0 * score);
}

int
store_cjk_rank_register(fts5_api *api)
{
	return api->xCreateFunction(api, STORE_CJK_RANK, NULL, rank_fn, NULL);
}
