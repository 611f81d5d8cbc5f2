/*
 * xlsx_xml.c — expat for the workbook's XML parts (see xlsx_int.h).
 *
 * Every part is untrusted XML.  Each parser:
 *   - refuses any DOCTYPE the moment it starts (before its internal subset
 *     is read), and any entity declaration, by stopping the parser: no
 *     entity is ever defined, so neither "billion laughs" expansion nor an
 *     external entity can happen; parameter entities are never parsed and
 *     no external entity handler exists;
 *   - allocates through a counting memory suite with a cap
 *     (FS_XLSX_MAX_XML_MEMORY): a giant start tag or attribute fails as
 *     "too big" instead of taking the machine's memory.  Expat's suite has
 *     no user pointer, so the parser being driven is announced in a
 *     thread-local variable around every expat call, and each block
 *     remembers its counter (freeing works from any thread);
 *   - is namespace-aware (separator \x01), so prefixed names (<x:c>) and
 *     default namespaces read the same, and the Strict OOXML namespaces
 *     are recognised next to the transitional ones;
 *   - reads the part in blocks straight into expat's buffer
 *     (XML_GetBuffer/XML_ParseBuffer), so a handler may suspend the parser
 *     after a row and the rest of the block waits inside expat.
 *
 * Text rules of SpreadsheetML also live here: _xHHHH_ escapes (UTF-16 code
 * units written as text, Excel's way of storing control characters) and
 * the whitespace of <t> elements without xml:space="preserve".
 */
#include "xlsx_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

/* ------------------------------------------------------------ buffers */

