#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Generates the benchmark's web site: the pages kicwatch and the Scrapy
peer both crawl from nginx on 127.0.0.1.

    bench/gen_corpus.py OUTDIR [--pages 3000] [--seed 1]
                        [--entities config/entities.yaml]

Two boards on one host, as the genre has them:

  * a KIC China-like Korean PHPCMS board: list pages
    /index.php?m=content&c=index&a=lists&catid=67[&page=N] and articles
    /index.php?m=content&c=index&a=show&catid=67&id=N (bench/nginx.conf
    maps the query string onto files under kic/);
  * a Torch Center-like Chinese TRS news column: /news/xwdt/index.shtml,
    index_1.shtml, ... and articles /news/xwdt/YYYYMM/tYYYYMMDD_N.shtml.

Each article page is 30-80 KB: menus, inline CSS and scripts, notices,
related-news lists, a footer, and a 1-4 KB body written from the sentence
templates below (organisations from entities.yaml, invented start-ups and
people, events, MOUs, dates in the forms the genre uses). A quarter of the
Korean pages are CP949 (declared euc-kr, ks_c_5601-1987 or cp949 in
<meta>), a quarter of the Chinese ones GB18030 (declared gb2312, gbk or
gb18030) and a tenth Big5 in Traditional characters (OpenCC s2t, as a big5
mirror would serve them). Every word is generated here: nothing comes from
a real site. The same seed gives byte-identical output.

OUTDIR/site is the document root; OUTDIR/manifest.json says what is in it.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import date, timedelta
from html import escape

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PER_LIST = 20           # articles per list page
KO_CATID = 67

# ---------------------------------------------------------------- words

KO_CITIES = ['베이징', '상하이', '광저우', '우한', '청두', '선전', '톈진',
             '항저우', '쑤저우', '옌타이', '칭다오', '난징', '허페이', '시안']
ZH_CITIES = ['北京', '上海', '广州', '武汉', '成都', '深圳', '天津', '杭州',
             '苏州', '烟台', '青岛', '南京', '合肥', '西安']
SECTORS = [('반도체', '半导体'), ('이차전지', '动力电池'), ('인공지능', '人工智能'),
           ('바이오', '生物医药'), ('수소', '氢能'), ('로봇', '机器人'),
           ('미래차', '新能源汽车'), ('양자', '量子信息'), ('우주항공', '航空航天'),
           ('차세대 통신', '6G通信'), ('사이버보안', '网络安全'),
           ('첨단소재', '新材料'), ('디스플레이', '显示面板'),
           ('스마트제조', '智能制造')]
KO_SURNAMES = '김이박최정강조윤장임한오서신권황안송류홍'
KO_GIVEN = '민준서연지현우수영호진성훈희경재은혜동상태유규'
ZH_SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
ZH_GIVEN = '伟芳娜敏静强磊军洋勇艳杰涛明超秀霞平刚建国华志红文海晓宇'
KO_TITLES = ['센터장', '부센터장', '대표', '원장', '교수', '주임', '부주임',
             '처장', '국장', '총경리']
ZH_TITLES = ['主任', '副主任', '院长', '副院长', '总经理', '董事长', '处长',
             '副处长', '秘书长', '教授']
KO_SU_HEAD = ['한빛', '누리', '다온', '세움', '바른', '미르', '해솔', '가온',
              '라온', '빛누리', '큐브', '넥스트', '딥', '퀀텀', '그린', '블루',
              '아이', '온', '에이치', '나래']
KO_SU_TAIL = ['로보틱스', '바이오', '에너지', '모빌리티', '랩스', '테크', '소프트',
              '메디컬', '센서', '머티리얼즈', '파워', '솔루션즈', '인사이트',
              '팩토리', '셀']
ZH_SU_HEAD = ['智远', '云图', '星河', '华芯', '启明', '博睿', '中科微', '天擎',
              '瑞德', '清源', '海纳', '锐思', '优必', '联创', '鼎新', '睿康']
ZH_SU_TAIL = ['科技', '生物科技', '新能源', '智能科技', '半导体', '机器人',
              '信息技术', '医疗器械']
KO_TOPICS = ['기술이전 및 사업화', '공동 연구개발', '스타트업 현지 진출 지원',
             '인재 교류', '테스트베드 제공', '투자 연계', '공동 행사 개최',
             '지식재산 보호', '실증 사업', '공동 액셀러레이팅']
ZH_TOPICS = ['技术转移', '成果转化', '联合研发', '人才交流', '企业孵化',
             '投融资对接', '共建创新平台', '知识产权服务', '应用场景开放',
             '国际化人才培养']


def ko_events(rng, y, city, sector):
    n = rng.randint(2, 12)
    return rng.choice([
        f'{y} K-데모데이 in {city}', f'제{n}회 한중과기혁신기업가포럼',
        f'{y} KIC중국 창업대회', f'{city} K-메이커데이',
        f'한중 {sector} 기술교류회', f'{sector} 분야 비즈니스 매칭회',
        '중국 진출 전략 설명회', f'{y} 한중 스타트업 로드쇼',
        f'{city} 산업시찰', f'한중 청년 창업 해커톤', f'{sector} 혁신 세미나',
        f'제{n}회 한중 기술이전 컨퍼런스'])


def zh_events(rng, y, city, sector):
    n = rng.randint(2, 12)
    return rng.choice([
        f'{y}中韩科技创新合作论坛', f'第{n}届中韩创新创业大赛',
        f'{city}国际技术转移大会', f'中韩{sector}产业对接会',
        f'{y}韩国创新项目路演', '中韩青年创新创业交流会',
        f'{sector}技术成果推介会', '中韩科技创新企业家论坛',
        f'第{n}届中国国际进口博览会', f'{sector}产业发展研讨会',
        f'{y}中韩技术转移峰会'])


# ---------------------------------------------------- Korean particles

# Latin letters and digits read with a final consonant (엘, 엠, 엔; 영,
# 일, 삼, 육, 칠, 팔).
LATIN_BATCHIM = set('LMNlmn013678')


def batchim(word):
    """(has a final consonant, it is ㄹ) for the sound a word ends on."""
    w = word
    if w.endswith(')') and '(' in w:      # 하이촹후이(海創匯): read 하이촹후이
        w = w[:w.rindex('(')]
    w = w.rstrip('’”』 ')
    if not w:
        return False, False
    c = w[-1]
    if '가' <= c <= '힣':
        jong = (ord(c) - 0xAC00) % 28
        return jong != 0, jong == 8
    return c in LATIN_BATCHIM, c in 'Ll1'


PARTICLES = {'는': ('은', '는'), '은': ('은', '는'), '가': ('이', '가'),
             '이': ('이', '가'), '와': ('과', '와'), '과': ('과', '와'),
             '를': ('을', '를'), '을': ('을', '를'), '로': ('으로', '로'),
             '으로': ('으로', '로')}


