/*
 * deck_texts.c — every text of the forum's charts and briefing in Chinese
 * and English (fs_rc_texts, keyed by tkey of deck_int.h, {0}…{9} filled by
 * fs_rc_tpl), the charts' file names and titles, and the colour of a county.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

/* Every text of the charts and the briefing: {zh, en}.  {N} is the N-th
 * argument of fs_rc_tpl(). */
const fs_rc_text fs_rc_texts[T_COUNT] = {
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
    [T_XR_NOTE] =
        {"跨区域案件：两个及以上县（市）共同涉及的同一案件，按跨区案件编号只计一次；"
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
    [T_XR_TAKE_NONE] = {"{0}年没有跨区域案件的数据。",
                        "No figures on cross-regional cases for {0}."},

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
    [T_TAKE_HIGH_LOW] = {"最高：{0}（{1}）；最低：{2}（{3}）。",
                         "Highest: {0} ({1}); lowest: {2} ({3})."},

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
    [T_CO_TAKE_TOTAL] = {"{0}年片区协作活动共{1}次。",
                         "Cooperation activities in the zone in {0}: {1}."},
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
    [T_AS_TAKE_NONE] = {"{0}年没有县际协助的记录。",
                        "No assistance between counties was recorded in {0}."},

    [T_CL_TITLE] = {"各县（市）破案率", "Clearance rate by county"},
    [T_CL_SUB] = {"{0}年，由高到低；虚线为片区整体水平",
                  "{0}, highest first; dashed line: the zone as a whole"},
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

    [T_HX_TITLE] = {"各县（市）示意图：每万人犯罪起数",
                    "The counties as they lie: offences per 10,000 residents"},
    [T_HX_TITLE_FIG] = {"各县（市）示意图：{0}", "The counties as they lie: {0}"},
    [T_HX_SUB] =
        {"{0}年；六边形示意各县（市）的相对位置，不是精确地图",
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
    [T_BR_TAB_NOTE] =
        {"来源：各县（市）报送数据。“无数据”：该县（市）未报送相应数据，或比率的分母为零。",
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
    [T_DQ_AGREE] = {"{1}项申报记录数中{0}项与实收一致",
                    "{0} of {1} declared counts agree with the records held"},
    [T_DQ_ZERO] = {"{0}；零报告（申报为0）：{1}", "{0}; zero reports (declared 0): {1}"},
    [T_BR_DATA_AS_OF] = {"数据截至{0}", "Data as of {0}"},
    [T_BR_FORUM_DATE] = {"论坛日期：{0}", "Forum: {0}"},
    [T_DAGGER_XR] =
        {"† 片区合计中每件跨区域案件只计一次；一案涉及几个县（市），就在几个县（市）各计一次，"
         "故各县（市）之和大于合计。",
         "† The zone counts each cross-regional case once; a case involving several "
         "counties counts once in each of them, so the counties add up to more than "
         "the zone."},
    [T_DAGGER_ACT] =
        {"‡ 片区合计中每项联合活动（同一联合编号）只计一次，各县（市）各自计入本县记录的活动，"
         "故各县（市）之和大于合计；县际协作矩阵统计的是两县（市）共同参与的活动，"
         "不论由哪一方记录，因此可大于单个县（市）自己记录的活动数。",
         "‡ The zone counts each joint activity (one joint reference) once; each county "
         "counts the activities it recorded, so the counties add up to more than the "
         "zone.  The cooperation matrix counts activities two counties both took part "
         "in, whoever recorded them, so a pair may exceed what one county recorded."},
    [T_OFF_SUB_ZONE] = {"{0}年与{1}年对比；最右为片区整体",
                        "{0} beside {1}; the zone on the right"},
    [T_XR_NOTE_PROV] =
        {"各省涉及的案件（一案涉及几个省就在几个省各计一次，故各省之和大于片区）：{0}。",
         "Cases involving each province (a case involving several provinces counts "
         "in each, so the provinces add up to more than the zone): {0}."},
    [T_XR_PROV_ITEM] = {"{0}{1}件", "{0} {1}"},
    [T_CAT_TITLE] = {"犯罪类别（国际犯罪分类ICCS）", "Offences by category (ICCS)"},
    [T_CAT_SUB] = {"{0}年片区各类犯罪起数，由多到少", "Offences in the zone in {0}, largest first"},
    [T_CAT_AXIS] = {"犯罪起数", "Offences"},
    [T_CAT_TAKE] = {"最多的类别：{0}（{1}起，占{2}）。",
                    "Largest category: {0} ({1}, {2} of all offences)."},
    [T_CAT_TAKE2] = {"其次：{0}（{1}起）。", "Next: {0} ({1})."},
    [T_TR_TITLE] = {"主要指标三年走势", "Headline figures over three years"},
    [T_TR_SUB] = {"片区整体，{0}—{1}年", "The zone, {0}–{1}"},
    [T_TR_TAKE] = {"与{0}年相比：{1}。", "Since {0}: {1}."},
    [T_TR_TAKE_ONE] = {"只有{0}年的数据，走势从明年起可见。",
                       "Figures for {0} only: trends show from next year."},
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
    [T_AC_NOTE] = {"联合活动（同一联合编号）只计一次。",
                   "A joint activity (one joint reference) counts once."},
    [T_LV_TITLE] = {"矛盾纠纷调解层级", "Disputes by mediation level"},
    [T_LV_SUB] = {"{0}年片区受理的矛盾纠纷，按调解层级（由基层到司法）",
                  "Disputes received in {0} by mediation level, from village to court"},
    [T_LV_AXIS] = {"纠纷件数", "Disputes"},
    [T_LV_TAKE] = {"{0}的纠纷在“{1}”一级调解（{2}件）。",
                   "{0} of the disputes were handled at {1} level ({2})."},
    [T_AS_ROWS] = {"提供协助的县（市）", "Helping county"},
    [T_AS_COLS] = {"受协助的县（市）", "County helped"},
    [T_AS_NOTE2] =
        {"每行：该县（市）协助其他县（市）的刑事案件记录数；每列：受协助的县（市）。",
         "Each row: incident records on which that county helped the county of the column."},
    [T_ME_NOTE] =
        {"横轴不从0开始：各县（市）的成功率相差不大，从0开始会看不出差别。",
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
    [T_DQ_MISSING] = {"{0}/{1}县已报送；未报送：{2}",
                      "{0} of {1} counties sent data; none from {2}"},
    [T_DQ_FINDING] = {"核对发现", "Reconciliation"},
    [T_DQ_NO_FINDINGS] = {"跨县核对未发现问题", "no reconciliation findings"},
    [T_DQ_DECLARED] = {"申报与实收", "Declared vs held"},
    [T_DQ_DECL_NONE] = {"各县（市）未申报记录数", "no county declared its record counts"},
    [T_DQ_NOTE] =
        {"核对发现由各县（市）核实更正；报告仍按现有记录计算。",
         "Findings are for the counties to check and correct; the report uses the records held."},
    [T_DF_TITLE] = {"指标定义", "Definitions"},
    [T_DF_H_TERM] = {"指标", "Figure"},
    [T_DF_H_DEF] = {"定义", "Definition"},
    [T_RS_TITLE] = {"每万人网格员与新增视频设备",
                    "Grid members and video devices added per 10,000 residents"},
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

const char *const fs_rc_names[FS_RC_COUNT] = {
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

const char *fs_rc_chart_name(fs_rc_chart which)
{
    return (unsigned)which < FS_RC_COUNT ? fs_rc_names[which] : "?";
}

const char *fs_rc_chart_title(fs_rc_chart which, fs_lang lang)
{
    if ((unsigned)which >= FS_RC_COUNT)
        return "";
    if (which == FS_RC_TILES) /* "{0} at a glance": without the year */
        return lang == FS_LANG_ZH ? "主要指标" : "At a glance";
    return lang == FS_LANG_ZH ? fs_rc_texts[chart_titles[which]].zh
                              : fs_rc_texts[chart_titles[which]].en;
}

uint32_t fs_rc_county_color(int county)
{
    return fsc_county_color(county < 0 ? 0 : (size_t)county);
}
