/*
 * template_doc.c — the reference part of the submission guide, as
 * Markdown: `forumstat template --dictionary [--lang zh|en]`.
 *
 * docs/submission-guide.zh.md and .en.md hold hand-written prose and,
 * between "<!-- BEGIN GENERATED -->" and "<!-- END GENERATED -->", exactly
 * what this prints (scripts/update-docs puts it there; tests/e2e/t60
 * fails when the two differ).  So the columns, codes, zone and rules in
 * the documentation are always those of schema.c, zone.conf and rules.def.
 *
 * The rule catalogue's descriptions are English (rules.def); their Chinese
 * translations are kept here, keyed by rule id.  A rule without one is
 * printed with its English text, so a new rule never breaks the guide; the
 * t60 test lists untranslated rules.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "template_write.h"

static const struct {
    const char *id, *zh;
} rule_zh[] = {
    {"file.empty", "文件是空的。"},
    {"file.utf16", "不接受 UTF-16 文本（Excel 的“Unicode 文本”）。"},
    {"file.binary", "文件既不是 CSV 文本、.xlsx 工作簿，也不是 SQLite 数据库。"},
    {"file.spreadsheet", "旧版 .xls、.xlsb、.ods 或设有密码的工作簿不予读取：请另存为 .xlsx（或把每个工作表另存为 CSV UTF-8）。"},
    {"file.encoding", "文字既不是有效的 UTF-8，也不是有效的 GB18030/GBK。"},
    {"file.unreadable", "文件无法打开或读取。"},
    {"csv.quote", "引号不成对，或引号出现在未加引号的字段中间。"},
    {"csv.field_too_long", "某个字段超过长度上限（64 KiB）。"},
    {"csv.too_many_fields", "某行字段数超过上限（256）。"},
    {"row.extra_fields", "某条记录的字段比表头多（未加引号的逗号使后面各列错位），除非每条记录都有同样数目的多余空字段（Excel 行尾的逗号）。"},
    {"row.blank", "全部为空的行被跳过。"},
    {"row.totals", "合计行（合计、总计、小计、共计、Total；空格和结尾的冒号不影响）必须删除。"},
    {"header.missing", "前六行中找不到任何一张表的表头。"},
    {"header.preamble", "表头上方的标题行或空行被跳过。"},
    {"header.required", "表头缺少必填列（整个文件只报一次）。"},
    {"header.unknown", "表中没有的列被忽略（该列有数据时，列出文件缺少的选填列）。"},
    {"column.unnamed", "表头为空的列中有数据：这些数据被忽略。"},
    {"header.near_miss", "表头列名是文件所缺某列的误写：英文列名拼错，或与中文列名只差一个字（或把“日期”写成“时间”）。"},
    {"header.unit_wan", "不允许以“万”为单位：金额以元、人数以人为单位。"},
    {"header.duplicate", "同一列在表头中出现两次。"},
    {"file.no_records", "文件只有表头，没有记录。"},
    {"value.required", "必填值为空。"},
    {"value.integer", "不是整数。"},
    {"value.number", "不是数字。"},
    {"value.decimals", "小数超过两位有效小数。"},
    {"value.scientific", "Excel 把数字缩写成了科学计数法。"},
    {"value.range", "数字超出允许范围。"},
    {"value.date", "不是可接受格式的日期。"},
    {"value.date_invalid", "日历上没有这一天。"},
    {"value.date_serial", "这是 Excel 的日期序号，不是日期。"},
    {"value.year_range", "年份不在 2000–2100 之间。"},
    {"value.enum", "不是允许的代码或名称之一。"},
    {"value.county", "不是本合作区的成员县区。"},
    {"value.id_length", "编号超过 64 个字符。"},
    {"value.id_scientific", "Excel 把编号变成了科学计数法。"},
    {"value.text_length", "文字超过 2000 字。"},
    {"value.text_bad", "文字含有无效的 UTF-8 或 NUL 字符。"},
    {"value.type", "数据库中的值存储类型与该列不符。"},
    {"privacy.id_number", "文字或编号中含有居民身份证号码（18 位，也包括按 6-8-4 分组书写的，以及 15 位旧号码）。"},
    {"privacy.mobile", "文字中含有手机号码。"},
    {"list.self", "县区列表中填了报送县区本身。"},
    {"list.duplicate", "县区列表中同一县区出现两次。"},
    {"unique.id", "记录编号在同一县区、年度和表中重复。"},
    {"incidents.recovered_gt_loss", "挽损金额大于损失金额。"},
    {"incidents.arrested_gt_suspects", "抓获人数多于嫌疑人数。"},
    {"incidents.solved_no_date", "已破或已结的案件须填写破案日期。"},
    {"incidents.open_with_date", "在侦案件填写了破案日期。"},
    {"incidents.solved_before_reported", "破案日期早于立案日期。"},
    {"incidents.cross_ref_no_counties", "填写了跨区案件编号，须填写涉及县区。"},
    {"incidents.counties_no_cross_ref", "只有填写跨区案件编号时才能填写涉及县区。"},
    {"disputes.closed_before_received", "办结日期早于受理日期。"},
    {"disputes.closed_while_pending", "在调的纠纷不能有办结日期。"},
    {"disputes.joint_ref_no_counterpart", "填写了联调编号，须填写对方县区。"},
    {"disputes.counterpart_self", "对方县区填了报送县区本身。"},
    {"cooperation.lead", "牵头县区必须是报送县区或合作县区之一。"},
    {"indicators.population_small", "常住人口少于 10 000：单位是人，不是万人（请乘以 10 000）。"},
    {"sqlite.damaged", "SQLite 文件已损坏或不是数据库。"},
    {"sqlite.wal", "SQLite 文件处于 WAL 模式，数据可能在未发送的 -wal 文件中。"},
    {"sqlite.not_table", "标准表名对应的是视图、虚拟表或其他对象。"},
    {"sqlite.unknown_table", "四张标准表以外的表被忽略。"},
    {"sqlite.no_tables", "数据库中没有任何一张标准表。"},
    {"import.shrink", "本次导入使某县区某年某表的记录数比原来少（少于一半时须加 --allow-shrink）。"},
    {"import.refused", "由于上述错误，文件未被导入。"},
    {"row.signature", "记录下方的签名行（填表人、审核人、联系电话等，最多五行）被跳过。"},
    {"row.signature_inside", "签名行（填表人、审核人等）夹在记录之间：只有最后一条记录下方的签名行才会被跳过。"},
    /* xlsx workbooks (issue 13 §2) */
    {"xlsx.damaged", "工作簿的 ZIP 压缩包或 XML 已损坏，或某个单元格无法读取。"},
    {"xlsx.too_big", "工作簿的某部分解压后超过声明的大小或上限（ZIP 炸弹、超大共享字符串）。"},
    {"xlsx.duplicate_entry", "工作簿的 ZIP 压缩包中有两个同名条目。"},
    {"xlsx.doctype", "工作簿的 XML 部分声明了 DOCTYPE 或实体（不予读取）。"},
    {"xlsx.too_many_columns", "工作表在 IV 列（第 256 列）以外还有数据，这些数据不被读取。"},
    {"xlsx.error_value", "标准列的单元格中是 Excel 错误值，如 #N/A。"},
    {"xlsx.formula_no_value", "单元格中的公式从未计算过：请重新计算并保存。"},
    {"xlsx.numeric_id", "编号以数字形式存储（Excel 只保留 15 位）：请把该列设为文本格式。"},
    {"xlsx.sheet_ignored", "有数据但没有表头的可见工作表，或以表名命名的隐藏工作表，不被读取。"},
    {"xlsx.sheet_name", "以一张表命名的工作表中是另一张表的表头；以表头为准。"},
    {"xlsx.no_tables", "工作簿中没有任何一张含标准表的可见工作表。"},
    /* Import safety (issue 12) */
    {"records.stray", "文件的记录大多属于同一县区、同一年度，另有少数（不到 1%，最多 10 条）属于其他县区或年度：可能是误填的记录。"},
    {"scope.county", "使用 --county 时，出现了其他县区的记录。"},
    {"scope.year", "使用 --year 时，出现了其他年度的记录。"},
    {"indicators.declared_mismatch", "报送记录数（报送刑事案件数、报送矛盾纠纷数、报送协作活动数）与文件中该县区该年度该表的记录数不一致。"},
    {"import.shrink_refused", "本次导入会使某县区某年某表的记录数不足原来的一半：整次导入被拒绝（加 --allow-shrink 可接受）。"},
    {"folder.empty", "文件夹中没有可读取的文件。"},
};

