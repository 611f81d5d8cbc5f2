/*
 * deck_step.c — the report step writing DIR/charts/ (every chart as PNG,
 * SVG, PDF) and DIR/briefing-Y.pdf: a queue of jobs for up to
 * CHART_WORKERS threads, every file through the one atomic writer
 * (atomic.h), all renamed into place only when all are complete.
 */
#include <errno.h>
#include <malloc.h>
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
    char *path;  /* the final name (malloc'ed)              */
    fs_atomic a; /* open from its job until the renames     */
    bool open;
} pending;

/*
 * The work of the step as jobs for up to CHART_WORKERS threads (each with
 * its own fonts, as the chart library wants): job 0 is the briefing,
 * jobs 1..NFILES the chart files (chart c's PNG, SVG, PDF are 3c+1..3c+3).
 * Workers stop taking jobs after the first failure, which is kept with its
 * message.  The bytes of a file do not depend on which worker made it.
 *
 * Two workers, and memory (issue 16; sample-sized report, CPU per kind:
 * PDFs 0.20 s, briefing 0.10, PNGs 0.14, SVGs 0.08).  The first worker
 * makes the PDFs, one after the other, while the second makes the SVGs
 * (a few MB), then both make the PNGs.  Without the font subsets
 * (fsc_fonts_has_subsets), finishing a PDF makes cairo subset the CJK
 * fonts from a copy of the whole CFF table (16 MB for each of Noto Sans
 * CJK regular and bold, read through FreeType's map of the file, which
 * then counts 32 MB more): a PNG beside it adds its 8 MB surface and the
 * second worker's arena, and any job order took the peak from 89 MB to
 * 104-116 MB.  So then the second worker waits for the last PDF before
 * its first PNG, and the font files' pages are given back first
 * (fsc_fonts_trim, malloc_trim).  With the subsets (4 MB tables) it does
 * not wait and nothing is trimmed: the report's peak is 59-62 MB (57 with
 * the wait and the trim) and it takes 0.33 s instead of 0.35-0.36 (five
 * runs each, sample-sized report; without the subsets not waiting took
 * the peak to 96-104 MB).
 */
#define CHART_WORKERS 2

typedef struct queue {
    const fs_rc *rc;
    fsc_fonts *fonts; /* the first worker's (rc's)              */
    pending *files;   /* NFILES charts, then the briefing */
    int pages;
    pthread_mutex_t m;
    pthread_cond_t pdfs_done; /* broadcast when the last PDF is made    */
    size_t next[3];           /* the next job of each kind (take_job)   */
    bool pdfs_left;           /* a PDF not finished yet                 */
    bool pngs_wait;           /* the second worker's PNGs wait for them */
    fs_status st;
    fs_sbuf err; /* the first failure's message      */
} queue;

static const fsc_file_type job_types[3] = {FSC_PNG, FSC_SVG, FSC_PDF};
static const char *const job_ext[3] = {"png", "svg", "pdf"};

/* The jobs by kind: the PDFs (the briefing first, the longest), the PNGs,
 * the SVGs, and the order in which each worker takes them (the second
 * never a PDF, and, without the font subsets, a PNG only once the PDFs
 * are done). */
enum { K_PDF, K_PNG, K_SVG };
static const size_t kind_count[3] = {FS_RC_COUNT + 1, FS_RC_COUNT, FS_RC_COUNT};
static const int worker_kinds[2][3] = {{K_PDF, K_PNG, K_SVG}, {K_SVG, K_PNG, -1}};

static size_t kind_job(int kind, size_t i)
{
    if (kind == K_PDF)
        return i == 0 ? 0 : (i - 1) * 3 + 3;
    return i * 3 + (kind == K_PNG ? 1 : 2);
}

/* The next job for worker w (under q->m): SIZE_MAX when none is left for
 * it or one failed.  The second worker waits for the PDFs to be done
 * before its first PNG when q->pngs_wait.  *pdf says the job is a PDF. */
static size_t take_job(queue *q, int w, bool *pdf)
{
    for (;;) {
        *pdf = false;
        if (q->st != FS_OK)
            return SIZE_MAX;
        bool wait = false;
        for (int k = 0; k < 3 && worker_kinds[w][k] >= 0; k++) {
            int kind = worker_kinds[w][k];
            if (q->next[kind] >= kind_count[kind])
                continue;
            if (kind == K_PNG && q->pdfs_left && q->pngs_wait && w > 0) {
                wait = true;
                continue;
            }
            *pdf = kind == K_PDF;
            return kind_job(kind, q->next[kind]++);
        }
        if (!wait)
            return SIZE_MAX;
        pthread_cond_wait(&q->pdfs_done, &q->m);
    }
}

