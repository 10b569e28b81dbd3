-- SPDX-License-Identifier: ISC
-- Version 10: watch-list entries by organisation. report/ derives the
-- 'watchlisted' tag of every organisation it lists (tens of thousands of
-- times in a year's digest); without this index each is a scan of every
-- list entry.
CREATE INDEX watchlist_entry_org ON watchlist_entry(org_id);
