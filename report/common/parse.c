/*
 * parse.c — parsers for the value forms of the submission standard (see
 * parse.h and submission-standard.md §2.1, §2.3).
 *
 * Numbers and dates are short: the view is trimmed, full-width forms are
 * folded to ASCII into a small stack buffer (fs_fold_fullwidth) and a hand
 * written scanner walks that buffer.  Anything longer than FOLD_MAX bytes
 * after folding is not a number or date of any accepted form.  Free text for
 * the privacy guards can be long, so those scan code points in place.
 *
 * Nothing here allocates, consults the locale or reads past n; outputs are
 * written only on FS_PARSE_OK.
 *
 * Choices the standard leaves open (tests/unit/test_parse.c pins them):
 *  - a leading '+' is accepted; "+" alone is BAD, "-" alone is 0;
 *  - leading zeros are accepted ("007"), but not in front of a thousands
 *    separator ("0,123" is BAD);
 *  - a fraction needs digits on its right ("2." is BAD) but not on its left:
 *    ".5" and "-.5" are read as 0.5 and -0.5 (one reading only; refusing it
 *    would make a clerk retype a value that was never ambiguous);
 *  - any well-formed mantissa followed by E/e, an optional sign and digits is
 *    FS_PARSE_SCIENTIFIC, whatever its size;
 *  - checks run in the order form, magnitude, fraction: "1e20" is
 *    SCIENTIFIC, "10000000000000000.5" TOO_LARGE;
 *  - in dates the two separators must be the same, the time of day is
 *    checked lexically (a bad time such as "25:00" makes the value BAD) and
 *    checks run in the order form, year range, calendar.
 */
#include "parse.h"

#include <string.h>

#include "text.h"

/* Longest folded number or date we look at (bytes). */
#define FOLD_MAX 64
/* A folded character is at least a third of its source bytes. */
#define FOLD_BUF (3 * FOLD_MAX + 1)

#define MAX_WHOLE_DIGITS 15 /* |whole part| < 10^15 */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* True when s[0..n) is all ASCII (folding would copy it unchanged). */
static bool all_ascii(const char *s, size_t n)
{
    unsigned char any = 0;
    for (size_t i = 0; i < n; i++)
        any |= (unsigned char)s[i];
    return any < 0x80;
}

/* Trims (s, n), then folds it into buf (FOLD_BUF bytes).  Returns EMPTY for
 * nothing, BAD when the folded text would exceed FOLD_MAX bytes, else OK
 * with the folded text in *b (buf, or s itself when it is all ASCII: the
 * common case, which folding leaves as it is) and its length in *m. */
static fs_parse_result fold_view(const char *s, size_t n, char *buf, const char **b, size_t *m)
{
    fs_trim(&s, &n);
    if (n == 0)
        return FS_PARSE_EMPTY;
    if (n > FOLD_BUF - 1)
        return FS_PARSE_BAD;
    if (all_ascii(s, n)) {
        *b = s;
        *m = n;
    } else {
        *b = buf;
        *m = fs_fold_fullwidth(s, n, buf);
    }
    return *m > FOLD_MAX ? FS_PARSE_BAD : FS_PARSE_OK;
}

/* Number of ASCII digits at b[i..m). */
static size_t count_digits(const char *b, size_t i, size_t m)
{
    size_t k = 0;
    while (i + k < m && is_digit(b[i + k]))
        k++;
    return k;
}

/* A number split into its parts by scan_number. */
typedef struct number {
    bool neg;
    uint64_t whole;   /* value of the whole part (< 10^15)         */
    const char *frac; /* fraction digits (not NUL-terminated)       */
    size_t nfrac;
} number;

/* Whole part at b[*i..m): digits, or 1–3 digits (not starting with 0)
 * then groups ",ddd"; possibly empty.  Returns BAD on a malformed grouping.
 * Otherwise moves *i past it, sets *ndigits and *too_large (15 significant
 * digits exceeded) and, when not too large, *value. */
