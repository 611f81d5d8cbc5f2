#!/usr/bin/env bash
# t26-shrink — import safety (issue 12, standard v2 §3) with the samples:
# a stray record (another county, or another year) in a county's file and
# one half of a split year sent alone are refused as a whole, leaving the
# warehouse byte for byte as it was, with a message naming the slice, both
# counts, the record's line and the full command that accepts it
# (--allow-shrink); stray records are warned about even when nothing is
# replaced; the slice table agrees with `history`; a file imported before
# and still current is skipped; --county/--year; declared counts.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
dbsum() { cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -c1-64; }
live() { sqlite3 "$1" "SELECT count(*) FROM live_$2 WHERE county='$3' AND year=$4"; }
# row TABLE-OUTPUT COUNTY YEAR TABLE: the slice table's line for a slice
row() { awk -F'\t' -v c="$2" -v y="$3" -v t="$4" '$1 == c && $2 == y && $3 == t' "$1"; }

mkdir base && assert_exit "baseline: the 2024 and 2025 samples" 0 "$FORUMSTAT" import -q --db "base/w 1.db" "$S/2024" "$S/2025"
assert_eq "Dangshan 2025 incidents: 219 records" 219 "$(live "base/w 1.db" incidents 341321 2025)"
assert_eq "Xiao 2025 incidents: 278 records" 278 "$(live "base/w 1.db" incidents 341322 2025)"
assert_eq "Dangshan 2024 incidents: 237 records" 237 "$(live "base/w 1.db" incidents 341321 2024)"
fresh() { rm -rf w && mkdir w && cp "base/w 1.db" "w/w 1.db"; DB="w/w 1.db"; }

# ------------------------------------------------ a stray county (issue 12)
iconv -f GB18030 -t UTF-8 "$S/2025/dangshan-2025-incidents.csv" > ds.csv
awk -F, 'BEGIN { OFS = "," } NR == 10 { $2 = "萧县" } { print }' ds.csv > stray-county.csv
awk -F, 'BEGIN { OFS = "," } NR == 20 { $3 = "2024/12/31" } { print }' ds.csv > stray-date.csv
assert_exit "validate: a stray county is valid" 0 "$FORUMSTAT" validate stray-county.csv
assert_grep "... with a stray warning at its line" '^stray-county\.csv:10: warning \[records\.stray\] .*341322 萧县 for 2025.*218 of the file.s 219 records are of 341321' "$T/err"
assert_eq "validate's slice table: Dangshan 218" "341321	2025	incidents	218" "$(row "$T/out" 341321 2025 incidents)"
assert_eq "validate's slice table: Xiao 1" "341322	2025	incidents	1" "$(row "$T/out" 341322 2025 incidents)"
fresh; before=$(dbsum "$DB")
assert_exit "import of the stray county is refused as a whole" 1 "$FORUMSTAT" import --db "$DB" stray-county.csv
assert_eq "... the warehouse is byte for byte as it was" "$before" "$(dbsum "$DB")"
assert_grep "... names the slice, both counts and the record's line" \
    '^stray-county\.csv:10: error \[import\.shrink_refused\] incidents of 341322 萧县 for 2025: the 278 records of import 1 would be replaced by 1 .*stray-county\.csv line 10' "$T/err"
assert_grep "... and the full command, --db quoted" "forumstat import --db 'w/w 1\.db' --allow-shrink stray-county\.csv" "$T/err"
assert_grep "... the stray warning too" '^stray-county\.csv:10: warning \[records\.stray\]' "$T/err"
assert_grep "the summary says nothing was imported" '^import: refused as a whole, nothing imported' "$T/out"
assert_grep "... the file's own line says valid" '^stray-county\.csv: valid, 219 records' "$T/out"
assert_eq "... and no line says imported before the run's fate is known" 0 "$(grep -c ': imported' "$T/out")"
assert_eq "the slice table: Xiao not imported" "341322	2025	incidents	1	278	278	not imported" "$(row "$T/out" 341322 2025 incidents)"
assert_exit "in Chinese, refused the same way" 1 "$FORUMSTAT" import --lang zh --db "$DB" stray-county.csv
assert_grep "... naming the table and the line in Chinese" \
    '^stray-county\.csv:10: error \[import\.shrink_refused\] 341322 萧县 2025 年的刑事案件 \(incidents\)：.*新记录：stray-county\.csv 第 10 行' "$T/err"
