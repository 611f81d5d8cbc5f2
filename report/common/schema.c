/*
 * schema.c — the submission tables of the standard, as data (see schema.h).
 *
 * Section 2.3 of the submission standard, transcribed once.  Everything
 * that needs to know a column — header matching, validation, warehouse
 * DDL, templates, the data dictionary — reads these arrays.
 */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ENUM(v) (v), N(v)

/* clang-format off */ /* a table: one entry a line or two, aligned by hand */
static const fs_enum_value indicator_values[] = {
    {"population", "常住人口", "Resident population"},
    {"grid_members", "网格员", "Grid members"},
    {"grid_cells", "网格", "Grid cells"},
    {"video_devices_added", "新增视频设备", "Video devices added"},
    {"joint_police_stations", "联勤警务站", "Joint police stations"},
    {"risk_alerts", "风险预警推送", "Risk alerts pushed"},
    {"mediation_orgs", "调解组织", "Mediation organisations"},
    {"mediators", "调解员", "Mediators"},
    /* Declared record counts (standard §2.3, v2): how many records of a
     * table the county sends for the year; 0 is a zero report. */
    {"declared_incidents", "报送刑事案件数", "Declared incident records"},
    {"declared_disputes", "报送矛盾纠纷数", "Declared dispute records"},
    {"declared_cooperation", "报送协作活动数", "Declared cooperation records"},
};

/* ICCS level-1 sections; the Chinese names are labels only (codes are
 * what counties write). */
static const fs_enum_value iccs_values[] = {
    {"01", "致人死亡或意图致人死亡的行为", "Acts leading to death or intending to cause death"},
    {"02", "致人伤害或意图致人伤害的行为", "Acts causing harm or intending to cause harm to the person"},
    {"03", "性侵害行为", "Injurious acts of a sexual nature"},
    {"04", "涉及暴力或威胁的侵犯财产行为", "Acts against property involving violence or threat"},
    {"05", "仅侵犯财产的行为", "Acts against property only"},
    {"06", "涉及管制毒品的行为", "Acts involving controlled drugs"},
    {"07", "涉及欺诈、欺骗或腐败的行为", "Acts involving fraud, deception or corruption"},
    {"08", "妨害公共秩序、权威和国家的行为", "Acts against public order, authority and the state"},
    {"09", "危害公共安全和国家安全的行为", "Acts against public safety and state security"},
    {"10", "破坏自然环境的行为", "Acts against the natural environment"},
    {"11", "其他犯罪行为", "Other criminal acts"},
};

static const fs_enum_value status_values[] = {
    {"open", "在侦", "Open (under investigation)"},
    {"solved", "已破", "Solved"},
    {"closed", "已结", "Closed"},
};

static const fs_enum_value dispute_type_values[] = {
    {"family", "婚姻家庭", "Marriage and family"},
    {"neighborhood", "邻里", "Neighbourhood"},
    {"land", "土地", "Land"},
    {"labor", "劳动", "Labour"},
    {"contract", "合同债务", "Contract and debt"},
    {"traffic", "交通事故", "Traffic accident"},
    {"property", "房屋宅基地", "Housing and homestead"},
    {"environment", "环境", "Environment"},
    {"other", "其他", "Other"},
};

static const fs_enum_value level_values[] = {
    {"village", "村", "Village"},
    {"township", "乡镇", "Township"},
    {"county", "县", "County"},
    {"joint", "联合调解", "Joint mediation"},
    {"judicial", "司法确认", "Judicial confirmation"},
};

static const fs_enum_value outcome_values[] = {
    {"resolved", "调解成功", "Resolved"},
    {"pending", "在调", "Pending"},
    {"escalated", "上交", "Escalated"},
    {"litigation", "诉讼", "Litigation"},
};

static const fs_enum_value kind_values[] = {
    {"joint_patrol", "联合巡逻", "Joint patrol"},
    {"info_exchange", "信息互通", "Information exchange"},
    {"clue_verification", "线索核查", "Clue verification"},
    {"fugitive_pursuit", "追逃", "Fugitive pursuit"},
    {"remote_evidence", "异地取证", "Remote evidence collection"},
    {"joint_mediation", "联合调解", "Joint mediation"},
    {"joint_training", "联合培训", "Joint training"},
    {"meeting", "联席会议", "Joint meeting"},
    {"emergency_linkage", "应急联动", "Emergency linkage"},
};

/* Field order: name, alias, type, required, empty_value, min, values,
 * nvalues, leading_zero_optional, doc_en, doc_zh, example. */
