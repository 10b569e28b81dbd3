/* SPDX-License-Identifier: ISC */
/*
 * Charset decoding (see charset.h). Precedence: a BOM, then the HTTP
 * header, then <meta> in the first 4 KiB, then uchardet. A declaration is
 * a claim the bytes can refute: text that is valid UTF-8 with real
 * multibyte sequences is UTF-8 whatever the label says (legacy CJK text is
 * practically never valid UTF-8), a "UTF-8" label on invalid UTF-8 loses
 * to the content, and a legacy label that decodes with many errors is
 * compared against uchardet's guess. Labels are mapped as browsers do
 * (WHATWG Encoding): EUC-KR and its aliases decode as CP949 (the Windows
 * superset Korean sites really emit), GB2312/GBK as GB18030 (a superset),
 * and Big5 as Big5-HKSCS, which WHATWG chose because Hong Kong and
 * Taiwanese pages mix HKSCS characters into "big5"; CP950's few private
 * additions are rarer in the wild than HKSCS.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uchardet/uchardet.h>

#include "buf.h"
#include "charset_priv.h"
#include "text.h"
#include "xmem.h"

#define META_SCAN 4096           /* bytes searched for <meta> */
#define DETECT_SCAN (256u << 10) /* bytes fed to uchardet */
#define UTF8_MIN_MULTIBYTE 4     /* to overrule a legacy label */

struct choice {
	char iconv[32]; /* name for iconv_open */
	char name[32];  /* name reported */
	bool utf8;
	bool utf16;
};

static const struct {
	const char *label;
	const char *iconv;
	const char *name;
} aliases[] = {
    {"utf-8", "UTF-8", "utf-8"},
    {"utf8", "UTF-8", "utf-8"},
    {"unicode-1-1-utf-8", "UTF-8", "utf-8"},
    {"euc-kr", "CP949", "cp949"},
    {"euckr", "CP949", "cp949"},
    {"ks_c_5601-1987", "CP949", "cp949"},
    {"ks_c_5601-1989", "CP949", "cp949"},
    {"ksc5601", "CP949", "cp949"},
    {"ksc_5601", "CP949", "cp949"},
    {"cp949", "CP949", "cp949"},
    {"uhc", "CP949", "cp949"},
    {"windows-949", "CP949", "cp949"},
    {"x-windows-949", "CP949", "cp949"},
    {"korean", "CP949", "cp949"},
    {"iso-ir-149", "CP949", "cp949"},
    {"csksc56011987", "CP949", "cp949"},
    {"gb2312", "GB18030", "gb18030"},
    {"gbk", "GB18030", "gb18030"},
    {"gb18030", "GB18030", "gb18030"},
    {"x-gbk", "GB18030", "gb18030"},
    {"cp936", "GB18030", "gb18030"},
    {"windows-936", "GB18030", "gb18030"},
    {"euc-cn", "GB18030", "gb18030"},
    {"csgb2312", "GB18030", "gb18030"},
    {"chinese", "GB18030", "gb18030"},
    {"iso-ir-58", "GB18030", "gb18030"},
    {"gb_2312-80", "GB18030", "gb18030"},
    {"big5", "BIG5-HKSCS", "big5-hkscs"},
    {"big5-hkscs", "BIG5-HKSCS", "big5-hkscs"},
    {"cn-big5", "BIG5-HKSCS", "big5-hkscs"},
    {"csbig5", "BIG5-HKSCS", "big5-hkscs"},
    {"x-x-big5", "BIG5-HKSCS", "big5-hkscs"},
    {"cp950", "BIG5-HKSCS", "big5-hkscs"},
    {"us-ascii", "WINDOWS-1252", "windows-1252"},
    {"ascii", "WINDOWS-1252", "windows-1252"},
    {"iso-8859-1", "WINDOWS-1252", "windows-1252"},
    {"latin1", "WINDOWS-1252", "windows-1252"},
    {"windows-1252", "WINDOWS-1252", "windows-1252"},
    {"shift_jis", "CP932", "shift_jis"},
    {"sjis", "CP932", "shift_jis"},
    {"windows-31j", "CP932", "shift_jis"},
    {"utf-16", "UTF-16LE", "utf-16le"},
    {"utf-16le", "UTF-16LE", "utf-16le"},
    {"utf-16be", "UTF-16BE", "utf-16be"},
    /* uchardet's spellings */
    {"x-euc-tw", "EUC-TW", "euc-tw"},
    {"ibm855", "IBM855", "ibm855"},
};

