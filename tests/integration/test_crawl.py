# SPDX-License-Identifier: ISC
"""kicwatch crawl against tests/server.py on 127.0.0.1.

Each test starts the server on one case of tests/fixtures/sites/, writes a
config, runs the real binary, and checks both sides: what landed in the
store (captures, url_state, fetch_log) and what the server was asked
(robots.txt first, conditional headers, the disallowed path never, the
per-host delay). Gaps between requests are only checked as "not less
than" the delay, never as upper bounds, so a slow machine cannot fail
them.
"""
import fcntl
import hashlib
import json
import os
import socket
import subprocess
import sys
import time

import kwtest
from kwtest import TempDir, check, db_rows, run, write

SERVER = os.path.join(kwtest.SOURCE_ROOT, 'tests', 'server.py')
sys.path.insert(0, os.path.dirname(SERVER))
from server import gzip_page  # noqa: E402  (the page /_/gzip-page sends)
SITES = os.path.join(kwtest.FIXTURES, 'sites')
CONFDIR = os.path.join(kwtest.SOURCE_ROOT, 'config')
UA = 'kicwatch/0.1 (+https://example.org/kicwatch-test)'
BOARD = '/index.php?m=content&c=index&a=lists&catid=67'
BOARD_LIST = {'items': "//ul[@class='list']/li/a/@href",
              'next': "//div[@id='pages']/a[. = '다음']/@href"}


class Server:
    """tests/server.py on a free port, stopped at the end of a with-block."""

    def __init__(self, case, tmp):
        self.log = os.path.join(tmp, case + '-requests.jsonl')
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, '--root', os.path.join(SITES, case),
             '--log', self.log], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        check(line.startswith('PORT '), f'server said {line!r}')
        self.base = f'http://127.0.0.1:{int(line.split()[1])}'

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()

    def requests(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding='utf-8') as f:
            return [json.loads(line) for line in f if line.strip()]

    def forget(self):
        open(self.log, 'w').close()


def config(tmp, sources, **http):
    """Writes kw.yaml: test-friendly http limits, then the sources."""
    h = {'user_agent': f'"{UA}"', 'timeout': '10s', 'connect_timeout': '2s',
         'retries': '1', 'retry_base': '100ms', 'per_host_delay': '0s'}
    h.update({k: str(v) for k, v in http.items()})
    lines = [f'store: {{path: {tmp}/kw.db}}', 'http:']
    lines += [f'  {k}: {v}' for k, v in h.items()]
    lines += [f'entities: {CONFDIR}/entities.yaml',
              f'patterns: {CONFDIR}/patterns.yaml', 'sources:']
    for s in sources:
        lines.append(f'  - name: {s["name"]}')
        lines.append(f'    url: "{s["url"]}"')
        for k in ('interval', 'revisit', 'lang', 'enabled'):
            if k in s:
                lines.append(f'    {k}: {s[k]}')
        if 'list' in s:
            lines.append('    list:')
            for k, v in s['list'].items():
                lines.append(f'      {k}: {json.dumps(v, ensure_ascii=False)}')
    return write(os.path.join(tmp, 'kw.yaml'), '\n'.join(lines) + '\n')


def crawl(cfg, *args, timeout=240):
    return run('-c', cfg, 'crawl', *args, timeout=timeout)


def rows(tmp, sql, params=()):
    return db_rows(os.path.join(tmp, 'kw.db'), sql, params)


def count(tmp, sql, params=()):
    return rows(tmp, sql, params)[0][0]


def board_source(srv, **extra):
    s = {'name': 'kboard', 'url': srv.base + BOARD, 'lang': 'ko',
         'interval': '1h', 'list': dict(BOARD_LIST, max_pages=10)}
    s.update(extra)
    return s


def check_gaps(reqs, delay):
    """Requests to one host arrive at least delay seconds apart."""
    for a, b in zip(reqs, reqs[1:]):
        check(b['t'] - a['t'] >= delay - 0.02,
              f'{b["t"] - a["t"]:.3f}s between {a["path"]} and {b["path"]}')


