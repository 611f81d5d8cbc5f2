/*
 * sqlite_source.c — a county's SQLite file, opened as hostile input and
 * exposed as row sources (see sqlite_source.h and section 2.2 of the
 * submission standard).
 *
 * How it fits: the directory scanner recognises a database by its 16-byte
 * header (fs_is_sqlite_header) and calls fs_sqlite_sub_open; the caller
 * then asks for each standard table present (fs_sqlite_sub_table) and feeds
 * the rows to the same validator as CSV.  Values keep their SQLite storage
 * type; judging them is the validator's job, not ours.
 *
 * Defences, in order:
 *   1. The sender's file is opened with open(2) only, never by SQLite, and
 *      never written.  Its 100-byte header is checked (magic string, page
 *      size, format versions, payload fractions); WAL mode (bytes 18–19 =
 *      2) is refused because the data may sit in a -wal file we did not get.
 *   2. The main file alone is copied with a bounded buffer into a private
 *      folder (mkdtemp under TMPDIR, mode 0700).  The header is the very
 *      bytes that were checked: it is read once and written to the copy, so
 *      the file cannot change between check and use.  A file shorter than
 *      the database its header declares is refused as cut off.
 *   3. The copy is opened `mode=ro&immutable=1` with READONLY|URI|NOFOLLOW;
 *      defensive mode on, untrusted schema, triggers and views off, every
 *      virtual-table module dropped (so no fts5/rtree code ever runs on the
 *      file's shadow tables), lowered limits, cell size checks, no mmap,
 *      query_only, and an authorizer that allows nothing but SELECT, column
 *      reads and the few pragmas used here.
 *   4. `PRAGMA quick_check` must answer one row "ok" before anything else is
 *      read.  Classification of objects comes from SQLite's parsed schema
 *      (`PRAGMA table_list`), not from the self-declared sqlite_schema.type.
 *   5. Tables are read with NOT INDEXED (rowid tables) or through their
 *      primary-key b-tree (WITHOUT ROWID), so a damaged or lying index can
 *      neither reorder nor hide records.
 *
 * The copy's name and folder are removed as soon as SQLite has the file
 * open (the descriptor keeps the bytes), so not even a crash or SIGKILL
 * while reading leaves anything in TMPDIR; every failure before that point
 * removes them too.
 */
#include "sqlite_source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "i18n.h"
#include "parse.h"
#include "schema.h"
#include "sqlite_lib.h"
#include "text.h"

#if SQLITE_VERSION_NUMBER < 3037000
#error "forumstat needs SQLite 3.37 or later (PRAGMA table_list)"
#endif

#define HEADER_SIZE 100
#define COPY_BUFFER (64 * 1024)
#define COPY_NAME "submission.db"
#define NAME_SHOWN 80 /* bytes of a file-supplied name echoed in a message */

static const char HEADER_MAGIC[16] = "SQLite format 3";

/* Hints and details are marked N_() here and translated where they are
 * used (fs_diag_add translates its hint, add_damaged its detail). */
static const char *const HINT_EXPORT =
    N_("export the data again from the program that made the file (or copy the file again) and "
       "send the new file");
static const char *const HINT_TOO_BIG =
    N_("no column of the standard holds that much; remove the "
       "oversized value and send the file again");

/* Limits for the copy's connection.  SQLITE_LIMIT_COLUMN is deliberately
 * left at SQLite's default: a table wider than the limit makes the whole
 * schema fail to load as "corrupt", and counties keep their own wide
 * tables next to ours. */
static const struct {
    int id;
    int value;
} db_limits[] = {
    {SQLITE_LIMIT_LENGTH, 16 * 1024 * 1024}, /* any value or row; ours need < 8 KB */
    {SQLITE_LIMIT_SQL_LENGTH, 1024 * 1024},  /* also bounds each schema statement */
    {SQLITE_LIMIT_EXPR_DEPTH, 200},
    {SQLITE_LIMIT_COMPOUND_SELECT, 50},
    {SQLITE_LIMIT_VDBE_OP, 1000000},
    {SQLITE_LIMIT_FUNCTION_ARG, 32},
    {SQLITE_LIMIT_ATTACHED, 0},
    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 256},
    {SQLITE_LIMIT_VARIABLE_NUMBER, 16},
    {SQLITE_LIMIT_TRIGGER_DEPTH, 0},
    {SQLITE_LIMIT_WORKER_THREADS, 0},
};

