#!/usr/bin/env bash
# t85-messages-zh — messages in Chinese or English (standard v2 §5, issue 13
# §1): --lang zh|en on every command, the default from LC_ALL, LC_MESSAGES
# and LANG (the first one set; "zh..." gives Chinese), GNU gettext's
# catalogue found next to the binary or at an installed prefix.
#
#  - the same bad file validated in both languages: the messages change,
#    the FILE:LINE:COLUMN prefixes, severities and rule ids do not;
#  - LANG=zh_CN.UTF-8 on a machine with no Chinese locale (env -i, only
#    C.UTF-8 here) gives the same Chinese; LC_ALL outranks LC_MESSAGES,
#    which outranks LANG; an empty variable counts as unset; --lang wins;
#  - --lang before or after the command, --lang=zh, wrong values (exit 2),
#    and not taken after "--";
#  - every command takes it: validate, import, history, revert, check,
#    report, template, --help; report and template also get it for their
#    documents, and the figures keep their C number form in Chinese;
#  - the catalogue is found at BIN/../share/locale (an installation), and
#    without any catalogue the messages stay English.
. "$(dirname "$0")/lib.sh"
cd "$T"
FS=$FORUMSTAT
REAL=${_fs_real:-$FS}
H='case_id,county,date_reported,category,offenses,status,date_solved'
# Only C, C.UTF-8 and POSIX are needed: Chinese must not depend on a locale.
run_env() { env -i PATH="$PATH" FORUMSTAT_ZONE="$FORUMSTAT_ZONE" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
                ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${LSAN_OPTIONS:+LSAN_OPTIONS=$LSAN_OPTIONS} \
                ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} "$@"; }
# prefixes FILE: each problem line cut after its rule id
prefixes() { sed -nE 's/^(.*: (error|warning) \[[a-z_.]+\]).*/\1/p' "$1"; }

if locale -a 2>/dev/null | grep -qi '^zh'; then
    echo "# note: a Chinese locale is installed here; the tests below use env -i and C.UTF-8 anyway"
fi

# A file with a header near miss, an unknown column, a required value
# missing and a blank row; and a good one.
{
    echo "$H,序号"
    echo "DS-1,341321,2024-03-01,05,1,open,,1"
    echo "DS-2,341321,2024-03-02,,1,open,,2"
    echo ",,,,,,,"
} > bad.csv
{ echo "$H"; echo "DS-9,341321,2024-03-01,05,1,open,"; } > good.csv

# ------------------------------------------------ the same file, both ways
assert_exit "validate --lang zh exits 1" 1 run_env LANG=C.UTF-8 "$FS" --lang zh validate bad.csv
cp "$T/err" zh.err; cp "$T/out" zh.out
assert_exit "validate --lang en exits 1" 1 run_env LANG=C.UTF-8 "$FS" validate --lang en bad.csv
cp "$T/err" en.err
assert_grep "zh: the required value, in Chinese, with the hint" \
    '^bad\.csv:3:4: error \[value\.required\] category 为必填项，但为空 — 请填写该值$' zh.err
assert_grep "en: the same in English" \
    '^bad\.csv:3:4: error \[value\.required\] category is required but empty — fill in the value$' en.err
assert_grep "zh: the ignored column" \
    "^bad\.csv:1:8: warning \[header\.unknown\] 列“序号”有数据，但不属于 刑事案件 \\(incidents\\) 表，这些数据将被忽略；本文件缺少的列：subcategory, .* — 如果该列的内容属于其中某一列，请改用那一列的名称；否则没有数据丢失$" zh.err
assert_grep "zh: the blank row" '^bad\.csv:4: warning \[row\.blank\] 已跳过空行$' zh.err
assert_grep "zh: the refusal" '^bad\.csv: error \[import\.refused\] 文件被退回：1 个错误；其中的数据均未导入 — ' zh.err
assert_nogrep "zh: no English message left in these lines" 'is required|fill in|skipped|is ignored|refused:' zh.err
assert_eq "zh and en: as many problem lines" "$(prefixes en.err | wc -l)" "$(prefixes zh.err | wc -l)"
assert "zh and en: four problems at least" test "$(prefixes zh.err | wc -l)" -ge 4
assert_eq "zh and en: identical FILE:LINE:COLUMN, severities and rule ids" \
    "$(prefixes en.err)" "$(prefixes zh.err)"

