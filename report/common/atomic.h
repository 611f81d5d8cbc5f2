/*
 * atomic.h — write an output file so that readers see the old file or the
 * complete new one, never half of it.
 *
 * The bytes go to a temporary file in the target's own folder (so rename
 * stays on one filesystem); commit flushes, fsyncs, renames over the final
 * name and fsyncs the folder.  Any failure removes the temporary file and
 * leaves the previous output untouched.  On failure errno is the cause
 * (for the caller's message).
 *
 * The one atomic writer of forumstat: the report's files, the workbook,
 * and the chart library's charts and briefing (charts/file.c) all go
 * through it.  It includes nothing of report/ but status.h, so the chart
 * library may use it without the report stage.
 */
#ifndef FS_ATOMIC_H
#define FS_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "status.h"

typedef struct fs_atomic {
    FILE *fp;       /* write here (NULL in path-only mode)          */
    char *tmp_path; /* the temporary file (NULL when direct)        */
    char *final_path;
    bool direct; /* the target is no regular file: written as is */
} fs_atomic;

/* Create the temporary file for `path` and open it for writing (fp).  A
 * symbolic link is followed (the file it names is replaced, the link
 * stays); a target that exists and is no regular file (a FIFO, a device),
 * anything under /dev/ or /proc/ (/dev/stdout even when it leads to a
 * file) and a link to a file not there yet are opened and written
 * directly, never renamed over. */
fs_status fs_atomic_begin(fs_atomic *a, const char *path);

/* Reserve a temporary name only (fp stays NULL): for libraries that write
 * the file themselves by name (libxlsxwriter, cairo).  The empty temporary
 * file exists until commit or abort.  A target that is no regular file is
 * refused (FS_ERR_IO). */
fs_status fs_atomic_begin_path(fs_atomic *a, const char *path);

/* Flush, fsync, rename over the final name, fsync the folder.  On failure
 * the temporary file is removed.  Always releases a. */
fs_status fs_atomic_commit(fs_atomic *a);

/* Commit n files at once, e.g. a report's charts (issue 16): start the
 * writeback of every temporary file, then fsync each (so the file system
 * commits them together instead of once per file), rename each over its
 * final name, and fsync each folder involved once.  Nothing is renamed
 * unless every file is on disk: a failure before the renames removes
 * every temporary file; a failed rename removes the ones not yet renamed
 * (those renamed before it are complete and stay).  On failure *failed
 * (when not NULL) is the index of the file that failed and errno its
 * cause.  Always releases all n (direct ones are flushed and closed as
 * fs_atomic_commit does). */
fs_status fs_atomic_commit_all(fs_atomic *const *as, size_t n, size_t *failed);

/* Remove the temporary file and release a.  Safe on a zeroed struct. */
void fs_atomic_abort(fs_atomic *a);

/* Remove temporary files of `path` ("path.tmp-XXXXXX") that a killed run
 * left behind: untouched for FS_ATOMIC_STALE_SECONDS, so a run writing
 * the same file right now keeps its own.  Best effort, never fails.
 * fs_atomic_begin* call it; so does whoever makes such names itself. */
#define FS_ATOMIC_STALE_SECONDS 3600
void fs_atomic_sweep(const char *path);

#endif
