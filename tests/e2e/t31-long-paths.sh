#!/usr/bin/env bash
# t31-long-paths — paths of any length are named whole in problems and
# errors (issue 18: no fixed-size path or message buffer cuts them).
#
# Two nested folders: D (about 4000 bytes, still usable: the files in it
# can be opened) and L (more than 4200 bytes, nested folders GNU mkdir
# makes one level at a time; the system refuses a path that long with
# ENAMETOOLONG).  validate, import, report and template must name each
# path in full: the old buffers (512, 1024, 4096, 4200, 4400 bytes) cut
# them.
. "$(dirname "$0")/lib.sh"
cd "$T"
seg() { printf 'f%098d' "$1"; } # a 99-byte folder name
D=$T
i=0
while [ ${#D} -lt 3900 ]; do i=$((i + 1)); D=$D/$(seg $i); done
L=$D
while [ ${#L} -lt 4300 ]; do i=$((i + 1)); L=$L/$(seg $i); done
mkdir -p "$D" && mkdir -p "$L" 2>/dev/null
assert "a usable folder of ${#D} bytes" test -d "$D"
assert "nested folders of ${#L} bytes (> 4200)" test "${#L}" -gt 4200
has() { grep -qF -- "$2" "$1"; } # FILE TEXT: TEXT (any length) is in FILE

# validate: the location of every problem is the whole path.
: > "$D/empty.csv"
printf 'no,table,here\n1,2,3\n' > "$D/other.csv"
assert_exit "validate two bad files in the long folder" 1 "$FORUMSTAT" validate "$D/empty.csv" "$D/other.csv"
assert "validate: the empty file's problem starts with its whole path" has "$T/err" "$D/empty.csv: error [file.empty]"
assert "validate: the header problem too" has "$T/err" "$D/other.csv:"
assert_exit "validate a file ${#L} bytes deep" 1 "$FORUMSTAT" validate "$L/x.csv"
assert "validate: the unopenable file is named whole" has "$T/err" "$L/x.csv: error [file.unreadable]"

# import: the same problems, and the --allow-shrink hint's command line.
assert_exit "import the bad files from the long folder" 1 "$FORUMSTAT" import --db w.db "$D/empty.csv" "$L/x.csv"
assert "import: the empty file is named whole" has "$T/err" "$D/empty.csv: error [file.empty]"
assert "import: the unopenable file is named whole" has "$T/err" "$L/x.csv: error [file.unreadable]"

# report: the output folder in the error, whole.
assert_exit "import the 2024 samples" 0 "$FORUMSTAT" import -q --db w.db "$ROOT/samples/2024"
assert_exit "report into a folder ${#L} bytes deep" 3 "$FORUMSTAT" report -q --db w.db --year 2024 --out "$L/rep"
assert "report: the folder is named whole" has "$T/err" "$L/rep: "
R=$D/$(printf "%0$((4085 - ${#D} - 1))d" 0) # 4085 bytes: its files' paths pass 4096
assert_exit "report into a folder of ${#R} bytes (its files' paths pass 4096)" 3 \
    "$FORUMSTAT" report -q --db w.db --year 2024 --out "$R"
assert "report: the file it cannot write is named whole" has "$T/err" "cannot write $R/metrics-2024.csv: "

# template: the same.
assert_exit "template into a folder of ${#R} bytes" 3 "$FORUMSTAT" template -q --county 341321 --year 2024 --out "$R"
assert "template: the file it cannot create is named whole" has "$T/err" "$R/341321-2024-indicators.csv: "

# The warehouse named whole in every message about it (the fixed message
# buffers of 600-2400 bytes, the 1024 of the --db shown and the 1100 of
# its shell-quoted copy cut these).  SQLite refuses a warehouse path over
# 512 bytes, but these are said before SQLite sees the path.
W=$D/none.db # no such file
assert_exit "report from a warehouse of ${#W} bytes that is not there" 3 \
    "$FORUMSTAT" report -q --db "$W" --year 2024 --out "$T/rep-none"
assert "report: the missing warehouse is named whole" has "$T/err" "there is no warehouse $W: "
assert "report: and whole in the import command it suggests" has "$T/err" "forumstat import --db $W FILE|DIR"
assert_exit "revert in a warehouse of ${#W} bytes that is not there" 3 "$FORUMSTAT" revert --db "$W" 1
assert "revert: the missing warehouse is named whole" has "$T/err" "there is no warehouse $W: "
assert "revert: and whole in the import command it suggests" has "$T/err" "forumstat import --db $W FILE|DIR"
assert_exit "import into a warehouse whose folder (${#D} bytes) does not exist" 3 \
    "$FORUMSTAT" import -q --db "$D/nofolder/w.db" "$ROOT/samples/2024"
assert "import: the folder to create is named whole in the mkdir hint" has "$T/err" "(mkdir -p $D/nofolder)"
assert_exit "import with --db naming the folder of ${#D} bytes" 3 \
    "$FORUMSTAT" import -q --db "$D" "$ROOT/samples/2024"
assert "import: the file name it suggests is whole" has "$T/err" "for example --db $D/forumstat.db"

# A zone file deep in the long folder: its mistakes start with its whole path.
printf 'name_zh = 区\nname_en = Zone\nno key here\n' > "$D/zone.conf"
assert_exit "validate with a malformed zone file ${#D} bytes deep" 3 \
    "$FORUMSTAT" validate --zone "$D/zone.conf" "$D/empty.csv"
assert "zone: the problem starts with the zone file's whole path" has "$T/err" "$D/zone.conf:3: "

# A shrink refused for a file deep in the long folder, with the zone file
# there too: the message lists the new records' file whole, and the hint's
# command (--allow-shrink) names the zone file and the file whole.
cp "$ROOT/templates/zone.conf" "$D/zone-ok.conf"
iconv -f GB18030 -t UTF-8 "$ROOT/samples/2025/dangshan-2025-incidents.csv" |
    awk -F, 'BEGIN { OFS = "," } NR == 10 { $2 = "萧县" } { print }' > "$D/stray.csv"
assert_exit "import the 2025 samples" 0 "$FORUMSTAT" import -q --db w25.db "$ROOT/samples/2025"
assert_exit "a file ${#D} bytes deep that would shrink a slice is refused" 1 \
    "$FORUMSTAT" import -q --db w25.db --zone "$D/zone-ok.conf" "$D/stray.csv"
assert "shrink: the new record's file is named whole in the message" has "$T/err" \
    "(fewer than half), so nothing of this run was imported; the new records: $D/stray.csv line 10"
assert "shrink: the hint's command names the zone file and the file whole" has "$T/err" \
    "--allow-shrink --zone $D/zone-ok.conf $D/stray.csv"