static fs_parse_result scan_whole(const char *b, size_t m, size_t *i, uint64_t *value,
                                  size_t *ndigits, bool *too_large)
{
    size_t p = *i, first = count_digits(b, p, m), sig = 0, total = 0;
    uint64_t v = 0;
    bool grouped = p + first < m && b[p + first] == ',';
    if (grouped && (first == 0 || first > 3 || b[p] == '0'))
        return FS_PARSE_BAD;
    for (;;) {
        size_t k = count_digits(b, p, m);
        for (size_t j = 0; j < k; j++) {
            if (sig == 0 && b[p + j] == '0')
                continue;
            if (++sig <= MAX_WHOLE_DIGITS)
                v = v * 10 + (uint64_t)(b[p + j] - '0');
        }
        total += k;
        p += k;
        if (!grouped || p >= m || b[p] != ',')
            break;
        p++; /* the comma: exactly three digits must follow */
        if (count_digits(b, p, m) != 3)
            return FS_PARSE_BAD;
    }
    *i = p;
    *value = v;
    *ndigits = total;
    *too_large = sig > MAX_WHOLE_DIGITS;
    return FS_PARSE_OK;
}

/* Optional exponent at b[i..m): E or e, optional sign, digits, then the
 * end.  True when that is exactly what remains. */
static bool is_exponent(const char *b, size_t i, size_t m)
{
    if (i >= m || (b[i] != 'E' && b[i] != 'e'))
        return false;
    i++;
    if (i < m && (b[i] == '+' || b[i] == '-'))
        i++;
    size_t k = count_digits(b, i, m);
    return k > 0 && i + k == m;
}

/* The grammar shared by fs_parse_int and fs_parse_cents on folded text
 * b[0..m), m > 0:
 *   "-"  |  [+-] whole [. digits] [exponent]
 * where whole may be empty only when a fraction follows.  With an exponent
 * the result is SCIENTIFIC; a whole part of 10^15 or more is TOO_LARGE;
 * otherwise OK with *out filled in (the fraction is not judged here). */
static fs_parse_result scan_number(const char *b, size_t m, number *out)
{
    size_t i = 0, nwhole, nfrac = 0;
    bool neg = false, too_large;
    uint64_t whole;
    if (b[0] == '+' || b[0] == '-') {
        neg = b[0] == '-';
        i++;
        if (i == m && !neg)
            return FS_PARSE_BAD;
    }
    if (i == m) { /* "-": Excel's accounting zero */
        *out = (number){.neg = false, .whole = 0, .frac = b, .nfrac = 0};
        return FS_PARSE_OK;
    }
    if (scan_whole(b, m, &i, &whole, &nwhole, &too_large) != FS_PARSE_OK)
        return FS_PARSE_BAD;
    const char *frac = b + i;
    if (i < m && b[i] == '.') {
        frac++;
        nfrac = count_digits(b, i + 1, m);
        if (nfrac == 0)
            return FS_PARSE_BAD; /* "2.", "." */
        i += 1 + nfrac;
    }
    if (nwhole == 0 && nfrac == 0)
        return FS_PARSE_BAD;
    if (i < m)
        return is_exponent(b, i, m) ? FS_PARSE_SCIENTIFIC : FS_PARSE_BAD;
    if (too_large)
        return FS_PARSE_TOO_LARGE;
    *out = (number){.neg = neg, .whole = whole, .frac = frac, .nfrac = nfrac};
    return FS_PARSE_OK;
}

/* Fold s (fold_view, into the caller's buf when it must be copied) and
 * scan it as a number; num may point into buf, which must outlive it. */
static fs_parse_result fold_number(const char *s, size_t n, char buf[FOLD_BUF], number *num)
{
    const char *b = buf;
    size_t m = 0;
    fs_parse_result r = fold_view(s, n, buf, &b, &m);
    return r == FS_PARSE_OK ? scan_number(b, m, num) : r;
}

/* True when the digits d[from..n) are all '0'. */
static bool zeros_from(const char *d, size_t from, size_t n)
{
    for (size_t j = from; j < n; j++)
        if (d[j] != '0')
            return false;
    return true;
}

