/*
 * xlsx_int.h — what the parts of the xlsx reader share (not a public API).
 *
 * The reader is split by layer:
 *   xlsx_zip.c    the archive: first bytes (OLE, ZIP), the end-of-central-
 *                 directory check, libzip, the entry table (duplicates,
 *                 sizes, methods) and bounded streams over entries;
 *   xlsx_xml.c    expat: parsers with a memory cap, DOCTYPE refused,
 *                 namespace-aware names, streaming a part through a
 *                 parser (whole, or a step at a time for the row source),
 *                 and the text rules of SpreadsheetML (_xHHHH_ escapes,
 *                 xml:space);
 *   xlsx_book.c   the package: content types, relationships, workbook,
 *                 styles (date formats), shared strings, and which sheets
 *                 are read; fs_xlsx_open and friends;
 *   xlsx_sheet.c  one worksheet: merged ranges, the row source (expat
 *                 suspended after each row), cell values and dates, and
 *                 the header probe that decides whether a sheet is read.
 * Functions declared here are shared between those files and the unit
 * tests; everything else is static.
 */
#ifndef FS_XLSX_INT_H
#define FS_XLSX_INT_H

#include <expat.h>
#include <zip.h>

#include "xlsx_source.h"

#define FS_XLSX_MAX_SHEETS 1024         /* worksheets listed by the workbook   */
#define FS_XLSX_MAX_RELS 10000          /* relationships or content types      */
#define FS_XLSX_MAX_XFS 200000          /* cell formats in styles              */
#define FS_XLSX_MAX_NUMFMTS 10000       /* custom number formats               */
#define FS_XLSX_MAX_MERGES 100000       /* merged ranges per sheet             */
#define FS_XLSX_MAX_SPANS (1u << 18)    /* merged (range, column) pairs kept */
#define FS_XLSX_MAX_ROW_TEXT (4u << 20) /* text of one row, together        */
#define FS_XLSX_MAX_CDIR (16ull << 20)  /* central directory size          */
#define FS_XLSX_MAX_ROW 1048576L        /* Excel's last row                    */
#define FS_XLSX_MAX_COL 16384           /* Excel's last column (XFD)           */
#define FS_XLSX_NAME_SHOWN 64           /* bytes of a file-supplied name shown */

/* One entry of the archive. */
typedef struct fs_xlsx_entry {
    char *name; /* as stored, made printable                     */
    char *key;  /* lookup key: ASCII lower case, '\' -> '/'      */
    zip_uint64_t index;
    uint64_t size; /* declared uncompressed size                    */
    uint64_t comp_size;
    uint16_t method;
    bool encrypted;
    bool charged; /* its size is counted in the total already      */
    bool sheet;   /* the data part of a sheet already              */
} fs_xlsx_entry;

/* A merged range of a sheet ("A3:A5"). */
typedef struct fs_xlsx_merge {
    long r1, r2;
    int c1, c2;
    char ref[24];
} fs_xlsx_merge;

/* A merged range seen from one column: rows r1..r2 of merge `merge`. */
typedef struct fs_xlsx_span {
    long r1, r2;
    uint32_t merge;
} fs_xlsx_span;

/* A sheet that will be read. */
typedef struct fs_xlsx_sheet {
    char *name; /* printable                                   */
    fs_xlsx_entry *part;
    fs_xlsx_merge *merges;
    size_t nmerges;
    /* spans of column c (1..FS_XLSX_MAX_COLUMNS) are
     * spans[col_start[c-1] .. col_start[c]), sorted by r1 */
    uint32_t *col_start;
    fs_xlsx_span *spans;
} fs_xlsx_sheet;

struct fs_xlsx_book {
    const char *display;
    zip_t *za;
    fs_xlsx_entry *entries; /* sorted by key                              */
    size_t nentries;
    uint64_t charged; /* declared bytes of the parts read so far    */
    bool date1904;
    unsigned char *xf_date; /* per cell format: 1 = a date format         */
    size_t nxf;
    char *sst_text; /* shared strings, back to back               */
    size_t sst_len, sst_cap;
    uint32_t *sst_off; /* string i = sst_text[off[i] .. off[i+1])    */
    size_t sst_count, sst_off_cap;
    bool has_sst;
    fs_xlsx_sheet *sheets; /* the sheets to read                         */
    size_t nsheets;
};

/* A growable byte buffer with a hard cap. */
typedef struct fs_xlsx_buf {
    char *p;
    size_t len, cap;
} fs_xlsx_buf;