def josa(word, p):
    if p not in PARTICLES:
        return word + p
    final, rieul = batchim(word)
    if p in ('로', '으로'):
        return word + ('로' if not final or rieul else '으로')
    return word + PARTICLES[p][0 if final else 1]


def fill(tpl, slots):
    """{name} or {name:particle} (Korean particle chosen by sound)."""
    out, i = [], 0
    while i < len(tpl):
        j = tpl.find('{', i)
        if j < 0:
            out.append(tpl[i:])
            break
        k = tpl.index('}', j)
        out.append(tpl[i:j])
        name, _, p = tpl[j + 1:k].partition(':')
        v = slots[name]
        out.append(josa(v, p) if p else v)
        i = k + 1
    return ''.join(out)


# ------------------------------------------------------------- templates

KO_EVENT_LEAD = [
    '{A:는} {D} {C}에서 ‘{EV}’{EVo} 개최했다고 {R} 밝혔다.',
    '{A:가} 주최한 ‘{EV}’{EVs} {D} {C}에서 열렸다.',
    '[{C}={PRESS}] {A:는} {D} {C} {VENUE}에서 ‘{EV}’{EVo} 성황리에 마쳤다고 밝혔다.',
    '{A:는} {B:와} 공동으로 {D} ‘{EV}’{EVo} {C}에서 개최했다.',
    '{D} {C}에서 열린 ‘{EV}’에 {S1}, {S2}, {S3} 등 한국 스타트업 {N}개사가 참가했다.',
]
KO_EVENT_MORE = [
    '이번 행사는 {A:가} 주최하고 {B:와} {E:가} 공동 주관했으며, {F:가} 후원했다.',
    '행사에는 {B} 관계자와 {SECTOR} 분야 투자자 {M}여 명이 참석했다.',
    '{P} {A} {T:는} 축사에서 “{Q1}”라고 말했다.',
    '{P2} {B} {T2:는} “{Q2}”며 “앞으로도 {A:와} 긴밀히 협력하겠다”고 밝혔다.',
    '참가 기업은 ▲{S1}({SECTOR}) ▲{S2}({SECTOR2}) ▲{S3}({SECTOR}) ▲{S4}({SECTOR2}) 등이다.',
    '현장에서는 {M}건의 1:1 비즈니스 상담이 진행됐고, 이 가운데 {N}건은 후속 미팅으로 이어졌다.',
    '{S1:는} 이날 {SECTOR} 공정 검사 기술을 발표해 최우수상을 받았다.',
    '행사 기간 중 참가 기업들은 {E:를} 방문해 현지 생산 시설을 둘러봤다.',
    '이날 오후에는 {SECTOR} 분야 전문가가 참여한 패널 토론이 이어졌다.',
    '{E}, {F} 등 중국 측 기관 관계자들도 자리를 함께했다.',
    '2부 행사에서는 {S2:와} {S3:가} 투자자를 대상으로 IR 피칭에 나섰다.',
    '{S4:는} 현장에서 {B:와} 기술 실증을 위한 후속 논의를 이어가기로 했다.',
    '심사는 {B}, {E} 등 현지 기관 전문가 {N}명이 맡았다.',
    '행사장 한편에는 {SECTOR2} 기업의 시제품을 전시하는 부스도 마련됐다.',
    '{A:는} 우수 기업을 선정해 오는 {M2}월 {C2}에서 열리는 후속 프로그램 참가를 지원한다.',
]
KO_MOU_LEAD = [
    '{A:는} {D} {B:와} {TOPIC}{TOPICp} 위한 업무협약(MOU)을 체결했다고 {R} 밝혔다.',
    '{A:와} {B:가} {D} {C}에서 {SECTOR} 분야 협력을 위한 양해각서를 체결했다.',
    '{A:는} {D} {B}, {E:와} 3자간 MOU를 맺고 {TOPIC}에 힘을 모으기로 했다.',
    '[{C}={PRESS}] {A:가} {B:와} 전략적 파트너십을 맺었다.',
]
KO_MOU_MORE = [
    '협약에 따라 양 기관은 ▲{TOPIC} ▲{TOPIC2} ▲{SECTOR} 분야 공동 프로그램 운영 등에서 협력하기로 했다.',
    '협약식에는 {P} {A} {T:과} {P2} {B} {T2} 등 양측 관계자 {N}여 명이 참석했다.',
    '{P} {T:는} “이번 협약을 계기로 한국 {SECTOR} 기업의 중국 진출이 한층 빨라질 것”이라고 기대했다.',
    '양 기관은 지난해 {M2}월 {C2}에서 열린 ‘{EV2}’에서 처음 인연을 맺은 뒤 협력 방안을 논의해 왔다.',
    '{B:는} 협약 이후 {SECTOR} 기업을 위한 전용 공간과 실증 환경을 제공할 예정이다.',
]
KO_VISIT_LEAD = [
    '{A} 대표단은 {D} {B:를} 방문해 {TOPIC} 방안에 대해 논의했다.',
    '{P} {A} {T:을} 비롯한 방문단은 {D} {C}의 {B:를} 찾아 {SECTOR} 협력 현황을 점검했다.',
]
KO_FILLER = [
    '중국은 최근 {SECTOR} 산업을 전략적 신흥산업으로 지정하고 지방정부 차원의 지원을 확대하고 있다.',
    '{C:는} {SECTOR}와 {SECTOR2} 기업이 밀집한 지역으로, 매년 다수의 외국 기업이 진출하고 있다.',
    'KIC중국은 {Y0}년 베이징에 문을 연 이후 현재까지 {M}여 개 한국 스타트업의 중국 진출을 지원해 왔다.',
    '참가 기업들은 행사 이후에도 개별 상담을 통해 후속 협력 방안을 논의할 예정이다.',
    '한편 센터는 하반기 입주기업을 모집하고 있으며, 자세한 내용은 홈페이지 공지사항에서 확인할 수 있다.',
    '업계에서는 한중 양국의 {SECTOR} 공급망이 긴밀하게 연결된 만큼 기술 교류의 필요성이 커지고 있다고 본다.',
    '{A:는} {Y0}년부터 매년 {C}에서 관련 행사를 열고 있으며, 올해로 {N}회째를 맞았다.',
    '양측은 오는 {M2}월 {C2}에서 ‘{EV2}’{EV2o} 공동 개최할 계획이다.',
    '센터 관계자는 “현지 R&D 거점과의 연결이 스타트업에게 가장 큰 자산”이라고 설명했다.',
    '올해 프로그램에는 모두 {M}개 기업이 지원해 {N}대 1의 경쟁률을 기록했다.',
    '선발된 기업에는 현지 법인 설립 자문과 통역, 사무 공간이 제공된다.',
    '{B:는} {SECTOR} 분야 국가급 플랫폼을 운영하며 해외 기술의 현지 사업화를 돕고 있다.',
    '{C} 지역 {SECTOR} 산업 규모는 최근 {N}년 사이 두 배 가까이 커졌다.',
    '센터는 입주기업의 중국 내 지식재산권 등록과 인증 절차도 돕고 있다.',
    '현지 진출을 준비하는 기업은 센터 누리집에서 상시 상담을 신청할 수 있다.',
    '{B:는} 지난해에도 한국 기업 {N}곳과 공동 실증 프로젝트를 진행했다.',
    '{E:는} {SECTOR} 분야 중국 내 대표 연구 거점 가운데 하나로 꼽힌다.',
    '참가자들은 양국 {SECTOR} 표준과 인증 제도의 차이에 대해서도 의견을 나눴다.',
]
ZH_EVENT_LEAD = [
    '{D}，由{A}主办、{B}承办的“{EV}”在{C}举行。',
    '{D}，{EV}在{C}{VENUE}隆重开幕，{A}、{B}等单位共同主办。',
    '{D}，{A}联合{B}在{C}举办《{EV}》，来自中韩两国的{M}余名嘉宾参加活动。',
    '{D}，“{EV}”在{C}成功举办，{S1}、{S2}、{S3}等{N}家韩国企业进行了项目路演。',
]
ZH_EVENT_MORE = [
    '{B}{T}{P}、{E}{T2}{P2}等出席活动并致辞。',
    '活动现场，{N}家中韩{SECTOR}企业进行了项目路演，吸引了{M}余家投资机构参与对接。',
    '主办单位：{A}；承办单位：{B}、{E}；支持单位：{F}。',
    '{P}在致辞中表示，{Q3}',
    '本次活动吸引了来自中韩两国的{M}余名企业代表、投资人及专家学者参加。',
    '活动期间还举行了{SECTOR}专场对接，现场达成合作意向{N}项。',
    '与会嘉宾围绕{SECTOR}技术发展趋势、国际合作路径等议题进行了深入交流。',
    '路演企业包括{S1}、{S2}、{S3}、{S4}等，涵盖{SECTOR}、{SECTOR2}等领域。',
    '{S1}、{S2}等企业现场展示了{SECTOR}领域最新成果。',
    '评审环节由{B}、{E}等单位专家组成评审团，最终评选出一等奖{N}名。',
    '{F}相关负责人出席并为获奖企业颁奖。',
    '会后，与会代表参观了{E}{SECTOR2}展示中心。',
    '{A}{T}{P}主持会议。',
]
ZH_MOU_LEAD = [
    '{D}，{A}与{B}在{C}签署战略合作协议，双方将在{SECTOR}、{SECTOR2}等领域开展深度合作。',
    '{D}，{A}、{B}、{E}三方签署《{TOPIC}合作备忘录》。',
    '{D}，{A}与{B}签订{TOPIC}框架协议，{P}与{P2}代表双方签约。',
]
ZH_MOU_MORE = [
    '根据协议，双方将围绕{TOPIC}、{TOPIC2}、平台共建等方面建立长效合作机制。',
    '签约仪式上，{P}{T}介绍了{A}在{SECTOR}领域的布局。',
    '{B}{T2}{P2}表示，此次签约是双方深化合作的新起点。',
    '下一步，双方将发挥各自优势，在平台共建、项目孵化、人才培养等方面持续深化合作。',
]
ZH_VISIT_LEAD = [
    '近日，{A}代表团赴{B}考察调研，就{TOPIC}进行了深入交流。',
    '{D}，{P}{T}率团访问{B}，双方就{SECTOR}领域合作进行座谈。',
]
ZH_FILLER = [
    '近年来，{C}持续优化创新创业生态，{SECTOR}产业集聚效应日益显现。',
    '据介绍，{A}自{Y0}年成立以来，累计引进国际技术转移项目{M}余项，服务企业{N}百余家。',
    '据悉，该活动已连续举办{N}届，已成为中韩科技交流的重要平台。',
    '下一步，{A}将继续发挥桥梁纽带作用，推动更多优质项目落地{C}。',
    '会上还发布了《{Y}年{SECTOR}产业国际合作白皮书》。',
    '{B}相关负责人介绍，今年以来已组织{N}场国际技术对接活动，促成合作项目{M}项。',
    '此前，双方曾于{M2}月在{C2}联合举办{EV2}。',
    '与会企业表示，将借助平台资源加快{SECTOR}技术在华应用与产业化进程。',
    '当前，新一轮科技革命和产业变革深入发展，国际科技合作面临新的机遇。',
    '据了解，{C}已集聚{SECTOR}相关企业{M}余家，形成较为完整的产业链条。',
    '{C}将以此为契机，加快建设具有国际影响力的{SECTOR}产业创新高地。',
    '据统计，{Y}年{C}技术合同成交额同比增长{N}%。',
    '{B}是国家级国际科技合作基地，长期致力于中外技术转移服务。',
    '与会专家认为，{SECTOR}与{SECTOR2}的融合发展将催生更多新业态。',
    '活动由{F}指导，多家金融机构和产业园区参与支持。',
]
KO_QUOTES = [
    '이번 행사는 한국 스타트업이 중국 시장의 가능성을 직접 확인하는 자리였다',
    '현지 파트너와의 협력이 기술 사업화의 출발점이다',
    '양국 혁신 주체가 만나는 접점을 계속 넓혀 가겠다',
    '우수한 기술을 가진 기업이 현지에서 실질적인 성과를 내도록 돕겠다',
]
KO_QUOTES2 = [
    '한국 기업의 기술력이 인상적이었다', '실질적인 협력 성과로 이어지길 기대한다',
    '현지 수요와 맞닿은 기술이 많았다']
