"""conventions_cases.py — the conventions of standard §2.1-§2.3, case by case (t37).

    conventions_cases.py build OUT        write OUT/acc (files forumstat must
                                          accept), OUT/ref (files it must
                                          refuse), OUT/probe (what the
                                          standard leaves open) and
                                          OUT/cases.json
    conventions_cases.py check OUT DB ACC_ERRS REF_ERRS REF_OUT
                                          compare: one line per case,
                                          "PASS<TAB>what" or
                                          "FAIL<TAB>what<TAB>why"
    conventions_cases.py probe OUT DB ERRS
                                          print what forumstat chose where
                                          the standard leaves room

Every expectation below is written from the text of
/work/shared/spec/submission-standard.md (§2.1 CSV conventions, §2.1b
workbooks, §2.2 SQLite, §2.2a folders, §2.3 tables) and docs/warehouse.md
(the current_* views: codes not labels, ISO dates, money in yuan, NULL for
an empty optional value, 0 for the numeric columns that default to 0); the
rule ids of refused cases are the ones docs/submission-guide.en.md lists.
Each accepted case is one record with its own identifier, whose stored
values are read back from the warehouse's current_* views; each refused
case is one file holding good records and one record (or header) that the
standard says to refuse, at a known line.

Plain Python 3 (Debian's /usr/bin/python3); workbooks are written by
tests/fixtures/xlsx/mkxlsx.py (PYTHONPATH), SQLite files with sqlite3.
"""
import codecs
import csv
import datetime
import io
import json
import os
import shutil
import sqlite3
import sys

import mkxlsx

DS, XI, FE, SH, YU, XY, YO = "341321", "341322", "320321", "371722", "411425", "411426", "411481"

INC_COLS = ["case_id", "county", "date_reported", "category", "subcategory", "offenses", "loss_yuan",
            "recovered_yuan", "suspects", "arrested", "status", "date_solved", "cross_ref",
            "counties_involved", "assisted_by"]
DIS_COLS = ["dispute_id", "county", "date_received", "type", "counterpart", "parties", "level",
            "outcome", "date_closed", "joint_ref"]
COOP_COLS = ["activity_id", "county", "date", "kind", "partners", "lead", "participants",
             "outcome_count", "joint_ref"]
IND_COLS = ["county", "year", "indicator", "value", "note"]
ID = {"incidents": "case_id", "disputes": "dispute_id", "cooperation": "activity_id",
      "indicators": "indicator"}
MONEY = {"loss_yuan", "recovered_yuan", "value"}
LISTS = {"counties_involved", "assisted_by", "counterpart", "partners"}

CASES = []  # accepted: {"what", "table", "county", "id", "year", "expect": {col: value}}


def case(what, table, county, ident, expect, year=2024):
    CASES.append({"what": what, "table": table, "county": county, "id": ident, "year": year,
                  "expect": expect})


def write_csv(path, rows, encoding="utf-8", bom=False, crlf=False, tail=""):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    for r in rows:
        if isinstance(r, str):  # a line written as it stands
            buf.write(r + ("\r\n" if crlf else "\n"))
        else:
            w.writerow(r)
    data = buf.getvalue() + tail
    raw = data.encode(encoding)
    if bom:
        raw = codecs.BOM_UTF8 + raw
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(raw)


# ---------------------------------------------------------------- accepted

