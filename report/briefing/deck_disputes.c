/*
 * deck_disputes.c — charts 03a-disputes and 03b-disputes-share: disputes
 * by type per county, absolute and as 100 % bars; the largest types by
 * zone total, the rest (and the standard's "other") as "other".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

#define MAX_TYPES 6 /* dispute types shown; the rest join "other"  */

typedef struct dtype {
    int metric;  /* index of disputes_type_<code> in the figures */
    int value;   /* enum index of the type                        */
    double zone; /* zone total this year (NaN: none)              */
} dtype;

static int by_zone_desc(const void *a, const void *b)
{
    const dtype *p = a, *q = b;
    double x = isfinite(p->zone) ? p->zone : -1, y = isfinite(q->zone) ? q->zone : -1;
    if (x != y)
        return x > y ? -1 : 1;
    return (p->value > q->value) - (p->value < q->value);
}

void fs_rc_build_disputes(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    int ci = fs_column_index(FS_T_DISPUTES, "type");
    const fs_column *col = &fs_tables[FS_T_DISPUTES].columns[ci < 0 ? 0 : ci];
    dtype all[64];
    size_t nt = 0;
    int other = -1; /* the standard's own "other" type */
    for (size_t m = 0; ci >= 0 && m < f->nmetrics && nt < 64; m++) {
        const fs_fig_metric *fm = &f->metrics[m];
        if (fm->base >= 0 || strcmp(fm->def->name, "disputes_type_%s") != 0 || fm->value < 0 ||
            (size_t)fm->value >= col->nvalues)
            continue;
        all[nt] = (dtype){(int)m, fm->value, fs_rc_fig(f, "ALL", fm->name)};
        if (strcmp(col->values[fm->value].code, "other") == 0)
            other = (int)nt;
        nt++;
    }
    /* the largest types by zone total, the rest (and "other") as "other" */
    dtype named[64];
    size_t nn = 0;
    for (size_t t = 0; t < nt; t++)
        if ((int)t != other)
            named[nn++] = all[t];
    // cppcheck-suppress uninitvar ; named[0..nn) are set just above, the rest is not used
    qsort(named, nn, sizeof *named, by_zone_desc);
    size_t shown = 0; /* the types with disputes, at most MAX_TYPES */
    while (shown < nn && shown < MAX_TYPES && isfinite(named[shown].zone) && named[shown].zone > 0)
        shown++;
    bool merge = nn > shown || other >= 0;
    size_t ns = shown + (merge ? 1 : 0);
    fsc_series *s = fs_rc_alloc(rc, (ns ? ns : 1) * sizeof *s);
    if (!s)
        return;
    const size_t nc = rc->nc;
    size_t scope_of[FS_ZONE_MAX];
    for (size_t i = 0; i < nc; i++) {
        int si = fs_fig_scope_index(f, rc->z->counties[i].code);
        scope_of[i] = si < 0 ? SIZE_MAX : (size_t)si;
    }
    /* value of metric m for county i (NaN unless set) */
#define CELL(i, m)                                                                                 \
    (scope_of[i] == SIZE_MAX ? NAN                                                                 \
     : fs_fig_value_at(f, scope_of[i], (size_t)(m))->state == FS_FIG_SET                           \
         ? fs_fig_value_at(f, scope_of[i], (size_t)(m))->d                                         \
         : NAN)
    const char *merged_names = NULL;
    for (size_t k = 0; k < ns; k++) {
        double *v = fs_rc_doubles(rc, nc);
        if (!v)
            return;
        const char *name;
        if (k < shown) {
            for (size_t i = 0; i < nc; i++)
                v[i] = CELL(i, named[k].metric);
            const fs_enum_value *ev = &col->values[named[k].value];
            name = rc->lang == FS_LANG_ZH ? ev->zh : ev->en;
        } else { /* other: the standard's "other" plus the smaller types */
            for (size_t i = 0; i < nc; i++) {
                double sum = NAN;
                for (size_t t = 0; t < nt; t++) {
                    bool in = (int)t == other;
                    for (size_t j = shown; j < nn && !in; j++)
                        in = named[j].metric == all[t].metric;
                    double x = in ? CELL(i, all[t].metric) : NAN;
                    if (isfinite(x))
                        sum = isfinite(sum) ? sum + x : x;
                }
                v[i] = sum;
            }
            const fs_enum_value *ov = other >= 0 ? &col->values[all[other].value] : NULL;
            name = ov ? (rc->lang == FS_LANG_ZH ? ov->zh : ov->en) : fs_rc_tr(rc, FS_L_OTHER);
            size_t nmore = 0; /* the smaller types that have disputes */
            while (shown + nmore < nn && isfinite(named[shown + nmore].zone) &&
                   named[shown + nmore].zone > 0)
                nmore++;
            if (nmore > 0) { /* say what "other" holds */
                size_t len = 1;
                for (size_t j = shown; j < shown + nmore; j++) {
                    const fs_enum_value *ev = &col->values[named[j].value];
                    len += strlen(rc->lang == FS_LANG_ZH ? ev->zh : ev->en) + 4;
                }
                char *list = fs_rc_alloc(rc, len + 64);
                if (list) {
                    for (size_t j = shown; j < shown + nmore; j++) {
                        const fs_enum_value *ev = &col->values[named[j].value];
                        if (*list)
                            strcat(list, fs_rc_tr(rc, FS_L_LIST_SEP));
                        strcat(list, rc->lang == FS_LANG_ZH ? ev->zh : fs_rc_lower1(rc, ev->en));
                    }
                    merged_names =
                        fs_rc_tpl(rc, ov ? FS_L_OTHER_ALSO : FS_L_OTHER_INCLUDES, name, list, NULL);
                }
            }
        }
        s[k] = (fsc_series){.name = name, .values = v, .color = fsc_sequence_color(k, ns)};
    }
#undef CELL
    fsc_chart *c = &rc->c[FS_RC_DISPUTES];
    *c = fs_rc_base_chart(rc, FSC_STACK, fs_rc_tr(rc, FS_L_DI_TITLE));
    c->subtitle = fs_rc_tpl(rc, FS_L_DI_SUB, rc->year_s, NULL);
    c->note = merged_names;
    c->stack = (fsc_stack){.cats = fs_rc_counties(rc),
                           .series = s,
                           .nseries = ns,
                           .format = FSC_FMT_INTEGER,
                           .axis_title = fs_rc_tr(rc, FS_L_DI_AXIS),
                           .total_label = fs_rc_tr(rc, FS_L_TOTAL)};
    fsc_chart *p = &rc->c[FS_RC_DISPUTES_SHARE];
    *p = *c;
    p->title = fs_rc_tr(rc, FS_L_DI_TITLE_PCT);
    p->stack.percent = true;
    p->stack.axis_title = fs_rc_tr(rc, FS_L_DI_AXIS_PCT);

    /* takeaways */
    double total = fs_rc_fig(f, "ALL", "disputes");
    double *per = fs_rc_per_county(rc, f, "disputes", 1);
    if (!per)
        return;
    if (!isfinite(total) || nn == 0 || !isfinite(named[0].zone) || total <= 0) {
        rc->take[FS_RC_DISPUTES] = rc->take[FS_RC_DISPUTES_SHARE] =
            fs_rc_tpl(rc, FS_L_DI_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    const char *l1 =
        shown > 1
            ? fs_rc_tpl(rc, FS_L_DI_TAKE_TYPES, rc->year_s, fs_rc_num(rc, total, FSC_FMT_INTEGER),
                        s[0].name, fs_rc_num(rc, named[0].zone / total, FSC_FMT_PERCENT), s[1].name,
                        fs_rc_num(rc, named[1].zone / total, FSC_FMT_PERCENT),
                        fs_rc_cov_suffix(rc, FS_T_DISPUTES, false), NULL)
            : fs_rc_tpl(rc, FS_L_DI_TAKE_TYPE, rc->year_s, fs_rc_num(rc, total, FSC_FMT_INTEGER),
                        s[0].name, fs_rc_num(rc, named[0].zone / total, FSC_FMT_PERCENT),
                        fs_rc_cov_suffix(rc, FS_T_DISPUTES, false), NULL);
    int most = fs_rc_arg_best(per, rc->nc, true);
    const char *l2 = most >= 0 ? fs_rc_tpl(rc, FS_L_DI_TAKE_MOST, rc->county[most],
                                           fs_rc_num(rc, per[most], FSC_FMT_INTEGER), NULL)
                               : NULL;
    rc->take[FS_RC_DISPUTES] = fs_rc_lines2(rc, l1, l2);

    /* 100 %: in how many counties the zone's top type leads, its share range */
    int leads = 0, with = 0;
    double *share = fs_rc_doubles(rc, rc->nc);
    if (!share)
        return;
    for (size_t i = 0; i < rc->nc; i++) {
        double rowmax = -1, t0 = s[0].values[i], sum = 0;
        bool any = false;
        for (size_t k = 0; k < ns; k++) {
            double v = s[k].values[i];
            if (!isfinite(v))
                continue;
            any = true;
            sum += v;
            if (k < shown && v > rowmax) /* "other" is no type of its own */
                rowmax = v;
        }
        if (!any || sum <= 0)
            continue;
        with++;
        leads += isfinite(t0) && t0 >= rowmax;
        share[i] = isfinite(t0) ? t0 / sum : 0;
    }
    int hi, lo; /* one county: no range to tell */
    if (fs_rc_hi_lo(share, rc->nc, &hi, &lo) < 2)
        hi = -1;
    const char *m1 =
        leads == with ? fs_rc_tpl(rc, FS_L_DI_TAKE_LEAD_ALL, s[0].name, fs_rc_inum(rc, with), NULL)
                      : fs_rc_tpl(rc, FS_L_DI_TAKE_LEAD, s[0].name, fs_rc_inum(rc, leads),
                                  fs_rc_inum(rc, with), NULL);
    const char *m2 =
        hi >= 0 ? fs_rc_tpl(rc, FS_L_DI_TAKE_RANGE, fs_rc_num(rc, share[lo], FSC_FMT_PERCENT),
                            rc->county[lo], fs_rc_num(rc, share[hi], FSC_FMT_PERCENT),
                            rc->county[hi], NULL)
                : NULL;
    rc->take[FS_RC_DISPUTES_SHARE] = fs_rc_lines2(rc, m1, m2);
}
