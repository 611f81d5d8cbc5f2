#!/usr/bin/python3
"""Generate the forumstat sample submissions under samples/2023, 2024, 2025.

Run with Debian's /usr/bin/python3 (standard library only):

    /usr/bin/python3 samples/generate.py

The output is byte-identical on every run: one fixed seed (every county-year
draws from its own random stream derived from it), sorted iteration, no
timestamps, SQLite files built in memory and written with VACUUM INTO.

The data are invented.  They imitate what the seven member counties of the
safe-border cooperation zone would send: realistic volumes and mixes, in the
file formats the submission standard allows (see samples/README.md for the
story the data tell and the deliberate findings they contain).

Before writing anything the script checks every record against the rules of
the submission standard and checks that reconciliation finds exactly the
documented findings; it stops with an AssertionError otherwise.  After
writing it prints the headline facts quoted in samples/README.md.
"""

import codecs
import csv
import datetime as dt
import io
import math
import os
import random
import re
import sqlite3
import sys

SEED = 20231116          # the day the cooperation agreement was signed
YEARS = (2023, 2024, 2025)
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# The zone
# ---------------------------------------------------------------------------

DS, XX, FX, SX, YC, XY, YCS = ("341321", "341322", "320321", "371722",
                               "411425", "411426", "411481")
COUNTIES = {
    # code: (zh, en, file slug)
    DS: ("砀山县", "Dangshan County", "dangshan"),
    XX: ("萧县", "Xiao County", "xiao"),
    FX: ("丰县", "Feng County", "feng"),
    SX: ("单县", "Shan County", "shan"),
    YC: ("虞城县", "Yucheng County", "yucheng"),
    XY: ("夏邑县", "Xiayi County", "xiayi"),
    YCS: ("永城市", "Yongcheng City", "yongcheng"),
}
CODES = sorted(COUNTIES)
ROTATION = [DS, FX, SX, YC, XY, YCS, XX]

# Dangshan borders all six others; the others form a ring around it.
EDGES = sorted({tuple(sorted((DS, c))) for c in COUNTIES if c != DS} |
               {tuple(sorted(e)) for e in [(FX, SX), (SX, YC), (YC, XY),
                                           (XY, YCS), (YCS, XX), (XX, FX)]})


def neighbours(c):
    return sorted({b for a, b in EDGES if a == c} |
                  {a for a, b in EDGES if b == c})


def host(year):
    return ROTATION[(year - 2023) % len(ROTATION)]


# Per-county sizes: resident population (persons) in 2023, incident and
# dispute records per year (before the yearly trend), cooperation activities
# a county reports on its own per year.
PROFILE = {
    DS: dict(pop=772_640, inc=250, dis=215, solo=30),
    XX: dict(pop=955_180, inc=300, dis=240, solo=18),
    FX: dict(pop=925_430, inc=270, dis=190, solo=20),
    SX: dict(pop=1_013_760, inc=335, dis=265, solo=24),
    YC: dict(pop=868_310, inc=255, dis=200, solo=16),
    XY: dict(pop=919_520, inc=285, dis=230, solo=17),
    YCS: dict(pop=1_237_850, inc=370, dis=255, solo=22),
}
INC_TREND = {2023: 1.00, 2024: 0.95, 2025: 0.91}
DIS_TREND = {2023: 1.00, 2024: 1.04, 2025: 1.07}

AGREEMENT = dt.date(2023, 11, 16)   # first forum, agreement signed

# ---------------------------------------------------------------------------
# The standard's vocabulary
# ---------------------------------------------------------------------------

INDICATORS = [("population", "常住人口"), ("grid_members", "网格员"),
              ("grid_cells", "网格"), ("video_devices_added", "新增视频设备"),
              ("joint_police_stations", "联勤警务站"),
              ("risk_alerts", "风险预警推送"), ("mediation_orgs", "调解组织"),
              ("mediators", "调解员")]
STATUS = {"open": "在侦", "solved": "已破", "closed": "已结"}
DTYPE = {"family": "婚姻家庭", "neighborhood": "邻里", "land": "土地",
         "labor": "劳动", "contract": "合同债务", "traffic": "交通事故",
         "property": "房屋宅基地", "environment": "环境", "other": "其他"}
LEVEL = {"village": "村", "township": "乡镇", "county": "县",
         "joint": "联合调解", "judicial": "司法确认"}
OUTCOME = {"resolved": "调解成功", "pending": "在调", "escalated": "上交",
           "litigation": "诉讼"}
KIND = {"joint_patrol": "联合巡逻", "info_exchange": "信息互通",
        "clue_verification": "线索核查", "fugitive_pursuit": "追逃",
        "remote_evidence": "异地取证", "joint_mediation": "联合调解",
        "joint_training": "联合培训", "meeting": "联席会议",
        "emergency_linkage": "应急联动"}
ENUM_ZH = {}
# Declared record counts (standard v2, §2.3): how many records of a table a
# county sends for the year; 0 is a zero report.
DECLARED = [("declared_incidents", "报送刑事案件数"),
            ("declared_disputes", "报送矛盾纠纷数"),
            ("declared_cooperation", "报送协作活动数")]
for _d in (STATUS, DTYPE, LEVEL, OUTCOME, KIND, dict(INDICATORS), dict(DECLARED)):
    ENUM_ZH.update(_d)

COLUMNS = {
    "indicators": [("county", "县区代码"), ("year", "年度"),
                   ("indicator", "指标"), ("value", "数值"), ("note", "备注")],
    "incidents": [("case_id", "案件编号"), ("county", "县区代码"),
                  ("date_reported", "立案日期"), ("category", "案件类别"),
                  ("subcategory", "细类"), ("offenses", "起数"),
                  ("loss_yuan", "损失金额"), ("recovered_yuan", "挽损金额"),
                  ("suspects", "嫌疑人数"), ("arrested", "抓获人数"),
                  ("status", "状态"), ("date_solved", "破案日期"),
                  ("cross_ref", "跨区案件编号"),
                  ("counties_involved", "涉及县区"),
                  ("assisted_by", "协助县区")],
    "disputes": [("dispute_id", "纠纷编号"), ("county", "县区代码"),
                 ("date_received", "受理日期"), ("type", "纠纷类型"),
                 ("counterpart", "对方县区"), ("parties", "当事人数"),
                 ("level", "调解层级"), ("outcome", "结果"),
                 ("date_closed", "办结日期"), ("joint_ref", "联调编号")],
    "cooperation": [("activity_id", "活动编号"), ("county", "县区代码"),
                    ("date", "日期"), ("kind", "类型"),
                    ("partners", "合作县区"), ("lead", "牵头县区"),
                    ("participants", "参与人数"),
                    ("outcome_count", "成果数"), ("joint_ref", "联合编号")],
}
TABLES = ["indicators", "incidents", "disputes", "cooperation"]
DATE_COLS = {"date_reported", "date_solved", "date_received", "date_closed",
             "date"}
MONEY_COLS = {"loss_yuan", "recovered_yuan"}
INT_COLS = {"offenses", "suspects", "arrested", "parties", "participants",
            "outcome_count", "year"}
ENUM_COLS = {"indicator", "status", "type", "level", "outcome", "kind"}
LIST_COLS = {"counties_involved", "assisted_by", "counterpart", "partners"}
COUNTY_COLS = {"county", "lead"}

# ---------------------------------------------------------------------------
# Random helpers (every stream is derived from SEED and a fixed label)
# ---------------------------------------------------------------------------


def rng_for(*label):
    return random.Random("%d/%s" % (SEED, "/".join(str(x) for x in label)))


def wchoice(r, table):
    """table: list of (value, weight)."""
    total = sum(w for _, w in table)
    x = r.random() * total
    for v, w in table:
        x -= w
        if x < 0:
            return v
    return table[-1][0]


def year_days(y):
    return (dt.date(y, 12, 31) - dt.date(y, 1, 1)).days + 1


