/*
 * figdefs.c — the catalogue of the forum's figures (section 4 of the
 * submission standard), one line per figure or family of figures.
 *
 * This file is the only place a figure is defined.  The metrics file, the
 * workbook's Definitions sheet and the charts all go through it, in this
 * order.  Names come from FS_FIG_LINES (figlist.h), one entry per line in
 * the same order (a static assertion counts them, fs_fig_catalogue_check
 * compares the names), so a renamed figure breaks the build of every
 * output still using the old name.  To add a figure, add its name there
 * and a line here:
 *
 *   a sum over records ........ FS_FIG_SUM: .measure ("rows" or a measure
 *                               of the table's cube below), optionally a
 *                               filter .where_dim/.where_codes, optionally
 *                               a family .each = a cube dimension
 *   a ratio of two figures .... FS_FIG_RATIO: .num, .den, .scale (operands
 *                               must come earlier in the list)
 *
 * A figure over a column that is not yet in its table's cube needs the
 * column added to the cube (cube.c; for a stored cube, a warehouse
 * migration adds it to cube_<table>).  Names are the standard's metric names;
 * "%s" in a name is replaced by each code of the family dimension (or each
 * member county's code), "%s" in a description by that value's label.
 *
 * Cooperation figures are sums over activities, not rows: a record without
 * joint_ref is one activity, a joint_ref is one activity per scope with the
 * values of one chosen record (figures.c).  Every figure except the
 * matrices and the coverage counts (counties_T) has a year-on-year
 * change: relative (F_yoy_pct), or for the four percentages in
 * percentage points (.yoy_pp: F_yoy_pp = F(Y) − F(Y−1), §4 v2).
 *
 * The declared record counts (indicators declared_incidents, …, §2.3 v2)
 * are not ind_ figures (.except_prefix): they are control totals about a
 * submission, not facts about a county.  Summed over a scope they would
 * repeat `incidents` when the counts agree and mislead when they do not,
 * and their year-on-year change would mean nothing.  They act through
 * the zero reports (counties_T, figures 0) and the reconciliation
 * findings instead, and the Sources sheet and `history` show them.
 */
#include "figures_int.h"

#include <string.h>

#define INC FS_T_INCIDENTS
#define DIS FS_T_DISPUTES
#define COOP FS_T_COOPERATION
#define IND FS_T_INDICATORS

