# SPDX-License-Identifier: ISC
"""kicwatch search: Korean and Chinese words of two characters and more,
both Chinese scripts, FTS5 syntax in user text, ranking and snippets."""
import json
import os
import pty
import subprocess

import kwstore
import kwtest
from kwtest import TempDir, check, run

_STORE = {}


def store():
    if not _STORE:
        d = TempDir().__enter__()
        path = os.path.join(d, 'kw.db')
        _STORE['ids'] = kwstore.build_sample(path)
        _STORE['path'] = path
    return _STORE['path'], _STORE['ids']


def search(*args):
    path, _ = store()
    r = run('--db', path, 'search', *args, '--format', 'json')
    check(r.rc == 0, r)
    return [json.loads(x) for x in r.out.splitlines() if x]


def urls(hits):
    return [h['url'].rsplit('/', 1)[-1] for h in hits]


def test_two_character_korean_and_chinese():
    check(urls(search('수소')) == ['view?id=115', 'view?id=101'],
          urls(search('수소')))
    hits = search('협약')
    check(set(urls(hits)) == {'view?id=101', 'view?id=88'}, urls(hits))
    check(urls(hits)[0] == 'view?id=101', 'title match ranks first')
    check(set(urls(search('合作'))) == {'0508.html', '0311.html'})
    check(urls(search('武汉')) == ['0508.html'])


def test_longer_words_are_exact_substrings():
    check(urls(search('수소경제')) == ['view?id=115'])
    check(urls(search('东部中心')) == ['0311.html'])
    check(search('中心东部') == [], 'bigrams must be adjacent and in order')
    check(urls(search('KIC중국 선전')) == ['view?id=130'])


def test_traditional_and_simplified_match_each_other():
    check(urls(search('東部中心')) == ['0311.html'])
    check(urls(search('國家技術轉移')) == ['0311.html'])
    check(set(urls(search('合作協議'))) == {'0311.html'})


def test_every_term_must_match():
    check(urls(search('수소', '협약')) == ['view?id=101'])
    check(urls(search('수소 협약')) == ['view?id=101'])
    check(search('수소 火炬') == [])


def test_single_character_is_a_prefix():
    check(set(urls(search('炬'))) == {'0508.html'})


def test_only_the_current_runs_newest_documents():
    check(search('방문했다') == [], 'older capture of a URL')
    check(search('미완료') == [], 'incomplete reparse run')
    check(search('이전 실행') == [], 'superseded run')


def test_fts5_syntax_is_never_interpreted():
    path, _ = store()
    for text in ('"', '""', '*', 'AND', 'OR 수소', 'NEAR(수소 협약)',
                 'title:수소', '^수소', '-수소', '수소*', '(', ')', "'",
                 '{title}: x', '수소" OR "협약', 'a\\b', '\x1b[31m'):
        r = run('--db', path, 'search', text)
        check(r.rc in (0, 64), f'{text!r}: {r}')
        check('fts5' not in r.err.lower() and 'syntax' not in r.err, r)
    check(urls(search('NEAR(수소')) == [], 'NEAR( is a word here')
    # OR is a word to find, not an operator; quotes are punctuation.
    check(search('수소" OR "협약') == [])
    check(urls(search('"수소" "협약"')) == ['view?id=101'])
    r = run('--db', path, 'search', '  ')
    check(r.rc == 64, r)
    check(run('--db', path, 'search').rc == 64)


def test_json_snippet_markers_and_fields():
    h = search('合作')[0]
    for k in ('id', 'url', 'title', 'published', 'date', 'snippet', 'rank'):
        check(k in h, h)
    check('«合作»' in h['snippet'], h)
    check('«合作»' in h['title_marked'], h)
    check(h['date'] == '2026-05-08')


def test_limit_since_source():
    check(len(search('KIC중국', '--limit', '2')) == 2)
    check(urls(search('KIC중국', '--since', '2026-06-01')) ==
          ['view?id=130'])
    check(search('合作', '--source', 'kic-china-news') == [])


def test_terminal_output_bold_only_on_a_tty():
    path, _ = store()
    r = run('--db', path, 'search', '수소')
    check(r.rc == 0 and '\x1b' not in r.out, r)
    check('수소' in r.out and 'https://kic.example' in r.out, r)
    check('2026-04-20' in r.out, r)
    master, slave = pty.openpty()
    p = subprocess.run([kwtest.KICWATCH, '--db', path, 'search', '수소'],
                       stdout=slave, stderr=subprocess.PIPE, timeout=60)
    os.close(slave)
    out = b''
    try:
        while True:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            out += chunk
    except OSError:
        pass
    os.close(master)
    check(p.returncode == 0, p)
    check(b'\x1b[1m' in out and b'\x1b[22m' in out, out)


def test_hostile_document_in_results():
    path, _ = store()
    r = run('--db', path, 'search', '세미나')
    check(r.rc == 0, r)
    check('\x1b' not in r.out and '\x07' not in r.out, r.out)
    check('<script>' in r.out, 'shown as text')
    h = search('세미나')
    check(len(h) == 1 and '\x1b' in h[0]['title'], h)


if __name__ == '__main__':
    kwtest.main(globals())
