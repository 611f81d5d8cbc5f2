#!/usr/bin/env bash
# t10-rules — every validation rule has a failing fixture (tests/rules/cases.txt)
# and `forumstat validate` reports it with the right rule id and location.
. "$(dirname "$0")/lib.sh"
CASES="$ROOT/tests/rules/cases.txt"
declare -A seen=()

run_case() { # rule where kind bodyfile [validate options]
    local rule=$1 where=$2 kind=$3 body=$4 ext=csv args=${5:-}
    [ "$kind" = sql ] && ext=db
    local F="$T/$rule.$ext"
    case "$kind" in
        csv) cp "$body" "$F" ;;
        gb18030) iconv -f UTF-8 -t GB18030 "$body" > "$F" ;;
        printf) printf "$(cat "$body")" > "$F" ;;
        sh) F="$F" bash "$body" ;;
        sql) sqlite3 "$F" < "$body" > /dev/null ;;
        missing) ;;
        *) nok "$rule: unknown kind $kind"; return ;;
    esac
    # shellcheck disable=SC2086 # the options are words
    ( cd "$T" && "$FORUMSTAT" validate $args "$(basename "$F")" ) > "$T/out" 2> "$T/err"
    local rc=$? name; name=$(basename "$F")
    local loc="$name:$where"
    [ "$where" = "-" ] && loc="$name"
    local pat
    pat="^$(printf '%s' "$loc" | sed 's/[.[\*^$#]/\\&/g'): (error|warning) \[$rule\]"
    if grep -Eq -- "$pat" "$T/err"; then ok "$rule at $where"
    else nok "$rule at $where" "expected a line matching: $pat" "$(head -5 "$T/err")"; fi
    # Errors refuse the file (exit 1); warnings alone do not.
    local sev; sev=$(grep -E "^RULE\([A-Z_0-9]+, *\"$rule\"" "$ROOT/report/rules.def" | grep -oE 'ERROR|WARNING')
    if [ "$sev" = ERROR ]; then
        assert_eq "$rule: exit 1" 1 "$rc"
    fi
    seen[$rule]=1
}

skip=$(sed -n 's/^skip: *//p' "$CASES")
rule="" body="$T/body"
while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line == "== "* ]]; then
        [ -n "$rule" ] && run_case "$rule" "$where" "$kind" "$body" "$args"
        read -r _ rule where kind args <<< "$line"
        kind=${kind:-csv}
        : > "$body"
    elif [ -n "$rule" ]; then
        printf '%s\n' "$line" >> "$body"
    fi
done < <(grep -v '^#' "$CASES" | grep -v '^skip:')
[ -n "$rule" ] && run_case "$rule" "$where" "$kind" "$body" "$args"

# Every rule of the catalogue has a case.
for r in $(grep -oE '^RULE\([A-Z_0-9]+, *"[a-z0-9_.]+"' "$ROOT/report/rules.def" | sed 's/.*"\(.*\)"/\1/'); do
    if [ -n "${seen[$r]:-}" ] || [[ " $skip " == *" $r "* ]]; then ok "rule $r has a fixture"
    else nok "rule $r has a fixture" "add a case for $r to tests/rules/cases.txt"; fi
done
