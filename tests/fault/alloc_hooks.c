/*
 * alloc_hooks.c — allocation failures on demand, for the fault-injection
 * build only (make fault → build-san/fault/forumstat; never in a release).
 *
 * The sanitizer build's objects are linked again with
 *     -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
 * so every malloc, calloc, realloc and strdup of forumstat's own code
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
 */
#include <errno.h>
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
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static unsigned long fail_at;   /* 0: never */
static int fail_after;          /* every allocation from fail_at on fails */
static unsigned long count;     /* allocations so far (atomic) */
static unsigned long failed;    /* allocations refused (atomic) */
static const char *count_file;
static int trace;

static int should_fail(void)
{
    unsigned long k = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
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

/* Priority 101: before any other constructor (report/sqlite_source.c wraps
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
    static sqlite3_mem_methods hooked;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base) == SQLITE_OK) {
        hooked = base;
        hooked.xMalloc = sq_malloc;
        hooked.xRealloc = sq_realloc;
        if (sqlite3_config(SQLITE_CONFIG_MALLOC, &hooked) != SQLITE_OK)
            fputs("alloc_hooks: SQLite's allocator cannot be hooked\n", stderr);
    }
}