ZH_QUOTES = [
    '中韩两国在科技创新领域互补性强，合作空间广阔。',
    '希望以此次活动为契机，推动更多韩国创新成果在华转化落地。',
    '将进一步完善国际技术转移服务体系，为中外企业提供全链条服务。',
    '科技合作是中韩关系的重要组成部分，双方应携手应对共同挑战。',
]
KO_VENUES = ['국가회의센터', '국제컨벤션센터', '창업원', '하이테크산업단지 전시장',
             '혁신센터 대회의실']
ZH_VENUES = ['国际会议中心', '国家会展中心', '科技园', '创新港', '大酒店']
KO_PRESS = ['뉴시스', '연합뉴스', '아주경제', '전자신문', '매일경제']


# ------------------------------------------------------------ entities

def load_entities(path):
    with open(path, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    ko, zh = [], []
    for ent in doc['entities']:
        al = ent.get('aliases') or {}
        if al.get('ko'):
            ko.append(al['ko'])
        if al.get('zh'):
            zh.append([a for a in al['zh'] if '、' not in a] or al['zh'])
    return ko, zh


class Writer:
    """Sentences for one article: a random cast of organisations, people,
    places and dates, kept for the whole text so it reads as one story."""

    def __init__(self, rng, lang, pub, ents):
        self.rng, self.lang, self.pub = rng, lang, pub
        r = rng
        orgs = [r.choice(ents[lang]) for _ in range(6)]
        names = [r.choice(a) for a in orgs]
        if lang == 'ko' and r.random() < 0.5:
            names[0] = r.choice(['KIC중국', '글로벌혁신센터', '중국글로벌혁신센터'])
        if lang == 'zh' and r.random() < 0.3:
            names[0] = '韩国创新中心'
        sec = r.sample(SECTORS, 2)
        ix = 0 if lang == 'ko' else 1
        cities = KO_CITIES if lang == 'ko' else ZH_CITIES
        c, c2 = r.sample(cities, 2)
        y = pub.year
        evd = pub - timedelta(days=r.randint(0, 6))
        m2 = r.randint(1, 12)
        s = {
            'A': names[0], 'B': names[1], 'E': names[2], 'F': names[3],
            'C': c, 'C2': c2, 'SECTOR': sec[0][ix], 'SECTOR2': sec[1][ix],
            'Y': str(y), 'Y0': str(r.randint(2012, 2019)),
            'M': str(r.randint(20, 300)), 'N': str(r.randint(3, 15)),
            'M2': str(m2), 'D': self.date_phrase(evd),
            'R': self.report_day(), 'P': self.person(), 'P2': self.person(),
        }
        if lang == 'ko':
            s.update(T=r.choice(KO_TITLES), T2=r.choice(KO_TITLES),
                     VENUE=r.choice(KO_VENUES), PRESS=r.choice(KO_PRESS),
                     EV=ko_events(r, y, c, s['SECTOR']),
                     EV2=ko_events(r, y, c2, s['SECTOR2']),
                     TOPIC=r.choice(KO_TOPICS), TOPIC2=r.choice(KO_TOPICS),
                     Q1=r.choice(KO_QUOTES), Q2=r.choice(KO_QUOTES2))
            s['EVo'] = josa(s['EV'] + '’', '를')[len(s['EV']) + 1:]
            s['EVs'] = josa(s['EV'] + '’', '가')[len(s['EV']) + 1:]
            s['EV2o'] = josa(s['EV2'] + '’', '를')[len(s['EV2']) + 1:]
            s['TOPICp'] = josa(s['TOPIC'], '을')[len(s['TOPIC']):]
        else:
            s.update(T=r.choice(ZH_TITLES), T2=r.choice(ZH_TITLES),
                     VENUE=r.choice(ZH_VENUES),
                     EV=zh_events(r, y, c, s['SECTOR']),
                     EV2=zh_events(r, y, c2, s['SECTOR2']),
                     TOPIC=r.choice(ZH_TOPICS), TOPIC2=r.choice(ZH_TOPICS),
                     Q3=r.choice(ZH_QUOTES))
        self.s = s
        self.decks = {}
        self.refresh()

    def refresh(self):
        """New start-ups, people and figures for the next paragraphs, so a
        long text does not repeat itself word for word."""
        r, s = self.rng, self.s
        names = set()
        while len(names) < 4:
            names.add(self.startup())
        for k, v in zip(('S1', 'S2', 'S3', 'S4'), r.sample(sorted(names), 4)):
            s[k] = v
        s.update(P=self.person(), P2=self.person(),
                 M=str(r.randint(20, 300)), N=str(r.randint(3, 15)))
        sec = r.choice(SECTORS)[0 if self.lang == 'ko' else 1]
        if sec != s['SECTOR']:
            s['SECTOR2'] = sec
        if self.lang == 'ko':
            s.update(T=r.choice(KO_TITLES), T2=r.choice(KO_TITLES),
                     TOPIC2=r.choice(KO_TOPICS), Q1=r.choice(KO_QUOTES),
                     Q2=r.choice(KO_QUOTES2))
        else:
            s.update(T=r.choice(ZH_TITLES), T2=r.choice(ZH_TITLES),
                     TOPIC2=r.choice(ZH_TOPICS), Q3=r.choice(ZH_QUOTES))

    def person(self):
        r = self.rng
        if self.lang == 'ko':
            return r.choice(KO_SURNAMES) + ''.join(r.sample(KO_GIVEN, 2))
        return r.choice(ZH_SURNAMES) + ''.join(
            r.sample(ZH_GIVEN, r.randint(1, 2)))

    def startup(self):
        r = self.rng
        if self.lang == 'ko':
            name = r.choice(KO_SU_HEAD) + r.choice(KO_SU_TAIL)
            return r.choice(['', '', '(주)']) + name
        return (r.choice(ZH_CITIES) + r.choice(ZH_SU_HEAD) +
                r.choice(ZH_SU_TAIL) + '有限公司')

    def date_phrase(self, d):
        r, p = self.rng, self.pub
        if self.lang == 'ko':
            opts = [f'{d.year}년 {d.month}월 {d.day}일', f'{d.month}월 {d.day}일']
            if d.month == p.month:
                opts += [f'{d.day}일', f'지난 {d.day}일']
            return r.choice(opts)
        opts = [f'{d.year}年{d.month}月{d.day}日', f'{d.month}月{d.day}日',
                '近日', '日前']
        if d.month == p.month:
            opts.append(f'{d.day}日上午')
        return r.choice(opts)

    def report_day(self):
        return f'{self.pub.day}일' if self.rng.random() < 0.5 else '이날'

    def sentence(self, pool):
        """The next template of pool's shuffled deck; a new deck (and new
        people and figures) once it is used up."""
        deck = self.decks.get(id(pool))
        if not deck:
            if deck is not None:
                self.refresh()
            deck = list(pool)
            self.rng.shuffle(deck)
            self.decks[id(pool)] = deck
        return fill(deck.pop(), self.s)

    def title(self, kind):
        s, r = self.s, self.rng
        if self.lang == 'ko':
            return fill(r.choice({
                'event': ['{A}, ‘{EV}’ 성료', '‘{EV}’ {C}서 개최…{N}개사 참가',
                          '{A}, {C}에서 ‘{EV}’ 열어'],
                'mou': ['{A}-{B}, {TOPIC} 업무협약 체결',
                        '{A}, {B:와} MOU…{SECTOR} 협력 강화'],
                'visit': ['{A} 대표단, {B} 방문', '{A}, {C} {SECTOR} 현장 점검'],
            }[kind]), s)
        return fill(r.choice({
            'event': ['{EV}在{C}成功举办', '{A}举办{EV}',
                      '{EV}在{C}举行 {N}家韩国企业参与路演'],
            'mou': ['{A}与{B}签署战略合作协议', '{A}与{B}签约共推{TOPIC}'],
            'visit': ['{A}代表团赴{B}考察交流', '{A}率团访问{B}'],
        }[kind]), s)

    def body(self, target):
        """Paragraphs until the text reaches target bytes (UTF-8)."""
        r = self.rng
        ko = self.lang == 'ko'
        kind = r.choices(['event', 'mou', 'visit'], [5, 3, 2])[0]
        lead = {'event': KO_EVENT_LEAD if ko else ZH_EVENT_LEAD,
                'mou': KO_MOU_LEAD if ko else ZH_MOU_LEAD,
                'visit': KO_VISIT_LEAD if ko else ZH_VISIT_LEAD}[kind]
        more = {'event': KO_EVENT_MORE if ko else ZH_EVENT_MORE,
                'mou': KO_MOU_MORE if ko else ZH_MOU_MORE,
                'visit': KO_EVENT_MORE if ko else ZH_EVENT_MORE}[kind]
        filler = KO_FILLER if ko else ZH_FILLER
        paras = [self.sentence(lead)]
        if r.random() < 0.3:     # a second happening in the same story
            paras.append(self.sentence(
                (KO_MOU_LEAD if ko else ZH_MOU_LEAD) if kind == 'event'
                else (KO_EVENT_LEAD if ko else ZH_EVENT_LEAD)))
        size = sum(len(p.encode()) for p in paras)
        while size < target:
            pool = more if r.random() < 0.55 else filler
            n = r.randint(1, 3)
            p = ' '.join(self.sentence(pool) for _ in range(n))
            if not ko:
                p = p.replace(' ', '')
            paras.append(p)
            size += len(p.encode())
        return kind, paras


# --------------------------------------------------------------- chrome

CSS_SEL = ['header', 'nav', 'top_bar', 'logo', 'w1200', 'left_side',
           'right_main', 'crumbs', 'article', 'title', 'info', 'content',
           'share', 'pre_next', 'footer', 'list_news', 'notice_box', 'sub_nav',
           'hot_news', 'related', 'banner', 'search_box', 'tab_con', 'more',
           'date', 'pages', 'fl', 'fr', 'clearfix', 'friend_link']
CSS_PROP = ['margin:0 auto', 'padding:0 10px', 'font-size:14px',
            'line-height:28px', 'color:#333', 'color:#1a5fb4',
            'background:#f5f7fa', 'border-bottom:1px solid #e1e4e8',
            'float:left', 'float:right', 'width:1200px', 'width:280px',
            'overflow:hidden', 'text-overflow:ellipsis', 'white-space:nowrap',
            'display:block', 'display:none', 'height:40px', 'font-weight:bold',
            'text-align:center', 'position:relative', 'z-index:10',
            'cursor:pointer', 'list-style:none', 'text-indent:2em']


def css(rng, n):
    out = []
    for _ in range(n):
        sel = '.' + rng.choice(CSS_SEL)
        if rng.random() < 0.5:
            sel += ' ' + rng.choice(['li', 'a', 'a:hover', 'span', 'h3', 'p',
                                     'ul', 'img', '.on'])
        props = ';'.join(rng.sample(CSS_PROP, rng.randint(2, 6)))
        out.append(f'{sel}{{{props}}}')
    return '\n'.join(out)


JS_MENU = '''$(function(){
  var $nav = $(".nav > li");
  $nav.hover(function(){ $(this).addClass("on").find(".sub").stop(true,true).slideDown(150); },
             function(){ $(this).removeClass("on").find(".sub").stop(true,true).slideUp(100); });
  $(".tab_tit li").click(function(){
    var i = $(this).index();
    $(this).addClass("cur").siblings().removeClass("cur");
    $(".tab_con > div").eq(i).show().siblings().hide();
  });
  $("#fontsize a").click(function(){ $("#content").css("font-size", $(this).data("size") + "px"); return false; });
});'''
JS_STAT = '''var _kst = _kst || [];
(function() {
  var s = document.createElement("script");
  s.src = "/statics/js/stat.js?v=%d";
  var f = document.getElementsByTagName("script")[0];
  f.parentNode.insertBefore(s, f);
})();
function addFavorite(u, t){ try { window.external.addFavorite(u, t); } catch (e) { alert("Ctrl+D"); } }'''
JS_SLIDE = '''var slide = { idx: 0, timer: null, items: [], init: function(id){
  this.items = document.getElementById(id).getElementsByTagName("li");
  var self = this; this.timer = setInterval(function(){ self.next(); }, %d);
}, next: function(){ this.items[this.idx].style.display = "none";
  this.idx = (this.idx + 1) %% this.items.length; this.items[this.idx].style.display = "block"; } };'''


def scripts(rng):
    return (f'<script type="text/javascript">{JS_MENU}</script>\n'
            f'<script type="text/javascript">{JS_STAT % rng.randint(1, 999)}'
            f'</script>\n<script type="text/javascript">'
            f'{JS_SLIDE % rng.choice([3000, 4000, 5000])}</script>\n')


KO_MENU = [('센터 소개', ['인사말', '연혁', '조직도', '주요 사업', '오시는 길']),
           ('뉴스', ['센터 뉴스', '공지사항', '언론 보도', '뉴스레터', '포토 갤러리']),
           ('K-Demo Day', ['행사 소개', '지난 행사', '참가 신청', '결과 발표']),
           ('입주기업', ['입주 안내', '입주기업 소개', '졸업기업', '입주 신청']),
           ('지원 사업', ['현지화 프로그램', '투자 유치', '법률·세무 자문',
                      '전시회 참가', '멘토링']),
           ('자료실', ['중국 정책 동향', '산업 보고서', '양식 다운로드']),
           ('커뮤니티', ['자유게시판', 'Q&A', '채용 정보'])]
ZH_MENU = [('机构概况', ['中心简介', '领导信息', '内设机构', '联系我们']),
           ('新闻动态', ['工作动态', '地方动态', '媒体报道', '图片新闻', '视频新闻']),
           ('政策法规', ['法律法规', '部门规章', '政策解读', '规范性文件']),
           ('国际合作', ['双边合作', '多边合作', '技术转移', '国际会议']),
           ('科技服务', ['孵化器', '科技园区', '技术市场', '统计数据']),
           ('专题专栏', ['创新创业大赛', '科技成果转化', '高新区建设']),
           ('互动交流', ['主任信箱', '在线访谈', '意见征集', '常见问题'])]


def ko_link(aid):
    return ('/index.php?m=content&amp;c=index&amp;a=show&amp;'
            f'catid={KO_CATID}&amp;id={aid}')


def ko_list_link(page):
    base = f'/index.php?m=content&amp;c=index&amp;a=lists&amp;catid={KO_CATID}'
    return base if page == 1 else f'{base}&amp;page={page}'


def zh_link(a):
    d = a['date']
    return f'/news/xwdt/{d:%Y%m}/t{d:%Y%m%d}_{a["id"]}.shtml'


def zh_list_file(page):
    return 'index.shtml' if page == 1 else f'index_{page - 1}.shtml'


def menu_html(menu, ko):
    out = ['<ul class="nav">']
    for i, (top, subs) in enumerate(menu):
        href = (f'/index.php?m=content&amp;c=index&amp;a=lists&amp;catid={60 + i}'
                if ko else f'/col/col{1000 + i}/index.shtml')
        out.append(f'<li><a href="{href}">{escape(top)}</a><div class="sub"><ul>')
        for j, s in enumerate(subs):
            h = (f'/index.php?m=content&amp;c=index&amp;a=lists&amp;catid={100 + i * 10 + j}'
                 if ko else f'/col/col{1000 + i}/{j}/index.shtml')
            out.append(f'<li><a href="{h}">{escape(s)}</a></li>')
        out.append('</ul></div></li>')
    out.append('</ul>')
    return ''.join(out)


def item_list(cls, head, items, ko):
    out = [f'<div class="{cls}"><h3>{escape(head)}</h3><ul>']
    for a in items:
        href = ko_link(a['id']) if ko else zh_link(a)
        out.append(f'<li><a href="{href}" title="{escape(a["title"])}">'
                   f'{escape(a["title"])}</a><span class="date">'
                   f'{a["date"]:%Y-%m-%d}</span></li>')
    out.append('</ul></div>')
    return '\n'.join(out)


def footer(rng, ko):
    opts = ''.join(f'<option value="https://partner{i}.example.org/">'
                   f'{"협력기관" if ko else "友情链接"} {i}</option>'
                   for i in range(1, rng.randint(25, 40)))
    if ko:
        return ('<div class="footer"><div class="friend_link"><select '
                f'onchange="window.open(this.value)"><option>관련 사이트</option>{opts}'
                '</select></div><p>글로벌혁신센터 KIC중국 | 주소: 베이징시 차오양구 '
                '가상로 00호 | 전화: +86-10-0000-0000</p><p>본 사이트는 kicwatch '
                '벤치마크용으로 생성되었습니다. 실제 사이트가 아닙니다.</p>'
                '<p>Copyright &copy; kicwatch bench. 京ICP备00000000号-1</p></div>')
    return ('<div class="footer"><div class="friend_link"><select '
            f'onchange="window.open(this.value)"><option>友情链接</option>{opts}'
            '</select></div><p>主办单位：（基准测试生成站点，非真实网站）　'
            '地址：北京市虚构区示例路00号</p><p>京ICP备00000000号　'
            '京公网安备 00000000000000号　网站标识码 0000000000</p></div>')


def pad_data(rng, need):
    """An inline data blob of at least need bytes (ASCII), as CMS
    templates embed for widgets."""
    head = '<script type="text/javascript">var widgetData = ['
    tail = '];</script>\n'
    rows, size = [], len(head) + len(tail)
    while size < need or not rows:
        y = rng.randint(2019, 2025)
        row = ('{"id":%d,"thumb":"/uploadfile/%d/%02d%02d/%d%02d%02d%06d%03d.jpg",'
               '"w":%d,"h":%d,"hits":%d}' % (
                   rng.randint(1000, 99999), y, rng.randint(1, 12),
                   rng.randint(1, 28), y, rng.randint(1, 12),
                   rng.randint(1, 28), rng.randint(0, 235959),
                   rng.randint(0, 999), rng.choice([300, 640, 800]),
                   rng.choice([200, 360, 450]), rng.randint(0, 9999)))
        rows.append(row)
        size += len(row) + 2
    return head + ',\n'.join(rows) + tail


# ---------------------------------------------------------------- pages

def head_html(title, charset, site_css, rng, ko):
    if rng.random() < 0.5:
        meta = (f'<meta http-equiv="Content-Type" content="text/html; '
                f'charset={charset}" />')
    else:
        meta = f'<meta charset="{charset}">'
    kw = ('글로벌혁신센터,KIC중국,한중 기술협력,스타트업' if ko
          else '科技创新,国际合作,技术转移,创新创业')
    return ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n{meta}\n'
            f'<title>{escape(title)}</title>\n<meta name="keywords" content="{kw}" />\n'
            '<link rel="stylesheet" type="text/css" href="/statics/css/reset.css" />\n'
            '<link rel="stylesheet" type="text/css" href="/statics/css/style.css" />\n'
            '<script type="text/javascript" src="/statics/js/jquery.min.js"></script>\n'
            f'<style type="text/css">{site_css}</style>\n</head>\n')


