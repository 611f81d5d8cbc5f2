/*
 * common.c — shared pieces of the libFuzzer harnesses (see common.h).
 */
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "schema.h"
#include "text.h"

#ifndef FS_FUZZ_ZONE
#define FS_FUZZ_ZONE "templates/zone.conf"
#endif

_Noreturn void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "\nINVARIANT BROKEN at %s:%d: %s\n  ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

const fs_zone *fz_zone(void)
{
    static fs_zone *zone;
    if (!zone) {
        const char *path = getenv("FORUMSTAT_ZONE");
        fs_sbuf err = {0};
        if (!path || !*path)
            path = FS_FUZZ_ZONE;
        fs_status st = fs_zone_load(path, &zone, &err);
        if (st != FS_OK) {
            fprintf(stderr, "fuzz: cannot load the zone %s: %s\n", path, fs_err_text(&err, st));
            exit(2);
        }
        fs_sbuf_free(&err);
    }
    return zone;
}

/* ------------------------------------------------------------ temp files */

static char private_dir[4096];

static void remove_private_dir(void)
{
    if (!private_dir[0])
        return;
    DIR *dh = opendir(private_dir);
    if (dh) {
        struct dirent *e;
        while ((e = readdir(dh)) != NULL)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                unlinkat(dirfd(dh), e->d_name, 0);
        closedir(dh);
    }
    rmdir(private_dir);
}

const char *fz_write_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[4200];
    if (!private_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(private_dir, sizeof private_dir, "%s/forumstat-fuzz-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(private_dir)) {
            perror("fuzz: mkdtemp");
            exit(2);
        }
        atexit(remove_private_dir);
    }
    snprintf(path, sizeof path, "%s/%s", private_dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        perror("fuzz: open");
        exit(2);
    }
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            perror("fuzz: write");
            exit(2);
        }
        done += (size_t)w;
    }
    close(fd);
    return path;
}

/* ------------------------------------------------------------- records */

static volatile unsigned sink; /* keeps the byte reads below */

/* Read every byte of a view (ASan checks the pointer is alive). */
static void touch(const char *s, size_t n)
{
    unsigned h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned char)s[i];
    sink += h;
}

static void check_record(const fs_record *r, int table)
{
    const fs_zone *z = fz_zone();
    FZ_ASSERT((int)r->table == table, "record of table %d from a validator of table %d", r->table,
              table);
    FZ_ASSERT(r->year >= 2000 && r->year <= 2100, "record year %d", r->year);
    FZ_ASSERT(r->county >= 0 && (size_t)r->county < z->ncounties, "record county %d", r->county);
    const fs_table_def *td = &fs_tables[table];
    for (size_t c = 0; c < td->ncolumns; c++) {
        const fs_column *col = &td->columns[c];
        const fs_value *v = &r->v[c];
        FZ_ASSERT(v->present || !col->required || col->type == FS_CT_COUNTY_LIST,
                  "required column %s not present in an accepted record", col->name);
        if (!v->present)
            continue;
        FZ_ASSERT(v->s != NULL, "column %s: NULL text", col->name);
        touch(v->s, v->len);
        switch (col->type) {
        case FS_CT_COUNTY:
            FZ_ASSERT(v->i >= 0 && (size_t)v->i < z->ncounties && v->len == 6 &&
                          memcmp(v->s, z->counties[v->i].code, 6) == 0,
                      "county column %s", col->name);
            break;
        case FS_CT_COUNTY_LIST: {
            fs_county_set set = (fs_county_set)v->i;
            int k = __builtin_popcountll(set);
            FZ_ASSERT(k > 0 && (z->ncounties == 64 || set >> z->ncounties == 0) &&
                          v->len == (size_t)(7 * k - 1),
                      "county list %s: set %" PRIx64 " text '%.*s'", col->name, (uint64_t)set,
                      (int)v->len, v->s);
            break;
        }
        case FS_CT_YEAR:
            FZ_ASSERT(v->i >= 2000 && v->i <= 2100, "year %" PRId64, v->i);
            break;
        case FS_CT_INT:
            FZ_ASSERT(v->i >= col->min && v->i < INT64_C(1000000000000000),
                      "%s = %" PRId64, col->name, v->i);
            break;
        case FS_CT_MONEY:
            FZ_ASSERT(v->i >= col->min * 100 && v->i < INT64_C(100000000000000000),
                      "%s = %" PRId64, col->name, v->i);
            break;
        case FS_CT_DATE: {
            fs_date d;
            FZ_ASSERT(v->len == 10 && fs_parse_date(v->s, v->len, &d) == FS_PARSE_OK &&
                          fs_date_days(d) == v->i,
                      "date %s = '%.*s' (%" PRId64 ")", col->name, (int)v->len, v->s, v->i);
            break;
        }
        case FS_CT_ENUM:
            FZ_ASSERT(v->i >= 0 && (size_t)v->i < col->nvalues &&
                          fs_eq(v->s, v->len, col->values[v->i].code),
                      "enum %s = %" PRId64, col->name, v->i);
            break;
        case FS_CT_ID:
        case FS_CT_TEXT: {
            const char *s = v->s;
            size_t n = v->len;
            fs_trim(&s, &n);
            FZ_ASSERT(n == v->len && n > 0, "%s is not trimmed or empty", col->name);
            FZ_ASSERT(!memchr(v->s, 0, v->len) && fs_utf8_valid(v->s, v->len),
                      "%s holds a NUL or invalid UTF-8", col->name);
            if (col->type == FS_CT_ID)
                FZ_ASSERT(fs_utf8_count(v->s, v->len) <= 64 && !fs_is_scientific(v->s, v->len),
                          "identifier %s '%.*s'", col->name, (int)v->len, v->s);
            else
                FZ_ASSERT(fs_utf8_count(v->s, v->len) <= 2000 &&
                              !fs_has_id_number(v->s, v->len) &&
                              !fs_has_mobile_number(v->s, v->len),
                          "free text %s passed the privacy guard: '%.*s'", col->name,
                          (int)v->len, v->s);
            break;
        }
        }
    }
}