/* Safety switches that must read back as set, or we do not open the file. */
static const struct {
    int op;
    int value;
} db_switches[] = {
    {SQLITE_DBCONFIG_DEFENSIVE, 1},
    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
    {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0},
    {SQLITE_DBCONFIG_ENABLE_VIEW, 0},
    {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
    {SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0},
    {SQLITE_DBCONFIG_WRITABLE_SCHEMA, 0},
    {SQLITE_DBCONFIG_DQS_DML, 0},
};

/* Run before the authorizer is installed (it would refuse them). */
static const char SETUP_SQL[] =
    "PRAGMA cell_size_check=ON;"
    "PRAGMA mmap_size=0;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA query_only=ON;";

/* Pragmas the authorizer lets through after setup. */
static const char *const allowed_pragmas[] = {"quick_check", "table_list", "index_list"};

typedef struct present_table {
    fs_table id;
    char *name; /* as spelled in the file (case may differ)  */
    bool without_rowid;
} present_table;

struct fs_sqlite_sub {
    sqlite3 *db;
    char *dir;              /* private temporary folder; NULL once removed */
    char *copy;             /* our copy of the main file; NULL once removed */
    const char *display;    /* borrowed from the caller                   */
    unsigned long mem_mark; /* mem_failures_now() when opened          */
    size_t ntables;
    present_table tables[FS_T_COUNT];
};

/* What the 100-byte header says (after checking). */
typedef struct header_info {
    unsigned page_size;
    uint32_t pages; /* declared database size in pages; 0 = not declared */
} header_info;

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Copy a name taken from the file into out (size > 4) so it is safe to
 * print: invalid UTF-8, control characters (C0, DEL, C1) and bidirectional
 * overrides become '?', long names are cut with "...", and digits are
 * masked when the name holds a personal number. */
static const char *shown(const char *s, char *out, size_t size)
{
    size_t o = 0, n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = fs_utf8_decode(s + i, n - i, &cp);
        bool bad = k == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
                   (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        size_t used = k ? k : 1; /* a forbidden character becomes one '?' */
        size_t put = bad ? 1 : k;
        if (o + put + 4 > size) { /* room for this, "..." and the NUL */
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (bad)
            out[o] = '?';
        else
            memcpy(out + o, s + i, k);
        o += put;
        i += used;
    }
    out[o] = '\0';
    /* A name (or SQLite's own report) holding a resident identity or mobile
     * number is shown with its digits masked: such numbers never reach a
     * message. */
    if (fs_has_id_number(s, n) || fs_has_mobile_number(s, n) || fs_has_id_number(out, o) ||
        fs_has_mobile_number(out, o))
        fs_mask_digits(out, o);
    return out;
}

static bool has_prefix_nocase(const char *s, const char *prefix)
{
    return sqlite3_strnicmp(s, prefix, (int)strlen(prefix)) == 0;
}

/* Read up to n bytes, retrying short reads and EINTR.  Returns the bytes
 * read (less than n only at end of file), or -1 with errno set. */
static ssize_t read_full(int fd, unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Write all n bytes.  Returns 0, or an errno value. */
static int write_full(int fd, const unsigned char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (w == 0)
            return EIO;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The location of a finding about the whole file. */
#define FILE_LOC(display) (&(fs_loc){.kind = FS_LOC_FILE, .file = (display)})

static void add_damaged(fs_diags *d, const char *display, const char *detail)
{
    char buf[2 * NAME_SHOWN];
    if (detail && *detail)
        fs_diag_add(d, R_SQLITE_DAMAGED, FILE_LOC(display), NULL, HINT_EXPORT,
                    "the file is damaged or is not an SQLite database (%s)",
                    shown(fs_tr(detail), buf, sizeof buf));
    else
        fs_diag_add(d, R_SQLITE_DAMAGED, FILE_LOC(display), NULL, HINT_EXPORT,
                    "the file is damaged or is not an SQLite database");
}

/* Telling a damaged file's SQLITE_NOMEM from the machine's.
 *
 * SQLite answers some damaged files with SQLITE_NOMEM although no
 * allocation failed: a length read from the file is beyond anything it
 * will allocate (SQLITE_MAX_ALLOCATION_SIZE), e.g. while it parses a
 * damaged schema (fuzz/crashers/sqlite/).  Such a file is damaged; it must
 * not pass for the machine running out of memory, which stops the whole
 * import (exit 3).  So SQLite's allocator is wrapped at start-up, before
 * SQLite initialises, to count the allocations that really failed: an
 * SQLITE_NOMEM with no failure counted since the submission was opened is
 * the file's fault.  Without the wrapper (SQLite initialised earlier by
 * someone else) every SQLITE_NOMEM counts as the machine's. */
static sqlite3_mem_methods real_mem;
static unsigned long mem_failures; /* atomic */
static bool mem_counted;

static void *counted_malloc(int n)
{
    void *p = real_mem.xMalloc(n);
    if (!p)
        __atomic_add_fetch(&mem_failures, 1, __ATOMIC_RELAXED);
    return p;
}

static void *counted_realloc(void *p, int n)
{
    void *q = real_mem.xRealloc(p, n);
    if (!q)
        __atomic_add_fetch(&mem_failures, 1, __ATOMIC_RELAXED);
    return q;
}

__attribute__((constructor)) static void count_sqlite_alloc_failures(void)
{
    static sqlite3_mem_methods counted;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) != SQLITE_OK)
        return;
    counted = real_mem;
    counted.xMalloc = counted_malloc;
    counted.xRealloc = counted_realloc;
    mem_counted = sqlite3_config(SQLITE_CONFIG_MALLOC, &counted) == SQLITE_OK;
}

static unsigned long mem_failures_now(void)
{
    return __atomic_load_n(&mem_failures, __ATOMIC_RELAXED);
}

/* True when rc is an SQLITE_NOMEM that no failed allocation explains
 * (mark: mem_failures_now() when the submission was opened). */
static bool nomem_from_file(int rc, unsigned long mark)
{
    return (rc & 0xFF) == SQLITE_NOMEM && mem_counted && mem_failures_now() == mark;
}

static const char *const DETAIL_IMPOSSIBLE_SIZE = N_("it declares a size no database can have");

/* Map an SQLite result code to a status.  Codes that mean "the machine
 * failed" are environment statuses; a refused or misused call is our own
 * bug, not the county's (FS_ERR_DB); everything else (corrupt, not a
 * database, too big, a schema SQLite cannot use, an impossible size) is
 * the file's fault. */
static fs_status status_from_sqlite(int rc, unsigned long mark)
{
    switch (rc & 0xFF) {
    case SQLITE_NOMEM: return nomem_from_file(rc, mark) ? FS_ERR_DATA : FS_ERR_NOMEM;
    case SQLITE_FULL: return FS_ERR_DISK_FULL;
    case SQLITE_IOERR: return (rc == SQLITE_IOERR_NOMEM) ? FS_ERR_NOMEM : FS_ERR_IO;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: return FS_ERR_IO;
    case SQLITE_AUTH:
    case SQLITE_MISUSE: return FS_ERR_DB;
    default: return FS_ERR_DATA;
    }
}

/* A failure of SQLite on the copy: a diagnostic when it is the file's
 * fault, then the status. */
static fs_status sqlite_failure(fs_sqlite_sub *s, int rc, fs_diags *d)
{
    fs_status st = status_from_sqlite(rc, s->mem_mark);
    if (st != FS_ERR_DATA)
        return st;
    const char *msg = (rc & 0xFF) == SQLITE_NOMEM ? DETAIL_IMPOSSIBLE_SIZE
                      : s->db                     ? sqlite3_errmsg(s->db)
                                                  : sqlite3_errstr(rc);
    if ((rc & 0xFF) == SQLITE_TOOBIG)
        fs_diag_add(d, R_SQLITE_DAMAGED, FILE_LOC(s->display), NULL, HINT_TOO_BIG,
                    "the database holds a value or row larger than %d bytes", db_limits[0].value);
    else
        add_damaged(d, s->display, msg);
    return FS_ERR_DATA;
}

/* ------------------------------------------------------------------ */
/* Header and copy                                                    */

bool fs_is_sqlite_header(const unsigned char *head, size_t n)
{
    return n >= sizeof HEADER_MAGIC && memcmp(head, HEADER_MAGIC, sizeof HEADER_MAGIC) == 0;
}

/* Check the 100-byte database header.  FS_OK fills *hi; FS_ERR_DATA adds
 * the reason to d. */
static fs_status check_header(const unsigned char *h, size_t n, const char *display,
                              header_info *hi, fs_diags *d)
{
    if (!fs_is_sqlite_header(h, n)) {
        add_damaged(d, display, N_("it does not start with the SQLite header"));
        return FS_ERR_DATA;
    }
    if (n < HEADER_SIZE) {
        add_damaged(d, display, N_("the file ends inside the database header"));
        return FS_ERR_DATA;
    }
    if (h[18] == 2 || h[19] == 2) {
        fs_diag_add(d, R_SQLITE_WAL, FILE_LOC(display), NULL,
                    "close the program that wrote the file, or run PRAGMA journal_mode=DELETE; "
                    "on it (sqlite3 shell), then send the single file again",
                    "the database is in WAL mode, so part of its data may be in a separate "
                    "\"-wal\" file, which is never read (sent or not)");
        return FS_ERR_DATA;
    }
    if (h[18] != 1 || h[19] != 1) {
        add_damaged(d, display, N_("unknown file format version in the header"));
        return FS_ERR_DATA;
    }
    unsigned ps = (unsigned)h[16] << 8 | h[17];
    if (ps == 1)
        ps = 65536;
    if (ps < 512 || ps > 65536 || (ps & (ps - 1)) != 0) {
        add_damaged(d, display, N_("impossible page size in the header"));
        return FS_ERR_DATA;
    }
    if (h[21] != 64 || h[22] != 32 || h[23] != 32 || ps - h[20] < 480) {
        add_damaged(d, display, N_("impossible page layout in the header"));
        return FS_ERR_DATA;
    }
    hi->page_size = ps;
    /* The size in pages is trustworthy only when the "version valid for"
     * number equals the change counter (SQLite's own rule). */
    hi->pages = memcmp(h + 24, h + 92, 4) == 0 ? be32(h + 28) : 0;
    return FS_OK;
}

/* Create the private folder and copy the rest of `in` after the header
 * bytes already read.  On failure the caller's cleanup removes what was
 * made.  *sender_errno is set when reading the sender's file failed. */
static fs_status make_copy(fs_sqlite_sub *s, int in, const unsigned char *head, size_t nhead,
                           uint64_t *total, int *sender_errno)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    static const char pattern[] = "/forumstat-sqlite-XXXXXX";
    size_t tl = strlen(tmp);
    s->dir = malloc(tl + sizeof pattern);
    if (!s->dir)
        return FS_ERR_NOMEM;
    memcpy(s->dir, tmp, tl);
    memcpy(s->dir + tl, pattern, sizeof pattern);
    if (!mkdtemp(s->dir)) {
        int e = errno;
        free(s->dir);
        s->dir = NULL;
        return fs_status_from_errno(e);
    }
    size_t dl = strlen(s->dir);
    s->copy = malloc(dl + 1 + sizeof COPY_NAME);
    if (!s->copy)
        return FS_ERR_NOMEM;
    memcpy(s->copy, s->dir, dl);
    s->copy[dl] = '/';
    memcpy(s->copy + dl + 1, COPY_NAME, sizeof COPY_NAME);

    int out = open(s->copy, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0)
        return fs_status_from_errno(errno);
    unsigned char *buf = malloc(COPY_BUFFER);
    int err = buf ? write_full(out, head, nhead) : ENOMEM;
    *total = nhead;
    while (err == 0) {
        ssize_t r = read_full(in, buf, COPY_BUFFER);
        if (r < 0) {
            *sender_errno = errno;
            err = errno;
            break;
        }
        if (r == 0)
            break;
        err = write_full(out, buf, (size_t)r);
        *total += (uint64_t)r;
    }
    free(buf);
    if (close(out) != 0 && err == 0)
        err = errno;
    return err ? fs_status_from_errno(err) : FS_OK;
}

/* ------------------------------------------------------------------ */
/* Opening the copy with SQLite                                       */

/* Authorizer: reading only.  Functions are refused too: our own SQL calls
 * none (functions inside the file's schema are governed by
 * TRUSTED_SCHEMA=0 and do not reach the authorizer). */
static int authorize(void *unused, int action, const char *a1, const char *a2, const char *a3,
                     const char *a4)
{
    (void)unused;
    (void)a2;
    (void)a3;
    (void)a4;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ: return SQLITE_OK;
    case SQLITE_PRAGMA:
        for (size_t i = 0; i < sizeof allowed_pragmas / sizeof allowed_pragmas[0]; i++)
            if (a1 && sqlite3_stricmp(a1, allowed_pragmas[i]) == 0)
                return SQLITE_OK;
        return SQLITE_DENY;
    default: return SQLITE_DENY;
    }
}

