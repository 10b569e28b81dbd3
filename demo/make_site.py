#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Generates demo/site/, the sample site `kicwatch demo` serves on 127.0.0.1.

Two made-up boards in the shape of the real ones (see shared SOURCES.md):
  - a KIC China-like Korean news board on a PHPCMS v9 front controller
    (index.php?m=content&c=index&a=lists&catid=67, two list pages with a
    pinned notice repeated on both, articles at a=show&id=N, the meta line
    "출처: 발표 시간:YYYY-MM-DD hh:mm:ss 조회 수:");
  - a Torch Center-like Chinese news column (/xwdt/index.shtml, paged as
    index_1.shtml, articles at /xwdt/YYYYMM/<32 hex>.shtml with the body in
    #allStyleDIV), which the demo config crawls with generic extraction.
Several stories are reported on both sides (an MOU in Korean and in
Chinese), as happens on the real sites. Every text here was written for
kicwatch; names of people are masked (이OO, 王某) as Korean press does.

The static server maps a query string to a file name: path + '@' + the
query parameters sorted by name (kicwatch canonicalises URLs the same way),
so index.php?m=content&c=index&a=show&catid=67&id=3301 is the file
"index.php@a=show&c=index&catid=67&id=3301&m=content".

Run: python3 demo/make_site.py  (rewrites demo/site/; commit the result)
"""
import hashlib
import html
import os
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'site')

KIC = [
    dict(id=3310, date='2025-03-20 16:05:41', source='KIC중국',
         title='KIC중국, 상하이서 ‘2025 K-데모데이’ 개최…한국 스타트업 12개사 참가',
         body=[
             '글로벌혁신센터(KIC중국)는 18일 중국 상하이 장강하이테크파크에서 상하이기술거래소와 공동으로 ‘2025 K-데모데이 상하이’를 개최했다고 20일 밝혔다.',
             '이번 데모데이에는 인공지능, 이차전지, 첨단바이오 분야 한국 스타트업 12개사가 참가해 중국 투자기관과 기업 관계자 150여 명 앞에서 사업 모델을 발표했다. 과학기술정보통신부가 후원하고 한국연구재단이 행사 운영을 지원했다.',
             '발표 기업 가운데 배터리 진단 소프트웨어 기업과 의료영상 인공지능 기업은 현장에서 중국 완성차 협력사 및 병원 그룹과 후속 상담 일정을 잡았다.',
             'KIC중국 이OO 센터장은 “상하이는 중국 기술거래의 중심지인 만큼, 상하이기술거래소와 함께 한국 기술의 현지 사업화 경로를 넓혀 가겠다”고 말했다.',
             'KIC중국은 오는 6월 광저우와 9월 청두에서도 K-데모데이를 이어갈 계획이다.',
         ]),
    dict(id=3309, date='2025-03-05 10:12:03', source='KIC중국',
         title='KIC중국-국가기술이전동부센터, 한중 기술이전 협력 업무협약 체결',
         body=[
             '글로벌혁신센터(KIC중국)는 4일 상하이에서 국가기술이전동부센터(国家技术转移东部中心)와 한중 기술이전 협력을 위한 업무협약(MOU)을 체결했다.',
             '양 기관은 이번 협약으로 ▲한국 보유기술의 중국 내 이전 상담 ▲공동 기술설명회 개최 ▲기술거래 정보 교류 ▲한국 스타트업의 동부센터 플랫폼 입점 등에서 협력한다.',
             '동부센터는 과학기술부와 상하이시가 함께 세운 국가급 기술이전 기관으로, 협약식에는 동부센터 허OO 부주임과 KIC중국 이OO 센터장 등 양측 관계자 10여 명이 참석했다.',
             '허 부주임은 “반도체와 바이오 분야 한국 기술에 대한 중국 기업의 수요가 크다”며 “동부센터의 기술거래 네트워크를 한국 기업에 열겠다”고 말했다.',
         ]),
    dict(id=3308, date='2025-02-18 09:00:00', source='KIC중국',
         title='[공지] ‘제5회 KIC중국 창업대회’ 참가기업 모집 안내',
         body=[
             '글로벌혁신센터(KIC중국)는 중국 진출을 희망하는 한국 스타트업을 대상으로 ‘제5회 KIC중국 창업대회’ 참가기업을 모집한다.',
             '모집 기간은 2025년 2월 18일부터 3월 31일까지이며, 인공지능, 첨단 모빌리티, 수소, 양자 등 국가전략기술 분야 창업 7년 이내 기업이면 신청할 수 있다.',
             '서류 심사를 통과한 20개사는 5월 베이징에서 열리는 본선 대회에 참가하며, 우수 기업에는 KIC중국 입주 공간과 현지 법인 설립 컨설팅이 제공된다. 대회는 중관촌 창업 지원 기관들이 심사에 참여한다.',
             '자세한 내용은 첨부된 모집 공고문을 참고하기 바란다.',
         ]),
    dict(id=3307, date='2025-01-16 14:30:27', source='KIC중국',
         title='KIC중국, 공업정보화부 횃불센터와 한중 창업협력 양해각서 체결',
         body=[
             '[베이징=KIC중국] 글로벌혁신센터(KIC중국)는 15일 베이징에서 중국 공업정보화부 횃불센터(火炬中心)와 한중 혁신창업 협력을 위한 양해각서(MOU)를 체결했다고 16일 밝혔다.',
             '횃불센터는 중국 전역의 하이테크 산업단지와 창업보육센터를 관리하는 기관으로, 2023년 과학기술부에서 공업정보화부 소속으로 옮겼다.',
             '양측은 ▲한국 스타트업의 중국 하이테크 단지 입주 연계 ▲한중 창업보육 기관 간 교류 ▲공동 투자설명회 개최에 합의했다.',
             '체결식에는 횃불센터 관계자와 KIC중국 이OO 센터장, 재중한인과학기술자협회 관계자 등이 참석한 가운데 진행됐다.',
         ]),
    dict(id=3306, date='2024-12-10 11:20:15', source='KIC중국',
         title='한중과기혁신기업가포럼, 푸장혁신포럼 계기 상하이서 개최',
         body=[
             '글로벌혁신센터(KIC중국)는 9일 상하이에서 열린 제17회 푸장혁신포럼 기간 중 ‘2024 한중과기혁신기업가포럼’을 개최했다.',
             '이번 포럼은 KIC중국이 주최하고 과학기술정보통신부가 후원했으며, 국가기술이전동부센터와 상하이산업기술연구원이 공동 주관했다.',
             '포럼에는 △한국 스타트업 10개사 △중국 기술이전 기관 △투자사 관계자 등 200여 명이 참석했으며, 첨단 모빌리티와 차세대 통신 분야 기업이 투자 유치 발표를 했다.',
             'KIC중국은 포럼을 계기로 푸장혁신포럼 사무국과 내년 공동 세션 운영도 협의했다.',
         ]),
    dict(id=3305, date='2024-11-12 17:45:09', source='KIC중국',
         title='제7회 중국국제수입박람회에 한국 스타트업 공동관 운영',
         body=[
             '글로벌혁신센터(KIC중국)는 5일부터 10일까지 상하이 국가회의전람센터에서 열린 제7회 중국국제수입박람회(CIIE)에 한국 스타트업 공동관을 운영했다.',
             '공동관에는 바이오, 로봇, 반도체 장비 분야 스타트업 8개사가 참가해 제품을 전시했으며, 중국국제수입박람국 관계자와 바이어 300여 명이 공동관을 찾았다.',
             '박람회 기간 KIC중국은 현장에서 중국 유통기업과 1대1 비즈니스 상담회도 열었다.',
         ]),
    dict(id=3304, date='2024-10-22 15:02:44', source='KIC중국',
         title='KIC중국, 하이얼 하이촹후이(海創匯, HCH)와 오픈이노베이션 협약',
         body=[
             '[칭다오=KIC중국] 글로벌혁신센터(KIC중국)는 21일 중국 칭다오에서 하이얼그룹의 창업 플랫폼 하이촹후이(海創匯, HCH)와 오픈이노베이션 업무협약을 맺었다.',
             '하이촹후이는 하이얼이 운영하는 창업 육성 플랫폼으로, 가전·스마트홈·헬스케어 분야 스타트업에 투자하고 있다.',
             '이번 협약으로 한국 스타트업은 하이촹후이의 실증 프로그램에 참여할 수 있게 되며, 양측은 내년 상반기 칭다오에서 공동 데모데이를 열기로 했다.',
         ]),
    dict(id=3303, date='2024-09-24 10:40:31', source='KIC중국',
         title='KIC중국 입주기업, 중관촌 산업시찰 및 베이징시과학기술위원회 방문',
         body=[
             'KIC중국 입주기업 대표 15명은 23일 베이징 중관촌 일대에서 산업시찰을 진행했다.',
             '참가 기업들은 중관촌 창업거리와 인공지능 기업 두 곳을 둘러본 뒤 베이징시과학기술위원회를 방문해 외국 기업 지원 정책 설명을 들었다.',
             '베이징시과학기술위원회 관계자는 “중관촌의 해외 인재·기업 유치 정책은 한국 스타트업에도 열려 있다”고 설명했다.',
         ]),
    dict(id=3302, date='2024-09-09 18:15:00', source='KIC중국',
         title='광저우 K-메이커데이 성료…광둥성과학원과 공동 주최',
         body=[
             '글로벌혁신센터(KIC중국)는 6일 광저우에서 광둥성과학원(广东省科学院)과 공동으로 ‘2024 K-메이커데이 광저우’를 개최했다.',
             '행사에는 하드웨어 스타트업 9개사가 참가해 시제품을 시연했으며, 광둥성 제조기업 관계자 80여 명이 참석했다.',
             '광둥성과학원은 우수 기업에 연구소 시험 설비 이용을 지원할 예정이다.',
         ]),
    dict(id=3301, date='2024-08-27 09:30:12', source='KIC중국',
         title='KIC중국 입주기업 대상 중국 지식재산권 설명회 개최',
         body=[
             '글로벌혁신센터(KIC중국)는 26일 베이징 센터에서 입주기업을 대상으로 중국 특허·상표 출원 절차를 소개하는 지식재산권 설명회를 열었다.',
             '설명회에서는 중국 진출 초기 기업이 자주 겪는 상표 선점 피해 사례와 대응 방법이 소개됐다.',
         ]),
]

TORCH = [
    dict(date='2025-03-06', month='202503',
         title='国家技术转移东部中心与韩国创新中心签署合作备忘录',
         body=[
             '3月4日，国家技术转移东部中心与韩国创新中心（KIC中国）在上海签署合作备忘录。',
             '根据备忘录，双方将在技术转移对接、联合举办技术推介会、技术交易信息共享等方面开展合作，推动韩国技术在华转化落地。',
             '东部中心副主任何某表示，东部中心将向韩国企业开放技术交易网络，重点支持半导体、生物医药领域项目。',
         ]),
    dict(date='2025-01-17', month='202501',
         title='火炬中心与韩国创新中心签署中韩创新创业合作谅解备忘录',
         body=[
             '1月15日，工业和信息化部火炬高技术产业开发中心与韩国创新中心（KIC中国）在北京签署中韩创新创业合作谅解备忘录。',
             '双方将围绕韩国初创企业入驻国家高新区、孵化机构交流、联合举办投资路演等方面加强合作。',
             '在华韩人科学技术者协会代表出席签约仪式。',
         ]),
    dict(date='2024-12-11', month='202412',
         title='第十七届浦江创新论坛中韩科技创新企业家论坛成功举办',
         body=[
             '12月9日，第十七届浦江创新论坛“中韩科技创新企业家论坛”在上海举办。论坛由韩国创新中心主办，国家技术转移东部中心、上海产业技术研究院共同承办。',
             '来自中韩两国的科技企业、技术转移机构和投资机构代表约200人参加论坛，10家韩国初创企业围绕智能网联汽车、新一代通信等领域进行路演。',
         ]),
    dict(date='2024-11-08', month='202411',
         title='火炬中心组织第七届进博会创新孵化专区对接会',
         body=[
             '11月7日，第七届中国国际进口博览会创新孵化专区对接会在国家会展中心（上海）举行，火炬中心组织国家高新区、孵化器代表参加。',
             '对接会上，来自韩国、德国等国家的初创企业与国内企业开展一对一洽谈。中国国际进口博览局有关负责同志出席。',
         ]),
    dict(date='2024-10-15', month='202410',
         title='2024中关村论坛国际技术交易大会路演活动举行',
         body=[
             '10月12日，2024中关村论坛国际技术交易大会专场路演在北京中关村举行，国际技术转移协作网络（ITTN）组织海外项目参加。',
             '来自韩国、新加坡等地的12个项目进行了路演，涉及人工智能、量子信息和先进机器人等领域。北京市科学技术委员会、中关村科技园区管理委员会相关负责同志出席活动。',
         ]),
    dict(date='2024-09-20', month='202409',
         title='成都高新区举办中韩创新创业大赛决赛',
         body=[
             '9月19日，2024中韩创新创业大赛决赛在成都高新区举行，16个中韩创业项目同台竞技。',
             '大赛由成都高新区管委会主办，韩国创新中心协办，获奖项目将获得入驻成都高新区孵化载体的支持。',
         ]),
]

KIC_Q = 'index.php?m=content&c=index&a={a}&catid={catid}{extra}'


def kic_href(a, catid=67, **kw):
    extra = ''.join(f'&{k}={v}' for k, v in kw.items())
    return '/' + KIC_Q.format(a=a, catid=catid, extra=extra)


def query_file(href):
    """The file name the demo server maps href to."""
    path, _, query = href.lstrip('/').partition('?')
    if not query:
        return path
    params = sorted(query.split('&'), key=lambda p: p.partition('=')[0])
    return path + '@' + '&'.join(params)


def e(s):
    return html.escape(s, quote=True)


KIC_HEAD = '''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title} - 센터 뉴스 - 글로벌혁신센터 KIC중국 (데모)</title>
</head>
<body>
<div class="top_bar"><a href="/index.php?lang=zh">中文</a> | <a href="/index.php?m=member&amp;c=index&amp;a=login">로그인</a></div>
<div class="header"><a href="/" class="logo">글로벌혁신센터 KIC중국</a>
<ul class="nav">
<li><a href="{about}">센터 소개</a></li>
<li class="on"><a href="{news}">뉴스</a></li>
<li><a href="{demoday}">K-Demo Day</a></li>
</ul></div>
<div class="w1200 clearfix">
<div class="left_side"><h2>뉴스</h2>
<ul class="sub_nav"><li class="on"><a href="{news}">센터 뉴스</a></li></ul>
<div class="notice_box"><h3>공지</h3><ul><li><a href="{pinned}">[공지] ‘제5회 KIC중국 창업대회’ 참가기업 모집 안내</a></li></ul></div>
</div>
<div class="right_main">
<div class="crumbs">현재 위치: <a href="/">홈</a> &gt; <a href="{news}">뉴스</a> &gt; <a href="{news}">센터 뉴스</a> &gt; </div>
'''

KIC_FOOT = '''</div></div>
<div class="footer"><p>글로벌혁신센터 KIC중국 (Korea Innovation Center China) — kicwatch 데모 사이트, 실제 사이트가 아닙니다.</p>
<p>Copyright &copy; kicwatch demo. 京ICP备00000000号</p></div>
<script type="text/javascript">var hits = document.getElementById("hits");</script>
</body>
</html>
'''


def kic_frame(title):
    return KIC_HEAD.format(
        title=e(title), news=e(kic_href('lists')),
        about=e(kic_href('lists', catid=61)),
        demoday=e(kic_href('lists', catid=72)),
        pinned=e(kic_href('show', id=3308)))


def kic_article(i):
    a = KIC[i]
    prev_a = KIC[i + 1] if i + 1 < len(KIC) else None
    next_a = KIC[i - 1] if i > 0 else None
    out = [kic_frame(a['title']), '<div class="article">\n',
           f'<h1 class="title">{e(a["title"])}</h1>\n',
           f'<div class="info">출처:{e(a["source"])} 발표 시간:{a["date"]} '
           '조회 수:<span id="hits"></span></div>\n',
           '<div class="content" id="content">\n']
    out += [f'<p>{e(p)}</p>\n' for p in a['body']]
    out.append('</div>\n<div class="share">공유하기: <a href="javascript:;">위챗</a> '
               '<a href="javascript:;">웨이보</a> <a href="javascript:window.print();">인쇄</a></div>\n'
               '<div class="pre_next">\n')
    for label, x in (('이전 글', prev_a), ('다음 글', next_a)):
        if x:
            out.append(f'<p>{label}：<a href="{e(kic_href("show", id=x["id"]))}">'
                       f'{e(x["title"])}</a></p>\n')
        else:
            out.append(f'<p>{label}：없음</p>\n')
    out.append('</div>\n</div>\n')
    out.append(KIC_FOOT)
    return ''.join(out)


def kic_list(page, per_page=5):
    items = KIC[(page - 1) * per_page:page * per_page]
    pages = (len(KIC) + per_page - 1) // per_page
    out = [kic_frame('센터 뉴스'), '<div class="list_box">\n',
           '<ul class="list_top">\n',
           f'<li class="top"><span class="rt">2025-02-18</span><a href="{e(kic_href("show", id=3308))}">'
           '[공지] ‘제5회 KIC중국 창업대회’ 참가기업 모집 안내</a></li>\n</ul>\n',
           '<ul class="list lh24 f14">\n']
    for a in items:
        # Relative hrefs, as PHPCMS writes them: the crawler resolves them.
        href = kic_href('show', id=a['id']).lstrip('/')
        out.append(f'<li><span class="rt">{a["date"][:10]}</span>'
                   f'<a href="{e(href)}" title="{e(a["title"])}">{e(a["title"])}</a></li>\n')
    out.append('</ul>\n<div id="pages" class="text-c">')
    out.append(f'<a class="a1">{len(KIC)}건</a> ')
    for p in range(1, pages + 1):
        if p == page:
            out.append(f'<span>{p}</span> ')
        else:
            out.append(f'<a href="{e(kic_href("lists", page=p))}">{p}</a> ')
    if page < pages:
        out.append(f'<a href="{e(kic_href("lists", page=page + 1))}" class="a1">다음</a>')
    out.append('</div>\n</div>\n')
    out.append(KIC_FOOT)
    return ''.join(out)


TORCH_HEAD = '''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}-科技部火炬中心（演示）</title>
<meta name="keywords" content="火炬中心,新闻动态">
</head>
<body>
<div class="head"><div class="logo">火炬高技术产业开发中心（演示站点）</div>
<div class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></div></div>
<div class="menu"><a href="/">首页</a><a href="/xwdt/index.shtml">新闻动态</a><a href="/tzgg/index.shtml">通知公告</a><a href="/zcfg/index.shtml">政策法规</a></div>
<div class="weather">北京 晴 12℃</div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xwdt/index.shtml">新闻动态</a></div>
'''

TORCH_FOOT = '''<div class="foot"><p>主办单位：火炬中心（演示） 京ICP备00000000号-1</p>
<p>本页面为 kicwatch 演示内容，并非真实网站。</p></div>
</body>
</html>
'''


def torch_slug(a):
    return hashlib.md5(a['title'].encode()).hexdigest()


def torch_href(a):
    return f'/xwdt/{a["month"]}/{torch_slug(a)}.shtml'


def torch_article(a):
    out = [TORCH_HEAD.format(title=e(a['title'])),
           '<div class="detail">\n',
           f'<div class="detail-title">{e(a["title"])}</div>\n',
           f'<div class="detail-info">发布时间：{a["date"]}　来源：火炬中心　'
           '【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> '
           '<a href="javascript:;">小</a>】</div>\n',
           '<div id="allStyleDIV">\n']
    out += [f'<p style="text-indent:2em;">{e(p)}</p>\n' for p in a['body']]
    out.append('</div>\n<div class="print"><a href="javascript:window.print()">打印本页</a> '
               '<a href="javascript:window.close()">关闭窗口</a></div>\n</div>\n')
    out.append(TORCH_FOOT)
    return ''.join(out)


def torch_list(page, per_page=4):
    items = TORCH[page * per_page:(page + 1) * per_page]
    pages = (len(TORCH) + per_page - 1) // per_page
    out = [TORCH_HEAD.format(title='新闻动态'), '<div class="list">\n<ul>\n']
    for a in items:
        out.append(f'<li><a href="{torch_href(a)}" target="_blank">{e(a["title"])}</a>'
                   f'<span>{a["date"]}</span></li>\n')
    out.append('</ul>\n<div class="page">')
    if page + 1 < pages:
        nxt = f'index_{page + 1}.shtml'
        out.append(f'<a href="{nxt}">下一页</a> <a href="index_{pages - 1}.shtml">尾页</a>')
    out.append(f' 共{pages}页</div>\n</div>\n')
    out.append(TORCH_FOOT)
    return ''.join(out)


ROBOTS = '''# kicwatch demo site
User-agent: *
Disallow: /index.php?m=member
Disallow: /admin/

User-agent: BadBot
Disallow: /
'''


def write(rel, text):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    write('robots.txt', ROBOTS)
    write('index.html', '<!DOCTYPE html><html><head><meta charset="utf-8">'
          '<title>kicwatch demo</title></head><body><ul>'
          f'<li><a href="{e(kic_href("lists"))}">KIC중국 센터 뉴스 (데모)</a></li>'
          '<li><a href="/xwdt/index.shtml">火炬中心 新闻动态（演示）</a></li>'
          '</ul></body></html>\n')
    write(query_file(kic_href('lists')), kic_list(1))
    write(query_file(kic_href('lists', page=1)), kic_list(1))
    write(query_file(kic_href('lists', page=2)), kic_list(2))
    for i, a in enumerate(KIC):
        write(query_file(kic_href('show', id=a['id'])), kic_article(i))
    write('xwdt/index.shtml', torch_list(0))
    write('xwdt/index_1.shtml', torch_list(1))
    for a in TORCH:
        write(torch_href(a).lstrip('/'), torch_article(a))


if __name__ == '__main__':
    main()
