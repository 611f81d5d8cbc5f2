#!/usr/bin/env bash
# t90-postgresql — the PostgreSQL warehouse (issue 17) gives what the
# SQLite one gives: the samples imported year by year (as run-samples
# does: each year on 15 January of the next) into both, then every report
# file of every year (metrics CSVs, workbook, charts) is byte-identical
# between the two, and so is the history but for the warehouse's name.
# The same for a generated zone of two years.  Revert and redo, the shrink refusal, FORUMSTAT_DB, a password never
# echoed, and a server that is not there (one line, exit 3).
# Runs a throwaway cluster (tests/pg/cluster); SKIP without PostgreSQL.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pg/lib.sh"
cd "$T"
S="$ROOT/samples"
pg_start
epoch() { date -u -d "$(($1 + 1))-01-15" +%s; }

# In run-tests' sanitizer lane the charts are drawn small (both engines'
# reports alike): twelve full-size reports cost about 60 s of CPU there,
# and t40/t50 draw full-size charts under the sanitizers already.
SIZE=()
[ "${RUN_TESTS_LANE:-}" = san ] && SIZE=(--size 640x360)

# ------------------------------------------------------------- the samples
PG=$(pg_db samples)
for y in 2023 2024 2025; do
    SOURCE_DATE_EPOCH=$(epoch $y) "$FORUMSTAT" import -q --db lite.db --errors "lite-problems-$y.csv" "$S/$y" 2> /dev/null
    echo "$?" > "lite-rc-$y"
    SOURCE_DATE_EPOCH=$(epoch $y) "$FORUMSTAT" import -q --db "$PG" --errors "pg-problems-$y.csv" "$S/$y" 2> /dev/null
    assert_eq "import $y into PostgreSQL: the exit code of SQLite's" "$(cat "lite-rc-$y")" "$?"
    assert "... the same problems file" cmp "lite-problems-$y.csv" "pg-problems-$y.csv"
done
# A folder imported again: every file skipped, in the same words.
"$FORUMSTAT" import --lang en --db lite.db "$S/2024" 2> /dev/null | sed 's/lite\.db/WAREHOUSE/g' > lite-again.txt
"$FORUMSTAT" import --lang en --db "$PG" "$S/2024" 2> /dev/null | sed "s|$PG|WAREHOUSE|g" > pg-again.txt
assert "2024 again into PostgreSQL: what SQLite says" cmp lite-again.txt pg-again.txt
assert_grep "... every file skipped as current" '^import: 26 files, 0 imported.* 26 skipped' pg-again.txt
"$FORUMSTAT" history --db lite.db | sed 's/lite\.db/WAREHOUSE/g' > lite-history.txt
"$FORUMSTAT" history --db "$PG" | sed "s|'$PG'|WAREHOUSE|g; s|$PG|WAREHOUSE|g" > pg-history.txt
assert "history: the same imports, files and slices" cmp lite-history.txt pg-history.txt
assert_grep "... three imports" '^history: 3 imports' pg-history.txt
for y in 2023 2024 2025; do
    SOURCE_DATE_EPOCH=$(epoch $y) "$FORUMSTAT" report -q "${SIZE[@]}" --db lite.db --year $y --out "lite-$y" 2> /dev/null
    assert_exit "report $y from PostgreSQL" 0 env SOURCE_DATE_EPOCH="$(epoch $y)" \
        "$FORUMSTAT" report -q "${SIZE[@]}" --db "$PG" --year $y --out "pg-$y"
    (cd "lite-$y" && find . -type f | sort) > lite-files
    (cd "pg-$y" && find . -type f | sort) > pg-files
    assert "... the same files ($(wc -l < pg-files))" cmp lite-files pg-files
    assert_grep "... with metrics CSVs" '\.csv$' pg-files
    assert_grep "... a workbook" '\.xlsx$' pg-files
    assert_grep "... and charts" '\.png$' pg-files
    differ=""
    while read -r f; do cmp -s "lite-$y/$f" "pg-$y/$f" || differ="$differ $f"; done < lite-files
    assert_eq "... every one byte-identical to SQLite's" "" "$differ"
done

# -------------------------------------------------------- a generated zone
# Two years of the 7 counties (bench/gen_report_data.py): cross-regional
# cases, joint mediations and activities, and deliberate inconsistencies.
/usr/bin/python3 "$ROOT/bench/gen_report_data.py" gen --years 2024,2025 --incidents 3000 \
    --disputes 1500 --coop 200
GEN=$(pg_db generated)
for y in 2024 2025; do
    "$FORUMSTAT" import -q --db gen.db "gen/$y" 2> /dev/null
    assert_exit "generated $y imported into PostgreSQL" 0 "$FORUMSTAT" import -q --db "$GEN" "gen/$y"
