/*
 * figures_register.c — the register of cross-regional cases (see
 * figures_register.h), built from the shared incident records that
 * figures_sql.c read and grouped by reference.
 */
#include "figures_register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures_int.h"
#include "grow.h"

void fs_xreg_free(fs_xreg *g)
{
    if (!g)
        return;
    free(g->strings);
    free(g->offenses);
    free(g->rec);
    free(g->cases);
    free(g);
}

/* Copy the year's shared incident records (already sorted by reference,
 * county, case_id: figures_sql.c) into g->rec. */
static fs_status xreg_copy(const fs_fig_data *d, int yi, fs_xreg *g)
{
    size_t slot = (size_t)yi * FS_T_COUNT + FS_T_INCIDENTS;
    size_t lo = d->ref_hi[slot] ? d->refs[d->ref_lo[slot]].first : 0;
    size_t hi =
        d->ref_hi[slot] ? d->refs[d->ref_hi[slot] - 1].first + d->refs[d->ref_hi[slot] - 1].n : 0;
    g->rec = calloc(hi > lo ? hi - lo : 1, sizeof *g->rec);
    if (!g->rec)
        return FS_ERR_NOMEM;
    /* the strings in one block: three small mallocs per record cost more
     * in headers than the strings themselves */
    size_t bytes = 1;
    for (size_t k = lo; k < hi; k++) {
        const fs_fig_srow *s = &d->srows[k];
        bytes += strlen(s->ref) + strlen(s->id) + 2;
        bytes += s->subcategory ? strlen(s->subcategory) + 1 : 0;
    }
    char *p = g->strings = malloc(bytes);
    if (!p)
        return FS_ERR_NOMEM;
    *p++ = '\0'; /* the empty subcategory */
    for (size_t k = lo; k < hi; k++) {
        const fs_fig_srow *s = &d->srows[k];
        fs_xreg_record *r = &g->rec[g->n++];
        const char *src[3] = {s->ref, s->id, s->subcategory};
        const char **dst[3] = {&r->ref, &r->case_id, &r->subcategory};
        for (int i = 0; i < 3; i++) {
            if (!src[i]) {
                *dst[i] = g->strings;
                continue;
            }
            size_t n = strlen(src[i]) + 1;
            memcpy(p, src[i], n);
            *dst[i] = p;
            p += n;
        }
        snprintf(r->date, sizeof r->date, "%s", s->date ? s->date : "");
        r->county = s->county;
        r->category = s->code;
        r->status = s->status;
        r->offenses = s->offenses;
        r->loss = s->loss;
        r->recovered = s->recovered;
        r->involved = s->named;
        r->assisted = s->assisted;
    }
    return FS_OK;
}

/* Group the sorted records into cases (see CR_REG_NOTE for the rules). */
static fs_status xreg_group(fs_xreg *g)
{
    size_t ncases = 0;
    for (size_t i = 0; i < g->n; i++)
        ncases += i == 0 || strcmp(g->rec[i].ref, g->rec[i - 1].ref) != 0;
    g->width = 1;
    for (size_t i = 0; i < g->n; i++)
        if ((size_t)g->rec[i].county >= g->width)
            g->width = (size_t)g->rec[i].county + 1;
    g->cases = calloc(ncases ? ncases : 1, sizeof *g->cases);
    g->offenses = calloc((ncases ? ncases : 1) * g->width, sizeof *g->offenses);
    if (!g->cases || !g->offenses)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < g->n;) {
        int64_t *offenses = g->offenses + g->ncases * g->width;
        fs_xreg_case *c = &g->cases[g->ncases++];
        c->offenses = offenses;
        c->first = &g->rec[i];
        size_t j = i;
        while (j < g->n && strcmp(g->rec[j].ref, g->rec[i].ref) == 0)
            j++;
        c->n = j - i;
        c->status = 2;
        c->lead = -1;
        for (size_t k = i; k < j; k++) {
            const fs_xreg_record *r = &g->rec[k];
            offenses[r->county] += r->offenses;
            c->total += r->offenses;
            c->loss += r->loss;
            c->recovered += r->recovered;
            c->reporters |= (fs_county_set)1 << r->county;
            c->named |= r->involved | (fs_county_set)1 << r->county;
            c->assisting |= r->assisted;
            if (r->status >= 0 && r->status < c->status)
                c->status = r->status;
            if (!c->first_date[0] || strcmp(r->date, c->first_date) < 0)
                snprintf(c->first_date, sizeof c->first_date, "%s", r->date);
            bool seen = false;
            for (int q = 0; q < c->ncategories; q++)
                seen |= c->categories[q] == r->category;
            if (!seen && c->ncategories < 2)
                c->categories[c->ncategories++] = r->category;
        }
        /* Lead: most offences, then the earliest report, then the lowest
         * code (county indices follow the codes). */
        char earliest[FS_ZONE_MAX][16];
        memset(earliest, 0, sizeof earliest);
        for (size_t k = i; k < j; k++) {
            const fs_xreg_record *r = &g->rec[k];
            if (!earliest[r->county][0] || strcmp(r->date, earliest[r->county]) < 0)
                snprintf(earliest[r->county], sizeof earliest[r->county], "%s", r->date);
        }
        for (int k = 0; k < (int)g->width; k++) {
            if (!(c->reporters >> k & 1))
                continue;
            if (c->lead < 0 || c->offenses[k] > c->offenses[c->lead] ||
                (c->offenses[k] == c->offenses[c->lead] &&
                 strcmp(earliest[k], earliest[c->lead]) < 0))
                c->lead = k;
        }
        if (c->lead >= 0)
            c->assisting &= ~((fs_county_set)1 << c->lead);
        i = j;
    }
    return FS_OK;
}

/* The description: the lead county's first non-empty subcategory. */
const char *fs_xreg_description(const fs_xreg_case *c, int *county)
{
    const char *any = "";
    *county = -1;
    for (size_t k = 0; k < c->n; k++) {
        const fs_xreg_record *r = &c->first[k];
        if (!r->subcategory[0])
            continue;
        if (r->county == c->lead) {
            *county = r->county;
            return r->subcategory;
        }
        if (!any[0]) {
            any = r->subcategory;
            *county = r->county;
        }
    }
    return any;
}

fs_status fs_xreg_build(const fs_fig_data *d, int yi, fs_xreg **out)
{
    *out = NULL;
    fs_xreg *g = calloc(1, sizeof *g);
    if (!g)
        return FS_ERR_NOMEM;
    fs_status st = xreg_copy(d, yi, g);
    if (st == FS_OK)
        st = xreg_group(g);
    if (st != FS_OK) {
        fs_xreg_free(g);
        return st;
    }
    *out = g;
    return FS_OK;
}
