/*
 * exe.h — where the running binary lives, for the files found beside it
 * (the zone file, the message catalogue and the charts' font subsets of a
 * build tree or of an installation under any prefix).
 */
#ifndef FS_EXE_H
#define FS_EXE_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* The installation's data folder (zone.conf, fonts/), compiled in by the
 * Makefile from PREFIX; the last place looked when nothing is found
 * beside the binary. */
#ifndef FS_DATADIR
#define FS_DATADIR "/usr/local/share/forumstat"
#endif

/* The folder of the running binary (/proc/self/exe without its last
 * component), as a new heap string of any length; NULL when it cannot be
 * read or memory runs out. */
char *fs_exe_dir(void);

/* The first folder BIN/dirs[i] (BIN: the running binary's folder, dirs
 * relative to it) holding a readable `file` (a path relative to the
 * folder), into b (cleared first; without a trailing slash).  False when
 * none does, when the binary's folder cannot be read or when memory runs
 * out (then b->failed is set).  E.g. dirs {"locale", "../share/locale"}:
 * a build tree, then an installation under any prefix. */
bool fs_exe_find_dir(fs_sbuf *b, const char *const *dirs, size_t n, const char *file);

#endif
