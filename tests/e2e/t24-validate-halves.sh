#!/usr/bin/env bash
# t24-validate-halves.sh — `validate` of a big CSV file by halves says
# exactly what one thread says (issue 16).
#
# report/import/vsplit.c cuts a big CSV file at a record boundary near its
# middle and validates the halves on two threads.  FORUMSTAT_SPLIT_MIN=1
# makes every file big enough, =off none; FORUMSTAT_SPLIT_TRACE says
# whether the second half was used ("joined") or dropped ("resumed": one
# thread read on).  Each file here is validated both ways (with --errors
# too) and must give the same stdout, stderr, error CSV and exit status:
# errors on both sides of the cut, quoted line breaks before it (the second
# half's spreadsheet rows are corrected), a quoted line break and a quote
# error right at the middle, an identifier repeated across the halves, a
# column without a header name holding values in both halves (said once),
# CRLF line ends, a GB18030 file, and files whose halves disagree (extra
# fields in one half only, a quote left open) that must fall back.
. "$(dirname "$0")/lib.sh"

HDR="case_id,county,date_reported,category,subcategory,offenses,loss_yuan,recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by"

# gen N MODE: N incident records; MODE picks the oddities.
gen() {
    awk -v n="$1" -v mode="$2" -v hdr="$HDR" 'BEGIN {
        h = hdr; if (mode == "unnamed") h = h ","
        print h
        mid = int(n * 15 / 32) # where vsplit cuts (csv_source.h)
        for (i = 1; i <= n; i++) {
            sub_ = "theft"; date = "2024-03-05"; id = "C-" i; tail = ""
            if (i % 997 == 0) sub_ = "\"two\nlines\""
            if (i % 1301 == 0) sub_ = "\"bad\"quote"
            if (i % 743 == 0) date = "2024-02-30"
            if (i >= mid - 2 && i <= mid + 2) sub_ = "\"near\nthe middle\""
            if (i == mid + 1) date = "2024-13-01"
            if (i == n - 3) id = "C-7"                 # repeats record 7
            if (mode == "unnamed" && i % 500 == 0) tail = ",note"
            else if (mode == "unnamed") tail = ","
            if (mode == "extra" && i < mid) tail = ",,"
            if (mode == "open" && i == mid - 40) sub_ = "\"never closed"
            printf "%s,341321,%s,05,%s,1,100.00,0,0,0,open,,,,%s\n", id, date, sub_, tail
        }
    }'
}

# both NAME FILE: validate FILE with and without halves; same results.
both() {
    local name=$1 f=$2
    rm -f "$T/trace"
    FORUMSTAT_SPLIT_MIN=off "$FORUMSTAT" validate --errors "$T/errs.csv" "$f" > "$T/one.out" 2> "$T/one.err"
    echo $? > "$T/one.rc"
    mv "$T/errs.csv" "$T/one.csv" 2> /dev/null
    FORUMSTAT_SPLIT_MIN=1 FORUMSTAT_SPLIT_TRACE="$T/trace" \
        "$FORUMSTAT" validate --errors "$T/errs.csv" "$f" > "$T/two.out" 2> "$T/two.err"
    echo $? > "$T/two.rc"
    mv "$T/errs.csv" "$T/two.csv" 2> /dev/null
    if cmp -s "$T/one.out" "$T/two.out" && cmp -s "$T/one.err" "$T/two.err" &&
       cmp -s "$T/one.rc" "$T/two.rc" && cmp -s "$T/one.csv" "$T/two.csv"; then
        ok "$name: the same output, errors CSV and exit status by halves"
    else
        nok "$name: by halves differs" "$(diff "$T/one.err" "$T/two.err" | head -5)" \
            "$(diff "$T/one.out" "$T/two.out" | head -5)"
    fi
}

gen 20000 plain > "$T/inc.csv"
both "errors on both sides" "$T/inc.csv"
assert_grep "the second half was used" '^joined ' "$T/trace"
assert_eq "the file is refused" 1 "$(cat "$T/two.rc")"
cut=$(awk '{print $2}' "$T/trace")
assert "errors before and after the cut" awk -v c="$cut" -F: '
    /inc\.csv:[0-9]+:/ { if ($2 + 0 < c) a++; else b++ } END { exit !(a > 5 && b > 5) }' "$T/two.err"
assert_grep "a quoted line break right at the middle: the date after it at its row" \
    'inc\.csv:[0-9]+:3: error \[value\.date_invalid\] spreadsheet row [0-9]+:.*2024-13-01' "$T/two.err"
assert_grep "an identifier of the first half repeated in the second" \
    '\[unique\.id\].*C-7' "$T/two.err"

gen 20000 unnamed > "$T/unnamed.csv"
both "a nameless column holding values in both halves" "$T/unnamed.csv"
assert_grep "joined" '^joined ' "$T/trace"
assert_eq "its warning said once" 1 "$(grep -c '\[column\.unnamed\]' "$T/two.err")"

