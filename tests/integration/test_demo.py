# SPDX-License-Identifier: ISC
"""`kicwatch demo`: the offline pipeline on the bundled sample site, and
the built-in static server behind it (--serve): query strings mapped to
files, conditional GET, HEAD, nothing outside the site root."""
import os
import re
import signal
import sqlite3
import subprocess
import urllib.error
import urllib.request

import kwtest
from kwtest import KICWATCH, TempDir, check, run


def test_demo_pipeline():
    with TempDir() as d:
        db = os.path.join(d, 'demo.db')
        r = run('--db', db, 'demo', timeout=300)
        check(r.rc == 0, r)
        # Both boards crawled, every article became a document.
        rows = {m.group(1): [int(x) for x in m.group(2).split()]
                for m in re.finditer(r'^\s+(demo-\S+)\s+([\d ]+)$', r.out,
                                     re.M)}
        check(set(rows) == {'demo-kic-news', 'demo-torch-news'}, r.out)
        # requests stored 304 errors documents events mous
        check(rows['demo-kic-news'][4] == 10, rows)
        check(rows['demo-torch-news'][4] == 6, rows)
        check(rows['demo-kic-news'][3] == 0 and
              rows['demo-torch-news'][3] == 0, rows)
        check('== kicwatch query events' in r.out, r.out)
        check('== kicwatch digest' in r.out, r.out)
        # The KIC China / NETC MOU is reported by both boards.
        con = sqlite3.connect(db)
        try:
            n = con.execute(
                "SELECT count(*) FROM v_mou WHERE parties LIKE "
                "'%Korea Innovation Center China%' AND parties LIKE "
                "'%National Eastern Technology Transfer Center%'"
            ).fetchone()[0]
            pinned = con.execute(
                "SELECT count(*) FROM capture WHERE url LIKE '%id=3308%'"
            ).fetchone()[0]
        finally:
            con.close()
        check(n >= 2, f'{n} NETC MOU reports')
        # The pinned notice repeated on both list pages is fetched once.
        check(pinned == 1, pinned)


def test_demo_temporary_store_removed():
    before = set(os.listdir('/tmp'))
    r = run('demo', timeout=300)
    check(r.rc == 0, r)
    left = [n for n in set(os.listdir('/tmp')) - before
            if n.startswith('kicwatch-demo-')]
    check(not left, f'left behind: {left}')


def get(url, headers=None, method='GET'):
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as f:
            return f.status, dict(f.headers), f.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_serve():
    with TempDir() as d:
        env = dict(os.environ)
        env.pop('NOTIFY_SOCKET', None)
        p = subprocess.Popen([KICWATCH, 'demo', '--serve'],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
        try:
            base = p.stdout.readline().strip()
            check(re.match(r'^http://127\.0\.0\.1:\d+/$', base), base)
            st, h, body = get(base + 'robots.txt')
            check(st == 200 and b'User-agent' in body, (st, body))
            check(h['Content-Type'].startswith('text/plain'), h)
            # Any parameter order reaches the same file.
            a = get(base + 'index.php?id=3309&catid=67&a=show&c=index'
                    '&m=content')
            b = get(base + 'index.php?m=content&c=index&a=show&catid=67'
                    '&id=3309')
            check(a[0] == 200 and a[2] == b[2], a[0])
            check('국가기술이전동부센터'.encode() in a[2])
            # Conditional GET and HEAD.
            st, h, _ = get(base + 'xwdt/index.shtml')
            st2, _, body2 = get(base + 'xwdt/index.shtml',
                                {'If-None-Match': h['ETag']})
            check(st == 200 and st2 == 304 and body2 == b'', (st, st2))
            st, h, body = get(base + 'xwdt/index.shtml', method='HEAD')
            check(st == 200 and body == b'' and int(h['Content-Length']) > 0)
            # Nothing outside the root, no other methods.
            for path in ('%2e%2e/%2e%2e/etc/passwd', '..%2fmeson.build',
                         'xwdt/%00', 'missing.html'):
                st, _, _ = get(base + path)
                check(st in (400, 404), f'{path}: {st}')
            st, _, _ = get(base, method='POST')
            check(st == 405, st)
        finally:
            p.send_signal(signal.SIGTERM)
            rc = p.wait(timeout=30)
            err = p.stderr.read()
            p.stdout.close()
            p.stderr.close()
        check(rc == 0, err)
        check('requests served' in err, err)


if __name__ == '__main__':
    kwtest.main(globals())
