/*
 * test_figures.c — unit tests of the forum's figures (report/figures/figures*.c,
 * report/figures/findings.c): section 4 of the submission standard, rule by rule.
 *
 * Each test builds a tiny warehouse through the real pipeline: it writes
 * small CSV files into a temporary folder, imports them with fs_ingest
 * (zone templates/zone.conf; tests run from the repository root), computes
 * the figures and compares them with values worked out by hand in the
 * comments next to the data.  Counties in code order: 320321 Feng
 * (Jiangsu 320000), 341321 Dangshan, 341322 Xiao (Anhui 340000), 371722
 * Shan (Shandong 370000), 411425 Yucheng, 411426 Xiayi, 411481 Yongcheng
 * (Henan 410000).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "figures.h"
#include "db.h"
#include "figures_register.h"
#include "ingest.h"
#include "warehouse.h"

/* ------------------------------------------------------------------ */
/* fixtures                                                            */
/* ------------------------------------------------------------------ */

static fs_zone *zone;

typedef struct fx {
    char root[PATH_MAX];
    char in[PATH_MAX + 8];
    char db[PATH_MAX + 8];
    fs_warehouse *wh;
} fx;

#define INC_HEADER                                                                                 \
    "case_id,county,date_reported,category,offenses,loss_yuan,recovered_yuan,suspects,arrested,"   \
    "status,date_solved,cross_ref,counties_involved,assisted_by\n"
#define DIS_HEADER                                                                                 \
    "dispute_id,county,date_received,type,counterpart,parties,level,outcome,date_closed,joint_"    \
    "ref\n"
#define COOP_HEADER                                                                                \
    "activity_id,county,date,kind,partners,lead,participants,outcome_count,joint_ref\n"
#define IND_HEADER "county,year,indicator,value\n"

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

/* A new empty warehouse in a temporary folder. */
static void fx_new(fx *f)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(f->root, sizeof f->root, "%s/fs_fig_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(f->root));
    snprintf(f->in, sizeof f->in, "%s/in", f->root);
    snprintf(f->db, sizeof f->db, "%s/w.db", f->root);
    assert_int_equal(mkdir(f->in, 0700), 0);
    fs_sbuf err = {0};
    fs_status st = fs_wh_open(f->db, true, false, zone, &f->wh, &err);
    if (st != FS_OK)
        fail_msg("cannot create the warehouse: %s", fs_err_text(&err, st));
    fs_sbuf_free(&err);
}

