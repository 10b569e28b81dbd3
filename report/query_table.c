/* SPDX-License-Identifier: ISC */
/*
 * Terminal tables. Cells are made terminal-safe (esc_term) when added;
 * widths are display widths (Hangul and Han take two columns), and when
 * the table is wider than the terminal the widest shrinkable column gives
 * up a column at a time, its cells cut with … (never mid-character).
 */
#include "query.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "esc.h"
#include "xmem.h"

#define TABLE_GAP 2		/* spaces between columns */
#define TABLE_MIN_COL 6		/* a shrunk column keeps at least this */

struct query_table {
	int ncols;
	char **cells;		/* nrows * ncols, row 0 is the header */
	size_t nrows;
	size_t *width;		/* natural, then fitted, width per column */
	bool *fixed;
};

struct query_table *
query_table_new(int ncols, const char *const *headers)
{
	struct query_table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	t->width = xcalloc((size_t)ncols, sizeof(*t->width));
	t->fixed = xcalloc((size_t)ncols, sizeof(*t->fixed));
	query_table_add(t, headers);
	return t;
}

void
query_table_fixed(struct query_table *t, int col)
{
	t->fixed[col] = true;
}

void
query_table_add(struct query_table *t, const char *const *cells)
{
	struct buf b = {0};
	size_t w;

	t->cells = xreallocarray(t->cells, (t->nrows + 1) * (size_t)t->ncols,
	    sizeof(*t->cells));
	for (int i = 0; i < t->ncols; i++) {
		esc_term(&b, cells[i], false);
		t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = buf_steal(&b);
		w = esc_width(t->cells[t->nrows * (size_t)t->ncols + (size_t)i]);
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->nrows++;
}

static size_t
total_width(const struct query_table *t)
{
	size_t sum = (size_t)(t->ncols - 1) * TABLE_GAP;

	for (int i = 0; i < t->ncols; i++)
		sum += t->width[i];
	return sum;
}

static void
fit(struct query_table *t, size_t width)
{
	int widest;

	while (total_width(t) > width) {
		widest = -1;
		for (int i = 0; i < t->ncols; i++)
			if (!t->fixed[i] && t->width[i] > TABLE_MIN_COL &&
			    (widest < 0 || t->width[i] > t->width[widest]))
				widest = i;
		if (widest < 0)
			return;		/* nothing left to shrink */
		t->width[widest]--;
	}
}

void
query_table_render(struct query_table *t, struct buf *b, size_t width)
{
	const char *cell;

	fit(t, width);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int i = 0; i < t->ncols; i++) {
			cell = t->cells[r * (size_t)t->ncols + (size_t)i];
			if (i > 0)
				buf_printf(b, "%*s", TABLE_GAP, "");
			esc_term_fit(b, cell, t->width[i], i < t->ncols - 1);
		}
		while (b->len > 0 && b->data[b->len - 1] == ' ')
			b->data[--b->len] = '\0';
		buf_putc(b, '\n');
		if (r == 0) {
			for (size_t i = 0; i < total_width(t); i++)
				buf_putc(b, '-');
			buf_putc(b, '\n');
		}
	}
}

void
query_table_free(struct query_table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t->fixed);
	free(t);
}

size_t
query_term_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long v;

	if (env != NULL && (v = strtol(env, NULL, 10)) >= 20 && v <= 1000)
		return (size_t)v;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
	    && ws.ws_col >= 20)
		return ws.ws_col;
	return isatty(STDOUT_FILENO) ? 80 : 200;
}
