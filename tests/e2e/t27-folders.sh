#!/usr/bin/env bash
# t27-folders — folders (standard v2 §2.2a): a folder of per-county folders
# gives the figures of the same files side by side; sub-folders to depth 8,
# symbolic links not followed, lock files and hidden files skipped, path
# order; a folder with nothing to read is an error (exit 1), for validate
# and import alike.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
metrics() { rm -rf "$T/m"; "$FORUMSTAT" report -q --db "$1" --year 2024 --out "$T/m" > /dev/null 2>&1
            sha256sum < "$T/m/metrics-2024.csv" | cut -c1-64; }

# The 2024 samples, one folder per county (as counties' mail arrives).
mkdir -p tree/incoming
for f in "$S"/2024/*; do
    b=$(basename "$f"); county=${b%%-*}
    mkdir -p "tree/incoming/$county"; cp "$f" "tree/incoming/$county/"
done
n=$(find "$S/2024" -type f | wc -l)
# What is not read: Office lock files, hidden files, Windows droppings,
# symbolic links (to a file or a folder), folders deeper than 8 levels.
echo junk > 'tree/incoming/dangshan/~$dangshan-2024-incidents.csv'
echo junk > tree/incoming/xiao/.~lock.csv
echo junk > tree/incoming/feng/Thumbs.db; echo junk > tree/incoming/feng/desktop.ini
mkdir tree/incoming/.git && echo junk > tree/incoming/.git/config
mkdir outside && printf 'case_id,county,date_reported,category,offenses,status\nL1,371722,2024-01-05,05,1,open\n' > outside/link.csv
ln -s "$T/outside/link.csv" tree/incoming/shan/link.csv
ln -s "$T/outside" tree/incoming/linked-folder
# tree/d1 is at depth 1, so d8 at depth 8: read; d9 not
deep=tree/d1/d2/d3/d4/d5/d6/d7/d8
mkdir -p "$deep/d9"
printf 'case_id,county,date_reported,category,offenses,status\nD8,411426,2024-01-05,05,1,open\n' > "$deep/at-8.csv"
printf 'case_id,county,date_reported,category,offenses,status\nD9,411426,2024-02-05,05,1,open\n' > "$deep/d9/at-9.csv"

assert_exit "validate a folder of per-county folders" 0 "$FORUMSTAT" validate tree
assert_grep "every sample file and the one at depth 8, nothing else" "^validate: $((n + 1)) files, $((n + 1)) valid, 0 refused" "$T/out"
assert_nogrep "no symbolic link followed" 'link\.csv|linked-folder' "$T/out"
assert_nogrep "nothing deeper than 8 levels" 'at-9\.csv' "$T/out"
assert_nogrep "no lock, hidden or Windows file" '~\$|\.~lock|Thumbs|desktop\.ini|\.git' "$T/out"
# path order: the per-file lines are sorted by path
grep -E '^tree/.*: valid' "$T/out" | sed 's/: valid.*//' > order.txt
assert_eq "files are read in path order" "$(LC_ALL=C sort order.txt)" "$(cat order.txt)"
head -1 order.txt > first.txt
assert_grep "the first is the deep one (d1 < incoming)" "^tree/d1/" first.txt

rm "$deep/at-8.csv"
assert_exit "import the folder of folders" 0 "$FORUMSTAT" import --db tree.db tree
assert_grep "all files imported" "^import: $n files, $n imported, 0 refused" "$T/out"
assert_exit "import the same files from one flat folder" 0 "$FORUMSTAT" import --db flat.db "$S/2024"
assert_eq "the same live records" "$(sqlite3 flat.db 'SELECT county, year, count(*) FROM live_incidents GROUP BY 1, 2')" \
    "$(sqlite3 tree.db 'SELECT county, year, count(*) FROM live_incidents GROUP BY 1, 2')"
assert_eq "the same figures" "$(metrics flat.db)" "$(metrics tree.db)"
assert_exit "importing the tree again: every file skipped" 0 "$FORUMSTAT" import --db tree.db tree
assert_grep "... as already imported" "^import: $n files, 0 imported, 0 refused, 0 records, .*$n skipped" "$T/out"

# Folders with nothing to read.
mkdir empty
assert_exit "validate an empty folder: exit 1" 1 "$FORUMSTAT" validate empty
assert_grep "... folder.empty at the folder" '^empty: error \[folder\.empty\] the folder holds no file to read' "$T/err"
mkdir -p only-junk/sub && echo x > only-junk/.hidden && echo x > 'only-junk/sub/~$x.xlsx'
before=$( [ -e tree.db ] && sha256sum tree.db | cut -c1-64 )
assert_exit "import a folder of lock files only: exit 1" 1 "$FORUMSTAT" import --db tree.db only-junk
assert_grep "... folder.empty" '^only-junk: error \[folder\.empty\]' "$T/err"
assert_grep "... the summary counts the error" 'import: 0 files, 0 imported, 0 refused, 0 records, 1 error' "$T/out"
assert_eq "... the warehouse unchanged" "$before" "$(sha256sum tree.db | cut -c1-64)"
assert_exit "an empty folder beside a good file: the file is imported, exit 1" 1 "$FORUMSTAT" import --db other.db empty outside/link.csv
assert_grep "... the file went in" '^import: 1 file, 1 imported' "$T/out"
