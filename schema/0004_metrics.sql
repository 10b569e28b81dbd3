-- SPDX-License-Identifier: ISC
-- Version 4: per-source collection counters for monitoring (the daemon
-- writes them as a Prometheus textfile after each round). They are kept by
-- triggers, so they change in the same transaction as the rows they count,
-- whoever writes them (crawl, run), and reading them costs one row per
-- source however long the store has been collecting. Only crawl runs
-- count documents and records: a reparse re-extracts old captures, it
-- does not collect anything new.

CREATE TABLE source_metrics (
  source_id       INTEGER PRIMARY KEY REFERENCES source(id),
  requests        INTEGER NOT NULL DEFAULT 0, -- HTTP requests sent (fetch_log rows that went out)
  stored          INTEGER NOT NULL DEFAULT 0, -- responses kept as a new capture
  unchanged       INTEGER NOT NULL DEFAULT 0, -- 200 with a body identical to the last one
  not_modified    INTEGER NOT NULL DEFAULT 0, -- 304 answers to a conditional GET
  http_errors     INTEGER NOT NULL DEFAULT 0, -- 4xx/5xx answers
  errors          INTEGER NOT NULL DEFAULT 0, -- transport errors: timeout, DNS, reset, limit
  skipped         INTEGER NOT NULL DEFAULT 0, -- not requested: robots.txt or a refused URL
  bytes           INTEGER NOT NULL DEFAULT 0, -- body bytes received (decompressed)
  documents       INTEGER NOT NULL DEFAULT 0, -- documents extracted by crawl runs
  events          INTEGER NOT NULL DEFAULT 0, -- events extracted by crawl runs
  mous            INTEGER NOT NULL DEFAULT 0, -- MOUs extracted by crawl runs
  last_fetch_at   TEXT                        -- latest fetch_log.at
);

-- Backfill from what an older store already holds.
INSERT INTO source_metrics (source_id) SELECT id FROM source;
UPDATE source_metrics SET
  requests = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id
              AND f.outcome NOT IN ('robots_disallowed','refused')),
  stored = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id AND f.outcome = 'stored'),
  unchanged = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id AND f.outcome = 'unchanged'),
  not_modified = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id AND f.outcome = 'not_modified'),
  http_errors = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id AND f.outcome = 'http_error'),
  errors = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id AND f.outcome = 'error'),
  skipped = (SELECT count(*) FROM fetch_log f WHERE f.source_id = source_metrics.source_id
             AND f.outcome IN ('robots_disallowed','refused')),
  bytes = (SELECT coalesce(sum(bytes), 0) FROM fetch_log f WHERE f.source_id = source_metrics.source_id),
  last_fetch_at = (SELECT max(at) FROM fetch_log f WHERE f.source_id = source_metrics.source_id),
  documents = (SELECT count(*) FROM document d JOIN run r ON r.id = d.run_id
               WHERE d.source_id = source_metrics.source_id AND r.kind = 'crawl'),
  events = (SELECT count(*) FROM event e JOIN document d ON d.id = e.document_id
            JOIN run r ON r.id = e.run_id
            WHERE d.source_id = source_metrics.source_id AND r.kind = 'crawl'),
  mous = (SELECT count(*) FROM mou m JOIN document d ON d.id = m.document_id
          JOIN run r ON r.id = m.run_id
          WHERE d.source_id = source_metrics.source_id AND r.kind = 'crawl');

CREATE TRIGGER source_metrics_source AFTER INSERT ON source BEGIN
  INSERT OR IGNORE INTO source_metrics (source_id) VALUES (new.id);
END;

CREATE TRIGGER source_metrics_fetch AFTER INSERT ON fetch_log
WHEN new.source_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO source_metrics (source_id) VALUES (new.source_id);
  UPDATE source_metrics SET
    requests = requests + (new.outcome NOT IN ('robots_disallowed','refused')),
    stored = stored + (new.outcome = 'stored'),
    unchanged = unchanged + (new.outcome = 'unchanged'),
    not_modified = not_modified + (new.outcome = 'not_modified'),
    http_errors = http_errors + (new.outcome = 'http_error'),
    errors = errors + (new.outcome = 'error'),
    skipped = skipped + (new.outcome IN ('robots_disallowed','refused')),
    bytes = bytes + new.bytes,
    last_fetch_at = max(coalesce(last_fetch_at, ''), new.at)
  WHERE source_id = new.source_id;
END;

CREATE TRIGGER source_metrics_document AFTER INSERT ON document
WHEN (SELECT kind FROM run WHERE id = new.run_id) = 'crawl' BEGIN
  INSERT OR IGNORE INTO source_metrics (source_id) VALUES (new.source_id);
  UPDATE source_metrics SET documents = documents + 1
  WHERE source_id = new.source_id;
END;

CREATE TRIGGER source_metrics_event AFTER INSERT ON event
WHEN (SELECT kind FROM run WHERE id = new.run_id) = 'crawl' BEGIN
  UPDATE source_metrics SET events = events + 1
  WHERE source_id = (SELECT source_id FROM document WHERE id = new.document_id);
END;

CREATE TRIGGER source_metrics_mou AFTER INSERT ON mou
WHEN (SELECT kind FROM run WHERE id = new.run_id) = 'crawl' BEGIN
  UPDATE source_metrics SET mous = mous + 1
  WHERE source_id = (SELECT source_id FROM document WHERE id = new.document_id);
END;

-- The counters with the schedule state, for `kicwatch stats` and analysts.
CREATE VIEW v_source_metrics AS
  SELECT s.name AS source, s.url, m.requests, m.stored, m.unchanged,
         m.not_modified, m.http_errors, m.errors, m.skipped, m.bytes,
         m.documents, m.events, m.mous, m.last_fetch_at,
         s.last_attempt_at, s.last_success_at, s.failures, s.last_error,
         s.next_due_at
  FROM source s LEFT JOIN source_metrics m ON m.source_id = s.id;
