/*
 * report_charts.c — the forum's charts and briefing PDF from the figures
 * (see report_charts.h).
 *
 * Three parts:
 *   1. one table of every text in Chinese and English (texts[]), with
 *      {0}…{9} placeholders filled by tpl() so both languages may order
 *      the pieces differently;
 *   2. builders that map the figures of the report context onto chart
 *      specs (charts/chart.h) and write a two-line takeaway per chart —
 *      all numbers come from the figures, none is computed here beyond
 *      picking, ranking and dividing percentages by 100;
 *   3. output: the step writing DIR/charts/ and DIR/briefing-Y.pdf, and
 *      in-memory PNGs for the workbook.
 *
 * Everything a spec points to lives in the fs_rc's arena (rc_alloc) and
 * is freed with it.  Missing values stay NaN all the way to the chart
 * library, which draws them as "no data", never as 0.
 */
#include "report_charts.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "chart.h"
#include "chart_doc.h"
#include "chart_render.h"
#include "i18n.h"
#include "schema.h"

/* ------------------------------------------------------------- texts */

typedef enum tkey {
    /* common */
    T_NA, T_ZONE, T_ZONE_AS_WHOLE, T_TOTAL, T_OTHER, T_OTHER_INCLUDES, T_OTHER_ALSO, T_LIST_SEP,
    T_NO_FIGURES, T_FORUM, T_FORUM_NO_ORDINAL, T_SOURCE, T_FOOTER,
    /* 1 offences per 10 000 */
    T_OFF_TITLE, T_OFF_SUB_BOTH, T_OFF_SUB_ONE, T_OFF_AXIS,
    T_OFF_TAKE_CHANGE, T_OFF_TAKE_NOPRIOR, T_TAKE_HIGH_LOW_ZONE, T_TAKE_NODATA,
    /* 2 cross-regional */
    T_XR_TITLE, T_XR_SUB_RANGE, T_XR_SUB_ONE, T_XR_CASES, T_XR_SHARE, T_XR_NOTE,
    T_XR_TAKE_PRIOR, T_XR_TAKE, T_XR_TAKE_PROV, T_XR_TAKE_NONE,
    /* 3 disputes */
    T_DI_TITLE, T_DI_TITLE_PCT, T_DI_SUB, T_DI_AXIS, T_DI_AXIS_PCT,
    T_DI_TAKE_TYPES, T_DI_TAKE_TYPE, T_DI_TAKE_MOST, T_DI_TAKE_LEAD, T_DI_TAKE_RANGE,
    T_DI_TAKE_NONE,
    /* 4 mediation */
    T_ME_TITLE, T_ME_SUB, T_ME_AXIS, T_ME_TAKE, T_TAKE_HIGH_LOW,
    /* 5 cooperation */
    T_CO_NOTE, T_CO_TITLE, T_CO_SUB, T_CO_ROWS, T_CO_COLS, T_CO_LEGEND, T_CO_TAKE_PAIR, T_CO_TAKE_TOTAL,
    T_CO_TAKE_NONE,
    /* 6 assistance */
    T_AS_TITLE, T_AS_SUB, T_AS_SUB_MAP, T_AS_NOTE, T_AS_LEGEND, T_AS_TAKE_HELPER,
    T_AS_TAKE_SAME, T_AS_TAKE_FLOW, T_AS_TAKE_NONE,
    /* 7 clearance and recovery */
    T_CL_TITLE, T_CL_SUB, T_CL_CLEAR, T_CL_RECOV, T_CL_AXIS, T_CL_ZONE, T_CL_TAKE_CLEAR,
    T_CL_TAKE_RECOV,
    /* 8 tiles */
    T_TI_TITLE, T_TI_COMPARE, T_TI_NO_PREV, T_TI_POINTS, T_TI_OFF, T_TI_XR, T_TI_DISP, T_TI_MED,
    T_TI_CLEAR, T_TI_ACT,
    /* 9 hexagon map */
    T_HX_TITLE, T_HX_TITLE_FIG, T_HX_SUB, T_HX_SUB_PARTIAL, T_HX_SUB_NONE, T_HX_LEGEND,
    T_HX_NORTH, T_HX_TAKE, T_HX_TAKE2,
    /* briefing */
    T_BR_SUBTITLE, T_BR_SUBTITLE_NO_ORD, T_BR_DATE, T_BR_DATE_NO_HOST, T_BR_PAGE_PRE,
    T_BR_PAGE_SUF, T_BR_TAB_TITLE, T_BR_TAB_NOTE, T_BR_H_COUNTY, T_BR_H_OFF, T_BR_H_XR,
    T_BR_H_DISP, T_BR_H_MED, T_BR_H_CLEAR, T_BR_H_RECOV, T_BR_H_ACT,
    /* issue 15: coverage, comparability, units, new charts, briefing pages */
    T_COV_SHORT, T_DQ_ZERO, T_DQ_AGREE, T_TR_COVERAGE, T_BR_DATA_AS_OF,
    T_BR_FORUM_DATE, T_DAGGER_XR, T_DAGGER_ACT, T_OFF_SUB_ZONE,
    T_XR_NOTE_PROV, T_XR_PROV_ITEM,
    T_CAT_TITLE, T_CAT_SUB, T_CAT_AXIS, T_CAT_TAKE, T_CAT_TAKE2,
    T_TR_TITLE, T_TR_SUB, T_TR_TAKE, T_TR_TAKE_ONE, T_TR_UP, T_TR_DOWN, T_TR_SAME, T_TR_NC,
    T_CH_TITLE, T_CH_SUB, T_CH_TAKE, T_CH_TAKE2, T_CH_SAME,
    T_LO_TITLE, T_LO_SUB, T_LO_LOSS, T_LO_RECOV, T_LO_AXIS, T_LO_TAKE, T_LO_TAKE2,
    T_AC_TITLE, T_AC_SUB, T_AC_AXIS, T_AC_TAKE, T_AC_NOTE,
    T_LV_TITLE, T_LV_SUB, T_LV_AXIS, T_LV_TAKE,
    T_AS_ROWS, T_AS_COLS, T_AS_NOTE2, T_ME_NOTE, T_CL_NOTE,
    T_DQ_TITLE, T_DQ_H_ITEM, T_DQ_H_WHAT, T_DQ_H_DETAIL, T_AC_TAKE2, T_DQ_COVERAGE, T_DQ_ALL, T_DQ_MISSING,
    T_DQ_FINDING, T_DQ_NO_FINDINGS, T_DQ_DECLARED, T_DQ_NOTE, T_DQ_DECL_NONE,
    T_DF_TITLE, T_DF_H_TERM, T_DF_H_DEF, T_DF_NOTE,
    T_RS_TITLE, T_RS_SUB, T_RS_AXIS, T_RS_GRID, T_RS_VIDEO, T_RS_NOTE, T_RS_TAKE_GRID,
    T_RS_TAKE_VIDEO,
    T_COUNT
} tkey;

/* Every text of the charts and the briefing: {zh, en}.  {N} is the N-th
 * argument of tpl(). */
