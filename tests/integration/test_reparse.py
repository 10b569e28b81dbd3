# SPDX-License-Identifier: ISC
"""`kicwatch reparse` on real stores: captures in, a new completed run out.

The stores are made by `kicwatch init` and filled with capture rows the way
the fetcher writes them (zlib bodies), from the extraction corpus in
tests/fixtures/articles plus captures that are not documents. One test
crawls the same pages from a local HTTP server first, so the records of
the crawl path and of reparse can be compared. Checked: every HTML capture
becomes a document of the new run, the views read the newest completed run,
reparse twice gives the same records, --source and --prune, the writer
lock, reports of one happening share an event group (tests/fixtures/
articles/groups.json), and kill -9 in the middle of a reparse of a few
thousand captures leaves an intact store whose previous run is still
current, cleaned up by the next reparse.

While extraction is not built (`kicwatch reparse` then fails with "extraction"),
the whole file is skipped (exit 77).
"""
import collections
import glob
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import kwtest
from kwtest import KICWATCH, SOURCE_ROOT, TempDir, check, db_rows, run

ARTICLES = os.path.join(SOURCE_ROOT, 'tests', 'fixtures', 'articles')
CONFIG_DIR = os.path.join(SOURCE_ROOT, 'config')
PAGES = sorted(os.path.basename(p)[:-5]
               for p in glob.glob(os.path.join(ARTICLES, '*.html')))
FETCHED_AT = '2024-12-02T09:00:00Z'
# Pages that report the same happening must share a group at least this
# often among the pairs whose type, date and place extraction got right
# (all of them when their gazetteer organisations are right too); pages
# that look alike but report different happenings never. Raise, never
# lower.
GROUP_PAIR_FLOOR = 0.85


def config(d, db, port=9, trigram=False):
    """A config naming the corpus sources (a dead port unless crawling);
    trigram: store.trigram_index (document_fts, off by default)."""
    path = os.path.join(d, 'kicwatch.yaml')
    key = ', trigram_index: true' if trigram else ''
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f'''store: {{path: {db}{key}}}
http: {{per_host_delay: 0s, retries: 0, timeout: 20s, robots: false}}
entities: {CONFIG_DIR}/entities.yaml
patterns: {CONFIG_DIR}/patterns.yaml
sources:
  - name: kic-news
    url: http://127.0.0.1:{port}/kic/index.html
    list: {{items: "//ul[@class='list']//a/@href", max_pages: 1}}
  - name: partner-news
    url: http://127.0.0.1:{port}/par/index.html
    list: {{items: "//ul[@class='list']//a/@href", max_pages: 1}}
''')
    return path


def source_of(page):
    return 'kic-news' if page[:2] in ('ko', 'en') else 'partner-news'


def page_url(page, port=9, copy=0):
    tail = f'?copy={copy}' if copy else ''
    return f'http://127.0.0.1:{port}/{source_of(page)[:3]}/{page}.html{tail}'


def page_bytes(page):
    with open(os.path.join(ARTICLES, page + '.html'), 'rb') as f:
        return f.read()


