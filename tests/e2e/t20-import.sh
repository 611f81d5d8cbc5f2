#!/usr/bin/env bash
# t20-import — import, replacement, history and revert through the real
# binary: a refused file changes nothing, a re-import replaces, a revert
# restores, identifiers may not repeat across a run's files.
. "$(dirname "$0")/lib.sh"
cd "$T"
DB="$T/w.db"
H='case_id,county,date_reported,category,offenses,status,date_solved'
live() { sqlite3 "$DB" "SELECT count(*) FROM live_$1 WHERE county='$2' AND year=$3"; }
dbsum() { cat "$DB" "$DB-wal" 2>/dev/null | sha256sum | cut -c1-64; }

mkdir run1
{ echo "$H"; for i in 1 2 3 4; do echo "DS-$i,341321,2024-03-0$i,05,1,open,"; done; } > run1/a.csv
assert_exit "first import succeeds" 0 "$FORUMSTAT" import --db "$DB" run1
assert_eq "four live records" 4 "$(live incidents 341321 2024)"
assert_grep "per-file line names the encoding" 'a\.csv: valid, 4 records \(CSV, UTF-8\)' "$T/out"

# A refused file leaves the warehouse byte for byte as it was.
before=$(dbsum)
{ echo "$H"; echo "DS-9,341321,2024-13-01,05,1,open,"; } > bad.csv
assert_exit "a refused file exits 1" 1 "$FORUMSTAT" import --db "$DB" bad.csv
assert_eq "refused file: warehouse unchanged" "$before" "$(dbsum)"
assert_grep "refusal says nothing was imported" 'import\.refused' "$T/err"

# Re-import replaces what the slice held; fewer than half is refused
# unless --allow-shrink, and then warns (t26 has more).
{ echo "$H"; echo "DS-1,341321,2024-03-01,05,1,open,"; } > one.csv
assert_exit "a re-import that shrinks the slice to a quarter is refused" 1 "$FORUMSTAT" import --db "$DB" one.csv
assert_eq "... and changes nothing" "$before" "$(dbsum)"
assert_exit "re-import with --allow-shrink succeeds" 0 "$FORUMSTAT" import --allow-shrink --db "$DB" one.csv
assert_eq "re-import replaced the slice" 1 "$(live incidents 341321 2024)"
assert_grep "shrink warning names both counts" 'warning \[import\.shrink\] incidents of 341321 砀山县 for 2024: 1 record replaces the 4 of import 1' "$T/err"
assert_eq "superseded records are kept" 5 "$(sqlite3 "$DB" 'SELECT count(*) FROM incidents')"
assert_exit "history works" 0 "$FORUMSTAT" history --db "$DB"
assert_grep "history shows what import 2 superseded" 'superseded import 1 \(4 records\)' "$T/out"
assert_grep "history lists the file with its hash" "one\.csv.*sha256 $(sha256sum one.csv | cut -c1-64)" "$T/out"

# Revert restores; twice is an error; unknown imports are an error.
assert_exit "revert succeeds" 0 "$FORUMSTAT" revert --db "$DB" 2
assert_eq "revert restored the earlier records" 4 "$(live incidents 341321 2024)"
assert_exit "reverting twice exits 1" 1 "$FORUMSTAT" revert --db "$DB" 2
assert_grep "says it was reverted already" 'reverted already' "$T/err"
assert_exit "unknown import exits 1" 1 "$FORUMSTAT" revert --db "$DB" 99
assert_exit "revert without a number is a usage error" 2 "$FORUMSTAT" revert --db "$DB"
# A summary that cannot be written (stdout on a full disk) is exit 3.
if [ -w /dev/full ]; then
    "$FORUMSTAT" validate one.csv > /dev/full 2> "$T/err"; rc=$?
    assert_eq "validate with stdout on a full disk exits 3" 3 "$rc"
    assert_grep "... and says so" 'cannot write to standard output' "$T/err"
