/*
 * chart_demo.c — renders every chart of the forum's set with realistic
 * sample numbers for the seven counties, in Chinese and English, as PNG,
 * SVG and PDF, plus a briefing PDF per language; prints the timings.
 * It doubles as documentation: each chart below is built the way
 * forumstat's report command is expected to build it.
 *
 * Not part of the library (the Makefile compiles only charts/NAME.c, not
 * charts/demo).  Build & run:
 *   make -C charts/demo            # or see charts/demo/Makefile
 *   charts/demo/fsc_demo out/chart-demo [epoch]
 * Output: out/chart-demo/{zh,en}/NN-name.{png,svg,pdf}, briefing.pdf.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <fontconfig/fontconfig.h>

#include "chart.h"
#include "chart_doc.h"
#include "chart_render.h"

#define NC 7   /* counties            */
#define NY 6   /* years 2019–2024     */
#define NT 6   /* dispute types       */
#define NP 4   /* provinces           */

/* ---- sample data (2024 forum; invented but plausible) -------------------- */

/* County order fixes the colour: fsc_county_color(i). */
static const double off_2023[NC] = {24.6, 21.3, 19.8, 26.1, 22.7, 20.4, 28.9};
static const double off_2024[NC] = {22.9, 21.8, 18.1, 24.0, 23.5, 19.2, 26.4};
static const double mediation[NC] = {0.962, 0.948, 0.971, 0.935, 0.957, 0.944, 0.952};
static const double zone_mediation = 0.953;
static const double clearance[NC] = {0.874, 0.902, 0.915, 0.861, 0.889, 0.897, 0.868};
static const double recovery[NC] = {0.612, 0.655, 0.701, 0.584, 0.633, 0.648, 0.597};
/* disputes by type: neighbourhood, family, land, labour, contracts, other */
static const double disputes[NT][NC] = {
    {1420, 1210, 1105, 1533, 1188, 1062, 1876},
    {986, 845, 790, 1102, 861, 770, 1290},
    {512, 603, 455, 688, 594, 521, 702},
    {338, 402, 517, 295, 311, 287, 466},
    {455, 390, 610, 402, 377, 345, 598},
    {210, 188, 175, 240, 199, 163, 286},
};
/* cooperation cases between counties (symmetric), diagonal unused */
static const double coop[NC * NC] = {
    0, 46, 31, 38, 22, 12, 27,
    46, 0, 19, 9, 6, 8, 21,
    31, 19, 0, 17, 4, 3, 5,
    38, 9, 17, 0, 15, 7, 6,
    22, 6, 4, 15, 0, 29, 18,
    12, 8, 3, 7, 29, 0, 33,
    27, 21, 5, 6, 18, 33, 0,
};
/* assistance: row county helped column county on this many cases */
static const double assist[NC * NC] = {
    0, 14, 9, 11, 6, 2, 8,
    10, 0, 5, 1, 0, 1, 6,
    7, 6, 0, 4, 0, 0, 1,
    12, 2, 5, 0, 3, 1, 2,
    5, 1, 0, 4, 0, 9, 4,
    3, 2, 0, 1, 7, 0, 10,
    9, 5, 1, 2, 5, 12, 0,
};
/* cross-regional cases: zone total and by the partner's province */
static const double xreg_total[NY] = {412, 455, 431, 498, 537, 566};
static const double xreg_prov[NP][NY] = {
    {131, 142, 139, 158, 171, 180},  /* Anhui    */
    {88, 97, 90, 104, 113, 118},     /* Jiangsu  */
    {64, 71, 66, 79, 84, 90},        /* Shandong */
    {129, 145, 136, 157, 169, 178},  /* Henan    */
};
static const double all_cases[NY] = {3720, 3801, 3655, 3902, 4011, 4087};

/* hex tiles: Dangshan centre; flat-topped axial coordinates */
static const int hex_q[NC] = {0, 1, 1, 0, -1, -1, 0};
static const int hex_r[NC] = {0, 0, -1, -1, 0, 1, 1};
/* Dangshan (0,0); Xiao (1,0) SE; Feng (1,-1) NE; Shan (0,-1) N;
 * Yucheng (-1,0) NW ≈ W; Xiayi (-1,1) SW; Yongcheng (0,1) S */

/* ---- texts in two languages --------------------------------------------- */

