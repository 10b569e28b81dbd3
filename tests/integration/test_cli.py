# SPDX-License-Identifier: ISC
"""The command line contract: help, version, usage errors, init."""
import os
import sqlite3

import kwtest
from kwtest import TempDir, check, run


def test_help_lists_commands():
    r = run('--help')
    check(r.rc == 0, r)
    for c in ('init', 'check-config', 'crawl', 'run', 'reparse', 'query',
              'search', 'show', 'digest', 'export', 'stats'):
        check(c in r.out, f'{c} missing from --help\n{r}')


def test_version():
    r = run('--version')
    check(r.rc == 0 and r.out.startswith('kicwatch '), r)


def test_unknown_command_is_usage_error():
    r = run('frobnicate')
    check(r.rc == 64, r)
    check('unknown command' in r.err, r)


def test_no_command_is_usage_error():
    check(run().rc == 64)


def test_bad_log_level():
    check(run('--log-level', 'loud', 'stats').rc == 64)


def test_command_help():
    r = run('init', '--help')
    check(r.rc == 0 and 'usage' in r.out, r)


def test_init_creates_migrated_store():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        r = run('--db', db, 'init')
        check(r.rc == 0, r)
        con = sqlite3.connect(db)
        v = con.execute('PRAGMA user_version').fetchone()[0]
        mode = con.execute('PRAGMA journal_mode').fetchone()[0]
        tables = {n for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        con.close()
        check(v >= 2, f'user_version {v}')
        check(mode == 'wal', mode)
        for t in ('source', 'capture', 'fetch_log', 'document', 'run',
                  'mention', 'event', 'event_org', 'mou', 'mou_party', 'org',
                  'org_alias', 'org_tag', 'watchlist_entry', 'document_cjk',
                  'v_event', 'v_mou', 'v_org_links'):
            check(t in tables, f'{t} missing')
        # Idempotent.
        check(run('--db', db, 'init').rc == 0)


def test_init_refuses_newer_store():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        check(run('--db', db, 'init').rc == 0)
        con = sqlite3.connect(db)
        con.execute('PRAGMA user_version = 999')
        con.commit()
        con.close()
        r = run('--db', db, 'init')
        check(r.rc != 0 and 'newer' in r.err, r)
        con = sqlite3.connect(db)
        check(con.execute('PRAGMA user_version').fetchone()[0] == 999)
        con.close()


if __name__ == '__main__':
    kwtest.main(globals())