def test_board_backfill_robots_and_politeness():
    with TempDir() as d, Server('kboard', d) as srv:
        cfg = config(d, [board_source(srv)], per_host_delay='200ms')
        r = crawl(cfg)
        check(r.rc == 0, r)
        reqs = srv.requests()
        check(reqs[0]['path'] == '/robots.txt', reqs[0])
        check(all(q['headers'].get('user-agent') == UA for q in reqs))
        check(not [q for q in reqs if 'id=3262' in q['path']],
              'the disallowed post was requested')
        # robots.txt's Crawl-delay (0.5 s) wins over per_host_delay.
        check_gaps(reqs, 0.5)
        kinds = dict(rows(d, 'SELECT kind, count(*) FROM capture GROUP BY kind'))
        check(kinds == {'robots': 1, 'list': 4, 'article': 20}, kinds)
        # The pinned notice, linked on four pages in two spellings, once.
        pinned = [q for q in reqs if 'id=3001' in q['path']]
        check(len(pinned) == 1, pinned)
        check(len(reqs) == 25, [q['path'] for q in reqs])
        dis = rows(d, "SELECT url, robots, user_agent FROM fetch_log "
                      "WHERE outcome = 'robots_disallowed'")
        check(len(dis) == 1 and 'id=3262' in dis[0][0] and
              dis[0][1] == 'disallowed' and dis[0][2] == UA, dis)
        check(count(d, "SELECT count(*) FROM fetch_log WHERE outcome = "
                       "'stored' AND robots = 'allowed'") == 24)
        src = rows(d, 'SELECT backfilled, failures, last_error, next_due_at '
                      'FROM source')[0]
        check(src[0] == 1 and src[1] == 0 and src[2] is None and src[3], src)
        check(count(d, "SELECT count(*) FROM url_state WHERE kind = 'article'"
                       " AND etag IS NOT NULL AND sha256 IS NOT NULL AND "
                       "capture_id IS NOT NULL AND next_visit_at IS NOT NULL")
              == 20)
        # Every stored capture says what it was decoded with.
        check(count(d, "SELECT count(*) FROM capture WHERE kind IN "
                       "('list','article') AND charset = 'utf-8'") == 24)

        # Not due again within the hour: nothing is asked.
        srv.forget()
        r = crawl(cfg)
        check(r.rc == 0 and 'no source is due' in r.err, r)
        check(srv.requests() == [])

        # --all: robots.txt comes from the store (younger than a day); the
        # first list page is asked conditionally, is unchanged, and paging
        # stops there.
        r = crawl(cfg, '--all')
        check(r.rc == 0, r)
        reqs = srv.requests()
        check([q['path'] for q in reqs] ==
              ['/index.php?a=lists&c=index&catid=67&m=content'], reqs)
        check(reqs[0]['headers'].get('if-none-match'), reqs[0])
        check(count(d, "SELECT count(*) FROM fetch_log "
                       "WHERE outcome = 'not_modified' AND conditional = 1")
              == 1)
        check(count(d, 'SELECT count(*) FROM capture') == 25)

        # A new post: the changed first page brings one new item, page 2
        # brings none, so page 3 is not asked.
        srv.forget()
        run_control(srv, 'board_publish=1')
        srv.forget()
        r = crawl(cfg, '--all')
        check(r.rc == 0, r)
        paths = [q['path'] for q in srv.requests()]
        check(any('id=3269' in p for p in paths), paths)
        check(any('page=2' in p for p in paths), paths)
        check(not any('page=3' in p for p in paths), paths)
        check(count(d, "SELECT count(*) FROM capture WHERE kind = 'article'")
              == 21)


def run_control(srv, query):
    import urllib.request
    with urllib.request.urlopen(f'{srv.base}/_/control?{query}') as f:
        check(f.read() == b'ok')


def test_revisit_sends_conditional_requests():
    with TempDir() as d, Server('kboard', d) as srv:
        cfg = config(d, [board_source(srv, revisit='1s',
                                      list=dict(BOARD_LIST, max_pages=2))])
        check(crawl(cfg).rc == 0)
        check(count(d, "SELECT count(*) FROM capture WHERE kind = 'article'")
              == 10)
        time.sleep(1.2)
        srv.forget()
        r = crawl(cfg, '--all')
        check(r.rc == 0, r)
        arts = [q for q in srv.requests() if 'a=show' in q['path']]
        check(len(arts) == 10, [q['path'] for q in arts])
        check(all(q['headers'].get('if-none-match') and
                  q['headers'].get('if-modified-since') for q in arts), arts)
        check(count(d, "SELECT count(*) FROM fetch_log WHERE outcome = "
                       "'not_modified'") == 11)
        check(count(d, "SELECT count(*) FROM capture WHERE kind = 'article'")
              == 10)