/* Open and lock down the connection on our copy. */
static fs_status open_copy(fs_sqlite_sub *s, fs_diags *d)
{
    if (sqlite3_libversion_number() < 3037000)
        return FS_ERR_DB;
    char *uri = fs_sqlite_immutable_uri(s->copy);
    if (!uri)
        return FS_ERR_NOMEM;
    fs_sqlite_library_init();
    int rc = sqlite3_open_v2(uri, &s->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
    free(uri);
    if (rc != SQLITE_OK)
        return s->db ? sqlite_failure(s, rc, d) : FS_ERR_NOMEM;
    sqlite3_extended_result_codes(s->db, 1);

    for (size_t i = 0; i < sizeof db_switches / sizeof db_switches[0]; i++) {
        int now = -1;
        if (sqlite3_db_config(s->db, db_switches[i].op, db_switches[i].value, &now) != SQLITE_OK ||
            now != db_switches[i].value)
            return FS_ERR_DB; /* this SQLite cannot be made safe enough */
    }
    /* No virtual-table module at all: a virtual table in the file can be
     * seen in the schema but none of its code can run. */
    if (sqlite3_drop_modules(s->db, NULL) != SQLITE_OK)
        return FS_ERR_DB;
    for (size_t i = 0; i < sizeof db_limits / sizeof db_limits[0]; i++)
        sqlite3_limit(s->db, db_limits[i].id, db_limits[i].value);
    rc = sqlite3_exec(s->db, SETUP_SQL, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return sqlite_failure(s, rc, d);
    rc = sqlite3_set_authorizer(s->db, authorize, NULL);
    if (rc != SQLITE_OK)
        return sqlite_failure(s, rc, d);
    return FS_OK;
}

/* PRAGMA quick_check must give exactly one row, "ok". */
static fs_status quick_check(fs_sqlite_sub *s, fs_diags *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_failure(s, rc, d);
    char first[2 * NAME_SHOWN] = "";
    int rows = 0;
    bool ok = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (rows++ == 0) {
            ok = t && strcmp(t, "ok") == 0;
            shown(t ? t : "", first, sizeof first);
        }
    }
    sqlite3_finalize(st);
    /* Damage already reported by the check refuses the file, whatever
     * stopped the check afterwards: SQLite 3.40 can answer a damaged record
     * with SQLITE_NOMEM (an absurd length read from the file), which must
     * not pass for the machine running out of memory. */
    if (rc != SQLITE_DONE && !(rows > 0 && !ok))
        return sqlite_failure(s, rc, d);
    if (rows != 1 || !ok) {
        add_damaged(d, s->display, rows ? first : N_("the integrity check gave no answer"));
        return FS_ERR_DATA;
    }
    return FS_OK;
}

/* One object from the parsed schema. */
typedef struct object {
    char *name;
    char type[16]; /* table, view, virtual, shadow; index, trigger */
    bool without_rowid;
} object;

typedef struct object_list {
    object *items;
    size_t n, cap;
} object_list;

static void objects_free(object_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].name);
    free(l->items);
}

