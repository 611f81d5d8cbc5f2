#!/usr/bin/env bash
# t35-locate.sh — every problem is reported at its exact place, whatever
# the file looks like (seeded mutation test, t35-locate.py).
#
# Each seed takes a few valid records of one table from samples/2024,
# renders them as a CSV file (BOM or not, CRLF or LF, GB18030, quoted
# fields with commas, doubled quotes and line breaks, title rows, blank
# and ",,,," rows, trailing empty columns, shuffled columns, Chinese
# aliases and units, a 序号 column, very long lines, no last line end,
# signature lines), an .xlsx workbook (openpyxl: title rows, merged
# title, empty leading columns, date cells, numbers as numbers) or an
# SQLite file (Chinese table and column names, rowids with gaps), injects
# ONE error into one field and expects `validate` to report exactly that
# one error, that rule, at FILE:LINE:COLUMN (the record's first physical
# line; the field's 1-based index in the file's record; the errors CSV's
# spreadsheet row too), FILE:SHEET!CELL or FILE:TABLE#ROWID:COLUMN.
#
# T35_SEEDS=FIRST:LAST runs other seeds (a long run: T35_SEEDS=1:60000).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
SEEDS=${T35_SEEDS:-1:1200}
# run-tests' sanitizer lane: fewer seeds (the build is about 3 times slower)
[ "${RUN_TESTS_LANE:-}" = san ] && SEEDS=${T35_SEEDS:-1:400}

"$PY" "$ROOT/tests/e2e/t35-locate.py" "$FORUMSTAT" "$SEEDS" --keep "$T/failed" >"$T/run.out" 2>&1
sum=$(tail -1 "$T/run.out")
read -r _ n _ ncsv _ nxlsx _ nsql _ nfail _ rules <<<"$sum"
assert_eq "seeds $SEEDS: every injected error at its place, no other error" "0" "${nfail:-?}"
[ "${nfail:-1}" = 0 ] || sed -n '1,40p' "$T/run.out" | sed 's/^/# /'
echo "# $sum"
assert "CSV, workbook and SQLite forms all ran ($ncsv, $nxlsx, $nsql)" \
    test "${ncsv:-0}" -gt 0 -a "${nxlsx:-0}" -gt 0 -a "${nsql:-0}" -gt 0
nrules=$(tr ',' '\n' <<<"$rules" | grep -c .)
assert "at least 30 rules injected ($nrules)" test "$nrules" -ge 30
forms=$(grep '^forms ' "$T/run.out")
for f in gb18030 utf-8-sig CRLF multi-line 'long lines' 'no last line end' 'title rows' \
         'blank rows' 'trailing commas' 序号 'signature lines' 'empty leading columns' \
         'merged title' 'table 矛盾纠纷' 'zh columns' 'mixed line ends' 'units row' \
         'hidden sheet' 'rowid alias column' 'typed cells' '|CR|' 'template workbook' 'huge lines'; do
    case $forms in *"$f"*) ok "form covered: $f" ;; *) nok "form not covered: $f" ;; esac
done

# Honesty: every expected place moved by one line (or column) must fail.
for shift in line column; do
    "$PY" "$ROOT/tests/e2e/t35-locate.py" "$FORUMSTAT" 1:40 --shift "$shift" >"$T/shift.out" 2>&1
    read -r _ n _ _ _ _ _ _ _ nfail _ <<<"$(tail -1 "$T/shift.out")"
    assert_eq "a place off by one $shift is caught in every case" "$n" "$nfail"
done
echo "1..$_n"
