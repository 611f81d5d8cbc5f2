/*
 * test_report_charts.c — unit tests of the forum chart set, report/briefing/deck*.c (issue 5):
 * the forum's chart set built from real figures, drawn through the chart
 * library's label log.
 *
 *   - the samples (2023 and 2024 imported; report 2024 and 2023) and an
 *     edge warehouse (one year, five counties without data, 0 % and 100 %
 *     rates, a zero denominator, very long county names), in Chinese and
 *     English: every chart draws, no two labels overlap, every label is on
 *     the canvas — at 1920 × 1080, 960 × 540 and on an A4 briefing page;
 *     projector-proof (issue 15, charts/README.md "Chart grammar"): no
 *     text below 0.8 of the body size, every text's WCAG contrast against
 *     the fill behind it ≥ 4.5 (≥ 3 for large text), no text crossed by a
 *     data or reference line — all from the label log's boxes;
 *   - what the charts say: county names, the zone reference line, the
 *     prior year only when it is held, "no data" for a county without
 *     data (never 0), the takeaways;
 *   - fs_rc_png: the requested size, fs_rc_set_map_figure;
 *   - the zone's hex layout matches the bearings of the county seats.
 *
 * Run from the repository root (samples/, templates/zone.conf).
 */
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>

#include "chart.h"
#include "chart_impl.h"
#include "chart_render.h"
#include "cli.h"
#include "ingest.h"
#include "report_charts.h"
#include "figures_cli.h"
#include "report_ctx.h"
#include "warehouse.h"

static char root[PATH_MAX];

typedef struct world {
    const char *name;
    char db[PATH_MAX + 16];
    fs_zone *zone;
} world;

static world samples = {.name = "samples"}, edge = {.name = "edge"}, partial = {.name = "partial"},
             one = {.name = "one"};

/* ------------------------------------------------------------ fixtures */

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

/* Create w->db and import the folders (one import run). */
static int import(world *w, const char *zone_path, char **dirs, int ndirs)
{
    fs_sbuf err = {0};
    fs_status st = fs_zone_load(zone_path, &w->zone, &err);
    fs_warehouse *wh = NULL;
    if (st == FS_OK) {
        snprintf(w->db, sizeof w->db, "%s/%s.db", root, w->name);
        st = fs_wh_open(w->db, true, false, w->zone, &wh, &err);
    }
    if (st != FS_OK)
        fprintf(stderr, "%s\n", fs_err_text(&err, st));
    fs_sbuf_free(&err);
    if (st != FS_OK)
        return -1;
    fs_ingest_opts o = {
        .zone = w->zone, .wh = wh, .time_iso = "2024-11-28T00:00:00Z", .verb = "imported"};
    fs_diags d;
    fs_diags_init(&d);
    fs_ingest_result res;
    st = fs_ingest(&o, dirs, (size_t)ndirs, &d, &res);
    int rc = st == FS_OK && res.refused == 0 && d.errors == 0 ? 0 : -1;
    if (rc)
        fs_diags_print(&d, stderr);
    fs_ingest_result_free(&res);
    fs_diags_free(&d);
    fs_wh_close(wh);
    return rc;
}

static int group_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/fs_rc_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        return -1;
    setenv("SOURCE_DATE_EPOCH", "1732752000", 1);
    char *sdirs[] = {"samples/2023", "samples/2024"};
    if (import(&samples, "templates/zone.conf", sdirs, 2) != 0)
        return -1;

    /* the edge world: its own zone file with very long names */
    char in[PATH_MAX + 8], zpath[PATH_MAX + 16];
    snprintf(in, sizeof in, "%s/edge", root);
    snprintf(zpath, sizeof zpath, "%s/long.conf", root);
    if (mkdir(in, 0700) != 0)
        return -1;
    FILE *src = fopen("templates/zone.conf", "r"), *dst = fopen(zpath, "w");
    if (!src || !dst)
        return -1;
    char line[1024];
    while (fgets(line, sizeof line, src)) {
        if (strncmp(line, "county = 341321", 15) == 0)
            fputs(
                "county = 341321 | 砀山县砀山县砀山县砀山县砀山县砀山县 | Dangshan County of the "
                "Very Long Name Prefecture | 安徽 | Anhui | 宿州 | Suzhou\n",
                dst);
        else if (strncmp(line, "county = 411481", 15) == 0)
            fputs(
                "county = 411481 | 永城市永城市永城市永城市 | Yongcheng City With An "
                "Extraordinarily "
                "Long Official Name | 河南 | Henan | 商丘 | Shangqiu\n",
                dst);
        else
            fputs(line, dst);
    }
    fclose(src);
    if (fclose(dst) != 0)
        return -1;
    write_file(in, "a-incidents.csv",
               "case_id,county,date_reported,category,offenses,loss_yuan,recovered_yuan,suspects,"
               "arrested,status,date_solved,cross_ref,counties_involved,assisted_by\n"
               "A1,341321,2030-01-03,05,1,0,0,0,0,open,,,,\n"
               "A2,341321,2030-02-03,05,1,0,0,0,0,open,,,,\n"
               "B1,341322,2030-01-03,05,1,100,100,1,1,solved,2030-01-09,,,341321\n");
    write_file(in, "a-disputes.csv",
               "dispute_id,county,date_received,type,counterpart,parties,level,outcome,date_closed,"
               "joint_ref\n"
               "AD1,341321,2030-01-02,labor,,2,village,resolved,2030-01-19,\n"
               "AD2,341321,2030-01-04,land,,2,village,resolved,2030-01-21,\n"
               "BD1,341322,2030-01-02,family,,2,village,pending,,\n");
    write_file(in, "a-indicators.csv",
               "county,year,indicator,value\n341321,2030,population,800000\n"
               "341322,2030,population,1000000\n");
    write_file(in, "a-cooperation.csv",
               "activity_id,county,date,kind,partners,lead,participants,outcome_count,joint_ref\n"
               "AC1,341321,2030-01-01,joint_patrol,341322,,0,0,\n");
    char *edirs[] = {in};
    if (import(&edge, zpath, edirs, 1) != 0)
        return -1;

    /* the partial world (the user trial of 5 Dec): 2024 from every county,
     * 2025 from all but Yongcheng, so the zone's 2025 figures cover 6 of
     * 7 counties and its changes on 2024 are not comparable */
    char *pdirs[32];
    int np = 0;
    pdirs[np++] = "samples/2024";
    static const char *const c25[] = {"dangshan", "feng", "shan", "xiao", "xiayi"};
    static const char *const t25[] = {"cooperation", "disputes", "incidents", "indicators"};
    static char names[20][64];
    for (size_t i = 0; i < 5; i++)
        for (size_t k = 0; k < 4; k++) {
            char *nm = names[i * 4 + k];
            snprintf(nm, 64, "samples/2025/%s-2025-%s.csv", c25[i], t25[k]);
            pdirs[np++] = nm;
        }
    pdirs[np++] = "samples/2025/yucheng-2025.db";
    if (import(&partial, "templates/zone.conf", pdirs, np) != 0)
        return -1;
    /* the one-county world: Dangshan's 2025 only */
    char *odirs[4];
    for (size_t k = 0; k < 4; k++)
        odirs[k] = names[k];
    return import(&one, "templates/zone.conf", odirs, 4);
}

