/*
 * csv_out.c — one CSV field writer (see csv_out.h).
 */
#include "csv_out.h"

#include <string.h>

void fs_csv_put(FILE *f, const char *s, unsigned flags)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    bool guard = (flags & FS_CSV_GUARD) &&
                 (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t');
    if (quote)
        fputc('"', f);
    if (guard)
        fputc('\'', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    if (quote)
        fputc('"', f);
    fputs(flags & FS_CSV_LAST ? "\r\n" : ",", f);
}
