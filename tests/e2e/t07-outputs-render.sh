#!/usr/bin/env bash
# t07-outputs-render — outputs only render (issue 18).  figures.h and
# report_ctx.h promise that no output computes a figure or reads the
# warehouse: the metrics, findings and register CSVs (report_out.c), the
# workbook (workbook.c, wb_*.c), the charts and briefing (report_charts*.c,
# and the chart library charts/*.c) take everything from the report
# context.  This keeps the promise checkable:
#
#   1. no output module includes db.h, sqlite3.h, warehouse.h or the
#      figures' internals (figures_int.h, cube.h), in its .c or its own
#      headers;
#   2. no string literal of an output module holds SQL;
#   3. the compiled output modules ($BUILD/…/*.o) reference no database
#      symbol (sqlite3_*, libpq's PQ*, fs_db_*, fs_stmt_*, fs_wh_*) and no
#      figure computation (fs_figures_compute*, fs_fig_data_*, fs_fig_years,
#      fs_fig_read_*, fs_xreg_build): whatever macro or helper a call hides
#      behind, the object file names what it calls.
#
# Output modules are found by name anywhere under report/ and charts/, so
# the check follows files moved into stage folders or split (not the
# demo, nor charts/tools/: a build tool, not part of the program).
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
BUILD=${BUILD:-build}

mapfile -t srcs < <(find report charts -name '*.c' \( -name 'wb_*.c' -o -name 'workbook*.c' \
    -o -name 'report_charts*.c' -o -name 'report_out*.c' -o -name 'rc_*.c' -o -name 'briefing*.c' \
    -o -path 'charts/*' \) ! -path 'charts/demo/*' ! -path 'charts/tools/*' | sort)
mapfile -t hdrs < <(find report charts -name '*.h' \( -name 'wb_*.h' -o -name 'workbook*.h' \
    -o -name 'report_charts*.h' -o -name 'report_out*.h' -o -name 'rc_*.h' -o -name 'briefing*.h' \
    -o -path 'charts/*' \) | sort)
assert "the output modules are found (workbook, charts, CSV outputs)" \
    test "${#srcs[@]}" -ge 15 -a -n "$(printf '%s\n' "${srcs[@]}" | grep -E '/(workbook|report_out)\.c$')"

# 1. includes
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]*/)?(db|sqlite3|warehouse|figures_int|cube|libpq-fe)\.h[">]' \
    "${srcs[@]}" "${hdrs[@]}" || true)
assert_eq "no output module includes db.h, sqlite3.h, warehouse.h or the figures' internals" "" "$bad"

# 2. SQL in string literals (a statement keyword inside quotes)
sql='"[^"]*\b(SELECT|INSERT[[:space:]]+INTO|UPDATE[[:space:]]+[a-z_]+[[:space:]]+SET|DELETE[[:space:]]+FROM|CREATE[[:space:]]+(TABLE|INDEX|VIEW)|DROP[[:space:]]+(TABLE|INDEX|VIEW)|PRAGMA|JOIN|GROUP[[:space:]]+BY|ORDER[[:space:]]+BY)\b'
bad=$(grep -nE "$sql" "${srcs[@]}" || true)
assert_eq "no output module holds SQL" "" "$bad"

# 3. what the compiled output modules call
forbidden='^(sqlite3_|PQ|fs_db_|fs_stmt_|fs_wh_|fs_figures_compute|fs_fig_data_|fs_fig_years$|fs_fig_read_|fs_xreg_build$)'
missing="" bad=""
for s in "${srcs[@]}"; do
    o="$BUILD/${s%.c}.o"
    if [ ! -f "$o" ]; then missing+="$o "; continue; fi
    hits=$(nm -u "$o" | awk '{print $NF}' | grep -E "$forbidden" | tr '\n' ' ')
    [ -z "$hits" ] || bad+="$s: $hits"$'\n'
done
assert_eq "every output module is built ($BUILD)" "" "$missing"
assert_eq "no output module calls the database or computes figures" "" "${bad%$'\n'}"

# The check itself: an object that calls the database is caught.
cat >"$T/probe.c" <<'EOF'
#include "db.h"
int probe(fs_db *db) { return fs_db_exec(db, "SELECT 1") == FS_OK; }
EOF
if cc -std=c17 -D_GNU_SOURCE $(for d in "$ROOT"/report/*/; do printf -- "-I%s " "${d%/}"; done) -c -o "$T/probe.o" "$T/probe.c" 2>"$T/cc.err"; then
    assert_eq "the symbol check catches a call of fs_db_exec" "fs_db_exec" \
        "$(nm -u "$T/probe.o" | awk '{print $NF}' | grep -E "$forbidden")"
else
    nok "the probe compiles" "$(head -3 "$T/cc.err")"
fi
assert "the SQL check catches a SELECT in a literal" grep -qE "$sql" "$T/probe.c"
assert "the include check catches db.h" grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]*/)?(db|sqlite3)\.h[">]' "$T/probe.c"