fi
# A county written without its suffix gets a "did you mean".
{ echo "$H"; echo "S-1,dangshan,2024-01-05,05,1,open,"; echo "S-2,永城,2024-01-05,05,1,open,"; } > suffix.csv
assert_exit "county names without their suffix are refused" 1 "$FORUMSTAT" validate suffix.csv
assert_grep "English: did you mean the full name" "suffix\.csv:2:2: .*did you mean 'Dangshan County'" "$T/err"
assert_grep "Chinese: did you mean the full name" "suffix\.csv:3:2: .*did you mean '永城市'" "$T/err"
# A folder holding the warehouse itself (import . with the default
# forumstat.db): the warehouse and its -wal/-shm are no submissions.
mkdir here && cp one.csv here/ && (cd here && "$FORUMSTAT" import -q one.csv > /dev/null 2>&1)
(cd here && "$FORUMSTAT" import . > ../here.out 2> ../here.err; echo $? > ../here.rc)
assert_eq "import . beside the warehouse succeeds" 0 "$(cat here.rc)"
assert_nogrep "the warehouse is not read as a submission" 'forumstat\.db' here.err
# Options may follow the files (a clerk's habit): --db is never a file name.
assert_exit "options after the files" 0 "$FORUMSTAT" import one.csv --db after.db
assert "the named warehouse was used" test -s after.db
assert "no default warehouse appeared" test ! -e forumstat.db
assert_exit "-- ends the options" 1 "$FORUMSTAT" validate -- --db
assert_grep "... and what follows is a file" '^--db: error \[file\.unreadable\]' "$T/err"

# One run may split a slice over several files; identifiers must not repeat.
mkdir run2
{ echo "$H"; echo "DS-1,341321,2024-01-05,05,1,open,"; echo "DS-2,341321,2024-02-05,05,1,open,"; } > run2/h1.csv
{ echo "$H"; echo "DS-3,341321,2024-07-05,05,2,open,"; } > run2/h2.csv
{ echo "$H"; echo "DS-2,341321,2024-08-05,05,1,open,"; } > run2/h3.csv
assert_exit "a repeated identifier across files refuses the later file" 1 "$FORUMSTAT" import --db "$DB" run2
assert_grep "the repeat names the first occurrence" 'h3\.csv:2:1: error \[unique\.id\] .*DS-2.*run2/h1\.csv line 3' "$T/err"
assert_eq "both halves of the year are live" 3 "$(live incidents 341321 2024)"
assert_grep "summary counts files" 'import: 3 files, 2 imported, 1 refused, 3 records' "$T/out"

# Repeats are checked without an index (report/read/idcheck.h): every repeat is
# named, at the identifier's own column; the same identifier in another
# county or year is no repeat; a refused file's identifiers do not count.
mkdir run3
{ echo "county,date_reported,case_id,category,offenses,status"
  echo "341322,2024-01-05,R-1,05,1,open"; echo "341322,2024-02-05,R-2,05,1,open"
  echo "341322,2024-03-05,R-1,05,1,open"; echo "341322,2024-04-05,R-1,05,1,open"
  echo "341322,2023-04-05,R-2,05,1,open"; echo "320321,2024-04-05,R-2,05,1,open"; } > run3/r1.csv
assert_exit "repeats within a file refuse it" 1 "$FORUMSTAT" import --db "$DB" run3/r1.csv
assert_grep "second occurrence: line and column of the identifier" 'r1\.csv:4:3: error \[unique\.id\] .*R-1.*r1\.csv line 2' "$T/err"
assert_grep "third occurrence names the first too" 'r1\.csv:5:3: error \[unique\.id\] .*R-1.*r1\.csv line 2' "$T/err"
assert_eq "other counties and years are no repeats" 2 "$(grep -c 'unique\.id' "$T/err")"
mkdir run4
{ echo "$H"; echo "Q-1,341322,2024-01-05,05,1,open,"; echo "Q-2,341322,2024-01-06,05,-1,open,"; } > run4/q1.csv
{ echo "$H"; echo "Q-1,341322,2024-02-05,05,1,open,"; } > run4/q2.csv
assert_exit "a refused file's identifiers do not count against the next" 1 "$FORUMSTAT" import --db "$DB" run4
assert_nogrep "no repeat reported for the identifier of the refused file" 'unique\.id' "$T/err"
assert_grep "the second file went in" 'import: 2 files, 1 imported, 1 refused, 1 record,' "$T/out"

