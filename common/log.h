/* SPDX-License-Identifier: ISC */
/*
 * One logger for the whole program. Under systemd (JOURNAL_STREAM names our
 * stderr) lines carry a <N> priority prefix and no timestamp; in a terminal
 * they read "2025-01-01T12:00:00Z warn fetch: ...". Messages start with the
 * module and name the object: "fetch: source=x url=...: timeout after 30s".
 * log_warn appends strerror(errno), log_warnx does not; all preserve errno.
 */
#ifndef LOG_H
#define LOG_H

#include <stdbool.h>

enum log_level {
	LOG_LEVEL_ERR = 3,
	LOG_LEVEL_WARN = 4,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7,
};

/* Sets the threshold and detects journald on stderr. Safe to call again. */
void log_init(enum log_level level);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);
bool log_is_journal(void);

/* Parses "err|warn|info|debug"; returns -1 on anything else. */
int log_level_parse(const char *s, enum log_level *out);

void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif
