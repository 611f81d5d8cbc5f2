/*
 * deck_families.c — charts 10-offence-categories, 14-activities and
 * 15-mediation-levels: the zone's figures of one family (a value of a
 * schema column each) as horizontal bars.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/*
 * Horizontal bars of the zone's figures of a family ("offenses_cat_%s")
 * whose values are the codes of column `colname` of table t: a bar per
 * code the figures hold, labelled in the language; sorted largest first
 * (a ranking) or kept in the code order (ordered categories such as
 * mediation levels).  *out_v / *out_names receive the bars in drawing
 * order, *out_n their number.
 */
static void family_bars(fs_rc *rc, fs_rc_chart which, const char *pattern, fs_table t,
                        const char *colname, bool sorted, fs_doc_label title, fs_doc_label sub,
                        fs_doc_label axis, const double **out_v, const char *const **out_names,
                        size_t *out_n)
{
    const fs_figures *f = rc->ctx->fig;
    *out_n = 0;
    int ci = fs_column_index(t, colname);
    if (ci < 0)
        return;
    const fs_column *col = &fs_tables[t].columns[ci];
    double *v = fs_rc_doubles(rc, col->nvalues + 1);
    const char **names = fs_rc_alloc(rc, (col->nvalues + 1) * sizeof *names);
    if (!v || !names)
        return;
    size_t n = 0;
    for (size_t m = 0; m < f->nmetrics && n < col->nvalues; m++) {
        const fs_fig_metric *fm = &f->metrics[m];
        if (fm->base >= 0 || strcmp(fm->def->name, pattern) != 0 || fm->value < 0 ||
            (size_t)fm->value >= col->nvalues)
            continue;
        double x = fs_rc_fig(f, "ALL", fm->name);
        if (!isfinite(x))
            continue;
        v[n] = x;
        const fs_enum_value *ev = &col->values[fm->value];
        names[n++] = rc->lang == FS_LANG_ZH ? ev->zh : ev->en;
    }
    double *sv = v;
    const char **sn = names;
    if (sorted) {
        size_t *o = fs_rc_order_desc(rc, v, n);
        sv = fs_rc_doubles(rc, n + 1);
        sn = fs_rc_alloc(rc, (n + 1) * sizeof *sn);
        if (!o || !sv || !sn)
            return;
        for (size_t i = 0; i < n; i++) {
            sv[i] = v[o[i]];
            sn[i] = names[o[i]];
        }
    }
    fsc_series *s = fs_rc_alloc(rc, sizeof *s);
    if (!s)
        return;
    s[0] = (fsc_series){.name = rc->year_s, .values = sv, .color = RGB_YEAR};
    fsc_chart *c = &rc->c[which];
    *c = fs_rc_base_chart(rc, FSC_STACK, fs_rc_tr(rc, title));
    c->subtitle =
        fs_rc_with_cov(rc, fs_rc_tpl(rc, sub, rc->year_s, NULL), fs_rc_coverage(rc, "ALL", t));
    c->stack = (fsc_stack){.cats = {sn, NULL, n},
                           .series = s,
                           .nseries = 1,
                           .format = FSC_FMT_INTEGER,
                           .axis_title = fs_rc_tr(rc, axis)};
    *out_v = sv;
    *out_names = sn;
    *out_n = n;
}

void fs_rc_build_categories(fs_rc *rc)
{
    const double *v = NULL;
    const char *const *names = NULL;
    size_t n = 0;
    family_bars(rc, FS_RC_CATEGORIES, "offenses_cat_%s", FS_T_INCIDENTS, "category", true,
                FS_L_CAT_TITLE, FS_L_CAT_SUB, FS_L_CR_TOTAL_OFF, &v, &names, &n);
    double all = fs_rc_fig(rc->ctx->fig, "ALL", "offenses");
    if (n == 0 || !isfinite(all) || all <= 0) {
        rc->take[FS_RC_CATEGORIES] = fs_rc_tr(rc, FS_L_NO_FIGURES);
        return;
    }
    const char *l1 = fs_rc_tpl(rc, FS_L_CAT_TAKE, names[0], fs_rc_num(rc, v[0], FSC_FMT_INTEGER),
                               fs_rc_num(rc, v[0] / all, FSC_FMT_PERCENT),
                               fs_rc_cov_suffix(rc, FS_T_INCIDENTS, true), NULL);
    const char *l2 =
        n > 1 ? fs_rc_tpl(rc, FS_L_CAT_TAKE2, names[1], fs_rc_num(rc, v[1], FSC_FMT_INTEGER), NULL)
              : NULL;
    rc->take[FS_RC_CATEGORIES] = fs_rc_lines2(rc, l1, l2);
}

void fs_rc_build_activities(fs_rc *rc)
{
    const double *v = NULL;
    const char *const *names = NULL;
    size_t n = 0;
    family_bars(rc, FS_RC_ACTIVITIES, "activities_%s", FS_T_COOPERATION, "kind", true,
                FS_L_AC_TITLE, FS_L_AC_SUB, FS_L_CO_LEGEND, &v, &names, &n);
    rc->c[FS_RC_ACTIVITIES].note = fs_rc_tr(rc, FS_L_AC_NOTE);
    double all = fs_rc_fig(rc->ctx->fig, "ALL", "activities");
    if (n == 0 || !isfinite(all)) {
        rc->take[FS_RC_ACTIVITIES] = fs_rc_tpl(rc, FS_L_CO_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    rc->take[FS_RC_ACTIVITIES] = fs_rc_lines2(
        rc,
        fs_rc_tpl(rc, FS_L_AC_TAKE, rc->year_s, fs_rc_num(rc, all, FSC_FMT_INTEGER), names[0],
                  fs_rc_num(rc, v[0], FSC_FMT_INTEGER),
                  fs_rc_cov_suffix(rc, FS_T_COOPERATION, false), NULL),
        n > 1 ? fs_rc_tpl(rc, FS_L_AC_TAKE2, names[1], fs_rc_num(rc, v[1], FSC_FMT_INTEGER), NULL)
              : NULL);
}

void fs_rc_build_levels(fs_rc *rc)
{
    const double *v = NULL;
    const char *const *names = NULL;
    size_t n = 0;
    family_bars(rc, FS_RC_LEVELS, "disputes_level_%s", FS_T_DISPUTES, "level", false, FS_L_LV_TITLE,
                FS_L_LV_SUB, FS_L_DI_AXIS, &v, &names, &n);
    double all = fs_rc_fig(rc->ctx->fig, "ALL", "disputes");
    int best = fs_rc_arg_best(v, n, true);
    if (n == 0 || best < 0 || !isfinite(all) || all <= 0) {
        rc->take[FS_RC_LEVELS] = fs_rc_tpl(rc, FS_L_DI_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    const char *cov = fs_rc_cov_suffix(rc, FS_T_DISPUTES, true);
    const char *l1 = fs_rc_tpl(rc, FS_L_LV_TAKE, fs_rc_num(rc, v[best] / all, FSC_FMT_PERCENT),
                               fs_rc_lower1(rc, names[best]),
                               fs_rc_num(rc, v[best], FSC_FMT_INTEGER), cov, NULL);
    const char *l2 =
        n > 1 && best != 0
            ? fs_rc_tpl(rc, FS_L_LV_TAKE, fs_rc_num(rc, v[0] / all, FSC_FMT_PERCENT),
                        fs_rc_lower1(rc, names[0]), fs_rc_num(rc, v[0], FSC_FMT_INTEGER), cov, NULL)
        : n > 1
            ? fs_rc_tpl(rc, FS_L_LV_TAKE, fs_rc_num(rc, v[1] / all, FSC_FMT_PERCENT),
                        fs_rc_lower1(rc, names[1]), fs_rc_num(rc, v[1], FSC_FMT_INTEGER), cov, NULL)
            : NULL;
    rc->take[FS_RC_LEVELS] = fs_rc_lines2(rc, l1, l2);
}
