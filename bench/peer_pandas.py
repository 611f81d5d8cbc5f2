#!/usr/bin/python3
"""peer_pandas.py — the end-to-end peer of forumstat: what an analyst would
write with pandas, XlsxWriter and matplotlib (Debian's python3-pandas,
python3-xlsxwriter, python3-matplotlib) to turn the counties' CSV files of
one year into the forum's headline figures, a formatted workbook with native
charts and six PNG charts.  bench/bench-e2e.sh times it against
`forumstat import` + `forumstat report` on the same files.

It does a subset of forumstat's work: no validation beyond what read_csv
does, no warehouse, no year on year, no reconciliation of cross-regional
records, no briefing; figures per county and for the zone:
  incidents: cases, solved, solve rate, offenses, loss, recovered, recovery
  rate, suspects, arrested, cross-regional cases; disputes: count,
  resolved, resolution rate, parties, joint mediations; cooperation:
  activities, joint activities, participants; indicators as given.
Workbook: a zone overview sheet (one formatted row per county and a zone
total) with a column chart and a pie, then one sheet per table of figures by
county and month, each with a native line chart.  PNG charts (matplotlib,
Agg, 1600x900 at 100 dpi): cases by county, solve rate by county, incidents
by month, loss by category, disputes by type, cooperation by kind.

usage: peer_pandas.py DATADIR YEAR OUTDIR
DATADIR holds the CSV files, in subfolders too (any names; every *.csv is
read, the table is told by its header, as forumstat does); the records of
YEAR are kept.
"""
import glob
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

NAMES = {"320321": "Feng", "341321": "Dangshan", "341322": "Xiao", "371722": "Shan",
         "411425": "Yucheng", "411426": "Xiayi", "411481": "Yongcheng"}
KEY = {"case_id": "incidents", "dispute_id": "disputes", "activity_id": "cooperation",
       "indicator": "indicators"}


def read_all(datadir):
    frames = {t: [] for t in KEY.values()}
    for path in sorted(glob.glob(os.path.join(datadir, "**", "*.csv"), recursive=True)):
        df = pd.read_csv(path, encoding="utf-8-sig", dtype={"county": str, "cross_ref": str,
                                                              "joint_ref": str})
        table = next((KEY[c] for c in df.columns if c in KEY), None)
        if table:
            frames[table].append(df)
    return {t: (pd.concat(v, ignore_index=True) if v else pd.DataFrame()) for t, v in frames.items()}


def figures(d, year):
    inc, dis, coop = d["incidents"], d["disputes"], d["cooperation"]
    inc = inc.assign(month=pd.to_datetime(inc["date_reported"]).dt.month,
                     solved=inc["status"].eq("solved"),
                     cross=inc["cross_ref"].notna())
    inc = inc[pd.to_datetime(inc["date_reported"]).dt.year == year]
    g = inc.groupby("county")
    ci = pd.DataFrame({
        "cases": g.size(), "solved": g["solved"].sum(), "offenses": g["offenses"].sum(),
        "loss": g["loss_yuan"].sum(), "recovered": g["recovered_yuan"].sum(),
        "suspects": g["suspects"].sum(), "arrested": g["arrested"].sum(),
        "cross_regional": g["cross"].sum()})
    dis = dis[pd.to_datetime(dis["date_received"]).dt.year == year]
    coop = coop[pd.to_datetime(coop["date"]).dt.year == year]
    dis = dis.assign(month=pd.to_datetime(dis["date_received"]).dt.month,
                     resolved=dis["outcome"].eq("resolved"), joint=dis["joint_ref"].notna())
    gd = dis.groupby("county")
    cd = pd.DataFrame({"disputes": gd.size(), "resolved": gd["resolved"].sum(),
                       "parties": gd["parties"].sum(), "joint_mediations": gd["joint"].sum()})
    coop = coop.assign(month=pd.to_datetime(coop["date"]).dt.month, joint=coop["joint_ref"].notna())
    gc = coop.groupby("county")
    cc = pd.DataFrame({"activities": gc.size(), "joint_activities": gc["joint"].sum(),
                       "participants": gc["participants"].sum()})
    per = ci.join(cd, how="outer").join(cc, how="outer").fillna(0)
    per.index = [NAMES.get(c, c) for c in per.index]
    zone = per.sum().rename("Zone")
    per = pd.concat([per, zone.to_frame().T])
    per["solve_rate"] = per["solved"] / per["cases"]
    per["recovery_rate"] = per["recovered"] / per["loss"].where(per["loss"] > 0)
    per["resolution_rate"] = per["resolved"] / per["disputes"]
    monthly = {
        "incidents": inc.pivot_table(index="month", columns="county", values="case_id",
                                     aggfunc="count", fill_value=0),
        "disputes": dis.pivot_table(index="month", columns="county", values="dispute_id",
                                    aggfunc="count", fill_value=0),
        "cooperation": coop.pivot_table(index="month", columns="county", values="activity_id",
                                        aggfunc="count", fill_value=0),
    }
    for m in monthly.values():
        m.columns = [NAMES.get(c, c) for c in m.columns]
    by = {"loss by category": inc.groupby("category")["loss_yuan"].sum(),
          "disputes by type": dis.groupby("type").size(),
          "cooperation by kind": coop.groupby("kind").size()}
    return per, monthly, by