/* Labels that are never honoured: UTF-7 smuggles markup past filters. */
static const char *const refused[] = {
    "utf-7", "utf7", "x-user-defined", "replacement"};

static bool
label_ok(const char *s, size_t n)
{
	if (n == 0 || n >= 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '-' || c == '_' || c == '.' || c == ':'))
			return false;
	}
	return true;
}

/* A label not in the table is tried with iconv itself. */
static bool
choice_generic(const char *label, struct choice *c)
{
	iconv_t cd;
	size_t i;

	for (i = 0; label[i] != '\0'; i++)
		c->iconv[i] =
		    (char)(label[i] >= 'a' && label[i] <= 'z' ? label[i] - 32
		                                              : label[i]);
	c->iconv[i] = '\0';
	cd = charset_iconv(c->iconv);
	if (cd == (iconv_t)-1)
		return false;
	memcpy(c->name, label, i + 1);
	return true;
}

/*
 * Maps a label ("EUC-KR", " \"gbk\" ") to a decoder; false when unknown or
 * refused.
 */
static bool
choice_from_label(const char *raw, size_t rawlen, struct choice *c)
{
	char label[32];
	size_t n = 0;

	while (rawlen > 0 && strchr(" \t\"'", raw[rawlen - 1]) != NULL)
		rawlen--;
	while (rawlen > 0 && strchr(" \t\"'", *raw) != NULL) {
		raw++;
		rawlen--;
	}
	if (rawlen == 0 || rawlen >= sizeof(label))
		return false;
	for (n = 0; n < rawlen; n++)
		label[n] = (char)(raw[n] >= 'A' && raw[n] <= 'Z' ? raw[n] + 32
		                                                 : raw[n]);
	label[n] = '\0';
	if (!label_ok(label, n))
		return false;
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (strcmp(label, refused[i]) == 0)
			return false;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(label, aliases[i].label) == 0) {
			strcpy(c->iconv, aliases[i].iconv);
			strcpy(c->name, aliases[i].name);
			break;
		}
	}
	if (c->iconv[0] == '\0' && !choice_generic(label, c))
		return false;
	c->utf8 = strcmp(c->iconv, "UTF-8") == 0;
	c->utf16 = strncmp(c->iconv, "UTF-16", 6) == 0;
	return true;
}

