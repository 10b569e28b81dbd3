-- SPDX-License-Identifier: ISC
-- Version 12: a writer may defer full-text indexing on its connection
-- (store_fts_defer: a crawl committing many pages per transaction) and
-- index the documents it inserted in bulk before it commits
-- (store_fts_flush), as reparse does for a run being built (version 6).
-- kw_fts_now() is an application function kicwatch registers on every
-- connection: 1 unless that connection deferred indexing, so any other
-- writer still indexes row by row. The delete and update triggers are
-- unchanged: every committed document is in both indexes.
DROP TRIGGER document_fts_ai;
CREATE TRIGGER document_fts_ai AFTER INSERT ON document
WHEN kw_fts_now() AND
  (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  INSERT INTO document_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
DROP TRIGGER document_cjk_ai;
CREATE TRIGGER document_cjk_ai AFTER INSERT ON document
WHEN kw_fts_now() AND
  (SELECT completed_at FROM run WHERE id = new.run_id) IS NOT NULL BEGIN
  INSERT INTO document_cjk(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