def rand_date(r, y, start=None, end=None):
    start = start or dt.date(y, 1, 1)
    end = end or dt.date(y, 12, 31)
    return start + dt.timedelta(days=r.randint(0, (end - start).days))


def later(r, d, mean_days, cap_days=None):
    """A date after d (exponential delay), never beyond 31 December."""
    delay = int(r.expovariate(1.0 / mean_days)) if mean_days > 0 else 0
    if cap_days is not None:
        delay = min(delay, cap_days)
    remaining = (dt.date(d.year, 12, 31) - d).days
    if delay > remaining:
        delay = r.randint(0, remaining)
    return d + dt.timedelta(days=delay)


def clamp_year(d, y):
    return min(max(d, dt.date(y, 1, 1)), dt.date(y, 12, 31))


def money(r, median_yuan, sigma, lo, hi, whole=False, fen_share=0.35):
    """An amount in fen, log-normal around median_yuan."""
    yuan = median_yuan * math.exp(r.gauss(0, sigma))
    yuan = min(max(yuan, lo), hi)
    if yuan >= 5000:
        yuan = round(yuan / 10) * 10
    fen = int(round(yuan)) * 100
    if not whole and r.random() < fen_share:
        fen += r.choice([50, 50, 20, 80, r.randint(1, 99)])
    return fen


def part(r, fen, lo, hi, whole=False):
    """A share of an amount in fen (e.g. the recovered part)."""
    f = r.uniform(lo, hi)
    if f >= 0.97:
        return fen
    v = int(fen * f)
    v -= v % (100 if whole else 10)
    return max(0, v)


# ---------------------------------------------------------------------------
# Crime: categories, subcategories, amounts
# ---------------------------------------------------------------------------

CAT_WEIGHTS = {  # 2023 mix; property crime falls and fraud rises later
    "01": 0.4, "02": 9, "03": 2, "04": 3, "05": 43, "06": 3.5, "07": 16,
    "08": 8.5, "09": 10.5, "10": 2, "11": 2.1}
CAT_SHIFT = {"05": -3.0, "07": +2.2, "08": +0.8}   # per year after 2023
CLEAR_P = {"01": 1.0, "02": 0.93, "03": 0.92, "04": 0.82, "05": 0.60,
           "06": 0.97, "07": 0.46, "08": 0.90, "09": 0.99, "10": 0.90,
           "11": 0.86}
SOLVE_MEAN = {"01": 3, "02": 4, "03": 5, "04": 12, "05": 22, "06": 2,
              "07": 45, "08": 6, "09": 0, "10": 15, "11": 25}
SUBCATS = {
    "01": [("故意杀人", 2), ("过失致人死亡", 3)],
    "02": [("故意伤害", 8), ("故意伤害（轻伤）", 5), ("过失致人重伤", 1)],
    "03": [("强奸", 2), ("强制猥亵", 3)],
    "04": [("抢劫", 3), ("抢夺", 2), ("敲诈勒索", 4)],
    "05": [("盗窃电动车", 20), ("入户盗窃", 15), ("盗窃农用物资", 9),
           ("盗窃电力设施", 6), ("盗窃车内财物", 11), ("盗窃牛只", 3),
           ("盗窃羊只", 4), ("扒窃", 7), ("故意毁坏财物", 9),
           ("盗窃农作物", 5), ("盗窃工地建材", 6)],
    "06": [("贩卖毒品", 5), ("非法持有毒品", 3), ("容留他人吸毒", 2)],
    "07": [("电信网络诈骗", 12), ("冒充客服诈骗", 6), ("刷单返利诈骗", 7),
           ("虚假投资理财诈骗", 5), ("合同诈骗", 4), ("职务侵占", 2)],
    "08": [("寻衅滋事", 6), ("聚众斗殴", 2), ("开设赌场", 3), ("妨害公务", 2),
           ("帮助信息网络犯罪活动", 6)],
    "09": [("危险驾驶（醉驾）", 12), ("交通肇事", 4), ("失火", 1)],
    "10": [("非法捕捞水产品", 3), ("滥伐林木", 2), ("非法占用农用地", 2),
           ("污染环境", 1)],
    "11": [("拒不执行判决、裁定", 3), ("拒不支付劳动报酬", 4)],
}


def incident_loss(r, cat, sub, whole):
    if cat == "05":
        if sub == "盗窃牛只":
            return money(r, 9000, 0.4, 4000, 40000, whole)
        if sub == "盗窃羊只":
            return money(r, 3600, 0.5, 1200, 15000, whole)
        if sub == "盗窃电动车":
            return money(r, 1800, 0.4, 500, 6000, whole)
        return money(r, 2600, 1.0, 200, 180000, whole)
    if cat == "04":
        return money(r, 2500, 0.9, 100, 40000, whole)
    if cat == "07":
        return money(r, 18000, 1.1, 1000, 1_200_000, whole)
    if cat == "10":
        return money(r, 8000, 0.8, 800, 90000, whole)
    if cat == "11":
        return money(r, 60000, 0.7, 8000, 400000, whole)
    if cat == "09" and sub == "交通肇事":
        return money(r, 12000, 0.6, 2000, 80000, whole)
    return 0


def recovered_part(r, cat, cleared, loss, whole):
    if loss == 0:
        return 0
    if cleared:
        lo, hi = {"05": (0.25, 1.05), "04": (0.5, 1.05), "07": (0.0, 0.55),
                  "11": (0.6, 1.05), "10": (0.0, 0.3)}.get(cat, (0.0, 0.5))
        return part(r, loss, lo, hi, whole)
    if cat == "07" and r.random() < 0.15:
        return part(r, loss, 0.0, 0.2, whole)   # frozen in time
    return 0


# ---------------------------------------------------------------------------
# Record builders (canonical values: dates as dt.date, money in fen,
# counties as codes, enums as codes, lists as lists of codes)
# ---------------------------------------------------------------------------


def inc_record(county, date_reported, cat, sub, offenses, loss, recovered,
               suspects, arrested, status, date_solved, cross_ref=None,
               involved=(), assisted=()):
    return dict(county=county, date_reported=date_reported, category=cat,
                subcategory=sub, offenses=offenses, loss_yuan=loss,
                recovered_yuan=recovered, suspects=suspects,
                arrested=arrested, status=status, date_solved=date_solved,
                cross_ref=cross_ref, counties_involved=list(involved),
                assisted_by=list(assisted))


def ordinary_incident(r, county, year, clear_factor, whole):
    weights = []
    for c, w in CAT_WEIGHTS.items():
        weights.append((c, max(0.1, w + CAT_SHIFT.get(c, 0) * (year - 2023))))
    cat = wchoice(r, weights)
    sub = wchoice(r, SUBCATS[cat])
    d = rand_date(r, year)
    offenses = 1
    if cat == "05" and r.random() < 0.14:
        offenses = r.randint(2, 6)
    elif cat in ("07", "04") and r.random() < 0.07:
        offenses = r.randint(2, 4)
    cleared = r.random() < min(1.0, CLEAR_P[cat] * clear_factor)
    date_solved = None
    if cleared:
        date_solved = later(r, d, SOLVE_MEAN[cat])
        # cases registered in the last days of December often stay open
        if (date_solved - d).days > 0 and date_solved.month == 12 and \
                date_solved.day == 31 and r.random() < 0.5:
            cleared, date_solved = False, None
    loss = incident_loss(r, cat, sub, whole)
    rec = recovered_part(r, cat, cleared, loss, whole)
    if cleared and (cat in ("01", "03", "09") or sub == "扒窃"):
        suspects = 1
        arrested = 1
        status = "closed" if r.random() < 0.42 else "solved"
    elif cleared:
        suspects = wchoice(r, [(1, 68), (2, 20), (3, 8), (4, 3), (5, 1)])
        arrested = suspects - (1 if suspects > 1 and r.random() < 0.08 else 0)
        status = "closed" if r.random() < 0.42 else "solved"
    else:
        suspects = wchoice(r, [(0, 62), (1, 28), (2, 10)])
        arrested = 0
        status = "open"
    assisted = []
    if cleared and r.random() < 0.015:
        assisted = [r.choice(neighbours(county))]
    return inc_record(county, d, cat, sub, offenses, loss, rec, suspects,
                      arrested, status, date_solved, assisted=assisted)


