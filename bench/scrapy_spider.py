#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""The benchmark's peer: the same job as `kicwatch crawl` done with Scrapy.

    /usr/bin/python3 bench/scrapy_spider.py --base http://127.0.0.1:PORT \\
        --db OUT.db [--conns 16] [--config-dir config]

Run it with Debian's python3 (python3-scrapy), not a pyenv one. It crawls
both boards of bench/gen_corpus.py's site (list pages, next-page links,
articles; robots.txt obeyed), takes title, date and body by XPath (the
same selectors as bench/kicwatch-bench.yaml), and runs a set of regular
expressions equivalent to kicwatch's extraction vocabulary, all built once
at start from config/entities.yaml and config/patterns.yaml:

  * organisations: every gazetteer alias (with Traditional forms made by
    OpenCC, as kicwatch does), plus unknown names by suffix (…센터, …대학교,
    …中心, …有限公司);
  * dates (2024년 9월 9일, 9월 9일, 지난 9일, 2024年9月9日, 9月9日, 2024-09-09),
    resolved against the publication date;
  * places and strategic sectors;
  * events: a trigger in a sentence, with its type, quoted name, date,
    place and the organisations of the sentence with a role from the role
    cues that follow them;
  * MOUs: a signing noun and a signing verb in one sentence (or a strong
    word), its parties the sentence's organisations.

