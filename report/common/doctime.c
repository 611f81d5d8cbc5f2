/*
 * doctime.c — SOURCE_DATE_EPOCH, read once (see doctime.h).
 */
#include "doctime.h"

#include <stdint.h>
#include <stdlib.h>

bool fs_parse_epoch(const char *s, time_t *t)
{
    if (!s || !*s)
        return false;
    /* Up to 9999-12-31T23:59:59Z: every date written has four digits. */
    const int64_t max = INT64_C(253402300799);
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
        if (v > max)
            return false;
    }
    *t = (time_t)v;
    return true;
}

bool fs_source_date_epoch(time_t *t)
{
    return fs_parse_epoch(getenv("SOURCE_DATE_EPOCH"), t);
}

time_t fs_xlsx_created(time_t t)
{
    return t > 0 ? t : 1;
}

bool fs_doc_tm(time_t t, int offset_min, struct tm *tm)
{
    time_t local = t + (time_t)offset_min * 60;
    return gmtime_r(&local, tm) != NULL;
}
