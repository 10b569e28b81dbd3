-- SPDX-License-Identifier: ISC
-- Version 16: what two read commands looked for by scanning a whole table
-- on a store of 100,000 documents.
--
-- * document_day: each document's day (publication date, else the day
--   its capture was fetched, report/'s doc.day) by run, newest first,
--   so `query documents` reads the listing in order and stops at LIMIT
--   instead of computing and sorting the day of every document of the
--   run (~0.4 s CPU). A table of its own, not a document column: adding
--   a column would rewrite every document row (they hold the text) when
--   the store is upgraded. Triggers keep it for every writer; documents
--   and captures are never updated. day may be NULL (no capture row).
-- * capture_redirect: captures whose final URL differs from the URL
--   asked for (redirects; final_url is the URL itself otherwise), so
--   `show URL` finds a capture by its final URL without reading every
--   capture row (they hold the bodies): an index entry only per redirect.
CREATE TABLE document_day (
  id              INTEGER PRIMARY KEY,   -- document.id
  run_id          INTEGER NOT NULL,
  day             TEXT
);
CREATE INDEX document_day_run ON document_day(run_id, day DESC);
INSERT INTO document_day (id, run_id, day)
  SELECT d.id, d.run_id, coalesce(d.published, (SELECT substr(c.fetched_at,
    1, 10) FROM capture c WHERE c.id = d.capture_id)) FROM document d;
CREATE TRIGGER document_day_ai AFTER INSERT ON document BEGIN
  INSERT INTO document_day (id, run_id, day) VALUES (new.id, new.run_id,
    coalesce(new.published, (SELECT substr(c.fetched_at, 1, 10)
    FROM capture c WHERE c.id = new.capture_id)));
END;
CREATE TRIGGER document_day_ad AFTER DELETE ON document BEGIN
  DELETE FROM document_day WHERE id = old.id;
END;

CREATE INDEX capture_redirect ON capture(final_url) WHERE final_url <> url;