class Captures:
    """Capture rows as the fetcher writes them, on a store made by init."""

    def __init__(self, db):
        self.con = sqlite3.connect(db)
        self.sources = {}

    def source(self, name):
        if name not in self.sources:
            cur = self.con.execute(
                'INSERT INTO source (name, url, created_at) VALUES (?,?,?)',
                (name, f'http://127.0.0.1:9/{name}/', FETCHED_AT))
            self.sources[name] = cur.lastrowid
        return self.sources[name]

    def add(self, source, url, body, kind='article', status=200,
            ctype='text/html', charset=None):
        ct = ctype + (f'; charset={charset}' if charset else '')
        headers = (f'HTTP/1.1 {status} OK\r\nContent-Type: {ct}\r\n'
                   f'Content-Length: {len(body)}\r\n')
        cur = self.con.execute(
            'INSERT INTO capture (source_id, url, final_url, fetched_at,'
            ' status, headers, content_type, sha256, size, compression,'
            ' body, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
            (self.source(source), url, url, FETCHED_AT, status, headers,
             ctype, hashlib.sha256(body).hexdigest(), len(body), 'zlib',
             zlib.compress(body, 6), kind))
        return cur.lastrowid

    def corpus(self, copies=1):
        """Every corpus page (copies times, distinct URLs) and 4 captures
        that are not documents; returns the number of documents."""
        for c in range(copies):
            for p in PAGES:
                self.add(source_of(p), page_url(p, copy=c), page_bytes(p))
        self.add('kic-news', 'http://127.0.0.1:9/kic/brochure.pdf',
                 b'%PDF-1.4 not html', ctype='application/pdf')
        self.add('kic-news', 'http://127.0.0.1:9/kic/index.html',
                 b'<html><ul class="list"></ul></html>', kind='list')
        self.add('kic-news', 'http://127.0.0.1:9/kic/gone.html',
                 b'<html>gone</html>', status=404)
        self.add('kic-news', 'http://127.0.0.1:9/robots.txt',
                 b'User-agent: *\n', kind='robots', ctype='text/plain')
        return copies * len(PAGES)

    def close(self):
        self.con.commit()
        self.con.close()


def new_store(d, copies=1, trigram=False):
    db = os.path.join(d, 'kw.db')
    r = run('--db', db, 'init')
    check(r.rc == 0, r)
    caps = Captures(db)
    ndocs = caps.corpus(copies)
    caps.close()
    return db, config(d, db, trigram=trigram), ndocs


def reparse(cfg, *args):
    return run('-c', cfg, 'reparse', '--no-progress', *args, timeout=600)


def fts_ok(db):
    """FTS5's own check of the trigram index against the documents (the
    bigram one needs kicwatch's tokenizer: test_fts loads it into sqlite3).
    Only on stores made with trigram=True."""
    con = sqlite3.connect(db)
    try:
        con.execute("INSERT INTO document_fts (document_fts) "
                    "VALUES ('integrity-check')")
        return True
    except sqlite3.DatabaseError as exc:
        print(f'# fts: {exc}')
        return False
    finally:
        con.close()


def fts_hits(db, text):
    return db_rows(db, 'SELECT count(*) FROM document_fts WHERE '
                       'document_fts MATCH ?', (text,))[0][0]


def current_run(db):
    return db_rows(db, 'SELECT id FROM v_current_run')[0][0]


def records(db, run_id):
    """The run's events and MOUs per capture, comparable across runs."""
    ev = db_rows(db, '''
        SELECT d.capture_id, e.type, e.name, e.date, e.location, e.start,
               (SELECT group_concat(o.canonical || '/' || eo.role, ';')
                  FROM (SELECT * FROM event_org WHERE event_id = e.id
                        ORDER BY org_id, role) eo
                  JOIN org o ON o.id = eo.org_id)
        FROM event e JOIN document d ON d.id = e.document_id
        WHERE e.run_id = ? ORDER BY 1, e.start, 2''', (run_id,))
    mou = db_rows(db, '''
        SELECT d.capture_id, m.date, m.location, m.start,
               (SELECT group_concat(org_id, ';') FROM
                  (SELECT org_id FROM mou_party WHERE mou_id = m.id
                   ORDER BY org_id))
        FROM mou m JOIN document d ON d.id = m.document_id
        WHERE m.run_id = ? ORDER BY 1, m.start''', (run_id,))
    docs = db_rows(db, '''
        SELECT capture_id, title, published, lang, text_chars,
               (SELECT count(*) FROM mention m WHERE m.document_id = d.id)
        FROM document d WHERE run_id = ? ORDER BY capture_id''', (run_id,))
    return docs, ev, mou


def days_wrong(db):
    """Records whose stored day (schema 0015) is not their own date, else
    their document's publication date, else their capture's fetch day."""
    return sum(db_rows(db, f'''
        SELECT count(*) FROM {t} r JOIN document d ON d.id = r.document_id
        JOIN capture c ON c.id = d.capture_id
        WHERE r.day IS NOT coalesce(r.date, d.published,
                                    substr(c.fetched_at, 1, 10))''')[0][0]
               for t in ('event', 'mou'))


