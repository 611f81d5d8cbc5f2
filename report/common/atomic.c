/*
 * atomic.c — temp-file-then-rename output (see atomic.h).
 */
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void fs_atomic_sweep(const char *path)
{
    size_t n = strlen(path);
    char *copy = malloc(n + 1);
    if (!copy)
        return;
    memcpy(copy, path, n + 1);
    char *slash = strrchr(copy, '/');
    const char *dir = slash ? (slash == copy ? "/" : copy) : ".";
    const char *base = slash ? slash + 1 : copy;
    if (slash)
        *slash = '\0';
    size_t bl = strlen(base);
    DIR *d = opendir(dir);
    time_t now = time(NULL);
    for (struct dirent *e; d && (e = readdir(d));) {
        /* exactly "base.tmp-XXXXXX", a regular file, untouched for an hour */
        if (strncmp(e->d_name, base, bl) != 0 || strncmp(e->d_name + bl, ".tmp-", 5) != 0 ||
            strlen(e->d_name + bl + 5) != 6)
            continue;
        struct stat sb;
        if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
            sb.st_mtime < now - FS_ATOMIC_STALE_SECONDS)
            unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
    free(copy);
}

/* What `path` names: *real the file behind symbolic links (malloc'd, or
 * NULL when it does not exist yet), *special when it exists and is no
 * regular file. */
static void target_of(const char *path, char **real, bool *special)
{
    struct stat sb, lsb;
    *real = realpath(path, NULL);
    /* also: /dev/stdout redirected to a file (a regular file behind
     * /proc/self/fd), and a link to a file not there yet (fopen makes it,
     * the link stays) */
    *special = (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) || strncmp(path, "/dev/", 5) == 0 ||
               strncmp(path, "/proc/", 6) == 0 ||
               (!*real && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode));
}

static fs_status reserve(fs_atomic *a, const char *given, int *fd)
{
    memset(a, 0, sizeof *a);
    char *real;
    bool special;
    target_of(given, &real, &special);
    if (special) {
        free(real);
        errno = EINVAL;
        return FS_ERR_IO;
    }
    const char *path = real ? real : given;
    fs_atomic_sweep(path);
    size_t n = strlen(path);
    a->final_path = malloc(n + 1);
    a->tmp_path = malloc(n + 16);
    if (!a->final_path || !a->tmp_path) {
        free(a->final_path);
        free(a->tmp_path);
        free(real);
        memset(a, 0, sizeof *a);
        errno = ENOMEM;
        return FS_ERR_NOMEM;
    }
    memcpy(a->final_path, path, n + 1);
    free(real);
    path = a->final_path;
    /* "name.tmp-XXXXXX" next to the final file; hidden from nobody, but
     * clearly temporary and removed on every failure path. */
    snprintf(a->tmp_path, n + 16, "%s.tmp-XXXXXX", path);
    *fd = mkstemp(a->tmp_path);
    if (*fd < 0) {
        int e = errno;
        free(a->final_path);
        free(a->tmp_path);
        memset(a, 0, sizeof *a);
        errno = e;
        return fs_status_from_errno(e);
    }
    fchmod(*fd, 0644);
    return FS_OK;
}

fs_status fs_atomic_begin(fs_atomic *a, const char *path)
{
    char *real;
    bool special;
    target_of(path, &real, &special);
    free(real);
    if (special) { /* a device or FIFO: written as it is */
        memset(a, 0, sizeof *a);
        /* our own stdout/stderr: the same open file, after what is
         * buffered there (opening the name again would write over it) */
        int own = strcmp(path, "/dev/stdout") == 0   ? STDOUT_FILENO
                  : strcmp(path, "/dev/stderr") == 0 ? STDERR_FILENO
                                                     : -1;
        if (own >= 0) {
            fflush(own == STDOUT_FILENO ? stdout : stderr);
            int fd = dup(own);
            a->fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
            if (!a->fp && fd >= 0)
                close(fd);
        } else {
            a->fp = fopen(path, "wb");
        }
        if (!a->fp)
            return fs_status_from_errno(errno);
        a->direct = true;
        return FS_OK;
    }
    int fd;
    fs_status st = reserve(a, path, &fd);
    if (st != FS_OK)
        return st;
    a->fp = fdopen(fd, "wb");
    if (!a->fp) {
        close(fd);
        fs_atomic_abort(a);
        errno = ENOMEM;
        return FS_ERR_NOMEM;
    }
    return FS_OK;
}

fs_status fs_atomic_begin_path(fs_atomic *a, const char *path)
{
    int fd;
    fs_status st = reserve(a, path, &fd);
    if (st == FS_OK)
        close(fd);
    return st;
}

static void release(fs_atomic *a)
{
    free(a->tmp_path);
    free(a->final_path);
    memset(a, 0, sizeof *a);
}

void fs_atomic_abort(fs_atomic *a)
{
    if (a->fp)
        fclose(a->fp);
    a->fp = NULL;
    if (a->tmp_path)
        unlink(a->tmp_path);
    release(a);
}

static int fsync_dir_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

