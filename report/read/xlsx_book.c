/*
 * xlsx_book.c — the workbook package: what it holds and which sheets are
 * read (see xlsx_source.h for the contract, xlsx_int.h for the layers).
 *
 * Order of reading, each part through a capped stream and a capped parser:
 *   1. [Content_Types].xml: which part is the workbook and of what kind
 *      (an .xlsb, a Word file, an OpenDocument file are refused here with
 *      their own message);
 *   2. _rels/.rels: the officeDocument relationship names the workbook part
 *      (xl/workbook.xml when it is missing);
 *   3. the workbook's relationships and the workbook: sheet names, hidden
 *      state, relationship ids, date1904;
 *   4. styles: which cell formats (cellXfs) show dates: built-in formats
 *      14-22, 27-36, 45-47, 50-58 and custom codes with date or time tokens;
 *   5. shared strings, kept in memory (count and bytes capped): rich-text
 *      runs joined, phonetic runs (rPh) skipped, _xHHHH_ decoded;
 *   6. every candidate sheet is inflated once whole (bounds, integrity,
 *      merged ranges) and its first rows probed for a header, so a bomb or
 *      a damaged sheet is refused before any record is stored.
 * Relationship targets may be relative to the source part's folder (with
 * "./" and "../") or absolute ("/xl/worksheets/sheet1.xml"); external
 * targets are ignored.  Part names are looked up the OPC way (ASCII
 * case-insensitive).  Namespaces are matched by URI, so prefixes do not
 * matter and Strict OOXML reads like transitional.  Elements in foreign
 * namespaces (extensions, mc:AlternateContent) are skipped with their
 * whole subtree.
 */
#include "xlsx_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "i18n.h"
#include "schema.h"
#include "text.h"

/* ----------------------------------------------------------- helpers */

fs_loc fs_xlsx_loc(const fs_xlsx_book *b, const char *sheet, long row, int col)
{
    fs_loc l = {sheet ? FS_LOC_CELL : FS_LOC_FILE, b->display, sheet, row, col, NULL, 0};
    return l;
}

char *fs_xlsx_printable(const char *s, size_t n)
{
    char *out = malloc(FS_XLSX_NAME_SHOWN + 4);
    if (out)
        fs_diag_echo(s, n, out, FS_XLSX_NAME_SHOWN + 4);
    return out;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Set x to fail with an environment status from inside a handler. */
static void handler_env(fs_xlsx_xml *x, fs_status st)
{
    if (x->env == FS_OK)
        x->env = st;
    fs_xlsx_xml_stop(x, false);
}

/* Set x to refuse the part from inside a handler (diagnostic added). */
static void handler_refuse(fs_xlsx_xml *x)
{
    x->refused = true;
    fs_xlsx_xml_stop(x, false);
}

/* Normalise a part path: "." and ".." segments resolved, "//" collapsed.
 * NULL when ".." climbs above the package root, or on allocation failure
 * (then *oom is set). */
static char *normalise(const char *path, bool *oom)
{
    size_t n = strlen(path);
    char *out = malloc(n + 1);
    if (!out) {
        *oom = true;
        return NULL;
    }
    size_t o = 0;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (o == 0) {
                free(out);
                return NULL;
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the slash before the dropped segment */
            continue;
        }
        if (o > 0)
            out[o++] = '/';
        memcpy(out + o, seg, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

/* Resolve a relationship target against its source part ("" = the
 * package).  Fragment and query are dropped.  NULL when invalid, or when
 * memory ran out (then *oom is set: the target is not invalid). */
static char *resolve_target(const char *source, const char *target, bool *oom)
{
    size_t tl = strcspn(target, "#?");
    const char *slash = strrchr(source, '/');
    size_t dl = target[0] == '/' ? 0 : slash ? (size_t)(slash - source) + 1 : 0;
    char *joined = malloc(dl + tl + 1);
    if (!joined) {
        *oom = true;
        return NULL;
    }
    memcpy(joined, source, dl);
    memcpy(joined + dl, target, tl);
    joined[dl + tl] = '\0';
    char *r = normalise(joined, oom);
    free(joined);
    return r;
}

/* The relationships part of a part: "xl/workbook.xml" ->
 * "xl/_rels/workbook.xml.rels"; "" -> "_rels/.rels". */
static char *rels_name(const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t dl = slash ? (size_t)(slash - part) + 1 : 0;
    const char *base = part + dl;
    size_t n = dl + strlen("_rels/") + strlen(base) + strlen(".rels") + 1;
    char *r = malloc(n);
    if (r)
        snprintf(r, n, "%.*s_rels/%s.rels", (int)dl, part, base);
    return r;
}

/* -------------------------------------------------------- content types */

typedef struct ctype {
    char *key; /* extension (Default) or part name (Override), lower case */
    char *type;
    bool part;
} ctype;

typedef struct ct_ctx {
    fs_xlsx_xml x;
    int skip;
    ctype *items;
    size_t n, cap;
} ct_ctx;

static char *lower_dup(const char *s)
{
    while (*s == '/')
        s++;
    char *r = strdup(s);
    if (r)
        for (char *p = r; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + ('a' - 'A'));
    return r;
}

static void XMLCALL ct_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    ct_ctx *c = user;
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (c->skip || (ns != FS_XLSX_NS_PKG && ns != FS_XLSX_NS_NONE)) {
        c->skip++;
        return;
    }
    bool part = strcmp(l, "Override") == 0;
    if (!part && strcmp(l, "Default") != 0)
        return;
    const char *key = fs_xlsx_attr(atts, part ? "PartName" : "Extension", FS_XLSX_NS_NONE);
    const char *type = fs_xlsx_attr(atts, "ContentType", FS_XLSX_NS_NONE);
    if (!key || !type)
        return;
    if (c->n == FS_XLSX_MAX_RELS) {
        fs_loc loc = fs_xlsx_loc(c->x.book, NULL, 0, 0);
        fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                    "new file",
                    "[Content_Types].xml lists more than %d content types", FS_XLSX_MAX_RELS);
        handler_refuse(&c->x);
        return;
    }
    if (!fs_grow((void **)&c->items, &c->cap, c->n, sizeof *c->items)) {
        handler_env(&c->x, FS_ERR_NOMEM);
        return;
    }
    ctype *t = &c->items[c->n];
    t->key = lower_dup(key);
    t->type = strdup(type);
    t->part = part;
    if (!t->key || !t->type) {
        free(t->key);
        free(t->type);
        handler_env(&c->x, FS_ERR_NOMEM);
        return;
    }
    c->n++;
}

static void XMLCALL ct_end(void *user, const XML_Char *name)
{
    (void)name;
    ct_ctx *c = user;
    if (c->skip)
        c->skip--;
}

static void ctypes_free(ct_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].key);
        free(c->items[i].type);
    }
    free(c->items);
}

