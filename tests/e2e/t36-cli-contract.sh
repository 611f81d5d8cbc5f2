#!/usr/bin/env bash
# t36-cli-contract — an independent check of the command-line contract
# (standard v2 §5 "what scripts rely on", and what README.md and
# docs/forumstat.1 promise about the command line), clause by clause,
# through the real binary on small files written here.  Expectations come
# from those texts, not from the program's code or its current output.
# It adds to t15, t20, t60 and t85 (which it does not repeat) what they
# leave out or check more loosely:
#
#  1. every command of `forumstat --help` is one of the man page's SYNOPSIS
#     and back; CMD --help exits 0, prints on stdout only, and lists every
#     option the man page's SYNOPSIS gives CMD; -h is --help;
#  2. exit status: 2 for wrong usage the program must catch itself (a year
#     out of 2000-2100, an option without its value, a missing required
#     option, an option of another command, a bad --size), always one
#     line saying what and "Try 'forumstat CMD --help'." with nothing on
#     stdout and nothing created; 3 for the environment (--db a folder or
#     in no folder, a warehouse missing or cut in half, --out a file,
#     --errors a folder or in no folder), nothing on stdout, no warehouse
#     created, and an import with an unwritable --errors imports nothing;
#     1 for data problems (a refused file, an empty folder, a redo of an
#     import not reverted, check's findings, migrate into a warehouse
#     holding imports) and 0 for success (a file skipped as imported
#     already included); check's findings on stdout, its count on stderr;
#  3. --errors FILE: UTF-8 BOM and the exact English header also with
#     --lang zh; one row per problem line of stderr with the same file,
#     line, spreadsheet row, column, severity, rule and message (+ " — "
#     + hint), in the chosen language (every message differs between en
#     and zh); SQLite rows as TABLE#ROWID without a line; a column named
#     as the file's own header wrote it, the standard name in brackets;
#  4. stderr holds only problems, one per line, FILE[:LINE[:COLUMN]]:
#     (error|warning) [rule] ..., even for a file whose name holds a line
#     break or values holding line breaks; stdout holds none; -q leaves
#     stdout empty;
#  5. the slice table of validate and import: tab-separated into a pipe,
#     its header line, one row per (county, year, table) of the valid
#     files with their records (a refused file left out, a year split over
#     files summed, New Year's Eve in its own year), for import before,
#     after and the change (new, replaced, unchanged, not imported), after
#     the per-file lines and before the summary;
#  6. report/check for a year without data: exit 1 naming the years held
#     (not the year of a reverted import), in English and Chinese, nothing
#     on stdout, no output folder; every import reverted: exit 1;
#  7. every hint naming a command spells it out with the --db used, quoted
#     for the shell: the hints of real failures (shrink refused, shrink
#     warned, revert twice, unknown import, no import number, a declared
#     count in history, no warehouse), in English and Chinese, for a --db
#     holding a space, a quote and a dollar sign, read back by the shell
#     and, where harmless, run as pasted; also for FORUMSTAT_DB and the
#     default ./forumstat.db;
#  8. --lang on migrate; the locale variables for commands other than
#     validate (LANG=zh without region, LC_ALL=C over LANG, LC_MESSAGES
#     over LANG); LANGUAGE has no say (the docs name only LC_ALL,
#     LC_MESSAGES and LANG);
#  9. validate writes nothing at all (no warehouse even with FORUMSTAT_DB
#     set, no temporary file); FORUMSTAT_DB replaces ./forumstat.db and
#     --db wins over it;
# 10. template: a folder holding only its workbook is refused whole
#     without --force (exit 2, naming it); an English template's examples
#     use its year.
# Left to others: unknown options and commands (t60), --lang on validate,
# import, history, revert, check, report and template and LC_ALL over LANG
# for validate (t85), report succeeding with findings (t30), a full disk
# (t71).
#
# Budget: about 80 runs of the binary, <= 8 s CPU.  In run-tests'
# sanitizer lane (RUN_TESTS_LANE=san) about 45: the usage errors and
# sections 1, 8, 9 and 10 (option parsing, texts and catalogues, file
# listings) are left out, and of section 2's environment failures and
# section 7's hints what touches no new code; the problem list, the
# stderr discipline, the slice tables, no-data and hints run.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
FS=$FORUMSTAT
REAL=${_fs_real:-$FS}
PY=/usr/bin/python3
LIGHT=0
[ "${RUN_TESTS_LANE:-}" = san ] && LIGHT=1
H='case_id,county,date_reported,category,offenses,status,date_solved'
# run_env VAR=VALUE... CMD...: a clean environment (only C.UTF-8 exists here)
run_env() { env -i PATH="$PATH" FORUMSTAT_ZONE="$FORUMSTAT_ZONE" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
                ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${LSAN_OPTIONS:+LSAN_OPTIONS=$LSAN_OPTIONS} \
                ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} "$@"; }
