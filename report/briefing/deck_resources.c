/*
 * deck_resources.c — chart 16-grid-video: grid members and video devices
 * added per 10 000 residents by county, the zone as the last pair.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/* "zone v; highest A (v), lowest B (v)" of a per-10 000 figure (label k),
 * "zone v; only A has the figure (v)" (label one) when one county has it. */
static const char *resource_take(fs_rc *rc, fs_doc_label k, fs_doc_label one, const double *v,
                                 double zone, const char *metric)
{
    const char *cov = fs_rc_metric_cov_suffix(rc, metric, false);
    int hi, lo;
    int nv = fs_rc_hi_lo(v, rc->nc, &hi, &lo);
    if (hi < 0)
        return NULL;
    if (nv == 1)
        return fs_rc_tpl(rc, one, fs_rc_num(rc, zone, FSC_FMT_DECIMAL1), rc->county[hi],
                         fs_rc_num(rc, v[hi], FSC_FMT_DECIMAL1), cov, NULL);
    return fs_rc_tpl(rc, k, fs_rc_num(rc, zone, FSC_FMT_DECIMAL1), rc->county[hi],
                     fs_rc_num(rc, v[hi], FSC_FMT_DECIMAL1), rc->county[lo],
                     fs_rc_num(rc, v[lo], FSC_FMT_DECIMAL1), cov, NULL);
}

/*
 * Grid members and video devices added per 10 000 residents by county,
 * the zone as the last pair (magnitudes: bars from 0; one unit, so one
 * axis; the two measures told apart by colour and the legend).
 */
void fs_rc_build_resources(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    size_t n = rc->nc + 1; /* the counties, then the zone */
    double *grid = fs_rc_doubles(rc, n), *video = fs_rc_doubles(rc, n);
    const char **names = fs_rc_alloc(rc, n * sizeof *names);
    fsc_series *s = fs_rc_alloc(rc, 2 * sizeof *s);
    if (!grid || !video || !names || !s)
        return;
    /* The zone's coverage, under its bars when both figures cover the
     * same counties, else in each measure's legend entry (each may lack
     * other counties' indicator). */
    const char *gcov = fs_rc_metric_coverage(rc, "ALL", "grid_members_per_10k"),
               *vcov = fs_rc_metric_coverage(rc, "ALL", "video_devices_per_10k");
    bool same = (!gcov && !vcov) || (gcov && vcov && strcmp(gcov, vcov) == 0);
    for (size_t i = 0; i < n; i++) {
        const char *scope = i < rc->nc ? rc->z->counties[i].code : "ALL";
        grid[i] = fs_rc_fig(f, scope, "grid_members_per_10k");
        video[i] = fs_rc_fig(f, scope, "video_devices_per_10k");
        names[i] = i < rc->nc ? rc->county[i]
                              : fs_rc_with_cov(rc, fs_rc_tr(rc, FS_L_ZONE), same ? gcov : NULL);
    }
    s[0] = (fsc_series){.name = fs_rc_with_cov(rc, fs_rc_tr(rc, FS_L_RS_GRID), same ? NULL : gcov),
                        .values = grid,
                        .color = RGB_YEAR};
    s[1] = (fsc_series){.name = fs_rc_with_cov(rc, fs_rc_tr(rc, FS_L_RS_VIDEO), same ? NULL : vcov),
                        .values = video,
                        .color = RGB_VIDEO};
    fsc_chart *c = &rc->c[FS_RC_RESOURCES];
    *c = fs_rc_base_chart(rc, FSC_BARS, fs_rc_tr(rc, FS_L_RS_TITLE));
    c->subtitle = fs_rc_tpl(rc, FS_L_RS_SUB, rc->year_s, NULL);
    c->note = fs_rc_tr(rc, FS_L_RS_NOTE);
    c->bars = (fsc_bars){.cats = {names, NULL, n},
                         .series = s,
                         .nseries = 2,
                         .format = FSC_FMT_DECIMAL1,
                         .axis_title = fs_rc_tr(rc, FS_L_RS_AXIS),
                         .last_is_total = true}; /* the zone: near-black, apart */
    const char *l1 = resource_take(rc, FS_L_RS_TAKE_GRID, FS_L_RS_TAKE_GRID_ONE, grid, grid[rc->nc],
                                   "grid_members_per_10k");
    const char *l2 = resource_take(rc, FS_L_RS_TAKE_VIDEO, FS_L_RS_TAKE_VIDEO_ONE, video,
                                   video[rc->nc], "video_devices_per_10k");
    rc->take[FS_RC_RESOURCES] = l1 || l2 ? fs_rc_lines2(rc, l1, l2) : fs_rc_tr(rc, FS_L_NO_FIGURES);
}
