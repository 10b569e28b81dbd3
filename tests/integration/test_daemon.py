# SPDX-License-Identifier: ISC
"""`kicwatch run`, the daemon, against tests/server.py: rounds on
second-scale intervals, SIGHUP adding a source, SIGHUP with a broken
config (old one kept, file:line:col logged), SIGTERM (exit 0 within the
deadline, store intact), restart without refetching what is not due,
sd_notify messages on a socket the test binds, journal-style log prefixes,
kill -9 in the middle of a round, transfers cut at shutdown, and sources
that cannot be reached at all."""
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import kwtest
from kwtest import KICWATCH, SOURCE_ROOT, TempDir, check, write

WAIT = 60  # seconds any awaited event may take before the test fails


SERVER = os.path.join(SOURCE_ROOT, 'tests', 'server.py')
SITE = os.path.join(kwtest.FIXTURES, 'sites', 'daemon')
BIG_N = 24  # tests/fixtures/sites/daemon/_site.json


class Site:
    """tests/server.py serving tests/fixtures/sites/daemon: pages for the
    sources a, b and c, a generated /big/ board, and /_/trickle (a body
    that comes one byte every 2 s). Every request lands in a JSON log."""

    def __init__(self, d):
        self.log = os.path.join(d, 'requests.jsonl')
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, '--root', SITE, '--log', self.log],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        check(line.startswith('PORT '), f'server said {line!r}')
        self.port = int(line.split()[1])

    def url(self, path):
        return f'http://127.0.0.1:{self.port}{path}'

    def requests(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding='utf-8') as f:
            return [json.loads(l)['path'] for l in f if l.strip()]

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.proc.stdout.closed:
            self.proc.stdout.close()

    # A failing test must not leave the server running: meson waits for
    # every process holding the test's stdout.
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


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


def config(d, site, sources, extra='', delay='0s'):
    text = f'''store: {{path: {d}/unused.db}}
http:
  user_agent: "kicwatch-test"
  timeout: 60s
  per_host_delay: {delay}
  retries: 0
{extra}entities: {SOURCE_ROOT}/config/entities.yaml
patterns: {SOURCE_ROOT}/config/patterns.yaml
sources:
'''
    for name, path, interval, is_list in sources:
        text += f'  - name: {name}\n    url: {site.url(path)}\n'
        text += f'    interval: {interval}\n    lang: ko\n'
        if is_list:
            text += ('    list:\n      items: "//ul[@class=\'list\']//a/@href"'
                     '\n      next: "//a[@class=\'next\']/@href"\n')
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
    with TempDir() as d, Site(d) as site:
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
        check(fetches(db, site, '/c/page.html') == c_before,
              'c refetched although not due')
        first = dm.log().splitlines()[0]
        check(re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (info|debug) run: ',
                       first), f'not timestamped: {first!r}')
        check(integrity(db) == 'ok')


def test_kill9_mid_round():
    with TempDir() as d, Site(d) as site:
        db = os.path.join(d, 'kw.db')
        # 24 articles 300 ms apart: a round of several seconds.
        config(d, site, [('slow', '/big/list?page=1', '1h', True)],
               delay='300ms')
        dm = Daemon(d, db)
        try:
            wait_for('a few articles of the round', lambda: count(
                db, "SELECT count(*) FROM capture WHERE url LIKE "
                "'%/big/a/%'") >= 3, dm)
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
        check(integrity(db) == 'ok')
        dup = q(db, 'SELECT url, count(*) FROM capture GROUP BY url, sha256 '
                'HAVING count(*) > 1')
        check(dup == [], f'duplicated captures: {dup}')
        arts = q(db, "SELECT count(*), count(DISTINCT url) FROM capture "
                 "WHERE url LIKE '%/big/a/%'")[0]
        check(arts == (BIG_N, BIG_N), arts)
        dupdoc = q(db, 'SELECT capture_id, count(*) FROM document '
                   'GROUP BY run_id, capture_id HAVING count(*) > 1')
        check(dupdoc == [], dupdoc)


def test_reload_during_round():
    """SIGHUP while a round runs: the round finishes on the configuration
    it started with, then the new one (with a new source) takes over."""
    with TempDir() as d, Site(d) as site:
        db = os.path.join(d, 'kw.db')
        big = [('big', '/big/list?page=1', '1h', True)]
        config(d, site, big, delay='300ms')
        dm = Daemon(d, db)
        try:
            wait_for('the round under way', lambda: count(
                db, "SELECT count(*) FROM capture WHERE url LIKE "
                "'%/big/a/%'") >= 2, dm)
            config(d, site, big + [('b', '/b/page.html', '1h', False)],
                   delay='300ms')
            dm.signal(signal.SIGHUP)
            wait_for('b crawled', lambda: fetches(db, site, '/b/page.html')
                     >= 1, dm)
            rc, _ = dm.stop()
        finally:
            dm.close()
        check(rc == 0, dm.log())
        check('configuration reloaded' in dm.log(), dm.log())
        arts = count(db, "SELECT count(*) FROM capture WHERE url LIKE "
                     "'%/big/a/%'")
        check(arts == BIG_N, f'{arts} articles: the round was cut')
        last_big = q(db, "SELECT max(id) FROM fetch_log WHERE url LIKE "
                     "'%/big/a/%'")[0][0]
        first_b = q(db, 'SELECT min(id) FROM fetch_log WHERE url = ?',
                    (site.url('/b/page.html'),))[0][0]
        check(first_b > last_big, 'the new source started before the '
              'running round finished')
        check(integrity(db) == 'ok')


def test_sigterm_cuts_transfers():
    """A transfer still running 10 s after SIGTERM is cut; the daemon exits
    0 and the interrupted source is not counted as failing."""
    with TempDir() as d, Site(d) as site:
        db = os.path.join(d, 'kw.db')
        config(d, site, [('hang', '/_/trickle', '1h', False)])
        dm = Daemon(d, db)
        try:
            wait_for('the slow request', lambda: '/_/trickle' in
                     site.requests(), dm)
            rc, took = dm.stop(timeout=WAIT)
        finally:
            dm.close()
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
