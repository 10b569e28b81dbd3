# SPDX-License-Identifier: ISC
"""kicwatch query, show and stats on a store built by kwstore.py."""
import csv
import io
import json
import os
import sqlite3
import subprocess
import unicodedata

import kwstore
import kwtest
from kwtest import TempDir, check, run

_STORE = {}


def store():
    """The sample store, built once per test file."""
    if not _STORE:
        d = TempDir().__enter__()
        path = os.path.join(d, 'kw.db')
        _STORE['ids'] = kwstore.build_sample(path)
        _STORE['path'] = path
    return _STORE['path'], _STORE['ids']


def q(*args, env=None):
    path, _ = store()
    return run('--db', path, *args, env=env)


def raw(*args):
    """stdout as it is, CRLF kept (kwtest.run decodes newlines)."""
    path, _ = store()
    p = subprocess.run([kwtest.KICWATCH, '--db', path, *args],
                       capture_output=True, timeout=60)
    check(p.returncode == 0, p)
    return p.stdout.decode('utf-8')


def jsonl(r):
    check(r.rc == 0, r)
    return [json.loads(line) for line in r.out.splitlines() if line]


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else
               0 if unicodedata.combining(c) else 1 for c in s)


def no_controls(text):
    bad = [c for c in text if (ord(c) < 32 and c not in '\n') or
           0x7f <= ord(c) <= 0x9f]
    check(not bad, f'control characters in output: {bad!r}')


EVENT_FIELDS = ['id', 'url', 'document_id', 'type', 'name', 'date',
                'location', 'orgs', 'evidence']
MOU_FIELDS = ['id', 'url', 'document_id', 'date', 'location', 'parties',
              'evidence']
ORG_FIELDS = ['canonical', 'names', 'country', 'tags', 'first_seen',
              'last_seen', 'mentions']
DOC_FIELDS = ['id', 'url', 'title', 'published', 'lang', 'fetched_at',
              'capture_sha256', 'sectors', 'orgs']


def test_event_json_fields_and_content():
    evs = jsonl(q('query', 'events', '--format', 'json'))
    check(len(evs) == 4, evs)
    for e in evs:
        check(list(e)[:len(EVENT_FIELDS)] == EVENT_FIELDS, list(e))
        for o in e['orgs']:
            check(list(o)[:4] == ['name', 'canonical', 'role', 'tags'], o)
    demo = [e for e in evs if e['type'] == 'demo_day'][0]
    check(demo['date'] == '2026-04-18' and demo['location'] == 'Beijing')
    check(demo['name'] == '2026 한중 수소경제 데모데이')
    roles = {o['canonical']: o['role'] for o in demo['orgs']}
    check(roles['KIC China'] == 'host', roles)
    check(roles['Beihang University'] == 'attendee', roles)
    check(demo['orgs'][0]['role'] == 'host', 'hosts come first')
    beihang = [o for o in demo['orgs'] if o['entity_id'] == 'beihang'][0]
    check(beihang['tags'] == ['military_linked', 'seven_sons'], beihang)
    check(beihang['name'] == '北京航空航天大学')
    # Newest first.
    dates = [e['date'] for e in evs]
    check(dates == sorted(dates, reverse=True), dates)


def test_evidence_span_points_into_document_text():
    path, _ = store()
    for e in jsonl(q('query', 'events', '--format', 'json')):
        text = kwtest.db_rows(path, 'SELECT text FROM document WHERE id=?',
                              (e['document_id'],))[0][0]
        check(text[e['start']:e['end']] == e['evidence'], e)


def test_current_run_and_newest_capture_only():
    docs = jsonl(q('query', 'documents', '--format', 'json'))
    urls = [d['url'] for d in docs]
    check(len(urls) == len(set(urls)), urls)
    titles = {d['title'] for d in docs}
    check('구버전 추출 결과' not in titles, 'superseded run shown')
    check('미완료 재처리 문서' not in titles, 'incomplete run shown')
    check('KIC중국 선전 방문 (수정)' in titles, titles)
    check('KIC중국 선전 방문' not in titles, 'older capture shown')
    evs = jsonl(q('query', 'events', '--type', 'visit', '--format', 'json'))
    check(len(evs) == 1 and evs[0]['evidence'] == '6월 12일 선전을 방문해',
          evs)
    # --run reads an older run when asked.
    old = jsonl(q('query', 'documents', '--run', '1', '--format', 'json'))
    check([d['title'] for d in old] == ['구버전 추출 결과'], old)