done
SOURCE_DATE_EPOCH=$(epoch 2025) "$FORUMSTAT" report -q "${SIZE[@]}" --db gen.db --year 2025 --out gen-lite 2> /dev/null
assert_exit "... its 2025 report" 0 env SOURCE_DATE_EPOCH="$(epoch 2025)" \
    "$FORUMSTAT" report -q "${SIZE[@]}" --db "$GEN" --year 2025 --out gen-pg
(cd gen-lite && find . -type f | sort) > lite-files
(cd gen-pg && find . -type f | sort) > pg-files
assert "... the same files ($(wc -l < pg-files))" cmp lite-files pg-files
differ=""
while read -r f; do cmp -s "gen-lite/$f" "gen-pg/$f" || differ="$differ $f"; done < lite-files
assert_eq "... every one byte-identical to SQLite's" "" "$differ"
assert_eq "... findings found (the inconsistencies)" yes \
    "$([ "$(wc -l < gen-pg/findings-2025.csv)" -gt 1 ] && echo yes || echo no)"

# ------------------------------------------------------ the awkward zone
# t32's dataset (tests/e2e/oracle_fixture.py): zero reports, a missing
# table, 6 of 7 counties, files sent again over four runs, a stray year,
# GB18030, SQLite and xlsx submissions, an indicator one county left out.
/usr/bin/python3 "$ROOT/tests/e2e/oracle_fixture.py" fx > /dev/null
FX=$(pg_db awkward)
for r in run0 run1 run2 run3; do
    "$FORUMSTAT" import -q --db fx.db "fx/$r" 2> /dev/null
    assert_exit "awkward $r imported into PostgreSQL" 0 "$FORUMSTAT" import -q --db "$FX" "fx/$r"
done
for y in 2024 2025; do
    SOURCE_DATE_EPOCH=$(epoch $y) "$FORUMSTAT" report -q "${SIZE[@]}" --db fx.db --year $y --out fx-lite-$y 2> /dev/null
    assert_exit "... its $y report" 0 env SOURCE_DATE_EPOCH="$(epoch $y)" \
        "$FORUMSTAT" report -q "${SIZE[@]}" --db "$FX" --year $y --out fx-pg-$y
    differ=""
    (cd fx-lite-$y && find . -type f | sort) > lite-files
    while read -r f; do cmp -s "fx-lite-$y/$f" "fx-pg-$y/$f" || differ="$differ $f"; done < lite-files
    assert_eq "... all $(wc -l < lite-files) files byte-identical to SQLite's" "" "$differ"
done

# ----------------------------------------------- revert, redo, FORUMSTAT_DB
rev() { # DB DIR: revert import 2 (2024), report 2025 (its trends read 2024) into DIR
    "$FORUMSTAT" revert -q --db "$1" 2 > /dev/null && SOURCE_DATE_EPOCH=$(epoch 2025) \
        "$FORUMSTAT" report -q "${SIZE[@]}" --db "$1" --year 2025 --out "$2" 2> /dev/null
}
assert "revert import 2 on SQLite" rev lite.db lite-rev
assert "revert import 2 on PostgreSQL" rev "$PG" pg-rev
(cd lite-rev && find . -type f | sort) > lite-files
differ=""
while read -r f; do cmp -s "lite-rev/$f" "pg-rev/$f" || differ="$differ $f"; done < lite-files
assert_eq "... the 2025 report after the revert is SQLite's, byte for byte" "" "$differ"
assert "... and differs from the one before (2024 is gone from its trends)" \
    bash -c '! cmp -s lite-rev/metrics-2025.csv lite-2025/metrics-2025.csv' 
assert_exit "reverting it again is refused (exit 1)" 1 "$FORUMSTAT" revert --db "$PG" 2
assert_grep "... saying it was reverted already" 'import 2 was reverted already' "$T/err"
assert_exit "--redo makes it current again" 0 env FORUMSTAT_DB="$PG" "$FORUMSTAT" revert --redo 2
SOURCE_DATE_EPOCH=$(epoch 2025) FORUMSTAT_DB="$PG" "$FORUMSTAT" report -q "${SIZE[@]}" --year 2025 --out pg-redo 2> /dev/null
assert "... FORUMSTAT_DB chose PostgreSQL; the report equals the one before the revert" \
    cmp pg-2025/metrics-2025.csv pg-redo/metrics-2025.csv
assert_grep "--db wins over FORUMSTAT_DB" 'records in lite\.db$' <(FORUMSTAT_DB="$PG" "$FORUMSTAT" history --db lite.db)
"$FORUMSTAT" revert -q --redo --db lite.db 2 > /dev/null 2>&1
# A folder imported again: every file skipped, in the same words.
"$FORUMSTAT" import --lang en --db lite.db "$S/2024" 2> /dev/null | sed 's/lite\.db/WAREHOUSE/g' > lite-again.txt
"$FORUMSTAT" import --lang en --db "$PG" "$S/2024" 2> /dev/null | sed "s|$PG|WAREHOUSE|g" > pg-again.txt
assert "2024 again into PostgreSQL: what SQLite says" cmp lite-again.txt pg-again.txt
assert_grep "... every file skipped as current" '^import: 26 files, 0 imported.* 26 skipped' pg-again.txt
"$FORUMSTAT" history --db lite.db | sed 's/lite\.db/WAREHOUSE/g' > lite-history.txt
"$FORUMSTAT" history --db "$PG" | sed "s|'$PG'|WAREHOUSE|g; s|$PG|WAREHOUSE|g" > pg-history.txt
assert "... the histories agree (REVERTED, REDONE)" cmp lite-history.txt pg-history.txt

