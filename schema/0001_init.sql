-- SPDX-License-Identifier: ISC
-- kicwatch store, version 1: the tables. Append-only except the schedule
-- and per-URL state (source.*_at/failures, url_state), which is what a
-- restart needs to resume. Times are ISO 8601 UTC text
-- ('2024-09-09T10:00:00Z') so analysts can read and compare them in the
-- sqlite3 shell; dates extracted from text are 'YYYY-MM-DD' or 'YYYY-MM'.

-- A configured source, created on first sight of its name.
CREATE TABLE source (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,  -- sources[].name in kicwatch.yaml
  url             TEXT NOT NULL,         -- the configured start URL (latest)
  created_at      TEXT NOT NULL,         -- first time the store saw it
  -- schedule state (updated in place):
  next_due_at     TEXT,                  -- when the next round may start; NULL = now
  failures        INTEGER NOT NULL DEFAULT 0, -- consecutive failed rounds (drives backoff)
  last_attempt_at TEXT,                  -- start of the latest round
  last_success_at TEXT,                  -- end of the latest round with no hard error
  last_error      TEXT,                  -- reason of the latest failed round, NULL when fine
  backfilled      INTEGER NOT NULL DEFAULT 0 -- 1 once a full archive walk finished
);

-- Per-URL fetch state for conditional GET and revisit pacing (updated in place).
CREATE TABLE url_state (
  url             TEXT PRIMARY KEY,      -- canonical URL (fragment dropped, query sorted)
  source_id       INTEGER NOT NULL REFERENCES source(id),
  kind            TEXT NOT NULL CHECK (kind IN ('list','article','page','robots','asset')),
  etag            TEXT,                  -- last ETag seen
  last_modified   TEXT,                  -- last Last-Modified seen (HTTP date, verbatim)
  sha256          TEXT,                  -- hex digest of the last stored body
  capture_id      INTEGER REFERENCES capture(id), -- last stored capture of this URL
  first_seen_at   TEXT NOT NULL,
  last_fetched_at TEXT,
  next_visit_at   TEXT                   -- articles: when a revisit is allowed
) WITHOUT ROWID;

-- Every stored response, as it came: the evidence.
CREATE TABLE capture (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES source(id),
  url             TEXT NOT NULL,         -- canonical requested URL
  final_url       TEXT NOT NULL,         -- after redirects
  fetched_at      TEXT NOT NULL,
  status          INTEGER NOT NULL,      -- HTTP status
  headers         TEXT NOT NULL,         -- response headers, raw, CRLF-separated
  content_type    TEXT,                  -- media type without parameters
  etag            TEXT,
  last_modified   TEXT,
  charset         TEXT,                  -- charset the body was decoded with (NULL: not text)
  charset_source  TEXT,                  -- header, bom, meta, detected, default
  sha256          TEXT NOT NULL,         -- hex digest of the uncompressed body
  size            INTEGER NOT NULL,      -- uncompressed body bytes
  compression     TEXT NOT NULL DEFAULT 'zlib' CHECK (compression IN ('zlib','none')),
  body            BLOB NOT NULL,         -- the body, zlib-compressed (compress2)
  kind            TEXT NOT NULL CHECK (kind IN ('list','article','page','robots','asset'))
);
CREATE INDEX capture_url ON capture(url, fetched_at);
CREATE INDEX capture_sha ON capture(sha256);

-- One row per fetch attempt, stored or not: what was asked, what came back, why.
CREATE TABLE fetch_log (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER REFERENCES source(id),
  url             TEXT NOT NULL,
  at              TEXT NOT NULL,         -- when the request started
  attempt         INTEGER NOT NULL DEFAULT 1, -- 1 = first try, 2.. = retries
  status          INTEGER,               -- HTTP status, NULL when no response
  outcome         TEXT NOT NULL CHECK (outcome IN (
                    'stored',        -- new capture written
                    'unchanged',     -- 200 with the same sha256 as before
                    'not_modified',  -- 304 to a conditional GET
                    'http_error',    -- 4xx/5xx kept as an error (retried or not)
                    'error',         -- transport error: timeout, reset, limit, DNS
                    'robots_disallowed', -- not requested: robots.txt forbids it
                    'refused')),     -- not requested: bad scheme, redirect to non-http(s)
  error           TEXT,                  -- libcurl or kicwatch reason, NULL on success
  bytes           INTEGER NOT NULL DEFAULT 0, -- body bytes received (decompressed)
  ms              INTEGER NOT NULL DEFAULT 0, -- wall-clock duration
  conditional     INTEGER NOT NULL DEFAULT 0, -- 1 when If-None-Match/If-Modified-Since was sent
  robots          TEXT NOT NULL DEFAULT 'unchecked' CHECK (robots IN ('allowed','disallowed','unchecked','unavailable')),
  user_agent      TEXT NOT NULL,         -- the User-Agent sent
  capture_id      INTEGER REFERENCES capture(id)
);
CREATE INDEX fetch_log_source_at ON fetch_log(source_id, at);
CREATE INDEX fetch_log_at ON fetch_log(at);