/* Content type of a part, or NULL when none is declared. */
static const char *content_type(const ct_ctx *c, const char *part)
{
    while (*part == '/')
        part++;
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].part && strcasecmp(c->items[i].key, part) == 0)
            return c->items[i].type;
    const char *dot = strrchr(part, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < c->n; i++)
            if (!c->items[i].part && strcasecmp(c->items[i].key, dot + 1) == 0)
                return c->items[i].type;
    return NULL;
}

/* Parse one small XML part with the given context (x first, then the
 * skip counter, as every context here is laid out). */
static fs_status parse_small(fs_xlsx_book *b, fs_xlsx_entry *e, uint64_t cap, fs_xlsx_xml *x,
                             XML_StartElementHandler start, XML_EndElementHandler end,
                             XML_CharacterDataHandler text, fs_diags *d)
{
    /* fs_xlsx_xml_begin resets x only: the rest of the context stays */
    fs_status st = fs_xlsx_xml_begin(x, b, e, cap, NULL, d);
    if (st != FS_OK)
        return st;
    fs_xlsx_xml_handlers(x, start, end, text);
    st = fs_xlsx_xml_run(x);
    fs_xlsx_xml_end(x);
    return st;
}

/* ------------------------------------------------------ relationships */

typedef struct rel {
    char *id, *type, *target; /* target resolved to a part name */
} rel;

typedef struct rels_ctx {
    fs_xlsx_xml x;
    int skip;
    const char *source; /* the part the relationships belong to ("" = package) */
    rel *items;
    size_t n, cap;
} rels_ctx;

static void XMLCALL rels_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    rels_ctx *c = user;
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (c->skip || (ns != FS_XLSX_NS_PKG && ns != FS_XLSX_NS_NONE)) {
        c->skip++;
        return;
    }
    if (strcmp(l, "Relationship") != 0)
        return;
    const char *id = fs_xlsx_attr(atts, "Id", FS_XLSX_NS_NONE);
    const char *type = fs_xlsx_attr(atts, "Type", FS_XLSX_NS_NONE);
    const char *target = fs_xlsx_attr(atts, "Target", FS_XLSX_NS_NONE);
    const char *mode = fs_xlsx_attr(atts, "TargetMode", FS_XLSX_NS_NONE);
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    if (c->n == FS_XLSX_MAX_RELS) {
        fs_loc loc = fs_xlsx_loc(c->x.book, NULL, 0, 0);
        fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                    "new file",
                    "part %s lists more than %d relationships", c->x.stream.e->name,
                    FS_XLSX_MAX_RELS);
        handler_refuse(&c->x);
        return;
    }
    bool oom = false;
    char *resolved = resolve_target(c->source, target, &oom);
    if (!resolved && oom) {
        handler_env(&c->x, FS_ERR_NOMEM);
        return;
    }
    if (!resolved) /* climbs out of the package: no part can be meant */
        return;
    if (!fs_grow((void **)&c->items, &c->cap, c->n, sizeof *c->items)) {
        free(resolved);
        handler_env(&c->x, FS_ERR_NOMEM);
        return;
    }
    rel *r = &c->items[c->n];
    r->id = strdup(id);
    r->type = strdup(type);
    r->target = resolved;
    if (!r->id || !r->type) {
        free(r->id);
        free(r->type);
        free(r->target);
        handler_env(&c->x, FS_ERR_NOMEM);
        return;
    }
    c->n++;
}

static void XMLCALL rels_end(void *user, const XML_Char *name)
{
    (void)name;
    rels_ctx *c = user;
    if (c->skip)
        c->skip--;
}

static void rels_free(rels_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].id);
        free(c->items[i].type);
        free(c->items[i].target);
    }
    free(c->items);
    c->items = NULL;
    c->n = c->cap = 0;
}