static fs_status objects_push(object_list *l, const char *name, const char *type, bool wr)
{
    if (!fs_grow((void **)&l->items, &l->cap, l->n, sizeof *l->items))
        return FS_ERR_NOMEM;
    object *o = &l->items[l->n];
    o->name = strdup(name);
    if (!o->name)
        return FS_ERR_NOMEM;
    snprintf(o->type, sizeof o->type, "%s", type);
    o->without_rowid = wr;
    l->n++;
    return FS_OK;
}

static int object_cmp(const void *a, const void *b)
{
    return strcmp(((const object *)a)->name, ((const object *)b)->name);
}

/* Collect every object: tables and views as SQLite parsed them (PRAGMA
 * table_list), plus indexes and triggers from sqlite_schema (they matter
 * only when one carries a standard name).  Sorted by name so messages come
 * out in a stable order. */
static fs_status collect_objects(fs_sqlite_sub *s, object_list *l, fs_diags *d)
{
    static const char *const sql[2] = {
        "PRAGMA main.table_list",
        "SELECT type, name FROM main.sqlite_schema",
    };
    for (int q = 0; q < 2; q++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(s->db, sql[q], -1, &st, NULL);
        if (rc != SQLITE_OK)
            return sqlite_failure(s, rc, d);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *name, *type;
            bool wr = false;
            if (q == 0) {
                name = (const char *)sqlite3_column_text(st, 1);
                type = (const char *)sqlite3_column_text(st, 2);
                wr = sqlite3_column_int(st, 4) != 0;
            } else {
                type = (const char *)sqlite3_column_text(st, 0);
                name = (const char *)sqlite3_column_text(st, 1);
                if (type && (strcmp(type, "table") == 0 || strcmp(type, "view") == 0))
                    continue; /* already known, as parsed */
            }
            if (!name || !type || has_prefix_nocase(name, "sqlite_"))
                continue;
            fs_status fst = objects_push(l, name, type, wr);
            if (fst != FS_OK) {
                sqlite3_finalize(st);
                return fst;
            }
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return sqlite_failure(s, rc, d);
    }
    if (l->n > 1)
        qsort(l->items, l->n, sizeof *l->items, object_cmp);
    return FS_OK;
}

