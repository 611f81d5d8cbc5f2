#!/usr/bin/env bash
# t71-disk-full — a full disk (ENOSPC on a small tmpfs) and a file size
# limit (EFBIG under ulimit -f, SIGXFSZ ignored) at many points of an
# import, of the county's error list and of a report: exit 3 with a message
# saying so, no partial file under a final name, no temporary file left,
# the earlier outputs intact, the warehouse passing integrity_check with
# its previous data.  (t25 covers one limit during an import; this sweeps.)
# The tmpfs part needs root (mount in a private mount namespace); without
# it those cases are skipped.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }
# state DB: integrity and content, read from a copy in a roomy folder.
state() {
    rm -rf "$T/chk"; mkdir "$T/chk"; cp "$1" "$T/chk/w.db"
    [ -f "$1-wal" ] && cp "$1-wal" "$T/chk/w.db-wal"
    echo "$(sqlite3 "$T/chk/w.db" 'PRAGMA integrity_check') $(dump "$T/chk/w.db")"
}
temps() { find "$1" \( -name '*.tmp-*' -o -name '*.tmp' \) | head -3; }
can_mount=0
if [ "$(id -u)" = 0 ] && unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs /mnt' 2>/dev/null; then
    can_mount=1
fi
# in_tmpfs KB CMD...: run CMD in a private mount namespace with a tmpfs of
# KB kilobytes on $T/small (filled by CMD's own setup).
in_tmpfs() {
    local kb=$1; shift
    mkdir -p "$T/small"
    unshare -m bash -c 'mount -t tmpfs -o size="$1"k tmpfs "$2" && shift 2 && "$@"' _ "$kb" "$T/small" "$@"
}

# ------------------------------------------------------------- warehouse
# Earlier state: 2024 without Xiao's second half-year; then the rest.
mkdir early
for f in "$S"/2024/*; do case $f in *xiao-2024-incidents-h2*) ;; *) cp "$f" early/ ;; esac; done
assert_exit "baseline import" 0 "$FORUMSTAT" import -q --db w.db early
assert_exit "earlier report" 0 "$FORUMSTAT" report -q --db w.db --year 2024 --out earlier
assert_exit "rest of 2024 imported" 0 "$FORUMSTAT" import -q --db w.db "$S/2024/xiao-2024-incidents-h2.csv"
assert_exit "reference report" 0 "$FORUMSTAT" report -q --db w.db --year 2024 --out ref
assert "earlier and new metrics differ (the test can tell them apart)" \
    bash -c '! cmp -s earlier/metrics-2024.csv ref/metrics-2024.csv'
BASE=$(state w.db)
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 20000 big.csv 341321 2024 F

# ------------------------------------------------------------- import
if [ "$can_mount" = 1 ]; then
    wsize=$(( ($(stat -c %s w.db) + 1023) / 1024 ))
    for extra in 8 64 512; do
        # The warehouse on a tmpfs with EXTRA KB free.
        rm -rf res && mkdir res
        in_tmpfs $((wsize + extra + 4)) bash -c 'cp w.db "$1/w.db" && "$2" import -q --db "$1/w.db" big.csv > res/stdout 2> res/stderr; echo $? > res/rc; cp "$1"/w.db* res/' \
            _ "$T/small" "$FORUMSTAT"
        cp res/stderr err
        assert_eq "import, disk full with ${extra} KB free: exit 3" 3 "$(cat res/rc)"
        assert_grep "import, disk full with ${extra} KB free: says the disk is full" 'disk full|No space left' err
        assert_eq "import, disk full with ${extra} KB free: warehouse intact, previous data" "$BASE" "$(state res/w.db)"
    done
else
    ok "# SKIP import on a full tmpfs (needs root and mount namespaces)"
fi

# The county's error list cannot be written: the import is refused anyway,
# the list is not left half-written, the warehouse is untouched.
{ echo 'case_id,county,date_reported,category,offenses,status'
  for i in $(seq 3000); do echo "E$i,341321,2024-13-01,05,1,open"; done; } > bad.csv
# (stderr goes through a pipe: the limit applies to every file the process
# writes, its redirected stderr too)
(ulimit -f 64; "$FORUMSTAT" import -q --db w.db --errors problems.csv bad.csv 2>&1 > /dev/null; echo $? > rc) | cat > err
assert_eq "error list over the size limit: exit 3" 3 "$(cat rc)"
assert_grep "error list over the size limit: names the file" 'cannot write problems\.csv' err
assert "error list over the size limit: no partial list" test ! -e problems.csv
assert_eq "error list over the size limit: no temporary file" "" "$(temps .)"
assert_eq "error list over the size limit: warehouse untouched" "$BASE" "$(state w.db)"

# ------------------------------------------------------------- report
# check_outputs NAME DIR RC: after a failed run every final name holds the
# earlier or the new complete file, nothing temporary is left.
check_outputs() {
    local name=$1 dir=$2 rc=$3 bad="" f rel
    while IFS= read -r f; do
        rel=${f#"$dir"/}
        if [ "$rc" -eq 0 ]; then cmp -s "$f" "ref/$rel" || bad="$bad $rel"
        elif ! cmp -s "$f" "earlier/$rel" && ! cmp -s "$f" "ref/$rel"; then bad="$bad $rel"; fi
    done < <(find "$dir" -type f ! -name '*.tmp-*' ! -name '*.tmp')
    assert_eq "$name: every output is the earlier or the complete new file" "" "$bad"
    assert_eq "$name: no temporary file left" "" "$(temps "$dir")"
}
for kb in 4 100 400; do
    rm -rf got && cp -r earlier got
    (ulimit -f "$kb"; "$FORUMSTAT" report -q --db w.db --year 2024 --out got 2>&1 > /dev/null; echo $? > rc) | cat > err
    assert_eq "report, file size limit ${kb} KB: exit 3" 3 "$(cat rc)"
    assert_grep "report, file size limit ${kb} KB: says so" 'disk full|File too large' err
    check_outputs "report, file size limit ${kb} KB" got "$(cat rc)"
done
if [ "$can_mount" = 1 ]; then
    esize=$(du -sk earlier | cut -f1)
    for extra in 0 300 2000; do
        rm -rf got
        in_tmpfs $((esize + extra + 64)) bash -c 'cp -r earlier "$1/out" && "$2" report -q --db w.db --year 2024 --out "$1/out" > stdout 2> err; echo $? > rc; cp -r "$1/out" got' \
            _ "$T/small" "$FORUMSTAT"
        assert_eq "report, disk full with ${extra} KB to spare: exit 3" 3 "$(cat rc)"
        assert_grep "report, disk full with ${extra} KB to spare: says so" 'disk full|No space left' err
        check_outputs "report, disk full with ${extra} KB to spare" got "$(cat rc)"
    done
else
    ok "# SKIP report on a full tmpfs (needs root and mount namespaces)"
fi
assert_eq "the warehouse is untouched by every failed report" "$(state w.db)" "$BASE"

# ------------------------------------------------------------- template
# Every command that writes must survive the size limit (SIGXFSZ ignored
# for all of them, not only those that open the warehouse).
rm -rf tpl
(ulimit -f 4; "$FORUMSTAT" template --county 341321 --year 2024 --out tpl 2>&1 > /dev/null; echo $? > rc) | cat > err
assert_eq "template, file size limit: exit 3 (not killed by SIGXFSZ)" 3 "$(cat rc)"
assert_grep "template, file size limit: says so" 'disk full|File too large' err
assert_eq "template, file size limit: no temporary file left" "" "$(temps tpl 2>/dev/null)"
