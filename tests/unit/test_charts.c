/*
 * test_charts.c — unit tests of the chart library (charts/).
 *
 * Every chart of the forum's set is rendered as PNG, SVG and PDF for
 * normal data and the edge cases (all zeros, a county without data, one
 * year / one category, very long names, 0 % and 100 %), in Chinese and in
 * English.  Checks:
 *   - PNG: right size, valid (read back by cairo/libpng), not blank, pixels
 *     equal to a direct rendering (checks the PNG encoder), pHYs for dpi;
 *   - labels: pango draws SVG/PDF text as glyphs, so labels are checked on
 *     the library's own record of laid-out texts (fsc_draw's
 *     fsc_labels): every county / tile / series label is there, in both
 *     languages, no two texts overlap and all lie on the canvas — at
 *     1920×1080 and inside an A4 landscape page.  The PDF's real text is
 *     checked with pdftotext (poppler-utils; skipped if missing), and the
 *     SVG carries the title and source in <title>/<desc>;
 *   - determinism: the same chart gives identical bytes twice in one
 *     process (after other charts: SVG ids) and in a second process;
 *   - atomic writes: replace, no temp files left, failures leave nothing
 *     (missing directory, RLIMIT_FSIZE in a child → FSC_ERR_DISK_FULL);
 *   - fonts: a family without Chinese gives FSC_ERR_FONT; a clone draws
 *     the same bytes from another thread; closing waits for pango's own
 *     threads and frees the map itself; trimming gives the font files'
 *     pages back;
 *   - the briefing document; number formats; axis ticks; palette; speed.
 *
 * CHART_TEST_OUT=dir keeps the edge-case PNGs for a look; CHART_TEST_KEEP=1
 * keeps the scratch directory (briefing PDFs, written files).
 */
#include <fcntl.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fontconfig/fontconfig.h>

#include "chart.h"
#include "chart_doc.h"
#include "chart_impl.h"
#include "chart_render.h"

extern char **environ;

/*
 * LeakSanitizer: cairo 1.16's PDF backend leaks 768 bytes per PDF with
 * text inside cairo_surface_finish (font subsetting; fixed in later cairo).
 * The default fast unwinder stops inside libcairo (no frame pointers), so
 * the suppression names the library.  Our only allocations made below
 * cairo are the write-callback buffers of render.c, freed on every path.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libcairo.so\n"; }

#define NC 7
#define NY 6

static fsc_fonts *fonts;
static char tmpdir[256];

/* ---- fixtures: every chart kind × data variant × language ---------------- */

enum { K_BARS, K_LINES, K_STACK, K_STACK_PCT, K_BARS_REF, K_HEAT, K_ARCS, K_DOTS, K_TILES,
       K_HEX, K_COUNT };
enum { V_NORMAL, V_ZEROS, V_NAN, V_ONE, V_LONG, V_PCT, V_COUNT };
static const char *const kind_names[K_COUNT] = {"bars", "lines", "stack", "stack-pct", "bars-ref",
                                                "heatmap", "arcs", "dots", "tiles", "hexmap"};
static const char *const variant_names[V_COUNT] = {"normal", "zeros", "nan", "one", "long", "pct"};

static const char *const zh_names[NC] = {"砀山县", "萧县", "丰县", "单县", "虞城县", "夏邑县", "永城市"};
static const char *const en_names[NC] = {"Dangshan", "Xiao", "Feng", "Shan", "Yucheng", "Xiayi", "Yongcheng"};
static const char *const zh_long = "永城市（一个非常长的测试名称用于检查换行）";
static const char *const en_long = "Yongcheng City (a very long test name)";

typedef struct fixture {
    fsc_chart c;
    bool zh;
    const char *names[NC];
    fsc_rgb colors[NC];
    double v[6][NC];          /* series values                    */
    double m[NC * NC];        /* matrix                           */
    double lv[6][NY];         /* line values                      */
    const char *snames[6];
    fsc_series s[6];
    fsc_panel p[2];
    const char *years[NY];
    fsc_tile tiles[6];
    fsc_hex hexes[NC];
} fixture;

static void make(fixture *f, int kind, int variant, bool zh)
{
    static const char *const years[NY] = {"2019", "2020", "2021", "2022", "2023", "2024"};
    static const int hq[NC] = {0, 1, 1, 0, -1, -1, 0}, hr[NC] = {0, 0, -1, -1, 0, 1, 1};
    static const char *const zh_series[6] = {"邻里纠纷", "婚姻家庭", "土地", "劳动", "合同", "其他"};
    static const char *const en_series[6] = {"Neighbours", "Family", "Land", "Wages", "Contracts", "Other"};
    memset(f, 0, sizeof *f);
    f->zh = zh;
    size_t n = variant == V_ONE ? 1 : NC;
    size_t ny = variant == V_ONE ? 1 : NY;
    bool pct = variant == V_PCT || kind == K_BARS_REF || kind == K_DOTS;
    for (size_t i = 0; i < NC; i++) {
        f->names[i] = zh ? zh_names[i] : en_names[i];
        f->colors[i] = fsc_county_color(i);
    }
    if (variant == V_LONG) f->names[6] = zh ? zh_long : en_long;
    if (variant == V_LONG) f->names[2] = zh ? "丰县（另一个很长的县名测试）" : "Feng County (another long name)";
    for (size_t s = 0; s < 6; s++) {
        f->snames[s] = zh ? zh_series[s] : en_series[s];
        for (size_t i = 0; i < NC; i++) {
            double v = pct ? 0.55 + 0.06 * (double)((i * 5 + s * 3) % 7) : 100 + 37.0 * (double)((i * 7 + s * 11) % 13);
            if (variant == V_ZEROS) v = 0;
            if (variant == V_NAN && i == 3) v = NAN;
            if (variant == V_PCT) v = (i + s) % 3 == 0 ? 0.0 : (i + s) % 3 == 1 ? 1.0 : 0.5;
            f->v[s][i] = v;
        }
        for (size_t y = 0; y < NY; y++) {
            double v = pct ? 0.1 + 0.02 * (double)(y + s) : 50 + 20.0 * (double)s + 9.0 * (double)y;
            if (variant == V_ZEROS) v = 0;
            if (variant == V_NAN && (y == 2 || s == 4)) v = NAN;
            if (variant == V_PCT) v = s % 2 ? 1.0 : 0.0;
            f->lv[s][y] = v;
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double v = i == j ? 0 : (double)((i * 3 + j * 5) % 11);
            if (variant == V_ZEROS) v = 0;
            if (variant == V_NAN && (i == 3 || j == 3)) v = NAN;
            if (variant == V_PCT) v = (i + j) % 2 ? 1.0 : 0.0;
            f->m[i * n + j] = v;
        }
    for (size_t y = 0; y < NY; y++) f->years[y] = years[y];

    fsc_chart *c = &f->c;
    c->title = zh ? "测试图表：各县（市）数据" : "Test chart: county figures";
    c->subtitle = zh ? "副标题 2024年" : "Subtitle 2024";
    c->source = zh ? "来源：测试数据 · 数据年份 2024" : "Source: test data · data year 2024";
    c->lang = zh ? "zh-cn" : "en";
    c->na_label = zh ? "无数据" : "n/a";
    fsc_categories cats = {f->names, f->colors, n};
    fsc_fmt fmt = pct ? FSC_FMT_PERCENT : FSC_FMT_INTEGER;
    size_t ns = variant == V_ONE ? 1 : 2;
    for (size_t s = 0; s < 6; s++)
        f->s[s] = (fsc_series){.name = f->snames[s], .values = f->v[s],
                                 .color = fsc_sequence_color(s, 6),
                                 .fill = s == 0 && ns > 1 ? FSC_FILL_LIGHT : FSC_FILL_SOLID,
                                 .marker = (fsc_marker)(s % 4), .dash = (fsc_dash)(s % 4)};
    switch (kind) {
    case K_BARS:
    case K_BARS_REF:
        c->kind = FSC_BARS;
        c->bars = (fsc_bars){.cats = cats, .series = f->s, .nseries = kind == K_BARS ? ns : 1,
                               .format = fmt, .axis_title = zh ? "每万人案件数" : "Per 10,000",
                               .color_by_category = true};
        if (kind == K_BARS_REF) {
            c->bars.ref_label = zh ? "片区" : "Zone";
            c->bars.ref_value = variant == V_ZEROS ? 0 : variant == V_PCT ? 1.0 : 0.8;
        }
        break;
    case K_STACK:
    case K_STACK_PCT:
        c->kind = FSC_STACK;
        c->stack = (fsc_stack){.cats = cats, .series = f->s, .nseries = variant == V_ONE ? 1 : 6,
                                 .format = fmt == FSC_FMT_PERCENT ? FSC_FMT_DECIMAL1 : fmt,
                                 .percent = kind == K_STACK_PCT,
                                 .axis_title = zh ? "纠纷件数" : "Disputes",
                                 .total_label = zh ? "合计" : "Total"};
        break;
    case K_LINES:
        for (size_t s = 0; s < 5; s++) {
            f->s[s].values = f->lv[s];
            f->s[s].emphasis = s == 0;
        }
        f->p[0] = (fsc_panel){.title = zh ? "案件数" : "Cases", .format = fmt,
                                .series = f->s, .nseries = variant == V_ONE ? 2 : 5};
        f->p[1] = f->p[0];
        f->p[1].title = zh ? "比例" : "Share";
        f->p[1].format = FSC_FMT_PERCENT;
        c->kind = FSC_LINES;
        c->lines = (fsc_lines){.x_labels = f->years + (NY - ny), .nx = ny, .panels = f->p,
                                 .npanels = 2};
        for (size_t s = 0; s < 5; s++) f->s[s].values = f->lv[s] + (NY - ny);
        break;
    case K_HEAT:
    case K_ARCS:
        c->kind = kind == K_HEAT ? FSC_HEATMAP : FSC_ARCS;
        c->matrix = (fsc_matrix){.cats = cats, .values = f->m, .format = pct ? FSC_FMT_PERCENT : FSC_FMT_INTEGER,
                                   .row_title = zh ? "协助方" : "From", .col_title = zh ? "受助方" : "To",
                                   .legend_title = zh ? "案件数" : "Cases", .skip_diagonal = true};
        break;
    case K_DOTS:
        c->kind = FSC_DOTS;
        c->dots = (fsc_dots){.cats = cats, .series = f->s, .nseries = ns, .format = FSC_FMT_PERCENT,
                               .axis_title = zh ? "比例" : "Rate", .color_by_category = true,
                               .ref_label = zh ? "片区" : "Zone",
                               .ref_value = variant == V_ZEROS ? 0 : variant == V_PCT ? 1 : 0.7};
        break;
    case K_TILES:
        for (size_t t = 0; t < 6; t++) {
            double v = f->v[0][t], p = f->v[1][t];
            f->tiles[t] = (fsc_tile){f->snames[t], v, p, t % 2 ? FSC_FMT_PERCENT : FSC_FMT_INTEGER,
                                       (fsc_trend)(t % 3), NULL, NULL};
            if (t % 2 && !pct && isfinite(v)) { /* keep percent tiles in range */
                f->tiles[t].value = variant == V_ZEROS ? 0 : 0.9;
                f->tiles[t].previous = variant == V_NAN ? NAN : variant == V_ZEROS ? 0 : 0.85;
            }
        }
        c->kind = FSC_TILES;
        c->tiles = (fsc_tiles){.tiles = f->tiles, .n = variant == V_ONE ? 1 : 6,
                                 .compare_label = zh ? "较2023年" : "vs 2023",
                                 .points_unit = zh ? "个百分点" : "pp"};
        break;
    case K_HEX:
    default:
        for (size_t i = 0; i < NC; i++) f->hexes[i] = (fsc_hex){f->names[i], hq[i], hr[i], f->v[0][i]};
        c->kind = FSC_HEXMAP;
        c->hexmap = (fsc_hexmap){.hexes = f->hexes, .n = n, .format = fmt,
                                   .legend_title = zh ? "每万人" : "Per 10,000",
                                   .north_label = zh ? "北" : "N"};
        break;
    }
}

/* The labels a chart must show (county names, series, tiles). */
static size_t expected_labels(const fixture *f, int kind, const char **out)
{
    size_t k = 0;
    out[k++] = f->c.title;
    switch (kind) {
    case K_TILES:
        for (size_t t = 0; t < f->c.tiles.n; t++) out[k++] = f->tiles[t].label;
        break;
    case K_LINES:
        for (size_t s = 0; s < f->p[0].nseries; s++)
            if (!isnan(f->p[0].series[s].values[f->c.lines.nx - 1])) out[k++] = f->p[0].series[s].name;
        break;
    case K_HEX:
        for (size_t i = 0; i < f->c.hexmap.n; i++) out[k++] = f->hexes[i].label;
        break;
    default: {
        const fsc_categories *cats = kind == K_HEAT || kind == K_ARCS ? &f->c.matrix.cats
                                     : kind == K_DOTS ? &f->c.dots.cats
                                     : kind == K_STACK || kind == K_STACK_PCT ? &f->c.stack.cats
                                     : &f->c.bars.cats;
        for (size_t i = 0; i < cats->n; i++) out[k++] = cats->labels[i];
    }
    }
    return k;
}

/* ---- helpers ------------------------------------------------------------ */

typedef struct rd { const unsigned char *p; size_t n, at; } rd;

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int len)
{
    rd *r = closure;
    if (r->n - r->at < len) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p + r->at, len);
    r->at += len;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *png_decode(const unsigned char *p, size_t n)
{
    rd r = {p, n, 0};
    return cairo_image_surface_create_from_png_stream(read_mem, &r);
}

