#!/usr/bin/env bash
# t33-model — a model-based test of the warehouse under import, revert and
# redo in any order (standard v2 §3): t33-model.py runs seeded random
# sequences of operations over a pool of tiny county files with the real
# binary and a model of what must be live, and compares after every step
# (exit code, what was imported, every live record, history).  A few fixed
# seeds here; `make soak-model` (MODEL_SEEDS=1-200) runs many more.
# Replay a failure with the line it prints: SEED=N STEPS=K tests/e2e/t33-model.sh
. "$(dirname "$0")/lib.sh"
# run-tests' sanitizer lane runs two of the four sequences (make check, and
# make check SAN=1, run all four)
DEFAULT_SEEDS=1,2,3,20
[ "${RUN_TESTS_LANE:-}" = san ] && DEFAULT_SEEDS=2,20
/usr/bin/python3 -B "$ROOT/tests/e2e/t33-model.py" --forumstat "$FORUMSTAT" --work "$T" \
    --seeds "${MODEL_SEEDS:-$DEFAULT_SEEDS}" --steps "${MODEL_STEPS:-40}" \
    --report-seqs "${MODEL_REPORT_SEQS:-1}"