def test_the_analyst_question_in_one_command():
    r = q('query', 'mous', '--org', 'KIC China', '--tag',
          'state_tech_transfer', '--since', '2026-01-01', '--format', 'json')
    mous = jsonl(r)
    check(len(mous) == 2, mous)
    for m in mous:
        check(list(m)[:len(MOU_FIELDS)] == MOU_FIELDS, list(m))
        check(m['location'] == 'Shanghai' and m['date'] == '2026-03-10')
        state = {p['canonical'] for p in m['parties']
                 if 'state_tech_transfer' in p['tags']}
        check(state == {'Shanghai Technology Exchange',
                        'National Eastern Tech-Transfer Center'}, state)
        check(m['url'].startswith('https://'), m)
    check(mous[0]['group_id'] == mous[1]['group_id'])
    check({m['url'] for m in mous} == {
        'https://kic.example/news/view?id=101',
        'https://netc.example/xwzx/2026/0311.html'})
    # The 2025 MOU with Zhongguancun is outside the year.
    allm = jsonl(q('query', 'mous', '--org', 'KIC China', '--format', 'json'))
    check(len(allm) == 3, allm)


def test_org_any_alias_any_script():
    want = {'https://kic.example/news/view?id=101',
            'https://netc.example/xwzx/2026/0311.html'}
    for name in ('KIC China', 'kic china', 'KIC중국', '韩国创新中心',
                 '韓國創新中心', 'kic-china', 'ＫＩＣ중국',
                 '上海技術交易所', '國家技術轉移東部中心', '상하이기술거래소'):
        mous = jsonl(q('query', 'mous', '--org', name, '--since', '2026-03',
                       '--until', '2026-03', '--format', 'json'))
        check({m['url'] for m in mous} == want, f'{name}: {mous}')
    # A substring when nothing matches exactly.
    evs = jsonl(q('query', 'events', '--org', '火炬', '--format', 'json'))
    check([e['type'] for e in evs] == ['forum'], evs)


def test_unknown_org_is_empty_not_an_error():
    r = q('query', 'events', '--org', '존재하지않는기관', '--format', 'json')
    check(r.rc == 0 and r.out == '', r)
    check('no organisation' in r.err, r)


def test_tags_including_derived():
    evs = jsonl(q('query', 'events', '--tag', 'watchlisted', '--format',
                  'json'))
    check([e['type'] for e in evs] == ['forum'], evs)
    hit = [o for o in evs[0]['orgs'] if o['entity_id'] == 'hit'][0]
    check('watchlisted' in hit['tags'], hit)
    orgs = jsonl(q('query', 'orgs', '--tag', 'unverified', '--format',
                   'json'))
    check(len(orgs) == 3 and all(o['unverified'] for o in orgs), orgs)
    evs = jsonl(q('query', 'events', '--tag', 'seven_sons', '--format',
                  'json'))
    check({e['type'] for e in evs} == {'forum', 'demo_day'}, evs)


def test_dates_months_durations_and_bad_dates():
    evs = jsonl(q('query', 'events', '--since', '2026-04-15', '--until',
                  '2026-05-31', '--format', 'json'))
    check({e['type'] for e in evs} == {'demo_day', 'forum'}, evs)
    evs = jsonl(q('query', 'events', '--since', '2026-04', '--until',
                  '2026-04', '--format', 'json'))
    check({e['type'] for e in evs} == {'demo_day', 'seminar'}, evs)
    # The sample ends in 2026-07: a week back from now is empty.
    check(jsonl(q('query', 'events', '--since', '1w', '--format',
                  'json')) == [])
    check(len(jsonl(q('query', 'events', '--since', '100y', '--format',
                      'json'))) == 4)
    for bad in ('yesterday', '2026-13', '2026-02-30', '7x', ''):
        r = q('query', 'events', '--since', bad)
        check(r.rc == 64, f'{bad}: {r}')