# A value, a record rule and a hint built at run time, in Chinese.
{ echo "$H"; echo "DS-5,341321,2024-13-01,99,1,solved,2024-03-01"; echo "DS-6,341321,2024-03-05,05,1,solved,2024-03-01"; } > vals.csv
assert_exit "validate --lang zh: values and record rules" 1 run_env "$FS" validate --lang zh vals.csv
assert_grep "zh: a value's problem (cell_error) in Chinese" \
    '^vals\.csv:2:3: error \[value\.date_invalid\] date_reported：“2024-13-01” 不是真实存在的日期 — 请检查月份和日期$' "$T/err"
assert_grep "zh: the allowed codes with their Chinese names" \
    '^vals\.csv:2:4: error \[value\.enum\] category：“99” 不是允许的值 — 是否应为“09”？允许的值：01 \(致人死亡' "$T/err"
assert_grep "zh: a record rule (rule_at) in Chinese" \
    '^vals\.csv:3:7: error \[incidents\.solved_before_reported\] date_solved 2024-03-01 早于 date_reported 2024-03-05 — 请核对这两个日期$' "$T/err"
assert_exit "validate --lang en: the same" 1 run_env "$FS" validate --lang en vals.csv
assert_grep "en: the rule in English" '^vals\.csv:3:7: error \[incidents\.solved_before_reported\] date_solved 2024-03-01 is before date_reported 2024-03-05 — check both dates$' "$T/err"

# ---------------------------------------------------- from the environment
assert_exit "LANG=zh_CN.UTF-8 (no such locale installed)" 1 run_env LANG=zh_CN.UTF-8 "$FS" validate bad.csv
assert_eq "LANG=zh_CN.UTF-8: the same Chinese as --lang zh" "$(cat zh.err)" "$(cat "$T/err")"
assert_exit "LANG=zh_CN.GB18030, LANGUAGE unset" 1 run_env LANG=zh_CN.GB18030 "$FS" validate bad.csv
assert_eq "any zh... value gives Chinese, written as UTF-8" "$(cat zh.err)" "$(cat "$T/err")"
assert_exit "no variable set" 1 run_env "$FS" validate bad.csv
assert_eq "no variable set: English" "$(cat en.err)" "$(cat "$T/err")"
assert_exit "LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8" 1 run_env LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8 "$FS" validate bad.csv
assert_eq "LC_ALL outranks LANG" "$(cat en.err)" "$(cat "$T/err")"
assert_exit "LC_ALL=zh_CN.UTF-8 LC_MESSAGES=C LANG=C" 1 \
    run_env LC_ALL=zh_CN.UTF-8 LC_MESSAGES=C LANG=C "$FS" validate bad.csv
assert_eq "LC_ALL outranks LC_MESSAGES" "$(cat zh.err)" "$(cat "$T/err")"
assert_exit "LC_MESSAGES=zh_CN.UTF-8 LANG=en_GB.UTF-8" 1 \
    run_env LC_MESSAGES=zh_CN.UTF-8 LANG=en_GB.UTF-8 "$FS" validate bad.csv
assert_eq "LC_MESSAGES outranks LANG" "$(cat zh.err)" "$(cat "$T/err")"
assert_exit "LC_ALL= (empty) LANG=zh_CN.UTF-8" 1 run_env LC_ALL= LANG=zh_CN.UTF-8 "$FS" validate bad.csv
assert_eq "an empty variable counts as unset" "$(cat zh.err)" "$(cat "$T/err")"
assert_exit "LANG=zh_CN.UTF-8 --lang en" 1 run_env LANG=zh_CN.UTF-8 "$FS" validate bad.csv --lang en
assert_eq "--lang outranks the locale" "$(cat en.err)" "$(cat "$T/err")"
assert_exit "LANGUAGE=zh_CN alone does not switch" 1 run_env LANGUAGE=zh_CN LANG=C.UTF-8 "$FS" validate bad.csv
assert_eq "LANGUAGE=zh_CN alone: English (the standard names LC_ALL, LC_MESSAGES, LANG)" \
    "$(cat en.err)" "$(cat "$T/err")"

