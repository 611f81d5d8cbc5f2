/*
 * sanitizer.c — LeakSanitizer settings of the sanitizer builds (make SAN=1).
 *
 * One definition for the whole program: two in the library would win or
 * lose by link order.  Only leaks inside system libraries' own state
 * are suppressed, each for a reason checked with valgrind; a leak whose
 * stack passes through report/ or charts/ is a bug to fix, never a line
 * here.  Ordinary builds compile this file to nothing.
 *   - libxlsxwriter 1.1.4 copies the formula of a LIST_FORMULA validation
 *     twice and frees one copy (the county templates' drop-downs);
 *   - cairo 1.16's PDF backend keeps ~768 bytes per finished PDF surface
 *     (charts, briefing);
 *   - fontconfig's configuration, loaded by pango's font map on its worker
 *     thread, lives for the whole process.
 * valgrind's counterpart is tests/e2e/t60-libxlsxwriter.supp and
 * tests/lsan.supp for the test runs.
 */
#if defined(__SANITIZE_ADDRESS__)
#define FS_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FS_LSAN 1
#endif
#endif

#ifdef FS_LSAN
/* Weak: a test program with its own needs may define them instead. */
const char *__lsan_default_suppressions(void) __attribute__((weak));
const char *__lsan_default_suppressions(void)
{
    return "leak:lxw_strdup\n"
           "leak:cairo_surface_finish\n"
           "leak:libcairo.so\n"
           "leak:libfontconfig.so\n";
}

const char *__lsan_default_options(void) __attribute__((weak));
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
#else
/* ISO C wants a translation unit to declare something. */
typedef int fs_sanitizer_unused;
#endif
