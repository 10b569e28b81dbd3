# SPDX-License-Identifier: ISC
"""`kicwatch run`, the daemon, against a local HTTP server: rounds on
second-scale intervals, SIGHUP adding a source, SIGHUP with a broken
config (old one kept, file:line:col logged), SIGTERM (exit 0 within the
deadline, store intact), restart without refetching what is not due,
sd_notify messages on a socket the test binds, journal-style log prefixes,
kill -9 in the middle of a round, transfers cut at shutdown, and sources
that cannot be reached at all."""
import os
import re
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import kwtest
from kwtest import KICWATCH, SOURCE_ROOT, TempDir, check, write

WAIT = 60  # seconds any awaited event may take before the test fails


def article(title, date, paras):
    body = ''.join(f'<p>{p}</p>' for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<title>{title}</title></head><body><div class="nav">뉴스 | '
            f'공지사항 | 자료실</div><h1>{title}</h1>'
            f'<div class="info">발표 시간:{date} 09:00:00</div>'
            f'<div id="content">{body}</div>'
            f'<div class="footer">Copyright KIC test</div></body></html>')


def list_page(links):
    items = ''.join(f'<li><a href="{h}">{t}</a></li>' for h, t in links)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>센터 '
            f'뉴스</title></head><body><ul class="list">{items}</ul>'
            f'</body></html>')


PAGES = {
    '/robots.txt': 'User-agent: *\nDisallow: /private/\n',
    '/a/list.html': list_page([('/a/1.html', '업무협약 체결'),
                               ('/a/2.html', '데모데이 개최')]),
    '/a/1.html': article('KIC중국, 국가기술이전동부센터와 업무협약 체결',
                         '2024-09-11', [
        '글로벌혁신센터(KIC중국)는 9일 상하이에서 국가기술이전동부센터와 '
        '기술이전 협력을 위한 업무협약(MOU)을 체결했다고 밝혔다.',
        '양 기관은 공동 설명회 개최와 기술거래 정보 교류에 합의했다.']),
    '/a/2.html': article('KIC중국, 우한서 K-데모데이 개최', '2024-10-02', [
        'KIC중국은 지난달 30일 우한에서 한국 스타트업 8개사가 참가한 '
        '‘2024 K-데모데이 우한’을 개최했다.']),
    '/b/page.html': article('횃불센터 대표단 KIC중국 방문', '2024-11-05', [
        '공업정보화부 횃불센터 대표단이 4일 베이징 KIC중국을 방문해 '
        '창업보육 협력 방안을 논의했다.']),
    '/c/page.html': article('중관촌 산업시찰 안내', '2024-12-01', [
        'KIC중국 입주기업을 대상으로 중관촌 산업시찰을 진행한다.']),
}
SLOW_N = 8
for i in range(1, SLOW_N + 1):
    PAGES[f'/slow/{i}.html'] = article(
        f'입주기업 소식 {i}', f'2025-01-{i:02d}',
        [f'KIC중국 입주기업 {i}호가 베이징에서 투자설명회를 열었다.'])
PAGES['/slow/list.html'] = list_page(
    [(f'/slow/{i}.html', f'소식 {i}') for i in range(1, SLOW_N + 1)])
DELAYS = {f'/slow/{i}.html': 0.4 for i in range(1, SLOW_N + 1)}
DELAYS['/hang/page.html'] = 40.0
PAGES['/hang/page.html'] = article('응답이 느린 페이지', '2025-02-01',
                                   ['이 페이지는 늦게 응답한다.'])


