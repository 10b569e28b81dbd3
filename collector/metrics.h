/* SPDX-License-Identifier: ISC */
/*
 * The Prometheus textfile-collector file (node_exporter's
 * --collector.textfile.directory): per-source counters and schedule state
 * from the store, written after each round when the config sets
 * `metrics:`. The file is replaced atomically (a temporary file in the same
 * directory, then rename(2)), so the collector never reads half a file.
 */
#ifndef METRICS_H
#define METRICS_H

#include "buf.h"
#include "cfg.h"
#include "err.h"
#include "store.h"

/*
 * Renders the metrics of the sources configured in c (removed sources
 * would otherwise look stuck forever) into path. The file is made
 * world-readable (0644) whatever the umask: node_exporter runs as another
 * user. Returns 0, or -1 with e set (the old file, if any, stays).
 */
int metrics_write(struct store *s, const struct cfg *c, const char *path,
    struct err *e);

/* The text itself, appended to b; for tests and `kicwatch stats`. */
int metrics_render(struct store *s, const struct cfg *c, struct buf *b,
    struct err *e);

#endif