def test_chinese_news_list_without_robots_txt():
    with TempDir() as d, Server('cnnews', d) as srv:
        cfg = config(d, [
            {'name': 'cnnews', 'url': srv.base + '/news/list.html',
             'lang': 'zh', 'list': {'items': "//ul[@class='news']/li/a/@href",
                                    'next': "//a[@class='next']/@href",
                                    'max_pages': 5}},
            {'name': 'other', 'url': srv.base + '/news/202409/t20240829_111.html'}])
        r = crawl(cfg, '--source', 'cnnews')
        check(r.rc == 0, r)
        kinds = dict(rows(d, 'SELECT kind, count(*) FROM capture GROUP BY kind'))
        # No robots.txt (404) means everything is allowed and nothing kept.
        check(kinds == {'list': 3, 'article': 8, 'asset': 1}, kinds)
        rb = rows(d, "SELECT status, outcome FROM fetch_log "
                     "WHERE url LIKE '%/robots.txt'")
        check(rb == [(404, 'http_error')], rb)
        pdf = rows(d, "SELECT content_type, charset, size FROM capture "
                      "WHERE kind = 'asset'")
        check(pdf[0][0] == 'application/pdf' and pdf[0][1] is None and
              pdf[0][2] > 0, pdf)
        cs = dict(rows(d, "SELECT url, charset || '/' || charset_source "
                          "FROM capture WHERE kind = 'article'"))
        # All say gb2312 in <meta>; one is served as UTF-8 in the header,
        # which its GBK bytes refute, so the meta wins there too.
        check(set(cs.values()) == {'gb18030/meta'} and len(cs) == 8, cs)
        # --source: the other source was not crawled.
        check(count(d, "SELECT count(*) FROM source WHERE name = 'other' "
                       "AND last_attempt_at IS NOT NULL") == 0)
        check(count(d, "SELECT count(*) FROM fetch_log WHERE url LIKE "
                       "'%_111.html'") == 1)


CHARSETS = {
    'ko-utf8.html': 'utf-8/header',
    'ko-euckr-header.html': 'cp949/header',
    'ko-kscs-meta.html': 'cp949/meta',
    'ko-cp949-none.html': 'cp949/detected',
    'zh-gb18030-header.html': 'gb18030/header',
    'zh-gbk-meta.html': 'gb18030/meta',
    'zh-gb-none.html': 'gb18030/detected',
    'zh-gbk-as-utf8.html': 'gb18030/detected',
    'tw-big5-meta.html': 'big5-hkscs/meta',
    'tw-big5-none.html': 'big5-hkscs/detected',
    'zh-utf8-bom.html': 'utf-8/bom',
}


def test_charsets_recorded():
    with TempDir() as d, Server('charsets', d) as srv:
        cfg = config(d, [{'name': 'charsets', 'url': srv.base + '/',
                          'list': {'items': "//ul[@class='list']//a/@href",
                                   'max_pages': 1}}])
        r = crawl(cfg)
        check(r.rc == 0, r)
        got = {u.rsplit('/', 1)[1]: v for u, v in rows(
            d, "SELECT url, charset || '/' || charset_source FROM capture "
               "WHERE kind = 'article'")}
        check(got == CHARSETS, got)
        # Where documents were extracted, the text is the decoded one.
        docs = rows(d, 'SELECT d.url, d.text FROM document d')
        for url, text in docs:
            word = ('횃불센터' if '/ko-' in url else
                    '國家技術轉移東部中心' if '/tw-' in url else
                    '国家技术转移东部中心')
            check(word in text, f'{url}: {text[:80]}')


def peak_rss_kib(*args, timeout=240):
    """Runs kicwatch in a fresh python child; returns (rc, peak RSS KiB)."""
    code = ('import resource, subprocess, sys\n'
            'p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, '
            'stderr=subprocess.DEVNULL)\n'
            'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, '
            'p.returncode)\n')
    out = subprocess.run([sys.executable, '-c', code, kwtest.KICWATCH,
                          *args], capture_output=True, text=True,
                         timeout=timeout).stdout.split()
    return int(out[1]), int(out[0])


HOSTILE_HTTP = dict(per_host_connections=4, timeout='8s',
                    low_speed_limit=100, low_speed_time='2s',
                    max_body='1MiB', max_header='64KiB', max_redirects=5)


