# tests/pg/lib.sh — a throwaway PostgreSQL cluster for an end-to-end script
# (sourced after tests/e2e/lib.sh; issue 17).
#
# pg_start: starts the cluster (tests/pg/cluster), sets PGDIR, PG_BIN and
# PGURL (the libpq URI of its database `forumstat`), and stops and removes
# it when the script exits, also on failure.  Without the PostgreSQL server
# binaries it prints a TAP SKIP line and exits the script 0, unless
# FORUMSTAT_REQUIRE_PG=1 (CI), when missing PostgreSQL is a failure.
# pg_db NAME: a new empty database NAME; prints its URI.
# pg_sql URI SQL: run SQL with psql, rows unaligned, no headers.
PGDIR=
pg_start() {
    if ! "$ROOT/tests/pg/cluster" available; then
        if [ "${FORUMSTAT_REQUIRE_PG:-0}" = 1 ]; then
            nok "PostgreSQL 15 server binaries present (FORUMSTAT_REQUIRE_PG=1)" \
                "install postgresql-15 (scripts/ensure-deps test) or unset FORUMSTAT_REQUIRE_PG"
            exit 1
        fi
        echo "ok 1 # SKIP PostgreSQL 15 server binaries not installed"
        exit 0
    fi
    PGDIR=$("$ROOT/tests/pg/cluster" start) || { nok "a throwaway PostgreSQL cluster starts"; exit 1; }
    trap '"$ROOT/tests/pg/cluster" stop "$PGDIR"; rm -rf "$T"' EXIT
    eval "$("$ROOT/tests/pg/cluster" env "$PGDIR")"
    PGURL=$FORUMSTAT_PG
    unset FORUMSTAT_PG
}
pg_db() {
    "$PG_BIN/createdb" -h "$PGDIR" -U postgres "$1" >&2 || return 1
    echo "postgresql:///$1?host=$PGDIR&user=postgres"
}
pg_sql() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
