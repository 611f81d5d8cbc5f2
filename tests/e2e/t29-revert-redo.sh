#!/usr/bin/env bash
# t29-revert-redo — revert and `revert --redo` (standard v2 §3): both say,
# slice by slice, which records became current and which slices a later
# import holds; round trips give back the same live data.  Hints spell out
# the command in full with --db (shell-quoted); a folder given as --db, or
# a warehouse in a missing folder, gets a message saying what to pass.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
mkdir "my forum"
DB="my forum/w.db"
H='case_id,county,date_reported,category,offenses,status'
live() { sqlite3 "$DB" "SELECT import_id FROM live_slices WHERE tbl='$1' AND county='$2' AND year=$3"; }
# the live records of every table, as one checksum
state() { for t in indicators incidents disputes cooperation; do sqlite3 "$DB" "SELECT * FROM live_$t ORDER BY 1, 2, 3"; done | sha256sum | cut -c1-64; }

mkv() { # FILE PREFIX N COUNTY YEAR
    { echo "$H"; for i in $(seq "$3"); do echo "$2-$i,$4,$5-03-01,05,1,open"; done; } > "$1"; }
mkv a.csv A 10 341321 2025          # import 1: Dangshan 2025
mkv b.csv B 10 341322 2025          # import 1: Xiao 2025
assert_exit "import 1" 0 "$FORUMSTAT" import --db "$DB" a.csv b.csv
mkv a2.csv A2 8 341321 2025
mkv c.csv C 5 320321 2025
assert_exit "import 2: Dangshan again, Feng new" 0 "$FORUMSTAT" import --db "$DB" a2.csv c.csv
mkv a3.csv A3 9 341321 2025
assert_exit "import 3: Dangshan once more" 0 "$FORUMSTAT" import --db "$DB" a3.csv
S3=$(state)

# Reverting import 2: a later import (3) holds Dangshan; Feng goes empty.
assert_exit "revert 2" 0 "$FORUMSTAT" revert --db "$DB" 2
assert_grep "says how many slices changed" '^revert: import 2 reverted: 1 of its 2 slices changed' "$T/out"
assert_grep "Dangshan: not changed, import 3 holds it" '^  incidents of 341321 for 2025: not changed: import 3, a later import, holds it \(9 records\)' "$T/out"
assert_grep "Feng: no records now" '^  incidents of 320321 for 2025: no records now' "$T/out"
assert_nogrep "never the old blanket claim" 'what it replaced is current again' "$T/out"
assert_eq "Dangshan stays with import 3" 3 "$(live incidents 341321 2025)"
assert_eq "Feng has no live slice" "" "$(live incidents 320321 2025)"
# Reverting import 3: import 2 is reverted, so import 1 is current again.
assert_exit "revert 3" 0 "$FORUMSTAT" revert --db "$DB" 3
assert_grep "Dangshan: import 1 current again" '^  incidents of 341321 for 2025: import 1 current again \(10 records\)' "$T/out"
assert_eq "... live" 1 "$(live incidents 341321 2025)"
# Redo 2: nothing later holds Dangshan now, so both its slices come back.
assert_exit "revert --redo 2" 0 "$FORUMSTAT" revert --db "$DB" --redo 2
assert_grep "redo says how many slices" '^revert: import 2 redone: current again for 2 of its 2 slices' "$T/out"
assert_grep "Dangshan: import 2 current again" '^  incidents of 341321 for 2025: import 2 current again \(8 records\)' "$T/out"
assert_grep "Feng: import 2 current again" '^  incidents of 320321 for 2025: import 2 current again \(5 records\)' "$T/out"
# Redo 3: the whole round trip gives back the state after import 3.
assert_exit "revert --redo 3" 0 "$FORUMSTAT" revert --db "$DB" --redo 3
assert_eq "round trip: the live records are those after import 3" "$S3" "$(state)"
assert_exit "redo of an import that is not reverted: exit 1" 1 "$FORUMSTAT" revert --db "$DB" --redo 3
assert_grep "... says so, with the history command in full" "import 3 is not reverted: there is nothing to redo \(see forumstat history --db 'my forum/w\.db'\)" "$T/err"
# A redo that a later import overtook: revert 3, import 4 over Dangshan, redo 3.
assert_exit "revert 3 again" 0 "$FORUMSTAT" revert --db "$DB" 3
mkv a4.csv A4 7 341321 2025
assert_exit "import 4 over Dangshan" 0 "$FORUMSTAT" import --db "$DB" a4.csv
assert_exit "redo 3" 0 "$FORUMSTAT" revert --db "$DB" --redo 3
assert_grep "... current for none of its slices" '^revert: import 3 redone: current again for 0 of its 1 slice$' "$T/out"
assert_grep "... import 4, a later import, holds Dangshan" '^  incidents of 341321 for 2025: not changed: import 4, a later import, holds it \(7 records\)' "$T/out"
assert_eq "... live stays with import 4" 4 "$(live incidents 341321 2025)"
"$FORUMSTAT" history --db "$DB" > hist.txt
assert_grep "history shows the redo" '^import 3 .*REDONE ' hist.txt
assert_grep "history shows import 2 current (not reverted)" '^import 2  [0-9TZ:-]+  REDONE ' hist.txt
# Round trip of a revert: revert 4, redo 4 = as before.
before=$(state)
"$FORUMSTAT" revert --db "$DB" 4 > /dev/null && "$FORUMSTAT" revert --db "$DB" --redo 4 > /dev/null
assert_eq "revert then redo gives back the same live records" "$before" "$(state)"

