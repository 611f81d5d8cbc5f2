#!/usr/bin/env bash
# t38-determinism — the same data gives the same bytes, whatever else.
#
# README: "Running `report` again with the same data gives the same bytes",
# "Setting SOURCE_DATE_EPOCH fixes the import time and the document dates,
# for byte-for-byte reproducible outputs"; the man page: SOURCE_DATE_EPOCH
# is "the creation time of documents"; the briefing's date is "the data's
# date", "never the clock's".  t30, t40 and t50 check two runs alike in one
# environment and t90 SQLite against PostgreSQL; this suite changes what
# they keep fixed, and compares every output file (none missing, none
# extra, no temporary left) byte for byte with a reference report of the
# samples (tests/e2e/t38-determinism.py diff; an .xlsx that differs is
# compared member by member after unzipping, and the member is named;
# when its shared strings differ, every sheet is compared with them
# resolved to their text):
#   - the environment: TZ (America/St_Johns, where the reference's
#     2024-11-28T00:00Z is still the 27th; Asia/Shanghai, where
#     2023-11-14T22:13Z is the 15th), LC_ALL/LANG (zh_CN, en_US, ja_JP,
#     which fontconfig reads for its default language) with the documents'
#     language the same (given or the default zh), umask, a cold fontconfig
#     cache (a new HOME and XDG_CACHE_HOME), the working folder, --out
#     relative or absolute with spaces and Chinese, --db relative, absolute
#     or a copy at another path, or FORUMSTAT_DB;
#   - SOURCE_DATE_EPOCH: another value moves the workbook's creation and
#     modification times (docProps/core.xml), every PDF's CreationDate and
#     the "data as of" date (the zone's day: utc_offset), and nothing else (the other value's dates put
#     back, every byte is the reference's; the zip entries' times, a fixed
#     1980-01-01, do not change); unset, the documents take the data's
#     date, the latest import time of the files the report rests on (not
#     of a later year's import, nor of one reverted since), so they are the
#     reference's bytes;
#   - the data's history: the same submissions imported in one run, or
#     county by county in another order with a file sent again under
#     another name, a correction imported (later) and reverted, an import
#     reverted and redone, the next year imported later: the same figures,
#     metrics, charts and briefing;
#     only the workbook's Sources sheet (import numbers) may differ — that
#     it does is checked, and every other member is the reference's;
#   - overwriting: a report into a folder holding another report's files
#     leaves exactly the reference's files and bytes;
#   - another compiler: the binary that clang builds (build-clang/, when it
#     is there and newer than every source, else a SKIP line) and, in
#     run-tests' sanitizer lane, the normal build against the sanitizer
#     build (gcc -O2 against -O1 with ASan and UBSan).
# Each report costs most of a second of CPU: the variants are combined (a
# failure names its folder and the files that differ).  In run-tests'
# sanitizer lane (a report costs 5 s there) only the reference, from the
# normal build, and environment A, from the sanitizer build, run.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
PY=/usr/bin/python3
HELPER="$ROOT/tests/e2e/t38-determinism.py"
S="$ROOT/samples"
E0=1732752000 # 2024-11-28T00:00:00Z
E1=1700000000 # 2023-11-14T22:13:20Z
E2=1750000000 # 2025-06-15T15:06:40Z
# Every report draws its charts at 640x360: a third cheaper than the
# default 1920x1080, and what is checked does not depend on the size
# (t40 checks two runs alike at the default size).
SIZE=640x360
export SOURCE_DATE_EPOCH=$E0
unset FORUMSTAT_DB TZ
LIGHT=0
[ "${RUN_TESTS_LANE:-}" = san ] && LIGHT=1

# same DESC REF OUT [diff options]: OUT holds REF's files with REF's bytes
same() {
    local d=$1 ref=$2 out=$3
    shift 3
    if "$PY" "$HELPER" diff "$ref" "$out" "$@" > "$T/diff.out" 2>&1; then
        ok "$d ($(find "$out" -type f | wc -l) files$(grep -q "^allowed" "$T/diff.out" && echo "; $(grep "^allowed" "$T/diff.out" | tr "\n" " " | sed "s/ $//")"))"
    else
        local lines
        mapfile -t lines < <(grep -v '^allowed\|^resolved' "$T/diff.out" | head -12)
        nok "$d" "${lines[@]}"
    fi
}
# creation dates of the briefing and every chart PDF, one line each (UTC)
# (pdfinfo for the briefing; the charts' raw /CreationDate, which pdfinfo
# reads as the briefing's, compared with the briefing's)
pdf_dates() {
    local raw
    raw=$(grep -ao '/CreationDate ([^)]*)' "$1/briefing-2024.pdf")
    echo "$(TZ=UTC pdfinfo "$1/briefing-2024.pdf" | sed -n 's/^CreationDate: *//p')," \
        "$(grep -aoh '/CreationDate ([^)]*)' "$1"/charts/*.pdf | grep -cxF "$raw") charts alike"
}
# exited DESC RC LOG: the command (its output in LOG) exited 0
exited() { if [ "$2" -eq 0 ]; then ok "$1"; else nok "$1" "exit $2" "$(head -5 "$3")"; fi; }
core_dates() {
    unzip -p "$1/forum-2024.xlsx" docProps/core.xml | grep -oE '<dcterms:(created|modified)[^>]*>[^<]*' | sed 's/<dcterms:\([a-z]*\)[^>]*>/\1 /'
}