def incidents_a(d):
    """UTF-8 without BOM, LF; English names in any case, padded, in another
    order, units in () and （）; an unknown 序号 column; §2.1 values."""
    head = ["序号", " Case_ID ", "COUNTY", "Date_Reported", "category", "offenses",
            "loss_yuan (yuan)", "Recovered_Yuan（元）", "suspects", "arrested", "STATUS ",
            "date_solved", "cross_ref", "counties_involved", "assisted_by", "subcategory"]
    keys = ["no", "case_id", "county", "date_reported", "category", "offenses", "loss_yuan",
            "recovered_yuan", "suspects", "arrested", "status", "date_solved", "cross_ref",
            "counties_involved", "assisted_by", "subcategory"]
    base = {"case_id": "", "county": DS, "date_reported": "2024-03-01", "category": "05",
            "offenses": "1", "loss_yuan": "", "recovered_yuan": "", "suspects": "", "arrested": "",
            "status": "open", "date_solved": "", "cross_ref": "", "counties_involved": "",
            "assisted_by": "", "subcategory": ""}
    want = {"county": DS, "date_reported": "2024-03-01", "category": "05", "offenses": 1,
            "loss_yuan": 0, "recovered_yuan": 0, "suspects": 0, "arrested": 0, "status": "open",
            "date_solved": None, "cross_ref": None, "counties_involved": None, "assisted_by": None,
            "subcategory": None}
    rows = [head]
    n = [0]

    def rec(ident, what, fields, expect, year=2024, county=DS, stored_id=None):
        n[0] += 1
        r = dict(base, case_id=ident, no=str(n[0]), **fields)
        rows.append([r[k] for k in keys])
        case("§2.1 CSV: " + what, "incidents", county, stored_id or ident, dict(want, **expect), year)
        if n[0] == 5:  # Excel's emptied rows, with fewer fields and with all of them
            rows.append(",,,,")
            rows.append([""] * len(keys))
            rows.append([" ", "\u3000", "\t"] + [""] * 5)  # empty once trimmed

    # dates
    rec("A-d1", "date YYYY-M-D (2024-5-20)", {"date_reported": "2024-5-20"}, {"date_reported": "2024-05-20"})
    rec("A-d2", "date YYYY/MM/DD (2024/05/07)", {"date_reported": "2024/05/07"}, {"date_reported": "2024-05-07"})
    rec("A-d3", "date YYYY.M.D (2024.5.7)", {"date_reported": "2024.5.7"}, {"date_reported": "2024-05-07"})
    rec("A-d4", "date YYYY年M月D日 (2024年5月7日)", {"date_reported": "2024年5月7日"}, {"date_reported": "2024-05-07"})
    rec("A-d5", "date YYYYMMDD (20240507)", {"date_reported": "20240507"}, {"date_reported": "2024-05-07"})
    rec("A-d6", "date with a time H:MM after a space (2024/5/20 0:00)", {"date_reported": "2024/5/20 0:00"},
        {"date_reported": "2024-05-20"})
    rec("A-d7", "date with a time after T (2024-05-20T13:45:10)", {"date_reported": "2024-05-20T13:45:10"},
        {"date_reported": "2024-05-20"})
    rec("A-d8", "date YYYY-M-D with H:MM (2024-5-20 9:05)", {"date_reported": "2024-5-20 9:05"},
        {"date_reported": "2024-05-20"})
    rec("A-d13", "date 年月日 with leading zeros (2024年05月07日)", {"date_reported": "2024年05月07日"},
        {"date_reported": "2024-05-07"})
    rec("A-d14", "date 年月日 with a time (2024年5月7日 10:00)", {"date_reported": "2024年5月7日 10:00"},
        {"date_reported": "2024-05-07"})
    rec("A-d15", "date with T and H:MM (2024-05-20T9:05)", {"date_reported": "2024-05-20T9:05"},
        {"date_reported": "2024-05-20"})
    rec("A-d16", "date at the lower year bound (2000-01-01)", {"date_reported": "2000-01-01"},
        {"date_reported": "2000-01-01"}, year=2000)
    rec("A-d9", "a real leap day (2024-02-29)", {"date_reported": "2024-02-29"}, {"date_reported": "2024-02-29"})
    rec("A-d10", "the record's year is its date's (2023-12-31 in a 2024 file)", {"date_reported": "2023-12-31"},
        {"date_reported": "2023-12-31"}, year=2023)
    rec("A-d11", "date_solved with a time (2024/6/2 18:30:05)",
        {"status": "solved", "date_solved": "2024/6/2 18:30:05"}, {"status": "solved", "date_solved": "2024-06-02"})
    rec("A-d12", "date at the upper year bound (2100-12-31)", {"date_reported": "2100-12-31"},
        {"date_reported": "2100-12-31"}, year=2100)
    # numbers
    rec("A-n1", "money with a thousands separator, quoted (\"1,234.50\")", {"loss_yuan": "1,234.50"},
        {"loss_yuan": 1234.50})
    rec("A-n2", "full-width digits (loss １２３, offenses ２)", {"loss_yuan": "１２３", "offenses": "２"},
        {"loss_yuan": 123, "offenses": 2})
    rec("A-n3", "a lone - is 0 (money and an integer column)",
        {"loss_yuan": "-", "recovered_yuan": "-", "suspects": "-"}, {"loss_yuan": 0, "recovered_yuan": 0, "suspects": 0})
    rec("A-n4", "an integer column takes 2.00 and 3.0", {"offenses": "2.00", "suspects": "3.0"},
        {"offenses": 2, "suspects": 3})
    rec("A-n5", "2300.100 has two significant decimals", {"loss_yuan": "2300.100", "recovered_yuan": "2300.10"},
        {"loss_yuan": 2300.10, "recovered_yuan": 2300.10})
    rec("A-n6", "separators in millions and in an integer (1,234,567.89; 1,000)",
        {"loss_yuan": "1,234,567.89", "suspects": "1,000", "arrested": "12"},
        {"loss_yuan": 1234567.89, "suspects": 1000, "arrested": 12})
    rec("A-n7", "values trimmed of full-width spaces and tabs", {"loss_yuan": "\u3000 12.5\t", "offenses": "\t3 "},
        {"loss_yuan": 12.5, "offenses": 3})
    rec("A-n8", "an integer just below 10^15 (999,999,999,999,999)", {"suspects": "999,999,999,999,999"},
        {"suspects": 999999999999999})
    rec("A-n9", "full-width digits with a thousands separator (１,２３４.５０)", {"loss_yuan": "１,２３４.５０"},
        {"loss_yuan": 1234.50})
    rec("A-n10", "money in fen (0.05) stays exact", {"loss_yuan": "0.05", "recovered_yuan": "0.01"},
        {"loss_yuan": 0.05, "recovered_yuan": 0.01})
    # codes
    rec("A-c1", "ICCS section without its leading zero (5 = 05)", {"category": "5"}, {"category": "05"})
    rec("A-c2", "ICCS section in full-width digits (０７)", {"category": "０７"}, {"category": "07"})
    rec("A-c3", "ICCS section 11, padded", {"category": " 11 "}, {"category": "11"})
    rec("A-c4", "county by English name (Dangshan County)", {"county": "Dangshan County"}, {"county": DS})
    rec("A-c5", "county by English name in capitals", {"county": "DANGSHAN COUNTY"}, {"county": DS})
    rec("A-c6", "county by Chinese name (砀山县)", {"county": "砀山县"}, {"county": DS})
    rec("A-c7", "county code in full-width digits (３４１３２１)", {"county": "３４１３２１"}, {"county": DS})
    rec("A-c8", "county by English name in lower case", {"county": "dangshan county"}, {"county": DS})
    # enums
    rec("A-e1", "English status in any case (Solved)", {"status": "Solved", "date_solved": "2024-04-01"},
        {"status": "solved", "date_solved": "2024-04-01"})
    rec("A-e2", "English status in capitals (CLOSED)", {"status": "CLOSED", "date_solved": "2024-04-01"},
        {"status": "closed", "date_solved": "2024-04-01"})
    rec("A-e3", "Chinese status 已破", {"status": "已破", "date_solved": "2024-04-01"},
        {"status": "solved", "date_solved": "2024-04-01"})
    rec("A-e4", "Chinese status 在侦", {"status": "在侦"}, {"status": "open"})
    rec("A-e5", "Chinese status 已结", {"status": "已结", "date_solved": "2024-04-01"},
        {"status": "closed", "date_solved": "2024-04-01"})
    rec("A-e6", "an enum padded with full-width spaces (　open　)", {"status": "\u3000open\u3000"}, {"status": "open"})
    # lists
    lists = [("A-l1", "list separated by ;", "371722;320321"),
             ("A-l2", "list separated by , inside a quoted field", "371722,320321"),
             ("A-l3", "list of Chinese names separated by 、", "单县、丰县"),
             ("A-l4", "list of English names separated by ；", "Shan County；Feng County"),
             ("A-l5", "list separated by ，", "371722，320321"),
             ("A-l6", "list items padded with spaces", " 371722 ; 320321 ")]
    for i, (ident, what, v) in enumerate(lists):
        rec(ident, what, {"cross_ref": "KX-%d" % i, "counties_involved": v},
            {"cross_ref": "KX-%d" % i, "counties_involved": [SH, FE]})
    rec("A-l7", "assisted_by mixing a Chinese and an English name (萧县、Yongcheng City)",
        {"assisted_by": "萧县、Yongcheng City"}, {"assisted_by": [XI, YO]})
    # text and identifiers
    rec("A-q1", "quoted text holding quotes, a comma and a line break",
        {"subcategory": 'a "quoted", two\nlines'}, {"subcategory": 'a "quoted", two\nlines'})
    rec("A-q2", "text trimmed of spaces", {"subcategory": "  盗窃羊只  "}, {"subcategory": "盗窃羊只"})
    rec("c-x1", "identifiers are case-sensitive (c-x1 beside C-X1)", {}, {})
    rec("C-X1", "identifiers are case-sensitive (C-X1 beside c-x1)", {}, {})
    rec("  A-i3 ", "an identifier is trimmed", {}, {}, stored_id="A-i3")
    long_id = "A-i4-" + "x" * 59
    rec(long_id, "a 64-character identifier", {}, {})
    rec("A-t1", "2000 characters of Chinese text (characters, not bytes)", {"subcategory": "盗" * 2000},
        {"subcategory": "盗" * 2000})
    rec("A-t2", "2000 characters beyond the BMP (U+20000): characters, not UTF-16 units",
        {"subcategory": "\U00020000" * 2000}, {"subcategory": "\U00020000" * 2000})
    rec("案" * 64, "a 64-character identifier of Chinese characters (192 bytes)", {}, {})
    rec("１２３", "an identifier in full-width digits is kept as written (beside 123)", {}, {})
    rec("123", "an identifier 123 is not the same as １２３", {}, {})
    rec("A-w1", "an open case with date_solved is kept (a warning only)", {"date_solved": "2024-03-05"},
        {"date_solved": "2024-03-05"})
    # a trailing empty line is not a record
    write_csv(os.path.join(d, "a-incidents.csv"), rows, tail="\n")


def incidents_k(d):
    """Five title rows above the header (the most the standard skips);
    units in 【】 and after /; every record with the same two extra empty
    fields (Excel's trailing commas)."""
    head = ["案件编号", "县区代码", "立案日期", "案件类别", "起数", "损失金额【元】", "挽损金额/元", "嫌疑人数(人)",
            "状态"]
    rows = [["丰县公安局"], ["2024年刑事案件"], [""] * 11, ["单位：元、人", "", ""], ",,,,", head,
            ["K-1", "丰县", "2024-09-01", "06", "1", "1,000", "10", "2", "在侦", "", ""],
            ["K-2", "Feng County", "2024.9.2", "6", "3", "", "-", "", "open", "", ""]]
    case("§2.1 CSV: five title rows, units in 【】 and after /, trailing empty fields", "incidents", FE, "K-1",
         {"county": FE, "date_reported": "2024-09-01", "category": "06", "offenses": 1, "loss_yuan": 1000,
          "recovered_yuan": 10, "suspects": 2, "status": "open"})
    case("§2.1 CSV: five title rows, empty money and -, trailing empty fields", "incidents", FE, "K-2",
         {"county": FE, "date_reported": "2024-09-02", "category": "06", "offenses": 3, "loss_yuan": 0,
          "recovered_yuan": 0, "suspects": 0, "status": "open"})
    write_csv(os.path.join(d, "feng", "k-incidents.csv"), rows)
    # a header and no record: valid, zero records
    write_csv(os.path.join(d, "feng", "l-empty.csv"),
              [["活动编号", "县区代码", "日期", "类型", "合作县区"]], bom=True, crlf=True)