def ko_article(a, site, rng):
    w = a['writer']
    t = a['title']
    notices = item_list('notice_box', '공지', site['pinned_ko'], True)
    hot = item_list('hot_news', '많이 본 뉴스', rng.sample(site['ko'], 10), True)
    body = '\n'.join(f'<p>{escape(p)}</p>' for p in a['paras'])
    if rng.random() < 0.6:
        d = a['date']
        body = (f'<p style="text-align:center"><img src="/uploadfile/{d:%Y}/'
                f'{d:%m%d}/{d:%Y%m%d}{rng.randint(80000, 175959)}'
                f'{rng.randint(0, 999):03d}.jpg" alt="" /></p>\n' + body)
    prev_, next_ = a['prev'], a['next']
    pn = '<div class="pre_next">'
    pn += (f'<p>이전 글：<a href="{ko_link(prev_["id"])}">{escape(prev_["title"])}</a></p>'
           if prev_ else '<p>이전 글：없음</p>')
    pn += (f'<p>다음 글：<a href="{ko_link(next_["id"])}">{escape(next_["title"])}</a></p>'
           if next_ else '<p>다음 글：없음</p>')
    pn += '</div>'
    page = [head_html(f'{t} - 센터 뉴스 - 글로벌혁신센터 KIC중국', a['label'],
                      site['css_ko'], rng, True),
            '<body>\n<div class="top_bar"><a href="/index.php?lang=zh">中文</a> | '
            '<a href="/index.php?m=member&amp;c=index&amp;a=login">로그인</a> | '
            '<a href="/index.php?m=member&amp;c=index&amp;a=register">회원가입</a></div>\n'
            '<div class="header"><a href="/" class="logo">글로벌혁신센터 KIC중국</a>\n',
            site['menu_ko'],
            '<div class="search_box"><form action="/index.php" method="get">'
            '<input type="hidden" name="m" value="search" /><input type="text" '
            'name="q" /><input type="submit" value="검색" /></form></div></div>\n'
            '<div class="w1200 clearfix">\n<div class="left_side"><h2>뉴스</h2>'
            '<ul class="sub_nav"><li class="on"><a href="'
            f'{ko_list_link(1)}">센터 뉴스</a></li><li><a href="/index.php?m=content'
            '&amp;c=index&amp;a=lists&amp;catid=68">공지사항</a></li></ul>\n',
            notices, hot, '</div>\n<div class="right_main">\n'
            '<div class="crumbs">현재 위치: <a href="/">홈</a> &gt; <a href="'
            f'{ko_list_link(1)}">뉴스</a> &gt; <a href="{ko_list_link(1)}">센터 뉴스'
            '</a> &gt; </div>\n<div class="article">\n'
            f'<h1 class="title">{escape(t)}</h1>\n<div class="info">출처:'
            f'{escape(a["source"])} 발표 시간:{a["date"]:%Y-%m-%d} '
            f'{rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}'
            ' 조회 수:<span id="hits"></span></div>\n'
            f'<div class="content" id="content">\n{body}\n</div>\n'
            '<div class="share">공유하기: <a href="javascript:;">위챗</a> '
            '<a href="javascript:;">웨이보</a> <a href="javascript:window.print();">'
            '인쇄</a></div>\n', pn, '</div>\n']
    return page, footer(rng, True), w


