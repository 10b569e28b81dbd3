/* SPDX-License-Identifier: ISC */
/*
 * struct buf: appends keep the data NUL-terminated; buf_reserve_exact
 * allocates exactly what was asked (a declared Content-Length, not the
 * next doubling), never shrinks, and appends past it still grow.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "t.h"

static void
test_append_doubles(void)
{
	struct buf b = {0};

	buf_append(&b, "abc", 3);
	T_ASSERT(b.len == 3 && b.cap == 64 && strcmp(b.data, "abc") == 0);
	for (int i = 0; i < 100; i++)
		buf_putc(&b, 'x');
	T_ASSERT(b.len == 103 && b.cap == 128 && b.data[103] == '\0');
	buf_free(&b);
	T_ASSERT(b.data == NULL && b.len == 0 && b.cap == 0);
}

static void
test_reserve_exact(void)
{
	struct buf b = {0};
	char page[70000];

	memset(page, 'p', sizeof(page));
	buf_reserve_exact(&b, sizeof(page));
	T_ASSERT(b.cap == sizeof(page) + 1 && b.len == 0);
	/* Filled in pieces as curl delivers it: no reallocation. */
	for (size_t off = 0; off < sizeof(page); off += 16384) {
		char *before = b.data;
		size_t n = sizeof(page) - off < 16384 ? sizeof(page) - off
						      : 16384;

		buf_append(&b, page + off, n);
		T_ASSERT(b.data == before && b.cap == sizeof(page) + 1);
	}
	T_ASSERT(b.len == sizeof(page) && b.data[b.len] == '\0');
	T_ASSERT(memcmp(b.data, page, sizeof(page)) == 0);
	/* Never shrinks; more than declared grows by doubling. */
	buf_reserve_exact(&b, 0);
	T_ASSERT(b.cap == sizeof(page) + 1);
	buf_append(&b, "tail", 4);
	T_ASSERT(b.cap == 2 * (sizeof(page) + 1) && b.len == sizeof(page) + 4);
	T_ASSERT(memcmp(b.data + sizeof(page), "tail", 5) == 0);
	buf_free(&b);
}

static void
test_reserve_exact_after_data(void)
{
	struct buf b = {0};

	buf_puts(&b, "head");
	buf_reserve_exact(&b, 100);
	T_ASSERT(b.cap == 4 + 100 + 1 && strcmp(b.data, "head") == 0);
	buf_reset(&b);
	T_ASSERT(b.len == 0 && b.cap == 105 && b.data[0] == '\0');
	buf_free(&b);
}

int
main(void)
{
	test_append_doubles();
	test_reserve_exact();
	test_reserve_exact_after_data();
	return T_DONE();
}
