#!/usr/bin/env bash
# t10-rules — every validation rule has a failing fixture (tests/rules/cases.txt)
# and `forumstat validate` reports it with the right rule id and location.
. "$(dirname "$0")/lib.sh"
CASES="$ROOT/tests/rules/cases.txt"
declare -A seen=()

# Under VALGRIND=1 (run-tests' valgrind part) the cases are validated in
# batches, one run of validate per set of options over all their files:
# memcheck's start-up (0.5 s) once instead of 118 times.  Each case is then
# checked in the batch's messages: its line, and for an error rule, that its
# file was refused.  A rule with two fixtures puts the second in a folder
# v2/ (the file name stays the rule's).  Elsewhere each case runs alone and
# its exit status is checked too.  Runs alone in every mode: a rule that
# compares a file with the others of the run (declared counts are summed
# over the files of a county-year), and a folder as the fixture.
BATCH=${VALGRIND:-0}
ALONE=" indicators.declared_mismatch folder.empty "
declare -A batch_files=() nth=()
batch_cases=()
declare -A batch_expect=()

# expect_line RULE WHERE LOC ERR: the case's message (at LOC, FILE:WHERE)
# is in ERR.
# With a fifth argument (the case's "=~" lines, one regex each), that
# line also matches each of them after the rule id.
expect_line() {
    local pat re
    pat="^$(printf '%s' "$3" | sed 's/[.[\*^$#]/\\&/g'): (error|warning) \[$1\]"
    if grep -Eq -- "$pat" "$4"; then ok "$1 at $2"
    else nok "$1 at $2" "expected a line matching: $pat" "$(head -5 "$4")"; fi
    while IFS= read -r re; do
        [ -n "$re" ] || continue
        if grep -Eq -- "$pat.*$re" "$4"; then ok "$1 at $2 says /$re/"
        else nok "$1 at $2 says /$re/" "$(grep -E -- "$pat" "$4" | head -3)"; fi
    done <<< "${5:-}"
}
rule_severity() { sed -nE "s/^RULE\([A-Z_0-9]+, *\"$1\", *(ERROR|WARNING),.*/\1/p" "$ROOT/report/common/rules.def"; }

run_case() { # rule where kind bodyfile [validate options]
    local rule=$1 where=$2 kind=$3 body=$4 ext=csv args=${5:-}
    [ "$kind" = sql ] && ext=db
    [ "$kind" = py ] && ext=xlsx
    local n=$((${nth[$rule]:-0} + 1)) dir=""
    nth[$rule]=$n
    [ "$BATCH" = 1 ] && [ "$n" -gt 1 ] && dir="v$n/" && mkdir -p "$T/v$n"
    local F="$T/$dir$rule.$ext"
    case "$kind" in
        csv) cp "$body" "$F" ;;
        gb18030) iconv -f UTF-8 -t GB18030 "$body" > "$F" ;;
        printf) printf "$(cat "$body")" > "$F" ;;
        sh) F="$F" bash "$body" ;;
        sql) sqlite3 "$F" < "$body" > /dev/null ;;
        py) F="$F" PYTHONPATH="$ROOT/tests/fixtures/xlsx" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 "$body" ;;
        missing) ;;
        *) nok "$rule: unknown kind $kind"; return ;;
    esac
    local name="$dir$rule.$ext"
    local loc="$name:$where"
    [ "$where" = "-" ] && loc="$name"
    seen[$rule]=1
    if [ "$BATCH" = 1 ] && [[ $ALONE != *" $rule "* ]]; then
        batch_files["x$args"]+="$name "   # x: a key for no options too
        batch_expect[${#batch_cases[@]}]=$expect
        batch_cases+=("$rule|$where|$loc|$name|$args")
        return
    fi
    # shellcheck disable=SC2086 # the options are words
    ( cd "$T" && "$FORUMSTAT" validate $args "$name" ) > "$T/out" 2> "$T/err"
    local rc=$?
    expect_line "$rule" "$where" "$loc" "$T/err" "$expect"
    # Errors refuse the file (exit 1); warnings alone do not.
    if [ "$(rule_severity "$rule")" = ERROR ]; then
        assert_eq "$rule: exit 1" 1 "$rc"
    fi
}

skip=$(sed -n 's/^skip: *//p' "$CASES")
rule="" body="$T/body" expect=""
while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line == "== "* ]]; then
        [ -n "$rule" ] && run_case "$rule" "$where" "$kind" "$body" "$args"
        read -r _ rule where kind args <<< "$line"
        kind=${kind:-csv}
        : > "$body"
        expect=""
    elif [ -n "$rule" ] && [[ $line == "=~ "* ]]; then
        expect+="${line#=~ }"$'\n'
    elif [ -n "$rule" ]; then
        printf '%s\n' "$line" >> "$body"
    fi
