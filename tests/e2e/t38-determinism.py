#!/usr/bin/python3
"""t38-determinism.py — compare two report folders file by file (t38).

  t38-determinism.py diff REF OUT [--allow FILE:MEMBER]... [--dates EREF EOUT]
      Prints one line per difference between the folders REF and OUT and
      exits 1 when there is one that is not allowed:
        missing F / extra F       a file of one folder is not in the other
        differs F                 the bytes differ
        differs F:MEMBER          an .xlsx member's bytes differ (members
                                  compared one by one, after unzipping)
        members F                 the .xlsx members or their order differ
      When xl/sharedStrings.xml differs (the strings of an allowed sheet
      are others), each other sheet is compared with its shared strings
      resolved to their text, so that only what it shows counts.
        zipinfo F:MEMBER          a member's zip entry (time, method,
                                  attributes) differs
      --allow F:MEMBER (a glob) accepts a differing xlsx member; it is
      printed as "allowed F:MEMBER".  --dates EREF EOUT: the two reports were
      made with SOURCE_DATE_EPOCH EREF and EOUT; in OUT, every form of the
      date of EOUT (2024-11-28T00:00:00Z, 2024-11-28, a PDF date
      20241128000000Z, 2024年11月28日) is put back as EREF's before
      comparing, and the briefing PDF, whose cover shows the date as
      text, is compared by its text (pdftotext) instead of its bytes.
  t38-determinism.py zipdates F.xlsx
      The set of the zip entries' times, one per line.
  t38-determinism.py sheet F.xlsx NAME
      The member of the sheet named NAME (xl/worksheets/sheetN.xml).
"""
import fnmatch
import os
import re
import subprocess
import sys
import time
import zipfile


def tree(d):
    out = []
    for base, dirs, files in os.walk(d):
        dirs.sort()
        for f in files:
            out.append(os.path.relpath(os.path.join(base, f), d))
    return sorted(out)


# templates/zone.conf's utc_offset (+08:00): the dates documents give the
# data are the zone's; the times (PDF, workbook properties) stay UTC.
ZONE_OFFSET = 8 * 3600


def date_forms(epoch):
    t = time.gmtime(int(epoch))
    d = time.gmtime(int(epoch) + ZONE_OFFSET)
    return [
        time.strftime("%Y-%m-%dT%H:%M:%SZ", t).encode(),
        time.strftime("%Y%m%d%H%M%SZ", t).encode(),
        ("%d年%d月%d日" % (d.tm_year, d.tm_mon, d.tm_mday)).encode(),
        time.strftime("%Y-%m-%d", d).encode(),
    ]


def put_back(data, dates):
    if dates:
        for a, b in zip(date_forms(dates[1]), date_forms(dates[0])):
            data = data.replace(a, b)
    return data


def pdftext(path):
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True).stdout


def resolved(member, data, strings):
    """A sheet's XML with every shared-string index replaced by its text."""
    if not member.startswith("xl/worksheets/sheet"):
        return data
    return re.sub(rb'(<c [^>]*t="s"[^>]*><v>)(\d+)(</v>)', lambda m: m.group(1) + strings[int(m.group(2))] + m.group(3), data)


def shared_strings(z, dates):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    return re.findall(rb"<si>(.*?)</si>", put_back(z.read("xl/sharedStrings.xml"), dates), re.S)


def diff(ref, out, allow, dates):
    problems, notes = [], []
    a, b = tree(ref), tree(out)
    problems += ["missing " + f for f in a if f not in b]
    problems += ["extra " + f for f in b if f not in a]
    for f in (f for f in a if f in b):
        pa, pb = os.path.join(ref, f), os.path.join(out, f)
        da = open(pa, "rb").read()
        db = open(pb, "rb").read()
        if da == db:
            continue
        if f.endswith(".xlsx"):
            za, zb = zipfile.ZipFile(pa), zipfile.ZipFile(pb)
            if za.namelist() != zb.namelist():
                problems.append("members " + f)
                continue
            sa, sb = shared_strings(za, None), shared_strings(zb, dates)
            for ia, ib in zip(za.infolist(), zb.infolist()):
                m = ia.filename
                key = lambda i: (i.date_time, i.compress_type, i.external_attr, i.create_system, i.flag_bits)
                if key(ia) != key(ib):
                    problems.append("zipinfo %s:%s" % (f, m))
                ma, mb = za.read(m), put_back(zb.read(m), dates)
                name = "%s:%s" % (f, m)
                if sa != sb and m == "xl/sharedStrings.xml":
                    notes.append("resolved " + name)
                    continue
                if sa != sb and m.startswith("xl/worksheets/sheet"):
                    # every sheet, even one of the same bytes: its indexes
                    # may name other strings now
                    ma, mb = resolved(m, ma, sa), resolved(m, mb, sb)
                    if ma == mb:
                        continue
                elif ma == mb:
                    continue
                if any(fnmatch.fnmatch(name, g) for g in allow):
                    notes.append("allowed " + name)
                else:
                    problems.append("differs " + name)
            continue
        if dates and f.endswith(".pdf"):
            if da == put_back(db, dates):
                continue
            if os.path.basename(f).startswith("briefing-") and pdftext(pa) == put_back(pdftext(pb), dates):
                continue
        problems.append("differs " + f)
    for line in notes + problems:
        print(line)
    return 1 if problems else 0


def main(argv):
    if argv[0] == "zipdates":
        for d in sorted({i.date_time for i in zipfile.ZipFile(argv[1]).infolist()}):
            print("%04d-%02d-%02d %02d:%02d:%02d" % d)
        return 0
    if argv[0] == "sheet":
        z = zipfile.ZipFile(argv[1])
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(argv[2]), wb).group(1)
        print("xl/" + re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels).group(1))
        return 0
    ref, out, rest = argv[1], argv[2], argv[3:]
    allow, dates = [], None
    while rest:
        if rest[0] == "--allow":
            allow.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--dates":
            dates = (rest[1], rest[2])
            rest = rest[3:]
        else:
            sys.exit("unknown argument " + rest[0])
    return diff(ref, out, allow, dates)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
