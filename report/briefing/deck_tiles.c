/*
 * deck_tiles.c — chart 08-tiles: the headline figures of the zone with
 * their change on the previous year (on the briefing's cover too).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

void fs_rc_build_tiles(fs_rc *rc)
{
    static const struct {
        fs_doc_label label;
        const char *metric;
        double scale;
        fsc_fmt fmt;
        fsc_trend trend;
    } defs[] = {
        {FS_L_TI_OFF, "offenses_per_10k", 1, FSC_FMT_DECIMAL2, FSC_TREND_UP_BAD},
        {FS_L_M_CROSS, "cross_cases", 1, FSC_FMT_INTEGER, FSC_TREND_NEUTRAL},
        {FS_L_TI_DISP, "disputes", 1, FSC_FMT_INTEGER, FSC_TREND_NEUTRAL},
        {FS_L_ME_TITLE, "resolution_pct", 0.01, FSC_FMT_PERCENT, FSC_TREND_UP_GOOD},
        {FS_L_M_CLEARANCE, "clearance_pct", 0.01, FSC_FMT_PERCENT, FSC_TREND_UP_GOOD},
        {FS_L_M_ACTIVITIES, "activities", 1, FSC_FMT_INTEGER, FSC_TREND_UP_GOOD},
    };
    size_t n = sizeof defs / sizeof defs[0];
    fsc_tile *t = fs_rc_alloc(rc, n * sizeof *t);
    if (!t)
        return;
    for (size_t i = 0; i < n; i++) {
        t[i] = (fsc_tile){.label = fs_rc_tr(rc, defs[i].label),
                          .value = fs_rc_fig(rc->ctx->fig, "ALL", defs[i].metric) * defs[i].scale,
                          .previous = fs_rc_fig(rc->prev, "ALL", defs[i].metric) * defs[i].scale,
                          .format = defs[i].fmt == FSC_FMT_DECIMAL2 ? rc->off_fmt : defs[i].fmt,
                          .trend = defs[i].trend,
                          .change_text = fs_rc_not_comparable(rc, "ALL", defs[i].metric),
                          .note = fs_rc_metric_coverage(rc, "ALL", defs[i].metric)};
    }
    fsc_chart *c = &rc->c[FS_RC_TILES];
    *c = fs_rc_base_chart(rc, FSC_TILES, fs_rc_tpl(rc, FS_L_TI_TITLE, rc->year_s, NULL));
    c->tiles = (fsc_tiles){.tiles = t,
                           .n = n,
                           .compare_label =
                               rc->prev ? fs_rc_tpl(rc, FS_L_TI_COMPARE, rc->prev_s, NULL) : NULL,
                           .points_unit = fs_rc_tr(rc, FS_L_TI_POINTS),
                           .no_change_label = fs_rc_tpl(rc, FS_L_TI_NO_PREV, rc->prev_s, NULL)};
    rc->take[FS_RC_TILES] = NULL;
}