fs_status fs_atomic_commit(fs_atomic *a)
{
    int err = 0;
    if (a->direct) {
        if (fflush(a->fp) != 0 || ferror(a->fp))
            err = errno ? errno : EIO;
        if (fclose(a->fp) != 0 && !err)
            err = errno ? errno : EIO;
        release(a);
        if (err)
            errno = err;
        return err ? fs_status_from_errno(err) : FS_OK;
    }
    if (a->fp) {
        if (fflush(a->fp) != 0 || ferror(a->fp))
            err = errno ? errno : EIO;
        if (!err && fsync(fileno(a->fp)) != 0)
            err = errno;
        if (fclose(a->fp) != 0 && !err)
            err = errno ? errno : EIO;
        a->fp = NULL;
    } else {
        int fd = open(a->tmp_path, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0)
            err = errno;
        if (fd >= 0)
            close(fd);
    }
    if (!err && rename(a->tmp_path, a->final_path) != 0)
        err = errno;
    if (err) {
        unlink(a->tmp_path);
        release(a);
        errno = err;
        return fs_status_from_errno(err);
    }
    fsync_dir_of(a->final_path); /* best effort: the rename is done */
    release(a);
    return FS_OK;
}

/* Flush a's stream and hand back a descriptor of its temporary file (its
 * own, or opened by name in path-only mode; *owned says to close it). */
static int tmp_fd(fs_atomic *a, bool *owned, int *err)
{
    *owned = false;
    if (a->fp) {
        if (fflush(a->fp) != 0 || ferror(a->fp)) {
            *err = errno ? errno : EIO;
            return -1;
        }
        return fileno(a->fp);
    }
    int fd = open(a->tmp_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        *err = errno;
    *owned = fd >= 0;
    return fd;
}

static fs_status fail_all(fs_atomic *const *as, size_t n, size_t from, int err)
{
    for (size_t i = from; i < n; i++) {
        if (as[i]->direct) {
            if (as[i]->fp)
                fclose(as[i]->fp);
            release(as[i]);
        } else {
            fs_atomic_abort(as[i]);
        }
    }
    errno = err;
    return fs_status_from_errno(err);
}

/* sync_file_range(flags) over the temporary file of every non-direct
 * entry of as (a hint: the fsyncs of fs_atomic_commit_all decide).  On a
 * file that cannot be opened: false, *bad its index and *err the cause. */
static bool range_all(fs_atomic *const *as, size_t n, unsigned flags, size_t *bad, int *err)
{
    for (size_t i = 0; i < n; i++) {
        if (as[i]->direct)
            continue;
        bool owned;
        int fd = tmp_fd(as[i], &owned, err);
        if (fd < 0) {
            *bad = i;
            return false;
        }
        sync_file_range(fd, 0, 0, flags);
        if (owned)
            close(fd);
    }
    return true;
}

fs_status fs_atomic_commit_all(fs_atomic *const *as, size_t n, size_t *failed)
{
    int err = 0;
    size_t bad = 0;
    /* 1: every file's bytes on their way to the disk (no waiting); 1b:
     * wait for the data of all.  Each file's new size is then in the
     * journal's running transaction, so the first fsync below commits
     * them all and the others find nothing left to do. */
    if (range_all(as, n, SYNC_FILE_RANGE_WRITE, &bad, &err))
        range_all(as, n,
                  SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER,
                  &bad, &err);
    /* 2: every file on disk; one journal commit covers most of them */
    for (size_t i = 0; i < n && !err; i++) {
        fs_atomic *a = as[i];
        if (a->direct)
            continue;
        bool owned;
        int fd = tmp_fd(a, &owned, &err);
        if (fd >= 0 && fsync(fd) != 0)
            err = errno;
        if (owned)
            close(fd);
        if (a->fp) {
            if (fclose(a->fp) != 0 && !err)
                err = errno ? errno : EIO;
            a->fp = NULL;
        }
        if (err)
            bad = i;
    }
    if (err) {
        if (failed)
            *failed = bad;
        return fail_all(as, n, 0, err);
    }
    /* 3: the final names, then each folder once */
    char **dirs = calloc(n ? n : 1, sizeof *dirs);
    size_t ndirs = 0;
    for (size_t i = 0; i < n; i++) {
        fs_atomic *a = as[i];
        if (a->direct) {
            fs_status st = fs_atomic_commit(a);
            if (st != FS_OK) {
                err = errno;
                bad = i;
                break;
            }
            continue;
        }
        if (rename(a->tmp_path, a->final_path) != 0) {
            err = errno;
            bad = i;
            break;
        }
        char *copy = dirs ? strdup(a->final_path) : NULL;
        const char *dir = copy ? dirname(copy) : NULL;
        bool seen = !dir;
        for (size_t k = 0; k < ndirs && !seen; k++)
            seen = strcmp(dirs[k], dir) == 0;
        if (!seen) {
            memmove(copy, dir, strlen(dir) + 1); /* dirname may return static "." */
            dirs[ndirs++] = copy;
        } else if (copy) {
            free(copy); /* its folder is listed already */
        } else {
            fsync_dir_of(a->final_path); /* no memory for the list: each */
        }
        release(a);
    }
    for (size_t k = 0; k < ndirs; k++) { /* best effort: the renames are done */
        int fd = open(dirs[k], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
        free(dirs[k]);
    }
    free(dirs);
    if (err) {
        if (failed)
            *failed = bad;
        return fail_all(as, n, bad, err);
    }
    return FS_OK;
}
