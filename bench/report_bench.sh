#!/bin/sh
# SPDX-License-Identifier: ISC
# The read side's speed on a generated store (bench/gen_store.py: 100,000
# documents, about a million mentions): search latency for two- and
# three-character Korean and Chinese queries (median of 7 runs each, whole
# command, process start included), a year's digest (median of 3), and for
# comparison the same 2-character words through the trigram index of
# schema 0001 (LIKE, which falls back to a scan) and 3-character words
# through trigram MATCH. Prints one line per measurement.
#
# usage: bench/report_bench.sh [BUILD_DIR] [STORE]   (defaults: build,
#        bench/out/report-bench.db, generated when missing)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
db=${2:-bench/out/report-bench.db}
kw=$build/kicwatch
[ -x "$kw" ] || { echo "no $kw; build first" >&2; exit 1; }
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
	KICWATCH=$kw python3 bench/gen_store.py "$db" --docs "${DOCS:-100000}"
fi

python3 - "$kw" "$db" <<'PY'
import sqlite3, statistics, subprocess, sys, time

kw, db = sys.argv[1], sys.argv[2]


def median_ms(argv, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.run(argv, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
        if p.returncode != 0:
            sys.exit(f'{argv}: {p.stderr.decode()}')
    return statistics.median(times), p.stdout


con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
ndocs = con.execute('SELECT count(*) FROM document').fetchone()[0]
nment = con.execute('SELECT count(*) FROM mention').fetchone()[0]
print(f'store: {ndocs} documents, {nment} mentions')
for t in ('document_fts', 'document_cjk'):
    size = con.execute(f'SELECT sum(length(block)) FROM {t}_data').fetchone()[0]
    print(f'index {t}: {size / 1048576:.1f} MiB')

start, _ = median_ms([kw, '--version'], 7)
print(f'process start (kicwatch --version): {start:.1f} ms median')

queries = ['수소', '협약', '포럼', '合作', '中心', '论坛', '데모데이', '기술이전',
           '人工智能', '技术转移']
all_ms = []
for q in queries:
    ms, out = median_ms([kw, '--db', db, 'search', q, '--limit', '20',
                         '--format', 'json'], 7)
    all_ms.append(ms)
    print(f'search {q} ({len(q)} chars): {ms:.1f} ms median, '
          f'{len(out.splitlines())} hits shown')
print(f'search overall: {statistics.median(all_ms):.1f} ms median over '
      f'{len(queries)} queries')

# The alternative: trigram only. Two characters cannot use the index.
for q in ('수소', '合作'):
    t = time.perf_counter()
    n = con.execute('SELECT count(*) FROM document_fts WHERE text LIKE ?',
                    (f'%{q}%',)).fetchone()[0]
    print(f'trigram LIKE %{q}% (scan): {(time.perf_counter() - t) * 1000:.0f}'
          f' ms, {n} rows')
for q in ('데모데', '技术转'):
    t = time.perf_counter()
    n = con.execute('SELECT count(*) FROM document_fts WHERE document_fts '
                    'MATCH ?', (f'"{q}"',)).fetchone()[0]
    print(f'trigram MATCH {q}: {(time.perf_counter() - t) * 1000:.0f} ms, '
          f'{n} rows (count only, no ranking)')

year = con.execute("SELECT substr(max(published), 1, 4) - 1 FROM document"
                   ).fetchone()[0]
for fmt in ('md', 'html', 'json'):
    ms, out = median_ms([kw, '--db', db, 'digest', '--since', f'{year}-01-01',
                         '--until', f'{year}-12-31', '--format', fmt], 3)
    print(f'digest {year} ({fmt}): {ms:.0f} ms median, {len(out) >> 10} KiB')
ms, _ = median_ms([kw, '--db', db, 'query', 'mous', '--org', 'KIC China',
                   '--tag', 'state_tech_transfer', '--since',
                   f'{year}-01-01', '--until', f'{year}-12-31', '--format',
                   'json'], 3)
print(f'query mous --org "KIC China" --tag state_tech_transfer (a year): '
      f'{ms:.0f} ms median')
ms, _ = median_ms([kw, '--db', db, 'query', 'orgs', '--format', 'json'], 3)
print(f'query orgs (all, with sightings): {ms:.0f} ms median')
PY