def zh_article(a, site, rng):
    t = a['title']
    body = '\n'.join(f'<p style="text-indent:2em;">{escape(p)}</p>'
                     for p in a['paras'])
    hot = item_list('hot_news', '热点新闻', rng.sample(site['zh'], 10), False)
    prev_, next_ = a['prev'], a['next']
    pn = '<div class="pre_next">'
    pn += (f'<p>上一篇：<a href="{zh_link(prev_)}">{escape(prev_["title"])}</a></p>'
           if prev_ else '<p>上一篇：没有了</p>')
    pn += (f'<p>下一篇：<a href="{zh_link(next_)}">{escape(next_["title"])}</a></p>'
           if next_ else '<p>下一篇：没有了</p>')
    pn += '</div>'
    page = [head_html(f'{t}_工作动态_新闻动态', a['label'], site['css_zh'], rng,
                      False),
            '<body>\n<div class="top_bar"><span id="today"></span> '
            '<a href="/gate/big5/">繁體</a> | <a href="/wza/">无障碍</a> | '
            '<a href="/m/">手机版</a></div>\n<div class="header"><a href="/" '
            'class="logo">科技创新服务中心（示例）</a>\n', site['menu_zh'],
            '<div class="search_box"><form action="/search/" method="get">'
            '<input type="text" name="searchword" /><input type="submit" '
            'value="搜索" /></form></div></div>\n<div class="w1200 clearfix">\n'
            '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="'
            '/news/">新闻动态</a> &gt; <a href="/news/xwdt/">工作动态</a></div>\n'
            '<div class="right_main"><div class="article">\n'
            f'<h1>{escape(t)}</h1>\n<div class="pages-date">发布时间：'
            f'{a["date"]:%Y年%m月%d日} {rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}'
            f'　来源：{escape(a["source"])}　【字体：<a href="#">大</a> '
            '<a href="#">中</a> <a href="#">小</a>】【<a href="javascript:'
            'window.print()">打印</a>】</div>\n<div id="allStyleDIV">'
            f'<div class="TRS_Editor">\n{body}\n</div></div>\n'
            f'<div class="editor">（责任编辑：{escape(a["writer"].person())}）</div>\n',
            pn, '</div></div>\n<div class="left_side">', hot, '</div>\n']
    return page, footer(rng, False), None


