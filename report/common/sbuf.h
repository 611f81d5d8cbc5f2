/*
 * sbuf.h — the growable string of forumstat: messages, paths, lists and
 * documents of any length are built here, never in a fixed array that
 * could cut a long path short.
 *
 * Errors are values: the first failed allocation sets `failed`, every
 * later call does nothing, and fs_sbuf_take() then returns NULL, so a
 * caller builds the whole text and checks once.  A zeroed fs_sbuf
 * (`fs_sbuf b = {0};`) is an empty buffer, like one after fs_sbuf_init().
 */
#ifndef FS_SBUF_H
#define FS_SBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct fs_sbuf {
    char *s;     /* NUL-terminated once anything was added; may be NULL  */
    size_t len;  /* bytes in s, without the NUL                          */
    size_t cap;  /* bytes allocated                                      */
    bool failed; /* an allocation failed: the content is incomplete      */
} fs_sbuf;

/* Make b empty (forgets, does not free, what it held). */
void fs_sbuf_init(fs_sbuf *b);

/* Append s / a formatted text. */
void fs_sbuf_add(fs_sbuf *b, const char *s);
void fs_sbuf_addn(fs_sbuf *b, const char *s, size_t n);
void fs_sbuf_addf(fs_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fs_sbuf_vaddf(fs_sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Replace b's text by a formatted one: how a function that fails sets its
 * one-line message in the caller's `fs_sbuf *err` (the last one set
 * wins).  The arguments must not point into b. */
void fs_sbuf_setf(fs_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Empty b, keeping its memory (and its failed flag cleared). */
void fs_sbuf_clear(fs_sbuf *b);

/* The text so far, never NULL ("" when empty; what was added before a
 * failed allocation); valid until the next call on b. */
const char *fs_sbuf_str(const fs_sbuf *b);

/* The string (owned by the caller; "" when nothing was added) or NULL when
 * an allocation failed.  b is empty afterwards either way. */
char *fs_sbuf_take(fs_sbuf *b);

/* Free what b holds; b is empty afterwards. */
void fs_sbuf_free(fs_sbuf *b);

#endif