static size_t
utf8_seq_any(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Length of the valid UTF-8 sequence at s (1..4), 0 when invalid. Hangul
   and CJK inline: leads E1..EC and EE..EF cannot start an overlong form
   or a surrogate, so two continuation bytes make them valid. */
static inline size_t
utf8_seq(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xe1 && s[0] <= 0xef && s[0] != 0xed && n >= 3 &&
	    (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
		return 3;
	return utf8_seq_any(s, n);
}

/*
 * Scans s as UTF-8: true when it is UTF-8, allowing one invalid byte per
 * ten multibyte sequences (a page cut at the body cap, a stray byte in a
 * template); legacy CJK text scores about four bad bytes per good one.
 * *multibyte counts the valid multibyte sequences, *bad the invalid bytes.
 */
static bool
utf8_plausible(const unsigned char *s, size_t n, size_t *multibyte, size_t *bad)
{
	size_t i = 0, k;

	*multibyte = *bad = 0;
	while (i < n) {
		i += text_ascii_run((const char *)s + i, n - i);
		if (i == n)
			break;
		k = utf8_seq(s + i, n - i);
		if (k == 0) {
			(*bad)++;
			k = 1;
		} else if (k > 1) {
			(*multibyte)++;
		}
		i += k;
	}
	return *bad == 0 ||
	       (*multibyte >= UTF8_MIN_MULTIBYTE && *bad * 10 <= *multibyte);
}

/*
 * Appends s as UTF-8 with every invalid byte and every NUL replaced by
 * U+FFFD; returns the number of replacements.
 */
static size_t
utf8_repair(struct buf *b, const unsigned char *s, size_t n)
{
	size_t i = 0, run = 0, k, bad = 0;

	buf_reserve(b, n);
	while (i < n) {
		k = text_ascii_run((const char *)s + i, n - i);
		i += k;
		run += k;
		if (i == n)
			break;
		k = utf8_seq(s + i, n - i);
		if (k != 0 && s[i] != 0) {
			i += k;
			run += k;
			continue;
		}
		buf_append(b, s + i - run, run);
		buf_append(b, "\xef\xbf\xbd", 3);
		run = 0;
		bad++;
		i++;
	}
	buf_append(b, s + i - run, run);
	return bad;
}

static void
iconv_grow(struct buf *out, char **op, size_t *oleft)
{
	size_t used = (size_t)(*op - out->data);

	buf_reserve(out, out->cap + 4096);
	*op = out->data + used;
	*oleft = out->cap - used - 1;
}

/*
 * Converts with iconv into raw (not yet repaired); each undecodable byte
 * becomes U+FFFD. Returns the number of replacements, or SIZE_MAX when the
 * decoder cannot be opened.
 */
static size_t
decode_iconv(
    const char *from, const unsigned char *s, size_t n, struct buf *raw)
{
	iconv_t cd = charset_iconv(from);
	char *ip = (char *)(uintptr_t)s, *op;
	size_t ileft = n, oleft, bad = 0;

	if (cd == (iconv_t)-1)
		return SIZE_MAX;
	buf_reserve(raw, n + n / 2 + 16);
	op = raw->data;
	oleft = raw->cap - 1;
	while (ileft > 0) {
		if (iconv(cd, &ip, &ileft, &op, &oleft) != (size_t)-1)
			break;
		if (errno == E2BIG || oleft < 8) {
			iconv_grow(raw, &op, &oleft);
			continue;
		}
		/* EILSEQ, or EINVAL (a truncated sequence at the end). */
		memcpy(op, "\xef\xbf\xbd", 3);
		op += 3;
		oleft -= 3;
		bad++;
		ip++;
		ileft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	while (
	    iconv(cd, NULL, NULL, &op, &oleft) == (size_t)-1 && errno == E2BIG)
		iconv_grow(raw, &op, &oleft);
	raw->len = (size_t)(op - raw->data);
	raw->data[raw->len] = '\0';
	return bad;
}

/*
 * Valid UTF-8 as it is: after utf8_plausible() found no bad byte, a NUL
 * is the only thing utf8_repair() would change; without one the copy is
 * all there is to do (a second scan was ~1 % of a crawl's worker).
 */
static bool
utf8_copy_clean(struct buf *out, const unsigned char *s, size_t n,
    size_t bad)
{
	if (bad != 0 || memchr(s, '\0', n) != NULL)
		return false;
	buf_reserve(out, n);
	buf_append(out, s, n);
	return true;
}

/* Decodes s with c into out (replacing); returns the replacement count. */
static size_t
decode_with(
    const struct choice *c, const unsigned char *s, size_t n, struct buf *out)
{
	struct buf raw = {0};
	size_t bad;

	if (c->utf8)
		return utf8_repair(out, s, n);
	bad = decode_iconv(c->iconv, s, n, &raw);
	if (bad == SIZE_MAX) {
		buf_free(&raw);
		return utf8_repair(out, s, n) + n + 1;
	}
	bad += utf8_repair(out, (unsigned char *)raw.data, raw.len);
	buf_free(&raw);
	return bad;
}

static bool
bom_sniff(const unsigned char *s, size_t n, struct choice *c, size_t *skip)
{
	const char *label = NULL;

	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		label = "utf-8", *skip = 3;
	else if (n >= 2 && s[0] == 0xff && s[1] == 0xfe)
		label = "utf-16le", *skip = 2;
	else if (n >= 2 && s[0] == 0xfe && s[1] == 0xff)
		label = "utf-16be", *skip = 2;
	return label != NULL && choice_from_label(label, strlen(label), c);
}

static const unsigned char *
memcasemem(const unsigned char *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle);

	for (size_t i = 0; i + nn <= hn; i++)
		if (strncasecmp((const char *)h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

struct attr {
	const unsigned char *name, *value;
	size_t nlen, vlen;
};

/* Parses one attribute at *p (before end); false at '>' or the end. */
static bool
attr_next(const unsigned char **pp, const unsigned char *end, struct attr *a)
{
	const unsigned char *p = *pp;
	unsigned char q;

	while (p < end && (*p <= ' ' || *p == '/'))
		p++;
	if (p >= end || *p == '>')
		return false;
	a->name = p;
	while (p<end && * p> ' ' && *p != '=' && *p != '>' && *p != '/')
		p++;
	a->nlen = (size_t)(p - a->name);
	a->value = p;
	a->vlen = 0;
	while (p < end && *p <= ' ')
		p++;
	if (p < end && *p == '=') {
		p++;
		while (p < end && *p <= ' ')
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			q = *p++;
			a->value = p;
			while (p < end && *p != q)
				p++;
			a->vlen = (size_t)(p - a->value);
			if (p < end)
				p++;
		} else {
			a->value = p;
			while (p<end && * p> ' ' && *p != '>')
				p++;
			a->vlen = (size_t)(p - a->value);
		}
	}
	*pp = p;
	return true;
}

static bool
attr_is(const struct attr *a, const char *name)
{
	return a->nlen == strlen(name) &&
	       strncasecmp((const char *)a->name, name, a->nlen) == 0;
}

/* "text/html; charset=gbk" -> "gbk" */
static bool
charset_param(const unsigned char *v, size_t n, struct choice *c)
{
	const unsigned char *p = memcasemem(v, n, "charset");
	size_t k;

	if (p == NULL)
		return false;
	p += 7;
	while (p < v + n && *p == ' ')
		p++;
	if (p >= v + n || *p != '=')
		return false;
	p++;
	k = 0;
	while (p + k < v + n && p[k] != ';' && p[k] != ',')
		k++;
	return choice_from_label((const char *)p, k, c);
}

/* Looks at one <meta ...> tag whose attributes start at p. */
static bool
meta_tag(const unsigned char **pp, const unsigned char *end, struct choice *c)
{
	struct attr a, content = {0};
	bool http_equiv = false, found = false;

	while (attr_next(pp, end, &a)) {
		if (attr_is(&a, "charset") && !found)
			found =
			    choice_from_label((const char *)a.value, a.vlen, c);
		else if (attr_is(&a, "http-equiv"))
			http_equiv =
			    a.vlen == 12 && strncasecmp((const char *)a.value,
			                        "content-type", 12) == 0;
		else if (attr_is(&a, "content"))
			content = a;
	}
	if (!found && http_equiv && content.value != NULL)
		found = charset_param(content.value, content.vlen, c);
	return found;
}

/* The first <meta> charset declaration in the head of the page. */
static bool
meta_sniff(const unsigned char *s, size_t n, struct choice *c)
{
	const unsigned char *p = s, *end = s + (n < META_SCAN ? n : META_SCAN);
	const unsigned char *m;

	while (p < end && (m = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p = m + 1;
		if (end - p >= 3 && memcmp(p, "!--", 3) == 0) {
			m = memcasemem(p + 3, (size_t)(end - p - 3), "-->");
			if (m == NULL)
				return false;
			p = m + 3;
			continue;
		}
		if (end - p < 5 ||
		    strncasecmp((const char *)p, "meta", 4) != 0 ||
		    !(p[4] <= ' ' || p[4] == '/'))
			continue;
		p += 4;
		if (meta_tag(&p, end, c)) {
			/* ASCII-compatible bytes carried the tag: not UTF-16.
			 */
			if (c->utf16)
				choice_from_label("utf-8", 5, c);
			return true;
		}
	}
	return false;
}

static bool
detect(const unsigned char *s, size_t n, struct choice *c)
{
	uchardet_t ud = uchardet_new();
	const char *name;
	bool ok = false;

	if (ud == NULL)
		return false;
	if (uchardet_handle_data(
	        ud, (const char *)s, n < DETECT_SCAN ? n : DETECT_SCAN) == 0) {
		uchardet_data_end(ud);
		name = uchardet_get_charset(ud);
		if (name != NULL && *name != '\0')
			ok = choice_from_label(name, strlen(name), c);
	}
	uchardet_delete(ud);
	return ok;
}

static size_t
count_high(const unsigned char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += s[i] >= 0x80;
	return k;
}

static void
finish(struct charset_result *out, struct buf *b, const struct choice *c,
    const char *source)
{
	buf_reserve(b, 1);
	out->len = b->len;
	out->utf8 = buf_steal(b);
	snprintf(out->name, sizeof(out->name), "%s", c->name);
	out->source = source;
}

/*
 * A declared legacy charset that fails on many bytes is checked against
 * the detector: the one with fewer replacements wins.
 */
static void
decode_declared(const unsigned char *s, size_t n, const struct choice *decl,
    const char *source, struct charset_result *out)
{
	struct buf b = {0}, alt = {0};
	struct choice det;
	size_t bad, abad, high;

	bad = decode_with(decl, s, n, &b);
	high = bad > 2 ? count_high(s, n) : 0;
	if (bad > 2 && bad * 100 > high && detect(s, n, &det) &&
	    strcmp(det.iconv, decl->iconv) != 0) {
		abad = decode_with(&det, s, n, &alt);
		if (abad < bad) {
			buf_free(&b);
			finish(out, &alt, &det, "detected");
			return;
		}
		buf_free(&alt);
	}
	finish(out, &b, decl, source);
}

/*
 * uchardet gives up on some legacy pages (a rare UHC syllable early on is
 * enough): try the three legacy encodings of our sources and keep the one
 * with the fewest undecodable bytes, Korean first on a tie.
 */
static void
decode_fallback(const unsigned char *s, size_t n, struct charset_result *out)
{
	static const char *const labels[] = {"cp949", "gb18030", "big5"};
	struct buf best = {0}, b = {0};
	struct choice c, bestc;
	size_t bad, bestbad = SIZE_MAX;

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		choice_from_label(labels[i], strlen(labels[i]), &c);
		bad = decode_with(&c, s, n, &b);
		if (bad < bestbad) {
			buf_free(&best);
			best = b;
			bestc = c;
			bestbad = bad;
			memset(&b, 0, sizeof(b));
		} else {
			buf_free(&b);
		}
	}
	finish(out, &best, &bestc, "detected");
}

static void
decode_undeclared(const unsigned char *s, size_t n, struct charset_result *out)
{
	struct buf b = {0};
	struct choice c;
	size_t mb, bad;

	if (utf8_plausible(s, n, &mb, &bad)) {
		choice_from_label("utf-8", 5, &c);
		if (!utf8_copy_clean(&b, s, n, bad))
			utf8_repair(&b, s, n);
		finish(out, &b, &c, mb > 0 ? "detected" : "default");
		return;
	}
	if (detect(s, n, &c)) {
		decode_declared(s, n, &c, "detected", out);
		return;
	}
	decode_fallback(s, n, out);
}

int
charset_decode(const unsigned char *body, size_t len,
    const char *header_charset, struct charset_result *out, struct err *e)
{
	struct choice decl, meta;
	struct buf b = {0};
	const char *source = NULL;
	size_t skip = 0, mb, bad;
	bool have_meta;

	if (len > CHARSET_MAX_INPUT)
		return err_set(e,
		    "body of %zu bytes is over the decoder's "
		    "limit",
		    len);
	if (body == NULL)
		body = (const unsigned char *)"";
	if (bom_sniff(body, len, &decl, &skip)) {
		decode_with(&decl, body + skip, len - skip, &b);
		finish(out, &b, &decl, "bom");
		return 0;
	}
	have_meta = meta_sniff(body, len, &meta);
	if (header_charset != NULL &&
	    choice_from_label(header_charset, strlen(header_charset), &decl))
		source = "header";
	else if (have_meta) {
		decl = meta;
		source = "meta";
	}
	if (source == NULL) {
		decode_undeclared(body, len, out);
		return 0;
	}
	if (utf8_plausible(body, len, &mb, &bad)) {
		if (!decl.utf8 && (mb >= UTF8_MIN_MULTIBYTE || bad > 0)) {
			choice_from_label("utf-8", 5, &decl);
			source = "detected";
		}
		/* What decode_declared() would do with no replacement. */
		if (decl.utf8 && utf8_copy_clean(&b, body, len, bad)) {
			finish(out, &b, &decl, source);
			return 0;
		}
		decode_declared(body, len, &decl, source, out);
		return 0;
	}
	/* Declared UTF-8 on bytes that are not: the content wins. */
	if (decl.utf8 && have_meta && !meta.utf8)
		decode_declared(body, len, &meta, "meta", out);
	else if (decl.utf8)
		decode_undeclared(body, len, out);
	else
		decode_declared(body, len, &decl, source, out);
	return 0;
}
