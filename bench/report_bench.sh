#!/bin/sh
# SPDX-License-Identifier: ISC
# The read side's speed on a generated store (bench/gen_store.py: 100,000
# documents, about a million mentions): search latency for two- and
# three-character Korean and Chinese queries (median of 7 runs each, whole
# command, process start included), a year's digest (median of 3), and for
# comparison, when the store has the optional trigram index of schema 0001
# (store.trigram_index), the same 2-character words through it (LIKE,
# which falls back to a scan) and 3-character words through trigram
# MATCH. Prints one line per measurement.
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
import resource, sqlite3, statistics, subprocess, sys, time

kw, db = sys.argv[1], sys.argv[2]


CPU = []


def cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def median_ms(argv, n):
    """Median wall time in ms; the median CPU time (user + system) of the
    same runs goes to CPU[-1], since wall time on a shared machine also
    counts other processes."""
    times, cpus = [], []
    for _ in range(n):
        t, c = time.perf_counter(), cpu_s()
        p = subprocess.run(argv, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
        cpus.append((cpu_s() - c) * 1000)
        if p.returncode != 0:
            sys.exit(f'{argv}: {p.stderr.decode()}')
    CPU.append(statistics.median(cpus))
    return statistics.median(times), p.stdout


con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
ndocs = con.execute('SELECT count(*) FROM document').fetchone()[0]
nment = con.execute('SELECT count(*) FROM mention').fetchone()[0]
print(f'store: {ndocs} documents, {nment} mentions')
# document_fts is optional (store.trigram_index, off by default).
trigram = con.execute("SELECT count(*) FROM sqlite_schema WHERE "
                      "name = 'document_fts'").fetchone()[0] > 0
for t in ('document_fts', 'document_cjk'):
    if t == 'document_fts' and not trigram:
        print(f'index {t}: absent (store.trigram_index: false)')
        continue
    size = con.execute(f'SELECT sum(length(block)) FROM {t}_data').fetchone()[0]
    print(f'index {t}: {size / 1048576:.1f} MiB')

start, _ = median_ms([kw, '--version'], 7)
print(f'process start (kicwatch --version): {start:.1f} ms median, '
      f'{CPU[-1]:.0f} ms CPU')

queries = ['수소', '협약', '포럼', '合作', '中心', '论坛', '데모데이', '기술이전',
           '人工智能', '技术转移']
all_ms, all_cpu = [], []
for q in queries:
    ms, out = median_ms([kw, '--db', db, 'search', q, '--limit', '20',
                         '--format', 'json'], 7)
    all_ms.append(ms)
    all_cpu.append(CPU[-1])
    print(f'search {q} ({len(q)} chars): {ms:.1f} ms median, '
          f'{CPU[-1]:.0f} ms CPU, {len(out.splitlines())} hits shown')
print(f'search overall: {statistics.median(all_ms):.1f} ms median wall, '
      f'{statistics.median(all_cpu):.0f} ms median CPU over {len(queries)} '
      f'queries')

# The alternative: trigram only. A two-character word cannot use it (FTS5
# trigram MATCH and LIKE find nothing below three characters), so the
# fallback is a scan of the text. Only on a store that has the index.
for q in ('수소', '合作') if trigram else ():
    n = con.execute('SELECT count(*) FROM document_fts WHERE document_fts '
                    'MATCH ?', (f'"{q}"',)).fetchone()[0]
    t = time.perf_counter()
    m = con.execute('SELECT count(*) FROM document WHERE text LIKE ?',
                    (f'%{q}%',)).fetchone()[0]
    print(f'trigram MATCH "{q}": {n} rows; scan LIKE %{q}%: '
          f'{(time.perf_counter() - t) * 1000:.0f} ms, {m} rows')
for q in ('데모데', '技术转') if trigram else ():
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
    print(f'digest {year} ({fmt}): {ms:.0f} ms median, {CPU[-1]:.0f} ms '
          f'CPU, {len(out) >> 10} KiB')
ms, _ = median_ms([kw, '--db', db, 'query', 'mous', '--org', 'KIC China',
                   '--tag', 'state_tech_transfer', '--since',
                   f'{year}-01-01', '--until', f'{year}-12-31', '--format',
                   'json'], 3)
print(f'query mous --org "KIC China" --tag state_tech_transfer (a year): '
      f'{ms:.0f} ms median, {CPU[-1]:.0f} ms CPU')
ms, _ = median_ms([kw, '--db', db, 'query', 'orgs', '--format', 'json'], 3)
print(f'query orgs (all, with sightings): {ms:.0f} ms median, '
      f'{CPU[-1]:.0f} ms CPU')
PY