/* Share of pixels that are not white. */
static double ink(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    size_t count = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(d + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            if ((row[x] & 0xFFFFFFu) != 0xFFFFFFu) count++;
    }
    return (double)count / ((double)w * h);
}

static unsigned char *render_with(fsc_fonts *f, const fsc_chart *c, fsc_file_type t, double w, double h,
                                  size_t *len)
{
    fsc_output o = {.type = t, .width = w, .height = h, .epoch = 1732752000};
    unsigned char *buf = NULL;
    fsc_status st = fsc_render(f, c, &o, &buf, len);
    if (st != FSC_OK) fail_msg("render %s (type %d): %s", fsc_kind_name(c->kind), (int)t, fsc_strerror(st));
    return buf;
}

static unsigned char *render(const fsc_chart *c, fsc_file_type t, double w, double h, size_t *len)
{
    return render_with(fonts, c, t, w, h, len);
}

static bool has_sub(const unsigned char *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0) return true;
    return false;
}

/*
 * Projector-proof (charts/README.md "Chart grammar"), from the label log:
 * no text below FSC_MIN_TEXT of the body size, WCAG 2.1 AA contrast of
 * every text against the fill behind it (4.5, or 3 for large text: 24 px
 * regular / 18.7 px bold on a 1080 p slide, i.e. 1.08 u / 0.84 u), and no
 * text crossed by a logged data or reference line.  Returns the first
 * problem (static buffer) or NULL.
 */
static const char *projector_problem(const fsc_labels *lab, fsc_rect r)
{
    static char msg[512];
    double u = fsc_base_size(r.w, r.h);
    for (size_t i = 0; i < lab->n; i++) {
        const fsc_label *l = &lab->items[i];
        if (l->size < u * FSC_MIN_TEXT - 0.01) { /* pango keeps sizes in 1/1024 */
            snprintf(msg, sizeof msg, "\"%s\" is %.2f units, below %.2f", l->text, l->size,
                     u * FSC_MIN_TEXT);
            return msg;
        }
        bool large = l->size >= u * 1.08 || (l->bold && l->size >= u * 0.84);
        double c = fsc_contrast(l->color, l->bg);
        if (c < (large ? 3.0 : 4.5)) {
            snprintf(msg, sizeof msg, "\"%s\" #%06X on #%06X: contrast %.2f", l->text,
                     (unsigned)l->color, (unsigned)l->bg, c);
            return msg;
        }
        for (size_t k = 0; k < lab->nlines; k++)
            if (fsc_segment_hits(lab->lines[k], l->box)) {
                snprintf(msg, sizeof msg, "a line crosses \"%s\"", l->text);
                return msg;
            }
    }
    return NULL;
}

/* Draw c into rect r of a w × h recording surface; check the laid-out
 * labels: expected ones present, none overlapping, all on the canvas,
 * projector-proof. */
static void check_layout(const fixture *f, int kind, int variant, double w, double h, fsc_rect r)
{
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
    cairo_t *cr = cairo_create(s);
    fsc_labels lab = {0};
    fsc_status st = fsc_draw(fonts, &f->c, cr, r, &lab);
    if (st != FSC_OK) fail_msg("draw %s/%s: %s", kind_names[kind], variant_names[variant], fsc_strerror(st));
    const char *want[16];
    size_t nw = expected_labels(f, kind, want);
    for (size_t k = 0; k < nw; k++) {
        bool found = false;
        for (size_t i = 0; i < lab.n && !found; i++) found = strstr(lab.items[i].text, want[k]) != NULL;
        if (!found) fail_msg("%s/%s %s %.0fx%.0f: label \"%s\" missing", kind_names[kind], variant_names[variant],
                             f->zh ? "zh" : "en", w, h, want[k]);
    }
    for (size_t i = 0; i < lab.n; i++) {
        fsc_rect a = lab.items[i].box;
        if (a.x < r.x - 0.5 || a.y < r.y - 0.5 || a.x + a.w > r.x + r.w + 0.5 || a.y + a.h > r.y + r.h + 0.5)
            fail_msg("%s/%s %s %.0fx%.0f: \"%s\" off the canvas (%.1f,%.1f %.1fx%.1f)", kind_names[kind],
                     variant_names[variant], f->zh ? "zh" : "en", w, h, lab.items[i].text, a.x, a.y, a.w, a.h);
        for (size_t j = i + 1; j < lab.n; j++)
            if (fsc_rect_overlap(a, lab.items[j].box))
                fail_msg("%s/%s %s %.0fx%.0f: \"%s\" overlaps \"%s\"", kind_names[kind], variant_names[variant],
                         f->zh ? "zh" : "en", w, h, lab.items[i].text, lab.items[j].text);
    }
    const char *bad = projector_problem(&lab, r);
    if (bad)
        fail_msg("%s/%s %s %.0fx%.0f: %s", kind_names[kind], variant_names[variant], f->zh ? "zh" : "en",
                 w, h, bad);
    fsc_labels_free(&lab);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* ---- setup -------------------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/test_charts.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) return -1;
    return fsc_fonts_open(&fonts, NULL) == FSC_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    fsc_fonts_close(fonts);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (getenv("CHART_TEST_KEEP")) print_message("kept %s\n", tmpdir);
    else if (system(cmd) != 0) return -1;
    cairo_debug_reset_static_data();
    FcFini();
    return 0;
}

/* ---- numbers, axes, palette ---------------------------------------------- */

static void test_format_value(void **state)
{
    (void)state;
    char b[64];
    fsc_format_value(b, sizeof b, 1234567, FSC_FMT_INTEGER, NULL);
    assert_string_equal(b, "1,234,567");
    fsc_format_value(b, sizeof b, 999.5, FSC_FMT_INTEGER, NULL);
    assert_string_equal(b, "1,000");
    fsc_format_value(b, sizeof b, -1234.4, FSC_FMT_INTEGER, NULL);
    assert_string_equal(b, "-1,234");
    fsc_format_value(b, sizeof b, -0.2, FSC_FMT_INTEGER, NULL);
    assert_string_equal(b, "0");
    fsc_format_value(b, sizeof b, 0.1234, FSC_FMT_PERCENT, NULL);
    assert_string_equal(b, "12.3%");
    fsc_format_value(b, sizeof b, 1.0, FSC_FMT_PERCENT, NULL);
    assert_string_equal(b, "100.0%");
    fsc_format_value(b, sizeof b, 0.0, FSC_FMT_PERCENT, NULL);
    assert_string_equal(b, "0.0%");
    fsc_format_value(b, sizeof b, 12345.67, FSC_FMT_DECIMAL1, NULL);
    assert_string_equal(b, "12,345.7");
    fsc_format_value(b, sizeof b, NAN, FSC_FMT_DECIMAL1, NULL);
    assert_string_equal(b, "n/a");
    fsc_format_value(b, sizeof b, 3.656, FSC_FMT_DECIMAL2, NULL);
    assert_string_equal(b, "3.66");
    fsc_format_value(b, sizeof b, 12345.678, FSC_FMT_DECIMAL2, NULL);
    assert_string_equal(b, "12,345.68");
    fsc_format_value(b, sizeof b, INFINITY, FSC_FMT_INTEGER, "无数据");
    assert_string_equal(b, "无数据");
    /* truncation behaves like snprintf */
    assert_int_equal(fsc_format_value(b, 4, 1234567, FSC_FMT_INTEGER, NULL), 9);
    assert_string_equal(b, "1,2");
}

static void test_nice_scale(void **state)
{
    (void)state;
    fsc_scale s = fsc_nice_scale(0, 97, 6, FSC_FMT_INTEGER, true);
    assert_true(s.lo == 0 && s.hi == 100 && s.step == 20);
    s = fsc_nice_scale(0.55, 0.97, 6, FSC_FMT_PERCENT, false);
    assert_true(s.step == 0.1 || s.step == 0.05);
    assert_true(s.lo <= 0.55 && s.hi <= 1.0 + 1e-12 && s.hi >= 0.97);
    s = fsc_nice_scale(0, 0.96, 6, FSC_FMT_PERCENT, true);
    assert_true(fabs(s.hi - 1.0) < 1e-12); /* never 120 % */
    s = fsc_nice_scale(0, 0, 6, FSC_FMT_INTEGER, true);
    assert_true(s.lo == 0 && s.hi == 1 && s.step == 1);
    s = fsc_nice_scale(0, 3, 8, FSC_FMT_INTEGER, true);
    assert_true(s.step >= 1);
    s = fsc_nice_scale(1, 0, 6, FSC_FMT_DECIMAL1, true); /* no data */
    assert_true(s.lo == 0 && s.hi == 1);
    s = fsc_nice_scale(-37, 81, 6, FSC_FMT_INTEGER, true);
    assert_true(s.lo <= -37 && s.hi >= 81 && s.nticks <= 7);
    for (double hi = 0.3; hi < 1e7; hi *= 3.7) { /* steps are 1, 2 or 5 × 10^k */
        s = fsc_nice_scale(0, hi, 6, FSC_FMT_DECIMAL1, true);
        double m = s.step / pow(10, floor(log10(s.step) + 1e-9));
        assert_true(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6);
        assert_true(s.nticks >= 2 && s.nticks <= 7);
    }
    char b[32];
    s = fsc_nice_scale(0, 1, 6, FSC_FMT_PERCENT, true);
    fsc_format_tick(b, sizeof b, fsc_scale_tick(&s, 1), &s);
    assert_string_equal(b, "20%");
    s = fsc_nice_scale(0, 25000, 6, FSC_FMT_INTEGER, true);
    fsc_format_tick(b, sizeof b, fsc_scale_tick(&s, 1), &s);
    assert_string_equal(b, "5,000");
}

static void test_palette(void **state)
{
    (void)state;
    static const fsc_rgb oi[7] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(fsc_okabe_ito[i], oi[i]);
        assert_int_equal(fsc_county_color(i), oi[i]);
    }
    assert_int_equal(fsc_county_color(7), oi[0]);
    char hex[8];
    fsc_rgb_hex(0xE69F00, hex);
    assert_string_equal(hex, "#E69F00");
    assert_int_equal(fsc_text_on(0xF0E442), FSC_RGB_TEXT); /* dark text on yellow */
    assert_int_equal(fsc_text_on(0x0072B2), 0xFFFFFF);
    assert_true(fsc_contrast(0xFFFFFF, 0x000000) > 20.9);
    /* ramps get darker monotonically */
    for (int i = 1; i <= 10; i++)
        assert_true(fsc_contrast(fsc_ramp_color(0, i / 10.0), 0xFFFFFF) >
                    fsc_contrast(fsc_ramp_color(0, (i - 1) / 10.0), 0xFFFFFF));
    for (size_t n = 1; n <= 8; n++)
        for (size_t i = 1; i < n; i++)
            assert_true(fsc_contrast(fsc_sequence_color(i, n), 0xFFFFFF) <
                        fsc_contrast(fsc_sequence_color(i - 1, n), 0xFFFFFF));
    /* up to four steps are line colours: ≥ 2:1 on white, no casing needed */
    for (size_t n = 1; n <= 4; n++)
        for (size_t i = 0; i < n; i++)
            assert_true(fsc_contrast(fsc_sequence_color(i, n), 0xFFFFFF) >= 2.0);
}

/* Every text fsc_draw logs for c at 1920 × 1080, joined by "|". */
static char *drawn_texts(const fsc_chart *c)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1920, 1080);
    cairo_t *cr = cairo_create(s);
    fsc_labels l = {0};
    assert_int_equal(fsc_draw(fonts, c, cr, (fsc_rect){0, 0, 1920, 1080}, &l), FSC_OK);
    size_t n = 2;
    for (size_t i = 0; i < l.n; i++) n += strlen(l.items[i].text) + 1;
    char *all = calloc(1, n);
    assert_non_null(all);
    strcat(all, "|");
    for (size_t i = 0; i < l.n; i++) {
        strcat(all, l.items[i].text);
        strcat(all, "|");
    }
    fsc_labels_free(&l);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return all;
}

/* Draw c at 1920 × 1080 into a label log (the caller frees it). */
static fsc_labels drawn_log(const fsc_chart *c)
{
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
    cairo_t *cr = cairo_create(s);
    fsc_labels l = {0};
    assert_int_equal(fsc_draw(fonts, c, cr, (fsc_rect){0, 0, 1920, 1080}, &l), FSC_OK);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return l;
}

static const fsc_label *find_label(const fsc_labels *l, const char *text)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].text, text) == 0) return &l->items[i];
    return NULL;
}

/* The grammar's facts the library owns (issue 15): small counts change by
 * their difference, percentages in points, a caller's change text and
 * coverage note; classes follow the printed value and leave none empty;
 * a pair matrix shows each pair once; texts know the fill behind them;
 * a reference line never crosses a bar's value; the type-size floor. */
static void test_grammar(void **state)
{
    (void)state;
    /* tiles: 16 → 17 is "▲ 1", 400 → 420 is "▲ 5.0%", 0.731 → 0.744 points */
    fsc_tile tl[4] = {{"Cases", 17, 16, FSC_FMT_INTEGER, FSC_TREND_NEUTRAL, NULL, NULL},
                        {"Disputes", 420, 400, FSC_FMT_INTEGER, FSC_TREND_NEUTRAL, NULL,
                         "6 of 7 counties"},
                        {"Rate", 0.744, 0.731, FSC_FMT_PERCENT, FSC_TREND_UP_GOOD, NULL, NULL},
                        {"Other", 5, 4, FSC_FMT_INTEGER, FSC_TREND_NEUTRAL,
                         "not comparable: 6 of 7 counties in 2023", NULL}};
    fsc_chart ct = {.kind = FSC_TILES, .tiles = {.tiles = tl, .n = 4, .points_unit = "pp"}};
    char *t = drawn_texts(&ct);
    assert_non_null(strstr(t, "|▲ 1|"));
    assert_null(strstr(t, "6.3%"));
    assert_non_null(strstr(t, "|▲ 5.0%|"));
    assert_non_null(strstr(t, "|6 of 7 counties|"));
    assert_non_null(strstr(t, "|▲ 1.3 pp|"));
    assert_non_null(strstr(t, "|not comparable: 6 of 7 counties in 2023|"));
    assert_null(strstr(t, "▲ 25.0%")); /* 4 → 5 is not shown as a change */
    free(t);

    /* classes: 3.39 and 3.40 print apart, classes never share a bound at
     * the printed precision, no class of the legend is empty */
    fsc_hex hx[7] = {{"A", 0, 0, 3.39},  {"B", 0, -1, 3.55}, {"C", 1, -1, 3.00},
                       {"D", 1, 0, 3.40},  {"E", 0, 1, 3.35},  {"F", -1, 1, 3.93},
                       {"G", -1, 0, 3.46}};
    fsc_chart ch = {.kind = FSC_HEXMAP, .hexmap = {.hexes = hx, .n = 7, .format = FSC_FMT_DECIMAL2}};
    fsc_labels l = drawn_log(&ch);
    const fsc_label *a = find_label(&l, "3.39"), *d = find_label(&l, "3.40");
    assert_non_null(a);
    assert_non_null(d);
    assert_int_equal(a->bg, d->bg); /* the same class */
    size_t classes = 0;
    for (size_t i = 0; i < l.n; i++)
        if (strstr(l.items[i].text, " – ")) {
            classes++;
            double lo, hi; /* every class holds a value */
            assert_int_equal(sscanf(l.items[i].text, "%lf – %lf", &lo, &hi), 2);
            bool held = false;
            for (size_t k = 0; k < 7; k++)
                held = held || (hx[k].value >= lo - 1e-9 && hx[k].value <= hi + 1e-9);
            if (!held) fail_msg("class %s is empty", l.items[i].text);
        }
    assert_true(classes >= 3); /* not two broad classes: steps of 0.25 are printable */
    fsc_labels_free(&l);

    /* a pair matrix shown once: no value above the diagonal, no empty
     * first row or last column */
    static const char *const names[3] = {"A", "B", "C"};
    double m[9] = {0, 11, 12, 11, 0, 23, 12, 23, 0};
    fsc_chart cm = {.kind = FSC_HEATMAP,
                .matrix = {.cats = {names, NULL, 3}, .values = m, .format = FSC_FMT_INTEGER,
                           .skip_diagonal = true, .lower_only = true}};
    t = drawn_texts(&cm);
    for (const char *v = "11"; v; v = strcmp(v, "11") == 0 ? "12" : strcmp(v, "12") == 0 ? "23" : NULL) {
        char pat[8];
        snprintf(pat, sizeof pat, "|%s|", v);
        const char *p = strstr(t, pat);
        assert_non_null(p);
        assert_null(strstr(p + 1, pat)); /* each pair once */
    }
    free(t);

    /* a value inside a dark stack segment knows its fill and is light */
    double v1[1] = {40}, v2[1] = {60};
    static const char *const one[1] = {"Row"};
    fsc_series ss[2] = {{.name = "a", .values = v1, .color = 0x1F5FA8},
                          {.name = "b", .values = v2, .color = 0xE6E6E6}};
    fsc_chart cs = {.kind = FSC_STACK, .stack = {.cats = {one, NULL, 1}, .series = ss, .nseries = 2,
                                               .percent = true}};
    l = drawn_log(&cs);
    const fsc_label *in = find_label(&l, "40.0%");
    assert_non_null(in);
    assert_int_equal(in->bg, 0x1F5FA8);
    assert_true(fsc_contrast(in->color, in->bg) >= 4.5);
    assert_null(projector_problem(&l, (fsc_rect){0, 0, 1920, 1080}));
    fsc_labels_free(&l);

    /* bars: a reference line through a value label is broken around it */
    double b[3] = {3.40, 3.45, 3.10};
    fsc_series bs = {.name = "2025", .values = b, .color = 0x1F5FA8};
    fsc_chart cb = {.kind = FSC_BARS, .bars = {.cats = {names, NULL, 3}, .series = &bs, .nseries = 1,
                                             .format = FSC_FMT_DECIMAL2, .ref_label = "Zone",
                                             .ref_value = 3.47}};
    l = drawn_log(&cb);
    assert_true(l.nlines >= 2); /* broken at least once */
    assert_null(projector_problem(&l, (fsc_rect){0, 0, 1920, 1080}));
    for (size_t i = 0; i < l.n; i++) /* the floor: 0.8 u */
        assert_true(l.items[i].size >= fsc_base_size(1920, 1080) * FSC_MIN_TEXT - 0.01);
    fsc_labels_free(&l);

    /* the test's own instrument: a segment through a box, one beside it */
    fsc_rect box = {10, 10, 20, 10};
    assert_true(fsc_segment_hits((fsc_segment){0, 15, 40, 15}, box));
    assert_true(fsc_segment_hits((fsc_segment){0, 0, 40, 40}, box));
    assert_false(fsc_segment_hits((fsc_segment){0, 25, 40, 25}, box));
    assert_false(fsc_segment_hits((fsc_segment){0, 20, 40, 20}, box)); /* touching */
}

static void test_legend_and_tile_texts(void **state)
{
    (void)state;
    /* whole-number classes do not share their bounds: 20 – 29, 30 – 40 */
    static const char *const names[3] = {"A", "B", "C"};
    double m[9] = {0, 31, 2, 25, 0, 12, 7, 18, 0};
    fsc_chart c = {.kind = FSC_HEATMAP,
               .matrix = {.cats = {names, NULL, 3}, .values = m, .format = FSC_FMT_INTEGER,
                          .legend_title = "Cases", .skip_diagonal = true}};
    char *t = drawn_texts(&c);
    assert_non_null(strstr(t, "|20 – 29|"));
    assert_null(strstr(t, "|20 – 30|"));
    free(t);
    /* a tile without last year's value says so in the caller's words */
    fsc_tile tl[2] = {{"Cases", 16, NAN, FSC_FMT_INTEGER, FSC_TREND_NEUTRAL, NULL, NULL},
                        {"Rate", NAN, NAN, FSC_FMT_PERCENT, FSC_TREND_UP_GOOD, NULL, NULL}};
    fsc_chart ct = {.kind = FSC_TILES, .na_label = "n/a",
                .tiles = {.tiles = tl, .n = 2, .compare_label = "vs 2022",
                          .no_change_label = "no 2022 figures"}};
    t = drawn_texts(&ct);
    assert_non_null(strstr(t, "|no 2022 figures|"));
    assert_null(strstr(t, "vs 2022")); /* nothing to compare with */
    free(t);
    /* a hexagon without data: name and the no-data text */
    fsc_hex hx[2] = {{"North", 0, -1, NAN}, {"Centre", 0, 0, 3.66}};
    fsc_chart ch = {.kind = FSC_HEXMAP, .na_label = "no data",
                .hexmap = {.hexes = hx, .n = 2, .format = FSC_FMT_DECIMAL2}};
    t = drawn_texts(&ch);
    assert_non_null(strstr(t, "|North|no data|"));
    assert_non_null(strstr(t, "|3.66|"));
    free(t);
}

static void test_strerror_and_kinds(void **state)
{
    (void)state;
    for (int s = 0; s <= FSC_STATUS_COUNT; s++) {
        assert_non_null(fsc_strerror((fsc_status)s));
        for (int t = 0; t < s && s < FSC_STATUS_COUNT; t++)
            assert_string_not_equal(fsc_strerror((fsc_status)s), fsc_strerror((fsc_status)t));
    }
    for (int k = 0; k < FSC_KIND_COUNT; k++) assert_string_not_equal(fsc_kind_name((fsc_kind)k), "?");
    assert_string_equal(fsc_kind_name(FSC_KIND_COUNT), "?");
}

/* ---- fonts -------------------------------------------------------------- */

static void test_fonts_without_chinese(void **state)
{
    (void)state;
    fsc_fonts *f = (fsc_fonts *)1;
    fsc_fonts_options o = {.family = "No Such Family 42"};
    assert_int_equal(fsc_fonts_open(&f, &o), FSC_ERR_FONT);
    assert_null(f);
    const char *dejavu[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    fsc_fonts_options o2 = {.family = "DejaVu Sans", .files = dejavu, .nfiles = 1};
    if (access(dejavu[0], R_OK) == 0) assert_int_equal(fsc_fonts_open(&f, &o2), FSC_ERR_FONT);
    const char *missing[] = {"/nonexistent/font.ttc"};
    fsc_fonts_options o3 = {.files = missing, .nfiles = 1};
    assert_int_equal(fsc_fonts_open(&f, &o3), FSC_ERR_FONT);
    assert_int_equal(fsc_fonts_open(NULL, NULL), FSC_ERR_ARG);
    /* the Chinese message names the fix */
    assert_non_null(strstr(fsc_strerror(FSC_ERR_FONT), "Noto Sans CJK SC"));
}

/* ---- every kind × variant × format ---------------------------------------- */

static void test_render_all(void **state)
{
    (void)state;
    const char *keep = getenv("CHART_TEST_OUT");
    static fixture f;
    for (int lang = 0; lang < 2; lang++)
        for (int k = 0; k < K_COUNT; k++)
            for (int v = 0; v < V_COUNT; v++) {
                make(&f, k, v, lang == 0);
                size_t n;
                unsigned char *p = render(&f.c, FSC_PNG, 0, 0, &n);
                cairo_surface_t *img = png_decode(p, n);
                if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
                    fail_msg("%s/%s: PNG does not decode", kind_names[k], variant_names[v]);
                assert_int_equal(cairo_image_surface_get_width(img), 1920);
                assert_int_equal(cairo_image_surface_get_height(img), 1080);
                double share = ink(img);
                if (share < 0.003)
                    fail_msg("%s/%s: PNG looks blank (%.4f)", kind_names[k], variant_names[v], share);
                cairo_surface_destroy(img);
                if (keep) {
                    char path[512];
                    snprintf(path, sizeof path, "%s/%s-%s-%s.png", keep, kind_names[k], variant_names[v],
                             lang == 0 ? "zh" : "en");
                    FILE *fp = fopen(path, "wb");
                    if (fp) {
                        if (fwrite(p, 1, n, fp) != n) print_message("short write %s\n", path);
                        fclose(fp);
                    }
                }
                free(p);
                p = render(&f.c, FSC_SVG, 0, 0, &n);
                assert_true(n > 100 && has_sub(p, 60, "<?xml") && has_sub(p, n, "</svg>"));
                assert_true(has_sub(p, n, f.c.title)); /* in <title> */
                free(p);
                p = render(&f.c, FSC_PDF, 0, 0, &n);
                assert_true(n > 100 && memcmp(p, "%PDF-", 5) == 0 && has_sub(p, n, "%%EOF"));
                free(p);
            }
}

static void test_labels_no_overlap(void **state)
{
    (void)state;
    static fixture f;
    fsc_rect a4 = {24, 60, 841.89 - 48, 595.28 - 120}; /* a chart on a briefing page */
    for (int lang = 0; lang < 2; lang++)
        for (int k = 0; k < K_COUNT; k++)
            for (int v = 0; v < V_COUNT; v++) {
                make(&f, k, v, lang == 0);
                check_layout(&f, k, v, 1920, 1080, (fsc_rect){0, 0, 1920, 1080});
                check_layout(&f, k, v, 841.89, 595.28, a4);
                check_layout(&f, k, v, 960, 540, (fsc_rect){0, 0, 960, 540});
            }
}

static void test_long_names_fit(void **state)
{
    (void)state;
    /* the long county name wraps instead of being cut at 16:9 */
    static fixture f;
    make(&f, K_BARS, V_LONG, false);
    fsc_ctx x;
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(fsc_ctx_init(&x, fonts, cr, "en", NULL, 22, NULL), FSC_OK);
    fsc_tstyle t = {.size = 22, .width = 240, .lines = 3};
    PangoLayout *l = fsc_text_layout(&x, en_long, &t);
    assert_non_null(l);
    assert_false(fsc_text_ellipsized(l));
    assert_true(pango_layout_get_line_count(l) >= 2);
    g_object_unref(l);
    /* the collision record the layout tests rely on does see overlaps */
    fsc_tstyle one = {.size = 22};
    fsc_rect a = fsc_text(&x, "砀山县", &one, 100, 100, FSC_TL);
    assert_true(a.w > 50 && a.h > 20);
    assert_true(fsc_text_collides(&x, (fsc_rect){a.x + a.w - 2, a.y + 2, 10, 10}));
    assert_false(fsc_text_try(&x, "萧县", &one, a.x + 5, a.y + 5, FSC_TL, (fsc_rect){0, 0, 0, 0}));
    assert_true(fsc_text_try(&x, "萧县", &one, a.x, a.y + a.h, FSC_TL, (fsc_rect){0, 0, 0, 0}));
    fsc_ctx_free(&x);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* ---- PNG details -------------------------------------------------------- */

static void test_png_size_dpi_roundtrip(void **state)
{
    (void)state;
    static fixture f;
    make(&f, K_HEX, V_NORMAL, true);
    fsc_output o = {.type = FSC_PNG, .width = 800, .height = 600, .dpi = 192};
    unsigned char *p;
    size_t n;
    assert_int_equal(fsc_render(fonts, &f.c, &o, &p, &n), FSC_OK);
    assert_memory_equal(p + 12, "IHDR", 4);
    assert_memory_equal(p + 16, "\x00\x00\x03\x20\x00\x00\x02\x58", 8); /* 800 × 600 */
    assert_memory_equal(p + 37, "pHYs", 4);
    assert_memory_equal(p + 41, "\x00\x00\x1d\x87\x00\x00\x1d\x87\x01", 9); /* 7559 px/m */
    /* the encoder's pixels equal a direct rendering */
    cairo_surface_t *img = png_decode(p, n);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    cairo_surface_t *ref = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(ref);
    assert_int_equal(fsc_draw(fonts, &f.c, cr, (fsc_rect){0, 0, 800, 600}, NULL), FSC_OK);
    cairo_destroy(cr);
    cairo_surface_flush(ref);
    cairo_surface_flush(img);
    int stride = cairo_image_surface_get_stride(ref);
    assert_int_equal(stride, cairo_image_surface_get_stride(img));
    const unsigned char *a = cairo_image_surface_get_data(ref), *b = cairo_image_surface_get_data(img);
    for (int y = 0; y < 600; y++)
        for (int x = 0; x < 800; x++) {
            uint32_t pa, pb;
            memcpy(&pa, a + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
            memcpy(&pb, b + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
            if ((pa & 0xFFFFFF) != (pb & 0xFFFFFF)) fail_msg("pixel %d,%d differs", x, y);
        }
    cairo_surface_destroy(ref);
    cairo_surface_destroy(img);
    free(p);
    /* bad sizes */
    o.width = 1e9;
    assert_int_equal(fsc_render(fonts, &f.c, &o, &p, &n), FSC_ERR_ARG);
    assert_null(p);
    o.width = -5;
    assert_int_equal(fsc_render(fonts, &f.c, &o, &p, &n), FSC_ERR_ARG);
}

/* ---- determinism -------------------------------------------------------- */

static void test_deterministic_in_process(void **state)
{
    (void)state;
    static fixture f;
    for (int k = 0; k < K_COUNT; k++)
        for (int t = 0; t < 3; t++) {
            make(&f, k, V_NORMAL, k % 2 == 0);
            size_t n1, n2;
            unsigned char *a = render(&f.c, (fsc_file_type)t, 0, 0, &n1);
            unsigned char *b = render(&f.c, (fsc_file_type)t, 0, 0, &n2);
            if (n1 != n2 || memcmp(a, b, n1) != 0)
                fail_msg("%s type %d: two renders differ", kind_names[k], t);
            free(a);
            free(b);
        }
}

/* Resident kB of the font files' mappings (/proc/self/smaps). */
static long font_file_rss(void)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f) return -1;
    char line[4200];
    bool font = false;
    long kb = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '/'))
            font = strstr(line, "NotoSansCJK") != NULL;
        else if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
            font = false;
        else if (font && strncmp(line, "Rss:", 4) == 0)
            kb += atol(line + 4);
    }
    fclose(f);
    return kb;
}

/* A clone (issue 16: the second worker of the report's charts) draws
 * byte for byte what its original draws, from another thread too, in
 * every format; it shares the original's configuration. */
typedef struct clone_job {
    fsc_fonts *fonts;
    const fsc_chart *c;
    fsc_file_type t;
    unsigned char *buf;
    size_t len;
    fsc_status st;
} clone_job;

static void *clone_render(void *arg)
{
    clone_job *j = arg;
    fsc_output o = {.type = j->t, .epoch = 1732752000};
    j->st = fsc_render(j->fonts, j->c, &o, &j->buf, &j->len);
    return NULL;
}

static void test_fonts_clone_draws_the_same(void **state)
{
    (void)state;
    fsc_fonts *copy = NULL;
    assert_int_equal(fsc_fonts_clone(fonts, &copy), FSC_OK);
    assert_non_null(copy);
    assert_ptr_equal(copy->cfg, fonts->cfg);
    static fixture f;
    for (int k = 0; k < K_COUNT; k += 3)
        for (int t = 0; t < 3; t++) {
            make(&f, k, V_NORMAL, true);
            clone_job j = {.fonts = copy, .c = &f.c, .t = (fsc_file_type)t};
            pthread_t th;
            assert_int_equal(pthread_create(&th, NULL, clone_render, &j), 0);
            size_t n;
            unsigned char *a = render(&f.c, (fsc_file_type)t, 0, 0, &n); /* at the same time */
            pthread_join(th, NULL);
            assert_int_equal(j.st, FSC_OK);
            if (n != j.len || memcmp(a, j.buf, n) != 0)
                fail_msg("%s type %d: the clone draws other bytes", kind_names[k], t);
            free(a);
            free(j.buf);
        }
    fsc_fonts_close(copy);
    fsc_fonts *none = (fsc_fonts *)1;
    assert_int_equal(fsc_fonts_clone(NULL, &none), FSC_ERR_ARG);
    assert_null(none);
}

/* Closing a map while pango's own threads still hold it (each new pattern
 * starts an FcFontSetMatch and an FcFontSetSort thread; a text drawn just
 * before the close leaves the sort running) must wait for them: shutting
 * it down under them can crash (a SIGFPE once, a report stopping right
 * after its fonts opened).  Seen from outside: the map is finalised by
 * fsc_fonts_close itself, on the closing thread, every time; before the
 * fix, in about 98 of 100 such closes a pango thread finalised it. */