class Site:
    """A local HTTP server over PAGES that records every request."""

    def __init__(self):
        site = self
        self.requests = []
        self.lock = threading.Lock()

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                with site.lock:
                    site.requests.append(self.path)
                time.sleep(DELAYS.get(self.path, 0))
                body = PAGES.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                ctype = ('text/plain' if self.path.endswith('.txt')
                         else 'text/html; charset=utf-8')
                self.send_header('Content-Type', ctype)
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except OSError:
                    pass

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def url(self, path):
        return f'http://127.0.0.1:{self.port}{path}'

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Notify:
    """A NOTIFY_SOCKET the daemon reports to, as systemd would bind it."""

    def __init__(self, d):
        self.path = os.path.join(d, 'notify.sock')
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []
        self.stop = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while not self.stop:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except socket.timeout:
                continue
            except OSError:
                return

    def lines(self):
        return [l for m in list(self.messages) for l in m.split('\n') if l]

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def config(d, site, sources, extra=''):
    text = f'''store: {{path: {d}/unused.db}}
http:
  user_agent: "kicwatch-test"
  timeout: 60s
  per_host_delay: 0s
  retries: 0
{extra}entities: {SOURCE_ROOT}/config/entities.yaml
patterns: {SOURCE_ROOT}/config/patterns.yaml
sources:
'''
    for name, path, interval, is_list in sources:
        text += f'  - name: {name}\n    url: {site.url(path)}\n'
        text += f'    interval: {interval}\n    lang: ko\n'
        if is_list:
            text += '    list:\n      items: "//ul[@class=\'list\']//a/@href"\n'
    return write(os.path.join(d, 'kicwatch.yaml'), text)


class Daemon:
    def __init__(self, d, db, env=None, journal=False):
        self.errpath = os.path.join(d, f'stderr-{time.monotonic_ns()}.log')
        self.err = open(self.errpath, 'w+b')
        e = dict(os.environ)
        e.pop('NOTIFY_SOCKET', None)
        e.pop('JOURNAL_STREAM', None)
        e.pop('WATCHDOG_USEC', None)
        e.pop('WATCHDOG_PID', None)
        if journal:
            st = os.fstat(self.err.fileno())
            e['JOURNAL_STREAM'] = f'{st.st_dev}:{st.st_ino}'
        e.update(env or {})
        self.proc = subprocess.Popen(
            [KICWATCH, '-c', os.path.join(d, 'kicwatch.yaml'), '--db', db,
             '--log-level', 'debug', 'run'],
            stdout=subprocess.DEVNULL, stderr=self.err, env=e)

    def log(self):
        with open(self.errpath, encoding='utf-8', errors='replace') as f:
            return f.read()

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, timeout=WAIT):
        """SIGTERM; returns (exit code, seconds it took)."""
        t0 = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=timeout)
        return rc, time.monotonic() - t0

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.err.close()


def wait_for(what, cond, daemon=None, timeout=WAIT):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if cond():
            return
        if daemon is not None and daemon.proc.poll() is not None:
            raise AssertionError(f'daemon exited ({daemon.proc.returncode})'
                                 f' while waiting for {what}:\n'
                                 f'{daemon.log()}')
        time.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}\n' +
                         (daemon.log() if daemon else ''))


def q(db, sql, params=()):
    if not os.path.exists(db):
        return []
    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []  # not migrated yet
    finally:
        con.close()


def count(db, sql, params=()):
    r = q(db, sql, params)
    return r[0][0] if r else 0


def fetches(db, site, path):
    return count(db, 'SELECT count(*) FROM fetch_log WHERE url = ?',
                 (site.url(path),))


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute('PRAGMA integrity_check').fetchone()[0]
    finally:
        con.close()