/* Read the relationships of `source` into c (none when the part is
 * missing). */
static fs_status read_rels(fs_xlsx_book *b, const char *source, rels_ctx *c, fs_diags *d)
{
    *c = (rels_ctx){.source = source};
    char *name = rels_name(source);
    if (!name)
        return FS_ERR_NOMEM;
    fs_xlsx_entry *e = fs_xlsx_zip_find(b, name);
    free(name);
    if (!e)
        return FS_OK;
    return parse_small(b, e, FS_XLSX_MAX_META_PART, &c->x, rels_start, rels_end, NULL, d);
}

/* First relationship whose type ends in "/suffix". */
static const rel *rel_by_type(const rels_ctx *c, const char *suffix)
{
    char s[64];
    snprintf(s, sizeof s, "/%s", suffix);
    for (size_t i = 0; i < c->n; i++)
        if (ends_with(c->items[i].type, s))
            return &c->items[i];
    return NULL;
}

static const rel *rel_by_id(const rels_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].id, id) == 0)
            return &c->items[i];
    return NULL;
}

/* ------------------------------------------------------------ workbook */

typedef struct wb_sheet {
    char *name, *rid;
    bool hidden;
} wb_sheet;

typedef struct wb_ctx {
    fs_xlsx_xml x;
    int skip;
    int in_sheets;
    bool date1904;
    wb_sheet *sheets;
    size_t n, cap;
} wb_ctx;

static bool truthy(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 || strcasecmp(v, "on") == 0);
}

static void XMLCALL wb_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    wb_ctx *c = user;
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (c->skip || !fs_xlsx_is_main(ns)) {
        c->skip++;
        return;
    }
    if (strcmp(l, "workbookPr") == 0) {
        c->date1904 = truthy(fs_xlsx_attr(atts, "date1904", FS_XLSX_NS_NONE));
    } else if (strcmp(l, "sheets") == 0) {
        c->in_sheets++;
    } else if (strcmp(l, "sheet") == 0 && c->in_sheets) {
        const char *sname = fs_xlsx_attr(atts, "name", FS_XLSX_NS_NONE);
        const char *rid = fs_xlsx_attr(atts, "id", FS_XLSX_NS_REL);
        const char *state = fs_xlsx_attr(atts, "state", FS_XLSX_NS_NONE);
        if (!rid)
            return;
        if (c->n == FS_XLSX_MAX_SHEETS) {
            fs_loc loc = fs_xlsx_loc(c->x.book, NULL, 0, 0);
            fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL, NULL,
                        "the workbook lists more than %d sheets", FS_XLSX_MAX_SHEETS);
            handler_refuse(&c->x);
            return;
        }
        if (!fs_grow((void **)&c->sheets, &c->cap, c->n, sizeof *c->sheets)) {
            handler_env(&c->x, FS_ERR_NOMEM);
            return;
        }
        wb_sheet *s = &c->sheets[c->n];
        char fallback[32];
        snprintf(fallback, sizeof fallback, _("sheet %zu"), c->n + 1);
        s->name = strdup(sname ? sname : fallback);
        s->rid = strdup(rid);
        s->hidden = state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);
        if (!s->name || !s->rid) {
            free(s->name);
            free(s->rid);
            handler_env(&c->x, FS_ERR_NOMEM);
            return;
        }
        c->n++;
    }
}

static void XMLCALL wb_end(void *user, const XML_Char *name)
{
    wb_ctx *c = user;
    if (c->skip) {
        c->skip--;
        return;
    }
    int ns;
    if (strcmp(fs_xlsx_name(name, &ns), "sheets") == 0 && c->in_sheets)
        c->in_sheets--;
}

static void wb_free(wb_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->sheets[i].name);
        free(c->sheets[i].rid);
    }
    free(c->sheets);
}

/* ------------------------------------------------------------- styles */

/* Built-in number formats that show dates or times (ECMA-376 18.8.30 and
 * the East Asian built-ins Excel and WPS use). */
static bool builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* Whether a format code's first section holds a date or time token.
 * Quoted text, escaped and padding characters, colours, conditions and
 * locale tags are skipped; [h], [mm], [ss] (elapsed time) count. */
static bool code_is_date(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        switch (c) {
        case '"':
            i++;
            while (s[i] && s[i] != '"')
                i++;
            if (!s[i])
                return false;
            continue;
        case '\\':
        case '_':
        case '*':
            if (!s[i + 1])
                return false;
            i++;
            continue;
        case '[': {
            size_t j = i + 1;
            bool time = true;
            while (s[j] && s[j] != ']') {
                char t = (char)(s[j] | 0x20);
                if (t != 'h' && t != 'm' && t != 's')
                    time = false;
                j++;
            }
            if (!s[j])
                return false;
            if (time && j > i + 1)
                return true;
            i = j;
            continue;
        }
        case ';': return false;
        default: break;
        }
        char l = (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
        if (l == 'g' && strncasecmp(s + i, "general", 7) == 0) {
            i += 6;
            continue;
        }
        if (l == 'e' && (s[i + 1] == '+' || s[i + 1] == '-')) /* scientific */
            continue;
        if (l == 'b' && (s[i + 1] == '1' || s[i + 1] == '2')) /* Buddhist year */
            return true;
        if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's' || l == 'e' || l == 'g' ||
            l == 'a')
            return true;
    }
    return false;
}

