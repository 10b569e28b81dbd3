#!/bin/sh
# SPDX-License-Identifier: ISC
# Times the page and text layers of parsers/ on a synthetic 55 KB page (or
# FILE). Needs a meson build dir with libkwcore.a (default: build).
# Usage: bench/micro/run.sh [BUILDDIR] [ROUNDS] [FILE.html]
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
rounds=${2:-1000}
out=bench/out/micro
mkdir -p "$out"
ninja -C "$build" libkwcore.a libkwxpath.a >/dev/null
cc -O2 -std=gnu11 -D_GNU_SOURCE -Icommon -Iconfig -Iparsers \
    $(pkg-config --cflags libxml-2.0) -o "$out/content_layer" \
    bench/micro/content_layer.c "$build/libkwcore.a" "$build/libkwxpath.a" \
    $(pkg-config --libs libxml-2.0 libutf8proc libpcre2-8 yaml-0.1 sqlite3 \
    zlib uchardet libcurl) -lm -lpthread
shift $(( $# > 2 ? 2 : $# ))
"$out/content_layer" "$rounds" "$@"
