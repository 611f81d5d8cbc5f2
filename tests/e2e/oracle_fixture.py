#!/usr/bin/python3
"""oracle_fixture.py — writes a small awkward zone dataset for t32-oracle.

Usage: oracle_fixture.py OUTDIR
Writes OUTDIR/run0 (2023), OUTDIR/run1 (2024), OUTDIR/run2 (2025) and
OUTDIR/run3 (files sent again), each one `forumstat import` run, deterministic (fixed seed, no
timestamps).  The seven counties of templates/zone.conf each keep their
own file habits (GB18030 Chinese headers with a title row, UTF-8 with BOM,
dates 2024/1/5, 2024.1.5, 2024年1月5日, thousands separators, a SQLite
submission, one .xlsx workbook through python3-openpyxl), and the data
holds the cases the samples do not:

- 2023: Dangshan and Xiao only (Anhui's 2024 changes are comparable,
  the zone's not); their cooperation is two zero reports, so the zone
  has cooperation coverage but no record.
- 2024: Yongcheng sends no incidents (6 of 7 counties: the zone's and
  Henan's crime figures of 2025 are not comparable with 2024); Feng
  sends none but declares 0 (a zero report); Xiao sends no disputes but
  declares 0; Yongcheng's indicators hold only a declared 0 for
  cooperation, written "-"; and an empty incidents file (header only,
  which is no data).
- Feng never sends cooperation (a county missing a table entirely) yet
  is named as a partner and as the lead of a joint activity it did not
  report.
- KQ-3: one cross_ref reported by Dangshan, Yucheng and Xiayi (three
  counties, two in Henan); KQ-NY: Dangshan on 30 December 2024, Shan on
  2 January 2025 (a case across New Year).
- LT-1: a joint mediation (disputes joint_ref) of Yucheng and Xiayi, and
  disputes with a counterpart and no joint_ref.
- LH-1 (lead Xiao, reported by Dangshan, Xiao, Yucheng with different
  values), LH-2 (rows naming different leads, the one named most often
  wins), LH-5 (a tie: the lowest code), LH-3 (lead Feng, who did not report it): the per-scope choice of
  the row whose values count.
- Xiayi leaves every money, suspects and arrested value empty (loss 0:
  no recovery rate); Feng's incidents have no recovered_yuan column.
- Yongcheng 2025: no grid_members (the indicator's year-on-year is not
  comparable); Xiao 2024: no population (offenses_per_10k over the
  others).
- run3 sends again Shan's 2025 incidents (one record more, values
  changed, the KQ-NY record kept) and Yucheng's 2024 disputes as CSV
  (the first files' slices are superseded).
"""
import codecs
import csv
import datetime
import io
import os
import random
import sqlite3
import sys

DS, XI, FE, SH, YU, XY, YO = "341321", "341322", "320321", "371722", "411425", "411426", "411481"
ALL = [DS, XI, FE, SH, YU, XY, YO]
ZH = {DS: "砀山县", XI: "萧县", FE: "丰县", SH: "单县", YU: "虞城县", XY: "夏邑县", YO: "永城市"}
EN = {DS: "Dangshan County", XI: "Xiao County", FE: "Feng County", SH: "Shan County",
      YU: "Yucheng County", XY: "Xiayi County", YO: "Yongcheng City"}
POP = {DS: 769282, XI: 951642, FE: 921744, SH: 1009584, YU: 868266, XY: 915960, YO: 1231513}

COLS = {
    "indicators": ["county", "year", "indicator", "value", "note"],
    "incidents": ["case_id", "county", "date_reported", "category", "subcategory", "offenses",
                  "loss_yuan", "recovered_yuan", "suspects", "arrested", "status", "date_solved",
                  "cross_ref", "counties_involved", "assisted_by"],
    "disputes": ["dispute_id", "county", "date_received", "type", "counterpart", "parties",
                 "level", "outcome", "date_closed", "joint_ref"],
    "cooperation": ["activity_id", "county", "date", "kind", "partners", "lead", "participants",
                    "outcome_count", "joint_ref"],
}
ALIAS = {"county": "县区代码", "year": "年度", "indicator": "指标", "value": "数值", "note": "备注",
         "case_id": "案件编号", "date_reported": "立案日期", "category": "案件类别", "subcategory": "细类",
         "offenses": "起数", "loss_yuan": "损失金额（元）", "recovered_yuan": "挽损金额（元）",
         "suspects": "嫌疑人数", "arrested": "抓获人数", "status": "状态", "date_solved": "破案日期",
         "cross_ref": "跨区案件编号", "counties_involved": "涉及县区", "assisted_by": "协助县区",
         "dispute_id": "纠纷编号", "date_received": "受理日期", "type": "纠纷类型",
         "counterpart": "对方县区", "parties": "当事人数", "level": "调解层级", "outcome": "结果",
         "date_closed": "办结日期", "joint_ref": "联调编号", "activity_id": "活动编号", "date": "日期",
         "kind": "类型", "partners": "合作县区", "lead": "牵头县区", "participants": "参与人数",
         "outcome_count": "成果数"}