static const struct {
    const char *zh, *en;
} texts[T_COUNT] = {
    [T_NA] = {"无数据", "no data"},
    [T_ZONE] = {"片区合计", "Zone"},
    [T_ZONE_AS_WHOLE] = {"片区整体", "Zone"},
    [T_TOTAL] = {"合计", "Total"},
    [T_OTHER] = {"其他", "Other"},
    [T_OTHER_INCLUDES] = {"“{0}”含：{1}", "{0} includes: {1}"},
    [T_OTHER_ALSO] = {"“{0}”还包括：{1}", "{0} also includes: {1}"},
    [T_LIST_SEP] = {"、", ", "},
    [T_NO_FIGURES] = {"本图暂无数据。", "No figures for this chart."},
    [T_FORUM] = {"{0}第{1}届年度论坛", "{0}, {1} annual forum"},
    [T_FORUM_NO_ORDINAL] = {"{0}年度论坛", "{0} annual forum"},
    [T_SOURCE] = {"来源：各县（市）报送数据 · {0} · 数据年份 {1}",
                  "Source: county submissions · {0} · data year {1}"},
    [T_FOOTER] = {"{0} · {1}年度数据简报", "{0} · data briefing {1}"},

    [T_OFF_TITLE] = {"各县（市）每万人犯罪起数", "Offences per 10,000 residents by county"},
    [T_OFF_SUB_BOTH] = {"{0}年与{1}年对比", "{0} beside {1}"},
    [T_OFF_SUB_ONE] = {"{0}年（无{1}年数据）", "{0} (no figures for {1})"},
    [T_OFF_AXIS] = {"每万名常住人口犯罪起数", "Offences per 10,000 residents"},
    [T_OFF_TAKE_CHANGE] = {"与{0}年相比，{1}个县（市）每万人犯罪起数下降，{2}个上升。",
                           "Since {0}, offences per 10,000 residents fell in {1} counties and "
                           "rose in {2}."},
    [T_OFF_TAKE_NOPRIOR] = {"没有{0}年的数据，图中只有{1}年。",
                            "There are no figures for {0}: the chart shows {1} only."},
    [T_TAKE_HIGH_LOW_ZONE] = {"最高：{0}（{1}）；最低：{2}（{3}）；片区整体 {4}。",
                              "Highest: {0} ({1}); lowest: {2} ({3}); zone {4}."},
    [T_TAKE_NODATA] = {"无数据：{0}。", "No data: {0}."},

    [T_XR_TITLE] = {"跨区域案件", "Cross-regional cases"},
    [T_XR_SUB_RANGE] = {"{0}—{1}年，片区合计", "The zone, {0}–{1}"},
    [T_XR_SUB_ONE] = {"{0}年，片区合计", "The zone, {0}"},
    [T_XR_CASES] = {"案件数", "Cases"},
    [T_XR_SHARE] = {"占全部案件的比例", "Share of all cases"},
    [T_XR_NOTE] = {"跨区域案件：两个及以上县（市）共同涉及的同一案件，按跨区案件编号只计一次；"
                   "各省只计本省县（市）报送的案件；比例 = 跨区域案件 ÷ 同一范围（片区或该省）的全部案件。",
                   "A cross-regional case involves two or more counties and is counted once (one "
                   "cross-regional reference); a province counts the cases its own counties "
                   "reported; share = cross-regional cases ÷ all cases of the same scope (zone or "
                   "province)."},
    [T_XR_TAKE_PRIOR] = {"{0}年片区跨区域案件{1}件（{2}年{3}件），占全部案件的{4}。",
                         "Cross-regional cases in the zone in {0}: {1} ({3} in {2}), {4} of "
                         "all cases."},
    [T_XR_TAKE] = {"{0}年片区跨区域案件{1}件，占全部案件的{2}。",
                   "Cross-regional cases in the zone in {0}: {1}, {2} of all cases."},
    [T_XR_TAKE_PROV] = {"涉及跨区域案件最多的省份：{0}（{1}件）。",
                        "The province with the most: {0} ({1})."},
    [T_XR_TAKE_NONE] = {"{0}年没有跨区域案件的数据。", "No figures on cross-regional cases for {0}."},

    [T_DI_TITLE] = {"各县（市）矛盾纠纷类型（件）", "Disputes by type per county"},
    [T_DI_TITLE_PCT] = {"各县（市）矛盾纠纷类型构成", "Disputes by type per county (share)"},
    [T_DI_SUB] = {"{0}年受理的矛盾纠纷", "Disputes received in {0}"},
    [T_DI_AXIS] = {"纠纷件数", "Disputes"},
    [T_DI_AXIS_PCT] = {"占本县（市）纠纷总数的比例", "Share of the county's disputes"},
    [T_DI_TAKE_TYPES] = {"{0}年片区受理矛盾纠纷{1}件，最多的类型是{2}（{3}）和{4}（{5}）。",
                         "Disputes received in {0}: {1}; most common: {2} ({3}), {4} ({5})."},
    [T_DI_TAKE_TYPE] = {"{0}年片区受理矛盾纠纷{1}件，最多的类型是{2}（{3}）。",
                        "Disputes received in {0}: {1}; most common: {2} ({3})."},
    [T_DI_TAKE_MOST] = {"受理纠纷最多的是{0}（{1}件）。", "{0} received the most ({1})."},
    [T_DI_TAKE_LEAD] = {"在有数据的{2}个县（市）中，{1}个以“{0}”为最多的纠纷类型。",
                        "{0} is the largest type in {1} of the {2} counties with figures."},
    [T_DI_TAKE_RANGE] = {"其占比从{0}（{1}）到{2}（{3}）不等。",
                         "Its share ranges from {0} ({1}) to {2} ({3})."},
    [T_DI_TAKE_NONE] = {"{0}年没有矛盾纠纷的数据。", "No figures on disputes for {0}."},

    [T_ME_TITLE] = {"人民调解成功率", "Mediation resolution rate"},
    [T_ME_SUB] = {"{0}年各县（市），由高到低；虚线为片区整体水平",
                  "By county, {0}, highest first; dashed line: the zone as a whole"},
    [T_ME_AXIS] = {"调解成功率", "Resolution rate"},
    [T_ME_TAKE] = {"片区人民调解成功率{0}，有数据的{2}个县（市）中{1}个达到或高于片区水平。",
                   "The zone resolved {0} of its disputes; {1} of the {2} counties with figures "
                   "are at or above that rate."},
    [T_TAKE_HIGH_LOW] = {"最高：{0}（{1}）；最低：{2}（{3}）。", "Highest: {0} ({1}); lowest: {2} ({3})."},

    [T_CO_NOTE] = {"每格是两县（市）共同参与的协作活动数，不论由哪一方记录，"
                   "因此可大于某县（市）自己记录的活动数（附表“协作活动”）。",
                   "Each cell counts the activities both counties took part in, whoever recorded "
                   "them, so a pair may exceed what one county recorded itself (annex, "
                   "Activities)."},
    [T_CO_TITLE] = {"县际协作矩阵", "Cooperation between counties"},
    [T_CO_SUB] = {"{0}年两县（市）共同参与的协作活动数（每对县只显示一次）",
                  "Activities two counties took part in together, {0} (each pair shown once)"},
    [T_CO_ROWS] = {"县（市）", "County"},
    [T_CO_COLS] = {"协作县（市）", "Partner county"},
    [T_CO_LEGEND] = {"协作活动数", "Activities"},
    [T_CO_TAKE_PAIR] = {"协作最多的两县（市）：{0}与{1}（{2}次）。",
                        "The closest partners: {0} and {1} (joint activities: {2})."},
    [T_CO_TAKE_TOTAL] = {"{0}年片区协作活动共{1}次。", "Cooperation activities in the zone in {0}: {1}."},
    [T_CO_TAKE_NONE] = {"{0}年没有县际共同参与的协作活动。",
                        "No activity in {0} involved two counties."},

    [T_AS_TITLE] = {"案件协助流向", "Assistance on cases"},
    [T_AS_SUB] = {"{0}年，谁协助了谁：每行是提供协助的县（市），每列是受协助的县（市）",
                  "{0}: who helped whom; rows help, columns are helped"},
    [T_AS_SUB_MAP] = {"{0}年，谁协助了谁（刑事案件记录数）；各县（市）自西向东排列",
                      "{0}: who helped whom (incident records); counties from west to east"},
    [T_AS_NOTE] = {"弧线按顺时针方向：上方由左向右，下方由右向左；颜色 = 提供协助的县（市），"
                   "箭头指向受协助的县（市）",
                   "Arcs run clockwise: above from left to right, below from right to left; "
                   "colour = the helping county, arrowhead = the county helped"},
    [T_AS_LEGEND] = {"刑事案件记录数", "Incident records"},
    [T_AS_TAKE_HELPER] = {"协助其他县（市）最多的是{0}（{1}条记录），受协助最多的是{2}（{3}条）。",
                          "{0} helped the most (records of other counties: {1}); {2} was helped "
                          "the most ({3})."},
    [T_AS_TAKE_SAME] = {"{0}协助其他县（市）最多（{1}条记录），受协助也最多（{2}条）。",
                        "{0} both helped the most (records of other counties: {1}) and was "
                        "helped the most ({2})."},
    [T_AS_TAKE_FLOW] = {"最大的一条流向：{0}协助{1}（{2}条）。",
                        "The largest flow: {0} helping {1} (records: {2})."},
    [T_AS_TAKE_NONE] = {"{0}年没有县际协助的记录。", "No assistance between counties was recorded in {0}."},

    [T_CL_TITLE] = {"各县（市）破案率", "Clearance rate by county"},
    [T_CL_SUB] = {"{0}年，由高到低；虚线为片区整体水平", "{0}, highest first; dashed line: the zone as a whole"},
    [T_CL_CLEAR] = {"破案率", "Clearance rate"},
    [T_CL_RECOV] = {"挽损率", "Recovery rate"},
    [T_CL_AXIS] = {"比例", "Rate"},
    [T_CL_ZONE] = {"片区破案率", "Zone clearance rate"},
    [T_CL_TAKE_CLEAR] = {"破案率从{0}（{1}）到{2}（{3}），片区整体{4}。",
                         "Clearance rates range from {0} ({1}) to {2} ({3}); zone {4}."},
    [T_CL_TAKE_RECOV] = {"挽损率片区整体{0}，最高的是{1}（{2}）。",
                         "Recovery rate: zone {0}, highest {1} ({2})."},

    [T_TI_TITLE] = {"{0}年主要指标", "{0} at a glance"},
    [T_TI_COMPARE] = {"较{0}年", "vs {0}"},
    [T_TI_NO_PREV] = {"无{0}年数据可比", "no {0} figures to compare"},
    [T_TI_POINTS] = {"个百分点", "pp"},
    [T_TI_OFF] = {"每万人犯罪起数", "Offences per 10,000 residents"},
    [T_TI_XR] = {"跨区域案件", "Cross-regional cases"},
    [T_TI_DISP] = {"受理矛盾纠纷", "Disputes received"},
    [T_TI_MED] = {"人民调解成功率", "Mediation resolution rate"},
    [T_TI_CLEAR] = {"破案率", "Clearance rate"},
    [T_TI_ACT] = {"协作活动", "Cooperation activities"},

    [T_HX_TITLE] = {"各县（市）示意图：每万人犯罪起数", "The counties as they lie: offences per 10,000 residents"},
    [T_HX_TITLE_FIG] = {"各县（市）示意图：{0}", "The counties as they lie: {0}"},
    [T_HX_SUB] = {"{0}年；六边形示意各县（市）的相对位置，不是精确地图",
                  "{0}; tiles show where the counties lie relative to each other, not a precise map"},
    [T_HX_SUB_PARTIAL] = {"{0}年；最下一行的县（市）在区域配置文件中没有位置（hex 行）",
                          "{0}; the counties in the bottom row have no position in the zone "
                          "file (hex lines)"},
    [T_HX_SUB_NONE] = {"{0}年；区域配置文件没有给出各县（市）的位置（hex 行），按代码顺序排列",
                       "{0}; the zone file gives no positions (hex lines): counties in code order"},
    [T_HX_LEGEND] = {"每万人犯罪起数", "Offences per 10,000"},
    [T_HX_NORTH] = {"北", "N"},
    [T_HX_TAKE] = {"颜色越深数值越高：最高的是{0}（{1}），最低的是{2}（{3}）。",
                   "Darker tiles mean higher values: highest {0} ({1}), lowest {2} ({3})."},
    [T_HX_TAKE2] = {"图例各档互不重叠，数值按图中显示的位数归档。",
                    "The classes of the legend do not overlap; values are classed as printed."},

    [T_BR_SUBTITLE] = {"第{0}届年度论坛 · {1}年度数据简报", "{0} annual forum · data briefing {1}"},
    [T_BR_SUBTITLE_NO_ORD] = {"{0}年度数据简报", "Data briefing {0}"},
    [T_BR_DATE] = {"东道主：{0} · {1}", "Host: {0} · {1}"},
    [T_BR_DATE_NO_HOST] = {"{0}", "{0}"},
    [T_BR_PAGE_PRE] = {"第 ", "Page "},
    [T_BR_PAGE_SUF] = {" 页", ""},
    [T_BR_TAB_TITLE] = {"附表：各县（市）主要指标（{0}年）", "Annex: key figures by county, {0}"},
    [T_BR_TAB_NOTE] = {"来源：各县（市）报送数据。“无数据”：该县（市）未报送相应数据，或比率的分母为零。",
                       "Source: county submissions. “No data”: the county sent no records "
                       "of that kind, or a rate has a zero denominator."},
    [T_BR_H_COUNTY] = {"县（市）", "County"},
    [T_BR_H_OFF] = {"每万人犯罪起数", "Offences per 10,000"},
    [T_BR_H_XR] = {"跨区域案件", "Cross-regional cases"},
    [T_BR_H_DISP] = {"受理纠纷", "Disputes"},
    [T_BR_H_MED] = {"调解成功率", "Resolution rate"},
    [T_BR_H_CLEAR] = {"破案率", "Clearance rate"},
    [T_BR_H_RECOV] = {"挽损率", "Recovery rate"},
    [T_BR_H_ACT] = {"协作活动", "Activities"},

    [T_COV_SHORT] = {"（{0}）", " ({0})"},
    [T_TR_COVERAGE] = {"未覆盖全部县（市）的年份：{0}。", "Years not covering every county: {0}."},
    [T_DQ_AGREE] = {"{1}项申报记录数中{0}项与实收一致", "{0} of {1} declared counts agree with the records held"},
    [T_DQ_ZERO] = {"{0}；零报告（申报为0）：{1}", "{0}; zero reports (declared 0): {1}"},
    [T_BR_DATA_AS_OF] = {"数据截至{0}", "Data as of {0}"},
    [T_BR_FORUM_DATE] = {"论坛日期：{0}", "Forum: {0}"},
    [T_DAGGER_XR] = {"† 片区合计中每件跨区域案件只计一次；一案涉及几个县（市），就在几个县（市）各计一次，"
                     "故各县（市）之和大于合计。",
                     "† The zone counts each cross-regional case once; a case involving several "
                     "counties counts once in each of them, so the counties add up to more than "
                     "the zone."},
    [T_DAGGER_ACT] = {"‡ 片区合计中每项联合活动（同一联合编号）只计一次，各县（市）各自计入本县记录的活动，"
                      "故各县（市）之和大于合计；县际协作矩阵统计的是两县（市）共同参与的活动，"
                      "不论由哪一方记录，因此可大于单个县（市）自己记录的活动数。",
                      "‡ The zone counts each joint activity (one joint reference) once; each county "
                      "counts the activities it recorded, so the counties add up to more than the "
                      "zone.  The cooperation matrix counts activities two counties both took part "
                      "in, whoever recorded them, so a pair may exceed what one county recorded."},
    [T_OFF_SUB_ZONE] = {"{0}年与{1}年对比；最右为片区整体", "{0} beside {1}; the zone on the right"},
    [T_XR_NOTE_PROV] = {"各省涉及的案件（一案涉及几个省就在几个省各计一次，故各省之和大于片区）：{0}。",
                        "Cases involving each province (a case involving several provinces counts "
                        "in each, so the provinces add up to more than the zone): {0}."},
    [T_XR_PROV_ITEM] = {"{0}{1}件", "{0} {1}"},
    [T_CAT_TITLE] = {"犯罪类别（国际犯罪分类ICCS）", "Offences by category (ICCS)"},
    [T_CAT_SUB] = {"{0}年片区各类犯罪起数，由多到少", "Offences in the zone in {0}, largest first"},
    [T_CAT_AXIS] = {"犯罪起数", "Offences"},
    [T_CAT_TAKE] = {"最多的类别：{0}（{1}起，占{2}）。", "Largest category: {0} ({1}, {2} of all offences)."},
    [T_CAT_TAKE2] = {"其次：{0}（{1}起）。", "Next: {0} ({1})."},
    [T_TR_TITLE] = {"主要指标三年走势", "Headline figures over three years"},
    [T_TR_SUB] = {"片区整体，{0}—{1}年", "The zone, {0}–{1}"},
    [T_TR_TAKE] = {"与{0}年相比：{1}。", "Since {0}: {1}."},
    [T_TR_TAKE_ONE] = {"只有{0}年的数据，走势从明年起可见。", "Figures for {0} only: trends show from next year."},
    [T_TR_UP] = {"{0}上升", "{0} up"},
    [T_TR_DOWN] = {"{0}下降", "{0} down"},
    [T_TR_SAME] = {"{0}持平", "{0} unchanged"},
    [T_TR_NC] = {"{0}不可比", "{0} not comparable"},
    [T_CH_TITLE] = {"每万人犯罪起数的变化", "Change in offences per 10,000 residents"},
    [T_CH_SUB] = {"各县（市），{0}年（灰）→{1}年（蓝）", "By county, {0} (grey) → {1} (blue)"},
    [T_CH_TAKE] = {"与{0}年相比，{1}个县（市）下降，{2}个上升{3}。",
                   "Since {0}, {1} counties fell and {2} rose{3}."},
    [T_CH_SAME] = {"，{0}个持平", ", {0} stayed the same"},
    [T_CH_TAKE2] = {"降幅最大：{0}（{1}→{2}）。", "Largest fall: {0} ({1} → {2})."},
    [T_LO_TITLE] = {"案件损失与挽回金额", "Losses and amounts recovered"},
    [T_LO_SUB] = {"{0}年各县（市），单位：万元", "By county, {0}, in 10,000 yuan"},
    [T_LO_LOSS] = {"损失金额", "Losses"},
    [T_LO_RECOV] = {"挽回金额", "Recovered"},
    [T_LO_AXIS] = {"万元", "10,000 yuan"},
    [T_LO_TAKE] = {"片区损失{0}万元，挽回{1}万元，挽损率{2}。",
                   "Zone losses {0} and recovered {1} (10,000 yuan): recovery rate {2}."},
    [T_LO_TAKE2] = {"挽损率最高：{0}（{1}）；最低：{2}（{3}）。",
                    "Highest recovery rate: {0} ({1}); lowest: {2} ({3})."},
    [T_AC_TITLE] = {"协作活动类型", "Cooperation activities by kind"},
    [T_AC_SUB] = {"{0}年片区协作活动数，由多到少", "Activities in the zone in {0}, largest first"},
    [T_AC_AXIS] = {"协作活动数", "Activities"},
    [T_AC_TAKE] = {"{0}年片区协作活动{1}次，最多的是{2}（{3}次）。",
                   "Cooperation activities in {0}: {1}; the most common kind: {2} ({3})."},
    [T_AC_NOTE] = {"联合活动（同一联合编号）只计一次。", "A joint activity (one joint reference) counts once."},
    [T_LV_TITLE] = {"矛盾纠纷调解层级", "Disputes by mediation level"},
    [T_LV_SUB] = {"{0}年片区受理的矛盾纠纷，按调解层级（由基层到司法）", "Disputes received in {0} by mediation level, from village to court"},
    [T_LV_AXIS] = {"纠纷件数", "Disputes"},
    [T_LV_TAKE] = {"{0}的纠纷在“{1}”一级调解（{2}件）。", "{0} of the disputes were handled at {1} level ({2})."},
    [T_AS_ROWS] = {"提供协助的县（市）", "Helping county"},
    [T_AS_COLS] = {"受协助的县（市）", "County helped"},
    [T_AS_NOTE2] = {"每行：该县（市）协助其他县（市）的刑事案件记录数；每列：受协助的县（市）。",
                    "Each row: incident records on which that county helped the county of the column."},
    [T_ME_NOTE] = {"横轴不从0开始：各县（市）的成功率相差不大，从0开始会看不出差别。",
                   "The axis does not start at 0: the rates are close, and from 0 no difference would show."},
    [T_CL_NOTE] = {"破案率 = 破获案件数 ÷ 立案数；横轴不从0开始。",
                   "Clearance rate = cases solved ÷ cases recorded; the axis does not start at 0."},
    [T_DQ_TITLE] = {"数据质量（{0}年）", "Data quality, {0}"},
    [T_DQ_H_ITEM] = {"类别", "Kind"},
    [T_DQ_H_WHAT] = {"对象", "Concerns"},
    [T_AC_TAKE2] = {"其次：{0}（{1}次）。", "Next: {0} ({1})."},
    [T_DQ_H_DETAIL] = {"情况", "Details"},
    [T_DQ_COVERAGE] = {"报送覆盖", "Coverage"},
    [T_DQ_ALL] = {"{0}个县（市）均已报送", "all {0} counties sent data"},
    [T_DQ_MISSING] = {"{0}/{1}县已报送；未报送：{2}", "{0} of {1} counties sent data; none from {2}"},
    [T_DQ_FINDING] = {"核对发现", "Reconciliation"},
    [T_DQ_NO_FINDINGS] = {"跨县核对未发现问题", "no reconciliation findings"},
    [T_DQ_DECLARED] = {"申报与实收", "Declared vs held"},
    [T_DQ_DECL_NONE] = {"各县（市）未申报记录数", "no county declared its record counts"},
    [T_DQ_NOTE] = {"核对发现由各县（市）核实更正；报告仍按现有记录计算。",
                   "Findings are for the counties to check and correct; the report uses the records held."},
    [T_DF_TITLE] = {"指标定义", "Definitions"},
    [T_DF_H_TERM] = {"指标", "Figure"},
    [T_DF_H_DEF] = {"定义", "Definition"},
    [T_RS_TITLE] = {"每万人网格员与新增视频设备", "Grid members and video devices added per 10,000 residents"},
    [T_RS_SUB] = {"{0}年各县（市）；最右为片区整体", "By county, {0}; the zone on the right"},
    [T_RS_AXIS] = {"每万名常住人口", "Per 10,000 residents"},
    [T_RS_GRID] = {"网格员", "Grid members"},
    [T_RS_VIDEO] = {"新增视频设备", "Video devices added"},
    [T_RS_NOTE] = {"网格员为各县（市）报送的网格员人数，视频设备为本年新增的视频监控设备台数，"
                   "均除以常住人口再乘以10,000；片区只计报送了指标和常住人口的县（市）。",
                   "Grid members: the grid members a county reported; video devices: those added "
                   "in the year; both ÷ resident population × 10,000.  The zone counts the "
                   "counties that sent both."},
    [T_RS_TAKE_GRID] = {"每万人网格员：片区{0}人，最多的是{1}（{2}），最少的是{3}（{4}）。",
                        "Grid members per 10,000 residents: zone {0}; highest {1} ({2}), lowest "
                        "{3} ({4})."},
    [T_RS_TAKE_VIDEO] = {"每万人新增视频设备：片区{0}台，最多的是{1}（{2}），最少的是{3}（{4}）。",
                         "Video devices added per 10,000 residents: zone {0}; highest {1} ({2}), "
                         "lowest {3} ({4})."},
    [T_DF_NOTE] = {"完整的指标目录见工作簿“定义”表及 metrics-dictionary.csv。",
                   "The full catalogue of figures is in the workbook's definitions sheet and "
                   "metrics-dictionary.csv."},
};

static const char *const chart_names[FS_RC_COUNT] = {
    "01-offences", "02-cross-regional", "03a-disputes", "03b-disputes-share", "04-mediation",
    "05-cooperation", "06-assistance", "07-clearance", "08-tiles", "09-hexmap",
    "10-offence-categories", "11-trends", "12-change", "13-losses", "14-activities",
    "15-mediation-levels", "16-grid-video",
};

static const tkey chart_titles[FS_RC_COUNT] = {
    T_OFF_TITLE, T_XR_TITLE, T_DI_TITLE, T_DI_TITLE_PCT, T_ME_TITLE,
    T_CO_TITLE, T_AS_TITLE, T_CL_TITLE, T_TI_TITLE, T_HX_TITLE,
    T_CAT_TITLE, T_TR_TITLE, T_CH_TITLE, T_LO_TITLE, T_AC_TITLE, T_LV_TITLE, T_RS_TITLE,
};

/* Chart pages of the briefing, in order (the tiles are on the cover):
 * the trends first, then crime, money, the means of prevention (grid
 * members, video devices), cross-regional work, cooperation, disputes. */