# -------------------------------------------------------- the option itself
assert_exit "--lang=zh form" 1 run_env "$FS" validate --lang=zh bad.csv
assert_eq "--lang=zh: Chinese" "$(cat zh.err)" "$(cat "$T/err")"
assert_exit "--lang fr is wrong usage" 2 run_env "$FS" --lang fr validate bad.csv
assert_grep "--lang fr: says what it takes" "^forumstat validate: --lang is zh or en, not 'fr'$" "$T/err"
assert_grep "--lang fr: points at the command's help" "^Try 'forumstat validate --help'\.$" "$T/err"
assert_exit "--lang fr under LANG=zh: wrong usage, in Chinese" 2 run_env LANG=zh_CN.UTF-8 "$FS" validate --lang fr bad.csv
assert_grep "--lang fr in Chinese" '^forumstat validate：--lang 只能是 zh 或 en，而不是“fr”$' "$T/err"
assert_grep "--lang fr in Chinese: the command's help" '^请运行“forumstat validate --help”查看用法。$' "$T/err"
assert_exit "--lang fr and no command is wrong usage" 2 run_env "$FS" --lang fr
assert_grep "--lang fr and no command: forumstat's help" "^forumstat: --lang is zh or en, not 'fr'$" "$T/err"
assert_exit "--lang without a value is wrong usage" 2 run_env "$FS" validate bad.csv --lang
assert_grep "--lang without a value: says so" '^forumstat validate: --lang wants zh or en$' "$T/err"
assert_exit "--lang alone is wrong usage" 2 run_env "$FS" --lang
assert_grep "--lang alone: says so" '^forumstat: --lang wants zh or en$' "$T/err"
assert_exit "after --, --lang is a file name" 1 run_env "$FS" validate --lang zh -- --lang
assert_grep "after --: the file --lang is looked for, in Chinese" '^--lang: error \[file\.unreadable\] 无法打开' "$T/err"
assert_exit "an unknown command, in Chinese" 2 run_env "$FS" --lang zh frobnicate
assert_grep "unknown command: the Chinese message" '^forumstat：“frobnicate”不是 forumstat 的命令$' "$T/err"

# ------------------------------------------------------------------ --help
assert_exit "forumstat --lang zh --help" 0 run_env "$FS" --lang zh --help
assert_grep "top-level help in Chinese" '^用法：forumstat \[--lang zh\|en\] 命令' "$T/out"
assert_grep "top-level help lists the commands in Chinese" '^  validate   校验县区报送的文件' "$T/out"
assert_exit "forumstat --help under LANG=zh_CN.UTF-8" 0 run_env LANG=zh_CN.UTF-8 "$FS" --help
assert_grep "help follows LANG" '^用法：forumstat' "$T/out"
assert_exit "forumstat --help in English" 0 run_env LANG=C.UTF-8 "$FS" --help
assert_grep "English help names --lang" '^--lang zh\|en \(every command\): the language of messages' "$T/out"
assert_exit "forumstat --lang zh --version" 0 run_env "$FS" --lang zh --version
assert_grep "--version is unchanged" '^forumstat [0-9]+\.[0-9]+\.[0-9]+$' "$T/out"
assert_exit "forumstat --lang zh (no command) is wrong usage" 2 run_env "$FS" --lang zh
assert_grep "no command: the Chinese usage on stderr" '^用法：forumstat' "$T/err"
for c in validate import history revert report check template; do
    assert_exit "$c --help --lang zh" 0 run_env "$FS" "$c" --help --lang zh
    assert_grep "$c --help documents --lang" '--lang zh\|en' "$T/out"
done
assert_exit "check --help --lang zh" 0 run_env "$FS" check --help --lang zh
assert_grep "check --help in Chinese" '^用法：forumstat check \[--db PATH\]' "$T/out"
assert_exit "report --help --lang zh" 0 run_env "$FS" report --help --lang zh
assert_grep "report --help in Chinese" '^用法：forumstat report' "$T/out"

