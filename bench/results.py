#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""Reads what bench/run.sh measured and writes the table and RESULTS.md.

    bench/results.py RESULTS_DIR CORPUS_DIR OUT.md

RESULTS_DIR holds runs/N-{scrapy,kicwatch}.{time,docs,json,db}, the
reparse, extraction, report and profile outputs and env.txt. Prints the
comparison table to stdout; OUT.md gets the table, the machine and
versions, the targets of issue 7 with met/missed, the profile, and
bench/ANALYSIS.md (hand-written: where the time goes and what would close
each gap) when it exists.
"""
import json
import os
import re
import sqlite3
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path, default=''):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except OSError:
        return default


def gnu_time(path):
    """wall, cpu seconds and peak RSS (MiB) from /usr/bin/time -v."""
    t = read(path)
    m = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', t)
    if not m:
        return None
    wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    user = float(re.search(r'User time \(seconds\): ([\d.]+)', t).group(1))
    sys_ = float(re.search(r'System time \(seconds\): ([\d.]+)', t).group(1))
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1))
    m = re.search(r'File system outputs: (\d+)', t)
    v = re.search(r'Voluntary context switches: (\d+)', t)
    return {'wall': wall, 'cpu': user + sys_, 'user': user, 'sys': sys_,
            'rss': rss / 1024,
            'written': int(m.group(1)) * 512 / 1048576 if m else None,
            'vcsw': int(v.group(1)) if v else None}


def med(v):
    v = [x for x in v if x is not None]
    return statistics.median(v) if v else None


def store_counts(db, kind):
    if not os.path.exists(db):
        return {}
    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    q = {'documents': 'SELECT count(*) FROM document',
         'events': 'SELECT count(*) FROM event',
         'mous': 'SELECT count(*) FROM mou',
         'mentions': 'SELECT count(*) FROM mention'}
    out = {}
    for k, sql in q.items():
        try:
            out[k] = con.execute(sql).fetchone()[0]
        except sqlite3.Error:
            out[k] = None
    con.close()
    return out


CRAWL_FIGURES = ('pps', 'wall', 'cpu', 'rss', 'cpu_ms', 'sys_ms', 'docs',
                 'written', 'vcsw_page')


def crawls(res, runs):
    rows = []
    for i in range(1, runs + 1):
        r = {}
        for tool in ('scrapy', 'kicwatch'):
            t = gnu_time(f'{res}/runs/{i}-{tool}.time')
            docs = int(read(f'{res}/runs/{i}-{tool}.docs', '0').strip() or 0)
            if t:
                t['docs'] = docs
                t['pps'] = docs / t['wall'] if t['wall'] else 0
                t['cpu_ms'] = t['cpu'] * 1000 / docs if docs else None
                t['sys_ms'] = t['sys'] * 1000 / docs if docs else None
                t['vcsw_page'] = (t['vcsw'] / docs
                                  if docs and t['vcsw'] is not None else None)
            r[tool] = t
        if r['scrapy'] and r['kicwatch']:
            r['ratio_pps'] = r['kicwatch']['pps'] / r['scrapy']['pps']
            r['ratio_cpu'] = r['scrapy']['cpu'] / r['kicwatch']['cpu']
            r['ratio_rss'] = r['kicwatch']['rss'] / r['scrapy']['rss']
        rows.append(r)
    return rows


def kv_file(path):
    """extract_bench output: tab-separated key, [name,] value lines."""
    out = {'stages': [], 'corpus': [], 'corpus_stages': []}
    for line in read(path).splitlines():
        f = line.split('\t')
        if f[0] == 'stage_us':
            out['stages'].append((f[1], float(f[2])))
        elif f[0] == 'corpus_stage_us':
            out['corpus_stages'].append((f[1], float(f[2])))
        elif f[0] == 'corpus_pass':
            out['corpus'].append((f[1], f[2], f[3], f[4]))
        elif len(f) == 2 and f[0] not in out:
            out[f[0]] = f[1]
    return out


def reparse(res, j):
    out = read(f'{res}/reparse-{j}.out')
    t = gnu_time(f'{res}/reparse-{j}.time')
    m = re.search(r'(\d+) documents \((\d+) extracted.*?; ([\d.]+) s, '
                  r'(\d+) captures/s', out)
    if not m or not t:
        return None
    docs, secs = int(m.group(2)), float(m.group(3))
    return {'docs': docs, 'secs': secs, 'pps': docs / secs if secs else 0,
            'wall': t['wall'], 'cpu': t['cpu'], 'rss': t['rss'],
            'per_cpu_s': docs / t['cpu'] if t['cpu'] else 0}


def report(res):
    """bench/report_bench.sh's lines (wall ms, and CPU ms when given)."""
    t = read(f'{res}/report.txt')
    out = {'queries': [], 'digest': [], 'raw': t}
    for m in re.finditer(r'^search (\S+) \((\d+) chars\): ([\d.]+) ms median'
                         r'(?:, ([\d.]+) ms CPU)?', t, re.M):
        out['queries'].append((m.group(1), int(m.group(2)), float(m.group(3)),
                               float(m.group(4)) if m.group(4) else None))
    m = re.search(r'search overall: ([\d.]+) ms median(?: wall, ([\d.]+) ms '
                  r'median CPU)?', t)
    out['overall'] = float(m.group(1)) if m else None
    out['overall_cpu'] = float(m.group(2)) if m and m.group(2) else None
    m = re.search(r'^store: (\d+) documents, (\d+) mentions', t, re.M)
    out['store'] = (int(m.group(1)), int(m.group(2))) if m else None
    m = re.search(r'process start.*?: ([\d.]+) ms', t)
    out['start'] = float(m.group(1)) if m else None
    for m in re.finditer(r'^digest (\d+) \((\w+)\): (\d+) ms median'
                         r'(?:, (\d+) ms CPU)?, (\d+) KiB', t, re.M):
        out['digest'].append((m.group(1), m.group(2), int(m.group(3)),
                              int(m.group(5)),
                              int(m.group(4)) if m.group(4) else None))
    return out


