# SPDX-License-Identifier: ISC
"""kicwatch digest in Markdown, JSON and HTML on the sample store, with
absolute dates only; hostile text must stay text in every format."""
import html.parser
import json
import os
import re
import xml.etree.ElementTree as ET

import kwstore
import kwtest
from kwtest import TempDir, check, run

_STORE = {}
PERIOD = ('--since', '2026-01-01', '--until', '2026-06-30')


def store():
    if not _STORE:
        d = TempDir().__enter__()
        path = os.path.join(d, 'kw.db')
        _STORE['ids'] = kwstore.build_sample(path)
        _STORE['path'] = path
        _STORE['dir'] = d
    return _STORE['path'], _STORE['ids']


def digest(*args):
    path, _ = store()
    r = run('--db', path, 'digest', *args)
    check(r.rc == 0, r)
    return r.out


def test_markdown_sections_and_counts():
    md = digest(*PERIOD)
    check('**4 events and 1 MOU** (6 reports) in 6 documents' in md, md)
    for h in ('## MOUs', '## Events', '## Links between the Korean side',
              '## Korean firms by strategic sector',
              '## Organisations seen for the first time'):
        check(h in md, h)
    # The signing reported in Korean and in Chinese is one item, two links.
    mou = md.split('## MOUs')[1].split('## Events')[0]
    check(mou.count('\n- **') == 1, mou)
    check('kic.example/news/view?id=101' in mou and
          'netc.example/xwzx/2026/0311.html' in mou, mou)
    check('| mou | 1 | 2 |' in md, md)
    check('| KIC China | Beihang University | military\\_linked,seven\\_sons '
          '| demo\\_day | 2026-04-18 |' in md, md)
    check('Harbin Institute of Technology | military\\_linked,seven\\_sons,'
          'watchlisted' in md, md)
    check('- **hydrogen**: H2Lab (1 record, with a risk-tagged party)' in md,
          md)
    new = md.split('## Organisations seen for the first time')[1]
    check('큐비트솔루션 | KR | unverified | 2026-04-20 | 1 | **not in the '
          'gazetteer**' in new, new)
    check('KIC China' not in new, 'KIC China was seen in 2025')


def test_markdown_neutralises_hostile_text():
    md = digest(*PERIOD)
    for raw in ('<b>', '](javascript:', '\x1b', '\x07'):
        check(raw not in md, f'{raw!r} reached the Markdown')
    # No '<' outside the digest's own link destinations is unescaped, so
    # no raw HTML can open.
    body = re.sub(r'\]\(<https?://[^>]*>\)', '](LINK)', md)
    check(not re.search(r'(?<!\\)<', body), 'unescaped < in Markdown')
    check('\\<script\\>document.title' in md, 'escaped, still readable')
    check('\\[링크\\]\\(javascript:alert\\(1\\)\\)' in md, md)
    # Links are only ever http(s) and written by the digest itself.
    for target in re.findall(r'\]\(<([^>]*)>\)', md):
        check(target.startswith('https://'), target)


def test_json_digest():
    j = json.loads(digest(*PERIOD, '--format', 'json'))
    c = j['counts']
    check((c['events'], c['mous'], c['event_reports'], c['mou_reports'],
           c['documents']) == (4, 1, 4, 2, 6), c)
    check(not j['empty'] and j['since'] == '2026-01-01')
    check(len(j['mous']) == 1 and len(j['mous'][0]['reports']) == 2, j)
    check(sum(w['events'] for w in j['weeks']) == 4)
    check(sum(w['mous'] for w in j['weeks']) == 1)
    check(j['weeks'][0]['week'] == '2025-12-29', 'weeks start on Monday')
    ev = [e for e in j['events'] if e['type'] == 'demo_day'][0]
    check(list(ev)[:2] == ['id', 'group_id'] and ev['location'] == 'Beijing')
    pairs = {(l['korean'], l['risk']) for l in j['risk_links']}
    check(('KIC China', 'National Eastern Tech-Transfer Center') in pairs)
    check(('H2Lab', 'Beihang University') in pairs, pairs)
    check(all(l['korean'] != 'Torch High Technology Industry Development '
              'Center' for l in j['risk_links']))
    unver = {o['canonical'] for o in j['new_orgs'] if not o['in_gazetteer']}
    check(unver == {'큐비트솔루션', '苏州纳米创新研究院', kwstore.HOSTILE_ORG},
          unver)