def test_hostile_responses_are_errors_within_limits():
    with TempDir() as d, Server('hostile', d) as srv:
        base = config(d, [{'name': 'ok', 'url': srv.base + '/ok.html'}],
                      **HOSTILE_HTTP)
        os.rename(base, os.path.join(d, 'base.yaml'))
        rc, base_rss = peak_rss_kib('-c', os.path.join(d, 'base.yaml'),
                                    '--db', os.path.join(d, 'base.db'),
                                    'crawl')
        check(rc == 0, rc)
        cfg = config(d, [{'name': 'hostile', 'url': srv.base + '/',
                          'list': {'items': "//ul[@class='list']/li/a/@href",
                                   'max_pages': 1}}], **HOSTILE_HTTP)
        rc, rss = peak_rss_kib('-c', cfg, 'crawl')
        check(rc == 0, rc)
        # 100 MiB of inflated zeros or an endless body would show here.
        check(rss < base_rss + 64 * 1024, f'peak RSS {rss} KiB, base {base_rss}')
        last = {}
        for url, attempt, status, outcome, error in rows(
                d, 'SELECT url, attempt, status, outcome, error FROM fetch_log '
                   'ORDER BY id'):
            last[url.replace(srv.base, '')] = (attempt, status, outcome,
                                               error or '')

        def final(path, outcome, error=''):
            a = last.get(path)
            check(a is not None and a[2] == outcome and error in a[3],
                  f'{path}: {a}')
            return a

        final('/ok.html', 'stored')
        final('/_/gzip-bomb', 'error', 'http.max_body')
        # Declared: 5 KB compressed; stored: the 77 KB it inflates to.
        final('/_/gzip-page', 'stored')
        page = gzip_page()[0]
        check(rows(d, "SELECT size, sha256 FROM capture WHERE url LIKE "
                      "'%/_/gzip-page'") ==
              [(len(page), hashlib.sha256(page).hexdigest())])
        final('/_/endless', 'error', 'http.max_body')
        final('/_/trickle', 'error', 'too slow')
        final('/_/redirect-loop/0', 'error', 'more than 5 redirects')
        final('/_/redirect-file', 'refused', 'not http or https')
        final('/_/big-header', 'error', 'http.max_header')
        final('/_/status/404', 'http_error', 'HTTP 404')
        check(final('/_/status/500', 'http_error', 'HTTP 500')[0] == 2)
        # Retried after the time Retry-After asked for, then stored.
        for path in ('/_/flaky/ra429?code=429&fail=1&ra=1',
                     '/_/flaky/ra503date?code=503&fail=1&ra=2&ra_date=1',
                     '/_/flaky/down503?code=503&fail=1'):
            check(final(path, 'stored')[0] == 2)
        byname = {}
        for q in srv.requests():
            byname.setdefault(q['path'], []).append(q['t'])
        t = byname['/_/flaky/ra429?code=429&fail=1&ra=1']
        check(len(t) == 2 and t[1] - t[0] >= 1.0 - 0.02, t)
        t = byname['/_/flaky/ra503date?code=503&fail=1&ra=2&ra_date=1']
        # An HTTP date has one-second resolution.
        check(len(t) == 2 and t[1] - t[0] >= 1.0, t)
        # Never requested: non-http(s) links and the file:// target.
        check(not [p for p in byname if 'passwd' in p or 'ftp' in p], byname)
        check(count(d, "SELECT count(*) FROM capture WHERE url LIKE "
                       "'%gzip-bomb%' OR url LIKE '%endless%'") == 0)
        check(rows(d, 'SELECT failures FROM source')[0][0] == 0)


def test_retry_after_beyond_the_cap_closes_the_host():
    with TempDir() as d, Server('hostile', d) as srv:
        cfg = config(d, [
            {'name': 'busy',
             'url': srv.base + '/_/flaky/long?fail=9&code=429&ra=3600'},
            {'name': 'next', 'url': srv.base + '/ok.html'}],
            per_host_connections=1)
        r = crawl(cfg, '--all')
        check(r.rc == 69, r)
        paths = [q['path'] for q in srv.requests()]
        check(paths == ['/robots.txt',
                        '/_/flaky/long?code=429&fail=9&ra=3600'], paths)
        log = dict(rows(d, 'SELECT url, error FROM fetch_log WHERE url NOT '
                           "LIKE '%robots.txt'"))
        check('Retry-After of 3600s' in log[srv.base + '/_/flaky/long?'
                                            'code=429&fail=9&ra=3600'], log)
        check('3600s of quiet' in log[srv.base + '/ok.html'], log)


