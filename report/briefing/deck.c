/*
 * deck.c — the forum's chart set as a whole (report_charts.h): open an
 * fs_rc (fonts, every spec and takeaway built from the figures; the fonts
 * possibly opened early on a thread, a second fs_rc for another thread),
 * the specs, takeaways and in-memory PNGs, chart library failures as
 * statuses and messages.  The builders live in deck_<chart>.c, the kit they share
 * in deck_kit.c, the texts in deck_texts.c, the files in deck_step.c.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deck_int.h"
#include "exe.h"
#include "i18n.h"

/* The charts' font subsets (made by charts/tools/fontsubset; names as in
 * the Makefile's FONT_SUBSETS), regular then bold. */
static const char *const subset_names[] = {"NotoSansCJKsc-Regular-subset.otf",
                                           "NotoSansCJKsc-Bold-subset.otf"};

/* The folder holding the font subsets into b: BIN/fonts (a build tree),
 * BIN/../share/forumstat/fonts (an installation under any prefix), else
 * the compiled-in data folder's.  False when none holds them: the charts
 * then draw from the full fonts alone (slower, the same pictures); false
 * with b->failed when memory ran out. */
static bool find_subsets(fs_sbuf *b)
{
    static const char *const dirs[] = {"fonts", "../share/forumstat/fonts"};
    if (fs_exe_find_dir(b, dirs, 2, subset_names[0]) || b->failed)
        return !b->failed;
    fs_sbuf_clear(b);
    fs_sbuf_addf(b, "%s/fonts/%s", FS_DATADIR, subset_names[0]);
    if (b->failed || access(b->s, R_OK) != 0)
        return false;
    fs_sbuf_clear(b);
    fs_sbuf_add(b, FS_DATADIR "/fonts");
    return !b->failed;
}

/* Open the chart fonts, with the subsets when there are: the fsc_fonts
 * status (FSC_ERR_NOMEM also when the paths could not be built: going on
 * without the subsets would write other PDFs than a run with memory). */
static fsc_status open_fonts(fsc_fonts **out)
{
    fs_sbuf dir = {0}, regular = {0}, bold = {0};
    fsc_fonts_options o = {0};
    const char *paths[2];
    if (find_subsets(&dir)) {
        fs_sbuf_addf(&regular, "%s/%s", dir.s, subset_names[0]);
        fs_sbuf_addf(&bold, "%s/%s", dir.s, subset_names[1]);
        paths[0] = regular.s;
        paths[1] = bold.s;
        o.subsets = paths;
        o.nsubsets = 2;
    }
    fsc_status cs =
        dir.failed || regular.failed || bold.failed ? FSC_ERR_NOMEM : fsc_fonts_open(out, &o);
    fs_sbuf_free(&dir);
    fs_sbuf_free(&regular);
    fs_sbuf_free(&bold);
    return cs;
}

/* Build every chart spec and takeaway. */
static void build_all(fs_rc *rc)
{
    const fs_report_ctx *ctx = rc->ctx;
    rc->nc = rc->z->ncounties;
    rc->county = fs_rc_alloc(rc, (rc->nc ? rc->nc : 1) * sizeof *rc->county);
    rc->colors = fs_rc_alloc(rc, (rc->nc ? rc->nc : 1) * sizeof *rc->colors);
    if (!rc->county || !rc->colors)
        return;
    for (size_t i = 0; i < rc->nc; i++) {
        const fs_county *c = &rc->z->counties[i];
        rc->county[i] = rc->lang == FS_LANG_ZH ? c->name_zh : c->name_en;
        rc->colors[i] = fsc_county_color(i);
    }
    rc->prev = fs_report_ctx_year(ctx, ctx->year - 1);
    rc->year_s = fs_rc_inum(rc, ctx->year);
    rc->prev_s = fs_rc_inum(rc, ctx->year - 1);
    const char *zone = rc->lang == FS_LANG_ZH ? rc->z->name_zh : rc->z->name_en;
    const char *ord = fs_rc_ordinal(rc);
    rc->forum = ord ? fs_rc_tpl(rc, FS_L_FORUM, zone, ord, NULL)
                    : fs_rc_tpl(rc, FS_L_FORUM_NO_ORDINAL, zone, NULL);
    rc->source = fs_rc_tpl(rc, FS_L_SOURCE, rc->forum, rc->year_s, NULL);
    /* one format for offences per 10 000 in every chart and the table */
    double off[2 * FS_ZONE_MAX + 2];
    size_t no = 0;
    for (size_t k = 0; k < 2; k++) {
        const fs_figures *f = k ? rc->prev : ctx->fig;
        for (size_t i = 0; i <= rc->nc; i++)
            off[no++] =
                fs_rc_fig(f, i < rc->nc ? rc->z->counties[i].code : "ALL", "offenses_per_10k");
    }
    rc->off_fmt = fs_rc_decimals_for(off, no, FSC_FMT_DECIMAL1);
    fs_rc_build_offences(rc);
    fs_rc_build_cross(rc);
    fs_rc_build_disputes(rc);
    fs_rc_build_mediation(rc);
    fs_rc_build_cooperation(rc);
    fs_rc_build_assistance(rc);
    fs_rc_build_clearance(rc);
    fs_rc_build_tiles(rc);
    fs_rc_build_hexmap(rc, "offenses_per_10k");
    fs_rc_build_categories(rc);
    fs_rc_build_trends(rc);
    fs_rc_build_change(rc);
    fs_rc_build_losses(rc);
    fs_rc_build_activities(rc);
    fs_rc_build_levels(rc);
    fs_rc_build_resources(rc);
    fs_rc_build_briefing(rc);
}

