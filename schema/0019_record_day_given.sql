-- SPDX-License-Identifier: ISC
-- Version 19: the writer names an event's or MOU's day in its INSERT
-- (the same coalesce of its date and its document's day), and the insert
-- triggers of 0017 update the row only when the day it came with is not
-- that one. The unconditional UPDATE rewrote every new record's row and
-- moved its entry in event_run_day/mou_run_day a second time (~2.5
-- records a crawled page); the WHEN clause is one probe of document_day
-- by id, a page the INSERT itself just read. Any other writer (SQL by
-- hand, copies of a run) still gets the day filled or corrected, so the
-- rule holds for every row as before.
DROP TRIGGER event_day_ai;
DROP TRIGGER mou_day_ai;

CREATE TRIGGER event_day_ai AFTER INSERT ON event
WHEN new.day IS NOT coalesce(new.date, (SELECT day FROM document_day
  WHERE id = new.document_id)) BEGIN
  UPDATE event SET day = coalesce(new.date, (SELECT day FROM document_day
    WHERE id = new.document_id)) WHERE id = new.id;
END;
CREATE TRIGGER mou_day_ai AFTER INSERT ON mou
WHEN new.day IS NOT coalesce(new.date, (SELECT day FROM document_day
  WHERE id = new.document_id)) BEGIN
  UPDATE mou SET day = coalesce(new.date, (SELECT day FROM document_day
    WHERE id = new.document_id)) WHERE id = new.id;
END;