def test_group_counted_once_even_across_the_period_edge():
    j = json.loads(digest('--since', '2026-03-11', '--until', '2026-03-31',
                          '--format', 'json'))
    check(j['counts']['mous'] == 0, 'the MOU is dated 2026-03-10')
    j = json.loads(digest('--since', '2026-03-10', '--until', '2026-03-10',
                          '--format', 'json'))
    check(j['counts']['mous'] == 1 and j['counts']['mou_reports'] == 2, j)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_self_contained_and_inert():
    page = digest(*PERIOD, '--format', 'html')
    p = Page()
    p.feed(page)
    check('script' not in p.tags, 'a <script> element')
    check('img' not in p.tags and 'iframe' not in p.tags, p.tags)
    for tag, k, v in p.attrs:
        check(not k.startswith('on'), f'{tag} {k}={v}')
        if k in ('href', 'xlink:href'):
            check(v == '#' or v.startswith(('http://', 'https://')),
                  f'{tag} {k}={v}')
        check(k != 'src', f'external resource {tag} {k}={v}')
    check('link' not in p.tags, 'no external stylesheet')
    check('url(' not in page and '@import' not in page)
    check("Content-Security-Policy" in page and "default-src 'none'" in page)
    check(p.tags.count('svg') == 2, p.tags)
    text = ''.join(p.text)
    check('<script>document.title="PWNED"</script>' in text,
          'hostile title shown as text')
    check(kwstore.HOSTILE_ORG in text, 'hostile org name shown as text')


def test_html_svgs_are_well_formed_and_deterministic():
    page = digest(*PERIOD, '--format', 'html')
    svgs = re.findall(r'<svg.*?</svg>', page, re.S)
    check(len(svgs) == 2, len(svgs))
    ns = '{http://www.w3.org/2000/svg}'
    timeline, network = (ET.fromstring(s) for s in svgs)
    check(len(timeline.findall(f'.//{ns}rect')) == 2 * 27, 'two bars a week')
    labels = [t.text for t in network.findall(f'.//{ns}text')
              if t.get('class') == 'node']
    check(len(labels) == 11, labels)
    check(any(l.startswith('악성<svg') for l in labels), labels)
    check(len(network.findall(f'.//{ns}circle')) == 11 + 5)
    again = digest(*PERIOD, '--format', 'html')
    strip = re.compile(r'Generated \S+')
    check(strip.sub('', again) == strip.sub('', page), 'layout changed')


def test_empty_period():
    md = digest('--since', '2020-01-01', '--until', '2020-01-31')
    check('Nothing new in this period' in md and len(md) < 300, md)
    j = json.loads(digest('--since', '2020-01-01', '--until', '2020-01-31',
                          '--format', 'json'))
    check(j['empty'] and j['events'] == [] and j['counts']['documents'] == 0)
    h = digest('--since', '2020-01-01', '--until', '2020-01-31', '--format',
               'html')
    check('Nothing new' in h and '<svg' not in h, h)


def test_output_file_durations_and_usage():
    path, _ = store()
    out = os.path.join(_STORE['dir'], 'digest.html')
    r = run('--db', path, 'digest', *PERIOD, '--format', 'html', '--output',
            out)
    check(r.rc == 0 and r.out == '', r)
    with open(out, encoding='utf-8') as f:
        check(f.read().startswith('<!DOCTYPE html>'))
    check(not [n for n in os.listdir(_STORE['dir']) if '.tmp' in n])
    # A duration is accepted (the sample is in the past: nothing new).
    check('Nothing new' in digest('--since', '7d'))
    check(run('--db', path, 'digest', '--since', 'lastweek').rc == 64)
    check(run('--db', path, 'digest', '--format', 'pdf').rc == 64)
    check(run('--db', path, 'digest', '--org', 'x').rc == 64)
    check(run('--db', path, 'digest', *PERIOD, '--output',
              '/nonexistent/dir/d.md').rc != 0)


if __name__ == '__main__':
    kwtest.main(globals())
