/* SPDX-License-Identifier: ISC */
/*
 * Which URLs kicwatch may fetch or tunnel through. Only http and https
 * pages (a file: or ftp: URL in a config or a redirect must never reach
 * libcurl, which speaks both); no user:password@ in page URLs, since every
 * URL ends up in the store and the digest. The check is lexical and strict
 * (ASCII only, no spaces) so that what the config says is what goes on
 * the wire; libcurl still parses the URL itself when fetching.
 */
#include "cfg_value.h"

#include <string.h>
#include <strings.h>

#define CFG_URL_MAX 2048

static const char *const page_schemes[] = {"http", "https", NULL};
static const char *const proxy_schemes[] = {"http", "https", "socks4",
    "socks4a", "socks5", "socks5h", NULL};

static bool
scheme_ok(const char *s, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncasecmp(s, list[i], n) == 0)
			return true;
	return false;
}

static bool
is_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/* Host, optional :port, up to end (the authority without userinfo). */
static const char *
check_hostport(const char *h, const char *end)
{
	const char *p = h;
	unsigned long port = 0;

	if (*p == '[') {
		while (++p < end && *p != ']')
			if (!strchr("0123456789abcdefABCDEF:.", *p))
				return "bad IPv6 address in URL";
		if (p == end || p == h + 1)
			return "bad IPv6 address in URL";
		p++;
	} else {
		while (p < end && is_host_char(*p))
			p++;
		if (p == h)
			return "URL has no host";
	}
	if (p == end)
		return NULL;
	if (*p != ':' || p + 1 == end)
		return "bad character in the URL's host";
	for (p++; p < end; p++) {
		if (*p < '0' || *p > '9' || (port = port * 10 + (unsigned long)
		    (*p - '0')) > 65535)
			return "bad port in URL";
	}
	return port == 0 ? "bad port in URL" : NULL;
}

static const char *
check_chars(const char *url)
{
	size_t n = strlen(url);

	if (n == 0)
		return "empty URL";
	if (n > CFG_URL_MAX)
		return "URL longer than 2048 characters";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= ' ' || *p == 0x7f)
			return "URL contains a space or control character "
			       "(percent-encode it, e.g. %20)";
		if (*p >= 0x80)
			return "URL contains non-ASCII characters "
			       "(percent-encode them; punycode for hosts)";
	}
	return NULL;
}

const char *
cfg_url_check(const char *url, enum cfg_url_kind kind)
{
	const char *const *schemes = kind == CFG_URL_PROXY ? proxy_schemes :
	    page_schemes;
	const char *p, *auth, *end, *at, *why;

	if ((why = check_chars(url)) != NULL)
		return why;
	p = url + strspn(url, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	if (*p != ':' || !((*url >= 'a' && *url <= 'z') ||
	    (*url >= 'A' && *url <= 'Z')))
		return kind == CFG_URL_PROXY ? "proxy URL needs a scheme "
					       "such as socks5h://" :
		    "URL needs a scheme: http:// or https://";
	if (!scheme_ok(url, (size_t)(p - url), schemes))
		return kind == CFG_URL_PROXY ? "proxy scheme not allowed "
		    "(http, https, socks4, socks4a, socks5, socks5h)" :
		    "URL scheme not allowed (http or https only)";
	if (strncmp(p, "://", 3) != 0)
		return "expected // after the URL's scheme";
	auth = p + 3;
	end = auth + strcspn(auth, "/?#");
	at = memchr(auth, '@', (size_t)(end - auth));
	if (at != NULL && kind == CFG_URL_PAGE)
		return "user:password@ is not allowed in URLs (it would be "
		       "stored and shown)";
	if (at != NULL)
		auth = at + 1;
	if ((why = check_hostport(auth, end)) != NULL)
		return why;
	if (kind == CFG_URL_PROXY && *end != '\0' && strcmp(end, "/") != 0)
		return "a proxy URL has no path";
	return NULL;
}
