/* SPDX-License-Identifier: ISC */
/*
 * The libxml2 calls that validate an XPath selector, behind a table: the
 * collector links libxml2 (cfg_xpath_linked.c), while the read-side
 * kicwatch, which loads a configuration only for its store path, looks
 * them up with dlopen() on first use (cfg_xpath_dlopen.c) so that its
 * start-up does not pay for libxml2 and ICU. Each program links exactly
 * one of the two.
 */
#ifndef CFG_XPATH_H
#define CFG_XPATH_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xpath.h>

struct cfg_xpath_backend {
	xmlXPathContextPtr (*context_new)(xmlDocPtr);
	xmlXPathCompExprPtr (*compile)(xmlXPathContextPtr, const xmlChar *);
	void (*comp_free)(xmlXPathCompExprPtr);
	void (*context_free)(xmlXPathContextPtr);
};

/*
 * The backend this program was linked with, or NULL with the reason in
 * why (libxml2 could not be loaded).
 */
const struct cfg_xpath_backend *cfg_xpath_backend(char *why, size_t len);

/*
 * True when xpath is in the subset of XPath that cfg_xpath_simple.c
 * recognises, all of which libxml2 compiles: the check needs no libxml2.
 * False says nothing (libxml2 decides).
 */
bool cfg_xpath_is_simple(const char *xpath);

#endif