ALIAS_COOP = {"joint_ref": "联合编号"}
ZH_ENUM = {"population": "常住人口", "grid_members": "网格员", "grid_cells": "网格",
           "video_devices_added": "新增视频设备", "joint_police_stations": "联勤警务站",
           "risk_alerts": "风险预警推送", "mediation_orgs": "调解组织", "mediators": "调解员",
           "declared_incidents": "报送刑事案件数", "declared_disputes": "报送矛盾纠纷数",
           "declared_cooperation": "报送协作活动数",
           "open": "在侦", "solved": "已破", "closed": "已结",
           "family": "婚姻家庭", "neighborhood": "邻里", "land": "土地", "labor": "劳动",
           "contract": "合同债务", "traffic": "交通事故", "property": "房屋宅基地", "environment": "环境",
           "other": "其他", "village": "村", "township": "乡镇", "county": "县", "judicial": "司法确认",
           "resolved": "调解成功", "pending": "在调", "escalated": "上交", "litigation": "诉讼",
           "joint_patrol": "联合巡逻", "info_exchange": "信息互通", "clue_verification": "线索核查",
           "fugitive_pursuit": "追逃", "remote_evidence": "异地取证", "joint_mediation": "联合调解",
           "joint_training": "联合培训", "meeting": "联席会议", "emergency_linkage": "应急联动"}
INDICATORS = ["population", "grid_members", "grid_cells", "video_devices_added",
              "joint_police_stations", "risk_alerts", "mediation_orgs", "mediators"]
TYPES = ["family", "neighborhood", "land", "labor", "contract", "traffic", "property",
         "environment", "other"]
LEVELS = ["village", "township", "county", "judicial"]
KINDS = ["joint_patrol", "info_exchange", "clue_verification", "fugitive_pursuit",
         "remote_evidence", "joint_training", "meeting", "emergency_linkage"]


# ORACLE_FIXTURE_SEED: another seed gives other records around the same
# story (to explore; t32 uses the default)
SEED = os.environ.get("ORACLE_FIXTURE_SEED", "oracle-fixture")


def rng(*key):
    return random.Random(SEED + "/" + "/".join(map(str, key)))


def day(r, year):
    return datetime.date(year, 1, 1) + datetime.timedelta(days=r.randrange(0, 350))


# ------------------------------------------------------------------ records

def incidents(c, year, n, prefix=""):
    r = rng("inc", c, year, prefix)
    out = []
    for i in range(1, n + 1):
        d = day(r, year)
        status = r.choice(["open", "solved", "closed", "solved"])
        loss = r.choice([0, 0, r.randrange(100, 90000) + r.randrange(0, 100) / 100])
        out.append({
            "case_id": "%s%s-%d-%03d" % (prefix, c[-3:], year, i), "county": c, "date_reported": d,
            "category": r.choice(["02", "05", "05", "07", "06", "11"]),
            "subcategory": r.choice(["盗窃电动车", "电信网络诈骗", "", "故意伤害"]),
            "offenses": r.randint(1, 4), "loss_yuan": loss,
            "recovered_yuan": round(loss * r.choice([0, 0.5, 1]), 2),
            "suspects": r.randint(0, 3), "arrested": 0, "status": status,
            "date_solved": d + datetime.timedelta(days=r.randrange(0, 12)) if status != "open" else None,
            "cross_ref": None, "counties_involved": [], "assisted_by": []})
        out[-1]["arrested"] = r.randint(0, out[-1]["suspects"])
        if r.random() < 0.15:
            out[-1]["assisted_by"] = [r.choice([x for x in ALL if x != c])]
    return out