bool fs_xlsx_buf_add(fs_xlsx_buf *b, const char *s, size_t n, size_t limit, bool *oom)
{
    if (b->len > limit || n > limit - b->len)
        return false;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        if (cap > limit + 1)
            cap = limit + 1;
        char *p = realloc(b->p, cap);
        if (!p) {
            *oom = true;
            return false;
        }
        b->p = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

void fs_xlsx_buf_free(fs_xlsx_buf *b)
{
    free(b->p);
    *b = (fs_xlsx_buf){0};
}

/* ----------------------------------------------------- counted memory */

static _Thread_local fs_xlsx_mem *current_mem;

typedef union mem_header {
    max_align_t align;
    struct {
        fs_xlsx_mem *mem;
        size_t size;
    } h;
} mem_header;

static void *counted_malloc(size_t size)
{
    fs_xlsx_mem *m = current_mem;
    if (!m || size > m->cap - m->used || size > SIZE_MAX - sizeof(mem_header)) {
        if (m)
            m->exceeded = true;
        return NULL;
    }
    mem_header *p = malloc(sizeof *p + size);
    if (!p) {
        m->failed = true;
        return NULL;
    }
    p->h.mem = m;
    p->h.size = size;
    m->used += size;
    return p + 1;
}

static void *counted_realloc(void *ptr, size_t size)
{
    if (!ptr)
        return counted_malloc(size);
    mem_header *p = (mem_header *)ptr - 1;
    fs_xlsx_mem *m = p->h.mem;
    size_t old = p->h.size;
    if ((size > old && size - old > m->cap - m->used) || size > SIZE_MAX - sizeof *p) {
        m->exceeded = true;
        return NULL;
    }
    mem_header *q = realloc(p, sizeof *q + size);
    if (!q) {
        m->failed = true;
        return NULL;
    }
    m->used = m->used - old + size;
    q->h.size = size;
    return q + 1;
}

static void counted_free(void *ptr)
{
    if (!ptr)
        return;
    mem_header *p = (mem_header *)ptr - 1;
    p->h.mem->used -= p->h.size;
    free(p);
}

static const XML_Memory_Handling_Suite counted_suite = {counted_malloc, counted_realloc,
                                                        counted_free};

/* ------------------------------------------------------------ parsers */

static void XMLCALL refuse_doctype(void *user, const XML_Char *name, const XML_Char *sysid,
                                   const XML_Char *pubid, int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    fs_xlsx_xml *x = user;
    x->doctype = true;
    XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL refuse_entity(void *user, const XML_Char *name, int is_param,
                                  const XML_Char *value, int value_len, const XML_Char *base,
                                  const XML_Char *sysid, const XML_Char *pubid,
                                  const XML_Char *notation)
{
    (void)name;
    (void)is_param;
    (void)value;
    (void)value_len;
    (void)base;
    (void)sysid;
    (void)pubid;
    (void)notation;
    fs_xlsx_xml *x = user;
    x->doctype = true;
    XML_StopParser(x->p, XML_FALSE);
}

fs_status fs_xlsx_xml_begin(fs_xlsx_xml *x, fs_xlsx_book *b, fs_xlsx_entry *e, uint64_t cap,
                            const char *sheet, fs_diags *d)
{
    *x = (fs_xlsx_xml){.book = b, .sheet = sheet, .d = d};
    x->mem.cap = FS_XLSX_MAX_XML_MEMORY;
    fs_status st = fs_xlsx_stream_open(b, e, cap, sheet, &x->stream, d);
    if (st != FS_OK)
        return st;
    fs_xlsx_mem *prev = current_mem;
    current_mem = &x->mem;
    x->p = XML_ParserCreate_MM(NULL, &counted_suite, "\x01");
    current_mem = prev;
    if (!x->p) {
        fs_xlsx_stream_close(&x->stream);
        return FS_ERR_NOMEM;
    }
    XML_SetUserData(x->p, x);
    XML_SetStartDoctypeDeclHandler(x->p, refuse_doctype);
    XML_SetEntityDeclHandler(x->p, refuse_entity);
    XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
    return FS_OK;
}

void fs_xlsx_xml_handlers(fs_xlsx_xml *x, XML_StartElementHandler start, XML_EndElementHandler end,
                          XML_CharacterDataHandler text)
{
    XML_SetElementHandler(x->p, start, end);
    XML_SetCharacterDataHandler(x->p, text);
}

void fs_xlsx_xml_stop(fs_xlsx_xml *x, bool resumable)
{
    if (!resumable)
        x->stopped = true;
    XML_StopParser(x->p, resumable ? XML_TRUE : XML_FALSE);
}

/* Turn expat's answer into progress or a diagnostic. */
static fs_status after_parse(fs_xlsx_xml *x, enum XML_Status xs)
{
    if (xs == XML_STATUS_SUSPENDED) {
        x->suspended = true;
        return FS_OK;
    }
    if (xs == XML_STATUS_OK) {
        if (x->final_fed)
            x->done = true;
        return FS_OK;
    }
    x->done = true;
    enum XML_Error code = XML_GetErrorCode(x->p);
    fs_loc l = fs_xlsx_loc(x->book, x->sheet, 0, 0);
    const char *part = x->stream.e->name;
    if (x->doctype) {
        fs_diag_add(x->d, R_XLSX_DOCTYPE, &l, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                    "new file",
                    "part %s declares a DOCTYPE or entities, which Excel and WPS never write; "
                    "the part is refused unread",
                    part);
        return FS_ERR_DATA;
    }
    if (x->env != FS_OK)
        return x->env;
    if (x->refused)
        return FS_ERR_DATA;
    if (code == XML_ERROR_ABORTED && x->stopped)
        return FS_OK;
    /* Memory ran out inside expat: whatever error it names then (it can
     * report a namespace failure as an unbound prefix), the part is not
     * damaged. */
    if (x->mem.failed && !x->mem.exceeded)
        return FS_ERR_NOMEM;
    if (code == XML_ERROR_NO_MEMORY) {
        if (!x->mem.exceeded)
            return FS_ERR_NOMEM;
        fs_diag_add(x->d, R_XLSX_TOO_BIG, &l, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                    "new file",
                    "part %s holds an XML element larger than the limit of %u bytes", part,
                    (unsigned)FS_XLSX_MAX_XML_MEMORY);
        return FS_ERR_DATA;
    }
    fs_diag_add(x->d, R_XLSX_DAMAGED, &l, NULL,
                "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                "new file",
                "the workbook is damaged: part %s is not well-formed XML (line %lu: %s)", part,
                (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(code));
    return FS_ERR_DATA;
}

fs_status fs_xlsx_xml_step(fs_xlsx_xml *x)
{
    if (x->done)
        return FS_OK;
    enum XML_Status xs;
    fs_xlsx_mem *prev = current_mem;
    current_mem = &x->mem;
    if (x->suspended) {
        x->suspended = false;
        xs = XML_ResumeParser(x->p);
    } else {
        void *buf = XML_GetBuffer(x->p, CHUNK);
        if (!buf) {
            current_mem = prev;
            x->done = true;
            if (!x->mem.exceeded)
                return FS_ERR_NOMEM;
            fs_loc l = fs_xlsx_loc(x->book, x->sheet, 0, 0);
            fs_diag_add(x->d, R_XLSX_TOO_BIG, &l, NULL,
                        "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                        "new file",
                        "part %s holds an XML element larger than the limit of %u bytes",
                        x->stream.e->name, (unsigned)FS_XLSX_MAX_XML_MEMORY);
            return FS_ERR_DATA;
        }
        size_t got = 0;
        fs_status st = fs_xlsx_stream_read(x->book, &x->stream, buf, CHUNK, &got, x->d);
        if (st != FS_OK) {
            current_mem = prev;
            x->done = true;
            return st;
        }
        x->final_fed = got == 0;
        xs = XML_ParseBuffer(x->p, (int)got, got == 0);
    }
    current_mem = prev;
    return after_parse(x, xs);
}

fs_status fs_xlsx_xml_run(fs_xlsx_xml *x)
{
    while (!x->done) {
        fs_status st = fs_xlsx_xml_step(x);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

void fs_xlsx_xml_end(fs_xlsx_xml *x)
{
    if (x->p) {
        fs_xlsx_mem *prev = current_mem;
        current_mem = &x->mem;
        XML_ParserFree(x->p);
        current_mem = prev;
        x->p = NULL;
    }
    fs_xlsx_stream_close(&x->stream);
}

/* -------------------------------------------------------------- names */

#define NS_ENTRY(uri, ns)                                                                          \
    {                                                                                              \
        (uri), sizeof(uri) - 1, (ns)                                                               \
    }
static const struct {
    const char *uri;
    size_t len;
    int ns;
} namespaces[] = {
    NS_ENTRY("http://schemas.openxmlformats.org/spreadsheetml/2006/main", FS_XLSX_NS_MAIN),
    NS_ENTRY("http://purl.oclc.org/ooxml/spreadsheetml/main", FS_XLSX_NS_MAIN),
    NS_ENTRY("http://schemas.openxmlformats.org/package/2006/content-types", FS_XLSX_NS_PKG),
    NS_ENTRY("http://schemas.openxmlformats.org/package/2006/relationships", FS_XLSX_NS_PKG),
    NS_ENTRY("http://schemas.openxmlformats.org/officeDocument/2006/relationships", FS_XLSX_NS_REL),
    NS_ENTRY("http://purl.oclc.org/ooxml/officeDocument/relationships", FS_XLSX_NS_REL),
    NS_ENTRY("http://www.w3.org/XML/1998/namespace", FS_XLSX_NS_XML),
};

const char *fs_xlsx_name(const XML_Char *name, int *ns)
{
    /* The usual case first, without a scan: the transitional main
     * namespace (every element of a sheet but a few). */
    if (strncmp(name, namespaces[0].uri, namespaces[0].len) == 0 &&
        name[namespaces[0].len] == '\x01') {
        *ns = FS_XLSX_NS_MAIN;
        return name + namespaces[0].len + 1;
    }
    const char *sep = strchr(name, '\x01');
    if (!sep) {
        *ns = FS_XLSX_NS_NONE;
        return name;
    }
    size_t ul = (size_t)(sep - name);
    *ns = FS_XLSX_NS_OTHER;
    for (size_t i = 0; i < sizeof namespaces / sizeof namespaces[0]; i++)
        if (namespaces[i].len == ul && memcmp(namespaces[i].uri, name, ul) == 0) {
            *ns = namespaces[i].ns;
            break;
        }
    return sep + 1;
}

const char *fs_xlsx_attr(const XML_Char **atts, const char *local, int ns)
{
    for (size_t i = 0; atts[i]; i += 2) {
        int cls;
        const char *l = fs_xlsx_name(atts[i], &cls);
        if (strcmp(l, local) == 0 && (ns < 0 || cls == ns))
            return atts[i + 1];
    }
    return NULL;
}

bool fs_xlsx_is_main(int ns)
{
    return ns == FS_XLSX_NS_MAIN || ns == FS_XLSX_NS_NONE;
}

/* --------------------------------------------------------------- text */

static int hexdigit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* An escape _xHHHH_ at s[i]: its code unit in *u. */
static bool escape_at(const char *s, size_t n, size_t i, unsigned *u)
{
    if (i + 7 > n || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
        return false;
    unsigned v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hexdigit((unsigned char)s[i + k]);
        if (h < 0)
            return false;
        v = v << 4 | (unsigned)h;
    }
    *u = v;
    return true;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t fs_xlsx_unescape(char *s, size_t n)
{
    size_t o = 0, i = 0;
    if (!memchr(s, '_', n))
        return n;
    while (i < n) {
        unsigned u;
        if (!escape_at(s, n, i, &u)) {
            s[o++] = s[i++];
            continue;
        }
        i += 7;
        uint32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            unsigned lo;
            if (escape_at(s, n, i, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (lo - 0xDC00);
                i += 7;
            } else {
                cp = 0xFFFD;
            }
        } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
            cp = 0xFFFD;
        }
        /* At most 4 bytes out for at least 7 in: o stays behind i. */
        o += put_utf8(s + o, cp);
    }
    return o;
}

static bool xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void fs_xlsx_strip_layout(const char **s, size_t *n)
{
    size_t i = 0;
    bool line = false;
    for (; i < *n && xml_space((*s)[i]); i++)
        line |= (*s)[i] == '\n' || (*s)[i] == '\r';
    if (line) {
        *s += i;
        *n -= i;
    }
    size_t j = *n;
    line = false;
    for (; j > 0 && xml_space((*s)[j - 1]); j--)
        line |= (*s)[j - 1] == '\n' || (*s)[j - 1] == '\r';
    if (line)
        *n = j;
}
