/*
 * deck_cross.c — chart 02-cross-regional: cross-regional cases and their
 * share of all cases in the zone over the years up to Y, the provinces in
 * the note (with why they add up to more than the zone).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

void fs_rc_build_cross(fs_rc *rc)
{
    const fs_report_ctx *ctx = rc->ctx;
    const fs_zone *z = rc->z;
    size_t ny = 0;
    for (size_t t = 0; t < ctx->ntrend; t++)
        ny += ctx->trend[t] && ctx->trend[t]->year <= ctx->year;
    /* ny >= 1: the report's year is held (ctx load checks it) */
    const char **years = fs_rc_alloc(rc, (ny + 1) * sizeof *years);
    fsc_series *cases = fs_rc_alloc(rc, sizeof *cases);
    fsc_series *share = fs_rc_alloc(rc, sizeof *share);
    fsc_panel *panels = fs_rc_alloc(rc, 2 * sizeof *panels);
    double *vc = fs_rc_doubles(rc, ny + 1), *vs = fs_rc_doubles(rc, ny + 1);
    bool *hollow = fs_rc_alloc(rc, (ny + 1) * sizeof *hollow);
    if (!years || !cases || !share || !panels || !vc || !vs || !hollow)
        return;
    bool any_hollow = false;
    size_t k = 0;
    for (size_t t = 0; t < ctx->ntrend; t++) {
        const fs_figures *f = ctx->trend[t];
        if (!f || f->year > ctx->year) /* a report for Y shows years up to Y */
            continue;
        years[k] = fs_rc_inum(rc, f->year);
        vc[k] = fs_rc_fig(f, "ALL", "cross_cases");
        vs[k] = fs_rc_fig(f, "ALL", "cross_share_pct") / 100;
        /* a year covering fewer counties: a hollow point, as in 11-trends */
        hollow[k] = fs_rc_year_partial(f, "ALL", "cross_cases");
        any_hollow = any_hollow || hollow[k];
        k++;
    }
    const char *zname =
        fs_rc_with_cov(rc, fs_rc_tr(rc, FS_L_ZONE), fs_rc_coverage(rc, "ALL", FS_T_INCIDENTS));
    cases[0] = (fsc_series){
        .name = zname, .values = vc, .color = RGB_YEAR, .emphasis = true, .hollow = hollow};
    share[0] = cases[0];
    share[0].values = vs;
    panels[0] = (fsc_panel){.title = fs_rc_tr(rc, FS_L_M_CASES),
                            .format = FSC_FMT_INTEGER,
                            .series = cases,
                            .nseries = 1};
    panels[1] = (fsc_panel){.title = fs_rc_tr(rc, FS_L_XR_SHARE),
                            .format = FSC_FMT_PERCENT,
                            .series = share,
                            .nseries = 1,
                            .label_points = true,
                            .hide_direct_labels = true};
    panels[0].label_points = panels[0].hide_direct_labels = true;
    fsc_chart *c = &rc->c[FS_RC_CROSS];
    *c = fs_rc_base_chart(rc, FSC_LINES, fs_rc_tr(rc, FS_L_M_CROSS));
    c->subtitle = ny > 1 ? fs_rc_tpl(rc, FS_L_XR_SUB_RANGE, years[0], years[ny - 1], NULL)
                         : fs_rc_tpl(rc, FS_L_XR_SUB_ONE, rc->year_s, NULL);
    c->lines = (fsc_lines){.x_labels = years, .nx = ny, .panels = panels, .npanels = 2};

    /* the provinces in the note, with why they add up to more than the zone */
    const fs_figures *f = ctx->fig;
    size_t len = 1;
    const char **items = fs_rc_alloc(rc, (z->nprovinces + 1) * sizeof *items);
    size_t nitems = 0;
    for (size_t p = 0; items && p < z->nprovinces; p++) {
        double v = fs_rc_fig(f, z->provinces[p].code, "cross_cases");
        if (!isfinite(v))
            continue;
        items[nitems] =
            fs_rc_tpl(rc, FS_L_XR_PROV_ITEM,
                      rc->lang == FS_LANG_ZH ? z->provinces[p].name_zh : z->provinces[p].name_en,
                      fs_rc_num(rc, v, FSC_FMT_INTEGER), NULL);
        len += strlen(items[nitems++]) + 4;
    }
    char *list = nitems ? fs_rc_alloc(rc, len) : NULL;
    for (size_t i = 0; list && i < nitems; i++) {
        if (i)
            strcat(list, fs_rc_tr(rc, FS_L_LIST_SEP));
        strcat(list, items[i]);
    }
    c->note = list ? fs_rc_lines2(rc, fs_rc_tr(rc, FS_L_XR_NOTE),
                                  fs_rc_tpl(rc, FS_L_XR_NOTE_PROV, list, NULL))
                   : fs_rc_tr(rc, FS_L_XR_NOTE);
    const fs_figures **held = fs_rc_alloc(rc, (ny + 1) * sizeof(const fs_figures *));
    size_t nh = 0;
    for (size_t t = 0; held && t < ctx->ntrend; t++)
        if (ctx->trend[t] && ctx->trend[t]->year <= ctx->year)
            held[nh++] = ctx->trend[t];
    static const fs_table inc[] = {FS_T_INCIDENTS};
    const char *cn = held ? fs_rc_trend_coverage(rc, held, nh, inc, 1) : NULL;
    if (cn)
        c->note =
            fs_rc_lines2(rc, c->note, any_hollow ? fs_rc_tpl(rc, FS_L_TR_HOLLOW, cn, NULL) : cn);

    double n = fs_rc_fig(f, "ALL", "cross_cases"),
           sh = fs_rc_fig(f, "ALL", "cross_share_pct") / 100;
    double pn = fs_rc_fig(rc->prev, "ALL", "cross_cases");
    const char *l1, *l2 = NULL;
    const char *cov = fs_rc_cov_suffix(rc, FS_T_INCIDENTS, false);
    const char *nc = fs_rc_not_comparable(rc, "ALL", "cross_cases");
    if (!isfinite(n))
        l1 = fs_rc_tpl(rc, FS_L_XR_TAKE_NONE, rc->year_s, NULL);
    else if (isfinite(pn))
        l1 = fs_rc_tpl(rc, nc ? FS_L_XR_TAKE_NC : FS_L_XR_TAKE_PRIOR, rc->year_s,
                       fs_rc_num(rc, n, FSC_FMT_INTEGER), rc->prev_s,
                       fs_rc_num(rc, pn, FSC_FMT_INTEGER), fs_rc_num(rc, sh, FSC_FMT_PERCENT), cov,
                       nc, NULL);
    else
        l1 = fs_rc_tpl(rc, FS_L_XR_TAKE, rc->year_s, fs_rc_num(rc, n, FSC_FMT_INTEGER),
                       fs_rc_num(rc, sh, FSC_FMT_PERCENT), cov, NULL);
    int best = -1;
    double bv = 0;
    for (size_t p = 0; p < z->nprovinces; p++) {
        double v = fs_rc_fig(f, z->provinces[p].code, "cross_cases");
        if (isfinite(v) && v > 0 && (best < 0 || v > bv)) {
            best = (int)p;
            bv = v;
        }
    }
    /* provinces tied for the most are all named, each with its coverage */
    const char *names[FS_ZONE_MAX];
    int ntied = 0;
    for (size_t p = 0; best >= 0 && p < z->nprovinces && ntied < FS_ZONE_MAX; p++) {
        double v = fs_rc_fig(f, z->provinces[p].code, "cross_cases");
        if (!isfinite(v) || v != bv)
            continue;
        const char *name =
            rc->lang == FS_LANG_ZH ? z->provinces[p].name_zh : z->provinces[p].name_en;
        names[ntied++] =
            fs_rc_with_cov(rc, name, fs_rc_coverage(rc, z->provinces[p].code, FS_T_INCIDENTS));
    }
    const char *tied = ntied ? names[0] : NULL;
    for (int i = 1; i < ntied; i++) /* "A, B and C" / "A、B和C" */
        tied = i == ntied - 1 ? fs_rc_tpl(rc, FS_L_LIST_AND, tied, names[i], NULL)
                              : fs_rc_tpl(rc, FS_L_LIST_NEXT, tied, names[i], NULL);
    if (ntied > 1) {
        l2 = fs_rc_tpl(rc, FS_L_XR_TAKE_PROVS, tied, fs_rc_num(rc, bv, FSC_FMT_INTEGER), NULL);
    } else if (best >= 0) {
        const char *pcov = fs_rc_coverage(rc, z->provinces[best].code, FS_T_INCIDENTS);
        l2 = fs_rc_tpl(rc, FS_L_XR_TAKE_PROV,
                       rc->lang == FS_LANG_ZH ? z->provinces[best].name_zh
                                              : z->provinces[best].name_en,
                       fs_rc_num(rc, bv, FSC_FMT_INTEGER),
                       pcov ? fs_rc_tpl(rc, FS_L_COV_INNER, pcov, NULL) : "", NULL);
    }
    rc->take[FS_RC_CROSS] = fs_rc_lines2(rc, l1, l2);
}