static const fs_rc_chart briefing_pages[] = {
    FS_RC_TRENDS,      FS_RC_OFFENCES,   FS_RC_CHANGE,     FS_RC_CATEGORIES,
    FS_RC_HEXMAP,      FS_RC_CLEARANCE,  FS_RC_LOSSES,     FS_RC_RESOURCES,  FS_RC_CROSS,
    FS_RC_ASSISTANCE,  FS_RC_COOPERATION, FS_RC_ACTIVITIES, FS_RC_DISPUTES,
    FS_RC_DISPUTES_SHARE, FS_RC_MEDIATION, FS_RC_LEVELS,
};

/* Colours with a meaning (charts/README.md "Chart grammar"): the report
 * year dark blue, the previous year mid grey (≥ 3:1 on white), money lost
 * a dark orange beside the blue of money recovered. */
#define RGB_YEAR 0x1F5FA8u
#define RGB_PREV 0x8C8C8Cu
#define RGB_LOSS 0xB34700u
#define RGB_ASSIST 0x5B2C83u
#define RGB_VIDEO 0x00796Bu /* video devices beside the blue of grid members */

/* The leaks inside cairo and fontconfig that the sanitizer builds must
 * not report are suppressed in report/sanitizer.c. */

#define MAX_TYPES 6  /* dispute types shown; the rest join "other"  */
#define MAX_PROV 15  /* provinces in chart 2 (+ the zone ≤ 16 series) */

const char *fs_rc_chart_name(fs_rc_chart which)
{
    return (unsigned)which < FS_RC_COUNT ? chart_names[which] : "?";
}

const char *fs_rc_chart_title(fs_rc_chart which, fs_lang lang)
{
    if ((unsigned)which >= FS_RC_COUNT)
        return "";
    if (which == FS_RC_TILES) /* "{0} at a glance": without the year */
        return lang == FS_LANG_ZH ? "主要指标" : "At a glance";
    return lang == FS_LANG_ZH ? texts[chart_titles[which]].zh : texts[chart_titles[which]].en;
}

uint32_t fs_rc_county_color(int county)
{
    return chart_county_color(county < 0 ? 0 : (size_t)county);
}

/* --------------------------------------------------------------- state */

struct fs_rc {
    const fs_report_ctx *ctx;
    const fs_zone *z;
    fs_lang lang;
    chart_fonts *fonts;
    void **blocks;             /* the arena: everything the specs use */
    size_t nblocks, capblocks;
    bool oom;
    size_t nc;                 /* counties                            */
    const char **county;       /* county names in the language        */
    chart_rgb *colors;         /* county colours                      */
    const fs_figures *prev;    /* figures of year - 1, or NULL        */
    const char *year_s, *prev_s, *forum, *source;
    chart_fmt off_fmt;         /* offences per 10 000: 1 or 2 decimals */
    chart c[FS_RC_COUNT];
    const char *take[FS_RC_COUNT];
    chart_doc_cover_page cover;  /* the briefing, ready to write       */
    chart_table table;
    chart_table quality;       /* data-quality page                   */
    chart_table defs;          /* definitions page                    */
    chart_doc_options doc;
};

static void *rc_alloc(fs_rc *rc, size_t n)
{
    if (rc->oom)
        return NULL;
    if (rc->nblocks == rc->capblocks) {
        size_t cap = rc->capblocks ? rc->capblocks * 2 : 64;
        void **nb = realloc(rc->blocks, cap * sizeof *nb);
        if (!nb) {
            rc->oom = true;
            return NULL;
        }
        rc->blocks = nb;
        rc->capblocks = cap;
    }
    void *p = calloc(1, n ? n : 1);
    if (!p) {
        rc->oom = true;
        return NULL;
    }
    rc->blocks[rc->nblocks++] = p;
    return p;
}

static double *rc_doubles(fs_rc *rc, size_t n)
{
    double *d = rc_alloc(rc, n * sizeof *d);
    for (size_t i = 0; d && i < n; i++)
        d[i] = NAN;
    return d;
}

static const char *rc_str(fs_rc *rc, const char *s)
{
    size_t n = strlen(s);
    char *p = rc_alloc(rc, n + 1);
    if (!p)
        return "";
    memcpy(p, s, n + 1);
    return p;
}

static const char *tr(const fs_rc *rc, tkey k)
{
    return rc->lang == FS_LANG_ZH ? texts[k].zh : texts[k].en;
}

/*
 * Text k with {0}…{9} replaced by the arguments (const char *, NULL-
 * terminated list), in the arena.  A placeholder without argument stays
 * empty.
 */
static const char *tpl(fs_rc *rc, tkey k, ...)
{
    const char *args[10] = {0};
    size_t na = 0;
    va_list ap;
    va_start(ap, k);
    for (const char *a; na < 10 && (a = va_arg(ap, const char *)) != NULL;)
        args[na++] = a;
    va_end(ap);
    const char *t = tr(rc, k);
    size_t len = 0;
    for (const char *p = t; *p; p++) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            const char *a = args[p[1] - '0'];
            len += a ? strlen(a) : 0;
            p += 2;
        } else {
            len++;
        }
    }
    char *out = rc_alloc(rc, len + 1);
    if (!out)
        return "";
    char *o = out;
    for (const char *p = t; *p; p++) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            const char *a = args[p[1] - '0'];
            if (a) {
                size_t n = strlen(a);
                memcpy(o, a, n);
                o += n;
            }
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* Two lines "a\nb" (either may be NULL or empty). */
static const char *lines2(fs_rc *rc, const char *a, const char *b)
{
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    char *p = rc_alloc(rc, na + nb + 2);
    if (!p)
        return "";
    if (na)
        memcpy(p, a, na);
    if (na && nb)
        p[na++] = '\n';
    if (nb)
        memcpy(p + na, b, nb);
    p[na + nb] = '\0';
    return p;
}

/* Two sentences on one line ("a b" in English, "ab" in Chinese). */
static const char *join(fs_rc *rc, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *p = rc_alloc(rc, na + nb + 2);
    if (!p)
        return a;
    snprintf(p, na + nb + 2, "%s%s%s", a, rc->lang == FS_LANG_ZH ? "" : " ", b);
    return p;
}

/* v formatted as the chart library prints it. */
static const char *num(fs_rc *rc, double v, chart_fmt f)
{
    char buf[64];
    chart_format_value(buf, sizeof buf, v, f, tr(rc, T_NA));
    return rc_str(rc, buf);
}

static const char *inum(fs_rc *rc, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return rc_str(rc, buf);
}

/* ------------------------------------------------------------ figures */

/* Value of metric in scope, NaN when not set (absent or empty). */
static double fig(const fs_figures *f, const char *scope, const char *metric)
{
    if (!f)
        return NAN;
    int s = fs_fig_scope_index(f, scope), m = fs_fig_metric_index(f, metric);
    if (s < 0 || m < 0)
        return NAN;
    const fs_fig_value *v = fs_fig_value_at(f, (size_t)s, (size_t)m);
    return v->state == FS_FIG_SET && isfinite(v->d) ? v->d : NAN;
}

/* The metric per county (zone order) times scale; NaN where unset. */
static double *per_county(fs_rc *rc, const fs_figures *f, const char *metric, double scale)
{
    double *v = rc_doubles(rc, rc->nc);
    for (size_t i = 0; v && i < rc->nc; i++)
        v[i] = fig(f, rc->z->counties[i].code, metric) * scale;
    return v;
}

/* Index of the largest / smallest finite value, -1 when none. */
static int arg_best(const double *v, size_t n, bool largest)
{
    int best = -1;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && (best < 0 || (largest ? v[i] > v[best] : v[i] < v[best])))
            best = (int)i;
    return best;
}

/* "A、B" list of the counties whose value is NaN, or NULL when none. */
static const char *missing_list(fs_rc *rc, const double *v)
{
    size_t len = 0;
    for (size_t i = 0; i < rc->nc; i++)
        if (!isfinite(v[i]))
            len += strlen(rc->county[i]) + strlen(tr(rc, T_LIST_SEP));
    if (len == 0)
        return NULL;
    char *p = rc_alloc(rc, len + 1);
    if (!p)
        return NULL;
    for (size_t i = 0; i < rc->nc; i++)
        if (!isfinite(v[i])) {
            if (*p)
                strcat(p, tr(rc, T_LIST_SEP));
            strcat(p, rc->county[i]);
        }
    return p;
}

/* "Highest: A (v); lowest: B (v)[; zone z]" for per-county values. */
static const char *high_low(fs_rc *rc, const double *v, chart_fmt f, double zone)
{
    int hi = arg_best(v, rc->nc, true), lo = arg_best(v, rc->nc, false);
    if (hi < 0)
        return tr(rc, T_NO_FIGURES);
    if (isfinite(zone))
        return tpl(rc, T_TAKE_HIGH_LOW_ZONE, rc->county[hi], num(rc, v[hi], f), rc->county[lo],
                   num(rc, v[lo], f), num(rc, zone, f), NULL);
    return tpl(rc, T_TAKE_HIGH_LOW, rc->county[hi], num(rc, v[hi], f), rc->county[lo],
               num(rc, v[lo], f), NULL);
}

/* The common part of every chart: source line, language, no-data text. */
static chart base_chart(const fs_rc *rc, chart_kind kind, const char *title)
{
    return (chart){.kind = kind, .title = title, .source = rc->source,
                   .lang = rc->lang == FS_LANG_ZH ? "zh-cn" : "en", .na_label = tr(rc, T_NA)};
}

static chart_categories counties(const fs_rc *rc)
{
    return (chart_categories){rc->county, rc->colors, rc->nc};
}

/* ------------------------------------ coverage and comparability (v2) */

/*
 * "6/7县" / "6 of 7 counties" when the figures say the zone or province
 * figure of table t in scope covers fewer than all its counties
 * (fs_fig_partial, standard v2 §4), else NULL.
 */
static const char *coverage(fs_rc *rc, const char *scope, fs_table t)
{
    const fs_figures *f = rc->ctx->fig;
    int s = fs_fig_scope_index(f, scope);
    if (s < 0 || t >= FS_T_COUNT || !fs_fig_partial(f, (size_t)s, t))
        return NULL;
    char buf[160];
    return rc_str(rc, fs_fig_cover_text(f, (size_t)s, t, rc->lang == FS_LANG_ZH, buf, sizeof buf));
}

/* The table a metric's figures come from (FS_T_COUNT when unknown). */
static fs_table metric_table(const fs_figures *f, const char *metric)
{
    int m = fs_fig_metric_index(f, metric);
    return m < 0 ? FS_T_COUNT : f->metrics[m].table;
}

/*
 * The figures' "not comparable: 2023: 6 of 7 counties (no Yongcheng
 * City); 2024: 7 of 7" when the year-on-year change of metric in scope is
 * not comparable (fs_fig_comparable), else NULL.
 */
static const char *not_comparable(fs_rc *rc, const char *scope, const char *metric)
{
    const fs_figures *f = rc->ctx->fig;
    int s = fs_fig_scope_index(f, scope);
    /* no figure last year: there is nothing to compare, not a change that
     * cannot be compared (the tile says "no 2022 figures to compare") */
    if (s < 0 || !isfinite(fig(rc->prev, scope, metric)) || !isfinite(fig(f, scope, metric)))
        return NULL;
    char name[96];
    snprintf(name, sizeof name, "%s_yoy_pp", metric);
    int m = fs_fig_metric_index(f, name);
    if (m < 0) {
        snprintf(name, sizeof name, "%s_yoy_pct", metric);
        m = fs_fig_metric_index(f, name);
    }
    if (m < 0 || fs_fig_comparable(f, (size_t)s, (size_t)m))
        return NULL;
    char buf[512];
    return rc_str(rc, fs_fig_not_comparable_text(f, (size_t)s, (size_t)m, rc->lang == FS_LANG_ZH,
                                                 buf, sizeof buf));
}

/*
 * The note of a trend chart: for every year of figs[0..ny) whose zone
 * figures of table t cover fewer counties, "2023: 6/7县（缺永城市）" (the
 * figures' words), joined; NULL when every year covers every county.
 */
static const char *trend_coverage(fs_rc *rc, const fs_figures *const *figs, size_t ny,
                                  const fs_table *tables, size_t nt)
{
    char buf[1024] = "";
    size_t len = 0;
    for (size_t k = 0; k < ny; k++)
        for (size_t i = 0; i < nt; i++) {
            const fs_figures *f = figs[k];
            int s = fs_fig_scope_index(f, "ALL");
            bool seen = false; /* a table listed twice is said once */
            for (size_t j = 0; j < i; j++)
                seen = seen || tables[j] == tables[i];
            if (s < 0 || seen || !fs_fig_partial(f, (size_t)s, tables[i]))
                continue;
            char cov[256];
            fs_fig_cover_text(f, (size_t)s, tables[i], rc->lang == FS_LANG_ZH, cov, sizeof cov);
            const char *tname = rc->lang == FS_LANG_ZH ? fs_tables[tables[i]].name_zh
                                                       : fs_tables[tables[i]].name;
            len += (size_t)snprintf(buf + len, len < sizeof buf ? sizeof buf - len : 0,
                                    rc->lang == FS_LANG_ZH ? "%s%d年%s：%s" : "%s%d %s: %s",
                                    len ? (rc->lang == FS_LANG_ZH ? "；" : "; ") : "", f->year,
                                    tname, cov);
        }
    if (len == 0 || len >= sizeof buf)
        return NULL;
    return tpl(rc, T_TR_COVERAGE, buf, NULL);
}

/* s followed by "（6/7县）" when cov is not NULL. */
static const char *with_cov(fs_rc *rc, const char *s, const char *cov)
{
    if (!cov)
        return s;
    size_t n = strlen(s) + strlen(cov) + 16;
    char *p = rc_alloc(rc, n);
    if (!p)
        return s;
    snprintf(p, n, "%s%s", s, tpl(rc, T_COV_SHORT, cov, NULL));
    return p;
}

/* Money of the figures (yuan) in 万元, the unit of every chart and table
 * (standard v2 §4); NaN stays NaN. */
static double wan(double yuan)
{
    return yuan / 10000.0;
}

/* Indices 0..n-1 ordered by v descending (NaN last, ties in zone order). */
static size_t *order_desc(fs_rc *rc, const double *v, size_t n)
{
    size_t *o = rc_alloc(rc, (n ? n : 1) * sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        o[i] = i;
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0; b--) {
            double x = v[o[b - 1]], y = v[o[b]];
            bool swap = isfinite(y) && (!isfinite(x) || y > x);
            if (!swap)
                break;
            size_t t = o[b];
            o[b] = o[b - 1];
            o[b - 1] = t;
        }
    return o;
}

/* ------------------------------------------------- 1 offences per 10k */

static void build_offences(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    size_t n = rc->nc + 1; /* the counties, then the zone */
    double *now = rc_doubles(rc, n), *before = rc_doubles(rc, n);
    const char **names = rc_alloc(rc, n * sizeof *names);
    chart_series *s = rc_alloc(rc, 2 * sizeof *s);
    if (!now || !before || !names || !s)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *scope = i < rc->nc ? rc->z->counties[i].code : "ALL";
        now[i] = fig(f, scope, "offenses_per_10k");
        before[i] = fig(rc->prev, scope, "offenses_per_10k");
        names[i] = i < rc->nc ? rc->county[i]
                              : with_cov(rc, tr(rc, T_ZONE_AS_WHOLE),
                                         coverage(rc, "ALL", FS_T_INCIDENTS));
    }
    bool has_prev = arg_best(before, rc->nc, true) >= 0;
    size_t ns = 0;
    if (has_prev)
        s[ns++] = (chart_series){.name = rc->prev_s, .values = before, .color = RGB_PREV};
    s[ns++] = (chart_series){.name = rc->year_s, .values = now, .color = RGB_YEAR};
    chart *c = &rc->c[FS_RC_OFFENCES];
    *c = base_chart(rc, CHART_BARS, tr(rc, T_OFF_TITLE));
    c->subtitle = has_prev ? tpl(rc, T_OFF_SUB_ZONE, rc->year_s, rc->prev_s, NULL)
                           : tpl(rc, T_OFF_SUB_ONE, rc->year_s, rc->prev_s, NULL);
    double zone = now[rc->nc];
    c->bars = (chart_bars){.cats = {names, NULL, n}, .series = s, .nseries = ns,
                           .format = rc->off_fmt, .axis_title = tr(rc, T_OFF_AXIS)};

    const char *l1;
    if (has_prev) {
        int down = 0, up = 0;
        for (size_t i = 0; i < rc->nc; i++)
            if (isfinite(now[i]) && isfinite(before[i])) {
                down += now[i] < before[i];
                up += now[i] > before[i];
            }
        l1 = tpl(rc, T_OFF_TAKE_CHANGE, rc->prev_s, inum(rc, down), inum(rc, up), NULL);
    } else {
        l1 = tpl(rc, T_OFF_TAKE_NOPRIOR, rc->prev_s, rc->year_s, NULL);
    }
    const char *l2 = high_low(rc, now, rc->off_fmt, zone);
    const char *miss = missing_list(rc, now);
    if (miss && arg_best(now, rc->nc, true) >= 0)
        l2 = join(rc, l2, tpl(rc, T_TAKE_NODATA, miss, NULL));
    rc->take[FS_RC_OFFENCES] = lines2(rc, l1, l2);
}