# -------------------------------------------------------- every command
DB="$T/w.db"
assert_exit "import --lang zh of a good file" 0 run_env "$FS" import --lang zh --db "$DB" good.csv
assert_grep "import: the file's line in Chinese" '^good\.csv：有效，1 条记录（CSV, UTF-8）$' "$T/out"
assert_grep "import: the summary in Chinese" \
    '^import：1 个文件，1 个已导入，0 个被退回，1 条记录，0 个错误，0 个警告（第 1 次导入，数据仓库 .*w\.db）$' "$T/out"
assert_grep "import: the slice table into a pipe keeps the English column names scripts read" \
    '^county	year	table	records	before	after	change$' "$T/out"
assert_grep "... and the English change word" '^341321	2024	incidents	1	0	1	new$' "$T/out"
assert_exit "validate --lang zh of a good file" 0 run_env "$FS" validate --lang zh good.csv
assert_grep "validate: the summary in Chinese" '^validate：1 个文件，1 个有效，0 个被退回，1 条记录，0 个错误，0 个警告$' "$T/out"
assert_exit "validate --lang en of a good file" 0 run_env "$FS" validate --lang en good.csv
assert_grep "validate: the summary in English, singular forms" '^validate: 1 file, 1 valid, 0 refused, 1 record, 0 errors, 0 warnings$' "$T/out"
assert_exit "import --lang zh of the bad file exits 1" 1 run_env "$FS" --lang zh import --db "$DB" bad.csv --errors problems.csv
assert_eq "import --lang zh: the same problems as validate" "$(prefixes zh.err)" "$(prefixes "$T/err")"
assert_grep "import --lang zh: the Chinese message" '\[value\.required\] category 为必填项，但为空' "$T/err"
assert_grep "problems.csv: the message in Chinese" '为必填项，但为空' problems.csv
assert_grep "problems.csv: the hint in Chinese" '请填写该值' problems.csv
assert_exit "history --lang zh" 0 run_env "$FS" history --lang zh --db "$DB"
assert_grep "history still lists the import" 'good\.csv' "$T/out"
assert_grep "history: the import in Chinese" '^第 1 次导入  [0-9TZ:-]+$' "$T/out"
assert_grep "history: the file in Chinese" '^  文件  good\.csv  （csv UTF-8，1 条记录，[0-9]+ 字节，sha256 [0-9a-f]{64}）$' "$T/out"
assert_grep "history: the slice with the table's Chinese name and the county's" '^  刑事案件 341321 砀山县 2024 年：1 条记录$' "$T/out"
assert_nogrep "... not its English one" '^  incidents ' "$T/out"
assert_grep "history: the summary in Chinese" '^history：1 次导入（0 次已撤销），1 个文件，1 条记录，数据仓库 .*w\.db$' "$T/out"
assert_nogrep "history: no English left" 'import|records|file |reverted' <(grep -v 'sha256' "$T/out")
assert_exit "revert --lang zh 1" 0 run_env "$FS" revert --lang zh --db "$DB" 1
assert_grep "revert: the summary in Chinese" '^revert：已撤销第 1 次导入：其 1 个数据块中有 1 个发生变化$' "$T/out"
assert_grep "revert: the slice in Chinese, the county by code and name, the table by its Chinese name" \
    '^  341321 砀山县 2024 年的刑事案件：现在没有记录（此前没有导入含有这部分数据）$' "$T/out"
assert_nogrep "... no English table name" 'incidents' "$T/out"
assert_exit "revert --lang zh --redo 1" 0 run_env "$FS" revert --lang zh --db "$DB" --redo 1
assert_grep "revert --redo: the summary in Chinese" '^revert：已恢复第 1 次导入：其 1 个数据块中有 1 个重新生效$' "$T/out"
assert_grep "revert --redo: the slice in Chinese" '^  341321 砀山县 2024 年的刑事案件：第 1 次导入重新生效（1 条记录）$' "$T/out"
assert_exit "revert --lang zh --redo 1 again: nothing to redo" 1 run_env "$FS" revert --lang zh --db "$DB" --redo 1
assert_grep "revert: nothing to redo, in Chinese" '^forumstat revert: 第 1 次导入没有撤销：无需恢复（见 forumstat history --db .*w\.db）$' "$T/err"
assert_exit "revert --lang zh with no import number is wrong usage" 2 run_env "$FS" revert --lang zh --db "$DB"
assert_grep "revert: the Chinese usage error" '^forumstat revert: 请给出一个导入编号（见 forumstat history --db .*w\.db）$' "$T/err"
assert_grep "revert: the Chinese pointer to --help" "^请运行“forumstat revert --help”查看用法。$" "$T/err"
assert_exit "check --lang zh without --year is wrong usage" 2 run_env "$FS" check --lang zh --db "$DB"
assert_grep "check: the Chinese usage error" '^forumstat check: 请用 --year Y 指定年度$' "$T/err"

