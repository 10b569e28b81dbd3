-- SPDX-License-Identifier: ISC
-- Version 3: what writing records needs beyond version 1.

-- The store's own bookkeeping as key/value pairs (not records), e.g.
-- 'gazetteer_digest': the digest of the entities last synced into org,
-- org_alias and org_tag, so that syncing an unchanged gazetteer costs one
-- lookup.
CREATE TABLE meta (
  key             TEXT PRIMARY KEY,
  value           TEXT NOT NULL
) WITHOUT ROWID;

-- The charset each run decoded its capture with: reparse may decode a
-- capture differently from the crawl that stored it (better detection),
-- and capture rows are never updated.
ALTER TABLE document ADD COLUMN charset TEXT;         -- lowercase IANA name
ALTER TABLE document ADD COLUMN charset_source TEXT;  -- header, bom, meta, detected, default

-- reparse streams the captures that can become documents in id order, in
-- short id-range batches, and counts them for its progress line: without
-- this it would read every body (kind is stored after body) to filter.
CREATE INDEX capture_document ON capture(id) WHERE kind IN ('article','page');

-- The reports of one event group, and the rows of a run (dropping an
-- abandoned reparse run; documents use UNIQUE (run_id, capture_id)).
CREATE INDEX event_group_member ON event(group_id);
CREATE INDEX mou_group_member ON mou(group_id);
CREATE INDEX event_group_run ON event_group(run_id);
