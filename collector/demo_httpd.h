/* SPDX-License-Identifier: ISC */
/*
 * A tiny static file server for `kicwatch demo`: one thread, 127.0.0.1
 * only, GET and HEAD, one request per connection. It lets an installed
 * kicwatch show what it does without a network or a Python dependency.
 * A query string maps to a file name: path + '@' + the parameters sorted
 * by name ("index.php?m=a&c=b" is the file "index.php@c=b&m=a"), which is
 * how demo/make_site.py lays out the PHPCMS-like board. Responses carry
 * ETag and Last-Modified and answer If-None-Match with 304, so a second
 * crawl shows conditional GET at work. Not a general web server: no
 * directory listings, no symlinks followed, nothing outside the root.
 */
#ifndef DEMO_HTTPD_H
#define DEMO_HTTPD_H

#include "err.h"

struct demo_httpd;

/*
 * Serves root on 127.0.0.1 at an ephemeral port (port 0) or the given
 * one. On success *out is owned by the caller (demo_httpd_stop). Must be
 * called after signals are blocked if the caller reads them with
 * signalfd: the server thread inherits the mask.
 */
int demo_httpd_start(const char *root, unsigned port,
    struct demo_httpd **out, struct err *e);

/* The port it listens on. */
unsigned demo_httpd_port(const struct demo_httpd *h);

/* Number of requests answered so far. */
unsigned long demo_httpd_requests(const struct demo_httpd *h);

/* Stops the thread, closes the socket and frees h. NULL is a no-op. */
void demo_httpd_stop(struct demo_httpd *h);

#endif