fs_status fz_pump(fs_source *src, int forced_table, fs_diags *d)
{
    fs_validator *v = fs_validator_new(fz_zone(), src, forced_table);
    FZ_ASSERT(v != NULL, "%s", "fs_validator_new failed");
    fs_status st = FS_OK;
    for (;;) {
        fs_row row;
        bool eof = false;
        size_t errors = d->errors;
        st = fs_source_next(src, &row, &eof, d);
        if (st == FS_ERR_DATA) {
            FZ_ASSERT(d->errors > errors, "%s", "FS_ERR_DATA from a source without an error");
            break;
        }
        FZ_ASSERT(st == FS_OK, "source status %d (%s) on hostile input", st, fs_strerror(st));
        if (eof)
            break;
        FZ_ASSERT(row.nfields == 0 || row.fields != NULL, "%s", "row without fields");
        for (size_t j = 0; j < row.nfields; j++) {
            const fs_field *f = &row.fields[j];
            if (f->type == FS_V_TEXT || f->type == FS_V_BLOB)
                touch(f->s, f->len);
            if (src->loc_kind == FS_LOC_LINE) /* CSV text is valid UTF-8 */
                FZ_ASSERT(f->type == FS_V_TEXT && fs_utf8_valid(f->s, f->len),
                          "CSV field %zu is not UTF-8 text", j + 1);
        }
        fs_record rec;
        size_t kept = d->count;
        fs_row_kind k = fs_validator_row(v, &row, &rec, d);
        if (k == FS_ROW_STOP)
            break;
        if (k == FS_ROW_RECORD) {
            /* No error at the accepted record's own line.  Errors about
             * earlier lines may come now: records with empty extra fields
             * are known to be shifted only when a later record differs
             * (validate.c, check_extra). */
            for (size_t i = kept; i < d->count; i++)
                FZ_ASSERT(d->items[i].severity != FS_SEV_ERROR || d->items[i].line != row.line,
                          "a record accepted with an error at its line %ld", row.line);
            check_record(&rec, fs_validator_table(v));
        } else if (k == FS_ROW_REJECTED) {
            FZ_ASSERT(d->errors > 0, "%s", "a row rejected without any error");
        }
    }
    if (st == FS_OK) {
        fs_validator_footers(v, d);
        fs_validator_finish(v, d);
    }
    fs_validator_free(v);
    return st;
}

/* ---------------------------------------------------------- diagnostics */

/* C0 controls, DEL, C1 controls and bidirectional overrides: what must
 * never reach a terminal or a county's spreadsheet from their own data. */
static bool has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = fs_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return true;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069))
            return true;
        i += k;
    }
    return false;
}

static void check_text(const char *what, const char *s, const fs_diag *g)
{
    FZ_ASSERT(s != NULL, "diagnostic [%s]: %s is NULL", fs_rule_id(g->rule), what);
    size_t n = strlen(s);
    FZ_ASSERT(fs_utf8_valid(s, n), "diagnostic [%s]: %s is not valid UTF-8: %s",
              fs_rule_id(g->rule), what, s);
    FZ_ASSERT(!has_control(s, n), "diagnostic [%s]: %s holds a control character: %s",
              fs_rule_id(g->rule), what, s);
}

/* Rules whose messages carry numbers that are not the county's data but
 * measures of it (sizes, rowids in SQLite's own reports, sums of money). */
static bool numbers_allowed(fs_rule r)
{
    return r == R_SQLITE_DAMAGED || r == R_INC_RECOVERED_GT_LOSS ||
           r == R_INC_ARRESTED_GT_SUSPECTS;
}

void fz_check_diags(const fs_diags *d)
{
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    size_t errors = 0, warnings = 0;
    FZ_ASSERT(d->count <= d->cap && (d->count == 0 || d->items), "%s", "diagnostics list");
    for (size_t i = 0; i < d->count; i++) {
        const fs_diag *g = &d->items[i];
        FZ_ASSERT((unsigned)g->rule < FS_RULE_COUNT, "rule %d", (int)g->rule);
        FZ_ASSERT(g->severity == fs_rule_severity(g->rule), "severity of [%s]",
                  fs_rule_id(g->rule));
        if (g->severity == FS_SEV_ERROR)
            errors++;
        else
            warnings++;
        check_text("location", g->where, g);
        check_text("file", g->file, g);
        check_text("column", g->column, g);
        check_text("value", g->value, g);
        check_text("message", g->message, g);
        check_text("hint", g->hint, g);
        size_t vn = strlen(g->value), mn = strlen(g->message);
        FZ_ASSERT(!fs_has_id_number(g->value, vn) && !fs_has_mobile_number(g->value, vn),
                  "diagnostic [%s] echoes a personal number as its value: %s",
                  fs_rule_id(g->rule), g->value);
        if (!numbers_allowed(g->rule))
            FZ_ASSERT(!fs_has_id_number(g->message, mn) && !fs_has_mobile_number(g->message, mn),
                      "diagnostic [%s] echoes a personal number in its message: %s",
                      fs_rule_id(g->rule), g->message);
    }
    FZ_ASSERT(errors + warnings + d->dropped == d->errors + d->warnings,
              "counts: %zu stored + %zu dropped != %zu errors + %zu warnings", errors + warnings,
              d->dropped, d->errors, d->warnings);
    if (null_out)
        fs_diags_print(d, null_out);
}