/* True when `name` looks like a shadow table of one of the virtual tables
 * in l ("notes_content" for "notes"): those are not reported. */
static bool is_shadow_name(const object_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++) {
        const object *o = &l->items[i];
        size_t k = strlen(o->name);
        if (strcmp(o->type, "virtual") == 0 && strlen(name) > k + 1 &&
            sqlite3_strnicmp(name, o->name, (int)k) == 0 && name[k] == '_')
            return true;
    }
    return false;
}

/* What an object with a standard name is, for the refusal message. */
static const char *kind_phrase(const char *type)
{
    if (strcmp(type, "view") == 0)
        return _("a view");
    if (strcmp(type, "virtual") == 0)
        return _("a virtual table (CREATE VIRTUAL TABLE)");
    if (strcmp(type, "index") == 0)
        return _("an index");
    if (strcmp(type, "trigger") == 0)
        return _("a trigger");
    return _("not an ordinary table");
}

/* The standard table an object's name names: its English name (any letter
 * case) or its Chinese one, the template's sheet name (刑事案件), which a
 * county's system copying the template uses; -1 for neither. */
static int standard_table(const char *name, bool *english)
{
    int t = fs_table_by_name(name, strlen(name));
    *english = t >= 0;
    for (int k = 0; t < 0 && k < FS_T_COUNT; k++)
        if (strcmp(name, fs_tables[k].name_zh) == 0)
            t = k;
    return t;
}

/* Decide which standard tables are present; refuse names that are views,
 * virtual tables or other objects; warn about unknown tables. */
static fs_status classify_objects(fs_sqlite_sub *s, fs_diags *d)
{
    object_list l = {0};
    fs_status st = collect_objects(s, &l, d);
    if (st != FS_OK) {
        objects_free(&l);
        return st;
    }
    bool present[FS_T_COUNT] = {false}, english[FS_T_COUNT] = {false};
    const object *table_of[FS_T_COUNT] = {NULL};
    for (size_t i = 0; i < l.n; i++) {
        bool en;
        int t = standard_table(l.items[i].name, &en);
        /* one table per standard table: the English name before the
         * Chinese one, else the first (the other: a warning below) */
        if (t >= 0 && strcmp(l.items[i].type, "table") == 0 &&
            (!present[t] || (en && !english[t]))) {
            present[t] = true;
            english[t] = en;
            table_of[t] = &l.items[i];
        }
    }
    bool refused = false;
    for (size_t i = 0; i < l.n; i++) {
        const object *o = &l.items[i];
        bool en;
        int t = standard_table(o->name, &en);
        char nb[2 * NAME_SHOWN], nb2[2 * NAME_SHOWN];
        if (t >= 0 && present[t] && strcmp(o->name, table_of[t]->name) != 0) {
            fs_diag_add(d, R_SQLITE_UNKNOWN_TABLE, FILE_LOC(s->display), NULL,
                        "keep the records of a table in one table of the file",
                        "\"%s\" names the same standard table as the table \"%s\", which is "
                        "the one read; \"%s\" is ignored",
                        shown(o->name, nb, sizeof nb), shown(table_of[t]->name, nb2, sizeof nb2),
                        shown(o->name, nb, sizeof nb));
            continue;
        }
        if (t >= 0) {
            if (present[t])
                continue; /* the table itself, or e.g. a trigger of the same name */
            fs_diag_add(d, R_SQLITE_NOT_TABLE, FILE_LOC(s->display), NULL,
                        "put the records in an ordinary table of that name (CREATE TABLE, then "
                        "INSERT INTO ... SELECT ...), remove the other object and send the file "
                        "again",
                        "\"%s\" is %s, not an ordinary table; the file is not read",
                        shown(o->name, nb, sizeof nb), kind_phrase(o->type));
            refused = true;
            continue;
        }
        const char *what = NULL;
        if (strcmp(o->type, "table") == 0 && !is_shadow_name(&l, o->name))
            what = _("table");
        else if (strcmp(o->type, "virtual") == 0)
            what = _("virtual table");
        else if (strcmp(o->type, "view") == 0)
            what = _("view");
        if (what) {
            fs_diag_add(d, R_SQLITE_UNKNOWN_TABLE, FILE_LOC(s->display), NULL,
                        "only indicators, incidents, disputes and cooperation (or 年度指标, "
                        "刑事案件, 矛盾纠纷, 协作活动) are read; rename the table if it holds one "
                        "of them",
                        "the %s \"%s\" is not a standard table and is ignored", what,
                        shown(o->name, nb, sizeof nb));
        }
    }
    if (!refused) {
        for (int t = 0; t < FS_T_COUNT; t++) {
            if (!present[t])
                continue;
            present_table *p = &s->tables[s->ntables];
            p->id = (fs_table)t;
            p->without_rowid = table_of[t]->without_rowid;
            p->name = strdup(table_of[t]->name);
            if (!p->name) {
                objects_free(&l);
                return FS_ERR_NOMEM;
            }
            s->ntables++;
        }
        if (s->ntables == 0)
            fs_diag_add(d, R_SQLITE_NO_TABLES, FILE_LOC(s->display), NULL,
                        "name the tables indicators, incidents, disputes and cooperation (any "
                        "letter case) or 年度指标, 刑事案件, 矛盾纠纷, 协作活动, and send the "
                        "file again",
                        "the database holds none of the standard tables indicators, "
                        "incidents, disputes, cooperation");
    }
    objects_free(&l);
    return refused ? FS_ERR_DATA : FS_OK;
}

