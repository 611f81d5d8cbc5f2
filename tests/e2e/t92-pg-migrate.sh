#!/usr/bin/env bash
# t92-pg-migrate — `forumstat migrate` (issue 17): an SQLite warehouse with
# three years of samples and a reverted import copied to PostgreSQL and
# back; the reports (metrics, workbook, charts, briefing) from each copy
# are the original's byte for byte, the history the same; the copy goes
# on numbering imports after the copied ones; a target that holds imports
# is refused.  Runs a throwaway cluster (tests/pg/cluster); SKIP without
# PostgreSQL.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pg/lib.sh"
cd "$T"
S="$ROOT/samples"
pg_start
epoch() { date -u -d "$(($1 + 1))-01-15" +%s; }
for y in 2023 2024 2025; do
    SOURCE_DATE_EPOCH=$(epoch $y) "$FORUMSTAT" import -q --db orig.db "$S/$y" 2> /dev/null
done
assert_exit "a revert on record in the original" 0 "$FORUMSTAT" revert --db orig.db 2
# reports DB PREFIX: every year's report into PREFIX-YEAR
reports() { for y in 2023 2025; do SOURCE_DATE_EPOCH=$(epoch $y) "$FORUMSTAT" report -q --db "$1" --year $y --out "$2-$y" 2> /dev/null || return 1; done; }
same() { # DIR1 DIR2: the same files, byte for byte
    local f differ=""
    (cd "$1" && find . -type f | sort) > files1; (cd "$2" && find . -type f | sort) > files2
    cmp -s files1 files2 || { echo "file lists differ"; return 1; }
    while read -r f; do cmp -s "$1/$f" "$2/$f" || differ="$differ $f"; done < files1
    [ -z "$differ" ] || { echo "differ:$differ"; return 1; }
}
# the warehouse as history names it: plain, or quoted for the shell (a URI's ?)
hist() { "$FORUMSTAT" history --db "$1" | sed "s|'$1'|WAREHOUSE|g; s|$1|WAREHOUSE|g"; }
reports orig.db orig
hist orig.db > orig-history.txt

PG=$(pg_db copy)
assert_exit "migrate SQLite -> PostgreSQL" 0 "$FORUMSTAT" migrate --from orig.db --to "$PG"
assert_grep "... a line per table" '^migrate: incidents +[0-9]+ rows' "$T/err"
assert_grep "... and where it went" '^migrate: the warehouse is copied into postgresql://' "$T/out"
assert "... reports from the copy: the original's, byte for byte (2023, 2025)" reports "$PG" pg
for y in 2023 2025; do assert "... $y report files identical" same "orig-$y" "pg-$y"; done
hist "$PG" > pg-history.txt
assert "... the history the same (the revert too)" cmp orig-history.txt pg-history.txt
assert_grep "... which shows the revert" 'REVERTED' pg-history.txt

assert_exit "migrate PostgreSQL -> SQLite" 0 "$FORUMSTAT" migrate -q --from "$PG" --to back.db
reports back.db back
for y in 2023 2025; do assert "... $y report files identical" same "orig-$y" "back-$y"; done
hist back.db > back-history.txt
assert "... the history the same" cmp orig-history.txt back-history.txt
assert_eq "... the records in the order they were stored" \
    "$(sqlite3 orig.db "SELECT group_concat(case_id) FROM (SELECT case_id FROM incidents ORDER BY rowid)" | sha256sum)" \
    "$(sqlite3 back.db "SELECT group_concat(case_id) FROM (SELECT case_id FROM incidents ORDER BY rowid)" | sha256sum)"

