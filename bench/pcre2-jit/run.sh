#!/bin/sh
# SPDX-License-Identifier: ISC
# Measures pcre2 JIT against the interpreter on orgs.latin_regex over the
# article corpus (tags stripped) plus a Latin-heavy page with company
# names, with and without PR_SET_MDWE (what MemoryDenyWriteExecute=yes
# does). Usage: bench/pcre2-jit/run.sh [ROUNDS]   (default 200)
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-200}
out=bench/out/pcre2-jit
mkdir -p "$out"
cc -O2 -Wall -o "$out/pcre2_jit" bench/pcre2-jit/pcre2_jit.c -lpcre2-8
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
for l in open('config/patterns.yaml', encoding='utf-8'):
    m = re.match(r"\s*latin_regex: '(.*)'\s*$", l)
    if m:
        open(f'{out}/pattern.txt', 'w').write(m.group(1).replace("''", "'") + '\n')
# A page in the style of an English partner release: company names the
# pattern should find, in ordinary prose.
s = ('<p>Hyundai Mobis Co., Ltd. and Contemporary Amperex Technology Co., '
     'Limited met BAIC Foton Motor Co., Ltd. at the Zhongguancun Forum, '
     'where Rebellions Inc. and FuriosaAI presented with Upstage AI and '
     'Tencent Holdings. The Korea Innovation Center China hosted the '
     'session on 9 September 2024 in Beijing.</p>\n')
open(f'{out}/latin.html', 'w').write('<html><body>' + s * 40 + '</body></html>')
PY
set -- tests/fixtures/articles/*.html "$out/latin.html"
for i in 1 2 3; do
	"$out/pcre2_jit" "$out/pattern.txt" "$rounds" "$@"
	"$out/pcre2_jit" --mdwe "$out/pattern.txt" "$rounds" "$@" || true
done