def test_lifecycle():
    with TempDir() as d:
        site = Site()
        notify = Notify(d)
        db = os.path.join(d, 'kw.db')
        prom = os.path.join(d, 'kicwatch.prom')
        base = [('a', '/a/list.html', '2s', True),
                ('c', '/c/page.html', '1h', False)]
        config(d, site, base, extra=f'metrics: {prom}\n')
        dm = Daemon(d, db, journal=True,
                    env={'NOTIFY_SOCKET': notify.path,
                         'WATCHDOG_USEC': '2000000'})
        try:
            wait_for('READY=1', lambda: 'READY=1' in notify.lines(), dm)
            wait_for('two rounds of a',
                     lambda: fetches(db, site, '/a/list.html') >= 2, dm)
            check(fetches(db, site, '/a/1.html') >= 1, dm.log())
            wait_for('metrics file', lambda: os.path.exists(prom), dm)
            m = open(prom, encoding='utf-8').read()
            check('kicwatch_source_requests_total{source="a"}' in m, m)
            check(os.stat(prom).st_mode & 0o777 == 0o644)

            # SIGHUP with a new source: it gets crawled.
            config(d, site, base + [('b', '/b/page.html', '2s', False)],
                   extra=f'metrics: {prom}\n')
            dm.signal(signal.SIGHUP)
            wait_for('b crawled after SIGHUP',
                     lambda: fetches(db, site, '/b/page.html') >= 1, dm)

            # SIGHUP with a broken file: logged with file:line:col, the
            # old configuration (with b) stays in force.
            path = config(d, site, base + [('b', '/b/page.html', '2s',
                                            False)],
                          extra=f'metrics: {prom}\n')
            text = open(path, encoding='utf-8').read().replace(
                '    interval: 2s\n', '    intervall: 2s\n', 1)
            write(path, text)
            line = text.splitlines().index('    intervall: 2s') + 1
            where = f'{path}:{line}:5:'
            b_before = fetches(db, site, '/b/page.html')
            dm.signal(signal.SIGHUP)
            wait_for('the config error logged', lambda: where in dm.log(),
                     dm)
            wait_for('b still crawled with the old config',
                     lambda: fetches(db, site, '/b/page.html') > b_before,
                     dm)
            check('keeping the configuration in force' in dm.log(),
                  dm.log())

            rc, took = dm.stop()
            check(rc == 0, f'exit {rc}\n{dm.log()}')
            check(took < 30, f'took {took:.1f}s to stop')
        finally:
            dm.close()
            notify.close()
        log = dm.log()
        check(integrity(db) == 'ok')
        lines = notify.lines()
        for want in ('READY=1', 'RELOADING=1', 'STOPPING=1', 'WATCHDOG=1'):
            check(want in lines, f'{want} not notified: {lines}')
        check(any(l.startswith('STATUS=') and 'last: a ok' in l
                  for l in lines), lines)
        check(any(l.startswith('STATUS=reload of') for l in lines), lines)
        # stderr is the "journal": <N> prefixes, no timestamps.
        for l in log.splitlines():
            check(re.match(r'^<[3467]>\S', l), f'not journal format: {l!r}')
        check('<6>run: started' in log, log)
        check(f'<3>{where}' in log, log)

        # Restart: c (1h) is not due and must not be fetched again; a is.
        c_before = fetches(db, site, '/c/page.html')
        a_before = fetches(db, site, '/a/list.html')
        check(c_before == 1, c_before)
        config(d, site, base)
        dm = Daemon(d, db)
        try:
            wait_for('a fetched after restart',
                     lambda: fetches(db, site, '/a/list.html') > a_before,
                     dm)
            rc, _ = dm.stop()
            check(rc == 0, dm.log())
        finally:
            dm.close()
            site.close()
        check(fetches(db, site, '/c/page.html') == c_before,
              'c refetched although not due')
        first = dm.log().splitlines()[0]
        check(re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (info|debug) run: ',
                       first), f'not timestamped: {first!r}')
        check(integrity(db) == 'ok')


