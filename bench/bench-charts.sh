#!/usr/bin/env bash
# bench/bench-charts.sh — how fast the charts and the briefing of one year
# are written (issue 5 target: all charts + briefing under 1 s).
#
# Imports samples/2023-2025 once (cached in bench/work/charts/), then times
# the report step that writes DIR/charts/ (10 charts × PNG, SVG, PDF) and
# DIR/briefing-Y.pdf, with a small driver linked against the library
# ($BUILD/libforumstat.a): the warehouse read and the figures are loaded
# once outside the clock, so the time is the charts step alone (fonts
# included).  RUNS runs per language; prints each run (wall time and the CPU
# time of both threads: on a busy machine the wall time follows the load, the
# CPU time does not) and the best, then the wall time of a whole
# `forumstat report` for comparison.
#
# Usage: bench/bench-charts.sh        (BUILD=build, RUNS=5, YEAR=2024,
#                                      SIZE=1920x1080 to change the defaults)
# A benchmark, not a test: it prints figures and does not fail on them.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
FS=$PWD/$BUILD/forumstat
RUNS=${RUNS:-5}
YEAR=${YEAR:-2024}
SIZE=${SIZE:-1920x1080}
WORK=bench/work/charts
[ -x "$FS" ] && [ -f "$BUILD/libforumstat.a" ] || {
    echo "bench-charts: build forumstat first (make)" >&2; exit 2; }
export FORUMSTAT_ZONE=$PWD/templates/zone.conf SOURCE_DATE_EPOCH=1732752000
mkdir -p "$WORK"

if [ ! -f "$WORK/wh.db" ]; then
    for y in 2023 2024 2025; do
        "$FS" import -q --db "$WORK/wh.db" "samples/$y" 2>/dev/null || {
            echo "bench-charts: import of samples/$y failed" >&2; exit 3; }
    done
fi

# The driver: load the context once, run the charts step RUNS times.
cat > "$WORK/bench_charts.c" <<'EOF'
/* bench_charts.c — written by bench/bench-charts.sh: times the charts step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "cli.h"
#include "report_charts.h"
#include "figures_cli.h"
#include "report_ctx.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 7)
        return 2;
    fs_cli cli = {.cmd = "bench", .db_path = argv[1], .quiet = true};
    int year = atoi(argv[2]), runs = atoi(argv[4]);
    fs_report_opts o = {strcmp(argv[5], "en") == 0 ? FS_LANG_EN : FS_LANG_ZH, 1920, 1080, 96};
    if (sscanf(argv[6], "%dx%d", &o.width, &o.height) != 2)
        return 2;
    int rc = fs_cli_load_zone(&cli);
    fs_report_ctx ctx;
    if (rc || (rc = fs_report_ctx_load(&cli, year, argv[3], &o, &ctx)) != 0)
        return rc ? rc : 3;
    double best = 1e9, best_cpu = 1e9;
    for (int i = 0; i < runs && rc == 0; i++) {
        char wrote[8192], err[8192];
        double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        fs_status st = fs_report_charts_write(&ctx, wrote, sizeof wrote, err, sizeof err);
        double t = clock_s(CLOCK_MONOTONIC) - t0, cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (st != FS_OK) {
            fprintf(stderr, "bench-charts: %s\n", err);
            rc = 3;
        }
        if (t < best)
            best = t;
        if (cpu < best_cpu)
            best_cpu = cpu;
        printf("  %s run %d: %.3f s (CPU %.3f s over both threads)\n", argv[5], i + 1, t, cpu);
    }
    if (rc == 0)
        printf("%s: all charts + briefing for %d at %s: best %.3f s (target < 1 s), CPU %.3f s\n",
               argv[5], year, argv[6], best, best_cpu);
    fs_report_ctx_free(&ctx);
    fs_cli_free(&cli);
    return rc;
}
EOF
PKGS="sqlite3 xlsxwriter cairo pangocairo pangoft2 fontconfig nettle"
cc -std=c17 -O2 -D_GNU_SOURCE -pthread $(for d in report/*/; do printf -- "-I%s " "${d%/}"; done) -Icharts $(pkg-config --cflags $PKGS) \
    -o "$WORK/bench_charts" "$WORK/bench_charts.c" "$BUILD/libforumstat.a" \
    $(pkg-config --libs $PKGS) -lcsv -lm -pthread

echo "charts step (fonts, 10 charts x PNG/SVG/PDF, briefing), year $YEAR, $SIZE, $(nproc) cores," \
     "load $(cut -d' ' -f1 /proc/loadavg):"
for lang in zh en; do
    rm -rf "$WORK/out-$lang"; mkdir -p "$WORK/out-$lang"
    "$WORK/bench_charts" "$WORK/wh.db" "$YEAR" "$WORK/out-$lang" "$RUNS" "$lang" "$SIZE"
done
t0=$(date +%s.%N)
"$FS" report -q --db "$WORK/wh.db" --year "$YEAR" --size "$SIZE" --out "$WORK/out-full"
t1=$(date +%s.%N)
printf "whole 'forumstat report' (figures, every output): %.3f s\n" "$(echo "$t1 - $t0" | bc)"
