/*
 * wb_crime.c — the Crime sheet: offences by county × ICCS section, and
 * the register of cross-regional cases: one row per cross_ref with
 * records in the year.  Both come from the figures (ctx->fig; the
 * register is fs_figures.xreg, figures_register.h).  At most
 * FS_WB_REGISTER_MAX cases are listed (by reference), which bounds the
 * workbook's size; a line says so when cases were left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures_register.h"
#include "wb_int.h"

static const char *iccs_short(const fs_wb *w, int cat)
{
    return cat >= 0 && cat < 11 ? fs_wb_l(w, (fs_wb_label)(FS_WB_L_ICCS_01 + cat)) : "?";
}

/* ---------------------------------------------------------------- sheet */

/* Offences by ICCS section (rows) × county (columns) and the zone: the
 * total row sums each county's column (= its offences), the zone column
 * sums each section's row; both are formulas when they give the figure. */
static void by_section(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    const fs_zone *z = w->zone;
    size_t nc = z->ncounties;
    int cat[11];
    size_t ncat = 0;
    char name[32];
    for (int i = 1; i <= 11; i++) {
        snprintf(name, sizeof name, "%s%02d", FS_MN(offenses_cat_), i);
        int m = fs_fig_metric_index(f, name);
        if (m >= 0)
            cat[ncat++] = m;
    }
    int off = fs_fig_metric_index(f, FS_MN(offenses)), zone = fs_wb_scope_zone(f);
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_CR_BY_SECTION));
    lxw_row_t hr = s->row++;
    lxw_col_t zc = (lxw_col_t)(1 + nc);
    fs_wb_head(s, hr, 0, fs_wb_l(w, FS_WB_L_CR_CATEGORY), true);
    for (size_t c = 0; c < nc; c++)
        fs_wb_head(s, hr, (lxw_col_t)(1 + c), fs_wb_county(w, (int)c), false);
    fs_wb_head(s, hr, zc, fs_wb_l(w, FS_WB_L_ZONE), false);
    lxw_row_t first = s->row;
    char formula[96], a[16], b[16];
    for (size_t i = 0; i <= ncat; i++) {
        bool total = i == ncat;
        // cppcheck-suppress uninitvar ; cat[i] is read only for i < ncat, all set above
        int m = total ? off : cat[i];
        lxw_row_t r = s->row++;
        fs_wb_row style = total ? FS_WB_R_TOTAL : FS_WB_R_BODY;
        fs_wb_text(s, r, 0, total ? fs_wb_l(w, FS_WB_L_TOTAL) : iccs_short(w, f->metrics[m].value),
                   w->num[style][FS_WB_N_TEXT]);
        double sum = 0;
        for (size_t c = 0; c <= nc; c++) {
            lxw_col_t col = (lxw_col_t)(1 + c);
            int scope = c < nc ? fs_wb_scope_county(f, (int)c) : zone;
            double value = fs_wb_fig_cell(f, scope, m);
            double expect = 0;
            if (total && c < nc) /* the county's column: its sections */
                for (size_t k = 0; k < ncat; k++) {
                    double x = fs_wb_fig_cell(f, scope, cat[k]);
                    expect += isfinite(x) ? x : 0;
                }
            else if (c == nc) /* the zone column: the counties of the row */
                expect = sum;
            bool formula_ok = isfinite(value) && (total || c == nc) && expect == value &&
                              (c < nc ? ncat > 0 : nc > 0);
            if (!formula_ok) {
                double x = fs_wb_fig(s, r, col, f, scope, m, style);
                sum += c < nc && isfinite(x) ? x : 0;
                continue;
            }
            if (c == nc)
                snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(r, 1, a),
                         fs_wb_ref(r, (lxw_col_t)nc, b));
            else
                snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(first, col, a),
                         fs_wb_ref(r - 1, col, b));
            fs_wb_formula(s, r, col, formula, value, style, FS_WB_N_INT);
            sum += c < nc ? value : 0;
        }
    }
    /* The full names of the sections, for the printed page. */
    char legend[2048] = "", item[256];
    int col = fs_column_index(FS_T_INCIDENTS, "category");
    const fs_column *cc = col >= 0 ? &fs_tables[FS_T_INCIDENTS].columns[col] : NULL;
    for (size_t i = 0; cc && i < cc->nvalues; i++) {
        snprintf(item, sizeof item, "%s%s %s", i ? "; " : "", cc->values[i].code,
                 fs_wb_enum(w, &cc->values[i]));
        strncat(legend, item, sizeof legend - strlen(legend) - 1);
    }
    char line[2300];
    const char *args[1] = {legend};
    fs_wb_fill(line, sizeof line, fs_wb_l(w, FS_WB_L_CR_SECTIONS), args, 1);
    fs_wb_paragraph(s, line, 11);
    /* The zone column covering fewer than all counties says so under the
     * table, as the county tables do (§4 v2). */
    fs_wb_coverage_lines(s, w->fig, 1u << FS_T_INCIDENTS);
}

