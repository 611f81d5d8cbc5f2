/*
 * deck_matrices.c — charts 05-cooperation (pairs: the lower half of the
 * county matrix) and 06-assistance (directed: rows help, columns are
 * helped), from the coop_<code> and assist_<code> figures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/* n × n matrix: row county i, column county j = metric "<prefix><code j>"
 * of scope i; NaN where unset. */
static double *matrix(fs_rc *rc, const char *prefix)
{
    size_t n = rc->nc;
    double *m = fs_rc_doubles(rc, n * n);
    for (size_t i = 0; m && i < n; i++)
        for (size_t j = 0; j < n; j++) {
            char name[64];
            snprintf(name, sizeof name, "%s%s", prefix, rc->z->counties[j].code);
            m[i * n + j] = fs_rc_fig(rc->ctx->fig, rc->z->counties[i].code, name);
        }
    return m;
}

void fs_rc_build_cooperation(fs_rc *rc)
{
    size_t n = rc->nc;
    double *m = matrix(rc, "coop_");
    if (!m)
        return;
    fsc_chart *c = &rc->c[FS_RC_COOPERATION];
    *c = fs_rc_base_chart(rc, FSC_HEATMAP, fs_rc_tr(rc, FS_L_CO_TITLE));
    c->subtitle = fs_rc_tpl(rc, FS_L_CO_SUB, rc->year_s, NULL);
    c->note = fs_rc_tr(rc, FS_L_CO_NOTE);
    c->matrix = (fsc_matrix){.cats = fs_rc_counties(rc),
                             .values = m,
                             .format = FSC_FMT_INTEGER,
                             .row_title = fs_rc_tr(rc, FS_L_CO_ROWS),
                             .col_title = fs_rc_tr(rc, FS_L_CO_COLS),
                             .legend_title = fs_rc_tr(rc, FS_L_CO_LEGEND),
                             .skip_diagonal = true,
                             .lower_only = true};
    int bi = -1, bj = -1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double v = m[i * n + j];
            if (isfinite(v) && v > 0 && (bi < 0 || v > m[(size_t)bi * n + (size_t)bj])) {
                bi = (int)i;
                bj = (int)j;
            }
        }
    const char *l1 =
        bi >= 0 ? fs_rc_tpl(rc, FS_L_CO_TAKE_PAIR, rc->county[bi], rc->county[bj],
                            fs_rc_num(rc, m[(size_t)bi * n + (size_t)bj], FSC_FMT_INTEGER), NULL)
                : fs_rc_tpl(rc, FS_L_CO_TAKE_NONE, rc->year_s, NULL);
    double act = fs_rc_fig(rc->ctx->fig, "ALL", "activities");
    const char *l2 = isfinite(act) ? fs_rc_tpl(rc, FS_L_CO_TAKE_TOTAL, rc->year_s,
                                               fs_rc_num(rc, act, FSC_FMT_INTEGER),
                                               fs_rc_cov_suffix(rc, FS_T_COOPERATION, false), NULL)
                                   : NULL;
    rc->take[FS_RC_COOPERATION] = fs_rc_lines2(rc, l1, l2);
}

void fs_rc_build_assistance(fs_rc *rc)
{
    size_t n = rc->nc;
    double *m = matrix(rc, "assist_");
    double *gave = fs_rc_doubles(rc, n), *got = fs_rc_doubles(rc, n);
    if (!m || !gave || !got)
        return;
    /* a 7 × 7 matrix (charts/README.md: directed flows): rows give,
     * columns receive, in the zone order of every other chart */
    fsc_chart *c = &rc->c[FS_RC_ASSISTANCE];
    *c = fs_rc_base_chart(rc, FSC_HEATMAP, fs_rc_tr(rc, FS_L_AS_TITLE));
    c->subtitle = fs_rc_tpl(rc, FS_L_AS_SUB, rc->year_s, NULL);
    c->note = fs_rc_tr(rc, FS_L_AS_NOTE2);
    c->matrix = (fsc_matrix){.cats = fs_rc_counties(rc),
                             .values = m,
                             .format = FSC_FMT_INTEGER,
                             .row_title = fs_rc_tr(rc, FS_L_AS_ROWS),
                             .col_title = fs_rc_tr(rc, FS_L_AS_COLS),
                             .legend_title = fs_rc_tr(rc, FS_L_AS_LEGEND),
                             .ramp = RGB_ASSIST,
                             .skip_diagonal = true};
    int fi = -1, fj = -1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double v = m[i * n + j];
            if (i == j || !isfinite(v) || v <= 0)
                continue;
            gave[i] = isfinite(gave[i]) ? gave[i] + v : v;
            got[j] = isfinite(got[j]) ? got[j] + v : v;
            if (fi < 0 || v > m[(size_t)fi * n + (size_t)fj]) {
                fi = (int)i;
                fj = (int)j;
            }
        }
    if (fi < 0) {
        rc->take[FS_RC_ASSISTANCE] = fs_rc_tpl(rc, FS_L_AS_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    int g = fs_rc_arg_best(gave, n, true), r = fs_rc_arg_best(got, n, true);
    const char *l1 = g == r ? fs_rc_tpl(rc, FS_L_AS_TAKE_SAME, rc->county[g],
                                        fs_rc_num(rc, gave[g], FSC_FMT_INTEGER),
                                        fs_rc_num(rc, got[r], FSC_FMT_INTEGER), NULL)
                            : fs_rc_tpl(rc, FS_L_AS_TAKE_HELPER, rc->county[g],
                                        fs_rc_num(rc, gave[g], FSC_FMT_INTEGER), rc->county[r],
                                        fs_rc_num(rc, got[r], FSC_FMT_INTEGER), NULL);
    const char *l2 =
        fs_rc_tpl(rc, FS_L_AS_TAKE_FLOW, rc->county[fi], rc->county[fj],
                  fs_rc_num(rc, m[(size_t)fi * n + (size_t)fj], FSC_FMT_INTEGER), NULL);
    rc->take[FS_RC_ASSISTANCE] = fs_rc_lines2(rc, l1, l2);
}