def finish_page(parts, foot, a, site, rng, ko, target):
    """Appends related news, scripts and widget data up to target bytes
    (as encoded: a legacy charset takes 2 bytes where UTF-8 takes 3)."""
    enc = 'gb18030' if a['enc'] == 'big5' else a['enc']

    def blen(s):
        return len(s.encode(enc, errors='xmlcharrefreplace'))

    html = ''.join(parts)
    tail = f'</div>\n{foot}\n{site["scripts_" + ("ko" if ko else "zh")]}</body>\n</html>\n'
    pool = site['ko' if ko else 'zh']
    size = blen(html) + blen(tail)
    rel = []
    while size < target - 6000 and len(rel) < 40:
        rel.append(rng.choice(pool))
        size += 230
    extra = item_list('related', '관련 기사' if ko else '相关新闻', rel, ko)
    html += extra
    size = blen(html) + blen(tail)
    if size < target:
        html += pad_data(rng, target - size)
    return html + tail


def encode(text, label_enc):
    return text.encode(label_enc, errors='xmlcharrefreplace')


def to_traditional(texts):
    """OpenCC s2t over many texts in one process (a big5 mirror's job)."""
    if not texts:
        return []
    sep = '\n\u241e\n'
    cfg = '/usr/share/opencc/s2t.json'
    if shutil.which('opencc') is None or not os.path.exists(cfg):
        sys.exit('gen_corpus: needs the opencc command (Debian package '
                 'opencc) for the Big5 pages')
    p = subprocess.run(['opencc', '-c', cfg], input=sep.join(texts).encode(),
                       capture_output=True, check=True)
    out = p.stdout.decode().split(sep)
    assert len(out) == len(texts)
    return out


