-- SPDX-License-Identifier: ISC
-- Version 7: indexes for the read side (report/), measured on a generated
-- store of 100,000 documents and a million mentions (bench/).
--
-- "The newest capture of each URL in a run", the test every read of
-- current documents makes (v_document, report/): with only document_url
-- and document_run_published, SQLite's planner picks the run index for
-- (url = ? AND run_id = ?) and scans the whole run for every document;
-- one search ran for minutes. With this index it is one probe, answered
-- from the index alone (captures are append-only: the newest capture of a
-- URL has the highest id).
CREATE INDEX document_url_run ON document(url, run_id, capture_id);

-- Organisation sightings by document and by organisation, covering, so
-- a digest's "seen for the first time" reads index pages only instead of
-- a mention row per sighting (0.7 s -> 0.15 s for a year).
CREATE INDEX mention_doc_org ON mention(document_id, org_id, kind)
  WHERE kind = 'org';
CREATE INDEX mention_org_doc ON mention(org_id, document_id, kind)
  WHERE kind = 'org';
