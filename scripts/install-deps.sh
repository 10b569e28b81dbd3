#!/bin/sh
# Installs the Debian 12 packages kicwatch needs to build, test and run.
# Idempotent; run as root (or through sudo). Pass --bench to also get the
# benchmark's peer (nginx, Scrapy; PyYAML for bench/*.py under Debian's
# python3, perf for its profile) and --browser for the headless-Chromium test.
set -eu
pkgs="build-essential meson ninja-build pkg-config
libcurl4-openssl-dev libxml2-dev libpcre2-dev libyaml-dev libsqlite3-dev sqlite3
zlib1g-dev libdeflate-dev libuchardet-dev libutf8proc-dev libopencc-dev opencc libsystemd-dev
python3 clang llvm libclang-rt-14-dev valgrind systemd curl ca-certificates"
# chromium: tests/integration/test_digest_browser.py opens the HTML digest
# headless and checks that hostile page titles never run (about 80 s to
# install on Debian 12; the test is skipped when it is missing).
pkgs="$pkgs chromium"
for a in "$@"; do
	case "$a" in
	--bench) pkgs="$pkgs nginx-light python3-scrapy python3-yaml time linux-perf" ;;
	--browser) pkgs="$pkgs chromium" ;;
	esac
done
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
