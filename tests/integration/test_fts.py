# SPDX-License-Identifier: ISC
"""The full-text indexes from outside kicwatch: store.trigram_index and the
kwcjk SQLite extension, on real stores with the real binary.

Checked: a writer command with a configuration makes the store match
store.trigram_index (false, the default, drops document_fts and its
triggers with one log line; true builds it over the stored documents,
exactly: FTS5's own integrity-check), `--db` without a configuration and
read commands leave the store as it is, kill -9 during a build or a drop
leaves one state or the other with an intact file; and Debian's sqlite3
loads the built kwcjk extension, after which MATCH on document_cjk finds
the same documents as `kicwatch search` for 2- and 3-character Korean and
Chinese words, and writes through the shell keep the index exact.
"""
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time

import kwstore
import kwtest
from kwtest import KICWATCH, TempDir, check, db_rows, run

EXT = os.environ.get('KW_KWCJK_EXT', '')
# A sanitized module needs its runtime loaded first, which Debian's
# sqlite3 does not do ("ASan runtime does not come first"): the
# extension is checked in plain builds only.
SANITIZED = os.environ.get('KW_SANITIZE', 'none') not in ('', 'none')

KO = ['수소', '협약', '연구소', '기술이전', '스타트업', '반도체', '전시회']
ZH = ['合作', '签约', '实验室', '技术转移', '创新', '氢能', '展览会']
FILLER_KO = '센터는 이날 행사에서 현지 기업과 만나 의견을 나눴다. '
FILLER_ZH = '中心当天在活动中与当地企业交流了意见。'


def build(path, n=40, repeat=1, seed=7):
    """n documents of the current run, Korean and Chinese alternately,
    each with three words of KO or ZH among filler text."""
    rnd = random.Random(seed)
    s = kwstore.Store(path)
    src = s.source('t', 'http://127.0.0.1:9/')
    run_id = s.run('2026-01-01 09:00')
    for i in range(n):
        zh = i % 2 == 1
        words = rnd.sample(ZH if zh else KO, 3)
        filler = (FILLER_ZH if zh else FILLER_KO) * repeat
        text = filler + (' '.join(words) if not zh else '，'.join(words))
        title = (f'文件{i}' if zh else f'문서 {i}') + ' ' + words[0]
        url = f'http://127.0.0.1:9/doc/{i}.html'
        cap = s.capture(src, url, f'<html><h1>{title}</h1>{text}</html>',
                        '2026-01-01 09:00')
        s.document(run_id, cap, src, url, title, text,
                   published='2026-01-01', lang='zh' if zh else 'ko')
    s.close()
    return n


def config(d, db, trigram=None):
    path = os.path.join(d, f'kw-{trigram}.yaml')
    key = '' if trigram is None else \
        f', trigram_index: {"true" if trigram else "false"}'
    kwtest.write(path, f'store: {{path: {db}{key}}}\n'
                 'sources:\n  - {name: t, url: "http://127.0.0.1:9/"}\n')
    return path


def schema_names(db, like):
    return {n for (n,) in db_rows(
        db, 'SELECT name FROM sqlite_schema WHERE name LIKE ?', (like,))}


def trigram_state(db):
    """True (document_fts complete and exact) or False (no trace of it);
    anything in between fails."""
    check(db_rows(db, 'PRAGMA integrity_check')[0][0] == 'ok')
    names = schema_names(db, 'document_fts%')
    if not names:
        return False
    check(names == {'document_fts', 'document_fts_data', 'document_fts_idx',
                    'document_fts_docsize', 'document_fts_config',
                    'document_fts_ai', 'document_fts_ad'}, names)
    ndocs = db_rows(db, 'SELECT count(*) FROM document')[0][0]
    check(db_rows(db, 'SELECT count(*) FROM document_fts_docsize')[0][0] ==
          ndocs)
    con = sqlite3.connect(db)
    try:
        con.execute("INSERT INTO document_fts (document_fts) "
                    "VALUES ('integrity-check')")
    finally:
        con.close()
    return True


def search_ids(db, q):
    r = run('--db', db, 'search', q, '--format', 'json', '--limit', '1000')
    check(r.rc == 0, r)
    return sorted(json.loads(line)['id'] for line in r.out.splitlines())


