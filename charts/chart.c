/*
 * chart.c — the entry point for drawing: the table of chart kinds, the
 * spec check, and the common frame every chart has (white
 * background, title, subtitle, plot, note, source line at the bottom).
 * The kind's draw function fills the plot area.  The top of the drawing
 * layers (chart_impl.h): it uses the kinds, legend.c, text.c, check.c
 * and ctx.c; none of them calls back into it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"

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
 * it prints them (report/deck.c, fs_tr). */
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

chart_status chart_check(const chart *c)
{
    if (!c || (unsigned)c->kind >= CHART_KIND_COUNT) return CHART_ERR_ARG;
    const char *texts[] = {c->title, c->subtitle, c->note, c->source, c->lang, c->na_label};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (!utf8_ok(texts[i])) return CHART_ERR_UTF8;
    return kinds[c->kind].check(c);
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
