/*
 * common.h — what the libFuzzer harnesses of forumstat share.
 *
 * The harnesses drive the real input path (report/read/csv_source.c,
 * report/read/sqlite_source.c, report/read/validate.c, report/common/parse.c) with bytes a
 * county could send, and check invariants that must hold whatever the
 * bytes: statuses are data or success (never a crash, never an
 * environment failure on a healthy machine), accepted records are
 * well-formed and free of personal numbers, and every diagnostic is text
 * that is safe to print and to hand back to the county.
 */
#ifndef FS_FUZZ_COMMON_H
#define FS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "source.h"
#include "validate.h"
#include "zone.h"

/* The zone of templates/zone.conf (FS_FUZZ_ZONE at build time, or
 * $FORUMSTAT_ZONE), loaded once. */
const fs_zone *fz_zone(void);

/* Write data to NAME inside a private folder made once per process
 * (removed at exit); returns the full path (static storage). */
const char *fz_write_file(const char *name, const uint8_t *data, size_t size);

/* Pull every row of src through a validator (forced_table as for
 * fs_validator_new), checking each accepted record; ends with
 * fs_validator_finish.  Returns the source's last status. */
fs_status fz_pump(fs_source *src, int forced_table, fs_diags *d);

/* Invariants of a diagnostics list: counts add up, every stored string is
 * valid UTF-8 without control characters, and no value or message echoes
 * a resident identity or mobile number.  Prints the list too (to a null
 * stream) so the formatting code runs.  Aborts on a violation. */
void fz_check_diags(const fs_diags *d);

/* Abort with a message (a finding for libFuzzer). */
#define FZ_ASSERT(cond, ...)                                                                       \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                                       \
    } while (0)
_Noreturn void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
