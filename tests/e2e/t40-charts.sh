#!/usr/bin/env bash
# t40-charts — `forumstat report` writes the forum's charts and briefing
# (issue 5): every chart of the set as PNG, SVG and PDF in DIR/charts/ and
# DIR/briefing-Y.pdf, in Chinese and English, from the samples (2023-2025)
# and from edge cases (a one-year warehouse with counties without data, 0 %
# and 100 % rates, zero denominators, very long county names; a year
# without a prior year; a county without disputes).  Checks sizes,
# non-blank pictures, labels in both languages (pdftotext, SVG
# <title>/<desc>), page counts, identical bytes across runs, --size,
# and the failure paths (no CJK font, charts folder not writable: exit 3,
# nothing half-written).  Needs pdfinfo/pdftotext (poppler-utils) and
# /usr/bin/python3 (stdlib only).
. "$(dirname "$0")/lib.sh"
cd "$T"
DB="$T/w.db"
S="$ROOT/samples"
PY=/usr/bin/python3
CHARTS="01-offences 02-cross-regional 03a-disputes 03b-disputes-share 04-mediation
        05-cooperation 06-assistance 07-clearance 08-tiles 09-hexmap
        10-offence-categories 11-trends 12-change 13-losses 14-activities 15-mediation-levels
        16-grid-video"
PAGES=20 # cover, 16 chart pages, county table, data quality, definitions

for tool in pdfinfo pdftotext; do
    if ! command -v $tool >/dev/null; then nok "$tool is missing (apt-get install poppler-utils)"; exit 1; fi
done

