/*
 * alloc_hooks.c — allocation failures on demand, for the fault-injection
 * build only (make fault → build-san/fault/forumstat; never in a release).
 *
 * The sanitizer build's objects are linked again with
 *     -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=aligned_alloc
 * so every malloc, calloc, realloc, strdup and aligned_alloc of forumstat's own code
 * (report/, charts/, and libcsv's buffer growth, which goes through our
 * capped realloc) comes here first, and SQLite's allocator is replaced at
 * start-up (SQLITE_CONFIG_MALLOC) by the default one wrapped the same way.
 * One counter numbers every allocation of both.  Libraries' own internal
 * allocations (glibc, iconv, cairo, libxlsxwriter ...) are not counted:
 * their behaviour under OOM is theirs, ours is what is tested.
 *
 * Environment:
 *   FS_FAIL_ALLOC=N          the N-th allocation (1-based) fails; 0 or unset:
 *                            none does
 *   FS_FAIL_ALLOC_MODE=once  only that one fails (default: a transient
 *                            failure, the program must cope and go on or
 *                            stop cleanly)
 *   FS_FAIL_ALLOC_MODE=after that one and every later one fail (memory is
 *                            gone for good)
 *   FS_ALLOC_COUNT_FILE=P    at exit, write the number of allocations made
 *                            and the number failed to P ("COUNT FAILED\n")
 *   FS_FAIL_ALLOC_TRACE=1    print the stack of the (first) failed allocation
 *                            to stderr, to find the code that then misbehaves
 *   FS_ALLOC_SITES_FILE=P    at exit, write one line per allocation made, in
 *                            order: a hash of its call stack (the frames in
 *                            forumstat's own code and the first
 *                            FS_ALLOC_SITE_DEPTH, default 2, library frames
 *                            under them; see stack_hash), the same in every
 *                            run of the binary, so tests/fault/oom.sh can
 *                            fail each distinct path once instead of every
 *                            allocation of a loop
 *   FS_ALLOC_SITE_WHOLE=F,G  library calls whose internal allocations are one
 *                            site for FS_ALLOC_SITES_FILE (see stack_hash)
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

/* From the sanitizer runtime this build always links. */
void __sanitizer_print_stack_trace(void);

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__real_aligned_alloc(size_t align, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
void *__wrap_aligned_alloc(size_t align, size_t n);

static unsigned long fail_at; /* 0: never */
static int fail_after;        /* every allocation from fail_at on fails */
static unsigned long count;   /* allocations so far (atomic) */
static unsigned long failed;  /* allocations refused (atomic) */
static const char *count_file;
static int trace;
static const char *sites_file;
/* Stack hash of allocation k at sites[k - 1]; MAX_SITES at most. */
#define MAX_SITES ((unsigned long)1 << 22)
static uint64_t *sites;
extern const char __executable_start[], etext[];

/* A hash of the call stack: up to 12 frames in forumstat's own code
 * (innermost first, as offsets into the binary) and, after the first of
 * them, the first site_depth frames in a library (offsets into it: which
 * of SQLite's allocations under one of our calls).  The same in every run
 * of the binary; the hooks' own frames are the same for every allocation
 * of a kind.
 *
 * Library calls named in FS_ALLOC_SITE_WHOLE (comma-separated exported
 * names, e.g. sqlite3_prepare_v2) count as one allocation site whichever of
 * their internal allocations it is: their library frames are left out of
 * the hash when the outermost library frame under our code is in one of
 * them.  For sqlite3_prepare_v2 that is exact: a failed allocation inside it
 * can only make it return SQLITE_NOMEM with no statement and nothing
 * written (the database and the transaction as they were), whichever of its
 * dozens of parser allocations it was, so our code takes one path; SQLite's
 * own tests fail each of them.  (sqlite3_step and sqlite3_exec keep their
 * library frames: a failure inside a step may roll back the statement or
 * the whole transaction depending on where it hits.) */
static int site_depth = 2, site_frames = 12;
static char whole[256]; /* ",name,name," from FS_ALLOC_SITE_WHOLE */

/* Is the library frame at A inside one of the calls named in whole[]? */
static bool in_whole_call(const void *a)
{
    Dl_info di;
    char key[128];
    if (!whole[0] || !dladdr(a, &di) || !di.dli_sname)
        return false;
    snprintf(key, sizeof key, ",%s,", di.dli_sname);
    return strstr(whole, key) != NULL;
}

static uint64_t stack_hash(void)
{
    void *frames[48];
    int n = backtrace(frames, 48), ours = 0, lib = 0, last_lib = -1;
    uint64_t h = 0xcbf29ce484222325u, before_lib = h;
    for (int i = 0; i < n && ours < site_frames; i++) {
        const char *a = frames[i];
        if (a >= __executable_start && a < etext) {
            /* back in our code after library frames: a call named in
             * whole[] takes its library frames out of the hash */
            if (last_lib >= 0 && in_whole_call(frames[last_lib]))
                h = before_lib;
            last_lib = -1;
            h = (h ^ (uint64_t)(a - __executable_start)) * 0x100000001b3u;
            ours++;
        } else if (ours) {
            Dl_info di;
            if (last_lib < 0)
                before_lib = h;
            last_lib = i;
            if (lib < site_depth) {
                lib++;
                if (dladdr(a, &di))
                    h = (h ^ (uint64_t)(a - (const char *)di.dli_fbase) ^ 0x5bd1e995u) *
                        0x100000001b3u;
            }
        }
    }
    return h;
}

static int should_fail(void)
{
    unsigned long k = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    if (sites && k <= MAX_SITES)
        sites[k - 1] = stack_hash();
    int fail = fail_at && (k == fail_at || (fail_after && k > fail_at));
    if (fail && __atomic_add_fetch(&failed, 1, __ATOMIC_RELAXED) == 1 && trace) {
        fprintf(stderr, "alloc_hooks: allocation %lu fails here:\n", k);
        __sanitizer_print_stack_trace();
    }
    return fail;
}

void *__wrap_malloc(size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_calloc(k, n);
}

void *__wrap_aligned_alloc(size_t align, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_aligned_alloc(align, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_strdup(s);
}

/* SQLite's default allocator, wrapped. */
static sqlite3_mem_methods base;

static void *sq_malloc(int n)
{
    return should_fail() ? NULL : base.xMalloc(n);
}

static void *sq_realloc(void *p, int n)
{
    return should_fail() ? NULL : base.xRealloc(p, n);
}

static void write_count(void)
{
    FILE *f = fopen(count_file, "w");
    if (f) {
        fprintf(f, "%lu %lu\n", __atomic_load_n(&count, __ATOMIC_RELAXED),
                __atomic_load_n(&failed, __ATOMIC_RELAXED));
        fclose(f);
    }
}

static void write_sites(void)
{
    FILE *f = fopen(sites_file, "w");
    if (!f)
        return;
    unsigned long n = __atomic_load_n(&count, __ATOMIC_RELAXED);
    for (unsigned long i = 0; i < n && i < MAX_SITES; i++)
        fprintf(f, "%016llx\n", (unsigned long long)sites[i]);
    fclose(f);
}

/* Priority 101: before any other constructor (report/read/sqlite_source.c wraps
 * SQLite's allocator in one too, and must wrap this one). */
__attribute__((constructor(101))) static void alloc_hooks_init(void)
{
    const char *at = getenv("FS_FAIL_ALLOC");
    const char *mode = getenv("FS_FAIL_ALLOC_MODE");
    fail_at = at ? strtoul(at, NULL, 10) : 0;
    fail_after = mode && strcmp(mode, "after") == 0;
    count_file = getenv("FS_ALLOC_COUNT_FILE");
    trace = getenv("FS_FAIL_ALLOC_TRACE") != NULL;
    if (count_file && *count_file)
        atexit(write_count);
    sites_file = getenv("FS_ALLOC_SITES_FILE");
    const char *depth = getenv("FS_ALLOC_SITE_DEPTH");
    if (depth && *depth)
        site_depth = atoi(depth);
    const char *w = getenv("FS_ALLOC_SITE_WHOLE");
    if (w && *w && strlen(w) + 3 < sizeof whole)
        snprintf(whole, sizeof whole, ",%s,", w);
    const char *frames = getenv("FS_ALLOC_SITE_FRAMES");
    if (frames && *frames)
        site_frames = atoi(frames);
    if (sites_file && *sites_file && (sites = __real_calloc(MAX_SITES, sizeof *sites))) {
        void *warm[1];
        backtrace(warm, 1); /* loads the unwinder now, not inside an allocation */
        atexit(write_sites);
    }
    static sqlite3_mem_methods hooked;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base) == SQLITE_OK) {
        hooked = base;
        hooked.xMalloc = sq_malloc;
        hooked.xRealloc = sq_realloc;
        if (sqlite3_config(SQLITE_CONFIG_MALLOC, &hooked) != SQLITE_OK)
            fputs("alloc_hooks: SQLite's allocator cannot be hooked\n", stderr);
    }
}
