/* SPDX-License-Identifier: ISC */
/*
 * Every default of kicwatch.yaml in one table, written as it would be in
 * the file and parsed by the same code, with the reason for each value.
 * config/kicwatch.yaml documents the same numbers; tests/unit/test-cfg.c
 * checks that a config without optional keys gets exactly these.
 */
#include "cfg_priv.h"

#include <assert.h>
#include <string.h>

#ifndef KICWATCH_VERSION
#define KICWATCH_VERSION "0.0.0"
#endif

struct cfg_default {
	const char *key;
	const char *value;
};

static const struct cfg_default cfg_defaults[] = {
	/* systemd's StateDirectory=kicwatch owns /var/lib/kicwatch. */
	{"store.path", "/var/lib/kicwatch/kicwatch.db"},
	/* kicwatch searches document_cjk; the trigram index is for SQLite
	 * tools that cannot load the kwcjk extension, and costs a quarter of
	 * the writer's time a page and twice document_cjk's size. */
	{"store.trigram_index", "false"},
	/* Honest and versioned, so webmasters can tell us apart; operators
	 * add a contact URL in kicwatch.yaml. */
	{"http.user_agent", "kicwatch/" KICWATCH_VERSION},
	/* Chinese government sites seen from abroad are slow, not dead. */
	{"http.timeout", "30s"},
	/* A host that accepts no connection in 10s is down or blocking. */
	{"http.connect_timeout", "10s"},
	/* Below 1 KiB/s for low_speed_time, a transfer is stalled... */
	{"http.low_speed_limit", "1KiB"},
	/* ...and holding a per-host slot for nothing. */
	{"http.low_speed_time", "20s"},
	/* News pages are < 1 MiB; 8 MiB leaves room for inline images
	 * while capping decompression bombs. */
	{"http.max_body", "8MiB"},
	/* Real header blocks are a few KiB; curl's own cap is 100 KiB. */
	{"http.max_header", "64KiB"},
	/* One request per host every 2 s is polite for small CMSs;
	 * robots.txt's Crawl-delay raises it. */
	{"http.per_host_delay", "2s"},
	/* One connection per host: these are small institutional servers. */
	{"http.per_host_connections", "1"},
	/* A dozen sources on different hosts can progress in parallel. */
	{"http.max_connections", "8"},
	/* PHPCMS and government CMSs redirect http->https->canonical. */
	{"http.max_redirects", "5"},
	/* Transient 5xx and resets are common; more tries than 3 is rude. */
	{"http.retries", "3"},
	/* 10 s, 20 s, 40 s (plus jitter) rides out a short outage. */
	{"http.retry_base", "10s"},
	/* Obeying robots.txt is the default contract of a polite crawler. */
	{"http.robots", "true"},
	/* RFC 9309 says a robots.txt should not be cached past 24 hours. */
	{"http.robots_ttl", "24h"},
	/* News boards post a few items a day; 6h catches them same-day. */
	{"defaults.interval", "6h"},
	/* Known articles are rarely edited after their first week. */
	{"defaults.revisit", "7d"},
	/* Looked up next to kicwatch.yaml. */
	{"entities", "entities.yaml"},
	{"patterns", "patterns.yaml"},
	/* Five list pages reach back a few weeks on every board we know. */
	{"sources.list.max_pages", "5"},
};

const char *
cfg_default(const char *key)
{
	for (size_t i = 0; i < sizeof(cfg_defaults) / sizeof(cfg_defaults[0]);
	    i++)
		if (strcmp(cfg_defaults[i].key, key) == 0)
			return cfg_defaults[i].value;
	assert(!"cfg_default: key without a default");
	return NULL;
}