def aliases_m(d):
    """The Chinese aliases not used elsewhere, and every member county by its
    Chinese and its English name (any letter case) in lists."""
    rows = [["案件编号", "县区代码", "立案日期", "案件类别", "起数", "状态", "嫌疑人数", "抓获人数", "跨区案件编号",
             "涉及县区", "协助县区"],
            ["M-1", "永城市", "2024-10-01", "02", "1", "在侦", "4", "3", "KX-M",
             "砀山县、萧县、丰县、单县、虞城县、夏邑县",
             "dangshan county;XIAO COUNTY;Feng County;shan county;Yucheng County;XIAYI COUNTY"]]
    write_csv(os.path.join(d, "yongcheng", "m-incidents.csv"), rows, encoding="gb18030", crlf=True)
    case("§2.3 aliases 抓获人数, 跨区案件编号, 涉及县区, 协助县区; the six other counties by name", "incidents", YO,
         "M-1", {"county": YO, "category": "02", "suspects": 4, "arrested": 3, "cross_ref": "KX-M",
                 "counties_involved": [DS, XI, FE, SH, YU, XY], "assisted_by": [DS, XI, FE, SH, YU, XY]})
    rows = [["县区代码", "年度", "指标", "数值（人）", "备注"],
            ["永城市", "2024", "网格员", "1,500", "含专职"], ["Yongcheng City", "2024", "网格", "300", ""],
            ["411481", "2024", "新增视频设备", "12", ""], ["411481", "2024", "风险预警推送", "7", ""],
            ["411481", "2024", "调解员", "88", ""], ["411481", "2024", "报送刑事案件数", "1", ""]]
    write_csv(os.path.join(d, "yongcheng", "n-indicators.csv"), rows, encoding="gb18030", crlf=True)
    for ind, v, note in (("grid_members", 1500, "含专职"), ("grid_cells", 300, None),
                         ("video_devices_added", 12, None), ("risk_alerts", 7, None), ("mediators", 88, None),
                         ("declared_incidents", 1, None)):
        case("§2.3 indicators with Chinese headers and names: %s" % ind, "indicators", YO, ind,
             {"value": v, "note": note})


def disputes_b(d):
    """UTF-8 with BOM, CRLF, Chinese aliases with a unit, a title row and a
    blank row above the header, emptied rows, signature lines below."""
    head = ["纠纷编号", "县区代码", "受理日期", "纠纷类型", "对方县区", "当事人数（人）", "调解层级", "结果",
            "办结日期", "联调编号"]
    base = ["", "萧县", "2024-04-01", "邻里", "", "", "村", "调解成功", "2024-04-10", ""]
    want = {"county": XI, "date_received": "2024-04-01", "type": "neighborhood", "counterpart": None,
            "parties": 2, "level": "village", "outcome": "resolved", "date_closed": "2024-04-10",
            "joint_ref": None}
    rows = ["萧县2024年矛盾纠纷统计表,,,,,,,,,", "", head]

    def rec(ident, what, fields, expect):
        r = list(base)
        r[0] = ident
        for k, v in fields.items():
            r[k] = v
        rows.append(r)
        case("§2.1 CSV (BOM, CRLF, Chinese): " + what, "disputes", XI, ident, dict(want, **expect))

    types = [("婚姻家庭", "family"), ("邻里", "neighborhood"), ("土地", "land"), ("劳动", "labor"),
             ("合同债务", "contract"), ("交通事故", "traffic"), ("房屋宅基地", "property"),
             ("环境", "environment"), ("其他", "other")]
    levels = [("村", "village"), ("乡镇", "township"), ("县", "county"), ("联合调解", "joint"),
              ("司法确认", "judicial")]
    for i, (zh, code) in enumerate(types):
        lz, lc = levels[i % len(levels)]
        rec("B-t%d" % i, "dispute type %s, level %s" % (zh, lz), {3: zh, 6: lz}, {"type": code, "level": lc})
    rec("B-o1", "outcome 在调 (no date_closed: NULL)", {7: "在调", 8: ""}, {"outcome": "pending", "date_closed": None})
    rec("B-o2", "outcome 上交", {7: "上交"}, {"outcome": "escalated"})
    rec("B-o3", "outcome 诉讼", {7: "诉讼"}, {"outcome": "litigation"})
    rec("B-x1", "English codes in any case (Neighborhood, TOWNSHIP, Resolved)",
        {3: "Neighborhood", 6: "TOWNSHIP", 7: "Resolved"},
        {"type": "neighborhood", "level": "township", "outcome": "resolved"})
    rec("B-x2", "counterpart 单县；丰县 with a joint_ref", {4: "单县；丰县", 9: "LT-1"},
        {"counterpart": [SH, FE], "joint_ref": "LT-1"})
    rec("B-x3", "parties 5", {5: "5"}, {"parties": 5})
    rec("B-x4", "parties in full-width digits (３)", {5: "３"}, {"parties": 3})
    rec("B-x5", "2024年12月31日 received, closed 20250105", {2: "2024年12月31日", 8: "20250105"},
        {"date_received": "2024-12-31", "date_closed": "2025-01-05"})
    rec("B-x6", "county by English name (Xiao County)", {1: "Xiao County"}, {})
    rows.append(",,,,,,,,,")
    rows.append(",,,")
    rows.append(["填表人：张三"] + [""] * 9)
    rows.append(["审核人：李四"] + [""] * 9)
    rows.append(["", "", "填表日期：2025年1月5日", "", "", "", "", "", "", ""])
    write_csv(os.path.join(d, "xiao", "b-disputes.csv"), rows, bom=True, crlf=True)


def cooperation_c(d):
    """GBK as Excel on a Chinese Windows writes it (CP936), CRLF, Chinese
    aliases, units in 【】 and after /."""
    head = ["活动编号", "县区代码", "日期", "类型", "合作县区", "牵头县区", "参与人数【人】", "成果数/个", "联合编号"]
    base = ["", "单县", "2024/7/15", "联合巡逻", "丰县", "", "", "", ""]
    want = {"county": SH, "date": "2024-07-15", "kind": "joint_patrol", "partners": [FE],
            "lead": (SH, None), "participants": 0, "outcome_count": 0, "joint_ref": None}
    rows = [head]

    def rec(ident, what, fields, expect):
        r = list(base)
        r[0] = ident
        for k, v in fields.items():
            r[k] = v
        rows.append(r)
        case("§2.1 CSV (GBK): " + what, "cooperation", SH, ident, dict(want, **expect))

    kinds = [("联合巡逻", "joint_patrol"), ("信息互通", "info_exchange"), ("线索核查", "clue_verification"),
             ("追逃", "fugitive_pursuit"), ("异地取证", "remote_evidence"), ("联合调解", "joint_mediation"),
             ("联合培训", "joint_training"), ("联席会议", "meeting"), ("应急联动", "emergency_linkage")]
    for i, (zh, code) in enumerate(kinds):
        rec("C-k%d" % i, "activity kind %s" % zh, {3: zh}, {"kind": code})
    rec("C-x1", "partners 丰县、砀山县, lead 砀山县", {4: "丰县、砀山县", 5: "砀山县"},
        {"partners": [FE, DS], "lead": DS})
    rec("C-x2", "participants \"1,200\", outcome_count -", {6: "1,200", 7: "-"},
        {"participants": 1200, "outcome_count": 0})
    rec("C-x3", "English kind in any case (Joint_Patrol), lead Feng County",
        {3: "Joint_Patrol", 5: "Feng County"}, {"kind": "joint_patrol", "lead": FE})
    rec("C-x4", "lead is the reporter itself (单县)", {5: "单县", 8: "HZ-1"}, {"lead": SH, "joint_ref": "HZ-1"})
    rec("C-x5", "participants in full-width digits (１５), outcome_count 4", {6: "１５", 7: "4"},
        {"participants": 15, "outcome_count": 4})
    write_csv(os.path.join(d, "shan", "c-cooperation.csv"), rows, encoding="cp936", crlf=True)