static int group_teardown(void **state)
{
    (void)state;
    fs_zone_free(samples.zone);
    fs_zone_free(edge.zone);
    fs_zone_free(partial.zone);
    fs_zone_free(one.zone);
    nftw(root, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    return 0;
}

/* The report context of `year` in `lang` (cli keeps the zone borrowed). */
static void ctx_load(world *w, int year, fs_lang lang, fs_cli *cli, fs_report_ctx *ctx)
{
    *cli = (fs_cli){.cmd = "test", .db_path = w->db, .quiet = true, .zone = w->zone};
    fs_report_opts o = {lang, 1920, 1080, 96};
    int rc = fs_report_ctx_load(cli, year, root, &o, ctx);
    if (rc)
        fail_msg("cannot load the %s context for %d (exit %d)", w->name, year, rc);
}

/* ------------------------------------------------------------- layout */

/* Draw chart c into r; fail on an overlap or a label off the canvas.
 * Returns every text drawn, joined by "|" (malloc'ed). */
static char *draw_checked(fsc_fonts *fonts, const fsc_chart *c, fsc_rect r, const char *what)
{
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
    cairo_t *cr = cairo_create(s);
    fsc_labels lab = {0};
    fsc_status st = fsc_draw(fonts, c, cr, r, &lab);
    if (st != FSC_OK)
        fail_msg("%s: %s", what, fsc_strerror(st));
    size_t n = 2;
    double u = fsc_base_size(r.w, r.h);
    for (size_t i = 0; i < lab.n; i++) {
        fsc_rect a = lab.items[i].box;
        const fsc_label *l = &lab.items[i];
        n += strlen(lab.items[i].text) + 1;
        if (l->size < u * FSC_MIN_TEXT - 0.01) /* pango keeps sizes in 1/1024 */
            fail_msg("%s: \"%s\" is %.1f units, below the projector minimum %.1f", what, l->text,
                     l->size, u * FSC_MIN_TEXT);
        /* WCAG 2.1 large text: 24 px regular, 18.7 px bold on a 1080 p slide */
        bool large = l->size >= u * 1.08 || (l->bold && l->size >= u * 0.84);
        double cr_ = fsc_contrast(l->color, l->bg);
        if (cr_ < (large ? 3.0 : 4.5))
            fail_msg("%s: \"%s\" (#%06X on #%06X) has contrast %.2f, below %.1f", what, l->text,
                     (unsigned)l->color, (unsigned)l->bg, cr_, large ? 3.0 : 4.5);
        for (size_t k = 0; k < lab.nlines; k++)
            if (fsc_segment_hits(lab.lines[k], a))
                fail_msg("%s: a line (%.0f,%.0f)–(%.0f,%.0f) crosses \"%s\"", what, lab.lines[k].x0,
                         lab.lines[k].y0, lab.lines[k].x1, lab.lines[k].y1, l->text);
        if (a.x < r.x - 0.5 || a.y < r.y - 0.5 || a.x + a.w > r.x + r.w + 0.5 ||
            a.y + a.h > r.y + r.h + 0.5)
            fail_msg("%s: \"%s\" off the canvas", what, lab.items[i].text);
        for (size_t j = i + 1; j < lab.n; j++)
            if (fsc_rect_overlap(a, lab.items[j].box))
                fail_msg("%s: \"%s\" overlaps \"%s\"", what, lab.items[i].text, lab.items[j].text);
    }
    char *all = calloc(1, n);
    assert_non_null(all);
    strcat(all, "|");
    for (size_t i = 0; i < lab.n; i++) {
        strcat(all, lab.items[i].text);
        strcat(all, "|");
    }
    fsc_labels_free(&lab);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return all;
}

/* Every chart of the set in three rectangles (16:9 px, 16:9 pt, the chart
 * area of an A4 landscape briefing page). */
static void check_all(world *w, int year, fs_lang lang)
{
    static const fsc_rect rects[3] = {{0, 0, 1920, 1080}, {0, 0, 960, 540}, {24, 60, 793.89, 480}};
    fs_cli cli;
    fs_report_ctx ctx;
    ctx_load(w, year, lang, &cli, &ctx);
    fs_rc *rc;
    fs_sbuf err = {0}; /* a message when a call fails */
    assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
    fsc_fonts *fonts;
    assert_int_equal(fsc_fonts_open(&fonts, NULL), FSC_OK);
    for (int k = 0; k < FS_RC_COUNT; k++)
        for (int r = 0; r < 3; r++) {
            char what[160];
            snprintf(what, sizeof what, "%s %d %s %s in %.0fx%.0f", w->name, year,
                     lang == FS_LANG_ZH ? "zh" : "en", fs_rc_chart_name((fs_rc_chart)k), rects[r].w,
                     rects[r].h);
            free(draw_checked(fonts, fs_rc_spec(rc, (fs_rc_chart)k), rects[r], what));
        }
    for (int k = 0; k < FS_RC_COUNT; k++) { /* two lines, except the tiles */
        const char *t = fs_rc_takeaway(rc, (fs_rc_chart)k);
        if (k == FS_RC_TILES)
            assert_null(t);
        else if (!t || !*t)
            fail_msg("%s %d: no takeaway for %s", w->name, year, fs_rc_chart_name((fs_rc_chart)k));
    }
    fsc_fonts_close(fonts);
    fs_rc_close(rc);
    fs_report_ctx_free(&ctx);
}

static void test_layout_samples(void **state)
{
    (void)state;
    check_all(&samples, 2024, FS_LANG_ZH);
    check_all(&samples, 2024, FS_LANG_EN);
    check_all(&samples, 2023, FS_LANG_EN); /* no prior year, Yongcheng without disputes */
}

static void test_layout_edge(void **state)
{
    (void)state;
    check_all(&edge, 2030, FS_LANG_ZH);
    check_all(&edge, 2030, FS_LANG_EN);
}

/* ------------------------------------------------------------ content */

static char *texts_of(fs_rc *rc, fsc_fonts *fonts, fs_rc_chart k)
{
    return draw_checked(fonts, fs_rc_spec(rc, k), (fsc_rect){0, 0, 1920, 1080},
                        fs_rc_chart_name(k));
}

static void test_content(void **state)
{
    (void)state;
    fs_cli cli;
    fs_report_ctx ctx;
    fs_rc *rc;
    fs_sbuf err = {0}; /* a message when a call fails */
    fsc_fonts *fonts;
    assert_int_equal(fsc_fonts_open(&fonts, NULL), FSC_OK);

    /* 2024 in English: both years, the zone as its own pair of bars in one
     * colour per year (the county is on the axis), county names */
    ctx_load(&samples, 2024, FS_LANG_EN, &cli, &ctx);
    assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
    const fsc_chart *c = fs_rc_spec(rc, FS_RC_OFFENCES);
    assert_int_equal(c->kind, FSC_BARS);
    assert_int_equal(c->bars.nseries, 2);
    assert_string_equal(c->bars.series[0].name, "2023");
    assert_string_equal(c->bars.series[1].name, "2024");
    assert_int_equal(c->bars.cats.n, 8);
    assert_false(c->bars.color_by_category);
    assert_null(c->bars.ref_label); /* no 2024 line across the 2023 bars */
    assert_true(c->bars.series[0].color != c->bars.series[1].color);
    assert_true(fsc_contrast(c->bars.series[0].color, 0xFFFFFF) >= 3.0); /* not a pale tint */
    assert_string_equal(c->bars.cats.labels[7], "Zone");
    { /* the zone stands apart (a gap before it) and near-black (grammar) */
        assert_true(c->bars.last_is_total);
        assert_true(fs_rc_spec(rc, FS_RC_RESOURCES)->bars.last_is_total);
        cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1920, 1080);
        cairo_t *cr = cairo_create(sf);
        fsc_labels lab = {0};
        assert_int_equal(fsc_draw(fonts, c, cr, (fsc_rect){0, 0, 1920, 1080}, &lab), FSC_OK);
        double cx[8] = {0};
        for (size_t i = 0; i < lab.n; i++)
            for (size_t k = 0; k < 8; k++)
                if (strcmp(lab.items[i].text, c->bars.cats.labels[k]) == 0)
                    cx[k] = lab.items[i].box.x + lab.items[i].box.w / 2;
        assert_true(cx[7] - cx[6] > 1.3 * (cx[6] - cx[5]));
        unsigned char *px = cairo_image_surface_get_data(sf);
        int stride = cairo_image_surface_get_stride(sf);
        double zb = 0; /* the zone's 2024 bar, just above the baseline: dark */
        for (size_t i = 0; i < lab.n; i++)
            if (strcmp(lab.items[i].text, "Zone") == 0)
                zb = lab.items[i].box.y;
        int y = (int)zb - 30, dark = 0;
        cairo_surface_flush(sf);
        for (int dx = -60; dx <= 60; dx += 4) {
            const unsigned char *p = px + y * stride + ((int)cx[7] + dx) * 4;
            if (p[0] != 0xFF || p[1] != 0xFF || p[2] != 0xFF) { /* a bar, not the gap */
                assert_true(p[0] + p[1] + p[2] < 3 * 0x70);
                dark++;
            }
        }
        assert_true(dark > 5);
        fsc_labels_free(&lab);
        cairo_destroy(cr);
        cairo_surface_destroy(sf);
    }
    assert_true(fabs(c->bars.series[1].values[7] - 3.66) < 0.005);
    char *t = texts_of(rc, fonts, FS_RC_OFFENCES);
    assert_non_null(strstr(t, "|Dangshan County|"));
    assert_non_null(strstr(t, "|3.66|"));
    assert_non_null(strstr(t, "data year 2024"));
    free(t);
    assert_non_null(strstr(fs_rc_takeaway(rc, FS_RC_OFFENCES), " and rose in "));
    c = fs_rc_spec(rc, FS_RC_CROSS);
    assert_int_equal(c->lines.nx, 2); /* 2023, 2024: never a year after the report's */
    assert_string_equal(c->lines.x_labels[1], "2024");
    assert_int_equal(c->lines.panels[0].nseries, 1); /* the zone; provinces in the note */
    assert_non_null(strstr(c->note, "add up to more than the zone"));
    /* rates close together: dot plots sorted from the highest, zone line */
    c = fs_rc_spec(rc, FS_RC_MEDIATION);
    assert_int_equal(c->kind, FSC_DOTS);
    for (size_t i = 1; i < c->dots.cats.n; i++)
        if (isfinite(c->dots.series[0].values[i]))
            assert_true(c->dots.series[0].values[i - 1] >= c->dots.series[0].values[i]);
    assert_non_null(c->dots.ref_label);
    c = fs_rc_spec(rc, FS_RC_CLEARANCE);
    assert_int_equal(c->dots.nseries, 1); /* no line joining cases to yuan */
    /* the assistance matrix: 7 × 7, rows help; cooperation pairs once */
    c = fs_rc_spec(rc, FS_RC_ASSISTANCE);
    assert_int_equal(c->kind, FSC_HEATMAP);
    assert_int_equal(c->matrix.cats.n, 7);
    assert_true(c->matrix.skip_diagonal && !c->matrix.lower_only);
    c = fs_rc_spec(rc, FS_RC_COOPERATION);
    assert_true(c->matrix.lower_only);
    /* money in 万元 (here 10,000 yuan), categories largest first */
    c = fs_rc_spec(rc, FS_RC_LOSSES);
    assert_string_equal(c->bars.axis_title, "10,000 yuan");
    assert_int_equal(c->bars.format, FSC_FMT_DECIMAL2);
    for (size_t i = 0; i < 7; i++)
        if (isfinite(c->bars.series[0].values[i]))
            assert_true(c->bars.series[0].values[i] < 10000); /* 万元, not yuan */
    /* grid members and video devices per 10 000 (issue 15): bars from 0,
     * the counties then the zone, one colour per measure, the figures'
     * values */
    c = fs_rc_spec(rc, FS_RC_RESOURCES);
    assert_int_equal(c->kind, FSC_BARS);
    assert_int_equal(c->bars.nseries, 2);
    assert_string_equal(c->bars.series[0].name, "Grid members");
    assert_string_equal(c->bars.series[1].name, "Video devices added");
    assert_false(c->bars.color_by_category);
    assert_true(c->bars.series[0].color != c->bars.series[1].color);
    assert_int_equal(c->bars.cats.n, 8);
    assert_string_equal(c->bars.cats.labels[7], "Zone");
    assert_string_equal(c->bars.axis_title, "Per 10,000 residents");
    for (size_t i = 0; i < 8; i++) {
        const char *scope = i < 7 ? ctx.zone->counties[i].code : "ALL";
        int sc = fs_fig_scope_index(ctx.fig, scope);
        static const char *const m[2] = {"grid_members_per_10k", "video_devices_per_10k"};
        for (size_t k = 0; k < 2; k++) {
            const fs_fig_value *v =
                fs_fig_value_at(ctx.fig, (size_t)sc, (size_t)fs_fig_metric_index(ctx.fig, m[k]));
            assert_int_equal(v->state, FS_FIG_SET);
            assert_true(fabs(c->bars.series[k].values[i] - v->d) < 1e-9);
        }
    }
    assert_non_null(
        strstr(fs_rc_takeaway(rc, FS_RC_RESOURCES), "Grid members per 10,000 residents: zone "));
    c = fs_rc_spec(rc, FS_RC_CATEGORIES);
    assert_true(c->stack.cats.n >= 5);
    for (size_t i = 1; i < c->stack.cats.n; i++)
        assert_true(c->stack.series[0].values[i - 1] >= c->stack.series[0].values[i]);
    c = fs_rc_spec(rc, FS_RC_LEVELS); /* ordered categories keep their order */
    assert_string_equal(c->stack.cats.labels[0], "Village");
    assert_non_null(
        strstr(fs_rc_takeaway(rc, FS_RC_LEVELS), "at village level")); /* mid-sentence */
    assert_null(strstr(fs_rc_takeaway(rc, FS_RC_DISPUTES), " of the 7 counties")); /* "all 7" */
    c = fs_rc_spec(rc, FS_RC_TRENDS);
    assert_int_equal(c->lines.nx, 2);
    assert_string_equal(c->lines.x_labels[1], "2024");
    assert_string_equal(c->title, "Headline figures over two years"); /* the years drawn */
    { /* 2023 disputes cover 6 of 7 counties: hollow there, solid elsewhere,
       * the note says so; every point of every panel carries its value */
        bool saw = false;
        for (size_t p = 0; p < c->lines.npanels; p++) {
            const fsc_series *se = c->lines.panels[p].series;
            assert_non_null(se->hollow);
            assert_false(se->hollow[1]);
            saw = saw || se->hollow[0];
        }
        assert_true(saw);
        assert_false(c->lines.panels[0].series->hollow[0]); /* offences: all counties */
        assert_non_null(strstr(c->note, "Hollow points"));
        char *tt = texts_of(rc, fonts, FS_RC_TRENDS);
        for (size_t p = 0; p < c->lines.npanels; p++)
            for (size_t k = 0; k < c->lines.nx; k++) {
                char want[64], val[48];
                fsc_format_value(val, sizeof val, c->lines.panels[p].series->values[k],
                                 c->lines.panels[p].format, "no data");
                snprintf(want, sizeof want, "|%s|", val);
                if (!strstr(tt, want))
                    fail_msg("11-trends: panel %zu year %zu: no label %s", p, k, want);
            }
        free(tt);
    }
    t = texts_of(rc, fonts, FS_RC_TILES); /* 16 → 17 is "▲ 1", not a percentage */
    assert_null(strstr(t, "▲ 6.3%"));
    free(t);
    c = fs_rc_spec(rc, FS_RC_DISPUTES);
    assert_true(c->stack.nseries >= 2 && c->stack.nseries <= 7);
    c = fs_rc_spec(rc, FS_RC_HEXMAP); /* the layout comes from zone.conf */
    for (size_t i = 0; i < c->hexmap.n; i++)
        if (strcmp(c->hexmap.hexes[i].label, "Dangshan County") == 0)
            assert_true(c->hexmap.hexes[i].q == 0 && c->hexmap.hexes[i].r == 0);
    assert_non_null(strstr(fs_rc_takeaway(rc, FS_RC_OFFENCES), "Compared with 2023"));
    { /* 01-offences and 12-change count the same counties, at the printed
       * precision (Feng 2023 → 2024 rounds to the same figure) */
        const char *a = strstr(fs_rc_takeaway(rc, FS_RC_OFFENCES), " fell in ");
        const char *b = strstr(fs_rc_takeaway(rc, FS_RC_CHANGE), " fell in ");
        assert_non_null(a);
        assert_non_null(b);
        size_t la = strcspn(a, "."), lb = strcspn(b, ".");
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        assert_non_null(strstr(a, "stayed the same in 1"));
    }
    assert_non_null(strchr(fs_rc_takeaway(rc, FS_RC_OFFENCES), '\n'));

    /* an in-memory PNG of the requested size */
    unsigned char *png;
    size_t len;
    assert_int_equal(fs_rc_png(rc, FS_RC_MEDIATION, 640, 360, 192, &png, &len, &err), FS_OK);
    assert_true(len > 33 && memcmp(png + 1, "PNG", 3) == 0);
    assert_int_equal((png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19]), 640);
    assert_int_equal((png[20] << 24 | png[21] << 16 | png[22] << 8 | png[23]), 360);
    free(png);
    assert_int_equal(fs_rc_png(rc, FS_RC_COUNT, 0, 0, 0, &png, &len, &err), FS_ERR_USAGE);
    assert_null(png);
    /* another figure on the map */
    assert_int_equal(fs_rc_set_map_figure(rc, "resolution_pct", &err), FS_OK);
    c = fs_rc_spec(rc, FS_RC_HEXMAP);
    assert_int_equal(c->hexmap.format, FSC_FMT_PERCENT);
    assert_int_equal(fs_rc_set_map_figure(rc, "no_such_figure", &err), FS_ERR_USAGE);
    assert_non_null(strstr(fs_sbuf_str(&err), "'no_such_figure'"));
    fs_sbuf_free(&err);
    fs_rc_close(rc);
    fs_report_ctx_free(&ctx);

    /* 2023 in Chinese: no 2022, so one series; Yongcheng sent no disputes */
    ctx_load(&samples, 2023, FS_LANG_ZH, &cli, &ctx);
    assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
    c = fs_rc_spec(rc, FS_RC_OFFENCES);
    assert_int_equal(c->bars.nseries, 1);
    assert_string_equal(c->subtitle, "2023年（无2022年数据）");
    c = fs_rc_spec(rc, FS_RC_MEDIATION);
    int yc = fs_zone_by_code(samples.zone, "411481");
    assert_true(yc >= 0);
    bool na = false; /* no data, not 0: sorted last as NaN */
    for (size_t i = 0; i < c->dots.cats.n; i++)
        if (strcmp(c->dots.cats.labels[i], samples.zone->counties[yc].name_zh) == 0)
            na = isnan(c->dots.series[0].values[i]);
    assert_true(na);
    t = texts_of(rc, fonts, FS_RC_DISPUTES_SHARE);
    assert_non_null(strstr(t, "|永城市|无数据|"));
    free(t);
    t = texts_of(rc, fonts, FS_RC_TILES);
    assert_non_null(strstr(t, "无2022年数据可比"));
    free(t);
    fs_rc_close(rc);
    fs_report_ctx_free(&ctx);

    /* the edge world: 0 %, 100 %, a zero denominator, counties without data */
    ctx_load(&edge, 2030, FS_LANG_EN, &cli, &ctx);
    assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
    c = fs_rc_spec(rc, FS_RC_CLEARANCE); /* sorted: 100 % first, then …, 0 %, no data */
    int ds = fs_zone_by_code(edge.zone, "341321"), xi = fs_zone_by_code(edge.zone, "341322");
    int fe = fs_zone_by_code(edge.zone, "320321");
    size_t n = c->dots.cats.n;
    assert_string_equal(c->dots.cats.labels[0], edge.zone->counties[xi].name_en);
    assert_true(c->dots.series[0].values[0] == 1.0); /* clearance 100 % */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c->dots.cats.labels[i], edge.zone->counties[ds].name_en) == 0)
            assert_true(c->dots.series[0].values[i] == 0.0); /* clearance 0 % */
        if (strcmp(c->dots.cats.labels[i], edge.zone->counties[fe].name_en) == 0)
            assert_true(isnan(c->dots.series[0].values[i])); /* Feng sent nothing */
    }
    c = fs_rc_spec(rc, FS_RC_LOSSES);
    assert_true(isnan(c->bars.series[0].values[fe])); /* no data, never 0 */
    t = texts_of(rc, fonts, FS_RC_MEDIATION);
    assert_non_null(strstr(t, "|100.0%|"));
    assert_non_null(strstr(t, "|0.0%|"));
    assert_non_null(strstr(t, "|no data|"));
    free(t);
    assert_non_null(strstr(fs_rc_takeaway(rc, FS_RC_OFFENCES), "no figures for 2029"));
    fs_rc_close(rc);
    fs_report_ctx_free(&ctx);
    fsc_fonts_close(fonts);
}

