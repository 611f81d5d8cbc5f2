/*
 * exe.c — the running binary's folder (see exe.h).
 */
#include "exe.h"

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