bool fs_xlsx_format_is_date(int id, const char *code)
{
    return code ? code_is_date(code) : builtin_date(id);
}

typedef struct numfmt {
    int id;
    bool date;
} numfmt;

typedef struct st_ctx {
    fs_xlsx_xml x;
    int skip;
    int in_xfs;
    numfmt *fmts;
    size_t nfmts, fmts_cap;
    int *xf_fmt;
    size_t nxf, xf_cap;
} st_ctx;

static void XMLCALL st_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    st_ctx *c = user;
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (c->skip || !fs_xlsx_is_main(ns)) {
        c->skip++;
        return;
    }
    if (strcmp(l, "numFmt") == 0) {
        const char *id = fs_xlsx_attr(atts, "numFmtId", FS_XLSX_NS_NONE);
        const char *code = fs_xlsx_attr(atts, "formatCode", FS_XLSX_NS_NONE);
        if (!id || !code || c->nfmts == FS_XLSX_MAX_NUMFMTS)
            return;
        if (!fs_grow((void **)&c->fmts, &c->fmts_cap, c->nfmts, sizeof *c->fmts)) {
            handler_env(&c->x, FS_ERR_NOMEM);
            return;
        }
        c->fmts[c->nfmts++] = (numfmt){(int)strtol(id, NULL, 10), code_is_date(code)};
    } else if (strcmp(l, "cellXfs") == 0) {
        c->in_xfs++;
    } else if (strcmp(l, "xf") == 0 && c->in_xfs) {
        if (c->nxf == FS_XLSX_MAX_XFS) {
            fs_loc loc = fs_xlsx_loc(c->x.book, NULL, 0, 0);
            fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL,
                        "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                        "new file",
                        "the styles part lists more than %d cell formats", FS_XLSX_MAX_XFS);
            handler_refuse(&c->x);
            return;
        }
        if (!fs_grow((void **)&c->xf_fmt, &c->xf_cap, c->nxf, sizeof *c->xf_fmt)) {
            handler_env(&c->x, FS_ERR_NOMEM);
            return;
        }
        const char *id = fs_xlsx_attr(atts, "numFmtId", FS_XLSX_NS_NONE);
        long v = id ? strtol(id, NULL, 10) : 0;
        c->xf_fmt[c->nxf++] = v < 0 || v > 100000 ? 0 : (int)v;
    }
}

static void XMLCALL st_end(void *user, const XML_Char *name)
{
    st_ctx *c = user;
    if (c->skip) {
        c->skip--;
        return;
    }
    int ns;
    if (strcmp(fs_xlsx_name(name, &ns), "cellXfs") == 0 && c->in_xfs)
        c->in_xfs--;
}

static fs_status read_styles(fs_xlsx_book *b, fs_xlsx_entry *e, fs_diags *d)
{
    st_ctx c = {0};
    fs_status st = parse_small(b, e, FS_XLSX_MAX_STYLES_PART, &c.x, st_start, st_end, NULL, d);
    if (st == FS_OK && c.nxf) {
        b->xf_date = calloc(c.nxf, 1);
        if (!b->xf_date) {
            st = FS_ERR_NOMEM;
        } else {
            b->nxf = c.nxf;
            for (size_t i = 0; i < c.nxf; i++) {
                int id = c.xf_fmt[i];
                bool custom = false, date = false;
                /* the last definition of an id wins, as in Excel */
                for (size_t k = c.nfmts; k-- > 0;)
                    if (c.fmts[k].id == id) {
                        custom = true;
                        date = c.fmts[k].date;
                        break;
                    }
                b->xf_date[i] = (unsigned char)(custom ? date : builtin_date(id));
            }
        }
    }
    free(c.fmts);
    free(c.xf_fmt);
    return st;
}

/* ----------------------------------------------------- shared strings */

typedef struct sst_ctx {
    fs_xlsx_xml x;
    int skip;
    int in_si;  /* depth inside <si> (1 = the si itself)           */
    int in_rph; /* inside a phonetic run                           */
    bool in_t;
    bool preserve; /* the current <t> keeps its whitespace            */
    bool si_preserve;
    fs_xlsx_buf t;  /* the current <t>                                 */
    fs_xlsx_buf si; /* the current string                              */
    bool too_long;
} sst_ctx;

static void XMLCALL sst_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    sst_ctx *c = user;
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (c->skip || !fs_xlsx_is_main(ns)) {
        c->skip++;
        return;
    }
    if (c->in_si)
        c->in_si++;
    const char *space = fs_xlsx_attr(atts, "space", FS_XLSX_NS_XML);
    if (strcmp(l, "si") == 0 && !c->in_si) {
        c->in_si = 1;
        c->si.len = 0;
        c->too_long = false;
        c->si_preserve = space && strcmp(space, "preserve") == 0;
    } else if (strcmp(l, "rPh") == 0 && c->in_si) {
        c->in_rph++;
    } else if (strcmp(l, "t") == 0 && c->in_si && !c->in_rph) {
        c->in_t = true;
        c->t.len = 0;
        c->preserve = space ? strcmp(space, "preserve") == 0 : c->si_preserve;
    }
}