# -- cross-regional cases ---------------------------------------------------

CROSS_KINDS = [(("05", "盗窃电动车"), 6), (("05", "盗窃牛只"), 3),
               (("05", "盗窃电力设施"), 3), (("05", "盗窃农机具"), 2),
               (("05", "盗窃农用物资"), 2), (("07", "电信网络诈骗"), 4),
               (("07", "合同诈骗"), 2), (("04", "抢劫"), 1),
               (("06", "贩卖毒品"), 2), (("08", "开设赌场"), 2),
               (("10", "非法捕捞水产品"), 1), (("09", "交通肇事"), 1)]

GOAT_RING = {
    # county: (date_reported, offences, goats, loss fen, recovered fen,
    #          suspects, arrested, status, date_solved, assisted_by)
    SX: (dt.date(2024, 1, 22), 9, 26, 4_786_000, 1_840_000, 5, 4, "closed",
         dt.date(2024, 3, 27), [DS]),
    DS: (dt.date(2024, 1, 17), 6, 17, 3_151_550, 720_000, 4, 1, "solved",
         dt.date(2024, 3, 28), [SX]),
    FX: (dt.date(2024, 2, 6), 4, 12, 2_124_000, 360_000, 3, 0, "solved",
         dt.date(2024, 3, 29), [SX, DS]),
}
GOAT_REF = "KQ-2024-001"
CAT_DISAGREE_REF = "KQ-2025-009"
UNCONFIRMED_REF = "KQ-2025-014"


def random_cross_counties(r):
    a, b = r.choice(EDGES)
    cs = {a, b}
    if DS not in cs and r.random() < 0.35:
        cs.add(DS)
    elif DS in cs and r.random() < 0.2:
        other = a if b == DS else b
        cs.add(r.choice([n for n in neighbours(other) if n != DS]))
    return sorted(cs)


def plan_cross_cases(year, n):
    """Cross-regional cases of a year: {county: [records]} and a list of
    (cross_ref, counties, category) for the README."""
    r = rng_for("cross", year)
    out = {c: [] for c in CODES}
    plans = []
    if year == 2024:
        for c, (d, off, goats, loss, rec, sus, arr, st, ds, ass) in \
                sorted(GOAT_RING.items()):
            sub = "盗窃羊只（跨省盗羊团伙，共作案19起、盗羊55只；本县%d起%d只）" \
                % (off, goats)
            out[c].append(inc_record(
                c, d, "05", sub, off, loss, rec, sus, arr, st, ds, GOAT_REF,
                [x for x in sorted(GOAT_RING) if x != c], ass))
        plans.append((GOAT_REF, sorted(GOAT_RING), "05", "盗窃羊只"))
    first = dt.date(year, 2, 1) if year == 2024 else dt.date(year, 1, 5)
    bases = sorted(rand_date(r, year, first, dt.date(year, 11, 25))
                   for _ in range(n))
    seq = len(plans)
    for base in bases:
        seq += 1
        ref = "KQ-%d-%03d" % (year, seq)
        whole_any = False
        if ref == CAT_DISAGREE_REF:
            # One county books card skimming as theft (05), the other as
            # credit-card fraud (07): a category disagreement.
            counties = [FX, DS]
            cats = {DS: ("05", "盗窃（盗刷他人银行卡）"),
                    FX: ("07", "信用卡诈骗（盗刷他人银行卡）")}
        elif ref == UNCONFIRMED_REF:
            # Reported by Xiayi naming Yongcheng; Yongcheng sent no record.
            counties = [XY, YCS]
            cats = {XY: ("05", "盗窃电动车")}
        else:
            counties = random_cross_counties(r)
            cat, sub = wchoice(r, CROSS_KINDS)
            cats = {c: (cat, sub) for c in counties}
        solved = r.random() < 0.8
        solve_base = later(r, base + dt.timedelta(days=14), 25)
        for c in counties:
            if c not in cats:
                continue
            cat, sub = cats[c]
            whole = c == YC or whole_any
            d = clamp_year(base + dt.timedelta(days=r.randint(-6, 12)), year)
            off = r.randint(1, 4)
            loss = incident_loss(r, cat, sub, whole)
            if loss == 0 and cat == "05":
                loss = money(r, 3000, 0.6, 500, 30000, whole)
            loss *= off if cat == "05" else 1
            if solved:
                ds_ = clamp_year(max(d, solve_base +
                                     dt.timedelta(days=r.randint(0, 3))), year)
                st = "closed" if r.random() < 0.45 else "solved"
                sus = r.randint(2, 5)
                arr = sus - (1 if r.random() < 0.2 else 0)
                rec = recovered_part(r, cat, True, loss, whole)
            else:
                ds_, st, sus, arr = None, "open", r.randint(0, 2), 0
                rec = recovered_part(r, cat, False, loss, whole)
            others = [x for x in counties if x != c]
            assisted = [x for x in others if r.random() < 0.45]
            out[c].append(inc_record(c, d, cat, sub, off, loss, rec, sus,
                                     arr, st, ds_, ref, others, assisted))
        plans.append((ref, counties, "/".join(sorted({v[0] for v in
                                                      cats.values()})),
                      "/".join(sorted({v[1] for v in cats.values()}))))
    return out, plans


# -- disputes ---------------------------------------------------------------

DTYPE_W = [("family", 20), ("neighborhood", 26), ("land", 12), ("labor", 7),
           ("contract", 12), ("traffic", 8), ("property", 9),
           ("environment", 3), ("other", 3)]
LEVEL_W = [("village", 48), ("township", 34), ("county", 9),
           ("judicial", 9)]
CLOSE_MEAN = {"village": 4, "township": 9, "county": 18, "judicial": 12,
              "joint": 15}


def dispute_record(county, d, typ, counterpart, parties, level, outcome,
                   closed, joint_ref=None):
    return dict(county=county, date_received=d, type=typ,
                counterpart=list(counterpart), parties=parties, level=level,
                outcome=outcome, date_closed=closed, joint_ref=joint_ref)


def pick_outcome(r, d, level):
    late = (dt.date(d.year, 12, 31) - d).days < 40
    if r.random() < (0.35 if late else 0.015):
        return "pending", None
    outcome = wchoice(r, [("resolved", 88), ("escalated", 5),
                          ("litigation", 7)])
    mean = CLOSE_MEAN[level] + (10 if outcome != "resolved" else 0)
    return outcome, later(r, d, mean, cap_days=120)


def ordinary_dispute(r, county, year):
    typ = wchoice(r, DTYPE_W)
    d = rand_date(r, year)
    level = wchoice(r, LEVEL_W)
    if typ == "labor" and r.random() < 0.4:
        parties = r.randint(3, 25)
    else:
        parties = wchoice(r, [(2, 82), (3, 8), (4, 4), (5, 3), (6, 3)])
    counterpart = []
    if r.random() < 0.03:
        counterpart = [r.choice(neighbours(county))]
        if level == "village":
            level = "township"
    outcome, closed = pick_outcome(r, d, level)
    return dispute_record(county, d, typ, counterpart, parties, level,
                          outcome, closed)


JOINT_MEDIATION_THEMES = [
    ("land", "交界地块权属"), ("environment", "界河排污"),
    ("property", "跨界宅基地"), ("labor", "跨县务工欠薪"),
    ("contract", "农产品购销欠款"), ("neighborhood", "跨界灌溉用水"),
    ("traffic", "跨县交通事故赔偿")]


