/*
 * deck_trends.c — chart 11-trends: the zone's headline figures over the
 * last three years up to Y, one panel each (rates on a zoomed axis).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

void fs_rc_build_trends(fs_rc *rc)
{
    static const struct {
        fs_doc_label label;
        const char *metric;
        double scale;
        fsc_fmt fmt;
    } defs[] = {
        {FS_L_TI_OFF, "offenses_per_10k", 1, FSC_FMT_DECIMAL2},
        {FS_L_M_CLEARANCE, "clearance_pct", 0.01, FSC_FMT_PERCENT},
        {FS_L_TI_DISP, "disputes", 1, FSC_FMT_INTEGER},
        {FS_L_ME_TITLE, "resolution_pct", 0.01, FSC_FMT_PERCENT},
        {FS_L_M_ACTIVITIES, "activities", 1, FSC_FMT_INTEGER},
    }; /* rates on a zoomed axis, counts from 0 (charts/README.md) */
    const size_t np = sizeof defs / sizeof defs[0];
    const fs_report_ctx *ctx = rc->ctx;
    /* the last three years up to Y (a report for Y shows years ≤ Y) */
    const fs_figures *yrs[3];
    size_t ny = 0;
    for (size_t t = ctx->ntrend; t-- > 0 && ny < 3;)
        if (ctx->trend[t] && ctx->trend[t]->year <= ctx->year)
            yrs[ny++] = ctx->trend[t];
    const char **xl = fs_rc_alloc(rc, 4 * sizeof *xl);
    fsc_panel *pn = fs_rc_alloc(rc, np * sizeof *pn);
    fsc_series *se = fs_rc_alloc(rc, np * sizeof *se);
    if (!xl || !pn || !se)
        return;
    for (size_t k = 0; k < ny; k++)
        xl[k] = fs_rc_inum(rc, yrs[ny - 1 - k]->year);
    const char *parts[8];
    size_t nparts = 0;
    bool any_hollow = false;
    for (size_t p = 0; p < np; p++) {
        double *v = fs_rc_doubles(rc, ny + 1);
        if (!v)
            return;
        for (size_t k = 0; k < ny; k++)
            v[k] = fs_rc_fig(yrs[ny - 1 - k], "ALL", defs[p].metric) * defs[p].scale;
        fsc_fmt fmt = defs[p].fmt == FSC_FMT_DECIMAL2 ? rc->off_fmt : defs[p].fmt;
        /* a year whose zone figure covers fewer counties: a hollow point */
        bool *hollow = fs_rc_alloc(rc, (ny + 1) * sizeof *hollow);
        if (!hollow)
            return;
        for (size_t k = 0; k < ny; k++) {
            hollow[k] = fs_rc_year_partial(yrs[ny - 1 - k], "ALL", defs[p].metric);
            any_hollow = any_hollow || hollow[k];
        }
        se[p] = (fsc_series){.name = fs_rc_tr(rc, FS_L_ZONE),
                             .values = v,
                             .color = RGB_YEAR,
                             .emphasis = true,
                             .hollow = hollow};
        pn[p] = (fsc_panel){.title = fs_rc_tr(rc, defs[p].label),
                            .format = fmt,
                            .series = &se[p],
                            .nseries = 1,
                            .label_points = true,
                            .hide_direct_labels = true,
                            .zoom = defs[p].fmt != FSC_FMT_INTEGER};
        if (ny >= 2 && isfinite(v[ny - 1]) && isfinite(v[ny - 2]) && nparts < 8) {
            char a[64], b[64]; /* as printed: 3.44 and 3.44 are unchanged */
            fsc_format_value(a, sizeof a, v[ny - 1], fmt, "");
            fsc_format_value(b, sizeof b, v[ny - 2], fmt, "");
            fs_doc_label k = strcmp(a, b) == 0       ? FS_L_TR_SAME
                             : v[ny - 1] > v[ny - 2] ? FS_L_TR_UP
                                                     : FS_L_TR_DOWN;
            if (fs_rc_not_comparable(rc, "ALL", defs[p].metric))
                k = FS_L_TR_NC;
            const char *label = fs_rc_lower1(rc, fs_rc_tr(rc, defs[p].label)); /* mid-sentence */
            parts[nparts++] = fs_rc_tpl(rc, k, label, NULL);
        }
    }
    fsc_chart *c = &rc->c[FS_RC_TRENDS];
    /* the title counts the years drawn: a warehouse with two years of
     * figures has no "three-year" trend */
    const char *title = ny >= 3   ? fs_rc_tr(rc, FS_L_TR_TITLE)
                        : ny == 2 ? fs_rc_tr(rc, FS_L_TR_TITLE2)
                                  : fs_rc_tpl(rc, FS_L_TR_TITLE1, rc->year_s, NULL);
    *c = fs_rc_base_chart(rc, FSC_LINES, title);
    c->subtitle = ny > 1 ? fs_rc_tpl(rc, FS_L_TR_SUB, xl[0], xl[ny - 1], NULL)
                         : fs_rc_tpl(rc, FS_L_XR_SUB_ONE, rc->year_s, NULL);
    c->lines = (fsc_lines){.x_labels = xl, .nx = ny, .panels = pn, .npanels = np};
    const fs_figures *asc[3];
    for (size_t k = 0; k < ny; k++)
        asc[k] = yrs[ny - 1 - k];
    static const fs_table tabs[] = {FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION};
    c->note = fs_rc_trend_coverage(rc, asc, ny, tabs, 3);
    if (c->note && any_hollow)
        c->note = fs_rc_tpl(rc, FS_L_TR_HOLLOW, c->note, NULL);
    /* a zoomed panel beside one from 0 exaggerates its change: say so */
    bool zoomed = false;
    for (size_t p = 0; p < np; p++)
        zoomed = zoomed || (pn[p].zoom && ny > 1);
    if (zoomed)
        c->note = c->note ? fs_rc_join(rc, c->note, fs_rc_tr(rc, FS_L_TR_ZOOM))
                          : fs_rc_tr(rc, FS_L_TR_ZOOM);
    if (nparts == 0) {
        rc->take[FS_RC_TRENDS] = fs_rc_tpl(rc, FS_L_TR_TAKE_ONE, rc->year_s, NULL);
        return;
    }
    size_t len = 1;
    for (size_t i = 0; i < nparts; i++)
        len += strlen(parts[i]) + 4;
    char *list = fs_rc_alloc(rc, len);
    if (!list)
        return;
    for (size_t i = 0; i < nparts; i++) {
        if (i)
            strcat(list, rc->lang == FS_LANG_ZH ? "，" : ", ");
        strcat(list, parts[i]);
    }
    rc->take[FS_RC_TRENDS] = fs_rc_tpl(rc, FS_L_TR_TAKE, rc->prev_s, list, NULL);
}
