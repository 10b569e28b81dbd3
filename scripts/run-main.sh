#!/bin/sh
# SPDX-License-Identifier: ISC
# The main job out of the box: install the packages, build, check the
# shipped configuration, create a store and crawl the real sources once
# (KIC China's boards and its Chinese partners' news pages), then show
# what was collected. Without internet access every source fails with its
# reason logged and the script still finishes.
#
# Usage: scripts/run-main.sh [--demo] [--daemon] [--no-install] [--no-build]
#   --demo      crawl the bundled sample site on 127.0.0.1 instead (offline)
#   --daemon    after the first crawl, keep running (`kicwatch run`, Ctrl-C
#               stops it gracefully)
# The store goes to $KICWATCH_STATE (default ./var/kicwatch.db), not to
# /var/lib/kicwatch, so no root is needed beyond installing packages.
set -eu
cd "$(dirname "$0")/.."
demo=0 daemon=0 install=1 build=1
for a in "$@"; do
	case "$a" in
	--demo) demo=1 ;;
	--daemon) daemon=1 ;;
	--no-install) install=0 ;;
	--no-build) build=0 ;;
	-h | --help) sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run-main.sh: unknown option $a" >&2; exit 64 ;;
	esac
done

step() { printf '\n== %s\n' "$*"; }

if [ "$install" = 1 ]; then
	step "installing packages (scripts/install-deps.sh)"
	./scripts/install-deps.sh
fi
if [ "$build" = 1 ]; then
	step "building (meson + ninja, build/)"
	[ -d build ] || meson setup build >/dev/null
	ninja -C build >/dev/null
fi
kw=./build/kicwatch

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
	echo "crawl finished with exit code $rc: see the reasons logged above" \
	     "(no internet access makes every source fail; try --demo)"
fi

step "what the store holds"
"$kw" -c "$conf" --db "$db" stats || true
"$kw" -c "$conf" --db "$db" query events --since 30d --limit 20 || true
"$kw" -c "$conf" --db "$db" query mous --since 30d --limit 20 || true

if [ "$daemon" = 1 ]; then
	step "kicwatch run (Ctrl-C to stop)"
	exec "$kw" -c "$conf" --db "$db" run
fi
echo
echo "Done. Store: $db  (query it: $kw --db $db query events)"
