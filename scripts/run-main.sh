#!/bin/sh
# SPDX-License-Identifier: ISC
# The main job out of the box: install the packages, build, check the
# shipped configuration, create a store and crawl the real sources once
# (KIC China's boards and its Chinese partners' news pages), then show
# what was collected. Without internet access every source fails with its
# reason logged, the script runs the offline demo instead, and finishes.
#
# Usage: scripts/run-main.sh [--demo] [--daemon] [--no-install] [--no-build]
#   --demo      only the offline demo: the bundled sample site on 127.0.0.1
#   --daemon    after the first crawl, keep running (`kicwatch run`, Ctrl-C
#               stops it gracefully)
# The store goes to $KICWATCH_STATE (default ./var/kicwatch.db), not to
# /var/lib/kicwatch, so no root is needed beyond installing packages; the
# build directory is $KICWATCH_BUILD (default ./build).
set -eu
cd "$(dirname "$0")/.."
demo=0 daemon=0 install=1 build=1
for a in "$@"; do
	case "$a" in
	--demo) demo=1 ;;
	--daemon) daemon=1 ;;
	--no-install) install=0 ;;
	--no-build) build=0 ;;
	-h | --help) awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next }
	    NR > 2 { exit }' "$0"; exit 0 ;;
	*) echo "run-main.sh: unknown option $a" >&2; exit 64 ;;
	esac
done

step() { printf '\n== %s\n' "$*"; }

if [ "$install" = 1 ]; then
	step "installing packages (scripts/install-deps.sh)"
	./scripts/install-deps.sh
fi
bdir=${KICWATCH_BUILD:-build}
if [ "$build" = 1 ]; then
	step "building (meson + ninja, $bdir/)"
	[ -d "$bdir" ] || meson setup "$bdir" >/dev/null
	ninja -C "$bdir" >/dev/null
fi
kw=./$bdir/kicwatch

if [ "$demo" = 1 ]; then
	step "offline demo: kicwatch demo"
	exec "$kw" demo
fi

state=${KICWATCH_STATE:-$PWD/var}
mkdir -p "$state"
db=$state/kicwatch.db
conf=config/kicwatch.yaml

step "kicwatch check-config"
"$kw" -c "$conf" check-config
step "kicwatch init ($db)"
"$kw" -c "$conf" --db "$db" init

step "kicwatch crawl --all: the real sources (errors are logged per source)"
rc=0
"$kw" -c "$conf" --db "$db" crawl --all || rc=$?
if [ "$rc" -ne 0 ]; then
	echo "crawl finished with exit code $rc: see the reasons logged above"
fi

step "what the store holds"
"$kw" -c "$conf" --db "$db" stats || true
"$kw" -c "$conf" --db "$db" query events --since 30d --limit 20 || true
"$kw" -c "$conf" --db "$db" query mous --since 30d --limit 20 || true

if [ "$rc" -eq 69 ]; then
	# Every source failed: most likely no internet access. Show what
	# kicwatch does on the bundled sample site instead.
	step "no source could be reached: the offline demo (kicwatch demo)"
	"$kw" demo || true
fi

if [ "$daemon" = 1 ]; then
	step "kicwatch run (Ctrl-C to stop)"
	exec "$kw" -c "$conf" --db "$db" run
fi
echo
echo "Done. Store: $db  (query it: $kw --db $db query events)"