# the hint's command, run as printed, accepts the shrink
cmd=$(grep -o "forumstat import --db .* --allow-shrink stray-county\.csv" "$T/err" | head -1)
assert_exit "the printed command accepts it" 0 bash -c "FORUMSTAT_BIN=\"\$1\"; ${cmd/forumstat/\"\$FORUMSTAT_BIN\"}" _ "$FORUMSTAT"
assert_eq "... Xiao's 2025 incidents are the one record now" 1 "$(live "$DB" incidents 341322 2025)"
assert_grep "... still warned, with both counts" 'warning \[import\.shrink\] incidents of 341322 萧县 for 2025: 1 record replaces the 278 of import 1 \(fewer than half: --allow-shrink\)' "$T/err"
assert_grep "... and how to undo it, in full" "undo it with: forumstat revert --db 'w/w 1\.db' 2" "$T/err"

# ------------------------------------------------ a stray date (issue 12)
assert_exit "validate: a stray date is valid" 0 "$FORUMSTAT" validate stray-date.csv
assert_grep "... with a stray warning at its line" '^stray-date\.csv:20: warning \[records\.stray\] .*341321 砀山县 for 2024' "$T/err"
fresh; before=$(dbsum "$DB")
assert_exit "import of the stray date is refused" 1 "$FORUMSTAT" import --db "$DB" stray-date.csv
assert_eq "... the warehouse is byte for byte as it was" "$before" "$(dbsum "$DB")"
assert_grep "... Dangshan 2024: 237 would become 1, at line 20" \
    '^stray-date\.csv:20: error \[import\.shrink_refused\] incidents of 341321 砀山县 for 2024: the 237 records of import 1 would be replaced by 1 .*stray-date\.csv line 20' "$T/err"
assert_eq "exactly one refusal" 1 "$(grep -c 'import\.shrink_refused' "$T/err")"
# Nothing to replace: the stray is still warned about.
assert_exit "into an empty warehouse the stray date imports" 0 "$FORUMSTAT" import --db empty.db stray-date.csv
assert_grep "... with the stray warning" '^stray-date\.csv:20: warning \[records\.stray\]' "$T/err"
assert_eq "... both slices new" "341321	2024	incidents	1	0	1	new" "$(row "$T/out" 341321 2024 incidents)"

# ------------------------------------------------ one half of a split year
# Xiao's 2024 incidents came as h1 (136) + h2 (151) = 287.  h1 alone,
# corrected (so not the file imported before): 136 < 287 / 2, refused.
iconv -f GB18030 -t UTF-8 "$S/2024/xiao-2024-incidents-h1.csv" | sed 's/盗窃电力设施/盗窃电缆/' > h1-fixed.csv
fresh; before=$(dbsum "$DB")
assert_exit "the first half alone is refused" 1 "$FORUMSTAT" import --db "$DB" h1-fixed.csv
assert_eq "... the warehouse is byte for byte as it was" "$before" "$(dbsum "$DB")"
assert_grep "... names both counts" 'incidents of 341322 萧县 for 2024: the 287 records of import 1 would be replaced by 136' "$T/err"
assert_nogrep "... no lines listed for 136 records" 'the new records:' "$T/err"
assert_exit "--allow-shrink accepts it" 0 "$FORUMSTAT" import --db "$DB" --allow-shrink h1-fixed.csv
assert_eq "... Xiao 2024 holds 136" 136 "$(live "$DB" incidents 341322 2024)"
# Both halves together, the first corrected: no shrink at all.
fresh
assert_exit "both halves together" 0 "$FORUMSTAT" import --db "$DB" h1-fixed.csv "$S/2024/xiao-2024-incidents-h2.csv"
assert_nogrep "... no shrink" 'import\.shrink' "$T/err"
assert_eq "... 287 records, h2 read although imported before (its slice is touched)" 287 "$(live "$DB" incidents 341322 2024)"
# The second half alone, corrected: 151 of 287 is a shrink, not by half.
iconv -f GB18030 -t UTF-8 "$S/2024/xiao-2024-incidents-h2.csv" | sed 's/,1,/,2,/' > h2-fixed.csv
fresh
assert_exit "the second half alone imports" 0 "$FORUMSTAT" import --db "$DB" h2-fixed.csv
assert_grep "... with a warning giving both counts" 'warning \[import\.shrink\] incidents of 341322 萧县 for 2024: 151 records replace the 287 of import 1 —' "$T/err"

