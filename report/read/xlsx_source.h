/*
 * xlsx_source.h — Excel and WPS Office workbooks (.xlsx), read as hostile
 * input and exposed as row sources, one per sheet.
 *
 * A county clerk may send the filled-in template workbook (or any workbook
 * with one sheet per table) instead of CSV files.  The workbook is a ZIP
 * archive of XML parts (Office Open XML, transitional or strict); it is
 * read with libzip and expat, streaming, nothing from inside it ever
 * written to disk.  Each sheet that will be read becomes an fs_source
 * whose rows are the sheet's rows (line = row number, field j = column
 * j+1, locations printed as FILE:SHEET!D14) and whose values keep their
 * cell types for the validator: text (shared, inline, formula strings,
 * dates already turned into ISO text), numbers (FS_V_INT when whole,
 * else FS_V_REAL), Excel error values and formulas never calculated
 * (FS_V_ERROR), and empty cells (FS_V_NULL, with the merged range when
 * the cell lies inside one).  The sheets are recognised by their header
 * row exactly like CSV files; a sheet name is only a hint.
 *
 * Which sheets are read (standard v2 §2.1b): visible worksheets, in
 * workbook order, except the template's sheets that hold no table (a name
 * starting with "Instructions", "README" or "Dictionary", containing 说明,
 * or "lists"), chart sheets, empty sheets (silently) and sheets whose
 * first rows hold no header of the standard naming at least two of its
 * columns (a warning), unless the sheet is named after a table: then it
 * is read and the validator says what is wrong.  Hidden sheets are never
 * read (a warning when one is named after a table).  A workbook with no
 * sheet to read is refused (xlsx.no_tables).
 *
 * Refused with a clear message: legacy .xls and password-protected
 * workbooks (both OLE compound files), .xlsb, OpenDocument and other ZIP
 * files, damaged archives or XML, duplicate entry names, any DOCTYPE, and
 * anything beyond the limits below (a part that inflates beyond its
 * declared size is refused as soon as it does).
 */
#ifndef FS_XLSX_SOURCE_H
#define FS_XLSX_SOURCE_H

#include "schema.h"
#include "source.h"

/* Limits.  Bytes are inflated (uncompressed) sizes. */
#define FS_XLSX_MAX_COLUMNS 256             /* columns read per row      */
#define FS_XLSX_MAX_ENTRIES 10000           /* entries in the archive    */
#define FS_XLSX_MAX_META_PART (16ull << 20) /* content types, rels, workbook */
#define FS_XLSX_MAX_STYLES_PART (64ull << 20)
#define FS_XLSX_MAX_SST_PART (512ull << 20)    /* shared strings XML        */
#define FS_XLSX_MAX_SHEET_PART (1024ull << 20) /* one worksheet XML         */
#define FS_XLSX_MAX_TOTAL (2048ull << 20)      /* all parts read, together  */
#define FS_XLSX_MAX_SST_COUNT 2000000          /* shared strings            */
#define FS_XLSX_MAX_SST_BYTES (64ull << 20)    /* their text, together      */
#define FS_XLSX_MAX_CELL (128u << 10)          /* text of one cell          */
#define FS_XLSX_MAX_XML_MEMORY (16u << 20)     /* expat's memory per parser */

typedef struct fs_xlsx_book fs_xlsx_book;

/* True when the bytes start like a ZIP archive (an .xlsx). */
bool fs_xlsx_is_zip(const unsigned char *head, size_t n);
/* True when the bytes start like an OLE compound file (legacy .xls, or an
 * encrypted workbook). */
bool fs_xlsx_is_ole(const unsigned char *head, size_t n);

/*
 * Open the workbook at `path` (named `display` in messages; NULL = path;
 * borrowed until the book and its sources are freed).  Reads the package,
 * the workbook, styles and shared strings, and checks every sheet (whole
 * part inflated and bounded, merged ranges collected, header recognised)
 * before any row is handed out.  FS_OK: *out is the book; warnings about
 * ignored sheets are in d.  FS_ERR_DATA: the file is refused, diagnostics
 * in d say why (an OLE file gives the legacy .xls or encrypted message).
 * Other statuses: environment failures (cannot read the file, memory).
 */
fs_status fs_xlsx_open(const char *path, const char *display, fs_xlsx_book **out, fs_diags *d);

/* Number of sheets to read. */
size_t fs_xlsx_nsheets(const fs_xlsx_book *b);

/* Name of the i-th sheet to read, made safe to print. */
const char *fs_xlsx_sheet_name(const fs_xlsx_book *b, size_t i);

/*
 * A row source over the i-th sheet to read: loc_kind FS_LOC_CELL, table =
 * the sheet's (printable) name, rows in file order with line = row number,
 * rows without any value left out.  Owned by the caller; free it before
 * the book.  FS_ERR_USAGE when i is out of range.
 */
fs_status fs_xlsx_sheet_source(fs_xlsx_book *b, size_t i, fs_source **out, fs_diags *d);

/* Close the archive and free everything.  NULL is fine. */
void fs_xlsx_free(fs_xlsx_book *b);

/*
 * The validator's hook for a workbook's cell `f` in the standard column
 * `col` (named `colname` in messages), called only for a source with
 * `spreadsheet` set.  It judges what only a workbook has: an error value
 * (#N/A) or a formula never calculated, a number in an identifier column
 * (Excel keeps 15 digits), an empty required cell inside a merged range;
 * and it turns a number in a code, date or text column into the text
 * Excel shows (what a CSV file saved by Excel holds).  False: the cell is
 * an error, the diagnostic (at loc) is in d.  True: *out is the field to
 * judge as usual (f itself, or text in buf, which must outlive it).
 */
bool fs_xlsx_cell_check(const fs_field *f, const fs_column *col, const char *colname,
                        const fs_loc *loc, fs_diags *d, char *buf, size_t size, fs_field *out);

#endif
