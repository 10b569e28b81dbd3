/* SPDX-License-Identifier: ISC */
/*
 * URL canonicalisation, so that one article is one URL however a page
 * spells the link. A reference is resolved against its base (RFC 3986,
 * with libcurl's URL API), then: scheme and host lowercased, a trailing
 * dot of the host and the default port dropped, the fragment dropped,
 * dot segments removed, percent-encoding normalised (unreserved characters
 * decoded, other escapes uppercased, unsafe bytes and non-ASCII encoded)
 * and the query parameters sorted by name. Sorting is safe for the sites
 * we watch: PHP front controllers such as PHPCMS read $_GET by name, so
 * index.php?m=content&c=index&a=show&catid=67&id=3268 and any permutation
 * are the same page. Parameters with the same name keep their order.
 * Only http and https are accepted; URLs carrying user:password are
 * refused (a hostile page must not make us send credentials).
 */
#ifndef URLCANON_H
#define URLCANON_H

#include <stddef.h>

#include "err.h"

/* References longer than this are refused: no real page link is. */
#define URLCANON_MAX 4096

/*
 * Resolves ref against base (NULL: ref must be absolute) and
 * canonicalises it. ref may carry the whitespace of an HTML attribute.
 * An empty reference or a bare fragment means base itself. On success *out
 * is owned by the caller (free). Fails on an unparsable URL, a scheme other
 * than http/https, credentials, or a reference over URLCANON_MAX.
 */
int urlcanon_resolve(
    const char *base, const char *ref, char **out, struct err *e);

/* Same as urlcanon_resolve(NULL, url, out, e). */
int urlcanon_url(const char *url, char **out, struct err *e);

/*
 * The lowercase host (without port, with IPv6 brackets) of a canonical
 * URL into buf; -1 when it has none or it does not fit.
 */
int urlcanon_host(const char *url, char *buf, size_t size);

/* "scheme://host[:port]/robots.txt" for a canonical URL; caller frees. */
char *urlcanon_robots_url(const char *url);

/* The path and query ("/a/b?x=1") of a canonical URL; borrowed from url. */
const char *urlcanon_path(const char *url);

#endif