static void XMLCALL sst_text(void *user, const XML_Char *s, int len)
{
    sst_ctx *c = user;
    if (!c->in_t || c->skip || c->too_long)
        return;
    bool oom = false;
    if (!fs_xlsx_buf_add(&c->t, s, (size_t)len, FS_XLSX_MAX_CELL, &oom)) {
        if (oom)
            handler_env(&c->x, FS_ERR_NOMEM);
        else
            c->too_long = true;
    }
}

static void XMLCALL sst_end(void *user, const XML_Char *name)
{
    sst_ctx *c = user;
    if (c->skip) {
        c->skip--;
        return;
    }
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    fs_xlsx_book *b = c->x.book;
    if (c->in_si)
        c->in_si--;
    if (strcmp(l, "rPh") == 0 && c->in_rph) {
        c->in_rph--;
    } else if (strcmp(l, "t") == 0 && c->in_t) {
        c->in_t = false;
        const char *s = c->t.len ? c->t.p : "";
        size_t n = c->t.len;
        if (!c->preserve)
            fs_xlsx_strip_layout(&s, &n);
        if (n) /* escapes of each <t> on their own: runs do not share one */
            n = fs_xlsx_unescape(c->t.p + (s - c->t.p), n);
        bool oom = false;
        if (!c->too_long && !fs_xlsx_buf_add(&c->si, s, n, FS_XLSX_MAX_CELL, &oom)) {
            if (oom) {
                handler_env(&c->x, FS_ERR_NOMEM);
                return;
            }
            c->too_long = true;
        }
    } else if (strcmp(l, "si") == 0 && c->in_si == 0) {
        if (c->too_long) {
            fs_loc loc = fs_xlsx_loc(b, NULL, 0, 0);
            fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL,
                        "a value of the standard needs far less text; shorten it, or send CSV "
                        "files",
                        "the shared strings table holds a string longer than %u bytes (string "
                        "%zu)",
                        FS_XLSX_MAX_CELL, b->sst_count);
            handler_refuse(&c->x);
            return;
        }
        if (b->sst_count >= FS_XLSX_MAX_SST_COUNT) {
            fs_loc loc = fs_xlsx_loc(b, NULL, 0, 0);
            fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL,
                        "a workbook of the standard holds far less text; save only the tables in "
                        "the workbook, or send CSV files",
                        "the shared strings table holds more than %d strings",
                        FS_XLSX_MAX_SST_COUNT);
            handler_refuse(&c->x);
            return;
        }
        size_t n = c->si.len;
        if (n > FS_XLSX_MAX_SST_BYTES - b->sst_len) {
            fs_loc loc = fs_xlsx_loc(b, NULL, 0, 0);
            fs_diag_add(c->x.d, R_XLSX_TOO_BIG, &loc, NULL,
                        "a workbook of the standard holds far less text; save only the tables in "
                        "the workbook, or send CSV files",
                        "the shared strings table holds more than %llu bytes of text",
                        (unsigned long long)FS_XLSX_MAX_SST_BYTES);
            handler_refuse(&c->x);
            return;
        }
        if (b->sst_len + n > b->sst_cap) {
            size_t cap = b->sst_cap ? b->sst_cap : 65536;
            while (cap < b->sst_len + n)
                cap *= 2;
            if (cap > FS_XLSX_MAX_SST_BYTES)
                cap = FS_XLSX_MAX_SST_BYTES;
            char *t = realloc(b->sst_text, cap ? cap : 1);
            if (!t) {
                handler_env(&c->x, FS_ERR_NOMEM);
                return;
            }
            b->sst_text = t;
            b->sst_cap = cap;
        }
        if (b->sst_count + 2 > b->sst_off_cap) {
            size_t cap = b->sst_off_cap ? b->sst_off_cap * 2 : 1024;
            uint32_t *o = realloc(b->sst_off, cap * sizeof *o);
            if (!o) {
                handler_env(&c->x, FS_ERR_NOMEM);
                return;
            }
            b->sst_off = o;
            b->sst_off_cap = cap;
        }
        if (n)
            memcpy(b->sst_text + b->sst_len, c->si.p, n);
        b->sst_off[b->sst_count] = (uint32_t)b->sst_len;
        b->sst_len += n;
        b->sst_count++;
        b->sst_off[b->sst_count] = (uint32_t)b->sst_len;
    }
}

static fs_status read_shared_strings(fs_xlsx_book *b, fs_xlsx_entry *e, fs_diags *d)
{
    sst_ctx c = {0};
    b->has_sst = true;
    fs_status st = parse_small(b, e, FS_XLSX_MAX_SST_PART, &c.x, sst_start, sst_end, sst_text, d);
    fs_xlsx_buf_free(&c.t);
    fs_xlsx_buf_free(&c.si);
    return st;
}

/* ------------------------------------------------------------- sheets */

/* A sheet of the template that is no table, by its name: the instructions
 * ("Instructions...", "README...", any name with 说明, which also covers
 * "字段说明 Dictionary"), the dictionary and the drop-down lists ("lists",
 * hidden, but a clerk may unhide it: its first row names columns). */
static bool template_aux_sheet(const char *name)
{
    const char *s = name;
    size_t n = strlen(name);
    fs_trim(&s, &n);
    return (n >= 11 && strncasecmp(s, "instruction", 11) == 0) ||
           (n >= 6 && strncasecmp(s, "readme", 6) == 0) ||
           (n >= 10 && strncasecmp(s, "dictionary", 10) == 0) ||
           (n == 5 && strncasecmp(s, "lists", 5) == 0) || memmem(s, n, "说明", strlen("说明"));
}