/* After the last PDF: give back the pages the font subsetting touched,
 * then let the PNGs begin.  Only when the second worker waits for this
 * (q->pngs_wait, without the subsets): with them there is little to give
 * back.  No font file is unmapped meanwhile, as a trim needs (fonts.c):
 * the second worker's fonts are closed after it is joined, and this
 * worker's after the step. */
static void end_pdfs(queue *q)
{
    pthread_mutex_lock(&q->m);
    bool ok = q->st == FS_OK && q->pngs_wait;
    pthread_mutex_unlock(&q->m);
    if (ok) {
        fsc_fonts_trim(q->fonts);
        malloc_trim(0);
    }
    pthread_mutex_lock(&q->m);
    q->pdfs_left = false;
    pthread_cond_broadcast(&q->pdfs_done);
    pthread_mutex_unlock(&q->m);
}

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
static void work(queue *q, fsc_fonts *fonts, int w)
{
    fs_sbuf err = {0}; /* this worker's */
    for (;;) {
        bool pdf;
        pthread_mutex_lock(&q->m);
        size_t j = take_job(q, w, &pdf);
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
            pthread_cond_broadcast(&q->pdfs_done); /* a waiting worker stops */
            pthread_mutex_unlock(&q->m);
            break;
        }
        if (pdf && q->next[K_PDF] == kind_count[K_PDF]) /* only worker 0 takes PDFs */
            end_pdfs(q);
    }
    fs_sbuf_free(&err);
}

/* The second worker: its own font map on the first one's fontconfig set
 * (the CJK files are not parsed again); without it, it leaves the work to
 * the first.  Returns its fonts, for the joining thread to close: closing
 * them here could unmap font files while the first worker trims. */
static void *helper(void *arg)
{
    queue *q = arg;
    fsc_fonts *fonts;
    if (fsc_fonts_clone(q->rc->fonts, &fonts) != FSC_OK)
        return NULL;
    work(arg, fonts, 1);
    return fonts;
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
    fs_rc *rc = ctx->charts; /* the report's chart set, else one of our own */
    fs_status st = rc ? FS_OK : fs_rc_open(&rc, ctx, err);
    if (st != FS_OK)
        return st;
    char *dir = dupf("%s/charts", ctx->dir);
    char *brief = dupf("%s/briefing-%d.pdf", ctx->dir, ctx->year);
    queue *q = calloc(1, sizeof *q);
    pending *files = calloc(NFILES + 1, sizeof *files);
    bool paths = dir && brief && q && files;
    for (size_t c = 0; paths && c < FS_RC_COUNT; c++)
        for (size_t k = 0; paths && k < 3; k++)
            paths =
                (files[c * 3 + k].path = dupf("%s/%s.%s", dir, fs_rc_names[c], job_ext[k])) != NULL;
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
    *q = (queue){.rc = rc,
                 .fonts = rc->fonts,
                 .files = files,
                 .pdfs_left = true,
                 .pngs_wait = !fsc_fonts_has_subsets(rc->fonts),
                 .st = FS_OK};
    pthread_mutex_init(&q->m, NULL);
    pthread_cond_init(&q->pdfs_done, NULL);
    pthread_t th = {0};
    bool two = CHART_WORKERS > 1 && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
               pthread_create(&th, NULL, helper, q) == 0;
    work(q, rc->fonts, 0);
    void *helper_fonts = NULL;
    if (two)
        pthread_join(th, &helper_fonts);
    fsc_fonts_close(helper_fonts);
    pthread_cond_destroy(&q->pdfs_done);
    pthread_mutex_destroy(&q->m);
    st = q->st;
    if (st != FS_OK)
        fs_sbuf_setf(err, "%s", fs_err_text(&q->err, st));
    fs_sbuf_free(&q->err);
    /* every file is complete: on disk together, then their names (one
     * fsync of each folder: DIR/charts, and DIR for the briefing and the
     * new charts/ folder) */
    if (st == FS_OK) {
        fs_atomic *all[NFILES + 1];
        size_t bad = 0;
        for (size_t i = 0; i < NFILES + 1; i++) {
            all[i] = &files[i].a;
            files[i].open = false;
        }
        st = fs_atomic_commit_all(all, NFILES + 1, &bad);
        if (st != FS_OK)
            write_error(st, files[bad].path, err);
    }
    if (st == FS_OK) {
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
    if (rc != ctx->charts)
        fs_rc_close(rc);
    return st;
}