# png_check FILE...: "FILE W H OK" per PNG, OK = 1 when it is a valid PNG
# whose scanlines are not all alike (at least 10 % of the rows differ from
# the row above: a blank or one-colour picture fails).
png_check() {
    "$PY" - "$@" <<'EOF'
import struct, sys, zlib
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    ok = data[:8] == b'\x89PNG\r\n\x1a\n'
    w = h = 0
    idat = b''
    pos = 8
    while ok and pos + 8 <= len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            ok = depth == 8 and ctype in (2, 6)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    differ = 0
    if ok and w and h:
        raw = zlib.decompress(idat)
        bpp = 3 if data[25] == 2 else 4
        stride = w * bpp + 1
        prev = None
        for y in range(h):
            row = raw[y * stride:(y + 1) * stride]
            f, px = row[0], row[1:]
            if f == 2:                 # Up: zero bytes = same as the row above
                same = not px.strip(b'\0')
            elif f == 0:               # None: compare with the row above
                same = prev is not None and px == prev
            else:                      # Sub/Average/Paeth: count as different
                same = False
            differ += not same
            prev = px
    print(path, w, h, int(ok and h > 0 and differ >= h // 10))
EOF
}

# pdf_pages FILE / pdf_size FILE ("W x H" in points)
pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
pdf_size() { pdfinfo "$1" 2>/dev/null | awk '/^Page size:/ { print $3 " x " $5 }'; }

# has_text FILE TEXT: pdftotext of FILE contains TEXT (newlines ignored)
has_text() { pdftotext "$1" - 2>/dev/null | tr -d '\n' | grep -qF -- "$2"; }
lacks_text() { ! has_text "$@"; }

# all_charts DESC DIR [W H]: every chart in three formats, PNGs W×H (1920×1080)
# and not blank, chart PDFs one page of 960 × H/W·960 points.
all_charts() {
    local d=$1 dir=$2 w=${3:-1920} h=${4:-1080} missing="" bad="" pages=""
    for c in $CHARTS; do
        for e in png svg pdf; do [ -s "$dir/charts/$c.$e" ] || missing="$missing $c.$e"; done
    done
    assert_eq "$d: all 17 charts as PNG, SVG and PDF" "" "$missing"
    bad=$(png_check "$dir"/charts/*.png | awk -v w="$w" -v h="$h" '$2 != w || $3 != h || $4 != 1')
    assert_eq "$d: every PNG is ${w}x${h} and not blank" "" "$bad"
    local ph
    ph=$(awk -v w="$w" -v h="$h" 'BEGIN { v = 960 * h / w; printf "%d", v + 0.5 }')
    for c in $CHARTS; do
        [ "$(pdf_pages "$dir/charts/$c.pdf")" = 1 ] && [ "$(pdf_size "$dir/charts/$c.pdf")" = "960 x $ph" ] ||
            pages="$pages $c"
    done
    assert_eq "$d: every chart PDF is one 960 x $ph pt page" "" "$pages"
    assert_eq "$d: no temporary file left" "" "$(ls -A "$dir" "$dir/charts" | grep tmp || true)"
}

for y in 2023 2024 2025; do
    if [ ! -d "$S/$y" ]; then nok "samples/$y is missing (run samples/generate.py)"; exit 1; fi
    assert_exit "samples $y import" 0 "$FORUMSTAT" import -q --db "$DB" "$S/$y"
done

# ------------------------------------------------------------ 2024, zh + en
assert_exit "report 2024 in Chinese" 0 "$FORUMSTAT" report --db "$DB" --year 2024 --out zh
assert_grep "summary names the charts and the briefing" 'charts .*zh/charts/.*briefing-2024\.pdf \(20 pages\)' "$T/out"
# the chart step may run beside the workbook: the lines keep the step order
assert_eq "summary lines in step order" "metrics dictionary findings cross-cases charts workbook" \
    "$(awk '/^report 2024: /{print $3}' "$T/out" | head -6 | tr '\n' ' ' | sed 's/ $//')"
assert_exit "report 2024 in English" 0 "$FORUMSTAT" report --lang en -q --db "$DB" --year 2024 --out en
all_charts "zh 2024" zh
all_charts "en 2024" en

# Chart titles (PDF text) in each language.
while IFS='|' read -r c tzh ten; do
    assert "zh $c: title '$tzh'" has_text "zh/charts/$c.pdf" "$tzh"
    assert "en $c: title '$ten'" has_text "en/charts/$c.pdf" "$ten"
done <<'EOF'
01-offences|各县（市）每万人犯罪起数|Offences per 10,000 residents by county
02-cross-regional|跨区域案件|Cross-regional cases
03a-disputes|各县（市）矛盾纠纷类型（件）|Disputes by type per county
03b-disputes-share|各县（市）矛盾纠纷类型构成|Disputes by type per county (share)
04-mediation|人民调解成功率|Mediation resolution rate
05-cooperation|县际协作矩阵|Cooperation between counties
06-assistance|案件协助流向|Assistance on cases
07-clearance|各县（市）破案率|Clearance rate by county
08-tiles|2024年主要指标|2024 at a glance
09-hexmap|各县（市）示意图|The counties as they lie
10-offence-categories|犯罪类别（国际犯罪分类ICCS）|Offences by category (ICCS)
11-trends|主要指标两年走势|Headline figures over two years
12-change|每万人犯罪起数的变化|Change in offences per 10,000 residents
13-losses|案件损失与挽回金额|Losses and amounts recovered
14-activities|协作活动类型|Cooperation activities by kind
15-mediation-levels|矛盾纠纷调解层级|Disputes by mediation level
16-grid-video|每万人网格员与新增视频设备|Grid members and video devices added per 10,000 residents
EOF
# Labels inside the charts: county names, years, legends, the zone line.
assert "zh 01: county names and both years" has_text zh/charts/01-offences.pdf "砀山县"
assert "zh 01: last year in the legend" has_text zh/charts/01-offences.pdf "2023"
assert "zh 01: the zone bar, one term (片区合计)" has_text zh/charts/01-offences.pdf "片区合计"
assert "en 01: county names" has_text en/charts/01-offences.pdf "Yongcheng City"
assert "en 01: zone reference line" has_text en/charts/01-offences.pdf "Zone"
assert "zh 02: provinces" has_text zh/charts/02-cross-regional.pdf "河南"
assert "en 02: provinces" has_text en/charts/02-cross-regional.pdf "Shandong"
assert "zh 03a: dispute types from the schema" has_text zh/charts/03a-disputes.pdf "婚姻家庭"
assert "en 03a: dispute types from the schema" has_text en/charts/03a-disputes.pdf "Marriage and family"
assert "en 03b: percentages" has_text en/charts/03b-disputes-share.pdf "100%"
assert "en 07: zone clearance line" has_text en/charts/07-clearance.pdf "Zone clearance rate"
assert "zh 08: change against last year" has_text zh/charts/08-tiles.pdf "较2023年"
assert "en 08: percentage points" has_text en/charts/08-tiles.pdf "pp"
assert "zh 09: north arrow" has_text zh/charts/09-hexmap.pdf "北"
assert "en 09: Dangshan at the centre tile" has_text en/charts/09-hexmap.pdf "Dangshan County"
# The source line: forum title from the zone, ordinal, data year.
assert "zh source line" has_text zh/charts/04-mediation.pdf "苏鲁豫皖四省交界平安边界共建第二届年度论坛 · 数据年份 2024"
assert "en source line" has_text en/charts/04-mediation.pdf "Cooperation Zone, 2nd annual forum · data year 2024"
# SVG: title and source in <title>/<desc>.
assert_grep "zh SVG <title>" '<title>各县（市）每万人犯罪起数</title>' zh/charts/01-offences.svg
assert_grep "en SVG <title>" '<title>Mediation resolution rate</title>' en/charts/04-mediation.svg
assert_grep "zh SVG <desc> carries the source" '数据年份 2024</desc>' zh/charts/05-cooperation.svg
assert_grep "en SVG <desc> carries the source" 'data year 2024</desc>' en/charts/06-assistance.svg
assert_nogrep "SVG has no timestamp" '[0-9]{4}-[0-9]{2}-[0-9]{2}T' en/charts/02-cross-regional.svg

# The briefing.
for l in zh en; do
    B=$l/briefing-2024.pdf
    assert_eq "$l briefing: $PAGES pages (cover, 16 charts, table, data quality, definitions)" $PAGES "$(pdf_pages $B)"
    assert_eq "$l briefing: A4 landscape" "841.89 x 595.28" "$(pdf_size $B)"
    assert_eq "$l briefing: creation date from SOURCE_DATE_EPOCH" "Thu Nov 28 00:00:00 2024 UTC" \
        "$(TZ=UTC pdfinfo $B | sed -n 's/^CreationDate: *//p')"
done
B=zh/briefing-2024.pdf
assert "zh cover: forum ordinal" has_text $B "第二届年度论坛"
assert "zh cover: host and the data's date, labelled" has_text $B "东道主：丰县 · 数据截至2024年11月28日"
assert "zh cover: no forum date without forum_date" lacks_text $B "论坛日期"
assert "zh: no developer note on the map page" lacks_text $B "位数归档"
assert "en: no developer note on the map page" lacks_text en/briefing-2024.pdf "classed as printed"
assert "en: a level mid-sentence in lower case" lacks_text en/briefing-2024.pdf "handled at Village level"
assert "en: 'Compared with', not 'Since'" lacks_text en/briefing-2024.pdf "Since 2023"
assert "zh: one term for the zone total (no 片区整体 / 全区合计)" lacks_text $B "片区整体"
assert "zh: one term for the zone total (no 全区)" lacks_text $B "全区"
assert "zh page numbers: one form" has_text $B "第2页"
assert "zh page numbers: one form (two digits)" has_text $B "第20页"
assert "zh page numbers: no spaced form" lacks_text $B "第 20 页"
assert "zh: per 10 000 is 万人, never 乘以10,000" lacks_text $B "乘以10,000"
assert "en: '10,000', never 'per 10 000'" lacks_text en/briefing-2024.pdf "10 000"
assert "zh annex: the dedup totals carry their note" has_text $B "† 片区合计中每件跨区域案件只计一次"
assert "zh annex: activities note" has_text $B "‡ 片区合计中每项联合活动"
assert "zh data-quality page" has_text $B "数据质量（2024年）"
assert "zh data quality: coverage of each table" has_text $B "报送覆盖"
assert "zh definitions page" has_text $B "指标定义"
assert "zh tiles: percentage points" has_text $B "个百分点"
assert "zh money in 万元" has_text zh/charts/13-losses.pdf "万元"
assert "zh 16: both measures in the legend" has_text zh/charts/16-grid-video.pdf "新增视频设备"
assert "en 16: both measures in the legend" has_text en/charts/16-grid-video.pdf "Video devices added"
# The grid members' page follows the losses' page in the briefing.
page_of() { for p in $(seq 1 "$PAGES"); do
    pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null | tr -d '\n' | grep -qF -- "$2" && { echo "$p"; return; }
done; }
lp=$(page_of $B "案件损失与挽回金额")
assert_eq "zh briefing: grid members and video devices after the losses" "$((lp + 1))" \
    "$(page_of $B "每万人网格员与新增视频设备")"
assert "zh takeaway of chart 1" has_text $B "与2023年相比"
assert "zh county table" has_text $B "附表：各县（市）主要指标（2024年）"
assert "zh table: zone row" has_text $B "片区合计"
B=en/briefing-2024.pdf
assert "en cover: forum ordinal" has_text $B "2nd annual forum · data briefing 2024"
assert "en cover: host and the data's date, labelled" has_text $B "Host: Feng County · Data as of 28 November 2024"
assert "en page numbers" has_text $B "Page 20"
assert "en annex note: no lower-case sentence start" has_text $B "“No data”: the county sent"
assert "en data-quality page" has_text $B "Data quality, 2024"
assert "en definitions page" has_text $B "Definitions"
assert "en takeaway of chart 5" has_text $B "The closest partners:"
assert "en county table" has_text $B "Annex: key figures by county, 2024"
assert_eq "en takeaways: every chart page has one" 16 \
    "$(for p in $(seq 2 17); do pdftotext -f $p -l $p $B - | head -1; done | grep -c .)"

# 2025: the data-quality page shows the declared count that differs
# (samples: Xiao declares 281 incident records and sent 278), the others
# in one line; the 2023 zone disputes (Yongcheng sent none) are flagged as
# not comparable in the trends.
assert_exit "report 2025" 0 "$FORUMSTAT" report -q --db "$DB" --year 2025 --out y25
assert "2025 data quality: the differing declared count, in words" has_text y25/briefing-2025.pdf "萧县 · 刑事案件萧县申报2025年刑事案件记录281条，实收278条"
assert "2025 data quality: no field keys, no 'database'" lacks_text y25/briefing-2025.pdf "declared_incidents"
assert "2025 data quality: the finding is not repeated" lacks_text y25/briefing-2025.pdf "（不一致）"
assert "2025 data quality: the summary line names its object" has_text y25/briefing-2025.pdf "申报与实收申报记录数21项申报记录数中20项"
assert "2025 data quality: the agreeing ones in one line" has_text y25/briefing-2025.pdf "项与实收一致"
assert "2025 trends: the partial year is named" has_text y25/charts/11-trends.pdf "2023年矛盾纠纷：6/7县"
assert "2025 cross-regional: provinces in the note, with why" has_text y25/charts/02-cross-regional.pdf "故各省之和大于片区"

# The forum's date comes from the zone file (forum_date), never the clock.
sed '$a forum_date = 2024-11-20' "$ROOT/templates/zone.conf" > dated.conf
assert_exit "report with a forum_date" 0 "$FORUMSTAT" report -q --zone dated.conf --db "$DB" --year 2024 --out dated
assert "cover names the forum's date from the zone file" has_text dated/briefing-2024.pdf "论坛日期：2024年11月20日 · 数据截至2024年11月28日"
printf 'forum_date = 2024-02-30\n' | cat "$ROOT/templates/zone.conf" - > baddate.conf
assert_exit "a forum_date that is no calendar date: exit 3" 3 "$FORUMSTAT" report -q --zone baddate.conf --db "$DB" --year 2024 --out baddate
assert_grep "… naming the file and line" 'baddate\.conf:[0-9]+: forum_date 2024-02-30 is not a real calendar date' "$T/err"
# The data's date is the zone's (utc_offset = +08:00): data of 04:00 on
# 28 November in Beijing (20:00 UTC the day before) are of the 28th, in the
# briefing and the workbook; a zone file without utc_offset keeps UTC.
assert_exit "report of data of 2024-11-27T20:00Z" 0 env SOURCE_DATE_EPOCH=1732737600 \
    "$FORUMSTAT" report -q --db "$DB" --year 2024 --out bj
assert "… the cover dates them in Beijing time" has_text bj/briefing-2024.pdf "数据截至2024年11月28日"
/usr/bin/python3 - bj/forum-2024.xlsx > bj.cells <<'PY'
import sys, openpyxl
for row in openpyxl.load_workbook(sys.argv[1]).worksheets[0].iter_rows(values_only=True):
    print(" ".join(str(v) for v in row if v is not None))
PY
assert_grep "… the workbook's overview too" '2024-11-28' bj.cells
assert_nogrep "… never the UTC day" '2024-11-27' bj.cells
grep -v '^utc_offset' "$ROOT/templates/zone.conf" > utc.conf
assert_exit "a zone without utc_offset" 0 env SOURCE_DATE_EPOCH=1732737600 \
    "$FORUMSTAT" report -q --zone utc.conf --db "$DB" --year 2024 --out utc
assert "… dates in UTC" has_text utc/briefing-2024.pdf "数据截至2024年11月27日"
printf 'utc_offset = 8\n' | cat "$ROOT/templates/zone.conf" - > badoff.conf
assert_exit "a utc_offset that is no +HH:MM: exit 3" 3 "$FORUMSTAT" report -q --zone badoff.conf --db "$DB" --year 2024 --out badoff
assert_grep "… naming the file, the line and the form" "badoff\.conf:[0-9]+: utc_offset wants the zone's offset from UTC as \+HH:MM, such as \+08:00" "$T/err"

# ------------------------------------------------------------ determinism
assert_exit "second run in Chinese" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out zh2
diffs=""
for f in $(cd zh && find charts briefing-2024.pdf -type f | sort); do
    cmp -s "zh/$f" "zh2/$f" || diffs="$diffs $f"
done
assert_eq "two runs give identical bytes (PNG, SVG, PDF, briefing)" "" "$diffs"
assert_eq "both runs wrote the same file list" "$(cd zh && find . | sort)" "$(cd zh2 && find . | sort)"

# ------------------------------------------------------------ font subsets
# The build puts subsets of the CJK fonts beside the binary (fonts/,
# charts/tools/fontsubset.c); a copy of the binary without them draws from
# the full fonts alone.  The pictures must be the same bytes, the PDFs
# smaller with the subsets, and their text the same.
if [ -f "$(dirname "$FORUMSTAT")/fonts/NotoSansCJKsc-Regular-subset.otf" ] && [ "${VALGRIND:-0}" != 1 ]; then
    mkdir -p bare && cp "$FORUMSTAT" bare/forumstat
    assert_exit "report without the font subsets" 0 bare/forumstat report -q --db "$DB" --year 2024 --out full
    diffs="" larger=""
    for f in $(cd zh && find charts -type f | sort); do
        case $f in
        *.pdf) [ "$(stat -c %s "zh/$f")" -lt "$(stat -c %s "full/$f")" ] || larger="$larger $f" ;;
        *) cmp -s "zh/$f" "full/$f" || diffs="$diffs $f" ;;
        esac
    done
    assert_eq "subsets or not: the same PNG and SVG bytes" "" "$diffs"
    # without the subsets the chart step runs before the workbook, with
    # them beside it (two cores): the workbook is the same bytes
    assert "charts beside the workbook or before it: the same workbook" \
        cmp -s zh/forum-2024.xlsx full/forum-2024.xlsx
    assert_eq "with the subsets every chart PDF is smaller" "" "$larger"
    assert_eq "… and the briefing's text is the same" "$(pdftotext full/briefing-2024.pdf -)" \
        "$(pdftotext zh/briefing-2024.pdf -)"
    # a character outside the subsets (喆, not in GB 2312) is drawn from the
    # full font: the chart is written and its PDF holds both faces
    sed 's/| 萧县   |/| 喆县   |/' "$ROOT/templates/zone.conf" > rare.conf
    assert_exit "a county name outside the subsets" 0 "$FORUMSTAT" report -q --zone rare.conf --db "$DB" --year 2024 --out rare
    assert "… is in the chart's text" has_text rare/charts/01-offences.pdf "喆县"
    assert_eq "… drawn from the subset and the full regular face" 2 \
        "$(pdffonts rare/charts/01-offences.pdf | grep -c 'NotoSansCJKsc-Regular')"
else
    ok "# SKIP font subsets: no build/fonts beside the binary, or under valgrind"
fi

# ------------------------------------------------------------ fonts from fontconfig's caches
# The CJK files are read from the system's font caches when a cache of
# their folder is valid (charts/fonts.c, from_caches: no scan of the
# collections at start-up), else scanned.  Both ways give the same bytes:
# here the family's files are linked into a folder whose cache fontconfig
# writes on the first run (read from it then), and into a folder whose
# name no fontconfig glob can name alone (scanned), with the folder's
# other font (rejected from the cache) and a configuration of their own.
fam_files=$(fc-list "Noto Sans CJK SC" file 2>/dev/null | sed 's/: *$//' | sort -u)
other_font=$(fc-list : file 2>/dev/null | sed 's/: *$//' | grep -v -F "$fam_files" | head -1)
if [ -n "$fam_files" ] && [ -n "$other_font" ] && [ "${VALGRIND:-0}" != 1 ]; then
    for way in cached 'scan*ned'; do
        mkdir -p "fonts-$way" "fc-cache-${way%\*ned}"
        for f in $fam_files "$other_font"; do ln -sf "$f" "fonts-$way/"; done
        printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
            "$T/fonts-$way" "$T/fc-cache-${way%\*ned}" > "fonts-${way%\*ned}.conf"
    done
    FONTCONFIG_FILE="$T/fonts-cached.conf" "$FORUMSTAT" report -q --db "$DB" --year 2024 --out cache1 2>/dev/null
    assert "… fontconfig wrote the folder's cache" test -n "$(ls fc-cache-cached)"
    for way in cached scan; do
        assert_exit "report with the fonts $way" 0 env FONTCONFIG_FILE="$T/fonts-$way.conf" \
            "$FORUMSTAT" report -q --db "$DB" --year 2024 --out "via-$way"
        diffs=""
        for f in $(cd zh && find charts briefing-2024.pdf forum-2024.xlsx -type f | sort); do
            cmp -s "zh/$f" "via-$way/$f" || diffs="$diffs $f"
        done
        assert_eq "… the same bytes as with the system's fonts (charts, briefing, workbook)" "" "$diffs"
    done
else
    ok "# SKIP fonts from the caches: no Noto Sans CJK SC or no other font in fc-list, or under valgrind"
fi

# ------------------------------------------------------------ one atomic writer (issue 18)
# A chart, a briefing and the metrics file that are symbolic links keep
# their links (the files they name get the new bytes), and temporaries a
# killed run left behind for more than an hour are swept (a fresh one,
# perhaps another run's, stays).
mkdir -p linked/charts kept
echo old > kept/offences.png
echo old > kept/briefing.pdf
echo old > kept/metrics.csv
ln -s ../../kept/offences.png linked/charts/01-offences.png
ln -s ../kept/briefing.pdf linked/briefing-2024.pdf
ln -s ../kept/metrics.csv linked/metrics-2024.csv
# (temporaries are made next to the file a link names, so a linked
# briefing's leftovers lie in kept/)
for f in linked/charts/02-cross-regional.png kept/briefing.pdf; do
    : > "$f.tmp-OLDOLD"; touch -d '3 hours ago' "$f.tmp-OLDOLD"
    : > "$f.tmp-NEWNEW"
done
assert_exit "report into a folder of links and leftovers" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out linked
for f in charts/01-offences.png briefing-2024.pdf metrics-2024.csv; do
    assert "$f: still a symbolic link" test -L "linked/$f"
done
assert "the linked chart's file holds the new chart" cmp -s kept/offences.png zh/charts/01-offences.png
assert "the linked briefing's file holds the new briefing" cmp -s kept/briefing.pdf zh/briefing-2024.pdf
assert_eq "stale temporaries swept (chart and briefing)" "" "$(ls linked/charts kept | grep OLDOLD || true)"
assert_eq "fresh temporaries kept" 2 "$(ls linked/charts kept | grep -c NEWNEW)"
assert_eq "no temporary of this run left" "" "$(ls linked linked/charts kept | grep tmp- | grep -v NEWNEW || true)"

# ------------------------------------------------------------ --size, --dpi
assert_exit "--size 1280x720" 0 "$FORUMSTAT" report -q --size 1280x720 --dpi 192 --db "$DB" --year 2024 --out small
all_charts "--size 1280x720" small 1280 720
assert_eq "--dpi 192 is recorded in the PNG (pHYs 7559 px/m)" 7559 \
    "$("$PY" -c 'import sys, struct; d = open(sys.argv[1], "rb").read(); i = d.find(b"pHYs"); print(struct.unpack(">I", d[i + 4:i + 8])[0])' small/charts/01-offences.png)"
assert_exit "--size 1000x1000 (square)" 0 "$FORUMSTAT" report -q --lang en --size 1000x1000 --db "$DB" --year 2024 --out square
all_charts "--size 1000x1000" square 1000 1000

# ------------------------------------------------------------ 2023: no prior year, a county without disputes
assert_exit "report 2023 (no 2022 held)" 0 "$FORUMSTAT" report -q --lang en --db "$DB" --year 2023 --out y23
all_charts "en 2023" y23
assert "2023 chart 1 says there is no prior year" has_text y23/charts/01-offences.pdf "2023 (no figures for 2022)"
assert "2023 tiles: no comparison" has_text y23/charts/08-tiles.pdf "no 2022 figures to compare"
assert "Yongcheng sent no disputes in 2023: no data, not 0" has_text y23/charts/03b-disputes-share.pdf "no data"
assert "2023 mediation: Yongcheng has no bar" has_text y23/charts/04-mediation.pdf "no data"
assert "2023 briefing: first forum" has_text y23/briefing-2023.pdf "1st annual forum"
assert_eq "2023 briefing: $PAGES pages" $PAGES "$(pdf_pages y23/briefing-2023.pdf)"

# ------------------------------------------------------------ edge cases
# One year only (2030), two counties with data, five without; Dangshan's
# offences are all open (clearance 0 %) without loss (recovery: no value);
# Xiao solved everything (100 %), Dangshan resolved every dispute (100 %),
# Xiao none (0 %); no cross-regional case; very long county names.
mkdir edge
cat > edge/a-2030-incidents.csv <<'EOF'
case_id,county,date_reported,category,subcategory,offenses,loss_yuan,recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by
A1,341321,2030-01-03,05,x,1,0,0,0,0,open,,,,
A2,341321,2030-02-03,05,x,1,0,0,0,0,open,,,,
EOF
cat > edge/b-2030-incidents.csv <<'EOF'
case_id,county,date_reported,category,subcategory,offenses,loss_yuan,recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by
B1,341322,2030-01-03,05,x,1,100,100,1,1,solved,2030-01-09,,,341321
EOF
cat > edge/a-2030-disputes.csv <<'EOF'
dispute_id,county,date_received,type,counterpart,parties,level,outcome,date_closed,joint_ref
AD1,341321,2030-01-02,labor,,2,village,resolved,2030-01-19,
AD2,341321,2030-01-04,land,,2,village,resolved,2030-01-21,
EOF
cat > edge/b-2030-disputes.csv <<'EOF'
dispute_id,county,date_received,type,counterpart,parties,level,outcome,date_closed,joint_ref
BD1,341322,2030-01-02,family,,2,village,pending,,
EOF
cat > edge/ab-2030-indicators.csv <<'EOF'
county,year,indicator,value,note
341321,2030,population,800000,
341322,2030,population,1000000,
EOF
cat > edge/a-2030-cooperation.csv <<'EOF'
activity_id,county,date,kind,partners,lead,participants,outcome_count,joint_ref
AC1,341321,2030-01-01,joint_patrol,341322,,0,0,
EOF
sed -e 's/| 砀山县 | Dangshan County  |/| 砀山县砀山县砀山县砀山县砀山县砀山县 | Dangshan County of the Very Long Name Prefecture |/' \
    -e 's/| 永城市 | Yongcheng City   |/| 永城市永城市永城市永城市 | Yongcheng City With An Extraordinarily Long Official Name |/' \
    "$ROOT/templates/zone.conf" > long.conf
assert_exit "edge data imports" 0 "$FORUMSTAT" import -q --zone long.conf --db edge.db edge
for l in zh en; do
    assert_exit "edge report ($l)" 0 "$FORUMSTAT" report -q --zone long.conf --lang $l --db edge.db --year 2030 --out e$l
    all_charts "edge $l" e$l
    assert_eq "edge $l briefing: $PAGES pages" $PAGES "$(pdf_pages e$l/briefing-2030.pdf)"
done
assert "edge: counties without data show 'no data' (zh)" has_text ezh/charts/01-offences.pdf "无数据"
assert "edge: counties without data show 'no data' (en)" has_text een/charts/09-hexmap.pdf "no data"
assert "edge: long names are drawn" has_text een/charts/01-offences.pdf "Extraordinarily"
assert "edge: 100 % is drawn" has_text een/charts/04-mediation.pdf "100.0%"
assert "edge: 0 % is drawn" has_text een/charts/04-mediation.pdf "0.0%"
assert "edge: no prior year in chart 1" has_text een/charts/01-offences.pdf "no figures for 2029"
assert "edge: the table holds the zone row" has_text een/briefing-2030.pdf "Zone"

# ------------------------------------------------------------ failures
# No CJK font: exit 3 naming the package, nothing written into charts/.
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' > empty-fonts.conf
FONTCONFIG_FILE="$T/empty-fonts.conf" "$FORUMSTAT" report -q --db "$DB" --year 2024 --out nofont \
    >"$T/out" 2>"$T/err"
assert_eq "no CJK font exits 3" 3 $?
assert_grep "no CJK font: names the package" 'fonts-noto-cjk' "$T/err"
assert_eq "no CJK font: no chart and no briefing" "" "$(ls nofont/charts 2>/dev/null; ls nofont | grep briefing)"

# The charts folder cannot be written (a file stands in its way; as root a
# read-only folder would not stop us): exit 3, no chart, no briefing, no
# temporary file.
mkdir blocked && touch blocked/charts
assert_exit "charts folder not writable exits 3" 3 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out blocked
assert_grep "charts folder not writable: clear message" 'blocked/charts' "$T/err"
assert_eq "charts folder not writable: no briefing, no temporary file" "" \
    "$(ls -A blocked | grep -v '^metrics-2024.csv$\|^metrics-dictionary.csv$\|^findings-2024.csv$\|^cross-cases-2024.csv$\|^charts$' || true)"
if [ "$(id -u)" != 0 ]; then
    mkdir -p ro/charts && chmod 555 ro/charts
    assert_exit "read-only charts folder exits 3" 3 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out ro
    assert_eq "read-only charts folder: nothing in it" "" "$(ls -A ro/charts)"
    assert_eq "read-only charts folder: no briefing" "" "$(ls ro | grep briefing || true)"
    chmod 755 ro/charts
fi
# A failed run leaves an earlier complete set as it was.
cp -r zh keep
(ulimit -f 150; "$FORUMSTAT" report -q --db "$DB" --year 2024 --out zh >/dev/null 2>"$T/err"; echo $? > full.rc)
assert_eq "disk full while writing charts exits 3" 3 "$(cat full.rc)"
same=""
for f in $(cd keep && find charts briefing-2024.pdf -type f | sort); do
    cmp -s "keep/$f" "zh/$f" || same="$same $f"
done
assert_eq "disk full: the earlier charts and briefing are untouched" "" "$same"
assert_eq "disk full: no temporary file" "" "$(ls -A zh zh/charts | grep tmp || true)"

assert_exit "report --help" 0 "$FORUMSTAT" report --help
assert_grep "help describes charts/" 'DIR/charts/' "$T/out"
assert_grep "help describes the briefing" 'DIR/briefing-Y\.pdf' "$T/out"
