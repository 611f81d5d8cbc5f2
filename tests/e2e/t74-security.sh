#!/usr/bin/env bash
# t74-security — what a hostile or careless county file must never do:
#  - paths: values that look like paths (../../etc/x, /tmp/x, C:\x) in CSV
#    cells, SQLite table and column names are data only; no file is made
#    from them; every output name comes from the fixed list, codes and the
#    year (report/figures/report_out.c, report/briefing/deck_step.c, report/workbook/workbook.c
#    build their paths from --out, fixed stems and the year only);
#  - privacy: resident identity and mobile numbers in free text, from CSV
#    and from SQLite, refuse the record, and the numbers appear in no
#    output and no message: stdout, stderr, the county's error CSV, the
#    warehouse file and its WAL, the report;
#  - terminal control: control characters in a value never reach stderr.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
tag="fs-pwn-$$"
H='case_id,county,date_reported,category,subcategory,offenses,status,cross_ref,counties_involved'

# ------------------------------------------------------------------ paths
mkdir -p deep/a/b && cd deep/a/b
{ echo "$H"
  echo "../../$tag-1,341321,2024-05-20,05,../../../$tag-2,1,open,/tmp/$tag-3,371722"
  echo "P2,341321,2024-05-21,05,/tmp/$tag-4/x,1,open,,"
  echo "P3,341321,2024-05-22,05,C:\\$tag-5\\x,1,open,..\\..\\$tag-6,320321"
} > paths.csv
sqlite3 paths.db "CREATE TABLE incidents(case_id, county, date_reported, category, offenses, status, \"../../$tag-7\");
    INSERT INTO incidents VALUES ('../$tag-8', '341322', '2024-06-01', '05', 1, 'open', 'x');
    CREATE TABLE \"../../$tag-9\"(x);"
assert_exit "path-like values import (they are valid data)" 0 "$FORUMSTAT" import -q --db ../../../w.db --errors ../../../errors.csv paths.csv paths.db
assert_exit "report over them" 0 "$FORUMSTAT" report -q --db ../../../w.db --year 2024 --out ../../../rep
assert_exit "validate with an error list" 0 "$FORUMSTAT" validate -q --errors ../../../v.csv paths.csv paths.db
cd "$T"
made=$( { find "$T" / -maxdepth 1 -name "$tag*"; find "$T" /tmp /etc -maxdepth 3 -name "*$tag*" 2>/dev/null; } | sort -u)
assert_eq "no file or folder is named after a value" "" "$made"
unexpected=$(cd rep && find . -type f | grep -vE '^\./(metrics|findings|cross-cases)-2024\.csv$|^\./metrics-dictionary\.csv$|^\./forum-2024\.xlsx$|^\./briefing-2024\.pdf$|^\./charts/[0-9]{2}[a-z]?-[a-z-]+\.(png|svg|pdf)$' || true)
assert_eq "every report output has a fixed name" "" "$unexpected"
assert_eq "the path-like identifiers are stored as data" 2 \
    "$(sqlite3 w.db "SELECT count(*) FROM incidents WHERE case_id LIKE '%$tag%'")"

# ---------------------------------------------------------------- privacy
ID=110105194912310021 ID2=32032119800101123X MOB=13912345678 MOB2=15987654321
{ echo "$H"
  echo "A1,341321,2024-05-20,05,嫌疑人身份证$ID,1,open,,"
  echo "A2,341321,2024-05-20,05,联系电话 ${MOB:0:3}-${MOB:3:4}-${MOB:7:4},1,open,,"
  echo "A3,341321,2024-05-20,05,报案人 ${MOB2:0:3} ${MOB2:3:4} ${MOB2:7:4},1,open,,"
  echo "A4,341321,2024-05-20,05,证件 ${ID2},1,open,,"
  echo "A5,341321,2024-05-20,05,电话１３７００００１１１１,1,open,,"
  echo "A6,$MOB,2024-05-20,05,x,1,open,,"
  echo "A7,341321,2024-05-20,05,x,1,open,KQ-1,$ID"
} > private.csv
sqlite3 private.db "CREATE TABLE incidents(case_id, county, date_reported, category, offenses, status, subcategory, \"$ID\");
    INSERT INTO incidents VALUES ('B1', '341321', '2024-05-20', '05', 1, 'open', '身份证号$ID', 'x');
    INSERT INTO incidents VALUES ('B2', '341321', '2024-05-20', '05', 1, 'open', '手机$MOB2', 'x');
    CREATE TABLE \"$MOB\"(x);"
