/* SPDX-License-Identifier: ISC */
/*
 * Output escaping for scraped text. Each escaper walks the input one code
 * point at a time (utf8proc decodes, invalid bytes become U+FFFD) and
 * decides per code point, so no escaper can be confused by a multi-byte
 * sequence that happens to contain an ASCII byte value.
 */
#include "esc.h"

#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#define CP_REPLACEMENT 0xFFFD
#define CP_ELLIPSIS 0x2026

/* Decodes the code point at *p (invalid: U+FFFD, one byte) and advances. */
static int32_t
cp_next(const char **p, const char *end)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)*p, end - *p, &cp);
	if (n <= 0) {
		(*p)++;
		return CP_REPLACEMENT;
	}
	*p += n;
	return cp;
}

static void
cp_put(struct buf *b, int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, u);

	buf_append(b, u, (size_t)n);
}

/* C0, DEL and C1 controls. */
static bool
cp_is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Bidirectional embeddings, overrides and isolates: they reorder what a
 * reader sees, so a title could visually spoof another. */
static bool
cp_is_bidi(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
	    || cp == 0x200E || cp == 0x200F;
}

void
esc_html(struct buf *b, const char *s)
{
	const char *p, *end;
	int32_t cp;

	if (s == NULL)
		return;
	end = s + strlen(s);
	for (p = s; p < end;) {
		cp = cp_next(&p, end);
		switch (cp) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:
			if (cp_is_control(cp) && cp != '\t' && cp != '\n')
				break;
			cp_put(b, cp);
		}
	}
}

static bool
url_is_web(const char *url)
{
	return url != NULL && (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0);
}

void
esc_html_href(struct buf *b, const char *url)
{
	if (url_is_web(url))
		esc_html(b, url);
	else
		buf_putc(b, '#');
}

/* Characters that carry inline Markdown meaning anywhere in a line. */
static bool
md_is_special(int32_t cp)
{
	return cp < 0x80 && cp > 0 && strchr("\\`*_{}[]()<>#!|~&\"'$", cp);
}

void
esc_md(struct buf *b, const char *s)
{
	const char *p, *end;
	bool digits = false, first = true;
	int32_t cp;

	if (s == NULL)
		return;
	end = s + strlen(s);
	for (p = s; p < end;) {
		cp = cp_next(&p, end);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			cp = ' ';
		if (cp_is_control(cp) || cp_is_bidi(cp))
			continue;
		/* "- x", "+ x", "= x", "1. x" at the start open blocks. */
		if (md_is_special(cp) || (first && cp < 0x80 && cp > 0 &&
		    strchr("-+=", cp)) ||
		    (digits && (cp == '.' || cp == ')')))
			buf_putc(b, '\\');
		digits = (first || digits) && cp >= '0' && cp <= '9';
		first = false;
		cp_put(b, cp);
	}
}

void
esc_md_link(struct buf *b, const char *text, const char *url)
{
	const char *p;

	if (!url_is_web(url)) {
		esc_md(b, text);
		return;
	}
	buf_putc(b, '[');
	esc_md(b, text != NULL && *text != '\0' ? text : url);
	buf_puts(b, "](<");
	/* Inside <...> only < > and newlines matter; percent-encode them
	 * and spaces so the destination cannot end early. */
	for (p = url; *p != '\0'; p++) {
		if (strchr("<> \n\r\\", *p) || (unsigned char)*p < 0x20)
			buf_printf(b, "%%%02X", (unsigned char)*p);
		else
			buf_putc(b, *p);
	}
	buf_puts(b, ">)");
}

/* Escape sequences would still fire when a CSV file is shown in a
 * terminal; tab, CR and LF are data. */
static bool
csv_keeps(int32_t cp)
{
	return !cp_is_control(cp) || cp == '\t' || cp == '\r' || cp == '\n';
}

static bool
csv_needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

void
esc_csv(struct buf *b, const char *s)
{
	const char *p, *end;
	bool formula;
	int32_t cp;

	if (s == NULL)
		return;
	formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (!formula && !csv_needs_quotes(s)) {
		for (end = s + strlen(s), p = s; p < end;) {
			cp = cp_next(&p, end);
			if (csv_keeps(cp))
				cp_put(b, cp);
		}
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (end = s + strlen(s), p = s; p < end;) {
		cp = cp_next(&p, end);
		if (cp == '"')
			buf_putc(b, '"');
		if (csv_keeps(cp))
			cp_put(b, cp);
	}
	buf_putc(b, '"');
}

/* Skips an escape sequence starting after ESC; returns the new position. */
static const char *
term_skip_escape(const char *p, const char *end)
{
	if (p >= end)
		return p;
	if (*p == '[') {	/* CSI: parameters, then a final byte @..~ */
		for (p++; p < end; p++)
			if (*p >= 0x40 && *p <= 0x7E)
				return p + 1;
		return p;
	}
	if (*p == ']' || *p == 'P' || *p == '_' || *p == '^' || *p == 'X') {
		/* OSC, DCS, APC, PM, SOS: up to BEL or ESC \ */
		for (p++; p < end; p++) {
			if (*p == '\a')
				return p + 1;
			if (*p == 0x1B && p + 1 < end && p[1] == '\\')
				return p + 2;
		}
		return p;
	}
	return p + 1;		/* two-byte sequence such as ESC c */
}

void
esc_term(struct buf *b, const char *s, bool multiline)
{
	const char *p, *end;
	int32_t cp;

	if (s == NULL)
		return;
	end = s + strlen(s);
	for (p = s; p < end;) {
		if (*p == 0x1B) {
			p = term_skip_escape(p + 1, end);
			continue;
		}
		cp = cp_next(&p, end);
		if (cp == '\n' && multiline) {
			buf_putc(b, '\n');
			continue;
		}
		if (cp == '\t' || cp == '\n')
			cp = ' ';
		/* U+009B is a one-character CSI on some terminals. */
		if (cp_is_control(cp) || cp_is_bidi(cp))
			continue;
		cp_put(b, cp);
	}
}

static size_t
cp_width(int32_t cp)
{
	int w = utf8proc_charwidth(cp);

	return w > 0 ? (size_t)w : 0;
}

size_t
esc_width(const char *s)
{
	const char *p, *end;
	size_t w = 0;

	if (s == NULL)
		return 0;
	end = s + strlen(s);
	for (p = s; p < end;)
		w += cp_width(cp_next(&p, end));
	return w;
}

void
esc_term_fit(struct buf *b, const char *s, size_t cols, bool pad)
{
	struct buf t = {0};
	const char *p, *end, *q;
	size_t w = 0, cw;
	int32_t cp;

	esc_term(&t, s, false);
	if (t.data != NULL && esc_width(t.data) > cols && cols > 0) {
		end = t.data + t.len;
		for (p = t.data; p < end;) {
			q = p;
			cp = cp_next(&p, end);
			cw = cp_width(cp);
			if (w + cw > cols - 1)
				break;
			buf_append(b, q, (size_t)(p - q));
			w += cw;
		}
		cp_put(b, CP_ELLIPSIS);
		w++;
	} else if (t.data != NULL && cols > 0) {
		buf_append(b, t.data, t.len);
		w = esc_width(t.data);
	}
	for (; pad && w < cols; w++)
		buf_putc(b, ' ');
	buf_free(&t);
}
