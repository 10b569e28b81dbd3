# SPDX-License-Identifier: ISC
"""The HTML digest in headless Chromium: the hostile page titles and
organisation names of the sample store must not run. A control page with
a real inline script proves the browser runs scripts in this mode, so the
check cannot pass by accident. Exits 77 (skip) without chromium."""
import os
import shutil
import subprocess
import sys

import kwstore
import kwtest
from kwtest import TempDir, check, run

CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')


def dump_dom(path, tmp):
    profile = os.path.join(tmp, 'profile-' + os.path.basename(path))
    p = subprocess.run(
        [CHROMIUM, '--headless', '--no-sandbox', '--disable-gpu',
         '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync',
         f'--user-data-dir={profile}', '--virtual-time-budget=2000',
         '--dump-dom', 'file://' + path],
        capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, p.stderr[-2000:])
    return p.stdout


def test_no_script_runs_in_the_digest():
    with TempDir() as d:
        control = kwtest.write(os.path.join(d, 'control.html'),
                               '<!DOCTYPE html><title>before</title><script>'
                               'document.title="SCRIPT-RAN"</script>')
        check('<title>SCRIPT-RAN</title>' in dump_dom(control, d),
              'control: chromium did not run an inline script')
        db = os.path.join(d, 'kw.db')
        kwstore.build_sample(db)
        page = os.path.join(d, 'digest.html')
        r = run('--db', db, 'digest', '--since', '2026-01-01', '--until',
                '2026-06-30', '--format', 'html', '--output', page)
        check(r.rc == 0, r)
        dom = dump_dom(page, d)
        check('<title>kicwatch digest</title>' in dom, dom[:500])
        check('PWNED' not in dom.split('</title>')[0], 'a script ran')
        check('<svg' in dom and 'Network of organisations' in dom)
        check('&lt;script&gt;document.title="PWNED"&lt;/script&gt;' in dom,
              'hostile title is text in the DOM')
        check('<img' not in dom, 'hostile <img> became an element')


if __name__ == '__main__':
    if CHROMIUM is None:
        print('skip: chromium is not installed')
        sys.exit(77)
    kwtest.main(globals())
