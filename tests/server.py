#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A test web server for kicwatch's crawl tests (python3 stdlib only).

    server.py --root tests/fixtures/sites/<case> --log requests.jsonl

listens on 127.0.0.1 (a free port unless --port), prints "PORT <n>" on
stdout, and appends every request it receives, with its headers and
arrival time, as one JSON line to --log, so a test can check what kicwatch
asked for (robots.txt first, conditional headers, politeness gaps) and not
only what it stored.

It serves:
  - the case directory's files. _site.json there may set, per path, the
    encoding the (UTF-8) file is served in and the Content-Type header
    ("pages": {"/a.html": {"encoding": "cp949", "content_type":
    "text/html; charset=euc-kr"}}), and "robots_status" to answer
    /robots.txt with that status instead of the file;
  - a PHPCMS-like board from _board.json at /index.php?m=content&c=index
    &a=lists&catid=N[&page=P] and ...&a=show&catid=N&id=I, with a pinned
    notice on every page and links spelled with varying parameter order;
  - a large generated site at /big/list?page=P and /big/a/<id>.html when
    _site.json has "big": {"articles": N, "per_page": K};
  - hostile behaviours under /_/ (see HOSTILE below);
and answers If-None-Match / If-Modified-Since with 304 for everything it
serves with validators. Asked for an absolute URI ("GET http://host/p"),
it acts as the forward proxy of any host and serves /p, so a test can
check http.proxy without any name resolving.
"""
import argparse
import email.utils
import hashlib
import html
import http.server
import json
import os
import socketserver
import sys
import threading
import time
import urllib.parse
import zlib

LAST_MODIFIED = 'Mon, 09 Sep 2024 10:00:00 GMT'
BOMB_BYTES = 100 * 1024 * 1024     # inflates to 100 MiB of zeros

HOSTILE = """
/_/status/<code>            that status, a short body
/_/flaky/<key>?fail=N&code=C[&ra=S][&ra_date=1]
                            the first N requests for <key> get C (with
                            Retry-After: S seconds, or as an HTTP date),
                            later ones a 200 page
/_/trickle                  a 200 whose body comes one byte every 2 s
/_/endless                  a 200 with no length and no end
/_/gzip-bomb                100 MiB of zeros gzipped (~100 KiB on the wire)
/_/gzip-page                a 60 KB page gzipped, its Content-Length the
                            compressed size (the body outgrows it)
/_/redirect-loop/<n>        302 to /_/redirect-loop/<n+1>, forever
/_/redirect-file            302 to file:///etc/passwd
/_/big-header               a 200 with ~200 KiB of headers
/_/control?board_publish=1  moves the next late article onto the board
"""


class Site:
    """What the server knows: the case directory and mutable state."""

    def __init__(self, root, log_path):
        self.root = os.path.abspath(root)
        self.lock = threading.Lock()
        self.log = open(log_path, 'a', encoding='utf-8')
        self.counters = {}
        self.conf = self._json('_site.json') or {}
        self.board = self._json('_board.json')
        self.bomb = None

    def _json(self, name):
        p = os.path.join(self.root, name)
        if not os.path.exists(p):
            return None
        with open(p, encoding='utf-8') as f:
            return json.load(f)

    def record(self, handler):
        entry = {'t': time.time(), 'method': handler.command,
                 'path': handler.path,
                 'headers': {k.lower(): v for k, v in handler.headers.items()}}
        with self.lock:
            self.log.write(json.dumps(entry, ensure_ascii=False) + '\n')
            self.log.flush()

    def count(self, key):
        with self.lock:
            self.counters[key] = self.counters.get(key, 0) + 1
            return self.counters[key]

    def gzip_bomb(self):
        # Built outside the lock: other requests must not queue behind it.
        if self.bomb is None:
            z = zlib.compressobj(9, zlib.DEFLATED, 31)   # gzip framing
            mib = b'\0' * (1 << 20)
            self.bomb = b''.join([z.compress(mib)
                                  for _ in range(BOMB_BYTES >> 20)]) + z.flush()
        return self.bomb


def gzip_page():
    """(page, its gzip): /_/gzip-page's body, plain and on the wire."""
    page = ('<html><body><h1>압축된 페이지</h1>' +
            ''.join(f'<p>압축된 본문 {i}번째 줄</p>\n' for i in range(2000)) +
            '</body></html>').encode()
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    return page, z.compress(page) + z.flush()


def board_link(catid, aid, style):
    """The same article, spelled in two parameter orders like real pages."""
    if style % 2:
        return (f'index.php?m=content&amp;c=index&amp;a=show&amp;catid={catid}'
                f'&amp;id={aid}')
    return f'/index.php?id={aid}&amp;catid={catid}&amp;a=show&amp;c=index&amp;m=content'


