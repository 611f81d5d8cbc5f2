#!/usr/bin/env bash
# t21-pipeline.sh — a CSV file read on its own thread says its problems in
# the order and with the rows one thread would (issue 16).
#
# validate and import parse a CSV file on a reader thread ahead of the
# validator (report/ingest.c): what the reader says (quote errors) travels
# with the rows in batches of 512 and is merged before the row's own
# checks.  A file of 3000 records, with quoted line breaks (so lines and
# spreadsheet rows part), quote errors and invalid dates spread over many
# batches, must give every problem once, in line order, each at its line
# and row, the same from validate and from import.
. "$(dirname "$0")/lib.sh"

awk 'BEGIN {
    print "case_id,county,date_reported,category,subcategory,offenses,loss_yuan,recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by"
    for (i = 1; i <= 3000; i++) {
        sub_ = "theft"; date = "2024-03-05"
        if (i % 400 == 0) sub_ = "\"two\nlines\""
        if (i % 700 == 0) sub_ = "\"bad\"quote"
        if (i % 250 == 0) date = "2024-02-30"
        printf "C-%d,341321,%s,05,%s,1,100.00,0,0,0,open,,,,\n", i, date, sub_
    }
}' > "$T/inc.csv"

assert_exit "validate refuses the file" 1 "$FORUMSTAT" validate "$T/inc.csv"
cp "$T/err" "$T/validate.err"
grep -E '^[^ ]*inc\.csv:[0-9]+:' "$T/validate.err" > "$T/problems"
assert_eq "four quote errors (records 700, 1400, 2100, 2800)" 4 "$(grep -c '\[csv.quote\]' "$T/problems")"
assert_eq "twelve invalid dates (every 250th record)" 12 "$(grep -c '\[value.date_invalid\]' "$T/problems")"
lines=$(sed -E 's/^[^ ]*inc\.csv:([0-9]+):.*/\1/' "$T/problems")
assert_eq "problems in line order across the reader's batches" "$(sort -n <<< "$lines")" "$lines"
# Record 700 starts on line 702 (one quoted line break before it, at record
# 400, and the header); record 2750 on line 2757 (six breaks before it).
assert_grep "a quote error at its line and spreadsheet row" \
    'inc\.csv:702:5: error \[csv\.quote\] spreadsheet row 701:' "$T/problems"
assert_grep "an invalid date after five batches at its line and row" \
    'inc\.csv:2757:3: error \[value\.date_invalid\] spreadsheet row 2751:' "$T/problems"
assert_exit "import refuses it too" 1 "$FORUMSTAT" import --db "$T/w.db" "$T/inc.csv"
grep -E '^[^ ]*inc\.csv:[0-9]+:' "$T/err" > "$T/import.problems"
assert_eq "import says the same problems in the same order" \
    "$(cat "$T/problems")" "$(cat "$T/import.problems")"

echo "1..$_n"