# ------------------------------------------------ the slice table and history
fresh
utf8() { if iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1; then cat "$1"; else iconv -f GB18030 -t UTF-8 "$1"; fi; }
utf8 "$S/2025/xiao-2025-incidents.csv" | sed 's/,1,/,2,/' > xiao25.csv
assert_exit "import with a slice table: two slices replaced, one new" 0 "$FORUMSTAT" import --db "$DB" --allow-shrink stray-date.csv xiao25.csv
id=$(sqlite3 "$DB" 'SELECT max(import_id) FROM imports')
"$FORUMSTAT" history --db "$DB" > hist.txt
n=0 bad=""
while IFS=$'\t' read -r county year table records before after change; do
    [ "$county" = county ] || [ -z "$change" ] && continue
    n=$((n + 1))
    # history: "  incidents    341321 2024:      1 records, superseded import 1 (237 records)"
    h=$(awk -v id="$id" '$1 == "import" { cur = $2 } cur == id' hist.txt | grep -E "^  $table +$county $year: ")
    hr=$(sed -E 's/.*: +([0-9]+) records.*/\1/' <<< "$h")
    hs=$(sed -nE 's/.*superseded import [0-9]+ \(([0-9]+) records\).*/\1/p' <<< "$h")
    [ "$records" = "$hr" ] || bad="$bad $county/$year/$table:records=$records,history=$hr"
    [ "$before" = "${hs:-0}" ] || bad="$bad $county/$year/$table:before=$before,history=${hs:-0}"
    [ "$after" = "$(live "$DB" "$table" "$county" "$year")" ] || bad="$bad $county/$year/$table:after"
done < "$T/out"
assert_eq "slice table rows ($n) agree with history and the live records" "" "$bad"
assert "... there were some" test "$n" -ge 3

# ------------------------------------------------ identical files
fresh; before=$(dbsum "$DB")
assert_exit "re-import of a file imported and current" 0 "$FORUMSTAT" import --db "$DB" "$S/2025/dangshan-2025-incidents.csv"
assert_grep "... is skipped, naming the import" 'dangshan-2025-incidents\.csv: skipped, already imported in import 1 and still current' "$T/out"
assert_eq "... its slice unchanged in the table" "341321	2025	incidents	219	219	219	unchanged" "$(row "$T/out" 341321 2025 incidents)"
assert_eq "... the warehouse is byte for byte as it was" "$before" "$(dbsum "$DB")"
assert_grep "... the summary counts it" 'import: 1 file, 0 imported, 0 refused, 0 records, .*1 skipped' "$T/out"
cp stray-county.csv zz-copy.csv
assert_exit "the same file named twice in a run" 0 "$FORUMSTAT" import --db "$DB" --allow-shrink stray-county.csv ./stray-county.csv zz-copy.csv
# path order: ./stray-county.csv comes first
assert_grep "... is read once" '^stray-county\.csv: skipped, the same file as \./stray-county\.csv' "$T/out"
assert_grep "... also under another name" '^zz-copy\.csv: skipped, the same file as \./stray-county\.csv' "$T/out"
assert_eq "... once: 218 Dangshan 2025 records" 218 "$(live "$DB" incidents 341321 2025)"
# Once reverted, the file is not current: it is read again.
id=$(sqlite3 "$DB" 'SELECT max(import_id) FROM imports')
"$FORUMSTAT" revert --db "$DB" "$id" > /dev/null
assert_exit "after a revert, a file of the reverted import is read again" 0 "$FORUMSTAT" import --db "$DB" --allow-shrink stray-county.csv
assert_grep "... its line: valid" '^stray-county\.csv: valid, 219 records' "$T/out"
# A file and its copy, both current, put aside; a file of the same slice
# in the run makes them read after all: the copy repeats its identifiers
# (refused), the file is then the same as the copy.  The slice is replaced,
# and the table says so (found by t33: it said "unchanged", the records
# of both copies added).
mkdir dfr && H='case_id,county,date_reported,category,offenses,status'
{ echo "$H"; for i in 1 2 3 4 5; do echo "D$i,341321,2024-03-0$i,05,1,open"; done; } > dfr/a.csv
cp dfr/a.csv dfr/a-copy.csv
{ echo "$H"; for i in 1 2 3 4 5 6; do echo "D$i,341321,2024-04-0$i,05,2,open"; done; } > dfr/b.csv
assert_exit "a file imported" 0 "$FORUMSTAT" import --db dfr/w.db dfr/a.csv
assert_exit "... again with its copy and a correction of its slice" 1 "$FORUMSTAT" import --db dfr/w.db dfr/a.csv dfr/a-copy.csv dfr/b.csv
assert_grep "... the copy, read after all, repeats the correction's identifiers" '^dfr/a-copy\.csv: refused \(5 errors\)' "$T/out"
assert_grep "... the file is the same as the copy" '^dfr/a\.csv: skipped, the same file as dfr/a-copy\.csv' "$T/out"
assert_eq "... the slice table: replaced by the correction's 6 records" "341321	2024	incidents	6	5	6	replaced" \
    "$(row "$T/out" 341321 2024 incidents)"
