/*
 * doc_labels.h — every label of the forum's documents (the workbook, the
 * charts and the briefing) in English and Chinese, in ONE table: an
 * X-macro list X(id, English, Chinese).  Beside it, the gettext catalogue
 * (po/, i18n.h) holds the program's messages; this table holds the words
 * printed in the documents.
 *
 * Templates use "{1}", "{2}" … placeholders, filled by the caller's
 * strings (fs_wb_fill in the workbook, fs_rc_tpl in the charts; no printf
 * formats, so a translation cannot crash the program; both languages use
 * the same placeholders, tests/unit/test_workbook.c checks it).  A term
 * both the workbook and the charts print with the same words is one entry
 * (TOTAL, LIST_SEP, …).  Sheet names must stay valid Excel names: at most
 * 31 characters, none of []:*?/\ (tests/unit/test_workbook.c).  County,
 * province and enum names come from the zone and schema tables, figure
 * descriptions from the catalogue.
 *
 * Ids: FS_L_<id> (fs_doc_label); the workbook also knows them as
 * FS_WB_L_<id> (wb_int.h).
 */
#ifndef FS_DOC_LABELS_H
#define FS_DOC_LABELS_H

/* The language of a document (labels of workbook, charts, briefing). */
typedef enum fs_lang { FS_LANG_ZH, FS_LANG_EN } fs_lang;

