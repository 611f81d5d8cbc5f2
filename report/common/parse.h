/*
 * parse.h — parsers for the value forms of the submission standard.
 *
 * Pure functions: a trimmed view in, a typed value and a result code out.
 * They know nothing about columns or rules; the validator turns a result
 * code into a diagnostic.  Inputs are UTF-8 and may hold full-width digits.
 * These are the functions the fuzzers hit hardest: no allocation, no
 * locale, no reading past n.
 *
 * Common contract: the view is (re)trimmed like fs_trim; *out is written
 * only when the result is FS_PARSE_OK; numbers and dates longer than 64
 * bytes after full-width folding are FS_PARSE_BAD.  Where several results
 * apply, the first of form (BAD, SCIENTIFIC, DATE_SERIAL), magnitude
 * (TOO_LARGE, YEAR_RANGE) and then fraction or calendar (NOT_INTEGRAL,
 * DECIMALS, DATE_INVALID) wins.  parse.c lists the choices made where the
 * standard is silent (".5" is accepted, "0,123" and "2." are not, ...).
 */
#ifndef FS_PARSE_H
#define FS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum fs_parse_result {
    FS_PARSE_OK = 0,
    FS_PARSE_EMPTY,        /* nothing after trimming                      */
    FS_PARSE_BAD,          /* not of the expected form                    */
    FS_PARSE_SCIENTIFIC,   /* 1.23E+11: Excel shortened a number          */
    FS_PARSE_DECIMALS,     /* more than two significant decimals          */
    FS_PARSE_NOT_INTEGRAL, /* 2.5 where a whole number is needed          */
    FS_PARSE_TOO_LARGE,    /* magnitude 10^15 or more                     */
    FS_PARSE_DATE_INVALID, /* right form, not a calendar date (2024-2-30) */
    FS_PARSE_DATE_SERIAL,  /* a bare number such as 45432 (Excel serial)  */
    FS_PARSE_YEAR_RANGE    /* a year outside 2000..2100                   */
} fs_parse_result;

/* Integers: optional sign, digits (ASCII or full-width), thousands
 * separators in groups of three ("1,234"), a fraction of zeros ("2.00"),
 * a lone "-" meaning 0.  |value| < 10^15. */
fs_parse_result fs_parse_int(const char *s, size_t n, int64_t *out);

/* Decimal numbers (money, indicator values) as exact hundredths:
 * "2300.10" -> 230010.  Same forms as integers plus a fraction with at most
 * two significant decimals ("2300.100" fine, "2300.125" not).  The whole
 * part must be below 10^15. */
fs_parse_result fs_parse_cents(const char *s, size_t n, int64_t *out);

/* A calendar date. */
typedef struct fs_date {
    int year, month, day;
} fs_date;

/* Dates: YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD, each
 * optionally followed by a time of day (" 0:00", "T08:30:00") that is
 * ignored.  Years 2000..2100; must exist in the calendar.  1–6 digits, or
 * a decimal with a 1–6 digit whole part ("45432.5"), is DATE_SERIAL; a
 * malformed time of day ("24:00", "08:30:00.000") makes the value BAD. */
fs_parse_result fs_parse_date(const char *s, size_t n, fs_date *out);

/* Days since 1970-01-01 (proleptic Gregorian); for differences. */
long fs_date_days(fs_date d);

/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void fs_date_iso(fs_date d, char buf[11]);

/* True when s looks like Excel's scientific form of a number:
 * digits, optional fraction, 'E' or 'e', a sign, digits ("1.23457E+17"). */
bool fs_is_scientific(const char *s, size_t n);

/* Privacy guard over free text (and identifiers) (full-width digits count as digits):
 * an 18-digit resident identity number (17 digits then a digit or X/x)
 * standing alone (not inside a longer run of digits), or an 11-digit
 * mobile number 1[3-9]xxxxxxxxx alone, also written 3-4-4 with single
 * spaces or hyphens.  Identity numbers are also found written in groups
 * 6-8-4 joined by up to three spaces and at most one hyphen ("341321 19850312 451X"),
 * and in the old 15-digit form: a run of exactly 15 digits whose first
 * two name a province (GB/T 2260) and whose digits 7-12 are a real date
 * YYMMDD of the 1900s.  A label before the number (身份证号) changes
 * nothing.  Returns true when found. */
bool fs_has_id_number(const char *s, size_t n);
bool fs_has_mobile_number(const char *s, size_t n);

/* A header cell split into name and unit (standard §2.1): trimmed, a BOM
 * dropped, then a unit at the end in brackets — () （） 【】 [] — or after
 * a slash ("损失金额/元", at most 8 characters after '/' or '／') is split
 * off.  (*name, *nlen) is the name (trimmed), (*unit, *ulen) the unit.
 * Returns true when a unit was found; a cell that is only a bracket is a
 * name. */
bool fs_header_split(const char *s, size_t n, const char **name, size_t *nlen, const char **unit,
                     size_t *ulen);

/* True when the header name s[0..n) is a near miss of the Chinese alias
 * (standard §2.1, v2): the alias has at least three characters and the
 * name differs by one character inserted, deleted or changed
 * ("抓获人员数", "挽回金额" for 抓获人数, 挽损金额), or the name writes 时间
 * where the alias has 日期 ("破案时间"; then any alias length).  Equal
 * names are no near miss; names over 32 characters never are. */
bool fs_header_near_alias(const char *s, size_t n, const char *alias);

#endif
