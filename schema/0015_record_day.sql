-- SPDX-License-Identifier: ISC
-- Version 15: the day an event or MOU is listed under, stored with it and
-- indexed per run in the order `kicwatch query events|mous` prints.
--
-- That day is the record's own date, else its document's publication
-- date, else the day the document's capture was fetched (report/ calls
-- it the record's day; 'YYYY-MM-DD' or 'YYYY-MM'). Computed at read time
-- from three tables, it could not be indexed: `query events --limit 5`
-- computed and sorted every event of the run (~0.6 s CPU on 100,000
-- documents) to print five. With the column and event_run_day the newest
-- records come first from the index, and a --since/--until window is an
-- index range.
--
-- The triggers fill the column for every writer (crawl, reparse, copied
-- runs, tests and bench generators writing SQL): a day is derived, never
-- written by hand. Documents and captures are never updated, and records
-- change only their group_id, so a day computed at insert stays right;
-- the update trigger covers a hand-edited date.
-- event_run_date and mou_run_date stay: grouping looks up a run's
-- records by their own date (schema/store_group.c).
ALTER TABLE event ADD COLUMN day TEXT;
ALTER TABLE mou ADD COLUMN day TEXT;

UPDATE event SET day = coalesce(date, (SELECT coalesce(d.published,
  (SELECT substr(c.fetched_at, 1, 10) FROM capture c
   WHERE c.id = d.capture_id)) FROM document d WHERE d.id = event.document_id));
UPDATE mou SET day = coalesce(date, (SELECT coalesce(d.published,
  (SELECT substr(c.fetched_at, 1, 10) FROM capture c
   WHERE c.id = d.capture_id)) FROM document d WHERE d.id = mou.document_id));

-- Newest first, ties in id order: the default order is a forward scan.
CREATE INDEX event_run_day ON event(run_id, day DESC);
CREATE INDEX mou_run_day ON mou(run_id, day DESC);

CREATE TRIGGER event_day_ai AFTER INSERT ON event BEGIN
  UPDATE event SET day = coalesce(new.date, (SELECT coalesce(d.published,
    (SELECT substr(c.fetched_at, 1, 10) FROM capture c
     WHERE c.id = d.capture_id)) FROM document d WHERE d.id = new.document_id))
  WHERE id = new.id;
END;
CREATE TRIGGER event_day_au AFTER UPDATE OF date, document_id ON event BEGIN
  UPDATE event SET day = coalesce(new.date, (SELECT coalesce(d.published,
    (SELECT substr(c.fetched_at, 1, 10) FROM capture c
     WHERE c.id = d.capture_id)) FROM document d WHERE d.id = new.document_id))
  WHERE id = new.id;
END;
CREATE TRIGGER mou_day_ai AFTER INSERT ON mou BEGIN
  UPDATE mou SET day = coalesce(new.date, (SELECT coalesce(d.published,
    (SELECT substr(c.fetched_at, 1, 10) FROM capture c
     WHERE c.id = d.capture_id)) FROM document d WHERE d.id = new.document_id))
  WHERE id = new.id;
END;
CREATE TRIGGER mou_day_au AFTER UPDATE OF date, document_id ON mou BEGIN
  UPDATE mou SET day = coalesce(new.date, (SELECT coalesce(d.published,
    (SELECT substr(c.fetched_at, 1, 10) FROM capture c
     WHERE c.id = d.capture_id)) FROM document d WHERE d.id = new.document_id))
  WHERE id = new.id;
END;
