/*
 * ctx.c — the drawing context every layer above uses (chart_impl.h): set
 * up and free a fsc_ctx, record the first error, cairo statuses as chart
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

void fsc_fail(fsc_ctx *x, fsc_status st)
{
    if (x->st == FSC_OK) x->st = st;
}

fsc_status fsc_from_cairo(cairo_status_t cs)
{
    if (cs == CAIRO_STATUS_SUCCESS) return FSC_OK;
    return cs == CAIRO_STATUS_NO_MEMORY ? FSC_ERR_NOMEM : FSC_ERR_CAIRO;
}

double fsc_base_size(double w, double h)
{
    double u = sqrt(w * h) / 65.0;
    if (u > h / 26.0) u = h / 26.0;
    if (u > w / 36.0) u = w / 36.0;
    return u < 4.0 ? 4.0 : u;
}

fsc_status fsc_ctx_init(fsc_ctx *x, fsc_fonts *f, cairo_t *cr, const char *lang, const char *na,
                        double u, fsc_labels *log)
{
    memset(x, 0, sizeof *x);
    x->cr = cr;
    x->u = u;
    x->na = na ? na : "n/a";
    x->log = log;
    x->pc = fsc_fonts_context(f, lang);
    x->font = pango_font_description_new();
    if (!x->pc || !x->font) {
        fsc_ctx_free(x);
        return FSC_ERR_NOMEM;
    }
    pango_font_description_set_family(x->font, f->family);
    pango_cairo_update_context(cr, x->pc);
    return FSC_OK;
}

void fsc_ctx_free(fsc_ctx *x)
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

void fsc_labels_free(fsc_labels *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->items[i].text);
    free(l->items);
    free(l->lines);
    l->items = NULL;
    l->lines = NULL;
    l->n = l->cap = l->nlines = l->caplines = 0;
}

void fsc_set_rgb(cairo_t *cr, fsc_rgb c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

void fsc_set_rgba(cairo_t *cr, fsc_rgb c, double alpha)
{
    cairo_set_source_rgba(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                          (c & 0xFF) / 255.0, alpha);
}