Items go to SQLite (WAL, synchronous=NORMAL like kicwatch's store) in
batches of 200 rows per table in one transaction. Tuned for loopback: high
concurrency, no AutoThrottle, no delay, no cache, no retries, no cookies.
Prints one JSON line of counts at the end.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import unicodedata

import scrapy
import yaml
from scrapy.crawler import CrawlerProcess

HERE = os.path.dirname(os.path.abspath(__file__))

PROFILES = {
    'bench-kic-news': {
        'start': '/index.php?m=content&c=index&a=lists&catid=67',
        'items': "//ul[@class='list_news']/li/a/@href",
        'next': "//div[@id='pages']/a[. = '다음']/@href",
        'title': "//h1[@class='title']",
        'date': "//div[@class='info']",
        'body': "//div[@id='content']",
    },
    'bench-xwdt': {
        'start': '/news/xwdt/index.shtml',
        'items': "//div[@class='list']/ul/li/a/@href",
        'next': "//div[@class='page']/a[. = '下一页']/@href",
        'title': "//div[@class='article']/h1",
        'date': "//div[@class='pages-date']",
        'body': "//div[@id='allStyleDIV']",
    },
}

HAN = re.compile(r'[\u4e00-\u9fff]')


def alternation(words):
    """A regex alternation, longest first, so the longest word wins."""
    return '|'.join(re.escape(w) for w in
                    sorted(set(words), key=lambda w: (-len(w), w)))


class Rules:
    """The extraction vocabulary as compiled regular expressions."""

    def __init__(self, confdir):
        with open(os.path.join(confdir, 'entities.yaml'), encoding='utf-8') as f:
            ents = yaml.safe_load(f)['entities']
        with open(os.path.join(confdir, 'patterns.yaml'), encoding='utf-8') as f:
            pat = yaml.safe_load(f)
        norm = self.norm
        self.s2t = self._opencc(ents, pat)
        self.canon = {}
        for e in ents:
            for names in (e.get('aliases') or {}).values():
                for a in names:
                    self.canon[norm(a)] = e['name']
        # Traditional forms of Han aliases, mapped to the same entity.
        simp = sorted(a for a in self.canon if HAN.search(a))
        trad = self._s2t_pairs(simp)
        for s, t in trad:
            self.canon.setdefault(t, self.canon[s])
        self.org_re = re.compile(alternation(self.canon))
        ko_suf = [s['suffix'] for s in pat['orgs']['suffixes']
                  if not HAN.search(s['suffix']) and not s.get('prefix')]
        zh_suf = [s['suffix'] for s in pat['orgs']['suffixes']
                  if HAN.search(s['suffix'])]
        zh_suf += [t for _, t in self._s2t_pairs(zh_suf)]
        self.shape_re = re.compile(
            r'(?:\(주\)\s?[가-힣A-Za-z]{2,12})|'
            r'(?:[가-힣A-Za-z0-9]{2,20}(?:' + alternation(ko_suf) + r'))|'
            r'(?:[\u4e00-\u9fff]{2,14}?(?:' + alternation(zh_suf) + r'))')
        self.particle_re = re.compile(
            '(?:' + alternation(pat['particles']) + ')$')

        self.ev_type = {}
        for ev in pat['events']:
            for t in ev['triggers']:
                self.ev_type[norm(t)] = ev['type']
        for s, t in self._s2t_pairs(sorted(self.ev_type)):
            self.ev_type.setdefault(t, self.ev_type[s])
        self.ev_re = re.compile(alternation(self.ev_type))
        self.ev_not_before = re.compile(
            '(?:' + alternation(pat['event_rules']['not_before']) + ')')
        mou = pat['mou']
        trig = [norm(w) for w in mou['triggers']]
        verbs = [norm(w) for w in mou['verbs']]
        strong = [norm(w) for w in mou['strong']]
        self.mou_re = re.compile(alternation(
            trig + [t for _, t in self._s2t_pairs(trig)]))
        self.mou_verb_re = re.compile(alternation(
            verbs + [t for _, t in self._s2t_pairs(verbs)]))
        self.mou_strong_re = re.compile(alternation(
            strong + [t for _, t in self._s2t_pairs(strong)]))

        self.roles = []
        for r in pat['roles']:
            cues = [norm(c) for c in r['cues']]
            cues += [t for _, t in self._s2t_pairs(cues)]
            self.roles.append((r['role'], re.compile(alternation(cues))))

        self.place = {}
        for p in pat['places']:
            for n in p['names']:
                self.place[norm(n)] = p['value']
        for s, t in self._s2t_pairs(sorted(self.place)):
            self.place.setdefault(t, self.place[s])
        self.place_re = re.compile(alternation(self.place))
        self.sector = {}
        for s in pat['sectors']:
            for k in s['keywords']:
                self.sector[norm(k)] = s['id']
        for s, t in self._s2t_pairs(sorted(self.sector)):
            self.sector.setdefault(t, self.sector[s])
        self.sector_re = re.compile(alternation(self.sector))

        self.date_re = re.compile(
            r'(?P<y>(?:19|20)\d\d)\s*(?:년|年|[-./])\s*(?P<m>\d{1,2})\s*'
            r'(?:월|月|[-./])\s*(?P<d>\d{1,2})\s*(?:일|日)?'
            r'|(?P<m2>\d{1,2})\s*(?:월|月)\s*(?P<d2>\d{1,2})\s*(?:일|日)'
            r'|(?:지난\s*)?(?P<d3>\d{1,2})(?:일|日)(?![가-힣\d])'
            r'|(?P<y4>(?:19|20)\d\d)\s*(?:년|年)\s*(?P<m4>\d{1,2})\s*(?:월|月)')
        self.quote_re = re.compile(r'[‘“「《『]([^’”」》』]{2,60})[’”」》』]')
        self.sent_re = re.compile(r'(?<=[.!?。！？])\s+|(?<=[。！？])')
        self.pub_re = re.compile(r'((?:19|20)\d\d)\s*[-年./]\s*(\d{1,2})\s*'
                                 r'[-月./]\s*(\d{1,2})')

    @staticmethod
    def _opencc(ents, pat):
        """Simplified -> Traditional for every Han word of the vocabulary,
        in one OpenCC process (kicwatch loads the same s2t tables)."""
        words = set()

        def walk(v):
            if isinstance(v, str):
                if HAN.search(v):
                    words.add(unicodedata.normalize('NFKC', v))
            elif isinstance(v, dict):
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(ents)
        walk(pat)
        cfg = '/usr/share/opencc/s2t.json'
        if shutil.which('opencc') is None or not os.path.exists(cfg):
            sys.exit('scrapy_spider: needs the opencc command (Debian '
                     'package opencc)')
        han = sorted(w for w in words if '\n' not in w)
        p = subprocess.run(['opencc', '-c', cfg],
                           input='\n'.join(han).encode(),
                           capture_output=True, check=True)
        return dict(zip(han, p.stdout.decode().split('\n')))

    def _s2t_pairs(self, words):
        return [(w, self.s2t[w]) for w in words
                if w in self.s2t and self.s2t[w] and self.s2t[w] != w]

    @staticmethod
    def norm(s):
        return unicodedata.normalize('NFKC', s)

    # --- per document

    def resolve(self, m, pub):
        py, pm = (int(pub[:4]), int(pub[5:7])) if pub else (None, None)
        g = m.groupdict()
        if g['y']:
            y, mo, d = int(g['y']), int(g['m']), int(g['d'])
        elif g['m2']:
            if py is None:
                return None
            y, mo, d = py, int(g['m2']), int(g['d2'])
        elif g['d3']:
            if py is None:
                return None
            y, mo, d = py, pm, int(g['d3'])
        else:
            mo = int(g['m4'])
            return f'{int(g["y4"]):04d}-{mo:02d}' if 1 <= mo <= 12 else None
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return f'{y:04d}-{mo:02d}-{d:02d}'

    def orgs_in(self, sent, base):
        """(start, end, surface, canonical) of the organisations."""
        found = []
        taken = []
        for m in self.org_re.finditer(sent):
            found.append((base + m.start(), base + m.end(), m.group(),
                          self.canon[m.group()]))
            taken.append((m.start(), m.end()))
        for m in self.shape_re.finditer(sent):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            name = self.particle_re.sub('', m.group())
            if len(name) >= 3:
                found.append((base + m.start(), base + m.start() + len(name),
                              name, name))
        found.sort()
        return found

    def role_of(self, sent, base, org, nxt):
        """The first role cue between an organisation and the next one."""
        seg = sent[org[1] - base:(nxt[0] - base) if nxt else len(sent)]
        best = None
        for role, cre in self.roles:
            m = cre.search(seg)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), role)
        return best[1] if best else 'participant'

    def extract(self, text, pub):
        doc = {'mentions': [], 'events': [], 'mous': [], 'orgs': {}}
        ments = doc['mentions']
        pos = 0
        for sent in self.sent_re.split(text):
            if not sent:
                continue
            base = text.find(sent, pos)
            pos = base + len(sent)
            orgs = self.orgs_in(sent, base)
            for o in orgs:
                ments.append(('org', o[0], o[1], o[2], o[3]))
                doc['orgs'][o[3]] = doc['orgs'].get(o[3], 0) + 1
            dates = []
            for m in self.date_re.finditer(sent):
                v = self.resolve(m, pub)
                if v:
                    dates.append(v)
                    ments.append(('date', base + m.start(), base + m.end(),
                                  m.group(), v))
            places = []
            for m in self.place_re.finditer(sent):
                places.append(self.place[m.group()])
                ments.append(('place', base + m.start(), base + m.end(),
                              m.group(), self.place[m.group()]))
            for m in self.sector_re.finditer(sent):
                ments.append(('sector', base + m.start(), base + m.end(),
                              m.group(), self.sector[m.group()]))
            self.events(sent, base, pub, orgs, dates, places, doc)
            self.mous(sent, base, pub, orgs, dates, places, doc)
        return doc

    def events(self, sent, base, pub, orgs, dates, places, doc):
        for m in self.ev_re.finditer(sent):
            if self.ev_not_before.match(sent, m.end()):
                continue
            doc['mentions'].append(('event', base + m.start(), base + m.end(),
                                    m.group(), self.ev_type[m.group()]))
            q = self.quote_re.search(sent)
            parties = [(o[3], self.role_of(sent, base, o,
                                           orgs[i + 1] if i + 1 < len(orgs)
                                           else None))
                       for i, o in enumerate(orgs)]
            doc['events'].append({
                'type': self.ev_type[m.group()],
                'name': q.group(1) if q else m.group(),
                'date': dates[0] if dates else pub,
                'location': places[0] if places else None,
                'orgs': parties, 'start': base, 'end': base + len(sent),
                'evidence': sent[:200]})
            break           # one event per sentence

    def mous(self, sent, base, pub, orgs, dates, places, doc):
        m = self.mou_re.search(sent)
        strong = self.mou_strong_re.search(sent)
        if not ((m and self.mou_verb_re.search(sent)) or strong):
            return
        m = m or strong
        doc['mentions'].append(('mou', base + m.start(), base + m.end(),
                                m.group(), None))
        doc['mous'].append({
            'date': dates[0] if dates else pub,
            'location': places[0] if places else None,
            'parties': [o[3] for o in orgs], 'start': base,
            'end': base + len(sent), 'evidence': sent[:200]})