static void fx_free(fx *f)
{
    fs_wh_close(f->wh);
    nftw(f->root, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* Write one input file. */
static void fx_file(fx *f, const char *name, const char *text)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", f->in, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

/* Import every file written so far (one import run); none may be refused. */
static void fx_import(fx *f)
{
    fs_ingest_opts o = {
        .zone = zone, .wh = f->wh, .time_iso = "2025-01-01T00:00:00Z", .verb = "imported"};
    fs_diags d;
    fs_diags_init(&d);
    fs_ingest_result res;
    char *paths[] = {f->in};
    fs_status st = fs_ingest(&o, paths, 1, &d, &res);
    if (st != FS_OK || res.refused || d.errors) {
        fs_diags_print(&d, stderr);
        fail_msg("import failed: status %d, %d refused", (int)st, res.refused);
    }
    fs_ingest_result_free(&res);
    fs_diags_free(&d);
}

static fs_figures *fx_figures(fx *f, int year)
{
    fs_db *db = fs_wh_db(f->wh);
    fs_sbuf err = {0};
    fs_figures *r;
    assert_int_equal(fs_fig_read_begin(db), FS_OK);
    fs_status st = fs_figures_compute(db, zone, year, &r, &err);
    fs_fig_read_end(db);
    if (st != FS_OK)
        fail_msg("compute failed: %s", fs_err_text(&err, st));
    fs_sbuf_free(&err);
    return r;
}

/* The written value of a metric: "<absent>" when not written, "" when
 * written empty, else the metrics file's text. */
static const char *val(const fs_figures *f, const char *scope, const char *metric)
{
    static char buf[FS_FIG_FMT_MAX];
    int s = fs_fig_scope_index(f, scope), m = fs_fig_metric_index(f, metric);
    if (s < 0 || m < 0)
        fail_msg("no scope %s or metric %s", scope, metric);
    const fs_fig_value *v = fs_fig_value_at(f, (size_t)s, (size_t)m);
    if (v->state == FS_FIG_ABSENT)
        return "<absent>";
    fs_fig_format(f->metrics[m].kind, v, buf, sizeof buf);
    return buf;
}

#define EXPECT(f, scope, metric, want)                                                             \
    do {                                                                                           \
        const char *got_ = val(f, scope, metric);                                                  \
        if (strcmp(got_, want) != 0)                                                               \
            fail_msg("%s %s: expected '%s', got '%s'", scope, metric, want, got_);                 \
    } while (0)

/* A real value within a relative 1e-12 of want (and written plainly). */
static void expect_real(const fs_figures *f, const char *scope, const char *metric, double want)
{
    const char *text = val(f, scope, metric);
    int m = fs_fig_metric_index(f, metric);
    const fs_fig_value *v = fs_fig_value_at(f, (size_t)fs_fig_scope_index(f, scope), (size_t)m);
    if (v->state != FS_FIG_SET)
        fail_msg("%s %s: expected %.15g, got '%s'", scope, metric, want, text);
    if (fabs(v->d - want) > 1e-12 * fabs(want) + 1e-15)
        fail_msg("%s %s: expected %.17g, got %.17g", scope, metric, want, v->d);
    if (strpbrk(text, "eE") || atof(text) != atof(text))
        fail_msg("%s %s: not a plain decimal: %s", scope, metric, text);
    if (fabs(atof(text) - want) > 1e-12 * fabs(want) + 1e-15)
        fail_msg("%s %s: text %s is not %.15g", scope, metric, text, want);
}

static int setup(void **state)
{
    (void)state;
    fs_sbuf err = {0};
    fs_status st = fs_zone_load("templates/zone.conf", &zone, &err);
    if (st != FS_OK)
        fprintf(stderr, "%s\n", fs_err_text(&err, st));
    fs_sbuf_free(&err);
    return st == FS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fs_zone_free(zone);
    return 0;
}

/* ------------------------------------------------------------------ */
/* dedup across counties: cross_ref counts once within a scope         */
/* ------------------------------------------------------------------ */

/* Year 2024 only.  KQ-1 (goat-ring-like) is reported by Dangshan, Shan and
 * Feng; KQ-2 by Dangshan twice (D3, D4) and Xiao once. */
static const char dedup_incidents[] = INC_HEADER
    "D1,341321,2024-01-10,05,6,100.50,50.25,2,1,solved,2024-02-01,KQ-1,371722;320321,\n"
    "D2,341321,2024-02-10,07,1,0,0,0,0,open,,,,\n"
    "D3,341321,2024-03-10,05,2,0,0,1,1,closed,2024-03-20,KQ-2,341322,\n"
    "D4,341321,2024-04-10,05,1,0,0,0,0,solved,2024-04-11,KQ-2,341322,\n"
    "S1,371722,2024-01-12,05,9,200,0,5,4,closed,2024-03-27,KQ-1,341321;320321,341321\n"
    "F1,320321,2024-01-15,05,4,0.25,0,3,0,solved,2024-03-29,KQ-1,341321;371722,371722;341321\n"
    "F2,320321,2024-05-01,02,3,0,0,1,1,open,,,,\n"
    "X1,341322,2024-03-11,05,1,0,0,1,1,solved,2024-03-12,KQ-2,341321,\n";

static void test_dedup_cross_cases(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", dedup_incidents);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);

    /* Zone: 8 rows; distinct cross_ref: KQ-1, KQ-2 = 2; rows without
     * cross_ref: D2, F2 = 2, so cases = 2 + 2 = 4; share 2/4 = 50 %. */
    EXPECT(f, "ALL", "incidents", "8");
    EXPECT(f, "ALL", "offenses", "27"); /* 6+1+2+1+9+4+3+1: row-level figures add up */
    EXPECT(f, "ALL", "cross_cases", "2");
    EXPECT(f, "ALL", "cases", "4");
    expect_real(f, "ALL", "cross_share_pct", 50.0);
    /* Anhui = Dangshan + Xiao: KQ-1 (D1) and KQ-2 (D3, D4, X1) once each;
     * D2 alone: cases 3, share 2/3. */
    EXPECT(f, "340000", "incidents", "5");
    EXPECT(f, "340000", "cross_cases", "2");
    EXPECT(f, "340000", "cases", "3");
    expect_real(f, "340000", "cross_share_pct", 200.0 / 3.0);
    /* A county scope counts the distinct cross_ref of its own records:
     * Dangshan's D3 and D4 share KQ-2, which counts once. */
    EXPECT(f, "341321", "incidents", "4");
    EXPECT(f, "341321", "cross_cases", "2");
    EXPECT(f, "341321", "cases", "3");
    EXPECT(f, "341322", "cross_cases", "1");
    EXPECT(f, "341322", "cases", "1");
    expect_real(f, "341322", "cross_share_pct", 100.0);
    EXPECT(f, "371722", "cross_cases", "1");
    EXPECT(f, "320321", "cases", "2");
    expect_real(f, "320321", "cross_share_pct", 50.0);
    /* Sum of the county scopes' cross_cases (2+1+1+1 = 5) is not the zone's 2. */
    EXPECT(f, "320321", "cross_cases", "1");

    /* Solved or closed: D1 D3 D4 S1 F1 X1 = 6 of 8. */
    EXPECT(f, "ALL", "solved", "6");
    expect_real(f, "ALL", "clearance_pct", 75.0);
    /* Sections: 05 = 6+2+1+9+4+1, 07 = 1, 02 = 3, the rest written as 0. */
    EXPECT(f, "ALL", "offenses_cat_05", "23");
    EXPECT(f, "ALL", "offenses_cat_07", "1");
    EXPECT(f, "ALL", "offenses_cat_02", "3");
    EXPECT(f, "ALL", "offenses_cat_01", "0");
    EXPECT(f, "ALL", "offenses_cat_11", "0");
    /* Money exact to the fen: 100.50 + 200 + 0.25; recovered 50.25. */
    EXPECT(f, "ALL", "loss_yuan", "300.75");
    EXPECT(f, "ALL", "recovered_yuan", "50.25");
    expect_real(f, "ALL", "recovery_pct", 50.25 / 300.75 * 100);
    EXPECT(f, "371722", "loss_yuan", "200.00");
    EXPECT(f, "371722", "recovered_yuan", "0.00");
    expect_real(f, "371722", "recovery_pct", 0.0);
    EXPECT(f, "ALL", "suspects", "13"); /* 2+0+1+0+5+3+1+1 */
    EXPECT(f, "ALL", "arrested", "8");  /* 1+0+1+0+4+0+1+1 */
    /* No disputes, cooperation, indicators: none of their figures. */
    EXPECT(f, "ALL", "disputes", "<absent>");
    EXPECT(f, "ALL", "activities", "<absent>");
    EXPECT(f, "ALL", "ind_population", "<absent>");
    EXPECT(f, "ALL", "offenses_per_10k", ""); /* incidents, but no population */
    /* No 2023 data: no year-on-year at all. */
    EXPECT(f, "ALL", "incidents_yoy_pct", "<absent>");
    EXPECT(f, "341321", "cross_cases_yoy_pct", "<absent>");
    assert_int_equal(f->nfindings, 0);

    /* The register of cross-regional cases comes with the figures, one
     * case per cross_ref counted by cross_cases (issue 18). */
    const fs_xreg *g = f->xreg;
    assert_non_null(g);
    assert_int_equal(g->ncases, 2);
    assert_int_equal(g->n, 6); /* D1 S1 F1, D3 D4 X1 */
    const fs_xreg_case *k1 = &g->cases[0], *k2 = &g->cases[1];
    assert_string_equal(k1->first->ref, "KQ-1");
    assert_int_equal(k1->n, 3);
    assert_int_equal(k1->total, 19);   /* 6 + 9 + 4 */
    assert_int_equal(k1->loss, 30075); /* fen: 100.50 + 200 + 0.25 */
    assert_int_equal(k1->recovered, 5025);
    int ds = fs_zone_by_code(zone, "341321"), sx = fs_zone_by_code(zone, "371722"),
        fx_ = fs_zone_by_code(zone, "320321"), xx = fs_zone_by_code(zone, "341322");
    assert_int_equal(k1->lead, sx);  /* most offences */
    assert_int_equal(k1->status, 1); /* solved: least advanced of solved, closed */
    assert_string_equal(k1->first_date, "2024-01-10");
    assert_true(k1->reporters == ((1ull << ds) | (1ull << sx) | (1ull << fx_)));
    assert_true(k1->assisting == (1ull << ds)); /* the lead (Shan) is not its own assistant */
    assert_string_equal(k2->first->ref, "KQ-2");
    assert_int_equal(k2->total, 4);
    assert_int_equal(k2->lead, ds); /* 2 + 1 against Xiao's 1 */
    assert_true(k2->named == ((1ull << ds) | (1ull << xx)));
    assert_int_equal(k2->offenses[ds], 3);
    /* As an earlier year of a report's trend (issue 16), its shared
     * records kept only as references: the same figures. */
    fs_figures **trend;
    fs_sbuf err = {0};
    fs_db *db = fs_wh_db(w.wh);
    assert_int_equal(fs_fig_read_begin(db), FS_OK);
    assert_int_equal(fs_figures_compute_trend(db, zone, 2024, 2025, &trend, &err), FS_OK);
    fs_sbuf_free(&err);
    fs_fig_read_end(db);
    assert_int_equal(trend[0]->year, 2024);
    assert_int_equal(trend[0]->nscopes, f->nscopes);
    assert_int_equal(trend[0]->nmetrics, f->nmetrics);
    assert_memory_equal(trend[0]->values, f->values, f->nscopes * f->nmetrics * sizeof *f->values);
    EXPECT(trend[0], "ALL", "cross_cases", "2");
    assert_null(trend[0]->xreg);
    fs_figures_free(trend[0]);
    fs_figures_free(trend[1]);
    free(trend);
    fs_figures_free(f);
    fx_free(&w);
}

/* Provinces: scope list and sums over their counties. */
static void test_provinces(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", dedup_incidents);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    static const char *const order[] = {"320321", "341321", "341322", "371722", "411425", "411426",
                                        "411481", "320000", "340000", "370000", "410000", "ALL"};
    assert_int_equal(f->nscopes, 12);
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(f->scopes[i].code, order[i]);
    assert_int_equal(f->scopes[8].kind, FS_SCOPE_PROVINCE);
    /* Anhui = 341321 | 341322 (bits 1 and 2); the zone = all seven */
    assert_int_equal(f->scopes[8].counties, 0x6);
    assert_int_equal(f->scopes[11].counties, 0x7f);
    EXPECT(f, "340000", "offenses", "11"); /* Dangshan 6+1+2+1, Xiao 1 */
    EXPECT(f, "370000", "offenses", "9");
    EXPECT(f, "320000", "offenses", "7"); /* Feng 4+3 */
    EXPECT(f, "320000", "cross_cases", "1");
    EXPECT(f, "410000", "incidents", "<absent>"); /* no Henan records */
    EXPECT(f, "411425", "incidents", "<absent>");
    /* The forum of 2024 is the second, hosted by Feng (rotation). */
    assert_int_equal(f->ordinal, 2);
    assert_string_equal(zone->counties[f->host].code, "320321");
    fs_figures_free(f);
    fx_free(&w);
}

/* Assistance matrix: assist_B in scope A = B's incident rows whose
 * assisted_by names A, for every ordered pair, zeros included. */
static void test_assist_matrix(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", dedup_incidents);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    /* S1 (Shan) assisted by Dangshan; F1 (Feng) by Shan and Dangshan. */
    EXPECT(f, "341321", "assist_371722", "1");
    EXPECT(f, "341321", "assist_320321", "1");
    EXPECT(f, "371722", "assist_320321", "1");
    EXPECT(f, "320321", "assist_371722", "0");
    EXPECT(f, "341321", "assist_341322", "0");
    EXPECT(f, "411481", "assist_341321", "0"); /* written although 411481 has no records */
    EXPECT(f, "341321", "assist_341321", "<absent>");
    EXPECT(f, "340000", "assist_341321", "<absent>");
    EXPECT(f, "ALL", "assist_341321", "<absent>");
    /* No cooperation records in the zone: no cooperation matrix. */
    EXPECT(f, "341321", "coop_371722", "<absent>");
    size_t written = 0;
    for (size_t s = 0; s < f->nscopes; s++)
        for (size_t m = 0; m < f->nmetrics; m++)
            if (strncmp(f->metrics[m].name, "assist_", 7) == 0 &&
                fs_fig_value_at(f, s, m)->state == FS_FIG_SET)
                written++;
    assert_int_equal(written, 7 * 6);
    fs_figures_free(f);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* cooperation: joint activities once, values from the lead's record   */
/* ------------------------------------------------------------------ */

/* 2024.  LH-1: lead 411425 named by every record.  LH-2: leads named
 * 371722 (Feng's record), 371722 (Shan, empty = reporter), 320321
 * (Xiayi's): 371722 by 2 to 1.  LH-3: 411481 vs 411425 once each: tie to
 * the lowest code, 411425.  LH-4: Shan reported it twice (S-3, S-2): its
 * record with the lowest activity_id, S-2.  X-2 stands alone. */
static const char coop_rows[] = COOP_HEADER
    "D-1,341321,2024-03-05,clue_verification,341322;411425,411425,10,3,LH-1\n"
    "X-1,341322,2024-03-06,clue_verification,341321;411425,411425,20,5,LH-1\n"
    "Y-1,411425,2024-03-05,clue_verification,341321;341322,,30,7,LH-1\n"
    "X-2,341322,2024-04-01,clue_verification,371722,,4,2,\n"
    "F-1,320321,2024-05-01,fugitive_pursuit,371722,371722,8,4,LH-2\n"
    "S-1,371722,2024-05-01,fugitive_pursuit,320321;411426,,9,6,LH-2\n"
    "Z-1,411426,2024-05-02,fugitive_pursuit,320321;371722,320321,5,1,LH-2\n"
    "Y-2,411425,2024-06-01,meeting,411481,411481,11,0,LH-3\n"
    "YC-1,411481,2024-06-01,meeting,411425,411425,12,0,LH-3\n"
    "S-3,371722,2024-07-01,joint_patrol,341321,,99,0,LH-4\n"
    "S-2,371722,2024-07-01,joint_patrol,341321,,7,0,LH-4\n"
    "D-2,341321,2024-07-02,joint_patrol,371722,371722,50,0,LH-4\n";

static void test_joint_lead_rule(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "coop.csv", coop_rows);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);

    /* Zone: LH-1, X-2, LH-2, LH-3, LH-4 = 5 activities.  Values from the
     * lead's record: LH-1 Y-1 (30, 7), LH-2 S-1 (9, 6), LH-3 Y-2 (11),
     * LH-4 S-2 (7); X-2 (4, 2). */
    EXPECT(f, "ALL", "activities", "5");
    EXPECT(f, "ALL", "activities_clue_verification", "2");
    EXPECT(f, "ALL", "activities_fugitive_pursuit", "1");
    EXPECT(f, "ALL", "activities_meeting", "1");
    EXPECT(f, "ALL", "activities_joint_patrol", "1");
    EXPECT(f, "ALL", "activities_joint_training", "0");
    EXPECT(f, "ALL", "clues_verified", "9");   /* 7 + 2 */
    EXPECT(f, "ALL", "fugitives_caught", "6"); /* Shan's record, not 4 or 1 */
    EXPECT(f, "ALL", "participants", "61");    /* 30 + 4 + 9 + 11 + 7 */

    /* Anhui (Dangshan, Xiao): LH-1's lead 411425 is outside: the record of
     * the lowest code, Dangshan's D-1 (10, 3); LH-4's lead Shan outside:
     * D-2 (50); X-2. */
    EXPECT(f, "340000", "activities", "3");
    EXPECT(f, "340000", "clues_verified", "5"); /* 3 + 2 */
    EXPECT(f, "340000", "participants", "64");  /* 10 + 4 + 50 */
    EXPECT(f, "340000", "fugitives_caught", "0");
    /* Henan: LH-1 Y-1 (30, 7); LH-2 lead outside: Xiayi's Z-1 (5, 1);
     * LH-3 lead Yucheng (tie) inside: Y-2 (11). */
    EXPECT(f, "410000", "activities", "3");
    EXPECT(f, "410000", "clues_verified", "7");
    EXPECT(f, "410000", "fugitives_caught", "1");
    EXPECT(f, "410000", "participants", "46");
    /* Shandong: LH-2 S-1 (9, 6), LH-4 S-2 (7) - not S-3's 99. */
    EXPECT(f, "370000", "activities", "2");
    EXPECT(f, "370000", "participants", "16");
    EXPECT(f, "370000", "fugitives_caught", "6");
    /* Jiangsu: LH-2, lead outside, Feng's own record F-1 (8, 4). */
    EXPECT(f, "320000", "fugitives_caught", "4");
    EXPECT(f, "320000", "participants", "8");
    /* County scopes: the activities each reported, with its own values. */
    EXPECT(f, "341322", "activities", "2");     /* LH-1 and X-2 */
    EXPECT(f, "341322", "clues_verified", "7"); /* 5 + 2 */
    EXPECT(f, "341322", "participants", "24");
    EXPECT(f, "341321", "activities", "2");
    EXPECT(f, "341321", "participants", "60"); /* D-1 10 + D-2 50 */
    EXPECT(f, "371722", "activities", "2");    /* reported LH-4 twice: once */
    EXPECT(f, "411425", "participants", "41"); /* Y-1 30 + Y-2 11 */
    EXPECT(f, "411481", "participants", "12");
    EXPECT(f, "411426", "fugitives_caught", "1");
    /* Consistent kinds, dates within 3 days: no findings. */
    assert_int_equal(f->nfindings, 0);
    fs_figures_free(f);
    fx_free(&w);
}

