/*
 * shquote.c — shell quoting for spelled-out commands (see shquote.h).
 */
#include "shquote.h"

#include <string.h>

static int plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || (c && strchr("_./-+,:=@%", c));
}

/* Whether s needs quotes. */
static int needs_quotes(const char *s)
{
    int quote = !*s;
    for (const char *p = s; *p; p++)
        if (!plain((unsigned char)*p))
            quote = 1;
    return quote;
}

const char *fs_sbuf_shquote(fs_sbuf *b, const char *s)
{
    if (!needs_quotes(s)) {
        fs_sbuf_add(b, s);
        return fs_sbuf_str(b);
    }
    fs_sbuf_add(b, "'");
    for (const char *p = s; *p; p++) {
        size_t n = strcspn(p, "'");
        fs_sbuf_addn(b, p, n);
        p += n;
        if (!*p)
            break;
        fs_sbuf_add(b, "'\\''");
    }
    fs_sbuf_add(b, "'");
    return fs_sbuf_str(b);
}