# A row rejected for its other values still has its identifier: a repeat
# of it is named in the same round (a clerk fixes both at once), against a
# row of the file or of an earlier file of the run; a row whose identity is
# unknown (no valid date: no year) or whose values may be shifted (extra
# fields) is no repeat.  The warehouse stays as it was.
mkdir run5
{ echo "$H"; echo "P-1,341322,2024-01-05,05,1,open,"; } > run5/p1.csv
{ echo "$H"; echo "P-1,341322,2024-02-05,05,x,open,"; echo "P-2,341322,2024-03-05,05,x,open,"
  echo "P-2,341322,2024-03-06,05,1,open,"; echo "P-3,341322,2024-13-01,05,1,open,"
  echo "P-3,341322,2024-04-01,05,1,open,"; echo "P-4,341322,2024-04-02,05,1,open,,shifted"
  echo "P-4,341322,2024-04-03,05,1,open,"; } > run5/p2.csv
assert_exit "rejected rows with repeated identifiers: refused" 1 "$FORUMSTAT" import --db "$DB" run5
assert_grep "a rejected row repeating an earlier file's record is named" 'p2\.csv:2:1: error \[unique\.id\] .*P-1.*run5/p1\.csv line 2' "$T/err"
assert_grep "a record repeating a rejected row is named too" 'p2\.csv:4:1: error \[unique\.id\] .*P-2.*p2\.csv line 3' "$T/err"
assert_eq "no repeat for a row without a year or with shifted values" 2 "$(grep -c 'unique\.id' "$T/err")"
assert_grep "the first file went in" 'import: 2 files, 1 imported, 1 refused, 1 record,' "$T/out"
assert_exit "validate names the same repeats" 1 "$FORUMSTAT" validate run5
assert_eq "... the same two" 2 "$(grep -c 'unique\.id' "$T/err")"
rm -rf run5/p1.csv
before=$(dbsum)
assert_exit "the refused file alone changes nothing" 1 "$FORUMSTAT" import --db "$DB" run5
assert_eq "... byte for byte" "$before" "$(dbsum)"

# Each record belongs to the year of its own date.
{ echo "$H"; echo "X-1,320321,2023-12-31,05,1,open,"; echo "X-2,320321,2024-01-01,05,1,open,"; } > newyear.csv
assert_exit "a file spanning New Year imports" 0 "$FORUMSTAT" import --db "$DB" newyear.csv
assert_eq "the December record is in 2023" 1 "$(live incidents 320321 2023)"
assert_eq "the January record is in 2024" 1 "$(live incidents 320321 2024)"

# Folders: path order, lock files skipped, sub-folders read (t27 has
# more); the same file twice is read once.
mkdir -p dir/sub
{ echo "$H"; echo "Y-1,371722,2024-05-01,05,1,open,"; } > dir/b.csv
cp dir/b.csv dir/sub/again.csv; echo junk > 'dir/~$b.xlsx'; echo junk > dir/.hidden; echo junk > dir/Thumbs.db
assert_exit "a folder imports its regular files only" 0 "$FORUMSTAT" import --db "$DB" dir
assert_grep "one file read, its copy skipped" 'import: 2 files, 1 imported, 0 refused, 1 record, 0 errors, 0 warnings, 1 skipped' "$T/out"
assert_grep "the copy is named with the file it repeats" 'dir/sub/again\.csv: skipped, the same file as .*dir/b\.csv' "$T/out"