assert_eq "... and so it is" 6 "$(live dfr/w.db incidents 341321 2024)"

# ------------------------------------------------ --county / --year
assert_exit "validate --county --year: another county is an error" 1 "$FORUMSTAT" validate --county 341321 --year 2025 stray-county.csv
assert_grep "... at its line and column" '^stray-county\.csv:10:2: error \[scope\.county\] the record is of 341322 萧县, but the files were checked for 341321' "$T/err"
"$FORUMSTAT" validate --county 341321 --year 2025 --errors scope.csv stray-county.csv stray-date.csv > /dev/null 2>&1
assert_grep "... the problems CSV names the column as the header wrote it" \
    '^stray-county\.csv,10,10,2,县区代码 \(county\),error,scope\.county,' scope.csv
assert_grep "... the date's column too" '^stray-date\.csv,20,20,3,立案日期 \(date_reported\),error,scope\.year,' scope.csv
assert_exit "validate --county by name, --year: another year is an error" 1 "$FORUMSTAT" validate --county 砀山县 --year 2025 stray-date.csv
assert_grep "... at the date's column" '^stray-date\.csv:20:3: error \[scope\.year\] the record is of 2024, but the files were checked for 2025' "$T/err"
assert_exit "the right county and year: valid" 0 "$FORUMSTAT" validate --county "Dangshan County" --year 2025 ds.csv
fresh; before=$(dbsum "$DB")
assert_exit "import --county refuses the file" 1 "$FORUMSTAT" import --db "$DB" --county 341321 stray-county.csv
assert_eq "... and changes nothing" "$before" "$(dbsum "$DB")"
assert_exit "an unknown --county is a usage error" 2 "$FORUMSTAT" validate --county 999999 ds.csv
assert_grep "... saying it is not a member county" "'999999' is not a member county of the zone" "$T/err"
assert_exit "a county's short name: a usage error" 2 "$FORUMSTAT" validate --lang zh --county 砀山 ds.csv
assert_grep "... naming the county meant, as template does" '“砀山”不是成员县区；您是指 砀山县 吗？' "$T/err"
assert_exit "import too" 2 "$FORUMSTAT" import --db "$DB" --county Dangshan ds.csv
assert_grep "... in English" "'Dangshan' is not a member county; did you mean Dangshan County\?" "$T/err"
assert_exit "--allow-shrink is for import only" 2 "$FORUMSTAT" validate --allow-shrink ds.csv

# ------------------------------------------------ declared counts
{ echo 'county,year,indicator,value'; echo '341321,2025,declared_incidents,220'; echo '341321,2025,declared_disputes,0'; } > decl.csv
assert_exit "a declared count that differs warns" 0 "$FORUMSTAT" validate decl.csv ds.csv
assert_grep "... at the indicator's value" '^decl\.csv:2:4: warning \[indicators\.declared_mismatch\] declared_incidents of 341321 砀山县 for 2025 says 220 records, but the files hold 219' "$T/err"
assert_nogrep "... not for a table the files do not hold" 'declared_disputes' "$T/err"
{ echo 'county,year,indicator,value'; echo '341321,2025,declared_incidents,219'; } > decl-ok.csv
assert_exit "a count that agrees" 0 "$FORUMSTAT" validate decl-ok.csv ds.csv
assert_nogrep "... gives no warning" 'declared_mismatch' "$T/err"
assert_exit "import warns the same" 0 "$FORUMSTAT" import --db "w/d.db" decl.csv ds.csv
assert_grep "... in import" 'warning \[indicators\.declared_mismatch\]' "$T/err"