def disputes(c, year, n):
    r = rng("dis", c, year)
    out = []
    for i in range(1, n + 1):
        d = day(r, year)
        outcome = r.choice(["resolved", "resolved", "pending", "escalated", "litigation"])
        out.append({
            "dispute_id": "T%s-%d-%03d" % (c[-3:], year, i), "county": c, "date_received": d,
            "type": r.choice(TYPES), "counterpart": [], "parties": r.choice([None, 2, 3, 5]),
            "level": r.choice(LEVELS), "outcome": outcome,
            "date_closed": d + datetime.timedelta(days=r.randrange(0, 30)) if outcome != "pending" else None,
            "joint_ref": None})
        if r.random() < 0.2:
            out[-1]["counterpart"] = [r.choice([x for x in ALL if x != c])]
    return out


def cooperation(c, year, n):
    r = rng("coop", c, year)
    out = []
    for i in range(1, n + 1):
        partners = r.sample([x for x in ALL if x != c], r.randint(1, 3))
        out.append({
            "activity_id": "H%s-%d-%02d" % (c[-3:], year, i), "county": c, "date": day(r, year),
            "kind": r.choice(KINDS), "partners": partners,
            "lead": r.choice([None, c, partners[0]]), "participants": r.choice([None, r.randint(2, 60)]),
            "outcome_count": r.choice([None, 0, r.randint(1, 9)]), "joint_ref": None})
    return out


def indicators(c, year, skip=()):
    r = rng("ind", c, year)
    vals = {"population": POP[c] - (2025 - year) * 3000, "grid_members": r.randint(2000, 3500),
            "grid_cells": r.randint(1800, 3200), "video_devices_added": r.randint(100, 900),
            "joint_police_stations": r.randint(2, 9), "risk_alerts": r.randint(200, 3000),
            "mediation_orgs": r.randint(200, 400), "mediators": r.randint(900, 2400)}
    return [{"county": c, "year": year, "indicator": k, "value": v, "note": ""}
            for k, v in vals.items() if k not in skip]


def declared(c, year, table, n):
    return {"county": c, "year": year, "indicator": "declared_" + table, "value": n, "note": ""}


# ------------------------------------------------------------------ the story