/* ---------------------------------------------- partial coverage (v2) */

/* Lines drawn (the label log's segments) for chart c at 1920 × 1080. */
static size_t lines_drawn(fsc_fonts *fonts, const fsc_chart *c)
{
    cairo_surface_t *sf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
    cairo_t *cr = cairo_create(sf);
    fsc_labels lab = {0};
    assert_int_equal(fsc_draw(fonts, c, cr, (fsc_rect){0, 0, 1920, 1080}, &lab), FSC_OK);
    size_t n = lab.nlines;
    fsc_labels_free(&lab);
    cairo_destroy(cr);
    cairo_surface_destroy(sf);
    return n;
}

/* The next sentence of a takeaway at *t (ending at "。" / ". " or at the
 * line break between its two lines), allocated; *t moves past it, NULL
 * after the last. */
static char *next_sentence(const char **t, fs_lang lang)
{
    const char *end = lang == FS_LANG_ZH ? "。" : ". ";
    const char *e = strstr(*t, end), *nl = strchr(*t, '\n');
    size_t elen = strlen(end);
    if (nl && (!e || nl < e)) { /* a takeaway's two lines */
        e = nl;
        elen = 1;
    }
    size_t len = e ? (size_t)(e - *t) : strlen(*t);
    char *sent = strndup(*t, len);
    assert_non_null(sent);
    *t = e ? e + elen : NULL;
    return sent;
}

