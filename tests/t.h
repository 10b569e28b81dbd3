/* SPDX-License-Identifier: ISC */
/*
 * The unit-test harness: T_ASSERT prints file:line and the failed condition
 * and counts a failure; T_DONE() returns the exit status (0, or 1 when any
 * assertion failed). Exit 77 tells meson a test was skipped.
 */
#ifndef T_H
#define T_H

#include <stdio.h>
#include <string.h>

static int t_failures;

#define T_ASSERT(cond)                                                       \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "%s:%d: assertion failed: %s\n",     \
			    __FILE__, __LINE__, #cond);                      \
			t_failures++;                                        \
		}                                                            \
	} while (0)

#define T_STREQ(a, b)                                                        \
	do {                                                                 \
		const char *t_a_ = (a), *t_b_ = (b);                         \
		if (t_a_ == NULL || t_b_ == NULL || strcmp(t_a_, t_b_)) {    \
			fprintf(stderr, "%s:%d: \"%s\" != \"%s\" (%s, %s)\n", \
			    __FILE__, __LINE__, t_a_ ? t_a_ : "(null)",      \
			    t_b_ ? t_b_ : "(null)", #a, #b);                 \
			t_failures++;                                        \
		}                                                            \
	} while (0)

#define T_DONE() (t_failures ? 1 : 0)

#endif
