/* SPDX-License-Identifier: ISC */
/*
 * The XPath backend of the read-side kicwatch, which does not link
 * libxml2: the library is loaded the first time a configuration names a
 * selector, and never unloaded. Only the read side's single thread
 * loads a configuration, so the lazy initialisation needs no lock.
 */
#include "cfg_xpath.h"

#include <dlfcn.h>
#include <stdio.h>

/* libxml2's soname since 2.0; the one the collector links. */
#define CFG_XPATH_LIBXML2 "libxml2.so.2"

static struct cfg_xpath_backend loaded;
static int state;	/* 0 not tried, 1 loaded, -1 failed */
static char failure[128];

static int
symbol(void *lib, const char *name, void *out)
{
	void *p = dlsym(lib, name);

	if (p == NULL) {
		snprintf(failure, sizeof(failure), "%s: no symbol %s",
		    CFG_XPATH_LIBXML2, name);
		return -1;
	}
	/* POSIX guarantees object and function pointers convert. */
	*(void **)out = p;
	return 0;
}

static int
load(void)
{
	void (*init)(void);
	void *lib;
	const char *why;

	lib = dlopen(CFG_XPATH_LIBXML2, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		why = dlerror();
		snprintf(failure, sizeof(failure), "cannot load libxml2: %s",
		    why != NULL ? why : "unknown error");
		return -1;
	}
	if (symbol(lib, "xmlInitParser", &init) == -1 ||
	    symbol(lib, "xmlXPathNewContext", &loaded.context_new) == -1 ||
	    symbol(lib, "xmlXPathCtxtCompile", &loaded.compile) == -1 ||
	    symbol(lib, "xmlXPathFreeCompExpr", &loaded.comp_free) == -1 ||
	    symbol(lib, "xmlXPathFreeContext", &loaded.context_free) == -1)
		return -1;
	init();
	return 0;
}

const struct cfg_xpath_backend *
cfg_xpath_backend(char *why, size_t len)
{
	if (state == 0)
		state = load() == 0 ? 1 : -1;
	if (state == 1)
		return &loaded;
	snprintf(why, len, "%s", failure);
	return NULL;
}
