#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Generates a large kicwatch store for the read-side benchmark.

    bench/gen_store.py OUT.db [--docs 100000] [--seed 1]

Half the documents are Korean KIC China-style announcements, half Chinese
partner news, spread over 2021-2026, each ~400-1200 characters built
from sentence templates filled with organisations, places, sectors and
invented filler words (so the index sees a realistic, large vocabulary).
About ten mentions per document (a million for 100,000 documents), an
event in a third of them and an MOU in a sixth, with event groups shared
by pairs of reports. Rows go in through tests/integration/kwstore.py's
schema handling; `kicwatch init` (KICWATCH, default build/kicwatch) then
builds the kwcjk index. Deterministic for a given seed.
"""
import argparse
import datetime
import hashlib
import os
import random
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'integration'))
os.environ.setdefault('KW_SOURCE_ROOT', os.path.join(HERE, '..'))
import kwstore  # noqa: E402

ORGS = [  # canonical, entity, country, kind, ko surface, zh surface, tags
    ('KIC China', 'kic-china', 'KR', 'government', 'KIC중국', '韩国创新中心',
     ['korean_government']),
    ('Ministry of Science and ICT', 'msit', 'KR', 'government',
     '과학기술정보통신부', '韩国科学技术信息通信部', ['korean_government']),
    ('Torch High Technology Industry Development Center', 'torch-center',
     'CN', 'government', '횃불센터', '火炬中心', ['state_tech_transfer']),
    ('National Eastern Tech-Transfer Center', 'netc', 'CN', 'government',
     '국가기술이전동부센터', '国家技术转移东部中心', ['state_tech_transfer']),
    ('Shanghai Technology Exchange', 'shanghai-tech-exchange', 'CN',
     'exchange', '상하이기술거래소', '上海技术交易所', ['state_tech_transfer']),
    ('Zhongguancun Science Park', 'zgc', 'CN', 'zone', '중관촌', '中关村',
     ['state_tech_transfer']),
    ('Beihang University', 'beihang', 'CN', 'university', '베이항대학',
     '北京航空航天大学', ['military_linked', 'seven_sons']),
    ('Harbin Institute of Technology', 'hit', 'CN', 'university',
     '하얼빈공업대학', '哈尔滨工业大学', ['military_linked', 'seven_sons']),
    ('Chengdu High-tech Zone', 'chengdu-hitech', 'CN', 'zone', '청두하이테크존',
     '成都高新区', ['state_tech_transfer']),
    ('China International Import Expo', 'ciie', 'CN', 'expo', '수입박람회',
     '中国国际进口博览会', ['government']),
    ('Huawei', 'huawei', 'CN', 'company', '화웨이', '华为', []),
    ('Korea Research Foundation', 'nrf', 'KR', 'government', '한국연구재단',
     '韩国研究财团', ['korean_government']),
]
PLACES = [('베이징', '北京', 'Beijing'), ('상하이', '上海', 'Shanghai'),
          ('선전', '深圳', 'Shenzhen'), ('우한', '武汉', 'Wuhan'),
          ('청두', '成都', 'Chengdu'), ('항저우', '杭州', 'Hangzhou'),
          ('서울', '首尔', 'Seoul'), ('톈진', '天津', 'Tianjin')]
SECTORS = [('수소', '氢能', 'hydrogen'), ('반도체', '半导体', 'semiconductor'),
           ('이차전지', '二次电池', 'battery'), ('인공지능', '人工智能', 'ai'),
           ('양자', '量子', 'quantum'), ('바이오', '生物医药', 'bio'),
           ('로봇', '机器人', 'robotics'), ('우주항공', '航空航天', 'aerospace')]
EVENTS = [('forum', '포럼', '论坛'), ('demo_day', '데모데이', '路演'),
          ('expo', '박람회', '博览会'), ('matching', '상담회', '对接会'),
          ('competition', '창업대회', '大赛'), ('visit', '방문', '考察')]
KO_SYL = '가나다라마바사아자차카타파하기술협력혁신창업지원센터산업정책개발연구교류투자시장'
ZH_CHR = '科技创新合作交流发展产业园区企业项目服务平台国际技术转移成果转化研究'


VOCAB = {}


def vocab(rng, ko):
    """20,000 invented words per language, made once."""
    if ko not in VOCAB:
        pool = KO_SYL if ko else ZH_CHR
        VOCAB[ko] = [''.join(rng.choice(pool) for _ in range(
            rng.randint(2, 4))) for _ in range(20000)]
    return VOCAB[ko]


def filler(rng, ko, n):
    words = rng.choices(vocab(rng, ko), k=n)
    return (' ' if ko else '').join(words) + ('다. ' if ko else '。')


class Doc:
    """Text being built, with code-point spans of what was put in."""

    def __init__(self):
        self.parts, self.n, self.spans = [], 0, []

    def add(self, s, kind=None, value=None, org=None):
        if kind:
            self.spans.append((kind, self.n, self.n + len(s), s, value, org))
        self.parts.append(s)
        self.n += len(s)

    def text(self):
        return ''.join(self.parts)


def build_text(rng, ko, orgs, place, sector, date, ev):
    d = Doc()
    for i, (oid, o) in enumerate(orgs):
        if i:
            d.add(', ' if ko else '、')
        d.add(o[4] if ko else o[5], 'org', o[0], oid)
    d.add('는 ' if ko else '于')
    d.add(f'{date.month}월 {date.day}일' if ko else
          f'{date.month}月{date.day}日', 'date', date.isoformat())
    d.add(' ' if ko else '在')
    d.add(place[0] if ko else place[1], 'place', place[2])
    d.add('에서 ' if ko else '')
    d.add(sector[0] if ko else sector[1], 'sector', sector[2])
    if ev == 'mou':
        d.add(' 분야 ')
        d.add('업무협약을 체결했다' if ko else '领域签署战略合作协议', 'mou')
    else:
        d.add(' 분야 ' if ko else '领域')
        d.add((f'{ev[1]}를 개최했다' if ko else f'举办{ev[2]}'), 'event')
    d.add('. ' if ko else '。')
    for _ in range(rng.randint(6, 16)):
        d.add(filler(rng, ko, rng.randint(5, 12)))
        if rng.random() < 0.3:
            oid, o = rng.choice(orgs)
            d.add(o[4] if ko else o[5], 'org', o[0], oid)
            d.add('와 협력했다. ' if ko else '参与合作。')
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--docs', type=int, default=100000)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(a.out + suffix):
            os.remove(a.out + suffix)
    t0 = time.time()
    s = kwstore.Store(a.out)
    con = s.con
    con.execute('PRAGMA synchronous = OFF')
    srcs = [s.source('kic-china-news', 'https://kic.example/news/'),
            s.source('partner-news', 'https://partner.example/news/')]
    org_ids = [(s.org(o[0], o[1], o[2], o[3], [o[4], o[5]], o[6]), o)
               for o in ORGS]
    for i in range(300):  # discovered organisations
        ko = i % 2 == 0
        name = (''.join(rng.choice(KO_SYL) for _ in range(3)) + '연구원' if ko
                else ''.join(rng.choice(ZH_CHR) for _ in range(3)) + '研究院')
        name += str(i) if ko else '第' + str(i)
        o = (name, None, 'KR' if ko else 'CN', 'company' if ko else None,
             name, name, ['korean_startup'] if ko and i % 4 == 0 else [])
        org_ids.append((s.org(name, None, o[2], o[3], [], o[6],
                              unverified=not o[6]), o))
    run = s.run('2026-01-01 00:00')
    start = datetime.date(2021, 1, 1)
    mentions, n_ev, n_mou = 0, 0, 0
    group = None
    for i in range(a.docs):
        ko = i % 2 == 0
        date = start + datetime.timedelta(days=rng.randint(0, 2000))
        orgs = [org_ids[0]] + rng.sample(org_ids[1:], rng.randint(1, 4))
        place, sector = rng.choice(PLACES), rng.choice(SECTORS)
        r = rng.random()
        ev = 'mou' if r < 1 / 6 else rng.choice(EVENTS) if r < 0.5 else None
        d = build_text(rng, ko, orgs, place, sector, date, ev or EVENTS[0])
        text = d.text()
        title = text[:40]
        url = f'https://{"kic" if ko else "partner"}.example/news/{i}'
        body = text.encode('utf-8')
        fetched = f'{date.isoformat()}T09:00:00Z'
        cap = con.execute(
            'INSERT INTO capture (source_id, url, final_url, fetched_at, '
            'status, headers, content_type, sha256, size, body, kind) '
            "VALUES (?,?,?,?,200,'HTTP/1.1 200 OK\r\n','text/html',?,?,?,"
            "'article')", (srcs[i % 2], url, url, fetched,
                           hashlib.sha256(body).hexdigest(), len(body),
                           zlib.compress(body, 1))).lastrowid
        doc = con.execute(
            'INSERT INTO document (run_id, capture_id, source_id, url, title,'
            ' published, lang, text, text_chars) VALUES (?,?,?,?,?,?,?,?,?)',
            (run, cap, srcs[i % 2], url, title, date.isoformat(),
             'ko' if ko else 'zh', text, len(text))).lastrowid
        con.execute('INSERT INTO document_sector VALUES (?, ?)',
                    (doc, sector[2]))
        con.executemany(
            'INSERT INTO mention (run_id, document_id, kind, start, end, '
            'surface, value, org_id) VALUES (?,?,?,?,?,?,?,?)',
            [(run, doc, k, st, en, sf, v, o) for k, st, en, sf, v, o
             in d.spans if k not in ('event', 'mou')])
        mentions += sum(1 for x in d.spans if x[0] not in ('event', 'mou'))
        if ev is None:
            continue
        span = [x for x in d.spans if x[0] in ('event', 'mou')][0]
        # Every other record joins the previous one's group: two reports.
        if group is None or rng.random() < 0.5:
            group = con.execute(
                'INSERT INTO event_group (run_id, kind, type, date, location)'
                ' VALUES (?,?,?,?,?)', (run, 'mou' if ev == 'mou' else
                                        'event', None if ev == 'mou' else
                                        ev[0], date.isoformat(), place[2])
            ).lastrowid
            gkind = ev == 'mou'
        elif gkind != (ev == 'mou'):
            group = None
        if ev == 'mou':
            mid = con.execute(
                'INSERT INTO mou (run_id, document_id, group_id, date, '
                'location, start, end, evidence) VALUES (?,?,?,?,?,?,?,?)',
                (run, doc, group, date.isoformat(), place[2], span[1],
                 span[2], span[3])).lastrowid
            con.executemany('INSERT OR IGNORE INTO mou_party VALUES (?,?,?)',
                            [(mid, oid, o[4] if ko else o[5])
                             for oid, o in orgs])
            n_mou += 1
        else:
            eid = con.execute(
                'INSERT INTO event (run_id, document_id, group_id, type, name,'
                ' date, location, start, end, evidence) VALUES '
                '(?,?,?,?,?,?,?,?,?,?)',
                (run, doc, group, ev[0], f'{sector[0]} {ev[1]}',
                 date.isoformat(), place[2], span[1], span[2],
                 span[3])).lastrowid
            con.executemany(
                'INSERT OR IGNORE INTO event_org VALUES (?,?,?,?)',
                [(eid, oid, 'host' if j == 0 else 'participant',
                  o[4] if ko else o[5]) for j, (oid, o) in enumerate(orgs)])
            con.execute('INSERT INTO event_sector VALUES (?,?)',
                        (eid, sector[2]))
            n_ev += 1
        if i % 10000 == 9999:
            con.commit()
            print(f'{i + 1} documents, {mentions} mentions, '
                  f'{time.time() - t0:.0f}s', file=sys.stderr)
    t1 = time.time()
    s.close()
    t2 = time.time()
    print(f'{a.docs} documents, {mentions} mentions, {n_ev} events, '
          f'{n_mou} MOUs; rows {t1 - t0:.1f}s, kicwatch init (kwcjk index) '
          f'{t2 - t1:.1f}s; {os.path.getsize(a.out) >> 20} MiB')


if __name__ == '__main__':
    main()