# ---------------------------------------------------------- list pages

def ko_list_page(items, page, npages, site, rng):
    lis = '\n'.join(
        f'<li><span class="date">{a["date"]:%Y-%m-%d}</span><a href="'
        f'{ko_link(a["id"])}" title="{escape(a["title"])}">{escape(a["title"])}'
        '</a></li>' for a in items)
    pinned = '\n'.join(
        f'<li class="top"><span class="date">{a["date"]:%Y-%m-%d}</span><a href="'
        f'{ko_link(a["id"])}">[공지] {escape(a["title"])}</a></li>'
        for a in site['pinned_ko'])
    pager = [f'<div id="pages"><a class="a1">{site["n_ko"]}건</a>']
    if page > 1:
        pager.append(f'<a href="{ko_list_link(page - 1)}" class="a1">이전</a>')
    for p in range(max(1, page - 4), min(npages, page + 5) + 1):
        pager.append(f'<span>{p}</span>' if p == page else
                     f'<a href="{ko_list_link(p)}">{p}</a>')
    if page < npages:
        pager.append(f'<a href="{ko_list_link(page + 1)}" class="a1">다음</a>')
    pager.append('</div>')
    return (head_html('센터 뉴스 - 글로벌혁신센터 KIC중국', 'utf-8',
                      site['css_ko'], rng, True) +
            '<body>\n<div class="header"><a href="/" class="logo">글로벌혁신센터 '
            'KIC중국</a>\n' + site['menu_ko'] + '</div>\n<div class="w1200 '
            'clearfix"><div class="right_main"><div class="crumbs">현재 위치: '
            '<a href="/">홈</a> &gt; 뉴스 &gt; 센터 뉴스</div>\n'
            f'<ul class="list_news">\n{pinned}\n{lis}\n</ul>\n' +
            ''.join(pager) + '</div></div>\n' + footer(rng, True) +
            site['scripts_ko'] + '</body>\n</html>\n')


def zh_list_page(items, page, npages, site, rng):
    lis = '\n'.join(
        f'<li><a href=".{zh_link(a)[len("/news/xwdt"):]}" target="_blank" '
        f'title="{escape(a["title"])}">{escape(a["title"])}</a><span>'
        f'{a["date"]:%Y-%m-%d}</span></li>' for a in items)
    pager = [f'<div class="page">共{npages}页　']
    pager.append('<a href="index.shtml">首页</a> ')
    if page > 1:
        pager.append(f'<a href="{zh_list_file(page - 1)}">上一页</a> ')
    if page < npages:
        pager.append(f'<a href="{zh_list_file(page + 1)}">下一页</a> ')
    pager.append(f'<a href="{zh_list_file(npages)}">尾页</a></div>')
    return (head_html('工作动态_新闻动态', 'utf-8', site['css_zh'], rng, False) +
            '<body>\n<div class="header">' + site['menu_zh'] + '</div>\n'
            '<div class="w1200 clearfix"><div class="crumbs">当前位置：<a '
            'href="/">首页</a> &gt; 新闻动态 &gt; 工作动态</div>\n'
            f'<div class="list"><ul>\n{lis}\n</ul></div>\n' + ''.join(pager) +
            '</div>\n' + footer(rng, False) + site['scripts_zh'] +
            '</body>\n</html>\n')