def board_list(board, page):
    catid, per = board['catid'], board['per_page']
    arts = board['articles']
    npages = max(1, (len(arts) + per - 1) // per)
    if page < 1 or page > npages:
        return None
    pinned = board['pinned']
    items = [f'<li class="top"><a href="{board_link(catid, pinned["id"], 1)}">'
             f'[공지] {html.escape(pinned["title"])}</a></li>']
    for i, a in enumerate(arts[(page - 1) * per:page * per]):
        items.append(f'<li><span class="date">{a["date"][:10]}</span>'
                     f'<a href="{board_link(catid, a["id"], a["id"] + i)}">'
                     f'{html.escape(a["title"])}</a></li>')
    base = f'index.php?m=content&amp;c=index&amp;a=lists&amp;catid={catid}'
    # PHPCMS's last page links "다음" to itself.
    nxt = page + 1 if page < npages else page
    pager = (f'<div id="pages"><a class="a1" href="{base}&amp;page={max(page - 1, 1)}">'
             f'이전</a>' + ''.join(f'<a href="{base}&amp;page={p}">{p}</a>'
                                   for p in range(1, npages + 1)) +
             f'<a class="a1" href="{base}&amp;page={nxt}">다음</a></div>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<title>센터 뉴스 - KIC중국</title></head><body>'
            '<div class="nav">메뉴 &gt; 뉴스 &gt; 센터 뉴스</div>' + pager +
            '<ul class="list">' + ''.join(items) + '</ul>' + pager +
            '</body></html>')


def board_article(board, aid):
    arts = board['articles'] + [board['pinned']]
    for a in arts:
        if a['id'] == aid:
            paras = ''.join(f'<p>{html.escape(p)}</p>' for p in a['body'])
            return ('<!DOCTYPE html><html><head><meta charset="utf-8">'
                    f'<title>{html.escape(a["title"])}</title></head><body>'
                    f'<h1 class="title">{html.escape(a["title"])}</h1>'
                    f'<div class="info">출처: 발표 시간:{a["date"]} 조회 수:</div>'
                    f'<div id="content">{paras}</div></body></html>')
    return None


def big_list(conf, page):
    n, per = conf['articles'], conf['per_page']
    npages = (n + per - 1) // per
    if page < 1 or page > npages:
        return None
    first = n - (page - 1) * per
    items = ''.join(f'<li><a href="/big/a/{i}.html">기술이전 소식 {i}호</a></li>'
                    for i in range(first, max(first - per, 0), -1))
    nxt = (f'<a class="next" href="/big/list?page={page + 1}">다음</a>'
           if page < npages else '')
    return (f'<html><head><meta charset="utf-8"><title>소식 {page}</title>'
            f'</head><body><ul class="list">{items}</ul>{nxt}</body></html>')


def big_article(conf, aid):
    if aid < 1 or aid > conf['articles']:
        return None
    return (f'<html><head><meta charset="utf-8"><title>기술이전 소식 {aid}호'
            f'</title></head><body><h1>기술이전 소식 {aid}호</h1><p>KIC중국은 '
            f'{aid % 28 + 1}일 베이징에서 한중 기술이전 상담회를 열고 국내 '
            f'스타트업 {aid % 9 + 3}곳의 기술을 현지 기업에 소개했다.</p>'
            '</body></html>')


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'kwtest/1'
    # Headers and body are two writes: without this, each response waits
    # for a delayed ACK (40 ms on Linux).
    disable_nagle_algorithm = True
    site = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.site.record(self)
        # As a forward proxy (http.proxy): serve the absolute URI's path.
        if self.path.startswith('http://'):
            self.path = '/' + self.path.split('/', 3)[3] if self.path.count('/') >= 3 else '/'
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        try:
            if url.path.startswith('/_/'):
                self.hostile(url.path[3:], q)
            elif url.path == '/robots.txt':
                self.robots()
            elif url.path == '/index.php' and self.site.board:
                self.board(q)
            elif url.path.startswith('/big/') and 'big' in self.site.conf:
                self.big(url.path, q)
            else:
                self.static(url.path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # --- helpers ---------------------------------------------------------
    def reply(self, code, body=b'', ctype='text/html; charset=utf-8',
              headers=(), validators=False):
        if validators:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.not_modified(etag):
                self.send_response(304)
                self.send_header('ETag', etag)
                self.send_header('Last-Modified', LAST_MODIFIED)
                self.send_header('Content-Length', '0')
                self.end_headers()
                return
            headers = list(headers) + [('ETag', etag),
                                       ('Last-Modified', LAST_MODIFIED)]
        self.send_response(code)
        if ctype:
            self.send_header('Content-Type', ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def not_modified(self, etag):
        inm = self.headers.get('If-None-Match')
        if inm is not None:
            return etag in [t.strip() for t in inm.split(',')]
        ims = self.headers.get('If-Modified-Since')
        if ims is not None:
            try:
                return (email.utils.parsedate_to_datetime(ims) >=
                        email.utils.parsedate_to_datetime(LAST_MODIFIED))
            except (TypeError, ValueError):
                return False
        return False

    def page(self, text):
        self.reply(200, text.encode('utf-8'), validators=True)

    # --- routes ----------------------------------------------------------
    def robots(self):
        status = self.site.conf.get('robots_status')
        if status:
            self.reply(int(status), b'unavailable', 'text/plain')
            return
        p = os.path.join(self.site.root, 'robots.txt')
        if not os.path.exists(p):
            self.reply(404, b'not found', 'text/plain')
            return
        with open(p, 'rb') as f:
            self.reply(200, f.read(), 'text/plain', validators=True)

    def board(self, q):
        b = self.site.board
        a = q.get('a', [''])[0]
        if q.get('m', [''])[0] != 'content' or q.get('catid', [''])[0] != str(b['catid']):
            text = None
        elif a == 'lists':
            text = board_list(b, int(q.get('page', ['1'])[0] or 1))
        elif a == 'show':
            text = board_article(b, int(q.get('id', ['0'])[0] or 0))
        else:
            text = None
        if text is None:
            self.reply(404, '<p>없는 페이지입니다</p>'.encode('utf-8'))
        else:
            self.page(text)

    def big(self, path, q):
        conf = self.site.conf['big']
        text = None
        if path == '/big/list':
            text = big_list(conf, int(q.get('page', ['1'])[0] or 1))
        elif path.startswith('/big/a/') and path.endswith('.html'):
            text = big_article(conf, int(path[7:-5] or 0))
        if text is None:
            self.reply(404, b'not found')
        else:
            self.page(text)

    def static(self, path):
        rel = urllib.parse.unquote(path).lstrip('/')
        if rel == '' or rel.endswith('/'):
            rel += 'index.html'
        full = os.path.abspath(os.path.join(self.site.root, rel))
        if (not full.startswith(self.site.root + os.sep) or
                os.path.basename(full).startswith('_') or
                not os.path.isfile(full)):
            self.reply(404, b'<p>not found</p>')
            return
        spec = self.site.conf.get('pages', {}).get('/' + rel, {})
        with open(full, 'rb') as f:
            body = f.read()
        if 'encoding' in spec:
            body = body.decode('utf-8').encode(spec['encoding'])
        ctype = spec.get('content_type')
        if ctype is None:
            ctype = 'text/html' if full.endswith('.html') else 'application/octet-stream'
            if full.endswith('.pdf'):
                ctype = 'application/pdf'
        self.reply(200, body, ctype, validators=True)

    def hostile(self, what, q):
        name, _, arg = what.partition('/')
        if name == 'status':
            self.reply(int(arg), f'<p>status {arg}</p>'.encode())
        elif name == 'flaky':
            self.flaky(arg, q)
        elif name == 'trickle':
            self.trickle()
        elif name == 'endless':
            self.endless()
        elif name == 'gzip-bomb':
            body = self.site.gzip_bomb()
            self.reply(200, body, 'text/html', [('Content-Encoding', 'gzip')])
        elif name == 'gzip-page':
            self.reply(200, gzip_page()[1], 'text/html',
                       [('Content-Encoding', 'gzip')])
        elif name == 'redirect-loop':
            n = int(arg or 0) + 1
            self.reply(302, b'', None, [('Location', f'/_/redirect-loop/{n}')])
        elif name == 'redirect-file':
            self.reply(302, b'', None, [('Location', 'file:///etc/passwd')])
        elif name == 'big-header':
            hdrs = [(f'X-Filler-{i}', 'x' * 100) for i in range(2000)]
            self.reply(200, b'<p>big header</p>', 'text/html', hdrs)
        elif name == 'control':
            self.control(q)
        else:
            self.reply(404, b'no such behaviour')

    def flaky(self, key, q):
        n = self.site.count('flaky/' + key)
        if n <= int(q.get('fail', ['1'])[0]):
            headers = []
            if 'ra' in q:
                secs = int(q['ra'][0])
                value = str(secs)
                if q.get('ra_date'):
                    value = email.utils.formatdate(time.time() + secs,
                                                   usegmt=True)
                headers.append(('Retry-After', value))
            code = int(q.get('code', ['503'])[0])
            self.reply(code, f'<p>busy {n}</p>'.encode(), headers=headers)
            return
        self.page(f'<html><body><h1>{html.escape(key)}</h1><p>이제 응답합니다 '
                  f'({n}번째 요청)</p></body></html>')

    def trickle(self):
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', '100')
        self.end_headers()
        for _ in range(100):
            self.wfile.write(b'x')
            self.wfile.flush()
            time.sleep(2)

    def endless(self):
        self.close_connection = True
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Connection', 'close')
        self.end_headers()
        chunk = ('<p>' + '끝없는 본문 ' * 400 + '</p>\n').encode('utf-8')
        deadline = time.time() + 120
        while time.time() < deadline:
            self.wfile.write(chunk)

    def control(self, q):
        b = self.site.board
        if q.get('board_publish') and b and b.get('late'):
            with self.site.lock:
                b['articles'].insert(0, b['late'].pop(0))
        self.reply(200, b'ok', 'text/plain')


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients that hang up on a trickle or an endless body are the
        # point of those behaviours, not errors.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=HOSTILE)
    ap.add_argument('--root', required=True)
    ap.add_argument('--log', required=True)
    ap.add_argument('--port', type=int, default=0)
    args = ap.parse_args()
    Handler.site = Site(args.root, args.log)
    srv = Server(('127.0.0.1', args.port), Handler)
    print(f'PORT {srv.server_address[1]}', flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