X="$S/2024/xiao-2024-incidents-h1.csv $S/2024/xiao-2024-incidents-h2.csv"
# shellcheck disable=SC2086
assert_exit "an import into the PostgreSQL copy (files of the reverted import)" 0 "$FORUMSTAT" import -q --db "$PG" $X
# shellcheck disable=SC2086
assert_exit "... and into the original" 0 "$FORUMSTAT" import -q --db orig.db $X
assert_eq "... both number it 4" "4 4" \
    "$(sqlite3 orig.db "SELECT max(import_id) FROM imports") $(pg_sql "$PG" "SELECT max(import_id) FROM imports")"
assert "... and agree on the history" cmp <(hist orig.db) <(hist "$PG")

assert_exit "migrate into a warehouse that holds imports: refused (exit 1)" 1 \
    "$FORUMSTAT" migrate --from orig.db --to "$PG"
assert_grep "... saying it copies into an empty one only" 'holds imports already' "$T/err"
assert_exit "--from and --to the same: usage error" 2 "$FORUMSTAT" migrate --from orig.db --to orig.db
assert_exit "migrate --help" 0 "$FORUMSTAT" migrate --help
assert_grep "... says what it copies" 'every record of every import' "$T/out"

# ----------------------------------------------- roles (scripts/pg-setup)
assert_exit "scripts/pg-setup makes the roles and the database" 0 \
    env PATH="$PG_BIN:$PATH" PGHOST="$PGDIR" PGUSER=postgres FORUMSTAT="$FORUMSTAT" "$ROOT/scripts/pg-setup" team
assert_grep "... the owner ran the migrations (forumstat migrate --to)" 'is at schema [0-9]+' "$T/out"
assert_exit "... running it again is harmless" 0 \
    env PATH="$PG_BIN:$PATH" PGHOST="$PGDIR" PGUSER=postgres FORUMSTAT="$FORUMSTAT" "$ROOT/scripts/pg-setup" team
assert_exit "... with PGPORT set" 0 env PATH="$PG_BIN:$PATH" PGHOST="$PGDIR" PGPORT=5432 PGUSER=postgres \
    FORUMSTAT="$FORUMSTAT" "$ROOT/scripts/pg-setup" team
assert_grep "... the commands it prints name the port it reached" \
    "forumstat import --db 'postgresql:///team\\?user=forumstat_importer&host=$PGDIR&port=5432' FILES" "$T/out"
IMP="postgresql:///team?user=forumstat_importer&host=$PGDIR"
RD="postgresql:///team?user=forumstat_reader&host=$PGDIR"
assert_exit "the importer imports" 0 "$FORUMSTAT" import -q --db "$IMP" "$S/2024"
assert_exit "... and reverts" 0 "$FORUMSTAT" revert --db "$IMP" 1
assert_exit "... and redoes" 0 "$FORUMSTAT" revert --redo --db "$IMP" 1
assert_exit "the reader reports" 0 env SOURCE_DATE_EPOCH="$(epoch 2024)" "$FORUMSTAT" report -q --db "$RD" --year 2024 --out rd
assert_exit "... and reads the history" 0 "$FORUMSTAT" history --db "$RD"
assert_exit "the reader cannot import (exit 3)" 3 "$FORUMSTAT" import --db "$RD" "$S/2025/xiao-2025-incidents.csv"
assert_grep "... permission denied" 'permission denied' "$T/err"
assert_grep "... said as such, not as an input/output error, with the role to use" \
    'the warehouse does not allow this user to change it .* — import and revert as a user that may write to the warehouse \(for PostgreSQL, the forumstat_importer role' "$T/err"
assert_nogrep "... no 'input/output error'" 'input/output error' "$T/err"
assert_exit "the importer cannot change the schema" 1 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -d "$IMP" -c "CREATE TABLE t(i int)"
for r in forumstat_owner forumstat_importer forumstat_reader; do
    assert_eq "$r is no superuser" f "$(pg_sql "$PG" "SELECT rolsuper FROM pg_roles WHERE rolname = '$r'")"
done
assert_exit "migrate without --from as the importer on a current schema changes nothing" 0 \
    "$FORUMSTAT" migrate --to "$IMP"