/* Append n bytes; false when the result would pass `limit` bytes or
 * memory ran out (*oom then set). */
bool fs_xlsx_buf_add(fs_xlsx_buf *b, const char *s, size_t n, size_t limit, bool *oom);
void fs_xlsx_buf_free(fs_xlsx_buf *b);

/* ---- locations and names (xlsx_book.c) ----------------------------- */

/* A location in the book: the file (sheet NULL), a sheet (row 0) or a cell. */
fs_loc fs_xlsx_loc(const fs_xlsx_book *b, const char *sheet, long row, int col);

/* Copy a file-supplied name so it is safe to print (control and bidi
 * characters become '?', invalid UTF-8 too, long names cut with "...").
 * Returns a new string or NULL on allocation failure. */
char *fs_xlsx_printable(const char *s, size_t n);

/* ---- archive (xlsx_zip.c) ------------------------------------------- */

/* Open the ZIP archive on fd (taken over: closed by fs_xlsx_zip_close or
 * here on failure) after checking its end records; build the entry
 * table; refuse duplicate names.  FS_ERR_DATA with a diagnostic when the
 * archive is refused. */
fs_status fs_xlsx_zip_open(fs_xlsx_book *b, int fd, fs_diags *d);
void fs_xlsx_zip_close(fs_xlsx_book *b);

/* The entry of a part name ("xl/workbook.xml"; a leading '/' is ignored;
 * compared as OPC does, ASCII case-insensitively), or NULL. */
fs_xlsx_entry *fs_xlsx_zip_find(const fs_xlsx_book *b, const char *part);

/* Diagnose an OLE compound file on fd (legacy .xls, encrypted workbook,
 * another Office file); always returns FS_ERR_DATA (or an I/O status). */
fs_status fs_xlsx_ole_refuse(const fs_xlsx_book *b, int fd, fs_diags *d);

/* A bounded stream over one entry. */
typedef struct fs_xlsx_stream {
    zip_file_t *zf;
    fs_xlsx_entry *e;
    const char *sheet; /* for locations, or NULL */
    uint64_t got;      /* inflated bytes so far  */
} fs_xlsx_stream;

/* Open a stream over e.  Refuses (FS_ERR_DATA + diagnostic) an entry whose
 * declared size passes `cap`, or that would take the book past
 * FS_XLSX_MAX_TOTAL, an encrypted entry, a compression method other than
 * stored or deflated. */
fs_status fs_xlsx_stream_open(fs_xlsx_book *b, fs_xlsx_entry *e, uint64_t cap, const char *sheet,
                              fs_xlsx_stream *s, fs_diags *d);
/* Read up to n bytes; *got = 0 at the end.  Inflating more than the
 * declared size is refused at once (a zip bomb or a damaged entry). */
fs_status fs_xlsx_stream_read(fs_xlsx_book *b, fs_xlsx_stream *s, void *buf, size_t n, size_t *got,
                              fs_diags *d);
void fs_xlsx_stream_close(fs_xlsx_stream *s);

/* ---- XML (xlsx_xml.c) ----------------------------------------------- */

/* Expat's memory, counted per parser. */
typedef struct fs_xlsx_mem {
    size_t used, cap;
    bool exceeded; /* the cap refused an allocation (a hostile part)  */
    bool failed;   /* the system refused one (out of memory)          */
} fs_xlsx_mem;

/* Namespace classes of element and attribute names. */
enum {
    FS_XLSX_NS_NONE, /* no namespace                                    */
    FS_XLSX_NS_MAIN, /* SpreadsheetML main (transitional or strict)     */
    FS_XLSX_NS_PKG,  /* OPC content types or package relationships      */
    FS_XLSX_NS_REL,  /* officeDocument relationships (r:id)             */
    FS_XLSX_NS_XML,  /* the xml: namespace                              */
    FS_XLSX_NS_OTHER
};

/* One XML part being parsed.  Contexts embed it as their first member:
 * expat's user data points here. */
typedef struct fs_xlsx_xml {
    XML_Parser p;
    fs_xlsx_mem mem;
    fs_xlsx_book *book;
    fs_xlsx_stream stream;
    const char *sheet; /* for locations, or NULL                         */
    fs_diags *d;       /* where handlers report                          */
    bool doctype;      /* a DOCTYPE (or entity declaration) was refused  */
    bool refused;      /* a handler refused the part (diagnostic added)  */
    fs_status env;     /* a handler met an environment failure           */
    bool suspended;    /* stopped after a row; resume next               */
    bool final_fed;    /* the end of the part was given to expat         */
    bool stopped;      /* a handler ended parsing early, on purpose      */
    bool done;         /* parsing is over                                */
} fs_xlsx_xml;

