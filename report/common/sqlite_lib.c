/*
 * sqlite_lib.c — the process-wide SQLite setup (see sqlite_lib.h).
 */
#include "sqlite_lib.h"

#include <pthread.h>
#include <sqlite3.h>

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
