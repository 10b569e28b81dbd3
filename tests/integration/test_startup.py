# SPDX-License-Identifier: ISC
"""The two programs: `kicwatch` answers the read-side commands (and init,
check-config) without loading the collector's libraries, and hands every
other command to kicwatch-collect by exec, so the process the caller
started (systemd's main PID) is the one that runs it."""
import array
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time

import kwstore
import kwtest
from kwtest import KICWATCH, SOURCE_ROOT, TempDir, check, run

COLLECT = os.path.join(os.path.dirname(os.path.abspath(KICWATCH)),
                       'kicwatch-collect')
# What a read command must not load: the fetcher's libcurl and everything
# it brings (TLS, Kerberos, LDAP...), libxml2 and ICU, OpenCC (whose C++
# runtime a UBSan build loads anyway), charset detection, libsystemd.
HEAVY = re.compile(r'lib(curl|xml2|icu\w*|gnutls|ssl|crypto|gssapi\w*|'
                   r'ldap\w*|opencc|marisa|uchardet|systemd)[.-]')


def needed(path):
    """The DT_NEEDED entries of an ELF file."""
    p = subprocess.run(['readelf', '-dW', path], capture_output=True,
                       text=True, check=True)
    return re.findall(r'\(NEEDED\)\s+Shared library: \[([^]]+)\]', p.stdout)


def loaded(*args):
    """Runs kicwatch with the dynamic loader reporting every object it
    maps, at start-up or by dlopen(); returns (Result, object names)."""
    r = run(*args, env={'LD_DEBUG': 'files'})
    names = set(re.findall(r'file=(\S+) \[\d+\];', r.err))
    check(names, f'LD_DEBUG gave nothing: {r.err[:500]}')
    return r, {os.path.basename(n) for n in names}


def test_collect_built_beside():
    check(os.access(COLLECT, os.X_OK), f'{COLLECT} missing')
    # The check below can fail: the collector does link them.
    check(any(HEAVY.match(n) for n in needed(COLLECT)), needed(COLLECT))


def test_kicwatch_links_no_collector_library():
    libs = needed(KICWATCH)
    check('libsqlite3.so.0' in libs, libs)
    bad = [n for n in libs if HEAVY.match(n)]
    check(not bad, f'kicwatch links {bad}')


def test_read_commands_load_no_collector_library():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        kwstore.build_sample(db)
        for args in (['search', '수소'], ['query', 'events', '--limit', '5'],
                     ['show', '1'], ['digest', '--since', '3650d'],
                     ['stats'], ['export', 'jsonl']):
            r, names = loaded('--db', db, *args)
            check(r.rc == 0, r)
            check('libsqlite3.so.0' in names, names)
            bad = sorted(n for n in names if HEAVY.match(n))
            check(not bad, f'{args} loaded {bad}')


def test_config_xpath_checked_without_libxml2():
    """With a configuration, XPath selectors are still validated and a bad
    one is still exit 78 with libxml2's words. The selectors configurations
    use are recognised without libxml2 (config/cfg_xpath_simple.c); others
    load it (dlopen) to be compiled. libcurl is never loaded."""
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        kwstore.build_sample(db)
        conf = os.path.join(d, 'kw.yaml')

        def with_items(xpath):
            kwtest.write(conf, f'''\
store: {{path: {db}}}
entities: null
patterns: null
sources:
  - name: a
    url: http://127.0.0.1:9/list.html
    list:
      items: "{xpath}"
''')

        with_items("//ul[@class='list']//a/@href")
        r, names = loaded('-c', conf, 'query', 'events')
        check(r.rc == 0, r)
        check('libxml2.so.2' not in names, names)
        with_items("//ul[@class='list']//a[position() = 1 + 1]/@href")
        r, names = loaded('-c', conf, 'query', 'events')
        check(r.rc == 0, r)
        check('libxml2.so.2' in names, names)
        check(not any(n.startswith('libcurl') for n in names), names)
        with_items("//ul[@class='list']//a[@href")
        r = run('-c', conf, 'query', 'events')
        check(r.rc == 78 and 'kw.yaml:8' in r.err and
              'at character' in r.err, r)


def test_writer_commands_run_in_collect():
    """extract is the collector's: it runs, with the global options and
    the command's own, and its result is the collector's."""
    page = os.path.join(SOURCE_ROOT, 'demo', 'site')
    html = None
    for root, _, files in os.walk(page):
        for f in sorted(files):
            if f.endswith('.html'):
                html = os.path.join(root, f)
                break
        if html:
            break
    check(html is not None, 'no demo page')
    r = run('-c', os.path.join(SOURCE_ROOT, 'config', 'kicwatch.yaml'),
            '--log-level', 'warn', 'extract', html, '--url',
            'http://example.org/a.html')
    check(r.rc == 0, r)
    check(isinstance(json.loads(r.out), dict), r.out[:300])
    r = run('extract', '--no-such-option')
    check(r.rc == 64, r)


