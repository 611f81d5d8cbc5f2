/*
 * ctx.c — the drawing context every layer above uses (chart_impl.h): set
 * up and free a chart_ctx, record the first error, cairo statuses as chart
 * statuses, the base text size of a rectangle, source colours, and the
 * label log's release.  The bottom of the drawing layers: it calls no
 * other file of the library but fonts.c (the pango context), so
 *
 *     ctx.c  <-  text.c  <-  legend.c, axis.c  <-  the kinds  <-  chart.c
 *
 * holds one way (tests/e2e/t45-layers.sh checks it on the objects).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"

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

void chart_set_rgb(cairo_t *cr, chart_rgb c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

void chart_set_rgba(cairo_t *cr, chart_rgb c, double alpha)
{
    cairo_set_source_rgba(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                          (c & 0xFF) / 255.0, alpha);
}
