/*
 * fuzz_csv.c — libFuzzer harness: a county's CSV file, end to end through
 * the reading and validation path of `forumstat import`.
 *
 * bytes → a file in a private folder → fs_csv_open (encoding detection,
 * GB18030 conversion, libcsv with its caps) → every row through the
 * validator → diagnostics.  Invariants are in common.c.
 */
#include <stdint.h>
#include <stdlib.h>

#include "common.h"
#include "csv_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_write_file("submission.csv", data, size);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src = NULL;
    fs_encoding enc = FS_ENC_UTF8;
    fs_status st = fs_csv_open(path, "submission.csv", &src, &enc, &d);
    if (st == FS_OK) {
        FZ_ASSERT(src != NULL, "%s", "FS_OK without a source");
        FZ_ASSERT(enc == FS_ENC_UTF8 || enc == FS_ENC_UTF8_BOM || enc == FS_ENC_GB18030,
                  "encoding %d", (int)enc);
        fz_pump(src, -1, &d);
        fs_source_free(src);
    } else {
        FZ_ASSERT(st == FS_ERR_DATA, "fs_csv_open: status %d (%s)", st, fs_strerror(st));
        FZ_ASSERT(src == NULL && d.errors > 0, "%s", "refused without a diagnostic");
    }
    fz_check_diags(&d);
    fs_diags_free(&d);
    return 0;
}