static fs_status font_error(fs_sbuf *err)
{
    fs_sbuf_setf(err,
                 _("no font for Chinese text: the charts need Noto Sans CJK SC "
                   "(install the package fonts-noto-cjk, e.g. apt-get install fonts-noto-cjk)"));
    return FS_ERR_FONT;
}

/* A chart library failure as a status and one line in err; errno (for
 * I/O failures) must be the cause's. */
fs_status fs_rc_chart_error(fsc_status cs, const char *what, fs_sbuf *err)
{
    int e = errno;
    if (cs == FSC_ERR_FONT)
        return font_error(err);
    fs_status st = cs == FSC_ERR_NOMEM       ? FS_ERR_NOMEM
                   : cs == FSC_ERR_DISK_FULL ? FS_ERR_DISK_FULL
                                             : FS_ERR_IO;
    char eb[128];
    if ((cs == FSC_ERR_IO || cs == FSC_ERR_DISK_FULL) && e)
        fs_sbuf_setf(err, _("cannot write %s: %s"), what, strerror_r(e, eb, sizeof eb));
    else
        fs_sbuf_setf(err, _("cannot draw %s: %s"), what, fs_tr(fsc_strerror(cs)));
    return st;
}

/* The fonts being opened on a thread of their own (fs_rc_fonts_start). */
struct fs_rc_fonts {
    pthread_t th;
    fsc_fonts *fonts;
    fsc_status cs;
};

static void *open_fonts_thread(void *arg)
{
    fs_rc_fonts *e = arg;
    e->cs = open_fonts(&e->fonts);
    return NULL;
}

fs_rc_fonts *fs_rc_fonts_start(void)
{
    fs_rc_fonts *e = calloc(1, sizeof *e);
    if (e && pthread_create(&e->th, NULL, open_fonts_thread, e) != 0) {
        free(e);
        e = NULL;
    }
    return e;
}

/* Wait for e's thread, free e: its status, its fonts into *out. */
static fsc_status fonts_take(fs_rc_fonts *e, fsc_fonts **out)
{
    pthread_join(e->th, NULL);
    fsc_status cs = e->cs;
    *out = e->fonts;
    free(e);
    return cs;
}

void fs_rc_fonts_stop(fs_rc_fonts *early)
{
    fsc_fonts *f = NULL;
    if (early)
        fonts_take(early, &f);
    fsc_fonts_close(f);
}

fs_status fs_rc_open(fs_rc **out, const fs_report_ctx *ctx, fs_sbuf *err)
{
    return fs_rc_open_with(out, ctx, NULL, err);
}