/* The Chinese description of a rule, or NULL when there is none yet. */
static const char *rule_doc_zh(const char *id)
{
    for (size_t i = 0; i < sizeof rule_zh / sizeof rule_zh[0]; i++)
        if (strcmp(rule_zh[i].id, id) == 0)
            return rule_zh[i].zh;
    return NULL;
}

/* A Markdown table cell: '|' escaped, line breaks as <br>. */
static void cell(fs_sbuf *b, const char *s)
{
    fs_sbuf_add(b, " ");
    for (const char *p = s; *p; p++) {
        if (*p == '|')
            fs_sbuf_add(b, "\\|");
        else if (*p == '\n')
            fs_sbuf_add(b, "<br>");
        else {
            char c[2] = {*p, 0};
            fs_sbuf_add(b, c);
        }
    }
    fs_sbuf_add(b, " |");
}

static void zone_md(fs_sbuf *b, const fs_zone *z, bool zh)
{
    fs_sbuf_addf(b, zh ? "### 成员县区（%s）\n\n" : "### Member counties (%s)\n\n", zh ? z->name_zh : z->name_en);
    fs_sbuf_add(b, zh ? "| 代码 | 名称 | 英文名称 | 省 | 市 |\n|---|---|---|---|---|\n"
                      : "| code | name | Chinese name | province | prefecture |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < z->ncounties; i++) {
        const fs_county *c = &z->counties[i];
        const fs_province *p = &z->provinces[c->province];
        char prov[96];
        snprintf(prov, sizeof prov, "%s %s", p->code, zh ? p->name_zh : p->name_en);
        fs_sbuf_add(b, "|");
        cell(b, c->code);
        cell(b, zh ? c->name_zh : c->name_en);
        cell(b, zh ? c->name_en : c->name_zh);
        cell(b, prov);
        cell(b, zh ? c->prefecture_zh : c->prefecture_en);
        fs_sbuf_add(b, "\n");
    }
    fs_sbuf_add(b, "\n");
    if (z->nrotation) {
        fs_sbuf_add(b, zh ? "论坛轮值顺序（自 " : "Hosting rotation of the forum (from ");
        fs_sbuf_addf(b, "%d", z->first_year);
        fs_sbuf_add(b, zh ? " 年起）：" : "): ");
        for (size_t i = 0; i < z->nrotation; i++) {
            const fs_county *c = &z->counties[z->rotation[i]];
            fs_sbuf_addf(b, "%s%s %s", i ? (zh ? "、" : ", ") : "", c->code, zh ? c->name_zh : c->name_en);
        }
        fs_sbuf_add(b, zh ? "。\n\n" : ".\n\n");
    }
}

