/*
 * deck_step.c — the report step writing DIR/charts/ (every chart as PNG,
 * SVG, PDF) and DIR/briefing-Y.pdf: a queue of jobs for up to
 * CHART_WORKERS threads, every file through the one atomic writer
 * (atomic.h), all renamed into place only when all are complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "deck_int.h"
#include "i18n.h"
#include "sbuf.h"

#define NFILES (FS_RC_COUNT * 3)

/* A chart file (or the briefing) written under a temporary name by the
 * one atomic writer (atomic.h), renamed when all are. */
typedef struct pending {
    char *path;                /* the final name (malloc'ed)              */
    fs_atomic a;               /* open from its job until the renames     */
    bool open;
} pending;

/*
 * The work of the step as a queue of jobs shared by up to CHART_WORKERS
 * threads (each with its own fonts, as the chart library wants): job 0 is
 * the briefing (the longest), jobs 1..NFILES the chart files.  Workers stop
 * taking jobs after the first failure, which is kept with its message.
 *
 * One worker (issue 16): a second one held its own font set and image
 * buffers (a 1920x1080 surface, the PNG encoder's filtered copy) and took
 * the report's peak RSS from 85 to 110-125 MB, at the sample size and at a
 * 1 M-record year alike, for the same CPU time (0.45 s, 1.05 s); set it to
 * 2 to trade that memory for a little elapsed time on an idle machine.
 */
#define CHART_WORKERS 1

typedef struct queue {
    const fs_rc *rc;
    pending *files;            /* NFILES charts, then the briefing */
    int pages;
    pthread_mutex_t m;
    size_t next;
    fs_status st;
    fs_sbuf err; /* the first failure's message      */
} queue;

static const fsc_file_type job_types[3] = {FSC_PNG, FSC_SVG, FSC_PDF};
static const char *const job_ext[3] = {"png", "svg", "pdf"};

/* "cannot write PATH: reason" for a failure of the writer; errno must be
 * its cause. */
static fs_status write_error(fs_status st, const char *path, fs_sbuf *err)
{
    int e = errno;
    char eb[128];
    fs_sbuf_setf(err, _("cannot write %s: %s"), path, strerror_r(e, eb, sizeof eb));
    return st;
}

static fs_status run_job(queue *q, fsc_fonts *fonts, size_t j, fs_sbuf *err)
{
    if (j == 0) { /* the briefing, complete under a reserved temporary name */
        pending *p = &q->files[NFILES];
        fs_status st = fs_atomic_begin_path(&p->a, p->path);
        if (st != FS_OK)
            return write_error(st, p->path, err);
        p->open = true;
        int pages = 0;
        st = fs_rc_write_briefing(q->rc, fonts, p->a.tmp_path, &pages, err);
        q->pages = pages; /* only this job writes it */
        return st;
    }
    size_t c = (j - 1) / 3, k = (j - 1) % 3;
    pending *p = &q->files[j - 1];
    unsigned char *buf;
    size_t len;
    fs_status st =
        fs_rc_render(q->rc, fonts, (fs_rc_chart)c, job_types[k], 0, 0, 0, &buf, &len, err);
    if (st != FS_OK)
        return st;
    st = fs_atomic_begin(&p->a, p->path);
    if (st == FS_OK) {
        p->open = true;
        if (fwrite(buf, 1, len, p->a.fp) != len)
            st = fs_status_from_errno(errno ? errno : EIO);
    }
    int e = errno;
    free(buf);
    errno = e;
    if (st != FS_OK)
        return write_error(st, p->path, err);
    return FS_OK;
}

