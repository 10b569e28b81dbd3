/* SPDX-License-Identifier: ISC */
/*
 * Text-level helpers for Korean, Chinese and English article text: UTF-8
 * code points, NFKC normalisation that remembers where each normalised byte
 * came from, sentence segmentation, evidence snippets and a script-based
 * language guess.
 *
 * Units: scanning functions (text_sentences, date_scan, text_norm_new) work
 * in BYTE offsets of the string they are given, because matchers (pcre2, an
 * automaton) report bytes. Stored offsets are CODE-POINT offsets into the
 * un-normalised document text; text_norm_span and text_index convert.
 * Invalid UTF-8 is never an error: each bad byte counts as one code point
 * (U+FFFD), the same rule everywhere in this module.
 *
 * Everything here is pure and reentrant; nothing needs initialising.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Texts above this many bytes are refused by text_norm_new. */
#define TEXT_MAX_BYTES	(64u * 1024 * 1024)

/* A half-open range [start, end); the unit is said where it is used. */
struct text_span {
	size_t start;
	size_t end;
};

/*
 * Decodes the code point at s[*i] (i < len) and advances *i. Invalid or
 * truncated sequences, overlongs and surrogates give 0xFFFD and advance by
 * one byte. Inline for ASCII and the 3-byte forms of Hangul and CJK: every
 * scanner here calls it once per character.
 */
uint32_t text_utf8_decode(const char *s, size_t len, size_t *i);

/*
 * Length of the run of ASCII bytes other than NUL at the start of s, in
 * whole 8-byte words (the rest is left to the caller's byte loop). Pages
 * are mostly markup: a byte at a time, charset's and html_parse's UTF-8
 * scans of a 56 KB page were ~0.1 ms and ~1 % of a crawl's worker.
 */
size_t text_ascii_run(const char *s, size_t len);

static inline uint32_t
text_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;

	if (p[0] < 0x80) {
		(*i)++;
		return p[0];
	}
	/* E1..EC and EE..EF cannot be overlong or a surrogate. */
	if (p[0] >= 0xE1 && p[0] != 0xED && p[0] <= 0xEF && len - *i >= 3 &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*i += 3;
		return (uint32_t)(p[0] & 0x0F) << 12 |
		    (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	return text_utf8_decode(s, len, i);
}

/* Number of code points in s[0, len). */
size_t text_cp_len(const char *s, size_t len);
/* Code-point offset of byte offset b (clamped to len); O(b). */
size_t text_byte_to_cp(const char *s, size_t len, size_t b);
/* Byte offset of code-point offset cp (clamped to len); O(result). */
size_t text_cp_to_byte(const char *s, size_t len, size_t cp);

/*
 * Many conversions on one long text: a checkpoint index makes each one
 * O(log n + 64) instead of O(n). The index borrows s, which must outlive it.
 */
struct text_index;
struct text_index *text_index_new(const char *s, size_t len);
void text_index_free(struct text_index *x);
size_t text_index_cp(const struct text_index *x, size_t b);
size_t text_index_byte(const struct text_index *x, size_t cp);

/*
 * NFKC normalisation for matching: full-width letters, digits and
 * punctuation become ASCII, compatibility ideographs and circled or
 * parenthesised forms ((주), ㈜ -> (주)) their plain forms, decomposed
 * Hangul is composed; zero-width and other format characters (Cf) and
 * control characters are dropped; every whitespace run (including U+00A0
 * and U+3000) becomes one ' ', or one '\n' when it held a line break.
 * TEXT_NORM_CASEFOLD also folds case (Unicode case folding).
 *
 * from[b] and to[b] give, for the normalised character holding byte b, the
 * code-point range of the original text it came from; from[len] and
 * to[len] are the original length. A folded whitespace run maps to the
 * whole run; a character that expanded (㈜ -> "(주)") maps each part to the
 * one original character.
 */
#define TEXT_NORM_CASEFOLD	0x1

struct text_norm {
	char *s;		/* normalised UTF-8, NUL-terminated */
	size_t len;		/* bytes in s */
	uint32_t *from;		/* [len + 1] original start, code points */
	uint32_t *to;		/* [len + 1] original end, code points */
};

/*
 * Normalises s[0, len). On success *out is owned by the caller
 * (text_norm_free). Fails only when len exceeds TEXT_MAX_BYTES.
 */
int text_norm_new(const char *s, size_t len, int flags,
    struct text_norm **out, struct err *e);
void text_norm_free(struct text_norm *n);

/*
 * The original code-point span of normalised bytes [bstart, bend) (byte
 * offsets into n->s, clamped to n->len). An empty range maps to an empty
 * span at from[bstart].
 */
struct text_span text_norm_span(const struct text_norm *n, size_t bstart,
    size_t bend);

/*
 * Sentences of s[0, len) as byte spans, in order, trimmed of surrounding
 * whitespace, empty ones omitted. Boundaries: 。！？；!?; a line break;
 * '.' after a word when followed by space or end (so 했다. 밝혔다. end a
 * sentence, but 3.5, 2024.9.9, No. 1, Co., Ltd. and U.S. do not); closing
 * quotes and brackets stay with their sentence, and a Korean quotation
 * continued by a particle ("…했다.”고 밝혔다") is not split. On return *out
 * (free()) holds *n spans; *out is NULL when *n is 0.
 */
void text_sentences(const char *s, size_t len, struct text_span **out,
    size_t *n);

/*
 * Evidence: the text around BYTE offsets [start, end) of s (convert stored
 * code points with text_index_byte), at most max code points (max >= 8),
 * whitespace folded to single spaces, with "…" where the window cuts the
 * text. The window is centred on the span and stops early at sentence
 * ends and line breaks. Cost is O(max), not O(len). Owned (free()).
 */
char *text_snippet(const char *s, size_t len, size_t start, size_t end,
    size_t max);

/*
 * Guesses the language from the script of s (the first 256 KiB): "ko" when
 * Hangul dominates, "zh" or "zh-Hant" when Han dominates (Traditional when
 * characters found only in Traditional outnumber those found only in
 * Simplified, by a built-in table of ~480 common pairs made with
 * OpenCC's s2t, not OpenCC at run time),
 * "en" when Latin dominates, else "und". Returns a static string.
 */
const char *text_lang_guess(const char *s, size_t len);

/* True for the whitespace text_norm_new folds (Unicode White_Space);
   text_is_space_slow is its out-of-line part, call text_is_space. */
bool text_is_space_slow(uint32_t cp);

static inline bool
text_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	return cp >= 0x85 && cp <= 0x3000 && text_is_space_slow(cp);
}

#endif