def extraction_missing():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        run('--db', db, 'init')
        r = reparse(config(d, db))
        return r.rc == 70 and 'extraction' in r.err


# ---------------------------------------------------------------------------

def test_reparse_builds_the_current_run():
    with TempDir() as d:
        db, cfg, ndocs = new_store(d)
        r = reparse(cfg)
        check(r.rc == 0, r)
        check(f'{ndocs} documents ({ndocs} extracted, 0 carried over), '
              '1 captures skipped' in r.out, r)
        # store.trigram_index is off by default: the (empty) index init
        # made is gone.
        check(not db_rows(db, "SELECT name FROM sqlite_schema WHERE name "
                              "LIKE 'document_fts%'"))
        runs = db_rows(db, 'SELECT id, kind, completed_at IS NOT NULL FROM run')
        check(len(runs) == 1 and runs[0][1:] == ('reparse', 1), runs)
        check(current_run(db) == runs[0][0])
        n = db_rows(db, 'SELECT count(*), sum(text_chars > 200), '
                        'sum(title IS NOT NULL) FROM v_document')[0]
        check(n[0] == ndocs, n)
        check(n[1] >= ndocs * 0.9 and n[2] >= ndocs * 0.9,
              f'documents with text/title: {n}')
        # Legacy encodings are decoded and say how.
        cs = dict(db_rows(db, '''SELECT c.url, d.charset FROM document d
                                 JOIN capture c ON c.id = d.capture_id'''))
        legacy = [u for u, c in cs.items() if c != 'utf-8']
        check(len(legacy) >= 8, cs)
        # The views feed the read side.
        ev = db_rows(db, 'SELECT count(*), count(group_id), sum(orgs IS NOT '
                         'NULL) FROM v_event')[0]
        check(ev[0] >= 40 and ev[1] == ev[0] and ev[2] >= ev[0] * 0.6, ev)
        mou = db_rows(db, 'SELECT count(*), sum(parties LIKE "%;%") '
                          'FROM v_mou')[0]
        check(mou[0] >= 15 and mou[1] >= mou[0] * 0.8, mou)
        org = db_rows(db, "SELECT mentions, tags FROM v_org WHERE "
                          "entity_id = 'kic-china'")
        check(org and org[0][0] >= 30 and 'korean_government' in (
            org[0][1] or ''), org)
        unv = db_rows(db, 'SELECT count(*) FROM v_org WHERE unverified = 1 '
                          'AND mentions > 0')[0][0]
        check(unv >= 5, f'{unv} unverified organisations')
        q = run('--db', db, 'query', 'events', '--format', 'json')
        check(q.rc == 0, q)
        lines = [json.loads(x) for x in q.out.splitlines() if x.strip()]
        check(len(lines) >= 10, q)
        for rec in lines:
            for k in ('id', 'url', 'document_id', 'type', 'date', 'orgs',
                      'evidence'):
                check(k in rec, f'{k} missing in {rec}')
        check(days_wrong(db) == 0)
        check(db_rows(db, 'PRAGMA integrity_check')[0][0] == 'ok')