/* ---------------------------------------------- 2 cross-regional cases */

static void build_cross(fs_rc *rc)
{
    const fs_report_ctx *ctx = rc->ctx;
    const fs_zone *z = rc->z;
    size_t ny = 0;
    for (size_t t = 0; t < ctx->ntrend; t++)
        ny += ctx->trend[t] && ctx->trend[t]->year <= ctx->year;
    /* ny >= 1: the report's year is held (ctx load checks it) */
    const char **years = rc_alloc(rc, (ny + 1) * sizeof *years);
    chart_series *cases = rc_alloc(rc, sizeof *cases);
    chart_series *share = rc_alloc(rc, sizeof *share);
    chart_panel *panels = rc_alloc(rc, 2 * sizeof *panels);
    double *vc = rc_doubles(rc, ny + 1), *vs = rc_doubles(rc, ny + 1);
    if (!years || !cases || !share || !panels || !vc || !vs)
        return;
    size_t k = 0;
    for (size_t t = 0; t < ctx->ntrend; t++) {
        const fs_figures *f = ctx->trend[t];
        if (!f || f->year > ctx->year) /* a report for Y shows years up to Y */
            continue;
        years[k] = inum(rc, f->year);
        vc[k] = fig(f, "ALL", "cross_cases");
        vs[k] = fig(f, "ALL", "cross_share_pct") / 100;
        k++;
    }
    const char *zname = with_cov(rc, tr(rc, T_ZONE), coverage(rc, "ALL", FS_T_INCIDENTS));
    cases[0] = (chart_series){.name = zname, .values = vc, .color = RGB_YEAR, .emphasis = true};
    share[0] = cases[0];
    share[0].values = vs;
    panels[0] = (chart_panel){.title = tr(rc, T_XR_CASES), .format = CHART_FMT_INTEGER,
                              .series = cases, .nseries = 1};
    panels[1] = (chart_panel){.title = tr(rc, T_XR_SHARE), .format = CHART_FMT_PERCENT,
                              .series = share, .nseries = 1, .label_points = true,
                              .hide_direct_labels = true};
    panels[0].label_points = panels[0].hide_direct_labels = true;
    chart *c = &rc->c[FS_RC_CROSS];
    *c = base_chart(rc, CHART_LINES, tr(rc, T_XR_TITLE));
    c->subtitle = ny > 1 ? tpl(rc, T_XR_SUB_RANGE, years[0], years[ny - 1], NULL)
                         : tpl(rc, T_XR_SUB_ONE, rc->year_s, NULL);
    c->lines = (chart_lines){.x_labels = years, .nx = ny, .panels = panels, .npanels = 2};

    /* the provinces in the note, with why they add up to more than the zone */
    const fs_figures *f = ctx->fig;
    size_t len = 1;
    const char **items = rc_alloc(rc, (z->nprovinces + 1) * sizeof *items);
    size_t nitems = 0;
    for (size_t p = 0; items && p < z->nprovinces; p++) {
        double v = fig(f, z->provinces[p].code, "cross_cases");
        if (!isfinite(v))
            continue;
        items[nitems] = tpl(rc, T_XR_PROV_ITEM,
                            rc->lang == FS_LANG_ZH ? z->provinces[p].name_zh
                                                   : z->provinces[p].name_en,
                            num(rc, v, CHART_FMT_INTEGER), NULL);
        len += strlen(items[nitems++]) + 4;
    }
    char *list = nitems ? rc_alloc(rc, len) : NULL;
    for (size_t i = 0; list && i < nitems; i++) {
        if (i)
            strcat(list, tr(rc, T_LIST_SEP));
        strcat(list, items[i]);
    }
    c->note = list ? lines2(rc, tr(rc, T_XR_NOTE), tpl(rc, T_XR_NOTE_PROV, list, NULL))
                   : tr(rc, T_XR_NOTE);
    const fs_figures **held = rc_alloc(rc, (ny + 1) * sizeof(const fs_figures *));
    size_t nh = 0;
    for (size_t t = 0; held && t < ctx->ntrend; t++)
        if (ctx->trend[t] && ctx->trend[t]->year <= ctx->year)
            held[nh++] = ctx->trend[t];
    static const fs_table inc[] = {FS_T_INCIDENTS};
    const char *cn = held ? trend_coverage(rc, held, nh, inc, 1) : NULL;
    if (cn)
        c->note = lines2(rc, c->note, cn);

    double n = fig(f, "ALL", "cross_cases"), sh = fig(f, "ALL", "cross_share_pct") / 100;
    double pn = fig(rc->prev, "ALL", "cross_cases");
    const char *l1, *l2 = NULL;
    if (!isfinite(n))
        l1 = tpl(rc, T_XR_TAKE_NONE, rc->year_s, NULL);
    else if (isfinite(pn))
        l1 = tpl(rc, T_XR_TAKE_PRIOR, rc->year_s, num(rc, n, CHART_FMT_INTEGER), rc->prev_s,
                 num(rc, pn, CHART_FMT_INTEGER), num(rc, sh, CHART_FMT_PERCENT), NULL);
    else
        l1 = tpl(rc, T_XR_TAKE, rc->year_s, num(rc, n, CHART_FMT_INTEGER),
                 num(rc, sh, CHART_FMT_PERCENT), NULL);
    int best = -1;
    double bv = 0;
    for (size_t p = 0; p < z->nprovinces; p++) {
        double v = fig(f, z->provinces[p].code, "cross_cases");
        if (isfinite(v) && v > 0 && (best < 0 || v > bv)) {
            best = (int)p;
            bv = v;
        }
    }
    if (best >= 0)
        l2 = tpl(rc, T_XR_TAKE_PROV,
                 rc->lang == FS_LANG_ZH ? z->provinces[best].name_zh : z->provinces[best].name_en,
                 num(rc, bv, CHART_FMT_INTEGER), NULL);
    rc->take[FS_RC_CROSS] = lines2(rc, l1, l2);
}

/* ------------------------------------------------- 3 disputes by type */

typedef struct dtype {
    int metric;        /* index of disputes_type_<code> in the figures */
    int value;         /* enum index of the type                        */
    double zone;       /* zone total this year (NaN: none)              */
} dtype;

static int by_zone_desc(const void *a, const void *b)
{
    const dtype *p = a, *q = b;
    double x = isfinite(p->zone) ? p->zone : -1, y = isfinite(q->zone) ? q->zone : -1;
    if (x != y)
        return x > y ? -1 : 1;
    return (p->value > q->value) - (p->value < q->value);
}

static void build_disputes(fs_rc *rc)
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
        all[nt] = (dtype){(int)m, fm->value, fig(f, "ALL", fm->name)};
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
    chart_series *s = rc_alloc(rc, (ns ? ns : 1) * sizeof *s);
    if (!s)
        return;
    const size_t nc = rc->nc;
    size_t scope_of[FS_ZONE_MAX];
    for (size_t i = 0; i < nc; i++) {
        int si = fs_fig_scope_index(f, rc->z->counties[i].code);
        scope_of[i] = si < 0 ? SIZE_MAX : (size_t)si;
    }
    /* value of metric m for county i (NaN unless set) */
#define CELL(i, m)                                                                          \
    (scope_of[i] == SIZE_MAX ? NAN                                                         \
     : fs_fig_value_at(f, scope_of[i], (size_t)(m))->state == FS_FIG_SET                   \
         ? fs_fig_value_at(f, scope_of[i], (size_t)(m))->d                                 \
         : NAN)
    const char *merged_names = NULL;
    for (size_t k = 0; k < ns; k++) {
        double *v = rc_doubles(rc, nc);
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
            name = ov ? (rc->lang == FS_LANG_ZH ? ov->zh : ov->en) : tr(rc, T_OTHER);
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
                char *list = rc_alloc(rc, len + 64);
                if (list) {
                    for (size_t j = shown; j < shown + nmore; j++) {
                        const fs_enum_value *ev = &col->values[named[j].value];
                        if (*list)
                            strcat(list, tr(rc, T_LIST_SEP));
                        strcat(list, rc->lang == FS_LANG_ZH ? ev->zh : ev->en);
                    }
                    merged_names = tpl(rc, ov ? T_OTHER_ALSO : T_OTHER_INCLUDES, name, list, NULL);
                }
            }
        }
        s[k] = (chart_series){.name = name, .values = v,
                              .color = chart_sequence_color(k, ns)};
    }
#undef CELL
    chart *c = &rc->c[FS_RC_DISPUTES];
    *c = base_chart(rc, CHART_STACK, tr(rc, T_DI_TITLE));
    c->subtitle = tpl(rc, T_DI_SUB, rc->year_s, NULL);
    c->note = merged_names;
    c->stack = (chart_stack){.cats = counties(rc), .series = s, .nseries = ns,
                             .format = CHART_FMT_INTEGER, .axis_title = tr(rc, T_DI_AXIS),
                             .total_label = tr(rc, T_TOTAL)};
    chart *p = &rc->c[FS_RC_DISPUTES_SHARE];
    *p = *c;
    p->title = tr(rc, T_DI_TITLE_PCT);
    p->stack.percent = true;
    p->stack.axis_title = tr(rc, T_DI_AXIS_PCT);

    /* takeaways */
    double total = fig(f, "ALL", "disputes");
    double *per = per_county(rc, f, "disputes", 1);
    if (!per)
        return;
    if (!isfinite(total) || nn == 0 || !isfinite(named[0].zone) || total <= 0) {
        rc->take[FS_RC_DISPUTES] = rc->take[FS_RC_DISPUTES_SHARE] =
            tpl(rc, T_DI_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    const char *l1 = shown > 1
        ? tpl(rc, T_DI_TAKE_TYPES, rc->year_s, num(rc, total, CHART_FMT_INTEGER), s[0].name,
              num(rc, named[0].zone / total, CHART_FMT_PERCENT), s[1].name,
              num(rc, named[1].zone / total, CHART_FMT_PERCENT), NULL)
        : tpl(rc, T_DI_TAKE_TYPE, rc->year_s, num(rc, total, CHART_FMT_INTEGER), s[0].name,
              num(rc, named[0].zone / total, CHART_FMT_PERCENT), NULL);
    int most = arg_best(per, rc->nc, true);
    const char *l2 = most >= 0 ? tpl(rc, T_DI_TAKE_MOST, rc->county[most],
                                     num(rc, per[most], CHART_FMT_INTEGER), NULL)
                               : NULL;
    rc->take[FS_RC_DISPUTES] = lines2(rc, l1, l2);

    /* 100 %: in how many counties the zone's top type leads, its share range */
    int leads = 0, with = 0;
    double *share = rc_doubles(rc, rc->nc);
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
    int hi = arg_best(share, rc->nc, true), lo = arg_best(share, rc->nc, false);
    const char *m1 = tpl(rc, T_DI_TAKE_LEAD, s[0].name, inum(rc, leads), inum(rc, with), NULL);
    const char *m2 = hi >= 0 ? tpl(rc, T_DI_TAKE_RANGE, num(rc, share[lo], CHART_FMT_PERCENT),
                                   rc->county[lo], num(rc, share[hi], CHART_FMT_PERCENT),
                                   rc->county[hi], NULL)
                             : NULL;
    rc->take[FS_RC_DISPUTES_SHARE] = lines2(rc, m1, m2);
}

/* ------------------------------------------------------- 4 mediation */

/*
 * A rate by county as a dot plot (charts/README.md: rates close to each
 * other get a zoomed axis, not bars from 0): counties sorted from the
 * highest, the zone as a dashed reference line.  Returns the values in
 * zone order (for the takeaway), NULL on no memory.
 */
static double *rate_dots(fs_rc *rc, fs_rc_chart which, const char *metric, tkey title, tkey sub,
                         tkey axis, tkey note, const char *zone_label, fs_table t)
{
    const fs_figures *f = rc->ctx->fig;
    double *v = per_county(rc, f, metric, 0.01);
    size_t *o = v ? order_desc(rc, v, rc->nc) : NULL;
    double *sv = rc_doubles(rc, rc->nc);
    const char **names = rc_alloc(rc, (rc->nc ? rc->nc : 1) * sizeof *names);
    chart_series *s = rc_alloc(rc, sizeof *s);
    if (!v || !o || !sv || !names || !s)
        return NULL;
    for (size_t i = 0; i < rc->nc; i++) {
        sv[i] = v[o[i]];
        names[i] = rc->county[o[i]];
    }
    double zone = fig(f, "ALL", metric) / 100;
    s[0] = (chart_series){.name = tr(rc, axis), .values = sv, .color = RGB_YEAR,
                          .marker = CHART_MARKER_CIRCLE};
    chart *c = &rc->c[which];
    *c = base_chart(rc, CHART_DOTS, tr(rc, title));
    c->subtitle = tpl(rc, sub, rc->year_s, NULL);
    c->note = tr(rc, note);
    c->dots = (chart_dots){.cats = {names, NULL, rc->nc}, .series = s, .nseries = 1,
                           .format = CHART_FMT_PERCENT, .axis_title = tr(rc, axis)};
    if (isfinite(zone)) {
        c->dots.ref_label = with_cov(rc, zone_label, coverage(rc, "ALL", t));
        c->dots.ref_value = zone;
    }
    return v;
}

static void build_mediation(fs_rc *rc)
{
    double *v = rate_dots(rc, FS_RC_MEDIATION, "resolution_pct", T_ME_TITLE, T_ME_SUB, T_ME_AXIS,
                          T_ME_NOTE, tr(rc, T_ZONE_AS_WHOLE), FS_T_DISPUTES);
    if (!v)
        return;
    double zone = fig(rc->ctx->fig, "ALL", "resolution_pct") / 100;
    const char *l1 = NULL;
    if (isfinite(zone)) {
        int at = 0, with = 0;
        char zb[64], vb[64];
        chart_format_value(zb, sizeof zb, zone, CHART_FMT_PERCENT, "");
        for (size_t i = 0; i < rc->nc; i++) { /* as printed: 82.2% ≥ 82.2% */
            chart_format_value(vb, sizeof vb, v[i], CHART_FMT_PERCENT, "");
            at += isfinite(v[i]) && (v[i] >= zone || strcmp(vb, zb) == 0);
            with += isfinite(v[i]);
        }
        l1 = tpl(rc, T_ME_TAKE, num(rc, zone, CHART_FMT_PERCENT), inum(rc, at), inum(rc, with),
                 NULL);
    }
    const char *l2 = high_low(rc, v, CHART_FMT_PERCENT, NAN);
    const char *miss = missing_list(rc, v);
    if (miss && arg_best(v, rc->nc, true) >= 0)
        l2 = join(rc, l2, tpl(rc, T_TAKE_NODATA, miss, NULL));
    rc->take[FS_RC_MEDIATION] = lines2(rc, l1, l2);
}

static void build_clearance(fs_rc *rc)
{
    double *cl = rate_dots(rc, FS_RC_CLEARANCE, "clearance_pct", T_CL_TITLE, T_CL_SUB, T_CL_CLEAR,
                           T_CL_NOTE, tr(rc, T_CL_ZONE), FS_T_INCIDENTS);
    if (!cl)
        return;
    const fs_figures *f = rc->ctx->fig;
    double zc = fig(f, "ALL", "clearance_pct") / 100;
    int hi = arg_best(cl, rc->nc, true), lo = arg_best(cl, rc->nc, false);
    const char *l1 = hi >= 0 ? tpl(rc, T_CL_TAKE_CLEAR, num(rc, cl[lo], CHART_FMT_PERCENT),
                                   rc->county[lo], num(rc, cl[hi], CHART_FMT_PERCENT),
                                   rc->county[hi], num(rc, zc, CHART_FMT_PERCENT), NULL)
                             : tr(rc, T_NO_FIGURES);
    const char *miss = missing_list(rc, cl);
    const char *l2 = miss && hi >= 0 ? tpl(rc, T_TAKE_NODATA, miss, NULL) : NULL;
    rc->take[FS_RC_CLEARANCE] = lines2(rc, l1, l2);
}

/* ------------------------------------------- 5, 6 the county matrices */

/* n × n matrix: row county i, column county j = metric "<prefix><code j>"
 * of scope i; NaN where unset. */
static double *matrix(fs_rc *rc, const char *prefix)
{
    size_t n = rc->nc;
    double *m = rc_doubles(rc, n * n);
    for (size_t i = 0; m && i < n; i++)
        for (size_t j = 0; j < n; j++) {
            char name[64];
            snprintf(name, sizeof name, "%s%s", prefix, rc->z->counties[j].code);
            m[i * n + j] = fig(rc->ctx->fig, rc->z->counties[i].code, name);
        }
    return m;
}

static void build_cooperation(fs_rc *rc)
{
    size_t n = rc->nc;
    double *m = matrix(rc, "coop_");
    if (!m)
        return;
    chart *c = &rc->c[FS_RC_COOPERATION];
    *c = base_chart(rc, CHART_HEATMAP, tr(rc, T_CO_TITLE));
    c->subtitle = tpl(rc, T_CO_SUB, rc->year_s, NULL);
    c->note = tr(rc, T_CO_NOTE);
    c->matrix = (chart_matrix){.cats = counties(rc), .values = m, .format = CHART_FMT_INTEGER,
                               .row_title = tr(rc, T_CO_ROWS), .col_title = tr(rc, T_CO_COLS),
                               .legend_title = tr(rc, T_CO_LEGEND), .skip_diagonal = true,
                               .lower_only = true};
    int bi = -1, bj = -1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double v = m[i * n + j];
            if (isfinite(v) && v > 0 && (bi < 0 || v > m[(size_t)bi * n + (size_t)bj])) {
                bi = (int)i;
                bj = (int)j;
            }
        }
    const char *l1 = bi >= 0 ? tpl(rc, T_CO_TAKE_PAIR, rc->county[bi], rc->county[bj],
                                   num(rc, m[(size_t)bi * n + (size_t)bj], CHART_FMT_INTEGER), NULL)
                             : tpl(rc, T_CO_TAKE_NONE, rc->year_s, NULL);
    double act = fig(rc->ctx->fig, "ALL", "activities");
    const char *l2 = isfinite(act) ? tpl(rc, T_CO_TAKE_TOTAL, rc->year_s,
                                         num(rc, act, CHART_FMT_INTEGER), NULL)
                                   : NULL;
    rc->take[FS_RC_COOPERATION] = lines2(rc, l1, l2);
}