typedef struct texts {
    const char *dir, *lang, *na;
    const char *county[NC];
    const char *province[NP];
    const char *dtype[NT];
    const char *zone, *source, *forum, *total, *north;
    const char *t_off, *s_off, *a_off;
    const char *t_xreg, *s_xreg, *p_cases, *p_share, *n_xreg;
    const char *t_disp, *t_disp_pct, *s_disp, *a_disp, *a_disp_pct;
    const char *t_med, *s_med, *a_med, *zone_rate;
    const char *t_coop, *s_coop, *rows, *cols, *leg_cases;
    const char *t_assist, *s_assist, *n_assist, *leg_width;
    const char *t_clear, *s_clear, *clear, *recov, *a_rate;
    const char *t_tiles, *vs, *pp;
    const char *tl_off, *tl_xreg, *tl_disp, *tl_med, *tl_clear, *tl_coop;
    const char *t_hex, *s_hex, *leg_hex;
    const char *doc_title, *doc_sub, *doc_date, *page_pre, *page_suf;
    const char *take[9];
    const char *tab_title, *tab_head[5], *tab_note;
} texts;

static const texts zh = {
    "zh", "zh-cn", "无数据",
    {"砀山县", "萧县", "丰县", "单县", "虞城县", "夏邑县", "永城市"},
    {"安徽", "江苏", "山东", "河南"},
    {"邻里纠纷", "婚姻家庭", "土地山林", "劳动报酬", "合同债务", "其他"},
    "片区合计", "来源：七县（市）公安局、司法局 · 苏鲁豫皖七县（市）平安论坛 · 数据年份 2024",
    "苏鲁豫皖七县（市）平安论坛", "合计", "北",
    "各县（市）每万人刑事案件数", "2024年与2023年对比", "每万名常住人口案件数",
    "跨区域案件", "2019—2024年，片区合计及按对方所在省份", "案件数", "占全部案件的比例",
    "比例 = 跨区域案件 ÷ 片区全部刑事案件",
    "各县（市）矛盾纠纷类型（件）", "各县（市）矛盾纠纷类型构成（%）", "2024年受理的矛盾纠纷",
    "纠纷件数", "占本县（市）纠纷总数的比例",
    "人民调解成功率", "2024年，虚线为片区平均水平", "调解成功率", "片区",
    "县际协作案件矩阵", "2024年两县（市）共同办理的案件数", "协作县（市）", "协作县（市）", "案件数",
    "案件协助流向", "2024年，谁协助了谁", "弧线按顺时针方向：上方由左向右，下方由右向左；颜色 = 提供协助的县（市）",
    "宽度 = 协助案件数",
    "破案率与追赃挽损率", "2024年各县（市）", "破案率", "追赃挽损率", "比例",
    "2024年平安建设主要指标", "较2023年", "个百分点",
    "每万人刑事案件", "跨区域案件", "矛盾纠纷受理", "人民调解成功率", "破案率", "县际协作案件",
    "七县（市）示意图：每万人刑事案件数", "2024年；六边形位置示意各县（市）相对方位，非精确地图", "每万人案件数",
    "苏鲁豫皖七县（市）平安论坛", "2024年度平安建设数据简报", "2024年11月 · 砀山", "第 ", " 页",
    {"七个县（市）中有五个每万人刑事案件数下降，单县和永城市降幅最大。\n虞城县和萧县略有上升，需要关注。",
     "跨区域案件连续两年增加，2024年达566件，占全部刑事案件的13.8%。\n与河南、安徽方向的协作案件最多。",
     "邻里纠纷和婚姻家庭纠纷占全部纠纷的一半以上。\n永城市受理纠纷最多。",
     "七个县（市）构成相近：邻里与家庭纠纷合计约占55%。\n丰县劳动报酬和合同纠纷占比较高。",
     "各县（市）人民调解成功率均在93%以上。\n丰县最高（97.1%），单县最低（93.5%）。",
     "砀山县与萧县、单县之间的协作案件最多。\n夏邑县与永城市联系紧密。",
     "砀山县是主要的协助提供方，共协助50起案件。\n永城市与夏邑县之间互助频繁。",
     "破案率在86%—92%之间，追赃挽损率明显偏低。\n丰县两项指标均居首位。",
     "以颜色深浅表示每万人刑事案件数，单县和永城市最高。"},
    "附表：各县（市）主要指标（2024年）", {"县（市）", "每万人案件", "调解成功率", "破案率", "追赃挽损率"},
    "来源：七县（市）公安局、司法局。",
};

