/*
 * chart.c — the entry point for drawing: the table of chart kinds, spec
 * checks shared by the kinds, the drawing context, and the common frame
 * every chart has (white background, title, subtitle, plot, note, source
 * line at the bottom).  The kind's draw function fills the plot area.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"

/* Upper bounds that keep a chart readable and arithmetic safe. */
#define MAX_CATEGORIES 64
#define MAX_SERIES 16

static const struct {
    const char *name;
    chart_check_fn check;
    chart_draw_fn draw;
} kinds[CHART_KIND_COUNT] = {
    [CHART_BARS] = {"bars", chart_bars_check, chart_bars_draw},
    [CHART_STACK] = {"stack", chart_stack_check, chart_stack_draw},
    [CHART_LINES] = {"lines", chart_lines_check, chart_lines_draw},
    [CHART_DOTS] = {"dots", chart_dots_check, chart_dots_draw},
    [CHART_HEATMAP] = {"heatmap", chart_matrix_check, chart_heatmap_draw},
    [CHART_ARCS] = {"arcs", chart_matrix_check, chart_arcs_draw},
    [CHART_TILES] = {"tiles", chart_tiles_check, chart_tiles_draw},
    [CHART_HEXMAP] = {"hexmap", chart_hexmap_check, chart_hexmap_draw},
};

/* The library has no gettext of its own: N_ only marks the messages for
 * xgettext (po/update scans charts/ too); forumstat translates them where
 * it prints them (report_charts.c, fs_tr). */
#define N_(s) s

const char *chart_strerror(chart_status st)
{
    switch (st) {
    case CHART_OK: return N_("success");
    case CHART_ERR_ARG: return N_("invalid chart or argument");
    case CHART_ERR_UTF8: return N_("a chart text is not valid UTF-8");
    case CHART_ERR_NOMEM: return N_("out of memory");
    case CHART_ERR_FONT: return N_("no font for Chinese text found (install fonts-noto-cjk: Noto Sans CJK SC)");
    case CHART_ERR_GLYPH: return N_("a chart text contains a character the chart font cannot show");
    case CHART_ERR_IO: return N_("could not write the chart file");
    case CHART_ERR_DISK_FULL: return N_("disk full or file size limit reached while writing the chart");
    case CHART_ERR_CAIRO: return N_("cairo drawing error");
    case CHART_STATUS_COUNT: break;
    }
    return N_("unknown chart status");
}

const char *chart_kind_name(chart_kind k)
{
    return (unsigned)k < CHART_KIND_COUNT ? kinds[k].name : "?";
}

/* ---- checks ------------------------------------------------------------- */

static bool utf8_ok(const char *s) { return !s || g_utf8_validate(s, -1, NULL); }

chart_status chart_check_cats(const chart_categories *k)
{
    if (k->n > MAX_CATEGORIES || (k->n > 0 && !k->labels)) return CHART_ERR_ARG;
    for (size_t i = 0; i < k->n; i++)
        if (!utf8_ok(k->labels[i])) return CHART_ERR_UTF8;
    return CHART_OK;
}

chart_status chart_check_series(const chart_series *s, size_t ns, size_t nvalues)
{
    if (ns > MAX_SERIES || (ns > 0 && !s)) return CHART_ERR_ARG;
    for (size_t i = 0; i < ns; i++) {
        if (nvalues > 0 && !s[i].values) return CHART_ERR_ARG;
        if ((unsigned)s[i].fill > CHART_FILL_HATCH || (unsigned)s[i].marker > CHART_MARKER_NONE ||
            (unsigned)s[i].dash > CHART_DASH_DASHDOT)
            return CHART_ERR_ARG;
        if (!utf8_ok(s[i].name)) return CHART_ERR_UTF8;
    }
    return CHART_OK;
}

chart_status chart_check(const chart *c)
{
    if (!c || (unsigned)c->kind >= CHART_KIND_COUNT) return CHART_ERR_ARG;
    const char *texts[] = {c->title, c->subtitle, c->note, c->source, c->lang, c->na_label};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (!utf8_ok(texts[i])) return CHART_ERR_UTF8;
    return kinds[c->kind].check(c);
}

/* ---- context ------------------------------------------------------------ */

void chart_fail(chart_ctx *x, chart_status st)
{
    if (x->st == CHART_OK) x->st = st;
}

chart_status chart_from_cairo(cairo_status_t cs)
{
    if (cs == CAIRO_STATUS_SUCCESS) return CHART_OK;
    return cs == CAIRO_STATUS_NO_MEMORY ? CHART_ERR_NOMEM : CHART_ERR_CAIRO;
}