# An earlier import held the slice, but it is reverted too: the slice has
# no records now, and the revert says why (found by t33: it said that no
# earlier import held it).
D2=w2.db
mkv e1.csv E1 6 341321 2024
mkv e2.csv E2 7 341321 2024
"$FORUMSTAT" import -q --db "$D2" e1.csv && "$FORUMSTAT" import -q --db "$D2" e2.csv && "$FORUMSTAT" revert --db "$D2" 1 > /dev/null
assert_exit "revert 2 after its predecessor 1 was reverted" 0 "$FORUMSTAT" revert --db "$D2" 2
assert_grep "... no records now: import 1, which held it before, is reverted" \
    '^  incidents of 341321 for 2024: no records now \(import 1, which held it before, is reverted\)$' "$T/out"
assert_eq "... and the slice has no live records" "" "$(sqlite3 "$D2" "SELECT import_id FROM live_slices")"

# ------------------------------------------------ hints with --db in full
assert_exit "revert 2" 0 "$FORUMSTAT" revert --db "$DB" 2
assert_exit "reverting twice: exit 1" 1 "$FORUMSTAT" revert --db "$DB" 2
assert_grep "... names the redo command in full" "reverted already \(undo that with: forumstat revert --db 'my forum/w\.db' --redo 2\)" "$T/err"
assert_exit "an unknown import: exit 1" 1 "$FORUMSTAT" revert --db "$DB" 99
cmd=$(grep -o "forumstat history --db '[^']*'" "$T/err")
assert_eq "... the hint names history with the quoted warehouse" "forumstat history --db 'my forum/w.db'" "$cmd"
assert_exit "... and that command works as printed" 0 bash -c "eval \"\${1/forumstat/\\\"\\\$2\\\"}\"" _ "$cmd" "$FORUMSTAT"
assert_grep "... listing the imports" '^import 4 ' "$T/out"
# --db naming a folder, or a file in a folder that does not exist.
assert_exit "import --db FOLDER: exit 3" 3 "$FORUMSTAT" import --db "my forum" a.csv
assert_grep "... says it is a folder and what to pass" "my forum is a folder, not a warehouse: --db wants the warehouse's file name, for example --db 'my forum/forumstat\.db'" "$T/err"
assert "... nothing made inside" test ! -e "my forum/forumstat.db"
assert_exit "import --db in a missing folder: exit 3" 3 "$FORUMSTAT" import --db "no such/w.db" a.csv
assert_grep "... says which folder is missing and how to make it" "cannot create the warehouse no such/w\.db: no such is not an existing folder; create it first \(mkdir -p 'no such'\)" "$T/err"
assert_exit "history of a warehouse that is not there: exit 3" 3 "$FORUMSTAT" history --db "no such/w.db"
assert_grep "... says so and how to make one" "there is no warehouse no such/w\.db: .*forumstat import --db 'no such/w\.db' FILE\|DIR" "$T/err"
assert_exit "revert --help mentions --redo" 0 "$FORUMSTAT" revert --help
assert_grep "... " '--redo' "$T/out"