def incidents_d(d):
    """GB18030 with characters outside GBK (4-byte sequences); only the
    required columns, so every optional one takes its default."""
    rows = [["case_id", "county", "date_reported", "category", "offenses", "status", "subcategory"],
            ["D-1", XY, "2024-08-01", "04", "1", "open", "\U00020000\u3400偷牛"],
            ["D-2", "夏邑县", "2024-08-02", "4", "2", "open", "€ 与 ① 与 ˉ"]]
    for ident, sub in (("D-1", "\U00020000\u3400偷牛"), ("D-2", "€ 与 ① 与 ˉ")):
        case("§2.1 CSV (GB18030, 4-byte characters; optional columns absent): " + ident, "incidents", XY, ident,
             {"county": XY, "subcategory": sub, "category": "04", "loss_yuan": 0, "recovered_yuan": 0,
              "suspects": 0, "arrested": 0, "date_solved": None, "cross_ref": None,
              "counties_involved": None, "assisted_by": None})
    write_csv(os.path.join(d, "xiayi", "d-incidents"), rows, encoding="gb18030")


def indicators_e(d):
    rows = [["County", "Year", "Indicator", "Value", "Note"]]

    def rec(county, year, ind, value, note, what, stored_county, stored_ind, expect):
        rows.append([county, year, ind, value, note])
        case("§2.3 indicators: " + what, "indicators", stored_county, stored_ind, expect)

    rec(DS, "2024", "population", "1,234,567", "", "value 1,234,567", DS, "population", {"value": 1234567, "note": None})
    rec(DS, "２０２４", "grid_members", "１２３４", "", "year and value in full-width digits", DS, "grid_members",
        {"value": 1234})
    rec("Dangshan County", "2024.00", "grid_cells", "-", "", "year 2024.00, value - (0)", DS, "grid_cells",
        {"value": 0})
    rec(DS, "2024", "VIDEO_DEVICES_ADDED", "2300.100", "", "English indicator in capitals, 2300.100", DS,
        "video_devices_added", {"value": 2300.10})
    rec(DS, "2024", "联勤警务站", " 12 ", "", "Chinese indicator name 联勤警务站", DS, "joint_police_stations",
        {"value": 12})
    rec(DS, "2024", "Risk_Alerts", "1,234.50", "", "value 1,234.50", DS, "risk_alerts", {"value": 1234.50})
    rec(DS, "2024", "调解组织", "45", ' 乡镇"调委会" ', "调解组织 with a note holding quotes", DS,
        "mediation_orgs", {"value": 45, "note": '乡镇"调委会"'})
    rec(DS, "2024", "mediators", "0.5", "", "a decimal value 0.5", DS, "mediators", {"value": 0.5})
    rec("萧县", "2024", "报送矛盾纠纷数", "18.00", "", "报送矛盾纠纷数 18.00 (an integer written 18.00)", XI,
        "declared_disputes", {"value": 18})
    rec("丰县", "2024", "常住人口", "１,０２３,４５６", "", "常住人口 of 丰县 in full-width digits", FE,
        "population", {"value": 1023456})
    write_csv(os.path.join(d, "e-indicators.csv"), rows)


def workbook_f(d):
    """Shared strings; a sheet named after another table; a title row merged
    over the columns; an instructions sheet; a hidden sheet with a table."""
    head = ["案件编号", "县区代码", "立案日期", "案件类别", "起数", "损失金额（元）", "嫌疑人数", "状态", "破案日期",
            "细类"]
    want = {"county": XI, "category": "05", "offenses": 1, "loss_yuan": 0, "suspects": 0, "status": "open",
            "date_solved": None, "subcategory": None}
    D = datetime.date
    rows = [["萧县2024年刑事案件统计表"], head]

    def rec(values, what, expect):
        rows.append(values)
        case("§2.1b workbook (shared strings, rich text with phonetic runs): " + what, "incidents", XI, values[0], dict(want, **expect))

    rec(["F-1", XI, D(2024, 5, 20), "05", 1, None, None, "open", None],
        "a date cell (serial under a built-in date format)", {"date_reported": "2024-05-20"})
    rec(["F-2", int(XI), "2024/5/21", 5, mkxlsx.Formula("1+1", 2), 1234.5, mkxlsx.Num(3, 2), "在侦", None],
        "county and category as numbers, a formula's cached value, text date",
        {"date_reported": "2024-05-21", "offenses": 2, "loss_yuan": 1234.5, "suspects": 3})
    rec(["F-3", XI, datetime.datetime(2024, 5, 22, 13, 30), "05", 1, "1,234.50", "3", "Solved", D(2024, 6, 1)],
        "a date-time cell, text cells holding numbers",
        {"date_reported": "2024-05-22", "loss_yuan": 1234.5, "suspects": 3, "status": "solved",
         "date_solved": "2024-06-01"})
    rec(["000123", "萧县", D(2024, 5, 23), "05", 2.0, mkxlsx.Formula("B2*2", 200.5), None, "open", None],
        "an identifier of digits kept as text (000123), 2.0 offenses",
        {"date_reported": "2024-05-23", "offenses": 2, "loss_yuan": 200.5})
    rec(["F-5", XI, mkxlsx.Num(45444, 1), "05", 1, 0, 0, "open", None, "盗窃羊只"],
        "serial 45444 under a date format is 2024-06-01; text without its phonetic run",
        {"date_reported": "2024-06-01", "subcategory": "盗窃羊只"})
    rec(["F-7", XI, D(2024, 5, 25), "05", 1, 0, 0, "open", None, mkxlsx.Formula('"偷"&"牛"', "偷牛")],
        "a formula's cached text", {"date_reported": "2024-05-25", "subcategory": "偷牛"})
    case("§2.1b workbook: a second sheet of the same table is read too", "incidents", XI, "F-6",
         dict(want, date_reported="2024-05-26"))
    hidden = [["case_id", "county", "date_reported", "category", "offenses", "status"],
              ["HID-1", YU, "2024-05-20", "05", 1, "open"]]
    book = mkxlsx.Book(rich=True)
    book.sheet("说明", [["本工作簿为萧县2024年刑事案件"], ["请勿修改表头"]])
    book.sheet("矛盾纠纷", rows, merges=("A1:J1",))
    book.sheet("Sheet3", [head[:8], ["F-6", XI, D(2024, 5, 26), "05", 1, None, None, "open"]])
    book.sheet("刑事案件", hidden, state="hidden")
    book.save(os.path.join(d, "xiao", "f-workbook.xlsx"))


def workbook_g(d):
    """Inline strings (as WPS and others write), the 1904 date system, a CJK
    date format; saved under a name that does not say xlsx."""
    D = datetime.date
    head = ["dispute_id", "county", "date_received", "type", "parties", "level", "outcome", "date_closed"]
    rows = [head,
            ["G-1", XY, D(2024, 3, 8), "land", None, "village", "resolved", D(2024, 3, 20)],
            ["G-2", XY, "2024年3月9日", "土地", 3, "乡镇", "在调", None],
            ["G-3", XY, mkxlsx.Num((D(2024, 12, 31) - D(1904, 1, 1)).days, 1), "Land", 4, "county", "上交",
             D(2025, 1, 2)]]
    want = {"county": XY, "type": "land", "counterpart": None, "joint_ref": None}
    case("§2.1b workbook (inline strings, 1904 system): a date cell", "disputes", XY, "G-1",
         dict(want, date_received="2024-03-08", date_closed="2024-03-20", parties=2, level="village",
              outcome="resolved"))
    case("§2.1b workbook (inline strings, 1904 system): text date and Chinese codes", "disputes", XY, "G-2",
         dict(want, date_received="2024-03-09", date_closed=None, parties=3, level="township", outcome="pending"))
    case("§2.1b workbook (1904 system): a serial under the CJK date format", "disputes", XY, "G-3",
         dict(want, date_received="2024-12-31", date_closed="2025-01-02", parties=4, level="county",
              outcome="escalated"), year=2024)
    book = mkxlsx.Book(inline=True, date1904=True, date_style="cjk", wps=True)
    book.sheet("Sheet1", rows)
    os.makedirs(os.path.join(d, "sub", "one", "two"), exist_ok=True)
    book.save(os.path.join(d, "sub", "one", "two", "xiayi-disputes.txt"))