def test_source_type_limit_and_usage():
    docs = jsonl(q('query', 'documents', '--source', 'netc-news', '--format',
                   'json'))
    check(len(docs) == 1 and docs[0]['lang'] == 'zh', docs)
    docs = jsonl(q('query', 'documents', '--type', 'zh', '--format', 'json'))
    check(len(docs) == 2, docs)
    check(len(jsonl(q('query', 'events', '--limit', '2', '--format',
                      'json'))) == 2)
    check(q('query', 'mous', '--type', 'forum').rc == 64)
    check(q('query', 'events', '--limit', '0').rc == 64)
    check(q('query', 'things').rc == 64)
    check(q('query').rc == 64)
    check(q('query', 'events', '--format', 'xml').rc == 64)
    r = q('query', '--help')
    check(r.rc == 0 and '--org' in r.out, r)


def test_orgs_and_documents_json():
    orgs = jsonl(q('query', 'orgs', '--format', 'json'))
    kic = [o for o in orgs if o['canonical'] == 'KIC China'][0]
    check(list(kic)[:len(ORG_FIELDS)] == ORG_FIELDS, list(kic))
    check('KIC중국' in kic['names'] and '韩国创新中心' in kic['names'], kic)
    check(kic['first_seen'] == '2025-11-03' and kic['last_seen'] ==
          '2026-06-15', kic)
    check(orgs[0]['canonical'] == 'KIC China', 'most mentioned first')
    path, ids = store()
    docs = jsonl(q('query', 'documents', '--format', 'json'))
    d1 = [d for d in docs if d['id'] == ids['docs']['d1']][0]
    check(list(d1)[:len(DOC_FIELDS)] == DOC_FIELDS, list(d1))
    sha = kwtest.db_rows(path, 'SELECT sha256 FROM capture WHERE id=?',
                         (ids['captures']['c1'],))[0][0]
    check(d1['capture_sha256'] == sha)
    check(d1['sectors'] == ['battery', 'hydrogen'], d1)
    check([o['canonical'] for o in d1['orgs']][:2] == [
        'KIC China', 'Shanghai Technology Exchange'], d1['orgs'])
    check(d1['orgs'][0]['name'] == '글로벌혁신센터', d1['orgs'][0])


def test_csv_rfc4180_and_hostile_cells():
    for kind in ('events', 'mous', 'orgs', 'documents'):
        out = raw('query', kind, '--format', 'csv')
        check(out.endswith('\r\n') and out.count('\r\n') >= 2, 'CRLF')
        rows = list(csv.reader(io.StringIO(out, newline='')))
        check(len({len(x) for x in rows}) == 1, f'{kind}: ragged rows')
        no_controls(out.replace('\r', ''))
        for row in rows[1:]:
            for cell in row:
                check(not cell or cell[0] not in '=+-@\t\r', cell)
    rows = list(csv.DictReader(io.StringIO(
        raw('query', 'events', '--format', 'csv'), newline='')))
    sem = [x for x in rows if x['type'] == 'seminar'][0]
    check(sem['evidence'] == "'=SUM(A1:A9) 보안 세미나를 열었다", sem)
    docs = list(csv.DictReader(io.StringIO(
        raw('query', 'documents', '--format', 'csv'), newline='')))
    hostile = [x for x in docs if 'HYPERLINK' in x['title']][0]
    check(hostile['title'].startswith('<script>'), hostile['title'])


def test_table_fits_terminal_width():
    for cols in (80, 120):
        for kind in ('events', 'mous', 'orgs', 'documents'):
            r = q('query', kind, env={'COLUMNS': str(cols)})
            check(r.rc == 0, r)
            for line in r.out.splitlines():
                check(width(line) <= cols, f'{cols}: {width(line)}: {line}')
            no_controls(r.out)
    r = q('query', 'orgs', env={'COLUMNS': '80'})
    check('…' in r.out, 'long cells are cut with an ellipsis')
    check('12 organisations' in r.out, r.out)
    r = q('query', 'documents', env={'COLUMNS': '200'})
    check('<script>document.title' in r.out, 'hostile title shown as text')
    check('\x1b' not in r.out, 'escape sequence reached the terminal')


