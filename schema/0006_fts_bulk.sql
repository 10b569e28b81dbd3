-- SPDX-License-Identifier: ISC
-- Version 6: documents of a run being built (reparse) are full-text
-- indexed in bulk, once per committed batch, instead of row by row.
-- FTS5 flushes its pending terms at every statement savepoint, and each
-- document insert is one (its triggers write several tables), so indexing
-- row by row writes one tiny segment per document per index and merges
-- them all again: measured, 60% of the cost of storing a document. Rows of
-- a completed run (crawls append to the current one) are still indexed as
-- they are inserted. The writer of an unfinished run indexes its new
-- documents before every commit (store_run_index), so every committed
-- document is indexed and the delete triggers stay exact.
DROP TRIGGER document_fts_ai;
CREATE TRIGGER document_fts_ai AFTER INSERT ON document
WHEN (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  INSERT INTO document_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
DROP TRIGGER document_cjk_ai;
CREATE TRIGGER document_cjk_ai AFTER INSERT ON document
WHEN (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  INSERT INTO document_cjk(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