# The secretariat's commands in Chinese name tables by their Chinese names,
# counties by code and name and the declared counts as the guide does
# (报送协作活动数 (declared_cooperation)); in English they stay as scripts
# read them (secretariat trial, 2026-12-05).
assert_exit "history --lang en" 0 run_env "$FS" history --lang en --db "$DB"
assert_grep "history in English: the standard name and the code" '^  incidents    341321 2024:      1 records$' "$T/out"
assert_exit "revert --lang en 1" 0 run_env "$FS" revert --lang en --db "$DB" 1
assert_grep "revert in English: the standard name and the code" \
    '^  incidents of 341321 for 2024: no records now \(no earlier import held it\)$' "$T/out"
assert_exit "revert --lang en --redo 1" 0 run_env "$FS" revert --lang en --db "$DB" --redo 1
assert_grep "revert --redo in English" '^  incidents of 341321 for 2024: import 1 current again \(1 record\)$' "$T/out"
assert_exit "history --lang zh with a zone file that cannot be read: still listed" 0 \
    run_env FORUMSTAT_ZONE="$T/no-such-zone.conf" "$FS" history --lang zh --db "$DB"
assert_grep "... the county by its code alone" '^  刑事案件 341321 2024 年：1 条记录$' "$T/out"
assert_eq "... without a word about the zone" "" "$(cat "$T/err")"
printf '%s\n' county,year,indicator,value 341321,2024,declared_incidents,2 341321,2024,declared_cooperation,0 > ind.csv
DD="$T/declared.db"
assert_exit "import of an incident and declared counts" 0 run_env "$FS" import -q --db "$DD" good.csv ind.csv
assert_exit "history --lang zh: the declared counts" 0 run_env "$FS" history --lang zh --db "$DD"
assert_grep "history: the declared counts' heading names the indicators as the guide does" \
    '^申报记录数（年度指标中的报送刑事案件数、报送矛盾纠纷数、报送协作活动数，即 declared_\*）与数据仓库所存记录数对照：$' "$T/out"
assert_grep "history: a zero report, the county by code and name, the table in Chinese" \
    '^  2024 年 341321 砀山县 协作活动：申报 0，数据仓库中有 0（零报告）$' "$T/out"
assert_grep "history: fewer than declared" \
    '^  2024 年 341321 砀山县 刑事案件：申报 2，数据仓库中有 1（少于申报数：核对问题，见 forumstat check --db .*declared\.db --year 2024）$' "$T/out"
assert_nogrep "... no English table name" 'incidents|cooperation[^)]' "$T/out"
assert_exit "history --lang en: the declared counts" 0 run_env "$FS" history --lang en --db "$DD"
assert_grep "history in English: the declared count as scripts read it" \
    '^  2024 341321 cooperation: declared 0, held 0 \(zero report\)$' "$T/out"
assert_exit "check --lang zh: a finding" 1 run_env "$FS" check --lang zh --db "$DD" --year 2024
assert_grep "check: the counties without a table, the table in Chinese, the counties listed with 、" \
    '^以下县区没有 2024 年的矛盾纠纷记录：320321 丰县、341321 砀山县、341322 萧县、' "$T/err"
assert_grep "check: the zero report names the indicator as the guide does" \
    '^以下县区 2024 年零报告（报送协作活动数 \(declared_cooperation\) 为 0）：341321 砀山县$' "$T/err"
