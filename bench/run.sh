#!/bin/sh
# SPDX-License-Identifier: ISC
# The benchmark: kicwatch against a Scrapy spider doing the same job on the
# same generated site, served by nginx on 127.0.0.1; then kicwatch alone
# (reparse, extraction per page and per stage, search and digest on a
# 100,000-document store). Prints a table and writes bench/RESULTS.md.
#
# usage: bench/run.sh [--smoke] [--runs N] [--pages N] [--conns N]
#                     [--seed N] [--no-install] [--no-report] [--no-profile]
#
#   --smoke       100 pages, 1 run, a 2,000-document report store; writes
#                 bench/out/RESULTS-smoke.md instead of bench/RESULTS.md
#   --runs N      crawl runs per tool (default 3); medians are reported
#   --pages N     article pages in the corpus (default 3000)
#   --conns N     concurrent requests per host for both (default 16)
#   --no-install  do not run scripts/install-deps.sh --bench
#   --no-report   skip search/digest (bench/report_bench.sh)
#   --no-profile  skip the perf (or callgrind) profile of a crawl
#
# Everything it makes goes to bench/out/ (git-ignored). It starts one
# nginx (its own prefix, pid file and logs under bench/out/nginx) and
# stops that one only, by the pid in its pid file, also on error or ^C.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# KW_BENCH_OUT and KW_BENCH_BUILD let several people measure side by
# side without sharing nginx, stores or results (RESULTS.md then goes to
# $KW_BENCH_OUT too); KW_BENCH_CORPUS reuses a corpus already generated.
OUT=${KW_BENCH_OUT:-$ROOT/bench/out}
BUILD=${KW_BENCH_BUILD:-$ROOT/build-bench}
PY=/usr/bin/python3		# Debian's, with python3-scrapy (not pyenv's)

smoke=0 runs=3 pages=3000 conns=16 seed=1 install=1 report=1 profile=1
while [ $# -gt 0 ]; do
	case "$1" in
	--smoke) smoke=1 runs=1 pages=100 ;;
	--runs) runs=$2; shift ;;
	--pages) pages=$2; shift ;;
	--conns) conns=$2; shift ;;
	--seed) seed=$2; shift ;;
	--no-install) install=0 ;;
	--no-report) report=0 ;;
	--no-profile) profile=0 ;;
	-h|--help) sed -n '3,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/run.sh: unknown option $1" >&2; exit 64 ;;
	esac
	shift
done

if [ "$smoke" = 1 ]; then
	res=$OUT/smoke
	results_md=$OUT/RESULTS-smoke.md
	report_db=$OUT/report-smoke.db
	report_docs=2000
	rounds=20
else
	res=$OUT/results
	results_md=$ROOT/bench/RESULTS.md
	[ -z "${KW_BENCH_OUT:-}" ] || results_md=$OUT/RESULTS.md
	report_db=$OUT/report-bench.db
	report_docs=100000
	rounds=200
fi
corpus=${KW_BENCH_CORPUS:-$OUT/corpus-$pages-$seed}
ngx=$OUT/nginx

log() {
	printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
}

# ------------------------------------------------------------ nginx

ngx_pid=
ngx_stop() {
	[ -n "$ngx_pid" ] || return 0
	# Only the master we started: its pid, and its command line names
	# our prefix.
	if tr '\0' ' ' <"/proc/$ngx_pid/cmdline" 2>/dev/null |
	    grep -q "nginx.*$ngx"; then
		kill "$ngx_pid" 2>/dev/null || true
		i=0
		while kill -0 "$ngx_pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	ngx_pid=
}