# GB18030 with Chinese headers and names, SQLite with an INTEGER county.
printf '案件编号,县区代码,立案日期,案件类别,起数,状态,破案日期\nXQ-1,萧县,2024年3月1日,5,1,已破,2024/3/9\n' | iconv -t GB18030 > gbk.csv
assert_exit "GB18030 file imports" 0 "$FORUMSTAT" import --db "$DB" gbk.csv
assert_grep "encoding reported" 'gbk\.csv: valid, 1 record \(CSV, GB18030\)' "$T/out"
assert_eq "stored as UTF-8 codes" "solved|2024-03-09" "$(sqlite3 "$DB" "SELECT status, date_solved FROM live_incidents WHERE case_id='XQ-1'")"
sqlite3 sub.db "CREATE TABLE incidents(case_id, county, date_reported, category, offenses, status, date_solved);
  INSERT INTO incidents VALUES ('YC-1', 411425, '2024-04-01', '02', 1, 'Solved', '2024-04-03');"
assert_exit "SQLite submission imports" 0 "$FORUMSTAT" import --db "$DB" sub.db
assert_eq "INTEGER county read as its digits" 1 "$(live incidents 411425 2024)"
# REAL values are judged by their decimal form (15 significant digits),
# echoed in the message, never silently rounded.
sqlite3 real.db "CREATE TABLE incidents(case_id, county, date_reported, category, offenses, status, loss_yuan);
  INSERT INTO incidents VALUES ('R-1', 411425, '2024-04-01', '02', 3000000.5, 'open', 100000.125),
    ('R-2', 411425, '2024-04-02', '02', 3.0, 'open', 2300.1);"
assert_exit "non-integral and three-decimal REALs are refused" 1 "$FORUMSTAT" validate real.db
assert_grep "a big REAL with a fraction is no whole number" "offenses: '3000000\.5' is not a whole number" "$T/err"
assert_grep "three decimals in a big amount" "loss_yuan: '100000\.125' has more than two" "$T/err"
assert_eq "3.0 and 2300.1 are fine" 2 "$(grep -c 'error \[value' "$T/err")"

# validate writes no database; --errors writes the county's CSV.
mkdir v && cd v
assert_exit "validate of a bad file exits 1" 1 "$FORUMSTAT" validate --errors problems.csv ../bad.csv
assert "validate created no warehouse" test ! -e forumstat.db
assert_grep "error CSV has a BOM and the header of standard §5" $'^\xEF\xBB\xBFfile,line,row,column,column_name,severity,rule,message\r$' problems.csv
assert_grep "error CSV lists the rule" 'value\.date_invalid' problems.csv
# --errors to a FIFO or device writes into it (never renamed over: as
# root that would replace /dev/stdout); through a symbolic link the file
# it names is replaced and the link stays.
mkfifo errs.fifo
cat errs.fifo > from-fifo.csv &
assert_exit "--errors into a FIFO" 1 "$FORUMSTAT" validate --errors errs.fifo ../bad.csv
wait
assert "the FIFO is still a FIFO" test -p errs.fifo
assert_grep "the problems went through it" 'value\.date_invalid' from-fifo.csv
echo old > target.csv; ln -s target.csv link.csv
assert_exit "--errors through a symbolic link" 1 "$FORUMSTAT" validate --errors link.csv ../bad.csv
assert "the link is still a link" test -L link.csv
assert_grep "the file it names holds the problems" 'value\.date_invalid' target.csv
ln -s not-yet.csv dangling.csv
assert_exit "--errors through a link to a file not there yet" 1 "$FORUMSTAT" validate --errors dangling.csv ../bad.csv
assert "... the link stays" test -L dangling.csv
assert_grep "... and the file is made" 'value\.date_invalid' not-yet.csv
"$FORUMSTAT" validate --errors /dev/stdout ../bad.csv > both.txt 2> /dev/null
assert_grep "--errors /dev/stdout into a file: the problems" 'value\.date_invalid' both.txt
assert_grep "... and the summary, not written over" '^validate: 1 file' both.txt
cd "$T"

# Usage errors exit 2 with a hint; --help exits 0.
assert_exit "no command" 2 "$FORUMSTAT"
assert_exit "unknown command" 2 "$FORUMSTAT" frobnicate
assert_grep "unknown command hint" "Try 'forumstat --help'" "$T/err"
assert_exit "unknown option" 2 "$FORUMSTAT" import --bogus x.csv
assert_exit "import without files" 2 "$FORUMSTAT" import --db "$DB"
for c in validate import history revert; do
    assert_exit "$c --help" 0 "$FORUMSTAT" "$c" --help
    assert_grep "$c --help shows usage" "^usage: forumstat $c" "$T/out"