static void build_assistance(fs_rc *rc)
{
    size_t n = rc->nc;
    double *m = matrix(rc, "assist_");
    double *gave = rc_doubles(rc, n), *got = rc_doubles(rc, n);
    if (!m || !gave || !got)
        return;
    /* a 7 × 7 matrix (charts/README.md: directed flows): rows give,
     * columns receive, in the zone order of every other chart */
    chart *c = &rc->c[FS_RC_ASSISTANCE];
    *c = base_chart(rc, CHART_HEATMAP, tr(rc, T_AS_TITLE));
    c->subtitle = tpl(rc, T_AS_SUB, rc->year_s, NULL);
    c->note = tr(rc, T_AS_NOTE2);
    c->matrix = (chart_matrix){.cats = counties(rc), .values = m, .format = CHART_FMT_INTEGER,
                               .row_title = tr(rc, T_AS_ROWS), .col_title = tr(rc, T_AS_COLS),
                               .legend_title = tr(rc, T_AS_LEGEND), .ramp = RGB_ASSIST,
                               .skip_diagonal = true};
    int fi = -1, fj = -1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double v = m[i * n + j];
            if (i == j || !isfinite(v) || v <= 0)
                continue;
            gave[i] = isfinite(gave[i]) ? gave[i] + v : v;
            got[j] = isfinite(got[j]) ? got[j] + v : v;
            if (fi < 0 || v > m[(size_t)fi * n + (size_t)fj]) {
                fi = (int)i;
                fj = (int)j;
            }
        }
    if (fi < 0) {
        rc->take[FS_RC_ASSISTANCE] = tpl(rc, T_AS_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    int g = arg_best(gave, n, true), r = arg_best(got, n, true);
    const char *l1 = g == r ? tpl(rc, T_AS_TAKE_SAME, rc->county[g],
                                  num(rc, gave[g], CHART_FMT_INTEGER),
                                  num(rc, got[r], CHART_FMT_INTEGER), NULL)
                            : tpl(rc, T_AS_TAKE_HELPER, rc->county[g],
                                  num(rc, gave[g], CHART_FMT_INTEGER), rc->county[r],
                                  num(rc, got[r], CHART_FMT_INTEGER), NULL);
    const char *l2 = tpl(rc, T_AS_TAKE_FLOW, rc->county[fi], rc->county[fj],
                         num(rc, m[(size_t)fi * n + (size_t)fj], CHART_FMT_INTEGER), NULL);
    rc->take[FS_RC_ASSISTANCE] = lines2(rc, l1, l2);
}

/* ------------------------------------------------------------ 8 tiles */

static void build_tiles(fs_rc *rc)
{
    static const struct {
        tkey label;
        const char *metric;
        double scale;
        chart_fmt fmt;
        chart_trend trend;
    } defs[] = {
        {T_TI_OFF, "offenses_per_10k", 1, CHART_FMT_DECIMAL2, CHART_TREND_UP_BAD},
        {T_TI_XR, "cross_cases", 1, CHART_FMT_INTEGER, CHART_TREND_NEUTRAL},
        {T_TI_DISP, "disputes", 1, CHART_FMT_INTEGER, CHART_TREND_NEUTRAL},
        {T_TI_MED, "resolution_pct", 0.01, CHART_FMT_PERCENT, CHART_TREND_UP_GOOD},
        {T_TI_CLEAR, "clearance_pct", 0.01, CHART_FMT_PERCENT, CHART_TREND_UP_GOOD},
        {T_TI_ACT, "activities", 1, CHART_FMT_INTEGER, CHART_TREND_UP_GOOD},
    };
    size_t n = sizeof defs / sizeof defs[0];
    chart_tile *t = rc_alloc(rc, n * sizeof *t);
    if (!t)
        return;
    for (size_t i = 0; i < n; i++) {
        fs_table tb = metric_table(rc->ctx->fig, defs[i].metric);
        t[i] = (chart_tile){.label = tr(rc, defs[i].label),
                            .value = fig(rc->ctx->fig, "ALL", defs[i].metric) * defs[i].scale,
                            .previous = fig(rc->prev, "ALL", defs[i].metric) * defs[i].scale,
                            .format = defs[i].fmt == CHART_FMT_DECIMAL2 ? rc->off_fmt : defs[i].fmt,
                            .trend = defs[i].trend,
                            .change_text = not_comparable(rc, "ALL", defs[i].metric),
                            .note = tb < FS_T_COUNT ? coverage(rc, "ALL", tb) : NULL};
    }
    chart *c = &rc->c[FS_RC_TILES];
    *c = base_chart(rc, CHART_TILES, tpl(rc, T_TI_TITLE, rc->year_s, NULL));
    c->tiles = (chart_tiles){.tiles = t, .n = n,
                             .compare_label =
                                 rc->prev ? tpl(rc, T_TI_COMPARE, rc->prev_s, NULL) : NULL,
                             .points_unit = tr(rc, T_TI_POINTS),
                             .no_change_label = tpl(rc, T_TI_NO_PREV, rc->prev_s, NULL)};
    rc->take[FS_RC_TILES] = NULL;
}

/* ------------------------------------------------------ 9 hexagon map */

/* DECIMAL1 values all below 10 (e.g. 3.62 and 3.66 offences per 10 000)
 * would tie at one decimal: give them two. */
static chart_fmt decimals_for(const double *v, size_t n, chart_fmt fmt)
{
    if (fmt != CHART_FMT_DECIMAL1)
        return fmt;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && fabs(v[i]) >= 10)
            return fmt;
    return CHART_FMT_DECIMAL2;
}

/* How a metric is shown: format and the factor from its unit. */
static chart_fmt metric_format(const fs_fig_metric *m, double *scale)
{
    *scale = 1;
    if (strcmp(m->unit_en, "%") == 0) {
        *scale = 0.01;
        return CHART_FMT_PERCENT;
    }
    return m->kind == FS_FIG_COUNT || m->kind == FS_FIG_MONEY ? CHART_FMT_INTEGER
                                                               : CHART_FMT_DECIMAL1;
}

/*
 * The map of `metric`: tiles where the zone's "hex" lines put them;
 * counties without a position in a row under the others.  Returns false
 * for an unknown metric.
 */
static bool build_hexmap(fs_rc *rc, const char *metric)
{
    const fs_figures *f = rc->ctx->fig;
    int mi = fs_fig_metric_index(f, metric);
    if (mi < 0)
        return false;
    const fs_fig_metric *m = &f->metrics[mi];
    double scale;
    chart_fmt fmt = metric_format(m, &scale);
    double *v = per_county(rc, f, metric, scale);
    chart_hex *h = rc_alloc(rc, rc->nc * sizeof *h);
    if (!v || !h)
        return true;
    fmt = decimals_for(v, rc->nc, fmt);
    /* lowest row of the placed tiles, in units of the row height */
    double ymax = -1e9;
    int qmin = 0;
    bool any = false;
    for (size_t i = 0; i < rc->nc; i++) {
        const fs_county *c = &rc->z->counties[i];
        if (!c->has_hex)
            continue;
        double y = c->hex_r + c->hex_q / 2.0;
        if (!any || y > ymax)
            ymax = y;
        if (!any || c->hex_q < qmin)
            qmin = c->hex_q;
        any = true;
    }
    int k = 0;
    for (size_t i = 0; i < rc->nc; i++) {
        const fs_county *c = &rc->z->counties[i];
        int q = c->hex_q, r = c->hex_r;
        if (!c->has_hex) { /* a zig-zag row below: y = r + q/2 ≥ ymax + 1 */
            q = qmin + k++;
            double want = any ? ymax + 1 : 0;
            r = (int)ceil(want - q / 2.0);
        }
        h[i] = (chart_hex){.label = rc->county[i], .q = q, .r = r, .value = v[i]};
    }
    bool is_default = strcmp(metric, "offenses_per_10k") == 0;
    chart *c = &rc->c[FS_RC_HEXMAP];
    const char *doc = rc->lang == FS_LANG_ZH ? m->doc_zh : m->doc_en;
    const char *unit = rc->lang == FS_LANG_ZH ? m->unit_zh : m->unit_en;
    *c = base_chart(rc, CHART_HEXMAP,
                    is_default ? tr(rc, T_HX_TITLE) : tpl(rc, T_HX_TITLE_FIG, doc, NULL));
    c->subtitle = tpl(rc, !any ? T_HX_SUB_NONE : k > 0 ? T_HX_SUB_PARTIAL : T_HX_SUB, rc->year_s,
                      NULL);
    c->hexmap = (chart_hexmap){.hexes = h, .n = rc->nc, .format = fmt,
                               .legend_title = is_default ? tr(rc, T_HX_LEGEND) : unit,
                               .north_label = any ? tr(rc, T_HX_NORTH) : NULL};
    int hi = arg_best(v, rc->nc, true), lo = arg_best(v, rc->nc, false);
    const char *l1 = hi >= 0 ? tpl(rc, T_HX_TAKE, rc->county[hi], num(rc, v[hi], fmt),
                                   rc->county[lo], num(rc, v[lo], fmt), NULL)
                             : tr(rc, T_NO_FIGURES);
    rc->take[FS_RC_HEXMAP] = lines2(rc, l1, tr(rc, T_HX_TAKE2));
    return true;
}

/* ------------------------------------- 10, 14, 15 the zone by category */

/*
 * Horizontal bars of the zone's figures of a family ("offenses_cat_%s")
 * whose values are the codes of column `colname` of table t: a bar per
 * code the figures hold, labelled in the language; sorted largest first
 * (a ranking) or kept in the code order (ordered categories such as
 * mediation levels).  *out_v / *out_names receive the bars in drawing
 * order, *out_n their number.
 */
static void family_bars(fs_rc *rc, fs_rc_chart which, const char *pattern, fs_table t,
                        const char *colname, bool sorted, tkey title, tkey sub, tkey axis,
                        const double **out_v, const char *const **out_names, size_t *out_n)
{
    const fs_figures *f = rc->ctx->fig;
    *out_n = 0;
    int ci = fs_column_index(t, colname);
    if (ci < 0)
        return;
    const fs_column *col = &fs_tables[t].columns[ci];
    double *v = rc_doubles(rc, col->nvalues + 1);
    const char **names = rc_alloc(rc, (col->nvalues + 1) * sizeof *names);
    if (!v || !names)
        return;
    size_t n = 0;
    for (size_t m = 0; m < f->nmetrics && n < col->nvalues; m++) {
        const fs_fig_metric *fm = &f->metrics[m];
        if (fm->base >= 0 || strcmp(fm->def->name, pattern) != 0 || fm->value < 0 ||
            (size_t)fm->value >= col->nvalues)
            continue;
        double x = fig(f, "ALL", fm->name);
        if (!isfinite(x))
            continue;
        v[n] = x;
        const fs_enum_value *ev = &col->values[fm->value];
        names[n++] = rc->lang == FS_LANG_ZH ? ev->zh : ev->en;
    }
    double *sv = v;
    const char **sn = names;
    if (sorted) {
        size_t *o = order_desc(rc, v, n);
        sv = rc_doubles(rc, n + 1);
        sn = rc_alloc(rc, (n + 1) * sizeof *sn);
        if (!o || !sv || !sn)
            return;
        for (size_t i = 0; i < n; i++) {
            sv[i] = v[o[i]];
            sn[i] = names[o[i]];
        }
    }
    chart_series *s = rc_alloc(rc, sizeof *s);
    if (!s)
        return;
    s[0] = (chart_series){.name = rc->year_s, .values = sv, .color = RGB_YEAR};
    chart *c = &rc->c[which];
    *c = base_chart(rc, CHART_STACK, tr(rc, title));
    c->subtitle = with_cov(rc, tpl(rc, sub, rc->year_s, NULL), coverage(rc, "ALL", t));
    c->stack = (chart_stack){.cats = {sn, NULL, n}, .series = s, .nseries = 1,
                             .format = CHART_FMT_INTEGER, .axis_title = tr(rc, axis)};
    *out_v = sv;
    *out_names = sn;
    *out_n = n;
}

static void build_categories(fs_rc *rc)
{
    const double *v = NULL;
    const char *const *names = NULL;
    size_t n = 0;
    family_bars(rc, FS_RC_CATEGORIES, "offenses_cat_%s", FS_T_INCIDENTS, "category", true,
                T_CAT_TITLE, T_CAT_SUB, T_CAT_AXIS, &v, &names, &n);
    double all = fig(rc->ctx->fig, "ALL", "offenses");
    if (n == 0 || !isfinite(all) || all <= 0) {
        rc->take[FS_RC_CATEGORIES] = tr(rc, T_NO_FIGURES);
        return;
    }
    const char *l1 = tpl(rc, T_CAT_TAKE, names[0], num(rc, v[0], CHART_FMT_INTEGER),
                         num(rc, v[0] / all, CHART_FMT_PERCENT), NULL);
    const char *l2 = n > 1 ? tpl(rc, T_CAT_TAKE2, names[1], num(rc, v[1], CHART_FMT_INTEGER), NULL)
                           : NULL;
    rc->take[FS_RC_CATEGORIES] = lines2(rc, l1, l2);
}

