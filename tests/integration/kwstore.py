# SPDX-License-Identifier: ISC
"""Builds kicwatch stores with realistic rows, without crawling.

Store(path) applies the schema migrations from schema/*.sql with Python's
sqlite3 up to (not including) the first one that needs kicwatch's own FTS5
tokenizer (kwcjk), takes rows through small methods (source, capture, run,
org, document, mention, event, mou, ...), and close() commits and runs
`kicwatch --db PATH init`, which applies the remaining migrations and so
indexes every document in document_cjk. After close() the store is a
normal kicwatch store; Python can still read it and insert any row except
documents (their trigger needs kwcjk, which only kicwatch registers).

build_sample(path) writes the sample corpus the report tests use: KIC China
announcements in Korean, partner news in Chinese (one report of the same
signing in each language), a document captured twice, an incomplete
reparse run, a watch-listed university, unverified organisations and a
document full of hostile text. Stdlib only.
"""
import datetime
import glob
import hashlib
import os
import re
import sqlite3
import subprocess
import zlib

SOURCE_ROOT = os.environ.get(
    'KW_SOURCE_ROOT',
    os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..')))
KICWATCH = os.environ.get('KICWATCH', 'kicwatch')


def _migrations():
    files = sorted(glob.glob(os.path.join(SOURCE_ROOT, 'schema', '*.sql')))
    out = []
    for f in files:
        m = re.match(r'^(\d+)_', os.path.basename(f))
        if m:
            with open(f, encoding='utf-8') as fh:
                out.append((int(m.group(1)), fh.read()))
    return out


def utc(s):
    """'2026-03-10 09:00' or a datetime -> '2026-03-10T09:00:00Z'."""
    if isinstance(s, datetime.datetime):
        return s.strftime('%Y-%m-%dT%H:%M:%SZ')
    if 'T' in s:
        return s
    if len(s) == 10:
        s += ' 00:00'
    return datetime.datetime.strptime(s, '%Y-%m-%d %H:%M').strftime(
        '%Y-%m-%dT%H:%M:%SZ')


class Store:
    """One store being built; every method returns the new row id."""

    def __init__(self, path, kicwatch=None):
        self.path = path
        self.kicwatch = kicwatch or KICWATCH
        self.con = sqlite3.connect(path)
        self.con.execute('PRAGMA journal_mode = WAL')
        self.con.execute('PRAGMA foreign_keys = ON')
        version = 0
        for v, sql in _migrations():
            if 'kwcjk' in sql:
                break
            self.con.executescript(sql)
            version = v
        self.con.execute(f'PRAGMA user_version = {version}')
        self._texts = {}

    def _ins(self, table, **cols):
        names = ', '.join(cols)
        marks = ', '.join('?' * len(cols))
        cur = self.con.execute(
            f'INSERT INTO {table} ({names}) VALUES ({marks})',
            list(cols.values()))
        return cur.lastrowid

    def source(self, name, url, created_at='2025-01-01', **kw):
        return self._ins('source', name=name, url=url,
                         created_at=utc(created_at), **kw)

    def capture(self, source, url, body, fetched_at, status=200,
                content_type='text/html', kind='article', headers=None,
                final_url=None, charset='utf-8'):
        if isinstance(body, str):
            body = body.encode('utf-8')
        if headers is None:
            headers = (f'HTTP/1.1 {status} OK\r\n'
                       f'Content-Type: {content_type}; charset=utf-8\r\n'
                       f'Content-Length: {len(body)}\r\n')
        return self._ins(
            'capture', source_id=source, url=url, final_url=final_url or url,
            fetched_at=utc(fetched_at), status=status, headers=headers,
            content_type=content_type, charset=charset,
            charset_source='header',
            sha256=hashlib.sha256(body).hexdigest(), size=len(body),
            compression='zlib', body=zlib.compress(body), kind=kind)

    def fetch(self, source, url, at, outcome='stored', status=200,
              error=None, capture=None, nbytes=0):
        return self._ins('fetch_log', source_id=source, url=url, at=utc(at),
                         status=status, outcome=outcome, error=error,
                         bytes=nbytes, user_agent='kicwatch-test/1',
                         capture_id=capture)

    def run(self, started_at, kind='crawl', completed=True):
        return self._ins('run', kind=kind, started_at=utc(started_at),
                         completed_at=utc(started_at) if completed else None,
                         extractor='kwstore.py')

    def org(self, canonical, entity_id=None, country=None, kind=None,
            aliases=(), tags=(), unverified=False,
            created_at='2025-01-01'):
        oid = self._ins('org', canonical=canonical, entity_id=entity_id,
                        country=country, kind=kind,
                        unverified=1 if unverified else 0,
                        created_at=utc(created_at))
        for a in (canonical, *aliases):
            self.con.execute(
                'INSERT OR IGNORE INTO org_alias (org_id, alias, lang, origin)'
                ' VALUES (?, ?, NULL, ?)',
                (oid, a, 'observed' if unverified else 'gazetteer'))
        for t in tags:
            self._ins('org_tag', org_id=oid, tag=t, origin='gazetteer')
        return oid

    def watch(self, org, name, lst='us-entity-list', note=None):
        return self._ins('watchlist_entry', list=lst, name=name, org_id=org,
                         note=note, added_at=utc('2025-01-01'))

    def document(self, run, capture, source, url, title, text,
                 published=None, lang='ko', sectors=()):
        did = self._ins('document', run_id=run, capture_id=capture,
                        source_id=source, url=url, title=title,
                        published=published, lang=lang, text=text,
                        text_chars=len(text))
        for s in sectors:
            self._ins('document_sector', document_id=did, sector=s)
        self._texts[did] = text
        return did

    def span(self, doc, surface, nth=0):
        """Code-point span of the nth occurrence of surface in doc."""
        text = self._texts[doc]
        i = -1
        for _ in range(nth + 1):
            i = text.find(surface, i + 1)
            if i < 0:
                raise ValueError(f'{surface!r} not in document {doc}')
        return i, i + len(surface)

    def mention(self, run, doc, kind, surface, value=None, org=None, nth=0):
        start, end = self.span(doc, surface, nth)
        return self._ins('mention', run_id=run, document_id=doc, kind=kind,
                         start=start, end=end, surface=surface, value=value,
                         org_id=org)

    def org_mentions(self, run, doc, orgs):
        """Mentions every occurrence of each (org_id, surface) pair."""
        for oid, surface in orgs:
            text = self._texts[doc]
            for n in range(text.count(surface)):
                self.mention(run, doc, 'org', surface, org=oid, nth=n)

    def group(self, run, kind, date, location=None, type=None):
        return self._ins('event_group', run_id=run, kind=kind, type=type,
                         date=date, location=location)

    def _evidence(self, doc, surface):
        start, end = self.span(doc, surface)
        return start, end, surface

    def event(self, run, doc, type, evidence, orgs=(), name=None, date=None,
              location=None, group=None, sectors=()):
        """orgs: (org_id, role, surface name); evidence: a text substring."""
        start, end, ev = self._evidence(doc, evidence)
        eid = self._ins('event', run_id=run, document_id=doc, group_id=group,
                        type=type, name=name, date=date, location=location,
                        start=start, end=end, evidence=ev)
        for oid, role, name_ in orgs:
            self._ins('event_org', event_id=eid, org_id=oid, role=role,
                      name=name_)
        for s in sectors:
            self._ins('event_sector', event_id=eid, sector=s)
        self.mention(run, doc, 'event', evidence)
        return eid

    def mou(self, run, doc, evidence, parties=(), date=None, location=None,
            group=None):
        """parties: (org_id, surface name)."""
        start, end, ev = self._evidence(doc, evidence)
        mid = self._ins('mou', run_id=run, document_id=doc, group_id=group,
                        date=date, location=location, start=start, end=end,
                        evidence=ev)
        for oid, name in parties:
            self._ins('mou_party', mou_id=mid, org_id=oid, name=name)
        self.mention(run, doc, 'mou', evidence)
        return mid

    def close(self, init=True):
        """Commits and lets kicwatch apply the remaining migrations."""
        self.con.commit()
        self.con.close()
        if init:
            r = subprocess.run([self.kicwatch, '--db', self.path, 'init'],
                               capture_output=True, text=True, timeout=600)
            if r.returncode != 0:
                raise RuntimeError(f'kicwatch init failed: {r.stderr}')


HOSTILE_TITLE = ('<script>document.title="PWNED"</script>'
                 '<img src=x onerror="document.title=\'PWNED2\'">'
                 ' =HYPERLINK("http://evil.example/","클릭")'
                 ' \x1b[31m빨강\x1b]0;owned\x07\x1b[0m *굵게* [링크](javascript:alert(1))'
                 ' # 제목 | 표')
HOSTILE_ORG = '악성<svg onload="document.title=\'PWNED3\'">연구소'


def _page(title, text):
    return (f'<!doctype html><html><head><meta charset="utf-8">'
            f'<title>{title}</title></head><body><h3>{title}</h3>'
            f'<div class="view_cont">{text}</div></body></html>')


def build_sample(path, kicwatch=None, now=None):
    """Writes the sample corpus to path; returns a dict of the ids."""
    now = now or datetime.datetime.utcnow()
    s = Store(path, kicwatch)
    ids = {}
    kic_src = s.source('kic-china-news', 'https://kic.example/news/list')
    netc_src = s.source('netc-news', 'https://netc.example/xwzx/')
    torch_src = s.source('torch-news', 'https://torch.example/news/')
    ids['sources'] = (kic_src, netc_src, torch_src)

    o = {}
    o['kic'] = s.org('KIC China', 'kic-china', 'KR', 'government',
                     ['글로벌혁신센터', 'KIC중국', '중국글로벌혁신센터',
                      '韩国创新中心', 'Korea Innovation Center China'],
                     ['korean_government'])
    o['msit'] = s.org('Ministry of Science and ICT', 'msit', 'KR',
                      'government', ['과학기술정보통신부', '과기정통부'],
                      ['korean_government', 'government'])
    o['torch'] = s.org('Torch High Technology Industry Development Center',
                       'torch-center', 'CN', 'government',
                       ['火炬中心', '횃불센터', '科技部火炬高技术产业开发中心'],
                       ['state_tech_transfer', 'government'])
    o['netc'] = s.org('National Eastern Tech-Transfer Center', 'netc', 'CN',
                      'government',
                      ['国家技术转移东部中心', '國家技術轉移東部中心', '东部中心',
                       '국가기술이전동부센터', '동부센터'],
                      ['state_tech_transfer'])
    o['ste'] = s.org('Shanghai Technology Exchange', 'shanghai-tech-exchange',
                     'CN', 'exchange', ['上海技术交易所', '상하이기술거래소'],
                     ['state_tech_transfer'])
    o['zgc'] = s.org('Zhongguancun Science Park', 'zgc', 'CN', 'zone',
                     ['中关村', '중관촌'], ['state_tech_transfer'])
    o['beihang'] = s.org('Beihang University', 'beihang', 'CN', 'university',
                         ['北京航空航天大学', '北航', '베이항대학'],
                         ['military_linked', 'seven_sons'])
    o['hit'] = s.org('Harbin Institute of Technology', 'hit', 'CN',
                     'university', ['哈尔滨工业大学', '哈工大', '하얼빈공업대학'],
                     ['military_linked', 'seven_sons'])
    o['h2lab'] = s.org('H2Lab', 'h2lab', 'KR', 'company',
                       ['에이치투랩', 'H2랩'], ['korean_startup'])
    o['qubit'] = s.org('큐비트솔루션', None, 'KR', 'company', [],
                       unverified=True)
    o['nano'] = s.org('苏州纳米创新研究院', None, 'CN', None, [],
                      unverified=True)
    o['evil'] = s.org(HOSTILE_ORG, None, None, None, [], unverified=True)
    s.watch(o['hit'], 'Harbin Institute of Technology', note='test listing')
    ids['orgs'] = o

    old = s.run('2026-01-01 00:00')
    cur = s.run('2026-02-01 00:00')
    partial = s.run('2026-07-01 00:00', kind='reparse', completed=False)
    ids['runs'] = (old, cur, partial)

    def doc(src, url, fetched, title, text, published, lang, sectors=(),
            run=cur):
        cap = s.capture(src, url, _page(title, text), fetched)
        s.fetch(src, url, fetched, capture=cap, nbytes=len(text))
        return s.document(run, cap, src, url, title, text, published, lang,
                          sectors), cap

    # An old run's document: never shown (run 1 is superseded).
    doc(kic_src, 'https://kic.example/news/old', '2025-12-30 10:00',
        '구버전 추출 결과', '이 문서는 이전 실행의 결과입니다.', '2025-12-30', 'ko',
        run=old)

    t1 = ('글로벌혁신센터(KIC중국)는 3월 10일 상하이에서 상하이기술거래소, '
          '국가기술이전동부센터와 한중 기술이전 협력을 위한 3자 업무협약(MOU)을 '
          '체결했다고 밝혔다. 이번 협약에 따라 세 기관은 수소 및 이차전지 분야 '
          '한국 스타트업의 중국 진출과 기술거래를 공동 지원한다. '
          '협약식에는 과학기술정보통신부 관계자도 참석했다.')
    d1, c1 = doc(kic_src, 'https://kic.example/news/view?id=101',
                 '2026-03-12 08:00',
                 'KIC중국, 상하이기술거래소와 기술이전 업무협약 체결', t1,
                 '2026-03-12', 'ko', ['hydrogen', 'battery'])
    s.org_mentions(cur, d1, [(o['kic'], '글로벌혁신센터'),
                             (o['kic'], 'KIC중국'),
                             (o['ste'], '상하이기술거래소'),
                             (o['netc'], '국가기술이전동부센터'),
                             (o['msit'], '과학기술정보통신부')])
    s.mention(cur, d1, 'date', '3월 10일', '2026-03-10')
    s.mention(cur, d1, 'place', '상하이', 'Shanghai')
    s.mention(cur, d1, 'sector', '수소', 'hydrogen')
    g1 = s.group(cur, 'mou', '2026-03-10', 'Shanghai')
    s.mou(cur, d1, '한중 기술이전 협력을 위한 3자 업무협약(MOU)을 체결했다',
          [(o['kic'], '글로벌혁신센터'), (o['ste'], '상하이기술거래소'),
           (o['netc'], '국가기술이전동부센터')], '2026-03-10', 'Shanghai', g1)

    t2 = ('3月10日，国家技术转移东部中心、上海技术交易所与韩国创新中心在上海'
          '签署三方合作协议，共同推动中韩氢能和二次电池领域的技术转移与成果'
          '转化。东部中心表示，将为韩国科技型企业提供技术交易和对接服务。')
    d2, _ = doc(netc_src, 'https://netc.example/xwzx/2026/0311.html',
                '2026-03-11 12:00', '东部中心与韩国创新中心签署三方合作协议', t2,
                '2026-03-11', 'zh', ['hydrogen', 'battery'])
    s.org_mentions(cur, d2, [(o['netc'], '国家技术转移东部中心'),
                             (o['ste'], '上海技术交易所'),
                             (o['kic'], '韩国创新中心')])
    s.mou(cur, d2, '签署三方合作协议',
          [(o['netc'], '国家技术转移东部中心'), (o['ste'], '上海技术交易所'),
           (o['kic'], '韩国创新中心')], '2026-03-10', 'Shanghai', g1)

    t3 = ('KIC중국은 4월 18일 베이징 중관촌에서 「2026 한중 수소경제 데모데이」를 '
          '개최했다. 이날 행사에는 에이치투랩, 큐비트솔루션 등 한국 스타트업 8개사가 '
          '참가해 수소 연료전지와 양자암호 기술을 발표했으며, 北京航空航天大学 '
          '관계자와 중관촌 투자기관이 심사에 참여했다.')
    d3, _ = doc(kic_src, 'https://kic.example/news/view?id=115',
                '2026-04-20 09:30', '2026 한중 수소경제 데모데이 개최', t3,
                '2026-04-20', 'ko', ['hydrogen', 'quantum'])
    s.org_mentions(cur, d3, [(o['kic'], 'KIC중국'), (o['zgc'], '중관촌'),
                             (o['h2lab'], '에이치투랩'),
                             (o['qubit'], '큐비트솔루션'),
                             (o['beihang'], '北京航空航天大学')])
    g3 = s.group(cur, 'event', '2026-04-18', 'Beijing', 'demo_day')
    s.event(cur, d3, 'demo_day', '「2026 한중 수소경제 데모데이」를 개최했다',
            [(o['kic'], 'host', 'KIC중국'), (o['zgc'], 'co-host', '중관촌'),
             (o['h2lab'], 'participant', '에이치투랩'),
             (o['qubit'], 'participant', '큐비트솔루션'),
             (o['beihang'], 'attendee', '北京航空航天大学')],
            '2026 한중 수소경제 데모데이', '2026-04-18', 'Beijing', g3,
            ['hydrogen', 'quantum'])

    t4 = ('5月7日，由火炬中心主办的中韩科技创新合作论坛在武汉举行。韩国创新中心、'
          '哈尔滨工业大学、苏州纳米创新研究院等机构代表围绕人工智能与半导体'
          '产业合作进行了交流，并举办了项目路演。')
    d4, _ = doc(torch_src, 'https://torch.example/news/2026/0508.html',
                '2026-05-08 03:00', '火炬中心举办中韩科技创新合作论坛', t4,
                '2026-05-08', 'zh', ['ai', 'semiconductor'])
    s.org_mentions(cur, d4, [(o['torch'], '火炬中心'),
                             (o['kic'], '韩国创新中心'),
                             (o['hit'], '哈尔滨工业大学'),
                             (o['nano'], '苏州纳米创新研究院')])
    g4 = s.group(cur, 'event', '2026-05-07', 'Wuhan', 'forum')
    s.event(cur, d4, 'forum', '由火炬中心主办的中韩科技创新合作论坛在武汉举行',
            [(o['torch'], 'host', '火炬中心'),
             (o['kic'], 'attendee', '韩国创新中心'),
             (o['hit'], 'attendee', '哈尔滨工业大学'),
             (o['nano'], 'attendee', '苏州纳米创新研究院')],
            '中韩科技创新合作论坛', '2026-05-07', 'Wuhan', g4,
            ['ai', 'semiconductor'])

    t5 = ('KIC중국은 10월 30일 베이징에서 중관촌과 한국 스타트업의 현지 창업 지원을 '
          '위한 업무협약을 체결했다.')
    d5, _ = doc(kic_src, 'https://kic.example/news/view?id=88',
                '2025-11-03 10:00', 'KIC중국, 중관촌과 창업 협력 MOU', t5,
                '2025-11-03', 'ko', ['ai'])
    s.org_mentions(cur, d5, [(o['kic'], 'KIC중국'), (o['zgc'], '중관촌')])
    g5 = s.group(cur, 'mou', '2025-10-30', 'Beijing')
    s.mou(cur, d5, '중관촌과 한국 스타트업의 현지 창업 지원을 위한 업무협약을 체결했다',
          [(o['kic'], 'KIC중국'), (o['zgc'], '중관촌')], '2025-10-30',
          'Beijing', g5)

    t6 = ('<b>세미나</b> 안내: KIC중국과 에이치투랩은 4월 1일 ' + HOSTILE_ORG +
          '과 함께 =SUM(A1:A9) 보안 세미나를 열었다. \x1b[2J 화면 지우기 '
          '<script>alert(1)</script>')
    d6, _ = doc(kic_src, 'https://kic.example/news/view?id=120',
                '2026-04-02 07:00', HOSTILE_TITLE, t6, '2026-04-02', 'ko',
                ['cybersecurity'])
    s.org_mentions(cur, d6, [(o['kic'], 'KIC중국'), (o['h2lab'], '에이치투랩'),
                             (o['evil'], HOSTILE_ORG)])
    g6 = s.group(cur, 'event', '2026-04-01', None, 'seminar')
    s.event(cur, d6, 'seminar', '=SUM(A1:A9) 보안 세미나를 열었다',
            [(o['kic'], 'host', 'KIC중국'),
             (o['h2lab'], 'participant', '에이치투랩'),
             (o['evil'], 'participant', HOSTILE_ORG)],
            '<b>세미나</b> [x](javascript:alert(1))', '2026-04-01', None, g6,
            ['cybersecurity'])

    # One URL captured twice; the newer capture's document is the current.
    url7 = 'https://kic.example/news/view?id=130'
    t7a = 'KIC중국 방문단은 6월 12일 선전을 방문했다.'
    t7b = ('KIC중국 방문단은 6월 12일 선전을 방문해 화웨이 창업지원센터와 '
           '협력 방안을 논의했다. (수정)')
    d7a, c7a = doc(kic_src, url7, '2026-06-15 01:00', 'KIC중국 선전 방문', t7a,
                   '2026-06-15', 'ko')
    d7b, c7b = doc(kic_src, url7, '2026-06-16 01:00',
                   'KIC중국 선전 방문 (수정)', t7b, '2026-06-15', 'ko')
    for d in (d7a, d7b):
        s.org_mentions(cur, d, [(o['kic'], 'KIC중국')])
    g7 = s.group(cur, 'event', '2026-06-12', 'Shenzhen', 'visit')
    s.event(cur, d7a, 'visit', '6월 12일 선전을 방문했다',
            [(o['kic'], 'host', 'KIC중국')], None, '2026-06-12',
            'Shenzhen', g7)
    s.event(cur, d7b, 'visit', '6월 12일 선전을 방문해',
            [(o['kic'], 'host', 'KIC중국')], None, '2026-06-12',
            'Shenzhen', g7)

    # A reparse that never completed: its rows are never shown.
    _, cp = doc(kic_src, 'https://kic.example/news/view?id=999',
                '2026-07-01 00:00', '미완료 재처리 문서', '수소 협약 미완료.',
                '2026-07-01', 'ko', run=partial)

    # Collection history for stats.
    s.fetch(kic_src, 'https://kic.example/news/list', '2026-03-12 07:59',
            outcome='unchanged')
    s.fetch(torch_src, 'https://torch.example/news/', '2026-01-05 00:00',
            outcome='error', status=None, error='timeout after 30s (old)')
    s.fetch(torch_src, 'https://torch.example/news/',
            now - datetime.timedelta(hours=2), outcome='error', status=None,
            error='connection reset by peer')
    s.fetch(netc_src, 'https://netc.example/xwzx/',
            now - datetime.timedelta(hours=3), outcome='http_error',
            status=503, error='HTTP 503')
    s.con.execute("UPDATE source SET last_success_at = ? WHERE id = ?",
                  (utc('2026-06-16 01:00'), kic_src))
    s.con.execute("UPDATE source SET last_success_at = ?, failures = 2, "
                  "last_error = 'connection reset by peer' WHERE id = ?",
                  (utc('2026-05-08 03:00'), torch_src))
    ids['docs'] = dict(d1=d1, d2=d2, d3=d3, d4=d4, d5=d5, d6=d6, d7a=d7a,
                       d7b=d7b)
    ids['captures'] = dict(c1=c1, c7a=c7a, c7b=c7b)
    ids['groups'] = dict(g1=g1, g3=g3, g4=g4, g5=g5, g6=g6, g7=g7)
    s.close()
    return ids
