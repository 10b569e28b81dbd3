/* SPDX-License-Identifier: ISC */
/*
 * notify.c: the built-in sender delivers to a path and to an abstract
 * socket; notify_send goes through whichever backend is built; no socket
 * means a silent no-op; watchdog detection follows WATCHDOG_USEC/PID.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"
#include "t.h"

static int
bind_dgram(const char *path, bool abstract)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	socklen_t len;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd == -1)
		return -1;
	if (abstract) {
		sun.sun_path[0] = '\0';
		memcpy(sun.sun_path + 1, path, strlen(path));
		len = (socklen_t)(sizeof(sa_family_t) + 1 + strlen(path));
	} else {
		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
		len = sizeof(sun);
	}
	if (bind(fd, (struct sockaddr *)&sun, len) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
expect(int fd, const char *want)
{
	char buf[512];
	ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

	T_ASSERT(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	T_STREQ(buf, want);
}

int
main(void)
{
	char dir[] = "/tmp/kw-test-notify-XXXXXX", path[256], abs[64];
	char env[300];
	struct err e = {{0}};
	int fd, afd;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/notify", dir);
	fd = bind_dgram(path, false);
	T_ASSERT(fd != -1);
	T_ASSERT(notify_raw_send(path, "READY=1", &e) == 0);
	expect(fd, "READY=1");

	snprintf(abs, sizeof(abs), "kw-test-notify-%ld", (long)getpid());
	afd = bind_dgram(abs, true);
	T_ASSERT(afd != -1);
	snprintf(env, sizeof(env), "@%s", abs);
	T_ASSERT(notify_raw_send(env, "STATUS=x", &e) == 0);
	expect(afd, "STATUS=x");

	/* Errors are reported, never fatal. */
	T_ASSERT(notify_raw_send("relative", "READY=1", &e) == -1);
	T_ASSERT(notify_raw_send("/nonexistent/sock", "READY=1", &e) == -1);
	T_ASSERT(strstr(e.msg, "/nonexistent/sock") != NULL);

	/* Through the configured backend. */
	unsetenv("NOTIFY_SOCKET");
	T_ASSERT(notify_send("READY=1", &e) == 0);
	setenv("NOTIFY_SOCKET", path, 1);
	T_ASSERT(notify_send("STOPPING=1", &e) == 1);
	expect(fd, "STOPPING=1");
	notify_sendf("STATUS=round %d done", 3);
	expect(fd, "STATUS=round 3 done");

	unsetenv("WATCHDOG_USEC");
	T_ASSERT(notify_watchdog_usec() == 0);
	setenv("WATCHDOG_USEC", "30000000", 1);
	snprintf(env, sizeof(env), "%ld", (long)getpid());
	setenv("WATCHDOG_PID", env, 1);
	T_ASSERT(notify_watchdog_usec() == 30000000);
	setenv("WATCHDOG_PID", "1", 1);
	T_ASSERT(notify_watchdog_usec() == 0);

	/* The built-in parser, whichever backend is compiled in. */
	T_ASSERT(notify_watchdog_parse(NULL, NULL) == 0);
	T_ASSERT(notify_watchdog_parse("", NULL) == 0);
	T_ASSERT(notify_watchdog_parse("0", NULL) == 0);
	T_ASSERT(notify_watchdog_parse("12x", NULL) == 0);
	T_ASSERT(notify_watchdog_parse("2000000", NULL) == 2000000);
	T_ASSERT(notify_watchdog_parse("2000000", env) == 2000000);
	T_ASSERT(notify_watchdog_parse("2000000", "1") == 0);

	close(fd);
	close(afd);
	unlink(path);
	rmdir(dir);
	return T_DONE();
}