before=$(sqlite3 w.db "SELECT count(*) FROM incidents")
"$FORUMSTAT" import --db w.db --errors private-errors.csv private.csv private.db > out.txt 2> err.txt
assert_eq "files with personal numbers are refused (exit 1)" 1 "$?"
assert_grep "the identity number is reported (CSV)" 'private\.csv:2:5: error \[privacy\.id_number\]' err.txt
assert_grep "the hyphenated mobile number is reported (CSV)" 'private\.csv:3:5: error \[privacy\.mobile\]' err.txt
assert_grep "the spaced mobile number is reported (CSV)" 'private\.csv:4:5: error \[privacy\.mobile\]' err.txt
assert_grep "an identity number ending in X is reported (CSV)" 'private\.csv:5:5: error \[privacy\.id_number\]' err.txt
assert_grep "a full-width mobile number is reported (CSV)" 'private\.csv:6:5: error \[privacy\.mobile\]' err.txt
assert_grep "the identity number is reported (SQLite)" 'private\.db:incidents#1:subcategory: error \[privacy\.id_number\]' err.txt
assert_grep "the mobile number is reported (SQLite)" 'private\.db:incidents#2:subcategory: error \[privacy\.mobile\]' err.txt
assert_eq "nothing of the refused files reached the warehouse" "$before" "$(sqlite3 w.db "SELECT count(*) FROM incidents")"
"$FORUMSTAT" validate --errors private-v.csv private.csv private.db > vout.txt 2> verr.txt
assert_exit "report after the refusal" 0 "$FORUMSTAT" report -q --db w.db --year 2024 --out rep2
sqlite3 w.db 'PRAGMA wal_checkpoint(PASSIVE)' > /dev/null
leaks=""
for n in "$ID" "$ID2" "$MOB" "$MOB2" 1370000111 "１３７００００１１１１"; do
    # every variant a message could carry: as written, without separators
    for f in out.txt err.txt private-errors.csv vout.txt verr.txt private-v.csv w.db w.db-wal $(find rep2 -type f); do
        [ -f "$f" ] || continue
        if grep -aqF -- "$n" "$f" || grep -aqF -- "${n:0:3}-${n:3:4}-${n:7:4}" "$f" ||
           grep -aqF -- "${n:0:3} ${n:3:4} ${n:7:4}" "$f"; then leaks="$leaks $n@$f"; fi
    done
done
assert_eq "no personal number in any output, message, error list or the warehouse" "" "$leaks"
assert_grep "the county-code cell with a mobile number is named, masked" "private\\.csv:7:2: error \\[value\\.county\\] county: '\\*{11}'" err.txt
assert_grep "a column named by an identity number is named, masked" "header\\.unknown\\] column '\\*{18}'" err.txt
assert_grep "a table named by a mobile number is named, masked" 'the table "\*{11}" is not a standard table' err.txt

# ------------------------------------------------------ terminal control
printf '%s\n' "$H" "C1,34$(printf '\033')]0;owned$(printf '\007')21,2024-05-20,05,x,1,open,," \
    "C2,341321,2024-05-20,05,x,1,$(printf '\033')[31mopen,," > ctl.csv
"$FORUMSTAT" validate ctl.csv > /dev/null 2> ctl.err
assert_grep "the values are reported" 'value\.county.*value\.enum|value\.county' ctl.err
assert_eq "no control character reaches stderr" 0 "$(tr -d '\n\t' < ctl.err | LC_ALL=C grep -c '[[:cntrl:]]')"