def plan_joint_mediations(year, n, exclude=()):
    r = rng_for("joint-mediation", year)
    start = AGREEMENT + dt.timedelta(days=1) if year == 2023 else \
        dt.date(year, 1, 8)
    out = {c: [] for c in CODES}
    plans = []
    bases = sorted(rand_date(r, year, start, dt.date(year, 12, 10))
                   for _ in range(n))
    edges = [e for e in EDGES if not set(e) & set(exclude)]
    for i, base in enumerate(bases, 1):
        ref = "LT-%d-%03d" % (year, i)
        if year >= 2024 and i == 3:
            counties = [DS, XX, YCS]        # a border river, three counties
            typ = "environment"
        else:
            counties = list(r.choice(edges))
            typ = wchoice(r, [(t, w) for (t, _), w in
                              zip(JOINT_MEDIATION_THEMES,
                                  [5, 3, 2, 2, 2, 2, 1])])
        parties = r.randint(2, 12) if typ != "labor" else r.randint(6, 30)
        outcome = "resolved" if r.random() < 0.85 else \
            r.choice(["escalated", "litigation"])
        closed = later(r, base + dt.timedelta(days=3), 14, cap_days=60)
        if year == 2023 and closed.month == 12 and closed.day > 28:
            outcome = "pending"
        for c in counties:
            d = clamp_year(base + dt.timedelta(days=r.randint(0, 2)), year)
            cl = None if outcome == "pending" else max(closed, d)
            out[c].append(dispute_record(
                c, d, typ, [x for x in counties if x != c], parties, "joint",
                outcome, cl, ref))
        plans.append((ref, counties, typ, base))
    return out, plans


# -- cooperation ------------------------------------------------------------

KIND_W = [("joint_patrol", 25), ("info_exchange", 22),
          ("clue_verification", 18), ("fugitive_pursuit", 8),
          ("remote_evidence", 10), ("joint_mediation", 3),
          ("joint_training", 5), ("meeting", 4), ("emergency_linkage", 5)]
PARTICIPANTS = {"joint_patrol": (6, 40), "info_exchange": (2, 6),
                "clue_verification": (2, 10), "fugitive_pursuit": (3, 12),
                "remote_evidence": (2, 6), "joint_mediation": (4, 12),
                "joint_training": (20, 120), "meeting": (8, 40),
                "emergency_linkage": (10, 80)}


def outcome_for(r, kind):
    if kind == "joint_patrol":
        return r.randint(0, 6)
    if kind == "info_exchange":
        return r.randint(1, 25)
    if kind == "clue_verification":
        return r.randint(1, 15)
    if kind == "fugitive_pursuit":
        return wchoice(r, [(0, 2), (1, 6), (2, 2), (3, 1)])
    if kind == "remote_evidence":
        return r.randint(1, 6)
    if kind == "joint_mediation":
        return r.randint(1, 3)
    if kind == "emergency_linkage":
        return r.randint(0, 2)
    return 0


def coop_record(county, d, kind, partners, lead, participants, outcome,
                joint_ref=None):
    return dict(county=county, date=d, kind=kind, partners=list(partners),
                lead=lead, participants=participants, outcome_count=outcome,
                joint_ref=joint_ref)


def solo_activity(r, county, year):
    start = AGREEMENT + dt.timedelta(days=1) if year == 2023 else None
    d = rand_date(r, year, start)
    kind = wchoice(r, KIND_W)
    nb = [c for c in neighbours(county) if (c, year) not in NO_COOPERATION]
    partners = sorted(r.sample(nb, min(len(nb), wchoice(r, [(1, 70), (2, 22), (3, 8)]))))
    x = r.random()
    lead = "" if x < 0.7 else (county if x < 0.85 else r.choice(partners))
    lo, hi = PARTICIPANTS[kind]
    return coop_record(county, d, kind, partners, lead, r.randint(lo, hi),
                       outcome_for(r, kind))


FIVE_DAY_REF = None   # set by plan_joint_activities for 2025


def plan_joint_activities(year, n, mediation_plans):
    """Joint activities reported by every participating county."""
    global FIVE_DAY_REF
    r = rng_for("joint-activity", year)
    acts = []   # (base date, kind, counties, lead, outcome, offsets, note)
    # the forum of the year, hosted in November
    forum_day = {2023: AGREEMENT, 2024: dt.date(2024, 11, 14),
                 2025: dt.date(2025, 11, 13)}[year]
    absent = {c for c, y in NO_COOPERATION if y == year}
    members = [c for c in CODES if c not in absent]
    acts.append((forum_day, "meeting", members, host(year), 0,
                 {c: (1 if c in (YC, XY) else 0) for c in members},
                 "forum"))
    if year == 2024:
        ring = sorted(GOAT_RING)
        acts.append((dt.date(2024, 3, 5), "clue_verification", ring, SX, 7,
                     {SX: 0, DS: 1, FX: 2}, "goat ring"))
        acts.append((dt.date(2024, 3, 26), "fugitive_pursuit", ring, SX, 5,
                     {SX: 0, DS: 0, FX: 1}, "goat ring"))
    if year == 2025:
        acts.append((dt.date(2025, 6, 9), "joint_training", [YC, XY], YC, 0,
                     {YC: 0, XY: 5}, "five days"))
    # joint mediations are also reported as cooperation activities
    for ref, counties, typ, base in mediation_plans:
        acts.append((base + dt.timedelta(days=1), "joint_mediation",
                     counties, counties[0], 1,
                     {c: r.randint(0, 1) for c in counties}, ref))
    start = AGREEMENT + dt.timedelta(days=1) if year == 2023 else \
        dt.date(year, 1, 3)
    for _ in range(n):
        base = rand_date(r, year, start, dt.date(year, 12, 27))
        kind = wchoice(r, [(k, w) for k, w in KIND_W
                           if k not in ("meeting", "joint_mediation")])
        if base.month in (1, 2, 12) and r.random() < 0.5:
            kind = "joint_patrol"          # festival-season patrols
        if base.month in (6, 7, 8) and r.random() < 0.25:
            kind = "emergency_linkage"     # flood season
        shape = r.random()
        if shape < 0.45:
            a = r.choice([c for c in CODES if c != DS])
            extra = [c for c in neighbours(a) if c != DS]
            counties = sorted({DS, a} | ({r.choice(extra)}
                                         if r.random() < 0.4 else set()))
        else:
            counties = sorted(r.choice([e for e in EDGES if DS not in e]))
            if r.random() < 0.25:
                counties = sorted(set(counties) | {DS})
        lead = DS if DS in counties and r.random() < 0.45 else \
            r.choice(counties)
        offsets = {c: r.choice([0, 0, 0, 1, 2]) for c in counties}
        if absent & set(counties):      # not yet a partner: without it
            counties = sorted(set(counties) - absent)
            if len(counties) < 2:
                continue
            lead = lead if lead in counties else counties[0]
        acts.append((base, kind, counties, lead, outcome_for(r, kind),
                     offsets, ""))
    acts.sort(key=lambda a: (a[0], a[1], a[2]))
    out = {c: [] for c in CODES}
    plans = []
    for i, (base, kind, counties, lead, outc, offsets, note) in \
            enumerate(acts, 1):
        ref = "LH-%d-%03d" % (year, i)
        if note == "five days":
            FIVE_DAY_REF = ref
        lo, hi = PARTICIPANTS[kind]
        for c in counties:
            d = base + dt.timedelta(days=offsets[c])
            assert d.year == year
            partners = [x for x in counties if x != c]
            out[c].append(coop_record(c, d, kind, partners, lead,
                                      r.randint(lo, hi), outc, ref))
        plans.append((ref, kind, counties, lead, outc, base, note))
    return out, plans


# -- indicators -------------------------------------------------------------