/* The table a sheet's name points to (English or Chinese table name
 * inside the name), or -1. */
static int table_hint(const char *name)
{
    size_t n = strlen(name);
    for (int t = 0; t < FS_T_COUNT; t++) {
        const char *en = fs_tables[t].name, *zh = fs_tables[t].name_zh;
        size_t el = strlen(en);
        for (size_t i = 0; i + el <= n; i++)
            if (strncasecmp(name + i, en, el) == 0)
                return t;
        if (zh && *zh && memmem(name, n, zh, strlen(zh)))
            return t;
    }
    return -1;
}

static fs_status add_sheet(fs_xlsx_book *b, const fs_xlsx_sheet *sh, size_t *cap)
{
    if (!fs_grow((void **)&b->sheets, cap, b->nsheets, sizeof *b->sheets))
        return FS_ERR_NOMEM;
    b->sheets[b->nsheets++] = *sh;
    return FS_OK;
}

/* A hidden sheet whose name names no table (sh: its name only; r its
 * relationship, may be NULL): warn when its first rows hold a table's
 * header, since a clerk who hid it may not know it is left out.  The
 * probe's own problems are not the workbook's (a hidden sheet is not
 * read): only running out of memory is returned. */
static fs_status hidden_table(fs_xlsx_book *b, const rel *r, const fs_xlsx_sheet *named,
                              const fs_loc *l, fs_diags *d)
{
    fs_xlsx_sheet sh = {0};
    sh.name = named->name;
    sh.part = r ? fs_xlsx_zip_find(b, r->target) : NULL;
    if (!sh.part || sh.part->sheet)
        return FS_OK;
    fs_diags scratch;
    fs_diags_init(&scratch);
    int table = -1, names = 0;
    bool empty = false;
    /* its first rows only, without its merged ranges (fs_xlsx_sheet_prepare
     * would inflate it all) */
    fs_status st = fs_xlsx_sheet_probe(b, &sh, &table, &names, &empty, &scratch);
    bool oom = st == FS_ERR_NOMEM || scratch.oom;
    fs_diags_free(&scratch);
    sh.name = NULL; /* the caller's */
    fs_xlsx_sheet_free(&sh);
    if (oom)
        return FS_ERR_NOMEM;
    if (st == FS_OK && !empty && table >= 0 && names >= 2)
        /* the table as a Chinese sheet names it, and its standard name */
        fs_diag_add(d, R_XLSX_SHEET_IGNORED, l, NULL,
                    "if it holds data to submit, unhide the sheet (right-click a sheet tab > "
                    "Unhide) and check the workbook again",
                    "sheet '%s' is hidden and is not read, though it holds the header of the "
                    "%s (%s) table",
                    named->name, fs_tables[table].name_zh, fs_tables[table].name);
    return FS_OK;
}

/* Decide, sheet by sheet, what is read (see xlsx_source.h). */
static fs_status choose_sheets(fs_xlsx_book *b, const wb_ctx *wb, const rels_ctx *wr, fs_diags *d)
{
    size_t cap = 0;
    for (size_t i = 0; i < wb->n; i++) {
        const wb_sheet *ws = &wb->sheets[i];
        const rel *r = rel_by_id(wr, ws->rid);
        fs_xlsx_sheet sh = {0};
        sh.name = fs_xlsx_printable(ws->name, strlen(ws->name));
        if (!sh.name)
            return FS_ERR_NOMEM;
        fs_loc l = fs_xlsx_loc(b, sh.name, 0, 0);
        if (r && !ends_with(r->type, "/worksheet")) { /* chart sheet, dialog sheet ... */
            free(sh.name);
            continue;
        }
        int hint = table_hint(ws->name);
        if (ws->hidden || template_aux_sheet(ws->name)) {
            fs_status st = FS_OK;
            if (ws->hidden && hint >= 0)
                fs_diag_add(d, R_XLSX_SHEET_IGNORED, &l, NULL,
                            "unhide the sheet (right-click a sheet tab > Unhide) if it holds data "
                            "to submit",
                            "sheet '%s' is hidden and is not read", sh.name);
            else if (ws->hidden && !template_aux_sheet(ws->name))
                st = hidden_table(b, r, &sh, &l, d);
            free(sh.name);
            if (st != FS_OK)
                return st;
            continue;
        }
        sh.part = r ? fs_xlsx_zip_find(b, r->target) : NULL;
        if (!sh.part || sh.part->sheet) {
            /* Two sheets on one part never come from Excel or WPS, and
             * would have us read (and inflate) one part again and again. */
            if (sh.part)
                fs_diag_add(d, R_XLSX_DAMAGED, &l, NULL,
                            "open the workbook in Excel or WPS, save it again as .xlsx and send "
                            "the new file",
                            "the workbook is damaged: the data of sheet '%s' is that of another "
                            "sheet",
                            sh.name);
            else
                fs_diag_add(d, R_XLSX_DAMAGED, &l, NULL,
                            "open the workbook in Excel or WPS, save it again as .xlsx and send "
                            "the new file",
                            "the workbook is damaged: the data of sheet '%s' is missing from the "
                            "archive",
                            sh.name);
            free(sh.name);
            return FS_ERR_DATA;
        }
        sh.part->sheet = true;
        fs_status st = fs_xlsx_sheet_prepare(b, &sh, d);
        int table = -1, names = 0;
        bool empty = false;
        if (st == FS_OK)
            st = fs_xlsx_sheet_probe(b, &sh, &table, &names, &empty, d);
        if (st != FS_OK) {
            fs_xlsx_sheet_free(&sh);
            return st;
        }
        /* A header naming one column only (a notes sheet with a 日期 or
         * 备注 cell) is no table, unless the sheet's name says it is. */
        if (names < 2 && hint < 0)
            table = -1;
        if (empty || (table < 0 && hint < 0)) {
            if (!empty) /* an empty sheet (Sheet2, Sheet3) goes unmentioned */
                fs_diag_add(d, R_XLSX_SHEET_IGNORED, &l, NULL,
                            "give the sheet the header row of its table (e.g. case_id, county, "
                            "date_reported ... or 案件编号, 县区代码, 立案日期 ...), or hide or "
                            "delete sheets that are not tables",
                            "sheet '%s' holds no table of the standard (none of its first rows "
                            "is a header row) and is ignored",
                            sh.name);
            fs_xlsx_sheet_free(&sh);
            continue;
        }
        char th[FS_TABLE_LABEL_MAX], tt[FS_TABLE_LABEL_MAX];
        if (table >= 0 && hint >= 0 && hint != table)
            fs_diag_add(d, R_XLSX_SHEET_NAME, &l, NULL,
                        "check that the sheet holds what its name says; the header decides",
                        "sheet '%s' is named after the %s table but its header row is that of "
                        "the %s table, so it is read as %s",
                        sh.name, fs_table_label((fs_table)hint, th, sizeof th),
                        fs_table_label((fs_table)table, tt, sizeof tt), fs_tables[table].name);
        st = add_sheet(b, &sh, &cap);
        if (st != FS_OK) {
            fs_xlsx_sheet_free(&sh);
            return st;
        }
    }
    if (b->nsheets == 0) {
        fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
        fs_diag_add(d, R_XLSX_NO_TABLES, &l, NULL,
                    "fill in the table sheets of the template (indicators, incidents, disputes, "
                    "cooperation), keep them visible, and send the workbook again",
                    "the workbook holds no visible sheet with a table of the standard");
        return FS_ERR_DATA;
    }
    return FS_OK;
}

