#!/usr/bin/env bash
# tests/fault/oom-one.sh — one run of tests/fault/oom.sh: the N-th
# allocation fails.  Records a problem as one line in DIR/fail-MODE-N and an
# exit 3 in DIR/rc3-MODE-N; silent when all is well.
# Usage: oom-one.sh BIN DIR import|report once|after N FILES...|YEAR
set -u
BIN=$1 dir=$2 kind=$3 mode=$4 n=$5; shift 5
SAN="halt_on_error=1:detect_leaks=1:exitcode=99"
run="$dir/run-$mode-$n"
rm -rf "$run"; mkdir -p "$run"; cd "$run" || exit 1
cp "$dir/../base.db" w.db
problem() { echo "$mode $n: $*" > "$dir/fail-$mode-$n"; }
if [ "$kind" = import ]; then
    FS_FAIL_ALLOC=$n FS_FAIL_ALLOC_MODE=$mode ASAN_OPTIONS=$SAN timeout 120 \
        "$BIN" import -q --db w.db "$@" > out 2> err
else
    # Earlier outputs of the same year (tests/fault/oom.sh made them): they
    # must survive a failed run.
    cp -al "$dir/earlier" rep
    FS_FAIL_ALLOC=$n FS_FAIL_ALLOC_MODE=$mode ASAN_OPTIONS=$SAN timeout 300 \
        "$BIN" report -q --db w.db --year "$1" --out rep --size 320x240 --dpi 48 > out 2> err
fi
rc=$?
first=$(grep -m1 -E 'Sanitizer|runtime error|forumstat' err | cut -c1-200)
if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error' err; then
    problem "exit $rc, sanitizer report: $(grep -m1 -E 'ERROR|runtime error|#[0-9]+ 0x.* in (fs_|[a-z_]+ report/|[a-z_]+ charts/)' err | cut -c1-160) $(grep -m2 -E '#[0-9]+ 0x.* (report|charts)/' err | sed 's/.* in //' | tr '\n' ' ')"
elif [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    problem "exit $rc (wanted 0 or 3): $first"
elif [ "$rc" -eq 3 ] && ! grep -qiE 'out of memory|cannot allocate memory' err; then
    problem "exit 3 without saying it ran out of memory: $first"
fi
[ "$rc" -eq 3 ] && echo "$n" > "$dir/rc3-$mode-$n"
# The warehouse: intact, and in one of the states a run may leave.
if [ ! -f "$dir/fail-$mode-$n" ]; then
    # The file as it was, with no journal: the state before (shortcut).
    if [ ! -s w.db-wal ] && [ ! -e w.db-journal ] && cmp -s w.db "$dir/../base.db"; then
        ic=ok d=$(head -1 "$dir/allowed")
    else
        # one sqlite3: the check's line ("ok"), then the dump (as oom.sh's
        # dump() hashes it)
        out=$(sqlite3 w.db 'PRAGMA integrity_check' .dump 2>&1)
        ic=${out%%$'\n'*}
        d=$(printf '%s\n' "${out#*$'\n'}" | sha256sum | cut -c1-64)
    fi
    if [ "$ic" != ok ]; then problem "integrity_check: $ic"
    elif [ "$kind" = import ] && [ "$rc" -eq 0 ] && [ "$d" != "$(tail -1 "$dir/allowed")" ]; then
        problem "exit 0 but the warehouse differs from a clean run's"
    elif ! grep -qx "$d" "$dir/allowed"; then problem "the warehouse was changed ($first)"
    fi
fi
# The report folder: every final name holds a complete file, no temporary.
if [ "$kind" = report ] && [ ! -f "$dir/fail-$mode-$n" ]; then
    left=$(find rep -name '*.tmp-*' -o -name '.*tmp*' | head -3)
    [ -n "$left" ] && problem "temporary files left: $left"
    # each file: on exit 0 the clean run's; else that or the earlier one
    bad=$( (cd rep && find . -type f ! -name '*.tmp-*' -print0 | xargs -0 -r sha256sum) |
        awk -v rc="$rc" -v new="$dir/new.sums" -v old="$dir/earlier.sums" '
            BEGIN { while ((getline l < new) > 0) { split(l, a, "  "); n[a[2]] = a[1] }
                    while ((getline l < old) > 0) { split(l, a, "  "); e[a[2]] = a[1] } }
            { f = substr($0, 67)
              if ((rc == 0 && n[f] != $1) || (rc != 0 && n[f] != $1 && e[f] != $1))
                  bad[++nbad] = substr(f, 3) }
            END { if (!nbad) exit
                  for (i = 1; i <= nbad && i <= 4; i++) list = list (i > 1 ? ", " : "") bad[i]
                  if (nbad > 4) list = list " and " nbad - 4 " more"
                  print (rc == 0 ? "exit 0 but these differ from a clean run'"'"'s: " \
                                 : "neither the earlier file nor a complete new one: ") list }')
    [ -n "$bad" ] && problem "$bad"
fi
[ -f "$dir/fail-$mode-$n" ] || rm -rf "$run"
exit 0
