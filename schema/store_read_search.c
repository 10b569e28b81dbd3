/* SPDX-License-Identifier: ISC */
/*
 * Full-text search over document_cjk (kwcjk bigrams, schema 0005). The
 * index holds every run's documents; joining the run's current documents
 * keeps one hit per URL. Snippets and titles come back with matches
 * between STORE_MARK_OPEN and STORE_MARK_CLOSE for the caller to render.
 */
#include "store_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "store_cjk.h"
#include "store_read_priv.h"

/*
 * The statement ranks the matches and keeps the best :limit: only the
 * STORE_SEARCH_CANDIDATES most recently stored matching current
 * documents are ranked (FTS5 walks the index newest first and stops
 * there), so a word in 50,000 documents costs what one in 2,000 does.
 * Per match it reads small things only: whether it is a current
 * document of the run from document_search and document_stale (schema
 * 0013; the document row holds the whole text), its size from
 * document_cjk_docsize for kwcjk_rank (bm25, store_cjk_rank.c). CROSS
 * JOIN keeps FTS5 the outer loop. Then it reads the hits' rows, whose
 * title and text store_cjk_highlight() and store_cjk_snippet() mark as
 * FTS5's highlight() and snippet() would: calling those needs a cursor on
 * each hit, i.e. another walk over every phrase's doclist, which cost a
 * quarter of a query.
 */
static const char sql_search[] =
    "WITH cur(id) AS (SELECT coalesce(:run, "
    "(SELECT max(id) FROM run WHERE completed_at IS NOT NULL))), "
    "recent AS NOT MATERIALIZED (SELECT document_cjk.rowid AS id, "
    STORE_CJK_RANK "(document_cjk, z.sz, 2.0, 1.0) AS rank "
    "FROM document_cjk CROSS JOIN document d INDEXED BY document_search "
    "ON d.id = document_cjk.rowid "
    "CROSS JOIN document_cjk_docsize z ON z.id = document_cjk.rowid "
    "WHERE document_cjk MATCH :match AND d.run_id = (SELECT id FROM cur) "
    "AND " SQL_NEAR_WINDOW("d.published")
    "AND NOT EXISTS (SELECT 1 FROM document_stale WHERE id = d.id) "
    "AND " SQL_IN_WINDOW("coalesce(d.published, (SELECT substr(fetched_at, "
    "1, 10) FROM capture WHERE id = d.capture_id))")
    "AND (:source IS NULL OR d.source_id = "
    " (SELECT id FROM source WHERE name = :source)) "
    "ORDER BY document_cjk.rowid DESC LIMIT :candidates), "
    "hits AS (SELECT id, rank FROM recent ORDER BY rank, id LIMIT :limit) "
    "SELECT d.id, d.run_id, d.capture_id, d.url, d.title, d.published, "
    "coalesce(d.published, substr(c.fetched_at, 1, 10)), d.lang, "
    "c.fetched_at, c.sha256, s.name, d.text, hits.rank "
    "FROM hits CROSS JOIN document d ON d.id = hits.id "
    "JOIN capture c ON c.id = d.capture_id "
    "JOIN source s ON s.id = d.source_id "
    "ORDER BY hits.rank, hits.id";

/* snippet()'s fragment, in tokens, and what stands for the text left out. */
#define SEARCH_SNIPPET_TOKENS 24
#define SEARCH_ELLIPSIS "…"

struct hit_ctx {
	store_doc_fn fn;
	void *arg;
	struct store_cjk_phrases *ph;
};

static int
hit_row(sqlite3_stmt *st, void *unused, void *arg, struct err *e)
{
	struct hit_ctx *h = arg;
	struct store_doc d = {0};
	char *title, *snippet;
	int rc;

	(void)unused;
	d.id = sqlite3_column_int64(st, 0);
	d.run_id = sqlite3_column_int64(st, 1);
	d.capture_id = sqlite3_column_int64(st, 2);
	d.url = store_col_text(st, 3);
	d.title = store_col_text(st, 4);
	d.published = store_col_text(st, 5);
	d.day = store_col_text(st, 6);
	d.lang = store_col_text(st, 7);
	d.fetched_at = store_col_text(st, 8);
	d.capture_sha256 = store_col_text(st, 9);
	d.source = store_col_text(st, 10);
	title = store_cjk_highlight(h->ph, d.title);
	snippet = store_cjk_snippet(h->ph, store_col_text(st, 11),
	    SEARCH_SNIPPET_TOKENS, SEARCH_ELLIPSIS);
	d.title_marked = title;
	d.snippet = snippet;
	d.rank = sqlite3_column_double(st, 12);
	rc = h->fn(h->arg, &d, e);
	free(title);
	free(snippet);
	return rc;
}

int
store_search_each(struct store *s, const char *match,
    const struct store_filter *f, store_doc_fn fn, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_search, e);
	struct hit_ctx h = {fn, arg, NULL};
	int rc;

	if (st == NULL)
		return -1;
	store_read_bind(st, f);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":match"), match,
	    -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":candidates"),
	    STORE_SEARCH_CANDIDATES);
	h.ph = store_cjk_phrases(match);
	rc = store_read_loop(s, st, hit_row, NULL, &h, e);
	store_cjk_phrases_free(h.ph);
	return rc;
}

/*
 * Measured on the benchmark's 2-core VM, a first search in a new process
 * (100,000 documents, ~450 pages of the file read): with the file
 * memory-mapped, each page read is a page fault (~20-40 us there); with
 * pread, each page the cache allocates is fresh heap, a fault again;
 * with the cache in a few 2 MiB pages, the faults are a handful and the
 * query's first run took a third of the CPU time. Only where the kernel
 * gives huge pages on request: otherwise SQLite would touch every slot
 * of the buffer up front, a fault each. Two huge pages hold ~950 pages
 * (the benchmark's queries read 450-950; more come from the heap), and
 * zeroing each costs ~0.2 ms.
 */
#define SEARCH_PAGE_SIZE 4096	/* SQLite's default; other sizes fall back */
#define HUGE_PAGE (2u << 20)
#define SEARCH_CACHE_HUGE 2

static bool
thp_on_request(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128] = "";
	bool ok;

	if (f == NULL)
		return false;
	ok = fgets(line, sizeof(line), f) != NULL &&
	    (strstr(line, "[always]") != NULL ||
	    strstr(line, "[madvise]") != NULL);
	fclose(f);
	return ok;
}

void
store_search_init(void)
{
	int hdr = 0;
	size_t sz, len;
	char *map, *p;

	if (!thp_on_request() ||
	    sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK)
		return;
	sz = SEARCH_PAGE_SIZE + (size_t)hdr;
	len = SEARCH_CACHE_HUGE * (size_t)HUGE_PAGE;
	map = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return;
	p = map + (HUGE_PAGE - (uintptr_t)map % HUGE_PAGE) % HUGE_PAGE;
	/* Kept for the life of the process, as SQLite requires; too late
	 * (SQLite already initialised) is no error, only slower. */
	if (madvise(p, len, MADV_HUGEPAGE) == -1 ||
	    sqlite3_config(SQLITE_CONFIG_PAGECACHE, p, (int)sz,
	    (int)(len / sz)) != SQLITE_OK)
		munmap(map, len + HUGE_PAGE);
}

int
store_search_tune(struct store *s, struct err *e)
{
	if (sqlite3_exec(store_sqlite(s), "PRAGMA mmap_size = 0", NULL, NULL,
		NULL) != SQLITE_OK)
		return store_err(s, e, "search tune");
	return 0;
}
