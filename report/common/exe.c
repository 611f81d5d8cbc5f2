/*
 * exe.c — the running binary's folder (see exe.h).
 */
#include "exe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fs_exe_dir(void)
{
    for (size_t size = 256; size <= ((size_t)1 << 20); size *= 2) {
        char *buf = malloc(size);
        if (!buf)
            return NULL;
        ssize_t n = readlink("/proc/self/exe", buf, size);
        if (n <= 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < size) { /* not cut: readlink fills at most size */
            buf[n] = '\0';
            char *slash = strrchr(buf, '/');
            if (!slash) {
                free(buf);
                return NULL;
            }
            *slash = '\0';
            return buf;
        }
        free(buf);
    }
    return NULL;
}

bool fs_exe_find_dir(fs_sbuf *b, const char *const *dirs, size_t n, const char *file)
{
    errno = 0;
    char *exe = fs_exe_dir();
    bool oom = !exe && errno == ENOMEM, found = false;
    for (size_t i = 0; exe && i < n && !found && !oom; i++) {
        fs_sbuf_clear(b);
        fs_sbuf_addf(b, "%s/%s/%s", exe, dirs[i], file);
        found = !b->failed && access(b->s, R_OK) == 0;
        if (found) {
            fs_sbuf_clear(b);
            fs_sbuf_addf(b, "%s/%s", exe, dirs[i]);
        }
        oom = b->failed; /* tell running out of memory from "not found" */
    }
    free(exe);
    if (oom)
        b->failed = true;
    return found && !oom;
}