/* Every sentence of every takeaway that gives a zone figure ("片区" /
 * "zone" and a digit) says its coverage (standard v2 §4). */
static void check_takes_cover(fs_rc *rc, fs_lang lang)
{
    const char *zone = lang == FS_LANG_ZH ? "片区" : "zone";
    const char *cov = lang == FS_LANG_ZH ? "6/7县" : "6 of 7 counties";
    for (int k = 0; k < FS_RC_COUNT; k++) {
        const char *t = fs_rc_takeaway(rc, (fs_rc_chart)k);
        while (t && *t) {
            char *sent = next_sentence(&t, lang);
            if (strcasestr(sent, zone) && strpbrk(sent, "0123456789") && !strstr(sent, cov))
                fail_msg("%s: a zone figure without its coverage: \"%s\"",
                         fs_rc_chart_name((fs_rc_chart)k), sent);
            free(sent);
        }
    }
}

/* The user trial of 5 Dec: 2025 without Yongcheng.  Changes of the zone
 * are not drawn or told as real changes (12-change, 02-cross-regional,
 * the takeaways), every zone figure in a takeaway says "6/7县". */
static void test_partial_coverage(void **state)
{
    (void)state;
    fs_cli cli;
    fs_report_ctx ctx;
    fs_rc *rc;
    fs_sbuf err = {0};
    fsc_fonts *fonts;
    assert_int_equal(fsc_fonts_open(&fonts, NULL), FSC_OK);
    for (int l = 0; l < 2; l++) {
        fs_lang lang = l ? FS_LANG_EN : FS_LANG_ZH;
        ctx_load(&partial, 2025, lang, &cli, &ctx);
        assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
        /* 12-change: the zone's 2025 marker hollow, no line to 2024 */
        const fsc_chart *c = fs_rc_spec(rc, FS_RC_CHANGE);
        size_t zr = c->dots.cats.n - 1;
        assert_non_null(c->dots.series[1].hollow);
        assert_true(c->dots.series[1].hollow[zr]);
        assert_false(c->dots.series[0].hollow[zr]); /* 2024: every county */
        for (size_t i = 0; i < zr; i++)
            assert_false(c->dots.series[1].hollow[i]);
        assert_non_null(strstr(c->note, lang == FS_LANG_ZH ? "不可比" : "not comparable"));
        /* Yongcheng's row, a 2024 point alone, says which year it lacks */
        assert_non_null(strstr(c->note, lang == FS_LANG_ZH ? "2025年未报送：永城市。"
                                                           : "No data for 2025: Yongcheng City."));
        fsc_chart solid = *c;
        fsc_series ss[2] = {c->dots.series[0], c->dots.series[1]};
        ss[0].hollow = ss[1].hollow = NULL;
        solid.dots.series = ss;
        assert_int_equal(lines_drawn(fonts, c) + 1, lines_drawn(fonts, &solid));
        /* 01-offences: the zone's pair of bars is no change either */
        assert_non_null(strstr(fs_rc_spec(rc, FS_RC_OFFENCES)->note,
                               lang == FS_LANG_ZH ? "不可比" : "not comparable"));
        /* 02-cross-regional: 2025 hollow, as 11-trends draws it */
        c = fs_rc_spec(rc, FS_RC_CROSS);
        assert_int_equal(c->lines.nx, 2);
        for (size_t p = 0; p < c->lines.npanels; p++) {
            const fsc_series *se = c->lines.panels[p].series;
            assert_non_null(se->hollow);
            assert_false(se->hollow[0]);
            assert_true(se->hollow[1]);
        }
        assert_non_null(strstr(c->note, lang == FS_LANG_ZH ? "空心点" : "Hollow points"));
        const char *t = fs_rc_takeaway(rc, FS_RC_CROSS);
        assert_non_null(strstr(t, lang == FS_LANG_ZH ? "不可比：" : "not comparable: "));
        check_takes_cover(rc, lang);
        free(draw_checked(fonts, fs_rc_spec(rc, FS_RC_CHANGE), (fsc_rect){0, 0, 1920, 1080},
                          "partial 12-change"));
        free(draw_checked(fonts, fs_rc_spec(rc, FS_RC_CROSS), (fsc_rect){0, 0, 960, 540},
                          "partial 02-cross"));
        fs_rc_close(rc);
        fs_report_ctx_free(&ctx);
    }
    /* comparable years (the samples' 2024 on 2023, incidents from every
     * county both years): nothing hollow, the line drawn */
    ctx_load(&samples, 2024, FS_LANG_ZH, &cli, &ctx);
    assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
    const fsc_chart *c = fs_rc_spec(rc, FS_RC_CHANGE);
    assert_false(c->dots.series[1].hollow[c->dots.cats.n - 1]);
    assert_true(!c->note || !strstr(c->note, "未报送")); /* every county both years */
    assert_null(fs_rc_spec(rc, FS_RC_OFFENCES)->note);
    assert_null(strstr(fs_rc_takeaway(rc, FS_RC_CROSS), "不可比"));
    fs_rc_close(rc);
    fs_report_ctx_free(&ctx);
    fs_sbuf_free(&err);
    fsc_fonts_close(fonts);
}

