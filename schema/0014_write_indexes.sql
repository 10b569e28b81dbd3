-- SPDX-License-Identifier: ISC
-- Version 14: fewer index entries per row written (reparse and crawls
-- write ~45 mentions a page), with every read query keeping an index
-- that answers it (their plans compared before and after).
-- * mention_org (org_id) held an entry for every mention, org or not
--   (~55% have no org_id), and mention_org_doc (org_id, document_id,
--   kind) WHERE kind = 'org' held the org ones again. org_id is set only
--   on org mentions, so one partial index on the rows with an org_id
--   serves both: SQLite uses it for any `org_id = ...` (which implies
--   org_id IS NOT NULL) and it covers what mention_org_doc covered;
--   lookups by organisation that went through mention_org to the table
--   rows now read the index alone.
-- * document_url (url) is the prefix of document_url_run (url, run_id,
--   capture_id), which answers every lookup by URL from the index alone.
-- IF EXISTS: tests take stores back to an older version by hand.
DROP INDEX IF EXISTS mention_org;
DROP INDEX IF EXISTS mention_org_doc;
CREATE INDEX mention_org_doc ON mention(org_id, document_id, kind)
  WHERE org_id IS NOT NULL;
DROP INDEX IF EXISTS document_url;