# ------------------------------------------------ -q and --errors
assert_exit "-q" 0 "$FORUMSTAT" validate -q ds.csv
assert_eq "-q prints no slice table" "" "$(cat "$T/out")"
assert_exit "--errors" 0 "$FORUMSTAT" validate --errors probs.csv stray-county.csv
assert_grep "the problem list has the stray" 'records\.stray' probs.csv
assert_nogrep "... and no slice table" '^341321' probs.csv

# ------------------------------------------------ a year in two files
# One half of a split year resent alone (more than half its records): the
# warning names the files that held the slice and says they go together.
mkdir split
H='case_id,county,date_reported,category,offenses,status'
{ echo "$H"; for i in $(seq 6); do echo "H1-$i,341322,2025-03-01,05,1,open"; done; } > split/h1.csv
{ echo "$H"; for i in $(seq 5); do echo "H2-$i,341322,2025-09-01,05,1,open"; done; } > split/h2.csv
assert_exit "split year: both halves" 0 "$FORUMSTAT" import --db w/s.db split/h1.csv split/h2.csv
sed 's/,1,open/,2,open/' split/h1.csv > h1-fixed.csv
assert_exit "split year: one half resent alone imports with a warning" 0 "$FORUMSTAT" import --lang en --db w/s.db h1-fixed.csv
assert_grep "... naming the two files and saying they go together" \
    "warning \[import\.shrink\] .*6 records replace the 11 of import 1 — .*; import 1 had it in 2 files \(split/h1\.csv, split/h2\.csv\): a county's year split in several files is sent again whole" "$T/err"
{ echo "$H"; for i in $(seq 8); do echo "W-$i,341321,2025-03-01,05,1,open"; done; } > whole.csv
{ echo "$H"; for i in $(seq 7); do echo "W-$i,341321,2025-03-01,05,1,open"; done; } > whole7.csv
"$FORUMSTAT" import -q --db w/s.db whole.csv > /dev/null 2>&1
assert_exit "a file that held its slice alone" 0 "$FORUMSTAT" import --lang en --db w/s.db whole7.csv
assert_nogrep "... no word of files going together" 'had it in' "$T/err"

# ------------------------------------------------ a file under another's name
# A whole file of another county, or of another year, under a name that
# says otherwise: the wrong file sent as a correction?  (Trial of the
# secretariat: Dangshan's disputes with Feng's code replaced Feng's.)
mkdir named
printf '%s\n' "$H" 'A1,320321,2024-05-20,05,1,open' 'A2,320321,2024-05-21,05,1,open' > "named/砀山县2024年刑事案件（更正）.csv"
assert_exit "a file named after Dangshan holding Feng's records: valid" 0 "$FORUMSTAT" validate --lang en named
assert_grep "... with a warning naming both counties" \
    "^named/砀山县2024年刑事案件（更正）\.csv: warning \[file\.name_other\] the file's name names 341321 砀山县, but its records are of 320321 丰县 \(2 of 2\)" "$T/err"
printf '%s\n' "$H" 'A1,341321,2023-05-20,05,1,open' 'A2,341321,2023-05-21,05,1,open' > named/dangshan-2024-incidents.csv
assert_exit "a file named for 2024 holding 2023's records" 0 "$FORUMSTAT" validate --lang zh named/dangshan-2024-incidents.csv
assert_grep "... a warning in Chinese" '^named/dangshan-2024-incidents\.csv: warning \[file\.name_other\] 文件名写的是其他年度，但其中的记录属于 2023 年（2 条，共 2 条）' "$T/err"
printf '%s\n' "$H" 'A1,341321,2024-05-20,05,1,open' > "named/Dangshan 2024 砀山县.csv"
printf '%s\n' "$H" 'A1,341322,2024-05-20,05,1,open' > "named/xiaoxian-2024.csv"
assert_exit "names that fit (or name no member county as a word)" 0 "$FORUMSTAT" validate "named/Dangshan 2024 砀山县.csv" named/xiaoxian-2024.csv
assert_nogrep "... no such warning" 'name_other' "$T/err"