assert_nogrep "... no English table name" 'disputes|incidents|cooperation[^)]' "$T/err"
assert_exit "check --lang en: the same finding" 1 run_env "$FS" check --lang en --db "$DD" --year 2024
assert_grep "check in English: the standard names" '^no disputes records for 2024 from: 320321 丰县, 341321 砀山县, ' "$T/err"
assert_grep "check in English: the zero report" '^zero report \(declared_cooperation 0\) for 2024 from: 341321 砀山县$' "$T/err"
# the slice table on a terminal (script(1)): the table in Chinese too
script -qfec "'$FS' import --lang zh --db '$T/tty.db' good.csv" /dev/null > tty.txt 2>&1
assert_grep "import on a terminal: the slice table's header in Chinese" $'^县区 +年度 +表 +记录数 +导入前 +导入后 +变化\r?$' tty.txt
assert_grep "... and the table by its Chinese name" $'^341321 砀山县 +2024 +刑事案件 +1 +0 +1 +新增\r?$' tty.txt
assert_nogrep "... not its English one" 'incidents' tty.txt
script -qfec "'$FS' import --lang en --db '$T/tty-en.db' good.csv" /dev/null > tty-en.txt 2>&1
assert_grep "import on a terminal in English: the standard name" $'^341321 砀山县 +2024 +incidents +1 +0 +1 +new\r?$' tty-en.txt
# a repeated identifier names the county by code and name, at import (the
# warehouse's check) as at validate (tests/rules/cases.txt)
{ echo "$H"; echo "D-1,341321,2024-03-01,05,1,open,"; echo "D-1,341321,2024-03-02,05,1,open,"; } > dup.csv
assert_exit "import --lang zh of a repeated identifier: refused" 1 run_env "$FS" import --lang zh --db "$T/dup.db" dup.csv
assert_grep "... the county by code and name" '^dup\.csv:3:1: error \[unique\.id\] 341321 砀山县 2024 年的case_id“D-1”与已有编号重复' "$T/err"
assert_exit "import --lang en of a repeated identifier: refused" 1 run_env "$FS" import --lang en --db "$T/dup.db" dup.csv
assert_grep "... in English the code alone" "^dup\.csv:3:1: error \[unique\.id\] case_id 'D-1' of 341321 in 2024 repeats an identifier" "$T/err"

S="$ROOT/samples/2024"
if [ -d "$S" ]; then
    assert_exit "import samples/2024" 0 "$FS" import -q --db "$DB" "$S"
    assert_exit "check --lang zh --year 2024" 0 run_env "$FS" check --lang zh --db "$DB" --year 2024
    assert_grep "check: the count in Chinese" '^check 2024：(没有核对问题|[0-9]+ 个核对问题)$' "$T/err"
    assert_exit "report --lang zh" 0 run_env "$FS" report --lang zh --db "$DB" --year 2024 --out rzh
    assert_grep "report --lang zh: progress in Chinese" '^report 2024：统计数据 rzh/metrics-2024\.csv$' "$T/out"
    assert_grep "report --lang zh: the total in Chinese" '^report 2024：共 [0-9]+ 项统计数据，涉及 [0-9]+ 个统计范围' "$T/out"
    assert_grep "report --lang zh: the forum and its host in Chinese" '^2024 年论坛：第 [0-9]+ 届，承办县区 [0-9]{6} ' "$T/out"
    assert_grep "report --lang zh: every step in Chinese" '^report 2024：跨区案件登记 rzh/cross-cases-2024\.csv$' "$T/out"
    assert_exit "check --lang zh for a year the warehouse lacks" 1 run_env "$FS" check --lang zh --db "$DB" --year 2023
    assert_grep "check: the missing year in Chinese" '^forumstat check: 数据仓库 .* 中没有 2023 年的记录（已有年度：.*2024.*）$' "$T/err"
    assert_exit "report --lang en" 0 run_env LANG=zh_CN.UTF-8 "$FS" report --lang en --db "$DB" --year 2024 --out ren
    assert_grep "report --lang en: progress in English despite LANG" '^report 2024: metrics     ren/metrics-2024\.csv$' "$T/out"
    assert "metrics are the same bytes in both languages (numbers stay in C form)" \
        cmp -s rzh/metrics-2024.csv ren/metrics-2024.csv
    assert_exit "forumstat --lang en report (option before the command)" 0 \
        run_env "$FS" --lang en report --db "$DB" --year 2024 --out ren2
    assert "--lang before report sets the workbook's language too" cmp -s ren/forum-2024.xlsx ren2/forum-2024.xlsx
    assert "the zh and en workbooks differ" test "$(cmp -s rzh/forum-2024.xlsx ren/forum-2024.xlsx; echo $?)" = 1