/* The common form of a number, decided without folding: 1 to 15 ASCII
 * digits (the value in *whole), then, when `frac` is not NULL, optionally
 * '.' and one or two digits (their value in hundredths in *frac).  Such
 * text means what the general grammar says it means; anything else
 * (spaces, signs, grouping, full-width digits, more decimals) takes the
 * general way. */
static bool plain_number(const char *s, size_t n, int64_t *whole, int64_t *frac)
{
    size_t i = 0;
    int64_t v = 0, f = 0;
    while (i < n && i < MAX_WHOLE_DIGITS && is_digit(s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i == 0)
        return false;
    if (frac && i + 2 <= n && i + 3 >= n && s[i] == '.' && is_digit(s[i + 1])) {
        f = 10 * (s[i + 1] - '0');
        if (i + 3 == n) {
            if (!is_digit(s[i + 2]))
                return false;
            f += s[i + 2] - '0';
        }
        i = n;
    }
    if (i != n)
        return false;
    *whole = v;
    if (frac)
        *frac = f;
    return true;
}

fs_parse_result fs_parse_int(const char *s, size_t n, int64_t *out)
{
    char buf[FOLD_BUF];
    number num;
    if (plain_number(s, n, out, NULL))
        return FS_PARSE_OK;
    fs_parse_result r = fold_number(s, n, buf, &num);
    if (r != FS_PARSE_OK)
        return r;
    if (!zeros_from(num.frac, 0, num.nfrac))
        return FS_PARSE_NOT_INTEGRAL;
    int64_t v = (int64_t)num.whole;
    *out = num.neg ? -v : v;
    return FS_PARSE_OK;
}

fs_parse_result fs_parse_cents(const char *s, size_t n, int64_t *out)
{
    char buf[FOLD_BUF];
    number num;
    int64_t w, h;
    if (plain_number(s, n, &w, &h)) {
        *out = w * 100 + h;
        return FS_PARSE_OK;
    }
    fs_parse_result r = fold_number(s, n, buf, &num);
    if (r != FS_PARSE_OK)
        return r;
    if (!zeros_from(num.frac, 2, num.nfrac))
        return FS_PARSE_DECIMALS;
    int64_t hundredths = 0;
    if (num.nfrac >= 1)
        hundredths += 10 * (num.frac[0] - '0');
    if (num.nfrac >= 2)
        hundredths += num.frac[1] - '0';
    /* whole < 10^15, so whole * 100 + 99 < 2^63 */
    int64_t v = (int64_t)num.whole * 100 + hundredths;
    *out = num.neg ? -v : v;
    return FS_PARSE_OK;
}

/* ---- dates ---------------------------------------------------------- */

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int mo)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return mo == 2 && is_leap(y) ? 29 : days[mo - 1];
}

/* Value of the k (≤ 4) ASCII digits at b. */
static int digits_value(const char *b, size_t k)
{
    int v = 0;
    for (size_t j = 0; j < k; j++)
        v = v * 10 + (b[j] - '0');
    return v;
}

/* 1 or 2 digits at b[*i..m) into *v; false when there are none or more. */
static bool scan_1_2(const char *b, size_t m, size_t *i, int *v)
{
    size_t k = count_digits(b, *i, m);
    if (k < 1 || k > 2)
        return false;
    *v = digits_value(b + *i, k);
    *i += k;
    return true;
}

/* The UTF-8 bytes of lit at b[*i..m): consumes them and returns true. */
static bool eat(const char *b, size_t m, size_t *i, const char *lit)
{
    size_t j = 0;
    while (lit[j] != '\0') {
        if (*i + j >= m || b[*i + j] != lit[j])
            return false;
        j++;
    }
    *i += j;
    return true;
}

/* True when b[i..m) is empty or a time of day: ' ' or 'T', then H:MM or
 * H:MM:SS with H 0–23 (one or two digits) and MM, SS 00–59. */