ROBOTS = '''# kicwatch benchmark site (generated)
User-agent: *
Disallow: /index.php?m=member
Disallow: /index.php?m=search
Disallow: /search/
Disallow: /admin/

User-agent: BadBot
Disallow: /
'''


# --------------------------------------------------------------- main

def plan_articles(rng, n, ents):
    """Metadata and text of every article, oldest first."""
    start = date(2021, 1, 4)
    arts = []
    for i in range(n):
        lang = 'ko' if i % 2 == 0 else 'zh'
        pub = start + timedelta(days=rng.randint(0, 365 * 5 - 10))
        arts.append({'lang': lang, 'date': pub, 'seed': rng.getrandbits(64)})
    arts.sort(key=lambda a: (a['date'], a['seed']))
    for i, a in enumerate(arts):
        r = random.Random(a['seed'])
        w = Writer(r, a['lang'], a['date'], ents)
        kind, paras = w.body(r.randint(1024, 4096))
        a.update(writer=w, kind=kind, paras=paras, title=w.title(kind),
                 target=r.randint(30 * 1024, 80 * 1024))
        if a['lang'] == 'ko':
            a['id'] = 3000 + i
            a['source'] = r.choice(['KIC중국', '글로벌혁신센터', '뉴시스',
                                    '아주경제', '전자신문'])
            x = r.random()
            a['enc'], a['label'] = (
                ('utf-8', 'utf-8') if x < 0.75 else
                ('cp949', r.choice(['euc-kr', 'euc-kr', 'ks_c_5601-1987',
                                    'cp949'])))
        else:
            a['id'] = 500000 + i
            a['source'] = r.choice(['本站', '火炬中心', '科技日报', '中国高新网',
                                    '国际合作处'])
            x = r.random()
            a['enc'], a['label'] = (
                ('utf-8', 'utf-8') if x < 0.65 else
                ('gb18030', r.choice(['gb2312', 'gbk', 'gb18030']))
                if x < 0.9 else ('big5', 'big5'))
    return arts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('outdir')
    ap.add_argument('--pages', type=int, default=3000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--entities',
                    default=os.path.join(HERE, '..', 'config', 'entities.yaml'))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ko_al, zh_al = load_entities(args.entities)
    arts = plan_articles(rng, args.pages, {'ko': ko_al, 'zh': zh_al})

    site = {'ko': [a for a in arts if a['lang'] == 'ko'],
            'zh': [a for a in arts if a['lang'] == 'zh'],
            'css_ko': css(rng, 140), 'css_zh': css(rng, 120),
            'menu_ko': menu_html(KO_MENU, True),
            'menu_zh': menu_html(ZH_MENU, False),
            'scripts_ko': scripts(rng), 'scripts_zh': scripts(rng)}
    site['n_ko'] = len(site['ko'])
    site['pinned_ko'] = site['ko'][-3:]
    for lst in (site['ko'], site['zh']):
        for i, a in enumerate(lst):
            a['prev'] = lst[i - 1] if i > 0 else None
            a['next'] = lst[i + 1] if i + 1 < len(lst) else None

    root = os.path.join(args.outdir, 'site')
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root)
    with open(os.path.join(root, 'robots.txt'), 'w') as f:
        f.write(ROBOTS)

    pages = []
    for a in arts:
        r = random.Random(a['seed'] ^ 0x5eed)
        ko = a['lang'] == 'ko'
        parts, foot, _ = (ko_article if ko else zh_article)(a, site, r)
        html = finish_page(parts, foot, a, site, r, ko, a['target'])
        pages.append((a, html))
    big5 = [i for i, (a, _) in enumerate(pages) if a['enc'] == 'big5']
    trad = to_traditional([pages[i][1] for i in big5])
    for i, t in zip(big5, trad):
        pages[i] = (pages[i][0], t)

    stats = {'articles': 0, 'article_bytes': 0, 'list_pages': 0,
             'list_bytes': 0, 'encodings': {}, 'min_bytes': 1 << 30,
             'max_bytes': 0}
    urls = []
    for a, html in pages:
        data = encode(html, a['enc'])
        if a['lang'] == 'ko':
            rel = f'kic/show/{KO_CATID}/{a["id"]}.html'
            url = ko_link(a['id']).replace('&amp;', '&')
        else:
            url = zh_link(a)
            rel = url.lstrip('/')
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        urls.append(url)
        stats['articles'] += 1
        stats['article_bytes'] += len(data)
        stats['min_bytes'] = min(stats['min_bytes'], len(data))
        stats['max_bytes'] = max(stats['max_bytes'], len(data))
        stats['encodings'][a['label']] = stats['encodings'].get(a['label'], 0) + 1

    for lang, lst in (('ko', site['ko']), ('zh', site['zh'])):
        newest = lst[::-1]
        npages = max(1, -(-len(newest) // PER_LIST))
        for p in range(1, npages + 1):
            items = newest[(p - 1) * PER_LIST:p * PER_LIST]
            if lang == 'ko':
                html = ko_list_page(items, p, npages, site, rng)
                path = os.path.join(root, f'kic/lists/{KO_CATID}/{p}.html')
            else:
                html = zh_list_page(items, p, npages, site, rng)
                path = os.path.join(root, 'news/xwdt', zh_list_file(p))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = html.encode()
            with open(path, 'wb') as f:
                f.write(data)
            stats['list_pages'] += 1
            stats['list_bytes'] += len(data)
    stats['kinds'] = {k: sum(1 for a in arts if a['kind'] == k)
                      for k in ('event', 'mou', 'visit')}
    manifest = {
        'seed': args.seed, 'pages': args.pages, 'per_list': PER_LIST,
        'start_urls': {
            'ko': f'/index.php?m=content&c=index&a=lists&catid={KO_CATID}',
            'zh': '/news/xwdt/index.shtml'},
        'list_pages': {'ko': -(-len(site['ko']) // PER_LIST),
                       'zh': -(-len(site['zh']) // PER_LIST)},
        'stats': stats, 'article_urls': urls}
    with open(os.path.join(args.outdir, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    mb = stats['article_bytes'] / 1048576
    print(f'gen_corpus: {stats["articles"]} articles ({mb:.1f} MiB, '
          f'{stats["min_bytes"] >> 10}-{stats["max_bytes"] >> 10} KiB), '
          f'{stats["list_pages"]} list pages, encodings {stats["encodings"]}')


if __name__ == '__main__':
    main()