/* One county with data (the trial: Dangshan's 2025 alone): no sentence
 * says "highest A … lowest A" or "from A to A"; "only A" instead. */
static void test_one_county(void **state)
{
    (void)state;
    fs_cli cli;
    fs_report_ctx ctx;
    fs_rc *rc;
    fs_sbuf err = {0};
    for (int l = 0; l < 2; l++) {
        fs_lang lang = l ? FS_LANG_EN : FS_LANG_ZH;
        ctx_load(&one, 2025, lang, &cli, &ctx);
        assert_int_equal(fs_rc_open(&rc, &ctx, &err), FS_OK);
        int ds = fs_zone_by_code(one.zone, "341321");
        const char *name =
            lang == FS_LANG_ZH ? one.zone->counties[ds].name_zh : one.zone->counties[ds].name_en;
        int only = 0;
        for (int k = 0; k < FS_RC_COUNT; k++) {
            const char *t = fs_rc_takeaway(rc, (fs_rc_chart)k);
            while (t && *t) {
                char *sent = next_sentence(&t, lang);
                const char *a = strstr(sent, name);
                if (a && strstr(a + strlen(name), name))
                    fail_msg("%s: \"%s\" names %s twice", fs_rc_chart_name((fs_rc_chart)k), sent,
                             name);
                only += strstr(sent, lang == FS_LANG_ZH ? "只有" : "nly ") != NULL && a;
                free(sent);
            }
        }
        assert_true(only >= 5); /* offences, map, clearance, losses, grid, video, mediation */
        fs_rc_close(rc);
        fs_report_ctx_free(&ctx);
    }
    fs_sbuf_free(&err);
}