def test_reads_while_a_writer_holds_the_store():
    path, _ = store()
    con = sqlite3.connect(path, timeout=0.1)
    try:
        con.execute('BEGIN IMMEDIATE')
        con.execute("INSERT INTO fetch_log (source_id, url, at, outcome, "
                    "user_agent) VALUES (1, 'https://kic.example/x', "
                    "'2026-07-02T00:00:00Z', 'error', 'ua')")
        r = q('query', 'events', '--format', 'json')
        check(r.rc == 0 and len(r.out.splitlines()) == 4, r)
    finally:
        con.rollback()
        con.close()


def test_missing_or_old_store():
    with TempDir() as d:
        r = run('--db', os.path.join(d, 'none.db'), 'query', 'events')
        check(r.rc == 66, r)
        old = os.path.join(d, 'old.db')
        s = kwstore.Store(old)
        s.close(init=False)
        r = run('--db', old, 'query', 'events')
        check(r.rc == 66 and 'kicwatch init' in r.err, r)


def test_show_provenance_text():
    _, ids = store()
    r = q('show', str(ids['docs']['d7b']))
    check(r.rc == 0, r)
    check(f"#{ids['captures']['c7a']}  2026-06-15T01:00:00Z  HTTP 200" in
          r.out, r.out)
    check(f"#{ids['captures']['c7b']}  2026-06-16T01:00:00Z" in r.out)
    check('<- this document' in r.out)
    check('visit 2026-06-12  Shenzhen' in r.out, r.out)
    # By URL: the current run's newest capture.
    r2 = q('show', 'https://kic.example/news/view?id=130')
    check(r2.rc == 0 and r2.out == r.out, r2)
    # An older capture's document by id, with its own events.
    r3 = q('show', str(ids['docs']['d7a']))
    check('6월 12일 선전을 방문했다' in r3.out, r3.out)
    check(q('show', '999999').rc == 66)
    check(q('show', 'https://nowhere.example/').rc == 66)
    check(q('show').rc == 64)


def test_show_json_spans_and_contexts():
    _, ids = store()
    r = q('show', str(ids['docs']['d1']), '--format', 'json')
    check(r.rc == 0, r)
    s = json.loads(r.out)
    text = s['document']['text']
    check(len(s['captures']) == 1 and len(s['fetches']) == 1, s)
    check(s['captures'][0]['sha256'] == s['document']['capture_sha256'])
    check(len(s['mous']) == 1 and s['mous'][0]['context'].count('«') == 1)
    for m in s['mentions']:
        check(text[m['start']:m['end']] == m['surface'], m)
        check('«' + m['surface'] + '»' in m['context'], m)
    kinds = {m['kind'] for m in s['mentions']}
    check({'org', 'date', 'place', 'sector', 'mou'} <= kinds, kinds)


def test_show_hostile_document():
    _, ids = store()
    r = q('show', str(ids['docs']['d6']))
    check(r.rc == 0, r)
    no_controls(r.out)
    check('<script>document.title' in r.out)
    j = json.loads(q('show', str(ids['docs']['d6']), '--format', 'json').out)
    check('\x1b' in j['document']['title'], 'JSON keeps the data, escaped')


def test_stats():
    r = q('stats')
    check(r.rc == 0, r)
    for s in ('kic-china-news', 'netc-news', 'torch-news',
              'connection reset by peer', 'HTTP 503', 'incomplete'):
        check(s in r.out, f'{s} missing\n{r.out}')
    check('timeout after 30s (old)' not in r.out.split('last day')[1])
    j = json.loads(q('stats', '--format', 'json').out)
    check(j['current_run'] == 2 and j['schema'] >= 5, j)
    check([x['current'] for x in j['runs']] == [False, True, False])
    run2 = j['runs'][1]
    check(run2['events'] == 5 and run2['mous'] == 3, run2)
    torch = [x for x in j['sources'] if x['name'] == 'torch-news'][0]
    check(torch['errors_last_day'] == 1 and torch['failures'] == 2, torch)
    check(len(j['errors_last_day']) == 2, j['errors_last_day'])


if __name__ == '__main__':
    kwtest.main(globals())
