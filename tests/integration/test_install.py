# SPDX-License-Identifier: ISC
"""`meson install --destdir` puts everything an operator needs in place:
the binary and the collector it execs (libexecdir/kicwatch, found relative
to the binary), the units (ExecStart naming the installed binary and
config), the sysusers and tmpfiles snippets, the default configs under
sysconfdir/kicwatch (and they pass check-config as installed), the demo
data, and the man pages, which `man -l` renders."""
import json
import os
import re
import shutil
import subprocess

import kwtest
from kwtest import KICWATCH, TempDir, check, run

BUILD = os.environ.get('KW_BUILD_ROOT',
                       os.path.dirname(os.path.abspath(KICWATCH)))


def options():
    p = subprocess.run(['meson', 'introspect', '--buildoptions', BUILD],
                       capture_output=True, text=True, check=True)
    return {o['name']: o['value'] for o in json.loads(p.stdout)}


def under(destdir, path):
    return os.path.join(destdir, path.lstrip('/'))


def install(destdir):
    p = subprocess.run(['meson', 'install', '-C', BUILD, '--destdir',
                        destdir, '--no-rebuild', '--quiet'],
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, p.stdout + p.stderr)


def find(destdir, name):
    for root, _, files in os.walk(destdir):
        if name in files:
            return os.path.join(root, name)
    return None


def test_install_layout():
    opts = options()
    prefix = opts['prefix']
    sysconf = os.path.join(prefix, opts['sysconfdir'])
    with TempDir() as d:
        install(d)
        binary = under(d, os.path.join(prefix, opts['bindir'], 'kicwatch'))
        check(os.access(binary, os.X_OK), f'{binary} missing')
        r = subprocess.run([binary, '--version'], capture_output=True,
                           text=True)
        check(r.returncode == 0 and r.stdout.startswith('kicwatch '), r)
        collect = under(d, os.path.join(prefix, opts['libexecdir'],
                                        'kicwatch', 'kicwatch-collect'))
        check(os.access(collect, os.X_OK), f'{collect} missing')
        # The kwcjk SQLite extension, loadable from where it is installed
        # (not in sanitizer builds: sqlite3 cannot load those, test_fts).
        ext = under(d, os.path.join(prefix, opts['libdir'], 'kicwatch',
                                    'kwcjk.so'))
        check(os.path.isfile(ext), f'{ext} missing')
        if opts['b_sanitize'] == 'none' and shutil.which('sqlite3'):
            r = subprocess.run(
                ['sqlite3', ':memory:', '-cmd', f'.load {ext[:-3]}',
                 "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='kwcjk');"
                 "INSERT INTO t VALUES ('수소 협약'), ('合作');"
                 "SELECT count(*) FROM t WHERE t MATCH '수소';"],
                capture_output=True, text=True)
            check(r.returncode == 0 and r.stdout.split() == ['1'], r)
        conf = under(d, os.path.join(sysconf, 'kicwatch'))
        for f in ('kicwatch.yaml', 'entities.yaml', 'patterns.yaml'):
            check(os.path.isfile(os.path.join(conf, f)), f'{f} missing')
        # The installed kicwatch finds the installed kicwatch-collect
        # relative to itself (here under DESTDIR) for the writer commands.
        page = kwtest.write(os.path.join(d, 'page.html'),
                            '<html><body><h3>협약 체결</h3></body></html>')
        r = subprocess.run([binary, '-c', os.path.join(conf, 'kicwatch.yaml'),
                            'extract', page], capture_output=True, text=True)
        check(r.returncode == 0 and json.loads(r.stdout), r)
        # As installed, the default config is valid.
        r = run('-c', os.path.join(conf, 'kicwatch.yaml'), 'check-config')
        check(r.rc == 0, r)
        data = under(d, os.path.join(prefix, opts['datadir'], 'kicwatch'))
        check(os.path.isfile(os.path.join(data, 'demo', 'demo.yaml')))
        check(os.path.isfile(os.path.join(data, 'demo', 'site',
                                          'robots.txt')))
        for unit in ('kicwatch.service', 'kicwatch-digest.service',
                     'kicwatch-digest.timer'):
            check(find(d, unit) is not None, f'{unit} not installed')
        svc = open(find(d, 'kicwatch.service'), encoding='utf-8').read()
        want = (f'ExecStart={os.path.join(prefix, opts["bindir"])}/kicwatch'
                f' -c {sysconf}/kicwatch/kicwatch.yaml run')
        check(want in svc, f'{want!r} not in kicwatch.service')
        check(not re.search(r'@[a-z_]+@', svc), 'unsubstituted @var@')
        sysusers = find(d, 'kicwatch.conf')
        check(sysusers is not None, 'sysusers/tmpfiles snippets missing')
        snippets = [os.path.join(r, f) for r, _, fs in os.walk(d)
                    for f in fs if f == 'kicwatch.conf']
        kinds = sorted(os.path.basename(os.path.dirname(p))
                       for p in snippets)
        check(kinds == ['sysusers.d', 'tmpfiles.d'], kinds)
        man = under(d, os.path.join(prefix, opts['mandir']))
        for page in ('man1/kicwatch.1', 'man5/kicwatch.yaml.5'):
            path = os.path.join(man, page)
            check(os.path.isfile(path), f'{page} missing')
            if shutil.which('man'):
                r = subprocess.run(['man', '-l', path], capture_output=True,
                                   text=True, env=dict(os.environ,
                                                       MANWIDTH='80',
                                                       MAN_KEEP_FORMATTING=''))
                check(r.returncode == 0 and 'kicwatch' in r.stdout,
                      r.stderr)


def test_man_pages_cover_commands_and_keys():
    """Every command of `kicwatch --help` and every config key the
    shipped kicwatch.yaml uses is documented."""
    root = kwtest.SOURCE_ROOT
    page1 = open(os.path.join(root, 'man', 'kicwatch.1'),
                 encoding='utf-8').read()
    page5 = open(os.path.join(root, 'man', 'kicwatch.yaml.5'),
                 encoding='utf-8').read()
    r = run('--help')
    cmds = [l.split()[0] for l in r.out.splitlines()
            if l.startswith('  ') and l.split()]
    check(len(cmds) >= 12, r.out)
    for c in cmds:
        check(f'.It Cm {c}' in page1, f'command {c} not in kicwatch.1')
    keys = set()
    for line in open(os.path.join(root, 'config', 'kicwatch.yaml'),
                     encoding='utf-8'):
        m = re.match(r'^\s*(?:- )?([a-z_]+):', line)
        if m and not line.lstrip().startswith('#'):
            keys.add(m.group(1))
    for k in sorted(keys):
        check(f'Ic {k}' in page5, f'config key {k} not in kicwatch.yaml.5')


if __name__ == '__main__':
    kwtest.main(globals())