# fresh BIN: BIN exists and no C source or header is newer than it
fresh() { [ -x "$1" ] && [ -z "$(find "$ROOT/report" "$ROOT/charts" -name '*.[ch]' -newer "$1" | head -1)" ]; }

# ------------------------------------------------------------ reference
# In the sanitizer lane the reference comes from the normal build when it
# is there and fresh: environment A's report, from the sanitizer build,
# is then compared with another build's too.
REFBIN=$FORUMSTAT
if [ $LIGHT = 1 ] && [ "$ROOT/build/forumstat" != "$FORUMSTAT" ] && fresh "$ROOT/build/forumstat"; then
    REFBIN=$ROOT/build/forumstat
fi
for y in 2023 2024 2025; do
    assert_exit "import samples/$y (a run a year)" 0 "$FORUMSTAT" import -q --db a.db "$S/$y"
done
assert_exit "reference report 2024 (${REFBIN#"$ROOT"/})" 0 "$REFBIN" report -q --size "$SIZE" --db a.db --year 2024 --out ref
# the comparisons see every output the README lists (else they check less)
want="briefing-2024.pdf cross-cases-2024.csv findings-2024.csv forum-2024.xlsx metrics-2024.csv metrics-dictionary.csv"
assert_eq "the reference holds every output, 17 charts as PNG, SVG and PDF" "$want 17 17 17" \
    "$(find ref -maxdepth 1 -type f -printf '%f\n' | sort | tr '\n' ' ')$(for e in png svg pdf; do find ref/charts -name "*.$e" | wc -l; done | tr '\n' ' ' | sed 's/ $//')"
assert_eq "reference: the workbook was created and modified at SOURCE_DATE_EPOCH" \
    "created 2024-11-28T00:00:00Z modified 2024-11-28T00:00:00Z" "$(core_dates ref | tr '\n' ' ' | sed 's/ $//')"
assert_eq "reference: every PDF's CreationDate is SOURCE_DATE_EPOCH" "Thu Nov 28 00:00:00 2024 UTC, 17 charts alike" "$(pdf_dates ref)"

# ------------------------------------------------------------ environment A
# St_Johns (UTC-3:30), Chinese locale, umask 077, a cold fontconfig cache,
# another working folder, a copy of the warehouse at an absolute path and
# --out at an absolute path, both with spaces and Chinese.
mkdir -p "仓库 副本" "home A" "cache A" elsewhere/deep
for f in a.db a.db-wal; do [ -e "$f" ] && cp "$f" "仓库 副本/forum data.db${f#a.db}"; done
(cd elsewhere/deep && umask 077 && env HOME="$T/home A" XDG_CACHE_HOME="$T/cache A" TZ=America/St_Johns \
    LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 "$FORUMSTAT" report -q --size "$SIZE" --lang zh --db "$T/仓库 副本/forum data.db" \
    --year 2024 --out "$T/输出 目录/报告 2024") > envA.out 2>&1
exited "environment A (St_Johns, zh_CN, umask 077, cold font cache, copied warehouse, absolute paths)" $? envA.out
same "environment A: the reference's files and bytes" ref "输出 目录/报告 2024"

