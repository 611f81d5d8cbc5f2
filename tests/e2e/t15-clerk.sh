#!/usr/bin/env bash
# t15-clerk — what a county clerk's trial (LANG=zh_CN.UTF-8, files from
# Excel and WPS) found, through the real binary on real files: the checks
# a rule fixture of tests/rules/cases.txt cannot make (several files, a
# template folder, counts of messages).
. "$(dirname "$0")/lib.sh"
cd "$T"
FS=$FORUMSTAT
export LANG=zh_CN.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE

# (the real binary: under VALGRIND=1 libxlsxwriter's leaks would fail it,
# t60 runs template under memcheck with their suppressions)
"${_fs_real:-$FS}" template -q --county 341321 --year 2024 --out tpl > /dev/null 2>&1 ||
    nok "forumstat template writes the template folder"

# 2. indicators declaring 5 cooperation activities beside the header-only
# cooperation.csv of the template: the same warning as against records
mkdir d2
cp tpl/341321-2024-cooperation.csv d2/
printf '%s\n' 县区代码,年度,指标,数值 341321,2024,常住人口,980000 341321,2024,报送协作活动数,5 > d2/ind.csv
assert_exit "declared 5, cooperation sent empty: valid (a warning only)" 0 "$FS" validate d2
assert_grep "... the declared count is compared with 0 records" \
    '^d2/ind\.csv:3:4: warning \[indicators\.declared_mismatch\] .*申报 5 条记录，但文件中该县区该年度有 0 条' "$T/err"
assert_exit "the indicators file alone: valid" 0 "$FS" validate d2/ind.csv
assert_nogrep "... and not compared with a table it was not sent with" 'declared_mismatch' "$T/err"

# 3. validate on the template folder: the dictionary is skipped with one
# warning, not read as 42 errors
assert_exit "the template folder: refused for its empty indicator values only" 1 "$FS" validate tpl
assert_eq "one message about the dictionary" 1 "$(grep -c 'dictionary-341321-2024\.csv' "$T/err")"
assert_grep "... a warning saying it is the data dictionary and need not be sent" \
    '^tpl/dictionary-341321-2024\.csv:1: warning \[file\.dictionary\] .*数据字典.*无需报送' "$T/err"

# 5. a two-row header (cells merged down over six columns, 金额（元） over
# 损失金额 and 挽损金额): one error, not one per merged column
PYTHONPATH="$ROOT/tests/fixtures/xlsx" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c '
import datetime
from mkxlsx import Book
H = ["案件编号", "县区代码", "立案日期", "案件类别", "起数", "状态", "金额（元）", None]
R = ["A1", "341321", datetime.date(2024, 5, 20), "05", 1, "在侦", 100, 50]
Book().sheet("Sheet1", [H, [None] * 6 + ["损失金额", "挽损金额"], R, ["A2"] + R[1:]],
             merges=["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:H1"]).save("two.xlsx")'
assert_exit "two-row header: refused" 1 "$FS" validate two.xlsx
assert_eq "... with one error (and the refusal)" 2 "$(grep -c ': error \[' "$T/err")"
assert_grep "... saying to make the header one row" '^two\.xlsx:Sheet1!2:2: error \[header\.two_rows\] .*表头.*一行' "$T/err"
assert_nogrep "... and no message per merged cell" 'value\.required' "$T/err"

# 6. codes typed in full-width digits (an input method's full-width mode)
# are read as the codes, as numbers are (standard §2.1: codes forgiving
# where typing mangles them)
printf '%s\n' 案件编号,县区代码,立案日期,案件类别,起数,状态,涉及县区,跨区案件编号 \
    'A1,３４１３２１,2024-05-20,０５,１,在侦,"３７１７２２，萧县",X1' 'A2,341321,2024-05-20,５,1,ｏｐｅｎ,,' > fw.csv
assert_exit "full-width county, category, list and status: valid" 0 "$FS" validate fw.csv
assert_nogrep "... without a message" 'fw\.csv:' "$T/err"
assert_exit "... and imported" 0 "$FS" import -q --db fw.db fw.csv
assert_eq "... as the codes" "A1|341321|05|341322;371722
A2|341321|05|" "$(sqlite3 fw.db "SELECT case_id, county, category, counties_involved FROM current_incidents ORDER BY case_id")"
printf '%s\n' 案件编号,县区代码,立案日期,案件类别,起数,状态 'A1,３４１３２９,2024-05-20,１２,1,在侦' > fw2.csv
assert_exit "an unknown code in full-width digits: refused" 1 "$FS" validate fw2.csv
assert_grep "... quoted as written" '县区代码 \(county\)：“３４１３２９”不是本合作区的成员县区' "$T/err"

# 8. the refusal's hint in Chinese: 改正该文件列出的全部错误 (no stray 为)
printf '%s\n' 县区代码,年度,指标,数值 341321,2024年,常住人口,980000 > y.csv
assert_exit "a year with 年: refused" 1 "$FS" validate y.csv
assert_grep "the refusal says: 改正该文件列出的全部错误后重新报送" \
    '^y\.csv: error \[import\.refused\] .* — 改正该文件列出的全部错误后重新报送$' "$T/err"

# 9. Chinese messages name tables and declared counts in Chinese with the
# standard name in brackets (English messages keep the standard names)
assert_exit "declared 5 against an empty cooperation file, in Chinese" 0 "$FS" validate d2
assert_grep "... the indicator as 报送协作活动数 (declared_cooperation), the table as 协作活动 (cooperation)" \
    '的 报送协作活动数 \(declared_cooperation\) 申报 5 条记录，但文件中该县区该年度有 0 条 协作活动 \(cooperation\) 记录' "$T/err"
assert_grep "... and the empty table too" '^d2/341321-2024-cooperation\.csv:1: warning \[file\.no_records\] 协作活动 \(cooperation\) 表只有表头' "$T/err"
assert_exit "the same in English" 0 "$FS" validate --lang en d2
assert_grep "... declared_cooperation and cooperation alone" 'declared_cooperation of 341321 .* 0 cooperation records' "$T/err"