def indicators_for(county, year):
    r = rng_for("indicators", county)
    p = PROFILE[county]
    pop = p["pop"]
    grid_cells = int(pop / r.uniform(330, 420))
    grid_members = int(grid_cells * r.uniform(1.05, 1.25))
    orgs = r.randint(260, 460)
    mediators = int(orgs * r.uniform(4.2, 6.5))
    alerts = r.randint(70, 160)
    yr = rng_for("indicators", county, year)
    k = year - 2023
    pop_y = int(round(pop * (1 - 0.0045 * k + yr.uniform(-0.0008, 0.0008))))
    values = {
        "population": pop_y,
        "grid_members": grid_members + k * yr.randint(20, 90),
        "grid_cells": grid_cells + k * yr.randint(0, 25),
        "video_devices_added": yr.randint(350, 1900),
        "joint_police_stations": {2023: 1, 2024: 3, 2025: 4}[year] +
        (1 if county == DS and year > 2023 else 0) +
        (yr.randint(0, 1) if year > 2023 else 0),
        "risk_alerts": int(alerts * (1 + 0.55 * k) * yr.uniform(0.92, 1.08)),
        "mediation_orgs": orgs + k * yr.randint(0, 4),
        "mediators": mediators + k * yr.randint(10, 60),
    }
    notes = {
        "population": "年末常住人口（人），统计部门年度人口抽样调查推算",
        "joint_police_stations": "省际交界联勤警务站（含共建）",
        "video_devices_added": "当年新增接入公共安全视频监控",
    }
    return [dict(county=county, year=year, indicator=ind, value=values[ind],
                 note=notes.get(ind, "")) for ind, _ in INDICATORS]


def declared_counts(county, year, tabs):
    """The declared record counts a county sends (§2.3 v2): a zero report
    for a table it had none of, and from DECLARED_FROM its counts of every
    table (one deliberately short, DECLARED_SHORT)."""
    out = []
    for ind, _ in DECLARED:
        table = ind[len("declared_"):]
        n = len(tabs[table])
        zero = (county, year) in NO_COOPERATION and table == "cooperation"
        if not zero and year < DECLARED_FROM:
            continue
        c, y, t, more = DECLARED_SHORT
        if (c, y, t) == (county, year, table):
            n += more
        out.append(dict(county=county, year=year, indicator=ind, value=n,
                        note="零报告：本年度无此类记录" if zero else ""))
    return out


# ---------------------------------------------------------------------------
# Assemble a year
# ---------------------------------------------------------------------------

CASE_ID = {
    DS: lambda y, n: "DS%dXS%04d" % (y, n),
    XX: lambda y, n: "XX-%d-%04d" % (y, n),
    FX: lambda y, n: "FX%d%05d" % (y, n),
    SX: lambda y, n: "SX-A%d-%04d" % (y, n),
    YC: lambda y, n: "YC%02d-%04d" % (y % 100, n),
    XY: lambda y, n: "XY%d-%03d" % (y, n),
    YCS: lambda y, n: "YCS-%d-XS-%04d" % (y, n),
}
DISPUTE_ID = {
    DS: lambda y, n: "DS%dTJ%04d" % (y, n),
    XX: lambda y, n: "XXTJ-%d-%04d" % (y, n),
    FX: lambda y, n: "FXTJ%d%04d" % (y, n),
    SX: lambda y, n: "SX-T%d-%04d" % (y, n),
    YC: lambda y, n: "YCT%02d-%04d" % (y % 100, n),
    XY: lambda y, n: "XYT%d-%03d" % (y, n),
    YCS: lambda y, n: "YCS-%d-TJ-%04d" % (y, n),
}
ACTIVITY_ID = {
    DS: lambda y, n: "DS%dHZ%03d" % (y, n),
    XX: lambda y, n: "XXHZ-%d-%03d" % (y, n),
    FX: lambda y, n: "FXHZ%d%03d" % (y, n),
    SX: lambda y, n: "SX-H%d-%03d" % (y, n),
    YC: lambda y, n: "YCH%02d-%03d" % (y % 100, n),
    XY: lambda y, n: "XYH%d-%02d" % (y, n),
    YCS: lambda y, n: "YCS-%d-HZ-%03d" % (y, n),
}
NO_DISPUTES = {(YCS, 2023)}     # coverage gap: Yongcheng sent no 2023 disputes
# Yongcheng's liaison office opened in January 2024: it took part in no
# cooperation activity in 2023 and says so with a zero report
# (declared_cooperation 0): data, not a gap.
NO_COOPERATION = {(YCS, 2023)}
# From 2025 (standard v2) every county declares its record counts.  Xiao's
# incidents file of 2025 lacks the three cases registered after its export
# on 28 December: it declares 3 more than it sends (a finding, incomplete).
DECLARED_FROM = 2025
DECLARED_SHORT = (XX, 2025, "incidents", 3)


def number(records, key, idfn, idcol, year):
    records.sort(key=lambda x: (x[key], x.get("cross_ref") or "",
                                x.get("joint_ref") or "",
                                x.get("category", ""), x.get("kind", "")))
    for i, x in enumerate(records, 1):
        x[idcol] = idfn(year, i)
    return records


def build_year(year):
    n_cross = {2023: 8, 2024: 15, 2025: 17}[year]
    cross, cross_plans = plan_cross_cases(year, n_cross)
    n_med = {2023: 3, 2024: 8, 2025: 9}[year]
    med, med_plans = plan_joint_mediations(
        year, n_med, exclude=[c for c, y in NO_DISPUTES if y == year])
    n_joint = {2023: 6, 2024: 30, 2025: 32}[year]
    joint, joint_plans = plan_joint_activities(year, n_joint, med_plans)
    data = {}
    for c in CODES:
        p = PROFILE[c]
        whole = c == YC
        r = rng_for("incidents", c, year)
        clear_factor = r.uniform(0.93, 1.08) + 0.02 * (year - 2023)
        target = int(p["inc"] * INC_TREND[year] * r.uniform(0.94, 1.06))
        incs = list(cross[c])
        while len(incs) < target:
            incs.append(ordinary_incident(r, c, year, clear_factor, whole))
        number(incs, "date_reported", CASE_ID[c], "case_id", year)

        r = rng_for("disputes", c, year)
        if (c, year) in NO_DISPUTES:
            dis = []
        else:
            target = int(p["dis"] * DIS_TREND[year] * r.uniform(0.93, 1.07))
            dis = list(med[c])
            while len(dis) < target:
                dis.append(ordinary_dispute(r, c, year))
            number(dis, "date_received", DISPUTE_ID[c], "dispute_id", year)

        r = rng_for("cooperation", c, year)
        coop = list(joint[c])
        solo = p["solo"] if year > 2023 else max(1, p["solo"] // 8)
        solo = int(solo * r.uniform(0.85, 1.15)) + (4 if year == 2025 else 0)
        if (c, year) in NO_COOPERATION:
            solo = 0
        for _ in range(solo):
            coop.append(solo_activity(r, c, year))
        number(coop, "date", ACTIVITY_ID[c], "activity_id", year)

        data[c] = dict(indicators=indicators_for(c, year), incidents=incs,
                       disputes=dis, cooperation=coop)
        data[c]["indicators"] += declared_counts(c, year, data[c])
    return data, dict(cross=cross_plans, mediations=med_plans,
                      joint=joint_plans)


# ---------------------------------------------------------------------------
# Checks: every rule of the standard, and the expected findings
# ---------------------------------------------------------------------------

PRIVACY_RE = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}|1[3-9]\d[ -]\d{4}[ -]\d{4}")


