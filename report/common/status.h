/*
 * status.h — error codes that travel as values through forumstat.
 *
 * Every library-level function that can fail returns an fs_status.  Data
 * problems in a county's file are not statuses: they are diagnostics
 * (diag.h), collected and printed once at the edge.  A status says whether
 * the *machine* let us do the work; fs_status_exit() maps it to the exit
 * codes of the command-line contract (0 ok, 1 data, 2 usage, 3 environment).
 */
#ifndef FS_STATUS_H
#define FS_STATUS_H

typedef enum fs_status {
    FS_OK = 0,
    FS_ERR_DATA,      /* a file was refused / findings exist (exit 1)      */
    FS_ERR_USAGE,     /* wrong command line (exit 2)                       */
    FS_ERR_NOMEM,     /* allocation failed (exit 3)                        */
    FS_ERR_IO,        /* read/write/open failed (exit 3)                   */
    FS_ERR_DISK_FULL, /* ENOSPC, EFBIG, SQLITE_FULL (exit 3)               */
    FS_ERR_DB,        /* the warehouse is damaged or unusable (exit 3)     */
    FS_ERR_BUSY,      /* another process holds the warehouse (exit 3)      */
    FS_ERR_ZONE,      /* the zone configuration is invalid (exit 3)        */
    FS_ERR_FONT,      /* no usable CJK font (exit 3)                       */
    FS_ERR_DENIED,    /* the warehouse refused the user the change (exit 3) */
    FS_STATUS_COUNT
} fs_status;

/* Short description of a status in the language of messages; never NULL. */
const char *fs_strerror(fs_status st);

/* What the edge prints for a failure: the message a function set in its
 * `fs_sbuf *err` (sbuf.h), whole; when none was set, fs_strerror(st); when
 * writing it ran out of memory, fs_strerror(FS_ERR_NOMEM).  Never NULL;
 * valid until err changes. */
struct fs_sbuf;
const char *fs_err_text(const struct fs_sbuf *err, fs_status st);

/* The process exit code for a status (see the command-line contract). */
int fs_status_exit(fs_status st);

/* Map an errno value from a failed write/open to a status. */
fs_status fs_status_from_errno(int err);

#endif
