/*
 * fuzz_xlsx.c — libFuzzer harness: a county's workbook (.xlsx) through the
 * hostile-file path of `forumstat import` (report/read/xlsx_*.c, then the
 * validator), exactly as ingest.c drives it.
 *
 * Two kinds of input, told apart by the first bytes:
 *
 *  - a ZIP archive ("PK\3\4") or an OLE file (D0 CF 11 E0 ...): written to
 *    the file as is, so the archive layer (end records, entry table,
 *    duplicate names, methods, lying sizes) and the OLE classifier are
 *    fuzzed;
 *  - anything else is a list of parts: lines "#>NAME" start a part and the
 *    bytes up to the next such line are its content.  The parts replace or
 *    add to a small valid workbook (content types, relationships, workbook
 *    with two sheets, styles with date formats, shared strings, two
 *    sheets), and bytes before the first "#>" line become the first
 *    sheet's XML.  The result is written as a stored ZIP archive, so the
 *    fuzzer mutates XML directly: namespaces, DOCTYPEs, cells, styles,
 *    shared strings, relationships, merged ranges.
 *
 * Invariants: opening gives FS_OK or FS_ERR_DATA (with an error); every
 * sheet source opens; rows and diagnostics satisfy fz_pump and
 * fz_check_diags.  Built and run like the others (Makefile FUZZERS, the
 * fuzz smoke of ./run-tests).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "xlsx_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 24
#define MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

typedef struct part {
    char name[128];
    const uint8_t *data;
    size_t len;
} part;

static const struct {
    const char *name, *xml;
} defaults[] = {
    {"[Content_Types].xml",
     "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
     "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
     "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"},
    {"_rels/.rels",
     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
     "<Relationship Id=\"rId1\" Type=\"" RT "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/workbook.xml",
     "<workbook xmlns=\"" MAIN "\" xmlns:r=\"" RT "\"><workbookPr/><sheets>"
     "<sheet name=\"incidents\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"disputes\" sheetId=\"2\" r:id=\"rId2\"/>"
     "</sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
     "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
     "<Relationship Id=\"rId2\" Type=\"" RT "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
     "<Relationship Id=\"rId3\" Type=\"" RT "styles\" Target=\"styles.xml\"/>"
     "<Relationship Id=\"rId4\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
    {"xl/styles.xml",
     "<styleSheet xmlns=\"" MAIN "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/></numFmts>"
     "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"49\"/></cellXfs></styleSheet>"},
    {"xl/sharedStrings.xml",
     "<sst xmlns=\"" MAIN "\"><si><t>case_id</t></si><si><t>county</t></si><si><t>date_reported</t></si>"
     "<si><t>category</t></si><si><t>offenses</t></si><si><t>status</t></si>"
     "<si><r><t>DS-</t></r><r><t>1</t></r><rPh><t>x</t></rPh></si><si><t>open</t></si></sst>"},
    {"xl/worksheets/sheet1.xml",
     "<worksheet xmlns=\"" MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
     "<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
     "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row><row r=\"2\">"
     "<c r=\"A2\" t=\"s\"><v>6</v></c><c r=\"B2\"><v>341321</v></c><c r=\"C2\" s=\"1\"><v>45432</v></c>"
     "<c r=\"D2\"><v>5</v></c><c r=\"E2\"><v>1</v></c><c r=\"F2\" t=\"s\"><v>7</v></c></row></sheetData>"
     "<mergeCells><mergeCell ref=\"B2:B3\"/></mergeCells></worksheet>"},
    {"xl/worksheets/sheet2.xml",
     "<worksheet xmlns=\"" MAIN "\"><sheetData><row><c t=\"inlineStr\"><is><t>dispute_id</t></is></c></row>"
     "</sheetData></worksheet>"},
};

/* ---- a stored ZIP archive ------------------------------------------- */

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    if (!table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

typedef struct out {
    uint8_t *p;
    size_t len, cap;
} out;

static void put(out *o, const void *s, size_t n)
{
    if (n == 0)
        return; /* o->p may still be NULL: no memcpy into it */
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap < o->len + n)
            cap *= 2;
        o->p = realloc(o->p, cap);
        if (!o->p)
            abort();
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void put16(out *o, unsigned v)
{
    uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    put(o, b, 2);
}

static void put32(out *o, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(o, b, 4);
}

static void write_zip(out *z, const part *parts, size_t n)
{
    out cd = {0};
    for (size_t i = 0; i < n; i++) {
        uint32_t crc = crc32_of(parts[i].data, parts[i].len), off = (uint32_t)z->len;
        size_t nl = strlen(parts[i].name);
        put32(z, 0x04034b50);
        put16(z, 20), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0x21);
        put32(z, crc), put32(z, (uint32_t)parts[i].len), put32(z, (uint32_t)parts[i].len);
        put16(z, (unsigned)nl), put16(z, 0);
        put(z, parts[i].name, nl);
        put(z, parts[i].data, parts[i].len);
        put32(&cd, 0x02014b50);
        put16(&cd, 20), put16(&cd, 20), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0x21);
        put32(&cd, crc), put32(&cd, (uint32_t)parts[i].len), put32(&cd, (uint32_t)parts[i].len);
        put16(&cd, (unsigned)nl), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0);
        put32(&cd, 0), put32(&cd, off);
        put(&cd, parts[i].name, nl);
    }
    uint32_t start = (uint32_t)z->len;
    put(z, cd.p, cd.len);
    put32(z, 0x06054b50);
    put16(z, 0), put16(z, 0), put16(z, (unsigned)n), put16(z, (unsigned)n);
    put32(z, (uint32_t)cd.len), put32(z, start), put16(z, 0);
    free(cd.p);
}