def sqlite_h(d):
    """An SQLite file named .csv; §2.2 storage classes: INTEGER county and
    category, REAL offenses, TEXT numbers and dates, Chinese column names,
    a WITHOUT ROWID table, an unknown table."""
    path = os.path.join(d, "yucheng", "h-yucheng.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE incidents (case_id, county INTEGER, date_reported TEXT, category, offenses REAL,"
               " loss_yuan, recovered_yuan REAL, suspects INTEGER, arrested, status TEXT, date_solved TEXT,"
               " subcategory TEXT)")
    db.execute("INSERT INTO incidents VALUES ('H-1', 411425, '2024/5/20', 5, 3.0, '1,234.50', 100.25, 2, NULL,"
               " 'Solved', '2024年6月1日', '羊只')")
    db.execute("INSERT INTO incidents VALUES (123456, 411425, '20240521', '06', 1, 500, 0.5, NULL, 1, '在侦',"
               " NULL, NULL)")
    db.execute("INSERT INTO incidents VALUES ('H-3', '411425', 20240522, '07', 1, 1234.56, 0.1, 0, 0, 'open',"
               " NULL, '')")
    case("§2.2 SQLite: REAL money 1234.56 is the number it stands for; an INTEGER date 20240522", "incidents",
         YU, "H-3", {"date_reported": "2024-05-22", "category": "07", "loss_yuan": 1234.56,
                     "recovered_yuan": 0.1, "subcategory": None})
    case("§2.2 SQLite: INTEGER county and category, REAL 3.0 offenses, TEXT money and dates", "incidents", YU,
         "H-1", {"county": YU, "date_reported": "2024-05-20", "category": "05", "offenses": 3, "loss_yuan": 1234.5,
                 "recovered_yuan": 100.25, "suspects": 2, "arrested": 0, "status": "solved",
                 "date_solved": "2024-06-01", "subcategory": "羊只"})
    case("§2.2 SQLite: an INTEGER identifier is its digits, INTEGER money, NULL optional values", "incidents", YU,
         "123456", {"date_reported": "2024-05-21", "category": "06", "offenses": 1, "loss_yuan": 500,
                    "recovered_yuan": 0.5, "suspects": 0, "arrested": 1, "status": "open", "date_solved": None,
                    "subcategory": None})
    db.execute('CREATE TABLE disputes ("纠纷编号" TEXT, "县区代码" TEXT, "受理日期" TEXT, "纠纷类型" TEXT,'
               ' "调解层级" TEXT, "结果" TEXT)')
    db.execute("INSERT INTO disputes VALUES ('H-D1', '虞城县', '2024-02-02', '土地', '乡镇', '在调')")
    case("§2.2 SQLite: Chinese column names, optional columns absent", "disputes", YU, "H-D1",
         {"county": YU, "date_received": "2024-02-02", "type": "land", "level": "township", "outcome": "pending",
          "parties": 2, "counterpart": None, "date_closed": None, "joint_ref": None})
    db.execute("CREATE TABLE cooperation (activity_id TEXT PRIMARY KEY, county INTEGER, date TEXT, kind TEXT,"
               " partners TEXT, participants INTEGER) WITHOUT ROWID")
    db.execute("INSERT INTO cooperation VALUES ('H-C1', 411425, '2024-08-01', 'meeting', '411426;411481', 30)")
    db.execute("ALTER TABLE cooperation ADD COLUMN lead")
    db.execute("INSERT INTO cooperation VALUES ('H-C2', 411425, '2024-08-02', 'Meeting', 411426, 0, 411426)")
    case("§2.2 SQLite: INTEGER partners and lead are county codes", "cooperation", YU, "H-C2",
         {"county": YU, "date": "2024-08-02", "kind": "meeting", "partners": [XY], "lead": XY,
          "participants": 0})
    case("§2.2 SQLite: a WITHOUT ROWID table is ordinary", "cooperation", YU, "H-C1",
         {"county": YU, "date": "2024-08-01", "kind": "meeting", "partners": [XY, YO], "participants": 30,
          "outcome_count": 0})
    db.execute("CREATE TABLE indicators (county INTEGER, year INTEGER, indicator TEXT, value REAL, note TEXT)")
    db.execute("INSERT INTO indicators VALUES (411425, 2024, 'population', 650000.0, NULL)")
    db.execute("INSERT INTO indicators VALUES (411425, 2024.0, 'mediators', 120, '')")
    case("§2.2 SQLite: INTEGER year, REAL value", "indicators", YU, "population", {"value": 650000})
    case("§2.2 SQLite: REAL 2024.0 year, INTEGER value, '' note is no note", "indicators", YU, "mediators",
         {"value": 120, "note": None})
    db.execute("CREATE TABLE notes (x)")
    db.execute("INSERT INTO notes VALUES ('not a table of the standard')")
    db.commit()
    db.close()


def skipped_files(d):
    """§2.2a: files that must not be read, each holding a valid record of
    2022 (so that reading one would show in the warehouse)."""
    body = "case_id,county,date_reported,category,offenses,status\n%s,411481,2022-05-01,05,1,open\n"
    for name in (".hidden.csv", "~$lock.csv", "Thumbs.db", "desktop.ini", "xiao/~$f-workbook.xlsx"):
        with open(os.path.join(d, name), "w") as f:
            f.write(body % ("SKIP-" + os.path.basename(name)))


# ---------------------------------------------------------------- refused
# (file, table, rules allowed, line of the error in the file or None, what)
REFUSED = []
MESSAGES = []  # (file, text its error message quotes, what)

INC_HEAD = ["case_id", "county", "date_reported", "category", "offenses", "loss_yuan", "suspects", "status",
            "subcategory"]


def inc_row(ident, county=FE, **kw):
    r = {"case_id": ident, "county": county, "date_reported": "2023-06-01", "category": "05", "offenses": "1",
         "loss_yuan": "10", "suspects": "1", "status": "open", "subcategory": ""}
    r.update(kw)
    return [r[k] for k in INC_HEAD]


def refused_csv(d, name, bad, rules, what, head=None, line=3, encoding="utf-8"):
    """Good record, the bad one (line 3), good record; all of 丰县 2023."""
    rows = [head or INC_HEAD, inc_row("R-%s-1" % name), bad, inc_row("R-%s-3" % name)]
    write_csv(os.path.join(d, name + ".csv"), rows, encoding=encoding)
    REFUSED.append((name + ".csv", rules, line, what))


