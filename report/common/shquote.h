/*
 * shquote.h — a path or argument written so a POSIX shell reads it back
 * unchanged, for the commands that hints spell out in full
 * ("forumstat revert --db 'my forum.db' 4", standard v2 §5).
 */
#ifndef FS_SHQUOTE_H
#define FS_SHQUOTE_H

#include <stddef.h>

#include "sbuf.h"

/* Write s into buf (size > 0), in single quotes when it holds anything
 * but letters, digits, non-ASCII bytes and _ . / - + , : = @ %; a quote
 * inside becomes '\''.  Cut (and still quoted) when buf is too small.
 * Returns buf. */
const char *fs_shquote(const char *s, char *buf, size_t size);

/* Append s to b quoted the same way, whole (never cut); returns b's text
 * (fs_sbuf_str), so it can stand as a printf argument. */
const char *fs_sbuf_shquote(fs_sbuf *b, const char *s);

#endif
