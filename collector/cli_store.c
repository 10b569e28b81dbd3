/* SPDX-License-Identifier: ISC */
/*
 * What a writer command does to the store it opened because of its
 * configuration: today store.trigram_index (schema/store_trigram.h).
 * Applied at open, under the writer lock, so the daemon, a crawl and a
 * reparse with the same configuration leave the store the same way.
 */
#include "cli.h"

#include <inttypes.h>

#include "log.h"
#include "store_trigram.h"

static void
report(const char *cmd, bool on, const struct store_trigram_change *ch)
{
	if (on)
		log_info("%s: built the trigram index document_fts over %"
		    PRId64 " documents (store.trigram_index: true)", cmd,
		    ch->documents);
	else if (ch->documents > 0)
		log_info("%s: dropped the trigram index document_fts "
		    "(store.trigram_index: false; kicwatch search uses "
		    "document_cjk); %.1f MiB of the file are free for "
		    "later writes", cmd, (double)ch->freed / (1 << 20));
}

int
cli_store_apply(const char *cmd, struct store *s, const struct cfg *cfg)
{
	struct store_trigram_change ch = {0};
	struct err e = {{0}};
	bool on = cfg->store_trigram_index;
	int rc = store_trigram_present(s, &e);

	if (rc == 0 || rc == 1) {
		if (rc == on)
			return 0;
		/* A build holds the write lock for as long as it takes:
		 * never under another writer's feet. */
		rc = store_lock_writer(s, &e);
		if (rc == 1) {
			log_warnx("%s: store.trigram_index not applied: %s; "
			    "the next crawl, run or reparse applies it", cmd,
			    e.msg);
			return 0;
		}
	}
	if (rc == 0 && on)
		log_info("%s: building the trigram index document_fts "
		    "(store.trigram_index: true)", cmd);
	if (rc == 0)
		rc = store_trigram_set(s, on, &ch, &e);
	if (rc == -1) {
		log_err("%s: %s", cmd, e.msg);
		return EX_IOERR_;
	}
	if (ch.changed)
		report(cmd, on, &ch);
	return 0;
}
