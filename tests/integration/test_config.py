# SPDX-License-Identifier: ISC
"""Configuration: check-config on the shipped config and on broken ones.

Every tests/fixtures/config/*.yaml is a config with one kind of mistake
(bad-three-mistakes.yaml has three); the .expected file next to it holds
the exact lines, "file:line:col: key: message", that kicwatch must log.
Each broken config must also exit 78 and leave no store behind, whether
given to check-config, init or crawl.
"""
import os
import re
import shutil

import kwtest
from kwtest import TempDir, check, run, write

FIXTURES = os.path.join(kwtest.FIXTURES, 'config')
SHIPPED = os.path.join(kwtest.SOURCE_ROOT, 'config', 'kicwatch.yaml')
LOG_PREFIX = re.compile(r'^\S+ err ')


def fixture_names():
    return sorted(f[:-5] for f in os.listdir(FIXTURES)
                  if f.endswith('.yaml'))


def expected_lines(name):
    with open(os.path.join(FIXTURES, name + '.expected'),
              encoding='utf-8') as f:
        return [line.rstrip('\n') for line in f if line.strip()]


def logged_lines(stderr):
    return [LOG_PREFIX.sub('', line) for line in stderr.splitlines()]


def copy_fixtures(dest):
    for entry in os.listdir(FIXTURES):
        src = os.path.join(FIXTURES, entry)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, entry))
        else:
            shutil.copy(src, dest)


def test_every_fixture_has_expected_messages():
    names = fixture_names()
    check(len(names) >= 20, names)
    for n in names:
        check(os.path.exists(os.path.join(FIXTURES, n + '.expected')),
              f'{n}.expected missing')
        check(expected_lines(n), f'{n}.expected is empty')
    for f in os.listdir(FIXTURES):
        if f.endswith('.expected'):
            check(os.path.exists(os.path.join(FIXTURES, f[:-9] + '.yaml')),
                  f'orphan {f}')


def test_broken_configs_report_exact_positions():
    with TempDir() as d:
        copy_fixtures(d)
        for n in fixture_names():
            r = run('-c', n + '.yaml', 'check-config', cwd=d)
            check(r.rc == 78, f'{n}: {r}')
            check(r.out == '', f'{n}: printed a summary\n{r}')
            got = logged_lines(r.err)
            for want in expected_lines(n):
                check(want in got, f'{n}: missing line\n  {want}\n{r}')
            check(not os.path.exists(os.path.join(d, 'kw.db')),
                  f'{n}: store created')


def test_three_mistakes_three_errors():
    with TempDir() as d:
        copy_fixtures(d)
        r = run('-c', 'bad-three-mistakes.yaml', 'check-config', cwd=d)
        check(r.rc == 78, r)
        errors = [line for line in logged_lines(r.err)
                  if line.startswith('bad-three-mistakes.yaml:')]
        check(len(errors) == 3, r)
        check('config: bad-three-mistakes.yaml: 3 errors' in r.err, r)
        # In file order.
        lines = [int(e.split(':')[1]) for e in errors]
        check(lines == sorted(lines), lines)


def test_broken_configs_never_create_the_store():
    with TempDir() as d:
        copy_fixtures(d)
        for n in fixture_names():
            # init takes store.path (kw.db here) from the broken config.
            r = run('-c', n + '.yaml', 'init', cwd=d)
            check(r.rc == 78, f'{n}: init {r}')
            db = os.path.join(d, 'other.db')
            for cmd in (['check-config'], ['crawl', '--all']):
                r = run('-c', n + '.yaml', '--db', db, *cmd, cwd=d)
                if r.rc == 69 and 'not implemented' in r.err:
                    continue  # crawl not built yet
                check(r.rc == 78, f'{n}: {cmd} {r}')
            check(not os.path.exists(os.path.join(d, 'kw.db')), n)
            check(not os.path.exists(db), n)
            check(not os.path.exists(db + '-wal'), n)