def test_unreachable_robots_txt_closes_the_site():
    with TempDir() as d, Server('closed', d) as srv:
        cfg = config(d, [{'name': 'closed', 'url': srv.base + '/'}])
        r = crawl(cfg)
        # The only source failed: 69 (EX_UNAVAILABLE).
        check(r.rc == 69, r)
        check({q['path'] for q in srv.requests()} == {'/robots.txt'},
              srv.requests())
        log = rows(d, 'SELECT url, status, outcome, robots FROM fetch_log '
                      'ORDER BY id')
        check(log[-1][2:] == ('robots_disallowed', 'unavailable'), log)
        check([x[1:3] for x in log[:-1]] == [(503, 'http_error')] * 2, log)
        src = rows(d, 'SELECT failures, last_error FROM source')[0]
        check(src[0] == 1 and 'robots.txt' in src[1], src)
        check(count(d, 'SELECT count(*) FROM capture') == 0)


def test_large_site_once_then_conditional():
    with TempDir() as d, Server('big', d) as srv:
        src = {'name': 'big', 'url': srv.base + '/big/list?page=1',
               'revisit': '1s',
               'list': {'items': "//ul[@class='list']/li/a/@href",
                        'next': "//a[@class='next']/@href", 'max_pages': 40}}
        cfg = config(d, [src])
        r = crawl(cfg)
        check(r.rc == 0, r)
        check(count(d, "SELECT count(*) FROM capture WHERE kind = 'article'")
              == 300)
        check(count(d, "SELECT count(DISTINCT url) FROM capture "
                       "WHERE kind = 'article'") == 300)
        check(count(d, "SELECT count(*) FROM capture WHERE kind = 'list'")
              == 30)
        check(rows(d, 'SELECT backfilled FROM source')[0][0] == 1)
        before = count(d, 'SELECT count(*) FROM capture')
        time.sleep(1.2)
        srv.forget()
        r = crawl(cfg, '--all')
        check(r.rc == 0, r)
        reqs = srv.requests()
        check(reqs and all(q['headers'].get('if-none-match') for q in reqs),
              [q['path'] for q in reqs if not q['headers'].get('if-none-match')])
        check(count(d, 'SELECT count(*) FROM capture') == before)
        check(count(d, "SELECT count(*) FROM fetch_log WHERE outcome = "
                       "'not_modified'") == len(reqs))