typedef struct finalised {
    pthread_t by;
    bool done;
} finalised;

static void on_map_finalised(gpointer data, GObject *where)
{
    (void)where;
    finalised *fin = data;
    fin->by = pthread_self();
    fin->done = true;
}

static void test_fonts_close_waits_for_pango(void **state)
{
    (void)state;
    int elsewhere = 0, late = 0;
    const int rounds = 60;
    for (int i = 0; i < rounds; i++) {
        fsc_fonts *copy = NULL;
        assert_int_equal(fsc_fonts_clone(fonts, &copy), FSC_OK);
        PangoContext *pc = fsc_fonts_context(copy, NULL);
        assert_non_null(pc);
        PangoFontDescription *fd = pango_font_description_new();
        pango_font_description_set_family(fd, copy->family);
        pango_font_description_set_absolute_size(fd, (10 + i) * PANGO_SCALE); /* a new pattern */
        PangoFont *font = pango_font_map_load_font(copy->map, pc, fd);
        assert_non_null(font);
        g_object_unref(font);
        pango_font_description_free(fd);
        g_object_unref(pc);
        finalised fin = {.done = false};
        g_object_weak_ref(G_OBJECT(copy->map), on_map_finalised, &fin);
        fsc_fonts_close(copy);
        late += !fin.done;
        elsewhere += fin.done && !pthread_equal(fin.by, pthread_self());
    }
    if (late || elsewhere)
        fail_msg("of %d closes, %d returned before the map was finalised and %d left it to "
                 "another thread",
                 rounds, late, elsewhere);
}

/* After a PDF (its font subsetting reads the whole CFF tables through the
 * file's map) trimming gives the pages back, and drawing goes on with
 * the same bytes. */
static void test_fonts_trim(void **state)
{
    (void)state;
    static fixture f;
    make(&f, 0, V_NORMAL, true);
    size_t n1, n2;
    unsigned char *a = render(&f.c, FSC_PDF, 0, 0, &n1);
    long before = font_file_rss();
    fsc_fonts_trim(fonts);
    long after = font_file_rss();
    assert_true(before > 8000); /* the CFF table, 16 MB */
    if (!(after < before / 4))
        fail_msg("font pages resident: %ld kB before the trim, %ld kB after", before, after);
    unsigned char *b = render(&f.c, FSC_PDF, 0, 0, &n2);
    assert_true(n1 == n2 && memcmp(a, b, n1) == 0);
    free(a);
    free(b);
    fsc_fonts_trim(NULL); /* nothing to do */
}

/* Render the fixed set into dir (used by the child process too). */
static int render_set(const char *dir)
{
    static fixture f;
    static const char *const ext[3] = {"png", "svg", "pdf"};
    for (int k = 0; k < K_COUNT; k++)
        for (int t = 0; t < 3; t++) {
            make(&f, k, V_NORMAL, true);
            char path[512];
            snprintf(path, sizeof path, "%s/%s.%s", dir, kind_names[k], ext[t]);
            fsc_output o = {.path = path, .type = (fsc_file_type)t, .epoch = 1732752000};
            if (fsc_write(fonts, &f.c, &o) != FSC_OK) return 1;
        }
    return 0;
}

/* Run this test binary again with var=value added to the environment;
 * returns its exit code (-1 if it could not run or died). */
static int spawn_self(const char *var, const char *value)
{
    char env[600];
    snprintf(env, sizeof env, "%s=%s", var, value);
    size_t n = 0;
    while (environ[n]) n++;
    char **envp = calloc(n + 2, sizeof *envp);
    if (!envp) return -1;
    memcpy(envp, environ, n * sizeof *envp);
    envp[n] = env;
    char *argv[] = {"test_charts", NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, envp);
    free(envp);
    if (rc != 0) return -1;
    int status;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    bool same = fa && fb;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb) same = false;
        if (ca == EOF || cb == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

static void test_deterministic_across_processes(void **state)
{
    (void)state;
    char d1[300], d2[300];
    snprintf(d1, sizeof d1, "%s/p1", tmpdir);
    snprintf(d2, sizeof d2, "%s/p2", tmpdir);
    assert_int_equal(mkdir(d1, 0777), 0);
    assert_int_equal(mkdir(d2, 0777), 0);
    assert_int_equal(render_set(d1), 0);
    assert_int_equal(spawn_self("CHART_TEST_CHILD", d2), 0);
    static const char *const ext[3] = {"png", "svg", "pdf"};
    for (int k = 0; k < K_COUNT; k++)
        for (int t = 0; t < 3; t++) {
            char a[512], b[512];
            snprintf(a, sizeof a, "%s/%s.%s", d1, kind_names[k], ext[t]);
            snprintf(b, sizeof b, "%s/%s.%s", d2, kind_names[k], ext[t]);
            if (!same_file(a, b)) fail_msg("%s differs between processes", a);
        }
}

/* ---- files -------------------------------------------------------------- */

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    if (d) closedir(d);
    return n;
}

static void test_write_atomic(void **state)
{
    (void)state;
    static fixture f;
    make(&f, K_BARS, V_NORMAL, true);
    char dir[300], path[400];
    snprintf(dir, sizeof dir, "%s/w", tmpdir);
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(path, sizeof path, "%s/chart.png", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("old", fp);
    fclose(fp);
    fsc_output o = {.path = path, .type = FSC_PNG, .epoch = 0};
    assert_int_equal(fsc_write(fonts, &f.c, &o), FSC_OK);
    assert_int_equal(count_entries(dir), 1); /* replaced, no temp file left */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);

    /* the one atomic writer (report/common/atomic.h): a symbolic link keeps
     * pointing at its file, which gets the chart; a temporary a killed
     * run left an hour ago is swept, a fresh one (another run's) kept */
    char real[400], link[400], stale[440], fresh[440];
    snprintf(real, sizeof real, "%s/real.png", dir);
    snprintf(link, sizeof link, "%s/link.png", dir);
    snprintf(stale, sizeof stale, "%s.tmp-AAAAAA", real);
    snprintf(fresh, sizeof fresh, "%s.tmp-BBBBBB", real);
    fp = fopen(real, "w");
    assert_non_null(fp);
    fclose(fp);
    assert_int_equal(symlink("real.png", link), 0);
    for (int k = 0; k < 2; k++) {
        fp = fopen(k ? fresh : stale, "w");
        assert_non_null(fp);
        fclose(fp);
    }
    struct timespec old[2] = {{.tv_sec = time(NULL) - 2 * 3600}, {.tv_sec = time(NULL) - 2 * 3600}};
    assert_int_equal(utimensat(AT_FDCWD, stale, old, 0), 0);
    fsc_output ol = {.path = link, .type = FSC_PNG, .epoch = 0};
    assert_int_equal(fsc_write(fonts, &f.c, &ol), FSC_OK);
    struct stat lst;
    assert_int_equal(lstat(link, &lst), 0);
    assert_true(S_ISLNK(lst.st_mode));
    assert_int_equal(stat(real, &lst), 0);
    assert_true(lst.st_size > 1000);
    assert_int_not_equal(access(stale, F_OK), 0);
    assert_int_equal(access(fresh, F_OK), 0);
    assert_int_equal(unlink(fresh), 0);
    assert_int_equal(unlink(link), 0);
    assert_int_equal(unlink(real), 0);
    assert_int_equal(count_entries(dir), 1);

    /* a spec error leaves the old file alone */
    fsc_chart bad = f.c;
    bad.kind = FSC_KIND_COUNT;
    assert_int_equal(fsc_write(fonts, &bad, &o), FSC_ERR_ARG);
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
    assert_int_equal(count_entries(dir), 1);

    /* a missing directory: I/O error, nothing created */
    char nodir[400];
    snprintf(nodir, sizeof nodir, "%s/missing/chart.svg", tmpdir);
    fsc_output o2 = {.path = nodir, .type = FSC_SVG};
    assert_int_equal(fsc_write(fonts, &f.c, &o2), FSC_ERR_IO);
    assert_int_equal(errno, ENOENT);
    o2.path = "";
    assert_int_equal(fsc_write(fonts, &f.c, &o2), FSC_ERR_ARG);

    /* file size limit in a child: DISK_FULL, and no file at all */
    char fdir[300];
    snprintf(fdir, sizeof fdir, "%s/fsize", tmpdir);
    assert_int_equal(mkdir(fdir, 0777), 0);
    assert_int_equal(spawn_self("CHART_TEST_FSIZE", fdir), FSC_ERR_DISK_FULL);
    assert_int_equal(count_entries(fdir), 0);
}