static void build_activities(fs_rc *rc)
{
    const double *v = NULL;
    const char *const *names = NULL;
    size_t n = 0;
    family_bars(rc, FS_RC_ACTIVITIES, "activities_%s", FS_T_COOPERATION, "kind", true,
                T_AC_TITLE, T_AC_SUB, T_AC_AXIS, &v, &names, &n);
    rc->c[FS_RC_ACTIVITIES].note = tr(rc, T_AC_NOTE);
    double all = fig(rc->ctx->fig, "ALL", "activities");
    if (n == 0 || !isfinite(all)) {
        rc->take[FS_RC_ACTIVITIES] = tpl(rc, T_CO_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    rc->take[FS_RC_ACTIVITIES] =
        lines2(rc, tpl(rc, T_AC_TAKE, rc->year_s, num(rc, all, CHART_FMT_INTEGER), names[0],
                       num(rc, v[0], CHART_FMT_INTEGER), NULL),
               n > 1 ? tpl(rc, T_AC_TAKE2, names[1], num(rc, v[1], CHART_FMT_INTEGER), NULL)
                     : NULL);
}

static void build_levels(fs_rc *rc)
{
    const double *v = NULL;
    const char *const *names = NULL;
    size_t n = 0;
    family_bars(rc, FS_RC_LEVELS, "disputes_level_%s", FS_T_DISPUTES, "level", false, T_LV_TITLE,
                T_LV_SUB, T_LV_AXIS, &v, &names, &n);
    double all = fig(rc->ctx->fig, "ALL", "disputes");
    int best = arg_best(v, n, true);
    if (n == 0 || best < 0 || !isfinite(all) || all <= 0) {
        rc->take[FS_RC_LEVELS] = tpl(rc, T_DI_TAKE_NONE, rc->year_s, NULL);
        return;
    }
    const char *l1 = tpl(rc, T_LV_TAKE, num(rc, v[best] / all, CHART_FMT_PERCENT), names[best],
                         num(rc, v[best], CHART_FMT_INTEGER), NULL);
    const char *l2 = n > 1 && best != 0
        ? tpl(rc, T_LV_TAKE, num(rc, v[0] / all, CHART_FMT_PERCENT), names[0],
              num(rc, v[0], CHART_FMT_INTEGER), NULL)
        : n > 1 ? tpl(rc, T_LV_TAKE, num(rc, v[1] / all, CHART_FMT_PERCENT), names[1],
                      num(rc, v[1], CHART_FMT_INTEGER), NULL)
                : NULL;
    rc->take[FS_RC_LEVELS] = lines2(rc, l1, l2);
}

/* --------------------------------------------- 11 three-year trends */

static void build_trends(fs_rc *rc)
{
    static const struct {
        tkey label;
        const char *metric;
        double scale;
        chart_fmt fmt;
    } defs[] = {
        {T_TI_OFF, "offenses_per_10k", 1, CHART_FMT_DECIMAL2},
        {T_TI_CLEAR, "clearance_pct", 0.01, CHART_FMT_PERCENT},
        {T_TI_DISP, "disputes", 1, CHART_FMT_INTEGER},
        {T_TI_MED, "resolution_pct", 0.01, CHART_FMT_PERCENT},
        {T_TI_ACT, "activities", 1, CHART_FMT_INTEGER},
    }; /* rates on a zoomed axis, counts from 0 (charts/README.md) */
    const size_t np = sizeof defs / sizeof defs[0];
    const fs_report_ctx *ctx = rc->ctx;
    /* the last three years up to Y (a report for Y shows years ≤ Y) */
    const fs_figures *yrs[3];
    size_t ny = 0;
    for (size_t t = ctx->ntrend; t-- > 0 && ny < 3;)
        if (ctx->trend[t] && ctx->trend[t]->year <= ctx->year)
            yrs[ny++] = ctx->trend[t];
    const char **xl = rc_alloc(rc, 4 * sizeof *xl);
    chart_panel *pn = rc_alloc(rc, np * sizeof *pn);
    chart_series *se = rc_alloc(rc, np * sizeof *se);
    if (!xl || !pn || !se)
        return;
    for (size_t k = 0; k < ny; k++)
        xl[k] = inum(rc, yrs[ny - 1 - k]->year);
    const char *parts[8];
    size_t nparts = 0;
    for (size_t p = 0; p < np; p++) {
        double *v = rc_doubles(rc, ny + 1);
        if (!v)
            return;
        for (size_t k = 0; k < ny; k++)
            v[k] = fig(yrs[ny - 1 - k], "ALL", defs[p].metric) * defs[p].scale;
        chart_fmt fmt = defs[p].fmt == CHART_FMT_DECIMAL2 ? rc->off_fmt : defs[p].fmt;
        se[p] = (chart_series){.name = tr(rc, T_ZONE), .values = v, .color = RGB_YEAR,
                               .emphasis = true};
        pn[p] = (chart_panel){.title = tr(rc, defs[p].label), .format = fmt, .series = &se[p],
                              .nseries = 1, .label_points = true, .hide_direct_labels = true,
                              .zoom = defs[p].fmt != CHART_FMT_INTEGER};
        if (ny >= 2 && isfinite(v[ny - 1]) && isfinite(v[ny - 2]) && nparts < 8) {
            char a[64], b[64]; /* as printed: 3.44 and 3.44 are unchanged */
            chart_format_value(a, sizeof a, v[ny - 1], fmt, "");
            chart_format_value(b, sizeof b, v[ny - 2], fmt, "");
            tkey k = strcmp(a, b) == 0 ? T_TR_SAME : v[ny - 1] > v[ny - 2] ? T_TR_UP : T_TR_DOWN;
            if (not_comparable(rc, "ALL", defs[p].metric))
                k = T_TR_NC;
            const char *label = tr(rc, defs[p].label);
            if (nparts > 0 && rc->lang == FS_LANG_EN && label[0] >= 'A' && label[0] <= 'Z') {
                char *low = (char *)rc_str(rc, label); /* mid-sentence: lower case */
                if (*low)
                    low[0] = (char)(low[0] - 'A' + 'a');
                label = low;
            }
            parts[nparts++] = tpl(rc, k, label, NULL);
        }
    }
    chart *c = &rc->c[FS_RC_TRENDS];
    *c = base_chart(rc, CHART_LINES, tr(rc, T_TR_TITLE));
    c->subtitle = ny > 1 ? tpl(rc, T_TR_SUB, xl[0], xl[ny - 1], NULL)
                         : tpl(rc, T_XR_SUB_ONE, rc->year_s, NULL);
    c->lines = (chart_lines){.x_labels = xl, .nx = ny, .panels = pn, .npanels = np};
    const fs_figures *asc[3];
    for (size_t k = 0; k < ny; k++)
        asc[k] = yrs[ny - 1 - k];
    static const fs_table tabs[] = {FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION};
    c->note = trend_coverage(rc, asc, ny, tabs, 3);
    if (nparts == 0) {
        rc->take[FS_RC_TRENDS] = tpl(rc, T_TR_TAKE_ONE, rc->year_s, NULL);
        return;
    }
    size_t len = 1;
    for (size_t i = 0; i < nparts; i++)
        len += strlen(parts[i]) + 4;
    char *list = rc_alloc(rc, len);
    if (!list)
        return;
    for (size_t i = 0; i < nparts; i++) {
        if (i)
            strcat(list, rc->lang == FS_LANG_ZH ? "，" : ", ");
        strcat(list, parts[i]);
    }
    rc->take[FS_RC_TRENDS] = tpl(rc, T_TR_TAKE, rc->prev_s, list, NULL);
}

/* ------------------------------------------ 12 change Y-1 → Y by county */

static void build_change(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    size_t n = rc->nc + 1;
    double *now = rc_doubles(rc, n), *before = rc_doubles(rc, n);
    const char **names = rc_alloc(rc, n * sizeof *names);
    chart_series *s = rc_alloc(rc, 2 * sizeof *s);
    if (!now || !before || !names || !s)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *scope = i < rc->nc ? rc->z->counties[i].code : "ALL";
        now[i] = fig(f, scope, "offenses_per_10k");
        before[i] = fig(rc->prev, scope, "offenses_per_10k");
        names[i] = i < rc->nc ? rc->county[i]
                              : with_cov(rc, tr(rc, T_ZONE_AS_WHOLE),
                                         coverage(rc, "ALL", FS_T_INCIDENTS));
    }
    s[0] = (chart_series){.name = rc->prev_s, .values = before, .color = RGB_PREV,
                          .marker = CHART_MARKER_CIRCLE};
    s[1] = (chart_series){.name = rc->year_s, .values = now, .color = RGB_YEAR,
                          .marker = CHART_MARKER_DIAMOND};
    chart *c = &rc->c[FS_RC_CHANGE];
    *c = base_chart(rc, CHART_DOTS, tr(rc, T_CH_TITLE));
    c->subtitle = tpl(rc, T_CH_SUB, rc->prev_s, rc->year_s, NULL);
    c->dots = (chart_dots){.cats = {names, NULL, n}, .series = s, .nseries = 2,
                           .format = rc->off_fmt, .axis_title = tr(rc, T_OFF_AXIS)};
    int down = 0, up = 0, same = 0, best = -1;
    for (size_t i = 0; i < rc->nc; i++) {
        if (!isfinite(now[i]) || !isfinite(before[i]))
            continue;
        char a[64], b[64];
        chart_format_value(a, sizeof a, now[i], rc->off_fmt, "");
        chart_format_value(b, sizeof b, before[i], rc->off_fmt, "");
        if (strcmp(a, b) == 0)
            same++;
        else if (now[i] < before[i])
            down++;
        else
            up++;
        if (now[i] < before[i] &&
            (best < 0 || before[i] - now[i] > before[best] - now[best]))
            best = (int)i;
    }
    if (down + up + same == 0) {
        rc->take[FS_RC_CHANGE] = tpl(rc, T_OFF_TAKE_NOPRIOR, rc->prev_s, rc->year_s, NULL);
        return;
    }
    const char *l1 = tpl(rc, T_CH_TAKE, rc->prev_s, inum(rc, down), inum(rc, up),
                         same ? tpl(rc, T_CH_SAME, inum(rc, same), NULL) : "", NULL);
    const char *l2 = best >= 0 ? tpl(rc, T_CH_TAKE2, rc->county[best],
                                     num(rc, before[best], rc->off_fmt),
                                     num(rc, now[best], rc->off_fmt), NULL)
                               : NULL;
    rc->take[FS_RC_CHANGE] = lines2(rc, l1, l2);
}

/* ------------------------------------------- 13 losses and recovered */

static void build_losses(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    double *loss = per_county(rc, f, "loss_yuan", 1), *rec = per_county(rc, f, "recovered_yuan", 1);
    double *rate = per_county(rc, f, "recovery_pct", 0.01);
    chart_series *s = rc_alloc(rc, 2 * sizeof *s);
    if (!loss || !rec || !rate || !s)
        return;
    for (size_t i = 0; i < rc->nc; i++) {
        loss[i] = wan(loss[i]);
        rec[i] = wan(rec[i]);
    }
    s[0] = (chart_series){.name = tr(rc, T_LO_LOSS), .values = loss, .color = RGB_LOSS};
    s[1] = (chart_series){.name = tr(rc, T_LO_RECOV), .values = rec, .color = RGB_YEAR};
    chart *c = &rc->c[FS_RC_LOSSES];
    *c = base_chart(rc, CHART_BARS, tr(rc, T_LO_TITLE));
    c->subtitle = tpl(rc, T_LO_SUB, rc->year_s, NULL);
    c->bars = (chart_bars){.cats = counties(rc), .series = s, .nseries = 2,
                           .format = CHART_FMT_DECIMAL2, .axis_title = tr(rc, T_LO_AXIS)};
    c->bars.cats.colors = NULL;
    double zl = wan(fig(f, "ALL", "loss_yuan")), zr = wan(fig(f, "ALL", "recovered_yuan"));
    double zp = fig(f, "ALL", "recovery_pct") / 100;
    if (!isfinite(zl)) {
        rc->take[FS_RC_LOSSES] = tr(rc, T_NO_FIGURES);
        return;
    }
    const char *l1 = with_cov(rc, tpl(rc, T_LO_TAKE, num(rc, zl, CHART_FMT_DECIMAL2),
                                      num(rc, zr, CHART_FMT_DECIMAL2),
                                      num(rc, zp, CHART_FMT_PERCENT), NULL),
                              coverage(rc, "ALL", FS_T_INCIDENTS));
    int hi = arg_best(rate, rc->nc, true), lo = arg_best(rate, rc->nc, false);
    const char *l2 = hi >= 0 ? tpl(rc, T_LO_TAKE2, rc->county[hi], num(rc, rate[hi], CHART_FMT_PERCENT),
                                   rc->county[lo], num(rc, rate[lo], CHART_FMT_PERCENT), NULL)
                             : NULL;
    rc->take[FS_RC_LOSSES] = lines2(rc, l1, l2);
}

/* ------------------------------- 16 grid members and video devices */

/* "zone v; highest A (v), lowest B (v)" of a per-10 000 figure. */
static const char *resource_take(fs_rc *rc, tkey k, const double *v, double zone)
{
    int hi = arg_best(v, rc->nc, true), lo = arg_best(v, rc->nc, false);
    if (hi < 0)
        return NULL;
    return tpl(rc, k, num(rc, zone, CHART_FMT_DECIMAL1), rc->county[hi],
               num(rc, v[hi], CHART_FMT_DECIMAL1), rc->county[lo],
               num(rc, v[lo], CHART_FMT_DECIMAL1), NULL);
}

/*
 * Grid members and video devices added per 10 000 residents by county,
 * the zone as the last pair (magnitudes: bars from 0; one unit, so one
 * axis; the two measures told apart by colour and the legend).
 */
static void build_resources(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    size_t n = rc->nc + 1; /* the counties, then the zone */
    double *grid = rc_doubles(rc, n), *video = rc_doubles(rc, n);
    const char **names = rc_alloc(rc, n * sizeof *names);
    chart_series *s = rc_alloc(rc, 2 * sizeof *s);
    if (!grid || !video || !names || !s)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *scope = i < rc->nc ? rc->z->counties[i].code : "ALL";
        grid[i] = fig(f, scope, "grid_members_per_10k");
        video[i] = fig(f, scope, "video_devices_per_10k");
        names[i] = i < rc->nc ? rc->county[i]
                              : with_cov(rc, tr(rc, T_ZONE_AS_WHOLE),
                                         coverage(rc, "ALL", FS_T_INDICATORS));
    }
    s[0] = (chart_series){.name = tr(rc, T_RS_GRID), .values = grid, .color = RGB_YEAR};
    s[1] = (chart_series){.name = tr(rc, T_RS_VIDEO), .values = video, .color = RGB_VIDEO};
    chart *c = &rc->c[FS_RC_RESOURCES];
    *c = base_chart(rc, CHART_BARS, tr(rc, T_RS_TITLE));
    c->subtitle = tpl(rc, T_RS_SUB, rc->year_s, NULL);
    c->note = tr(rc, T_RS_NOTE);
    c->bars = (chart_bars){.cats = {names, NULL, n}, .series = s, .nseries = 2,
                           .format = CHART_FMT_DECIMAL1, .axis_title = tr(rc, T_RS_AXIS)};
    const char *l1 = resource_take(rc, T_RS_TAKE_GRID, grid, grid[rc->nc]);
    const char *l2 = resource_take(rc, T_RS_TAKE_VIDEO, video, video[rc->nc]);
    rc->take[FS_RC_RESOURCES] = l1 || l2 ? lines2(rc, l1, l2) : tr(rc, T_NO_FIGURES);
}

/* ------------------------------------------------------- the context */

