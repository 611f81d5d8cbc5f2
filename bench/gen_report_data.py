#!/usr/bin/python3
"""gen_report_data.py — synthetic county files for the report benchmark.

Writes, for each of the 7 member counties of templates/zone.conf and each
year, one CSV file per table (UTF-8, English headers) into OUTDIR/YEAR/:
INCIDENTS incidents, DISPUTES disputes and COOP cooperation records per
county-year, plus the eight indicators.  bench/bench-report.sh imports them
with `forumstat import`, so the benchmark warehouse is built by the real
pipeline and matches the real schema exactly.

Shares are meant to look like the real thing: about 2 % of incident rows
belong to cross-regional cases (one row per county involved, 2-3 counties,
a common cross_ref), 4 % name assisting counties, 3 % of disputes name a
counterpart and about 1 % are joint mediations (joint_ref reported by each
side), and about 40 % of cooperation rows are joint activities reported by
every participating county under one joint_ref.  A handful of deliberate
inconsistencies (a missing county's record, a category disagreement, dates
of a joint activity 5 days apart) give reconciliation something to find.

Deterministic: random.Random with a fixed seed per (county, year, table),
no timestamps; the same arguments give byte-identical files.

Usage: gen_report_data.py OUTDIR [--years 2023,2024,2025]
                          [--incidents N] [--disputes N] [--coop N]
Uses only Debian's Python 3 standard library.
"""
import argparse
import datetime
import os
import random

COUNTIES = ["320321", "341321", "341322", "371722", "411425", "411426", "411481"]
CATEGORIES = ["%02d" % i for i in range(1, 12)]
CAT_WEIGHTS = [1, 12, 2, 5, 40, 6, 18, 8, 4, 2, 2]
DTYPES = ["family", "neighborhood", "land", "labor", "contract", "traffic",
          "property", "environment", "other"]
LEVELS = ["village", "township", "county", "judicial"]
OUTCOMES = ["resolved", "resolved", "resolved", "resolved", "resolved", "resolved",
            "pending", "escalated", "litigation"]
KINDS = ["joint_patrol", "info_exchange", "clue_verification", "fugitive_pursuit",
         "remote_evidence", "joint_mediation", "joint_training", "meeting",
         "emergency_linkage"]
INDICATORS = ["population", "grid_members", "grid_cells", "video_devices_added",
              "joint_police_stations", "risk_alerts", "mediation_orgs", "mediators"]


def day(year, rng):
    start = datetime.date(year, 1, 1).toordinal()
    end = datetime.date(year, 12, 31).toordinal()
    return start + rng.randrange(end - start + 1)


def iso(ordinal):
    return datetime.date.fromordinal(ordinal).isoformat()


def shared_incidents(year, per_county):
    """Cross-regional cases of the year: {county: [(ref, category, others)]}."""
    rng = random.Random("cross-%d" % year)
    out = {c: [] for c in COUNTIES}
    ncases = per_county * len(COUNTIES) // 50 // 2  # ~2 % of rows, ~2.3 rows per case
    for k in range(ncases):
        ref = "KQ-%d-%05d" % (year, k + 1)
        members = sorted(rng.sample(COUNTIES, 3 if rng.random() < 0.3 else 2))
        cat = rng.choices(CATEGORIES, CAT_WEIGHTS)[0]
        for i, c in enumerate(members):
            others = [m for m in members if m != c]
            mycat = cat
            if k % 997 == 5 and i == 1:
                mycat = "07" if cat != "07" else "05"  # category disagreement
            if k % 991 == 7 and i == len(members) - 1:
                continue  # this county forgot its record: unconfirmed
            out[c].append((ref, mycat, others))
    return out