static const fs_column indicator_columns[] = {
    {"county", "县区代码", FS_CT_COUNTY, true, 0, 0, NULL, 0, false,
     "Member county the figure is for", "指标所属成员县区", "341321"},
    {"year", "年度", FS_CT_YEAR, true, 0, 2000, NULL, 0, false,
     "Year of the figure", "指标所属年度", "2024"},
    {"indicator", "指标", FS_CT_ENUM, true, 0, 0, ENUM(indicator_values), false,
     "Which indicator", "指标名称", "population"},
    {"value", "数值", FS_CT_MONEY, true, 0, 0, NULL, 0, false,
     "Value in persons or units (not 万)", "数值（人、个，不用万）", "785000"},
    {"note", "备注", FS_CT_TEXT, false, 0, 0, NULL, 0, false,
     "Remark", "备注", ""},
};

static const fs_column incident_columns[] = {
    {"case_id", "案件编号", FS_CT_ID, true, 0, 0, NULL, 0, false,
     "The county's case number, unique within the county and year", "本县案件编号，同县同年唯一", "DS-2024-0001"},
    {"county", "县区代码", FS_CT_COUNTY, true, 0, 0, NULL, 0, false,
     "Reporting county", "报送县区", "341321"},
    {"date_reported", "立案日期", FS_CT_DATE, true, 0, 0, NULL, 0, false,
     "Date the case was registered; its year is the record's year", "立案日期，其年份即记录年度", "2024-05-20"},
    {"category", "案件类别", FS_CT_ENUM, true, 0, 0, ENUM(iccs_values), true,
     "ICCS level-1 section 01-11", "国际犯罪分类（ICCS）一级类别 01-11", "05"},
    {"subcategory", "细类", FS_CT_TEXT, false, 0, 0, NULL, 0, false,
     "Finer kind of case (free text)", "细分类别（文字）", "盗窃羊只"},
    {"offenses", "起数", FS_CT_INT, true, 0, 1, NULL, 0, false,
     "Criminal acts in this county's part of the case", "本县部分的犯罪起数", "1"},
    {"loss_yuan", "损失金额", FS_CT_MONEY, false, 0, 0, NULL, 0, false,
     "Loss in yuan (empty = 0)", "损失金额，单位元（空=0）", "2300.50"},
    {"recovered_yuan", "挽损金额", FS_CT_MONEY, false, 0, 0, NULL, 0, false,
     "Loss recovered in yuan (empty = 0)", "挽回损失金额，单位元（空=0）", "1200"},
    {"suspects", "嫌疑人数", FS_CT_INT, false, 0, 0, NULL, 0, false,
     "Number of suspects (empty = 0)", "嫌疑人数（空=0）", "2"},
    {"arrested", "抓获人数", FS_CT_INT, false, 0, 0, NULL, 0, false,
     "Persons arrested (empty = 0)", "抓获人数（空=0）", "2"},
    {"status", "状态", FS_CT_ENUM, true, 0, 0, ENUM(status_values), false,
     "open, solved or closed", "在侦、已破或已结", "solved"},
    {"date_solved", "破案日期", FS_CT_DATE, false, 0, 0, NULL, 0, false,
     "Date solved; required when solved or closed", "破案日期；已破、已结时必填", "2024-06-02"},
    {"cross_ref", "跨区案件编号", FS_CT_ID, false, 0, 0, NULL, 0, false,
     "Zone-wide reference of a cross-regional case, the same in every county's record", "跨区域案件的统一编号，各县记录一致", "KQ-2024-001"},
    {"counties_involved", "涉及县区", FS_CT_COUNTY_LIST, false, 0, 0, NULL, 0, false,
     "Other member counties involved; required exactly when cross_ref is set", "涉及的其他成员县区；有跨区案件编号时必填", "371722;320321"},
    {"assisted_by", "协助县区", FS_CT_COUNTY_LIST, false, 0, 0, NULL, 0, false,
     "Member counties whose police assisted", "提供协助的成员县区公安", "371722"},
};

static const fs_column dispute_columns[] = {
    {"dispute_id", "纠纷编号", FS_CT_ID, true, 0, 0, NULL, 0, false,
     "The county's dispute number, unique within the county and year", "本县纠纷编号，同县同年唯一", "DS-JF-2024-0001"},
    {"county", "县区代码", FS_CT_COUNTY, true, 0, 0, NULL, 0, false,
     "Reporting county", "报送县区", "341321"},
    {"date_received", "受理日期", FS_CT_DATE, true, 0, 0, NULL, 0, false,
     "Date received; its year is the record's year", "受理日期，其年份即记录年度", "2024-03-08"},
    {"type", "纠纷类型", FS_CT_ENUM, true, 0, 0, ENUM(dispute_type_values), false,
     "Kind of dispute", "纠纷类型", "land"},
    {"counterpart", "对方县区", FS_CT_COUNTY_LIST, false, 0, 0, NULL, 0, false,
     "Member counties of the other parties (cross-border dispute)", "对方当事人所在成员县区（跨界纠纷）", "371722"},
    {"parties", "当事人数", FS_CT_INT, false, 2, 2, NULL, 0, false,
     "Number of parties (empty = 2)", "当事人数（空=2）", "2"},
    {"level", "调解层级", FS_CT_ENUM, true, 0, 0, ENUM(level_values), false,
     "Level that mediated", "调解层级", "township"},
    {"outcome", "结果", FS_CT_ENUM, true, 0, 0, ENUM(outcome_values), false,
     "Result of the mediation", "调解结果", "resolved"},
    {"date_closed", "办结日期", FS_CT_DATE, false, 0, 0, NULL, 0, false,
     "Date closed; not allowed while pending", "办结日期；在调时不填", "2024-03-20"},
    {"joint_ref", "联调编号", FS_CT_ID, false, 0, 0, NULL, 0, false,
     "Zone-wide reference of a joint mediation; needs counterpart", "联合调解统一编号；须填对方县区", "LT-2024-003"},
};

