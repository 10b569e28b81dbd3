/* SPDX-License-Identifier: ISC */
/*
 * sd_notify, twice: through libsystemd when we are built with it, else a
 * built-in sender. The protocol is one AF_UNIX datagram of newline-separated
 * KEY=value assignments to the socket named by $NOTIFY_SOCKET, which is a
 * filesystem path or, with a leading '@', an abstract-namespace name. The
 * built-in sender is kept even with libsystemd so tests exercise it.
 */
#include "notify.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

int
notify_raw_send(const char *path, const char *msg, struct err *e)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	size_t plen = strlen(path);
	socklen_t alen;
	ssize_t n;
	int fd;

	if ((path[0] != '/' && path[0] != '@') || plen < 2 ||
	    plen >= sizeof(sun.sun_path))
		return err_set(e, "notify: unusable NOTIFY_SOCKET '%s'", path);
	memcpy(sun.sun_path, path, plen);
	/* Abstract names start with a NUL and are not NUL-terminated. */
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen +
	    (path[0] == '/' ? 1 : 0));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return err_set(e, "notify: socket: %s", strerror(errno));
	n = sendto(fd, msg, strlen(msg), MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, alen);
	if (n == -1) {
		err_set(e, "notify: %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
notify_send(const char *msg, struct err *e)
{
	const char *path = getenv("NOTIFY_SOCKET");
	int r;

	if (path == NULL || *path == '\0')
		return 0;
#ifdef HAVE_LIBSYSTEMD
	r = sd_notify(0, msg);
	if (r < 0)
		return err_set(e, "notify: %s: %s", path, strerror(-r));
	return r > 0 ? 1 : 0;
#else
	r = notify_raw_send(path, msg, e);
	return r == -1 ? -1 : 1;
#endif
}

void
notify_sendf(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)notify_send(msg, NULL);
}

uint64_t
notify_watchdog_parse(const char *usec, const char *pid)
{
	unsigned long long v;
	char *end;

	if (usec == NULL || *usec == '\0')
		return 0;
	if (pid != NULL && *pid != '\0' &&
	    strtol(pid, NULL, 10) != (long)getpid())
		return 0;
	errno = 0;
	v = strtoull(usec, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0)
		return 0;
	return (uint64_t)v;
}

uint64_t
notify_watchdog_usec(void)
{
#ifdef HAVE_LIBSYSTEMD
	uint64_t usec = 0;

	if (sd_watchdog_enabled(0, &usec) <= 0)
		return 0;
	return usec;
#else
	return notify_watchdog_parse(getenv("WATCHDOG_USEC"),
	    getenv("WATCHDOG_PID"));
#endif
}
