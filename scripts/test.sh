#!/bin/sh
# Runs every test: installs the packages, builds the plain (-Werror) and the
# ASan+UBSan configurations, runs the whole meson suite on both, runs each
# fuzz harness briefly, and ends with "N passed, N failed".
# Usage: scripts/test.sh [--no-install] [--quick]   (--quick: plain build only)
set -u
cd "$(dirname "$0")/.."
install=1
quick=0
for a in "$@"; do
	case "$a" in
	--no-install) install=0 ;;
	--quick) quick=1 ;;
	esac
done
if [ "$install" = 1 ]; then
	./scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
fi

passed=0
failed=0
skipped=""
tally() { # $1: meson build dir; adds its testlog.json results to the counts
	eval "$(python3 - "$1" <<'PY'
import json, sys
ok = bad = 0
skip = []
try:
    for line in open(sys.argv[1] + '/meson-logs/testlog.json'):
        t = json.loads(line)
        if t['result'] in ('OK', 'EXPECTEDFAIL'):
            ok += 1
        elif t['result'] == 'SKIP':
            # Neither passed nor failed: named at the end instead.
            skip.append(t['name'])
        else:
            bad += 1
except OSError:
    bad += 1
print(f'p={ok} f={bad} s="{" ".join(skip)}"')
PY
)"
	passed=$((passed + p))
	failed=$((failed + f))
	[ -z "$s" ] || skipped="$skipped $1: $s;"
}

build() { # $1: dir, rest: meson options
	dir=$1
	shift
	if [ ! -d "$dir" ]; then
		meson setup "$dir" "$@" >/dev/null || return 1
	else
		meson configure "$dir" "$@" >/dev/null || return 1
	fi
	ninja -C "$dir" >"$dir.build.log" 2>&1 || { tail -40 "$dir.build.log"; return 1; }
}

suite() { # $1: dir, $2: label, rest: meson options
	dir=$1
	label=$2
	shift 2
	echo "== $label"
	if ! build "$dir" "$@"; then
		echo "build $label failed"
		failed=$((failed + 1))
		return
	fi
	meson test -C "$dir" --print-errorlogs --num-processes 2 \
	    >"$dir.test.log" 2>&1
	grep -E "^ *[0-9]+/[0-9]+ " "$dir.test.log" | sed 's/^ */  /'
	grep -E "FAIL|ERROR" -A 40 "$dir.test.log" | grep -v "^ *[0-9]*/[0-9]* " | head -120
	tally "$dir"
}

suite build-ci "plain build (-Werror)" -Dwerror_ci=true -Dbuildtype=debugoptimized
if [ "$quick" = 0 ]; then
	# UBSan must fail the test, not print and go on; LeakSanitizer is on.
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	suite build-asan "ASan+UBSan" -Db_sanitize=address,undefined \
	    -Dc_args=-fno-sanitize-recover=all -Dbuildtype=debug
	unset ASAN_OPTIONS UBSAN_OPTIONS
	if [ -x scripts/fuzz.sh ]; then
		echo "== fuzz (brief)"
		if scripts/fuzz.sh 20; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	fi
fi
[ -z "$skipped" ] || echo "skipped (not counted):$skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