/* clang-format off */ /* a table: one entry a line or two, aligned by hand */
const fs_fig_def fs_fig_defs[] = {
    /* ------------------------------------------------------------ crime */
    {.name = FS_MN(counties_incidents), .method = FS_FIG_COVERAGE, .table = INC, .kind = FS_FIG_COUNT,
     .unit_en = "counties", .unit_zh = "个县区",
     .label_en = "Counties with incidents", .label_zh = "有刑事案件数据的县区数",
     .doc_en = "Coverage: the scope's member counties that have incidents for the year (records or a zero report); written for every scope, 0 included",
     .doc_zh = "覆盖县区数：范围内有本年度刑事案件（记录或零报告）的成员县区数；每个范围都写出，含0"},
    {.name = FS_MN(incidents), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_COUNT,
     .measure = "rows", .yoy = true, .unit_en = "records", .unit_zh = "条",
     .label_en = "Case records", .label_zh = "案件记录数",
     .doc_en = "Criminal case records (one per case and reporting county)",
     .doc_zh = "刑事案件记录数（各县每案一条）"},
    {.name = FS_MN(offenses), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_COUNT,
     .measure = "offenses", .yoy = true, .unit_en = "offences", .unit_zh = "起",
     .label_en = "Offences", .label_zh = "犯罪起数",
     .doc_en = "Criminal acts: sum of offenses over the records",
     .doc_zh = "犯罪起数：各记录起数之和"},
    {.name = FS_MN(solved), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_COUNT,
     .measure = "rows", .where_dim = "status", .where_codes = "solved closed", .yoy = true,
     .unit_en = "records", .unit_zh = "条",
     .label_en = "Solved", .label_zh = "破案数",
     .doc_en = "Records with status solved or closed",
     .doc_zh = "状态为已破或已结的记录数"},
    {.name = FS_MN(clearance_pct), .method = FS_FIG_RATIO, .table = INC, .kind = FS_FIG_REAL,
     .num = FS_MN(solved), .den = FS_MN(incidents), .scale = 100, .yoy = true, .yoy_pp = true, .unit_en = "%", .unit_zh = "%",
     .label_en = "Clearance rate", .label_zh = "破案率",
     .doc_en = "Clearance rate: solved / incidents × 100",
     .doc_zh = "破案率：已破已结数 / 案件记录数 × 100"},
    {.name = FS_MN(loss_yuan), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_MONEY,
     .measure = "loss_yuan", .yoy = true, .unit_en = "yuan", .unit_zh = "元",
     .label_en = "Loss (yuan)", .label_zh = "损失金额（元）",
     .doc_en = "Loss, sum over the records", .doc_zh = "损失金额合计"},
    {.name = FS_MN(recovered_yuan), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_MONEY,
     .measure = "recovered_yuan", .yoy = true, .unit_en = "yuan", .unit_zh = "元",
     .label_en = "Recovered (yuan)", .label_zh = "挽回损失（元）",
     .doc_en = "Loss recovered, sum over the records", .doc_zh = "挽回损失金额合计"},
    {.name = FS_MN(recovery_pct), .method = FS_FIG_RATIO, .table = INC, .kind = FS_FIG_REAL,
     .num = FS_MN(recovered_yuan), .den = FS_MN(loss_yuan), .scale = 100, .yoy = true, .yoy_pp = true, .unit_en = "%",
     .unit_zh = "%", .label_en = "Recovery rate", .label_zh = "挽损率",
     .doc_en = "Recovery rate: recovered_yuan / loss_yuan × 100",
     .doc_zh = "挽损率：挽回损失 / 损失金额 × 100"},
    {.name = FS_MN(suspects), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_COUNT,
     .measure = "suspects", .yoy = true, .unit_en = "persons", .unit_zh = "人",
     .label_en = "Suspects", .label_zh = "嫌疑人数",
     .doc_en = "Suspects, sum over the records", .doc_zh = "嫌疑人数合计"},
    {.name = FS_MN(arrested), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_COUNT,
     .measure = "arrested", .yoy = true, .unit_en = "persons", .unit_zh = "人",
     .label_en = "Arrested", .label_zh = "抓获人数",
     .doc_en = "Persons arrested, sum over the records", .doc_zh = "抓获人数合计"},
    {.name = FS_MFAMILY(offenses_cat_), .method = FS_FIG_SUM, .table = INC, .kind = FS_FIG_COUNT,
     .measure = "offenses", .each = "category", .yoy = true, .unit_en = "offences",
     .unit_zh = "起", .label_en = "Offences by ICCS section", .label_zh = "分类犯罪起数",
     .doc_en = "Offenses in ICCS section %s",
     .doc_zh = "ICCS类别“%s”的犯罪起数"},
    {.name = FS_MN(cross_cases), .method = FS_FIG_SHARED, .table = INC, .kind = FS_FIG_COUNT,
     .yoy = true, .unit_en = "cases", .unit_zh = "件",
     .label_en = "Cross-regional cases", .label_zh = "跨区域案件",
     .doc_en = "Cross-regional cases: distinct cross_ref among the scope's records",
     .doc_zh = "跨区域案件数：范围内记录中不同跨区案件编号的个数"},
    {.name = FS_MN(cases), .method = FS_FIG_SHARED, .table = INC, .kind = FS_FIG_COUNT,
     .plus_solo = true, .yoy = true, .unit_en = "cases", .unit_zh = "件",
     .label_en = "Cases", .label_zh = "案件数",
     .doc_en = "Cases: records without cross_ref + cross_cases",
     .doc_zh = "案件数：无跨区案件编号的记录数 + 跨区域案件数"},
    {.name = FS_MN(cross_share_pct), .method = FS_FIG_RATIO, .table = INC, .kind = FS_FIG_REAL,
     .num = FS_MN(cross_cases), .den = FS_MN(cases), .scale = 100, .yoy = true, .yoy_pp = true, .unit_en = "%",
     .unit_zh = "%", .label_en = "Cross-regional share", .label_zh = "跨区域案件占比",
     .doc_en = "Share of cross-regional cases: cross_cases / cases × 100",
     .doc_zh = "跨区域案件占比：跨区域案件数 / 案件数 × 100"},
    {.name = FS_MN(offenses_per_10k), .method = FS_FIG_PER_POP, .table = INC, .kind = FS_FIG_REAL,
     .num = FS_MN(offenses), .den = "population", .scale = 10000, .yoy = true,
     .unit_en = "per 10,000 residents", .unit_zh = "起/万人",
     .label_en = "Offences per 10,000 residents", .label_zh = "每万人犯罪起数",
     .doc_en = "Offenses per 10,000 residents, over the counties with incidents and a population",
     .doc_zh = "每万人犯罪起数（仅计有案件记录且报送常住人口的县区）"},

    /* --------------------------------------------------------- disputes */
    {.name = FS_MN(counties_disputes), .method = FS_FIG_COVERAGE, .table = DIS, .kind = FS_FIG_COUNT,
     .unit_en = "counties", .unit_zh = "个县区",
     .label_en = "Counties with disputes", .label_zh = "有矛盾纠纷数据的县区数",
     .doc_en = "Coverage: the scope's member counties that have disputes for the year (records or a zero report); written for every scope, 0 included",
     .doc_zh = "覆盖县区数：范围内有本年度矛盾纠纷（记录或零报告）的成员县区数；每个范围都写出，含0"},
    {.name = FS_MN(disputes), .method = FS_FIG_SUM, .table = DIS, .kind = FS_FIG_COUNT,
     .measure = "rows", .yoy = true, .unit_en = "records", .unit_zh = "件",
     .label_en = "Disputes", .label_zh = "矛盾纠纷数",
     .doc_en = "Disputes received (records)", .doc_zh = "受理矛盾纠纷数（记录数）"},
    {.name = FS_MN(resolved), .method = FS_FIG_SUM, .table = DIS, .kind = FS_FIG_COUNT,
     .measure = "rows", .where_dim = "outcome", .where_codes = "resolved", .yoy = true,
     .unit_en = "records", .unit_zh = "件", .label_en = "Resolved", .label_zh = "调解成功数",
     .doc_en = "Disputes with outcome resolved",
     .doc_zh = "调解成功的纠纷数"},
    {.name = FS_MN(resolution_pct), .method = FS_FIG_RATIO, .table = DIS, .kind = FS_FIG_REAL,
     .num = FS_MN(resolved), .den = FS_MN(disputes), .scale = 100, .yoy = true, .yoy_pp = true, .unit_en = "%",
     .unit_zh = "%", .label_en = "Resolution rate", .label_zh = "调解成功率",
     .doc_en = "Resolution rate: resolved / disputes × 100",
     .doc_zh = "调解成功率：调解成功数 / 纠纷数 × 100"},
    {.name = FS_MFAMILY(disputes_type_), .method = FS_FIG_SUM, .table = DIS, .kind = FS_FIG_COUNT,
     .measure = "rows", .each = "type", .yoy = true, .unit_en = "records", .unit_zh = "件",
     .label_en = "Disputes by type", .label_zh = "分类型纠纷数",
     .doc_en = "Disputes of type %s", .doc_zh = "“%s”类纠纷数"},
    {.name = FS_MFAMILY(disputes_level_), .method = FS_FIG_SUM, .table = DIS, .kind = FS_FIG_COUNT,
     .measure = "rows", .each = "level", .yoy = true, .unit_en = "records", .unit_zh = "件",
     .label_en = "Disputes by mediation level", .label_zh = "分调解层级纠纷数",
     .doc_en = "Disputes mediated at level %s", .doc_zh = "调解层级为“%s”的纠纷数"},
    {.name = FS_MFAMILY(disputes_outcome_), .method = FS_FIG_SUM, .table = DIS, .kind = FS_FIG_COUNT,
     .measure = "rows", .each = "outcome", .yoy = true, .unit_en = "records", .unit_zh = "件",
     .label_en = "Disputes by outcome", .label_zh = "分调解结果纠纷数",
     .doc_en = "Disputes with outcome %s", .doc_zh = "调解结果为“%s”的纠纷数"},
    {.name = FS_MN(cross_disputes), .method = FS_FIG_SHARED, .table = DIS, .kind = FS_FIG_COUNT,
     .plus_solo = true, .yoy = true, .unit_en = "disputes", .unit_zh = "件",
     .label_en = "Cross-border disputes", .label_zh = "跨界纠纷",
     .doc_en = "Cross-border disputes: records with a counterpart and no joint_ref + distinct joint_ref",
     .doc_zh = "跨界纠纷数：有对方县区且无联调编号的记录数 + 不同联调编号的个数"},
    {.name = FS_MN(median_days_to_close), .method = FS_FIG_MEDIAN_DAYS, .table = DIS,
     .kind = FS_FIG_REAL, .yoy = true, .unit_en = "days", .unit_zh = "天",
     .label_en = "Median days to close", .label_zh = "办结天数中位数",
     .doc_en = "Median of date_closed − date_received over closed disputes "
               "(mean of the two middle values for an even count)",
     .doc_zh = "已办结纠纷办理天数（办结日期 − 受理日期）的中位数（偶数个时取中间两值的平均）"},

    /* ------------------------------------------------------ cooperation */
    {.name = FS_MN(counties_cooperation), .method = FS_FIG_COVERAGE, .table = COOP, .kind = FS_FIG_COUNT,
     .unit_en = "counties", .unit_zh = "个县区",
     .label_en = "Counties with cooperation", .label_zh = "有协作活动数据的县区数",
     .doc_en = "Coverage: the scope's member counties that have cooperation activities for the year (records or a zero report); written for every scope, 0 included",
     .doc_zh = "覆盖县区数：范围内有本年度协作活动（记录或零报告）的成员县区数；每个范围都写出，含0"},
    {.name = FS_MN(activities), .method = FS_FIG_SUM, .table = COOP, .kind = FS_FIG_COUNT,
     .measure = "rows", .yoy = true, .unit_en = "activities", .unit_zh = "次",
     .label_en = "Cooperation activities", .label_zh = "协作活动",
     .doc_en = "Cooperation activities, each joint_ref once",
     .doc_zh = "协作活动数（同一联合编号只计一次）"},
    {.name = FS_MFAMILY(activities_), .method = FS_FIG_SUM, .table = COOP, .kind = FS_FIG_COUNT,
     .measure = "rows", .each = "kind", .yoy = true, .unit_en = "activities", .unit_zh = "次",
     .label_en = "Activities by kind", .label_zh = "分类型协作活动数",
     .doc_en = "Activities of kind %s", .doc_zh = "“%s”类协作活动数"},
    {.name = FS_MN(fugitives_caught), .method = FS_FIG_SUM, .table = COOP, .kind = FS_FIG_COUNT,
     .measure = "outcome_count", .where_dim = "kind", .where_codes = "fugitive_pursuit",
     .yoy = true, .unit_en = "persons", .unit_zh = "人",
     .label_en = "Fugitives caught", .label_zh = "抓获逃犯",
     .doc_en = "Fugitives caught: outcome_count of fugitive_pursuit activities",
     .doc_zh = "抓获逃犯数：追逃活动的成果数"},
    {.name = FS_MN(clues_verified), .method = FS_FIG_SUM, .table = COOP, .kind = FS_FIG_COUNT,
     .measure = "outcome_count", .where_dim = "kind", .where_codes = "clue_verification",
     .yoy = true, .unit_en = "clues", .unit_zh = "条",
     .label_en = "Clues verified", .label_zh = "核查线索",
     .doc_en = "Clues verified: outcome_count of clue_verification activities",
     .doc_zh = "核查线索数：线索核查活动的成果数"},
    {.name = FS_MN(participants), .method = FS_FIG_SUM, .table = COOP, .kind = FS_FIG_COUNT,
     .measure = "participants", .yoy = true, .unit_en = "persons", .unit_zh = "人次",
     .label_en = "Participants", .label_zh = "参与人次",
     .doc_en = "Participants, sum over the activities", .doc_zh = "协作活动参与人数合计"},

    /* ------------------------------------------------------- indicators */
    {.name = FS_MN(counties_indicators), .method = FS_FIG_COVERAGE, .table = IND, .kind = FS_FIG_COUNT,
     .unit_en = "counties", .unit_zh = "个县区",
     .label_en = "Counties with indicators", .label_zh = "有指标数据的县区数",
     .doc_en = "Coverage: the scope's member counties that have indicators for the year (records or a zero report); written for every scope, 0 included",
     .doc_zh = "覆盖县区数：范围内有本年度指标（记录或零报告）的成员县区数；每个范围都写出，含0"},
    {.name = FS_MFAMILY(ind_), .method = FS_FIG_SUM, .table = IND, .kind = FS_FIG_AMOUNT,
     .measure = "value", .each = "indicator", .except_prefix = "declared_", .sparse = true,
     .yoy = true, .unit_en = "",
     .unit_zh = "", .label_en = "Indicator", .label_zh = "指标",
     .doc_en = "%s, summed over the counties that gave it",
     .doc_zh = "%s（报送该指标的县区合计）"},
    /* issue 15: grid members and video devices per 10,000 residents, the
     * coverage rule of offenses_per_10k: over the counties that gave the
     * indicator and a population (a county without the indicator is no
     * data, not 0: §4); comparable years by the indicator's counties, as
     * for ind_<indicator> (fs_fig_cover_indicator). */
    {.name = FS_MN(grid_members_per_10k), .method = FS_FIG_PER_POP, .table = IND, .kind = FS_FIG_REAL,
     .num = FS_MMEMBER(ind_, "grid_members"), .den = "population", .scale = 10000, .yoy = true,
     .unit_en = "per 10,000 residents", .unit_zh = "人/万人",
     .label_en = "Grid members per 10,000 residents", .label_zh = "每万人网格员数",
     .doc_en = "Grid members per 10,000 residents, over the counties that gave both grid members and "
               "a population",
     .doc_zh = "每万人网格员数（仅计同时报送网格员数和常住人口的县区）"},
    {.name = FS_MN(video_devices_per_10k), .method = FS_FIG_PER_POP, .table = IND, .kind = FS_FIG_REAL,
     .num = FS_MMEMBER(ind_, "video_devices_added"), .den = "population", .scale = 10000, .yoy = true,
     .unit_en = "per 10,000 residents", .unit_zh = "台/万人",
     .label_en = "Video devices added per 10,000 residents", .label_zh = "每万人新增视频设备数",
     .doc_en = "Video devices added per 10,000 residents, over the counties that gave both video "
               "devices added and a population",
     .doc_zh = "每万人新增视频设备数（仅计同时报送新增视频设备数和常住人口的县区）"},

    /* --------------------------------------------------------- matrices */
    {.name = FS_MFAMILY(coop_), .method = FS_FIG_COOP_PAIRS, .table = COOP, .kind = FS_FIG_COUNT,
     .each = "county", .unit_en = "activities", .unit_zh = "次",
     .label_en = "Cooperation matrix", .label_zh = "协作矩阵",
     .doc_en = "Zone activities in which this county and %s both took part",
     .doc_zh = "本县与%s共同参与的协作活动数"},
    {.name = FS_MFAMILY(assist_), .method = FS_FIG_ASSIST_PAIRS, .table = INC, .kind = FS_FIG_COUNT,
     .each = "county", .unit_en = "records", .unit_zh = "条",
     .label_en = "Assistance matrix", .label_zh = "协助矩阵",
     .doc_en = "Incident records of %s in which this county assisted",
     .doc_zh = "%s的刑事案件记录中由本县协助的条数"},
};
/* clang-format on */