static const texts en = {
    "en", "en", "n/a",
    {"Dangshan", "Xiao", "Feng", "Shan", "Yucheng", "Xiayi", "Yongcheng"},
    {"Anhui", "Jiangsu", "Shandong", "Henan"},
    {"Neighbours", "Marriage & family", "Land", "Wages", "Contracts & debts", "Other"},
    "Zone total", "Source: county police and justice bureaus · Seven-County Safety Forum · data year 2024",
    "Seven-County Safety Forum", "Total", "N",
    "Offences per 10,000 residents by county", "2024 beside 2023", "Offences per 10,000 residents",
    "Cross-regional cases", "2019–2024, zone total and by the partner's province", "Cases",
    "Share of all cases", "Share = cross-regional cases ÷ all criminal cases in the zone",
    "Disputes by type per county (cases)", "Disputes by type per county (share)",
    "Disputes received in 2024", "Disputes", "Share of the county's disputes",
    "Mediation resolution rate", "2024; dashed line: the zone as a whole", "Resolution rate", "Zone",
    "Cooperation between counties", "Cases two counties handled together, 2024", "County",
    "Partner county", "Cases",
    "Assistance on cases", "2024: who helped whom",
    "Arcs run clockwise: above from left to right, below from right to left; colour = the helping county",
    "Width = cases",
    "Clearance and recovery rates", "By county, 2024", "Clearance rate", "Recovery rate", "Rate",
    "Safety in 2024 at a glance", "vs 2023", "pp",
    "Offences per 10,000 residents", "Cross-regional cases", "Disputes received",
    "Mediation resolution rate", "Clearance rate", "Joint cases between counties",
    "The seven counties: offences per 10,000 residents",
    "2024; tiles show where the counties lie relative to each other, not a precise map",
    "Offences per 10,000",
    "Seven-County Safety Forum", "Safety data briefing 2024", "Dangshan, November 2024", "Page ", "",
    {"Offences per 10,000 residents fell in five of the seven counties, most in Shan and Yongcheng.\n"
     "Yucheng and Xiao rose slightly and need attention.",
     "Cross-regional cases rose for the second year running, to 566 in 2024 (13.8% of all cases).\n"
     "Most involve partners in Henan and Anhui.",
     "Neighbour and family disputes make up more than half of all disputes.\nYongcheng received the most.",
     "The mix is similar everywhere: neighbour and family disputes are about 55%.\n"
     "Feng has more wage and contract disputes.",
     "Every county resolved more than 93% of its mediations.\nFeng is highest (97.1%), Shan lowest (93.5%).",
     "Dangshan works most with Xiao and Shan.\nXiayi and Yongcheng are closely linked.",
     "Dangshan is the main helper, with 50 cases.\nYongcheng and Xiayi help each other often.",
     "Clearance rates lie between 86% and 92%; recovery is markedly lower.\nFeng leads on both.",
     "Shading shows offences per 10,000 residents; Shan and Yongcheng are highest."},
    "Annex: key figures by county (2024)",
    {"County", "Offences per 10,000", "Mediation rate", "Clearance rate", "Recovery rate"},
    "Source: county police and justice bureaus.",
};

/* ---- building the charts ------------------------------------------------ */

typedef struct built {
    fsc_chart c[10];
    const char *name[10];
    size_t n;
    /* storage the charts point into */
    fsc_rgb colors[NC];
    fsc_series bars_s[2], xreg_s[NP + 1], share_s[NP + 1], disp_s[NT], med_s[1], dots_s[2];
    fsc_panel panels[2];
    double share[NP + 1][NY];
    fsc_tile tiles[6];
    fsc_hex hexes[NC];
    const char *years[NY];
} built;

