#!/bin/sh
# SPDX-License-Identifier: ISC
# Times the rules layer of parsers/ (vocabulary scan, organisations,
# places, sectors, MOUs, events, result) per stage on article pages, and
# compares the gazetteer automaton with a pcre2 alternation of the same
# patterns. Needs a meson build dir with libkwcore.a (default: build).
# Usage: bench/micro/rules.sh [BUILDDIR] [ROUNDS] [FILE.html...]
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
rounds=${2:-300}
out=bench/out/micro
mkdir -p "$out"
ninja -C "$build" libkwcore.a libkwxpath.a >/dev/null
libs="$(pkg-config --libs libxml-2.0 libutf8proc libpcre2-8 yaml-0.1 sqlite3 \
    zlib uchardet libcurl) $(pkg-config --libs libsystemd 2>/dev/null ||
    true) -lm -lpthread"
for p in rules_layer gaz_bench; do
	cc -O2 -std=gnu11 -D_GNU_SOURCE -Icommon -Iconfig -Iparsers \
	    -I"$build" $(pkg-config --cflags libxml-2.0 libpcre2-8) \
	    -o "$out/$p" "bench/micro/$p.c" "$build/libkwcore.a" \
	    "$build/libkwxpath.a" $libs
done
shift $(( $# > 2 ? 2 : $# ))
if [ $# -eq 0 ]; then
	set -- tests/fixtures/articles/ko03-kic-forum-pujiang.html \
	    tests/fixtures/articles/zh02-siti-forum.html
fi
"$out/rules_layer" config "$rounds" "$@"
# the article texts of the corpus, tags stripped, as one scan input
for f in tests/fixtures/articles/*.html; do
	sed -e 's/<[^>]*>//g' "$f"
done >"$out/corpus.txt"
"$out/gaz_bench" config "$out/corpus.txt" 500 2000 5000