static void table_md(fs_sbuf *b, const fs_zone *z, fs_table t, bool zh)
{
    const fs_table_def *td = &fs_tables[t];
    if (zh)
        fs_sbuf_addf(b, "### `%s` %s\n\n%s\n\n", td->name, td->name_zh, td->doc_zh);
    else
        fs_sbuf_addf(b, "### `%s`\n\n%s.\n\n", td->name, td->doc_en);
    if (zh)
        fs_sbuf_add(b, "| 表头（中文） | 英文列名 | 类型 | 必填 | 含义 | 允许值 | 示例 |\n"
                       "|---|---|---|---|---|---|---|\n");
    else
        fs_sbuf_add(b, "| column | Chinese alias | type | required | meaning | allowed values | example |\n"
                       "|---|---|---|---|---|---|---|\n");
    for (size_t c = 0; c < td->ncolumns; c++) {
        const fs_column *col = &td->columns[c];
        char *allowed;
        if (col->type == FS_CT_ENUM) {
            fs_sbuf s;
            fs_sbuf_init(&s);
            fs_sbuf_addf(&s, zh ? "见下文 [`%s`](#codes-%s-%s)" : "see [`%s`](#codes-%s-%s) below",
                         col->name, td->name, col->name);
            allowed = fs_sbuf_take(&s);
        } else if (col->type == FS_CT_COUNTY) {
            allowed = strdup(zh ? "成员县区的代码或名称（见上表）" : "a member county by code or name (table above)");
        } else {
            allowed = fs_tpl_allowed(z, t, c, -1, 0, zh, "; ");
        }
        if (!allowed) {
            b->failed = true;
            return;
        }
        char name[80];
        snprintf(name, sizeof name, "`%s`", col->name);
        fs_sbuf_add(b, "|");
        if (zh) {
            cell(b, col->alias);
            cell(b, name);
        } else {
            cell(b, name);
            cell(b, col->alias);
        }
        cell(b, fs_coltype_doc(col->type, zh));
        cell(b, fs_tpl_required(col, zh));
        cell(b, zh ? col->doc_zh : col->doc_en);
        cell(b, allowed);
        char ex[96];
        char yb[64];
        const char *example = fs_tpl_example(z, t, c, -1, 0, zh, yb, sizeof yb);
        snprintf(ex, sizeof ex, example[0] ? "`%s`" : "%s", example);
        cell(b, ex);
        fs_sbuf_add(b, "\n");
        free(allowed);
    }
    fs_sbuf_add(b, "\n");
}