def check_year(year, data):
    members = set(CODES)
    for c, tabs in data.items():
        ids = set()
        inds = [x["indicator"] for x in tabs["indicators"]]
        assert sorted(i for i in inds if not i.startswith("declared_")) == \
            sorted(i for i, _ in INDICATORS), (c, year)
        for x in tabs["indicators"]:
            assert x["value"] >= 0 and x["year"] == year
            if x["indicator"] == "population":
                assert 600_000 <= x["value"] <= 1_300_000
        for x in tabs["incidents"]:
            k = x["case_id"]
            assert k not in ids and len(k) <= 64, k
            ids.add(k)
            assert x["county"] == c and x["date_reported"].year == year
            assert x["category"] in ["%02d" % i for i in range(1, 12)]
            assert x["offenses"] >= 1
            assert 0 <= x["recovered_yuan"] <= x["loss_yuan"], x
            assert 0 <= x["arrested"] <= x["suspects"], x
            if x["status"] == "open":
                assert x["date_solved"] is None, x
            else:
                assert x["status"] in ("solved", "closed")
                assert x["date_solved"] is not None, x
                assert x["date_reported"] <= x["date_solved"], x
                assert x["date_solved"].year == year
            assert bool(x["cross_ref"]) == bool(x["counties_involved"]), x
            for lst in ("counties_involved", "assisted_by"):
                assert c not in x[lst] and set(x[lst]) <= members, x
                assert len(set(x[lst])) == len(x[lst])
            if c == YC:
                assert x["loss_yuan"] % 100 == 0
                assert x["recovered_yuan"] % 100 == 0
        ids = set()
        for x in tabs["disputes"]:
            k = x["dispute_id"]
            assert k not in ids and len(k) <= 64
            ids.add(k)
            assert x["county"] == c and x["date_received"].year == year
            assert x["parties"] >= 2
            assert x["type"] in DTYPE and x["level"] in LEVEL
            assert x["outcome"] in OUTCOME
            if x["outcome"] == "pending":
                assert x["date_closed"] is None, x
            else:
                assert x["date_closed"] is not None, x
                assert x["date_received"] <= x["date_closed"], x
                assert x["date_closed"].year == year
            if x["joint_ref"]:
                assert x["counterpart"], x
            assert c not in x["counterpart"]
            assert set(x["counterpart"]) <= members
        ids = set()
        for x in tabs["cooperation"]:
            k = x["activity_id"]
            assert k not in ids and len(k) <= 64
            ids.add(k)
            assert x["county"] == c and x["date"].year == year
            if year == 2023:
                assert x["date"] >= AGREEMENT, x
            assert x["kind"] in KIND
            assert x["partners"] and c not in x["partners"], x
            assert set(x["partners"]) <= members
            assert len(set(x["partners"])) == len(x["partners"])
            assert x["lead"] in ("", c) or x["lead"] in x["partners"], x
            assert x["participants"] >= 0 and x["outcome_count"] >= 0
        for t in ("incidents", "disputes"):
            for x in tabs[t]:
                s = x.get("subcategory") or ""
                assert len(s) <= 2000 and not PRIVACY_RE.search(s), s
        for x in tabs["indicators"]:
            assert not PRIVACY_RE.search(x["note"])
        # realistic sizes
        n_inc = len(tabs["incidents"])
        assert 150 <= n_inc <= 400, (c, year, n_inc)
        solved = sum(x["status"] != "open" for x in tabs["incidents"])
        assert 0.60 <= solved / n_inc <= 0.85, (c, year, solved / n_inc)
        if (c, year) not in NO_DISPUTES:
            assert 100 <= len(tabs["disputes"]) <= 300, (c, year)
        if year > 2023:
            assert 20 <= len(tabs["cooperation"]) <= 60, \
                (c, year, len(tabs["cooperation"]))


def findings(year, data):
    """Reconciliation findings of section 4 of the standard."""
    out = []
    has_inc = {c for c in CODES if data[c]["incidents"]}
    refs = {}
    for c in CODES:
        for x in data[c]["incidents"]:
            if x["cross_ref"]:
                refs.setdefault(x["cross_ref"], []).append(x)
    for ref in sorted(refs):
        rows = refs[ref]
        named = set()
        for x in rows:
            named.add(x["county"])
            named.update(x["counties_involved"])
        reporters = {x["county"] for x in rows}
        for c in sorted(named & has_inc - reporters):
            out.append(("unconfirmed", ref, c))
        if len({x["category"] for x in rows}) > 1:
            out.append(("category", ref,
                        "/".join(sorted({x["category"] for x in rows}))))
    jrefs = {}
    for c in CODES:
        for x in data[c]["cooperation"]:
            if x["joint_ref"]:
                jrefs.setdefault(x["joint_ref"], []).append(x)
    for ref in sorted(jrefs):
        rows = jrefs[ref]
        if len({x["kind"] for x in rows}) > 1:
            out.append(("kind", ref, ""))
        dates = [x["date"] for x in rows]
        span = (max(dates) - min(dates)).days
        if span > 3:
            out.append(("dates", ref, "%d days" % span))
    # declared record counts against the records sent (§2.3, §4 v2)
    for c in CODES:
        for x in data[c]["indicators"]:
            if not x["indicator"].startswith("declared_"):
                continue
            held = len(data[c][x["indicator"][len("declared_"):]])
            if x["value"] == 0 and held:
                out.append(("declared_zero", x["indicator"], c))
            elif x["value"] > held:
                out.append(("incomplete", x["indicator"], c))
            elif x["value"] < held:
                out.append(("surplus", x["indicator"], c))
    return out


def check_findings(year, data):
    got = findings(year, data)
    if year == 2025:
        want = [("category", CAT_DISAGREE_REF, "05/07"),
                ("unconfirmed", UNCONFIRMED_REF, YCS),
                ("dates", FIVE_DAY_REF, "5 days"),
                ("incomplete", "declared_incidents", XX)]
    else:
        want = []
    assert sorted(got) == sorted(want), (year, got)
    # joint mediations: every county named reports the same joint_ref
    jm = {}
    for c in CODES:
        for x in data[c]["disputes"]:
            if x["joint_ref"]:
                jm.setdefault(x["joint_ref"], set()).add(c)
                for y in x["counterpart"]:
                    jm.setdefault(x["joint_ref"], set()).add(y)
    for ref, cs in jm.items():
        reps = {c for c in CODES for x in data[c]["disputes"]
                if x["joint_ref"] == ref}
        assert reps == cs, (ref, reps, cs)


def check_goat_ring(data):
    rows = [x for c in CODES for x in data[c]["incidents"]
            if x["cross_ref"] == GOAT_REF]
    assert sorted(x["county"] for x in rows) == sorted([DS, FX, SX])
    assert sum(x["offenses"] for x in rows) == 19
    assert sum(g[2] for g in GOAT_RING.values()) == 55
    loss = sum(x["loss_yuan"] for x in rows)
    assert 10_000_000 < loss < 10_500_000, loss
    assert max(rows, key=lambda x: x["offenses"])["county"] == SX
    for x in rows:
        if x["county"] in (SX, FX):
            assert DS in x["assisted_by"]


# ---------------------------------------------------------------------------
# Writing: how each county formats its files
# ---------------------------------------------------------------------------

def style(county, year):
    """The file conventions of one county in one year."""
    s = dict(fmt="csv", encoding="utf-8", headers="en", enums="en",
             date="iso", money="plain", county="code", list_sep=";",
             list_names="code", newline="\r\n", titles={}, seq=(),
             category_nozero=False, zero_blank=(), blank_rows={},
             parties_blank_if_2=False, split_halves=(), units=False,
             enum_case="lower", sub_blank=0.0, dash_zero=False)
    zh = COUNTIES[county][0]
    if county == DS:
        s.update(encoding="gb18030", headers="zh", enums="zh",
                 money="fixed2", list_sep="、")
        if year == 2023:
            s.update(titles={"incidents": ["%s%d年刑事案件统计表" % (zh, year)]},
                     seq=("incidents",))
        elif year == 2024:
            s.update(titles={
                "incidents": ["%s%d年刑事案件统计表" % (zh, year),
                              "填报单位：砀山县公安局"],
                "disputes": ["%s%d年矛盾纠纷受理台账" % (zh, year)]},
                seq=("incidents", "disputes"), county="zh", units=True)
        else:
            s.update(date="slash_pad")
    elif county == XX:
        s.update(encoding="gb18030", headers="zh", enums="zh",
                 category_nozero=True, list_sep="、", list_names="zh",
                 money="fixed2", dash_zero=True)
        if year == 2024:
            s.update(blank_rows={"disputes": 3},
                     split_halves=("incidents",))
        if year == 2025:
            s.update(encoding="utf-8-sig")
    elif county == FX:
        s.update(encoding="utf-8-sig")
        if year == 2025:
            s.update(date="slash_time")
    elif county == SX:
        s.update(encoding="utf-8-sig")
        if year == 2024:
            s.update(enum_case="title")
        if year == 2025:
            s.update(list_names="en", date="dot")
    elif county == YC:
        s.update(fmt="sqlite", headers="zh" if year == 2023 else "en")
    elif county == XY:
        s.update(encoding="utf-8", newline="\n", date="slash", units=True,
                 list_sep=",", parties_blank_if_2=True, sub_blank=0.2,
                 zero_blank=("recovered_yuan", "suspects", "arrested"))
    elif county == YCS:
        s.update(encoding="gb18030", headers="zh", enums="zh", date="zh",
                 money="thousands", units=True, list_sep="，",
                 list_names="zh" if year != 2023 else "code")
    return s