def test_reparse_twice_same_records_then_prune():
    with TempDir() as d:
        db, cfg, ndocs = new_store(d, trigram=True)
        check(reparse(cfg).rc == 0)
        first = current_run(db)
        r = reparse(cfg)
        check(r.rc == 0, r)
        second = current_run(db)
        check(second > first, (first, second))
        check(db_rows(db, 'SELECT count(*) FROM run WHERE completed_at '
                          'IS NOT NULL')[0][0] == 2)
        # Queries read the newest run only; the old one is kept.
        check(db_rows(db, 'SELECT count(*) FROM v_document')[0][0] == ndocs)
        check(db_rows(db, 'SELECT count(*) FROM document')[0][0] == 2 * ndocs)
        check(db_rows(db, 'SELECT count(*) FROM v_event e JOIN event x ON '
                          'x.id = e.id WHERE x.run_id <> ?', (second,))[0][0]
              == 0)
        a, b = records(db, first), records(db, second)
        for name, x, y in zip(('documents', 'events', 'mous'), a, b):
            check(x == y, f'{name} differ between two reparses')
        r = reparse(cfg, '--prune')
        check(r.rc == 0 and 'pruned 2 older runs' in r.out, r)
        check(db_rows(db, 'SELECT count(*) FROM run')[0][0] == 1)
        check(db_rows(db, 'SELECT count(*) FROM document')[0][0] == ndocs)
        # Pruned documents leave no day behind (schema 0016's trigger).
        check(db_rows(db, 'SELECT count(*) FROM document_day dd JOIN '
                          'document d ON d.id = dd.id AND d.run_id = '
                          'dd.run_id')[0][0] == ndocs)
        check(db_rows(db, 'SELECT count(*) FROM document_day')[0][0] == ndocs)
        check(db_rows(db, 'SELECT count(*) FROM document_fts')[0][0] == ndocs)
        check(fts_hits(db, '동부센터') == fts_hits(db, '"동부센터"') > 0)
        check(fts_ok(db))
        check(db_rows(db, 'PRAGMA integrity_check')[0][0] == 'ok')


def test_source_option_carries_the_others_over():
    with TempDir() as d:
        db, cfg, ndocs = new_store(d)
        check(reparse(cfg).rc == 0)
        before = current_run(db)
        partner = sum(1 for p in PAGES if source_of(p) == 'partner-news')
        r = reparse(cfg, '--source', 'partner-news')
        check(r.rc == 0, r)
        check(f'({partner} extracted, {ndocs - partner} carried over)'
              in r.out, r)
        after = current_run(db)
        check(after > before)
        a, b = records(db, before), records(db, after)
        for name, x, y in zip(('documents', 'events', 'mous'), a, b):
            check(x == y, f'{name} differ after --source')
        check(days_wrong(db) == 0)
        # Groups are rebuilt within the new run.
        check(db_rows(db, 'SELECT count(*) FROM event e JOIN event_group g '
                          'ON g.id = e.group_id WHERE e.run_id = ? AND '
                          'g.run_id <> ?', (after, after))[0][0] == 0)
        r = reparse(cfg, '--source', 'no-such-source')
        check(r.rc == 64 and 'no source named' in r.err, r)


def test_unknown_config_and_usage():
    with TempDir() as d:
        db, cfg, _ = new_store(d)
        check(run('-c', cfg, 'reparse', '--jobs', '0').rc == 64)
        check(run('-c', cfg, 'reparse', 'extra').rc == 64)
        check(run('-c', os.path.join(d, 'missing.yaml'), 'reparse').rc == 78)
        r = run('-c', cfg, 'reparse', '--help')
        check(r.rc == 0 and '--source' in r.out, r)


GAZ_IDS = None


def _gazetteer_ids():
    """Entity ids of config/entities.yaml (an "id: x" line per entity)."""
    global GAZ_IDS
    if GAZ_IDS is None:
        with open(os.path.join(CONFIG_DIR, 'entities.yaml'),
                  encoding='utf-8') as f:
            GAZ_IDS = {ln.split(':', 1)[1].strip().strip('"\'')
                       for ln in f if ln.strip().startswith(('- id:', 'id:'))}
    return GAZ_IDS


