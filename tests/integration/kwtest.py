# SPDX-License-Identifier: ISC
"""Helpers for integration tests that drive the real kicwatch binary.

Each test file defines functions named test_*; kwtest.main() runs them all,
prints one line per test and exits non-zero if any failed, so one meson test
per file still reports every failing case. Stdlib only.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

KICWATCH = os.environ.get('KICWATCH', 'kicwatch')
SOURCE_ROOT = os.environ.get(
    'KW_SOURCE_ROOT',
    os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..')))
FIXTURES = os.path.join(SOURCE_ROOT, 'tests', 'fixtures')


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return f'rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}'


def run(*args, timeout=120, env=None, input=None, cwd=None):
    """Runs kicwatch with args; returns Result (rc, out, err as text)."""
    e = dict(os.environ)
    e.pop('JOURNAL_STREAM', None)
    e.pop('NOTIFY_SOCKET', None)
    if env:
        e.update(env)
    p = subprocess.run([KICWATCH, *map(str, args)], capture_output=True,
                       text=True, timeout=timeout, env=e, input=input,
                       cwd=cwd, errors='replace')
    return Result(p)


class TempDir:
    """A temporary directory removed at the end of a with-block."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix='kw-it-')
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


def db_rows(path, sql, params=()):
    con = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def check(cond, msg=''):
    if not cond:
        raise AssertionError(msg)


class Skip(Exception):
    """Raised by a test that cannot run in this build; reported as such,
    never as ok."""


def main(module_globals):
    tests = [(n, f) for n, f in sorted(module_globals.items())
             if n.startswith('test_') and callable(f)]
    only = sys.argv[1:]
    failed = 0
    for name, fn in tests:
        if only and name not in only:
            continue
        try:
            fn()
            print(f'ok   {name}')
        except Skip as why:
            print(f'skip {name}: {why}')
        except Exception:  # noqa: BLE001 - report every failure
            failed += 1
            print(f'FAIL {name}')
            traceback.print_exc()
        sys.stdout.flush()
    sys.exit(1 if failed else 0)