/* Every enum column's codes, once per distinct list. */
static void codes_md(fs_sbuf *b, bool zh)
{
    const fs_enum_value *done[16];
    size_t ndone = 0;
    for (int t = 0; t < FS_T_COUNT; t++)
        for (size_t c = 0; c < fs_tables[t].ncolumns; c++) {
            const fs_column *col = &fs_tables[t].columns[c];
            if (col->type != FS_CT_ENUM)
                continue;
            bool seen = false;
            for (size_t i = 0; i < ndone; i++)
                seen |= done[i] == col->values;
            /* An anchor per column name, even when the list repeats. */
            fs_sbuf_addf(b, "<a id=\"codes-%s-%s\"></a>\n", fs_tables[t].name, col->name);
            if (seen) {
                fs_sbuf_addf(b, zh ? "#### `%s.%s`（%s）\n\n与上文相同的代码。\n\n"
                                   : "#### `%s.%s` (%s)\n\nThe same codes as above.\n\n",
                             fs_tables[t].name, col->name, col->alias);
                continue;
            }
            if (ndone < sizeof done / sizeof done[0])
                done[ndone++] = col->values;
            fs_sbuf_addf(b, zh ? "#### `%s.%s`（%s）\n\n" : "#### `%s.%s` (%s)\n\n", fs_tables[t].name,
                         col->name, col->alias);
            fs_sbuf_add(b, zh ? "| 代码 | 中文名称 | 英文说明 |\n|---|---|---|\n"
                              : "| code | Chinese name | meaning |\n|---|---|---|\n");
            for (size_t i = 0; i < col->nvalues; i++) {
                char code[64];
                snprintf(code, sizeof code, "`%s`", col->values[i].code);
                fs_sbuf_add(b, "|");
                cell(b, code);
                cell(b, col->values[i].zh);
                cell(b, col->values[i].en);
                fs_sbuf_add(b, "\n");
            }
            fs_sbuf_add(b, "\n");
            if (col->leading_zero_optional)
                fs_sbuf_add(b, zh ? "前导零可以省略：`5` 与 `05` 相同。\n\n"
                                  : "The leading zero may be left out: `5` is `05`.\n\n");
        }
}

static void rules_md(fs_sbuf *b, bool zh)
{
    fs_sbuf_add(b, zh ? "| 规则 | 级别 | 说明 |\n|---|---|---|\n" : "| rule | severity | what it checks |\n|---|---|---|\n");
    for (int r = 0; r < FS_RULE_COUNT; r++) {
        char id[80];
        snprintf(id, sizeof id, "`%s`", fs_rule_id((fs_rule)r));
        bool err = fs_rule_severity((fs_rule)r) == FS_SEV_ERROR;
        const char *doc = zh ? rule_doc_zh(fs_rule_id((fs_rule)r)) : NULL;
        fs_sbuf_add(b, "|");
        cell(b, id);
        cell(b, zh ? (err ? "错误（文件不导入）" : "警告") : (err ? "error (file refused)" : "warning"));
        cell(b, doc ? doc : fs_rule_doc((fs_rule)r));
        fs_sbuf_add(b, "\n");
    }
    fs_sbuf_add(b, "\n");
}

fs_status fs_template_dictionary_md(FILE *out, const fs_zone *z, bool zh)
{
    fs_sbuf b;
    fs_sbuf_init(&b);
    fs_sbuf_add(&b, zh ? "<!-- 以下由 `forumstat template --dictionary --lang zh` 生成，请勿手工修改；"
                         "运行 scripts/update-docs 更新。 -->\n\n"
                       : "<!-- Generated by `forumstat template --dictionary --lang en`; do not edit by "
                         "hand: run scripts/update-docs. -->\n\n");
    zone_md(&b, z, zh);
    fs_sbuf_add(&b, zh ? "### 各表的列\n\n" : "### The columns of each table\n\n");
    for (int t = 0; t < FS_T_COUNT; t++)
        table_md(&b, z, (fs_table)t, zh);
    fs_sbuf_add(&b, zh ? "### 代码表\n\n" : "### Codes\n\n");
    codes_md(&b, zh);
    fs_sbuf_add(&b, zh ? "### 检查规则\n\n问题清单中的每个问题都注明规则编号。"
                         "“错误”使整个文件不被导入；“警告”不影响导入，但请核对。\n\n"
                       : "### Validation rules\n\nEvery problem in the list names its rule. An error "
                         "keeps the whole file out; a warning does not, but deserves a look.\n\n");
    rules_md(&b, zh);
    char *s = fs_sbuf_take(&b);
    if (!s)
        return FS_ERR_NOMEM;
    /* No trailing blank line: the guide's END marker follows directly. */
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '\n' && s[n - 2] == '\n')
        s[--n] = '\0';
    bool ok = fputs(s, out) >= 0;
    free(s);
    return ok ? FS_OK : FS_ERR_IO;
}

int fs_template_untranslated_rules(FILE *out)
{
    int n = 0;
    for (int r = 0; r < FS_RULE_COUNT; r++)
        if (!rule_doc_zh(fs_rule_id((fs_rule)r))) {
            if (out)
                fprintf(out, "  %s\n", fs_rule_id((fs_rule)r));
            n++;
        }
    return n;
}