done
assert_exit "--version" 0 "$FORUMSTAT" --version
assert_exit "history of a missing warehouse exits 3" 3 "$FORUMSTAT" history --db "$T/none.db"
echo "not sqlite" > notdb.db
assert_exit "a damaged warehouse exits 3" 3 "$FORUMSTAT" import --db notdb.db one.csv
# A county's SQLite file (or any other database) given as --db is not
# turned into a warehouse, nor switched to WAL: left byte for byte.
sqlite3 county.db "CREATE TABLE incidents(case_id); INSERT INTO incidents VALUES ('A');"
sqlite3 other.db "CREATE TABLE users(name);"
before=$(sha256sum county.db other.db)
assert_exit "import into a submission file exits 3" 3 "$FORUMSTAT" import --db county.db one.csv
assert_grep "says it is no warehouse" 'county\.db is an SQLite database but not a forumstat warehouse' "$T/err"
assert_exit "import into another program's database exits 3" 3 "$FORUMSTAT" import --db other.db one.csv
assert_exit "revert on it exits 3" 3 "$FORUMSTAT" revert --db other.db 1
assert_eq "both files unchanged" "$before" "$(sha256sum county.db other.db)"
assert "no WAL files beside them" test ! -e county.db-wal -a ! -e other.db-wal
assert_exit "a missing zone file exits 3" 3 "$FORUMSTAT" validate --zone "$T/nozone.conf" one.csv

# A database in WAL mode sent with its -wal file (a county copying both):
# the database is refused for its mode; the -wal file is named as its part
# (file.sqlite_part), not taken for a CSV file of binary garbage.
mkdir walsend
/usr/bin/python3 - <<'PY'
import shutil, sqlite3
c = sqlite3.connect("wal.db")
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("CREATE TABLE incidents(case_id TEXT, county TEXT, date_reported TEXT, category TEXT, offenses INTEGER, status TEXT)")
c.execute("INSERT INTO incidents VALUES ('A1', '341321', '2024-05-20', '05', 1, 'open')")
c.commit()
shutil.copy("wal.db", "walsend/wal.db")
shutil.copy("wal.db-wal", "walsend/wal.db-wal")
c.close()
PY
assert "the fixture has its -wal file" test -s walsend/wal.db-wal
assert_exit "validate of the database and its -wal: refused (exit 1)" 1 "$FORUMSTAT" validate walsend
assert_grep "... the database for its WAL mode" '^walsend/wal\.db: error \[sqlite\.wal\]' "$T/err"
assert_grep "... the -wal file named as its part" \
    '^walsend/wal\.db-wal: warning \[file\.sqlite_part\] this is the -wal file of the SQLite database walsend/wal\.db' "$T/err"
assert_nogrep "... and not read as a CSV file" 'wal\.db-wal: error' "$T/err"
assert_grep "... its own line" '^walsend/wal\.db-wal: not read, part of the database walsend/wal\.db$' "$T/out"
assert_grep "... and it is no file of the summary" '^validate: 1 file, 0 valid, 1 refused' "$T/out"

# A mistyped PostgreSQL URI is a usage error naming the schemes known, not
# a file (or folder) to create, for every command that opens a warehouse.
assert_exit "import --db postgressql://…: usage error" 2 "$FORUMSTAT" import --db "postgressql:///forum?host=/tmp" one.csv
assert_grep "... naming the schemes forumstat knows" 'looks like a database URI, but forumstat knows only postgresql:// and postgres://' "$T/err"
assert "... and nothing is created" test ! -e "postgressql:" -a ! -e "postgressql:///forum?host=/tmp"
assert_exit "history too" 2 "$FORUMSTAT" history --db "postgressql:///forum"
assert_grep "... the same message" 'looks like a database URI' "$T/err"