/* ------------------------------------------------------------ package */

static fs_status refuse_not_workbook(const fs_xlsx_book *b, fs_diags *d)
{
    fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
    if (fs_xlsx_zip_find(b, "xl/workbook.bin")) {
        fs_diag_add(d, R_FILE_SPREADSHEET, &l, NULL,
                    "open it in Excel or WPS, choose File > Save As > Excel Workbook (*.xlsx) and "
                    "send the .xlsx file; or save each table sheet as CSV UTF-8 (*.csv)",
                    "this is an Excel binary workbook (.xlsb), a format forumstat does not read");
    } else if (fs_xlsx_zip_find(b, "mimetype") && fs_xlsx_zip_find(b, "content.xml")) {
        fs_diag_add(
            d, R_FILE_SPREADSHEET, &l, NULL,
            "open it in WPS, LibreOffice or Excel, choose File > Save As > Excel Workbook "
            "(*.xlsx) and send the .xlsx file; or save each table sheet as CSV UTF-8 (*.csv)",
            "this is an OpenDocument spreadsheet (.ods), which forumstat does not read");
    } else if (fs_xlsx_zip_find(b, "word/document.xml")) {
        fs_diag_add(d, R_FILE_BINARY, &l, NULL,
                    "send the workbook (.xlsx) or the CSV files of the tables instead",
                    "this is a Word document, not a workbook or CSV file");
    } else {
        fs_diag_add(
            d, R_FILE_BINARY, &l, NULL,
            "send the workbook itself (.xlsx), or unpack the archive and send the files in it",
            "this is a ZIP archive, not an Excel workbook");
    }
    return FS_ERR_DATA;
}

/* Find and check the workbook part; *part gets its name (owned). */
static fs_status find_workbook(fs_xlsx_book *b, char **part, fs_diags *d)
{
    *part = NULL;
    fs_xlsx_entry *cte = fs_xlsx_zip_find(b, "[Content_Types].xml");
    if (!cte)
        return refuse_not_workbook(b, d);
    ct_ctx ct = {0};
    fs_status st = parse_small(b, cte, FS_XLSX_MAX_META_PART, &ct.x, ct_start, ct_end, NULL, d);
    rels_ctx pr = {0};
    if (st == FS_OK)
        st = read_rels(b, "", &pr, d);
    if (st == FS_OK) {
        const rel *r = rel_by_type(&pr, "officeDocument");
        *part = strdup(r ? r->target : "xl/workbook.xml");
        if (!*part)
            st = FS_ERR_NOMEM;
    }
    if (st == FS_OK) {
        const char *type = content_type(&ct, *part);
        fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
        if ((type && strstr(type, "sheet.binary")) || ends_with(*part, ".bin")) {
            fs_diag_add(d, R_FILE_SPREADSHEET, &l, NULL,
                        "open it in Excel or WPS, choose File > Save As > Excel Workbook (*.xlsx) "
                        "and send the .xlsx file; or save each table sheet as CSV UTF-8 (*.csv)",
                        "this is an Excel binary workbook (.xlsb), a format forumstat does not "
                        "read");
            st = FS_ERR_DATA;
        } else if (type && strstr(type, "wordprocessingml")) {
            fs_diag_add(d, R_FILE_BINARY, &l, NULL,
                        "send the workbook (.xlsx) or the CSV files of the tables instead",
                        "this is a Word document, not a workbook or CSV file");
            st = FS_ERR_DATA;
        } else if (type && strstr(type, "presentationml")) {
            fs_diag_add(d, R_FILE_BINARY, &l, NULL,
                        "send the workbook (.xlsx) or the CSV files of the tables instead",
                        "this is a PowerPoint document, not a workbook or CSV file");
            st = FS_ERR_DATA;
        } else if (!fs_xlsx_zip_find(b, *part)) {
            st = refuse_not_workbook(b, d);
        }
    }
    ctypes_free(&ct);
    rels_free(&pr);
    if (st != FS_OK) {
        free(*part);
        *part = NULL;
    }
    return st;
}