def test_shipped_config_passes():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        r = run('-c', SHIPPED, '--db', db, 'check-config')
        check(r.rc == 0, r)
        check(r.err == '', r)
        check(f'config    {SHIPPED}: ok' in r.out, r)
        check(f'store     {db} (--db)' in r.out, r)
        check(re.search(r'kic-china-news +ko +every 6h +list, 5 pages',
                        r.out), r)
        check('torch-center' in r.out and '(disabled)' in r.out, r)
        m = re.search(r'entities  .*entities\.yaml: (\d+) entities, '
                      r'(\d+) aliases', r.out)
        check(m and int(m.group(1)) >= 10
              and int(m.group(2)) > int(m.group(1)), r)
        check('patterns.yaml' in r.out, r)
        check(not os.path.exists(db), 'check-config created the store')


def test_shipped_config_store_path_is_the_default():
    r = run('-c', SHIPPED, 'check-config')
    check(r.rc == 0, r)
    check('store     /var/lib/kicwatch/kicwatch.db\n' in r.out, r)


def test_config_from_environment():
    with TempDir() as d:
        cfg = write(os.path.join(d, 'k.yaml'),
                    'store: {path: kw.db}\nsources: []\n')
        r = run('check-config', env={'KICWATCH_CONFIG': cfg})
        check(r.rc == 0, r)
        check(f'store     {os.path.join(d, "kw.db")}' in r.out, r)
        check('sources   0 (0 enabled)' in r.out, r)
        # No entities key and no entities.yaml next to the config.
        check('entities  none' in r.out, r)


def test_minimal_config_summary():
    with TempDir() as d:
        write(os.path.join(d, 'k.yaml'),
              'store: {path: kw.db}\n'
              'http: {per_host_delay: 0s}\n'
              'defaults: {interval: 90s}\n'
              'sources:\n'
              '  - {name: one, url: "http://127.0.0.1:1/"}\n'
              '  - name: two\n'
              '    url: "http://127.0.0.1:1/list"\n'
              '    lang: zh-Hant\n'
              '    interval: 1h30m\n'
              '    list: {items: "//a/@href", max_pages: 2}\n'
              '    article: {title: "//h1", body: "//main"}\n')
        write(os.path.join(d, 'entities.yaml'),
              'entities:\n  - {id: netc, name: NETC, country: CN,'
              ' aliases: {zh: [东部中心, 国家技术转移东部中心]}}\n')
        r = run('-c', 'k.yaml', 'check-config', cwd=d)
        check(r.rc == 0, r)
        check(re.search(r'one +detect +every 1m30s +single page +generic',
                        r.out), r)
        check(re.search(r'two +zh-Hant +every 1h30m +list, 2 pages '
                        r'\(no next link\) +xpath: title body', r.out), r)
        check('0s between requests' in r.out, r)
        # Absent entities key: entities.yaml next to the config is used.
        check('entities  entities.yaml: 1 entities, 2 aliases' in r.out, r)
        check(not os.path.exists(os.path.join(d, 'kw.db')))


def test_too_large_config():
    with TempDir() as d:
        path = os.path.join(d, 'big.yaml')
        with open(path, 'w') as f:
            f.write('# padding\n' * (1024 * 1024 // 10 + 1))
        r = run('-c', path, 'check-config')
        check(r.rc == 78, r)
        check('file too large' in r.err and '1 MiB' in r.err, r)


def test_missing_config():
    with TempDir() as d:
        r = run('-c', os.path.join(d, 'nope.yaml'), 'check-config')
        check(r.rc == 78, r)
        check('nope.yaml: No such file or directory' in r.err, r)


def test_usage():
    r = run('check-config', '--help')
    check(r.rc == 0 and 'usage' in r.out, r)
    r = run('-c', SHIPPED, 'check-config', 'extra')
    check(r.rc == 64, r)


if __name__ == '__main__':
    kwtest.main(globals())
