#!/usr/bin/env bash
# t05-layers — the tree reads as the pipeline (issue 18): scripts/check-layers
# passes on the real tree, and fails, naming the file and line, on copies
# where a stage includes a later stage, the chart library includes a stage,
# a file sits outside the stage folders, or a folder is no stage.
. "$(dirname "$0")/lib.sh"
cd "$T"

"$ROOT/scripts/check-layers" "$ROOT" > real.txt 2>&1; rc=$?
if [ "$rc" -eq 0 ]; then
    ok "the real tree keeps its layers"
else
    nok "the real tree keeps its layers" "$(head -20 real.txt)"
fi
read -r -a stages < <(sed -n 's/^STAGES *:= *//p' "$ROOT/Makefile")
assert "the Makefile names at least six stages" test "${#stages[@]}" -ge 6
assert_eq "common comes first and cli last" "common cli" "${stages[0]} ${stages[-1]}"

fresh() { rm -rf tree; mkdir tree; cp -r "$ROOT/report" "$ROOT/charts" "$ROOT/Makefile" tree/; }
breach() { # DESCRIPTION PATTERN: the check fails and prints PATTERN
    "$ROOT/scripts/check-layers" tree > out.txt 2>&1; local rc=$?
    assert_eq "$1: refused" 1 "$rc"
    assert_grep "$1: said where" "$2" out.txt
}

fresh
sed -i '0,/#include "/s//#include "warehouse.h"\n#include "/' tree/report/common/text.c
breach "common includes the store" '^report/common/text\.c:[0-9]+: includes "warehouse\.h" of the later stage store'

fresh
printf '#include "workbook.h"\n' >> tree/report/figures/findings.c
breach "figures include the workbook" '^report/figures/findings\.c:[0-9]+: includes "workbook\.h" of the later stage workbook'

fresh
printf '#include "figures.h"\n' >> tree/charts/bars.c
breach "the chart library includes a stage" '^charts/bars\.c:[0-9]+: the chart library includes "figures\.h" of the stage figures'

fresh
printf '#include "no_such.h"\n' >> tree/report/cli/main.c
breach "an include found nowhere" '^report/cli/main\.c:[0-9]+: includes "no_such\.h", found in no folder'

fresh
touch tree/report/loose.c
breach "a file outside the stage folders" '^report/loose\.c: outside the stage folders'

fresh
mkdir tree/report/extra
breach "a folder that is no stage" '^report/extra: a folder that is no stage'

fresh
printf '#include "schema.h"\n' >> tree/report/cli/main.c
"$ROOT/scripts/check-layers" tree > out.txt 2>&1
assert_eq "a later stage may include an earlier one" 0 "$?"