/* clang-format off */ /* a table: one label a line */
#define FS_DOC_LABELS(X) \
    /* ------------------------------------------------------ sheet names */ \
    X(SHEET_OVERVIEW, "Overview", "概览") \
    X(SHEET_COUNTIES, "Counties", "分县指标") \
    X(SHEET_CRIME, "Crime", "刑事案件") \
    X(SHEET_DISPUTES, "Disputes", "矛盾纠纷") \
    X(SHEET_COOP, "Cooperation", "协作") \
    X(SHEET_TRENDS, "Trends", "历年趋势") \
    X(SHEET_RECON, "Reconciliation", "核对") \
    X(SHEET_SOURCES, "Sources", "数据来源") \
    X(SHEET_DEFS, "Definitions", "指标说明") \
    /* --------------------------------------------------- sheet headings */ \
    X(HEAD_COUNTIES, "Headline figures by county, {1}", "{1}年分县主要指标") \
    X(HEAD_CRIME, "Crime, {1}", "{1}年刑事案件") \
    X(HEAD_DISPUTES, "Conflicts and disputes, {1}", "{1}年矛盾纠纷") \
    X(HEAD_COOP, "Cross-border cooperation, {1}", "{1}年跨区域协作") \
    X(HEAD_TRENDS, "Trends: every year held, {1}–{2}", "历年趋势（{1}—{2}年）") \
    X(HEAD_TRENDS_ONE, "Trends: the only year held, {1}", "历年趋势（{1}年）") \
    X(HEAD_RECON, "Reconciliation findings, {1}", "{1}年数据核对发现的问题") \
    X(HEAD_SOURCES, "Where the figures come from", "数据来源") \
    X(HEAD_DEFS, "How each figure is computed", "指标计算方法") \
    /* ------------------------------------------------------ forum title */ \
    X(FORUM_TITLE, "{1}: {2} Annual Forum", "{1}第{2}届年度论坛") \
    X(FORUM_TITLE_NONE, "{1}: figures for {2}", "{1}{2}年度数据") \
    X(FORUM_LINE, "Data year {1} · hosted by {2}", "数据年度：{1}年 · 承办：{2}") \
    X(FORUM_LINE_NOHOST, "Data year {1}", "数据年度：{1}年") \
    X(PREPARED_BY, "Prepared by {1} · data as of {2}", "编制：{1} · 数据截至{2}") \
    X(SUBJECT, "Safety figures of the data year {1}", "{1}年度平安建设数据") \
    X(KEYWORDS, "safe border, forum, {1}, statistics, counties", \
      "平安边界, 论坛, {1}, 统计, 县区") \
    X(COMMENTS, "Written by forumstat {1} from the warehouse; every figure follows the " \
                "submission standard, section 4.", \
      "由 forumstat {1} 根据数据仓库生成，各项指标按报送标准第4节计算。") \
    X(PAGE_OF, "Page &P of &N", "第 &P 页，共 &N 页") \
    /* ---------------------------------------------------------- overview */ \
    X(OV_FACTS, "The forum", "论坛信息") \
    X(OV_ORDINAL, "Forum", "届次") \
    X(OV_ORDINAL_VAL, "{1} forum", "第{1}届") \
    X(OV_YEAR, "Data year", "数据年度") \
    X(OV_HOST, "Host county", "承办县区") \
    X(OV_MEMBERS, "Member counties", "成员县区") \
    X(OV_FINDINGS, "Reconciliation findings", "核对发现的问题") \
    X(OV_FINDINGS_VAL, "{1} (see the sheet {2})", "{1}条（见“{2}”表）") \
    X(OV_ASOF, "Data as of", "数据截至") \
    X(OV_PREPARED, "Prepared by", "编制单位") \
    X(OV_HEADLINE, "Headline figures of the zone", "片区主要指标") \
    X(OV_FIGURE, "Figure", "指标") \
    X(OV_CHANGE, "Change on {1}", "比{1}年增减") \
    X(OV_UNIT, "Unit", "单位") \
    X(OV_UNIT_WAN, "10,000 yuan", "万元") \
    X(OV_COVERAGE, "Records received for {1}", "{1}年数据报送情况（记录条数）") \
    X(OV_MISSING_LINE, "No {1} records from: {2}", "未报送{1}数据：{2}") \
    X(OV_ALL_SENT, "Every member county sent records of every table.", \
      "各成员县区均已报送全部四类数据。") \
    X(OV_NO_PREV_NOTE, "The warehouse holds no data for {1}: there is no previous year to " \
                       "compare with.", \
      "数据仓库中没有{1}年的数据，无法与上年比较。") \
    X(OV_CHANGE_NOTE, "▲ ▼ change on the previous year (rates in percentage points, counts " \
                      "below 100 as the difference, others in %); blue = " \
                      "better, orange = worse, grey = neither; \"not comparable\": the two " \
                      "years cover different counties (see the note on the cell).", \
      "▲ ▼ 为比上年增减（比率为个百分点，上年不足100的计数为增减数，其余为百分比）；蓝色为向好，橙色为需关注，灰色为中性；" \
      "“不可比”：两年覆盖的县区不同（见单元格批注）。") \
    /* ------------------------------------------------------ common words */ \
    X(COUNTY, "County", "县区") \
    X(CODE, "Code", "代码") \
    X(PROVINCE, "Province", "省份") \
    X(TOTAL, "Total", "合计") \
    X(ZONE, "Zone", "片区合计") /* the zone as a whole */ \
    X(SUBTOTAL, "{1} subtotal", "{1}小计") \
    X(NO_DATA, "no data", "未报送") \
    X(NO_VALUE, "–", "–") \
    X(NOT_COMPARABLE, "not comparable", "不可比") \
    X(COVER_LINE, "{1}: the figures of {2} cover fewer than all counties — {3}", \
      "{1}：{2}数据未覆盖全部县区——{3}") \
    X(COVER_FIG_LINE, "{1}: {2} covers fewer counties than its table — {3}", \
      "{1}：{2}覆盖的县区少于该类数据——{3}") \
    X(COVER_HEAD, "Counties covered", "覆盖县区") \
    X(NOT_COMPARABLE_LINE, "{1}, change on {2}: {3}", "{1}比{2}年增减：{3}") \
    X(LIST_SEP, ", ", "、") \
    X(LIST_NEXT, "{1}, {2}", "{1}、{2}") /* a list's items before its last */ \
    X(LIST_AND, "{1} and {2}", "{1}和{2}") /* the last two of a list */ \
    X(NONE, "none", "无") \
    X(YEAR, "Year", "年度") \
    X(RECORDS, "Records", "记录数") \
    /* --------------------------------------------------- table names */ \
    X(T_INDICATORS, "Indicators", "基础指标") \
    X(T_INCIDENTS, "Criminal cases", "刑事案件") \
    X(T_DISPUTES, "Disputes", "矛盾纠纷") \
    X(T_COOPERATION, "Cooperation", "协作活动") \
    /* ---------------------------------------------------------- counties */ \
    X(CO_DEDUP_MARK, " †", " †") \
    X(CO_NOTE_DEDUP, "† Shared references (cross_ref, joint_ref) count once per scope: the " \
                     "subtotal and zone figures are values, not the sum of the rows above.", \
      "† 同一跨区案件编号、联合编号在同一范围内只计一次：小计和片区合计为计算值，不是上方各行之和。") \
    X(CO_NOTE_FORMULA, "Other totals are formulas over the county rows; rates of a subtotal or " \
                       "the zone are computed from its own totals.", \
      "其余合计为对各县数据求和的公式；小计和片区合计的比率按其自身合计数计算。") \
    X(CO_NOTE_NODATA, "“no data”: the county sent no records of that table for the year; " \
                      "“–”: no value (a rate whose base is zero).", \
      "“未报送”：该县本年度未报送该类数据；“–”：无数值（分母为零的比率）。") \
    X(CO_COMMENT_DEDUP, "Counted once across counties (shared references): the figure of the " \
                        "scope, not the sum of the rows above.", \
      "跨县共享编号只计一次：为本范围的指标值，不是上方各行之和。") \
    X(CO_COMMENT_RATIO, "Rate of this scope's own totals (see the sheet Definitions).", \
      "按本范围合计数计算的比率（见“指标说明”表）。") \
    X(CO_CHART_PER10K, "Offences per 10,000 residents, {1}", "{1}年每万人犯罪起数") \
    X(CO_CHART_RATES, "Clearance and resolution rates, {1}", "{1}年破案率与调解成功率") \
    /* ------------------------------------------------------------- crime */ \
    X(CR_BY_SECTION, "Offences by county and ICCS section", "分县分类犯罪起数（ICCS类别）") \
    X(CR_SECTIONS, "ICCS sections: {1}", "ICCS类别：{1}") \
    X(CR_REGISTER, "Register of cross-regional cases ({1})", "跨区域案件登记（{1}件）") \
    X(CR_REGISTER_NONE, "No cross-regional case has records in {1}.", \
      "{1}年无跨区域案件记录。") \
    X(CR_REGISTER_CAP, "The register shows the first {1} of {2} cases (by reference).", \
      "登记表仅列出前{1}件（共{2}件，按编号排序）。") \
    X(CR_REF, "Reference", "跨区案件编号") \
    X(CR_CATEGORY, "ICCS section", "案件类别") \
    X(CR_FIRST, "First reported", "最早立案日期") \
    X(CR_COUNTIES, "Counties (offences)", "涉及县区（犯罪起数）") \
    X(CR_TOTAL_OFF, "Offences", "犯罪起数") \
    X(CR_LOSS, "Loss (yuan)", "损失金额（元）") \
    X(CR_RECOVERED, "Recovered (yuan)", "挽回损失（元）") \
    X(CR_STATUS, "Status", "状态") \
    X(CR_LEAD, "Lead county", "主办县区") \
    X(CR_ASSIST, "Assisting counties", "协办县区") \
    X(CR_UNCONFIRMED, "Named, no record", "被列出但未报送") \
    X(CR_DESCRIPTION, "Description (the lead county's own words)", "案情（主办县区记录原文）") \
    X(CR_DESC_OF, "{1}'s record: {2}", "{1}记录：{2}") /* another county's words */ \
    X(CR_REG_NOTE, "One row per cross_ref with records in {1}. County columns: offences each " \
                   "county recorded. Lead: the county recording the most offences (then the " \
                   "earliest report, then the lowest code). Assisting: counties named in " \
                   "assisted_by, other than the lead. Status: the least advanced of the " \
                   "records (open, solved, closed).", \
      "每个跨区案件编号一行（{1}年有记录的），括号内为各县记录的犯罪起数。主办县区：" \
      "记录起数最多的县（相同时取立案最早、再取代码最小者）；协办县区：各记录“协助县区”" \
      "中除主办县外的县；状态：各记录中进展最少者（在侦、已破、已结）。") \
    X(CR_MIXED, "{1} (records disagree)", "{1}（各县记录不一致）") \
    /* ---------------------------------------------------------- disputes */ \
    X(DI_BY_TYPE, "Disputes by county and type", "分县分类型纠纷数") \
    X(DI_BY_LEVEL, "Disputes by county and mediation level", "分县分调解层级纠纷数") \
    X(DI_OUTCOMES, "Outcomes and time to close", "调解结果与办理时长") \
    X(DI_RATE, "Resolution rate", "调解成功率") \
    X(DI_MEDIAN, "Median days to close", "办结天数中位数") \
    X(DI_CROSS, "Cross-border disputes", "跨界纠纷") \
    /* ------------------------------------------------------- cooperation */ \
    X(CP_BY_KIND, "Activities by county and kind", "分县分类型协作活动") \
    X(CP_KIND_NOTE, "A county's activities are those it reported; the zone counts a joint " \
                    "activity (joint_ref) once.", \
      "各县为本县报送的活动；片区同一联合编号的活动只计一次。") \
    X(CP_MATRIX, "Cooperation matrix: activities in which both counties took part", \
      "协作矩阵：两县共同参与的协作活动数") \
    X(CP_ASSIST, "Assistance matrix: case records of the column county in which the row " \
                 "county assisted", \
      "协助矩阵：行县协助列县办理的刑事案件记录数") \
    X(CP_ROW_TOTAL, "Assisted, total", "协助合计") \
    X(CP_COL_TOTAL, "Received help", "获协助合计") \
    X(CP_CHART, "Cooperation activities by county, {1}", "{1}年各县协作活动数") \
    /* ------------------------------------------------------------ trends */ \
    X(TR_ZONE, "Headline figures of the zone by year", "片区主要指标（历年）") \
    X(TR_COUNTY, "Offences per 10,000 residents by county", "各县每万人犯罪起数（历年）") \
    X(TR_CHART_COUNTS, "Cases, disputes and cooperation activities", "案件、纠纷与协作活动") \
    X(TR_CHART_RATES, "Clearance, resolution and recovery rates", "破案率、调解成功率与挽损率") \
    X(TR_CHART_MONEY, "Loss and recovered (10,000 yuan)", "损失与挽回金额（万元）") \
    X(TR_MONEY, "Losses and amounts recovered by year, 10,000 yuan", "历年损失与挽回金额（万元）") \
    X(TR_CHART_COUNTY, "Offences per 10,000 residents", "每万人犯罪起数") \
    X(TR_NO_YEAR, "no records", "无数据") \
    /* ---------------------------------------------------- reconciliation */ \
    X(RC_NO, "No.", "序号") \
    X(RC_KIND, "Finding", "问题类型") \
    X(RC_TABLE, "Table", "数据类别") \
    X(RC_REF, "Reference", "编号") \
    X(RC_COUNTIES, "Counties involved", "涉及县区") \
    X(RC_MISSING, "Without a record", "未报送记录的县区") \
    X(RC_RECORDS, "Records (county:id)", "相关记录（县区代码:记录编号）") \
    X(RC_TEXT, "What to check", "说明") \
    X(RC_NONE, "No reconciliation findings for {1}: every cross-regional case and joint " \
               "activity agrees across counties.", \
      "{1}年未发现核对问题：各跨区案件和联合活动在各县记录一致。") \
    X(RC_K_UNCONFIRMED, "Unconfirmed case", "案件未获确认") \
    X(RC_K_CATEGORY, "Categories disagree", "案件类别不一致") \
    X(RC_K_KIND, "Kinds disagree", "活动类型不一致") \
    X(RC_K_DATES, "Dates too far apart", "活动日期相差过大") \
    X(RC_K_INCOMPLETE, "Fewer records than declared", "记录少于申报数") \
    X(RC_K_SURPLUS, "More records than declared", "记录多于申报数") \
    X(RC_K_DECLARED_ZERO, "Zero report with records", "零报告但有记录") \
    /* ----------------------------------------------------------- sources */ \
    X(SO_BEHIND, "Files behind the figures (live records)", "指标所依据的文件（现行记录）") \
    X(SO_FILE, "File", "文件") \
    X(SO_FORMAT, "Format", "格式") \
    X(SO_ENCODING, "Encoding", "编码") \
    X(SO_SHA, "SHA-256", "SHA-256") \
    X(SO_IMPORT, "Import", "导入批次") \
    X(SO_TIME, "Imported at (UTC)", "导入时间（UTC）") \
    X(SO_SIZE, "Bytes", "字节数") \
    X(SO_HISTORY, "Import history", "导入历史") \
    X(SO_STATE, "State", "状态") \
    X(SO_LIVE, "live", "现行") \
    X(SO_SUPERSEDED, "superseded", "已被替换") \
    X(SO_REVERTED, "reverted {1}", "已于{1}撤销") \
    X(SO_REPLACED, "Replaced", "替换了") \
    X(SO_REPLACED_VAL, "import {1} ({2} records)", "第{1}批（{2}条）") \
    X(SO_NOSCAN, "The warehouse holds {1} records: files are not matched to counties here " \
                 "(see the import history below and `forumstat history`).", \
      "数据仓库共有{1}条记录，此处不再逐文件核对县区（见下方导入历史及 forumstat history）。") \
    X(SO_ENC_NONE, "–", "–") \
    X(SO_DECLARED_HEAD, "Declared record counts against the records held, {1}", \
      "{1}年申报记录数与实有记录数") \
    X(SO_DECLARED, "Declared", "申报数") \
    X(SO_HELD, "Held", "实有数") \
    X(SO_DECL_STATE, "Check", "核对") \
    X(SO_DECL_OK, "agrees", "一致") \
    X(SO_DECL_ZERO, "zero report", "零报告") \
    X(OV_ZERO, "0 (zero report)", "0（零报告）") \
    X(SO_DECL_NONE, "not declared", "未申报") \
    X(SO_DECL_NOTE, "A declared count (indicators declared_incidents, declared_disputes, " \
                    "declared_cooperation) of 0 is a zero report: the county had none, and its " \
                    "figures are 0. A count that differs from the records held is a finding " \
                    "(Reconciliation sheet).", \
      "申报数（指标 declared_incidents、declared_disputes、declared_cooperation）为0即零报告：" \
      "该县确无此类记录，其指标为0。申报数与实有记录数不一致的，列入“核对”表。") \
    /* ------------------------------------------------------- definitions */ \
    X(DF_METRIC, "Figure (metrics file)", "指标代码（metrics 文件）") \
    X(DF_NAME, "Name", "名称") \
    X(DF_HOW, "How it is computed", "计算方法") \
    X(DF_TABLE, "From", "数据来源") \
    X(DF_TOTALS, "Totals on the Counties sheet", "分县表合计方式") \
    X(DF_T_SUM, "sum of the county rows (formula)", "各县之和（公式）") \
    X(DF_T_DEDUP, "value: shared references counted once", "计算值：共享编号只计一次") \
    X(DF_T_RATIO, "value: rate of the scope's totals", "计算值：按合计数计算的比率") \
    X(DF_T_OTHER, "value", "计算值") \
    X(DF_YOY, "Every figure F except the two matrices and the coverage counts also has " \
              "F_yoy_pct = (F(Y) − F(Y−1)) / F(Y−1) × 100, empty when F(Y−1) is 0 or a value is " \
              "missing; the four percentages change in percentage points instead: F_yoy_pp = " \
              "F(Y) − F(Y−1). A change is empty (\"not comparable\") when the counties having " \
              "the figure's table (ind_*: the indicator) differ between the two years.", \
      "除两个矩阵和覆盖县区数外，每项指标 F 另有同比 F_yoy_pct = (F(Y) − F(Y−1)) / F(Y−1) × 100，" \
      "上年为0或缺值时为空；四项比率改用百分点：F_yoy_pp = F(Y) − F(Y−1)（个百分点）。" \
      "两年有该类数据（指标：该指标）的县区不同时，同比为空（“不可比”）。") \
    X(DF_NODATA, "No data is not zero: a scope has the figures of a table only when one of its " \
                 "counties sent records of that table for the year, or a zero report (a " \
                 "declared count of 0: its figures are 0). counties_T says how many of the " \
                 "scope's counties a figure covers.", \
      "未报送不等于零：某范围内至少有一个县报送了该类数据或零报告（申报数为0，其指标为0），" \
      "才有该类指标。counties_T 为指标覆盖的县区数。") \
    X(DF_SCOPES, "Scopes: each member county, each province (code), and the whole zone (ALL).", \
      "统计范围：各成员县区、各省（省代码）及片区（ALL）。") \
    /* -------------------------------------------------- metric labels */ \
    X(M_CASES, "Cases", "案件数") \
    X(M_INCIDENTS, "Case records", "案件记录数") \
    X(M_OFFENSES, "Offences", "犯罪起数") \
    X(M_PER10K, "Offences per 10,000 residents", "每万人犯罪起数") \
    X(M_CROSS, "Cross-regional cases", "跨区域案件") \
    X(M_CROSS_SHARE, "Cross-regional share", "跨区域案件占比") \
    X(M_SOLVED, "Solved", "破案数") \
    X(M_CLEARANCE, "Clearance rate", "破案率") \
    X(M_LOSS, "Loss (yuan)", "损失金额（元）") \
    X(M_RECOVERED, "Recovered (yuan)", "挽回损失（元）") \
    X(M_RECOVERY, "Recovery rate", "挽损率") \
    X(M_SUSPECTS, "Suspects", "嫌疑人数") \
    X(M_ARRESTED, "Arrested", "抓获人数") \
    X(M_DISPUTES, "Disputes", "矛盾纠纷数") \
    X(M_RESOLVED, "Resolved", "调解成功数") \
    X(M_RESOLUTION, "Resolution rate", "调解成功率") \
    X(M_CROSS_DISPUTES, "Cross-border disputes", "跨界纠纷") \
    X(M_MEDIAN, "Median days to close", "办结天数中位数") \
    /* activities_joint_mediation and disputes_level_joint: both "联合调解" \
     * in the standard's codes (a kind, a level), named apart as figures */ \
    X(M_JOINT_MED, "Joint mediation activities", "联合调解活动") \
    X(M_LEVEL_JOINT, "Disputes mediated jointly", "联合调解的纠纷") \
    X(M_ACTIVITIES, "Cooperation activities", "协作活动") \
    X(M_FUGITIVES, "Fugitives caught", "抓获逃犯") \
    X(M_CLUES, "Clues verified", "核查线索") \
    X(M_PARTICIPANTS, "Participants", "参与人次") \
    X(M_COOP_WITH, "Activities with {1}", "与{1}协作") \
    X(M_ASSIST_OF, "Assisted {1}", "协助{1}") \
    X(M_YOY, "{1}, change on the previous year", "{1}同比") \
    /* ------------------------------------------------ ICCS, short */ \
    X(ICCS_01, "01 Homicide", "01 致人死亡") \
    X(ICCS_02, "02 Harm to persons", "02 伤害") \
    X(ICCS_03, "03 Sexual", "03 性侵害") \
    X(ICCS_04, "04 Robbery", "04 暴力侵财") \
    X(ICCS_05, "05 Property", "05 侵犯财产") \
    X(ICCS_06, "06 Drugs", "06 毒品") \
    X(ICCS_07, "07 Fraud", "07 诈骗腐败") \
    X(ICCS_08, "08 Public order", "08 妨害秩序") \
    X(ICCS_09, "09 Public safety", "09 危害安全") \
    X(ICCS_10, "10 Environment", "10 破坏环境") \
    X(ICCS_11, "11 Other", "11 其他") \
    /* ====================================== the charts and the briefing */ \
    X(NA, "no data", "无数据") \
    X(OTHER, "Other", "其他") \
    X(OTHER_INCLUDES, "\"{1}\" includes: {2}", "“{1}”含：{2}") \
    X(OTHER_ALSO, "\"{1}\" also includes: {2}", "“{1}”还包括：{2}") \
    X(NO_FIGURES, "No figures for this chart.", "本图暂无数据。") \
    X(FORUM, "{1}, {2} annual forum", "{1}第{2}届年度论坛") \
    X(FORUM_NO_ORDINAL, "{1} annual forum", "{1}年度论坛") \
    X(SOURCE, \
      "Source: county submissions · {1} · data year {2}", \
      "来源：各县（市）报送数据 · {1} · 数据年份 {2}") \
    X(FOOTER, "{1} · data briefing {2}", "{1} · {2}年度数据简报") \
    X(OFF_TITLE, "Offences per 10,000 residents by county", "各县（市）每万人犯罪起数") \
    X(OFF_SUB_BOTH, "{1} beside {2}", "{1}年与{2}年对比") \
    X(OFF_SUB_ONE, "{1} (no figures for {2})", "{1}年（无{2}年数据）") \
    X(OFF_AXIS, "Offences per 10,000 residents", "每万名常住人口犯罪起数") \
    X(OFF_TAKE_CHANGE, \
      "Compared with {1}, offences per 10,000 residents fell in {2} counties{4} " \
      "and rose in {3}.", \
      "与{1}年相比，{2}个县（市）每万人犯罪起数下降，{3}个上升{4}。") \
    X(OFF_TAKE_NOPRIOR, \
      "There are no figures for {1}: the chart shows {2} only.", \
      "没有{1}年的数据，图中只有{2}年。") \
    X(TAKE_HIGH_LOW_ZONE, \
      "Highest: {1} ({2}); lowest: {3} ({4}); zone {5}{6}.", \
      "最高：{1}（{2}）；最低：{3}（{4}）；片区{5}{6}。") \
    X(TAKE_NODATA, "No data: {1}.", "无数据：{1}。") \
    X(CH_NODATA, "No data for {1}: {2}.", "{1}年未报送：{2}。") \
    X(XR_SUB_RANGE, "The zone, {1}–{2}", "{1}—{2}年，片区合计") \
    X(XR_SUB_ONE, "The zone, {1}", "{1}年，片区合计") \
    X(XR_SHARE, "Share of all cases", "占全部案件的比例") \
    X(XR_NOTE, \
      "A cross-regional case involves two or more counties and is counted once " \
      "(one cross-regional reference); a province counts the cases its own " \
      "counties reported; share = cross-regional cases ÷ all cases of the " \
      "same scope (zone or province).", \
      "跨区域案件：两个及以上县（市）共同涉及的同一案件，按跨区" \
      "案件编号只计一次；各省只计本省县（市）报送的案件；比例 = " \
      "跨区域案件 ÷ 同一范围（片区或该省）的全部案件。") \
    X(XR_TAKE_PRIOR, \
      "Cross-regional cases in the zone in {1}: {2}{6} ({4} in {3}), {5} of all " \
      "cases.", \
      "{1}年片区跨区域案件{2}件{6}（{3}年{4}件），占全部案件的{5}。") \
    X(XR_TAKE, \
      "Cross-regional cases in the zone in {1}: {2}{4}, {3} of all cases.", \
      "{1}年片区跨区域案件{2}件{4}，占全部案件的{3}。") \
    X(XR_TAKE_PROV, \
      "The province with the most: {1} ({2}{3}).", \
      "涉及跨区域案件最多的省份：{1}（{2}件{3}）。") \
    X(XR_TAKE_PROVS, \
      "The provinces with the most: {1} ({2} each).", \
      "涉及跨区域案件最多的省份：{1}（各{2}件）。") \
    X(XR_TAKE_NONE, \
      "No figures on cross-regional cases for {1}.", \
      "{1}年没有跨区域案件的数据。") \
    X(DI_TITLE, "Disputes by type per county", "各县（市）矛盾纠纷类型（件）") \
    X(DI_TITLE_PCT, "Disputes by type per county (share)", "各县（市）矛盾纠纷类型构成") \
    X(DI_SUB, "Disputes received in {1}", "{1}年受理的矛盾纠纷") \
    X(DI_AXIS, "Disputes", "纠纷件数") \
    X(DI_AXIS_PCT, "Share of the county's disputes", "占本县（市）纠纷总数的比例") \
    X(DI_TAKE_TYPES, \
      "Disputes received in {1}: {2}{7}; most common: {3} ({4}), {5} ({6}).", \
      "{1}年片区受理矛盾纠纷{2}件{7}，最多的类型是{3}（{4}）和{5}（{6}）" \
      "。") \
    X(DI_TAKE_TYPE, \
      "Disputes received in {1}: {2}{5}; most common: {3} ({4}).", \
      "{1}年片区受理矛盾纠纷{2}件{5}，最多的类型是{3}（{4}）。") \
    X(DI_TAKE_MOST, "{1} received the most ({2}).", "受理纠纷最多的是{1}（{2}件）。") \
    X(DI_TAKE_LEAD, \
      "{1} is the largest type in {2} of the {3} counties with figures.", \
      "在有数据的{3}个县（市）中，{2}个以“{1}”为最多的纠纷类型。") \
    X(DI_TAKE_LEAD_ALL, \
      "{1} is the largest type in all {2} counties with figures.", \
      "有数据的全部{2}个县（市）都以“{1}”为最多的纠纷类型。") \
    X(DI_TAKE_RANGE, \
      "Its share ranges from {1} ({2}) to {3} ({4}).", \
      "其占比从{1}（{2}）到{3}（{4}）不等。") \
    X(DI_TAKE_NONE, "No figures on disputes for {1}.", "{1}年没有矛盾纠纷的数据。") \
    X(ME_TITLE, "Mediation resolution rate", "人民调解成功率") \
    X(ME_SUB, \
      "By county, {1}, highest first; dashed line: the zone as a whole", \
      "{1}年各县（市），由高到低；虚线为片区水平") \
    X(ME_TAKE, \
      "The zone resolved {1}{4} of its disputes; {2} of the {3} counties with " \
      "figures are at or above that rate.", \
      "片区人民调解成功率{1}{4}，有数据的{3}个县（市）中{2}个达到或高" \
      "于片区水平。") \
    X(TAKE_HIGH_LOW, \
      "Highest: {1} ({2}); lowest: {3} ({4}).", \
      "最高：{1}（{2}）；最低：{3}（{4}）。") \
    X(CO_NOTE, \
      "Each cell counts the activities both counties took part in, whoever " \
      "recorded them, so a pair may exceed what one county recorded itself " \
      "(annex, Activities).", \
      "每格是两县（市）共同参与的协作活动数，不论由哪一方记录，" \
      "因此可大于某县（市）自己记录的活动数（附表“协作活动”）" \
      "。") \
    X(CO_TITLE, "Cooperation between counties", "县际协作矩阵") \
    X(CO_SUB, \
      "Activities two counties took part in together, {1} (each pair shown " \
      "once)", \
      "{1}年两县（市）共同参与的协作活动数（每对县只显示一次）") \
    X(CO_ROWS, "County", "县（市）") \
    X(CO_COLS, "Partner county", "协作县（市）") \
    X(CO_LEGEND, "Activities", "协作活动数") \
    X(CO_TAKE_PAIR, \
      "The closest partners: {1} and {2} (joint activities: {3}).", \
      "协作最多的两县（市）：{1}与{2}（{3}次）。") \
    X(CO_TAKE_TOTAL, \
      "Cooperation activities in the zone in {1}: {2}{3}.", \
      "{1}年片区协作活动共{2}次{3}。") \
    X(CO_TAKE_NONE, \
      "No activity in {1} involved two counties.", \
      "{1}年没有县际共同参与的协作活动。") \
    X(AS_TITLE, "Assistance on cases", "案件协助流向") \
    X(AS_SUB, \
      "{1}: who helped whom; rows help, columns are helped", \
      "{1}年，谁协助了谁：每行是提供协助的县（市），每列是受协助" \
      "的县（市）") \
    X(AS_SUB_MAP, \
      "{1}: who helped whom (incident records); counties from west to east", \
      "{1}年，谁协助了谁（刑事案件记录数）；各县（市）自西向东排" \
      "列") \
    X(AS_NOTE, \
      "Arcs run clockwise: above from left to right, below from right to left; " \
      "colour = the helping county, arrowhead = the county helped", \
      "弧线按顺时针方向：上方由左向右，下方由右向左；颜色 = 提供" \
      "协助的县（市），箭头指向受协助的县（市）") \
    X(AS_LEGEND, "Incident records", "刑事案件记录数") \
    X(AS_TAKE_HELPER, \
      "{1} helped the most (records of other counties: {2}); {3} was helped " \
      "the most ({4}).", \
      "协助其他县（市）最多的是{1}（{2}条记录），受协助最多的是{3}" \
      "（{4}条）。") \
    X(AS_TAKE_SAME, \
      "{1} both helped the most (records of other counties: {2}) and was " \
      "helped the most ({3}).", \
      "{1}协助其他县（市）最多（{2}条记录），受协助也最多（{3}条）" \
      "。") \
    X(AS_TAKE_FLOW, \
      "The largest flow: {1} helping {2} (records: {3}).", \
      "最大的一条流向：{1}协助{2}（{3}条）。") \
    X(AS_TAKE_NONE, \
      "No assistance between counties was recorded in {1}.", \
      "{1}年没有县际协助的记录。") \
    X(CL_TITLE, "Clearance rate by county", "各县（市）破案率") \
    X(CL_SUB, \
      "{1}, highest first; dashed line: the zone as a whole", \
      "{1}年，由高到低；虚线为片区水平") \
    X(CL_AXIS, "Rate", "比例") \
    X(CL_ZONE, "Zone clearance rate", "片区破案率") \
    X(CL_TAKE_CLEAR, \
      "Clearance rates range from {1} ({2}) to {3} ({4}); zone {5}{6}.", \
      "破案率从{1}（{2}）到{3}（{4}），片区{5}{6}。") \
    X(CL_TAKE_RECOV, \
      "Recovery rate: zone {1}{4}, highest {2} ({3}).", \
      "片区挽损率{1}{4}，最高的是{2}（{3}）。") \
    X(TI_TITLE, "{1} at a glance", "{1}年主要指标") \
    X(TI_COMPARE, "vs {1}", "较{1}年") \
    X(TI_NO_PREV, "no {1} figures to compare", "无{1}年数据可比") \
    X(TI_POINTS, "pp", "个百分点") \
    X(TI_OFF, "Offences per 10,000 residents", "每万人犯罪起数") \
    X(TI_DISP, "Disputes received", "受理矛盾纠纷") \
    X(HX_TITLE, \
      "The counties as they lie: offences per 10,000 residents", \
      "各县（市）示意图：每万人犯罪起数") \
    X(HX_TITLE_FIG, "The counties as they lie: {1}", "各县（市）示意图：{1}") \
    X(HX_SUB, \
      "{1}; tiles show where the counties lie relative to each other, not a " \
      "precise map", \
      "{1}年；六边形示意各县（市）的相对位置，不是精确地图") \
    X(HX_SUB_PARTIAL, \
      "{1}; the counties in the bottom row have no position in the zone file " \
      "(hex lines)", \
      "{1}年；最下一行的县（市）在区域配置文件中没有位置（hex " \
      "行）") \
    X(HX_SUB_NONE, \
      "{1}; the zone file gives no positions (hex lines): counties in code " \
      "order", \
      "{1}年；区域配置文件没有给出各县（市）的位置（hex " \
      "行），按代码顺序排列") \
    X(HX_LEGEND, "Offences per 10,000", "每万人犯罪起数") \
    X(HX_NORTH, "N", "北") \
    X(HX_TAKE, \
      "Darker tiles mean higher values: highest {1} ({2}), lowest {3} ({4}).", \
      "颜色越深数值越高：最高的是{1}（{2}），最低的是{3}（{4}）。") \
    X(BR_SUBTITLE, \
      "{1} annual forum · data briefing {2}", \
      "第{1}届年度论坛 · {2}年度数据简报") \
    X(BR_SUBTITLE_NO_ORD, "Data briefing {1}", "{1}年度数据简报") \
    X(BR_DATE, "Host: {1} · {2}", "东道主：{1} · {2}") \
    X(BR_DATE_NO_HOST, "{1}", "{1}") \
    X(BR_PAGE_PRE, "Page ", "第") \
    X(BR_PAGE_SUF, "", "页") /* one form, no spaces (第2页 … 第20页) */ \
    X(BR_TAB_TITLE, "Annex: key figures by county, {1}", "附表：各县（市）主要指标（{1}年）") \
    X(BR_TAB_NOTE, \
      "Source: county submissions. “No data”: the county sent no records " \
      "of that kind, or a rate has a zero denominator.", \
      "来源：各县（市）报送数据。“无数据”：该县（市）未报送相" \
      "应数据，或比率的分母为零。") \
    X(BR_H_DISP, "Disputes", "受理纠纷") \
    X(BR_H_ACT, "Activities", "协作活动") \
    X(COV_SHORT, " ({1})", "（{1}）") \
    X(COV_INNER, ", {1}", "，{1}") /* coverage inside brackets: (10, 2 of 3 counties) */ \
    X(XR_TAKE_NC, \
      "Cross-regional cases in the zone in {1}: {2}{6}, {5} of all cases; {3}: {4}, " \
      "{7}.", \
      "{1}年片区跨区域案件{2}件{6}，占全部案件的{5}；{3}年{4}件，{7}。") \
    X(NC_NOTE, "{1} {2}.", "{1}{2}。") /* "Zone not comparable: 2024: …" */ \
    /* one county with the figure: no "highest A, lowest A" (user trial) */ \
    X(TAKE_ONE, "Only {1} has the figure ({2}).", "只有{1}有此项数据（{2}）。") \
    X(TAKE_ONE_ZONE, \
      "Only {1} has the figure ({2}); zone {3}{4}.", \
      "只有{1}有此项数据（{2}）；片区{3}{4}。") \
    X(CL_TAKE_ONE, \
      "Only {1} has a clearance rate ({2}); zone {3}{4}.", \
      "只有{1}有破案率数据（{2}），片区{3}{4}。") \
    X(LO_TAKE_ONE, "Recovery rate: only {1} has one ({2}).", "挽损率：只有{1}有数据（{2}）。") \
    X(RS_TAKE_GRID_ONE, \
      "Grid members per 10,000 residents: zone {1}{4}; only {2} has the figure ({3}).", \
      "每万人网格员：片区{1}人{4}，只有{2}有数据（{3}）。") \
    X(RS_TAKE_VIDEO_ONE, \
      "Video devices added per 10,000 residents: zone {1}{4}; only {2} has the figure " \
      "({3}).", \
      "每万人新增视频设备：片区{1}台{4}，只有{2}有数据（{3}）。") \
    X(TR_COVERAGE, "Years not covering every county: {1}.", "未覆盖全部县（市）的年份：{1}。") \
    X(DQ_AGREE, \
      "{1} of {2} declared counts agree with the records held", \
      "{2}项申报记录数中{1}项与实收一致") \
    X(DQ_ZERO, "{1}; zero reports (declared 0): {2}", "{1}；零报告（申报为0）：{2}") \
    X(BR_DATA_AS_OF, "Data as of {1}", "数据截至{1}") \
    X(BR_FORUM_DATE, "Forum: {1}", "论坛日期：{1}") \
    X(DAGGER_XR, \
      "† The zone counts each cross-regional case once; a case involving " \
      "several counties counts once in each of them, so the counties add up to " \
      "more than the zone.", \
      "† 片区合计中每件跨区域案件只计一次；一案涉及几个县（市" \
      "），就在几个县（市）各计一次，故各县（市）之和大于合计。") \
    X(DAGGER_ACT, \
      "‡ The zone counts each joint activity (one joint reference) once; " \
      "each county counts the activities it recorded, so the counties add up " \
      "to more than the zone. The cooperation matrix counts activities two " \
      "counties both took part in, whoever recorded them, so a pair may exceed " \
      "what one county recorded.", \
      "‡ 片区合计中每项联合活动（同一联合编号）只计一次，各县" \
      "（市）各自计入本县记录的活动，故各县（市）之和大于合计；" \
      "县际协作矩阵统计的是两县（市）共同参与的活动，不论由哪一" \
      "方记录，因此可大于单个县（市）自己记录的活动数。") \
    X(OFF_SUB_ZONE, \
      "{1} beside {2}; the zone on the right", \
      "{1}年与{2}年对比；最右为片区合计") \
    X(XR_NOTE_PROV, \
      "Cases involving each province (a case involving several provinces " \
      "counts in each, so the provinces add up to more than the zone): {1}.", \
      "各省涉及的案件（一案涉及几个省就在几个省各计一次，故各省" \
      "之和大于片区）：{1}。") \
    X(XR_PROV_ITEM, "{1} {2}", "{1}{2}件") \
    X(CAT_TITLE, "Offences by category (ICCS)", "犯罪类别（国际犯罪分类ICCS）") \
    X(CAT_SUB, \
      "Offences in the zone in {1}, largest first", \
      "{1}年片区各类犯罪起数，由多到少") \
    X(CAT_TAKE, \
      "Largest category: {1} ({2}, {3} of all offences{4}).", \
      "最多的类别：{1}（{2}起，占{3}{4}）。") \
    X(CAT_TAKE2, "Next: {1} ({2}).", "其次：{1}（{2}起）。") \
    X(TR_TITLE, "Headline figures over three years", "主要指标三年走势") \
    X(TR_HOLLOW, \
      "{1} Hollow points: figures not comparable with the other years.", \
      "{1}空心点：该年数据与其他年份不可比。") \
    X(TR_ZOOM, \
      "Each panel has its own scale; the axes of the rates do not start at 0.", \
      "各图纵轴刻度各不相同；比率类图的纵轴不从0开始。") \
    X(TR_TITLE2, "Headline figures over two years", "主要指标两年走势") \
    X(TR_TITLE1, "Headline figures, {1}", "{1}年主要指标") \
    X(TR_SUB, "The zone, {1}–{2}", "片区，{1}—{2}年") \
    X(TR_TAKE, "Compared with {1}, {2}.", "与{1}年相比，{2}。") \
    X(TR_TAKE_ONE, \
      "Figures for {1} only: trends show from next year.", \
      "只有{1}年的数据，走势从明年起可见。") \
    X(TR_UP, "{1} up", "{1}上升") \
    X(TR_DOWN, "{1} down", "{1}下降") \
    X(TR_SAME, "{1} unchanged", "{1}持平") \
    X(TR_NC, "{1} not comparable", "{1}不可比") \
    X(CH_TITLE, "Change in offences per 10,000 residents", "每万人犯罪起数的变化") \
    X(CH_SUB, "By county, {1} (grey) → {2} (blue)", "各县（市），{1}年（灰）→{2}年（蓝）") \
    X(CH_TAKE, \
      "Compared with {1}, the rate fell in {2} counties{4} and rose in {3}.", \
      "与{1}年相比，{2}个县（市）下降，{3}个上升{4}。") \
    X(CH_SAME, ", stayed the same in {1}", "，{1}个持平") \
    X(CH_TAKE2, "Largest fall: {1} ({2} → {3}).", "降幅最大：{1}（{2}→{3}）。") \
    X(LO_TITLE, "Losses and amounts recovered", "案件损失与挽回金额") \
    X(LO_SUB, "By county, {1}, in 10,000 yuan", "{1}年各县（市），单位：万元") \
    X(LO_LOSS, "Losses", "损失金额") \
    X(LO_RECOV, "Recovered", "挽回金额") \
    X(LO_TAKE, \
      "Zone losses {1} and recovered {2} (10,000 yuan){4}: recovery rate {3}.", \
      "片区损失{1}万元，挽回{2}万元，挽损率{3}{4}。") \
    X(LO_TAKE2, \
      "Highest recovery rate: {1} ({2}); lowest: {3} ({4}).", \
      "挽损率最高：{1}（{2}）；最低：{3}（{4}）。") \
    X(AC_TITLE, "Cooperation activities by kind", "协作活动类型") \
    X(AC_SUB, "Activities in the zone in {1}, largest first", "{1}年片区协作活动数，由多到少") \
    X(AC_TAKE, \
      "Cooperation activities in {1}: {2}{5}; the most common kind: {3} ({4}).", \
      "{1}年片区协作活动{2}次{5}，最多的是{3}（{4}次）。") \
    X(AC_NOTE, \
      "A joint activity (one joint reference) counts once.", \
      "联合活动（同一联合编号）只计一次。") \
    X(LV_TITLE, "Disputes by mediation level", "矛盾纠纷调解层级") \
    X(LV_SUB, \
      "Disputes received in {1} by mediation level, from village to court", \
      "{1}年片区受理的矛盾纠纷，按调解层级（由基层到司法）") \
    X(LV_TAKE, \
      "{1} of the disputes were handled at {2} level ({3}{4}).", \
      "{1}的纠纷在“{2}”一级调解（{3}件{4}）。") \
    X(AS_ROWS, "Helping county", "提供协助的县（市）") \
    X(AS_COLS, "County helped", "受协助的县（市）") \
    X(AS_NOTE2, \
      "Each row: incident records on which that county helped the county of " \
      "the column.", \
      "每行：该县（市）协助其他县（市）的刑事案件记录数；每列：" \
      "受协助的县（市）。") \
    X(ME_NOTE, \
      "The axis does not start at 0: the rates are close, and from 0 no " \
      "difference would show.", \
      "横轴不从0开始：各县（市）的成功率相差不大，从0开始会看不" \
      "出差别。") \
    X(CL_NOTE, \
      "Clearance rate = cases solved ÷ cases recorded; the axis does not " \
      "start at 0.", \
      "破案率 = 破获案件数 ÷ 立案数；横轴不从0开始。") \
    X(DQ_TITLE, "Data quality, {1}", "数据质量（{1}年）") \
    X(DQ_H_ITEM, "Kind", "类别") \
    X(DQ_H_WHAT, "Concerns", "对象") \
    X(AC_TAKE2, "Next: {1} ({2}).", "其次：{1}（{2}次）。") \
    X(DQ_H_DETAIL, "Details", "情况") \
    X(DQ_COVERAGE, "Coverage", "报送覆盖") \
    X(DQ_ALL, "all {1} counties sent data", "{1}个县（市）均已报送") \
    X(DQ_MISSING, "{1} of {2} counties sent data; none from {3}", "{1}/{2}县已报送；未报送：{3}") \
    X(DQ_FINDING, "Reconciliation", "核对发现") \
    X(DQ_NO_FINDINGS, "no reconciliation findings", "跨县核对未发现问题") \
    X(DQ_DECLARED, "Declared vs held", "申报与实收") \
    X(DQ_DECL_NONE, "no county declared its record counts", "各县（市）未申报记录数") \
    X(DQ_NOTE, \
      "Findings are for the counties to check and correct; the report uses the " \
      "records held.", \
      "核对发现由各县（市）核实更正；报告仍按现有记录计算。") \
    X(DF_TITLE, "Definitions", "指标定义") \
    X(DF_H_DEF, "Definition", "定义") \
    X(RS_TITLE, \
      "Grid members and video devices added per 10,000 residents", \
      "每万人网格员与新增视频设备") \
    X(RS_SUB, "By county, {1}; the zone on the right", "{1}年各县（市）；最右为片区合计") \
    X(RS_AXIS, "Per 10,000 residents", "每万名常住人口") \
    X(RS_GRID, "Grid members", "网格员") \
    X(RS_VIDEO, "Video devices added", "新增视频设备") \
    X(RS_NOTE, \
      "Grid members: the grid members a county reported; video devices: those " \
      "added in the year; both ÷ resident population × 10,000. The zone " \
      "counts the counties that sent both.", \
      "网格员为各县（市）报送的网格员人数，视频设备为本年新增的" \
      "视频监控设备台数，均按每万名常住人口计；片区只计报送" \
      "了指标和常住人口的县（市）。") \
    X(RS_TAKE_GRID, \
      "Grid members per 10,000 residents: zone {1}{6}; highest {2} ({3}), lowest " \
      "{4} ({5}).", \
      "每万人网格员：片区{1}人{6}，最多的是{2}（{3}），最少的是{4}（{5}" \
      "）。") \
    X(RS_TAKE_VIDEO, \
      "Video devices added per 10,000 residents: zone {1}{6}; highest {2} ({3}), " \
      "lowest {4} ({5}).", \
      "每万人新增视频设备：片区{1}台{6}，最多的是{2}（{3}），最少的是" \
      "{4}（{5}）。") \
    X(DF_NOTE, /* {1}: the sheet's name, SHEET_DEFS */ \
      "The full catalogue of figures is in the workbook's sheet “{1}” and " \
      "metrics-dictionary.csv.", \
      "完整的指标目录见工作簿“{1}”表及 metrics-dictionary.csv。") \
    /* the definitions page of the briefing */ \
    X(DF_OFFENCES_TERM, "Offences per 10,000 residents", "每万人犯罪起数") \
    X(DF_OFFENCES, \
      "offences ÷ resident population × 10,000, over the counties that sent both", \
      "犯罪起数 ÷ 常住人口（万人）；只计既有案件记录又报送了常住人口的县（市）") \
    X(DF_CLEARANCE_TERM, "Clearance rate", "破案率") \
    X(DF_CLEARANCE, \
      "case records solved or closed ÷ all case records", \
      "已破已结的案件记录 ÷ 全部案件记录") \
    X(DF_RECOVERY_TERM, "Recovery rate", "挽损率") \
    X(DF_RECOVERY, \
      "amount recovered ÷ losses, from the amounts in yuan (the amounts are shown in 10,000 yuan)", \
      "挽回金额 ÷ 损失金额，按元计算（金额在图表中以万元显示）") \
    X(DF_CROSS_TERM, "Cross-regional case", "跨区域案件") \
    X(DF_CROSS, \
      "one case involving two or more counties: once for the zone, once in each county involved", \
      "两个及以上县（市）共同涉及的同一案件；片区只计一次，每个涉及的县（市）各计一次") \
    X(DF_CROSS_SHARE_TERM, "Share of cross-regional cases", "跨区域案件占比") \
    X(DF_CROSS_SHARE, \
      "cross-regional cases ÷ all cases of the same scope", \
      "跨区域案件 ÷ 同一范围的全部案件") \
    X(DF_MEDIATION_TERM, "Mediation resolution rate", "人民调解成功率") \
    X(DF_MEDIATION, \
      "disputes resolved ÷ disputes received", \
      "调解成功的纠纷 ÷ 受理的纠纷") \
    X(DF_ACTIVITIES_TERM, "Cooperation activities", "协作活动") \
    X(DF_ACTIVITIES, \
      "activities the counties recorded; a joint activity (one joint reference) counts once for the zone", \
      "各县（市）记录的协作活动；同一联合编号的联合活动在片区只计一次") \
    X(DF_PP_TERM, "Percentage points (pp)", "个百分点") \
    X(DF_PP, \
      "the difference of two percentages: 74.4% is 1.3 pp above 73.1%", \
      "两个百分比之差，如 74.4% 比 73.1% 高 1.3 个百分点") \
    X(DF_WAN_TERM, "10,000 yuan", "万元") \
    X(DF_WAN, \
      "the unit of money on the charts and tables, with two decimals", \
      "金额单位，1 万元 = 10,000 元，保留两位小数") \
    X(DF_COVERAGE_TERM, "6 of 7 counties", "6/7县") \
    X(DF_COVERAGE, \
      "a zone or province figure covering only the counties that sent that kind of data", \
      "片区或省的数字只含已报送该类数据的县（市）") \
    X(DF_NOT_COMPARABLE_TERM, "Not comparable", "不可比") \
    X(DF_NOT_COMPARABLE, \
      "the counties that sent that kind of data differ between the two years: no change is shown", \
      "两年报送该类数据的县（市）不同，不计算同比变化") \
    X(DF_NO_DATA_TERM, "No data", "无数据") \
    X(DF_NO_DATA, \
      "no records of that kind were sent, or a rate has a zero denominator; never 0", \
      "未报送相应数据，或比率的分母为零；不是 0") \
    X(AT_A_GLANCE, "At a glance", "主要指标") \
    X(DQ_DECLARED_HELD, "declared {1}, held {2}{3}", "申报 {1}，实收 {2}{3}") \
    X(DQ_DECL_OBJ, "Declared record counts", "申报记录数") \
    X(DQ_ALL_REFS, "Cross-regional records", "跨区域记录") \
    X(DQ_DIFFERS, " (differs)", "（不一致）") \
    X(DOT_JOIN, "{1} · {2}", "{1} · {2}") \
    X(VALUE_MARK, "{1} {2}", "{1} {2}") /* a total and its † or ‡ */ \
    X(TR_COVERAGE_ITEM, "{1} {2}: {3}", "{1}年{2}：{3}") \
    X(TR_COVERAGE_SEP, "{1}; {2}", "{1}；{2}")
/* clang-format on */

typedef enum fs_doc_label {
#define FS_DOC_LABEL_ID(id, en, zh) FS_L_##id,
    FS_DOC_LABELS(FS_DOC_LABEL_ID)
#undef FS_DOC_LABEL_ID
        FS_L_COUNT,
/* the same ids under the workbook's names (wb_int.h: fs_wb_label) */
#define FS_DOC_LABEL_WB(id, en, zh) FS_WB_L_##id = FS_L_##id,
    FS_DOC_LABELS(FS_DOC_LABEL_WB)
#undef FS_DOC_LABEL_WB
        FS_WB_L_COUNT = FS_L_COUNT
} fs_doc_label;

/* The label in a language; "" for an id out of range. Static storage. */
const char *fs_doc_label_text(fs_lang lang, fs_doc_label id);

#endif
