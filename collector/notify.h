/* SPDX-License-Identifier: ISC */
/*
 * The systemd notification protocol (sd_notify(3)): READY=1, STATUS=...,
 * WATCHDOG=1, STOPPING=1 sent as datagrams to $NOTIFY_SOCKET. Built with
 * libsystemd (HAVE_LIBSYSTEMD) it calls sd_notify(); without it a small
 * built-in sender speaks the same protocol, so Type=notify works either
 * way. Stateless: the environment is read on every call, like sd_notify.
 * Outside systemd (no $NOTIFY_SOCKET) every call is a silent no-op.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

/*
 * Sends one notification (one or more "KEY=value" lines) to
 * $NOTIFY_SOCKET. Returns 1 when sent, 0 when there is no socket to send
 * to, -1 on error with e set. The daemon logs failures at debug level
 * only: a lost STATUS= must never stop collection.
 */
int notify_send(const char *msg, struct err *e);

/* notify_send with a formatted message; errors are ignored. */
void notify_sendf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The watchdog interval systemd expects WATCHDOG=1 within (WatchdogSec=),
 * in microseconds, or 0 when no watchdog applies to this process
 * ($WATCHDOG_USEC unset, or $WATCHDOG_PID names another process).
 */
uint64_t notify_watchdog_usec(void);

/*
 * The built-in watchdog check, exposed for tests: usec and pid are the
 * values of $WATCHDOG_USEC and $WATCHDOG_PID (either may be NULL).
 */
uint64_t notify_watchdog_parse(const char *usec, const char *pid);

/*
 * The built-in sender, exposed for tests: sends msg to the AF_UNIX
 * datagram socket at path ('/' absolute or '@' abstract). Returns 0 or -1.
 */
int notify_raw_send(const char *path, const char *msg, struct err *e);

#endif