static void build(built *b, const texts *t)
{
    static const char *const years[NY] = {"2019", "2020", "2021", "2022", "2023", "2024"};
    memset(b, 0, sizeof *b);
    for (size_t i = 0; i < NC; i++) b->colors[i] = fsc_county_color(i);
    for (size_t i = 0; i < NY; i++) b->years[i] = years[i];
    fsc_categories counties = {t->county, b->colors, NC};
    fsc_chart base = {.source = t->source, .lang = t->lang, .na_label = t->na};
    size_t k = 0;

    /* 1. offences per 10 000, this year beside last year */
    b->bars_s[0] = (fsc_series){.name = "2023", .values = off_2023, .fill = FSC_FILL_LIGHT};
    b->bars_s[1] = (fsc_series){.name = "2024", .values = off_2024, .fill = FSC_FILL_SOLID};
    b->c[k] = base;
    b->c[k].kind = FSC_BARS;
    b->c[k].title = t->t_off;
    b->c[k].subtitle = t->s_off;
    b->c[k].bars = (fsc_bars){.cats = counties, .series = b->bars_s, .nseries = 2,
                                .format = FSC_FMT_DECIMAL1, .axis_title = t->a_off,
                                .color_by_category = true};
    b->name[k++] = "01-offences";

    /* 2. cross-regional cases: counts and share, two panels */
    static const fsc_marker marks[NP] = {FSC_MARKER_SQUARE, FSC_MARKER_DIAMOND,
                                           FSC_MARKER_TRIANGLE, FSC_MARKER_CIRCLE};
    static const fsc_dash dashes[NP] = {FSC_DASH_DASHED, FSC_DASH_DOTTED,
                                          FSC_DASH_DASHDOT, FSC_DASH_SOLID};
    b->xreg_s[0] = (fsc_series){.name = t->zone, .values = xreg_total, .color = 0x000000,
                                  .emphasis = true};
    for (size_t y = 0; y < NY; y++) b->share[0][y] = xreg_total[y] / all_cases[y];
    for (size_t p = 0; p < NP; p++) {
        b->xreg_s[p + 1] = (fsc_series){.name = t->province[p], .values = xreg_prov[p],
                                          .color = fsc_sequence_color(p, NP),
                                          .marker = marks[p], .dash = dashes[p]};
        for (size_t y = 0; y < NY; y++) b->share[p + 1][y] = xreg_prov[p][y] / all_cases[y];
    }
    for (size_t s = 0; s < NP + 1; s++) {
        b->share_s[s] = b->xreg_s[s];
        b->share_s[s].values = b->share[s];
    }
    b->panels[0] = (fsc_panel){.title = t->p_cases, .format = FSC_FMT_INTEGER,
                                 .series = b->xreg_s, .nseries = NP + 1};
    b->panels[1] = (fsc_panel){.title = t->p_share, .format = FSC_FMT_PERCENT,
                                 .series = b->share_s, .nseries = NP + 1};
    b->c[k] = base;
    b->c[k].kind = FSC_LINES;
    b->c[k].title = t->t_xreg;
    b->c[k].subtitle = t->s_xreg;
    b->c[k].note = t->n_xreg;
    b->c[k].lines = (fsc_lines){.x_labels = b->years, .nx = NY, .panels = b->panels, .npanels = 2};
    b->name[k++] = "02-cross-regional";

    /* 3. disputes by type: absolute and 100 % */
    for (size_t s = 0; s < NT; s++)
        b->disp_s[s] = (fsc_series){.name = t->dtype[s], .values = disputes[s],
                                      .color = fsc_sequence_color(s, NT)};
    b->c[k] = base;
    b->c[k].kind = FSC_STACK;
    b->c[k].title = t->t_disp;
    b->c[k].subtitle = t->s_disp;
    b->c[k].stack = (fsc_stack){.cats = counties, .series = b->disp_s, .nseries = NT,
                                  .format = FSC_FMT_INTEGER, .axis_title = t->a_disp,
                                  .total_label = t->total};
    b->name[k++] = "03a-disputes";
    b->c[k] = b->c[k - 1];
    b->c[k].title = t->t_disp_pct;
    b->c[k].stack.percent = true;
    b->c[k].stack.axis_title = t->a_disp_pct;
    b->name[k++] = "03b-disputes-share";

    /* 4. mediation resolution rate with the zone rate */
    b->med_s[0] = (fsc_series){.name = t->a_med, .values = mediation};
    b->c[k] = base;
    b->c[k].kind = FSC_BARS;
    b->c[k].title = t->t_med;
    b->c[k].subtitle = t->s_med;
    b->c[k].bars = (fsc_bars){.cats = counties, .series = b->med_s, .nseries = 1,
                                .format = FSC_FMT_PERCENT, .axis_title = t->a_med,
                                .color_by_category = true, .ref_label = t->zone_rate,
                                .ref_value = zone_mediation};
    b->name[k++] = "04-mediation";

    /* 5. cooperation matrix */
    b->c[k] = base;
    b->c[k].kind = FSC_HEATMAP;
    b->c[k].title = t->t_coop;
    b->c[k].subtitle = t->s_coop;
    b->c[k].matrix = (fsc_matrix){.cats = counties, .values = coop, .format = FSC_FMT_INTEGER,
                                    .row_title = t->rows, .col_title = t->cols,
                                    .legend_title = t->leg_cases, .skip_diagonal = true};
    b->name[k++] = "05-cooperation";

    /* 6. assistance flows */
    b->c[k] = base;
    b->c[k].kind = FSC_ARCS;
    b->c[k].title = t->t_assist;
    b->c[k].subtitle = t->s_assist;
    b->c[k].note = t->n_assist;
    b->c[k].matrix = (fsc_matrix){.cats = counties, .values = assist, .format = FSC_FMT_INTEGER,
                                    .legend_title = t->leg_width};
    b->name[k++] = "06-assistance";

    /* 7. clearance and recovery: dot plot */
    b->dots_s[0] = (fsc_series){.name = t->clear, .values = clearance, .marker = FSC_MARKER_CIRCLE};
    b->dots_s[1] = (fsc_series){.name = t->recov, .values = recovery, .marker = FSC_MARKER_DIAMOND};
    b->c[k] = base;
    b->c[k].kind = FSC_DOTS;
    b->c[k].title = t->t_clear;
    b->c[k].subtitle = t->s_clear;
    b->c[k].dots = (fsc_dots){.cats = counties, .series = b->dots_s, .nseries = 2,
                                .format = FSC_FMT_PERCENT, .axis_title = t->a_rate,
                                .color_by_category = true};
    b->name[k++] = "07-clearance";

    /* 8. headline tiles */
    double off_zone_23 = 0, off_zone_24 = 0, disp24 = 0;
    for (size_t i = 0; i < NC; i++) {
        off_zone_23 += off_2023[i] / NC;
        off_zone_24 += off_2024[i] / NC;
        for (size_t s = 0; s < NT; s++) disp24 += disputes[s][i];
    }
    double coop24 = 0;
    for (size_t i = 0; i < NC * NC; i++) coop24 += coop[i] / 2;
    b->tiles[0] = (fsc_tile){t->tl_off, off_zone_24, off_zone_23, FSC_FMT_DECIMAL1, FSC_TREND_UP_BAD};
    b->tiles[1] = (fsc_tile){t->tl_xreg, xreg_total[5], xreg_total[4], FSC_FMT_INTEGER, FSC_TREND_NEUTRAL};
    b->tiles[2] = (fsc_tile){t->tl_disp, disp24, 21950, FSC_FMT_INTEGER, FSC_TREND_UP_BAD};
    b->tiles[3] = (fsc_tile){t->tl_med, zone_mediation, 0.947, FSC_FMT_PERCENT, FSC_TREND_UP_GOOD};
    b->tiles[4] = (fsc_tile){t->tl_clear, 0.887, 0.893, FSC_FMT_PERCENT, FSC_TREND_UP_GOOD};
    b->tiles[5] = (fsc_tile){t->tl_coop, coop24, 371, FSC_FMT_INTEGER, FSC_TREND_UP_GOOD};
    b->c[k] = base;
    b->c[k].kind = FSC_TILES;
    b->c[k].title = t->t_tiles;
    b->c[k].tiles = (fsc_tiles){.tiles = b->tiles, .n = 6, .compare_label = t->vs, .points_unit = t->pp};
    b->name[k++] = "08-tiles";

    /* 9. hexagon map */
    for (size_t i = 0; i < NC; i++)
        b->hexes[i] = (fsc_hex){t->county[i], hex_q[i], hex_r[i], off_2024[i]};
    b->c[k] = base;
    b->c[k].kind = FSC_HEXMAP;
    b->c[k].title = t->t_hex;
    b->c[k].subtitle = t->s_hex;
    b->c[k].hexmap = (fsc_hexmap){.hexes = b->hexes, .n = NC, .format = FSC_FMT_DECIMAL1,
                                    .legend_title = t->leg_hex, .north_label = t->north};
    b->name[k++] = "09-hexmap";
    b->n = k;
}

