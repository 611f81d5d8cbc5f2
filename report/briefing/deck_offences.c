/*
 * deck_offences.c — charts 01-offences (offences per 10 000 residents, Y
 * beside Y-1, the zone as the last pair of bars) and 12-change (the same
 * figure per county as a dot plot Y-1 → Y).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/* Counts the counties whose figure fell, rose or stayed the same from
 * before[i] to now[i], compared at the precision the chart prints (fmt):
 * 3.41 → 3.41 is "the same" even if the exact values differ, so every
 * sentence about the change (01-offences, 12-change) counts alike.
 * Counties without both figures are not counted.  *best receives the
 * county with the largest fall (-1 if none fell). */
static void count_change(const fs_rc *rc, const double *now, const double *before, fsc_fmt fmt,
                         int *down, int *up, int *same, int *best)
{
    *down = *up = *same = 0;
    *best = -1;
    for (size_t i = 0; i < rc->nc; i++) {
        if (!isfinite(now[i]) || !isfinite(before[i]))
            continue;
        char a[64], b[64];
        fsc_format_value(a, sizeof a, now[i], fmt, "");
        fsc_format_value(b, sizeof b, before[i], fmt, "");
        if (strcmp(a, b) == 0) {
            (*same)++;
            continue;
        }
        if (now[i] < before[i]) {
            (*down)++;
            if (*best < 0 || before[i] - now[i] > before[*best] - now[*best])
                *best = (int)i;
        } else {
            (*up)++;
        }
    }
}

/* "… fell in N counties[, stayed the same in S] and rose in M": the one
 * sentence of both charts (template k: OFF_TAKE_CHANGE or CH_TAKE). */
static const char *change_sentence(fs_rc *rc, fs_doc_label k, int down, int up, int same)
{
    return fs_rc_tpl(rc, k, rc->prev_s, fs_rc_inum(rc, down), fs_rc_inum(rc, up),
                     same ? fs_rc_tpl(rc, FS_L_CH_SAME, fs_rc_inum(rc, same), NULL) : "", NULL);
}

void fs_rc_build_offences(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    size_t n = rc->nc + 1; /* the counties, then the zone */
    double *now = fs_rc_doubles(rc, n), *before = fs_rc_doubles(rc, n);
    const char **names = fs_rc_alloc(rc, n * sizeof *names);
    fsc_series *s = fs_rc_alloc(rc, 2 * sizeof *s);
    if (!now || !before || !names || !s)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *scope = i < rc->nc ? rc->z->counties[i].code : "ALL";
        now[i] = fs_rc_fig(f, scope, "offenses_per_10k");
        before[i] = fs_rc_fig(rc->prev, scope, "offenses_per_10k");
        names[i] = i < rc->nc
                       ? rc->county[i]
                       : fs_rc_with_cov(rc, fs_rc_tr(rc, FS_L_ZONE),
                                        fs_rc_metric_coverage(rc, "ALL", "offenses_per_10k"));
    }
    bool has_prev = fs_rc_arg_best(before, rc->nc, true) >= 0;
    size_t ns = 0;
    if (has_prev)
        s[ns++] = (fsc_series){.name = rc->prev_s, .values = before, .color = RGB_PREV};
    s[ns++] = (fsc_series){.name = rc->year_s, .values = now, .color = RGB_YEAR};
    fsc_chart *c = &rc->c[FS_RC_OFFENCES];
    *c = fs_rc_base_chart(rc, FSC_BARS, fs_rc_tr(rc, FS_L_OFF_TITLE));
    c->subtitle = has_prev ? fs_rc_tpl(rc, FS_L_OFF_SUB_ZONE, rc->year_s, rc->prev_s, NULL)
                           : fs_rc_tpl(rc, FS_L_OFF_SUB_ONE, rc->year_s, rc->prev_s, NULL);
    double zone = now[rc->nc];
    c->bars = (fsc_bars){.cats = {names, NULL, n},
                         .series = s,
                         .nseries = ns,
                         .format = rc->off_fmt,
                         .axis_title = fs_rc_tr(rc, FS_L_OFF_AXIS),
                         .last_is_total = true}; /* the zone: near-black, apart */
    /* the zone's pair of bars side by side reads as a change: say when it
     * is not one (standard v2 §4), as 12-change does */
    const char *nc = has_prev ? fs_rc_not_comparable(rc, "ALL", "offenses_per_10k") : NULL;
    if (nc)
        c->note = fs_rc_tpl(rc, FS_L_NC_NOTE, fs_rc_tr(rc, FS_L_ZONE), nc, NULL);

    const char *l1;
    if (has_prev) {
        int down, up, same, best;
        count_change(rc, now, before, rc->off_fmt, &down, &up, &same, &best);
        l1 = change_sentence(rc, FS_L_OFF_TAKE_CHANGE, down, up, same);
    } else {
        l1 = fs_rc_tpl(rc, FS_L_OFF_TAKE_NOPRIOR, rc->prev_s, rc->year_s, NULL);
    }
    const char *l2 = fs_rc_high_low(rc, now, rc->off_fmt, zone, "offenses_per_10k");
    const char *miss = fs_rc_missing_list(rc, now);
    if (miss && fs_rc_arg_best(now, rc->nc, true) >= 0)
        l2 = fs_rc_join(rc, l2, fs_rc_tpl(rc, FS_L_TAKE_NODATA, miss, NULL));
    rc->take[FS_RC_OFFENCES] = fs_rc_lines2(rc, l1, l2);
}