/* Remove everything in our private folder, then the folder. */
static void remove_private_dir(const char *dir)
{
    DIR *dh = opendir(dir);
    if (dh) {
        int dfd = dirfd(dh);
        struct dirent *e;
        while ((e = readdir(dh)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            unlinkat(dfd, e->d_name, 0);
        }
        closedir(dh);
    }
    rmdir(dir);
}

/* Close the copy's connection, delete the copy and the private folder,
 * free s.  NULL is fine.  Sources should be freed first; if one is not,
 * the connection stays alive (as a zombie) until that source is freed. */
void fs_sqlite_sub_free(fs_sqlite_sub *s)
{
    if (!s)
        return;
    /* close_v2: should a source outlive us by mistake, the connection
     * lingers until its statement is finalized instead of failing. */
    if (s->db)
        sqlite3_close_v2(s->db);
    if (s->dir)
        remove_private_dir(s->dir);
    for (size_t i = 0; i < s->ntables; i++)
        free(s->tables[i].name);
    free(s->copy);
    free(s->dir);
    free(s);
}

/* The sender's file could not be opened or read (an environment failure,
 * but the clerk-facing list should still say which file). */
static fs_status unreadable(fs_diags *d, const char *display, bool opening, int err)
{
    if (opening)
        fs_diag_add(d, R_FILE_UNREADABLE, FILE_LOC(display), NULL, NULL,
                    "the file cannot be opened: %s", strerror(err));
    else
        fs_diag_add(d, R_FILE_UNREADABLE, FILE_LOC(display), NULL, NULL,
                    "the file cannot be read: %s", strerror(err));
    return fs_status_from_errno(err);
}

/*
 * See sqlite_source.h.  `display` (NULL = path) is borrowed: it must stay
 * valid until the sub and every source made from it are freed.  *out is
 * NULL unless FS_OK.  Whatever happens, nothing is written next to `path`
 * and, on failure, nothing is left in TMPDIR.  Environment failures on the
 * sender's file (cannot open or read it) add a file.unreadable diagnostic;
 * failures of our own temporary folder add none (the status says it).
 */
fs_status fs_sqlite_sub_open(const char *path, const char *display, fs_sqlite_sub **out,
                             fs_diags *d)
{
    *out = NULL;
    if (!display)
        display = path;
    /* O_NONBLOCK: a FIFO or device given by mistake must not hang us. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return unreadable(d, display, true, errno);
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        fs_diag_add(d, R_FILE_UNREADABLE, FILE_LOC(display), NULL, NULL,
                    "this is not a regular file");
        return FS_ERR_DATA;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);

    unsigned char head[HEADER_SIZE];
    ssize_t nh = read_full(fd, head, sizeof head);
    if (nh < 0) {
        int e = errno;
        close(fd);
        return unreadable(d, display, false, e);
    }
    header_info hi;
    fs_status st = check_header(head, (size_t)nh, display, &hi, d);
    if (st != FS_OK) {
        close(fd);
        return st;
    }

    fs_sqlite_sub *s = calloc(1, sizeof *s);
    if (!s) {
        close(fd);
        return FS_ERR_NOMEM;
    }
    s->display = display;
    s->mem_mark = mem_failures_now();
    uint64_t total = 0;
    int sender_errno = 0;
    st = make_copy(s, fd, head, (size_t)nh, &total, &sender_errno);
    close(fd);
    if (st != FS_OK) {
        if (sender_errno)
            st = unreadable(d, display, false, sender_errno);
        fs_sqlite_sub_free(s);
        return st;
    }
    uint64_t need = hi.pages ? (uint64_t)hi.pages * hi.page_size : hi.page_size;
    if (total < need) {
        fs_diag_add(d, R_SQLITE_DAMAGED, FILE_LOC(display), NULL,
                    "the file was cut off while being copied or sent; send the complete file "
                    "again",
                    "the file is shorter than the database it holds (%llu bytes, %llu needed)",
                    (unsigned long long)total, (unsigned long long)need);
        fs_sqlite_sub_free(s);
        return FS_ERR_DATA;
    }

    st = open_copy(s, d);
    if (st == FS_OK) {
        /* SQLite holds the copy open now: its name and the folder go at
         * once, so even a crash or SIGKILL from here on leaves nothing in
         * TMPDIR.  The bytes stay readable through the open descriptor. */
        remove_private_dir(s->dir);
        free(s->dir);
        free(s->copy);
        s->dir = s->copy = NULL;
        st = quick_check(s, d);
    }
    if (st == FS_OK)
        st = classify_objects(s, d);
    if (st != FS_OK) {
        fs_sqlite_sub_free(s);
        return st;
    }
    *out = s;
    return FS_OK;
}

size_t fs_sqlite_sub_ntables(const fs_sqlite_sub *s)
{
    return s->ntables;
}

/* -1 when i is out of range. */
int fs_sqlite_sub_table_id(const fs_sqlite_sub *s, size_t i)
{
    return i < s->ntables ? (int)s->tables[i].id : -1;
}