UNITS_ZH = {"loss_yuan": "（元）", "recovered_yuan": "（元）",
            "suspects": "（人）", "arrested": "（人）",
            "participants": "（人）", "parties": "（人）"}
UNITS_EN = {"loss_yuan": " (yuan)", "recovered_yuan": " (yuan)",
            "suspects": " (persons)", "arrested": " (persons)",
            "participants": " (persons)", "parties": " (persons)"}


def fmt_date(d, how):
    if d is None:
        return ""
    if how == "iso":
        return "%04d-%02d-%02d" % (d.year, d.month, d.day)
    if how == "slash":
        return "%d/%d/%d" % (d.year, d.month, d.day)
    if how == "slash_pad":
        return "%04d/%02d/%02d" % (d.year, d.month, d.day)
    if how == "slash_time":
        return "%d/%d/%d 0:00" % (d.year, d.month, d.day)
    if how == "dot":
        return "%d.%d.%d" % (d.year, d.month, d.day)
    if how == "zh":
        return "%d年%d月%d日" % (d.year, d.month, d.day)
    raise ValueError(how)


def fmt_money(fen, s):
    if fen == 0 and s["dash_zero"]:
        return "-"
    y, f = divmod(fen, 100)
    if s["money"] == "fixed2":
        return "%d.%02d" % (y, f)
    if s["money"] == "thousands":
        return "{:,}.{:02d}".format(y, f)
    if f == 0:
        return str(y)
    return ("%d.%02d" % (y, f)).rstrip("0")


def fmt_county(code, how):
    if how == "zh":
        return COUNTIES[code][0]
    if how == "en":
        return COUNTIES[code][1]
    return code


def fmt_enum(v, s):
    if s["enums"] == "zh":
        return ENUM_ZH[v]
    if s["enum_case"] == "title":
        return v[:1].upper() + v[1:]
    return v


def csv_value(col, v, s, r):
    if col in DATE_COLS:
        return fmt_date(v, s["date"])
    if col in MONEY_COLS:
        if v == 0 and col in s["zero_blank"]:
            return ""
        return fmt_money(v, s)
    if col in ("suspects", "arrested", "participants", "outcome_count"):
        if v == 0 and col in s["zero_blank"]:
            return ""
        return str(v)
    if col == "parties":
        return "" if (v == 2 and s["parties_blank_if_2"]) else str(v)
    if col == "value":
        return "{:,}".format(v) if s["money"] == "thousands" else str(v)
    if col == "year" or col == "offenses":
        return str(v)
    if col in ENUM_COLS:
        return fmt_enum(v, s)
    if col == "category":
        return v.lstrip("0") if s["category_nozero"] else v
    if col == "county":
        return fmt_county(v, s["county"])
    if col == "lead":
        return fmt_county(v, s["list_names"]) if v else ""
    if col in LIST_COLS:
        return s["list_sep"].join(fmt_county(x, s["list_names"]) for x in v)
    if col == "subcategory":
        if s["sub_blank"] and not v.startswith("盗窃羊只") and \
                r.random() < s["sub_blank"]:
            return ""
        return v
    return "" if v is None else str(v)


def header_name(col, alias, s):
    if s["headers"] == "zh":
        return alias + (UNITS_ZH.get(col, "") if s["units"] else "")
    return col + (UNITS_EN.get(col, "") if s["units"] else "")


def csv_bytes(table, rows, s, county, year, r):
    cols = COLUMNS[table]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=s["newline"])
    seq = table in s["seq"]
    width = len(cols) + (1 if seq else 0)
    for t in s["titles"].get(table, []):
        w.writerow([t] + [""] * (width - 1))
    w.writerow((["序号"] if seq else []) +
               [header_name(c, a, s) for c, a in cols])
    for i, x in enumerate(rows, 1):
        w.writerow(([str(i)] if seq else []) +
                   [csv_value(c, x[c], s, r) for c, _ in cols])
    for _ in range(s["blank_rows"].get(table, 0)):
        w.writerow([""] * width)
    text = buf.getvalue()
    if s["encoding"] == "gb18030":
        return codecs.encode(text, "gb18030")
    if s["encoding"] == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode("utf-8")


SQL_TYPES = {"county": "TEXT", "year": "INTEGER", "value": "INTEGER",
             "offenses": "INTEGER", "loss_yuan": "REAL",
             "recovered_yuan": "REAL", "suspects": "INTEGER",
             "arrested": "INTEGER", "parties": "INTEGER",
             "participants": "INTEGER", "outcome_count": "INTEGER"}