# usage_err DESC CMD ARGS...: exit 2, nothing on stdout, two lines on
# stderr: forumstat CMD: what, then Try 'forumstat CMD --help'.
usage_err() {
    local d=$1 c=$2; shift
    assert_exit "$d: exit 2" 2 "$FS" "$@"
    if [ ! -s "$T/out" ] && [ "$(wc -l < "$T/err")" -eq 2 ] &&
        grep -q "^forumstat $c: ." "$T/err" && [ "$(tail -1 "$T/err")" = "Try 'forumstat $c --help'." ]; then
        ok "$d: one line saying what, one naming '$c --help', stdout empty"
    else
        nok "$d: one line saying what, one naming '$c --help', stdout empty" \
            "stdout: $(head -c 200 "$T/out")" "stderr: $(head -3 "$T/err")"
    fi
}
# env_err DESC ARGS...: exit 3, nothing on stdout, a message on stderr
env_err() {
    local d=$1; shift
    assert_exit "$d: exit 3" 3 "$FS" "$@"
    if [ ! -s "$T/out" ] && grep -q '^forumstat [a-z]*: .' "$T/err"; then ok "$d: says why on stderr, stdout empty"
    else nok "$d: says why on stderr, stdout empty" "stdout: $(head -c 200 "$T/out")" "stderr: $(head -3 "$T/err")"; fi
}
# problem lines of a stderr file (the standard's prefix, then the rule)
PROB='^.+: (error|warning) \[[a-z_]+(\.[a-z_]+)*\] '

# ------------------------------------------------------------- fixtures
mkdir d
{ echo "$H"; echo "S-1,341322,2024-01-05,05,1,open,"; echo "S-2,341322,2024-02-05,05,1,open,"
  echo "S-9,320321,2023-12-31,05,1,open,"; } > d/inc1.csv
{ echo "$H"; echo "S-3,341322,2024-07-05,05,2,open,"; } > d/inc2.csv
{ echo "$H"; echo "S-4,371722,2024-07-05,05,1,open,"; echo "S-5,371722,2024-07-41,05,1,open,"; } > d/refused.csv
printf '%s\n' dispute_id,county,date_received,type,level,outcome D-1,341322,2024-05-01,family,village,pending > d/dis.csv
# a messy set for the problem list: English header with an unknown column
# and a blank row, a Chinese header, a quoted value holding line breaks
# (record line != spreadsheet row), an SQLite file, a name with a newline
mkdir m
{ echo "$H,序号"; echo "M-1,341321,2024-03-01,05,1,open,,1"; echo "M-2,341321,2024-03-02,,1,open,,2"
  echo ",,,,,,,"; } > m/en.csv
printf '%s\n' 案件编号,县区代码,立案日期,案件类别,起数,状态 'Z-1,341321,2024-03-01,99,1,在侦' > m/zh.csv
printf '%s\n' "$H" 'L-1,341321,2024-03-01,"0' '5",1,open,' 'L-2,341321,2024-03-01,05,1,"op' 'en",' > m/ml.csv
sqlite3 m/sq.db "CREATE TABLE incidents(case_id, county, date_reported, category, offenses, status);
  INSERT INTO incidents VALUES ('Q1', 341321, '2024-02-30', '05', 1, 'open');"
NLNAME=m/new$'\n'line.csv
{ echo "$H"; echo "N-1,341321,2024-02-30,05,1,open,"; } > "$NLNAME"