free_port() {
	$PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ngx_start() {
	nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
	[ -x "$nginx_bin" ] || { echo "bench: nginx not installed" >&2; exit 69; }
	rm -rf "$ngx"
	mkdir -p "$ngx/logs" "$ngx/tmp"
	user_line=
	[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
	for attempt in 1 2 3 4 5; do
		port=$(free_port)
		sed -e "s|@PREFIX@|$ngx|g" -e "s|@ROOT@|$corpus/site|g" \
		    -e "s|@PORT@|$port|g" -e "s|@USER@|$user_line|" \
		    bench/nginx.conf >"$ngx/nginx.conf"
		if "$nginx_bin" -p "$ngx" -c "$ngx/nginx.conf" \
		    -e "$ngx/logs/error.log" 2>>"$ngx/logs/start.log"; then
			i=0
			while [ ! -s "$ngx/nginx.pid" ] && [ $i -lt 50 ]; do
				sleep 0.1
				i=$((i + 1))
			done
			ngx_pid=$(cat "$ngx/nginx.pid")
			base=http://127.0.0.1:$port
			log "nginx $ngx_pid on $base"
			return 0
		fi
	done
	cat "$ngx/logs/start.log" >&2
	exit 69
}

trap 'ngx_stop' EXIT
trap 'ngx_stop; exit 130' INT TERM

# ------------------------------------------------------ preparation

if [ "$install" = 1 ]; then
	log "installing packages (scripts/install-deps.sh --bench)"
	sh scripts/install-deps.sh --bench
fi
for t in /usr/bin/time "$PY" sqlite3; do
	command -v "$t" >/dev/null || { echo "bench: $t missing" >&2; exit 69; }
done
"$PY" -c 'import scrapy, yaml' 2>/dev/null ||
    { echo "bench: $PY has no scrapy/yaml (python3-scrapy)" >&2; exit 69; }

log "building kicwatch (release) in build-bench"
[ -f "$BUILD/build.ninja" ] ||
    meson setup "$BUILD" -Dbuildtype=release >/dev/null
ninja -C "$BUILD" -j2 kicwatch kicwatch-collect >/dev/null
KW=$BUILD/kicwatch
mkdir -p "$OUT/bin"
for h in extract_bench search_bench; do
	# shellcheck disable=SC2046
	cc -O2 -std=gnu11 -D_GNU_SOURCE -Icommon -Iconfig -Iparsers -Ischema \
	    -Ireport -I"$BUILD" -I"$BUILD/schema" \
	    $(pkg-config --cflags libxml-2.0) -o "$OUT/bin/$h" "bench/$h.c" \
	    "$BUILD/libkwcore.a" "$BUILD/libkwxpath.a" \
	    $(pkg-config --libs libxml-2.0 libutf8proc libpcre2-8 yaml-0.1 \
	    sqlite3 zlib libdeflate uchardet libcurl) \
	    $(pkg-config --libs libsystemd 2>/dev/null || true) -lm -lpthread
done

if [ ! -f "$corpus/manifest.json" ] ||
    [ bench/gen_corpus.py -nt "$corpus/manifest.json" ] ||
    [ config/entities.yaml -nt "$corpus/manifest.json" ]; then
	log "generating the corpus: $pages pages, seed $seed"
	"$PY" bench/gen_corpus.py "$corpus" --pages "$pages" --seed "$seed"
fi
rm -rf "$res"
mkdir -p "$res/runs"
# The same warm page cache for every run.
find "$corpus/site" -type f -exec cat {} + >/dev/null

ngx_start
kwconf() {	# kwconf FILE MAX_PAGES
	sed -e "s|@BASE@|$base|g" -e "s|@CONFDIR@|$ROOT/config|g" \
	    -e "s|@CONNS@|$conns|g" -e "s|max_pages: 1000|max_pages: $2|" \
	    bench/kicwatch-bench.yaml >"$1"
}
kwconf "$res/kicwatch.yaml" 1000
"$KW" -c "$res/kicwatch.yaml" check-config >/dev/null

# ---------------------------------------------------------- crawls

run_scrapy() {	# run_scrapy N
	db=$res/runs/$1-scrapy.db
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -v -o "$res/runs/$1-scrapy.time" \
	    "$PY" bench/scrapy_spider.py --base "$base" --db "$db" \
	    --conns "$conns" >"$res/runs/$1-scrapy.json" \
	    2>"$res/runs/$1-scrapy.log" ||
	    { tail -20 "$res/runs/$1-scrapy.log" >&2; exit 70; }
	sqlite3 "$db" 'SELECT count(*) FROM document' >"$res/runs/$1-scrapy.docs"
}

run_kicwatch() {	# run_kicwatch N
	db=$res/runs/$1-kicwatch.db
	rm -f "$db" "$db-wal" "$db-shm"
	"$KW" -c "$res/kicwatch.yaml" --db "$db" init >/dev/null
	/usr/bin/time -v -o "$res/runs/$1-kicwatch.time" \
	    "$KW" -c "$res/kicwatch.yaml" --db "$db" crawl --all \
	    >"$res/runs/$1-kicwatch.log" 2>&1 ||
	    { tail -20 "$res/runs/$1-kicwatch.log" >&2; exit 70; }
	sqlite3 "$db" 'SELECT count(*) FROM document' \
	    >"$res/runs/$1-kicwatch.docs"
}

uptime >"$res/load-start.txt"
i=1
while [ "$i" -le "$runs" ]; do
	# Alternate who goes first, so neither always meets a warmer or
	# quieter machine.
	if [ $((i % 2)) -eq 1 ]; then
		log "run $i/$runs: scrapy"; run_scrapy "$i"
		log "run $i/$runs: kicwatch"; run_kicwatch "$i"
	else
		log "run $i/$runs: kicwatch"; run_kicwatch "$i"
		log "run $i/$runs: scrapy"; run_scrapy "$i"
	fi
	i=$((i + 1))
done
last=$res/runs/$runs-kicwatch.db

# --------------------------------------------------- kicwatch alone

# Each on a fresh copy of the last crawl's store (one run, one capture
# per page), so both start from the same state.
for j in 1 2; do
	log "reparse --jobs $j"
	rdb=$res/reparse-$j.db
	cp "$last" "$rdb"
	[ ! -f "$last-wal" ] || cp "$last-wal" "$rdb-wal"
	/usr/bin/time -v -o "$res/reparse-$j.time" \
	    "$KW" -c "$res/kicwatch.yaml" --db "$rdb" reparse --jobs "$j" \
	    --no-progress >"$res/reparse-$j.out" 2>"$res/reparse-$j.log"
	rm -f "$rdb" "$rdb-wal" "$rdb-shm"
done

log "extraction: one page, by stage"
"$PY" - "$corpus" >"$res/extract-pages.txt" <<'PY'
import json, os, sys
corpus = sys.argv[1]
man = json.load(open(os.path.join(corpus, 'manifest.json')))
# The UTF-8 page of each board closest to 55 KB, the issue's typical page.
best = {}
for url in man['article_urls']:
    if url.startswith('/index.php'):
        q = dict(kv.split('=') for kv in url.split('?', 1)[1].split('&'))
        src, path = 'bench-kic-news', f"kic/show/{q['catid']}/{q['id']}.html"
    else:
        src, path = 'bench-xwdt', url.lstrip('/')
    full = os.path.join(corpus, 'site', path)
    head = open(full, 'rb').read(400)
    if b'utf-8' not in head:
        continue
    d = abs(os.path.getsize(full) - 55 * 1024)
    if src not in best or d < best[src][0]:
        best[src] = (d, url, full)
for src, (_, url, full) in sorted(best.items()):
    print(src, url, full)
PY
while read -r src url file; do
	"$OUT/bin/extract_bench" -c "$res/kicwatch.yaml" -n "$rounds" \
	    -s "$src" -u "$base$url" -p "$file" >"$res/extract-$src.txt"
done <"$res/extract-pages.txt"

log "extraction: the corpus on one core"
"$PY" - "$corpus" "$base" >"$res/corpus.list" <<'PY'
import json, os, sys
corpus, base = sys.argv[1], sys.argv[2]
man = json.load(open(os.path.join(corpus, 'manifest.json')))
for url in man['article_urls']:
    if url.startswith('/index.php'):
        q = dict(kv.split('=') for kv in url.split('?', 1)[1].split('&'))
        src, path = 'bench-kic-news', f"kic/show/{q['catid']}/{q['id']}.html"
    else:
        src, path = 'bench-xwdt', url.lstrip('/')
    print(src, base + url, os.path.join(corpus, 'site', path))
PY
"$OUT/bin/extract_bench" -c "$res/kicwatch.yaml" -l "$res/corpus.list" \
    >"$res/extract-corpus.txt"

if [ "$profile" = 1 ]; then
	kwconf "$res/profile.yaml" "$((pages < 600 ? 1000 : 15))"
	pdb=$res/profile.db
	rm -f "$pdb"*
	"$KW" -c "$res/profile.yaml" --db "$pdb" init >/dev/null
	if command -v perf >/dev/null &&
	    perf record -q -e cpu-clock -o /dev/null true 2>/dev/null; then
		log "profile: perf record of a crawl"
		perf record -q -e cpu-clock -F 499 --call-graph dwarf,16384 \
		    -o "$res/perf.data" "$KW" -c "$res/profile.yaml" \
		    --db "$pdb" crawl --all >/dev/null 2>&1
		perf report -i "$res/perf.data" --children --sort sym -g none \
		    --percent-limit 0.3 2>/dev/null >"$res/profile.txt"
		# Self time by thread and library needs no stack unwinding,
		# which fails through SQLite and libc: the honest split.
		perf report -i "$res/perf.data" --no-children \
		    --sort comm,dso -g none --percent-limit 0.5 \
		    2>/dev/null >"$res/profile-dso.txt"
		echo perf >"$res/profile.tool"
		rm -f "$res/perf.data"
	elif command -v valgrind >/dev/null; then
		log "profile: callgrind of a crawl"
		valgrind --tool=callgrind --callgrind-out-file="$res/callgrind.out" \
		    "$KW" -c "$res/profile.yaml" --db "$pdb" crawl --all \
		    >/dev/null 2>&1
		callgrind_annotate --inclusive=yes "$res/callgrind.out" \
		    >"$res/profile.txt" 2>/dev/null
		echo callgrind >"$res/profile.tool"
	fi
	sqlite3 "$pdb" 'SELECT count(*) FROM document' >"$res/profile.docs"
fi
ngx_stop

if [ "$report" = 1 ]; then
	log "search and digest (bench/report_bench.sh, $report_docs documents)"
	# A store generated by an older kicwatch is upgraded first.
	[ ! -f "$report_db" ] || "$KW" --db "$report_db" init >/dev/null
	DOCS=$report_docs sh bench/report_bench.sh "$BUILD" "$report_db" \
	    >"$res/report.txt" 2>"$res/report.log" ||
	    { tail -5 "$res/report.log" >&2; echo "report failed" >"$res/report.txt"; }
	log "search inside one process (bench/search_bench.c)"
	"$OUT/bin/search_bench" -n 20 "$report_db" 수소 협약 포럼 合作 中心 论坛 \
	    데모데이 기술이전 人工智能 技术转移 >"$res/search-inproc.txt" ||
	    true
fi
uptime >"$res/load-end.txt"

# ----------------------------------------------------------- results

{
	echo "nproc=$(nproc)"
	echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
	echo "ram_mib=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)"
	echo "kernel=$(uname -r)"
	echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
	echo "kicwatch=$(git describe --always --dirty 2>/dev/null || echo unknown)"
	echo "wip_files=$(git status --porcelain --untracked-files=no 2>/dev/null | wc -l)"
	echo "kicwatch_version=$("$KW" --version 2>&1 | head -1)"
	echo "libcurl=$(pkg-config --modversion libcurl)"
	echo "libxml2=$(pkg-config --modversion libxml-2.0)"
	echo "sqlite=$(pkg-config --modversion sqlite3)"
	echo "zlib=$(pkg-config --modversion zlib)"
	echo "libdeflate=$(pkg-config --modversion libdeflate)"
	echo "cc=$(cc --version | head -1)"
	echo "nginx=$(nginx -v 2>&1 | sed 's|.*/||')"
	"$PY" -c 'import sys, scrapy, lxml.etree as e, twisted; print(f"scrapy={scrapy.__version__}\npython={sys.version.split()[0]}\nlxml={e.__version__}\ntwisted={twisted.__version__}")'
	echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
	echo "pages=$pages"
	echo "seed=$seed"
	echo "runs=$runs"
	echo "conns=$conns"
	echo "smoke=$smoke"
} >"$res/env.txt"
"$PY" bench/results.py "$res" "$corpus" "$results_md"
