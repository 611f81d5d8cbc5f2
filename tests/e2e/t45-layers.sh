#!/usr/bin/env bash
# t45-layers — the chart library's layering (issue 18), checked on the
# objects the build made ($BUILD/charts/*.o) and on the sources:
#   - no two files of charts/ call each other, directly or round a longer
#     circle (ctx.c <- text.c <- legend.c <- … <- chart.c, chart_impl.h);
#   - charts/ includes no header of the report stage but atomic.h, the
#     one common module it shares (the one atomic writer) and which
#     includes nothing of report/ but status.h;
#   - the checks themselves catch a circle and a stray include (on
#     copies: a fake object calling back, a fake source).
. "$(dirname "$0")/lib.sh"
cd "$T"
OBJ="$ROOT/${BUILD:-build}/charts"
command -v nm > /dev/null || { nok "nm is installed (binutils)"; exit 1; }
[ -f "$OBJ/chart.o" ] || { nok "the chart objects are built ($OBJ)"; exit 1; }

# edges DIR: "A B" for every function of file B (defined, global) that
# file A calls; self-calls left out.
edges() {
    local d=$1 o
    for o in "$d"/*.o; do
        nm --defined-only -g "$o" | awk -v f="$(basename "$o" .o)" 'NF == 3 && $2 ~ /[TDRB]/ { print $3, f }'
    done | sort -k1,1 > defs.txt
    for o in "$d"/*.o; do
        nm -u "$o" | awk -v f="$(basename "$o" .o)" '{ print $2, f }'
    done | sort -k1,1 > uses.txt
    join defs.txt uses.txt | awk '$2 != $3 { print $3, $2 }' | sort -u
}

# cycle EDGES: prints a circle "a b … a" when the graph has one (tsort
# reports the nodes of a loop on stderr).
cycle() { tsort "$1" 2>&1 > /dev/null | sed -n 's/^tsort: //p' | grep -v 'input contains a loop' | tr '\n' ' '; }

edges "$OBJ" > edges.txt
assert "the chart objects call each other ($(wc -l < edges.txt) edges)" test -s edges.txt
assert_eq "no circle among the files of charts/" "" "$(cycle edges.txt)"
assert_grep "text.c calls only down (ctx.c)" '^text ctx$' edges.txt
assert_nogrep "ctx.c, text.c, legend.c call nothing above them" '^(ctx (text|legend|chart)|text (legend|chart)|legend chart)$' edges.txt

# The check finds a circle: text calling back into chart.
cp edges.txt bad.txt
echo "text chart" >> bad.txt
assert "a call back from text.c into chart.c is a circle" test -n "$(cycle bad.txt)"

# charts/ includes from report/ only atomic.h, which includes only status.h.
report_headers() { # DIR: the report headers the files of DIR include
    for h in "$ROOT"/report/*/*.h; do
        b=$(basename "$h")
        grep -l -- "#include \"$b\"" "$1"/*.c "$1"/*.h 2> /dev/null | sed "s|.*/|$b <- |"
    done
}
assert_eq "charts/ includes no report header but atomic.h" "" \
    "$(report_headers "$ROOT/charts" | grep -v '^atomic\.h ' || true)"
assert_eq "atomic.h includes nothing of report/ but status.h" "status.h" \
    "$(sed -n 's/^#include "\(.*\)"/\1/p' "$ROOT/report/common/atomic.h" | tr '\n' ' ' | sed 's/ $//')"
mkdir -p fake && cp "$ROOT"/charts/*.[ch] fake/ && echo '#include "figures.h"' >> fake/bars.c
assert "a stray report include is found" test -n "$(report_headers fake | grep -v '^atomic\.h ')"