static void test_invalid_specs(void **state)
{
    (void)state;
    static fixture f;
    make(&f, K_BARS, V_NORMAL, true);
    unsigned char *p;
    size_t n;
    fsc_output o = {.type = FSC_SVG};
    fsc_chart c = f.c;
    c.bars.cats.labels = NULL;
    assert_int_equal(fsc_render(fonts, &c, &o, &p, &n), FSC_ERR_ARG);
    c = f.c;
    c.title = "bad \xC3\x28 utf-8";
    assert_int_equal(fsc_render(fonts, &c, &o, &p, &n), FSC_ERR_UTF8);
    c = f.c;
    const char *names[NC];
    memcpy(names, f.names, sizeof names);
    names[2] = "\xFF\xFE";
    c.bars.cats.labels = names;
    assert_int_equal(fsc_render(fonts, &c, &o, &p, &n), FSC_ERR_UTF8);
    c = f.c;
    c.subtitle = "a glyph the font lacks: \xF0\x9F\x98\x80"; /* U+1F600, an emoji */
    assert_int_equal(fsc_render(fonts, &c, &o, &p, &n), FSC_ERR_GLYPH);
    assert_null(p);
    c = f.c;
    c.bars.series = NULL;
    assert_int_equal(fsc_render(fonts, &c, &o, &p, &n), FSC_ERR_ARG);
    c = f.c;
    c.bars.color_by_category = true;
    c.bars.cats.colors = NULL;
    assert_int_equal(fsc_check(&c), FSC_ERR_ARG);
    assert_int_equal(fsc_check(NULL), FSC_ERR_ARG);
    o.type = (fsc_file_type)9;
    assert_int_equal(fsc_render(fonts, &f.c, &o, &p, &n), FSC_ERR_ARG);
    /* empty data renders (a no-data note) */
    c = f.c;
    c.bars.cats.n = 0;
    o.type = FSC_PNG;
    assert_int_equal(fsc_render(fonts, &c, &o, &p, &n), FSC_OK);
    free(p);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(fsc_draw(fonts, &f.c, cr, (fsc_rect){0, 0, 0, 10}, NULL), FSC_ERR_ARG);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* ---- text in the files -------------------------------------------------- */

/* pdftotext's output for a PDF in memory, or NULL when unavailable. */
static char *pdf_text(const unsigned char *pdf, size_t n)
{
    char in[400], out[400], cmd[1000];
    snprintf(in, sizeof in, "%s/t.pdf", tmpdir);
    snprintf(out, sizeof out, "%s/t.txt", tmpdir);
    FILE *fp = fopen(in, "wb");
    if (!fp) return NULL;
    size_t w = fwrite(pdf, 1, n, fp);
    if (fclose(fp) != 0 || w != n) return NULL;
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' '%s' 2>/dev/null", in, out);
    if (system(cmd) != 0) return NULL;
    fp = fopen(out, "rb");
    if (!fp) return NULL;
    char *buf = calloc(1, 1 << 20);
    if (buf && fread(buf, 1, (1 << 20) - 1, fp) == 0) buf[0] = '\0';
    fclose(fp);
    return buf;
}

/* Does hay contain needle when spaces are ignored?  (pdftotext drops the
 * spaces between Chinese text and digits: "第 2 页" comes out "第2页".) */
static bool contains_nospace(const char *hay, const char *needle)
{
    size_t nh = strlen(hay), nn = strlen(needle);
    char *a = malloc(nh + 1), *b = malloc(nn + 1);
    size_t ka = 0, kb = 0;
    for (size_t i = 0; i < nh; i++)
        if (hay[i] != ' ') a[ka++] = hay[i];
    for (size_t i = 0; i < nn; i++)
        if (needle[i] != ' ') b[kb++] = needle[i];
    a[ka] = b[kb] = '\0';
    bool found = strstr(a, b) != NULL;
    free(a);
    free(b);
    return found;
}

static bool have_pdftotext(void) { return system("command -v pdftotext >/dev/null 2>&1") == 0; }

static void test_pdf_text(void **state)
{
    (void)state;
    if (!have_pdftotext()) skip();
    static fixture f;
    for (int lang = 0; lang < 2; lang++)
        for (int k = 0; k < K_COUNT; k++) {
            make(&f, k, V_NORMAL, lang == 0);
            size_t n;
            unsigned char *p = render(&f.c, FSC_PDF, 0, 0, &n);
            char *txt = pdf_text(p, n);
            assert_non_null(txt);
            const char *want[16];
            size_t nw = expected_labels(&f, k, want);
            for (size_t i = 0; i < nw; i++)
                if (!contains_nospace(txt, want[i]))
                    fail_msg("%s %s: pdftotext lacks \"%s\"", kind_names[k], lang ? "en" : "zh", want[i]);
            free(txt);
            free(p);
        }
}

static void test_svg_metadata(void **state)
{
    (void)state;
    static fixture f;
    make(&f, K_DOTS, V_NORMAL, true);
    f.c.title = "A & B <county> 砀山县";
    size_t n;
    unsigned char *p = render(&f.c, FSC_SVG, 0, 0, &n);
    assert_true(has_sub(p, n, "<title>A &amp; B &lt;county&gt; 砀山县</title>"));
    assert_true(has_sub(p, n, "<desc>副标题 2024年\n来源：测试数据 · 数据年份 2024</desc>"));
    assert_true(has_sub(p, n, "id=\"surface1\""));
    assert_true(has_sub(p, n, "width=\"960pt\" height=\"540pt\""));
    free(p);
}

/* ---- font subsets -------------------------------------------------------- */

/* The build's subsets (make: $BUILD/fonts, charts/tools/fontsubset.c):
 * paths[0] regular, paths[1] bold, in static buffers. */
static const char *subset_paths[2];
static bool find_build_subsets(void)
{
    static char buf[2][512];
    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    snprintf(buf[0], sizeof buf[0], "%s/fonts/NotoSansCJKsc-Regular-subset.otf", build);
    snprintf(buf[1], sizeof buf[1], "%s/fonts/NotoSansCJKsc-Bold-subset.otf", build);
    subset_paths[0] = buf[0];
    subset_paths[1] = buf[1];
    return access(buf[0], R_OK) == 0 && access(buf[1], R_OK) == 0;
}

/* Open fonts with these subsets: true when they were taken. */
static bool subsets_taken(const char *const *paths, size_t n)
{
    fsc_fonts *f = NULL;
    fsc_fonts_options o = {.subsets = paths, .nsubsets = n};
    assert_int_equal(fsc_fonts_open(&f, &o), FSC_OK); /* with or without them */
    bool taken = strncmp(f->family, "forumstat subset,", 17) == 0;
    assert_int_equal(fsc_fonts_has_subsets(f), taken);
    fsc_fonts *c = NULL; /* a clone says what its original says */
    assert_int_equal(fsc_fonts_clone(f, &c), FSC_OK);
    assert_int_equal(fsc_fonts_has_subsets(c), taken);
    fsc_fonts_close(c);
    fsc_fonts_close(f);
    return taken;
}

/* Copy the file src to dst with its head table's fontRevision changed
 * (a subset made from another version of the font). */
static void copy_other_version(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb");
    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    long n = ftell(in);
    rewind(in);
    unsigned char *b = malloc((size_t)n);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, in), (size_t)n);
    fclose(in);
    unsigned tables = (unsigned)b[4] << 8 | b[5];
    bool patched = false;
    for (unsigned i = 0; i < tables && !patched; i++) {
        const unsigned char *rec = b + 12 + 16 * i;
        if (memcmp(rec, "head", 4) != 0)
            continue;
        unsigned long off = (unsigned long)rec[8] << 24 | (unsigned long)rec[9] << 16 |
                            (unsigned long)rec[10] << 8 | rec[11];
        b[off + 6] ^= 0x10; /* fontRevision: 16.16 fixed at offset 4 */
        patched = true;
    }
    assert_true(patched);
    FILE *out = fopen(dst, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(b, 1, (size_t)n, out), (size_t)n);
    assert_int_equal(fclose(out), 0);
    free(b);
}

/* With the subsets: the same PNG and SVG bytes, smaller PDFs with the same
 * text; a character outside them comes from the full font; subsets that
 * do not fit the fonts here are left out. */
