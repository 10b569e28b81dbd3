# SPDX-License-Identifier: ISC
"""The day events and MOUs are listed under, and the order of the listing.

A record's day is its own date, else its document's publication date, else
the day its capture was fetched; dates may be months ('YYYY-MM'). `query
events|mous` lists the current run's records newest day first, records of
one day in id order, and a --since/--until window keeps the records whose
day overlaps it (a month overlaps every window that touches it). Schema
0015 stores the day (event.day, mou.day) so that the listing is read in
index order: here it is checked against that definition, computed in
Python from the rows, for records written before the migration (which
fills the column), records written by SQL after it (triggers), every
--limit, windows, another run, a superseded capture, the formats, and
`show`. `query documents` lists documents the same way by their day
(publication date, else fetch day), from schema 0016's document_day, and
`show URL` finds a document by its capture's URL or final URL. Real
binary, real SQLite file.
"""
import csv
import datetime
import io
import json
import os
import sqlite3

import kwstore
from kwtest import TempDir, check, db_rows, main, run

TEXT = '행사 보고 {n}: KIC중국 협약 체결 및 방문 행사.'


def full_date(arg, until):
    """The day the command makes of a --since/--until YYYY[-MM[-DD]]."""
    if arg is None or len(arg) == 10:
        return arg
    if len(arg) == 4:
        return arg + ('-12-31' if until else '-01-01')
    if not until:
        return arg + '-01'
    y, m = map(int, arg.split('-'))
    nxt = datetime.date(y + m // 12, m % 12 + 1, 1)
    return (nxt - datetime.timedelta(days=1)).isoformat()


class Sample:
    """The store, and what the test knows about its records."""

    def __init__(self, path):
        self.path = path
        self.docs = {}      # document id -> (run, published, fetched_at)
        self.recs = {'events': [], 'mous': []}   # (id, run, doc, date)
        self.stale = set()  # documents superseded by a newer capture

    def add_doc(self, s, src, run, n, published, fetched, url=None,
                final_url=None):
        url = url or f'https://kic.example/news/{n}'
        cap = s.capture(src, url, f'<p>{n}</p>', fetched,
                        final_url=final_url)
        did = s.document(run, cap, src, url, f'문서 {n}', TEXT.format(n=n),
                         published=published)
        self.docs[did] = (run, published, kwstore.utc(fetched))
        return did

    def add_event(self, s, run, doc, date):
        eid = s.event(run, doc, 'visit', '방문', date=date,
                      name=f'방문 {len(self.recs["events"])}')
        self.recs['events'].append((eid, run, doc, date))

    def add_mou(self, s, run, doc, date):
        mid = s.mou(run, doc, '협약', date=date)
        self.recs['mous'].append((mid, run, doc, date))

    def day(self, doc, date):
        _, published, fetched = self.docs[doc]
        return date or published or fetched[:10]

    def expect(self, kind, run, since=None, until=None):
        """Ids in listing order, from the definition."""
        since, until = full_date(since, False), full_date(until, True)
        rows = []
        recs = self.recs[kind] if kind != 'documents' else \
            [(d, v[0], d, None) for d, v in self.docs.items()]
        for rid, r, doc, date in recs:
            if r != run or doc in self.stale:
                continue
            d = self.day(doc, date)
            if since and d < since[:len(d)]:
                continue
            if until and d > until[:len(d)]:
                continue
            rows.append((rid, d))
        rows.sort(key=lambda x: x[0])
        rows.sort(key=lambda x: x[1], reverse=True)   # stable: ids ascend
        return [rid for rid, _ in rows]


def build(path):
    s = kwstore.Store(path)
    x = Sample(path)
    src = s.source('kic-china-news', 'https://kic.example/news/list')
    old = s.run('2026-01-01 00:00')
    cur = s.run('2026-04-01 00:00')
    x.run_old, x.run_cur = old, cur
    d1 = x.add_doc(s, src, cur, 1, '2026-03-10', '2026-03-12 08:00')
    d2 = x.add_doc(s, src, cur, 2, None, '2026-03-07 23:30')
    d3 = x.add_doc(s, src, cur, 3, '2026-03', '2026-04-02 01:00')
    d5 = x.add_doc(s, src, cur, 5, '2026-02-20', '2026-02-21 10:00')
    # The same URL twice in the run: only the newer capture is current.
    d4a = x.add_doc(s, src, cur, 4, '2026-04-01', '2026-04-01 09:00')
    d4b = x.add_doc(s, src, cur, 4, None, '2026-04-03 09:00',
                    url='https://kic.example/news/4')
    x.stale.add(d4a)
    d9 = x.add_doc(s, src, old, 9, '2026-05-01', '2026-05-01 09:00')
    # Documents whose records come after the migration.
    x.later = (x.add_doc(s, src, cur, 20, None, '2026-03-08 22:00'),
               x.add_doc(s, src, cur, 21, '2026-03', '2026-03-30 00:00'))
    # Documents on the same day as d1, by publication and by fetch day,
    # and one fetched through a redirect.
    x.add_doc(s, src, cur, 6, '2026-03-10', '2026-03-11 00:00')
    x.add_doc(s, src, cur, 7, None, '2026-03-10 05:00')
    x.redirected = x.add_doc(s, src, cur, 8, None, '2026-03-09 05:00',
                             url='https://kic.example/r/8',
                             final_url='https://kic.example/news/8')
    # Organisation sightings: every document but one mentions KIC China,
    # some twice; 'Other' only in the superseded and the older run's.
    kic = s.org('KIC China', 'kic-china', aliases=('KIC중국',))
    other = s.org('Other Org', 'other-org', aliases=('행사',))
    x.orgs = {'KIC China': [], 'Other Org': []}
    for doc in (d1, d2, d3, d4a, d4b, d9, d1):
        nth = 1 if x.orgs['KIC China'].count(doc) else 0
        s.mention(x.docs[doc][0], doc, 'org', '행사' if nth else 'KIC중국',
                  org=kic, nth=nth)
        x.orgs['KIC China'].append(doc)
    for doc in (d4a, d9):
        s.mention(x.docs[doc][0], doc, 'org', '행사', org=other)
        x.orgs['Other Org'].append(doc)
    x.add_event(s, cur, d1, None)           # 2026-03-10 (published)
    x.add_event(s, cur, d1, '2026-03-05')   # own date
    x.add_event(s, cur, d2, None)           # 2026-03-07 (fetched)
    x.add_event(s, cur, d3, None)           # 2026-03 (published month)
    x.add_event(s, cur, d5, '2026-03-10')   # tie with the first
    x.add_event(s, cur, d2, '2026-03-10')   # tie again
    x.add_event(s, cur, d3, '2026-03')      # own month
    x.add_event(s, cur, d4a, '2026-04-01')  # superseded capture
    x.add_event(s, cur, d4b, None)          # 2026-04-03 (fetched)
    x.add_event(s, cur, d5, None)           # 2026-02-20
    x.add_event(s, old, d9, None)           # other run
    x.add_mou(s, cur, d2, None)
    x.add_mou(s, cur, d1, '2026-03-10')
    x.add_mou(s, cur, d5, None)
    x.add_mou(s, cur, d3, '2026-03')
    x.add_mou(s, cur, d3, None)
    x.add_mou(s, cur, d1, None)             # tie with the second
    x.add_mou(s, cur, d4a, None)
    x.add_mou(s, old, d9, '2026-05-02')
    s.close()
    return x


def add_after_migration(x):
    """Records written by plain SQL at the newest schema (the triggers)."""
    con = sqlite3.connect(x.path)
    con.execute('PRAGMA foreign_keys = ON')
    cur = x.run_cur
    for did in x.later:
        for date in (None, '2026-03-10'):
            eid = con.execute(
                "INSERT INTO event (run_id, document_id, type, date, start,"
                " end, evidence) VALUES (?, ?, 'visit', ?, 0, 2, '행사')",
                (cur, did, date)).lastrowid
            x.recs['events'].append((eid, cur, did, date))
        mid = con.execute(
            "INSERT INTO mou (run_id, document_id, date, start, end,"
            " evidence) VALUES (?, ?, NULL, 0, 2, '행사')",
            (cur, did)).lastrowid
        x.recs['mous'].append((mid, cur, did, None))
    # A corrected date moves the record.
    eid = x.recs['events'][1][0]
    con.execute("UPDATE event SET date = '2026-03-09' WHERE id = ?", (eid,))
    x.recs['events'][1] = x.recs['events'][1][:3] + ('2026-03-09',)
    con.commit()
    con.close()


def ids(x, kind, *args, fmt='json'):
    r = run('--db', x.path, 'query', kind, '--format', fmt, *args)
    check(r.rc == 0, r)
    if fmt == 'json':
        return [json.loads(line)['id'] for line in r.out.splitlines()]
    rows = list(csv.DictReader(io.StringIO(r.out)))
    return [int(row['id']) for row in rows]


WINDOWS = [(None, None), ('2026-03-08', None), (None, '2026-03-07'),
           ('2026-03-15', '2026-03-20'), ('2026-03', '2026-03'),
           ('2026-03-10', '2026-03-10'), ('2026-02', '2026-02-28'),
           ('2027', None), (None, '2025-12-31')]


def check_listing(x, kinds=('events', 'mous', 'documents')):
    for kind in kinds:
        for since, until in WINDOWS:
            args = (['--since', since] if since else []) + \
                   (['--until', until] if until else [])
            want = x.expect(kind, x.run_cur, since, until)
            got = ids(x, kind, *args)
            check(got == want, (kind, args, got, want))
            # Every cut of the listing, and the other format (few runs:
            # the suite also runs under ASan).
            if since or until:
                continue
            check(ids(x, kind, *args, fmt='csv') == want, (kind, args))
            for n in range(1, len(want) + 1):
                got = ids(x, kind, *args, '--limit', str(n))
                check(got == want[:n], (kind, args, n, got, want))
        got = ids(x, kind, '--run', str(x.run_old))
        check(got == x.expect(kind, x.run_old), (kind, got))
    day = dict(db_rows(x.path, 'SELECT id, day FROM document_day'))
    check(day == {d: x.day(d, None) for d in x.docs}, day)


def check_column(x):
    """The stored day is the definition's, for every record of every run."""
    for kind, table in (('events', 'event'), ('mous', 'mou')):
        got = dict(db_rows(x.path, f'SELECT id, day FROM {table}'))
        for rid, _, doc, date in x.recs[kind]:
            check(got[rid] == x.day(doc, date), (kind, rid, got[rid]))


def test_listing_order_and_windows():
    with TempDir() as d:
        x = build(os.path.join(d, 'kw.db'))
        check(len(x.expect('events', x.run_cur)) == 9)
        check_column(x)
        check_listing(x)
        add_after_migration(x)
        check_column(x)
        check_listing(x, ('events', 'mous'))


def test_show_lists_a_documents_records_oldest_first():
    with TempDir() as d:
        x = build(os.path.join(d, 'kw.db'))
        doc = x.recs['events'][0][2]
        r = run('--db', x.path, 'show', str(doc), '--format', 'json')
        check(r.rc == 0, r)
        got = [e['id'] for e in json.loads(r.out)['events']]
        mine = [(x.day(doc, date), rid) for rid, _, dd, date
                in x.recs['events'] if dd == doc]
        check(got == [rid for _, rid in sorted(mine)], (got, mine))


def test_organisation_sightings():
    with TempDir() as d:
        x = build(os.path.join(d, 'kw.db'))
        for run_id in (x.run_cur, x.run_old):
            r = run('--db', x.path, 'query', 'orgs', '--run', str(run_id),
                    '--format', 'json')
            check(r.rc == 0, r)
            got = {o['canonical']: (o['mentions'], o['first_seen'],
                                    o['last_seen'])
                   for o in map(json.loads, r.out.splitlines())}
            for name, docs in x.orgs.items():
                days = [x.day(doc, None) for doc in docs
                        if x.docs[doc][0] == run_id and doc not in x.stale]
                want = (len(days), min(days), max(days)) if days else \
                    (0, None, None)
                check(got[name] == want, (run_id, name, got[name], want))


def show(x, what):
    r = run('--db', x.path, 'show', what, '--format', 'json')
    check(r.rc == 0, r)
    return json.loads(r.out)


def test_show_by_url_and_by_final_url():
    with TempDir() as d:
        x = build(os.path.join(d, 'kw.db'))
        # The current run's newest capture of a URL fetched twice.
        stale = min(x.stale)
        got = show(x, 'https://kic.example/news/4')
        check(got['document']['id'] != stale and
              got['document']['id'] in x.docs, got['document'])
        check(len(got['captures']) == 2, got['captures'])
        # A redirected capture: by the URL asked for and by the final one.
        for url in ('https://kic.example/r/8', 'https://kic.example/news/8'):
            got = show(x, url)
            check(got['document']['id'] == x.redirected, (url, got))
            check([c['final_url'] for c in got['captures']] ==
                  ['https://kic.example/news/8'], got['captures'])
        got = show(x, str(x.redirected))
        check(got['document']['url'] == 'https://kic.example/r/8', got)
        r = run('--db', x.path, 'show', 'https://kic.example/none')
        check(r.rc != 0, r)


def test_digest_dates_records_by_their_day():
    with TempDir() as d:
        x = build(os.path.join(d, 'kw.db'))
        r = run('--db', x.path, 'query', 'events', '--limit', '3')
        check(r.rc == 0 and r.out.endswith('3 events\n'), r)
        r = run('--db', x.path, 'digest', '--since', '2026-03-08',
                '--until', '2026-03-31', '--format', 'json')
        check(r.rc == 0, r)
        dg = json.loads(r.out)
        for kind in ('events', 'mous'):
            days = {rid: x.day(doc, date)
                    for rid, _, doc, date in x.recs[kind]}
            got = {it['id']: it['date'] for it in dg[kind]}
            want = x.expect(kind, x.run_cur, '2026-03-08', '2026-03-31')
            check(sorted(got) == sorted(want), (kind, got, want))
            check(all(got[i] == days[i] for i in got), (kind, got))


if __name__ == '__main__':
    main(globals())
