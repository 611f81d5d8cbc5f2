/*
 * shquote.h — a path or argument written so a POSIX shell reads it back
 * unchanged, for the commands that hints spell out in full
 * ("forumstat revert --db 'my forum.db' 4", standard v2 §5).
 */
#ifndef FS_SHQUOTE_H
#define FS_SHQUOTE_H

#include "sbuf.h"

/* Append s to b, in single quotes when it holds anything but letters,
 * digits, non-ASCII bytes and _ . / - + , : = @ %; a quote inside becomes
 * '\''.  Whole, never cut.  Returns b's text (fs_sbuf_str), so it can
 * stand as a printf argument. */
const char *fs_sbuf_shquote(fs_sbuf *b, const char *s);

#endif