/* ------------------------------------------------------------------ */
/* Row source over one table                                          */

typedef struct sq_source {
    fs_source base;
    sqlite3_stmt *st;
    int first;     /* column index of the first table column (0 or 1) */
    int ncol;      /* table columns                                   */
    bool numbered; /* no rowid to show: line = 1, 2, 3 ...            */
    bool header_done;
    bool done;
    fs_status failed; /* != FS_OK: the status every later call returns   */
    long line;        /* line of the last row handed out (0 = none)      */
    bool any_row;
    unsigned long mem_mark; /* the submission's (see nomem_from_file)    */
    fs_field *fields;
} sq_source;

static long clamp_line(sqlite3_int64 v)
{
#if LONG_MAX < INT64_MAX
    if (v > LONG_MAX)
        return LONG_MAX;
    if (v < LONG_MIN)
        return LONG_MIN;
#endif
    return (long)v;
}

/* fs_source_next for a table.  A read error is reported once (table
 * location, "after rowid N"); every later call returns the same status. */
static fs_status sq_next(fs_source *src, fs_row *row, bool *eof, fs_diags *d)
{
    sq_source *q = (sq_source *)src;
    *eof = false;
    if (q->failed != FS_OK)
        return q->failed;
    if (q->done) {
        *eof = true;
        return FS_OK;
    }
    if (!q->header_done) {
        for (int c = 0; c < q->ncol; c++) {
            const char *name = sqlite3_column_name(q->st, q->first + c);
            if (!name)
                return q->failed = FS_ERR_NOMEM;
            q->fields[c] = (fs_field){.type = FS_V_TEXT, .s = name, .len = strlen(name)};
        }
        q->header_done = true;
        *row = (fs_row){.fields = q->fields, .nfields = (size_t)q->ncol, .line = 0};
        return FS_OK;
    }
    int rc = sqlite3_step(q->st);
    if (rc == SQLITE_DONE) {
        q->done = true;
        *eof = true;
        return FS_OK;
    }
    if (rc != SQLITE_ROW) {
        fs_status st = status_from_sqlite(rc, q->mem_mark);
        if (st == FS_ERR_DATA) {
            sqlite3 *db = sqlite3_db_handle(q->st);
            char detail[2 * NAME_SHOWN], after[48] = "";
            if (q->any_row && q->numbered)
                snprintf(after, sizeof after, _(" after row %ld"), q->line);
            else if (q->any_row)
                snprintf(after, sizeof after, _(" after rowid %ld"), q->line);
            /* The table, no row: the failing record cannot be named. */
            fs_loc loc = {.kind = FS_LOC_ROWID, .file = q->base.file, .table = q->base.table};
            if ((rc & 0xFF) == SQLITE_TOOBIG)
                fs_diag_add(d, R_SQLITE_DAMAGED, &loc, NULL, HINT_TOO_BIG,
                            "table %s%s holds a value larger than %d bytes", q->base.table, after,
                            db_limits[0].value);
            else
                fs_diag_add(
                    d, R_SQLITE_DAMAGED, &loc, NULL, HINT_EXPORT,
                    "table %s cannot be read%s: the file is damaged (%s)", q->base.table, after,
                    (rc & 0xFF) == SQLITE_NOMEM ? _(DETAIL_IMPOSSIBLE_SIZE)
                                                : shown(sqlite3_errmsg(db), detail, sizeof detail));
        }
        return q->failed = st;
    }
    for (int c = 0; c < q->ncol; c++) {
        int k = q->first + c;
        fs_field *f = &q->fields[c];
        *f = (fs_field){.type = FS_V_NULL, .s = "", .len = 0};
        switch (sqlite3_column_type(q->st, k)) {
        case SQLITE_INTEGER:
            f->type = FS_V_INT;
            f->i = sqlite3_column_int64(q->st, k);
            break;
        case SQLITE_FLOAT:
            f->type = FS_V_REAL;
            f->r = sqlite3_column_double(q->st, k);
            break;
        case SQLITE_TEXT: {
            /* text first, then bytes: the documented order. */
            const unsigned char *t = sqlite3_column_text(q->st, k);
            if (!t)
                return q->failed = FS_ERR_NOMEM;
            f->type = FS_V_TEXT;
            f->s = (const char *)t;
            f->len = (size_t)sqlite3_column_bytes(q->st, k);
            break;
        }
        case SQLITE_BLOB: {
            const void *b = sqlite3_column_blob(q->st, k);
            int nb = sqlite3_column_bytes(q->st, k);
            if (!b && nb > 0)
                return q->failed = FS_ERR_NOMEM;
            f->type = FS_V_BLOB;
            f->s = b ? (const char *)b : "";
            f->len = (size_t)nb;
            break;
        }
        default: break;
        }
    }
    q->line = q->numbered ? q->line + 1 : clamp_line(sqlite3_column_int64(q->st, 0));
    q->any_row = true;
    *row = (fs_row){.fields = q->fields, .nfields = (size_t)q->ncol, .line = q->line};
    return FS_OK;
}

static void sq_free(fs_source *src)
{
    sq_source *q = (sq_source *)src;
    sqlite3_finalize(q->st);
    free(q->fields);
    free(q);
}

static const fs_source_ops sq_ops = {sq_next, sq_free};

