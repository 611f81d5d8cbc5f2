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
 * The rule catalogue's descriptions, English and Chinese, are columns of
 * rules.def.  A rule whose Chinese is still "" is printed with its English
 * text, so a new rule never breaks the guide; the t60 test lists
 * untranslated rules.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "template_write.h"

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
    fs_sbuf_addf(b, zh ? "### 成员县区（%s）\n\n" : "### Member counties (%s)\n\n",
                 zh ? z->name_zh : z->name_en);
    fs_sbuf_add(
        b, zh ? "| 代码 | 名称 | 英文名称 | 省 | 市 |\n|---|---|---|---|---|\n"
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
            fs_sbuf_addf(b, "%s%s %s", i ? (zh ? "、" : ", ") : "", c->code,
                         zh ? c->name_zh : c->name_en);
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
        fs_sbuf_add(b,
                    "| 表头（中文） | 英文列名 | 类型 | 必填 | 含义 | 允许值 | 示例 |\n"
                    "|---|---|---|---|---|---|---|\n");
    else
        fs_sbuf_add(
            b,
            "| column | Chinese alias | type | required | meaning | allowed values | example |\n"
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
            allowed = strdup(zh ? "成员县区的代码或名称（见上表）"
                                : "a member county by code or name (table above)");
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
                fs_sbuf_addf(b,
                             zh ? "#### `%s.%s`（%s）\n\n与上文相同的代码。\n\n"
                                : "#### `%s.%s` (%s)\n\nThe same codes as above.\n\n",
                             fs_tables[t].name, col->name, col->alias);
                continue;
            }
            if (ndone < sizeof done / sizeof done[0])
                done[ndone++] = col->values;
            fs_sbuf_addf(b, zh ? "#### `%s.%s`（%s）\n\n" : "#### `%s.%s` (%s)\n\n",
                         fs_tables[t].name, col->name, col->alias);
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
    fs_sbuf_add(b, zh ? "| 规则 | 级别 | 说明 |\n|---|---|---|\n"
                      : "| rule | severity | what it checks |\n|---|---|---|\n");
    for (int r = 0; r < FS_RULE_COUNT; r++) {
        char id[80];
        snprintf(id, sizeof id, "`%s`", fs_rule_id((fs_rule)r));
        bool err = fs_rule_severity((fs_rule)r) == FS_SEV_ERROR;
        const char *doc = zh ? fs_rule_doc_zh((fs_rule)r) : NULL;
        fs_sbuf_add(b, "|");
        cell(b, id);
        cell(b, zh ? (err ? "错误（文件不导入）" : "警告")
                   : (err ? "error (file refused)" : "warning"));
        cell(b, doc ? doc : fs_rule_doc((fs_rule)r));
        fs_sbuf_add(b, "\n");
    }
    fs_sbuf_add(b, "\n");
}

fs_status fs_template_dictionary_md(FILE *out, const fs_zone *z, bool zh)
{
    fs_sbuf b;
    fs_sbuf_init(&b);
    fs_sbuf_add(
        &b, zh ? "<!-- 以下由 `forumstat template --dictionary --lang zh` 生成，请勿手工修改；"
                 "运行 scripts/update-docs 更新。 -->\n\n"
               : "<!-- Generated by `forumstat template --dictionary --lang en`; do not edit by "
                 "hand: run scripts/update-docs. -->\n\n");
    zone_md(&b, z, zh);
    fs_sbuf_add(&b, zh ? "### 各表的列\n\n" : "### The columns of each table\n\n");
    for (int t = 0; t < FS_T_COUNT; t++)
        table_md(&b, z, (fs_table)t, zh);
    fs_sbuf_add(&b, zh ? "### 代码表\n\n" : "### Codes\n\n");
    codes_md(&b, zh);
    fs_sbuf_add(&b,
                zh ? "### 检查规则\n\n问题清单中的每个问题都注明规则编号。"
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
        if (!fs_rule_doc_zh((fs_rule)r)) {
            if (out)
                fprintf(out, "  %s\n", fs_rule_id((fs_rule)r));
            n++;
        }
    return n;
}