def dataset():
    """{run: {(county, table, year): records}}"""
    runs = {"run0": {}, "run1": {}, "run2": {}, "run3": {}}
    # 2023: Dangshan and Xiao only, cooperation as zero reports (the zone
    # has no cooperation record, only coverage), Yucheng a population
    r0 = runs["run0"]
    for c in (DS, XI):
        r0[(c, "incidents", 2023)] = incidents(c, 2023, 9)
        r0[(c, "disputes", 2023)] = disputes(c, 2023, 8)
        r0[(c, "indicators", 2023)] = indicators(c, 2023) + [declared(c, 2023, "cooperation", 0)]
    r0[(YU, "indicators", 2023)] = indicators(YU, 2023)[:1]
    for run, year in (("run1", 2024), ("run2", 2025)):
        d = runs[run]
        for c in ALL:
            if not (year == 2024 and c == YO):
                d[(c, "incidents", year)] = incidents(c, year, rng("n", c, year).randint(7, 12))
            if not (year == 2024 and c == XI):
                d[(c, "disputes", year)] = disputes(c, year, rng("m", c, year).randint(6, 11))
            if c != FE:
                d[(c, "cooperation", year)] = cooperation(c, year, rng("k", c, year).randint(3, 6))
            skip = ()
            if year == 2024 and c == XI:
                skip = ("population",)
            if year == 2025 and c == YO:
                skip = ("grid_members",)
            if not (year == 2024 and c == YO):
                d[(c, "indicators", year)] = indicators(c, year, skip)
        # agreeing declared counts for Shan
        d[(SH, "indicators", year)].append(declared(SH, year, "incidents",
                                                    len(d[(SH, "incidents", year)])))
    r1, r2 = runs["run1"], runs["run2"]
    # zero reports (2024): Xiao disputes, Yongcheng cooperation (its only
    # indicators record)
    r1[(XI, "indicators", 2024)].append(declared(XI, 2024, "disputes", 0))
    del r1[(YO, "cooperation", 2024)]
    r1[(YO, "indicators", 2024)] = [declared(YO, 2024, "cooperation", 0)]

    def case(rec, ref, others):
        rec["cross_ref"], rec["counties_involved"] = ref, others
        return rec

    # KQ-3: three counties
    for c in (DS, YU, XY):
        rec = r2[(c, "incidents", 2025)][1]
        case(rec, "KQ-3", [x for x in (DS, YU, XY) if x != c])
        rec["category"] = "05"
    # KQ-NY: Dangshan's record on 30 December 2024, Shan's on 2 January 2025
    rec = r1[(DS, "incidents", 2024)][2]
    rec["date_reported"] = datetime.date(2024, 12, 30)
    rec["date_solved"] = datetime.date(2025, 1, 3) if rec["status"] != "open" else None
    case(rec, "KQ-NY", [SH])
    case(r2[(SH, "incidents", 2025)][2], "KQ-NY", [DS])["date_reported"] = datetime.date(2025, 1, 2)
    rec = r2[(SH, "incidents", 2025)][2]
    rec["date_solved"] = datetime.date(2025, 1, 9) if rec["status"] != "open" else None
    # a cross_ref in one county only (the other side has no record: a
    # finding, not a figure problem), Henan pair
    case(r2[(YO, "incidents", 2025)][0], "KQ-5", [XY])
    # Xiayi: money, suspects and arrested left empty
    for y, d in ((2024, r1), (2025, r2)):
        for rec in d[(XY, "incidents", y)]:
            rec["loss_yuan"] = rec["recovered_yuan"] = rec["suspects"] = rec["arrested"] = None
        for rec in d[(FE, "incidents", y)]:
            rec["recovered_yuan"] = None  # Feng's file has no such column
    # LT-1: joint mediation Yucheng + Xiayi (2025), and LT-2 three counties
    # (2024) Dangshan, Yongcheng, Xiayi
    for c, other in ((YU, [XY]), (XY, [YU])):
        rec = r2[(c, "disputes", 2025)][0]
        rec.update(level="joint", joint_ref="LT-1", counterpart=other)
    for c in (DS, YO, XY):
        rec = r1[(c, "disputes", 2024)][0]
        rec.update(level="joint", joint_ref="LT-2", counterpart=[x for x in (DS, YO, XY) if x != c])

    # joint activities (2025)
    def joint(c, ref, kind, partners, lead, participants, outcome, when):
        rows = r2[(c, "cooperation", 2025)]
        rows.append({"activity_id": "J%s-%s" % (c[-3:], ref), "county": c, "date": when,
                     "kind": kind, "partners": partners, "lead": lead,
                     "participants": participants, "outcome_count": outcome, "joint_ref": ref})
    d0 = datetime.date(2025, 5, 6)
    joint(DS, "LH-1", "fugitive_pursuit", [XI, YU], XI, 10, 3, d0)
    joint(XI, "LH-1", "fugitive_pursuit", [DS, YU], None, 12, 4, d0)
    joint(YU, "LH-1", "fugitive_pursuit", [DS, XI], XI, 7, 2, d0 + datetime.timedelta(days=1))
    joint(SH, "LH-2", "clue_verification", [YU, XY], SH, 5, 8, d0)
    joint(YU, "LH-2", "clue_verification", [SH, XY], YU, 6, 9, d0)
    joint(XY, "LH-2", "clue_verification", [SH, YU], YU, 4, 7, d0)
    joint(DS, "LH-3", "joint_training", [FE, XI], FE, 30, None, d0)
    joint(XI, "LH-3", "joint_training", [FE], FE, 25, 1, d0)
    # LH-4: its lead Yucheng reported it twice (the lowest activity_id
    # counts); LH-NY: across New Year, the 2024 row names Shan too
    joint(YU, "LH-4", "meeting", [XY], YU, 9, 1, d0)
    joint(YU, "LH-4", "meeting", [XY], YU, 20, 2, d0)
    r2[(YU, "cooperation", 2025)][-1]["activity_id"] = "A-first"
    joint(XY, "LH-4", "meeting", [YU], YU, 3, 0, d0)
    r1[(DS, "cooperation", 2024)].append({
        "activity_id": "JNY", "county": DS, "date": datetime.date(2024, 12, 31),
        "kind": "joint_patrol", "partners": [XI, SH], "lead": DS, "participants": 40,
        "outcome_count": 1, "joint_ref": "LH-NY"})
    joint(XI, "LH-NY", "joint_patrol", [DS], DS, 20, 2, datetime.date(2025, 1, 1))
    # a record of 2024 in Xiao's 2025 disputes file: it belongs to 2024
    # (its own date), next to Xiao's zero report of 2024
    stray = disputes(XI, 2024, 1)[0]
    stray["dispute_id"] = "STRAY-1"
    r2[(XI, "disputes", 2025)].append(stray)
    # values as clerks write them: thousands separators, full-width
    # digits, a lone "-", a date without separators or with a time, a
    # county's English name in capitals, three decimals
    fe = r2[(FE, "incidents", 2025)]
    fe[0].update(loss_yuan=Raw("1,234.50"),
                 date_reported=Raw("20250105"), date_solved=None, status="open")
    fe[1].update(offenses=Raw("２"), suspects=Raw("-"), arrested=Raw("-"),
                 date_reported=Raw("2025/3/4 0:00"), date_solved=None, status="open",
                 assisted_by=Raw("DANGSHAN COUNTY"))
    fe[2].update(loss_yuan=Raw("234.500"))
    # KQ-X2: Xiao registered its part as two records (one case for the
    # zone, Anhui and the zone count it once); an assistance by two
    # counties; LH-5: two rows naming different leads once each (the
    # lowest code, Xiao, leads; Henan takes Yongcheng's row)
    case(r2[(XI, "incidents", 2025)][3], "KQ-X2", [DS])
    case(r2[(XI, "incidents", 2025)][4], "KQ-X2", [DS])
    case(r2[(DS, "incidents", 2025)][4], "KQ-X2", [XI])
    r2[(DS, "incidents", 2025)][5]["assisted_by"] = [XI, YO]
    joint(XI, "LH-5", "remote_evidence", [YO], XI, 6, 2, d0)
    joint(YO, "LH-5", "remote_evidence", [XI], YO, 8, 5, d0)
    # 2024: Feng sends no incidents but declares 0 (a zero report of a
    # county with a population: offenses_per_10k counts its residents);
    # Yongcheng's zero report of cooperation written "-" (Excel's
    # accounting zero); a decimal indicator value
    del r1[(FE, "incidents", 2024)]
    r1[(FE, "indicators", 2024)].append(declared(FE, 2024, "incidents", 0))
    r1[(YO, "indicators", 2024)][0]["value"] = Raw("-")
    r1[(SH, "indicators", 2024)][3]["value"] = Raw("350.50")
    # run3: sent again
    r3 = runs["run3"]
    again = incidents(SH, 2025, len(r2[(SH, "incidents", 2025)]), prefix="R")
    again.append(dict(r2[(SH, "incidents", 2025)][2]))  # KQ-NY, kept
    r3[(SH, "incidents", 2025)] = again
    dis = disputes(YU, 2024, len(r1[(YU, "disputes", 2024)]))
    dis[0].update(outcome="resolved", date_closed=dis[0]["date_received"])
    r3[(YU, "disputes", 2024)] = dis
    return runs


