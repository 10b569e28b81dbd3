# SPDX-License-Identifier: ISC
"""kicwatch export: JSON Lines, CSV, WARC/1.1 (read back with a small
stdlib WARC reader: gzip members, headers, exact lengths, digests) and the
organisation graph as DOT and GraphML."""
import base64
import collections
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zlib

import kwstore
import kwtest
from kwtest import TempDir, check, run

_STORE = {}


def store():
    if not _STORE:
        d = TempDir().__enter__()
        path = os.path.join(d, 'kw.db')
        _STORE['ids'] = kwstore.build_sample(path)
        _STORE['path'] = path
        _STORE['dir'] = d
    return _STORE['path'], _STORE['ids']


def export(*args):
    path, _ = store()
    p = subprocess.run([kwtest.KICWATCH, '--db', path, 'export', *args],
                       capture_output=True, timeout=120)
    check(p.returncode == 0, p)
    return p.stdout


def test_jsonl_every_record_kind():
    lines = export('jsonl').decode('utf-8').splitlines()
    recs = [json.loads(x) for x in lines]
    kinds = collections.Counter(r['record'] for r in recs)
    check(kinds == {'event': 4, 'mou': 3, 'org': 12, 'document': 7}, kinds)
    ev = [r for r in recs if r['record'] == 'event'][0]
    check(list(ev)[:4] == ['record', 'id', 'url', 'document_id'], ev)
    # Same objects as query prints, plus the label.
    path, _ = store()
    q = run('--db', path, 'query', 'events', '--format', 'json')
    first = json.loads(q.out.splitlines()[0])
    check({k: v for k, v in ev.items() if k != 'record'} == first)
    check(len(export('jsonl', '--since', '2026-05-01').splitlines()) <
          len(lines))


def test_csv_flat_records():
    out = export('csv').decode('utf-8')
    check(out.endswith('\r\n'))
    rows = list(csv.DictReader(io.StringIO(out, newline='')))
    check(collections.Counter(r['record'] for r in rows) ==
          {'event': 4, 'mou': 3}, rows)
    sem = [r for r in rows if r['type'] == 'seminar'][0]
    check(sem['evidence'].startswith("'=SUM"), sem)
    check('악성<svg' in sem['parties'], sem)
    for r in rows:
        for v in r.values():
            check(not v or v[0] not in '=+-@\t\r', v)
            check('\x1b' not in v, v)


def warc_records(data):
    """Splits .warc.gz into its gzip members; each must hold one record."""
    recs = []
    while data:
        d = zlib.decompressobj(31)
        body = d.decompress(data)
        check(d.eof, 'truncated gzip member')
        data = d.unused_data
        head, sep, rest = body.partition(b'\r\n\r\n')
        check(sep, 'no end of WARC headers')
        lines = head.decode('utf-8').split('\r\n')
        check(lines[0] == 'WARC/1.1', lines[0])
        h = dict(line.split(': ', 1) for line in lines[1:])
        n = int(h['Content-Length'])
        check(len(rest) == n + 4 and rest[n:] == b'\r\n\r\n',
              f'Content-Length {n} vs {len(rest) - 4}')
        recs.append((h, rest[:n]))
    return recs


def digest_ok(label, data):
    algo, value = label.split(':', 1)
    check(algo == 'sha256', label)
    check(base64.b32decode(value) == hashlib.sha256(data).digest(), label)


def test_warc():
    path, ids = store()
    out = os.path.join(_STORE['dir'], 'captures.warc.gz')
    r = run('--db', path, 'export', 'warc', '--output', out)
    check(r.rc == 0, r)
    with open(out, 'rb') as f:
        recs = warc_records(f.read())
    check(recs[0][0]['WARC-Type'] == 'warcinfo', recs[0][0])
    check(b'software: kicwatch/' in recs[0][1])
    caps = dict(kwtest.db_rows(path, 'SELECT id, sha256 FROM capture'))
    resp = [x for x in recs if x[0]['WARC-Type'] == 'response']
    reqs = [x for x in recs if x[0]['WARC-Type'] == 'request']
    check(len(resp) == len(caps) == len(reqs), (len(resp), len(caps)))
    ids_seen = set()
    for h, block in resp:
        check(re.fullmatch(r'<urn:uuid:[0-9a-f-]{36}>', h['WARC-Record-ID']))
        check(re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ',
                           h['WARC-Date']), h)
        check(h['WARC-Target-URI'].startswith('https://'), h)
        check(h['Content-Type'] == 'application/http;msgtype=response')
        digest_ok(h['WARC-Block-Digest'], block)
        http, _, payload = block.partition(b'\r\n\r\n')
        check(http.startswith(b'HTTP/1.1 200'), http)
        check(f'Content-Length: {len(payload)}'.encode() in http)
        digest_ok(h['WARC-Payload-Digest'], payload)
        check(hashlib.sha256(payload).hexdigest() in caps.values())
        ids_seen.add(h['WARC-Record-ID'])
    for h, block in reqs:
        check(h['WARC-Concurrent-To'] in ids_seen, h)
        check(block.startswith(b'GET /') and b'\r\nHost: ' in block, block)
        check(block.endswith(b'\r\n\r\n'))
    # The same store exports the same record ids.
    again = export('warc')
    check(warc_records(again)[1][0]['WARC-Record-ID'] ==
          recs[1][0]['WARC-Record-ID'])
    check(len(warc_records(export('warc', '--source', 'netc-news'))) == 3)


