/*
 * text.c — UTF-8 and string helpers (see text.h).
 */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t fs_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

bool fs_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* fast path over ASCII */
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = fs_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

size_t fs_utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* Length of a trimmable space at s (0 when none). */
static size_t space_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2; /* U+00A0 */
    if (n >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3; /* U+3000 */
    return 0;
}

/* Length of a trimmable space ending at s+n (0 when none). */
static size_t space_before(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[n - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xA0)
        return 2;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 && c == 0x80)
        return 3;
    return 0;
}

void fs_trim(const char **sp, size_t *np)
{
    const char *s = *sp;
    size_t n = *np, k;
    /* Most fields have nothing to trim: a first byte that cannot start a
     * space (space, tab, CR, LF, C2 A0, E3 80 80) and a last byte that
     * cannot end one. */
    if (n > 0) {
        unsigned char a = (unsigned char)s[0], z = (unsigned char)s[n - 1];
        if (a > ' ' && a != 0xC2 && a != 0xE3 && z > ' ' && z != 0xA0 && z != 0x80)
            return;
    }
    while (n > 0 && (k = space_at(s, n)) > 0) {
        s += k;
        n -= k;
    }
    while (n > 0 && (k = space_before(s, n)) > 0)
        n -= k;
    *sp = s;
    *np = n;
}

size_t fs_fold_fullwidth(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        /* U+FF01..U+FF5E is EF BC 81..EF BD 9E */
        if (c == 0xEF && i + 2 < n) {
            unsigned char b1 = (unsigned char)s[i + 1], b2 = (unsigned char)s[i + 2];
            uint32_t cp = 0;
            if ((b1 == 0xBC || b1 == 0xBD) && (b2 & 0xC0) == 0x80)
                cp = 0xF000u | ((uint32_t)(b1 & 0x3F) << 6) | (b2 & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out[o++] = (char)(cp - 0xFF01 + 0x21);
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x80) {
            out[o++] = ' ';
            i += 3;
            continue;
        }
        out[o++] = (char)c;
        i++;
    }
    out[o] = '\0';
    return o;
}

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

bool fs_eq_nocase(const char *s, size_t n, const char *z)
{
    size_t zn = strlen(z);
    if (zn != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)z[i]))
            return false;
    return true;
}

bool fs_eq(const char *s, size_t n, const char *z)
{
    return strlen(z) == n && memcmp(s, z, n) == 0;
}

int fs_edit_distance(const char *a, size_t na, const char *b, size_t nb, int max)
{
    if (na > 64 || nb > 64)
        return max + 1;
    if ((na > nb ? na - nb : nb - na) > (size_t)max)
        return max + 1;
    int prev[65], cur[65];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = (int)i;
        int rowmin = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            int cost = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]) ? 0 : 1;
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            cur[j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > max)
            return max + 1;
        memcpy(prev, cur, sizeof(int) * (nb + 1));
    }
    return prev[nb] > max ? max + 1 : prev[nb];
}

size_t fs_mask_digits(char *buf, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)buf[i];
        if (c >= '0' && c <= '9') {
            buf[o++] = '*';
            i++;
        } else if (c == 0xEF && i + 2 < n && (unsigned char)buf[i + 1] == 0xBC &&
                   (unsigned char)buf[i + 2] >= 0x90 && (unsigned char)buf[i + 2] <= 0x99) {
            buf[o++] = '*';
            i += 3;
        } else {
            buf[o++] = buf[i++];
        }
    }
    buf[o] = '\0';
    return o;
}

char *fs_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void fs_ordinal_en(int n, char *buf, size_t size)
{
    const char *suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1)
            suffix = "st";
        else if (n % 10 == 2)
            suffix = "nd";
        else if (n % 10 == 3)
            suffix = "rd";
    }
    snprintf(buf, size, "%d%s", n, suffix);
}

void fs_number_zh(int n, char *buf, size_t size)
{
    static const char *const digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 1 || n > 99) {
        snprintf(buf, size, "%d", n);
        return;
    }
    int tens = n / 10, ones = n % 10;
    snprintf(buf, size, "%s%s%s", tens > 1 ? digit[tens] : "", tens ? "十" : "", digit[ones]);
}