def _stored_record(db, run_id, member):
    """(id, group, exact) of the stored record a groups.json member names,
    when extraction found it with the expected type, date and place;
    exact when its gazetteer organisations are the expected ones too."""
    page = member['page']
    kind = 'event' if 'event' in member else 'mou'
    with open(os.path.join(ARTICLES, page + '.expected.json'),
              encoding='utf-8') as f:
        want = json.load(f)[kind + 's'][member[kind]]
    table, org_table, key = (('event', 'event_org', 'event_id')
                             if kind == 'event' else
                             ('mou', 'mou_party', 'mou_id'))
    rows = db_rows(db, f'''SELECT r.id, r.group_id, r.location,
        (SELECT group_concat(o.entity_id) FROM {org_table} x JOIN org o
          ON o.id = x.org_id WHERE x.{key} = r.id)
        FROM {table} r JOIN document d ON d.id = r.document_id
        WHERE r.run_id = ? AND d.url = ? AND r.date = ?
        AND ({'r.type = ?' if kind == 'event' else '? IS NULL'})''',
                   (run_id, page_url(page), want['date'], want.get('type')))
    rows = [r for r in rows if r[2] in (None, want.get('location'))]
    if len(rows) != 1:
        return None
    names = want.get('orgs', []) if kind == 'event' else want['parties']
    names = [o['org'] if isinstance(o, dict) else o for o in names]
    expected = {o for o in names if o in _gazetteer_ids()}
    got = set((rows[0][3] or '').split(',')) - {''}
    return rows[0][0], rows[0][1], got == expected


def _pairs(members):
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]


def test_reports_of_one_happening_share_a_group():
    with open(os.path.join(ARTICLES, 'groups.json'), encoding='utf-8') as f:
        groups = json.load(f)
    with TempDir() as d:
        db, cfg, _ = new_store(d)
        check(reparse(cfg).rc == 0)
        rid = current_run(db)
        exact = exact_linked = found_pairs = found_linked = 0
        missed = []
        for g in groups['groups']:
            found = [(m['page'], _stored_record(db, rid, m))
                     for m in g['members']]
            found = [(p, r) for p, r in found if r is not None]
            for (pa, a), (pb, b) in _pairs(found):
                found_pairs += 1
                found_linked += a[1] == b[1]
                if a[1] != b[1]:
                    missed.append(f"{g['id']}: {pa} / {pb}")
                if a[2] and b[2]:
                    exact += 1
                    exact_linked += a[1] == b[1]
        print(f'# group pairs: {found_linked}/{found_pairs} linked where '
              f'type, date and place were extracted as expected; '
              f'{exact_linked}/{exact} where the gazetteer organisations '
              f'were too')
        for m in missed:
            print(f'#   not linked: {m}')
        # The rule itself: pairs extraction got right must all be linked.
        check(exact >= 8, f'only {exact} pairs extracted exactly')
        check(exact_linked == exact, f'{exact_linked}/{exact}')
        check(found_linked >= GROUP_PAIR_FLOOR * found_pairs,
              f'{found_linked}/{found_pairs} pairs linked')
        for dist in groups['distinct']:
            a, b = (_stored_record(db, rid, m) for m in dist['members'])
            if a is not None and b is not None:
                check(a[1] != b[1], f"grouped: {dist['why']}")
        # Each group is one kind and one type, in this run.
        check(db_rows(db, '''SELECT count(*) FROM event e JOIN event_group g
            ON g.id = e.group_id WHERE g.kind <> 'event' OR g.type <> e.type
            OR g.run_id <> e.run_id''')[0][0] == 0)


def _wait(cond, timeout, what):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f'timed out waiting for {what}')


def _incomplete_docs(db):
    rows = db_rows(db, '''SELECT count(*) FROM document WHERE run_id =
        (SELECT max(id) FROM run WHERE completed_at IS NULL)''')
    return rows[0][0]


CITIES = ['베이징', '상하이', '우한', '청두', '옌타이', '톈진', '광저우']


def small_page(i):
    """A short generated announcement (a few thousand of them are cheap)."""
    city = CITIES[i % len(CITIES)]
    return (f'<html><head><meta charset="utf-8"><title>기술이전 소식 {i}호'
            f'</title></head><body><h1>기술이전 소식 {i}호</h1><p>KIC중국은 '
            f'{i % 28 + 1}일 {city}에서 한중 기술이전 상담회를 열고 국내 '
            f'스타트업 {i % 9 + 3}곳의 기술을 현지 기업에 소개했다. 이번 '
            f'상담회는 횃불센터와 공동으로 주최했다.</p></body></html>'
            ).encode('utf-8')