/* Split "#>NAME\n..." parts over the defaults. */
static size_t make_parts(const uint8_t *data, size_t size, part *parts)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++, n++) {
        snprintf(parts[n].name, sizeof parts[n].name, "%s", defaults[i].name);
        parts[n].data = (const uint8_t *)defaults[i].xml;
        parts[n].len = strlen(defaults[i].xml);
    }
    size_t i = 0;
    const char *name = "xl/worksheets/sheet1.xml";
    size_t name_len = strlen(name);
    bool first = true; /* bytes before any "#>" line: the first sheet, if any */
    for (;;) {
        /* the part runs to the next line starting with "#>" */
        size_t j = i;
        while (j < size && !((j == 0 || data[j - 1] == '\n') && j + 1 < size && data[j] == '#' &&
                             data[j + 1] == '>'))
            j++;
        if (j > i || !first) {
            char nm[128];
            size_t nl = name_len < sizeof nm - 1 ? name_len : sizeof nm - 1;
            memcpy(nm, name, nl);
            nm[nl] = '\0';
            size_t k = 0;
            while (k < n && strcmp(parts[k].name, nm) != 0)
                k++;
            if (k == n && n < MAX_PARTS)
                n++;
            if (k < n) {
                snprintf(parts[k].name, sizeof parts[k].name, "%s", nm);
                parts[k].data = data + i;
                parts[k].len = j - i;
            }
        }
        if (j >= size)
            break;
        /* "#>NAME\n" */
        size_t e = j + 2;
        while (e < size && data[e] != '\n')
            e++;
        first = false;
        name = (const char *)data + j + 2;
        name_len = e - (j + 2);
        i = e < size ? e + 1 : e;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    if (fs_xlsx_is_zip(data, size) || fs_xlsx_is_ole(data, size)) {
        path = fz_write_file("submission.xlsx", data, size);
    } else {
        part parts[MAX_PARTS];
        size_t n = make_parts(data, size, parts);
        out z = {0};
        write_zip(&z, parts, n);
        path = fz_write_file("submission.xlsx", z.p, z.len);
        free(z.p);
    }
    fs_diags d;
    fs_diags_init(&d);
    fs_xlsx_book *book = NULL;
    fs_status st = fs_xlsx_open(path, "submission.xlsx", &book, &d);
    if (st == FS_OK) {
        FZ_ASSERT(book != NULL, "%s", "FS_OK without a book");
        for (size_t i = 0; i < fs_xlsx_nsheets(book); i++) {
            fs_source *src = NULL;
            fs_status ss = fs_xlsx_sheet_source(book, i, &src, &d);
            FZ_ASSERT(ss == FS_OK && src != NULL, "sheet %zu: status %d (%s)", i, ss,
                      fs_strerror(ss));
            // cppcheck-suppress nullPointerRedundantCheck ; the FZ_ASSERT above does not return when src is NULL (fz_fail is _Noreturn)
            FZ_ASSERT(src->loc_kind == FS_LOC_CELL && src->table != NULL, "%s",
                      "a sheet source without cell locations");
            fz_pump(src, -1, &d);
            fs_source_free(src);
        }
        fs_xlsx_free(book);
    } else {
        FZ_ASSERT(st == FS_ERR_DATA, "fs_xlsx_open: status %d (%s)", st, fs_strerror(st));
        FZ_ASSERT(book == NULL && d.errors > 0, "%s", "refused without a diagnostic");
    }
    fz_check_diags(&d);
    fs_diags_free(&d);
    return 0;
}