/* Take and run jobs until none is left or one failed. */
static void work(queue *q, fsc_fonts *fonts)
{
    fs_sbuf err = {0}; /* this worker's */
    for (;;) {
        pthread_mutex_lock(&q->m);
        size_t j = q->next < NFILES + 1 && q->st == FS_OK ? q->next++ : SIZE_MAX;
        pthread_mutex_unlock(&q->m);
        if (j == SIZE_MAX)
            break;
        fs_sbuf_clear(&err);
        fs_status st = run_job(q, fonts, j, &err);
        if (st != FS_OK) {
            pthread_mutex_lock(&q->m);
            if (q->st == FS_OK) {
                q->st = st;
                fs_sbuf_setf(&q->err, "%s", fs_err_text(&err, st));
            }
            pthread_mutex_unlock(&q->m);
            break;
        }
    }
    fs_sbuf_free(&err);
}

/* The second worker: its own fonts; without them it leaves the work to
 * the first. */
static void *helper(void *arg)
{
    fsc_fonts *fonts;
    if (fsc_fonts_open(&fonts, NULL) != FSC_OK)
        return NULL;
    work(arg, fonts);
    fsc_fonts_close(fonts);
    return NULL;
}

/* A malloc'ed printf-formatted string (paths of any length, through the
 * one growable string); NULL on no memory. */
static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...)
{
    fs_sbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    fs_sbuf_vaddf(&b, fmt, ap);
    va_end(ap);
    return fs_sbuf_take(&b);
}

fs_status fs_report_charts_write(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err)
{
    fs_rc *rc;
    fs_status st = fs_rc_open(&rc, ctx, err);
    if (st != FS_OK)
        return st;
    char *dir = dupf("%s/charts", ctx->dir);
    char *brief = dupf("%s/briefing-%d.pdf", ctx->dir, ctx->year);
    queue *q = calloc(1, sizeof *q);
    pending *files = calloc(NFILES + 1, sizeof *files);
    bool paths = dir && brief && q && files;
    for (size_t c = 0; paths && c < FS_RC_COUNT; c++)
        for (size_t k = 0; paths && k < 3; k++)
            paths = (files[c * 3 + k].path = dupf("%s/%s.%s", dir, fs_rc_names[c],
                                                  job_ext[k])) != NULL;
    if (paths)
        paths = (files[NFILES].path = dupf("%s", brief)) != NULL;
    if (!paths) {
        fs_sbuf_setf(err, _("out of memory"));
        st = FS_ERR_NOMEM;
        goto done;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        char eb[128];
        fs_sbuf_setf(err, _("cannot create the folder %s: %s"), dir, strerror_r(e, eb, sizeof eb));
        st = fs_status_from_errno(e);
        goto done;
    }
    *q = (queue){.rc = rc, .files = files, .st = FS_OK};
    pthread_mutex_init(&q->m, NULL);
    pthread_t th = {0};
    bool two = CHART_WORKERS > 1 && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
               pthread_create(&th, NULL, helper, q) == 0;
    work(q, rc->fonts);
    if (two)
        pthread_join(th, NULL);
    pthread_mutex_destroy(&q->m);
    st = q->st;
    if (st != FS_OK)
        fs_sbuf_setf(err, "%s", fs_err_text(&q->err, st));
    fs_sbuf_free(&q->err);
    /* every file is complete: give the charts and the briefing their names */
    for (size_t i = 0; i < NFILES + 1 && st == FS_OK; i++) {
        files[i].open = false;
        st = fs_atomic_commit(&files[i].a);
        if (st != FS_OK)
            write_error(st, files[i].path, err);
    }
    if (st == FS_OK) { /* best effort: the renames are done */
        int fd = open(ctx->dir, O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
        fs_sbuf_setf(wrote,
                     P_("%s/ (%d charts as PNG, SVG, PDF), %s (%d page)",
                        "%s/ (%d charts as PNG, SVG, PDF), %s (%d pages)", q->pages),
                     dir, FS_RC_COUNT, brief, q->pages);
    }
done:
    for (size_t i = 0; files && i < NFILES + 1; i++) { /* what a failure left behind */
        if (files[i].open)
            fs_atomic_abort(&files[i].a);
        free(files[i].path);
    }
    free(files);
    free(q);
    free(dir);
    free(brief);
    fs_rc_close(rc);
    return st;
}
