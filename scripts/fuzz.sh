#!/bin/sh
# Builds the libFuzzer harnesses listed in tests/fuzz/meson.build with clang,
# ASan and UBSan (in build-fuzz/) and runs each for its share of
# DURATION_SECONDS (at least 5 s each), seeded from tests/fuzz/corpus/NAME/
# and guided by tests/fuzz/NAME.dict when those exist. What the fuzzers learn is kept in build-fuzz/corpus/NAME/
# across runs; crashing inputs land in build-fuzz/artifacts/. Exits non-zero
# when a harness fails to build, crashes, leaks, hangs or hits UB; skips
# (exit 0) when clang is missing.
# Usage: scripts/fuzz.sh [DURATION_SECONDS]    (default 60)
set -u
cd "$(dirname "$0")/.."
total=${1:-60}
dir=build-fuzz

if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang not found, skipped"
	exit 0
fi
# The harness names, one per line, from the list in tests/fuzz/meson.build.
names=$(sed -n '/^fuzz_harnesses = \[/,/^\]/p' tests/fuzz/meson.build |
    sed -n "s/^ *'\([a-z0-9_-]*\)',*$/\1/p")
if [ -z "$names" ]; then
	echo "fuzz: no harnesses listed in tests/fuzz/meson.build"
	exit 1
fi
if [ ! -d "$dir" ]; then
	CC=clang meson setup "$dir" -Dfuzz=true -Dbuildtype=debugoptimized \
	    -Db_sanitize=address,undefined -Db_lundef=false \
	    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" \
	    >"$dir.setup.log" 2>&1 || { tail -20 "$dir.setup.log"; exit 1; }
fi
targets=
for n in $names; do
	targets="$targets tests/fuzz/fuzz-$n"
done
# shellcheck disable=SC2086
if ! ninja -C "$dir" -j2 $targets >"$dir.build.log" 2>&1; then
	tail -40 "$dir.build.log"
	echo "fuzz: build failed"
	exit 1
fi

count=$(echo "$names" | wc -l)
each=$((total / count))
[ "$each" -ge 5 ] || each=5
mkdir -p "$dir/artifacts"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for n in $names; do
	work="$dir/corpus/$n"
	mkdir -p "$work"
	seed=
	[ -d "tests/fuzz/corpus/$n" ] && seed="tests/fuzz/corpus/$n"
	dict=
	[ -f "tests/fuzz/$n.dict" ] && dict="-dict=tests/fuzz/$n.dict"
	log="$dir/fuzz-$n.log"
	# shellcheck disable=SC2086
	if "$dir/tests/fuzz/fuzz-$n" -max_total_time="$each" -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix="$dir/artifacts/$n-" $dict \
	    "$work" $seed >"$log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1)
		echo "fuzz-$n: ok (${runs:-no stats}, ${each}s)"
	else
		echo "fuzz-$n: FAILED (see $log)"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" |
		    head -20
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