fs_status fs_rc_open_with(fs_rc **out, const fs_report_ctx *ctx, fs_rc_fonts *early, fs_sbuf *err)
{
    *out = NULL;
    fs_rc *rc = calloc(1, sizeof *rc);
    if (!rc) {
        fs_rc_fonts_stop(early);
        fs_sbuf_setf(err, _("out of memory"));
        return FS_ERR_NOMEM;
    }
    rc->ctx = ctx;
    rc->z = ctx->zone;
    rc->lang = ctx->opts.lang;
    fsc_status cs = early ? fonts_take(early, &rc->fonts) : open_fonts(&rc->fonts);
    if (cs != FSC_OK) {
        fs_rc_close(rc);
        return fs_rc_chart_error(cs, "the charts", err);
    }
    build_all(rc);
    if (rc->oom) {
        fs_rc_close(rc);
        fs_sbuf_setf(err, _("out of memory while preparing the charts"));
        return FS_ERR_NOMEM;
    }
    *out = rc;
    return FS_OK;
}

bool fs_rc_light(const fs_rc *rc)
{
    return rc && fsc_fonts_has_subsets(rc->fonts);
}

fs_status fs_rc_open_beside(fs_rc **out, const fs_rc *rc, fs_sbuf *err)
{
    *out = NULL;
    fs_rc *b = malloc(sizeof *b);
    if (!b) {
        fs_sbuf_setf(err, _("out of memory"));
        return FS_ERR_NOMEM;
    }
    *b = *rc; /* the specs point into rc's arena, which b borrows */
    b->blocks = NULL;
    b->nblocks = b->capblocks = 0;
    b->fonts = NULL;
    fsc_status cs = fsc_fonts_clone(rc->fonts, &b->fonts);
    if (cs != FSC_OK) {
        free(b);
        return fs_rc_chart_error(cs, "the charts", err);
    }
    *out = b;
    return FS_OK;
}

void fs_rc_close(fs_rc *rc)
{
    if (!rc)
        return;
    fsc_fonts_close(rc->fonts);
    for (size_t i = 0; i < rc->nblocks; i++)
        free(rc->blocks[i]);
    free(rc->blocks);
    free(rc);
}

const fsc_chart *fs_rc_spec(const fs_rc *rc, fs_rc_chart which)
{
    return rc && (unsigned)which < FS_RC_COUNT ? &rc->c[which] : NULL;
}

const char *fs_rc_takeaway(const fs_rc *rc, fs_rc_chart which)
{
    return rc && (unsigned)which < FS_RC_COUNT ? rc->take[which] : NULL;
}

fs_status fs_rc_set_map_figure(fs_rc *rc, const char *metric, fs_sbuf *err)
{
    if (!fs_rc_build_hexmap(rc, metric)) {
        fs_sbuf_setf(err, _("no figure named '%s' for the map"), metric);
        return FS_ERR_USAGE;
    }
    if (rc->oom) {
        fs_sbuf_setf(err, _("out of memory while preparing the map"));
        return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* Render chart `which` in memory with `fonts` (reads rc only: safe from
 * several threads, each with its own fonts). */
fs_status fs_rc_render(const fs_rc *rc, fsc_fonts *fonts, fs_rc_chart which, fsc_file_type type,
                       int width, int height, int dpi, unsigned char **buf, size_t *len,
                       fs_sbuf *err)
{
    const fs_report_opts *o = &rc->ctx->opts;
    double w = width > 0 ? width : o->width, h = height > 0 ? height : o->height;
    fsc_output out = {.type = type, .dpi = dpi > 0 ? dpi : o->dpi, .epoch = rc->ctx->epoch};
    if (type == FSC_PNG) {
        out.width = w;
        out.height = h;
    } else { /* a 960 pt wide page of the PNG's shape (960 × 540: a 16:9 slide) */
        out.width = 960;
        out.height = round(960 * h / w);
    }
    fsc_status cs = fsc_render(fonts, &rc->c[which], &out, buf, len);
    if (cs != FSC_OK)
        return fs_rc_chart_error(cs, fs_rc_names[which], err);
    return FS_OK;
}

void fs_rc_trim(const fs_rc *rc)
{
    if (rc)
        fsc_fonts_trim(rc->fonts);
}

fs_status fs_rc_png(fs_rc *rc, fs_rc_chart which, int width, int height, int dpi,
                    unsigned char **png, size_t *len, fs_sbuf *err)
{
    *png = NULL;
    *len = 0;
    if (!rc || (unsigned)which >= FS_RC_COUNT || width < 0 || height < 0 || width > 16384 ||
        height > 16384) {
        fs_sbuf_setf(err, "fs_rc_png: invalid argument");
        return FS_ERR_USAGE;
    }
    return fs_rc_render(rc, rc->fonts, which, FSC_PNG, width, height, dpi, png, len, err);
}
