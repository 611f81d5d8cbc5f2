/*
 * sbuf.c — the growable string (see sbuf.h).
 */
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fs_sbuf_init(fs_sbuf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

/* Room for `extra` more bytes and the NUL; false (and failed set) when
 * memory runs out or the size would overflow. */
static bool reserve(fs_sbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra < b->cap && b->len + extra + 1 <= b->cap)
        return true;
    if (extra > (size_t)-1 / 2 - b->len - 1) {
        b->failed = true;
        return false;
    }
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

void fs_sbuf_addn(fs_sbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void fs_sbuf_add(fs_sbuf *b, const char *s)
{
    fs_sbuf_addn(b, s, strlen(s));
}

void fs_sbuf_vaddf(fs_sbuf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void fs_sbuf_addf(fs_sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fs_sbuf_vaddf(b, fmt, ap);
    va_end(ap);
}

void fs_sbuf_setf(fs_sbuf *b, const char *fmt, ...)
{
    fs_sbuf_clear(b);
    va_list ap;
    va_start(ap, fmt);
    fs_sbuf_vaddf(b, fmt, ap);
    va_end(ap);
}

void fs_sbuf_clear(fs_sbuf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->s)
        b->s[0] = '\0';
}

const char *fs_sbuf_str(const fs_sbuf *b)
{
    return b->s ? b->s : "";
}

char *fs_sbuf_take(fs_sbuf *b)
{
    if (!reserve(b, 0)) {
        free(b->s);
        fs_sbuf_init(b);
        return NULL;
    }
    char *s = b->s;
    s[b->len] = '\0';
    fs_sbuf_init(b);
    return s;
}

void fs_sbuf_free(fs_sbuf *b)
{
    free(b->s);
    fs_sbuf_init(b);
}