def test_warc_headers_rewritten_for_decoded_bodies():
    with TempDir() as d:
        db = os.path.join(d, 'kw.db')
        s = kwstore.Store(db)
        src = s.source('gz', 'https://gz.example/')
        body = '<p>압축 해제된 본문 正文</p>'
        s.capture(src, 'https://gz.example/a', body, '2026-05-01 00:00',
                  headers='HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n'
                          'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n'
                          'Transfer-Encoding: chunked\r\n'
                          'Content-Length: 12\r\nX-Evil: a\x1bb\r\n')
        s.close()
        p = subprocess.run([kwtest.KICWATCH, '--db', db, 'export', 'warc'],
                           capture_output=True, timeout=60)
        check(p.returncode == 0, p)
        h, block = warc_records(p.stdout)[1]
        http, _, payload = block.partition(b'\r\n\r\n')
        check(payload == body.encode('utf-8'))
        check(http.startswith(b'HTTP/1.1 200 OK\r\n'), http)
        check(b'\r\nX-Archive-Orig-Content-Encoding: gzip' in http, http)
        check(b'\r\nX-Archive-Orig-Transfer-Encoding: chunked' in http)
        check(b'\r\nX-Archive-Orig-Content-Length: 12' in http)
        check(http.endswith(f'Content-Length: {len(payload)}'.encode()))
        check(b'Location' not in http, 'only the final response')


def dot_tokens_balanced(text):
    inq = esc = False
    for c in text:
        if esc:
            esc = False
        elif c == '\\':
            esc = True
        elif c == '"':
            inq = not inq
        elif c == '\n' and inq:
            return False
    return not inq


def test_graph_dot():
    dot = export('graph').decode('utf-8')
    check(dot.startswith('graph kicwatch {') and dot.endswith('}\n'))
    check(dot_tokens_balanced(dot), 'unbalanced quotes')
    body = dot.splitlines()[1:-1]
    check(all(line.endswith(';') for line in body), body)
    nodes = [x for x in body if re.match(r'\s+n\d+ \[label=', x)]
    edges = [x for x in body if ' -- ' in x]
    check(len(nodes) == 11, nodes)  # MSIT is mentioned, in no record
    check(any('악성<svg onload=\\"document.title=\'PWNED3\'\\">연구소' in x
              for x in nodes), nodes)
    check(len(edges) > 10, edges)
    kic = [x for x in nodes if 'label="KIC China"' in x][0]
    check('class="korean"' in kic, kic)
    check(len(export('graph', '--since', '2026-05-01').decode().splitlines())
          < len(dot.splitlines()))


def test_graph_graphml():
    xml = export('graph', '--format', 'graphml')
    root = ET.fromstring(xml)
    ns = '{http://graphml.graphdrawing.org/xmlns}'
    nodes = root.findall(f'.//{ns}node')
    edges = root.findall(f'.//{ns}edge')
    check(len(nodes) == 11 and len(edges) > 10, (len(nodes), len(edges)))
    labels = {n.find(f"{ns}data[@key='label']").text for n in nodes}
    check(kwstore.HOSTILE_ORG in labels and 'KIC China' in labels, labels)
    ids = {n.get('id') for n in nodes}
    for e in edges:
        check(e.get('source') in ids and e.get('target') in ids)
        check(int(e.find(f"{ns}data[@key='weight']").text) >= 1)


def test_export_usage_and_output_file():
    path, _ = store()
    check(run('--db', path, 'export').rc == 64)
    check(run('--db', path, 'export', 'pdf').rc == 64)
    check(run('--db', path, 'export', 'jsonl', '--format', 'dot').rc == 64)
    r = run('--db', path, 'export', 'graph', '--format', 'png')
    check(r.rc != 0 and 'dot|graphml' in r.err, r)
    out = os.path.join(_STORE['dir'], 'all.jsonl')
    r = run('--db', path, 'export', 'jsonl', '--output', out)
    check(r.rc == 0 and r.out == '', r)
    with open(out, encoding='utf-8') as f:
        check(len(f.read().splitlines()) == 26)
    check(not os.path.exists(os.path.join(_STORE['dir'], 'bad.dot')))
    run('--db', path, 'export', 'graph', '--format', 'png', '--output',
        os.path.join(_STORE['dir'], 'bad.dot'))
    check(not [n for n in os.listdir(_STORE['dir'])
               if n.startswith('bad.dot')], 'failed export left a file')


if __name__ == '__main__':
    kwtest.main(globals())