SCHEMA = '''
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS document (id INTEGER PRIMARY KEY, url TEXT UNIQUE,
  source TEXT, title TEXT, published TEXT, lang TEXT, text TEXT,
  fetched_at TEXT, bytes INTEGER);
CREATE TABLE IF NOT EXISTS mention (document_id INTEGER, kind TEXT,
  start INTEGER, "end" INTEGER, surface TEXT, value TEXT);
CREATE TABLE IF NOT EXISTS event (id INTEGER PRIMARY KEY, document_id INTEGER,
  type TEXT, name TEXT, date TEXT, location TEXT, start INTEGER, "end" INTEGER,
  evidence TEXT);
CREATE TABLE IF NOT EXISTS event_org (event_id INTEGER, name TEXT, role TEXT);
CREATE TABLE IF NOT EXISTS mou (id INTEGER PRIMARY KEY, document_id INTEGER,
  date TEXT, location TEXT, start INTEGER, "end" INTEGER, evidence TEXT);
CREATE TABLE IF NOT EXISTS mou_party (mou_id INTEGER, name TEXT);
CREATE TABLE IF NOT EXISTS org (name TEXT PRIMARY KEY, mentions INTEGER);
'''


class SQLitePipeline:
    """Items into SQLite, BATCH documents per transaction."""
    BATCH = 200

    def open_spider(self, spider):
        self.db = sqlite3.connect(spider.db_path)
        self.db.executescript(SCHEMA)
        self.pending = []
        self.counts = {'documents': 0, 'mentions': 0, 'events': 0, 'mous': 0}
        self.orgs = {}

    def process_item(self, item, spider):
        self.pending.append(item)
        if len(self.pending) >= self.BATCH:
            self.flush()
        return item

    def flush(self):
        if not self.pending:
            return
        cur = self.db.cursor()
        cur.execute('BEGIN')
        for it in self.pending:
            cur.execute('INSERT OR IGNORE INTO document (url, source, title, '
                        'published, lang, text, fetched_at, bytes) VALUES '
                        '(?,?,?,?,?,?,?,?)',
                        (it['url'], it['source'], it['title'], it['published'],
                         it['lang'], it['text'], it['fetched_at'],
                         it['bytes']))
            did = cur.lastrowid
            d = it['doc']
            cur.executemany('INSERT INTO mention VALUES (?,?,?,?,?,?)',
                            [(did,) + m for m in d['mentions']])
            for ev in d['events']:
                cur.execute('INSERT INTO event (document_id, type, name, date, '
                            'location, start, "end", evidence) VALUES '
                            '(?,?,?,?,?,?,?,?)',
                            (did, ev['type'], ev['name'], ev['date'],
                             ev['location'], ev['start'], ev['end'],
                             ev['evidence']))
                eid = cur.lastrowid
                cur.executemany('INSERT INTO event_org VALUES (?,?,?)',
                                [(eid, n, r) for n, r in ev['orgs']])
            for mo in d['mous']:
                cur.execute('INSERT INTO mou (document_id, date, location, '
                            'start, "end", evidence) VALUES (?,?,?,?,?,?)',
                            (did, mo['date'], mo['location'], mo['start'],
                             mo['end'], mo['evidence']))
                mid = cur.lastrowid
                cur.executemany('INSERT INTO mou_party VALUES (?,?)',
                                [(mid, n) for n in mo['parties']])
            for n, c in d['orgs'].items():
                self.orgs[n] = self.orgs.get(n, 0) + c
            self.counts['documents'] += 1
            self.counts['mentions'] += len(d['mentions'])
            self.counts['events'] += len(d['events'])
            self.counts['mous'] += len(d['mous'])
        self.db.commit()
        self.pending = []

    def close_spider(self, spider):
        self.flush()
        self.db.executemany('INSERT OR REPLACE INTO org VALUES (?,?)',
                            sorted(self.orgs.items()))
        self.db.commit()
        self.db.close()
        self.counts['orgs'] = len(self.orgs)
        spider.counts = self.counts