def test_trigram_follows_the_config():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        n = build(db)
        # A store made without a configuration keeps what it has.
        check(trigram_state(db))
        before = search_ids(db, '수소')
        check(before, 'no document found')
        r = run('-c', config(d, db), 'init')
        check(r.rc == 0, r)
        lines = [x for x in r.err.splitlines() if 'document_fts' in x]
        check(len(lines) == 1 and 'dropped the trigram index' in lines[0]
              and 'store.trigram_index: false' in lines[0], r)
        check(not trigram_state(db))
        check(search_ids(db, '수소') == before)
        # Once it matches, nothing more is done or said.
        r = run('-c', config(d, db, False), 'init')
        check(r.rc == 0 and 'document_fts' not in r.err, r)
        # Read commands and --db alone never change it.
        for args in (('--db', db, 'init'), ('-c', config(d, db, True),
                                            'search', '협약')):
            r = run(*args)
            check(r.rc == 0, r)
            check(not trigram_state(db), args)
        r = run('-c', config(d, db, True), 'init')
        check(r.rc == 0 and f'over {n} documents' in r.err, r)
        check(trigram_state(db))
        hits = db_rows(db, "SELECT rowid FROM document_fts WHERE "
                           "document_fts MATCH '기술이전' ORDER BY rowid")
        check([h for (h,) in hits] == search_ids(db, '기술이전'), hits)
        r = run('--db', db, 'init')
        check(r.rc == 0 and trigram_state(db), r)


def test_bad_key_is_a_config_error():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        path = kwtest.write(os.path.join(d, 'k.yaml'),
                            f'store: {{path: {db}, trigram_index: yes}}\n')
        r = run('-c', path, 'init')
        check(r.rc == 78, r)
        check(f'{path}:1:{len(db) + 32}: store.trigram_index: expected '
              'true or false, got "yes"' in r.err, r)
        check(not os.path.exists(db), 'the store was touched')
        path = kwtest.write(os.path.join(d, 'k.yaml'),
                            f'store:\n  path: {db}\n  trigram: true\n')
        r = run('-c', path, 'init')
        check(r.rc == 78, r)
        check(f'{path}:3:3: store.trigram: unknown key' in r.err, r)
        check(not os.path.exists(db), 'the store was touched')


def _kill_during(args, db, marker):
    """Starts kicwatch, waits for marker on stderr, kills it a random
    moment later; returns its exit status."""
    e = dict(os.environ)
    e.pop('JOURNAL_STREAM', None)
    proc = subprocess.Popen([KICWATCH, *args], env=e, text=True,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        for line in proc.stderr:
            if marker in line:
                break
        time.sleep(random.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    return proc.returncode


def test_kill_9_during_a_transition():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        build(db, n=3000, repeat=8)
        on, off = config(d, db, True), config(d, db, False)
        check(run('-c', off, 'init').rc == 0)
        states = []
        for i in range(6):
            rc = _kill_during(['-c', on, 'init'], db, 'building')
            states.append((rc, trigram_state(db)))
            if states[-1][1]:
                check(run('-c', off, 'init').rc == 0)
            check(not trigram_state(db))
        print(f'# kills during a build (exit status, built): {states}')
        check(run('-c', on, 'init').rc == 0)
        check(trigram_state(db))
        search = search_ids(db, '연구소')
        hits = db_rows(db, "SELECT rowid FROM document_fts WHERE "
                           "document_fts MATCH '연구소' ORDER BY rowid")
        check([h for (h,) in hits] == search and search)


def sqlite3_cli(db, *sql, load=True):
    cmd = ['sqlite3', '-bail', db]
    if load:
        cmd[2:2] = ['-cmd', f'.load {EXT}']
    return subprocess.run(cmd + list(sql), capture_output=True, text=True,
                          timeout=60)


def test_sqlite3_loads_kwcjk():
    if SANITIZED:
        raise kwtest.Skip('sanitizer build (see KW_SANITIZE above)')
    check(shutil.which('sqlite3'), 'sqlite3 missing: scripts/install-deps.sh')
    check(EXT and os.path.exists(EXT), f'extension not built: {EXT!r}')
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        n = build(db)
        r = sqlite3_cli(db, "SELECT count(*) FROM document_cjk WHERE "
                            "document_cjk MATCH '수소'", load=False)
        check(r.returncode != 0 and 'no such tokenizer: kwcjk' in r.stderr,
              r)
        for q in ('수소', '연구소', '合作', '实验室'):
            r = sqlite3_cli(db, "SELECT d.id FROM document_cjk JOIN "
                                "v_document d ON d.id = document_cjk.rowid "
                                f"WHERE document_cjk MATCH '{q}' "
                                "ORDER BY d.id")
            check(r.returncode == 0, r)
            ids = [int(x) for x in r.stdout.split()]
            check(ids == search_ids(db, q), (q, ids))
            check(0 < len(ids) < n, (q, ids))
        # Writes through the shell fire the triggers with the same
        # tokenizer: the index stays exact and kicwatch sees them.
        doc = db_rows(db, "SELECT min(id) FROM document WHERE text NOT "
                          "LIKE '%氢能%'")[0][0]
        r = sqlite3_cli(db, "UPDATE document SET text = text || ' 氢能' "
                            f"WHERE id = {doc}",
                        "INSERT INTO document_cjk (document_cjk) "
                        "VALUES ('integrity-check')",
                        "SELECT kw_fts_now()")
        check(r.returncode == 0 and r.stdout.split() == ['1'], r)
        check(doc in search_ids(db, '氢能'), doc)


if __name__ == '__main__':
    kwtest.main(globals())
