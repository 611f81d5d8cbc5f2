/*
 * fuzz_sqlite.c — libFuzzer harness: a county's SQLite submission through
 * the hostile-file path of `forumstat import`.
 *
 * Two kinds of input, told apart by the first 16 bytes:
 *
 *  - a database image ("SQLite format 3\0" ...): written to a file as is;
 *  - anything else is SQL: it is run by a locked-down builder connection
 *    on an empty in-memory database (no ATTACH, no file access, bounded
 *    work and size), and the resulting image is written to the file.  This
 *    lets the fuzzer reach the schema classification, odd column names and
 *    types, WITHOUT ROWID tables, views, triggers, virtual tables, UTF-16
 *    databases ... that random bytes in b-tree pages almost never form.
 *
 * Either way the file then goes through fs_sqlite_sub_open (header checks,
 * private copy, read-only defensive connection, quick_check,
 * classification) and every standard table through the validator, exactly
 * as ingest.c does it.  sqlite3_deserialize is not used: the real path
 * opens a file, so the fuzzer does too.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "sqlite_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_IMAGE (1024 * 1024)
#define MAX_STEPS 200000 /* VDBE opcodes / 100 */

static int progress(void *arg)
{
    int *left = arg;
    return --*left <= 0;
}

/* Builder authorizer: nothing that reaches a file or another database. */
static int builder_auth(void *unused, int action, const char *a1, const char *a2, const char *a3,
                        const char *a4)
{
    (void)unused;
    (void)a2;
    (void)a3;
    (void)a4;
    switch (action) {
    case SQLITE_ATTACH:
    case SQLITE_DETACH: return SQLITE_DENY;
    case SQLITE_PRAGMA: {
        static const char *const allowed[] = {"page_size",      "auto_vacuum", "encoding",
                                              "user_version",   "application_id",
                                              "writable_schema", "legacy_file_format"};
        for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
            if (a1 && sqlite3_stricmp(a1, allowed[i]) == 0)
                return SQLITE_OK;
        return SQLITE_DENY;
    }
    case SQLITE_FUNCTION:
        /* load_extension is off anyway; fts3_tokenizer and the like take
         * pointers. */
        if (a2 && (sqlite3_stricmp(a2, "load_extension") == 0 ||
                   sqlite3_stricmp(a2, "fts3_tokenizer") == 0))
            return SQLITE_DENY;
        return SQLITE_OK;
    default: return SQLITE_OK;
    }
}

/* Build a database image from SQL text; NULL when SQLite gives none. */
static unsigned char *build_image(const uint8_t *data, size_t size, sqlite3_int64 *len)
{
    sqlite3 *db = NULL;
    unsigned char *image = NULL;
    *len = 0;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK)
        goto done;
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100000);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_set_authorizer(db, builder_auth, NULL);
    int steps = MAX_STEPS;
    sqlite3_progress_handler(db, 100, progress, &steps);
    char *sql = malloc(size + 1);
    if (!sql)
        goto done;
    memcpy(sql, data, size);
    sql[size] = '\0';
    /* Run statement by statement, going on after a failing one, so one
     * typo does not waste the rest of the input. */
    const char *tail = sql;
    while (*tail && steps > 0) {
        sqlite3_stmt *st = NULL;
        const char *next = NULL;
        int rc = sqlite3_prepare_v2(db, tail, -1, &st, &next);
        if (rc == SQLITE_OK && st) {
            while (sqlite3_step(st) == SQLITE_ROW && steps > 0)
                ;
        }
        sqlite3_finalize(st);
        if (!next || next == tail)
            break;
        tail = next;
    }
    free(sql);
    sqlite3_progress_handler(db, 0, NULL, NULL);
    image = sqlite3_serialize(db, "main", len, 0);
    if (image && *len > MAX_IMAGE) {
        sqlite3_free(image);
        image = NULL;
    }
done:
    sqlite3_close(db);
    return image;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    if (fs_is_sqlite_header(data, size)) {
        path = fz_write_file("submission.db", data, size);
    } else {
        sqlite3_int64 len = 0;
        unsigned char *image = build_image(data, size, &len);
        if (!image)
            return 0;
        path = fz_write_file("submission.db", image, (size_t)len);
        sqlite3_free(image);
    }
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *sub = NULL;
    fs_status st = fs_sqlite_sub_open(path, "submission.db", &sub, &d);
    if (st == FS_OK) {
        FZ_ASSERT(sub != NULL, "%s", "FS_OK without a submission");
        size_t n = fs_sqlite_sub_ntables(sub);
        FZ_ASSERT(n <= 4, "%zu tables", n);
        for (size_t i = 0; i < n; i++) {
            int t = fs_sqlite_sub_table_id(sub, i);
            FZ_ASSERT(t >= 0 && t < 4 && (i == 0 || t > fs_sqlite_sub_table_id(sub, i - 1)),
                      "table id %d at %zu", t, i);
            fs_source *src = NULL;
            size_t errors = d.errors;
            fs_status ts = fs_sqlite_sub_table(sub, i, &src, &d);
            if (ts == FS_ERR_DATA) {
                FZ_ASSERT(src == NULL && d.errors > errors, "%s",
                          "table refused without a diagnostic");
                break; /* ingest.c stops at a refused table too */
            }
            FZ_ASSERT(ts == FS_OK && src != NULL, "fs_sqlite_sub_table: status %d (%s)", ts,
                      fs_strerror(ts));
            fz_pump(src, t, &d);
            fs_source_free(src);
        }
        fs_sqlite_sub_free(sub);
    } else {
        FZ_ASSERT(st == FS_ERR_DATA, "fs_sqlite_sub_open: status %d (%s)", st, fs_strerror(st));
        FZ_ASSERT(sub == NULL && d.errors > 0, "%s", "refused without a diagnostic");
    }
    fz_check_diags(&d);
    fs_diags_free(&d);
    return 0;
}