def workbook(path, per, monthly, d, year):
    with pd.ExcelWriter(path, engine="xlsxwriter") as xw:
        wb = xw.book
        money = wb.add_format({"num_format": "#,##0.00"})
        pct = wb.add_format({"num_format": "0.0%"})
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        per.to_excel(xw, sheet_name="Overview", index_label="County")
        ws = xw.sheets["Overview"]
        for i, c in enumerate(["County"] + list(per.columns)):
            ws.write(0, i, c, head)
        ws.set_column(0, 0, 12)
        ws.set_column(1, len(per.columns), 14)
        for i, c in enumerate(per.columns, start=1):
            if c in ("loss", "recovered"):
                ws.set_column(i, i, 16, money)
            elif c.endswith("_rate"):
                ws.set_column(i, i, 12, pct)
        ws.freeze_panes(1, 1)
        n = len(per) - 1  # counties without the zone row
        ch = wb.add_chart({"type": "column"})
        ch.add_series({"name": "Cases", "categories": ["Overview", 1, 0, n, 0],
                       "values": ["Overview", 1, 1, n, 1]})
        ch.add_series({"name": "Solved", "categories": ["Overview", 1, 0, n, 0],
                       "values": ["Overview", 1, 2, n, 2]})
        ch.set_title({"name": "Criminal cases by county"})
        ws.insert_chart(n + 4, 1, ch, {"x_scale": 1.5, "y_scale": 1.2})
        pie = wb.add_chart({"type": "pie"})
        col = list(per.columns).index("disputes") + 1
        pie.add_series({"name": "Disputes", "categories": ["Overview", 1, 0, n, 0],
                        "values": ["Overview", 1, col, n, col]})
        pie.set_title({"name": "Disputes by county"})
        ws.insert_chart(n + 4, 10, pie)
        for name, m in monthly.items():
            sheet = name.capitalize() + " by month"
            m.to_excel(xw, sheet_name=sheet, index_label="Month")
            s = xw.sheets[sheet]
            s.set_row(0, None, head)
            line = wb.add_chart({"type": "line"})
            for j in range(len(m.columns)):
                line.add_series({"name": [sheet, 0, j + 1], "categories": [sheet, 1, 0, len(m), 0],
                                 "values": [sheet, 1, j + 1, len(m), j + 1]})
            line.set_title({"name": name.capitalize() + " by month and county"})
            s.insert_chart(1, len(m.columns) + 2, line, {"x_scale": 1.5, "y_scale": 1.2})
        ind = d["indicators"]
        if len(ind):
            ind = ind[ind["year"] == year]
            piv = ind.pivot_table(index="indicator", columns="county", values="value", aggfunc="sum")
            piv.columns = [NAMES.get(c, c) for c in piv.columns]
            piv.to_excel(xw, sheet_name="Indicators")


def charts(outdir, per, monthly, by):
    counties = per.drop(index="Zone")

    def save(fig, name):
        fig.tight_layout()
        fig.savefig(os.path.join(outdir, name), dpi=100)
        plt.close(fig)

    fig, ax = plt.subplots(figsize=(16, 9))
    counties[["cases", "solved"]].plot.bar(ax=ax)
    ax.set_title("Criminal cases by county")
    save(fig, "cases-by-county.png")
    fig, ax = plt.subplots(figsize=(16, 9))
    counties["solve_rate"].plot.bar(ax=ax, color="tab:green")
    ax.set_title("Solve rate by county")
    save(fig, "solve-rate.png")
    fig, ax = plt.subplots(figsize=(16, 9))
    monthly["incidents"].plot(ax=ax, marker="o")
    ax.set_title("Criminal cases by month")
    save(fig, "incidents-by-month.png")
    for title in by:
        fig, ax = plt.subplots(figsize=(16, 9))
        by[title].sort_values().plot.barh(ax=ax)
        ax.set_title(title.capitalize())
        save(fig, title.replace(" ", "-") + ".png")


def main():
    datadir, year, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(outdir, exist_ok=True)
    d = read_all(datadir)
    per, monthly, by = figures(d, year)
    per.to_csv(os.path.join(outdir, "figures-%d.csv" % year))
    workbook(os.path.join(outdir, "report-%d.xlsx" % year), per, monthly, d, year)
    charts(outdir, per, monthly, by)


if __name__ == "__main__":
    main()