def test_kill_9_midway_keeps_the_previous_run():
    extra = 3000
    with TempDir() as d:
        # With the optional trigram index: its delete trigger must clean
        # the killed run's rows too.
        db, cfg, _ = new_store(d, trigram=True)
        check(reparse(cfg).rc == 0)
        previous = current_run(db)
        caps = Captures(db)
        caps.sources = dict(db_rows(db, 'SELECT name, id FROM source'))
        for i in range(extra):
            caps.add('kic-news', f'http://127.0.0.1:9/kic/big/{i}.html',
                     small_page(i))
        caps.close()
        total = len(PAGES) + extra
        e = dict(os.environ)
        e.pop('JOURNAL_STREAM', None)
        proc = subprocess.Popen([KICWATCH, '-c', cfg, 'reparse',
                                 '--no-progress'], env=e,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            # At least one batch committed into the new, unfinished run.
            _wait(lambda: proc.poll() is not None or
                  _incomplete_docs(db) >= 200, 300, 'a first commit')
            check(proc.poll() is None, 'reparse ended before it was killed')
            # A second writer is refused while it runs.
            r = reparse(cfg)
            check(r.rc == 75 and 'another kicwatch' in r.err, r)
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.communicate()
        check(db_rows(db, 'PRAGMA integrity_check')[0][0] == 'ok')
        check(fts_ok(db))
        check(current_run(db) == previous)
        left = _incomplete_docs(db)
        check(200 <= left < total, left)
        check(db_rows(db, 'SELECT count(*) FROM v_document')[0][0] ==
              len(PAGES))
        r = run('-c', cfg, 'reparse', '--no-progress', timeout=600)
        check(r.rc == 0, r)
        check('dropped 1 unfinished run' in r.err, r)
        check(db_rows(db, 'SELECT count(*) FROM run WHERE completed_at IS '
                          'NULL')[0][0] == 0)
        check(current_run(db) > previous)
        check(db_rows(db, 'SELECT count(*) FROM v_document')[0][0] == total)
        check(db_rows(db, 'PRAGMA integrity_check')[0][0] == 'ok')
        check(fts_ok(db))
        # Every generated page is found by full-text search, once: the
        # killed run's copies left the index with their documents.
        n = fts_hits(db, 'title:"기술이전 소식"')
        check(n == extra, n)


class Site:
    """The corpus on 127.0.0.1: one list page per source, pages as bytes."""

    def __init__(self):
        pages = {}
        for src in ('kic-news', 'partner-news'):
            mine = [p for p in PAGES if source_of(p) == src]
            items = ''.join(f'<li><a href="{p}.html">{p}</a></li>'
                            for p in mine)
            pages[f'/{src[:3]}/index.html'] = (
                f'<html><body><ul class="list">{items}</ul></body></html>'
                .encode())
            for p in mine:
                pages[f'/{src[:3]}/{p}.html'] = page_bytes(p)

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header('Content-Type', 'text/html')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_crawl_and_reparse_give_the_same_records():
    site = Site()
    try:
        with TempDir() as d:
            db = os.path.join(d, 'kw.db')
            cfg = config(d, db, site.port)
            r = run('-c', cfg, 'crawl', '--all', timeout=300)
            check(r.rc == 0, r)
            crawl = current_run(db)
            check(db_rows(db, 'SELECT kind FROM run WHERE id = ?',
                          (crawl,))[0][0] == 'crawl')
            check(db_rows(db, 'SELECT count(*) FROM v_document')[0][0] ==
                  len(PAGES))
            r = reparse(cfg)
            check(r.rc == 0, r)
            again = current_run(db)
            check(again > crawl)
            a, b = records(db, crawl), records(db, again)
            for name, x, y in zip(('documents', 'events', 'mous'), a, b):
                check(x == y, f'{name}: crawl and reparse differ')
            # A crawl after the reparse appends to the reparse run.
            r = run('-c', cfg, 'crawl', '--all', timeout=300)
            check(r.rc == 0, r)
            check(current_run(db) == again)
    finally:
        site.close()


if __name__ == '__main__':
    if extraction_missing():
        print('extraction is not built yet: skipped')
        sys.exit(77)
    kwtest.main(globals())