-- An extraction generation. Crawls add to the current run; reparse builds a
-- new one from stored captures and makes it current when it completes.
CREATE TABLE run (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('crawl','reparse')),
  started_at      TEXT NOT NULL,
  completed_at    TEXT,                  -- NULL while building; the current run is the newest completed one
  extractor       TEXT NOT NULL,         -- kicwatch version that extracted
  rules_sha256    TEXT                   -- digest of entities.yaml + patterns.yaml used
);

-- The text of a capture as extracted in a run.
CREATE TABLE document (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES run(id),
  capture_id      INTEGER NOT NULL REFERENCES capture(id),
  source_id       INTEGER NOT NULL REFERENCES source(id),
  url             TEXT NOT NULL,         -- canonical URL of the capture
  title           TEXT,
  published       TEXT,                  -- ISO date from the page, or NULL
  lang            TEXT,                  -- ko, zh, zh-Hant, en, und
  text            TEXT NOT NULL,         -- article text; all offsets point into it (code points)
  text_chars      INTEGER NOT NULL,      -- length of text in code points
  UNIQUE (run_id, capture_id)
);
CREATE INDEX document_url ON document(url);
CREATE INDEX document_run_published ON document(run_id, published);

-- Strategic sectors a document or event touches (ids from patterns.yaml).
CREATE TABLE document_sector (
  document_id     INTEGER NOT NULL REFERENCES document(id),
  sector          TEXT NOT NULL,
  PRIMARY KEY (document_id, sector)
) WITHOUT ROWID;

-- Organisations: one row per canonical entity, from the gazetteer or
-- discovered in text (unverified). Identity only; sightings are mentions.
CREATE TABLE org (
  id              INTEGER PRIMARY KEY,
  canonical       TEXT NOT NULL UNIQUE,  -- gazetteer name, or the cleaned discovered name
  entity_id       TEXT UNIQUE,           -- gazetteer id (entities.yaml), NULL when discovered
  country         TEXT,                  -- ISO 3166 alpha-2
  kind            TEXT,                  -- government, university, company, forum, zone, ...
  unverified      INTEGER NOT NULL DEFAULT 0, -- 1: found by its shape, not in the gazetteer
  created_at      TEXT NOT NULL
);

-- Every name an organisation is known or seen under.
CREATE TABLE org_alias (
  org_id          INTEGER NOT NULL REFERENCES org(id),
  alias           TEXT NOT NULL,
  lang            TEXT,                  -- en, ko, zh, zh-Hant, abbr; NULL when observed
  origin          TEXT NOT NULL CHECK (origin IN ('gazetteer','observed')),
  PRIMARY KEY (org_id, alias)
) WITHOUT ROWID;
CREATE INDEX org_alias_alias ON org_alias(alias);

-- Risk and kind tags (state_tech_transfer, seven_sons, korean_startup, ...).
CREATE TABLE org_tag (
  org_id          INTEGER NOT NULL REFERENCES org(id),
  tag             TEXT NOT NULL,
  origin          TEXT NOT NULL CHECK (origin IN ('gazetteer','watchlist','derived')),
  PRIMARY KEY (org_id, tag)
) WITHOUT ROWID;
CREATE INDEX org_tag_tag ON org_tag(tag);