# A file sent again after a correction replaced it (a folder of every
# submission imported again): skipped, naming both imports, never undoing
# the correction; --again reads it.  (Trial of the secretariat, 2026-12-05.)
DB2=again.db
mkdir fold
mkv fold/first.csv F 6 341321 2025
assert_exit "again: the first file" 0 "$FORUMSTAT" import --db "$DB2" fold/first.csv
mkv fix.csv X 6 341321 2025
assert_exit "again: the county's correction" 0 "$FORUMSTAT" import --db "$DB2" fix.csv
cp fix.csv fold/
assert_exit "again: the folder of both, imported again" 0 "$FORUMSTAT" import --lang en --db "$DB2" fold
assert_grep "... the replaced file skipped, both imports named" \
    '^fold/first\.csv: skipped, imported in import 1 \(as fold/first\.csv\) and replaced since by import 2 \(same SHA-256\): .*import it with --again$' "$T/out"
assert_grep "... the correction skipped as current" '^fold/fix\.csv: skipped, already imported in import 2 and still current' "$T/out"
assert_grep "... the slice once, its records not added up" '^341321	2025	incidents	6	6	6	unchanged$' "$T/out"
assert_eq "... the correction stays current" "X-1" \
    "$(sqlite3 "$DB2" "SELECT min(case_id) FROM current_incidents WHERE county = '341321'")"
assert_exit "again: in Chinese" 0 "$FORUMSTAT" import --lang zh --db "$DB2" fold/first.csv
assert_grep "... the notice in Chinese" '^fold/first\.csv：已跳过，已在第 1 次导入中导入（文件名 fold/first\.csv），此后被第 2 次导入替换' "$T/out"
assert_exit "again: --again reads it" 0 "$FORUMSTAT" import --db "$DB2" --again fold/first.csv
assert_eq "... and it is current again" "F-1" \
    "$(sqlite3 "$DB2" "SELECT min(case_id) FROM current_incidents WHERE county = '341321'")"
assert_exit "validate --again is a usage error" 2 "$FORUMSTAT" validate --again fold/first.csv
# --year (and --county) guard a file imported before too: read, its
# records of another year are errors (was: skipped as imported, exit 0).
assert_exit "again: --year 2024 on a file of 2025 imported before: refused" 1 \
    "$FORUMSTAT" import --db "$DB2" --year 2024 fold/first.csv
assert_grep "... its records are of another year" '^fold/first\.csv:2:3: error \[scope\.year\]' "$T/err"
assert_exit "again: --county 341322 on it: refused" 1 "$FORUMSTAT" import --db "$DB2" --county 341322 fold/first.csv
assert_grep "... its records are of another county" '^fold/first\.csv:2:2: error \[scope\.county\]' "$T/err"
# A year in two files, one half corrected under a name that sorts first:
# the other half, imported before, is read with it (the run replaces the
# slice and needs both), not skipped as replaced by the run itself.
mkdir halves
{ echo "$H"; for i in $(seq 6); do echo "H1-$i,341322,2025-03-01,05,1,open"; done; } > halves/b-h1.csv
{ echo "$H"; for i in $(seq 5); do echo "H2-$i,341322,2025-09-01,05,1,open"; done; } > halves/b-h2.csv
assert_exit "halves: both imported" 0 "$FORUMSTAT" import --db halves.db halves
sed 's/,1,open/,2,open/' halves/b-h1.csv > halves/a-h1-fixed.csv && rm halves/b-h1.csv
assert_exit "halves: the corrected first half (sorting first) and the old second" 0 \
    "$FORUMSTAT" import --lang en --db halves.db halves
assert_grep "... the old half read with it" '^halves/b-h2\.csv: valid, 5 records' "$T/out"
assert_grep "... the year whole" '^341322	2025	incidents	11	11	11	replaced$' "$T/out"