/* "二" for 2, "十二" for 12, "二十" for 20 (1..99; larger: digits). */
static void zh_number(int n, char *buf, size_t size)
{
    static const char *const d[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 1 || n > 99) {
        snprintf(buf, size, "%d", n);
        return;
    }
    int tens = n / 10, ones = n % 10;
    snprintf(buf, size, "%s%s%s", tens > 1 ? d[tens] : "", tens ? "十" : "", ones ? d[ones] : "");
}

/* "1st", "2nd", "3rd", "4th", "11th", "22nd". */
static void en_ordinal(int n, char *buf, size_t size)
{
    const char *suf = "th";
    if (n % 100 < 11 || n % 100 > 13)
        suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    snprintf(buf, size, "%d%s", n, suf);
}

/* The document date of ctx->epoch (UTC): "2024年11月28日" / "28 November 2024". */
static const char *doc_date(fs_rc *rc)
{
    static const char *const months[12] = {"January", "February", "March",     "April",
                                           "May",     "June",     "July",      "August",
                                           "September", "October", "November", "December"};
    time_t t = rc->ctx->epoch;
    struct tm tm;
    char buf[64];
    if (!gmtime_r(&t, &tm))
        return "";
    if (rc->lang == FS_LANG_ZH)
        snprintf(buf, sizeof buf, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    else
        snprintf(buf, sizeof buf, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
    return rc_str(rc, buf);
}

/* The forum's ordinal in the language ("二" / "2nd"), NULL when none. */
static const char *ordinal(fs_rc *rc)
{
    int n = rc->ctx->fig->ordinal;
    if (n <= 0)
        return NULL;
    char buf[32];
    if (rc->lang == FS_LANG_ZH)
        zh_number(n, buf, sizeof buf);
    else
        en_ordinal(n, buf, sizeof buf);
    return rc_str(rc, buf);
}

/* The county table of the briefing: one row per county and the zone.
 * Zone totals that are not the sum of the rows (a case or joint activity
 * counted once for the zone, once in every county involved) carry † / ‡
 * and their note; zone figures covering fewer counties say so. */
static void build_table(fs_rc *rc, chart_table *t)
{
    static const struct {
        tkey head;
        const char *metric;
        double scale;
        chart_fmt fmt;
        const char *mark;      /* dedup total: its mark in the zone row */
    } cols[] = {
        {T_BR_H_OFF, "offenses_per_10k", 1, CHART_FMT_DECIMAL2, NULL},
        {T_BR_H_XR, "cross_cases", 1, CHART_FMT_INTEGER, "†"},
        {T_BR_H_DISP, "disputes", 1, CHART_FMT_INTEGER, NULL},
        {T_BR_H_MED, "resolution_pct", 0.01, CHART_FMT_PERCENT, NULL},
        {T_BR_H_CLEAR, "clearance_pct", 0.01, CHART_FMT_PERCENT, NULL},
        {T_BR_H_RECOV, "recovery_pct", 0.01, CHART_FMT_PERCENT, NULL},
        {T_BR_H_ACT, "activities", 1, CHART_FMT_INTEGER, "‡"},
    };
    size_t nc = sizeof cols / sizeof cols[0] + 1, nr = rc->nc + 1;
    const char **head = rc_alloc(rc, nc * sizeof *head);
    const char **cells = rc_alloc(rc, nc * nr * sizeof *cells);
    if (!head || !cells)
        return;
    head[0] = tr(rc, T_BR_H_COUNTY);
    for (size_t j = 1; j < nc; j++)
        head[j] = tr(rc, cols[j - 1].head);
    for (size_t i = 0; i < nr; i++) {
        bool zone = i == rc->nc;
        const char *scope = zone ? "ALL" : rc->z->counties[i].code;
        cells[i * nc] = zone ? tr(rc, T_ZONE) : rc->county[i];
        for (size_t j = 1; j < nc; j++) {
            const char *v =
                num(rc, fig(rc->ctx->fig, scope, cols[j - 1].metric) * cols[j - 1].scale,
                    cols[j - 1].fmt == CHART_FMT_DECIMAL2 ? rc->off_fmt : cols[j - 1].fmt);
            if (zone && cols[j - 1].mark) {
                char buf[96];
                snprintf(buf, sizeof buf, "%s %s", v, cols[j - 1].mark);
                v = rc_str(rc, buf);
            }
            if (zone) {
                fs_table tb = metric_table(rc->ctx->fig, cols[j - 1].metric);
                if (tb < FS_T_COUNT)
                    v = with_cov(rc, v, coverage(rc, "ALL", tb));
            }
            cells[i * nc + j] = v;
        }
    }
    const char *note = lines2(rc, tr(rc, T_BR_TAB_NOTE),
                              lines2(rc, tr(rc, T_DAGGER_XR), tr(rc, T_DAGGER_ACT)));
    *t = (chart_table){.title = tpl(rc, T_BR_TAB_TITLE, rc->year_s, NULL), .note = note,
                       .header = head, .cells = cells, .nrows = nr, .ncols = nc,
                       .total_rows = 1};
}

/* "A、B" of the member counties in set s (zone order). */
static const char *county_list(fs_rc *rc, fs_county_set s)
{
    size_t len = 1;
    for (size_t i = 0; i < rc->nc; i++)
        if (s >> i & 1)
            len += strlen(rc->county[i]) + 4;
    char *p = rc_alloc(rc, len);
    if (!p)
        return "";
    for (size_t i = 0; i < rc->nc; i++)
        if (s >> i & 1) {
            if (*p)
                strcat(p, tr(rc, T_LIST_SEP));
            strcat(p, rc->county[i]);
        }
    return p;
}

/*
 * The data-quality page: which counties sent which table (the figures'
 * present sets), every reconciliation finding of the figures, and the
 * record counts counties declared beside what the figures hold.
 */
static void build_quality(fs_rc *rc, chart_table *t)
{
    const fs_figures *f = rc->ctx->fig;
    size_t cap = FS_T_COUNT + f->nfindings + rc->nc * 3 + 4, nr = 0;
    const char **cells = rc_alloc(rc, 3 * cap * sizeof *cells);
    const char **head = rc_alloc(rc, 3 * sizeof *head);
    if (!cells || !head)
        return;
    head[0] = tr(rc, T_DQ_H_ITEM);
    head[1] = tr(rc, T_DQ_H_WHAT);
    head[2] = tr(rc, T_DQ_H_DETAIL);
    int all = (int)rc->nc;
    fs_county_set members = all >= 64 ? ~(fs_county_set)0 : (((fs_county_set)1 << all) - 1);
    for (int tb = 0; tb < FS_T_COUNT; tb++) {
        fs_county_set have = f->present[tb] & members;
        int n = __builtin_popcountll(have);
        const char *tname = rc->lang == FS_LANG_ZH ? fs_tables[tb].name_zh : fs_tables[tb].name;
        cells[3 * nr] = tr(rc, T_DQ_COVERAGE);
        cells[3 * nr + 1] = tname;
        cells[3 * nr + 2] = n == all ? tpl(rc, T_DQ_ALL, inum(rc, all), NULL)
                                     : tpl(rc, T_DQ_MISSING, inum(rc, n), inum(rc, all),
                                           county_list(rc, members & ~have), NULL);
        if (f->zero[tb] & members)
            cells[3 * nr + 2] = tpl(rc, T_DQ_ZERO, cells[3 * nr + 2],
                                    county_list(rc, f->zero[tb] & members), NULL);
        nr++;
    }
    for (size_t i = 0; i < f->nfindings; i++) {
        const fs_finding *fd = &f->findings[i];
        cells[3 * nr] = tr(rc, T_DQ_FINDING);
        cells[3 * nr + 1] = fd->ref ? fd->ref : "";
        cells[3 * nr + 2] = rc->lang == FS_LANG_ZH ? fd->text_zh : fd->text_en;
        nr++;
    }
    if (f->nfindings == 0) {
        cells[3 * nr] = tr(rc, T_DQ_FINDING);
        cells[3 * nr + 1] = "";
        cells[3 * nr + 2] = tr(rc, T_DQ_NO_FINDINGS);
        nr++;
    }
    static const fs_table decl[] = {FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION};
    bool any = false;
    int agree = 0, declared = 0; /* the counts that agree: one line, not one each */
    for (size_t i = 0; i < rc->nc; i++)
        for (size_t k = 0; k < 3; k++) {
            int64_t d = fs_fig_declared(f, (int)i, decl[k]), h = fs_fig_held(f, (int)i, decl[k]);
            if (d < 0)
                continue;
            any = true;
            declared++;
            if (d == h * 100) {
                agree++;
                continue;
            }
            const char *tname = rc->lang == FS_LANG_ZH ? fs_tables[decl[k]].name_zh
                                                       : fs_tables[decl[k]].name;
            char who[256], what[256];
            snprintf(who, sizeof who, "%s · %s", rc->county[i], tname);
            /* declared counts are indicator values, in hundredths */
            snprintf(what, sizeof what, rc->lang == FS_LANG_ZH ? "申报 %s，实收 %s%s"
                                                                : "declared %s, held %s%s",
                     num(rc, (double)d / 100, CHART_FMT_INTEGER),
                     num(rc, (double)h, CHART_FMT_INTEGER),
                     d == h * 100 ? "" : rc->lang == FS_LANG_ZH ? "（不一致）" : " (differs)");
            cells[3 * nr] = tr(rc, T_DQ_DECLARED);
            cells[3 * nr + 1] = rc_str(rc, who);
            cells[3 * nr + 2] = rc_str(rc, what);
            nr++;
        }
    if (any) {
        cells[3 * nr] = tr(rc, T_DQ_DECLARED);
        cells[3 * nr + 1] = "";
        cells[3 * nr + 2] = tpl(rc, T_DQ_AGREE, inum(rc, agree), inum(rc, declared), NULL);
        nr++;
    }
    if (!any) {
        cells[3 * nr] = tr(rc, T_DQ_DECLARED);
        cells[3 * nr + 1] = "";
        cells[3 * nr + 2] = tr(rc, T_DQ_DECL_NONE);
        nr++;
    }
    static const chart_align al[3] = {CHART_ALIGN_LEFT, CHART_ALIGN_LEFT, CHART_ALIGN_LEFT};
    *t = (chart_table){.title = tpl(rc, T_DQ_TITLE, rc->year_s, NULL), .note = tr(rc, T_DQ_NOTE),
                       .header = head, .cells = cells, .nrows = nr, .ncols = 3, .align = al,
                       .wrap_lines = 4};
}

/* The definitions page: the headline figures in plain words (the
 * catalogue's technical definitions are in the workbook and
 * metrics-dictionary.csv) and the presentation conventions. */
static void build_defs(fs_rc *rc, chart_table *t)
{
    static const struct {
        const char *zh_term, *zh, *en_term, *en;
    } rows[] = {
        {"每万人犯罪起数", "犯罪起数 ÷ 常住人口 × 10,000；只计既有案件记录又报送了常住人口的县（市）",
         "Offences per 10,000 residents",
         "offences ÷ resident population × 10,000, over the counties that sent both"},
        {"破案率", "已破已结的案件记录 ÷ 全部案件记录", "Clearance rate",
         "case records solved or closed ÷ all case records"},
        {"挽损率", "挽回金额 ÷ 损失金额（按元计算，图表以万元显示）", "Recovery rate",
         "amount recovered ÷ losses (computed in yuan, shown in 10,000 yuan)"},
        {"跨区域案件", "两个及以上县（市）共同涉及的同一案件；片区只计一次，每个涉及的县（市）各计一次",
         "Cross-regional case",
         "one case involving two or more counties: once for the zone, once in each county involved"},
        {"跨区域案件占比", "跨区域案件 ÷ 同一范围的全部案件", "Share of cross-regional cases",
         "cross-regional cases ÷ all cases of the same scope"},
        {"人民调解成功率", "调解成功的纠纷 ÷ 受理的纠纷", "Mediation resolution rate",
         "disputes resolved ÷ disputes received"},
        {"协作活动", "各县（市）记录的协作活动；同一联合编号的联合活动在片区只计一次",
         "Cooperation activities",
         "activities the counties recorded; a joint activity (one joint reference) counts once for the zone"},
        {"个百分点", "两个百分比之差，如 74.4% 比 73.1% 高 1.3 个百分点", "Percentage points (pp)",
         "the difference of two percentages: 74.4% is 1.3 pp above 73.1%"},
        {"万元", "金额单位，1 万元 = 10,000 元，保留两位小数", "10,000 yuan",
         "the unit of money on the charts and tables, with two decimals"},
        {"6/7县", "片区或省的数字只含已报送该类数据的县（市）", "6 of 7 counties",
         "a zone or province figure covering only the counties that sent that kind of data"},
        {"不可比", "两年报送该类数据的县（市）不同，不计算同比变化", "Not comparable",
         "the counties that sent that kind of data differ between the two years: no change is shown"},
        {"无数据", "未报送相应数据，或比率的分母为零；不是 0", "No data",
         "no records of that kind were sent, or a rate has a zero denominator; never 0"},
    };
    size_t nr = sizeof rows / sizeof rows[0];
    const char **cells = rc_alloc(rc, 2 * nr * sizeof *cells);
    const char **head = rc_alloc(rc, 2 * sizeof *head);
    if (!cells || !head)
        return;
    head[0] = tr(rc, T_DF_H_TERM);
    head[1] = tr(rc, T_DF_H_DEF);
    bool zh = rc->lang == FS_LANG_ZH;
    for (size_t i = 0; i < nr; i++) {
        cells[2 * i] = zh ? rows[i].zh_term : rows[i].en_term;
        cells[2 * i + 1] = zh ? rows[i].zh : rows[i].en;
    }
    static const chart_align al[2] = {CHART_ALIGN_LEFT, CHART_ALIGN_LEFT};
    *t = (chart_table){.title = tr(rc, T_DF_TITLE), .note = tr(rc, T_DF_NOTE), .header = head,
                       .cells = cells, .nrows = nr, .ncols = 2, .align = al, .wrap_lines = 3};
}

/* "2025年11月28日" / "28 November 2025". */
static const char *ymd(fs_rc *rc, int y, int m, int d)
{
    static const char *const months[12] = {"January", "February", "March",     "April",
                                           "May",     "June",     "July",      "August",
                                           "September", "October", "November", "December"};
    char buf[64];
    if (rc->lang == FS_LANG_ZH)
        snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
    else
        snprintf(buf, sizeof buf, "%d %s %d", d, months[(m - 1) % 12], y);
    return rc_str(rc, buf);
}

/* Cover, table and document options of the briefing (the path is set
 * when it is written).  The cover names the host, the forum's date when
 * the zone file gives one (never the clock's), and the data's date
 * labelled as such. */
static void build_briefing(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    const char *ord = ordinal(rc);
    const char *zone = rc->lang == FS_LANG_ZH ? rc->z->name_zh : rc->z->name_en;
    const char *date = tpl(rc, T_BR_DATA_AS_OF, doc_date(rc), NULL);
    int fm, fd;
    if (fs_zone_forum_date(rc->z, rc->ctx->year, &fm, &fd)) {
        char both[256];
        snprintf(both, sizeof both, "%s · %s",
                 tpl(rc, T_BR_FORUM_DATE, ymd(rc, rc->ctx->year, fm, fd), NULL), date);
        date = rc_str(rc, both);
    }
    const char *host = f->host >= 0 && (size_t)f->host < rc->nc ? rc->county[f->host] : NULL;
    rc->cover = (chart_doc_cover_page){
        .title = zone,
        .subtitle = ord ? tpl(rc, T_BR_SUBTITLE, ord, rc->year_s, NULL)
                        : tpl(rc, T_BR_SUBTITLE_NO_ORD, rc->year_s, NULL),
        .date_line = host ? tpl(rc, T_BR_DATE, host, date, NULL)
                          : tpl(rc, T_BR_DATE_NO_HOST, date, NULL),
        .tiles = &rc->c[FS_RC_TILES],
    };
    build_table(rc, &rc->table);
    build_quality(rc, &rc->quality);
    build_defs(rc, &rc->defs);
    const char *footer = tpl(rc, T_FOOTER, rc->forum, rc->year_s, NULL);
    rc->doc = (chart_doc_options){.epoch = rc->ctx->epoch, .title = footer, .footer = footer,
                                  .page_prefix = tr(rc, T_BR_PAGE_PRE),
                                  .page_suffix = tr(rc, T_BR_PAGE_SUF),
                                  .lang = rc->lang == FS_LANG_ZH ? "zh-cn" : "en"};
}

/* Build every chart spec and takeaway. */
static void build_all(fs_rc *rc)
{
    const fs_report_ctx *ctx = rc->ctx;
    rc->nc = rc->z->ncounties;
    rc->county = rc_alloc(rc, (rc->nc ? rc->nc : 1) * sizeof *rc->county);
    rc->colors = rc_alloc(rc, (rc->nc ? rc->nc : 1) * sizeof *rc->colors);
    if (!rc->county || !rc->colors)
        return;
    for (size_t i = 0; i < rc->nc; i++) {
        const fs_county *c = &rc->z->counties[i];
        rc->county[i] = rc->lang == FS_LANG_ZH ? c->name_zh : c->name_en;
        rc->colors[i] = chart_county_color(i);
    }
    rc->prev = fs_report_ctx_year(ctx, ctx->year - 1);
    rc->year_s = inum(rc, ctx->year);
    rc->prev_s = inum(rc, ctx->year - 1);
    const char *zone = rc->lang == FS_LANG_ZH ? rc->z->name_zh : rc->z->name_en;
    const char *ord = ordinal(rc);
    rc->forum = ord ? tpl(rc, T_FORUM, zone, ord, NULL) : tpl(rc, T_FORUM_NO_ORDINAL, zone, NULL);
    rc->source = tpl(rc, T_SOURCE, rc->forum, rc->year_s, NULL);
    /* one format for offences per 10 000 in every chart and the table */
    double off[2 * FS_ZONE_MAX + 2];
    size_t no = 0;
    for (size_t k = 0; k < 2; k++) {
        const fs_figures *f = k ? rc->prev : ctx->fig;
        for (size_t i = 0; i <= rc->nc; i++)
            off[no++] = fig(f, i < rc->nc ? rc->z->counties[i].code : "ALL", "offenses_per_10k");
    }
    rc->off_fmt = decimals_for(off, no, CHART_FMT_DECIMAL1);
    build_offences(rc);
    build_cross(rc);
    build_disputes(rc);
    build_mediation(rc);
    build_cooperation(rc);
    build_assistance(rc);
    build_clearance(rc);
    build_tiles(rc);
    build_hexmap(rc, "offenses_per_10k");
    build_categories(rc);
    build_trends(rc);
    build_change(rc);
    build_losses(rc);
    build_activities(rc);
    build_levels(rc);
    build_resources(rc);
    build_briefing(rc);
}

static fs_status font_error(char *err, size_t errsz)
{
    snprintf(err, errsz, _("no font for Chinese text: the charts need Noto Sans CJK SC "
                         "(install the package fonts-noto-cjk, e.g. apt-get install fonts-noto-cjk)"));
    return FS_ERR_FONT;
}

/* A chart library failure as a status and one line in err; errno (for
 * I/O failures) must be the cause's. */
static fs_status chart_error(chart_status cs, const char *what, char *err, size_t errsz)
{
    int e = errno;
    if (cs == CHART_ERR_FONT)
        return font_error(err, errsz);
    fs_status st = cs == CHART_ERR_NOMEM        ? FS_ERR_NOMEM
                   : cs == CHART_ERR_DISK_FULL ? FS_ERR_DISK_FULL
                                               : FS_ERR_IO;
    char eb[128];
    if ((cs == CHART_ERR_IO || cs == CHART_ERR_DISK_FULL) && e)
        snprintf(err, errsz, _("cannot write %s: %s"), what, strerror_r(e, eb, sizeof eb));
    else
        snprintf(err, errsz, _("cannot draw %s: %s"), what, fs_tr(chart_strerror(cs)));
    return st;
}

fs_status fs_rc_open(fs_rc **out, const fs_report_ctx *ctx, char *err, size_t errsz)
{
    *out = NULL;
    fs_rc *rc = calloc(1, sizeof *rc);
    if (!rc) {
        snprintf(err, errsz, _("out of memory"));
        return FS_ERR_NOMEM;
    }
    rc->ctx = ctx;
    rc->z = ctx->zone;
    rc->lang = ctx->opts.lang;
    chart_status cs = chart_fonts_open(&rc->fonts, NULL);
    if (cs != CHART_OK) {
        fs_rc_close(rc);
        return chart_error(cs, "the charts", err, errsz);
    }
    build_all(rc);
    if (rc->oom) {
        fs_rc_close(rc);
        snprintf(err, errsz, _("out of memory while preparing the charts"));
        return FS_ERR_NOMEM;
    }
    *out = rc;
    return FS_OK;
}

void fs_rc_close(fs_rc *rc)
{
    if (!rc)
        return;
    chart_fonts_close(rc->fonts);
    for (size_t i = 0; i < rc->nblocks; i++)
        free(rc->blocks[i]);
    free(rc->blocks);
    free(rc);
}

const chart *fs_rc_spec(const fs_rc *rc, fs_rc_chart which)
{
    return rc && (unsigned)which < FS_RC_COUNT ? &rc->c[which] : NULL;
}

const char *fs_rc_takeaway(const fs_rc *rc, fs_rc_chart which)
{
    return rc && (unsigned)which < FS_RC_COUNT ? rc->take[which] : NULL;
}

fs_status fs_rc_set_map_figure(fs_rc *rc, const char *metric, char *err, size_t errsz)
{
    if (!build_hexmap(rc, metric)) {
        snprintf(err, errsz, _("no figure named '%s' for the map"), metric);
        return FS_ERR_USAGE;
    }
    if (rc->oom) {
        snprintf(err, errsz, _("out of memory while preparing the map"));
        return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* Render chart `which` in memory with `fonts` (reads rc only: safe from
 * several threads, each with its own fonts). */
static fs_status render(const fs_rc *rc, chart_fonts *fonts, fs_rc_chart which,
                        chart_file_type type, int width, int height, int dpi, unsigned char **buf,
                        size_t *len, char *err, size_t errsz)
{
    const fs_report_opts *o = &rc->ctx->opts;
    double w = width > 0 ? width : o->width, h = height > 0 ? height : o->height;
    chart_output out = {.type = type, .dpi = dpi > 0 ? dpi : o->dpi, .epoch = rc->ctx->epoch};
    if (type == CHART_PNG) {
        out.width = w;
        out.height = h;
    } else { /* a 960 pt wide page of the PNG's shape (960 × 540: a 16:9 slide) */
        out.width = 960;
        out.height = round(960 * h / w);
    }
    chart_status cs = chart_render(fonts, &rc->c[which], &out, buf, len);
    if (cs != CHART_OK)
        return chart_error(cs, chart_names[which], err, errsz);
    return FS_OK;
}

fs_status fs_rc_png(fs_rc *rc, fs_rc_chart which, int width, int height, int dpi,
                    unsigned char **png, size_t *len, char *err, size_t errsz)
{
    *png = NULL;
    *len = 0;
    if (!rc || (unsigned)which >= FS_RC_COUNT || width < 0 || height < 0 || width > 16384 ||
        height > 16384) {
        snprintf(err, errsz, "fs_rc_png: invalid argument");
        return FS_ERR_USAGE;
    }
    return render(rc, rc->fonts, which, CHART_PNG, width, height, dpi, png, len, err, errsz);
}

/* Write the briefing to `path` (atomically, by the chart library). */
static fs_status write_briefing(const fs_rc *rc, chart_fonts *fonts, const char *path, int *pages,
                                char *err, size_t errsz)
{
    chart_doc_options o = rc->doc;
    o.path = path;
    chart_doc *d;
    chart_status cs = chart_doc_open(&d, fonts, &o);
    if (cs != CHART_OK)
        return chart_error(cs, path, err, errsz);
    chart_doc_cover(d, &rc->cover);
    for (size_t i = 0; i < sizeof briefing_pages / sizeof briefing_pages[0]; i++)
        chart_doc_chart(d, &rc->c[briefing_pages[i]], rc->take[briefing_pages[i]]);
    chart_doc_table(d, &rc->table);
    chart_doc_table(d, &rc->quality);
    chart_doc_table(d, &rc->defs);
    *pages = chart_doc_pages(d);
    cs = chart_doc_close(d); /* the first error of any page */
    if (cs != CHART_OK)
        return chart_error(cs, path, err, errsz);
    return FS_OK;
}

/* ------------------------------------------------------------ the step */

#define NFILES (FS_RC_COUNT * 3)

/* A chart file (or the briefing) written under a temporary name by the
 * one atomic writer (atomic.h), renamed when all are. */
typedef struct pending {
    char *path;                /* the final name (malloc'ed)              */
    fs_atomic a;               /* open from its job until the renames     */
    bool open;
} pending;

/*
 * The work of the step as a queue of jobs shared by up to CHART_WORKERS
 * threads (each with its own fonts, as the chart library wants): job 0 is
 * the briefing (the longest), jobs 1..NFILES the chart files.  Workers stop
 * taking jobs after the first failure, which is kept with its message.
 *
 * One worker (issue 16): a second one held its own font set and image
 * buffers (a 1920x1080 surface, the PNG encoder's filtered copy) and took
 * the report's peak RSS from 85 to 110-125 MB, at the sample size and at a
 * 1 M-record year alike, for the same CPU time (0.45 s, 1.05 s); set it to
 * 2 to trade that memory for a little elapsed time on an idle machine.
 */
#define CHART_WORKERS 1

typedef struct queue {
    const fs_rc *rc;
    pending *files;            /* NFILES charts, then the briefing */
    int pages;
    pthread_mutex_t m;
    size_t next;
    fs_status st;
    char *err;                 /* the first failure's message (errsz) */
    size_t errsz;
} queue;

static const chart_file_type job_types[3] = {CHART_PNG, CHART_SVG, CHART_PDF};
static const char *const job_ext[3] = {"png", "svg", "pdf"};

/* "cannot write PATH: reason" for a failure of the writer; errno must be
 * its cause. */
static fs_status write_error(fs_status st, const char *path, char *err, size_t errsz)
{
    int e = errno;
    char eb[128];
    snprintf(err, errsz, _("cannot write %s: %s"), path, strerror_r(e, eb, sizeof eb));
    return st;
}

static fs_status run_job(queue *q, chart_fonts *fonts, size_t j, char *err, size_t errsz)
{
    if (j == 0) { /* the briefing, complete under a reserved temporary name */
        pending *p = &q->files[NFILES];
        fs_status st = fs_atomic_begin_path(&p->a, p->path);
        if (st != FS_OK)
            return write_error(st, p->path, err, errsz);
        p->open = true;
        int pages = 0;
        st = write_briefing(q->rc, fonts, p->a.tmp_path, &pages, err, errsz);
        q->pages = pages; /* only this job writes it */
        return st;
    }
    size_t c = (j - 1) / 3, k = (j - 1) % 3;
    pending *p = &q->files[j - 1];
    unsigned char *buf;
    size_t len;
    fs_status st = render(q->rc, fonts, (fs_rc_chart)c, job_types[k], 0, 0, 0, &buf, &len, err,
                          errsz);
    if (st != FS_OK)
        return st;
    st = fs_atomic_begin(&p->a, p->path);
    if (st == FS_OK) {
        p->open = true;
        if (fwrite(buf, 1, len, p->a.fp) != len)
            st = fs_status_from_errno(errno ? errno : EIO);
    }
    int e = errno;
    free(buf);
    errno = e;
    if (st != FS_OK)
        return write_error(st, p->path, err, errsz);
    return FS_OK;
}

/* Take and run jobs until none is left or one failed. */
static void work(queue *q, chart_fonts *fonts)
{
    char *err = malloc(q->errsz);
    if (!err) {
        pthread_mutex_lock(&q->m);
        if (q->st == FS_OK) {
            q->st = FS_ERR_NOMEM;
            snprintf(q->err, q->errsz, _("out of memory"));
        }
        pthread_mutex_unlock(&q->m);
        return;
    }
    for (;;) {
        pthread_mutex_lock(&q->m);
        size_t j = q->next < NFILES + 1 && q->st == FS_OK ? q->next++ : SIZE_MAX;
        pthread_mutex_unlock(&q->m);
        if (j == SIZE_MAX)
            break;
        err[0] = '\0';
        fs_status st = run_job(q, fonts, j, err, q->errsz);
        if (st != FS_OK) {
            pthread_mutex_lock(&q->m);
            if (q->st == FS_OK) {
                q->st = st;
                snprintf(q->err, q->errsz, "%s", err);
            }
            pthread_mutex_unlock(&q->m);
            break;
        }
    }
    free(err);
}

/* The second worker: its own fonts; without them it leaves the work to
 * the first. */
static void *helper(void *arg)
{
    chart_fonts *fonts;
    if (chart_fonts_open(&fonts, NULL) != CHART_OK)
        return NULL;
    work(arg, fonts);
    chart_fonts_close(fonts);
    return NULL;
}

/* A malloc'ed printf-formatted string (paths of any length, no fixed
 * buffer); NULL on no memory. */
static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = malloc((size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

fs_status fs_report_charts_write(const fs_report_ctx *ctx, char *wrote, size_t wrotesz, char *err,
                                 size_t errsz)
{
    fs_rc *rc;
    fs_status st = fs_rc_open(&rc, ctx, err, errsz);
    if (st != FS_OK)
        return st;
    char *dir = dupf("%s/charts", ctx->dir);
    char *brief = dupf("%s/briefing-%d.pdf", ctx->dir, ctx->year);
    queue *q = calloc(1, sizeof *q);
    pending *files = calloc(NFILES + 1, sizeof *files);
    char *qerr = malloc(errsz ? errsz : 1);
    bool paths = dir && brief && q && files && qerr;
    for (size_t c = 0; paths && c < FS_RC_COUNT; c++)
        for (size_t k = 0; paths && k < 3; k++)
            paths = (files[c * 3 + k].path = dupf("%s/%s.%s", dir, chart_names[c],
                                                  job_ext[k])) != NULL;
    if (paths)
        paths = (files[NFILES].path = dupf("%s", brief)) != NULL;
    if (!paths) {
        snprintf(err, errsz, _("out of memory"));
        st = FS_ERR_NOMEM;
        goto done;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        char eb[128];
        snprintf(err, errsz, _("cannot create the folder %s: %s"), dir, strerror_r(e, eb, sizeof eb));
        st = fs_status_from_errno(e);
        goto done;
    }
    *q = (queue){.rc = rc, .files = files, .st = FS_OK, .err = qerr, .errsz = errsz ? errsz : 1};
    qerr[0] = '\0';
    pthread_mutex_init(&q->m, NULL);
    pthread_t th = {0};
    bool two = CHART_WORKERS > 1 && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
               pthread_create(&th, NULL, helper, q) == 0;
    work(q, rc->fonts);
    if (two)
        pthread_join(th, NULL);
    pthread_mutex_destroy(&q->m);
    st = q->st;
    if (st != FS_OK)
        snprintf(err, errsz, "%s", q->err);
    /* every file is complete: give the charts and the briefing their names */
    for (size_t i = 0; i < NFILES + 1 && st == FS_OK; i++) {
        files[i].open = false;
        st = fs_atomic_commit(&files[i].a);
        if (st != FS_OK)
            write_error(st, files[i].path, err, errsz);
    }
    if (st == FS_OK) { /* best effort: the renames are done */
        int fd = open(ctx->dir, O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
        snprintf(wrote, wrotesz,
                 P_("%s/ (%d charts as PNG, SVG, PDF), %s (%d page)",
                    "%s/ (%d charts as PNG, SVG, PDF), %s (%d pages)", q->pages),
                 dir, FS_RC_COUNT, brief, q->pages);
    }
done:
    for (size_t i = 0; files && i < NFILES + 1; i++) { /* what a failure left behind */
        if (files[i].open)
            fs_atomic_abort(&files[i].a);
        free(files[i].path);
    }
    free(files);
    free(q);
    free(qerr);
    free(dir);
    free(brief);
    fs_rc_close(rc);
    return st;
}