/* ------------------------------------------------------------ the map */

/* Each county's tile sits toward the bearing of its seat from Dangshan's
 * (engineering notes: Shan N, Feng NE, Xiao E to SE, Yongcheng S, Xiayi SW,
 * Yucheng W — on a flat-topped grid the west neighbour is north-west). */
/* Matrix classes come from the data (issue 15 polish 7): no empty class
 * (nothing in 10 – 19 here), the top class ends at the largest value (35,
 * not 40), and zero is its own white class listed as "0". */
static void test_matrix_classes(void **state)
{
    (void)state;
    fsc_fonts *fonts;
    assert_int_equal(fsc_fonts_open(&fonts, NULL), FSC_OK);
    const char *names[4] = {"A", "B", "C", "D"};
    double v[16] = {NAN, 0, 2, 4, 35, NAN, 6, 0, 22, 26, NAN, 31, 0, 30, 28, NAN};
    fsc_chart c = {.kind = FSC_HEATMAP,
                   .title = "t",
                   .lang = "en",
                   .na_label = "no data",
                   .matrix = {.cats = {names, NULL, 4},
                              .values = v,
                              .format = FSC_FMT_INTEGER,
                              .legend_title = "n",
                              .skip_diagonal = true}};
    char *t = draw_checked(fonts, &c, (fsc_rect){0, 0, 1920, 1080}, "matrix classes");
    assert_non_null(strstr(t, " – 35|")); /* the top class ends at the max */
    assert_null(strstr(t, "40"));
    assert_null(strstr(t, "10 – 19|"));            /* no empty class */
    assert_non_null(strstr(t, "|2 – "));           /* the lowest starts at the min */
    assert_int_equal(strstr(t, "|0|") != NULL, 1); /* zero: a class of its own */
    free(t);
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1920, 1080);
    cairo_t *cr = cairo_create(sf);
    fsc_labels lab = {0};
    assert_int_equal(fsc_draw(fonts, &c, cr, (fsc_rect){0, 0, 1920, 1080}, &lab), FSC_OK);
    int zeros = 0;
    for (size_t i = 0; i < lab.n; i++)
        if (strcmp(lab.items[i].text, "0") == 0) {
            assert_int_equal(lab.items[i].bg, 0xFFFFFF); /* a zero cell is white */
            zeros++;
        }
    assert_int_equal(zeros, 4); /* three cells and the legend */
    fsc_labels_free(&lab);
    cairo_destroy(cr);
    cairo_surface_destroy(sf);
    fsc_fonts_close(fonts);
}

