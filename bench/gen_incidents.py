#!/usr/bin/python3
"""gen_incidents.py — write a large, valid incidents CSV for benchmarks and
durability tests.

usage: gen_incidents.py ROWS OUT.csv [COUNTY] [YEAR] [PREFIX]

Deterministic (fixed seed); every row passes validation: 15 columns, a mix
of open/solved cases, money with fen, some cross-regional cases.
"""
import random
import sys

def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    county = sys.argv[3] if len(sys.argv) > 3 else "341321"
    year = int(sys.argv[4]) if len(sys.argv) > 4 else 2024
    prefix = sys.argv[5] if len(sys.argv) > 5 else "B"
    others = [c for c in ("341322", "320321", "371722", "411425", "411426", "411481", "341321") if c != county]
    rnd = random.Random(20241128)
    header = ("case_id,county,date_reported,category,subcategory,offenses,loss_yuan,"
              "recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by\n")
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(header)
        buf = []
        for i in range(rows):
            m = rnd.randint(1, 12)
            d = rnd.randint(1, 28)
            cat = rnd.choice(("05", "05", "05", "07", "02", "06", "08"))
            loss = rnd.randint(0, 5000000)
            rec = rnd.randint(0, loss)
            sus = rnd.randint(0, 4)
            arr = rnd.randint(0, sus)
            solved = rnd.random() < 0.7
            status = "solved" if solved else "open"
            ds = "%d-%02d-%02d" % (year, m, min(28, d + 1)) if solved else ""
            cross = rnd.random() < 0.02
            xref = "KQ-%d-%06d" % (year, i % 5000) if cross else ""
            inv = others[i % 6] if cross else ""
            ass = others[(i + 1) % 6] if rnd.random() < 0.05 else ""
            buf.append("%s-%d,%s,%d-%02d-%02d,%s,theft of goods,%d,%d.%02d,%d.%02d,%d,%d,%s,%s,%s,%s,%s\n" % (
                prefix, i, county, year, m, d, cat, rnd.randint(1, 3), loss // 100, loss % 100,
                rec // 100, rec % 100, sus, arr, status, ds, xref, inv, ass))
            if len(buf) >= 10000:
                f.write("".join(buf))
                buf = []
        f.write("".join(buf))

if __name__ == "__main__":
    main()
