#!/usr/bin/env bash
# bench/bench-growth.sh — how a year's figures and report grow with the
# warehouse: bench/bench-report.sh on warehouses of about 1 M, 5 M and 20 M
# records (7 counties x 5 years, 2021-2025, two thirds incidents and one
# third disputes, 1 000 cooperation records per county-year; the shares of
# cross-regional and joint records of gen_report_data.py), each cached in
# its own bench/work/growth-N/ folder.  Issue 16 target at 20 M: the year's
# figures (`forumstat check`) under 3 s and 100 MB, the full report under
# 10 s; and time growing no faster than the records of the year asked for
# (a fifth of the warehouse here).  Prints bench-report's summary per size.
#
# Usage: bench/bench-growth.sh [TOTAL...]   (default: 1000000 5000000 20000000;
#        RUNS=3).  Building the 20 M warehouse takes a while (generation and
#        import, once: it is cached).
# A benchmark, not a test: it prints figures and does not fail on them.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 1000000 5000000 20000000
for total in "$@"; do
    per=$((total / 35))           # records per county-year
    inc=$((per * 2 / 3)) dis=$((per / 3))
    echo "== about $total records: $inc incidents + $dis disputes + 1000 cooperation per county-year"
    WORK=bench/work/growth-$total YEARS=2021,2022,2023,2024,2025 N_INC=$inc N_DIS=$dis N_COOP=1000 \
        RUNS=${RUNS:-3} bench/bench-report.sh | tail -4
done