def search_inproc(res):
    """bench/search_bench.c: (query, hits, cold wall, cold cpu, warm wall,
    warm cpu) per query."""
    out = []
    for m in re.finditer(r'^query\t(\S+)\t(\d+)\tcold ([\d.]+) ms wall '
                         r'([\d.]+) ms CPU\twarm ([\d.]+) ms wall ([\d.]+) ms CPU',
                         read(f'{res}/search-inproc.txt'), re.M):
        out.append((m.group(1), int(m.group(2))) +
                   tuple(float(m.group(i)) for i in range(3, 7)))
    return out


PROFILE_ROWS = [
    ('main', 'main thread, as far as perf unwound it to main (see the analysis)'),
    ('worker', 'worker thread: digest, decoding, compression, extraction'),
    ('extractor_new', 'start-up: vocabulary automaton, OpenCC tables'),
    ('cfg_load', 'start-up: configuration and gazetteer'),
    ('curl_multi_perform', 'HTTP transfers (libcurl)'),
    ('charset_decode', 'charset decoding to UTF-8'),
    ('sha256_hex', 'sha256 of each body'),
    ('extract_run', 'extraction (parsers/, whole)'),
    ('html_parse', '  libxml2 parse (in extraction)'),
    ('content_extract', '  title/date/body (in extraction)'),
    ('mention_org_find', '  organisations (in extraction)'),
    ('store_capture_insert', 'capture row (body compressed)'),
    ('compress2', '  zlib compress2 (in capture)'),
    ('zbody_deflate', 'capture body compression (libdeflate)'),
    ('store_document_insert', 'document, records, FTS5 + kwcjk index rows'),
    ('store_commit', 'commits (one per page: WAL writes)'),
    ('crawl_log_attempt', 'fetch_log rows'),
]