static void test_hex_layout(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int q, r;
    } want[] = {{"341321", 0, 0}, {"371722", 0, -1}, {"320321", 1, -1}, {"341322", 1, 0},
                {"411481", 0, 1}, {"411426", -1, 1}, {"411425", -1, 0}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int c = fs_zone_by_code(samples.zone, want[i].code);
        assert_true(c >= 0);
        const fs_county *k = &samples.zone->counties[c];
        if (!k->has_hex || k->hex_q != want[i].q || k->hex_r != want[i].r)
            fail_msg("%s is at (%d,%d), not (%d,%d)", k->name_en, k->hex_q, k->hex_r, want[i].q,
                     want[i].r);
    }
    /* the zone file's hex lines are checked */
    static const char *const bad[] = {
        "hex = 999999 0 0\n", "hex = 341321 0\n", "hex = 341321 0 0\nhex = 341321 1 0\n",
        "hex = 341321 0 0\nhex = 371722 0 0\n", "hex = 341321 500 0\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/bad.conf", root);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(
            "name_zh = 区\nname_en = Zone\nfirst_forum_year = 2023\n"
            "county = 341321 | 砀山县 | Dangshan | 安徽 | Anhui | 宿州 | Suzhou\n"
            "county = 371722 | 单县 | Shan | 山东 | Shandong | 菏泽 | Heze\n"
            "rotation = 341321 371722\n",
            fp);
        fputs(bad[i], fp);
        fclose(fp);
        fs_zone *z = NULL;
        fs_sbuf err = {0};
        assert_int_equal(fs_zone_load(path, &z, &err), FS_ERR_ZONE);
        assert_null(z);
        assert_non_null(strstr(fs_sbuf_str(&err), "bad.conf:"));
        fs_sbuf_free(&err);
    }
}