else
    nok "samples/2024 is missing (run samples/generate.py)"
fi
assert_exit "forumstat --lang en template" 0 \
    run_env "${REAL}" --lang en template -q --county 341321 --year 2024 --out ten
assert_grep "template: --lang before the command gives English headers" 'case_id,county,date_reported' ten/341321-2024-incidents.csv
assert_nogrep "template --lang en: no Chinese header" '案件编号' ten/341321-2024-incidents.csv
assert_exit "forumstat template --lang zh" 0 \
    run_env "${REAL}" template -q --lang zh --county 341321 --year 2024 --out tzh
assert_grep "template --lang zh: Chinese headers" '案件编号' tzh/341321-2024-incidents.csv

# ------------------------------------------- round 2: the other commands' output
assert_exit "template --lang zh (not -q)" 0 run_env "${REAL}" template --lang zh --county 341321 --year 2024 --out tzh2
assert_grep "template: each file in Chinese" '^template：工作簿 tzh2/template-341321-2024\.xlsx$' "$T/out"
assert_grep "template: the data dictionary in Chinese" '^template：数据字典 tzh2/dictionary-341321-2024\.csv$' "$T/out"
assert_grep "template: the summary in Chinese" '^template：341321 .* 2024 年（zh）：已在 tzh2 写出 6 个文件；请填写工作簿' "$T/out"
assert_nogrep "template: no English left" 'files written|CSV template|workbook|fill in' "$T/out"
assert_exit "template again into the same folder: refused" 2 run_env "${REAL}" template --lang zh --county 341321 --year 2024 --out tzh2
assert_grep "template: the refusal in Chinese" '^forumstat template: tzh2/.* 已存在：什么也没有写，以免清空已填写的模板；请换一个 --out 文件夹，或加 --force 替换$' "$T/err"
assert_exit "template --lang en into the same folder: refused" 2 run_env "${REAL}" template --lang en --county 341321 --year 2024 --out tzh2
assert_grep "template: the refusal in English, six files: plural" 'already exist: nothing was written.*replace them$' "$T/err"
assert_exit "template: an unknown county, in Chinese" 2 run_env "${REAL}" template --lang zh --county 999999 --year 2024 --out tzh3
assert_grep "template: the unknown county in Chinese" '^forumstat template: “999999”不是本合作区的成员县区' "$T/err"
assert_exit "report --lang zh without a warehouse" 3 run_env "$FS" report --lang zh --db "$T/none.db" --year 2024 --out rnone
assert_grep "report: no warehouse, in Chinese" '^forumstat report: 数据仓库 .*none\.db 不存在：请用 --db PATH 指定导入文件时使用的数据仓库' "$T/err"
assert_nogrep "report: the system's error text is not turned into question marks" '\?\?\?' "$T/err"

# ------------------------------------------------- where the catalogue is
mkdir -p inst/bin inst/share/locale/zh_CN/LC_MESSAGES alone
MO=$(dirname "$REAL")/locale/zh_CN/LC_MESSAGES/forumstat.mo
assert "the build made the catalogue next to the binary" test -s "$MO"
cp "$REAL" inst/bin/forumstat
cp "$MO" inst/share/locale/zh_CN/LC_MESSAGES/
assert_exit "an installed copy (BIN/../share/locale)" 1 run_env LANG=C.UTF-8 inst/bin/forumstat --lang zh validate bad.csv
assert_eq "installed copy: the same Chinese" "$(cat zh.err)" "$(cat "$T/err")"
cp "$REAL" alone/forumstat
assert_exit "a copy with no catalogue anywhere" 1 run_env LANG=C.UTF-8 alone/forumstat --lang zh validate bad.csv
assert_eq "no catalogue: English messages, same problems" "$(cat en.err)" "$(cat "$T/err")"