static bool is_time_suffix(const char *b, size_t i, size_t m)
{
    if (i == m)
        return true;
    if (b[i] != ' ' && b[i] != 'T')
        return false;
    i++;
    int h, mi, sec;
    if (!scan_1_2(b, m, &i, &h) || h > 23)
        return false;
    if (!eat(b, m, &i, ":") || count_digits(b, i, m) != 2)
        return false;
    mi = digits_value(b + i, 2);
    i += 2;
    if (mi > 59)
        return false;
    if (i == m)
        return true;
    if (!eat(b, m, &i, ":") || count_digits(b, i, m) != 2)
        return false;
    sec = digits_value(b + i, 2);
    return sec <= 59 && i + 2 == m;
}

/* True when b[0..m) is a bare Excel serial: 1–6 digits, or a decimal with
 * a 1–6 digit whole part ("45432.5"). */
static bool is_serial(const char *b, size_t m)
{
    size_t k = count_digits(b, 0, m);
    if (k < 1 || k > 6)
        return false;
    if (k == m)
        return true;
    size_t f = count_digits(b, k + 1, m);
    return b[k] == '.' && f > 0 && k + 1 + f == m;
}

/* Year, month and day of the forms with a 4-digit year at b[0..4):
 * Y-M-D, Y/M/D, Y.M.D (one separator throughout) and Y年M月D日.  *i is set
 * past the day.  False when the form does not match. */
static bool scan_ymd_separated(const char *b, size_t m, size_t *i, fs_date *d)
{
    size_t p = 4;
    if (p >= m)
        return false;
    if (b[p] == '-' || b[p] == '/' || b[p] == '.') {
        char sep = b[p++];
        if (!scan_1_2(b, m, &p, &d->month) || p >= m || b[p++] != sep ||
            !scan_1_2(b, m, &p, &d->day))
            return false;
    } else {
        if (!eat(b, m, &p, "\xE5\xB9\xB4") || !scan_1_2(b, m, &p, &d->month) || /* 年 */
            !eat(b, m, &p, "\xE6\x9C\x88") || !scan_1_2(b, m, &p, &d->day) ||   /* 月 */
            !eat(b, m, &p, "\xE6\x97\xA5"))                                     /* 日 */
            return false;
    }
    *i = p;
    return true;
}

fs_parse_result fs_parse_date(const char *s, size_t n, fs_date *out)
{
    char fold[FOLD_BUF];
    const char *buf = fold;
    size_t m = 0, i;
    fs_date d;
    /* the common form, YYYY-MM-DD in ASCII, decided without folding */
    if (n == 10 && s[4] == '-' && s[7] == '-' && count_digits(s, 0, 4) == 4 &&
        count_digits(s, 5, 7) == 2 && count_digits(s, 8, 10) == 2) {
        d.year = digits_value(s, 4);
        d.month = digits_value(s + 5, 2);
        d.day = digits_value(s + 8, 2);
        goto judge;
    }
    fs_parse_result r = fold_view(s, n, fold, &buf, &m);
    if (r != FS_PARSE_OK)
        return r;
    if (is_serial(buf, m))
        return FS_PARSE_DATE_SERIAL;
    size_t k = count_digits(buf, 0, m);
    if (k == 8) { /* YYYYMMDD */
        d.year = digits_value(buf, 4);
        d.month = digits_value(buf + 4, 2);
        d.day = digits_value(buf + 6, 2);
        i = 8;
    } else if (k == 4) {
        d.year = digits_value(buf, 4);
        if (!scan_ymd_separated(buf, m, &i, &d))
            return FS_PARSE_BAD;
    } else {
        return FS_PARSE_BAD;
    }
    if (!is_time_suffix(buf, i, m))
        return FS_PARSE_BAD;
judge:
    if (d.year < 2000 || d.year > 2100)
        return FS_PARSE_YEAR_RANGE;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
        return FS_PARSE_DATE_INVALID;
    *out = d;
    return FS_PARSE_OK;
}

/* Howard Hinnant's days_from_civil: exact for any proleptic Gregorian date
 * whose year fits comfortably in a long. */