const size_t fs_fig_ndefs = sizeof fs_fig_defs / sizeof fs_fig_defs[0];

_Static_assert(sizeof fs_fig_defs / sizeof fs_fig_defs[0] == FS_M_COUNT,
               "one catalogue line per entry of FS_FIG_LINES (figlist.h)");

/* The names of FS_FIG_LINES, in order (a family's as its pattern). */
#define LINE_NAME_(name) #name,
#define FAMILY_NAME_(name) #name "%s",
static const char *const line_names[FS_M_COUNT] = {FS_FIG_LINES(LINE_NAME_, FAMILY_NAME_)};
#undef LINE_NAME_
#undef FAMILY_NAME_

/* The unit of each indicator (schema.c's indicator list) for its ind_
 * figure: the family's line has none, as indicators count different
 * things; the Overview and Definitions sheets print it (user trial). */
static const struct {
    const char *code, *en, *zh;
} indicator_units[] = {
    {"population", "persons", "人"},
    {"grid_members", "persons", "人"},
    {"grid_cells", "cells", "个"},
    {"video_devices_added", "devices", "台"},
    {"joint_police_stations", "stations", "个"},
    {"risk_alerts", "alerts", "条"},
    {"mediation_orgs", "organisations", "个"},
    {"mediators", "persons", "人"},
};

int fs_fig_cover_indicator(const fs_fig_def *def, int value)
{
    if (def->table != FS_T_INDICATORS)
        return -1;
    if (def->each && strcmp(def->each, "indicator") == 0)
        return value;
    /* a per-10k of an indicator: .num is "ind_<indicator>" */
    if (def->method == FS_FIG_PER_POP && def->num && strncmp(def->num, "ind_", 4) == 0)
        return fs_enum_index(FS_T_INDICATORS, "indicator", def->num + 4);
    return -1;
}

bool fs_fig_indicator_unit(const char *code, const char **en, const char **zh)
{
    for (size_t i = 0; i < sizeof indicator_units / sizeof indicator_units[0]; i++)
        if (strcmp(indicator_units[i].code, code) == 0) {
            *en = indicator_units[i].en;
            *zh = indicator_units[i].zh;
            return true;
        }
    return false;
}

const char *fs_fig_catalogue_check(void)
{
    for (size_t i = 0; i < fs_fig_ndefs; i++)
        if (!fs_fig_defs[i].name || strcmp(fs_fig_defs[i].name, line_names[i]) != 0)
            return line_names[i];
    return NULL;
}