done < <(grep -v '^#' "$CASES" | grep -v '^skip:')
[ -n "$rule" ] && run_case "$rule" "$where" "$kind" "$body" "$args"
if [ "$BATCH" = 1 ]; then
    i=0
    for key in "${!batch_files[@]}"; do
        i=$((i + 1)) args=${key#x}
        # shellcheck disable=SC2086 # the options and the file names are words
        ( cd "$T" && "$FORUMSTAT" validate $args ${batch_files[$key]} ) > "$T/out.$i" 2> "$T/err.$i"
        rc=$?
        # 1 when a file is refused, else 0; never a crash or memcheck's 99
        assert_eq "batch $i (${args:-no options}, $(wc -w <<< "${batch_files[$key]}") files): exit 0 or 1" \
            ok "$([ "$rc" -le 1 ] && echo ok || echo "exit $rc")"
        for k in "${!batch_cases[@]}"; do
            IFS='|' read -r r where loc name a <<< "${batch_cases[$k]}"
            [ "$a" = "$args" ] || continue
            expect_line "$r" "$where" "$loc" "$T/err.$i" "${batch_expect[$k]}"
            if [ "$(rule_severity "$r")" = ERROR ]; then
                assert_grep "$r: $name refused" "^$(printf '%s' "$name" | sed 's/[.[\*^$#]/\\&/g'): error \[import\.refused\]" "$T/err.$i"
            fi
        done
    done
fi

# ------------------------------------------------ issue 13: what the cases
# above cannot say (counts, messages, what is accepted)
cd "$T"
FS=$FORUMSTAT
ZH=案件编号,县区代码,立案日期,案件类别,起数,状态
EN=case_id,county,date_reported,category,offenses,status
v() { assert_exit "$1" "$2" "$FS" validate --errors p.csv "${@:3}"; }
errors() { grep -cE ': error \[' "$T/err" | tr -d ' '; }

printf '%s\n' "案件编号,县区代码,立案日期,案件类型,起数,状态" "A1,341321,2024-05-20,05,1,在侦" \
    "A2,341321,2024-05-20,05,1,在侦" > nm.csv
v "near miss of a required column: refused" 1 nm.csv
assert_eq "near miss of a required column: one error (and the refusal), no header.required" \
    "2" "$(errors)"
assert_grep "near miss names the intended column as header and standard name" \
    "header '案件类型' looks like a misspelling of the column 案件类别 \(category\)" "$T/err"
printf '%s\n' "案件编号,县区代码,立案日期,案件类别,起数" "A1,341321,2024-05-20,05,1" "A2,341321,2024-05-20,05,1" \
    "A3,341321,2024-05-20,05,1" > req.csv
v "missing required column: refused" 1 req.csv
assert_eq "missing required column: one error for three records (and the refusal)" "2" "$(errors)"
assert_grep "missing required column named in Chinese and English" "needs a column 状态 \(status\)" "$T/err"
printf '%s\n' "$ZH" "A1,341321,2024-05-20,05,1,已破" "A2,341321,2024-05-20,05,1,已结" \
    "A3,341321,2024-05-20,05,1,已破" > nodate.csv
v "solved cases and no date_solved column: refused" 1 nodate.csv
assert_eq "solved cases and no date_solved column: one error" "2" "$(errors)"
assert_grep "... saying so once, at the header" '^nodate\.csv:1: error \[incidents\.solved_no_date\] .*破案日期 \(date_solved\) column' "$T/err"
printf '%s\n' "$ZH,挽回损失" "A1,341321,2024-05-20,05,1,在侦,100" > hw.csv
v "挽回损失: a warning only" 0 hw.csv
assert_grep "挽回损失: the warning names 挽损金额" "'挽回损失' holds values .*挽损金额 \(recovered_yuan\)" "$T/err"
printf '%s\n' "$EN,recovered" "A1,341321,2024-05-20,05,1,open,100" > rec.csv
v "recovered (English): a warning only" 0 rec.csv
assert_grep "recovered: the warning names recovered_yuan" "'recovered' holds values .*recovered_yuan" "$T/err"
printf '%s\n' "$ZH,序号" "A1,341321,2024-05-20,05,1,在侦," > empty.csv
v "an unknown column without values" 0 empty.csv
assert_grep "... is just ignored, with the plain warning" "empty\.csv:1:7: warning \[header\.unknown\] column '序号' is not part" "$T/err"
printf '%s\n' "$ZH,损失金额/元,挽损金额【元】,嫌疑人数(人)" "A1,341321,2024-05-20,05,1,在侦,300,100,2" > units.csv
v "units after / and in 【】 are ignored like brackets" 0 units.csv
assert_nogrep "... no header warning" 'header\.' "$T/err"
printf '%s\n' "$EN,loss_yuan/yuan" "A1,341321,2024-05-20,05,1,open,300" > unitsen.csv
v "loss_yuan/yuan: a unit too" 0 unitsen.csv
printf '%s\r\n' "$EN" "A1,341321,2024-05-20,05,1,open,," "A2,341321,2024-05-20,05,1,open,," > trailing.csv
v "the same empty extra fields in every record (Excel): valid" 0 trailing.csv
assert_nogrep "... without a word" 'extra_fields' "$T/err"
printf '%s\n' "$EN" "A1,341321,2024-05-20,05,1,open," "A2,341321,2024-05-20,05,1,open" > mixed.csv
v "an extra empty field in the first record only: refused" 1 mixed.csv
assert_grep "... at that record, saying why" '^mixed\.csv:2:7: error \[row\.extra_fields\] .*unquoted comma' "$T/err"
printf '%s\n' "$ZH" "A1,341321,2024-05-20,05,1,在侦" "填表人：张三" "审核人：李四" "制表人" "填报人" "负责人" \
    "联系电话：0557" > six.csv
v "a sixth signature line is no longer skipped" 1 six.csv
assert_eq "the five before it stand between records: errors" 5 "$(grep -c 'error \[row.signature_inside\]' "$T/err")"
assert_nogrep "... never also said to be skipped" 'warning \[row.signature\]' "$T/err"
assert_grep "the sixth is read as a record" '^six\.csv:8:2: error \[value\.required\]' "$T/err"
assert_nogrep "no signature line's text in any message" '张三|李四|0557' "$T/err"
printf '%s\n' "$ZH" "A1,341321,2024-05-20,05,1,在侦" "填表人：张三" "A2,341321,2024-05-21,05,1,在侦" "审核人：李四" > inside.csv
v "a signature line between records: refused" 1 inside.csv
assert_grep "... an error at it" '^inside\.csv:3:1: error \[row\.signature_inside\]' "$T/err"
assert_nogrep "... and not also 'skipped'" '^inside\.csv:3:1: warning' "$T/err"
assert_grep "the one below the last record is skipped" '^inside\.csv:5:1: warning \[row\.signature\]' "$T/err"

printf '%s\n' "$ZH,细类" "A1,341321,2024-05-20,05,1,在侦,341321 19850312 451X" \
    "身份证342401-19850312-4519,341321,2024-05-20,05,1,在侦," "A3,341321,2024-05-20,05,1,在侦,341321850312451" > id.csv
v "identity numbers: refused" 1 id.csv
assert_eq "identity numbers: three errors (and the refusal)" 4 "$(errors)"
assert_nogrep "identity numbers never echoed on stderr" '19850312|850312|451X|4519' "$T/err"
assert_nogrep "identity numbers never echoed in the problems CSV" '19850312|850312|451X|4519' p.csv

printf '%s\n' "县区代码,年度,指标,数值" "341321,2024,常住人口,78.65" > pop.csv
v "population 78.65: refused" 1 pop.csv
assert_grep "population: says to multiply by 10 000, and the result" 'error \[indicators\.population_small\] .*multiplied by 10 000 it is 786500' "$T/err"

printf '%s\n' "$ZH,细类" 'A1,341321,2024-05-20,05,1,在侦,"第一行' '第二行' '第三行"' "A2,341321,2024-02-30,05,1,在侦," > rows.csv
v "a quoted value with line breaks, then an error" 1 rows.csv
assert_grep "the message gives the line and the spreadsheet row" '^rows\.csv:5:3: error \[value\.date_invalid\] spreadsheet row 3: ' "$T/err"
assert_grep "messages name the column as the header wrote it, the standard name in brackets" \
    "立案日期 \(date_reported\): '2024-02-30' is not a real calendar date" "$T/err"
assert_eq "the problems CSV: BOM and the columns of standard §5" \
    $'\xEF\xBB\xBFfile,line,row,column,column_name,severity,rule,message\r' "$(head -1 p.csv)"
assert_grep "the problems CSV: line 5, row 3, column 3, the header's name" \
    '^rows\.csv,5,3,3,立案日期 \(date_reported\),error,value\.date_invalid,' p.csv
printf '%s\n' "$EN" "A1,341321,2024-02-30,05,1,open" > en.csv
v "English header" 1 en.csv
assert_grep "English header: the standard name alone" "error \[value\.date_invalid\] date_reported: '2024-02-30'" "$T/err"
assert_grep "English header: row = line in the CSV" '^en\.csv,2,2,3,date_reported,error,value\.date_invalid,' p.csv

printf '%s\n' "$EN,subcategory" 'A1,341321,2024-05-20,05,1,open,"a' 'b"' 'A2,341321,2024-05-20,05,1,open,x"y' > q.csv
v "a quote error after a quoted line break" 1 q.csv
assert_grep "... gives the spreadsheet row too" '^q\.csv:4:7: error \[csv\.quote\] spreadsheet row 3: ' "$T/err"
sqlite3 sq.db "CREATE TABLE incidents(案件编号 TEXT, county TEXT, date_reported TEXT, category TEXT, offenses INTEGER, status TEXT);
    INSERT INTO incidents VALUES ('A1', '341321', '2024-02-30', '05', 1, 'open');" > /dev/null
v "SQLite: an error" 1 sq.db
assert_grep "SQLite: the problems CSV gives TABLE#ROWID as the row, no line" \
    '^sq\.db,,incidents#1,,date_reported,error,value\.date_invalid,' p.csv

# Every rule of the catalogue has a case.
for r in $(grep -oE '^RULE\([A-Z_0-9]+, *"[a-z0-9_.]+"' "$ROOT/report/common/rules.def" | sed 's/.*"\(.*\)"/\1/'); do
    if [ -n "${seen[$r]:-}" ] || [[ " $skip " == *" $r "* ]]; then ok "rule $r has a fixture"
    else nok "rule $r has a fixture" "add a case for $r to tests/rules/cases.txt"; fi
done