long fs_date_days(fs_date d)
{
    long y = (long)d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                          /* [0, 399]   */
    long mp = d.month > 2 ? d.month - 3 : d.month + 9; /* March = 0  */
    long doy = (153 * mp + 2) / 5 + d.day - 1;         /* [0, 365]   */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Writes the w lowest decimal digits of v (clamped to [0, 10^w - 1]). */
static void put_digits(char *p, int v, int w)
{
    int max = 1;
    for (int j = 0; j < w; j++)
        max *= 10;
    if (v < 0)
        v = 0;
    if (v >= max)
        v = max - 1;
    for (int j = w - 1; j >= 0; j--) {
        p[j] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* A date outside 0000-00-00..9999-99-99 is clamped field by field, so the
 * buffer can never overflow; valid dates print exactly. */
void fs_date_iso(fs_date d, char buf[11])
{
    if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 &&
        d.day <= 99) { /* nothing to clamp: every valid date */
        buf[0] = (char)('0' + d.year / 1000);
        buf[1] = (char)('0' + d.year / 100 % 10);
        buf[2] = (char)('0' + d.year / 10 % 10);
        buf[3] = (char)('0' + d.year % 10);
        buf[4] = '-';
        buf[5] = (char)('0' + d.month / 10);
        buf[6] = (char)('0' + d.month % 10);
        buf[7] = '-';
        buf[8] = (char)('0' + d.day / 10);
        buf[9] = (char)('0' + d.day % 10);
        buf[10] = '\0';
        return;
    }
    put_digits(buf, d.year, 4);
    buf[4] = '-';
    put_digits(buf + 5, d.month, 2);
    buf[7] = '-';
    put_digits(buf + 8, d.day, 2);
    buf[10] = '\0';
}

/* ---- scanning code points in place ----------------------------------- */

/* The character at s[i..n) folded like fs_fold_fullwidth (full-width
 * U+FF01..U+FF5E to ASCII, U+3000 to a space) into *c; any other non-ASCII
 * code point, and any invalid byte, gives -1.  Returns the bytes used (at
 * least 1). */
static size_t next_folded(const char *s, size_t n, size_t i, int *c)
{
    if ((unsigned char)s[i] < 0x80) { /* most characters scanned: no call */
        *c = (unsigned char)s[i];
        return 1;
    }
    uint32_t cp;
    size_t k = fs_utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
        *c = -1;
        return 1;
    }
    if (cp < 0x80)
        *c = (int)cp;
    else if (cp >= 0xFF01 && cp <= 0xFF5E)
        *c = (int)(cp - 0xFF01 + 0x21);
    else if (cp == 0x3000)
        *c = ' ';
    else
        *c = -1;
    return k;
}

/* Number of consecutive (folded) digits at s[*i..n); moves *i past them. */
static size_t skip_digits(const char *s, size_t n, size_t *i)
{
    size_t count = 0;
    while (*i < n) {
        int c;
        size_t k = next_folded(s, n, *i, &c);
        if (c < '0' || c > '9')
            break;
        *i += k;
        count++;
    }
    return count;
}

bool fs_is_scientific(const char *s, size_t n)
{
    size_t i = 0;
    int c = -1;
    fs_trim(&s, &n);
    if (skip_digits(s, n, &i) == 0 || i >= n)
        return false;
    i += next_folded(s, n, i, &c);
    if (c == '.') {
        if (skip_digits(s, n, &i) == 0 || i >= n)
            return false;
        i += next_folded(s, n, i, &c);
    }
    if (c != 'E' && c != 'e')
        return false;
    if (i >= n)
        return false;
    i += next_folded(s, n, i, &c);
    if (c != '+' && c != '-')
        return false;
    return skip_digits(s, n, &i) > 0 && i == n;
}

/* Resident identity number, contiguous form: a chain of digits that X/x
 * may continue right after a digit (so "…4X5…" is one chain).  A chain of
 * exactly 18 whose first 17 are digits is an identity number; anything
 * longer, or with an X earlier, is something else (a bank card, an order
 * number). */
static bool id18_contiguous(const char *s, size_t n)
{
    size_t i = 0, len = 0;
    bool early_x = false, prev_digit = false;
    while (i <= n) {
        int c = -1;
        if (i < n)
            i += next_folded(s, n, i, &c);
        else
            i++; /* one step past the end closes the last chain */
        if (c >= '0' && c <= '9') {
            if (len == 0)
                early_x = false;
            len++;
            prev_digit = true;
        } else if ((c == 'X' || c == 'x') && prev_digit) {
            if (len < 17)
                early_x = true;
            len++;
            prev_digit = false;
        } else {
            if (len == 18 && !early_x)
                return true;
            len = 0;
            prev_digit = false;
        }
    }
    return false;
}

/* A maximal run of (folded) digits at s[i..n): up to `keep` of them copied
 * to d, the count returned, *end set past the run. */
static size_t digit_run(const char *s, size_t n, size_t i, char *d, size_t keep, size_t *end)
{
    size_t count = 0;
    while (i < n) {
        int c;
        size_t k = next_folded(s, n, i, &c);
        if (c < '0' || c > '9')
            break;
        if (count < keep)
            d[count] = (char)c;
        count++;
        i += k;
    }
    *end = i;
    return count;
}

/* The folded character at s[i..n), or -1 at the end. */
static int folded_at(const char *s, size_t n, size_t i)
{
    int c = -1;
    if (i < n)
        next_folded(s, n, i, &c);
    return c;
}

/* A group separator at s[*i..n): 1 to 3 spaces (also U+3000) and hyphens
 * (ASCII or full-width), at most one of them a hyphen ("-", " ", " - ").
 * Moves *i past it and returns true. */
static bool group_sep(const char *s, size_t n, size_t *i)
{
    size_t j = *i, seen = 0, hyphens = 0;
    while (j < n && seen < 4) {
        int c;
        size_t k = next_folded(s, n, j, &c);
        if (c != ' ' && c != '-')
            break;
        hyphens += c == '-';
        j += k;
        seen++;
    }
    if (seen < 1 || seen > 3 || hyphens > 1)
        return false;
    *i = j;
    return true;
}

/* Two ASCII digits' value. */
static int two(const char *d)
{
    return (d[0] - '0') * 10 + (d[1] - '0');
}

/* The first two digits of a GB/T 2260 division code: a province. */
static bool province_code(const char *d)
{
    static const unsigned char codes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                          35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                          53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    int v = two(d);
    for (size_t k = 0; k < sizeof codes; k++)
        if (codes[k] == v)
            return true;
    return false;
}

/* 18 digits written 6-8-4 (the last group 3 digits and a digit or X),
 * groups joined by one or two spaces or hyphens, starting at run start i
 * (not preceded by a digit). */
static bool id18_grouped(const char *s, size_t n, size_t i)
{
    char d[8];
    size_t end;
    if (digit_run(s, n, i, d, sizeof d, &end) != 6 || !group_sep(s, n, &end))
        return false;
    if (digit_run(s, n, end, d, sizeof d, &end) != 8 || !group_sep(s, n, &end))
        return false;
    size_t k = digit_run(s, n, end, d, sizeof d, &end);
    if (k == 3) {
        int c = folded_at(s, n, end);
        if (c != 'X' && c != 'x')
            return false;
        end += next_folded(s, n, end, &c);
    } else if (k != 4) {
        return false;
    }
    int after = folded_at(s, n, end);
    return !(after >= '0' && after <= '9') && after != 'X' && after != 'x';
}

/* The old 15-digit identity number: a maximal run of exactly 15 digits
 * (no X after it): a division code whose first two digits name a
 * province, a birth date YYMMDD (19YY) that exists, three digits. */
static bool id15(const char *s, size_t n, size_t i)
{
    char d[16];
    size_t end;
    if (digit_run(s, n, i, d, sizeof d, &end) != 15)
        return false;
    int after = folded_at(s, n, end);
    if (after == 'X' || after == 'x')
        return false;
    if (!province_code(d))
        return false;
    int y = 1900 + two(d + 6), mo = two(d + 8), day = two(d + 10);
    return mo >= 1 && mo <= 12 && day >= 1 && day <= days_in_month(y, mo);
}

/* Could s[0..n) hold a number of `at_least` digits written in runs, one
 * of them `run` digits long or longer?  Digits are the folded ones: ASCII,
 * and the full-width U+FF10..U+FF19 (EF BC 90..99; EF is never a
 * continuation byte, so these bytes are exactly the code points the scans
 * below see).  A text that fails cannot hold the pattern: most cells are
 * turned away here, in one pass over their bytes, before the code-point
 * scans.  (Counting every EF byte let Chinese text through on its
 * full-width punctuation, ，：（）, also EF BC xx; without the run test,
 * every identifier like 341321-2025-0000001, 17 digits in runs of 6, 4
 * and 7, was scanned.) */
static bool digits_could_be(const char *s, size_t n, size_t at_least, size_t run)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0, cur = 0, longest = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = u[i];
        if (c - '0' < 10u) {
            cur++;
        } else if (c == 0xEF && i + 2 < n && u[i + 1] == 0xBC && u[i + 2] - 0x90u < 10u) {
            cur++;
            i += 2;
        } else {
            count += cur;
            longest = cur > longest ? cur : longest;
            cur = 0;
        }
    }
    count += cur;
    longest = cur > longest ? cur : longest;
    return count >= at_least && longest >= run;
}