/* Cooperation matrix: zone activities whose participating counties
 * (reporters, partners, leads of all its records) include both A and B. */
static void test_coop_matrix_symmetric(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "coop.csv", coop_rows);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    /* Participating: LH-1 {341321 341322 411425}; X-2 {341322 371722};
     * LH-2 {320321 371722 411426}; LH-3 {411425 411481}; LH-4 {341321 371722}. */
    static const struct {
        const char *a, *b;
        const char *n;
    } pairs[] = {
        {"341321", "341322", "1"}, {"341321", "411425", "1"}, {"341322", "411425", "1"},
        {"341322", "371722", "1"}, {"320321", "371722", "1"}, {"320321", "411426", "1"},
        {"371722", "411426", "1"}, {"411425", "411481", "1"}, {"341321", "371722", "1"},
        {"320321", "341321", "0"}, {"411426", "411481", "0"}, {"320321", "411481", "0"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char m[32];
        snprintf(m, sizeof m, "coop_%s", pairs[i].b);
        EXPECT(f, pairs[i].a, m, pairs[i].n);
    }
    /* Symmetric, every ordered pair of distinct counties written. */
    for (size_t a = 0; a < zone->ncounties; a++)
        for (size_t b = 0; b < zone->ncounties; b++) {
            char mab[32], mba[32];
            snprintf(mab, sizeof mab, "coop_%s", zone->counties[b].code);
            snprintf(mba, sizeof mba, "coop_%s", zone->counties[a].code);
            const char *ab = val(f, zone->counties[a].code, mab);
            char keep[FS_FIG_FMT_MAX];
            snprintf(keep, sizeof keep, "%s", ab);
            const char *ba = val(f, zone->counties[b].code, mba);
            if (a == b)
                assert_string_equal(keep, "<absent>");
            else
                assert_string_equal(keep, ba);
            assert_string_not_equal(keep, "");
        }
    EXPECT(f, "340000", "coop_341321", "<absent>");
    EXPECT(f, "ALL", "coop_341321", "<absent>");
    fs_figures_free(f);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* disputes: medians, cross-border disputes                            */
/* ------------------------------------------------------------------ */

/* Days to close: Dangshan A1 1, A2 3 (28 Feb to 2 Mar 2024, a leap year),
 * A3 10, A5 2, A4 pending; Xiao 2, 4, 6, 9, 30; Shan 0 and 1; Feng only
 * pending. */
static const char median_disputes[] = DIS_HEADER
    "A1,341321,2024-01-01,land,,2,village,resolved,2024-01-02,\n"
    "A2,341321,2024-02-28,land,,2,village,resolved,2024-03-02,\n"
    "A3,341321,2024-05-01,family,,2,township,escalated,2024-05-11,\n"
    "A4,341321,2024-06-01,family,,2,township,pending,,\n"
    "A5,341321,2024-01-01,land,341322,2,joint,resolved,2024-01-03,LT-1\n"
    "B1,341322,2024-01-01,land,341321,2,joint,resolved,2024-01-03,LT-1\n"
    "B2,341322,2024-01-01,land,,2,village,resolved,2024-01-05,\n"
    "B3,341322,2024-01-01,traffic,,2,county,litigation,2024-01-07,\n"
    "B4,341322,2024-01-01,other,,3,judicial,resolved,2024-01-10,\n"
    "B5,341322,2024-12-01,property,,,village,resolved,2024-12-31,\n"
    "C1,371722,2024-03-03,neighborhood,320321,2,village,resolved,2024-03-03,\n"
    "C2,371722,2024-03-03,family,,2,village,escalated,2024-03-04,\n"
    "E1,320321,2024-04-04,contract,371722,2,township,pending,,\n";

static void test_medians(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "dis.csv", median_disputes);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    /* Dangshan 1,2,3,10: even, (2+3)/2 */
    expect_real(f, "341321", "median_days_to_close", 2.5);
    EXPECT(f, "341321", "median_days_to_close", "2.5");
    /* Xiao 2,4,6,9,30: odd, the middle one */
    EXPECT(f, "341322", "median_days_to_close", "6");
    /* Anhui 1,2,2,3,4,6,9,10,30: the 5th of 9 */
    EXPECT(f, "340000", "median_days_to_close", "4");
    /* Shan 0,1: (0+1)/2 */
    EXPECT(f, "371722", "median_days_to_close", "0.5");
    /* Feng: disputes but none closed: no value */
    EXPECT(f, "320321", "median_days_to_close", "");
    EXPECT(f, "320321", "disputes", "1");
    /* Zone 0,1,1,2,2,3,4,6,9,10,30: the 6th of 11 */
    EXPECT(f, "ALL", "median_days_to_close", "3");
    EXPECT(f, "410000", "median_days_to_close", "<absent>");

    /* 13 disputes, resolved A1 A2 A5 B1 B2 B4 B5 C1 = 8 */
    EXPECT(f, "ALL", "disputes", "13");
    EXPECT(f, "ALL", "resolved", "8");
    expect_real(f, "ALL", "resolution_pct", 8.0 / 13.0 * 100);
    EXPECT(f, "ALL", "disputes_type_land", "5");
    EXPECT(f, "ALL", "disputes_type_labor", "0");
    EXPECT(f, "ALL", "disputes_level_joint", "2");
    EXPECT(f, "ALL", "disputes_level_village", "6"); /* A1 A2 B2 B5 C1 C2 */
    /* Outcomes (issue 18: the Disputes sheet reads these, no query of its
     * own): resolved 8 = `resolved`, escalated A3 C2, pending A4 E1,
     * litigation B3; they add up to `disputes`. */
    EXPECT(f, "ALL", "disputes_outcome_resolved", "8");
    EXPECT(f, "ALL", "disputes_outcome_escalated", "2");
    EXPECT(f, "ALL", "disputes_outcome_pending", "2");
    EXPECT(f, "ALL", "disputes_outcome_litigation", "1");
    EXPECT(f, "341321", "disputes_outcome_resolved", "3");
    EXPECT(f, "341321", "disputes_outcome_litigation", "0");
    EXPECT(f, "320321", "disputes_outcome_pending", "1");
    EXPECT(f, "410000", "disputes_outcome_pending", "<absent>");
    /* Cross-border: LT-1 once + C1 + E1 (counterpart, no joint_ref) */
    EXPECT(f, "ALL", "cross_disputes", "3");
    EXPECT(f, "340000", "cross_disputes", "1"); /* LT-1 reported by both: once */
    EXPECT(f, "341321", "cross_disputes", "1");
    EXPECT(f, "341322", "cross_disputes", "1");
    EXPECT(f, "371722", "cross_disputes", "1");
    EXPECT(f, "320321", "cross_disputes", "1");
    fs_figures_free(f);
    fx_free(&w);
}

/* The stored disputes cube is grouped in C (figures_sql.c): cells of the
 * same county, year and dimensions add up, whichever rows the store kept
 * them in; a code the schema does not know counts in the totals but in no
 * type; the days to close of every row feed the median. */
