-- SPDX-License-Identifier: ISC
-- Version 11: documents, events and MOUs count towards the collection
-- metrics when they are written into a completed run. Crawls always write
-- into the current run, which is completed; a reparse builds an unfinished
-- one. Version 4 keyed on run.kind = 'crawl' instead, so after the first
-- reparse (whose run then becomes current and receives every later crawl)
-- the counters stopped moving and a stuck-looking source was reported.

DROP TRIGGER source_metrics_document;
DROP TRIGGER source_metrics_event;
DROP TRIGGER source_metrics_mou;

CREATE TRIGGER source_metrics_document AFTER INSERT ON document
WHEN (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  INSERT OR IGNORE INTO source_metrics (source_id) VALUES (new.source_id);
  UPDATE source_metrics SET documents = documents + 1
  WHERE source_id = new.source_id;
END;

CREATE TRIGGER source_metrics_event AFTER INSERT ON event
WHEN (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  UPDATE source_metrics SET events = events + 1
  WHERE source_id = (SELECT source_id FROM document WHERE id = new.document_id);
END;

CREATE TRIGGER source_metrics_mou AFTER INSERT ON mou
WHEN (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  UPDATE source_metrics SET mous = mous + 1
  WHERE source_id = (SELECT source_id FROM document WHERE id = new.document_id);
END;