/* Start parsing part e (declared size at most cap) with `user` (which
 * embeds x first) as expat's user data.  On failure nothing is left open. */
fs_status fs_xlsx_xml_begin(fs_xlsx_xml *x, fs_xlsx_book *b, fs_xlsx_entry *e, uint64_t cap,
                            const char *sheet, fs_diags *d);
/* Set the handlers (any may be NULL). */
void fs_xlsx_xml_handlers(fs_xlsx_xml *x, XML_StartElementHandler start, XML_EndElementHandler end,
                          XML_CharacterDataHandler text);
/* Give expat more: resume after a suspension or feed the next block.
 * FS_OK: progress made (x->done when the part is over, x->suspended when a
 * handler suspended).  FS_ERR_DATA: the part is refused (diagnostic added).
 * Other statuses: environment failures. */
fs_status fs_xlsx_xml_step(fs_xlsx_xml *x);
/* Run fs_xlsx_xml_step until the part is over. */
fs_status fs_xlsx_xml_run(fs_xlsx_xml *x);
/* Stop parsing from inside a handler: resumable (after a row) or for good. */
void fs_xlsx_xml_stop(fs_xlsx_xml *x, bool resumable);
/* Free the parser and close the stream. */
void fs_xlsx_xml_end(fs_xlsx_xml *x);

/* Local part of an expat name ("uri\x01local"); *ns gets its class. */
const char *fs_xlsx_name(const XML_Char *name, int *ns);
/* Value of the attribute with this local name (and namespace class, or
 * -1 for any), or NULL. */
const char *fs_xlsx_attr(const XML_Char **atts, const char *local, int ns);
/* The element belongs to SpreadsheetML (main namespace or none). */
bool fs_xlsx_is_main(int ns);

/* Decode SpreadsheetML's _xHHHH_ escapes in place (UTF-16 code units;
 * pairs of surrogates joined, a lone surrogate or _x0000_ becomes U+FFFD).
 * Returns the new length (never longer). */
size_t fs_xlsx_unescape(char *s, size_t n);
/* Drop leading and trailing whitespace that contains a line break (the
 * indentation of pretty-printed XML) from a <t> without
 * xml:space="preserve". */
void fs_xlsx_strip_layout(const char **s, size_t *n);

/* ---- book (xlsx_book.c) --------------------------------------------- */

/* Whether number format `id` with format code `code` (NULL for a
 * built-in) shows a date or time. */
bool fs_xlsx_format_is_date(int id, const char *code);

/* ---- sheet (xlsx_sheet.c) ------------------------------------------- */

/* Inflate the whole sheet part once (bounds and integrity checked) and
 * collect its merged ranges. */
fs_status fs_xlsx_sheet_prepare(fs_xlsx_book *b, fs_xlsx_sheet *sh, fs_diags *d);
/* Read the first rows to find a header: *table = the table recognised
 * (-1 none), *names = how many of its columns the header names, *empty
 * when the sheet has no value at all.  Diagnostics of the probe are
 * discarded unless the sheet cannot be read (FS_ERR_DATA). */
fs_status fs_xlsx_sheet_probe(fs_xlsx_book *b, fs_xlsx_sheet *sh, int *table, int *names,
                              bool *empty, fs_diags *d);
/* The row source over a sheet. */
fs_status fs_xlsx_sheet_open(fs_xlsx_book *b, fs_xlsx_sheet *sh, fs_source **out, fs_diags *d);
void fs_xlsx_sheet_free(fs_xlsx_sheet *sh);

/* "A3" for row 3, column 1 (buf of 16 bytes at least). */
void fs_xlsx_cell_name(long row, int col, char *buf, size_t size);
/* Parse a cell reference "AB12": *col 1..16384, *row 1..1048576 (either
 * may be absent: 0).  False when the text is not a reference. */
bool fs_xlsx_parse_ref(const char *s, long *row, int *col);
/* ISO date "YYYY-MM-DD" of an Excel serial day number in the 1900 or 1904
 * system (the 1900 system's day 60 is the 1900-02-29 Excel believes in).
 * False when the serial is out of Excel's date range. */
bool fs_xlsx_serial_date(double serial, bool date1904, char buf[11]);

#endif