static void test_stored_cube_grouping(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "dis.csv", median_disputes);
    fx_import(&w);
    /* two more land/village/resolved disputes of Dangshan closed in a day,
     * in a row of their own, and four of a type no schema knows */
    assert_int_equal(
        fs_db_exec(
            fs_wh_db(w.wh),
            "INSERT INTO cube_disputes(import_id, county, year, type, level, outcome, days, n)"
            " SELECT import_id, county, year, 'land', 'village', 'resolved', 1, 2"
            "  FROM live_slices WHERE tbl = 'disputes' AND county = '341321';"
            "INSERT INTO cube_disputes(import_id, county, year, type, level, outcome, days, n)"
            " SELECT import_id, county, year, 'zz', 'village', 'pending', NULL, 4"
            "  FROM live_slices WHERE tbl = 'disputes' AND county = '341321';"),
        FS_OK);
    fs_figures *f = fx_figures(&w, 2024);
    EXPECT(f, "341321", "disputes", "11");                /* 5 + 2 + 4 */
    EXPECT(f, "341321", "disputes_type_land", "5");       /* A1 A2 A5 + 2 */
    EXPECT(f, "341321", "disputes_type_family", "2");     /* A3 A4 */
    EXPECT(f, "341321", "disputes_level_village", "8");   /* A1 A2 + 2 + 4 */
    EXPECT(f, "341321", "disputes_outcome_pending", "5"); /* A4 + 4 */
    EXPECT(f, "341321", "resolved", "5");                 /* A1 A2 A5 + 2 */
    /* days 1,1,1,2,3,10: (1 + 2) / 2 */
    EXPECT(f, "341321", "median_days_to_close", "1.5");
    /* the other counties as before */
    EXPECT(f, "341322", "median_days_to_close", "6");
    EXPECT(f, "ALL", "disputes", "19");
    EXPECT(f, "ALL", "disputes_type_land", "7");
    fs_figures_free(f);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* zero denominators, no data is not zero                              */
/* ------------------------------------------------------------------ */

static void test_zero_denominators(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    /* Dangshan: loss 0 (recovery has no value), population 500 000, no
     * risk_alerts.  Xiao: loss 10, recovered 0; no population (a
     * population of 0 is refused since standard v2 §2.3: under 10 000 is
     * an error).  Shan: incidents, no indicators at all. */
    fx_file(&w, "inc.csv",
            INC_HEADER
            "D1,341321,2024-01-10,05,5,0,0,0,0,open,,,,\n"
            "X1,341322,2024-01-10,05,3,10,0,0,0,open,,,,\n"
            "S1,371722,2024-01-10,05,2,0,0,0,0,open,,,,\n");
    fx_file(&w, "ind.csv",
            IND_HEADER
            "341321,2024,population,500000\n"
            "341321,2024,grid_members,10.5\n");
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    EXPECT(f, "341321", "recovery_pct", "");  /* 0 / 0 */
    EXPECT(f, "341322", "recovery_pct", "0"); /* 0 / 10 */
    EXPECT(f, "340000", "recovery_pct", "0");
    EXPECT(f, "341321", "loss_yuan", "0.00");
    /* per 10k: 5 / 500 000 × 10 000 */
    expect_real(f, "341321", "offenses_per_10k", 0.1);
    EXPECT(f, "341322", "offenses_per_10k", ""); /* no population */
    EXPECT(f, "371722", "offenses_per_10k", ""); /* no population */
    /* Anhui: 5 / 500 000 × 10 000, leaving Xiao out (no population); the
     * zone leaves Shan out too: also 5 / 500 000 × 10 000, not 10. */
    expect_real(f, "340000", "offenses_per_10k", 0.1);
    expect_real(f, "ALL", "offenses_per_10k", 0.1);
    /* Indicators exist where a county of the scope gave them, and only
     * there (standard §4: no line, not an empty value). */
    EXPECT(f, "341321", "ind_population", "500000");
    EXPECT(f, "341321", "ind_grid_members", "10.5");
    EXPECT(f, "341321", "ind_risk_alerts", "<absent>");
    EXPECT(f, "341322", "ind_grid_members", "<absent>");
    EXPECT(f, "340000", "ind_grid_members", "10.5");
    EXPECT(f, "340000", "ind_population", "500000");
    EXPECT(f, "371722", "ind_population", "<absent>"); /* no indicator records */
    EXPECT(f, "ALL", "ind_risk_alerts", "<absent>");
    /* The zone has no cooperation or dispute records: nothing written. */
    EXPECT(f, "ALL", "median_days_to_close", "<absent>");
    EXPECT(f, "341321", "coop_341322", "<absent>");
    /* Never NaN or inf anywhere, never an exponent. */
    char buf[FS_FIG_FMT_MAX];
    for (size_t s = 0; s < f->nscopes; s++)
        for (size_t m = 0; m < f->nmetrics; m++) {
            const fs_fig_value *v = fs_fig_value_at(f, s, m);
            if (v->state == FS_FIG_SET)
                assert_true(isfinite(v->d));
            fs_fig_format(f->metrics[m].kind, v, buf, sizeof buf);
            assert_null(strpbrk(buf, "eEnN"));
        }
    fs_figures_free(f);
    fx_free(&w);
}

/* A county without records of a table has none of its figures; the
 * province and zone figures cover the counties that have. */
static void test_county_missing_table(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv",
            INC_HEADER
            "Z1,411426,2024-02-01,05,1,0,0,0,0,open,,,,\n"
            "Y1,411481,2024-02-01,05,1,0,0,0,0,open,,,,\n");
    fx_file(&w, "dis.csv",
            DIS_HEADER
            "Z1,411426,2024-03-01,land,,2,village,resolved,2024-03-05,\n"
            "Z2,411426,2024-03-01,land,,2,village,pending,,\n");
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    EXPECT(f, "411481", "incidents", "1");
    EXPECT(f, "411481", "disputes", "<absent>");
    EXPECT(f, "411481", "resolution_pct", "<absent>");
    EXPECT(f, "411481", "median_days_to_close", "<absent>");
    EXPECT(f, "411481", "disputes_type_land", "<absent>");
    EXPECT(f, "411426", "disputes", "2");
    EXPECT(f, "410000", "disputes", "2"); /* Henan = Xiayi only */
    expect_real(f, "410000", "resolution_pct", 50.0);
    EXPECT(f, "410000", "incidents", "2");
    EXPECT(f, "ALL", "disputes", "2");
    EXPECT(f, "411425", "incidents", "<absent>");
    /* Coverage: who has records of which table. */
    int xiayi = fs_zone_by_code(zone, "411426"), yongcheng = fs_zone_by_code(zone, "411481");
    assert_int_equal(f->present[FS_T_INCIDENTS],
                     ((fs_county_set)1 << xiayi) | ((fs_county_set)1 << yongcheng));
    assert_int_equal(f->present[FS_T_DISPUTES], (fs_county_set)1 << xiayi);
    assert_int_equal(f->present[FS_T_COOPERATION], 0);
    assert_int_equal(f->present[FS_T_INDICATORS], 0);
    fs_figures_free(f);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* year on year                                                        */
/* ------------------------------------------------------------------ */

static const char yoy_incidents[] = INC_HEADER
    /* 2023: Dangshan only, 05 and 07, no loss, both open */
    "D23-1,341321,2023-05-01,05,1,0,0,0,0,open,,,,\n"
    "D23-2,341321,2023-06-01,07,1,0,0,0,0,open,,,,\n"
    /* 2024: Dangshan 05, 05, 07 (2 offenses, loss 5); Xiao new */
    "D24-1,341321,2024-05-01,05,1,0,0,0,0,solved,2024-05-02,,,\n"
    "D24-2,341321,2024-06-01,05,1,0,0,0,0,open,,,,\n"
    "D24-3,341321,2024-07-01,07,2,5,0,0,0,open,,,,\n"
    "X24-1,341322,2024-07-01,05,1,0,0,0,0,open,,,,\n";