static const fs_column cooperation_columns[] = {
    {"activity_id", "活动编号", FS_CT_ID, true, 0, 0, NULL, 0, false,
     "The county's activity number, unique within the county and year", "本县活动编号，同县同年唯一", "DS-HZ-2024-001"},
    {"county", "县区代码", FS_CT_COUNTY, true, 0, 0, NULL, 0, false,
     "Reporting county", "报送县区", "341321"},
    {"date", "日期", FS_CT_DATE, true, 0, 0, NULL, 0, false,
     "Date of the activity; its year is the record's year", "活动日期，其年份即记录年度", "2024-07-15"},
    {"kind", "类型", FS_CT_ENUM, true, 0, 0, ENUM(kind_values), false,
     "Kind of activity", "活动类型", "joint_patrol"},
    {"partners", "合作县区", FS_CT_COUNTY_LIST, true, 0, 0, NULL, 0, false,
     "Partner member counties (at least one, not the reporter)", "合作的成员县区（至少一个，不含本县）", "371722;320321"},
    {"lead", "牵头县区", FS_CT_COUNTY, false, 0, 0, NULL, 0, false,
     "Leading county: the reporter (empty) or a partner", "牵头县区：本县（空）或合作县区之一", "371722"},
    {"participants", "参与人数", FS_CT_INT, false, 0, 0, NULL, 0, false,
     "Persons taking part (empty = 0)", "参与人数（空=0）", "40"},
    {"outcome_count", "成果数", FS_CT_INT, false, 0, 0, NULL, 0, false,
     "Results: clues verified, fugitives caught, ... (empty = 0)", "成果数：核查线索、抓获逃犯等（空=0）", "3"},
    {"joint_ref", "联合编号", FS_CT_ID, false, 0, 0, NULL, 0, false,
     "Zone-wide reference when several counties report the same activity", "多县共同报送同一活动时的统一编号", "LH-2024-012"},
};

const fs_table_def fs_tables[FS_T_COUNT] = {
    [FS_T_INDICATORS] = {FS_T_INDICATORS, "indicators", "年度指标", indicator_columns,
                         N(indicator_columns), 0, 2, 1,
                         "Yearly aggregate figures, one value per county, year and indicator",
                         "年度汇总指标，每县每年每项指标一个数值"},
    [FS_T_INCIDENTS] = {FS_T_INCIDENTS, "incidents", "刑事案件", incident_columns,
                        N(incident_columns), 1, 0, 2,
                        "Criminal cases registered by the county's police, one row per case",
                        "本县公安立案的刑事案件，每案一行"},
    [FS_T_DISPUTES] = {FS_T_DISPUTES, "disputes", "矛盾纠纷", dispute_columns,
                       N(dispute_columns), 1, 0, 2,
                       "Conflicts and disputes received for mediation, one row per dispute",
                       "受理调解的矛盾纠纷，每件一行"},
    [FS_T_COOPERATION] = {FS_T_COOPERATION, "cooperation", "协作活动", cooperation_columns,
                          N(cooperation_columns), 1, 0, 2,
                          "Cooperation activities, one row per activity",
                          "协作活动，每项活动一行"},
};
/* clang-format on */

int fs_table_by_name(const char *name, size_t n)
{
    for (int t = 0; t < FS_T_COUNT; t++)
        if (fs_eq_nocase(name, n, fs_tables[t].name))
            return t;
    return -1;
}

