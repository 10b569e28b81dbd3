# SPDX-License-Identifier: ISC
"""kicwatch extract: the rule tester's contract. Options before or after
FILE, usage and input errors with their exit codes, the JSON object's
fields, offsets that point at the evidence in the article text, the text
form escaping what a hostile page puts in it, legacy charsets, --date
for pages without one, --source profiles, and the config's gazetteer."""
import json
import os

import kwtest
from kwtest import TempDir, check, run

CONFIG = os.path.join(kwtest.SOURCE_ROOT, 'config', 'kicwatch.yaml')

PAGE = '''<html><head><meta charset="utf-8">
<title>KIC중국, 상하이서 MOU 체결 - KIC중국</title></head><body>
<div class="nav"><a href="/">홈</a> <a href="/forum">포럼</a></div>
<div class="view"><h1>KIC중국, 상하이서 MOU 체결</h1>
<div class="info">발표 시간:2024-09-20 10:00:00</div>
<div class="view_cont">
<p>글로벌혁신센터(KIC중국)는 19일 상하이에서 국가기술이전동부센터와
인공지능 분야 업무협약(MOU)을 체결했다.</p>
<p>이어 ‘2024 한중 기술이전 포럼’을 공동으로 개최했다.</p>
</div></div></body></html>
'''


def write_page(tmp, name, text, encoding='utf-8'):
    path = os.path.join(tmp, name)
    with open(path, 'wb') as f:
        f.write(text.encode(encoding))
    return path


def extract(*args):
    return run('-c', CONFIG, 'extract', *args)


def test_json_object():
    with TempDir() as tmp:
        path = write_page(tmp, 'a.html', PAGE)
        r = extract(path, '--url', 'http://example.org/a.html')
        check(r.rc == 0, r)
        out = json.loads(r.out)
        for key in ('url', 'title', 'published', 'lang', 'charset',
                    'sectors', 'orgs', 'events', 'mous', 'dates',
                    'places'):
            check(key in out, f'no {key}: {r.out}')
        check(out['url'] == 'http://example.org/a.html', out)
        check(out['published'] == '2024-09-20', out)
        check(out['lang'] == 'ko' and out['charset'] == 'utf-8', out)
        check(out['sectors'] == ['ai'], out)
        ids = {o['entity_id'] for o in out['orgs']}
        check({'kic-china', 'netc'} <= ids, out['orgs'])
        check(len(out['mous']) == 1, out['mous'])
        mou = out['mous'][0]
        check(mou['date'] == '2024-09-19' and mou['location'] == 'Shanghai',
              mou)
        check({p['entity_id'] for p in mou['parties']} ==
              {'kic-china', 'netc'}, mou)
        check(len(out['events']) == 1, out['events'])
        ev = out['events'][0]
        check(ev['type'] == 'forum' and ev['date'] == '2024-09-19', ev)
        check({o['role'] for o in ev['orgs']} <= {
            'host', 'co-host', 'participant'}, ev)
        check(any(d['surface'] == '19일' and d['value'] == '2024-09-19'
                  for d in out['dates']), out['dates'])


def test_offsets_point_at_the_text():
    # the date mention's offsets are code points of the article text, so
    # slicing the evidence's own sentence gives the surface back
    with TempDir() as tmp:
        path = write_page(tmp, 'a.html', PAGE)
        out = json.loads(extract(path).out)
        mou = out['mous'][0]
        check(mou['start'] < mou['end'] and '업무협약' in mou['evidence'],
              mou)
        for d in out['dates'] + out['places']:
            check(d['end'] - d['start'] == len(d['surface']), d)


def test_options_after_file_and_text_form():
    hostile = PAGE.replace('상하이서 MOU 체결</h1>',
                           '상하이서 \x1b[31mMOU\x07 체결</h1>')
    with TempDir() as tmp:
        path = write_page(tmp, 'a.html', hostile)
        r = extract('--format', 'text', path)
        r2 = extract(path, '--format', 'text')
        check(r.rc == 0 and r2.rc == 0 and r.out == r2.out, r)
        check('\x1b' not in r.out and '\x07' not in r.out, repr(r.out))
        check('MOUs (1)' in r.out and 'party: ' in r.out, r.out)
        check('events (1)' in r.out, r.out)


def test_legacy_charset_and_date():
    page = ('<html><head><meta charset="euc-kr"><title>공지</title></head>'
            '<body><div class="article"><p>KIC중국은 19일 베이징에서 '
            '한국연구재단과 ‘2024 K-데모데이’를 공동 개최했다.</p>'
            '<p>행사에는 스타트업 10개사가 참가했다.</p></div></body></html>')
    with TempDir() as tmp:
        path = write_page(tmp, 'k.html', page, 'euc-kr')
        r = extract(path, '--date', '2024-03-25')
        check(r.rc == 0, r)
        out = json.loads(r.out)
        check(out['charset'] in ('euc-kr', 'cp949'), out['charset'])
        check(out['published'] is None, out)
        check(len(out['events']) == 1, out['events'])
        ev = out['events'][0]
        check(ev['type'] == 'demo_day' and ev['date'] == '2024-03-19', ev)
        check(ev['location'] == 'Beijing', ev)
        check(ev['name'] == '2024 K-데모데이', ev)


def test_errors():
    with TempDir() as tmp:
        path = write_page(tmp, 'a.html', PAGE)
        check(extract().rc == 64)
        check(extract(path, '--format', 'xml').rc == 64)
        check(extract(path, path).rc == 64)
        check(extract(path, '--date', 'yesterday').rc == 64)
        r = extract(path, '--source', 'no-such-source')
        check(r.rc == 64 and 'no-such-source' in r.err, r)
        r = extract(os.path.join(tmp, 'missing.html'))
        check(r.rc == 66, r)
        r = run('-c', os.path.join(tmp, 'nope.yaml'), 'extract', path)
        check(r.rc == 78, r)
        r = extract('--help')
        check(r.rc == 0 and 'usage' in r.out, r)


def test_empty_and_binary_input():
    with TempDir() as tmp:
        empty = os.path.join(tmp, 'e.html')
        open(empty, 'wb').close()
        r = extract(empty)
        check(r.rc == 65, r)
        junk = os.path.join(tmp, 'j.html')
        with open(junk, 'wb') as f:
            f.write(bytes(range(256)) * 64)
        r = extract(junk)
        check(r.rc == 0 and json.loads(r.out)['events'] == [], r)


if __name__ == '__main__':
    kwtest.main(globals())
