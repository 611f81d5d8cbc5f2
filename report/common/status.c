/*
 * status.c — descriptions (translated, i18n.h) and exit codes for fs_status
 * (see status.h).
 */
#include "status.h"

#include <errno.h>

#include "i18n.h"
#include "sbuf.h"

static const char *const descriptions[FS_STATUS_COUNT] = {
    [FS_OK] = N_("success"),
    [FS_ERR_DATA] = N_("data problems"),
    [FS_ERR_USAGE] = N_("wrong usage"),
    [FS_ERR_NOMEM] = N_("out of memory"),
    [FS_ERR_IO] = N_("input/output error"),
    [FS_ERR_DISK_FULL] = N_("disk full"),
    [FS_ERR_DB] = N_("warehouse database error"),
    [FS_ERR_BUSY] = N_("warehouse is in use by another forumstat process"),
    [FS_ERR_ZONE] = N_("invalid zone configuration"),
    [FS_ERR_FONT] = N_("no usable CJK font"),
    [FS_ERR_DENIED] = N_("the warehouse does not allow this user to change it"),
};

const char *fs_strerror(fs_status st)
{
    if ((unsigned)st >= FS_STATUS_COUNT)
        return _("unknown status");
    return _(descriptions[st]);
}

const char *fs_err_text(const fs_sbuf *err, fs_status st)
{
    if (err->failed)
        return fs_strerror(FS_ERR_NOMEM);
    return err->len ? fs_sbuf_str(err) : fs_strerror(st);
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