void fs_rc_build_change(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    size_t n = rc->nc + 1;
    double *now = fs_rc_doubles(rc, n), *before = fs_rc_doubles(rc, n);
    const char **names = fs_rc_alloc(rc, n * sizeof *names);
    fsc_series *s = fs_rc_alloc(rc, 2 * sizeof *s);
    if (!now || !before || !names || !s)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *scope = i < rc->nc ? rc->z->counties[i].code : "ALL";
        now[i] = fs_rc_fig(f, scope, "offenses_per_10k");
        before[i] = fs_rc_fig(rc->prev, scope, "offenses_per_10k");
        names[i] = i < rc->nc
                       ? rc->county[i]
                       : fs_rc_with_cov(rc, fs_rc_tr(rc, FS_L_ZONE),
                                        fs_rc_metric_coverage(rc, "ALL", "offenses_per_10k"));
    }
    /* the zone's change, when its counties differ between the years, is
     * not drawn as a change: the year covering fewer counties hollow (as
     * in 11-trends), no line between the years, the note says why */
    bool *hb = fs_rc_alloc(rc, n * sizeof *hb), *hn = fs_rc_alloc(rc, n * sizeof *hn);
    if (!hb || !hn)
        return;
    const char *nc = fs_rc_not_comparable(rc, "ALL", "offenses_per_10k");
    if (nc) {
        hb[rc->nc] = fs_rc_year_partial(rc->prev, "ALL", "offenses_per_10k");
        hn[rc->nc] = fs_rc_year_partial(f, "ALL", "offenses_per_10k");
    }
    s[0] = (fsc_series){.name = rc->prev_s,
                        .values = before,
                        .color = RGB_PREV,
                        .marker = FSC_MARKER_CIRCLE,
                        .hollow = hb};
    s[1] = (fsc_series){.name = rc->year_s,
                        .values = now,
                        .color = RGB_YEAR,
                        .marker = FSC_MARKER_DIAMOND,
                        .hollow = hn};
    fsc_chart *c = &rc->c[FS_RC_CHANGE];
    *c = fs_rc_base_chart(rc, FSC_DOTS, fs_rc_tr(rc, FS_L_CH_TITLE));
    c->subtitle = fs_rc_tpl(rc, FS_L_CH_SUB, rc->prev_s, rc->year_s, NULL);
    c->dots = (fsc_dots){.cats = {names, NULL, n},
                         .series = s,
                         .nseries = 2,
                         .format = rc->off_fmt,
                         .axis_title = fs_rc_tr(rc, FS_L_OFF_AXIS)};
    if (nc)
        c->note = fs_rc_tpl(rc, FS_L_TR_HOLLOW,
                            fs_rc_tpl(rc, FS_L_NC_NOTE, fs_rc_tr(rc, FS_L_ZONE), nc, NULL), NULL);
    /* a county's row without one of its points says which year it lacks,
     * not left to be read as a value hidden behind the other */
    for (int k = 0; k < 2; k++) {
        const double *v = k ? now : before;
        /* (a year no county has is said by the takeaway) */
        const char *miss = fs_rc_arg_best(v, rc->nc, true) >= 0 ? fs_rc_missing_list(rc, v) : NULL;
        const char *line =
            miss ? fs_rc_tpl(rc, FS_L_CH_NODATA, k ? rc->year_s : rc->prev_s, miss, NULL) : NULL;
        if (line)
            c->note = c->note ? fs_rc_join(rc, c->note, line) : line;
    }
    int down, up, same, best;
    count_change(rc, now, before, rc->off_fmt, &down, &up, &same, &best);
    if (down + up + same == 0) {
        rc->take[FS_RC_CHANGE] = fs_rc_tpl(rc, FS_L_OFF_TAKE_NOPRIOR, rc->prev_s, rc->year_s, NULL);
        return;
    }
    const char *l1 = change_sentence(rc, FS_L_CH_TAKE, down, up, same);
    const char *l2 = best >= 0 ? fs_rc_tpl(rc, FS_L_CH_TAKE2, rc->county[best],
                                           fs_rc_num(rc, before[best], rc->off_fmt),
                                           fs_rc_num(rc, now[best], rc->off_fmt), NULL)
                               : NULL;
    rc->take[FS_RC_CHANGE] = fs_rc_lines2(rc, l1, l2);
}