def shared_disputes(year, per_county):
    rng = random.Random("joint-disputes-%d" % year)
    out = {c: [] for c in COUNTIES}
    for k in range(per_county * len(COUNTIES) // 100 // 2):
        ref = "LT-%d-%05d" % (year, k + 1)
        members = sorted(rng.sample(COUNTIES, 2))
        for c in members:
            out[c].append((ref, [m for m in members if m != c]))
    return out


def shared_activities(year, per_county):
    rng = random.Random("joint-coop-%d" % year)
    out = {c: [] for c in COUNTIES}
    nact = per_county * len(COUNTIES) * 4 // 10 * 10 // 25  # 40 % of rows, 2.5 rows each
    for k in range(nact):
        ref = "LH-%d-%05d" % (year, k + 1)
        members = sorted(rng.sample(COUNTIES, 3 if rng.random() < 0.5 else 2))
        lead = rng.choice(members)
        kind = rng.choice(KINDS)
        d0 = day(year, rng)
        outcome = rng.randrange(0, 20)
        for c in members:
            d = d0 + rng.randrange(0, 2)
            if k % 499 == 3 and c == members[-1]:
                d = d0 + 5  # dates too far apart
            if datetime.date.fromordinal(d).year != year:
                d = d0
            out[c].append((ref, kind, lead, [m for m in members if m != c], d, outcome))
    return out


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        f.write("\n".join(rows))
        f.write("\n")


def gen_year(outdir, year, n_inc, n_dis, n_coop):
    ydir = os.path.join(outdir, str(year))
    os.makedirs(ydir, exist_ok=True)
    cross = shared_incidents(year, n_inc)
    jdis = shared_disputes(year, n_dis)
    jact = shared_activities(year, n_coop)
    for ci, c in enumerate(COUNTIES):
        rng = random.Random("inc-%s-%d" % (c, year))
        others = [m for m in COUNTIES if m != c]
        rows = []
        shared = cross[c]
        for i in range(n_inc):
            d = day(year, rng)
            cross_ref = involved = ""
            if i < len(shared):
                cross_ref, cat, inv = shared[i]
                involved = ";".join(inv)
            else:
                cat = rng.choices(CATEGORIES, CAT_WEIGHTS)[0]
            offenses = 1 if rng.random() < 0.8 else rng.randrange(2, 6)
            loss = rng.randrange(0, 2000000)
            rec = rng.randrange(0, loss + 1) if rng.random() < 0.4 else 0
            suspects = rng.randrange(0, 4)
            arrested = rng.randrange(0, suspects + 1)
            r = rng.random()
            status = "open" if r < 0.28 else "solved" if r < 0.8 else "closed"
            solved = "" if status == "open" else iso(min(d + rng.randrange(0, 60),
                                                         datetime.date(year, 12, 31).toordinal()))
            assisted = ";".join(sorted(rng.sample(others, 1))) if rng.random() < 0.04 else ""
            rows.append("%s-%d-%07d,%s,%s,%s,,%d,%d.%02d,%d.%02d,%d,%d,%s,%s,%s,%s,%s" % (
                c, year, i + 1, c, iso(d), cat, offenses, loss // 100, loss % 100,
                rec // 100, rec % 100, suspects, arrested, status, solved, cross_ref,
                involved, assisted))
        write(os.path.join(ydir, "%s-incidents.csv" % c),
              "case_id,county,date_reported,category,subcategory,offenses,loss_yuan,"
              "recovered_yuan,suspects,arrested,status,date_solved,cross_ref,"
              "counties_involved,assisted_by", rows)

        rng = random.Random("dis-%s-%d" % (c, year))
        rows = []
        shared = jdis[c]
        for i in range(n_dis):
            d = day(year, rng)
            counterpart = joint = ""
            level = rng.choice(LEVELS)
            if i < len(shared):
                joint, cp = shared[i]
                counterpart = ";".join(cp)
                level = "joint"
            elif rng.random() < 0.03:
                counterpart = rng.choice(others)
            outcome = rng.choice(OUTCOMES)
            closed = "" if outcome == "pending" else iso(d + rng.randrange(0, 90))
            rows.append("%s-J-%d-%07d,%s,%s,%s,%s,%d,%s,%s,%s,%s" % (
                c, year, i + 1, c, iso(d), rng.choice(DTYPES), counterpart,
                2 + (rng.random() < 0.1), level, outcome, closed, joint))
        write(os.path.join(ydir, "%s-disputes.csv" % c),
              "dispute_id,county,date_received,type,counterpart,parties,level,outcome,"
              "date_closed,joint_ref", rows)

        rng = random.Random("coop-%s-%d" % (c, year))
        rows = []
        shared = jact[c]
        for i in range(n_coop):
            if i < len(shared):
                joint, kind, lead, partners, d, outcome = shared[i]
                lead = "" if lead == c else lead
            else:
                joint = ""
                kind = rng.choice(KINDS)
                partners = sorted(rng.sample(others, rng.randrange(1, 3)))
                lead = ""
                d = day(year, rng)
                outcome = rng.randrange(0, 10)
            rows.append("%s-H-%d-%05d,%s,%s,%s,%s,%s,%d,%d,%s" % (
                c, year, i + 1, c, iso(d), kind, ";".join(partners), lead,
                rng.randrange(2, 60), outcome, joint))
        write(os.path.join(ydir, "%s-cooperation.csv" % c),
              "activity_id,county,date,kind,partners,lead,participants,outcome_count,joint_ref",
              rows)

        rng = random.Random("ind-%s-%d" % (c, year))
        rows = []
        base = 800000 + ci * 60000
        for ind in INDICATORS:
            v = base - (year - 2023) * 4000 if ind == "population" else rng.randrange(10, 5000)
            rows.append("%s,%d,%s,%d" % (c, year, ind, v))
        write(os.path.join(ydir, "%s-indicators.csv" % c), "county,year,indicator,value", rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--years", default="2023,2024,2025")
    ap.add_argument("--incidents", type=int, default=200000)
    ap.add_argument("--disputes", type=int, default=100000)
    ap.add_argument("--coop", type=int, default=5000)
    a = ap.parse_args()
    for y in [int(v) for v in a.years.split(",")]:
        gen_year(a.outdir, y, a.incidents, a.disputes, a.coop)


if __name__ == "__main__":
    main()