def chaos(seed):
    """Random coverage around random records (oracle_fixture.py --chaos
    SEED): per county, year and table records, nothing, a zero report or
    both; joint_refs and cross_refs over random counties (and years);
    a third run sending random slices again (never below half)."""
    r = random.Random("chaos/" + seed)
    runs = {"run0": {}, "run1": {}, "run2": {}, "run3": {}}
    years = (2023, 2024, 2025)
    for run, year in zip(("run0", "run1", "run2"), years):
        d = runs[run]
        for c in ALL:
            ind = []
            if r.random() < 0.85:
                ind = [x for x in indicators(c, year) if r.random() < 0.8]
            for t, make in (("incidents", incidents), ("disputes", disputes),
                            ("cooperation", cooperation)):
                roll = r.random()
                if roll < 0.65:
                    d[(c, t, year)] = make(c, year, r.randint(1, 7))
                elif roll < 0.8:
                    ind.append(declared(c, year, t, 0))
                elif roll < 0.85:
                    d[(c, t, year)] = make(c, year, r.randint(1, 3))
                    ind.append(declared(c, year, t, r.choice([0, 2])))
            if ind:
                d[(c, "indicators", year)] = ind
        # shared references among the counties that sent the table
        for i in range(r.randint(0, 4)):
            have = [c for c in ALL if (c, "incidents", year) in d]
            if len(have) < 2:
                break
            who = r.sample(have, r.randint(2, min(4, len(have))))
            for c in who:
                rec = r.choice(d[(c, "incidents", year)])
                rec["cross_ref"] = "C%d-%d" % (year, i)
                rec["counties_involved"] = [x for x in who if x != c]
                rec["assisted_by"] = [x for x in rec["assisted_by"] if x != c]
        for i in range(r.randint(0, 3)):
            have = [c for c in ALL if (c, "disputes", year) in d]
            if len(have) < 2:
                break
            who = r.sample(have, r.randint(2, min(3, len(have))))
            for c in who:
                rec = r.choice(d[(c, "disputes", year)])
                rec.update(joint_ref="D%d-%d" % (year, i), level="joint",
                           counterpart=[x for x in who if x != c])
        for i in range(r.randint(0, 4)):
            have = [c for c in ALL if (c, "cooperation", year) in d]
            if len(have) < 2:
                break
            who = r.sample(have, r.randint(2, min(4, len(have))))
            lead = r.choice(ALL)
            for c in who:
                rows = d[(c, "cooperation", year)]
                for k in range(r.choice([1, 1, 1, 2])):  # a county may report it twice
                    partners = sorted(set(x for x in who + [lead] if x != c)) or [r.choice(
                        [x for x in ALL if x != c])]
                    rows.append({"activity_id": "J%s-%d-%d" % (c[-3:], i, k), "county": c,
                                 "date": datetime.date(year, 6, r.randint(1, 9)),
                                 "kind": r.choice(KINDS), "partners": partners,
                                 "lead": r.choice([lead if lead != c else None, c, partners[0]]),
                                 "participants": r.randint(0, 40),
                                 "outcome_count": r.randint(0, 9),
                                 "joint_ref": "L%d-%d" % (year, i)})
    # a cross_ref across New Year
    a, b = r.sample(ALL, 2)
    if (a, "incidents", 2024) in runs["run1"] and (b, "incidents", 2025) in runs["run2"]:
        for run, c, o, when in (("run1", a, b, datetime.date(2024, 12, 31)),
                                ("run2", b, a, datetime.date(2025, 1, 1))):
            rec = runs[run][(c, "incidents", when.year)][0]
            rec.update(cross_ref="NY", counties_involved=[o], date_reported=when,
                       status="open", date_solved=None)
            rec["assisted_by"] = [x for x in rec["assisted_by"] if x != c]
    # run3: some slices again, with other records (at least half as many)
    for run, year in zip(("run0", "run1", "run2"), years):
        for (c, t, y), recs in sorted(runs[run].items()):
            if t != "indicators" and r.random() < 0.12:
                make = {"incidents": incidents, "disputes": disputes, "cooperation": cooperation}[t]
                n = max(1, (len(recs) + 1) // 2 + r.randint(0, 3))
                again = make(c, y, n)
                for x in again:
                    x[{"incidents": "case_id", "disputes": "dispute_id",
                       "cooperation": "activity_id"}[t]] += "-R"
                runs["run3"][(c, t, y)] = again
    return runs


# ------------------------------------------------------------------ writing

class Raw(str):
    """A value written as it stands (the clerk's own spelling)."""


def text(c, col, v, style):
    """A value as the county's clerk would write it."""
    if isinstance(v, Raw):
        return str(v)
    if v is None:
        return ""
    if isinstance(v, list):
        names = [ZH[x] if style in ("zh", "yo") else x for x in v]
        sep = {"zh": "、", "yo": "，", "xy": ","}.get(style, ";")
        return sep.join(names)
    if isinstance(v, datetime.date):
        return {"fe": "%d/%d/%d", "sh": "%d.%d.%d", "yo": "%d年%d月%d日"}.get(
            style, "%04d-%02d-%02d") % (v.year, v.month, v.day)
    if col in ("county", "lead") and style == "zh":
        return ZH[v]
    if col in ("loss_yuan", "recovered_yuan"):
        s = "%.2f" % v
        if style == "yo":
            s = "{:,.2f}".format(v)
        if style == "xi" and v == 0:
            s = "-"
        return s
    if col == "value" and style == "yo":
        return "{:,}".format(v)
    if style in ("zh", "yo") and v in ZH_ENUM and col in ("indicator", "status", "type", "level",
                                                         "outcome", "kind"):
        if col == "level" and v == "joint":
            return "联合调解"
        return ZH_ENUM[v]
    if style == "xi" and col in ("status", "kind", "type"):
        return v.capitalize()
    if style == "xi" and col == "category":
        return str(int(v))
    return str(v)


STYLE = {DS: "zh", XI: "xi", FE: "fe", SH: "sh", YU: "yu", XY: "xy", YO: "yo"}


def header(table, col, style):
    if style in ("zh", "yo"):
        if table == "cooperation" and col in ALIAS_COOP:
            return ALIAS_COOP[col]
        h = ALIAS[col]
        return h if style == "yo" else h.replace("（元）", "")
    if style == "xy" and col in ("loss_yuan", "recovered_yuan"):
        return col + " (yuan)"
    return col


def write_csv(path, c, table, recs, year):
    style = STYLE[c]
    cols = [x for x in COLS[table] if not (c == FE and x == "recovered_yuan")]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n" if style in ("zh", "yo", "sh") else "\n")
    if style == "zh":
        w.writerow(["%s%d年统计表" % (ZH[c], year)] + [""] * (len(cols) - 1))
    w.writerow([header(table, x, style) for x in cols])
    for rec in recs:
        w.writerow([text(c, x, rec[x], style) for x in cols])
    data = buf.getvalue()
    if style in ("zh", "yo"):
        raw = data.encode("gb18030")
    elif style == "xi":
        raw = codecs.BOM_UTF8 + data.encode("utf-8")
    else:
        raw = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(raw)


def write_db(path, tables):
    db = sqlite3.connect(":memory:")
    for table, recs in sorted(tables.items()):
        cols = COLS[table]
        db.execute("CREATE TABLE %s (%s)" % (table, ", ".join(
            '"%s" %s' % (x, "INTEGER" if table == "incidents" and x == "county" else "")
            for x in cols)))
        for rec in recs:
            vals = []
            for x in cols:
                v = rec[x]
                if isinstance(v, list):
                    v = ";".join(v) or None
                elif isinstance(v, datetime.date):
                    v = v.isoformat()
                elif x == "county" and table == "incidents":
                    v = int(v)
                vals.append(v)
            db.execute("INSERT INTO %s VALUES (%s)" % (table, ",".join("?" * len(cols))), vals)
    db.commit()
    if os.path.exists(path):
        os.unlink(path)
    db.execute("VACUUM INTO ?", (path,))
    db.close()


def write_xlsx(path, c, table, recs):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "矛盾纠纷"
    ws.append([ALIAS[x] for x in COLS[table]])
    for rec in recs:
        ws.append([text(c, x, rec[x], "zh") if rec[x] is not None else None for x in COLS[table]])
    wb.save(path)
    # fixed timestamps: the same bytes every run
    import zipfile
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in sorted(zin.infolist(), key=lambda i: i.filename):
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                import re
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(item.filename, (2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    os.replace(tmp, path)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--chaos":
        runs, out = chaos(sys.argv[2]), sys.argv[3]
    elif len(sys.argv) == 2:
        runs, out = dataset(), sys.argv[1]
    else:
        sys.exit("usage: oracle_fixture.py [--chaos SEED] OUTDIR")
    for run, data in runs.items():
        d = os.path.join(out, run)
        os.makedirs(d, exist_ok=True)
        dbs = {}
        for (c, table, year), recs in sorted(data.items()):
            name = "%s-%d-%s" % (c, year, table)
            if c == YU and run != "run3":
                dbs.setdefault(year, {})[table] = recs
            elif c == YO and table == "disputes" and year == 2025:
                write_xlsx(os.path.join(d, name + ".xlsx"), c, table, recs)
            else:
                write_csv(os.path.join(d, name + ".csv"), c, table, recs, year)
        if run == "run1":  # header only: zero records, not a zero report
            write_csv(os.path.join(d, "411481-2024-incidents-empty.csv"), YO, "incidents", [], 2024)
        for year, tables in dbs.items():
            write_db(os.path.join(d, "%s-%d.db" % (YU, year)), tables)


if __name__ == "__main__":
    main()