def sqlite_value(table, col, v):
    if col in DATE_COLS:
        return None if v is None else v.isoformat()
    if col in MONEY_COLS:
        return float(v // 100)          # whole yuan, stored as REAL
    if col == "county" and table == "incidents":
        return int(v)                   # stored as a number
    if col in LIST_COLS:
        return ";".join(v) if v else None
    if col in ("lead", "cross_ref", "joint_ref", "note", "subcategory",
               "date_solved", "date_closed"):
        return v if v else None
    return v


def write_sqlite(path, data, s):
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA page_size = 4096")
    for table in TABLES:
        cols = COLUMNS[table]
        names = [(a if s["headers"] == "zh" else c) for c, a in cols]
        types = []
        for c, _ in cols:
            t = SQL_TYPES.get(c, "TEXT")
            if c == "county" and table == "incidents":
                t = "INTEGER"
            types.append(t)
        con.execute("CREATE TABLE %s (%s)" % (table, ", ".join(
            '"%s" %s' % (n, t) for n, t in zip(names, types))))
        con.executemany(
            "INSERT INTO %s VALUES (%s)" % (table, ",".join("?" * len(cols))),
            [[sqlite_value(table, c, x[c]) for c, _ in cols]
             for x in data[table]])
    con.commit()
    if os.path.exists(path):
        os.remove(path)
    con.execute("VACUUM INTO ?", (path,))
    con.close()


def write_year(year, data):
    outdir = os.path.join(HERE, str(year))
    os.makedirs(outdir, exist_ok=True)
    for name in sorted(os.listdir(outdir)):   # only what this script wrote
        if re.match(r"^[a-z]+-\d{4}(-[a-z0-9-]+)?\.(csv|db)$", name):
            os.remove(os.path.join(outdir, name))
    written = []
    for c in CODES:
        slug = COUNTIES[c][2]
        s = style(c, year)
        if s["fmt"] == "sqlite":
            name = "%s-%d.db" % (slug, year)
            write_sqlite(os.path.join(outdir, name), data[c], s)
            written.append(name)
            continue
        r = rng_for("format", c, year)
        for table in TABLES:
            rows = data[c][table]
            if not rows:
                continue                # coverage gap: no file at all
            parts = [("", rows)]
            if table in s["split_halves"]:
                key = "date_reported"
                parts = [("-h1", [x for x in rows if x[key].month <= 6]),
                         ("-h2", [x for x in rows if x[key].month > 6])]
            for suffix, part_rows in parts:
                name = "%s-%d-%s%s.csv" % (slug, year, table, suffix)
                with open(os.path.join(outdir, name), "wb") as f:
                    f.write(csv_bytes(table, part_rows, s, c, year, r))
                written.append(name)
    return written


# ---------------------------------------------------------------------------
# Headline facts (quoted in samples/README.md)
# ---------------------------------------------------------------------------

def yuan(fen):
    return "{:,}.{:02d}".format(*divmod(fen, 100))


def pct(a, b):
    return "%.1f" % (100.0 * a / b) if b else ""


def lead_row(rows):
    """The row whose values count for a joint activity (zone scope)."""
    leads = [x["lead"] or x["county"] for x in rows]
    lead = sorted(set(leads), key=lambda v: (-leads.count(v), v))[0]
    own = sorted((x for x in rows if x["county"] == lead),
                 key=lambda x: x["activity_id"])
    return own[0] if own else min(rows, key=lambda x: x["county"])


def summary(all_data, all_plans):
    """The headline facts, as the Markdown quoted in samples/README.md."""
    out = []
    p = out.append
    p("### Records per county and year\n")
    p("| year | county | incidents | offenses | solved (clearance %) "
      "| loss_yuan | disputes | resolved | cooperation rows |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for y in YEARS:
        for c in CODES:
            t = all_data[y][c]
            inc, dis = t["incidents"], t["disputes"]
            solved = sum(x["status"] != "open" for x in inc)
            p("| %d | %s %s | %d | %d | %d (%s) | %s | %s | %s | %d |" % (
                y, c, COUNTIES[c][0], len(inc),
                sum(x["offenses"] for x in inc), solved,
                pct(solved, len(inc)), yuan(sum(x["loss_yuan"] for x in inc)),
                len(dis) if dis else "none", sum(x["outcome"] == "resolved"
                                                 for x in dis) if dis else
                "none", len(t["cooperation"])))
    p("\n### Zone (scope ALL)\n")
    p("| year | incidents | offenses | solved | loss_yuan | recovered_yuan "
      "| cross_cases | disputes | joint mediations | activities "
      "| fugitives_caught | clues_verified |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for y in YEARS:
        d = all_data[y]
        inc = [x for c in CODES for x in d[c]["incidents"]]
        dis = [x for c in CODES for x in d[c]["disputes"]]
        acts = {}
        for c in CODES:
            for x in d[c]["cooperation"]:
                key = x["joint_ref"] or (x["county"], x["activity_id"])
                acts.setdefault(key, []).append(x)
        chosen = [lead_row(rows) for rows in acts.values()]
        p("| %d | %d | %d | %d | %s | %s | %d | %d | %d | %d | %d | %d |" % (
            y, len(inc), sum(x["offenses"] for x in inc),
            sum(x["status"] != "open" for x in inc),
            yuan(sum(x["loss_yuan"] for x in inc)),
            yuan(sum(x["recovered_yuan"] for x in inc)),
            len({x["cross_ref"] for x in inc if x["cross_ref"]}),
            len(dis), len({x["joint_ref"] for x in dis if x["joint_ref"]}),
            len(acts),
            sum(x["outcome_count"] for x in chosen
                if x["kind"] == "fugitive_pursuit"),
            sum(x["outcome_count"] for x in chosen
                if x["kind"] == "clue_verification")))
    p("\n### The goat-theft ring %s\n" % GOAT_REF)
    p("| county | case_id | offenses | loss_yuan | recovered_yuan | suspects "
      "| arrested | status | date_solved | assisted_by |")
    p("|---|---|---:|---:|---:|---:|---:|---|---|---|")
    rows = sorted((x for c in CODES for x in all_data[2024][c]["incidents"]
                   if x["cross_ref"] == GOAT_REF),
                  key=lambda x: -x["offenses"])
    for x in rows:
        p("| %s %s | %s | %d | %s | %s | %d | %d | %s | %s | %s |" % (
            x["county"], COUNTIES[x["county"]][0], x["case_id"],
            x["offenses"], yuan(x["loss_yuan"]), yuan(x["recovered_yuan"]),
            x["suspects"], x["arrested"], x["status"],
            x["date_solved"].isoformat(), ", ".join(x["assisted_by"])))
    p("| **total** | | **%d** | **%s** | **%s** | | **%d** | | | |" % (
        sum(x["offenses"] for x in rows),
        yuan(sum(x["loss_yuan"] for x in rows)),
        yuan(sum(x["recovered_yuan"] for x in rows)),
        sum(x["arrested"] for x in rows)))
    p("\n### Reconciliation findings (what `check` should report)\n")
    for y in YEARS:
        f = findings(y, all_data[y])
        if not f:
            p("- %d: none" % y)
        for kind, ref, what in f:
            p("- %d: %s" % (y, {
                "unconfirmed": "`%s` unconfirmed: %s has incidents for %d "
                               "but no record of it" % (ref, what, y),
                "category": "`%s` categories disagree (%s)" % (ref, what),
                "dates": "`%s` dates %s apart (more than 3)" % (ref, what),
                "kind": "`%s` kinds disagree" % ref,
                "incomplete": "`%s` incomplete: %s declared more records than "
                              "it sent" % (ref, what),
                "surplus": "`%s` surplus: %s sent more records than it "
                           "declared" % (ref, what),
                "declared_zero": "`%s` declared_zero: %s sent a zero report "
                                 "and records" % (ref, what)}[kind]))
    p("\n### Zero reports and declared counts (standard v2, §2.3)\n")
    for y in YEARS:
        for c in CODES:
            for x in all_data[y][c]["indicators"]:
                if x["indicator"].startswith("declared_") and x["value"] == 0:
                    p("- %d: %s %s sent a zero report for %s (`%s` 0): "
                      "its figures are 0, not missing" % (
                          y, c, COUNTIES[c][0], x["indicator"][9:],
                          x["indicator"]))
    p("- %d onwards: every county declares its record counts "
      "(`declared_incidents`, `declared_disputes`, `declared_cooperation`)"
      % DECLARED_FROM)
    p("\n### Cross-regional cases (incidents.cross_ref)\n")
    p("| cross_ref | category | subcategory | counties reporting it |")
    p("|---|---|---|---|")
    for y in YEARS:
        for ref, cs, cat, sub in all_plans[y]["cross"]:
            reps = sorted({x["county"] for c in CODES
                           for x in all_data[y][c]["incidents"]
                           if x["cross_ref"] == ref})
            p("| %s | %s | %s | %s |" % (ref, cat, sub, ", ".join(reps)))
    p("\n### Joint mediations (disputes.joint_ref)\n")
    p("| joint_ref | type | counties reporting it |")
    p("|---|---|---|")
    for y in YEARS:
        for ref, cs, typ, base in all_plans[y]["mediations"]:
            p("| %s | %s | %s |" % (ref, typ, ", ".join(sorted(cs))))
    p("\n### Joint cooperation activities (cooperation.joint_ref)\n")
    p("Every county listed reported the activity with the same joint_ref, "
      "kind and lead.\n")
    p("| joint_ref | first date | kind | lead | outcome_count "
      "| counties reporting it |")
    p("|---|---|---|---|---:|---|")
    for y in YEARS:
        for ref, kind, cs, lead, outc, base, note in all_plans[y]["joint"]:
            p("| %s | %s | %s | %s | %d | %s |" % (
                ref, base.isoformat(), kind, lead, outc, ", ".join(cs)))
    return "\n".join(out) + "\n"


BEGIN = "<!-- generated facts: begin (written by generate.py) -->"
END = "<!-- generated facts: end -->"


def update_readme(facts):
    """Put the headline facts between the markers of samples/README.md."""
    path = os.path.join(HERE, "README.md")
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        return False
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + BEGIN + "\n\n" + facts + "\n" + END + tail
    if new != text:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
    return True


def main():
    all_data, all_plans = {}, {}
    for y in YEARS:
        data, plans = build_year(y)
        check_year(y, data)
        check_findings(y, data)
        all_data[y], all_plans[y] = data, plans
    check_goat_ring(all_data[2024])
    n = 0
    for y in YEARS:
        n += len(write_year(y, all_data[y]))
    facts = summary(all_data, all_plans)
    if "--facts" in sys.argv[1:]:
        sys.stdout.write(facts)
    done = update_readme(facts)
    print("samples: %d files written under samples/2023, 2024, 2025%s" % (
        n, "; headline facts updated in samples/README.md" if done else ""),
        file=sys.stderr)


if __name__ == "__main__":
    main()
