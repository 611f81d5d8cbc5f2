/*
 * sqlite_lib.c — the process-wide SQLite setup (see sqlite_lib.h).
 */
#include "sqlite_lib.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static void library_init_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

void fs_sqlite_library_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, library_init_once);
}

char *fs_sqlite_immutable_uri(const char *path)
{
    static const char query[] = "?mode=ro&immutable=1";
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *u = malloc(5 + 3 * n + sizeof query);
    if (!u)
        return NULL;
    char *p = u;
    memcpy(p, "file:", 5);
    p += 5;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '/' || c == '.' || c == '_' || c == '~' || c == '-') {
            *p++ = (char)c;
        } else {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    memcpy(p, query, sizeof query);
    return u;
}