int fs_column_index(fs_table t, const char *name)
{
    const fs_table_def *td = &fs_tables[t];
    for (size_t i = 0; i < td->ncolumns; i++)
        if (strcmp(td->columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ASCII lower case (as fs_eq_nocase compares). */
static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* fs_eq_nocase and fs_eq without measuring the literal first: most
 * candidates differ in their second byte. */
static bool eq_code(const char *s, size_t n, const char *z)
{
    for (size_t i = 0; i < n; i++)
        if (!z[i] || ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)z[i]))
            return false;
    return z[n] == '\0';
}

static bool eq_name(const char *s, size_t n, const char *z)
{
    for (size_t i = 0; i < n; i++)
        if (!z[i] || s[i] != z[i])
            return false;
    return z[n] == '\0';
}

int fs_enum_find(const fs_column *c, const char *s, size_t n)
{
    int first = n ? ascii_lower((unsigned char)s[0]) : -1;
    for (size_t i = 0; i < c->nvalues; i++) {
        const fs_enum_value *v = &c->values[i];
        /* a value whose code and name start otherwise cannot match: every
         * cell of an enum column goes through here */
        bool may = n == 0 || ascii_lower((unsigned char)v->code[0]) == first || v->zh[0] == s[0];
        if (may && (eq_code(s, n, v->code) || eq_name(s, n, v->zh)))
            return (int)i;
        if (c->leading_zero_optional && n == 1 && v->code[0] == '0' && v->code[1] == s[0])
            return (int)i;
    }
    return -1;
}

int fs_enum_index(fs_table t, const char *col, const char *code)
{
    int c = fs_column_index(t, col);
    return c < 0 || !code ? -1 : fs_enum_find(&fs_tables[t].columns[c], code, strlen(code));
}

const char *fs_enum_suggest(const fs_column *c, const char *s, size_t n)
{
    const char *best = NULL;
    int best_d = 3;
    for (size_t i = 0; i < c->nvalues; i++) {
        const fs_enum_value *v = &c->values[i];
        size_t len = strlen(v->code);
        int max = len >= 6 ? 2 : 1;
        int d = fs_edit_distance(s, n, v->code, len, max);
        if (d <= max && d < best_d) {
            best_d = d;
            best = v->code;
        }
        /* A Chinese name that contains the value or is contained in it
         * ("调解" for "调解成功") is a likely intent too. */
        if (!best && n >= 3 && strlen(v->zh) >= 3 &&
            (memmem(v->zh, strlen(v->zh), s, n) || memmem(s, n, v->zh, strlen(v->zh))))
            best = v->zh;
    }
    return best;
}

bool fs_labels_zh(void)
{
    /* --lang zh, and a catalogue was found (without one the messages stay
     * English, and so do the labels) */
    static const char probe[] = N_("(the messages are in English)");
    return fs_i18n_zh() && strcmp(_(probe), probe) != 0;
}

const char *fs_table_label(fs_table t, char *buf, size_t size)
{
    if (fs_labels_zh())
        snprintf(buf, size, "%s (%s)", fs_tables[t].name_zh, fs_tables[t].name);
    else
        snprintf(buf, size, "%s", fs_tables[t].name);
    return buf;
}

const char *fs_table_word(fs_table t)
{
    return fs_labels_zh() ? fs_tables[t].name_zh : fs_tables[t].name;
}

const char *fs_table_word_of(const char *name)
{
    int t = fs_table_by_name(name, strlen(name));
    return t >= 0 ? fs_table_word((fs_table)t) : name;
}

const char *fs_declared_label(fs_table t, char *buf, size_t size)
{
    char code[64];
    snprintf(code, sizeof code, "declared_%s", fs_tables[t].name);
    int ic = fs_column_index(FS_T_INDICATORS, "indicator");
    int k = ic >= 0 ? fs_enum_index(FS_T_INDICATORS, "indicator", code) : -1;
    if (fs_labels_zh() && k >= 0)
        snprintf(buf, size, "%s (%s)", fs_tables[FS_T_INDICATORS].columns[ic].values[k].zh, code);
    else
        snprintf(buf, size, "%s", code);
    return buf;
}

const char *fs_coltype_doc(fs_coltype t, bool zh)
{
    switch (t) {
    case FS_CT_COUNTY: return zh ? "县区（代码或名称）" : "county (code or name)";
    case FS_CT_COUNTY_LIST: return zh ? "县区列表（用 ; 分隔）" : "county list (separated by ;)";
    case FS_CT_YEAR: return zh ? "年份（2000–2100）" : "year (2000-2100)";
    case FS_CT_INT: return zh ? "整数" : "whole number";
    case FS_CT_MONEY: return zh ? "数字（最多两位小数）" : "number (at most 2 decimals)";
    case FS_CT_DATE: return zh ? "日期（年-月-日）" : "date (year-month-day)";
    case FS_CT_ENUM: return zh ? "代码（见允许值）" : "code (see allowed values)";
    case FS_CT_ID: return zh ? "编号（最多64字符）" : "identifier (at most 64 characters)";
    case FS_CT_TEXT: return zh ? "文字（最多2000字）" : "text (at most 2000 characters)";
    }
    return "";
}