bool fs_has_id_number(const char *s, size_t n)
{
    /* every form has at least 15 digits (the old 15-digit number), and a
     * run of 8 or more (17 contiguous, 6-8-4 grouped, 15) */
    if (!digits_could_be(s, n, 15, 8))
        return false;
    if (id18_contiguous(s, n))
        return true;
    /* the grouped and the old forms start where a digit run starts */
    int prev = -1;
    size_t i = 0;
    while (i < n) {
        int c;
        size_t k = next_folded(s, n, i, &c);
        bool digit = c >= '0' && c <= '9';
        if (digit && !(prev >= '0' && prev <= '9') && (id18_grouped(s, n, i) || id15(s, n, i)))
            return true;
        prev = c;
        i += k;
    }
    return false;
}

/* Mobile number: a maximal run of exactly 11 digits 1[3-9]…, the same
 * after the country code written into the run (86…, 0086…: "+86" gives
 * a run of 13), or runs of 3 (1[3-9]d), 4 and 4 digits each joined to the
 * previous by exactly one space or hyphen. */
bool fs_has_mobile_number(const char *s, size_t n)
{
    /* every form has at least 11 digits (3 + 4 + 4, or a run of 11), in
     * a run of 4 or more */
    if (!digits_could_be(s, n, 11, 4))
        return false;
    size_t i = 0;
    int state = 0; /* 0: nothing; 1: "13x" seen; 2: "13x 1234" seen */
    int gap = 2;   /* chars since the last run: 0, 1 joiner, 2 other */
    while (i < n) {
        int c;
        size_t k = next_folded(s, n, i, &c);
        if (c < '0' || c > '9') {
            gap = (gap == 0 && (c == ' ' || c == '-')) ? 1 : 2;
            i += k;
            continue;
        }
        int d[6] = {-1, -1, -1, -1, -1, -1}; /* the run's first digits */
        for (size_t j = i, m = 0; m < 6 && j < n; m++) {
            j += next_folded(s, n, j, &d[m]);
            if (d[m] < '0' || d[m] > '9')
                break;
        }
        size_t len = skip_digits(s, n, &i);
        bool prefix = d[0] == '1' && d[1] >= '3' && d[1] <= '9';
        if (len == 11 && prefix)
            return true;
        if (len == 13 && d[0] == '8' && d[1] == '6' && d[2] == '1' && d[3] >= '3' && d[3] <= '9')
            return true;
        if (len == 15 && d[0] == '0' && d[1] == '0' && d[2] == '8' && d[3] == '6' && d[4] == '1' &&
            d[5] >= '3' && d[5] <= '9')
            return true;
        if (gap == 1 && state == 2 && len == 4)
            return true;
        if (gap == 1 && state == 1 && len == 4)
            state = 2;
        else
            state = (len == 3 && prefix) ? 1 : 0;
        gap = 0;
    }
    return false;
}