def test_collect_needs_no_opencc():
    """The gazetteer's Simplified/Traditional forms come from OpenCC's
    character tables built into the program (parsers/gaz_han.c), so the
    collector neither links OpenCC nor loads it when it builds the
    vocabulary (extract of a Chinese page); tests/unit/test-gaz-opencc.c
    checks the forms against OpenCC itself."""
    opencc = re.compile(r'lib(opencc|marisa)[.-]')
    bad = [n for n in needed(COLLECT) if opencc.match(n)]
    check(not bad, f'kicwatch-collect links {bad}')
    # A Traditional page (Big5): its organisations are found by the
    # Traditional forms of entities.yaml's Simplified names.
    html = os.path.join(SOURCE_ROOT, 'tests', 'fixtures', 'articles',
                        'th04-tw-chengdu-demoday-big5.html')
    check(os.path.exists(html), html)
    r, names = loaded('-c', os.path.join(SOURCE_ROOT, 'config',
                                         'kicwatch.yaml'),
                      'extract', html)
    check(r.rc == 0, r)
    check('libcurl.so.4' in names, names)   # the collector did run
    bad = sorted(n for n in names if opencc.match(n))
    check(not bad, f'extract loaded {bad}')
    orgs = [(o['name'], o.get('entity_id'))
            for o in json.loads(r.out)['orgs']]
    check(('韓國創新中心', 'kic-china') in orgs, orgs)


def _libexecdir():
    build = os.environ.get('KW_BUILD_ROOT',
                           os.path.dirname(os.path.abspath(KICWATCH)))
    p = subprocess.run(['meson', 'introspect', '--buildoptions', build],
                       capture_output=True, text=True, check=True)
    o = {x['name']: x['value'] for x in json.loads(p.stdout)}
    return os.path.join(o['prefix'], o['libexecdir'], 'kicwatch')


def test_missing_collect_is_unavailable():
    """A kicwatch copied away from kicwatch-collect still answers its own
    commands and says what is missing for the others (exit 69)."""
    if os.path.exists(os.path.join(_libexecdir(), 'kicwatch-collect')):
        return  # installed on this machine: the copy would find it
    with TempDir() as d:
        lone = os.path.join(d, 'kicwatch')
        shutil.copy(KICWATCH, lone)
        p = subprocess.run([lone, '--version'], capture_output=True,
                           text=True)
        check(p.returncode == 0 and p.stdout.startswith('kicwatch '), p)
        p = subprocess.run([lone, 'crawl', '--all'], capture_output=True,
                           text=True)
        check(p.returncode == 69 and 'kicwatch-collect' in p.stderr, p)


def _recv_with_pid(sock):
    """One datagram and the sender's PID (SCM_CREDENTIALS)."""
    msg, anc, _, _ = sock.recvmsg(4096, socket.CMSG_SPACE(12))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            return msg.decode(), array.array('i', data[:12])[0]
    return msg.decode(), None


def test_run_keeps_the_main_pid():
    """`kicwatch run` under Type=notify, NotifyAccess=main: READY=1 comes
    from the PID systemd started, which is now kicwatch-collect."""
    with TempDir() as d:
        path = os.path.join(d, 'notify.sock')
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        sock.bind(path)
        sock.settimeout(60)
        db = os.path.join(d, 'kw.db')
        conf = kwtest.write(os.path.join(d, 'kw.yaml'), f'''\
store: {{path: {db}}}
http: {{retries: 0}}
entities: null
patterns: null
sources:
  - name: a
    url: http://127.0.0.1:9/page.html
    interval: 1h
''')
        check(run('-c', conf, 'init').rc == 0)
        env = dict(os.environ, NOTIFY_SOCKET=path)
        for k in ('JOURNAL_STREAM', 'WATCHDOG_USEC', 'WATCHDOG_PID'):
            env.pop(k, None)
        proc = subprocess.Popen([KICWATCH, '-c', conf, 'run'],
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=env)
        try:
            deadline = time.monotonic() + 60
            ready = None
            while ready is None and time.monotonic() < deadline:
                msg, pid = _recv_with_pid(sock)
                if 'READY=1' in msg.split('\n'):
                    ready = pid
            check(ready == proc.pid, f'READY=1 from {ready}, '
                                     f'started {proc.pid}')
            exe = os.readlink(f'/proc/{proc.pid}/exe')
            check(os.path.basename(exe) == 'kicwatch-collect', exe)
            # GnuTLS (unused: libcurl uses OpenSSL) is not initialised.
            with open(f'/proc/{proc.pid}/environ', 'rb') as f:
                environ = f.read().split(b'\0')
            check(b'GNUTLS_NO_IMPLICIT_INIT=1' in environ, environ)
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
            check(proc.returncode == 0, err)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            sock.close()


if __name__ == '__main__':
    kwtest.main(globals())
