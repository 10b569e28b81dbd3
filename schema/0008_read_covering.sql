-- SPDX-License-Identifier: ISC
-- Version 8: the documents of a run by publication date, covering what
-- report/ needs to pick a period's current documents (source, URL and
-- capture for the newest-capture test) without reading document rows,
-- which hold the whole text: counting a year of a 100,000-document store
-- went from 0.54 s to 0.05 s. It replaces document_run_published, whose
-- columns are its prefix.
CREATE INDEX document_run_day ON document(run_id, published, source_id, url,
  capture_id);
DROP INDEX document_run_published;
