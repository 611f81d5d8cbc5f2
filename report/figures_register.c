/*
 * figures_register.c — loading the register of cross-regional cases (see
 * figures_register.h).
 */
#include "figures_register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures_int.h"
#include "grow.h"

void fs_xreg_free(fs_xreg *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->rec[i].ref);
        free(g->rec[i].case_id);
        free(g->rec[i].subcategory);
    }
    free(g->rec);
    free(g->cases);
    memset(g, 0, sizeof *g);
}

static int cmp_record(const void *a, const void *b)
{
    const fs_xreg_record *x = a, *y = b;
    int c = strcmp(x->ref, y->ref);
    if (c)
        return c;
    if (x->county != y->county)
        return x->county < y->county ? -1 : 1;
    return strcmp(x->case_id, y->case_id);
}

/* Read the year's live records that carry a cross_ref. */
static fs_status xreg_read(fs_db *db, const fs_zone *z, int year, fs_xreg *g)
{
    static const char sql[] =
        "SELECT s.county, r.cross_ref, r.case_id, r.date_reported, r.category, r.subcategory,"
        " r.offenses, r.loss_yuan, r.recovered_yuan, r.status, r.counties_involved, r.assisted_by"
        " FROM live_slices s JOIN incidents r"
        " ON r.import_id = s.import_id AND r.county = s.county AND r.year = s.year"
        " WHERE s.tbl = 'incidents' AND s.year = ?1 AND r.cross_ref IS NOT NULL";
    fs_stmt *st;
    fs_status rc = fs_db_prepare(db, sql, &st);
    if (rc != FS_OK)
        return rc;
    fs_stmt_bind_int(st, 1, year);
    bool row;
    while ((rc = fs_stmt_step(st, &row)) == FS_OK && row) {
        int county = fs_zone_by_code(z, fs_stmt_text(st, 0));
        if (county < 0)
            continue; /* no longer a member county */
        if (!fs_grow((void **)&g->rec, &g->cap, g->n, sizeof *g->rec)) {
            rc = FS_ERR_NOMEM;
            break;
        }
        fs_xreg_record *r = &g->rec[g->n];
        memset(r, 0, sizeof *r);
        r->county = county;
        r->ref = strdup(fs_stmt_text(st, 1));
        r->case_id = strdup(fs_stmt_text(st, 2));
        r->subcategory = strdup(fs_stmt_text(st, 5));
        if (!r->ref || !r->case_id || !r->subcategory) {
            free(r->ref);
            free(r->case_id);
            free(r->subcategory);
            rc = FS_ERR_NOMEM;
            break;
        }
        snprintf(r->date, sizeof r->date, "%s", fs_stmt_text(st, 3));
        r->category = fs_enum_index(FS_T_INCIDENTS, "category", fs_stmt_text(st, 4));
        r->offenses = fs_stmt_int(st, 6);
        r->loss = fs_stmt_int(st, 7);
        r->recovered = fs_stmt_int(st, 8);
        r->status = fs_enum_index(FS_T_INCIDENTS, "status", fs_stmt_text(st, 9));
        r->involved = fs_zone_code_list(z, fs_stmt_text(st, 10));
        r->assisted = fs_zone_code_list(z, fs_stmt_text(st, 11));
        g->n++;
    }
    fs_stmt_free(st);
    if (rc != FS_OK)
        return rc;
    if (g->n > 1)
        qsort(g->rec, g->n, sizeof *g->rec, cmp_record);
    return FS_OK;
}

/* Group the sorted records into cases (see CR_REG_NOTE for the rules). */
static fs_status xreg_group(fs_xreg *g)
{
    size_t ncases = 0;
    for (size_t i = 0; i < g->n; i++)
        ncases += i == 0 || strcmp(g->rec[i].ref, g->rec[i - 1].ref) != 0;
    g->cases = calloc(ncases ? ncases : 1, sizeof *g->cases);
    if (!g->cases)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < g->n;) {
        fs_xreg_case *c = &g->cases[g->ncases++];
        c->first = &g->rec[i];
        size_t j = i;
        while (j < g->n && strcmp(g->rec[j].ref, g->rec[i].ref) == 0)
            j++;
        c->n = j - i;
        c->status = 2;
        c->lead = -1;
        for (size_t k = i; k < j; k++) {
            const fs_xreg_record *r = &g->rec[k];
            c->offenses[r->county] += r->offenses;
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
        for (int k = 0; k < FS_ZONE_MAX; k++) {
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
const char *fs_xreg_description(const fs_xreg_case *c)
{
    const char *any = "";
    for (size_t k = 0; k < c->n; k++) {
        const fs_xreg_record *r = &c->first[k];
        if (!r->subcategory[0])
            continue;
        if (r->county == c->lead)
            return r->subcategory;
        if (!any[0])
            any = r->subcategory;
    }
    return any;
}


fs_status fs_xreg_load(fs_db *db, const fs_zone *z, int year, fs_xreg *g)
{
    memset(g, 0, sizeof *g);
    fs_status st = xreg_read(db, z, year, g);
    if (st == FS_OK)
        st = xreg_group(g);
    return st;
}
