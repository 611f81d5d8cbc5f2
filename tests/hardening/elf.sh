#!/usr/bin/env bash
# tests/hardening/elf.sh — the release binary carries the hardening the
# Makefile asks for (checksec-like, with readelf): PIE, full RELRO
# (GNU_RELRO + BIND_NOW), non-executable stack, stack protector, FORTIFY
# (_chk variants of the string and printf functions), no text relocations,
# no RPATH/RUNPATH.  Prints TAP lines and "N passed, N failed".
# Usage: tests/hardening/elf.sh [BINARY]   (default build/forumstat)
set -u
cd "$(dirname "$0")/../.."
BIN=${1:-build/forumstat}
n=0 pass=0 fail=0
check() { # description, command...
    local d=$1; shift
    n=$((n + 1))
    if "$@" > /dev/null 2>&1; then pass=$((pass + 1)); echo "ok $n - $d"
    else fail=$((fail + 1)); echo "not ok $n - $d"; fi
}
if [ ! -x "$BIN" ]; then echo "not ok 1 - $BIN exists (run make first)"; echo "0 passed, 1 failed"; exit 1; fi
hdr=$(readelf -hW "$BIN") dyn=$(readelf -dW "$BIN") seg=$(readelf -lW "$BIN") syms=$(readelf --dyn-syms -W "$BIN")
has() { grep -Eq -- "$1" <<< "$2"; }
hasnt() { ! grep -Eq -- "$1" <<< "$2"; }
check "PIE: ELF type DYN" has 'Type: +DYN' "$hdr"
check "PIE: DT_FLAGS_1 has PIE" has 'FLAGS_1.*PIE' "$dyn"
check "RELRO: a GNU_RELRO segment" has 'GNU_RELRO' "$seg"
check "full RELRO: BIND_NOW" has '(FLAGS.*BIND_NOW|FLAGS_1.*NOW)' "$dyn"
check "NX: the stack is not executable" has 'GNU_STACK +(0x[0-9a-f]+ +){5}RW +0x' "$seg"
check "stack protector: __stack_chk_fail is used" has '__stack_chk_fail' "$syms"
check "FORTIFY_SOURCE: checked string/printf functions are used" has '__(memcpy|snprintf|vsnprintf|fprintf|printf|strcpy|memmove|memset)_chk' "$syms"
check "no text relocations" hasnt 'TEXTREL' "$dyn"
check "no RPATH or RUNPATH" hasnt '(RPATH|RUNPATH)' "$dyn"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
