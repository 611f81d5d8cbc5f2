# tests/e2e/lib.sh — helpers for end-to-end scripts (sourced, not run).
#
# Each script runs the real binary ($FORUMSTAT) on real files in a private
# scratch folder ($T) and prints one TAP line per assertion.
set -u
: "${FORUMSTAT:?FORUMSTAT must point at the forumstat binary}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/fs-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1732752000}
export FORUMSTAT_ZONE="$ROOT/templates/zone.conf"
_n=0

ok()   { _n=$((_n + 1)); echo "ok $_n - $1"; }
nok()  { _n=$((_n + 1)); echo "not ok $_n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

# assert DESC COMMAND...: passes when COMMAND exits 0.
assert() { local d=$1; shift; if "$@"; then ok "$d"; else nok "$d" "command failed: $*"; fi; }

# assert_eq DESC EXPECTED ACTUAL
assert_eq() {
    if [ "$2" == "$3" ]; then ok "$1"; else nok "$1" "expected: $2" "actual:   $3"; fi
}

# assert_exit DESC CODE COMMAND...: runs COMMAND, output in $T/out and $T/err.
assert_exit() {
    local d=$1 want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; local rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$d"; else nok "$d" "exit $rc, wanted $want" "$(head -5 "$T/err")"; fi
}

# assert_grep DESC PATTERN FILE: FILE has a line matching the ERE PATTERN.
assert_grep() {
    if grep -Eq -- "$2" "$3"; then ok "$1"; else nok "$1" "no line matches: $2" "$(head -8 "$3")"; fi
}
assert_nogrep() {
    if ! grep -Eq -- "$2" "$3"; then ok "$1"; else nok "$1" "unexpected line: $(grep -E -m1 -- "$2" "$3")"; fi
}

# skip_in_lane LANE REASON: run-tests runs its sanitizer check with
# RUN_TESTS_LANE=san while its other lane runs the normal build's check; a
# script whose checks that lane cannot sharpen calls this first, and then
# prints one SKIP line naming REASON and ends there.  Anywhere else (make
# check, make check SAN=1, tests/run) the script runs in full.
skip_in_lane() {
    if [ "${RUN_TESTS_LANE:-}" = "$1" ]; then
        ok "# SKIP in run-tests' $1 lane: $2 (the normal lane's make check runs it)"
        exit 0
    fi
}

# VALGRIND=1: every run of $FORUMSTAT goes through valgrind (memcheck);
# any memory error or definite leak makes the run exit 99, which fails the
# assertion on its exit code.  Use the normal (not sanitizer) build.  The
# leak inside libxlsxwriter 1.1.4 that `template` meets is suppressed as
# t60 does (t60-libxlsxwriter.supp), so scripts making templates (t15,
# t35) run under it too.
if [ "${VALGRIND:-0}" = 1 ]; then
    _fs_real=$FORUMSTAT
    FORUMSTAT="$T/forumstat-under-valgrind"
    cat > "$FORUMSTAT" <<EOS
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --num-callers=30 --suppressions="$ROOT/tests/valgrind.supp" \\
    --suppressions="$ROOT/tests/e2e/t60-libxlsxwriter.supp" "$_fs_real" "\$@"
EOS
    chmod +x "$FORUMSTAT"
fi