def profile(res):
    tool = read(f'{res}/profile.tool').strip()
    text = read(f'{res}/profile.txt')
    docs = int(read(f'{res}/profile.docs', '0').strip() or 0)
    if not tool or not text:
        return None
    rows, total_ns = [], None
    m = re.search(r'Event count \(approx\.\): (\d+)', text)
    if m:
        total_ns = int(m.group(1))
    for fn, label in PROFILE_ROWS:
        pct = None
        if tool == 'perf':
            m = re.search(r'^\s+([\d.]+)%\s+[\d.]+%\s+\[\.\]\s+' +
                          re.escape(fn) + r'\s*$', text, re.M)
        else:
            m = re.search(r'\(\s*([\d.]+)%\)\s+\S*:' + re.escape(fn) + r'\b',
                          text)
        if m:
            pct = float(m.group(1))
        rows.append((fn, label, pct))
    return {'tool': tool, 'rows': rows, 'docs': docs, 'total_ns': total_ns,
            'dso': profile_dso(res)}


def profile_dso(res):
    """perf's self time by thread (comm) and library: [(comm, dso, %)]."""
    out = []
    for m in re.finditer(r'^\s+([\d.]+)%\s+(\S+)\s+(\S+)\s*$',
                         read(f'{res}/profile-dso.txt'), re.M):
        out.append((m.group(2), m.group(3), float(m.group(1))))
    return out


def fmt(v, spec='.0f', none='n/a'):
    return none if v is None else format(v, spec)


def ok(cond):
    return 'met' if cond else 'missed'