sed 's/$/\r/' "$T/inc.csv" > "$T/crlf.csv"
both "CRLF line ends" "$T/crlf.csv"
assert_grep "joined" '^joined ' "$T/trace"

gen 6000 plain | sed 's/theft/盗窃/; s/"two/"两行/' | iconv -f UTF-8 -t GB18030 > "$T/gbk.csv"
both "a GB18030 file" "$T/gbk.csv"
assert_grep "joined" '^joined ' "$T/trace"
awk -v hdr="$HDR" 'BEGIN { print hdr; for (i = 1; i <= 6000; i++)
    printf "G-%d,341321,2024-03-05,05,%s,1,100.00,0,0,0,open,,,,\n", i, i % 50 ? "盗窃" : "\"两\n行\"" }' |
    iconv -f UTF-8 -t GB18030 > "$T/gbk-valid.csv"
both "a valid GB18030 file" "$T/gbk-valid.csv"
assert_grep "joined" '^joined ' "$T/trace"
assert_grep "read as GB18030" 'GB18030' "$T/two.out"

gen 8000 extra > "$T/extra.csv"
both "extra fields in the first half only" "$T/extra.csv"
assert_grep "the halves disagree: one thread read on" '^resumed ' "$T/trace"

gen 8000 open > "$T/open.csv"
both "a quote left open before the middle" "$T/open.csv"
assert_grep "the split does not stand between records: one thread read on" '^resumed ' "$T/trace"

# The cut right after the last record (a long line: spaces before its
# subcategory), only blank lines after it: the second half reads no row.
awk -v hdr="$HDR" 'BEGIN { print hdr; sp = " "; while (length(sp) < 12000) sp = sp sp; long = sp "theft"
    for (i = 1; i <= 30; i++)
        printf "T-%d,341321,2024-03-05,05,%s,1,100.00,0,0,0,open,,,,\n", i, i == 2 ? "\"a\nb\"" : "theft"
    printf "T-3,341321,2024-03-05,05,%s,1,100.00,0,0,0,open,,,,\n", long
    for (i = 0; i < 9000; i++) print "" }' > "$T/tail.csv"
both "only blank lines after the cut" "$T/tail.csv"
assert_grep "joined" '^joined ' "$T/trace"
assert_grep "the repeat in the last record found" 'tail\.csv:33:1: error \[unique\.id\]' "$T/two.err"

# A valid file: the slice table and summary from both halves.
awk -v hdr="$HDR" 'BEGIN { print hdr; for (i = 1; i <= 9000; i++)
    printf "V-%d,%s,2024-0%d-05,05,theft,1,100.00,0,0,0,open,,,,\n", i, i % 3 ? "341321" : "341322", i % 9 + 1 }' \
    > "$T/valid.csv"
both "a valid file of two counties" "$T/valid.csv"
assert_grep "joined" '^joined ' "$T/trace"
assert_eq "valid" 0 "$(cat "$T/two.rc")"

# Lines without quotes skip libcsv's state machine (csv_source.c,
# plain_line): the same rows as libcsv gives, whatever the spaces, tabs,
# empty fields, trailing commas and blank lines.
awk -v hdr="$HDR" 'BEGIN { srand(7); print hdr
    split("341321| 341321|341321\t|341322 ||萧县", cty, "|")
    split("2024-03-05| 2024-03-05 |2024-3-5|\t2024-03-05|2024-02-30", dt, "|")
    split("05| 05|5|05 | ", cat, "|")
    split("100.00|1,000| 5.5 ||-3", money, "|")
    for (i = 1; i <= 4000; i++) {
        r = rand()
        if (r < 0.01) { print ""; continue }
        if (r < 0.02) { print "  \t "; continue }
        line = sprintf("C-%d,%s,%s,%s,the ft\t,1,%s,0,0,0, open\t,,,,", i, cty[int(rand() * 6) + 1],
                       dt[int(rand() * 5) + 1], cat[int(rand() * 5) + 1], money[int(rand() * 5) + 1])
        if (rand() < 0.03) line = line ",,"
        if (rand() < 0.02) line = " \t" line
        if (rand() < 0.01) line = line ",x"
        print line
    }
}' > "$T/plain.csv"
FORUMSTAT_CSV_PLAIN=off FORUMSTAT_SPLIT_MIN=off "$FORUMSTAT" validate "$T/plain.csv" > "$T/lib.out" 2>&1
echo $? >> "$T/lib.out"
"$FORUMSTAT" validate "$T/plain.csv" > "$T/plain.out" 2>&1
echo $? >> "$T/plain.out"
assert_eq "lines without quotes: the same problems as through libcsv" "$(cat "$T/lib.out")" "$(cat "$T/plain.out")"
assert "problems were found in them" grep -q 'plain\.csv:[0-9]*:' "$T/plain.out"

echo "1..$_n"
