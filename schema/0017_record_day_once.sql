-- SPDX-License-Identifier: ISC
-- Version 17: an event's or MOU's day falls back to its document's day
-- as document_day (0016) holds it, instead of repeating the rule
-- (publication date, else the capture's fetch day) in four triggers of
-- 0015. One rule, in document_day_ai; and the fallback is one lookup of
-- a narrow row instead of the document's and its capture's. A record is
-- inserted after its document (same transaction), so that row exists.
DROP TRIGGER event_day_ai;
DROP TRIGGER event_day_au;
DROP TRIGGER mou_day_ai;
DROP TRIGGER mou_day_au;

CREATE TRIGGER event_day_ai AFTER INSERT ON event BEGIN
  UPDATE event SET day = coalesce(new.date, (SELECT day FROM document_day
    WHERE id = new.document_id)) WHERE id = new.id;
END;
CREATE TRIGGER event_day_au AFTER UPDATE OF date, document_id ON event BEGIN
  UPDATE event SET day = coalesce(new.date, (SELECT day FROM document_day
    WHERE id = new.document_id)) WHERE id = new.id;
END;
CREATE TRIGGER mou_day_ai AFTER INSERT ON mou BEGIN
  UPDATE mou SET day = coalesce(new.date, (SELECT day FROM document_day
    WHERE id = new.document_id)) WHERE id = new.id;
END;
CREATE TRIGGER mou_day_au AFTER UPDATE OF date, document_id ON mou BEGIN
  UPDATE mou SET day = coalesce(new.date, (SELECT day FROM document_day
    WHERE id = new.document_id)) WHERE id = new.id;
END;