/* ---- header names ----------------------------------------------------- */

/* Bracket pairs that hold a unit at the end of a header name. */
static const char *const unit_brackets[][2] = {
    {"(", ")"},
    {"\xEF\xBC\x88", "\xEF\xBC\x89"}, /* （） */
    {"(", "\xEF\xBC\x89"},
    {"\xEF\xBC\x88", ")"},            /* mixed widths */
    {"\xE3\x80\x90", "\xE3\x80\x91"}, /* 【】 */
    {"[", "]"},
};

#define UNIT_MAX_CHARS 8 /* a unit after '/' is short: 元, yuan, 人, 万元 */

bool fs_header_split(const char *s, size_t n, const char **name, size_t *nlen, const char **unit,
                     size_t *ulen)
{
    fs_trim(&s, &n);
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
        fs_trim(&s, &n);
    }
    *name = s;
    *nlen = n;
    *unit = s + n;
    *ulen = 0;
    /* a unit in brackets at the end */
    for (size_t b = 0; b < sizeof unit_brackets / sizeof unit_brackets[0]; b++) {
        const char *open = unit_brackets[b][0], *close = unit_brackets[b][1];
        size_t lo = strlen(open), lc = strlen(close);
        if (n < lo + lc || memcmp(s + n - lc, close, lc) != 0)
            continue;
        for (size_t i = n - lc; i-- > 0;) {
            if (i + lo <= n - lc && memcmp(s + i, open, lo) == 0) {
                size_t k = i;
                const char *nm = s;
                fs_trim(&nm, &k);
                if (k == 0)
                    break; /* "(元)" alone is a name, not a unit */
                *nlen = k;
                *unit = s + i + lo;
                *ulen = n - lc - i - lo;
                return true;
            }
        }
    }
    /* "/unit" or "／unit" at the end */
    for (size_t i = n; i-- > 0;) {
        size_t ls = 0;
        if (s[i] == '/')
            ls = 1;
        else if (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x8F", 3) == 0)
            ls = 3;
        if (!ls)
            continue;
        const char *u = s + i + ls;
        size_t un = n - i - ls, k = i;
        fs_trim(&u, &un);
        const char *nm = s;
        fs_trim(&nm, &k);
        if (un == 0 || k == 0 || fs_utf8_count(u, un) > UNIT_MAX_CHARS)
            return false;
        *nlen = k;
        *unit = u;
        *ulen = un;
        return true;
    }
    return false;
}

