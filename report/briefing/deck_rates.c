/*
 * deck_rates.c — charts 04-mediation and 07-clearance: a rate by county as
 * a dot plot on a zoomed axis, sorted from the highest, the zone as a
 * dashed reference line (charts/README.md: rates close to each other).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/*
 * A rate by county as a dot plot (charts/README.md: rates close to each
 * other get a zoomed axis, not bars from 0): counties sorted from the
 * highest, the zone as a dashed reference line.  Returns the values in
 * zone order (for the takeaway), NULL on no memory.
 */
static double *rate_dots(fs_rc *rc, fs_rc_chart which, const char *metric, fs_doc_label title,
                         fs_doc_label sub, fs_doc_label axis, fs_doc_label note,
                         const char *zone_label, fs_table t)
{
    const fs_figures *f = rc->ctx->fig;
    double *v = fs_rc_per_county(rc, f, metric, 0.01);
    size_t *o = v ? fs_rc_order_desc(rc, v, rc->nc) : NULL;
    double *sv = fs_rc_doubles(rc, rc->nc);
    const char **names = fs_rc_alloc(rc, (rc->nc ? rc->nc : 1) * sizeof *names);
    fsc_series *s = fs_rc_alloc(rc, sizeof *s);
    if (!v || !o || !sv || !names || !s)
        return NULL;
    for (size_t i = 0; i < rc->nc; i++) {
        sv[i] = v[o[i]];
        names[i] = rc->county[o[i]];
    }
    double zone = fs_rc_fig(f, "ALL", metric) / 100;
    s[0] = (fsc_series){
        .name = fs_rc_tr(rc, axis), .values = sv, .color = RGB_YEAR, .marker = FSC_MARKER_CIRCLE};
    fsc_chart *c = &rc->c[which];
    *c = fs_rc_base_chart(rc, FSC_DOTS, fs_rc_tr(rc, title));
    c->subtitle = fs_rc_tpl(rc, sub, rc->year_s, NULL);
    c->note = fs_rc_tr(rc, note);
    c->dots = (fsc_dots){.cats = {names, NULL, rc->nc},
                         .series = s,
                         .nseries = 1,
                         .format = FSC_FMT_PERCENT,
                         .axis_title = fs_rc_tr(rc, axis)};
    if (isfinite(zone)) {
        c->dots.ref_label = fs_rc_with_cov(rc, zone_label, fs_rc_coverage(rc, "ALL", t));
        c->dots.ref_value = zone;
    }
    return v;
}

void fs_rc_build_mediation(fs_rc *rc)
{
    double *v = rate_dots(rc, FS_RC_MEDIATION, "resolution_pct", FS_L_ME_TITLE, FS_L_ME_SUB,
                          FS_L_DI_RATE, FS_L_ME_NOTE, fs_rc_tr(rc, FS_L_ZONE), FS_T_DISPUTES);
    if (!v)
        return;
    double zone = fs_rc_fig(rc->ctx->fig, "ALL", "resolution_pct") / 100;
    const char *l1 = NULL;
    if (isfinite(zone)) {
        int at = 0, with = 0;
        char zb[64], vb[64];
        fsc_format_value(zb, sizeof zb, zone, FSC_FMT_PERCENT, "");
        for (size_t i = 0; i < rc->nc; i++) { /* as printed: 82.2% ≥ 82.2% */
            fsc_format_value(vb, sizeof vb, v[i], FSC_FMT_PERCENT, "");
            at += isfinite(v[i]) && (v[i] >= zone || strcmp(vb, zb) == 0);
            with += isfinite(v[i]);
        }
        l1 = fs_rc_tpl(rc, FS_L_ME_TAKE, fs_rc_num(rc, zone, FSC_FMT_PERCENT), fs_rc_inum(rc, at),
                       fs_rc_inum(rc, with), fs_rc_cov_suffix(rc, FS_T_DISPUTES, false), NULL);
    }
    const char *l2 = fs_rc_high_low(rc, v, FSC_FMT_PERCENT, NAN, NULL);
    const char *miss = fs_rc_missing_list(rc, v);
    if (miss && fs_rc_arg_best(v, rc->nc, true) >= 0)
        l2 = fs_rc_join(rc, l2, fs_rc_tpl(rc, FS_L_TAKE_NODATA, miss, NULL));
    rc->take[FS_RC_MEDIATION] = fs_rc_lines2(rc, l1, l2);
}

void fs_rc_build_clearance(fs_rc *rc)
{
    double *cl =
        rate_dots(rc, FS_RC_CLEARANCE, "clearance_pct", FS_L_CL_TITLE, FS_L_CL_SUB,
                  FS_L_M_CLEARANCE, FS_L_CL_NOTE, fs_rc_tr(rc, FS_L_CL_ZONE), FS_T_INCIDENTS);
    if (!cl)
        return;
    const fs_figures *f = rc->ctx->fig;
    double zc = fs_rc_fig(f, "ALL", "clearance_pct") / 100;
    int hi, lo;
    int k = fs_rc_hi_lo(cl, rc->nc, &hi, &lo);
    const char *cov = fs_rc_cov_suffix(rc, FS_T_INCIDENTS, false);
    const char *l1 = k == 1 ? fs_rc_tpl(rc, FS_L_CL_TAKE_ONE, rc->county[hi],
                                        fs_rc_num(rc, cl[hi], FSC_FMT_PERCENT),
                                        fs_rc_num(rc, zc, FSC_FMT_PERCENT), cov, NULL)
                     : hi >= 0
                         ? fs_rc_tpl(rc, FS_L_CL_TAKE_CLEAR, fs_rc_num(rc, cl[lo], FSC_FMT_PERCENT),
                                     rc->county[lo], fs_rc_num(rc, cl[hi], FSC_FMT_PERCENT),
                                     rc->county[hi], fs_rc_num(rc, zc, FSC_FMT_PERCENT), cov, NULL)
                         : fs_rc_tr(rc, FS_L_NO_FIGURES);
    const char *miss = fs_rc_missing_list(rc, cl);
    const char *l2 = miss && hi >= 0 ? fs_rc_tpl(rc, FS_L_TAKE_NODATA, miss, NULL) : NULL;
    rc->take[FS_RC_CLEARANCE] = fs_rc_lines2(rc, l1, l2);
}
