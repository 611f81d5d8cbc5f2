/*
 * text.h — small UTF-8 and string helpers shared by every reader.
 *
 * All strings inside forumstat are UTF-8.  These helpers never allocate
 * unless the name says so, work on (pointer, length) views so fields need
 * not be NUL-terminated, and treat invalid UTF-8 as data to reject, never
 * as something to repair silently.
 */
#ifndef FS_TEXT_H
#define FS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Strict UTF-8 check: no overlong forms, no surrogates, nothing above
 * U+10FFFF.  NUL bytes are valid UTF-8 here; check them separately. */
bool fs_utf8_valid(const char *s, size_t n);

/* Decode one code point at s; returns the bytes used (1–4), or 0 when the
 * sequence is invalid or cut short.  *cp is set only on success. */
size_t fs_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Number of code points in valid UTF-8 text. */
size_t fs_utf8_count(const char *s, size_t n);

/* Narrow the view (*s, *n) past leading and trailing ASCII spaces, tabs,
 * CR/LF, NO-BREAK SPACE (U+00A0) and IDEOGRAPHIC SPACE (U+3000). */
void fs_trim(const char **s, size_t *n);

/* Copy s to out turning full-width forms U+FF01..U+FF5E into their ASCII
 * counterparts ('１'→'1', '，'→',', '．'→'.', '－'→'-') and U+3000 into a
 * space.  out must hold n+1 bytes (the result is never longer); it is
 * NUL-terminated.  Returns the new length. */
size_t fs_fold_fullwidth(const char *s, size_t n, char *out);

/* ASCII-case-insensitive equality of a view and a NUL-terminated string. */
bool fs_eq_nocase(const char *s, size_t n, const char *z);

/* Exact equality of a view and a NUL-terminated string. */
bool fs_eq(const char *s, size_t n, const char *z);

/* Levenshtein distance between two ASCII strings compared case-
 * insensitively, or max+1 when it exceeds max (cheap early exit). */
int fs_edit_distance(const char *a, size_t na, const char *b, size_t nb, int max);

/* Replace every digit of the NUL-terminated text buf[0, n) — ASCII and
 * full-width (U+FF10..U+FF19, which becomes one byte) — by '*', in place,
 * so a personal number in a message cannot be read back.  Returns the new
 * length (never longer). */
size_t fs_mask_digits(char *buf, size_t n);

/* An ordinal in English ("1st", "2nd", "3rd", "11th", "22nd") into buf. */
void fs_ordinal_en(int n, char *buf, size_t size);

/* A number 1..99 in Chinese numerals as in 第二届 ("一", "十二", "二十三");
 * other numbers in digits; into buf. */
void fs_number_zh(int n, char *buf, size_t size);

/* Duplicate a view as a NUL-terminated heap string (NULL on OOM). */
char *fs_strndup(const char *s, size_t n);

#endif
