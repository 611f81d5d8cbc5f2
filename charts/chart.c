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
    fsc_check_fn check;
    fsc_draw_fn draw;
} kinds[FSC_KIND_COUNT] = {
    [FSC_BARS] = {"bars", fsc_bars_check, fsc_bars_draw},
    [FSC_STACK] = {"stack", fsc_stack_check, fsc_stack_draw},
    [FSC_LINES] = {"lines", fsc_lines_check, fsc_lines_draw},
    [FSC_DOTS] = {"dots", fsc_dots_check, fsc_dots_draw},
    [FSC_HEATMAP] = {"heatmap", fsc_matrix_check, fsc_heatmap_draw},
    [FSC_ARCS] = {"arcs", fsc_matrix_check, fsc_arcs_draw},
    [FSC_TILES] = {"tiles", fsc_tiles_check, fsc_tiles_draw},
    [FSC_HEXMAP] = {"hexmap", fsc_hexmap_check, fsc_hexmap_draw},
};

/* The library has no gettext of its own: N_ only marks the messages for
 * xgettext (po/update scans charts/ too); forumstat translates them where
 * it prints them (report/briefing/deck.c, fs_tr). */
#define N_(s) s

const char *fsc_strerror(fsc_status st)
{
    switch (st) {
    case FSC_OK: return N_("success");
    case FSC_ERR_ARG: return N_("invalid chart or argument");
    case FSC_ERR_UTF8: return N_("a chart text is not valid UTF-8");
    case FSC_ERR_NOMEM: return N_("out of memory");
    case FSC_ERR_FONT:
        return N_("no font for Chinese text found (install fonts-noto-cjk: Noto Sans CJK SC)");
    case FSC_ERR_GLYPH: return N_("a chart text contains a character the chart font cannot show");
    case FSC_ERR_IO: return N_("could not write the chart file");
    case FSC_ERR_DISK_FULL:
        return N_("disk full or file size limit reached while writing the chart");
    case FSC_ERR_CAIRO: return N_("cairo drawing error");
    case FSC_STATUS_COUNT: break;
    }
    return N_("unknown chart status");
}

const char *fsc_kind_name(fsc_kind k) { return (unsigned)k < FSC_KIND_COUNT ? kinds[k].name : "?"; }

/* ---- checks ------------------------------------------------------------- */

static bool utf8_ok(const char *s) { return !s || g_utf8_validate(s, -1, NULL); }

fsc_status fsc_check(const fsc_chart *c)
{
    if (!c || (unsigned)c->kind >= FSC_KIND_COUNT) return FSC_ERR_ARG;
    const char *texts[] = {c->title, c->subtitle, c->note, c->source, c->lang, c->na_label};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (!utf8_ok(texts[i])) return FSC_ERR_UTF8;
    return kinds[c->kind].check(c);
}

/* ---- the frame ---------------------------------------------------------- */

fsc_status fsc_draw(fsc_fonts *f, const fsc_chart *c, cairo_t *cr, fsc_rect r, fsc_labels *labels)
{
    if (!f || !cr || !(r.w > 0) || !(r.h > 0) || !isfinite(r.w) || !isfinite(r.h))
        return FSC_ERR_ARG;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return fsc_from_cairo(cairo_status(cr));
    fsc_status st = fsc_check(c);
    if (st != FSC_OK) return st;

    fsc_ctx x;
    double u = fsc_base_size(r.w, r.h);
    st = fsc_ctx_init(&x, f, cr, c->lang, c->na_label, u, labels);
    if (st != FSC_OK) return st;

    cairo_save(cr);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_clip(cr);
    fsc_set_rgb(cr, FSC_RGB_BG);
    cairo_paint(cr);

    double pad = u * 1.0, w = r.w - 2 * pad;
    double top = r.y + pad * 0.9, bottom = r.y + r.h - pad * 0.8;
    fsc_tstyle title = {
        .size = u * 1.45, .bold = true, .color = FSC_RGB_TEXT, .width = w, .lines = 2};
    fsc_tstyle sub = {.size = u * 1.0, .color = FSC_RGB_TEXT2, .width = w, .lines = 2};
    fsc_tstyle src = {.size = u * 0.8, .color = FSC_RGB_MUTED, .width = w, .lines = 2};
    fsc_tstyle note = {.size = u * 0.8, .color = FSC_RGB_TEXT2, .width = w, .lines = 3};

    if (c->title && *c->title)
        top += fsc_text(&x, c->title, &title, r.x + pad, top, FSC_TL).h + u * 0.2;
    if (c->subtitle && *c->subtitle)
        top += fsc_text(&x, c->subtitle, &sub, r.x + pad, top, FSC_TL).h;
    if (top > r.y + pad) top += u * 0.9;
    if (c->source && *c->source)
        bottom -= fsc_text(&x, c->source, &src, r.x + pad, bottom, FSC_BL).h + u * 0.25;
    if (c->note && *c->note)
        bottom -= fsc_text(&x, c->note, &note, r.x + pad, bottom, FSC_BL).h + u * 0.2;
    bottom -= u * 0.5;

    fsc_rect plot = {r.x + pad, top, w, bottom - top};
    if (plot.h < u * 3) plot.h = u * 3; /* absurdly small: draw anyway, clipped */
    kinds[c->kind].draw(&x, c, plot);
    cairo_restore(cr);

    st = x.st;
    if (st == FSC_OK) st = fsc_from_cairo(cairo_status(cr));
    fsc_ctx_free(&x);
    return st;
}