def test_kill9_mid_round():
    with TempDir() as d:
        site = Site()
        db = os.path.join(d, 'kw.db')
        config(d, site, [('slow', '/slow/list.html', '1h', True)])
        dm = Daemon(d, db)
        try:
            wait_for('a few articles of the round', lambda: count(
                db, "SELECT count(*) FROM capture WHERE url LIKE '%/slow/%'"
                " AND url NOT LIKE '%list%'") >= 3, dm)
            check(q(db, 'SELECT last_success_at FROM source')[0][0] is None)
            dm.proc.kill()
            dm.proc.wait()
        finally:
            dm.close()
        check(integrity(db) == 'ok')
        dm = Daemon(d, db)
        try:
            wait_for('the interrupted round done after restart', lambda: count(
                db, 'SELECT count(*) FROM source WHERE name = ? AND '
                'last_success_at IS NOT NULL', ('slow',)) == 1, dm)
            rc, _ = dm.stop()
            check(rc == 0, dm.log())
        finally:
            dm.close()
            site.close()
        check(integrity(db) == 'ok')
        dup = q(db, 'SELECT url, count(*) FROM capture GROUP BY url, sha256 '
                'HAVING count(*) > 1')
        check(dup == [], f'duplicated captures: {dup}')
        arts = q(db, "SELECT count(*), count(DISTINCT url) FROM capture "
                 "WHERE url LIKE '%/slow/%' AND url NOT LIKE '%list%'")[0]
        check(arts == (SLOW_N, SLOW_N), arts)
        dupdoc = q(db, 'SELECT capture_id, count(*) FROM document '
                   'GROUP BY run_id, capture_id HAVING count(*) > 1')
        check(dupdoc == [], dupdoc)


def test_sigterm_cuts_transfers():
    """A transfer still running 10 s after SIGTERM is cut; the daemon exits
    0 and the interrupted source is not counted as failing."""
    with TempDir() as d:
        site = Site()
        db = os.path.join(d, 'kw.db')
        config(d, site, [('hang', '/hang/page.html', '1h', False)])
        dm = Daemon(d, db)
        try:
            wait_for('the hanging request', lambda: '/hang/page.html' in
                     site.requests, dm)
            rc, took = dm.stop(timeout=WAIT)
        finally:
            dm.close()
            site.close()
        check(rc == 0, f'exit {rc}\n{dm.log()}')
        check(took < 30, f'took {took:.1f}s to stop')
        check('cutting 1 rounds' in dm.log(), dm.log())
        check(integrity(db) == 'ok')
        row = q(db, 'SELECT failures, next_due_at FROM source')[0]
        check(row == (0, None), f'interrupted round recorded: {row}')


def test_unreachable_sources_keep_daemon_running():
    """No network: every source fails with its reason logged, backs off,
    and the daemon keeps running until told to stop."""
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        s = socket.socket()
        s.bind(('127.0.0.1', 0))
        dead = s.getsockname()[1]  # bound, never listening: refused
        write(os.path.join(d, 'kicwatch.yaml'), f'''store: {{path: {db}}}
http: {{per_host_delay: 0s, retries: 0, timeout: 15s, connect_timeout: 5s}}
entities: null
patterns: null
sources:
  - name: refused
    url: http://127.0.0.1:{dead}/news/
    interval: 2s
  - name: nodns
    url: http://kicwatch-test.invalid/news/
    interval: 2s
''')
        dm = Daemon(d, db)
        try:
            wait_for('both sources failed', lambda: len(q(
                db, 'SELECT 1 FROM source WHERE failures >= 1')) == 2, dm)
            time.sleep(0.5)
            check(dm.proc.poll() is None, 'daemon exited')
            rows = q(db, 'SELECT name, last_error, next_due_at, '
                     'last_attempt_at FROM source ORDER BY name')
            rc, _ = dm.stop()
        finally:
            dm.close()
            s.close()
        check(rc == 0, dm.log())
        log = dm.log()
        for name, err, due, att in rows:
            check(err, f'{name}: no last_error')
            check(f'source={name}: failing' in log, log)
            check(due > att, f'{name}: no backoff ({due} <= {att})')
        # The transport error behind each failure is in the log.
        check(re.search(r'source=refused: round failed: .*last fetch error:'
                        r' .*[Cc]onnect', log), log)
        check(re.search(r'source=nodns: round failed: .*last fetch error: '
                        r'.*resolve.*kicwatch-test\.invalid', log), log)


if __name__ == '__main__':
    kwtest.main(globals())
