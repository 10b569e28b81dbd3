/* SPDX-License-Identifier: ISC */
/*
 * The read-side kicwatch hands every command it does not carry to
 * kicwatch-collect with execv(): same PID (systemd's Type=notify main
 * process), same argv, environment and descriptors. The program is looked
 * for where meson installs it relative to the running binary (so a
 * DESTDIR or a moved prefix works), then beside it (the build tree), then
 * at its configured absolute path (when /proc is not mounted).
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define COLLECT "kicwatch-collect"

/* libexecdir/kicwatch relative to bindir, or "" when either is absolute. */
#ifndef KICWATCH_BIN_TO_LIBEXEC
#define KICWATCH_BIN_TO_LIBEXEC "../libexec/kicwatch"
#endif
#ifndef KICWATCH_LIBEXECDIR
#define KICWATCH_LIBEXECDIR "/usr/libexec/kicwatch"
#endif

/* Returns only when execv failed, with its errno. */
static int
try_exec(const char *dir, const char *sub, char **argv)
{
	char path[PATH_MAX];
	int n;

	n = snprintf(path, sizeof(path), "%s%s%s/" COLLECT, dir,
	    *sub != '\0' ? "/" : "", sub);
	if (n < 0 || (size_t)n >= sizeof(path))
		return ENAMETOOLONG;
	execv(path, argv);
	return errno;
}

/* ENOENT says nothing; a program that exists but fails to start does. */
static void
keep(int *err, int e)
{
	if (*err == ENOENT)
		*err = e;
}

int
cli_collect_exec(char **argv)
{
	char dir[PATH_MAX], *slash;
	ssize_t n;
	int err = ENOENT;

	/*
	 * GnuTLS comes with libcurl's dependencies (librtmp, libldap) and
	 * serves nothing here: Debian's libcurl speaks TLS through OpenSSL,
	 * and only http(s) URLs are fetched. Its constructor would still
	 * initialise it (~3 ms of CPU, 0.8 MiB); whatever does use GnuTLS
	 * (those libraries, a GnuTLS libcurl) calls gnutls_global_init()
	 * itself. A caller's own setting wins.
	 */
	(void)setenv("GNUTLS_NO_IMPLICIT_INIT", "1", 0);

	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n > 0 && (size_t)n < sizeof(dir) - 1) {
		dir[n] = '\0';
		if ((slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			if (*KICWATCH_BIN_TO_LIBEXEC != '\0')
				keep(&err, try_exec(dir,
				    KICWATCH_BIN_TO_LIBEXEC, argv));
			keep(&err, try_exec(dir, "", argv));
		}
	}
	keep(&err, try_exec(KICWATCH_LIBEXECDIR, "", argv));
	log_err("cannot run %s (%s, or beside this program): %s", COLLECT,
	    KICWATCH_LIBEXECDIR, strerror(err));
	return EX_UNAVAILABLE_;
}