/* Prepare sql (from sqlite3_mprintf; freed here) into *st. */
static fs_status prepare(fs_sqlite_sub *s, char *sql, sqlite3_stmt **st, fs_diags *d)
{
    if (!sql)
        return FS_ERR_NOMEM;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    sqlite3_free(sql);
    return rc == SQLITE_OK ? FS_OK : sqlite_failure(s, rc, d);
}

/* Which rowid alias can name the rowid of this table: the first of rowid,
 * _rowid_, oid that is not also a declared column.  NULL (rows are then
 * numbered) when all three are taken, or when the table is so wide that one
 * more result column would pass SQLITE_LIMIT_COLUMN.  Names from
 * `SELECT *`. */
static fs_status pick_rowid_alias(fs_sqlite_sub *s, const char *table, const char **alias,
                                  fs_diags *d)
{
    static const char *const aliases[] = {"rowid", "_rowid_", "oid"};
    sqlite3_stmt *st = NULL;
    fs_status rs = prepare(s, sqlite3_mprintf("SELECT * FROM main.\"%w\"", table), &st, d);
    if (rs != FS_OK)
        return rs;
    *alias = NULL;
    int n = sqlite3_column_count(st);
    bool room = n < sqlite3_limit(s->db, SQLITE_LIMIT_COLUMN, -1);
    for (size_t a = 0; a < 3 && room && !*alias; a++) {
        bool taken = false;
        for (int c = 0; c < n && !taken; c++) {
            const char *name = sqlite3_column_name(st, c);
            if (!name) {
                sqlite3_finalize(st);
                return FS_ERR_NOMEM;
            }
            taken = sqlite3_stricmp(name, aliases[a]) == 0;
        }
        if (!taken)
            *alias = aliases[a];
    }
    sqlite3_finalize(st);
    return FS_OK;
}

/* The primary-key index of a WITHOUT ROWID table (its own b-tree).  *name
 * is NULL when none is found; otherwise free it with sqlite3_free. */
static fs_status pk_index(fs_sqlite_sub *s, const char *table, char **name, fs_diags *d)
{
    sqlite3_stmt *st = NULL;
    *name = NULL;
    fs_status rs = prepare(s, sqlite3_mprintf("PRAGMA main.index_list(%Q)", table), &st, d);
    if (rs != FS_OK)
        return rs;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *origin = (const char *)sqlite3_column_text(st, 3);
        const char *idx = (const char *)sqlite3_column_text(st, 1);
        if (origin && idx && strcmp(origin, "pk") == 0) {
            *name = sqlite3_mprintf("%s", idx);
            if (!*name)
                rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sqlite_failure(s, rc, d);
    return FS_OK;
}

/*
 * See sqlite_source.h.  The source borrows s's connection and display
 * name.  Row 0 is the header (line 0); then rowid order with line = rowid,
 * or primary-key order with line = 1, 2, 3 ... for WITHOUT ROWID tables
 * (and tables whose rowid cannot be named).  Field views are valid until
 * the next call.  FS_ERR_USAGE when i is out of range; FS_ERR_DATA (with a
 * diagnostic) when SQLite cannot even prepare the read.
 */
fs_status fs_sqlite_sub_table(fs_sqlite_sub *s, size_t i, fs_source **out, fs_diags *d)
{
    *out = NULL;
    if (i >= s->ntables)
        return FS_ERR_USAGE;
    const present_table *t = &s->tables[i];
    char *sql = NULL;
    bool numbered = true;
    if (t->without_rowid) {
        char *idx = NULL;
        fs_status rs = pk_index(s, t->name, &idx, d);
        if (rs != FS_OK)
            return rs;
        /* INDEXED BY the primary key: primary-key order, whatever other
         * (covering) index exists. */
        sql = idx ? sqlite3_mprintf("SELECT * FROM main.\"%w\" INDEXED BY \"%w\"", t->name, idx)
                  : sqlite3_mprintf("SELECT * FROM main.\"%w\"", t->name);
        sqlite3_free(idx);
    } else {
        const char *alias = NULL;
        fs_status rs = pick_rowid_alias(s, t->name, &alias, d);
        if (rs != FS_OK)
            return rs;
        if (alias) {
            sql = sqlite3_mprintf("SELECT %s, * FROM main.\"%w\" NOT INDEXED ORDER BY %s", alias,
                                  t->name, alias);
            numbered = false;
        } else {
            /* A table scan without an index is rowid order. */
            sql = sqlite3_mprintf("SELECT * FROM main.\"%w\" NOT INDEXED", t->name);
        }
    }
    sq_source *q = calloc(1, sizeof *q);
    if (!q) {
        sqlite3_free(sql);
        return FS_ERR_NOMEM;
    }
    fs_status st = prepare(s, sql, &q->st, d);
    if (st != FS_OK) {
        free(q);
        return st;
    }
    q->numbered = numbered;
    q->mem_mark = s->mem_mark;
    q->first = numbered ? 0 : 1;
    q->ncol = sqlite3_column_count(q->st) - q->first;
    q->fields = calloc(q->ncol > 0 ? (size_t)q->ncol : 1, sizeof *q->fields);
    if (!q->fields || q->ncol < 0) {
        sq_free(&q->base);
        return FS_ERR_NOMEM;
    }
    q->base.ops = &sq_ops;
    q->base.loc_kind = FS_LOC_ROWID;
    q->base.file = s->display;
    /* where a query on the file finds the row: the standard spelling of an
     * English name (SQLite ignores its letter case), else the file's own
     * name (刑事案件) */
    q->base.table =
        sqlite3_stricmp(t->name, fs_tables[t->id].name) == 0 ? fs_tables[t->id].name : t->name;
    *out = &q->base;
    return FS_OK;
}
