/*
 * wb_labels.h — every text the forum workbook shows, in English and
 * Chinese, in one table (an X-macro list: id, English, Chinese).
 *
 * The workbook code never writes a label literal: it asks fs_wb_l() for
 * an id (wb_text.c), and fills templates with fs_wb_fill(), whose "{1}",
 * "{2}" … placeholders are replaced by the caller's strings (no printf
 * formats, so a translation cannot crash the program; a unit test checks
 * that both languages use the same placeholders).  Sheet names must stay
 * valid Excel names: at most 31 characters, none of []:*?/\ (checked by
 * tests/unit/test_workbook.c).  County, province and enum names come from
 * the zone and schema tables, figure descriptions from the catalogue.
 */
#ifndef FS_WB_LABELS_H
#define FS_WB_LABELS_H

#define FS_WB_LABELS(X)                                                                            \
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
    X(OV_HEADLINE, "Headline figures of the zone", "全区主要指标") \
    X(OV_FIGURE, "Figure", "指标") \
    X(OV_CHANGE, "Change on {1}", "比{1}年增减") \
    X(OV_UNIT, "Unit", "单位") \
    X(OV_UNIT_WAN, "10,000 yuan", "万元") \
    X(OV_COVERAGE, "Records received for {1}", "{1}年数据报送情况（记录条数）") \
    X(OV_MISSING_LINE, "No {1} records from: {2}", "未报送{1}数据：{2}") \
    X(OV_ALL_SENT, "Every member county sent records of every table.", \
      "各成员县区均已报送全部四类数据。") \
    X(OV_CHANGE_NOTE, "▲ ▼ change on the previous year (rates in percentage points); blue = " \
                      "better, orange = worse, grey = neither; \"not comparable\": the two " \
                      "years cover different counties (see the note on the cell).", \
      "▲ ▼ 为比上年增减（比率为个百分点）；蓝色为向好，橙色为需关注，灰色为中性；" \
      "“不可比”：两年覆盖的县区不同（见单元格批注）。") \
    /* ------------------------------------------------------ common words */ \
    X(COUNTY, "County", "县区") \
    X(CODE, "Code", "代码") \
    X(PROVINCE, "Province", "省份") \
    X(TOTAL, "Total", "合计") \
    X(ZONE_TOTAL, "Zone", "全区合计") \
    X(SUBTOTAL, "{1} subtotal", "{1}小计") \
    X(NO_DATA, "no data", "未报送") \
    X(NO_VALUE, "–", "–") \
    X(NOT_COMPARABLE, "not comparable", "不可比") \
    X(COVER_LINE, "{1}: the figures of {2} cover fewer than all counties — {3}", \
      "{1}：{2}数据未覆盖全部县区——{3}") \
    X(COVER_HEAD, "Counties covered", "覆盖县区") \
    X(NOT_COMPARABLE_LINE, "{1}, change on {2}: {3}", "{1}比{2}年增减：{3}") \
    X(LIST_SEP, ", ", "、") \
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
      "† 同一跨区案件编号、联合编号在同一范围内只计一次：小计和全区数为计算值，不是上方各行之和。") \
    X(CO_NOTE_FORMULA, "Other totals are formulas over the county rows; rates of a subtotal or " \
                       "the zone are computed from its own totals.", \
      "其余合计为对各县数据求和的公式；小计和全区的比率按其自身合计数计算。") \
    X(CO_NOTE_NODATA, "“no data”: the county sent no records of that table for the year; " \
                      "“–”: no value (a rate whose base is zero).", \
      "“未报送”：该县本年度未报送该类数据；“–”：无数值（分母为零的比率）。") \
    X(CO_COMMENT_DEDUP, "Counted once across counties (shared references): the figure of the " \
                        "scope, not the sum of the rows above.", \
      "跨县共享编号只计一次：为本范围的指标值，不是上方各行之和。") \
    X(CO_COMMENT_RATIO, "Rate of this scope's own totals (see the sheet Definitions).", \
      "按本范围合计数计算的比率（见“指标说明”表）。") \
    X(CO_CHART_PER10K, "Offences per 10 000 residents, {1}", "{1}年每万人犯罪起数") \
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
    X(CR_DESCRIPTION, "Description (lead county's record)", "案情（主办县记录）") \
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
      "各县为本县报送的活动；全区同一联合编号的活动只计一次。") \
    X(CP_MATRIX, "Cooperation matrix: activities in which both counties took part", \
      "协作矩阵：两县共同参与的协作活动数") \
    X(CP_ASSIST, "Assistance matrix: case records of the column county in which the row " \
                 "county assisted", \
      "协助矩阵：行县协助列县办理的刑事案件记录数") \
    X(CP_ROW_TOTAL, "Assisted, total", "协助合计") \
    X(CP_COL_TOTAL, "Received help", "获协助合计") \
    X(CP_CHART, "Cooperation activities by county, {1}", "{1}年各县协作活动数") \
    /* ------------------------------------------------------------ trends */ \
    X(TR_ZONE, "Headline figures of the zone by year", "全区主要指标（历年）") \
    X(TR_COUNTY, "Offences per 10 000 residents by county", "各县每万人犯罪起数（历年）") \
    X(TR_CHART_COUNTS, "Cases, disputes and cooperation activities", "案件、纠纷与协作活动") \
    X(TR_CHART_RATES, "Clearance, resolution and recovery rates", "破案率、调解成功率与挽损率") \
    X(TR_CHART_MONEY, "Loss and recovered (10,000 yuan)", "损失与挽回金额（万元）") \
    X(TR_MONEY, "Losses and amounts recovered by year, 10,000 yuan", "历年损失与挽回金额（万元）") \
    X(TR_CHART_COUNTY, "Offences per 10 000 residents", "每万人犯罪起数") \
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
              "F(Y) − F(Y−1).  A change is empty (\"not comparable\") when the counties having " \
              "the figure's table (ind_*: the indicator) differ between the two years.", \
      "除两个矩阵和覆盖县区数外，每项指标 F 另有同比 F_yoy_pct = (F(Y) − F(Y−1)) / F(Y−1) × 100，" \
      "上年为0或缺值时为空；四项比率改用百分点：F_yoy_pp = F(Y) − F(Y−1)（个百分点）。" \
      "两年有该类数据（指标：该指标）的县区不同时，同比为空（“不可比”）。") \
    X(DF_NODATA, "No data is not zero: a scope has the figures of a table only when one of its " \
                 "counties sent records of that table for the year, or a zero report (a " \
                 "declared count of 0: its figures are 0).  counties_T says how many of the " \
                 "scope's counties a figure covers.", \
      "未报送不等于零：某范围内至少有一个县报送了该类数据或零报告（申报数为0，其指标为0），" \
      "才有该类指标。counties_T 为指标覆盖的县区数。") \
    X(DF_SCOPES, "Scopes: each member county, each province (code), and the whole zone (ALL).", \
      "统计范围：各成员县区、各省（省代码）及全区（ALL）。") \
    /* -------------------------------------------------- metric labels */ \
    X(M_CASES, "Cases", "案件数") \
    X(M_INCIDENTS, "Case records", "案件记录数") \
    X(M_OFFENSES, "Offences", "犯罪起数") \
    X(M_PER10K, "Offences per 10 000 residents", "每万人犯罪起数") \
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
    X(M_JOINT_MED, "Joint mediations", "联合调解") \
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
    X(ICCS_11, "11 Other", "11 其他")

/* Label ids: FS_WB_L_SHEET_OVERVIEW, … */
typedef enum fs_wb_label {
#define FS_WB_LABEL_ID(id, en, zh) FS_WB_L_##id,
    FS_WB_LABELS(FS_WB_LABEL_ID)
#undef FS_WB_LABEL_ID
    FS_WB_L_COUNT
} fs_wb_label;

#endif
