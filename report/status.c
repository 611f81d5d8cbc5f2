/*
 * status.c — descriptions and exit codes for fs_status (see status.h).
 */
#include "status.h"

#include <errno.h>

static const char *const descriptions[FS_STATUS_COUNT] = {
    [FS_OK] = "success",
    [FS_ERR_DATA] = "data problems",
    [FS_ERR_USAGE] = "wrong usage",
    [FS_ERR_NOMEM] = "out of memory",
    [FS_ERR_IO] = "input/output error",
    [FS_ERR_DISK_FULL] = "disk full",
    [FS_ERR_DB] = "warehouse database error",
    [FS_ERR_BUSY] = "warehouse is in use by another forumstat process",
    [FS_ERR_ZONE] = "invalid zone configuration",
    [FS_ERR_FONT] = "no usable CJK font",
};

const char *fs_strerror(fs_status st)
{
    if ((unsigned)st >= FS_STATUS_COUNT)
        return "unknown status";
    return descriptions[st];
}

int fs_status_exit(fs_status st)
{
    switch (st) {
    case FS_OK: return 0;
    case FS_ERR_DATA: return 1;
    case FS_ERR_USAGE: return 2;
    default: return 3;
    }
}

fs_status fs_status_from_errno(int err)
{
    switch (err) {
    case ENOSPC:
    case EFBIG:
    case EDQUOT: return FS_ERR_DISK_FULL;
    case ENOMEM: return FS_ERR_NOMEM;
    default: return FS_ERR_IO;
    }
}
