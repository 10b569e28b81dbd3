-- SPDX-License-Identifier: ISC
-- Version 18: the CHECK constraints that list more than two allowed
-- values are written as comparisons joined by OR instead of IN (...).
-- SQLite 3.40 codes an IN list of more than two constants as a temporary
-- b-tree that it builds again every time a statement checking it runs:
-- ~23 of them a crawled page (capture, url_state, fetch_log twice, every
-- mention and event organisation statement, every event), each a pager,
-- a b-tree and a zeroed page allocated and freed, ~15 % of the
-- instructions of the crawl's writer. Comparisons accept and reject
-- exactly the same values (NULL too: a NULL compares unknown either way,
-- and NOT NULL rejects it first), so stored rows all satisfy the new text
-- and nothing on disk changes but the table definitions. The definitions
-- are edited in place (writable_schema, as SQLite documents for changes
-- that leave the stored content valid) instead of copying the tables,
-- which would rewrite every capture body of a large store.
-- writable_schema=RESET makes this connection parse the schema again;
-- the schema cookie that tells other connections to do the same is bumped
-- by the CREATE and DROP at the end. replace() leaves a definition that
-- does not carry the exact text alone: it keeps its IN list, just as
-- correct.
PRAGMA writable_schema = ON;

UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''list'',''article'',''page'',''robots'',''asset''))',
  'CHECK (kind = ''list'' OR kind = ''article'' OR kind = ''page'' OR kind = ''robots'' OR kind = ''asset'')')
WHERE type = 'table' AND name IN ('url_state', 'capture');

UPDATE sqlite_master SET sql = replace(replace(sql,
  'CHECK (outcome IN (
                    ''stored'',        -- new capture written
                    ''unchanged'',     -- 200 with the same sha256 as before
                    ''not_modified'',  -- 304 to a conditional GET
                    ''http_error'',    -- 4xx/5xx kept as an error (retried or not)
                    ''error'',         -- transport error: timeout, reset, limit, DNS
                    ''robots_disallowed'', -- not requested: robots.txt forbids it
                    ''refused'')),     -- not requested: bad scheme, redirect to non-http(s)',
  'CHECK (
                    outcome = ''stored'' OR        -- new capture written
                    outcome = ''unchanged'' OR     -- 200 with the same sha256 as before
                    outcome = ''not_modified'' OR  -- 304 to a conditional GET
                    outcome = ''http_error'' OR    -- 4xx/5xx kept as an error (retried or not)
                    outcome = ''error'' OR         -- transport error: timeout, reset, limit, DNS
                    outcome = ''robots_disallowed'' OR -- not requested: robots.txt forbids it
                    outcome = ''refused''),        -- not requested: bad scheme, redirect to non-http(s)'),
  'CHECK (robots IN (''allowed'',''disallowed'',''unchecked'',''unavailable''))',
  'CHECK (robots = ''allowed'' OR robots = ''disallowed'' OR robots = ''unchecked'' OR robots = ''unavailable'')')
WHERE type = 'table' AND name = 'fetch_log';

UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (origin IN (''gazetteer'',''watchlist'',''derived''))',
  'CHECK (origin = ''gazetteer'' OR origin = ''watchlist'' OR origin = ''derived'')')
WHERE type = 'table' AND name = 'org_tag';

UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''org'',''date'',''place'',''sector'',''event'',''mou''))',
  'CHECK (kind = ''org'' OR kind = ''date'' OR kind = ''place'' OR kind = ''sector'' OR kind = ''event'' OR kind = ''mou'')')
WHERE type = 'table' AND name = 'mention';

UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (type IN (''forum'',''demo_day'',''expo'',''competition'',''visit'',''seminar'',''roadshow'',''matching'',''ceremony'',''other''))',
  'CHECK (type = ''forum'' OR type = ''demo_day'' OR type = ''expo'' OR type = ''competition'' OR type = ''visit'' OR type = ''seminar'' OR type = ''roadshow'' OR type = ''matching'' OR type = ''ceremony'' OR type = ''other'')')
WHERE type = 'table' AND name = 'event';

UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (role IN (''host'',''co-host'',''organiser'',''sponsor'',''attendee'',''exhibitor'',''participant''))',
  'CHECK (role = ''host'' OR role = ''co-host'' OR role = ''organiser'' OR role = ''sponsor'' OR role = ''attendee'' OR role = ''exhibitor'' OR role = ''participant'')')
WHERE type = 'table' AND name = 'event_org';

PRAGMA writable_schema = RESET;

CREATE TABLE kw_schema_cookie (x);
DROP TABLE kw_schema_cookie;
