/* SPDX-License-Identifier: ISC */
/*
 * The kwcjk FTS5 tokenizer (see store_cjk.h). One pass over the text with
 * utf8proc: a CJK run remembers its previous character so each new one
 * closes a bigram; a word run collects folded bytes in a fixed buffer. No
 * allocation per token, so indexing a large store stays linear.
 */
#include "store_cjk.h"

#include <stdbool.h>
#include <string.h>

#include <utf8proc.h>

enum cls { CLS_SEP, CLS_CJK, CLS_WORD };

struct tok_state {
	int (*cb)(void *, const char *, int, int, int);
	void *arg;
	const char *text;
	int cjk_start;		/* byte offset of the previous CJK char, -1 */
	int cjk_end;
	int cjk_run;		/* characters in the current CJK run */
	char word[STORE_CJK_MAX_TOKEN + 4];
	int word_len;
	int word_start, word_end;
};

static bool
cp_is_cjk(int32_t c)
{
	return (c >= 0xAC00 && c <= 0xD7A3) ||	/* Hangul syllables */
	    (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
	    (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF) ||
	    (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

static enum cls
cp_class(int32_t c)
{
	if (cp_is_cjk(c))
		return CLS_CJK;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return CLS_WORD;
	default:
		return CLS_SEP;
	}
}

/* Ends a CJK run; a lone character is indexed as a unigram. */
static int
cjk_flush(struct tok_state *t)
{
	int rc = 0;

	if (t->cjk_run == 1)
		rc = t->cb(t->arg, t->text + t->cjk_start,
		    t->cjk_end - t->cjk_start, t->cjk_start, t->cjk_end);
	t->cjk_run = 0;
	return rc;
}

static int
word_flush(struct tok_state *t)
{
	int rc = 0;

	if (t->word_len > 0)
		rc = t->cb(t->arg, t->word, t->word_len, t->word_start,
		    t->word_end);
	t->word_len = 0;
	return rc;
}

static int
cjk_add(struct tok_state *t, int start, int end)
{
	int rc = 0;

	if (t->cjk_run > 0)
		rc = t->cb(t->arg, t->text + t->cjk_start, end - t->cjk_start,
		    t->cjk_start, end);
	t->cjk_start = start;
	t->cjk_end = end;
	t->cjk_run++;
	return rc;
}

static void
word_add(struct tok_state *t, int32_t c, int start, int end)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n;

	if (c >= 0xFF01 && c <= 0xFF5E)	/* full-width ASCII */
		c -= 0xFEE0;
	c = utf8proc_tolower(c);
	if (t->word_len == 0)
		t->word_start = start;
	t->word_end = end;	/* a cut word's span still covers all of it */
	n = utf8proc_encode_char(c, u);
	if (t->word_len + n > STORE_CJK_MAX_TOKEN)
		return;
	memcpy(t->word + t->word_len, u, (size_t)n);
	t->word_len += (int)n;
}

int
store_cjk_tokenize(const char *text, int n,
    int (*cb)(void *, const char *, int, int, int), void *arg)
{
	struct tok_state t = {.cb = cb, .arg = arg, .text = text};
	utf8proc_int32_t c;
	utf8proc_ssize_t len;
	enum cls k;
	int i = 0, rc = 0;

	while (i < n && rc == 0) {
		len = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
		    n - i, &c);
		if (len <= 0) {
			len = 1;
			k = CLS_SEP;
		} else {
			k = cp_class(c);
		}
		if (k != CLS_CJK)
			rc = cjk_flush(&t);
		if (rc == 0 && k != CLS_WORD)
			rc = word_flush(&t);
		if (rc == 0 && k == CLS_CJK)
			rc = cjk_add(&t, i, i + (int)len);
		else if (k == CLS_WORD)
			word_add(&t, c, i, i + (int)len);
		i += (int)len;
	}
	if (rc == 0)
		rc = cjk_flush(&t);
	if (rc == 0)
		rc = word_flush(&t);
	return rc;
}

/* FTS5 glue: the tokenizer has no options and no state of its own. */

struct fts5_ctx {
	void *ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int
fts5_token(void *arg, const char *tok, int ntok, int start, int end)
{
	struct fts5_ctx *f = arg;

	return f->xToken(f->ctx, 0, tok, ntok, start, end);
}

static int
fts5_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	static int self;

	(void)ctx;
	(void)argv;
	if (argc != 0)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)&self;
	return SQLITE_OK;
}

static void
fts5_delete(Fts5Tokenizer *tok)
{
	(void)tok;
}

static int
fts5_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
    int n, int (*xToken)(void *, int, const char *, int, int, int))
{
	struct fts5_ctx f = {ctx, xToken};

	(void)tok;
	(void)flags;
	return store_cjk_tokenize(text, n, fts5_token, &f);
}

static fts5_api *
fts5_api_get(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

int
store_cjk_register(sqlite3 *db, struct err *e)
{
	static fts5_tokenizer tk = {fts5_create, fts5_delete, fts5_tokenize};
	fts5_api *api = fts5_api_get(db);

	if (api == NULL)
		return err_set(e, "sqlite3 was built without FTS5");
	if (api->xCreateTokenizer(api, STORE_CJK_TOKENIZER, NULL, &tk, NULL) !=
	    SQLITE_OK)
		return err_set(e, "cannot register the %s tokenizer: %s",
		    STORE_CJK_TOKENIZER, sqlite3_errmsg(db));
	if (store_cjk_rank_register(api) != SQLITE_OK)
		return err_set(e, "cannot register %s: %s", STORE_CJK_RANK,
		    sqlite3_errmsg(db));
	return 0;
}
