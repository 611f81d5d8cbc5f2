#!/usr/bin/env bash
# t75-fuzz-regressions — the bugs the fuzzers found (fuzz/crashers/), seen
# through the real binary: each must stay fixed.
. "$(dirname "$0")/lib.sh"
cd "$T"
C="$ROOT/fuzz/crashers"
good() { printf 'case_id,county,date_reported,category,offenses,status\nG%s,341321,2024-05-20,05,1,open\n' "$1" > "$2"; }

# 1. A header without a required column used to let its rows through as
#    records; storing them broke a NOT NULL constraint, which stopped the
#    whole run ("data problems while importing ..."): later files were never
#    read.  (fuzz/crashers/csv/missing-required-column.csv)
good 1 z-good.csv
assert_exit "a file lacking a required column is refused, the run goes on" 1 \
    "$FORUMSTAT" import --db w.db "$C/csv/missing-required-column.csv" z-good.csv
assert_grep "the missing column is reported once" 'missing-required-column\.csv:1: error \[header\.required\] .*status' "$T/err"
assert_nogrep "no SQL constraint message" 'constraint|data problems while' "$T/err"
assert_grep "the later file is imported" 'z-good\.csv: valid, 1 record ' "$T/out"
assert_eq "the later file's record is live" 1 "$(sqlite3 w.db "SELECT count(*) FROM live_incidents WHERE case_id = 'G1'")"

# 2. SQLite answers some damaged files with "out of memory" (a length in the
#    file beyond anything it allocates); that stopped the run as if the
#    machine had run out of memory (exit 3).  Now: the file is refused as
#    damaged, the run goes on.  (fuzz/crashers/sqlite/*.db)
for f in "$C"/sqlite/*.db; do
    name=$(basename "$f")
    good 2 z-good2.csv
    assert_exit "$name: refused as a damaged file (exit 1), not an environment failure" 1 \
        "$FORUMSTAT" import --db w2.db "$f" z-good2.csv
    assert_grep "$name: reported as damaged" "$name: error \\[sqlite\\.damaged\\]" "$T/err"
    assert_nogrep "$name: no 'out of memory'" 'out of memory' "$T/err"
    assert_grep "$name: the later file is imported" 'z-good2\.csv: valid, 1 record ' "$T/out"
    rm -f w2.db w2.db-wal w2.db-shm
done

# 3. A workbook whose ZIP directory sends libzip to seek past anything a
#    file can hold (EFBIG) was reported as "disk full" (exit 3) and stopped
#    the run.  Now: refused as a damaged workbook, the run goes on.
#    (fuzz/crashers/xlsx/seek-past-any-file-efbig.xlsx)
good 3 z-good3.csv
assert_exit "a workbook with an impossible seek: refused (exit 1), not an environment failure" 1 \
    "$FORUMSTAT" import --db w3.db "$C/xlsx/seek-past-any-file-efbig.xlsx" z-good3.csv
assert_grep "… reported as damaged" 'seek-past-any-file-efbig\.xlsx: error \[xlsx\.damaged\]' "$T/err"
assert_nogrep "… no 'disk full'" 'disk full' "$T/err"
assert_grep "… the later file is imported" 'z-good3\.csv: valid, 1 record ' "$T/out"

# 4. Messages echo county data: personal numbers are masked, control
#    characters and broken UTF-8 in SQLite names are shown as '?'.
#    (fuzz/crashers/sqlite/personal-number-table-name.sql)
sqlite3 names.db < "$C/sqlite/personal-number-table-name.sql"
"$FORUMSTAT" validate names.db > /dev/null 2> names.err
assert_nogrep "a table named by a mobile number is not echoed" '13812345678' names.err
sqlite3 ctl.db "CREATE TABLE incidents(case_id, county, date_reported, category, offenses, status, \"a$(printf '\033')[2Jb\");
    INSERT INTO incidents VALUES ('A1', '341321', '2024-05-20', '05', 1, 'open', 1);"
"$FORUMSTAT" validate ctl.db > /dev/null 2> ctl.err
assert_grep "a column name with an escape sequence is shown with '?'" "column 'a\\?\\[2Jb'" ctl.err
