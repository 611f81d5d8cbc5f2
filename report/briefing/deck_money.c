/*
 * deck_money.c — chart 13-losses: losses and amounts recovered per county
 * in 万元 (standard v2 §4), the recovery rates in the takeaway.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

void fs_rc_build_losses(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    double *loss = fs_rc_per_county(rc, f, "loss_yuan", 1),
           *rec = fs_rc_per_county(rc, f, "recovered_yuan", 1);
    double *rate = fs_rc_per_county(rc, f, "recovery_pct", 0.01);
    fsc_series *s = fs_rc_alloc(rc, 2 * sizeof *s);
    if (!loss || !rec || !rate || !s)
        return;
    for (size_t i = 0; i < rc->nc; i++) {
        loss[i] = fs_rc_wan(loss[i]);
        rec[i] = fs_rc_wan(rec[i]);
    }
    s[0] = (fsc_series){.name = fs_rc_tr(rc, FS_L_LO_LOSS), .values = loss, .color = RGB_LOSS};
    s[1] = (fsc_series){.name = fs_rc_tr(rc, FS_L_LO_RECOV), .values = rec, .color = RGB_YEAR};
    fsc_chart *c = &rc->c[FS_RC_LOSSES];
    *c = fs_rc_base_chart(rc, FSC_BARS, fs_rc_tr(rc, FS_L_LO_TITLE));
    c->subtitle = fs_rc_tpl(rc, FS_L_LO_SUB, rc->year_s, NULL);
    c->bars = (fsc_bars){.cats = fs_rc_counties(rc),
                         .series = s,
                         .nseries = 2,
                         .format = FSC_FMT_DECIMAL2,
                         .axis_title = fs_rc_tr(rc, FS_L_OV_UNIT_WAN)};
    c->bars.cats.colors = NULL;
    double zl = fs_rc_wan(fs_rc_fig(f, "ALL", "loss_yuan")),
           zr = fs_rc_wan(fs_rc_fig(f, "ALL", "recovered_yuan"));
    double zp = fs_rc_fig(f, "ALL", "recovery_pct") / 100;
    if (!isfinite(zl)) {
        rc->take[FS_RC_LOSSES] = fs_rc_tr(rc, FS_L_NO_FIGURES);
        return;
    }
    const char *l1 = fs_rc_tpl(
        rc, FS_L_LO_TAKE, fs_rc_num(rc, zl, FSC_FMT_DECIMAL2), fs_rc_num(rc, zr, FSC_FMT_DECIMAL2),
        fs_rc_num(rc, zp, FSC_FMT_PERCENT), fs_rc_cov_suffix(rc, FS_T_INCIDENTS, false), NULL);
    int hi, lo;
    int k = fs_rc_hi_lo(rate, rc->nc, &hi, &lo);
    const char *l2 = k == 1    ? fs_rc_tpl(rc, FS_L_LO_TAKE_ONE, rc->county[hi],
                                           fs_rc_num(rc, rate[hi], FSC_FMT_PERCENT), NULL)
                     : hi >= 0 ? fs_rc_tpl(rc, FS_L_LO_TAKE2, rc->county[hi],
                                           fs_rc_num(rc, rate[hi], FSC_FMT_PERCENT), rc->county[lo],
                                           fs_rc_num(rc, rate[lo], FSC_FMT_PERCENT), NULL)
                               : NULL;
    rc->take[FS_RC_LOSSES] = fs_rc_lines2(rc, l1, l2);
}