double chart_base_size(double w, double h)
{
    double u = sqrt(w * h) / 65.0;
    if (u > h / 26.0) u = h / 26.0;
    if (u > w / 36.0) u = w / 36.0;
    return u < 4.0 ? 4.0 : u;
}

chart_status chart_ctx_init(chart_ctx *x, chart_fonts *f, cairo_t *cr,
                            const char *lang, const char *na, double u,
                            chart_labels *log)
{
    memset(x, 0, sizeof *x);
    x->cr = cr;
    x->u = u;
    x->na = na ? na : "n/a";
    x->log = log;
    x->pc = chart_fonts_context(f, lang);
    x->font = pango_font_description_new();
    if (!x->pc || !x->font) {
        chart_ctx_free(x);
        return CHART_ERR_NOMEM;
    }
    pango_font_description_set_family(x->font, f->family);
    pango_cairo_update_context(cr, x->pc);
    return CHART_OK;
}

void chart_ctx_free(chart_ctx *x)
{
    if (x->pc) g_object_unref(x->pc);
    if (x->font) pango_font_description_free(x->font);
    free(x->boxes);
    free(x->fills);
    free(x->segs);
    x->segs = NULL;
    x->nsegs = x->capsegs = 0;
    x->fills = NULL;
    x->nfills = x->capfills = 0;
    x->pc = NULL;
    x->font = NULL;
    x->boxes = NULL;
    x->nboxes = x->capboxes = 0;
}

void chart_labels_free(chart_labels *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->items[i].text);
    free(l->items);
    free(l->lines);
    l->items = NULL;
    l->lines = NULL;
    l->n = l->cap = l->nlines = l->caplines = 0;
}

/* ---- the frame ---------------------------------------------------------- */

chart_status chart_draw(chart_fonts *f, const chart *c, cairo_t *cr,
                        chart_rect r, chart_labels *labels)
{
    if (!f || !cr || !(r.w > 0) || !(r.h > 0) || !isfinite(r.w) || !isfinite(r.h))
        return CHART_ERR_ARG;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return chart_from_cairo(cairo_status(cr));
    chart_status st = chart_check(c);
    if (st != CHART_OK) return st;

    chart_ctx x;
    double u = chart_base_size(r.w, r.h);
    st = chart_ctx_init(&x, f, cr, c->lang, c->na_label, u, labels);
    if (st != CHART_OK) return st;

    cairo_save(cr);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_clip(cr);
    chart_set_rgb(cr, CHART_RGB_BG);
    cairo_paint(cr);

    double pad = u * 1.0, w = r.w - 2 * pad;
    double top = r.y + pad * 0.9, bottom = r.y + r.h - pad * 0.8;
    chart_tstyle title = {.size = u * 1.45, .bold = true, .color = CHART_RGB_TEXT,
                          .width = w, .lines = 2};
    chart_tstyle sub = {.size = u * 1.0, .color = CHART_RGB_TEXT2, .width = w, .lines = 2};
    chart_tstyle src = {.size = u * 0.8, .color = CHART_RGB_MUTED, .width = w, .lines = 2};
    chart_tstyle note = {.size = u * 0.8, .color = CHART_RGB_TEXT2, .width = w, .lines = 3};

    if (c->title && *c->title)
        top += chart_text(&x, c->title, &title, r.x + pad, top, CHART_TL).h + u * 0.2;
    if (c->subtitle && *c->subtitle)
        top += chart_text(&x, c->subtitle, &sub, r.x + pad, top, CHART_TL).h;
    if (top > r.y + pad) top += u * 0.9;
    if (c->source && *c->source)
        bottom -= chart_text(&x, c->source, &src, r.x + pad, bottom, CHART_BL).h + u * 0.25;
    if (c->note && *c->note)
        bottom -= chart_text(&x, c->note, &note, r.x + pad, bottom, CHART_BL).h + u * 0.2;
    bottom -= u * 0.5;

    chart_rect plot = {r.x + pad, top, w, bottom - top};
    if (plot.h < u * 3) plot.h = u * 3; /* absurdly small: draw anyway, clipped */
    kinds[c->kind].draw(&x, c, plot);
    cairo_restore(cr);

    st = x.st;
    if (st == CHART_OK) st = chart_from_cairo(cairo_status(cr));
    chart_ctx_free(&x);
    return st;
}