# ============================================ 1. help, -h and the man page
if [ $LIGHT = 0 ]; then
    assert_exit "forumstat --help exits 0" 0 "$FS" --help
    assert_eq "forumstat --help: nothing on stderr" "" "$(cat "$T/err")"
    cmds=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' "$T/out" | sort | tr '\n' ' ')
    man_cmds=$(sed -n 's/^\.SY "forumstat \([a-z]*\)"$/\1/p' "$ROOT/docs/forumstat.1" | sort -u | tr '\n' ' ')
    assert_eq "the commands of --help are those of the man page's SYNOPSIS" "$man_cmds" "$cmds"
    for c in $cmds; do
        "$FS" "$c" --help > "help-$c.out" 2> "help-$c.err"; rc=$?
        assert_eq "$c --help exits 0" 0 $rc
        if [ -s "help-$c.out" ] && [ ! -s "help-$c.err" ]; then ok "$c: --help on stdout, nothing on stderr"
        else nok "$c: --help on stdout, nothing on stderr" "$(head -2 "help-$c.err")"; fi
        # every option of the command's SYNOPSIS lines in the man page
        opts=$(awk -v c="$c" '$0 == ".SY \"forumstat " c "\"" { on = 1; next } /^\.YS/ { on = 0 }
                   on && /^\.(OP|BI|B) / { print $2 }' "$ROOT/docs/forumstat.1" | sed 's/\\-/-/g' | sort -u)
        missing=""
        for o in $opts; do grep -qF -- "$o" "help-$c.out" || missing="$missing $o"; done
        assert_eq "$c --help lists every option of its man-page synopsis ($(echo "$opts" | tr '\n' ' '))" "" "$missing"
    done
    # -h (the man page: every command takes it)
    assert_exit "import -h exits 0" 0 "$FS" import -h
    if cmp -s "$T/out" help-import.out && [ ! -s "$T/err" ]; then ok "... the text of --help, nothing on stderr"
    else nok "... the text of --help, nothing on stderr"; fi
fi

# ======================================================= 2. exit status
# -------- wrong usage (2): the program's own checks, beyond unknown options
if [ $LIGHT = 0 ]; then
    usage_err "validate --year 1999 (below 2000)" validate --year 1999 d/inc2.csv
    usage_err "validate --year with no value" validate d/inc2.csv --year
    usage_err "validate --county of no member county" validate --county 999999 d/inc2.csv
    usage_err "validate --db (an import option)" validate --db x.db d/inc2.csv
    usage_err "import --year 2101" import --db u.db --year 2101 d/inc2.csv
    usage_err "check without --year" check --db u.db
    usage_err "report without --out" report --db u.db --year 2024
    usage_err "report --size 10x" report --db u.db --year 2024 --out r0 --size 10x
    usage_err "template without --county" template --year 2024 --out t0
    usage_err "migrate without --to" migrate
    assert "no usage error created a warehouse, report or template folder" test ! -e u.db -a ! -e r0 -a ! -e t0 -a ! -e x.db
fi

# -------- environment (3)
mkdir adir; echo x > afile
if [ $LIGHT = 0 ]; then
    env_err "import --db a folder" import --db adir d/inc2.csv
    env_err "check --db a warehouse that does not exist" check --db none.db --year 2024
    env_err "revert --db a warehouse that does not exist" revert --db none.db 1
    assert "... neither made the missing warehouse" test ! -e none.db
    env_err "import --db in a folder that does not exist" import --db nodir/w.db d/inc2.csv
fi
env_err "template --out a file" template --county 341321 --year 2024 --out afile
env_err "validate --errors a folder" validate --errors adir d/inc2.csv
env_err "import --errors a folder" import --db e.db --errors adir d/inc2.csv
assert "... and nothing was imported: no warehouse was even made" test ! -e e.db
env_err "import --errors in a folder that does not exist" import --db e.db --errors nodir/p.csv d/inc2.csv
assert "... nor here" test ! -e e.db

# -------- data problems (1) and success (0)
DB="$T/w.db"
assert_exit "import of a folder with a refused file: exit 1" 1 "$FS" import --db "$DB" d
assert_exit "import of good files: exit 0" 0 "$FS" import -q --db "$DB" d/inc1.csv
if [ $LIGHT = 0 ]; then
    assert_exit "validate of good files: exit 0" 0 "$FS" validate -q d/inc1.csv d/dis.csv
    mkdir empty
    assert_exit "validate of a folder with nothing to read: exit 1" 1 "$FS" validate empty
    assert_exit "history -q: exit 0" 0 "$FS" history -q --db "$DB"
    assert_grep "... the import listed" 'inc1\.csv' "$T/out"
    assert_nogrep "... without the summary line" '^history: ' "$T/out"
    assert_exit "revert --redo of an import not reverted: exit 1" 1 "$FS" revert --db "$DB" --redo 1
    assert_exit "migrate --to a new file: exit 0" 0 "$FS" migrate -q --to m.db
    assert_exit "migrate into a warehouse holding imports: exit 1" 1 "$FS" migrate -q --from m.db --to "$DB"
    # migrate has --from and --to, no --db: its messages name its own options
    assert_exit "migrate --from a missing warehouse: exit 3" 3 "$FS" migrate --from nope.db --to m2.db
    assert_grep "... naming --from" 'no warehouse nope\.db to copy: .*--from PATH' "$T/err"
    assert_nogrep "... not --db" '\-\-db PATH|forumstat import' "$T/err"
    assert "... and nothing made" test ! -e m2.db
    assert_exit "migrate --from a mistyped URI: exit 2" 2 "$FS" migrate --from postgresq://h/d --to m2.db
    assert_grep "... naming --from" '^forumstat migrate: --from names a database URI' "$T/err"
    assert_exit "template: exit 0" 0 "$REAL" template -q --county 341321 --year 2024 --out tpl
fi
# findings: a cross-regional case the named county has not recorded
printf '%s\n' 'case_id,county,date_reported,category,offenses,status,cross_ref,counties_involved' \
    'F-1,341321,2024-03-01,05,1,open,XR-1,371722' 'F-2,371722,2024-03-01,05,1,open,,' > f.csv
assert_exit "import of a case its other county has not recorded" 0 "$FS" import -q --db f.db f.csv
head -c "$(($(stat -c %s f.db) / 2))" f.db > half.db
env_err "report of a warehouse cut to half its size" report --db half.db --year 2024 --out r3
assert "... and no output folder" test ! -e r3
assert_exit "check with findings: exit 1" 1 "$FS" check --db f.db --year 2024
assert_grep "... the finding on stdout" '^XR-1: unconfirmed: ' "$T/out"
assert_nogrep "... and nothing else there" '^check |^forum |records for' "$T/out"
assert_grep "... the count on stderr" '^check 2024: 1 finding' "$T/err"
assert_exit "check -q with findings: exit 1" 1 "$FS" check -q --db f.db --year 2024
assert_eq "check -q: the findings only on stdout, nothing on stderr" "1|" "$(grep -c ': unconfirmed: ' "$T/out")|$(cat "$T/err")"
# (report succeeding with findings: t30)

# ================================================== 3. --errors FILE
# (--lang zh first, the header must stay English; then en)
"$FS" validate --lang zh --errors pz.csv m > vz.out 2> vz.err; rcz=$?
"$FS" validate --lang en --errors pe.csv m > ve.out 2> ve.err; rce=$?
assert_eq "the messy folder is refused in both languages (exit 1)" "1 1" "$rcz $rce"
for lg in z e; do
    assert_eq "--errors ($lg): BOM and the exact header" \
        $'\xEF\xBB\xBFfile,line,row,column,column_name,severity,rule,message' "$(head -1 p$lg.csv | tr -d '\r')"
done
"$PY" - pe.csv ve.err pz.csv vz.err > pcheck.txt <<'PY'
import csv, re, sys
PROB = re.compile(r"^(.+): (error|warning) \[([a-z_.]+)\] (.*)$")
def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
def probs(path):
    out = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = PROB.match(line)
        if m:
            out.append(m.groups())
    return out
said = []
def check(desc, cond):
    said.append(("ok" if cond else "FAIL") + " " + desc)
msgs = {}
for lang, (csvf, errf) in (("en", sys.argv[1:3]), ("zh", sys.argv[3:5])):
    head, body = rows(csvf)
    p = probs(errf)
    check(f"{lang}: one CSV row per problem line of stderr ({len(body)} rows, {len(p)} lines)",
          len(body) == len(p) and len(p) >= 8)
    check(f"{lang}: every row has the 8 columns", all(len(r) == 8 for r in body))
    bad = []
    for r, (where, sev, rule, text) in zip(body, p):
        file, line, row, col, colname, rsev, rrule, msg = (r + [""] * 8)[:8]
        safe = lambda s: "".join("?" if ord(ch) < 32 else ch for ch in s)
        if "#" in row:      # SQLite: TABLE#ROWID and the column's name, no line
            want = f"{safe(file)}:{row}:{colname}" if colname else f"{safe(file)}:{row}"
            if line or col:
                bad.append(("sqlite row with a line", r))
        else:
            want = safe(file) + (f":{line}" if line else "") + (f":{col}" if col else "")
        m = re.match(r"^(spreadsheet row (\d+): |表格第 (\d+) 行：)(.*)$", text)
        shown_row = (m.group(2) or m.group(3)) if m else None
        if m:
            text = m.group(4)
        if where != want or sev != rsev or rule != rrule or text != safe(msg):
            bad.append((where, want, sev, rsev, rule, rrule, text[:60], msg[:60]))
        if line and "#" not in row and (row != (shown_row or line)):
            bad.append(("row", line, row, shown_row))
        msgs.setdefault((where, rule), {})[lang] = msg
    check(f"{lang}: each row has the place, severity, rule and message of its stderr line "
          f"(message and hint; the spreadsheet row in its column): {bad[:2]}", not bad)
    check(f"{lang}: the record whose line differs from its spreadsheet row has both",
          any(r[0] == "m/ml.csv" and r[1] == "4" and r[2] == "3" for r in body))
    check(f"{lang}: an SQLite problem is located by TABLE#ROWID, without a line",
          any(r[0] == "m/sq.db" and r[2] == "incidents#1" and r[1] == "" for r in body))
    check(f"{lang}: the file with a line break in its name keeps its name in the CSV",
          any(r[0] == "m/new\nline.csv" for r in body))
    zr = [r for r in body if r[0] == "m/zh.csv" and r[6] == "value.enum"]
    check(f"{lang}: a Chinese header's column named as the file wrote it (案件类别), in the "
          f"column_name and in the message with the standard name in brackets: {zr[:1]}",
          len(zr) == 1 and zr[0][4].startswith("案件类别") and "案件类别 (category)" in zr[0][7])
same = [k for k, v in msgs.items() if v.get("en") == v.get("zh")]
check(f"every message differs between en and zh (the chosen language): {same[:2]}",
      not same and all(len(v) == 2 for v in msgs.values()))
print("\n".join(said))
PY
while read -r verdict desc; do
    if [ "$verdict" = ok ]; then ok "--errors: $desc"; else nok "--errors: $desc"; fi
done < pcheck.txt
assert "the problem list's checks ran" test "$(wc -l < pcheck.txt)" -ge 13

# ============================== 4. stderr: one problem per line; stdout
for lg in e z; do
    np=$(grep -cE "$PROB" v$lg.err)
    assert_eq "stderr ($lg): every line is one problem, FILE[:LINE[:COLUMN]]: severity [rule]" \
        "$(wc -l < v$lg.err)" "$np"
done
assert_grep "a file named with a line break: its problems on one line each" \
    '^m/new\?line\.csv:2:3: error \[value\.date_invalid\] ' ve.err
assert_grep "a value with a line break: on the line of its record" "^m/ml\\.csv:2:4: error \\[value\\.enum\\] category: '0.5'" ve.err
assert_nogrep "stdout holds no problem" ': (error|warning) \[' ve.out
assert_exit "validate -q of the messy folder" 1 "$FS" validate -q m
assert_eq "validate -q: nothing on stdout" "" "$(cat "$T/out")"
assert_exit "import -q of a refused file" 1 "$FS" import -q --db q.db d/refused.csv
assert_eq "import -q: nothing on stdout" "" "$(cat "$T/out")"

# ======================================= 5. the slice tables, for scripts
assert_exit "validate of the folder (one file refused)" 1 "$FS" validate d
TAB=$'\t'
assert_eq "validate: the header line of the slice table, tab-separated" \
    "county${TAB}year${TAB}table${TAB}records" "$(grep -m1 '^county' "$T/out")"
assert_eq "validate: one row per county, year and table of the valid files (split year summed, New Year's Eve in 2023, the refused file left out)" \
    "320321${TAB}2023${TAB}incidents${TAB}1
341322${TAB}2024${TAB}disputes${TAB}1
341322${TAB}2024${TAB}incidents${TAB}3" \
    "$(grep -E '^[0-9]{6}'"$TAB" "$T/out" | sort)"
assert_grep "validate: the summary is the last line, after the table" '^validate: 4 files, 3 valid, 1 refused' <(tail -1 "$T/out")
assert "validate: the table comes after the per-file lines" \
    test "$(grep -n '^county' "$T/out" | cut -d: -f1)" -gt "$(grep -n '^d/refused\.csv: ' "$T/out" | cut -d: -f1)"
mkdir run2
{ echo "$H"; echo "S-1,341322,2024-01-05,05,1,open,"; echo "S-2,341322,2024-02-05,05,1,open,"; echo "S-3,341322,2024-07-05,05,2,open,"
  echo "S-6,341322,2024-08-05,05,1,open,"; } > run2/inc.csv
cp d/dis.csv run2/dis.csv
printf '%s\n' "$H" "B-1,411481,2024-09-09,05,1,open," > run2/yc.csv
# w.db holds inc1.csv (import 1) and the first run's files
assert_exit "import: a replaced slice, an unchanged one, a new one" 0 "$FS" import --db "$DB" run2
assert_eq "import: the header line (before, after, change)" \
    "county${TAB}year${TAB}table${TAB}records${TAB}before${TAB}after${TAB}change" "$(grep -m1 '^county' "$T/out")"
assert_eq "import: records in the files, before and after in the warehouse, the change" \
    "341322${TAB}2024${TAB}disputes${TAB}1${TAB}1${TAB}1${TAB}unchanged
341322${TAB}2024${TAB}incidents${TAB}4${TAB}3${TAB}4${TAB}replaced
411481${TAB}2024${TAB}incidents${TAB}1${TAB}0${TAB}1${TAB}new" \
    "$(grep -E '^[0-9]{6}'"$TAB" "$T/out" | sort)"
assert_grep "import: the summary last" '^import: 3 files, 2 imported, ' <(tail -1 "$T/out")
printf '%s\n' "$H" "S-1,341322,2024-01-05,05,1,open," > shrink.csv
assert_exit "import refused as a whole (a slice of 4 would keep 1)" 1 "$FS" import --db "$DB" shrink.csv
assert_eq "import refused: the row says 'not imported', the warehouse's counts unchanged" \
    "341322${TAB}2024${TAB}incidents${TAB}1${TAB}4${TAB}4${TAB}not imported" "$(grep -E '^[0-9]{6}'"$TAB" "$T/out")"

# ================================== 6. report/check for a year without data
mkdir nd1 nd2
printf '%s\n' "$H" 'A-1,341321,2023-03-01,05,1,open,' > nd1/y23.csv
printf '%s\n' "$H" 'A-2,341321,2025-03-01,05,1,open,' > nd2/y25.csv
printf '%s\n' county,year,indicator,value 341321,2022,population,980000 > nd2/i22.csv
"$FS" import -q --db nd.db nd1 > /dev/null 2>&1
"$FS" import -q --db nd.db nd2 > /dev/null 2>&1
"$FS" revert --db nd.db 1 > /dev/null 2>&1 # 2023 is no longer held
assert_exit "check for 2023 (its only import reverted): exit 1" 1 "$FS" check --db nd.db --year 2023
assert_grep "... naming the years held, 2023 not among them" '2023.*\(years held: 2022, 2025\)$' "$T/err"
assert_eq "... nothing on stdout" "" "$(cat "$T/out")"
assert_exit "report --lang zh for 2023: exit 1" 1 "$FS" report --lang zh --db nd.db --year 2023 --out nd-r
assert_grep "... naming the years held, in Chinese" '2023.*（已有年度：2022, 2025）$' "$T/err"
assert_eq "... nothing on stdout, no output folder" "|no" "$(cat "$T/out")|$(test -e nd-r && echo yes || echo no)"
"$FS" revert --db nd.db 2 > /dev/null 2>&1
assert_exit "report of a warehouse whose every import is reverted: exit 1" 1 "$FS" report --db nd.db --year 2025 --out nd-r
assert_grep "... saying it holds no records" 'holds no records' "$T/err"

# ===================== 7. hints name the command in full, with the --db used
mkdir -p "w d"
W="$T/w d/it's \$x.db"
# hint_words FILE CMD: the words after "forumstat CMD" in the first hint of
# FILE naming it, up to the closing bracket, as the shell reads them
hint_words() {
    local line rest
    line=$(grep -m1 -o "forumstat $2 --db .*" "$1") || return 1
    rest=${line#forumstat "$2" }
    rest=${rest%%[\)）]*}
    rest=${rest//|/ } # FILE|DIR...: a placeholder, not a pipe
    eval "hint=($rest)"
}
# hint_db DESC FILE CMD: the hint's --db word is the warehouse used
hint_db() {
    local hint=()
    if hint_words "$2" "$3" && [ "${hint[0]}" = --db ] && [ "${hint[1]}" = "$W" ]; then ok "$1"
    else nok "$1" "hint: $(grep -m1 -o "forumstat $3 .*" "$2")" "wanted --db $W"; fi
}
# hint_run DESC FILE CMD WANT: the hint, pasted into the shell, exits WANT
hint_run() {
    local hint=()
    if hint_words "$2" "$3" && [ "${hint[1]}" = "$W" ]; then
        "$FS" "$3" "${hint[@]}" > hint.out 2> hint.err; local rc=$?
        if [ $rc -eq "$4" ]; then ok "$1"; else nok "$1" "forumstat $3 ${hint[*]}: exit $rc" "$(head -2 hint.err)"; fi
    else
        nok "$1" "hint: $(grep -m1 -o "forumstat $3 .*" "$2")" "wanted --db $W"
    fi
}
{ echo "$H"; for i in 1 2 3 4 5 6; do echo "X-$i,341322,2025-03-0$i,05,1,open,"; done; } > six.csv
{ echo "$H"; echo "X-1,341322,2025-03-01,05,1,open,"; } > "one x.csv"
printf '%s\n' county,year,indicator,value 341321,2025,declared_incidents,3 > decl.csv
assert_exit "hints: import six records" 0 "$FS" import -q --db "$W" six.csv
for lg in zh en; do
    assert_exit "shrink refused ($lg): exit 1" 1 "$FS" import --lang $lg --db "$W" "one x.csv"
    cp "$T/err" "shrink-$lg.err"
    hint_db "shrink refused ($lg): the --allow-shrink command names the warehouse, quoted" "shrink-$lg.err" import
done
assert_exit "revert of no such import (en)" 1 "$FS" revert --lang en --db "$W" 42
hint_run "revert of no such import (en): 'forumstat history --db ...' pasted works" "$T/err" history 0
assert_exit "revert with no number (zh)" 2 "$FS" revert --lang zh --db "$W"
hint_db "revert with no number (zh): its history hint names the warehouse" "$T/err" history
assert_exit "check of a warehouse not there (zh)" 3 "$FS" check --lang zh --db "$W.not" --year 2025
W="$W.not" hint_db "check of a warehouse not there (zh): the import hint names it" "$T/err" import
hint_run "shrink refused: the --allow-shrink command pasted imports the file" shrink-en.err import 0
assert_grep "... and warns of the shrink" '\[import\.shrink\]' hint.err
cp hint.err shrink-warn.err
hint_run "the shrink warning's revert command pasted works" shrink-warn.err revert 0
assert_exit "revert of that import again (zh)" 1 "$FS" revert --lang zh --db "$W" 2
hint_run "revert twice (zh): the --redo command pasted works" "$T/err" revert 0
assert_exit "declared 3 incidents of 341321 for 2025, none held" 0 "$FS" import -q --db "$W" decl.csv
assert_exit "history --lang zh" 0 "$FS" history --lang zh --db "$W"
hint_db "history (zh): the declared count's check command names the warehouse" "$T/out" check
assert_exit "history --lang en" 0 "$FS" history --lang en --db "$W"
hint_run "history (en): the declared count's check command pasted finds it (exit 1)" "$T/out" check 1
if [ $LIGHT = 0 ]; then
    # the default warehouse and FORUMSTAT_DB: the hint names the one used
    mkdir dflt
    (cd dflt && "$FS" revert 9) > /dev/null 2> dflt.err
    W=forumstat.db hint_db "default warehouse (none yet): the hint names it, --db forumstat.db" dflt.err import
    assert "... and revert made none" test ! -e dflt/forumstat.db
    FORUMSTAT_DB=$W "$FS" revert 9 > /dev/null 2> envdb.err
    hint_db "FORUMSTAT_DB: the hint names that warehouse" envdb.err history
fi

# ================================================= 8. --lang everywhere
if [ $LIGHT = 0 ]; then
    assert_exit "migrate --lang zh" 0 "$FS" migrate --lang zh --to mz.db
    assert_grep "migrate: its line in Chinese" '数据仓库' "$T/out"
    # the locale variables, for other commands than validate
    assert_exit "LANGUAGE=en LANG=zh_CN.UTF-8: history with a bad option" 2 \
        run_env LANGUAGE=en_US:en LANG=zh_CN.UTF-8 "$FS" history --bogus
    assert_grep "... Chinese: LANGUAGE is not one of the variables the docs name" '^请运行“forumstat history --help”' "$T/err"
    assert_exit "LC_ALL=C LANG=zh_CN.UTF-8: check without --year" 2 run_env LC_ALL=C LANG=zh_CN.UTF-8 "$FS" check
    assert_grep "... English: LC_ALL is set and does not start with zh" "^Try 'forumstat check --help'\\.$" "$T/err"
    assert_exit "LC_MESSAGES=zh_CN.UTF-8 LANG=C.UTF-8: report of no warehouse" 3 \
        run_env LC_MESSAGES=zh_CN.UTF-8 LANG=C.UTF-8 "$FS" report --db none.db --year 2024 --out nw
    assert_grep "... Chinese" '数据仓库' "$T/err"
    assert_exit "LANG=zh (no region): revert of no such import" 1 run_env LANG=zh "$FS" revert --db "$DB" 77
    assert_grep "... Chinese" '没有第 77 次导入' "$T/err"
fi

# ======================== 9. validate writes nothing; the default warehouse
if [ $LIGHT = 0 ]; then
    mkdir quiet && cp d/inc1.csv quiet/
    before=$(cd quiet && ls -A)
    (cd quiet && FORUMSTAT_DB=$PWD/env.db "$FS" validate inc1.csv . > /dev/null 2>&1)
    assert_eq "validate wrote nothing: no warehouse (FORUMSTAT_DB set), no temporary file" "$before" "$(cd quiet && ls -A)"
    mkdir here
    (cd here && FORUMSTAT_DB=env.db "$FS" import -q ../d/dis.csv > /dev/null 2>&1)
    assert_eq "FORUMSTAT_DB replaces ./forumstat.db" "env.db" "$(cd here && ls)"
    (cd here && FORUMSTAT_DB=env.db "$FS" import -q --db given.db ../d/inc2.csv > /dev/null 2>&1)
    assert_eq "--db wins over FORUMSTAT_DB" "env.db given.db" "$(cd here && echo *)"
fi

# ============================================================ 10. template
if [ $LIGHT = 0 ]; then
    mkdir only
    cp tpl/template-341321-2024.xlsx only/
    sum=$(sha256sum only/template-341321-2024.xlsx)
    assert_exit "template into a folder holding only its workbook: refused" 2 "$REAL" template --county 341321 --year 2024 --out only
    assert_eq "... nothing written, the workbook untouched" "template-341321-2024.xlsx|$sum" "$(ls only)|$(sha256sum only/template-341321-2024.xlsx)"
    assert_grep "... naming the file and --force" 'template-341321-2024\.xlsx.*--force' "$T/err"
    assert_exit "template --lang en for 2031 (--force into a new folder)" 0 "$REAL" template -q --force --lang en --county 411481 --year 2031 --out t31
    assert_eq "the English dictionary's example dates are all of 2031" 2031 \
        "$(grep -aoE '\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b' t31/dictionary-411481-2031.csv | cut -c1-4 | sort -u)"
    assert_eq "the indicators template's rows are all of 2031" 2031 \
        "$(tail -n +2 t31/411481-2031-indicators.csv | cut -d, -f2 | tr -d '\r' | sort -u)"
fi
