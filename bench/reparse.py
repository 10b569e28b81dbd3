#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Reparse throughput: how fast `kicwatch reparse` re-extracts a store.

    bench/reparse.py [--kicwatch BUILD/kicwatch] [--copies N] [--jobs 1,2]

Builds a store from N copies of the extraction corpus
(tests/fixtures/articles, 64 pages of 2-6 KiB with full page chrome, in
UTF-8 and legacy encodings), runs `kicwatch reparse` once per --jobs value,
each time on a copy of that store with no run yet, and prints, per run: pages per second of wall clock, CPU milliseconds per
page (all threads) and the writer thread's share (the store: documents,
mentions, records, two full-text indexes, event groups). Wall-clock rates
only mean something on an otherwise idle machine; CPU per page does not
depend on the load. Stdlib only.
"""
import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'integration'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kicwatch', default=os.path.join(ROOT, 'build',
                                                       'kicwatch'))
    ap.add_argument('--copies', type=int, default=40)
    ap.add_argument('--jobs', default='1,2')
    a = ap.parse_args()
    os.environ['KICWATCH'] = os.path.abspath(a.kicwatch)
    os.environ['KW_SOURCE_ROOT'] = ROOT
    import test_reparse as t
    d = tempfile.mkdtemp(prefix='kw-bench-')
    try:
        db, cfg, ndocs = t.new_store(d, a.copies)
        size = os.path.getsize(db)
        print(f'store: {ndocs} HTML captures, {size / 1e6:.1f} MB '
              f'(compressed bodies)')
        pristine = db + '.pristine'
        shutil.copy(db, pristine)
        for jobs in a.jobs.split(','):
            # Every run starts from the same store, with no run yet.
            for f in (db + '-wal', db + '-shm'):
                if os.path.exists(f):
                    os.remove(f)
            shutil.copy(pristine, db)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.monotonic()
            p = subprocess.run([a.kicwatch, '-c', cfg, 'reparse',
                                '--no-progress', '--jobs', jobs],
                               capture_output=True, text=True)
            wall = time.monotonic() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if p.returncode != 0:
                sys.exit(p.stderr)
            cpu = (after.ru_utime - before.ru_utime +
                   after.ru_stime - before.ru_stime)
            m = re.search(r'writer thread ([0-9.]+) s CPU', p.stderr)
            writer = float(m.group(1)) if m else float('nan')
            print(f'jobs {jobs}: {ndocs / wall:7.0f} pages/s wall, '
                  f'{cpu * 1e3 / ndocs:5.2f} ms CPU/page, of which writer '
                  f'{writer * 1e3 / ndocs:5.2f} ms, extraction+decode '
                  f'{(cpu - writer) * 1e3 / ndocs:5.2f} ms; '
                  f'max RSS {after.ru_maxrss / 1024:.0f} MiB')
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == '__main__':
    main()