def test_kill_9_leaves_whole_pages():
    """Pages are committed in batches: a kill -9 loses the uncommitted
    batch, whole pages only, and the next run fetches exactly those."""
    with TempDir() as d, Server('big', d) as srv:
        src = {'name': 'big', 'url': srv.base + '/big/list?page=1',
               'list': {'items': "//ul[@class='list']/li/a/@href",
                        'next': "//a[@class='next']/@href", 'max_pages': 40}}
        # Slow enough (33 s at least) that the kill comes long before the
        # end, however loaded the machine; the resume runs at full speed.
        cfg = config(d, [src], per_host_delay='100ms')
        p = subprocess.Popen([kwtest.KICWATCH, '-c', cfg, 'crawl'],
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        db = os.path.join(d, 'kw.db')
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if count(d, "SELECT count(*) FROM capture "
                            "WHERE kind = 'article'") >= 40:
                    break
            except Exception:  # noqa: BLE001 - not created yet
                pass
            time.sleep(0.05)
        p.kill()
        p.wait()
        check(os.path.exists(db))
        check(rows(d, 'PRAGMA integrity_check') == [('ok',)])
        # Every capture has its url_state and its fetch_log row.
        check(count(d, "SELECT count(*) FROM capture c WHERE NOT EXISTS "
                       "(SELECT 1 FROM fetch_log f WHERE f.capture_id = c.id "
                       "AND f.outcome = 'stored')") == 0)
        check(count(d, "SELECT count(*) FROM capture c WHERE NOT EXISTS "
                       "(SELECT 1 FROM url_state u WHERE u.capture_id = c.id)")
              == 0)
        # ... and every url_state that names a capture has it: no half
        # pages either way.
        check(count(d, "SELECT count(*) FROM url_state u WHERE capture_id "
                       "!= 0 AND NOT EXISTS (SELECT 1 FROM capture c "
                       "WHERE c.id = u.capture_id)") == 0)
        check(rows(d, 'SELECT backfilled FROM source')[0][0] == 0)
        # Every article capture has its document, and only one.
        check(count(d, "SELECT count(*) FROM capture c WHERE kind = "
                       "'article' AND (SELECT count(*) FROM document x "
                       "WHERE x.capture_id = c.id) != 1") == 0)
        kept = {u for (u,) in rows(d, "SELECT url FROM capture "
                                      "WHERE kind = 'article'")}
        check(40 <= len(kept) < 300, len(kept))
        # The next run finishes the backfill, storing nothing twice: it
        # asks for exactly the articles the store does not have, those
        # the kill lost included.
        srv.forget()
        cfg = config(d, [src])
        r = crawl(cfg)
        check(r.rc == 0, r)
        asked = [srv.base + q['path'] for q in srv.requests()
                 if q['path'].startswith('/big/a/')]
        check(len(asked) == len(set(asked)), asked)
        check(set(asked).isdisjoint(kept), set(asked) & kept)
        check(len(asked) == 300 - len(kept), (len(asked), len(kept)))
        check(count(d, "SELECT count(*) FROM capture "
                       "WHERE kind = 'article'") == 300)
        check(count(d, "SELECT count(DISTINCT url) FROM capture "
                       "WHERE kind = 'article'") == 300)
        check(count(d, "SELECT count(*) FROM document") == 300)
        check(rows(d, 'SELECT backfilled FROM source')[0][0] == 1)
        check(rows(d, 'PRAGMA integrity_check') == [('ok',)])


def test_unresolvable_host_is_asked_twice_not_four_times():
    with TempDir() as d:
        s = socket.socket()
        s.bind(('127.0.0.1', 0))
        dead = s.getsockname()[1]  # bound, never listening: refused
        cfg = config(d, [{'name': 'nodns',
                          'url': 'http://kicwatch-test.invalid/news/'},
                         {'name': 'refused',
                          'url': f'http://127.0.0.1:{dead}/news/'}],
                     retries=3)
        try:
            r = crawl(cfg, '--all')
        finally:
            s.close()
        check(r.rc == 69, r)
        tries = dict(rows(d, "SELECT s.name, max(f.attempt) FROM fetch_log f "
                             "JOIN source s ON s.id = f.source_id "
                             "WHERE f.url LIKE '%/robots.txt' "
                             "GROUP BY s.name"))
        # A refused connection gets every retry; a name the resolver
        # rejected gets one, so an offline crawl ends in seconds.
        check(tries == {'nodns': 2, 'refused': 4}, tries)


def test_proxy_carries_every_request():
    with TempDir() as d, Server('hostile', d) as srv:
        # The host does not resolve: only the proxy can reach it.
        cfg = config(d, [{'name': 'via-proxy',
                          'url': 'http://kicwatch-test.invalid/ok.html'}],
                     proxy=f'"{srv.base}"')
        r = crawl(cfg)
        check(r.rc == 0, r)
        paths = [q['path'] for q in srv.requests()]
        check(paths == ['http://kicwatch-test.invalid/robots.txt',
                        'http://kicwatch-test.invalid/ok.html'], paths)
        check(rows(d, "SELECT outcome FROM fetch_log ORDER BY id") ==
              [('stored',), ('stored',)])


def test_writer_lock_held_is_tempfail():
    with TempDir() as d, Server('hostile', d) as srv:
        cfg = config(d, [{'name': 'ok', 'url': srv.base + '/ok.html'}])
        check(run('-c', cfg, 'init').rc == 0)
        with open(os.path.join(d, 'kw.db.lock'), 'w') as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            r = crawl(cfg)
        check(r.rc == 75, r)
        check(srv.requests() == [])


def test_unknown_source_is_usage_error():
    with TempDir() as d:
        cfg = config(d, [{'name': 'ok', 'url': 'http://127.0.0.1:9/'}])
        r = crawl(cfg, '--source', 'nope')
        check(r.rc == 64 and "'nope'" in r.err, r)
        check(not os.path.exists(os.path.join(d, 'kw.db')))
        check(crawl(cfg, 'extra').rc == 64)


if __name__ == '__main__':
    kwtest.main(globals())