class BenchSpider(scrapy.Spider):
    name = 'kicwatch-bench-peer'

    def __init__(self, base, db_path, rules, **kw):
        super().__init__(**kw)
        self.base, self.db_path, self.rules = base, db_path, rules
        self.counts = {}
        self.list_pages = 0
        self.ws = re.compile(r'\s+')

    def start_requests(self):
        for name, p in PROFILES.items():
            yield scrapy.Request(self.base + p['start'], callback=self.parse_list,
                                 cb_kwargs={'source': name})

    def parse_list(self, response, source):
        p = PROFILES[source]
        self.list_pages += 1
        for href in response.xpath(p['items']).getall():
            yield response.follow(href, callback=self.parse_article,
                                  cb_kwargs={'source': source})
        nxt = response.xpath(p['next']).get()
        if nxt:
            yield response.follow(nxt, callback=self.parse_list,
                                  cb_kwargs={'source': source})

    def field(self, response, xp):
        v = response.xpath(f'string({xp})').get() or ''
        return self.ws.sub(' ', v).strip()

    def parse_article(self, response, source):
        p = PROFILES[source]
        r = self.rules
        title = r.norm(self.field(response, p['title']))
        m = r.pub_re.search(self.field(response, p['date']))
        pub = (f'{int(m.group(1)):04d}-{int(m.group(2)):02d}-'
               f'{int(m.group(3)):02d}' if m else None)
        paras = [self.ws.sub(' ', t).strip() for t in
                 response.xpath(p['body'] + '//text()').getall()]
        text = r.norm('\n'.join(t for t in paras if t))
        hangul = len(re.findall(r'[가-힣]', text))
        lang = 'ko' if hangul * 2 > len(HAN.findall(text)) else 'zh'
        yield {'url': response.url, 'source': source, 'title': title,
               'published': pub, 'lang': lang, 'text': text,
               'fetched_at': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
               'bytes': len(response.body), 'doc': r.extract(text, pub)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--base', required=True, help='http://127.0.0.1:PORT')
    ap.add_argument('--db', required=True)
    ap.add_argument('--conns', type=int, default=16,
                    help='concurrent requests per host')
    ap.add_argument('--config-dir', default=os.path.join(HERE, '..', 'config'))
    args = ap.parse_args()
    t0 = time.monotonic()
    rules = Rules(args.config_dir)
    t_rules = time.monotonic() - t0
    proc = CrawlerProcess(settings={
        'BOT_NAME': 'benchpeer',
        'USER_AGENT': 'scrapy-bench/%s (+benchmark on 127.0.0.1)'
                      % scrapy.__version__,
        'ROBOTSTXT_OBEY': True,
        'CONCURRENT_REQUESTS': max(32, args.conns),
        'CONCURRENT_REQUESTS_PER_DOMAIN': args.conns,
        'DOWNLOAD_DELAY': 0,
        'RANDOMIZE_DOWNLOAD_DELAY': False,
        'AUTOTHROTTLE_ENABLED': False,
        'HTTPCACHE_ENABLED': False,
        'COOKIES_ENABLED': False,
        'RETRY_ENABLED': False,
        'TELNETCONSOLE_ENABLED': False,
        'LOG_LEVEL': 'WARNING',
        'REQUEST_FINGERPRINTER_IMPLEMENTATION': '2.7',
        'ITEM_PIPELINES': {SQLitePipeline: 300},
    })
    crawler = proc.create_crawler(BenchSpider)
    proc.crawl(crawler, base=args.base.rstrip('/'), db_path=args.db,
               rules=rules)
    proc.start()
    sp = crawler.spider
    out = dict(sp.counts, list_pages=sp.list_pages,
               rules_seconds=round(t_rules, 3),
               seconds=round(time.monotonic() - t0, 3),
               responses=crawler.stats.get_value(
                   'downloader/response_count', 0))
    print(json.dumps(out))
    return 0 if sp.counts.get('documents') else 1


if __name__ == '__main__':
    sys.exit(main())
