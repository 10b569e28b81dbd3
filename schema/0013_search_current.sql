-- SPDX-License-Identifier: ISC
-- Version 13: what `kicwatch search` asks of each of the up to 2,000
-- full-text matches it ranks, answered from small structures.
-- * document_stale: the documents with a newer capture of their URL in
--   their run (a crawl appended one), which every read leaves out. Asked
--   per match through document_url_run, it took a URL-index lookup each
--   (~200 index pages on a cold start for a common word); this table is
--   usually empty. The triggers keep it exact: an insert probes
--   document_url_run, which the insert itself has just updated; a delete
--   makes the URL's newest remaining document current again.
-- * document_search replaces document_current (version 9, read only by
--   search): the same lookup by id without the URL, less than half the
--   pages, for search and for every document insert.
CREATE TABLE document_stale (
  id INTEGER PRIMARY KEY     -- document.id
);
CREATE TRIGGER document_stale_ai AFTER INSERT ON document BEGIN
  INSERT OR IGNORE INTO document_stale (id)
    SELECT id FROM document WHERE url = new.url AND run_id = new.run_id
    AND capture_id < new.capture_id;
  INSERT OR IGNORE INTO document_stale (id)
    SELECT new.id WHERE EXISTS (SELECT 1 FROM document WHERE url = new.url
    AND run_id = new.run_id AND capture_id > new.capture_id);
END;
CREATE TRIGGER document_stale_ad AFTER DELETE ON document BEGIN
  DELETE FROM document_stale WHERE id = old.id;
  DELETE FROM document_stale WHERE id = (SELECT id FROM document
    WHERE url = old.url AND run_id = old.run_id
    ORDER BY capture_id DESC LIMIT 1);
END;
INSERT INTO document_stale (id)
  SELECT d.id FROM document d WHERE EXISTS (SELECT 1 FROM document d2
  WHERE d2.url = d.url AND d2.run_id = d.run_id
  AND d2.capture_id > d.capture_id);
DROP INDEX document_current;
CREATE INDEX document_search ON document(id, run_id, published, source_id,
  capture_id);