static void test_yoy(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", yoy_incidents);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    /* Dangshan: incidents 2 -> 3: +50 %; offenses 2 -> 4: +100 %. */
    expect_real(f, "341321", "incidents_yoy_pct", 50.0);
    expect_real(f, "341321", "offenses_yoy_pct", 100.0);
    expect_real(f, "341321", "offenses_cat_05_yoy_pct", 100.0); /* 1 -> 2 */
    expect_real(f, "341321", "offenses_cat_07_yoy_pct", 100.0); /* 1 -> 2 */
    EXPECT(f, "341321", "offenses_cat_01_yoy_pct", "");         /* 0 -> 0: zero prior value */
    EXPECT(f, "341321", "loss_yuan_yoy_pct", "");               /* 0 -> 5: zero prior value */
    /* Percentages change in percentage points (§4 v2): 0 % -> 33.3 %
     * is +33.3 points, where a relative change would have no value. */
    expect_real(f, "341321", "clearance_pct_yoy_pp", 100.0 / 3.0);
    assert_int_equal(fs_fig_metric_index(f, "clearance_pct_yoy_pct"), -1);
    expect_real(f, "341321", "clearance_pct", 100.0 / 3.0);
    EXPECT(f, "341321", "recovery_pct_yoy_pp", ""); /* 2023 has no value */
    EXPECT(f, "341321", "recovery_pct", "0");
    EXPECT(f, "341321", "cross_cases_yoy_pct", ""); /* 0 -> 0 */
    /* Xiao has no 2023 incidents: no year-on-year written. */
    EXPECT(f, "341322", "incidents", "1");
    EXPECT(f, "341322", "incidents_yoy_pct", "<absent>");
    /* Anhui 2023 = Dangshan only, 2024 = Dangshan and Xiao: 2 -> 4
     * incidents would read +100 %, but the years cover different counties
     * (§4 v2): not comparable, written empty, and the outputs say why. */
    EXPECT(f, "340000", "incidents_yoy_pct", "");
    EXPECT(f, "340000", "offenses_yoy_pct", "");
    EXPECT(f, "ALL", "offenses_yoy_pct", "");
    EXPECT(f, "ALL", "clearance_pct_yoy_pp", "");
    int anhui = fs_fig_scope_index(f, "340000"), all = fs_fig_scope_index(f, "ALL");
    int inc_yoy = fs_fig_metric_index(f, "incidents_yoy_pct");
    assert_false(fs_fig_comparable(f, (size_t)anhui, (size_t)inc_yoy));
    assert_true(fs_fig_comparable(f, (size_t)fs_fig_scope_index(f, "341321"), (size_t)inc_yoy));
    char why[512];
    fs_fig_not_comparable_text(f, (size_t)anhui, (size_t)inc_yoy, false, why, sizeof why);
    assert_string_equal(why,
                        "not comparable: 2023: 1 of 2 counties (no Xiao County); 2024: 2 of 2");
    fs_fig_not_comparable_text(f, (size_t)anhui, (size_t)inc_yoy, true, why, sizeof why);
    assert_string_equal(why, "不可比：2023年1/2县（缺萧县）；2024年2/2县");
    fs_fig_not_comparable_text(f, (size_t)all, (size_t)inc_yoy, false, why, sizeof why);
    assert_string_equal(
        why,
        "not comparable: 2023: 1 of 7 counties (no Feng County, Xiao County, "
        "Shan County, Yucheng County, Xiayi County, Yongcheng City); 2024: 2 of 7 "
        "(no Feng County, Shan County, Yucheng County, Xiayi County, Yongcheng City)");
    /* Coverage: counties_T for every scope, 0 included, no year on year. */
    EXPECT(f, "340000", "counties_incidents", "2");
    EXPECT(f, "ALL", "counties_incidents", "2");
    EXPECT(f, "410000", "counties_incidents", "0");
    EXPECT(f, "ALL", "counties_disputes", "0");
    assert_int_equal(fs_fig_metric_index(f, "counties_incidents_yoy_pct"), -1);
    assert_true(fs_fig_partial(f, (size_t)all, FS_T_INCIDENTS));
    assert_false(fs_fig_partial(f, (size_t)anhui, FS_T_INCIDENTS));
    assert_false(fs_fig_partial(f, (size_t)all, FS_T_DISPUTES)); /* none: no data, not partial */
    fs_fig_cover_text(f, (size_t)all, FS_T_INCIDENTS, true, why, sizeof why);
    assert_string_equal(why, "2/7县");
    fs_fig_cover_text(f, (size_t)all, FS_T_INCIDENTS, false, why, sizeof why);
    assert_string_equal(why, "2 of 7 counties");
    /* The first year held has no year-on-year at all. */
    fs_figures *g = fx_figures(&w, 2023);
    EXPECT(g, "341321", "incidents", "2");
    EXPECT(g, "341321", "incidents_yoy_pct", "<absent>");
    EXPECT(g, "341322", "incidents", "<absent>");
    /* Both years at once give the same results as one by one. */
    fs_figures **both;
    fs_sbuf err = {0};
    fs_db *db = fs_wh_db(w.wh);
    assert_int_equal(fs_fig_read_begin(db), FS_OK);
    assert_int_equal(fs_figures_compute_range(db, zone, 2023, 2024, &both, &err), FS_OK);
    fs_sbuf_free(&err);
    fs_fig_read_end(db);
    for (int k = 0; k < 2; k++) {
        fs_figures *one = k ? f : g;
        assert_int_equal(both[k]->year, one->year);
        assert_int_equal(both[k]->nmetrics, one->nmetrics);
        assert_memory_equal(both[k]->values, one->values,
                            one->nscopes * one->nmetrics * sizeof *one->values);
        fs_figures_free(both[k]);
    }
    free(both);
    /* A report's trend: the same figures; findings and the register for
     * the last year only (issue 16: the earlier years' shared records are
     * kept as references only). */
    fs_figures **trend;
    assert_int_equal(fs_fig_read_begin(db), FS_OK);
    assert_int_equal(fs_figures_compute_trend(db, zone, 2023, 2024, &trend, &err), FS_OK);
    fs_fig_read_end(db);
    for (int k = 0; k < 2; k++) {
        fs_figures *one = k ? f : g;
        assert_int_equal(trend[k]->year, one->year);
        assert_int_equal(trend[k]->nmetrics, one->nmetrics);
        assert_memory_equal(trend[k]->values, one->values,
                            one->nscopes * one->nmetrics * sizeof *one->values);
    }
    assert_int_equal(trend[0]->nfindings, 0);
    assert_null(trend[0]->xreg);
    assert_int_equal(trend[1]->nfindings, f->nfindings);
    assert_true((trend[1]->xreg == NULL) == (f->xreg == NULL));
    if (f->xreg)
        assert_int_equal(trend[1]->xreg->ncases, f->xreg->ncases);
    for (int k = 0; k < 2; k++)
        fs_figures_free(trend[k]);
    free(trend);
    int *years;
    size_t n;
    assert_int_equal(fs_fig_years(db, &years, &n), FS_OK);
    assert_int_equal(n, 2);
    assert_int_equal(years[0], 2023);
    assert_int_equal(years[1], 2024);
    free(years);
    fs_figures_free(g);
    fs_figures_free(f);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* findings                                                            */
/* ------------------------------------------------------------------ */

/* An unconfirmed case says why, when the warehouse shows it: the county
 * named holds the case in the year before or after (a date across New
 * Year), or a case whose reference differs only in punctuation or leading
 * zeros; it then asks to correct, not to add, a record. */
static void test_unconfirmed_explained(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    /* KQ-1: Feng and Shan in 2024 name Dangshan, whose record is dated
     * 2023-12-30.  KQ-2024-001: Dangshan names Xiao, which wrote
     * KQ-2024-1.  KQ-7: names Yucheng, which has 2024 incidents but no
     * such case at all. */
    fx_file(&w, "inc.csv",
            INC_HEADER
            "D0,341321,2023-12-30,05,1,0,0,0,0,open,,KQ-1,320321;371722,\n"
            "D9,341321,2023-05-01,05,1,0,0,0,0,open,,,,\n"
            "F9,320321,2023-06-01,05,1,0,0,0,0,open,,,,\n"
            "S9,371722,2023-06-01,05,1,0,0,0,0,open,,,,\n"
            "D1,341321,2024-02-01,05,1,0,0,0,0,open,,KQ-2024-001,341322,\n"
            "F1,320321,2024-01-02,05,1,0,0,0,0,open,,KQ-1,341321;371722,\n"
            "S1,371722,2024-01-03,05,1,0,0,0,0,open,,KQ-1,341321;320321,\n"
            "X1,341322,2024-02-02,05,1,0,0,0,0,open,,KQ-2024-1,341321,\n"
            "Y0,411425,2024-03-01,05,1,0,0,0,0,open,,,,\n"
            "S2,371722,2024-04-01,05,1,0,0,0,0,open,,KQ-7,411425,\n");
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    const fs_finding *kq1 = NULL, *kq_long = NULL, *kq_short = NULL, *kq7 = NULL;
    for (size_t i = 0; i < f->nfindings; i++) {
        const fs_finding *g = &f->findings[i];
        if (g->kind != FS_FINDING_UNCONFIRMED)
            continue;
        if (strcmp(g->ref, "KQ-1") == 0)
            kq1 = g;
        else if (strcmp(g->ref, "KQ-2024-001") == 0)
            kq_long = g;
        else if (strcmp(g->ref, "KQ-2024-1") == 0)
            kq_short = g;
        else if (strcmp(g->ref, "KQ-7") == 0)
            kq7 = g;
    }
    assert_non_null(kq1);
    assert_non_null(strstr(kq1->text_en, "Dangshan County has it among its 2023 incident records"));
    assert_non_null(
        strstr(kq1->text_en, "correct the record that is wrong rather than adding one"));
    assert_null(strstr(kq1->text_en, "should add"));
    assert_non_null(strstr(kq1->text_zh, "砀山县2023年的刑事案件中有该案件"));
    assert_non_null(strstr(kq1->text_zh, "不要另行补报"));
    assert_non_null(kq_long);
    assert_non_null(strstr(kq_long->text_en,
                           "Xiao County reported a case with the reference "
                           "KQ-2024-1, which differs from KQ-2024-001 only"));
    assert_non_null(strstr(kq_long->text_zh, "萧县报送的案件编号为KQ-2024-1"));
    assert_non_null(kq_short); /* and the other way round */
    assert_non_null(strstr(kq_short->text_en,
                           "Dangshan County reported a case with the "
                           "reference KQ-2024-001"));
    assert_non_null(kq7); /* nothing to explain: add the record */
    assert_non_null(strstr(kq7->text_en, "that county should add its record"));
    assert_non_null(strstr(kq7->text_zh, "请补报该记录"));
    fs_figures_free(f);
    /* 2023: Dangshan's KQ-1 names Feng and Shan, who hold it in 2024 */
    f = fx_figures(&w, 2023);
    kq1 = NULL;
    for (size_t i = 0; i < f->nfindings; i++)
        if (strcmp(f->findings[i].ref, "KQ-1") == 0)
            kq1 = &f->findings[i];
    assert_non_null(kq1);
    assert_non_null(strstr(kq1->text_en, "Feng County has it among its 2024 incident records"));
    assert_non_null(strstr(kq1->text_en, "Shan County has it among its 2024 incident records"));
    fs_figures_free(f);
    fx_free(&w);
}

static void test_findings(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    /* KQ-9: Dangshan says 05, Feng 07 (category); both name Shan, which
     * has 2025 incidents but no KQ-9 record (unconfirmed).  KQ-8: names
     * Yongcheng, which has no 2025 incidents at all: coverage, not a
     * finding. */
    fx_file(&w, "inc.csv",
            INC_HEADER
            "K1,341321,2025-03-01,05,1,0,0,0,0,open,,KQ-9,320321;371722,\n"
            "K2,320321,2025-03-02,07,1,0,0,0,0,open,,KQ-9,341321;371722,\n"
            "K3,411425,2025-03-03,05,1,0,0,0,0,open,,KQ-8,411481,\n"
            "K4,371722,2025-03-03,05,1,0,0,0,0,open,,,,\n");
    /* LH-A: kinds differ, dates 3 days apart (allowed).  LH-B: 4 days
     * apart.  LH-C: consistent. */
    fx_file(&w, "coop.csv",
            COOP_HEADER
            "A1,341321,2025-03-01,joint_patrol,341322,,5,0,LH-A\n"
            "A2,341322,2025-03-04,meeting,341321,341321,5,0,LH-A\n"
            "B1,411425,2025-06-09,joint_training,411426,,5,0,LH-B\n"
            "B2,411426,2025-06-13,joint_training,411425,411425,5,0,LH-B\n"
            "C1,411425,2025-07-01,meeting,411426,,5,0,LH-C\n"
            "C2,411426,2025-07-02,meeting,411425,411425,5,0,LH-C\n");
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2025);
    assert_int_equal(f->nfindings, 4);
    int shan = fs_zone_by_code(zone, "371722");
    /* incidents first, by reference, then kind */
    assert_string_equal(f->findings[0].ref, "KQ-9");
    assert_int_equal(f->findings[0].kind, FS_FINDING_UNCONFIRMED);
    assert_int_equal(f->findings[0].missing, (fs_county_set)1 << shan);
    assert_int_equal(f->findings[0].counties, ((fs_county_set)1 << 0) | ((fs_county_set)1 << 1) |
                                                  ((fs_county_set)1 << shan));
    assert_string_equal(f->findings[0].records, "320321:K2;341321:K1");
    assert_non_null(strstr(f->findings[0].text_en, "Shan County")); /* names, no codes */
    assert_null(strstr(f->findings[0].text_en, "371722"));
    assert_null(strstr(f->findings[0].text_en, "cross_ref"));
    assert_non_null(strstr(f->findings[0].text_zh, "单县"));
    assert_string_equal(f->findings[1].ref, "KQ-9");
    assert_int_equal(f->findings[1].kind, FS_FINDING_CATEGORY);
    assert_non_null(strstr(f->findings[1].text_en, "05"));
    assert_non_null(strstr(f->findings[1].text_en, "07"));
    assert_string_equal(f->findings[2].ref, "LH-A");
    assert_int_equal(f->findings[2].kind, FS_FINDING_KIND);
    assert_int_equal(f->findings[2].table, FS_T_COOPERATION);
    assert_string_equal(f->findings[3].ref, "LH-B");
    assert_int_equal(f->findings[3].kind, FS_FINDING_DATES);
    assert_non_null(strstr(f->findings[3].text_en, "4 days apart"));
    for (size_t i = 0; i < f->nfindings; i++) {
        assert_null(strchr(f->findings[i].text_en, '\n'));
        assert_null(strchr(f->findings[i].text_zh, '\n'));
    }
    /* The check listing: one line per finding. */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(fs_fig_print_findings(f, out), FS_OK);
    fclose(out);
    assert_non_null(strstr(text, "KQ-9: unconfirmed: "));
    assert_non_null(strstr(text, "LH-B: dates: "));
    size_t lines = 0;
    for (char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 4);
    free(text);
    fs_figures_free(f);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* formatting, catalogue, stable output                                */
/* ------------------------------------------------------------------ */

static const char *fmt(fs_fig_kind kind, int64_t i, double d)
{
    static char buf[FS_FIG_FMT_MAX];
    fs_fig_value v = {FS_FIG_SET, i, d};
    fs_fig_format(kind, &v, buf, sizeof buf);
    return buf;
}

static void test_format(void **state)
{
    (void)state;
    assert_string_equal(fmt(FS_FIG_COUNT, 0, 0), "0");
    assert_string_equal(fmt(FS_FIG_COUNT, 1234567, 0), "1234567");
    assert_string_equal(fmt(FS_FIG_MONEY, 123450, 0), "1234.50");
    assert_string_equal(fmt(FS_FIG_MONEY, 5, 0), "0.05");
    assert_string_equal(fmt(FS_FIG_MONEY, 0, 0), "0.00");
    assert_string_equal(fmt(FS_FIG_MONEY, 10061550, 0), "100615.50");
    assert_string_equal(fmt(FS_FIG_MONEY, 99999999999999999, 0), "999999999999999.99");
    assert_string_equal(fmt(FS_FIG_AMOUNT, 78500000, 0), "785000");
    assert_string_equal(fmt(FS_FIG_AMOUNT, 1250, 0), "12.5");
    assert_string_equal(fmt(FS_FIG_AMOUNT, 1225, 0), "12.25");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 72.15189873417721), "72.1518987341772");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 50), "50");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 2.5), "2.5");
    assert_string_equal(fmt(FS_FIG_REAL, 0, -12.5), "-12.5");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 0.0), "0");
    assert_string_equal(fmt(FS_FIG_REAL, 0, -0.0), "0");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 1.2e-5), "0.000012");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 1e20), "100000000000000000000");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 100.0 / 3.0), "33.3333333333333");
    assert_string_equal(fmt(FS_FIG_REAL, 0, 1.0 / 3.0), "0.333333333333333");
    assert_string_equal(fmt(FS_FIG_REAL, 0, NAN), "");
    assert_string_equal(fmt(FS_FIG_REAL, 0, INFINITY), "");
    /* 12 significant digits at least, relative error under 1e-9 */
    double x = 16.708229426433915;
    assert_true(fabs(atof(fmt(FS_FIG_REAL, 0, x)) - x) < 1e-13 * x);
    fs_fig_value e = {FS_FIG_EMPTY, 0, 0};
    char buf[FS_FIG_FMT_MAX];
    assert_int_equal(fs_fig_format(FS_FIG_COUNT, &e, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

/* Every figure of section 4 is in the catalogue, each name once, and each
 * figure except the matrices is followed by its _yoy_pct. */
static void test_catalogue(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fs_figures *f = fx_figures(&w, 2024); /* empty warehouse: catalogue only */
    static const char *const names[] = {"incidents",
                                        "offenses",
                                        "solved",
                                        "clearance_pct",
                                        "loss_yuan",
                                        "recovered_yuan",
                                        "recovery_pct",
                                        "suspects",
                                        "arrested",
                                        "offenses_cat_01",
                                        "offenses_cat_11",
                                        "cross_cases",
                                        "cases",
                                        "cross_share_pct",
                                        "offenses_per_10k",
                                        "disputes",
                                        "resolved",
                                        "resolution_pct",
                                        "disputes_type_family",
                                        "disputes_type_other",
                                        "disputes_level_village",
                                        "disputes_level_judicial",
                                        "cross_disputes",
                                        "median_days_to_close",
                                        "activities",
                                        "activities_joint_patrol",
                                        "activities_emergency_linkage",
                                        "fugitives_caught",
                                        "clues_verified",
                                        "participants",
                                        "ind_population",
                                        "ind_mediators",
                                        "coop_341321",
                                        "assist_411481",
                                        "incidents_yoy_pct",
                                        "ind_mediators_yoy_pct",
                                        "median_days_to_close_yoy_pct",
                                        "counties_incidents",
                                        "counties_disputes",
                                        "counties_cooperation",
                                        "counties_indicators",
                                        "clearance_pct_yoy_pp",
                                        "recovery_pct_yoy_pp",
                                        "cross_share_pct_yoy_pp",
                                        "resolution_pct_yoy_pp"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (fs_fig_metric_index(f, names[i]) < 0)
            fail_msg("metric %s missing", names[i]);
    assert_int_equal(fs_fig_metric_index(f, "coop_341321_yoy_pct"), -1);
    assert_int_equal(fs_fig_metric_index(f, "incidents_yoy_pct_yoy_pct"), -1);
    /* Names from figlist.h (issue 18): the catalogue follows FS_FIG_LINES
     * line by line, FS_MN and FS_MMEMBER give the metric names. */
    assert_null(fs_fig_catalogue_check());
    assert_int_equal(fs_fig_ndefs, FS_M_COUNT);
    assert_string_equal(fs_fig_defs[FS_M_cross_share_pct].name, "cross_share_pct");
    assert_string_equal(fs_fig_defs[FS_M_offenses_cat_].name, "offenses_cat_%s");
    assert_string_equal(FS_MN(cross_share_pct), "cross_share_pct");
    assert_string_equal(FS_MN(offenses_cat_), "offenses_cat_");
    assert_string_equal(FS_MMEMBER(ind_, "population"), "ind_population");
    assert_string_equal(FS_MFAMILY(coop_), "coop_%s");
    assert_true(fs_fig_metric_index(f, FS_MN(cross_share_pct)) >= 0);
    assert_true(fs_fig_metric_index(f, FS_MMEMBER(ind_, "population")) >= 0);
    for (int id = 0; id < FS_M_COUNT; id++)
        if (!fs_fig_defs[id].each && fs_fig_metric_index(f, fs_fig_defs[id].name) < 0)
            fail_msg("catalogue line %d (%s) has no metric", id, fs_fig_defs[id].name);
    for (size_t i = 0; i < f->nmetrics; i++) {
        for (size_t j = i + 1; j < f->nmetrics; j++)
            assert_string_not_equal(f->metrics[i].name, f->metrics[j].name);
        const fs_fig_metric *m = &f->metrics[i];
        assert_non_null(m->doc_en);
        assert_non_null(m->doc_zh);
        assert_null(strstr(m->doc_en, "%s"));
        if (m->base >= 0) {
            assert_int_equal(m->base, (int)i - 1);
            assert_int_equal(m->kind, FS_FIG_REAL);
        }
        bool matrix = m->def->method == FS_FIG_COOP_PAIRS || m->def->method == FS_FIG_ASSIST_PAIRS;
        bool coverage = m->def->method == FS_FIG_COVERAGE;
        if (m->base < 0 && !matrix && !coverage) {
            assert_true(i + 1 < f->nmetrics);
            assert_int_equal(f->metrics[i + 1].base, (int)i);
            /* the four percentages change in points, the rest relatively */
            bool pct =
                strcmp(m->name, "clearance_pct") == 0 || strcmp(m->name, "recovery_pct") == 0 ||
                strcmp(m->name, "cross_share_pct") == 0 || strcmp(m->name, "resolution_pct") == 0;
            assert_int_equal(f->metrics[i + 1].yoy, pct ? FS_FIG_YOY_PP : FS_FIG_YOY_PCT);
            assert_non_null(strstr(f->metrics[i + 1].name, pct ? "_yoy_pp" : "_yoy_pct"));
        }
        if (coverage)
            assert_false(i + 1 < f->nmetrics && f->metrics[i + 1].base == (int)i);
        /* nothing is written for a year without records but the coverage, 0 */
        for (size_t s = 0; s < f->nscopes; s++) {
            const fs_fig_value *v = fs_fig_value_at(f, s, i);
            if (coverage) {
                assert_int_equal(v->state, FS_FIG_SET);
                assert_int_equal(v->i, 0);
            } else {
                assert_int_equal(v->state, FS_FIG_ABSENT);
            }
        }
        /* declared counts are no ind_ figures */
        assert_null(strstr(m->name, "declared"));
    }
    assert_int_equal(f->nfindings, 0);
    fs_figures_free(f);
    fx_free(&w);
}

static char *metrics_text(fx *w, int year, size_t *len)
{
    fs_figures *f = fx_figures(w, year);
    char *text = NULL;
    FILE *out = open_memstream(&text, len);
    assert_int_equal(fs_fig_write_metrics(f, out), FS_OK);
    fclose(out);
    fs_figures_free(f);
    return text;
}

/* The metrics file: header, stable order, identical bytes on every run. */
static void test_metrics_file_stable(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", dedup_incidents);
    fx_file(&w, "coop.csv", coop_rows);
    fx_file(&w, "dis.csv", median_disputes);
    fx_import(&w);
    size_t n1, n2;
    char *a = metrics_text(&w, 2024, &n1), *b = metrics_text(&w, 2024, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_true(strncmp(a,
                        "year,scope,metric,value\n2024,320321,counties_incidents,1\n"
                        "2024,320321,incidents,2\n",
                        81) == 0);
    /* a scope without data of a table carries its figures, empty */
    assert_non_null(strstr(a, "\n2024,411425,incidents,\n"));
    assert_non_null(strstr(a, "\n2024,411425,counties_incidents,0\n"));
    assert_non_null(strstr(a, "\n2024,ALL,ind_population,\n"));
    /* the matrices: county rows only, never the diagonal */
    assert_null(strstr(a, "\n2024,ALL,coop_"));
    assert_null(strstr(a, "\n2024,341321,coop_341321,"));
    assert_non_null(strstr(a, "\n2024,341321,coop_341322,"));
    assert_non_null(strstr(a, "\n2024,ALL,cross_cases,2\n"));
    assert_non_null(strstr(a, "\n2024,320321,median_days_to_close,\n"));
    assert_non_null(strstr(a, "\n2024,ALL,incidents_yoy_pct,\n")); /* no 2023: empty */
    /* scope order: all of 320321 before 341321, ..., ALL last */
    assert_true(strstr(a, "\n2024,341321,") < strstr(a, "\n2024,320000,"));
    assert_true(strstr(a, "\n2024,410000,") < strstr(a, "\n2024,ALL,"));
    /* catalogue order within a scope */
    assert_true(strstr(a, "\n2024,ALL,incidents,") < strstr(a, "\n2024,ALL,disputes,"));
    assert_true(strstr(a, "\n2024,ALL,disputes,") < strstr(a, "\n2024,ALL,activities,"));
    free(a);
    free(b);
    fx_free(&w);
}

/* ------------------------------------------------------------------ */
/* zero reports and declared counts (§2.3, §4 v2)                      */
/* ------------------------------------------------------------------ */

/* 2023: Dangshan and Xiao have one incident each.  2024: Dangshan has two
 * incidents but declared 3 (incomplete); Feng two but declared 1
 * (surplus); Xiao had none and says so (declared_incidents 0, a zero
 * report), and also declared 0 cooperation; Shan declared 0 disputes but
 * sent one (declared_zero); Yucheng declared 2 disputes and sent none
 * (incomplete, and no data: a declared count above 0 is not a zero
 * report). */
static const char zero_incidents[] = INC_HEADER
    "D23,341321,2023-03-01,05,1,0,0,0,0,open,,,,\n"
    "X23,341322,2023-03-01,05,1,0,0,0,0,solved,2023-03-02,,,\n"
    "D1,341321,2024-03-01,05,1,100,50,1,1,solved,2024-03-02,,,\n"
    "D2,341321,2024-04-01,07,2,0,0,0,0,open,,,,\n"
    "F1,320321,2024-03-01,05,1,0,0,0,0,open,,,,\n"
    "F2,320321,2024-04-01,05,1,0,0,0,0,open,,,,\n";
static const char zero_indicators[] = IND_HEADER
    "341322,2024,declared_incidents,0\n"
    "341322,2024,declared_cooperation,0\n"
    "341321,2024,declared_incidents,3\n"
    "320321,2024,declared_incidents,1\n"
    "371722,2024,declared_disputes,0\n"
    "411425,2024,declared_disputes,2\n";
static const char zero_disputes[] =
    DIS_HEADER "S1,371722,2024-05-01,land,,2,village,resolved,2024-05-03,\n";
static const char zero_coop[] = COOP_HEADER "A1,341321,2024-06-01,joint_patrol,341322,,10,0,\n";

static void test_zero_report(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", zero_incidents);
    fx_file(&w, "ind.csv", zero_indicators);
    fx_file(&w, "dis.csv", zero_disputes);
    fx_file(&w, "coop.csv", zero_coop);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    int xiao = fs_zone_by_code(zone, "341322");
    /* Xiao's zero report: its incident figures are 0, data not missing;
     * ratios over a 0 denominator are empty. */
    EXPECT(f, "341322", "counties_incidents", "1");
    EXPECT(f, "341322", "incidents", "0");
    EXPECT(f, "341322", "offenses", "0");
    EXPECT(f, "341322", "offenses_cat_05", "0");
    EXPECT(f, "341322", "loss_yuan", "0.00");
    EXPECT(f, "341322", "cases", "0");
    EXPECT(f, "341322", "cross_cases", "0");
    EXPECT(f, "341322", "clearance_pct", "");
    EXPECT(f, "341322", "recovery_pct", "");
    EXPECT(f, "341322", "cross_share_pct", "");
    EXPECT(f, "341322", "offenses_per_10k", ""); /* no population given */
    EXPECT(f, "341322", "activities", "0");
    EXPECT(f, "341322", "participants", "0");
    EXPECT(f, "341322", "counties_cooperation", "1");
    EXPECT(f, "341322", "disputes", "<absent>"); /* nothing said: no data */
    EXPECT(f, "341322", "counties_disputes", "0");
    /* 1 -> 0 incidents: a real fall of 100 %, not a missing county. */
    expect_real(f, "341322", "incidents_yoy_pct", -100.0);
    EXPECT(f, "341322", "clearance_pct_yoy_pp", ""); /* 100 % -> no value */
    /* Anhui: Dangshan's records and Xiao's zero report, 2 of 2 counties in
     * both years, so the change is comparable: 2 -> 2 incidents. */
    EXPECT(f, "340000", "counties_incidents", "2");
    EXPECT(f, "340000", "incidents", "2");
    expect_real(f, "340000", "incidents_yoy_pct", 0.0);
    expect_real(f, "340000", "offenses_yoy_pct", 50.0); /* 2 -> 3 */
    /* 2023 50 % (X23 solved) -> 2024 50 % (D1): 0 points. */
    expect_real(f, "340000", "clearance_pct_yoy_pp", 0.0);
    EXPECT(f, "ALL", "counties_incidents", "3");   /* Feng, Dangshan, Xiao */
    EXPECT(f, "ALL", "counties_cooperation", "2"); /* Dangshan, Xiao (zero) */
    EXPECT(f, "ALL", "counties_disputes", "1");    /* Shan; not Yucheng */
    EXPECT(f, "ALL", "disputes", "1");
    EXPECT(f, "ALL", "counties_indicators", "5");
    EXPECT(f, "411425", "disputes", "<absent>");
    assert_int_equal(f->zero[FS_T_INCIDENTS], (fs_county_set)1 << xiao);
    assert_int_equal(f->zero[FS_T_COOPERATION], (fs_county_set)1 << xiao);
    assert_int_equal(f->zero[FS_T_DISPUTES], 0);
    assert_true(f->present[FS_T_INCIDENTS] & ((fs_county_set)1 << xiao));
    /* Declared counts and records held, per county and table. */
    int dangshan = fs_zone_by_code(zone, "341321"), feng = fs_zone_by_code(zone, "320321");
    assert_int_equal(fs_fig_declared(f, dangshan, FS_T_INCIDENTS), 300);
    assert_int_equal(fs_fig_held(f, dangshan, FS_T_INCIDENTS), 2);
    assert_int_equal(fs_fig_declared(f, xiao, FS_T_INCIDENTS), 0);
    assert_int_equal(fs_fig_held(f, xiao, FS_T_INCIDENTS), 0);
    assert_int_equal(fs_fig_declared(f, feng, FS_T_DISPUTES), -1);
    assert_int_equal(fs_fig_held(f, dangshan, FS_T_COOPERATION), 1);
    /* Findings, by table then county: Feng surplus and Dangshan
     * incomplete (incidents), Shan declared_zero and Yucheng incomplete
     * (disputes).  Xiao's zero report agrees: no finding. */
    assert_int_equal(f->nfindings, 4);
    const fs_finding *x = f->findings;
    assert_int_equal(x[0].kind, FS_FINDING_SURPLUS);
    assert_int_equal(x[0].table, FS_T_INCIDENTS);
    assert_int_equal(x[0].county, feng);
    assert_string_equal(x[0].ref, "declared_incidents");
    assert_string_equal(x[0].records, "320321:declared=1;held=2");
    assert_int_equal(x[1].kind, FS_FINDING_INCOMPLETE);
    assert_int_equal(x[1].county, dangshan);
    assert_int_equal(x[1].declared, 300);
    assert_int_equal(x[1].held, 2);
    assert_string_equal(x[1].text_en,
                        "Dangshan County declared 3 incident records for 2024 but 2 were "
                        "received: records are missing; send the whole incident file again, or "
                        "correct the declared count");
    assert_non_null(
        strstr(x[1].text_zh, "砀山县申报2024年刑事案件记录3条，实收2条")); /* plain words */
    assert_int_equal(x[2].kind, FS_FINDING_DECLARED_ZERO);
    assert_int_equal(x[2].table, FS_T_DISPUTES);
    assert_int_equal(x[2].county, fs_zone_by_code(zone, "371722"));
    assert_int_equal(x[3].kind, FS_FINDING_INCOMPLETE);
    assert_int_equal(x[3].held, 0);
    assert_string_equal(fs_finding_kind_name(x[2].kind), "declared_zero");
    assert_string_equal(fs_finding_kind_name(x[0].kind), "surplus");
    /* The findings CSV and `check` list them too. */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(fs_fig_write_findings(f, out), FS_OK);
    fclose(out);
    assert_non_null(strstr(text,
                           "2024,incomplete,incidents,declared_incidents,341321,"
                           "341321:declared=3;held=2,"));
    assert_non_null(strstr(text, "2024,declared_zero,disputes,declared_disputes,371722,"));
    free(text);
    out = open_memstream(&text, &len);
    assert_int_equal(fs_fig_print_findings(f, out), FS_OK);
    fclose(out);
    assert_non_null(strstr(text,
                           "declared_incidents: surplus: Feng County declared 1 "
                           "incident records for 2024"));
    free(text);
    fs_figures_free(f);
    fx_free(&w);
}

/* ind_*: comparable when the counties that gave that indicator are the
 * same in both years, whatever other indicators do. */
static void test_indicator_comparable(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    /* population: Dangshan both years, Xiao only 2024 (not comparable);
     * mediators: both counties both years (comparable: 30 -> 45 = +50 %). */
    fx_file(&w, "ind.csv",
            IND_HEADER
            "341321,2023,population,800000\n"
            "341321,2024,population,800000\n"
            "341322,2024,population,900000\n"
            "341321,2023,mediators,10\n"
            "341322,2023,mediators,20\n"
            "341321,2024,mediators,15\n"
            "341322,2024,mediators,30\n");
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    EXPECT(f, "340000", "ind_population", "1700000");
    EXPECT(f, "340000", "ind_population_yoy_pct", "");
    expect_real(f, "340000", "ind_mediators_yoy_pct", 50.0);
    expect_real(f, "341321", "ind_mediators_yoy_pct", 50.0);
    EXPECT(f, "341321", "ind_population_yoy_pct", "0");
    EXPECT(f, "340000", "counties_indicators", "2");
    int anhui = fs_fig_scope_index(f, "340000");
    char why[256];
    fs_fig_not_comparable_text(f, (size_t)anhui,
                               (size_t)fs_fig_metric_index(f, "ind_population_yoy_pct"), false, why,
                               sizeof why);
    assert_string_equal(why,
                        "not comparable: 2023: 1 of 2 counties (no Xiao County); 2024: 2 of 2");
    assert_true(fs_fig_comparable(f, (size_t)anhui,
                                  (size_t)fs_fig_metric_index(f, "ind_mediators_yoy_pct")));
    fs_figures_free(f);
    fx_free(&w);
}

/* One figure may cover fewer counties than its table (standard v2 §4,
 * presentation: a zone or province figure says so where it is shown): a
 * per-10k of an indicator covers the counties that gave that indicator
 * and a population, offenses_per_10k those with incidents and a
 * population. */
static void test_metric_coverage(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "ind.csv",
            IND_HEADER
            "411425,2024,population,700000\n"
            "411425,2024,grid_members,1400\n"
            "411426,2024,population,900000\n"
            "411481,2024,population,1200000\n"
            "341321,2024,population,800000\n"
            "341322,2024,mediators,20\n");
    fx_file(&w, "inc.csv",
            INC_HEADER
            "D24-1,341321,2024-05-01,05,1,0,0,0,0,open,,,,\n"
            "X24-1,341322,2024-05-01,05,1,0,0,0,0,open,,,,\n");
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    size_t henan = (size_t)fs_fig_scope_index(f, "410000"),
           anhui = (size_t)fs_fig_scope_index(f, "340000");
    size_t grid = (size_t)fs_fig_metric_index(f, "grid_members_per_10k"),
           pop = (size_t)fs_fig_metric_index(f, "ind_population"),
           per10k = (size_t)fs_fig_metric_index(f, "offenses_per_10k"),
           inc = (size_t)fs_fig_metric_index(f, "incidents");
    expect_real(f, "410000", "grid_members_per_10k", 20.0); /* Yucheng's alone */
    /* Henan: every county gave indicators, one of them grid members. */
    assert_false(fs_fig_partial(f, henan, FS_T_INDICATORS));
    assert_false(fs_fig_metric_partial(f, henan, pop));
    assert_true(fs_fig_metric_partial(f, henan, grid));
    char buf[64];
    fs_fig_set_cover_text(f, henan, fs_fig_metric_counties(f, henan, grid), true, buf, sizeof buf);
    assert_string_equal(buf, "1/3县");
    /* Anhui: both counties have incidents, only Dangshan a population. */
    EXPECT(f, "340000", "offenses_per_10k", "0.0125");
    assert_false(fs_fig_partial(f, anhui, FS_T_INCIDENTS));
    assert_false(fs_fig_metric_partial(f, anhui, inc));
    assert_true(fs_fig_metric_partial(f, anhui, per10k));
    fs_fig_set_cover_text(f, anhui, fs_fig_metric_counties(f, anhui, per10k), false, buf,
                          sizeof buf);
    assert_string_equal(buf, "1 of 2 counties");
    /* A county scope is never partial. */
    assert_false(fs_fig_metric_partial(f, (size_t)fs_fig_scope_index(f, "341322"), per10k));
    fs_figures_free(f);
    fx_free(&w);
}

/* The dictionary: one line per catalogue entry and its change, families
 * as patterns, every metric name of a metrics file matched by a line. */
static void test_dictionary(void **state)
{
    (void)state;
    fx w;
    fx_new(&w);
    fx_file(&w, "inc.csv", zero_incidents);
    fx_file(&w, "ind.csv", zero_indicators);
    fx_import(&w);
    fs_figures *f = fx_figures(&w, 2024);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(fs_fig_write_dictionary(f, out), FS_OK);
    fclose(out);
    assert_true(strncmp(text,
                        "\xEF\xBB\xBFmetric,values,unit,unit_zh,name,name_zh,definition,"
                        "definition_zh\r\n",
                        69) == 0);
    assert_non_null(strstr(text, "\r\noffenses_cat_NN,01 02 03 04 05 06 07 08 09 10 11,offences,"));
    assert_non_null(strstr(text, "\r\noffenses_cat_NN_yoy_pct,"));
    assert_non_null(strstr(text, "\r\nclearance_pct_yoy_pp,,percentage points,个百分点,"));
    assert_non_null(strstr(text, "\r\ncounties_incidents,,counties,"));
    assert_null(strstr(text, "counties_incidents_yoy"));
    assert_non_null(strstr(text, "\r\ncoop_B,"));
    assert_non_null(strstr(text, "\r\ndisputes_outcome_O,resolved pending escalated litigation,"));
    assert_null(strstr(text, "%s"));
    /* Every metric name matches one dictionary line (a family's name
     * with its placeholder replaced by one of its listed values). */
    for (size_t m = 0; m < f->nmetrics; m++) {
        const char *name = f->metrics[m].name;
        bool found = false;
        for (char *line = strstr(text, "\r\n"); line && !found; line = strstr(line + 2, "\r\n")) {
            const char *p = line + 2;
            const char *comma = strchr(p, ',');
            if (!comma)
                break;
            char pat[128];
            snprintf(pat, sizeof pat, "%.*s", (int)(comma - p), p);
            if (strcmp(pat, name) == 0)
                found = true;
            const char *ph = strpbrk(pat, "NTLKBO<");
            for (; ph && !found; ph = strpbrk(ph + 1, "NTLKBO<")) {
                /* a placeholder is upper case or <…> after an underscore */
                if (ph == pat || ph[-1] != '_')
                    continue;
                size_t pre = (size_t)(ph - pat);
                const char *end = ph[0] == '<' ? strchr(ph, '>') + 1 : ph + strspn(ph, "NTLKBO");
                size_t post = strlen(end);
                size_t n = strlen(name);
                if (n > pre + post && strncmp(name, pat, pre) == 0 &&
                    strcmp(name + n - post, end) == 0 && (post == 0 || end[0] == '_'))
                    found = true;
            }
        }
        if (!found)
            fail_msg("metric %s has no dictionary line", name);
    }
    free(text);
    fs_figures_free(f);
    fx_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dedup_cross_cases),
        cmocka_unit_test(test_provinces),
        cmocka_unit_test(test_assist_matrix),
        cmocka_unit_test(test_joint_lead_rule),
        cmocka_unit_test(test_coop_matrix_symmetric),
        cmocka_unit_test(test_medians),
        cmocka_unit_test(test_stored_cube_grouping),
        cmocka_unit_test(test_unconfirmed_explained),
        cmocka_unit_test(test_zero_denominators),
        cmocka_unit_test(test_county_missing_table),
        cmocka_unit_test(test_yoy),
        cmocka_unit_test(test_findings),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_metrics_file_stable),
        cmocka_unit_test(test_zero_report),
        cmocka_unit_test(test_dictionary),
        cmocka_unit_test(test_indicator_comparable),
        cmocka_unit_test(test_metric_coverage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