def main():
    res, corpus, out_md = sys.argv[1:4]
    env = dict(line.split('=', 1) for line in
               read(f'{res}/env.txt').splitlines() if '=' in line)
    runs = int(env.get('runs', '1'))
    man = json.loads(read(os.path.join(corpus, 'manifest.json'), '{}') or '{}')
    st = man.get('stats', {})
    rows = crawls(res, runs)
    K = {k: med([r['kicwatch'][k] for r in rows if r['kicwatch']])
         for k in CRAWL_FIGURES}
    S = {k: med([r['scrapy'][k] for r in rows if r['scrapy']])
         for k in CRAWL_FIGURES}
    R = {k: med([r.get(k) for r in rows]) for k in
         ('ratio_pps', 'ratio_cpu', 'ratio_rss')}
    kc = store_counts(f'{res}/runs/{runs}-kicwatch.db', 'kicwatch')
    sc = store_counts(f'{res}/runs/{runs}-scrapy.db', 'scrapy')
    rp1, rp2 = reparse(res, 1), reparse(res, 2)
    ex = {src: kv_file(f'{res}/extract-{src}.txt')
          for src in ('bench-kic-news', 'bench-xwdt')}
    exc = kv_file(f'{res}/extract-corpus.txt')
    rep = report(res)
    sin = search_inproc(res)
    prof = profile(res)

    L = []
    w = L.append
    w('| crawl, same site, medians of %d runs | kicwatch | Scrapy | kicwatch/Scrapy |' % runs)
    w('|---|---:|---:|---:|')
    w(f'| article pages stored | {fmt(K["docs"])} | {fmt(S["docs"])} | |')
    w(f'| pages/s (wall, start-up included) | {fmt(K["pps"], ".1f")} | '
      f'{fmt(S["pps"], ".1f")} | **{fmt(R["ratio_pps"], ".2f")}×** |')
    w(f'| wall seconds | {fmt(K["wall"], ".2f")} | {fmt(S["wall"], ".2f")} | |')
    w(f'| CPU seconds (user+sys) | {fmt(K["cpu"], ".2f")} | '
      f'{fmt(S["cpu"], ".2f")} | Scrapy uses {fmt(R["ratio_cpu"], ".2f")}× the CPU |')
    w(f'| CPU ms per page | {fmt(K["cpu_ms"], ".2f")} | {fmt(S["cpu_ms"], ".2f")} | |')
    w(f'| of which in the kernel (sys) | {fmt(K["sys_ms"], ".2f")} | '
      f'{fmt(S["sys_ms"], ".2f")} | |')
    # Waits: a thread that sleeps on a lock or on I/O. A malloc arena
    # shared by two busy threads showed here as ~28 a page.
    w(f'| voluntary context switches per page | {fmt(K["vcsw_page"], ".1f")} | '
      f'{fmt(S["vcsw_page"], ".1f")} | |')
    w(f'| peak RSS MiB | {fmt(K["rss"], ".1f")} | {fmt(S["rss"], ".1f")} | '
      f'**{fmt(R["ratio_rss"], ".2f")}** |')
    w(f'| MiB written to disk (store, WAL, checkpoints) | '
      f'{fmt(K["written"], ".0f")} | {fmt(S["written"], ".0f")} | |')
    crawl_table = '\n'.join(L)

    L = []
    w = L.append
    w('| kicwatch alone | figure |')
    w('|---|---:|')
    for j, rp in ((1, rp1), (2, rp2)):
        if rp:
            w(f'| reparse --jobs {j}: pages/s ({rp["docs"]} pages, {rp["secs"]:.1f} s) '
              f'| {rp["pps"]:.0f} |')
            w(f'| reparse --jobs {j}: pages per CPU-second (user+sys {rp["cpu"]:.1f} s) '
              f'| {rp["per_cpu_s"]:.0f} |')
            w(f'| reparse --jobs {j}: peak RSS MiB | {rp["rss"]:.1f} |')
    for src, label in (('bench-kic-news', 'Korean'), ('bench-xwdt', 'Chinese')):
        e = ex[src]
        if 'extract_run_us' in e:
            size = e.get('page', '').split(' ')[0]
            w(f'| extract one {label} page ({size} B): parse only (libxml2) µs '
              f'| {float(e["parse_only_us"]):.0f} |')
            w(f'| extract one {label} page: whole extract_run µs '
              f'| {float(e["extract_run_us"]):.0f} ({e["extract_pages_s"]} pages/s, '
              f'{e["extract_mb_s"]} MB/s) |')
    for mode, pps, mbs, us in exc['corpus']:
        w(f'| corpus, one core, {mode} | {pps}, {mbs} ({us}) |')
    if rep['overall'] is not None:
        two = [q for q in rep['queries'] if q[1] == 2]
        cpu = (f', {rep["overall_cpu"]:.0f} ms CPU'
               if rep['overall_cpu'] is not None else '')
        w(f'| search, {rep["store"][0] if rep["store"] else "?"} documents: '
          f'median over {len(rep["queries"])} queries, ms | '
          f'{rep["overall"]:.1f}{cpu} |')
        if two:
            w(f'| search, 2-character queries only: median ms | '
              f'{statistics.median(q[2] for q in two):.1f} |')
    if sin:
        w(f'| search inside one process (no start-up), warm: median over '
          f'{len(sin)} queries | {statistics.median(q[4] for q in sin):.1f} ms, '
          f'{statistics.median(q[5] for q in sin):.1f} ms CPU |')
    if rep['overall'] is not None:
        for y, f_, ms, kib, dcpu in rep['digest']:
            c = f', {dcpu} ms CPU' if dcpu is not None else ''
            w(f'| digest of {y} ({f_}), ms | {ms}{c} ({kib} KiB) |')
    alone_table = '\n'.join(L)

    # Targets of issue 7.
    T = []
    w = T.append
    w('| target (issue 7) | measured | |')
    w('|---|---:|---|')
    w(f'| kicwatch ≥ 5× Scrapy pages/s | {fmt(R["ratio_pps"], ".2f")}× | '
      f'{ok(R["ratio_pps"] is not None and R["ratio_pps"] >= 5)} |')
    w(f'| peak RSS ≤ 1/5 of Scrapy\'s | {fmt(R["ratio_rss"], ".2f")} | '
      f'{ok(R["ratio_rss"] is not None and R["ratio_rss"] <= 0.2)} |')
    w(f'| peak RSS < 30 MiB | {fmt(K["rss"], ".1f")} MiB | '
      f'{ok(K["rss"] is not None and K["rss"] < 30)} |')
    if rp1:
        w(f'| reparse ≥ 450 pages/s per core | {rp1["per_cpu_s"]:.0f} per CPU-s, '
          f'{rp1["pps"]:.0f}/s with 1 worker | {ok(rp1["per_cpu_s"] >= 450)} |')
    if rp1 and rp2:
        w(f'| reparse near 2× on both cores (~900/s) | {rp2["pps"]:.0f}/s '
          f'({rp2["pps"] / rp1["pps"]:.2f}× one worker) | {ok(rp2["pps"] >= 850)} |')
    cp = {mode: float(us.split()[0]) for mode, _, _, us in exc['corpus']}
    stg = dict(exc['corpus_stages'])
    if 'html_parse' in stg and 'decode + extract_run' in cp:
        parse = stg['html_parse']
        top = sum(v for k, v in stg.items() if k != 'html_parse')
        full = cp['decode + extract_run']
        w(f'| extraction adds less than the parse, ≤ 2 ms a page in all '
          f'(corpus, one core, by stage) | {top:.0f} µs after a {parse:.0f} µs '
          f'parse; {full:.0f} µs a page with decoding | '
          f'{ok(top <= parse and full <= 2000)} |')
    if rep['overall'] is not None:
        mx = max(q[2] for q in rep['queries'])
        cpu = (f', {rep["overall_cpu"]:.0f} ms CPU'
               if rep['overall_cpu'] is not None else '')
        w(f'| search < 5 ms median, 2-char queries included (whole '
          f'command) | {rep["overall"]:.1f} ms{cpu} (slowest query '
          f'{mx:.1f} ms) | {ok(rep["overall"] < 5)} |')
    if sin:
        mw = statistics.median(q[4] for q in sin)
        mc = statistics.median(q[5] for q in sin)
        w(f'| search < 5 ms median (the query inside one process, warm) | '
          f'{mw:.1f} ms, {mc:.1f} ms CPU (slowest {max(q[4] for q in sin):.1f}'
          f' ms) | {ok(mw < 5)} |')
    if rep['overall'] is not None:
        if rep['digest']:
            worst = max(rep['digest'], key=lambda d: d[2])
            c = f', {worst[4]} ms CPU' if worst[4] is not None else ''
            w(f'| a year\'s digest < 1 s | {worst[2]} ms ({worst[1]}){c} | '
              f'{ok(worst[2] < 1000)} |')
    target_table = '\n'.join(T)

    print(crawl_table)
    print()
    print(alone_table)
    print()
    print(target_table)

    D = []
    w = D.append
    w('# kicwatch benchmark results')
    w('')
    w('Written by `bench/run.sh` (bench/results.py); the analysis at the end is '
      'bench/ANALYSIS.md. Reproduce with `bench/run.sh` on a fresh Debian 12 '
      '(it installs nginx-light and python3-scrapy); `bench/run.sh --smoke` '
      'is a 100-page check.')
    w('')
    w('## Machine and versions')
    w('')
    w(f'- date {env.get("date")}; {env.get("os")}, kernel {env.get("kernel")}')
    w(f'- {env.get("nproc")} CPUs ({env.get("cpu")}), {env.get("ram_mib")} MiB RAM; '
      'shared with other work: load average at start '
      f'`{read(f"{res}/load-start.txt").strip().split("load average: ")[-1]}`, '
      f'at end `{read(f"{res}/load-end.txt").strip().split("load average: ")[-1]}`')
    wip = int(env.get('wip_files', '0') or 0)
    w(f'- kicwatch {env.get("kicwatch")} ({env.get("kicwatch_version")}), '
      f'release build (`-Dbuildtype=release`, {env.get("cc")})' +
      (f'; the working tree had {wip} uncommitted files (others\' work in '
       'progress)' if wip else ''))
    w(f'- libcurl {env.get("libcurl")}, libxml2 {env.get("libxml2")}, SQLite '
      f'{env.get("sqlite")}, zlib {env.get("zlib")}, '
      f'libdeflate {env.get("libdeflate", "n/a")}, nginx {env.get("nginx")}')
    w(f'- Scrapy {env.get("scrapy")} (Debian python3-scrapy), Python '
      f'{env.get("python")}, lxml {env.get("lxml")}, Twisted {env.get("twisted")}')
    w('')
    w('## The job')
    w('')
    kinds = st.get('kinds', {})
    w(f'bench/gen_corpus.py (seed {env.get("seed")}) wrote {st.get("articles")} '
      f'article pages ({st.get("article_bytes", 0) / 1048576:.0f} MiB, '
      f'{st.get("min_bytes", 0) >> 10}–{st.get("max_bytes", 0) >> 10} KiB each; '
      f'{kinds.get("event")} event reports, {kinds.get("mou")} MOU reports, '
      f'{kinds.get("visit")} visits) and {st.get("list_pages")} list pages on two '
      'boards: a Korean PHPCMS board (`index.php?m=content&c=index&a=lists'
      '&catid=67&page=N`) and a Chinese TRS column (`/news/xwdt/index_N.shtml`). '
      f'Charsets declared in `<meta>` only: {st.get("encodings")}. nginx '
      '(bench/nginx.conf, one worker) serves them on 127.0.0.1 from a warm page '
      'cache.')
    w('')
    w('Both crawlers start from the two list pages, obey robots.txt, follow '
      'next-page links through the whole archive, fetch every article with '
      f'{env.get("conns")} concurrent requests per host and no delay, take '
      'title, date and body by the same XPath, and store what they extract in '
      'SQLite. Each run starts from an empty store; the order alternates per '
      'run; the figures are of the whole process (start-up included) from '
      '`/usr/bin/time -v`.')
    w('')
    w('- **kicwatch** `crawl --all` (bench/kicwatch-bench.yaml): charset '
      'detection and decoding, full extraction (NFKC, gazetteer with '
      'Traditional/Simplified forms from OpenCC\'s character tables, organisations by shape and list, dates, places, sectors, '
      'events with roles, MOUs, evidence), and its store: the raw capture '
      '(zlib format by libdeflate, sha256), fetch_log, url_state, document, mentions, events, MOUs, '
      'event groups, the kwcjk bigram full-text index (in bulk at each '
      'commit; the optional trigram index is off, its default), in transactions of up to 200 pages or 1 s, extraction on a '
      'worker thread.')
    w('- **Scrapy** (bench/scrapy_spider.py): the same selectors, then regular '
      'expressions built from the same entities.yaml and patterns.yaml '
      '(aliases with OpenCC Traditional forms, suffix shapes, triggers, '
      'signing verbs, role cues, places, sectors, dates); items to SQLite in '
      'batches of 200 documents (no raw page, no full-text index). '
      '`CONCURRENT_REQUESTS_PER_DOMAIN` as above, no AutoThrottle, '
      'DOWNLOAD_DELAY 0, ROBOTSTXT_OBEY, no cache, cookies or retries, '
      'LOG_LEVEL WARNING.')
    w('')
    w(f'What they found (last run): kicwatch {kc.get("mentions")} mentions, '
      f'{kc.get("events")} events, {kc.get("mous")} MOUs; Scrapy '
      f'{sc.get("mentions")} mentions, {sc.get("events")} events (one per '
      f'trigger sentence: no merging, no anaphora), {sc.get("mous")} MOUs.')
    w('')
    w('## Crawl: kicwatch against Scrapy')
    w('')
    w(crawl_table)
    w('')
    w('Per run (pages/s, CPU s, peak RSS MiB):')
    w('')
    w('| run | kicwatch | Scrapy | pages/s ratio | RSS ratio |')
    w('|---|---|---|---:|---:|')
    for i, r in enumerate(rows, 1):
        k, s = r['kicwatch'], r['scrapy']
        if k and s:
            w(f'| {i} | {k["pps"]:.1f}, {k["cpu"]:.2f}, {k["rss"]:.1f} | '
              f'{s["pps"]:.1f}, {s["cpu"]:.2f}, {s["rss"]:.1f} | '
              f'{r["ratio_pps"]:.2f} | {r["ratio_rss"]:.2f} |')
    w('')
    w('## kicwatch alone')
    w('')
    w(alone_table)
    w('')
    for src, label in (('bench-kic-news', 'Korean'), ('bench-xwdt', 'Chinese')):
        e = ex[src]
        if not e['stages']:
            continue
        w(f'Extraction of one {label} page by stage ({e.get("page")}; CPU '
          'time, bench/extract_bench.c):')
        w('')
        w('| stage | µs |')
        w('|---|---:|')
        w(f'| charset decode (before extract_run) | {float(e["decode_us"]):.0f} |')
        w(f'| libxml2 htmlReadMemory alone (parse only) | {float(e["parse_only_us"]):.0f} |')
        for name, us in e['stages']:
            w(f'| {name} | {us:.0f} |')
        w(f'| sum of stages | {float(e["stages_sum_us"]):.0f} |')
        w(f'| extract_run | {float(e["extract_run_us"]):.0f} |')
        w('')
    if exc['corpus_stages']:
        w('The whole corpus by stage, µs per page: ' + ', '.join(
            f'{n} {us:.0f}' for n, us in exc['corpus_stages']) + '.')
        w('')
    if rep['queries']:
        w('Search latency (whole command, process start included; '
          f'`kicwatch --version` alone takes {fmt(rep["start"], ".1f")} ms):')
        w('')
        w('| query | chars | ms (median of 7) | CPU ms |')
        w('|---|---:|---:|---:|')
        for q, n, ms, c in rep['queries']:
            w(f'| {q} | {n} | {ms:.1f} | {fmt(c)} |')
        w('')
    if sin:
        w('The same queries inside one process (bench/search_bench.c: '
          'search_query_build + store_search_each, 20 hits with snippets; '
          'first run cold, then the median of 20):')
        w('')
        w('| query | cold ms (CPU) | warm ms (CPU) |')
        w('|---|---:|---:|')
        for q, n, cw, cc, ww, wc in sin:
            w(f'| {q} | {cw:.1f} ({cc:.1f}) | {ww:.1f} ({wc:.1f}) |')
        w('')
    w('## Targets')
    w('')
    w(target_table)
    w('')
    if prof:
        w(f'## Where a crawl\'s CPU goes ({prof["tool"]})')
        w('')
        total = prof['total_ns']
        w(f'A profiled `kicwatch crawl` of {prof["docs"]} pages (the first '
          'list pages of each board, so start-up weighs a little more than in '
          'the full runs); inclusive share of CPU' +
          (f', {total / 1e9:.2f} s in all' if total else '') + ':')
        w('')
        w('| function | what | share | ms per page |')
        w('|---|---|---:|---:|')
        for fn, label, pct in prof['rows']:
            if pct is None:
                continue
            per = (f'{pct / 100 * total / 1e6 / prof["docs"]:.2f}'
                   if pct is not None and total and prof['docs'] else '')
            w(f'| `{fn}` | {label} | {fmt(pct, ".1f")}% | {per} |')
        w('')
        if prof['dso']:
            w('Self time by thread and library (no stack unwinding needed; '
              '`kw-crawl-work` is the extraction worker, the other name the '
              'main thread, which fetches and writes the store):')
            w('')
            w('| thread | library | share | ms per page |')
            w('|---|---|---:|---:|')
            for comm, dso, pct in prof['dso']:
                per = (f'{pct / 100 * total / 1e6 / prof["docs"]:.2f}'
                       if total and prof['docs'] else '')
                w(f'| {comm} | {dso} | {pct:.1f}% | {per} |')
            w('')
    analysis = read(os.path.join(HERE, 'ANALYSIS.md'))
    if analysis:
        w(analysis.rstrip())
        w('')
    with open(out_md, 'w', encoding='utf-8') as f:
        f.write('\n'.join(D))
    print(f'\nwritten: {out_md}')


if __name__ == '__main__':
    main()
