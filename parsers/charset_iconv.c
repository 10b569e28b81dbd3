/* SPDX-License-Identifier: ISC */
/*
 * iconv descriptors kept per thread, by charset name. Opening one makes
 * glibc load the charset's gconv module, and glibc unloads a module a few
 * closes of other descriptors after its last one closed: with a fresh
 * descriptor a page, a crawl of mixed CP949, GB18030 and Big5 pages
 * dlopen()ed and dlclose()d a module every ~10 pages (~300 times in 3000
 * pages, each an open, several mmaps and page faults). Kept open, each
 * module is loaded once a thread. A thread's descriptors are closed when
 * it ends; the main thread's stay until the process exits.
 */
#include "charset_priv.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEEP 4		/* charsets a thread keeps open */

struct kept {
	char name[32];
	iconv_t cd;
};

static _Thread_local struct kept kept[KEEP];
static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool have_key;

static void
close_all(void *v)
{
	struct kept *k = v;

	for (size_t i = 0; i < KEEP; i++)
		if (k[i].name[0] != '\0') {
			iconv_close(k[i].cd);
			k[i].name[0] = '\0';
		}
}

static void
make_key(void)
{
	have_key = pthread_key_create(&key, close_all) == 0;
}

iconv_t
charset_iconv(const char *from)
{
	struct kept k;
	size_t i;

	for (i = 0; i < KEEP && kept[i].name[0] != '\0'; i++)
		if (strcmp(kept[i].name, from) == 0) {
			/* Back to the initial shift state. */
			iconv(kept[i].cd, NULL, NULL, NULL, NULL);
			return kept[i].cd;
		}
	if (strlen(from) >= sizeof(k.name))
		return (iconv_t)-1;
	k.cd = iconv_open("UTF-8", from);
	if (k.cd == (iconv_t)-1)
		return k.cd;
	pthread_once(&once, make_key);
	if (have_key && pthread_getspecific(key) == NULL)
		pthread_setspecific(key, kept);
	/* Full: the last one goes; the newest comes first. */
	if (i == KEEP) {
		iconv_close(kept[KEEP - 1].cd);
		i = KEEP - 1;
	}
	memmove(&kept[1], &kept[0], i * sizeof(kept[0]));
	snprintf(k.name, sizeof(k.name), "%s", from);
	kept[0] = k;
	return k.cd;
}
