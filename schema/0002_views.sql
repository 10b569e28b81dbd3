-- SPDX-License-Identifier: ISC
-- Analyst views: the current run in plain columns, for the sqlite3 shell
-- and other SQLite tools. report/ reads through them too.

-- The current run: the newest completed one.
CREATE VIEW v_current_run AS
  SELECT max(id) AS id FROM run WHERE completed_at IS NOT NULL;

-- Documents of the current run, the newest capture of each URL only.
CREATE VIEW v_document AS
  SELECT d.id, d.url, d.title, d.published, d.lang, s.name AS source,
         c.fetched_at, c.sha256 AS capture_sha256, d.capture_id, d.text_chars
  FROM document d
  JOIN capture c ON c.id = d.capture_id
  JOIN source s ON s.id = d.source_id
  WHERE d.run_id = (SELECT id FROM v_current_run)
    AND c.fetched_at = (SELECT max(c2.fetched_at) FROM document d2
                        JOIN capture c2 ON c2.id = d2.capture_id
                        WHERE d2.url = d.url AND d2.run_id = d.run_id);

-- Events with their document and organisations as one text column
-- ("name [role]; ...").
CREATE VIEW v_event AS
  SELECT e.id, e.type, e.name, e.date, e.location, e.group_id,
         d.url, d.id AS document_id, d.title AS document_title, d.published,
         (SELECT group_concat(o.canonical || ' [' || eo.role || ']', '; ')
            FROM event_org eo JOIN org o ON o.id = eo.org_id
           WHERE eo.event_id = e.id) AS orgs,
         e.evidence, e.start, e.end
  FROM event e JOIN v_document d ON d.id = e.document_id;

CREATE VIEW v_mou AS
  SELECT m.id, m.date, m.location, m.group_id,
         d.url, d.id AS document_id, d.title AS document_title, d.published,
         (SELECT group_concat(o.canonical, '; ')
            FROM mou_party mp JOIN org o ON o.id = mp.org_id
           WHERE mp.mou_id = m.id) AS parties,
         m.evidence, m.start, m.end
  FROM mou m JOIN v_document d ON d.id = m.document_id;

-- Pairs of organisations linked by a shared event or MOU, one row per link
-- and report: the edges of the network picture.
CREATE VIEW v_org_links AS
  SELECT a.canonical AS org_a, b.canonical AS org_b, 'mou' AS via,
         m.id AS record_id, m.date, d.url
  FROM mou m JOIN v_document d ON d.id = m.document_id
  JOIN mou_party pa ON pa.mou_id = m.id JOIN org a ON a.id = pa.org_id
  JOIN mou_party pb ON pb.mou_id = m.id JOIN org b ON b.id = pb.org_id
  WHERE a.canonical < b.canonical
  UNION ALL
  SELECT a.canonical, b.canonical, 'event:' || e.type, e.id, e.date, d.url
  FROM event e JOIN v_document d ON d.id = e.document_id
  JOIN event_org ea ON ea.event_id = e.id JOIN org a ON a.id = ea.org_id
  JOIN event_org eb ON eb.event_id = e.id JOIN org b ON b.id = eb.org_id
  WHERE a.canonical < b.canonical;

-- Organisations with their tags and sightings in the current run.
CREATE VIEW v_org AS
  SELECT o.id, o.canonical, o.entity_id, o.country, o.kind, o.unverified,
         (SELECT group_concat(tag, ',') FROM org_tag t WHERE t.org_id = o.id) AS tags,
         (SELECT min(d.fetched_at) FROM mention mn JOIN v_document d ON d.id = mn.document_id
           WHERE mn.org_id = o.id) AS first_seen,
         (SELECT max(d.fetched_at) FROM mention mn JOIN v_document d ON d.id = mn.document_id
           WHERE mn.org_id = o.id) AS last_seen,
         (SELECT count(*) FROM mention mn JOIN v_document d ON d.id = mn.document_id
           WHERE mn.org_id = o.id) AS mentions
  FROM org o;
