/*
 * deck_hexmap.c — chart 09-hexmap: the counties as hexagons where the zone
 * file's "hex" lines put them, shaded by a figure (offences per 10 000 by
 * default; fs_rc_set_map_figure picks another).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/*
 * The map of `metric`: tiles where the zone's "hex" lines put them;
 * counties without a position in a row under the others.  Returns false
 * for an unknown metric.
 */
bool fs_rc_build_hexmap(fs_rc *rc, const char *metric)
{
    const fs_figures *f = rc->ctx->fig;
    int mi = fs_fig_metric_index(f, metric);
    if (mi < 0)
        return false;
    const fs_fig_metric *m = &f->metrics[mi];
    double scale;
    fsc_fmt fmt = fs_rc_metric_format(m, &scale);
    double *v = fs_rc_per_county(rc, f, metric, scale);
    fsc_hex *h = fs_rc_alloc(rc, rc->nc * sizeof *h);
    if (!v || !h)
        return true;
    fmt = fs_rc_decimals_for(v, rc->nc, fmt);
    /* lowest row of the placed tiles, in units of the row height */
    double ymax = -1e9;
    int qmin = 0;
    bool any = false;
    for (size_t i = 0; i < rc->nc; i++) {
        const fs_county *c = &rc->z->counties[i];
        if (!c->has_hex)
            continue;
        double y = c->hex_r + c->hex_q / 2.0;
        if (!any || y > ymax)
            ymax = y;
        if (!any || c->hex_q < qmin)
            qmin = c->hex_q;
        any = true;
    }
    int k = 0;
    for (size_t i = 0; i < rc->nc; i++) {
        const fs_county *c = &rc->z->counties[i];
        int q = c->hex_q, r = c->hex_r;
        if (!c->has_hex) { /* a zig-zag row below: y = r + q/2 ≥ ymax + 1 */
            q = qmin + k++;
            double want = any ? ymax + 1 : 0;
            r = (int)ceil(want - q / 2.0);
        }
        h[i] = (fsc_hex){.label = rc->county[i], .q = q, .r = r, .value = v[i]};
    }
    bool is_default = strcmp(metric, "offenses_per_10k") == 0;
    fsc_chart *c = &rc->c[FS_RC_HEXMAP];
    const char *doc = rc->lang == FS_LANG_ZH ? m->doc_zh : m->doc_en;
    const char *unit = rc->lang == FS_LANG_ZH ? m->unit_zh : m->unit_en;
    *c = fs_rc_base_chart(rc, FSC_HEXMAP,
                          is_default ? fs_rc_tr(rc, FS_L_HX_TITLE)
                                     : fs_rc_tpl(rc, FS_L_HX_TITLE_FIG, doc, NULL));
    c->subtitle = fs_rc_tpl(rc,
                            !any    ? FS_L_HX_SUB_NONE
                            : k > 0 ? FS_L_HX_SUB_PARTIAL
                                    : FS_L_HX_SUB,
                            rc->year_s, NULL);
    c->hexmap = (fsc_hexmap){.hexes = h,
                             .n = rc->nc,
                             .format = fmt,
                             .legend_title = is_default ? fs_rc_tr(rc, FS_L_HX_LEGEND) : unit,
                             .north_label = any ? fs_rc_tr(rc, FS_L_HX_NORTH) : NULL};
    int hi, lo;
    int nv = fs_rc_hi_lo(v, rc->nc, &hi, &lo);
    const char *l1 =
        nv == 1   ? fs_rc_tpl(rc, FS_L_TAKE_ONE, rc->county[hi], fs_rc_num(rc, v[hi], fmt), NULL)
        : hi >= 0 ? fs_rc_tpl(rc, FS_L_HX_TAKE, rc->county[hi], fs_rc_num(rc, v[hi], fmt),
                              rc->county[lo], fs_rc_num(rc, v[lo], fmt), NULL)
                  : fs_rc_tr(rc, FS_L_NO_FIGURES);
    rc->take[FS_RC_HEXMAP] = l1;
    return true;
}