/* A PNG of chart k from rc (the caller frees it). */
static unsigned char *png_of(fs_rc *rc, fs_rc_chart k, size_t *len)
{
    unsigned char *png = NULL;
    fs_sbuf err = {0};
    if (fs_rc_png(rc, k, 960, 540, 96, &png, len, &err) != FS_OK)
        fail_msg("fs_rc_png: %s", fs_sbuf_str(&err));
    fs_sbuf_free(&err);
    return png;
}

/* Fonts opened on a thread (fs_rc_open_with) and a renderer for another
 * thread (fs_rc_open_beside) draw the same bytes as fs_rc_open's; an
 * early open that fails fails the open as fs_rc_open would. */
static void test_open_early_and_beside(void **state)
{
    (void)state;
    fs_cli cli;
    fs_report_ctx ctx;
    ctx_load(&samples, 2024, FS_LANG_ZH, &cli, &ctx);
    fs_rc *a, *b, *c;
    fs_sbuf err = {0};
    assert_int_equal(fs_rc_open(&a, &ctx, &err), FS_OK);
    fs_rc_fonts *early = fs_rc_fonts_start();
    assert_non_null(early);
    assert_int_equal(fs_rc_open_with(&b, &ctx, early, &err), FS_OK);
    assert_int_equal(fs_rc_open_beside(&c, a, &err), FS_OK);
    assert_int_equal(fs_rc_light(a), fs_rc_light(b));
    assert_int_equal(fs_rc_light(a), fs_rc_light(c));
    static const fs_rc_chart which[] = {FS_RC_OFFENCES, FS_RC_HEXMAP, FS_RC_TRENDS};
    for (size_t i = 0; i < sizeof which / sizeof which[0]; i++) {
        size_t na, nb, nc;
        unsigned char *pa = png_of(a, which[i], &na), *pb = png_of(b, which[i], &nb),
                      *pc = png_of(c, which[i], &nc);
        assert_true(na > 1000);
        assert_true(na == nb && memcmp(pa, pb, na) == 0);
        assert_true(na == nc && memcmp(pa, pc, na) == 0);
        free(pa);
        free(pb);
        free(pc);
    }
    fs_rc_close(c); /* before a, whose specs it borrows */
    fs_rc_close(b);
    fs_rc_close(a);
    fs_rc_fonts_stop(fs_rc_fonts_start()); /* started, never handed on */
    fs_rc_fonts_stop(NULL);

    /* no CJK font: the early open fails, and fs_rc_open_with with it */
    char conf[PATH_MAX + 32];
    snprintf(conf, sizeof conf, "%s/empty-fonts.conf", root);
    FILE *fp = fopen(conf, "w");
    assert_non_null(fp);
    fputs("<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n", fp);
    fclose(fp);
    const char *was = getenv("FONTCONFIG_FILE");
    char *saved = was ? strdup(was) : NULL;
    setenv("FONTCONFIG_FILE", conf, 1);
    early = fs_rc_fonts_start();
    assert_non_null(early);
    assert_int_equal(fs_rc_open_with(&b, &ctx, early, &err), FS_ERR_FONT);
    assert_null(b);
    assert_non_null(strstr(fs_sbuf_str(&err), "fonts-noto-cjk"));
    if (saved)
        setenv("FONTCONFIG_FILE", saved, 1);
    else
        unsetenv("FONTCONFIG_FILE");
    free(saved);
    fs_sbuf_free(&err);
    fs_report_ctx_free(&ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex_layout),  cmocka_unit_test(test_matrix_classes),
        cmocka_unit_test(test_content),     cmocka_unit_test(test_partial_coverage),
        cmocka_unit_test(test_one_county),  cmocka_unit_test(test_layout_samples),
        cmocka_unit_test(test_layout_edge), cmocka_unit_test(test_open_early_and_beside),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