/* ---- main --------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int mkdirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static int briefing(fsc_fonts *f, const built *b, const texts *t, const char *dir, long long epoch)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/briefing.pdf", dir);
    fsc_doc *d;
    fsc_doc_options o = {.path = path, .epoch = epoch, .title = t->doc_title, .footer = t->forum,
                           .page_prefix = t->page_pre, .page_suffix = t->page_suf, .lang = t->lang};
    fsc_status st = fsc_doc_open(&d, f, &o);
    if (st != FSC_OK) {
        fprintf(stderr, "%s: %s\n", path, fsc_strerror(st));
        return 1;
    }
    fsc_doc_cover_page cover = {t->doc_title, t->doc_sub, t->doc_date, &b->c[8]};
    fsc_doc_cover(d, &cover);
    static const size_t order[9] = {0, 1, 2, 3, 4, 5, 6, 7, 9};
    for (size_t i = 0; i < 9; i++) fsc_doc_chart(d, &b->c[order[i]], t->take[i]);

    char cells[NC][4][32];
    const char *cellp[NC * 5];
    for (size_t i = 0; i < NC; i++) {
        fsc_format_value(cells[i][0], 32, off_2024[i], FSC_FMT_DECIMAL1, t->na);
        fsc_format_value(cells[i][1], 32, mediation[i], FSC_FMT_PERCENT, t->na);
        fsc_format_value(cells[i][2], 32, clearance[i], FSC_FMT_PERCENT, t->na);
        fsc_format_value(cells[i][3], 32, recovery[i], FSC_FMT_PERCENT, t->na);
        cellp[i * 5] = t->county[i];
        for (size_t j = 0; j < 4; j++) cellp[i * 5 + 1 + j] = cells[i][j];
    }
    fsc_table tab = {.title = t->tab_title, .note = t->tab_note, .header = t->tab_head,
                       .cells = cellp, .nrows = NC, .ncols = 5};
    fsc_doc_table(d, &tab);
    int pages = fsc_doc_pages(d);
    st = fsc_doc_close(d);
    if (st != FSC_OK) {
        fprintf(stderr, "%s: %s\n", path, fsc_strerror(st));
        return 1;
    }
    printf("  %s (%d pages)\n", path, pages);
    return 0;
}

int main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "out/chart-demo";
    long long epoch = argc > 2 ? atoll(argv[2]) : 1732752000LL; /* 2024-11-28 */
    static const fsc_file_type types[3] = {FSC_PNG, FSC_SVG, FSC_PDF};
    static const char *const ext[3] = {"png", "svg", "pdf"};

    double t0 = now();
    fsc_fonts *fonts;
    fsc_status st = fsc_fonts_open(&fonts, NULL);
    if (st != FSC_OK) {
        fprintf(stderr, "fsc_demo: %s\n", fsc_strerror(st));
        return 1;
    }
    double t_fonts = now() - t0;
    int rc = 0;
    const texts *langs[2] = {&zh, &en};
    static built b; /* big: keep it off the stack */
    for (size_t l = 0; l < 2; l++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", out, langs[l]->dir);
        if (mkdirs(dir) != 0) {
            fprintf(stderr, "fsc_demo: cannot create %s: %s\n", dir, strerror(errno));
            rc = 1;
            break;
        }
        build(&b, langs[l]);
        double t1 = now();
        for (size_t i = 0; i < b.n; i++)
            for (size_t k = 0; k < 3; k++) {
                char path[4200];
                snprintf(path, sizeof path, "%s/%s.%s", dir, b.name[i], ext[k]);
                fsc_output o = {.path = path, .type = types[k], .epoch = epoch};
                st = fsc_write(fonts, &b.c[i], &o);
                if (st != FSC_OK) {
                    fprintf(stderr, "%s: %s\n", path, fsc_strerror(st));
                    rc = 1;
                }
            }
        double t2 = now();
        rc |= briefing(fonts, &b, langs[l], dir, epoch);
        double t3 = now();
        printf("%s: %zu charts x 3 formats in %.3f s, briefing in %.3f s\n", langs[l]->dir, b.n,
               t2 - t1, t3 - t2);
    }
    printf("fonts: %.3f s (once per process)\n", t_fonts);
    fsc_fonts_close(fonts);
    cairo_debug_reset_static_data();
    FcFini();
    return rc;
}