# ------------------------------------- text through COPY: escapes survive
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 4 e.csv 341321 2024 E
/usr/bin/python3 - <<'PY'
import csv
rows = list(csv.reader(open("e.csv", encoding="utf-8")))
i = rows[0].index("subcategory")
for r, v in zip(rows[1:], ["back\\slash \\N end", "tab\there", "line\nbreak\r\nend", "\\N"]):
    r[i] = v
csv.writer(open("esc.csv", "w", encoding="utf-8", newline="")).writerows(rows)
PY
ESC=$(pg_db escapes)
assert_exit "a file whose text holds backslashes, \\N, a tab and line breaks: imported" 0 \
    "$FORUMSTAT" import -q --db "$ESC" esc.csv
"$FORUMSTAT" import -q --db esc.db esc.csv
q="SELECT case_id || '|' || coalesce(subcategory, 'NULL') FROM incidents ORDER BY rowid"
assert_eq "... stored exactly as SQLite stores it" "$(sqlite3 esc.db "$q" | od -c)" "$(pg_sql "$ESC" "$q" | od -c)"
assert_grep "... the literal \\N is text, not NULL" '\|\\N$' <(pg_sql "$ESC" "$q")

# ------------------------- identifiers repeated across the files of a run
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 50 d1.csv 341321 2024 D
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 60 d2.csv 341321 2024 D
"$FORUMSTAT" import --db rep.db d1.csv d2.csv > rep-lite.out 2> rep-lite.err
REP=$(pg_db repeats)
assert_exit "a run whose second file repeats the first's identifiers: refused (exit 1)" 1 \
    "$FORUMSTAT" import --db "$REP" d1.csv d2.csv
assert_grep "... each repeat named with the first one's file and line" \
    "^d2\.csv:2:1: error \[unique\.id\] case_id 'D-0' .*see d1\.csv line 2" "$T/err"
assert "... the same problems as on SQLite" cmp rep-lite.err "$T/err"
assert "... the same summary" cmp <(sed 's|rep\.db|X|' rep-lite.out) <(sed "s|$REP|X|" "$T/out")

# ---------------------------------------------------------- shrink refused
iconv -f GB18030 -t UTF-8 "$S/2025/dangshan-2025-incidents.csv" | head -20 > short.csv
before=$(pg_sql "$PG" "SELECT count(*) FROM incidents")
assert_exit "a file of fewer than half the records is refused (exit 1)" 1 "$FORUMSTAT" import --db "$PG" short.csv
assert_grep "... naming the slice and --allow-shrink" 'import\.shrink_refused.*--allow-shrink' "$T/err"
assert_eq "... nothing of it stored" "$before" "$(pg_sql "$PG" "SELECT count(*) FROM incidents")"

# ------------------------------------------------------ passwords, no server
SECRET=pw-$$-zz
PW="postgresql://postgres:$SECRET@/samples?host=$PGDIR"
"$FORUMSTAT" history --db "$PW" > pw.out 2> pw.err
assert_grep "a URI with a password works (trust ignores it)" '^history: 3 imports' pw.out
assert_grep "... history shows it hidden" 'postgres:\*\*\*@' pw.out
assert_nogrep "... and never the password" "$SECRET" pw.out
"$FORUMSTAT" import --db "$PW" --errors pw-problems.csv short.csv > pw.out 2> pw.err
cat pw.out pw.err pw-problems.csv > pw.all
assert_grep "an import's hints name the warehouse" 'postgres:\*\*\*@' pw.all
assert_nogrep "... messages and problems file without the password" "$SECRET" pw.all
NONE="postgresql://clerk:$SECRET@/forumstat?host=$T/no-server"
assert_exit "no server there: report exits 3" 3 "$FORUMSTAT" report --db "$NONE" --year 2025 --out x
assert_eq "... one line" 1 "$(wc -l < "$T/err")"
assert_grep "... saying no server answers" 'no PostgreSQL server answers there' "$T/err"
assert_nogrep "... no libpq dump, no password" "$SECRET|Is the server running|\.s\.PGSQL" "$T/err"
assert_exit "no server there: import exits 3" 3 "$FORUMSTAT" import --db "host=$T/no-server dbname=x password=$SECRET" short.csv
assert_grep "... in Chinese too" '没有应答的 PostgreSQL 服务器' <(LANG=zh_CN.UTF-8 "$FORUMSTAT" history --lang zh --db "$NONE" 2>&1)