static fs_status read_book(fs_xlsx_book *b, fs_diags *d)
{
    char *wbpart = NULL;
    fs_status st = find_workbook(b, &wbpart, d);
    if (st != FS_OK)
        return st;
    rels_ctx wr = {0};
    wb_ctx wb = {0};
    st = read_rels(b, wbpart, &wr, d);
    if (st == FS_OK)
        st = parse_small(b, fs_xlsx_zip_find(b, wbpart), FS_XLSX_MAX_META_PART, &wb.x, wb_start,
                         wb_end, NULL, d);
    if (st == FS_OK) {
        b->date1904 = wb.date1904;
        const rel *r = rel_by_type(&wr, "styles");
        fs_xlsx_entry *e = fs_xlsx_zip_find(b, r ? r->target : "xl/styles.xml");
        if (e)
            st = read_styles(b, e, d);
    }
    if (st == FS_OK) {
        const rel *r = rel_by_type(&wr, "sharedStrings");
        fs_xlsx_entry *e = fs_xlsx_zip_find(b, r ? r->target : "xl/sharedStrings.xml");
        if (e)
            st = read_shared_strings(b, e, d);
    }
    if (st == FS_OK)
        st = choose_sheets(b, &wb, &wr, d);
    wb_free(&wb);
    rels_free(&wr);
    free(wbpart);
    return st;
}

/* ------------------------------------------------------------ the API */

static fs_status unreadable(fs_diags *d, const char *display, bool opening, int err)
{
    fs_loc l = {FS_LOC_FILE, display, NULL, 0, 0, NULL, 0};
    if (opening)
        fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, NULL, "the file cannot be opened: %s",
                    strerror(err));
    else
        fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, NULL, "the file cannot be read: %s",
                    strerror(err));
    return fs_status_from_errno(err);
}

fs_status fs_xlsx_open(const char *path, const char *display, fs_xlsx_book **out, fs_diags *d)
{
    *out = NULL;
    if (!display)
        display = path;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return unreadable(d, display, true, errno);
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        fs_loc l = {FS_LOC_FILE, display, NULL, 0, 0, NULL, 0};
        fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, "send the file itself",
                    "this is not a regular file");
        return FS_ERR_DATA;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    fs_xlsx_book *b = calloc(1, sizeof *b);
    if (!b) {
        close(fd);
        return FS_ERR_NOMEM;
    }
    b->display = display;
    unsigned char head[8];
    ssize_t nh = pread(fd, head, sizeof head, 0);
    if (nh < 0) {
        int e = errno;
        close(fd);
        free(b);
        return unreadable(d, display, false, e);
    }
    fs_status st;
    if (fs_xlsx_is_ole(head, (size_t)nh)) {
        st = fs_xlsx_ole_refuse(b, fd, d);
        close(fd);
        free(b);
        return st;
    }
    if (!fs_xlsx_is_zip(head, (size_t)nh)) {
        close(fd);
        fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
        fs_diag_add(d, R_XLSX_DAMAGED, &l, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                    "new file",
                    "the workbook is damaged: it does not start like an .xlsx file (a ZIP "
                    "archive)");
        free(b);
        return FS_ERR_DATA;
    }
    st = fs_xlsx_zip_open(b, fd, d); /* takes fd */
    if (st == FS_OK)
        st = read_book(b, d);
    if (st != FS_OK) {
        fs_xlsx_free(b);
        return st;
    }
    *out = b;
    return FS_OK;
}

size_t fs_xlsx_nsheets(const fs_xlsx_book *b)
{
    return b->nsheets;
}

const char *fs_xlsx_sheet_name(const fs_xlsx_book *b, size_t i)
{
    return i < b->nsheets ? b->sheets[i].name : NULL;
}

fs_status fs_xlsx_sheet_source(fs_xlsx_book *b, size_t i, fs_source **out, fs_diags *d)
{
    *out = NULL;
    if (i >= b->nsheets)
        return FS_ERR_USAGE;
    return fs_xlsx_sheet_open(b, &b->sheets[i], out, d);
}

void fs_xlsx_free(fs_xlsx_book *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nsheets; i++)
        fs_xlsx_sheet_free(&b->sheets[i]);
    free(b->sheets);
    fs_xlsx_zip_close(b);
    free(b->xf_date);
    free(b->sst_text);
    free(b->sst_off);
    free(b);
}