-- External lists an analyst cares about (sanctions, entity lists).
CREATE TABLE watchlist_entry (
  id              INTEGER PRIMARY KEY,
  list            TEXT NOT NULL,         -- e.g. 'us-entity-list', 'own'
  name            TEXT NOT NULL,         -- name as the list gives it
  org_id          INTEGER REFERENCES org(id), -- resolved organisation, if any
  note            TEXT,
  reference       TEXT,                  -- where the listing is published
  added_at        TEXT NOT NULL
);

-- Every mention found in a document of a run.
CREATE TABLE mention (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES run(id),
  document_id     INTEGER NOT NULL REFERENCES document(id),
  kind            TEXT NOT NULL CHECK (kind IN ('org','date','place','sector','event','mou')),
  start           INTEGER NOT NULL,      -- code-point offset into document.text
  end             INTEGER NOT NULL,      -- exclusive
  surface         TEXT NOT NULL,         -- as written
  value           TEXT,                  -- canonical org, ISO date, place, sector id
  org_id          INTEGER REFERENCES org(id)
);
CREATE INDEX mention_document ON mention(document_id);
CREATE INDEX mention_org ON mention(org_id);

-- Real-world happenings reported by one or more documents: the same MOU or
-- forum reported in Korean by KIC China and in Chinese by the partner.
CREATE TABLE event_group (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES run(id),
  kind            TEXT NOT NULL CHECK (kind IN ('event','mou')),
  type            TEXT,                  -- event type (NULL for MOUs)
  date            TEXT,                  -- date of the first report
  location        TEXT
);

CREATE TABLE event (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES run(id),
  document_id     INTEGER NOT NULL REFERENCES document(id),
  group_id        INTEGER REFERENCES event_group(id),
  type            TEXT NOT NULL CHECK (type IN ('forum','demo_day','expo','competition','visit','seminar','roadshow','matching','ceremony','other')),
  name            TEXT,
  date            TEXT,                  -- 'YYYY-MM-DD' or 'YYYY-MM'
  location        TEXT,
  start           INTEGER NOT NULL,      -- evidence span in document.text (code points)
  end             INTEGER NOT NULL,
  evidence        TEXT NOT NULL          -- short snippet around the span
);
CREATE INDEX event_document ON event(document_id);
CREATE INDEX event_run_date ON event(run_id, date);

CREATE TABLE event_org (
  event_id        INTEGER NOT NULL REFERENCES event(id),
  org_id          INTEGER NOT NULL REFERENCES org(id),
  role            TEXT NOT NULL CHECK (role IN ('host','co-host','organiser','sponsor','attendee','exhibitor','participant')),
  name            TEXT NOT NULL,         -- surface form in this document
  PRIMARY KEY (event_id, org_id, role)
) WITHOUT ROWID;
CREATE INDEX event_org_org ON event_org(org_id);

CREATE TABLE event_sector (
  event_id        INTEGER NOT NULL REFERENCES event(id),
  sector          TEXT NOT NULL,
  PRIMARY KEY (event_id, sector)
) WITHOUT ROWID;

CREATE TABLE mou (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES run(id),
  document_id     INTEGER NOT NULL REFERENCES document(id),
  group_id        INTEGER REFERENCES event_group(id),
  date            TEXT,
  location        TEXT,
  start           INTEGER NOT NULL,
  end             INTEGER NOT NULL,
  evidence        TEXT NOT NULL
);
CREATE INDEX mou_document ON mou(document_id);
CREATE INDEX mou_run_date ON mou(run_id, date);

CREATE TABLE mou_party (
  mou_id          INTEGER NOT NULL REFERENCES mou(id),
  org_id          INTEGER NOT NULL REFERENCES org(id),
  name            TEXT NOT NULL,         -- surface form in this document
  PRIMARY KEY (mou_id, org_id)
) WITHOUT ROWID;
CREATE INDEX mou_party_org ON mou_party(org_id);

-- Full-text index over title and text of documents, trigram-tokenised so
-- that 3-character Korean and Chinese queries match inside words.
CREATE VIRTUAL TABLE document_fts USING fts5(
  title, text,
  content='document', content_rowid='id',
  tokenize='trigram'
);
CREATE TRIGGER document_fts_ai AFTER INSERT ON document BEGIN
  INSERT INTO document_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER document_fts_ad AFTER DELETE ON document BEGIN
  INSERT INTO document_fts(document_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