#define NEAR_MAX_CHARS 32

/* Code points of s[0..n) into cp (at most NEAR_MAX_CHARS); -1 when there
 * are more or a byte is invalid. */
static int code_points(const char *s, size_t n, uint32_t *cp)
{
    int m = 0;
    for (size_t i = 0; i < n;) {
        if (m == NEAR_MAX_CHARS)
            return -1;
        size_t k = fs_utf8_decode(s + i, n - i, &cp[m]);
        if (!k)
            return -1;
        i += k;
        m++;
    }
    return m;
}

bool fs_header_near_alias(const char *s, size_t n, const char *alias)
{
    uint32_t a[NEAR_MAX_CHARS], b[NEAR_MAX_CHARS];
    int na = code_points(s, n, a), nb = code_points(alias, strlen(alias), b);
    if (na < 0 || nb < 0 || (na == nb && memcmp(a, b, (size_t)na * sizeof a[0]) == 0))
        return false;
    /* 时间 where the alias has 日期 */
    if (na == nb)
        for (int i = 0; i + 1 < nb; i++)
            if (b[i] == 0x65E5 && b[i + 1] == 0x671F && a[i] == 0x65F6 && a[i + 1] == 0x95F4 &&
                memcmp(a, b, (size_t)i * sizeof a[0]) == 0 &&
                memcmp(a + i + 2, b + i + 2, (size_t)(nb - i - 2) * sizeof a[0]) == 0)
                return true;
    if (nb < 3)
        return false;
    /* one character changed, inserted or deleted */
    int pre = 0;
    while (pre < na && pre < nb && a[pre] == b[pre])
        pre++;
    int suf = 0;
    while (suf < na - pre && suf < nb - pre && a[na - 1 - suf] == b[nb - 1 - suf])
        suf++;
    int da = na - pre - suf, db = nb - pre - suf;
    return da <= 1 && db <= 1;
}