def refused(d):
    b = lambda n, **kw: inc_row("R-%s-2" % n, **kw)  # noqa: E731
    cases = [
        ("dec3", {"loss_yuan": "2300.125"}, ["value.decimals"], "money with three significant decimals (2300.125)"),
        ("sci", {"loss_yuan": "1.23E+11"}, ["value.scientific"], "money in scientific notation (1.23E+11)"),
        ("serial", {"date_reported": "45432"}, ["value.date_serial"], "a date as an Excel serial (45432)"),
        ("y1999", {"date_reported": "1999-12-31"}, ["value.year_range"], "a date of 1999"),
        ("y2101", {"date_reported": "2101-01-01"}, ["value.year_range"], "a date of 2101"),
        ("feb29", {"date_reported": "2023-02-29"}, ["value.date_invalid"], "29 February of a common year"),
        ("apr31", {"date_reported": "2023年4月31日"}, ["value.date_invalid"], "2023年4月31日"),
        ("month13", {"date_reported": "2023-13-01"}, ["value.date_invalid", "value.date"], "month 13"),
        ("usdate", {"date_reported": "06/01/2023"}, ["value.date"], "a date as MM/DD/YYYY"),
        ("yymmdd", {"date_reported": "230601"}, ["value.date", "value.date_serial"], "a six-digit date (230601)"),
        ("offsci", {"offenses": "1E+3"}, ["value.scientific"], "an integer in scientific notation (1E+3)"),
        ("int250", {"offenses": "2.50"}, ["value.integer"], "an integer column holding 2.50"),
        ("e15", {"suspects": "1,000,000,000,000,000"}, ["value.range", "value.integer"],
         "an integer of 10^15 (the limit is below 10^15)"),
        ("neg", {"loss_yuan": "-5"}, ["value.range"], "negative money (-5)"),
        ("wan", {"loss_yuan": "5万"}, ["value.number"], "money written with 万 (5万)"),
        ("zero_off", {"offenses": "0"}, ["value.range"], "offenses 0 (must be at least 1)"),
        ("enum_zh", {"status": "已破案"}, ["value.enum"], "a Chinese status that is not exact (已破案)"),
        ("enum_en", {"status": "Solve"}, ["value.enum"], "an English status misspelt (Solve)"),
        ("cat12", {"category": "12"}, ["value.enum"], "ICCS section 12"),
        ("cat0", {"category": "0"}, ["value.enum"], "ICCS section 0"),
        ("cty_short", {"county": "丰"}, ["value.county"], "a county by a shortened Chinese name (丰)"),
        ("cty_code", {"county": "320300"}, ["value.county"], "a county code not in the zone (320300)"),
        ("id65", {"case_id": "R-" + "x" * 63}, ["value.id_length"], "a 65-character identifier"),
        ("idsci", {"case_id": "1.23457E+17"}, ["value.id_scientific"], "an identifier as 1.23457E+17"),
        ("txt2001", {"subcategory": "盗" * 2001}, ["value.text_length"], "2001 characters of text"),
        ("txt2001s", {"subcategory": "\U00020000" * 2001}, ["value.text_length"],
         "2001 characters beyond the BMP"),
        ("id65zh", {"case_id": "案" * 65}, ["value.id_length"], "a 65-character identifier of Chinese characters"),
        ("mobile", {"subcategory": "联系 138 1234 5678"}, ["privacy.mobile"], "a mobile number written 3-4-4"),
    ]
    for name, kw, rules, what in cases:
        refused_csv(d, name, b(name, **kw), rules, what)
    # identifiers: trimmed, then compared exactly: "R-dup-1 " repeats R-dup-1
    refused_csv(d, "dup", inc_row("R-dup-1 "), ["unique.id"], "an identifier repeated once trimmed")
    # an unquoted comma in a list moves the later columns
    head = ["case_id", "county", "date_reported", "category", "offenses", "status", "cross_ref",
            "counties_involved", "subcategory"]
    good = lambda i: [i, FE, "2023-06-01", "05", "1", "open", "", "", ""]  # noqa: E731
    rows = [head, good("R-comma-1"), "R-comma-2,320321,2023-06-01,05,1,open,KX,371722,341321,", good("R-comma-3")]
    write_csv(os.path.join(d, "comma.csv"), rows)
    REFUSED.append(("comma.csv", ["row.extra_fields"], 3, "a list with an unquoted comma"))
    # totals rows, whatever the spaces, case and colon
    for name, first in (("tot_zh", "合　计"), ("tot_en", "TOTAL:"), ("tot_gj", "共计：")):
        rows = [INC_HEAD, inc_row("R-%s-1" % name), [first, "", "", "", "2", "20", "", "", ""]]
        write_csv(os.path.join(d, name + ".csv"), rows)
        REFUSED.append((name + ".csv", ["row.totals"], 3, "a totals row starting %s" % first))
    rows = [["序号"] + INC_HEAD, ["1"] + inc_row("R-tot2-1"), ["", "合计", "", "", "", "2", "20", "", "", ""]]
    write_csv(os.path.join(d, "tot_2nd.csv"), rows)
    REFUSED.append(("tot_2nd.csv", ["row.totals"], 3, "a totals row whose first non-empty field is 合计"))
    rows = [["county", "year", "indicator", "value"], [FE, "2023", "declared_cooperation", "2"],
            [FE, "2023", "declared_incidents", "2.5"]]
    write_csv(os.path.join(d, "declared.csv"), rows)
    REFUSED.append(("declared.csv", ["value.integer"], 3, "a declared record count of 2.5 (counts are integers)"))
    # GBK: the message, in the UTF-8 problems file, quotes the value intact
    rows = [INC_HEAD, inc_row("R-gbk-1"), inc_row("R-gbk-2", status="已破案")]
    write_csv(os.path.join(d, "enum_gbk.csv"), rows, encoding="cp936")
    REFUSED.append(("enum_gbk.csv", ["value.enum"], 3, "a GBK file's inexact Chinese status (已破案)"))
    MESSAGES.append(("enum_gbk.csv", "已破案", "§2.1: a GBK file's value is quoted in UTF-8 in the problems file"))
    # a unit in 万
    h = list(INC_HEAD)
    h[5] = "损失金额（万元）"
    refused_csv(d, "unitwan", b("unitwan"), ["header.unit_wan"], "a header unit in 万 (损失金额（万元）)", head=h, line=1)
    h = list(INC_HEAD)
    h[5] = "损失金额/万元"
    refused_csv(d, "unitwan2", b("unitwan2"), ["header.unit_wan"], "a header unit in 万 after / (损失金额/万元)",
                head=h, line=1)
    # six title rows: one more than the standard skips
    rows = [["标题"]] * 6 + [INC_HEAD, inc_row("R-six-1")]
    write_csv(os.path.join(d, "six.csv"), rows)
    REFUSED.append(("six.csv", ["header.missing"], None, "six title rows above the header"))
    # disputes: parties at least 2; indicators: 万 in a unit
    rows = [["dispute_id", "county", "date_received", "type", "parties", "level", "outcome"],
            ["R-p-1", FE, "2023-03-01", "land", "2", "village", "pending"],
            ["R-p-2", FE, "2023-03-01", "land", "1", "village", "pending"]]
    write_csv(os.path.join(d, "parties1.csv"), rows)
    REFUSED.append(("parties1.csv", ["value.range"], 3, "a dispute with 1 party (at least 2)"))
    rows = [["county", "year", "indicator", "数值【万人】"], [FE, "2023", "population", "102"]]
    write_csv(os.path.join(d, "indwan.csv"), rows)
    REFUSED.append(("indwan.csv", ["header.unit_wan"], 1, "an indicators header 数值【万人】"))
    # encodings: UTF-16 (Excel's Unicode text), bytes neither UTF-8 nor GB18030
    text = "case_id\tcounty\tdate_reported\tcategory\toffenses\tstatus\r\nR-u16,320321,2023-06-01,05,1,open\r\n"
    with open(os.path.join(d, "utf16.txt"), "wb") as f:
        f.write(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    REFUSED.append(("utf16.txt", ["file.utf16"], None, "UTF-16 text (Excel's Unicode text)"))
    with open(os.path.join(d, "badenc.csv"), "wb") as f:
        f.write(b"case_id,county,date_reported,category,offenses,status,subcategory\n"
                b"R-enc-1,320321,2023-06-01,05,1,open,\xff\xfe\xff\n")
    REFUSED.append(("badenc.csv", ["file.encoding"], None, "bytes that are neither UTF-8 nor GB18030"))
    # workbooks
    D = datetime.date
    hd = ["case_id", "county", "date_reported", "category", "offenses", "loss_yuan", "status"]
    for name, bad, rules, what in (
            ("x_numid", [123456789012, FE, D(2023, 6, 1), "05", 1, 0, "open"], ["xlsx.numeric_id"],
             "a number in the identifier column"),
            ("x_na", ["R-x-2", FE, D(2023, 6, 1), "05", 1, mkxlsx.Error("#N/A"), "open"], ["xlsx.error_value"],
             "#N/A in a money cell"),
            ("x_nocache", ["R-x-2", FE, D(2023, 6, 1), "05", mkxlsx.Formula("1+1"), 0, "open"],
             ["xlsx.formula_no_value"], "a formula with no cached value"),
            ("x_serialnum", ["R-x-2", FE, 45432, "05", 1, 0, "open"], ["value.date_serial"],
             "a date serial in a cell formatted as General"),
            ("x_dec3", ["R-x-2", FE, D(2023, 6, 1), "05", 1, 0.125, "open"], ["value.decimals"],
             "a number cell 0.125 in a money column"),
            ("x_merged", ["R-x-2", None, D(2023, 6, 1), "05", 1, 0, "open"], ["value.required"],
             "a county merged over two rows (the value is in the top-left cell only)")):
        book = mkxlsx.Book()
        book.sheet("Sheet1", [hd, ["R-x-1", FE, D(2023, 6, 1), "05", 1, 0, "open"], bad],
                   merges=("B2:B3",) if name == "x_merged" else ())
        book.save(os.path.join(d, name + ".xlsx"))
        REFUSED.append((name + ".xlsx", rules, None, "workbook: " + what))
    # SQLite storage classes the standard refuses
    for name, ddl, vals, rules, what in (
            ("s_realcode", "case_id, county, date_reported, category, offenses, status",
             ("R-s-2", 320321.0, "2023-06-01", "05", 1, "open"), ["value.type"], "a REAL county code"),
            ("s_realint", "case_id, county, date_reported, category, offenses, status",
             ("R-s-2", "320321", "2023-06-01", "05", 2.5, "open"), ["value.integer", "value.type"],
             "a REAL 2.5 in an integer column"),
            ("s_realid", "case_id, county, date_reported, category, offenses, status",
             (2.5, "320321", "2023-06-01", "05", 1, "open"), ["value.type"], "a REAL identifier")):
        path = os.path.join(d, name + ".db")
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE incidents (%s)" % ddl)
        db.execute("INSERT INTO incidents VALUES ('R-s-1', '320321', '2023-06-01', '05', 1, 'open')")
        db.execute("INSERT INTO incidents VALUES (?,?,?,?,?,?)", vals)
        db.commit()
        db.close()
        REFUSED.append((name + ".db", rules, None, "SQLite: " + what))
    path = os.path.join(d, "s_view.db")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (case_id, county, date_reported, category, offenses, status)")
    db.execute("INSERT INTO t VALUES ('R-v-1', '320321', '2023-06-01', '05', 1, 'open')")
    db.execute("CREATE VIEW incidents AS SELECT * FROM t")
    db.commit()
    db.close()
    REFUSED.append(("s_view.db", ["sqlite.not_table"], None, "SQLite: incidents is a view"))


# ---------------------------------------------------------------- probes
# Where the standard leaves room: each probe is one file of one record of
# Xiayi 2022 (its own slice); the check prints what forumstat did.
PROBES = []


def probes(d):
    def one(name, what, fields, col):
        row = inc_row("P-" + name, county=XY, date_reported="2022-03-01")
        for k, v in fields.items():
            row[INC_HEAD.index(k)] = v
        write_csv(os.path.join(d, name + ".csv"), [INC_HEAD, row])
        PROBES.append((name + ".csv", "P-" + name, col, what))

    one("fwdate", "a date in full-width digits (２０２２-３-１)", {"date_reported": "２０２２-３-１"}, "date_reported")
    one("fwdot", "money with a full-width decimal point (１２．５)", {"loss_yuan": "１２．５"}, "loss_yuan")
    one("fwcomma", "money with a full-width comma (1，234)", {"loss_yuan": "1，234"}, "loss_yuan")
    one("plus", "money with a plus sign (+12)", {"loss_yuan": "+12"}, "loss_yuan")
    one("spacesep", "money with a space as thousands separator (1 234)", {"loss_yuan": "1 234"}, "loss_yuan")
    one("badsep", "a thousands separator in the wrong place (12,34)", {"loss_yuan": "12,34"}, "loss_yuan")
    one("yuansign", "money with a currency sign (¥12)", {"loss_yuan": "¥12"}, "loss_yuan")
    one("negzero", "negative zero money (-0)", {"loss_yuan": "-0"}, "loss_yuan")
    one("dashdate", "a date with a time of day and seconds fraction (2022-03-01 08:00:00.000)",
        {"date_reported": "2022-03-01 08:00:00.000"}, "date_reported")
    one("iso2", "a date YYYY-MM-DDTHH:MM:SSZ", {"date_reported": "2022-03-01T08:00:00Z"}, "date_reported")
    one("yueri", "a date 2022年3月1号", {"date_reported": "2022年3月1号"}, "date_reported")
    one("slashzero", "a date with an Excel time 2022/3/1 0:00:00", {"date_reported": "2022/3/1 0:00:00"},
        "date_reported")
    one("catsp", "ICCS section written 05.0", {"category": "05.0"}, "category")
    one("mixdate", "a date mixing separators (2022-3/1)", {"date_reported": "2022-3/1"}, "date_reported")
    one("ymdtime", "YYYYMMDD with a time (20220301 10:00)", {"date_reported": "20220301 10:00"}, "date_reported")
    one("hour25", "a date with an impossible time (2022-03-01 25:00)", {"date_reported": "2022-03-01 25:00"},
        "date_reported")
    one("cat005", "ICCS section 005", {"category": "005"}, "category")
    one("nltext", "text with line breaks around it (quoted)", {"subcategory": "\n盗窃\n"}, "subcategory")
    one("dangshan", "county by the English name without County (Xiayi)", {"county": "Xiayi"}, "county")
    one("bigmoney", "money 9,999,999,999,999.99 (15 digits)", {"loss_yuan": "9,999,999,999,999.99"}, "loss_yuan")
    one("bigmoney2", "money 999,999,999,999,999 (15 digits, no decimals)", {"loss_yuan": "999,999,999,999,999"},
        "loss_yuan")

    def raw(name, what, head, row, col):
        write_csv(os.path.join(d, name + ".csv"), [head, row])
        PROBES.append((name + ".csv", row[0], col, what))

    h = ["case_id", "county", "date_reported", "category", "offenses", "status", "cross_ref", "counties_involved"]
    raw("emptyitem", "a county list with an empty item (371722;;320321)", h,
        ["P-emptyitem", XY, "2022-03-01", "05", "1", "open", "KP", "371722;;320321"], "counties_involved")
    raw("trailsep", "a county list ending with a separator (371722、)", h,
        ["P-trailsep", XY, "2022-03-01", "05", "1", "open", "KP", "371722、"], "counties_involved")
    raw("mixsep", "a county list mixing separators (371722;丰县、萧县)", h,
        ["P-mixsep", XY, "2022-03-01", "05", "1", "open", "KP", "371722;丰县、萧县"], "counties_involved")
    raw("fwhead", "header names padded with full-width spaces (　case_id　)",
        ["\u3000case_id\u3000", "county", "date_reported", "category", "offenses", "\u3000状态"],
        ["P-fwhead", XY, "2022-03-01", "05", "1", "open"], "status")
    raw("unitsp", "a unit after a space and full-width brackets (loss_yuan （元）)",
        ["case_id", "county", "date_reported", "category", "offenses", "status", "loss_yuan （元）"],
        ["P-unitsp", XY, "2022-03-01", "05", "1", "open", "7"], "loss_yuan")
    for name, ddl, what in (("s_upper", "INCIDENTS (Case_ID, COUNTY, Date_Reported, category, offenses, status)",
                             "an SQLite table INCIDENTS with columns in mixed case"),
                            ("s_unit", 'incidents (case_id, county, date_reported, category, offenses, status,'
                             ' "损失金额（元）")', "an SQLite column named 损失金额（元）")):
        path = os.path.join(d, name + ".db")
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE " + ddl)
        if name == "s_unit":
            db.execute("INSERT INTO incidents VALUES (?, '411426', '2022-03-01', '05', 1, 'open', 8)", ("P-" + name,))
        else:
            db.execute("INSERT INTO incidents VALUES (?, '411426', '2022-03-01', '05', 1, 'open')", ("P-" + name,))
        db.commit()
        db.close()
        PROBES.append((name + ".db", "P-" + name, "loss_yuan" if name == "s_unit" else "county", what))
    path = os.path.join(d, "s_blob.db")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE incidents (case_id, county, date_reported, category, offenses, status, subcategory)")
    db.execute("INSERT INTO incidents VALUES ('P-s_blob', '411426', '2022-03-01', '05', 1, 'open', ?)",
               (b"\xe7\x89\x9b",))
    db.commit()
    db.close()
    PROBES.append(("s_blob.db", "P-s_blob", "subcategory", "an SQLite BLOB (UTF-8 bytes of 牛) in a text column"))
    # SQLite storage classes the standard does not name for dates
    for name, v, what in (("s_intdate", 20220301, "an INTEGER date 20220301"),
                          ("s_realdate", 44621.0, "a REAL date 44621.0 (a serial)"),
                          ("s_textnum", " 1,234.50 ", "TEXT money ' 1,234.50 '"),
                          ("s_realsum", 0.1 + 0.2, "REAL money 0.30000000000000004 (0.1 + 0.2)")):
        path = os.path.join(d, name + ".db")
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE incidents (case_id, county, date_reported, category, offenses, status,"
                   " loss_yuan)")
        if name in ("s_textnum", "s_realsum"):
            db.execute("INSERT INTO incidents VALUES (?, '411426', '2022-03-01', '05', 1, 'open', ?)",
                       ("P-" + name, v))
        else:
            db.execute("INSERT INTO incidents VALUES (?, '411426', ?, '05', 1, 'open', 0)", ("P-" + name, v))
        db.commit()
        db.close()
        PROBES.append((name + ".db", "P-" + name, "loss_yuan" if name in ("s_textnum", "s_realsum") else
                       "date_reported", what))
    # workbook surprises
    for name, cell, col, what in (
            ("x_float", 0.30000000000000004, "loss_yuan", "an Excel sum cell 0.30000000000000004 (shows 0.3)"),
            ("x_bool", True, "loss_yuan", "a boolean TRUE in a money cell"),
            ("x_datenum", mkxlsx.Num(12.5, 1), "loss_yuan", "money 12.5 in a cell with a date format"),
            ("x_na_unknown", 0, "loss_yuan", "#N/A in a column that is not the standard's")):
        book = mkxlsx.Book()
        book.sheet("Sheet1", [["case_id", "county", "date_reported", "category", "offenses", "loss_yuan",
                               "status", "序号"], ["P-" + name, XY, datetime.date(2022, 3, 1), "05", 1, cell, "open",
                                                 mkxlsx.Error("#N/A") if name == "x_na_unknown" else 1]])
        book.save(os.path.join(d, name + ".xlsx"))
        PROBES.append((name + ".xlsx", "P-" + name, col, what))


# ---------------------------------------------------------------- check

def build(out):
    acc, ref, prb = (os.path.join(out, x) for x in ("acc", "ref", "probe"))
    for x in (acc, ref, prb):
        os.makedirs(x, exist_ok=True)
    incidents_a(acc)
    disputes_b(acc)
    incidents_k(acc)
    aliases_m(acc)
    cooperation_c(acc)
    incidents_d(acc)
    indicators_e(acc)
    workbook_f(acc)
    workbook_g(acc)
    sqlite_h(acc)
    skipped_files(acc)
    # §2.2a: the same file (same SHA-256) twice in one run is read once
    shutil.copy(os.path.join(acc, "a-incidents.csv"), os.path.join(acc, "sub", "a-copy.csv"))
    refused(ref)
    probes(prb)
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump({"accepted": CASES, "refused": REFUSED, "probes": PROBES, "messages": MESSAGES}, f, ensure_ascii=False)


def same(col, want, got):
    if isinstance(want, tuple):  # any of these
        return any(same(col, w, got) for w in want)
    if want is None or got is None:
        return want == got
    if col in LISTS:
        return sorted(want) == sorted(str(got).split(";"))
    if col in MONEY:
        try:
            return round(float(got) * 100) == round(want * 100)
        except (TypeError, ValueError):
            return False
    if isinstance(want, int):
        return isinstance(got, int) and got == want
    return got == want


def read_errs(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def check(out, dbpath, acc_errs, ref_errs, ref_out):
    with open(os.path.join(out, "cases.json")) as f:
        cases = json.load(f)
    db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
    for c in cases["accepted"]:
        t = c["table"]
        rows = db.execute("SELECT * FROM current_%s WHERE county = ? AND %s = ?" % (t, ID[t]),
                          (c["county"], c["id"])).fetchall()
        names = [x[0] for x in db.execute("SELECT * FROM current_%s LIMIT 0" % t).description]
        what = "%s [%s %s]" % (c["what"], t, c["id"])
        if len(rows) != 1:
            print("FAIL\t%s\t%d current records (wanted 1)" % (what, len(rows)))
            continue
        got = dict(zip(names, rows[0]))
        bad = []
        if got.get("year") != c["year"]:
            bad.append("year %r, wanted %r" % (got.get("year"), c["year"]))
        for col, want in c["expect"].items():
            if isinstance(want, list) and col not in LISTS:
                want = tuple(want)
            if not same(col, want, got.get(col)):
                bad.append("%s %r, wanted %r" % (col, got.get(col), want))
        print(("FAIL\t%s\t%s" % (what, "; ".join(bad))) if bad else ("PASS\t" + what))
    # nothing of the files that must be skipped
    n = db.execute("SELECT count(*) FROM current_incidents WHERE year = 2022").fetchone()[0]
    print(("PASS\t" if n == 0 else "FAIL\t") + "§2.2a: hidden, ~$ lock, Thumbs.db, desktop.ini files not read"
          + ("" if n == 0 else "\t%d records of 2022" % n))
    n = db.execute("SELECT count(*) FROM incidents WHERE case_id = 'HID-1'").fetchone()[0]
    print(("PASS\t" if n == 0 else "FAIL\t") + "§2.1b: the hidden sheet's table is not read"
          + ("" if n == 0 else "\t%d records of it" % n))
    # the warnings the standard promises for what is skipped or ignored
    errs = read_errs(acc_errs)
    for fname, rule, what in (
            ("a-incidents.csv", "header.unknown", "an unknown column (序号) is ignored with a warning"),
            ("a-incidents.csv", "row.blank", "rows of empty fields are skipped with a warning"),
            ("b-disputes.csv", "header.preamble", "title and blank rows above the header: a warning"),
            ("b-disputes.csv", "row.signature", "signature lines below the records: a warning"),
            ("f-workbook.xlsx", "xlsx.sheet_ignored", "a hidden sheet holding a table: a warning"),
            ("h-yucheng.csv", "sqlite.unknown_table", "an unknown SQLite table: a warning"),
            ("l-empty.csv", "file.no_records", "a file holding only a header: zero records, a warning")):
        hit = [e for e in errs if os.path.basename(e["file"]) == fname and e["rule"] == rule]
        sev = {e["severity"] for e in hit}
        okay = hit and sev == {"warning"}
        print(("PASS\t" if okay else "FAIL\t") + "%s (%s, %s)" % (what, fname, rule)
              + ("" if okay else "\tseverities %s" % sorted(sev)))
    errors = [e for e in errs if e["severity"] == "error"]
    print(("PASS\t" if not errors else "FAIL\t") + "no error in the accepted files"
          + ("" if not errors else "\t" + " | ".join("%s:%s %s" % (e["file"], e["line"], e["rule"])
                                                       for e in errors[:5])))
    # refused files: the rule, at its line, and the file refused
    errs = read_errs(ref_errs)
    with open(ref_out, encoding="utf-8", errors="replace") as f:
        log = f.read().splitlines()
    for fname, rules, line, what in cases["refused"]:
        mine = [e for e in errs if os.path.basename(e["file"]) == fname and e["severity"] == "error"
                and e["rule"] != "import.refused"]
        got = ["%s@%s" % (e["rule"], e["line"]) for e in mine]
        hit = [e for e in mine if e["rule"] in rules and (line is None or e["line"] == str(line))]
        refused_line = any(x.endswith(fname + ": refused") or (fname + ": refused") in x for x in log)
        desc = "refused: %s (%s%s)" % (what, "/".join(rules), "" if line is None else " at line %d" % line)
        if hit and refused_line:
            print("PASS\t" + desc)
        else:
            print("FAIL\t%s\terrors %s; %s" % (desc, got or "none",
                                               "refused" if refused_line else "no 'refused' line"))


    for fname, text, what in cases["messages"]:
        hit = [e for e in errs if os.path.basename(e["file"]) == fname and text in e["message"]]
        print(("PASS\t" if hit else "FAIL\t") + what + ("" if hit else "\tno message quotes %s" % text))


def probe(out, dbpath, errs_path):
    with open(os.path.join(out, "cases.json")) as f:
        cases = json.load(f)
    db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
    errs = read_errs(errs_path)
    for fname, ident, col, what in cases["probes"]:
        row = db.execute("SELECT %s FROM current_incidents WHERE case_id = ?" % col, (ident,)).fetchone()
        if row:
            print("%s: accepted, %s = %r" % (what, col, row[0]))
        else:
            rules = sorted({e["rule"] for e in errs if os.path.basename(e["file"]) == fname
                            and e["severity"] == "error" and e["rule"] != "import.refused"})
            print("%s: refused %s" % (what, ",".join(rules)))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        build(sys.argv[2])
    elif len(sys.argv) == 7 and sys.argv[1] == "check":
        check(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "probe":
        probe(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