if [ $LIGHT = 0 ]; then
    # ------------------------------------------------------------ history 1, SOURCE_DATE_EPOCH = E1
    # The three years imported in one run, 2025 first, a file named twice;
    # the report with SOURCE_DATE_EPOCH=E1, in Shanghai, ja_JP (fontconfig's
    # default language), the warehouse from FORUMSTAT_DB, --out with a
    # trailing slash.  Its dates follow E1; with them put back, the bytes
    # are the reference's but for the Sources sheet (import numbers).
    assert_exit "history 1: the three years in one run, 2025 first, a file named twice" 0 \
        "$FORUMSTAT" import -q --db h1.db "$S/2025" "$S/2024" "$S/2023" "$S/2024/feng-2024-incidents.csv"
    assert_exit "history 1: report with SOURCE_DATE_EPOCH=$E1 (Shanghai, ja_JP, FORUMSTAT_DB)" 0 \
        env SOURCE_DATE_EPOCH=$E1 TZ=Asia/Shanghai LC_ALL=ja_JP.UTF-8 FORUMSTAT_DB=h1.db \
        "$FORUMSTAT" report -q --size "$SIZE" --year 2024 --out e1/
    assert_eq "SOURCE_DATE_EPOCH=$E1: the workbook's creation and modification times follow it" \
        "created 2023-11-14T22:13:20Z modified 2023-11-14T22:13:20Z" "$(core_dates e1 | tr '\n' ' ' | sed 's/ $//')"
    assert_eq "SOURCE_DATE_EPOCH=$E1: every PDF's CreationDate follows it" "Tue Nov 14 22:13:20 2023 UTC, 17 charts alike" "$(pdf_dates e1)"
    assert_eq "SOURCE_DATE_EPOCH=$E1: the briefing's cover says data as of 2023-11-15 (the zone's day, UTC+8)" 1 \
        "$(pdftotext -l 1 e1/briefing-2024.pdf - | grep -c '数据截至2023年11月15日')"
    assert_eq "SOURCE_DATE_EPOCH=$E1: the workbook's overview says data as of 2023-11-15" 1 \
        "$(unzip -p e1/forum-2024.xlsx xl/sharedStrings.xml | grep -c '数据截至2023-11-15')"
    assert_eq "the zip entries' times do not follow the clock: the same for both values" \
        "$("$PY" "$HELPER" zipdates ref/forum-2024.xlsx)" "$("$PY" "$HELPER" zipdates e1/forum-2024.xlsx)"
    src=$("$PY" "$HELPER" sheet ref/forum-2024.xlsx 数据来源)
    same "history 1, SOURCE_DATE_EPOCH=$E1: with its dates put back, the reference's bytes but the Sources sheet" \
        ref e1 --dates $E0 $E1 --allow "forum-2024.xlsx:$src"
    assert_grep "history 1: … whose import numbers differ" "^allowed forum-2024.xlsx:$src" "$T/diff.out"

    # ------------------------------------------------------------ history 2: many runs
    # 2023; 2024 county by county in reverse name order (Xiao's two halves
    # in one run); Feng's incidents sent again under a Chinese name; a
    # correction of Xiayi's incidents (its last record dropped) imported
    # at E2 and reverted; the 2023 import reverted and redone; 2025 at E2;
    # the whole of 2024 sent again.  Reported in environment B: Shanghai,
    # en_US (messages in English, documents in their default Chinese),
    # umask 002, --db and --out relative to another folder, and
    # SOURCE_DATE_EPOCH unset: the documents take the data's date, the
    # time of the imports of the files the report rests on (E0: neither
    # the reverted correction's nor the later year's), so their bytes are
    # the reference's.
    h() { "$FORUMSTAT" "$@" --db h2.db > /dev/null 2>> h2.err || echo "$* failed" >> h2.fail; }
    h import "$S/2023"
    for c in yucheng yongcheng xiayi xiao shan feng dangshan; do h import "$S"/2024/$c-2024*; done
    cp "$S/2024/feng-2024-incidents.csv" "丰县 重发.csv" && h import "丰县 重发.csv"
    sed '$d' "$S/2024/xiayi-2024-incidents.csv" > xiayi-corrected.csv &&
        SOURCE_DATE_EPOCH=$E2 h import xiayi-corrected.csv
    last=$("$FORUMSTAT" history --db h2.db | awk '/^import / { n = $2 } /xiayi-corrected\.csv/ { print n; exit }')
    h revert "$last"
    h revert 1
    h revert --redo 1
    SOURCE_DATE_EPOCH=$E2 h import "$S/2025"
    h import "$S/2024"
    assert_eq "history 2: every command succeeded" "" "$(cat h2.fail 2> /dev/null)"
    assert_eq "history 2: the correction was the last import (9)" 9 "$last"
    mkdir -p sub
    (cd sub && umask 002 && env -u SOURCE_DATE_EPOCH -u LC_ALL TZ=Asia/Shanghai LANG=en_US.UTF-8 \
        "$FORUMSTAT" report --size "$SIZE" --db ../h2.db --year 2024 --out "rel out/./2024/") > envB.out 2>&1
    exited "history 2, environment B (Shanghai, en_US without --lang, umask 002, relative paths, SOURCE_DATE_EPOCH unset)" $? envB.out
    assert_grep "environment B: its messages are in English" "^report 2024: metrics" envB.out
    same "history 2, environment B: the reference's files and bytes (unset: the data's date) but the Sources sheet" \
        ref "sub/rel out/2024" --allow "forum-2024.xlsx:$src"
    assert_grep "history 2: … whose import numbers differ" "^allowed forum-2024.xlsx:$src" "$T/diff.out"
    again="sub/rel out/2024"
fi

# ------------------------------------------------------------ overwrite, another build
# The reference's report again, into a folder that holds another report's
# files, from the binary clang made (build-clang/) when it is there and
# newer than every source, else from $FORUMSTAT itself.
[ $LIGHT = 1 ] && exit 0
other=""
if fresh "$ROOT/build-clang/forumstat"; then
    other="$ROOT/build-clang/forumstat"
elif ! command -v clang > /dev/null; then
    ok "# SKIP another compiler: no clang"
else
    ok "# SKIP another compiler: no build-clang/forumstat newer than the sources (make -s -j2 CC=clang BUILD=build-clang all)"
fi
bin=${other:-$FORUMSTAT}
name=${bin#"$ROOT"/}
assert_exit "the reference's report again from $name, into $again (overwriting)" 0 \
    "$bin" report -q --size "$SIZE" --db a.db --year 2024 --out "$again"
same "overwritten by $name: the reference's files and bytes, no temporary left" ref "$again"