static void register_table(fs_wb_sheet *s, const fs_xreg *g)
{
    fs_wb *w = s->wb;
    const fs_zone *z = w->zone;
    char buf[1024], n1[32], n2[32], y[16];
    char desc_buf[4 * 2000 + 256]; /* a description (2000 characters) and its county */
    snprintf(y, sizeof y, "%d", w->fig->year);
    snprintf(n1, sizeof n1, "%zu", g->ncases);
    s->row++;
    fs_wb_section(s, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_CR_REGISTER, n1, NULL));
    fs_wb_paragraph(s, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_CR_REG_NOTE, y, NULL), 11);
    if (g->ncases == 0) {
        fs_wb_text_free(s, s->row++, 0,
                        fs_wb_lf(w, buf, sizeof buf, FS_WB_L_CR_REGISTER_NONE, y, NULL),
                        w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        return;
    }
    size_t shown = g->ncases < FS_WB_REGISTER_MAX ? g->ncases : FS_WB_REGISTER_MAX;
    if (shown < g->ncases) {
        snprintf(n1, sizeof n1, "%zu", shown);
        snprintf(n2, sizeof n2, "%zu", g->ncases);
        fs_wb_text_free(s, s->row++, 0,
                        fs_wb_lf(w, buf, sizeof buf, FS_WB_L_CR_REGISTER_CAP, n1, n2),
                        w->fmt[FS_WB_F_ALERT]);
    }
    /* Narrow columns first: the section table above shares columns 0-8. */
    const lxw_col_t cref = 0, ccat = 1, cdate = 2, ct = 3, cl = 4, crv = 5, cs = 6, clead = 7,
                    ccty = 8, cas = 9, cun = 10, cdesc = 11;
    /* Narrow enough to print one page wide at 0.85 or more (8.5-point
     * text): long cells and headers wrap instead of widening. */
    s->cap[ccat] = 11; /* a disagreement ("05 … / 07 …") wraps */
    s->cap[cdate] = 10;
    s->cap[cl] = s->cap[crv] = 11;
    s->cap[ccty] = 14;
    s->cap[cdesc] = 16;
    s->cap[cas] = 9;
    s->cap[cun] = 9;
    s->cap[ct] = 10;
    s->cap[cs] = s->cap[clead] = 12; /* "Open (under investigation)" wraps */
    lxw_row_t hr = s->row++;
    static const struct {
        fs_wb_label label;
        bool left;
    } heads[] = {{FS_WB_L_CR_REF, true},         {FS_WB_L_CR_CATEGORY, true},
                 {FS_WB_L_CR_FIRST, false},      {FS_WB_L_CR_TOTAL_OFF, false},
                 {FS_WB_L_CR_LOSS, false},       {FS_WB_L_CR_RECOVERED, false},
                 {FS_WB_L_CR_STATUS, true},      {FS_WB_L_CR_LEAD, true},
                 {FS_WB_L_CR_COUNTIES, true},    {FS_WB_L_CR_ASSIST, true},
                 {FS_WB_L_CR_UNCONFIRMED, true}, {FS_WB_L_CR_DESCRIPTION, true}};
    for (size_t c = 0; c < sizeof heads / sizeof heads[0]; c++)
        fs_wb_head(s, hr, (lxw_col_t)c, fs_wb_l(w, heads[c].label), heads[c].left);
    int scol = fs_column_index(FS_T_INCIDENTS, "status");
    const fs_column *stc = scol >= 0 ? &fs_tables[FS_T_INCIDENTS].columns[scol] : NULL;
    lxw_format *text = w->num[FS_WB_R_BODY][FS_WB_N_TEXT], *wrap = w->fmt[FS_WB_F_WRAP];
    char formula[128], a[16], b[16];
    lxw_row_t first = s->row;
    int64_t total = 0, loss = 0, recovered = 0;
    const char *sep = fs_wb_l(w, FS_WB_L_LIST_SEP);
    for (size_t i = 0; i < shown; i++) {
        const fs_xreg_case *c = &g->cases[i];
        lxw_row_t r = s->row++;
        fs_wb_text(s, r, cref, c->first->ref, text);
        if (c->ncategories > 1) {
            char both[256];
            snprintf(both, sizeof both, "%s / %s", iccs_short(w, c->categories[0]),
                     iccs_short(w, c->categories[1]));
            fs_wb_text(s, r, ccat, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_CR_MIXED, both, NULL),
                       w->fmt[FS_WB_F_FINDING]);
        } else {
            fs_wb_text(s, r, ccat, iccs_short(w, c->categories[0]), text);
        }
        fs_wb_date(s, r, cdate, c->first_date, FS_WB_R_BODY, FS_WB_N_DATE);
        /* "单县 9、砀山县 6、丰县 4": every reporting county, zone order. */
        size_t k = 0;
        buf[0] = '\0';
        for (size_t q = 0; q < z->ncounties && k + 1 < sizeof buf; q++) {
            if (!(c->reporters >> q & 1))
                continue;
            int len = snprintf(buf + k, sizeof buf - k, "%s%s %lld", k ? sep : "",
                               fs_wb_county(w, (int)q), (long long)c->offenses[q]);
            if (len < 0 || (size_t)len >= sizeof buf - k)
                break;
            k += (size_t)len;
        }
        fs_wb_text(s, r, ccty, buf, wrap);
        fs_wb_number(s, r, ct, (double)c->total, FS_WB_R_BODY, FS_WB_N_INT);
        fs_wb_number(s, r, cl, (double)c->loss / 100.0, FS_WB_R_BODY, FS_WB_N_MONEY);
        fs_wb_number(s, r, crv, (double)c->recovered / 100.0, FS_WB_R_BODY, FS_WB_N_MONEY);
        total += c->total;
        loss += c->loss;
        recovered += c->recovered;
        fs_wb_text(s, r, cs,
                   stc && c->status >= 0 && (size_t)c->status < stc->nvalues
                       ? fs_wb_enum(w, &stc->values[c->status])
                       : "?",
                   w->fmt[FS_WB_F_CENTER]);
        fs_wb_text(s, r, clead, fs_wb_county(w, c->lead), wrap);
        fs_wb_text(s, r, cas, fs_wb_county_list(w, c->assisting, buf, sizeof buf), wrap);
        fs_county_set unconfirmed = c->named & ~c->reporters;
        fs_wb_text(s, r, cun, fs_wb_county_list(w, unconfirmed, buf, sizeof buf),
                   unconfirmed ? w->fmt[FS_WB_F_FINDING] : wrap);
        /* A county's own words ("…；本县9起26只"), as it wrote them: the
         * lead's, as the header says, or another county's, named first
         * (the lead's record had none). */
        int dcounty;
        const char *desc = fs_xreg_description(c, &dcounty);
        fs_wb_text(s, r, cdesc,
                   dcounty >= 0 && dcounty != c->lead
                       ? fs_wb_lf(w, desc_buf, sizeof desc_buf, FS_WB_L_CR_DESC_OF,
                                  fs_wb_county(w, dcounty), desc)
                       : desc,
                   wrap);
    }
    lxw_row_t last = s->row - 1, r = s->row++;
    fs_wb_text(s, r, cref, fs_wb_l(w, FS_WB_L_TOTAL), w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
    for (lxw_col_t c = 1; c <= cdesc; c++) {
        double v = c == ct   ? (double)total
                   : c == cl ? (double)loss / 100.0
                             : (double)recovered / 100.0;
        if (c != ct && c != cl && c != crv) {
            fs_wb_blank(s, r, c, w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
            continue;
        }
        snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(first, c, a),
                 fs_wb_ref(last, c, b));
        fs_wb_formula(s, r, c, formula, v, FS_WB_R_TOTAL, c == ct ? FS_WB_N_INT : FS_WB_N_MONEY);
    }
    worksheet_autofilter(s->ws, hr, 0, last, cdesc);
}

void fs_wb_crime(fs_wb *w)
{
    fs_wb_sheet s;
    char buf[256], y[16];
    snprintf(y, sizeof y, "%d", w->fig->year);
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_CRIME,
                      fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_CRIME, y, NULL), NULL);
    if (!s.ws)
        return;
    by_section(&s);
    static const fs_xreg none = {0};
    register_table(&s, w->fig->xreg ? w->fig->xreg : &none);
    s.row += 1;
    fs_wb_picture_page(&s, FS_RC_CROSS);
    fs_wb_picture_page(&s, FS_RC_CLEARANCE);
    fs_wb_freeze_below_head(&s, 1);
    fs_wb_sheet_end(&s);
}