static void test_fonts_subsets(void **state)
{
    (void)state;
    if (!find_build_subsets())
        skip();
    fsc_fonts *sub = NULL;
    fsc_fonts_options o = {.subsets = subset_paths, .nsubsets = 2};
    assert_int_equal(fsc_fonts_open(&sub, &o), FSC_OK);
    assert_string_equal(sub->family, "forumstat subset,Noto Sans CJK SC");
    static fixture f;
    for (int k = 0; k < K_COUNT; k += 2)
        for (int t = 0; t < 3; t++) {
            make(&f, k, V_LONG, k % 4 == 0);
            size_t na, nb;
            unsigned char *a = render(&f.c, (fsc_file_type)t, 0, 0, &na);
            unsigned char *b = render_with(sub, &f.c, (fsc_file_type)t, 0, 0, &nb);
            if (t == FSC_PDF) {
                if (!(nb < na))
                    fail_msg("%s: PDF of %zu bytes with the subsets, %zu without", kind_names[k],
                             nb, na);
                char *ta = have_pdftotext() ? pdf_text(a, na) : NULL;
                char *tb = ta ? pdf_text(b, nb) : NULL;
                if (ta)
                    assert_string_equal(ta, tb);
                free(ta);
                free(tb);
            } else if (na != nb || memcmp(a, b, na) != 0) {
                fail_msg("%s type %d: other bytes with the subsets", kind_names[k], t);
            }
            free(a);
            free(b);
        }
    /* 喆 (U+5586) is not in GB 2312: drawn from the full face, not refused */
    make(&f, 0, V_NORMAL, true);
    f.c.title = "喆县每万人犯罪起数";
    size_t n;
    unsigned char *p = render_with(sub, &f.c, FSC_PDF, 0, 0, &n);
    char *txt = have_pdftotext() ? pdf_text(p, n) : NULL;
    if (txt)
        assert_non_null(strstr(txt, "喆县"));
    free(txt);
    free(p);
    fsc_fonts_close(sub);

    /* left out: only one weight, one weight twice, a missing file, a font
     * of another family, a subset of another version of the font */
    assert_true(subsets_taken(subset_paths, 2));
    assert_false(subsets_taken(subset_paths, 1));
    const char *twice[] = {subset_paths[0], subset_paths[0]};
    assert_false(subsets_taken(twice, 2));
    const char *missing[] = {subset_paths[0], "/nonexistent/bold.otf"};
    assert_false(subsets_taken(missing, 2));
    const char *dejavu[] = {subset_paths[0],
                            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
    if (access(dejavu[1], R_OK) == 0)
        assert_false(subsets_taken(dejavu, 2));
    char other[400];
    snprintf(other, sizeof other, "%s/other-version.otf", tmpdir);
    copy_other_version(subset_paths[1], other);
    const char *stale[] = {subset_paths[0], other};
    assert_false(subsets_taken(stale, 2));
    remove(other);
}

/* ---- the briefing document ---------------------------------------------- */

static fsc_status make_doc(const char *path, int *pages)
{
    static fixture f1, f2, ft;
    make(&f1, K_BARS, V_NORMAL, true);
    make(&f2, K_HEX, V_LONG, true);
    make(&ft, K_TILES, V_NORMAL, true);
    fsc_doc *d;
    fsc_doc_options o = {.path = path, .epoch = 1732752000, .title = "简报 2024",
                           .footer = "苏鲁豫皖七县（市）平安论坛", .page_prefix = "第 ", .page_suffix = " 页"};
    fsc_status st = fsc_doc_open(&d, fonts, &o);
    if (st != FSC_OK) return st;
    fsc_doc_cover_page cover = {"平安论坛", "2024年度数据简报", "2024年11月", &ft.c};
    fsc_doc_cover(d, &cover);
    fsc_doc_chart(d, &f1.c, "第一条要点：七个县（市）中有五个下降。\n第二行说明。");
    fsc_chart bad = f1.c;
    bad.kind = (fsc_kind)99;
    if (fsc_doc_chart(d, &bad, "x") != FSC_ERR_ARG) return FSC_ERR_CAIRO; /* not sticky */
    fsc_doc_chart(d, &f2.c, NULL);
    static char cells[120][4][32];
    static const char *cp[120 * 4];
    for (int i = 0; i < 120; i++) {
        snprintf(cells[i][0], 32, "%s %d", zh_names[i % NC], i + 1);
        fsc_format_value(cells[i][1], 32, 1000.0 * i + 0.25, FSC_FMT_INTEGER, NULL);
        fsc_format_value(cells[i][2], 32, i / 120.0, FSC_FMT_PERCENT, NULL);
        snprintf(cells[i][3], 32, "%s", i % 5 ? "" : "备注");
        for (int j = 0; j < 4; j++) cp[i * 4 + j] = cells[i][j];
    }
    static const char *head[4] = {"县（市）", "案件数", "比例", "备注"};
    fsc_table t = {.title = "附表", .note = "来源：测试", .header = head, .cells = cp, .nrows = 120, .ncols = 4};
    fsc_doc_table(d, &t);
    *pages = fsc_doc_pages(d);
    return fsc_doc_close(d);
}

static void test_doc(void **state)
{
    (void)state;
    char p1[400], p2[400];
    snprintf(p1, sizeof p1, "%s/brief1.pdf", tmpdir);
    snprintf(p2, sizeof p2, "%s/brief2.pdf", tmpdir);
    int pages = 0, pages2 = 0;
    assert_int_equal(make_doc(p1, &pages), FSC_OK);
    assert_true(pages >= 6); /* cover, 2 charts, the table over ≥ 3 pages */
    assert_int_equal(make_doc(p2, &pages2), FSC_OK);
    assert_int_equal(pages, pages2);
    assert_true(same_file(p1, p2));
    if (have_pdftotext()) {
        FILE *fp = fopen(p1, "rb");
        assert_non_null(fp);
        static unsigned char buf[4 << 20];
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        char *txt = pdf_text(buf, n);
        assert_non_null(txt);
        assert_true(contains_nospace(txt, "第一条要点"));
        assert_true(contains_nospace(txt, "第 2 页"));
        char last[32];
        snprintf(last, sizeof last, "第 %d 页", pages);
        assert_true(contains_nospace(txt, last));
        assert_true(contains_nospace(txt, "砀山县 120")); /* the last table row */
        assert_true(contains_nospace(txt, "119,000"));
        assert_false(contains_nospace(txt, "第 1 页")); /* the cover has no number */
        free(txt);
    }
    /* failure: nothing at the path */
    char bad[400];
    snprintf(bad, sizeof bad, "%s/none/x.pdf", tmpdir);
    fsc_doc *d;
    fsc_doc_options o = {.path = bad};
    assert_int_equal(fsc_doc_open(&d, fonts, &o), FSC_ERR_IO);
    snprintf(bad, sizeof bad, "%s/discard.pdf", tmpdir);
    o.path = bad;
    assert_int_equal(fsc_doc_open(&d, fonts, &o), FSC_OK);
    fsc_doc_discard(d);
    assert_int_equal(access(bad, F_OK), -1);
    /* a total row: more total rows than rows is a bad table */
    static const char *const head[2] = {"County", "Cases"};
    static const char *const cells[4] = {"A", "1", "Zone", "1"};
    fsc_table t = {.header = head, .cells = cells, .nrows = 2, .ncols = 2, .total_rows = 3};
    snprintf(bad, sizeof bad, "%s/total.pdf", tmpdir);
    o.path = bad;
    assert_int_equal(fsc_doc_open(&d, fonts, &o), FSC_OK);
    assert_int_equal(fsc_doc_table(d, &t), FSC_ERR_ARG);
    t.total_rows = 1;
    assert_int_equal(fsc_doc_table(d, &t), FSC_OK);
    assert_int_equal(fsc_doc_close(d), FSC_OK);
    assert_int_equal(access(bad, F_OK), 0);
}

/* ---- speed -------------------------------------------------------------- */

/* CPU time of the process, not the wall clock: the suites run two at a
 * time (tests/run) beside the sanitizer lane (run-tests), on a machine
 * that may be shared; the drawing's cost is what is checked. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_speed(void **state)
{
    (void)state;
    static fixture f[K_COUNT];
    for (int k = 0; k < K_COUNT; k++) make(&f[k], k, V_NORMAL, true);
    double t0 = now();
    for (int k = 0; k < K_COUNT; k++) {
        if (k == K_STACK_PCT) continue; /* the nine charts of the forum */
        for (int t = 0; t < 3; t++) {
            size_t n;
            free(render(&f[k].c, (fsc_file_type)t, 0, 0, &n));
        }
    }
    double dt = now() - t0;
    print_message("nine charts x PNG/SVG/PDF in %.3f s\n", dt);
#if defined(__SANITIZE_ADDRESS__)
    double limit = 20.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    double limit = 20.0;
#else
    double limit = 1.0;
#endif
#else
    double limit = 1.0;
#endif
    assert_true(dt < limit);
}

/* ---- child processes ---------------------------------------------------- */

static int child_main(void)
{
    const char *set = getenv("CHART_TEST_CHILD"), *fsize = getenv("CHART_TEST_FSIZE");
    if (fsc_fonts_open(&fonts, NULL) != FSC_OK) return 100;
    int rc = 0;
    if (set) {
        rc = render_set(set);
    } else {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {20000, 20000};
        setrlimit(RLIMIT_FSIZE, &rl);
        static fixture f;
        make(&f, K_ARCS, V_NORMAL, true);
        char path[400];
        snprintf(path, sizeof path, "%s/big.png", fsize);
        fsc_output o = {.path = path, .type = FSC_PNG};
        rc = (int)fsc_write(fonts, &f.c, &o);
    }
    fsc_fonts_close(fonts);
    cairo_debug_reset_static_data();
    FcFini();
    return rc;
}

int main(void)
{
    if (getenv("CHART_TEST_CHILD") || getenv("CHART_TEST_FSIZE")) return child_main();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_value),
        cmocka_unit_test(test_nice_scale),
        cmocka_unit_test(test_palette),
        cmocka_unit_test(test_strerror_and_kinds),
        cmocka_unit_test(test_legend_and_tile_texts),
        cmocka_unit_test(test_grammar),
        cmocka_unit_test(test_fonts_without_chinese),
        cmocka_unit_test(test_render_all),
        cmocka_unit_test(test_labels_no_overlap),
        cmocka_unit_test(test_long_names_fit),
        cmocka_unit_test(test_png_size_dpi_roundtrip),
        cmocka_unit_test(test_deterministic_in_process),
        cmocka_unit_test(test_fonts_clone_draws_the_same),
        cmocka_unit_test(test_fonts_close_waits_for_pango),
        cmocka_unit_test(test_fonts_trim),
        cmocka_unit_test(test_fonts_subsets),
        cmocka_unit_test(test_deterministic_across_processes),
        cmocka_unit_test(test_write_atomic),
        cmocka_unit_test(test_invalid_specs),
        cmocka_unit_test(test_pdf_text),
        cmocka_unit_test(test_svg_metadata),
        cmocka_unit_test(test_doc),
        cmocka_unit_test(test_speed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
