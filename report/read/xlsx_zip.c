/*
 * xlsx_zip.c — the workbook's ZIP archive, read as hostile input (see
 * xlsx_int.h for how the xlsx reader is split).
 *
 * libzip parses the archive, but it trusts what the archive declares in
 * ways we cannot afford, so around it:
 *   - before libzip sees the file, the end-of-central-directory record
 *     (and its zip64 twin) is read here: an archive announcing more than
 *     FS_XLSX_MAX_ENTRIES entries or a central directory over
 *     FS_XLSX_MAX_CDIR bytes is refused, so libzip never allocates for it;
 *   - every entry name is turned into an OPC lookup key (ASCII lower case,
 *     %XX decoded, '\' read as '/'); two entries with the same key are
 *     refused: which one a reader picks is exactly what an attacker wants
 *     to choose;
 *   - a stream counts the bytes it inflates and fails as soon as they pass
 *     the entry's declared size (libzip checks sizes only at the end, after
 *     inflating everything); declared sizes are capped per kind of part by
 *     the caller and in total per book (FS_XLSX_MAX_TOTAL, each part
 *     counted once however often it is read);
 *   - only the stored and deflated methods are read, never an encrypted
 *     entry.
 * Inflated bytes only ever go to the caller's buffer: nothing from inside
 * the archive is written to disk.
 *
 * OLE compound files (legacy .xls, and Office's encrypted workbooks, which
 * are an OLE file around the encrypted package) are told apart by the
 * names in their directory, found by scanning the file's 128-byte
 * directory slots; each gets its own message.
 */
#include "xlsx_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAIL_MAX (65535 + 22) /* EOCD record plus the longest comment */
#define OLE_SCAN_MAX (256ull << 20)

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

bool fs_xlsx_is_zip(const unsigned char *head, size_t n)
{
    return n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0;
}

bool fs_xlsx_is_ole(const unsigned char *head, size_t n)
{
    return n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

/* pread everything asked for (short only at end of file); -1 on error. */
static ssize_t pread_full(int fd, unsigned char *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, buf + got, n - got, (off_t)(off + got));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* ---------------------------------------------------------------- OLE */

/* Compare a directory entry's UTF-16LE name with an ASCII name. */
static bool ole_name_is(const unsigned char *slot, const char *name)
{
    size_t n = strlen(name);
    if (le16(slot + 64) != (n + 1) * 2)
        return false;
    for (size_t i = 0; i < n; i++)
        if (slot[2 * i] != (unsigned char)name[i] || slot[2 * i + 1] != 0)
            return false;
    return true;
}

fs_status fs_xlsx_ole_refuse(const fs_xlsx_book *b, int fd, fs_diags *d)
{
    enum { F_ENCRYPTED = 1, F_WORKBOOK = 2, F_WORD = 4, F_POWERPOINT = 8 };
    int found = 0;
    struct stat sb;
    uint64_t size = fstat(fd, &sb) == 0 ? (uint64_t)sb.st_size : 0;
    if (size > OLE_SCAN_MAX)
        size = OLE_SCAN_MAX;
    unsigned char *buf = malloc(65536);
    if (!buf)
        return FS_ERR_NOMEM;
    /* Sectors (512 or 4096 bytes) follow the 512-byte header, so every
     * directory slot starts at a multiple of 128 bytes. */
    for (uint64_t off = 512; off < size && found != (F_ENCRYPTED | F_WORKBOOK);) {
        ssize_t r = pread_full(fd, buf, 65536, off);
        if (r < 0) {
            int e = errno;
            free(buf);
            return fs_status_from_errno(e);
        }
        if (r < 128)
            break;
        for (size_t i = 0; i + 128 <= (size_t)r; i += 128) {
            const unsigned char *slot = buf + i;
            unsigned type = slot[66];
            if (type != 1 && type != 2)
                continue;
            if (ole_name_is(slot, "EncryptionInfo") || ole_name_is(slot, "EncryptedPackage"))
                found |= F_ENCRYPTED;
            else if (ole_name_is(slot, "Workbook") || ole_name_is(slot, "Book"))
                found |= F_WORKBOOK;
            else if (ole_name_is(slot, "WordDocument"))
                found |= F_WORD;
            else if (ole_name_is(slot, "PowerPoint Document"))
                found |= F_POWERPOINT;
        }
        off += (uint64_t)r - (uint64_t)r % 128;
    }
    free(buf);
    fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
    if (found & F_ENCRYPTED)
        fs_diag_add(
            d, R_FILE_SPREADSHEET, &l, NULL,
            "open it in Excel or WPS with its password, remove the password (Excel: File "
            "> Info > Protect Workbook > Encrypt with Password, clear it; WPS: 文件 > "
            "文档加密 > 密码加密, clear it), save it as Excel Workbook (*.xlsx) and send it "
            "again; or save each table sheet as CSV UTF-8 (*.csv)",
            "the workbook is protected with a password (encrypted), so it cannot be read");
    else if (found & F_WORKBOOK)
        fs_diag_add(
            d, R_FILE_SPREADSHEET, &l, NULL,
            "open it in Excel or WPS and choose File > Save As > Excel Workbook (*.xlsx) "
            "(WPS: 文件 > 另存为 > Excel 文件 (*.xlsx)), then send the .xlsx file; or save "
            "each table sheet as CSV UTF-8 (Comma delimited) (*.csv) and send the CSV files",
            "this is an Excel 97-2003 workbook (.xls), a format forumstat does not read");
    else if (found & F_WORD)
        fs_diag_add(d, R_FILE_BINARY, &l, NULL,
                    "send the workbook (.xlsx) or the CSV files of the tables instead",
                    "this is a Word document, not a workbook or CSV file");
    else if (found & F_POWERPOINT)
        fs_diag_add(d, R_FILE_BINARY, &l, NULL,
                    "send the workbook (.xlsx) or the CSV files of the tables instead",
                    "this is a PowerPoint document, not a workbook or CSV file");
    else
        fs_diag_add(
            d, R_FILE_SPREADSHEET, &l, NULL,
            "open it in Excel or WPS and choose File > Save As > Excel Workbook (*.xlsx) "
            "(WPS: 文件 > 另存为 > Excel 文件 (*.xlsx)), then send the .xlsx file; or save "
            "each table sheet as CSV UTF-8 (Comma delimited) (*.csv) and send the CSV files",
            "this is an old-style Office file (an Excel 97-2003 .xls or a "
            "password-protected workbook), which forumstat does not read");
    return FS_ERR_DATA;
}

/* -------------------------------------------------------- end records */

/* Check the end-of-central-directory record before libzip reads the
 * central directory it describes. */
static fs_status check_end_records(const fs_xlsx_book *b, int fd, fs_diags *d)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return fs_status_from_errno(errno);
    uint64_t size = (uint64_t)sb.st_size;
    if (size < 22) {
        fs_loc dl = fs_xlsx_loc(b, NULL, 0, 0);
        fs_diag_add(
            d, R_XLSX_DAMAGED, &dl, NULL,
            "open the workbook in Excel or WPS, save it again as .xlsx and send the new file",
            "the workbook is damaged: the ZIP archive is cut off");
        return FS_ERR_DATA;
    }
    size_t tail = size < TAIL_MAX ? (size_t)size : TAIL_MAX;
    unsigned char *buf = malloc(tail);
    if (!buf)
        return FS_ERR_NOMEM;
    uint64_t base = size - tail;
    ssize_t r = pread_full(fd, buf, tail, base);
    if (r != (ssize_t)tail) {
        int e = r < 0 ? errno : EIO;
        free(buf);
        return fs_status_from_errno(e);
    }
    ssize_t at = -1;
    for (size_t i = tail - 22 + 1; i-- > 0;)
        if (memcmp(buf + i, "PK\x05\x06", 4) == 0) {
            at = (ssize_t)i;
            break;
        }
    if (at < 0) {
        free(buf);
        fs_loc dl = fs_xlsx_loc(b, NULL, 0, 0);
        fs_diag_add(d, R_XLSX_DAMAGED, &dl, NULL,
                    "copy or download the workbook again, or save it again in Excel or WPS",
                    "the workbook is damaged: the end of the ZIP archive is missing (the file "
                    "was cut off while being copied or sent)");
        return FS_ERR_DATA;
    }
    const unsigned char *e = buf + at;
    uint64_t entries = le16(e + 10), cdsize = le32(e + 12);
    bool zip64 = entries == 0xFFFF || cdsize == 0xFFFFFFFFu || le32(e + 16) == 0xFFFFFFFFu;
    if (zip64 && at >= 20 && memcmp(e - 20, "PK\x06\x07", 4) == 0) {
        uint64_t off = le64(e - 20 + 8);
        unsigned char z[56];
        if (off < size && pread_full(fd, z, sizeof z, off) == (ssize_t)sizeof z &&
            memcmp(z, "PK\x06\x06", 4) == 0) {
            entries = le64(z + 32);
            cdsize = le64(z + 40);
        }
    }
    free(buf);
    fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
    if (entries > FS_XLSX_MAX_ENTRIES) {
        fs_diag_add(d, R_XLSX_TOO_BIG, &l, NULL,
                    "a workbook of the standard has a few dozen parts; send the workbook saved "
                    "by Excel or WPS",
                    "the ZIP archive holds %llu entries, more than the limit of %d",
                    (unsigned long long)entries, FS_XLSX_MAX_ENTRIES);
        return FS_ERR_DATA;
    }
    if (cdsize > FS_XLSX_MAX_CDIR) {
        fs_diag_add(d, R_XLSX_TOO_BIG, &l, NULL, NULL,
                    "the ZIP archive's directory takes %llu bytes, more than the limit of %llu",
                    (unsigned long long)cdsize, (unsigned long long)FS_XLSX_MAX_CDIR);
        return FS_ERR_DATA;
    }
    return FS_OK;
}

/* -------------------------------------------------------- entry table */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The next character of a part name's OPC lookup key, or -1 at its end:
 * '\' as '/', %XX decoded, ASCII lower case (NUL as 0x7F, which keeps a
 * key a C string: no real name holds NUL).  *p advances. */
static int next_key_char(const char **p, const char *end)
{
    if (*p >= end)
        return -1;
    const char *s = *p;
    int c = (unsigned char)*s++;
    if (c == '%' && end - s >= 2 && hexval(s[0]) >= 0 && hexval(s[1]) >= 0) {
        c = hexval(s[0]) << 4 | hexval(s[1]);
        s += 2;
    }
    *p = s;
    if (c == '\\')
        c = '/';
    if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    return c ? c : 0x7F;
}

/* A part name without its leading slashes. */
static const char *key_start(const char *name)
{
    while (*name == '/' || *name == '\\')
        name++;
    return name;
}

/* The OPC lookup key of a part name (next_key_char), leading '/'
 * dropped.  NULL on allocation failure. */
static char *part_key(const char *name)
{
    name = key_start(name);
    const char *end = name + strlen(name);
    char *k = malloc((size_t)(end - name) + 1);
    if (!k)
        return NULL;
    size_t o = 0;
    for (int c; (c = next_key_char(&name, end)) >= 0;)
        k[o++] = (char)c;
    k[o] = '\0';
    return k;
}

static int cmp_entry(const void *a, const void *b)
{
    const fs_xlsx_entry *x = a, *y = b;
    return strcmp(x->key, y->key);
}

/* bsearch: a part name (its key made on the fly, nothing allocated, so a
 * lookup cannot fail for want of memory) against an entry's key, in the
 * order of strcmp. */
static int cmp_name_entry(const void *name, const void *entry)
{
    const char *n = key_start(name), *end = n + strlen(n);
    const unsigned char *k = (const unsigned char *)((const fs_xlsx_entry *)entry)->key;
    for (;; k++) {
        int c = next_key_char(&n, end);
        if (c < 0 || *k == '\0')
            return (c >= 0) - (*k != '\0');
        if (c != *k)
            return c < *k ? -1 : 1;
    }
}

fs_xlsx_entry *fs_xlsx_zip_find(const fs_xlsx_book *b, const char *part)
{
    return bsearch(part, b->entries, b->nentries, sizeof *b->entries, cmp_name_entry);
}

static fs_status build_table(fs_xlsx_book *b, fs_diags *d)
{
    zip_int64_t n = zip_get_num_entries(b->za, 0);
    if (n < 0)
        n = 0;
    if (n > FS_XLSX_MAX_ENTRIES) { /* the end record lied about the count */
        fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
        fs_diag_add(d, R_XLSX_TOO_BIG, &l, NULL, NULL,
                    "the ZIP archive holds %lld entries, more than the limit of %d", (long long)n,
                    FS_XLSX_MAX_ENTRIES);
        return FS_ERR_DATA;
    }
    b->entries = calloc(n ? (size_t)n : 1, sizeof *b->entries);
    if (!b->entries)
        return FS_ERR_NOMEM;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(b->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0 || !st.name) {
            fs_loc dl = fs_xlsx_loc(b, NULL, 0, 0);
            fs_diag_add(d, R_XLSX_DAMAGED, &dl, NULL,
                        "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                        "new file",
                        "the workbook is damaged: an entry of the ZIP archive cannot be read");
            return FS_ERR_DATA;
        }
        fs_xlsx_entry *e = &b->entries[b->nentries];
        e->name = fs_xlsx_printable(st.name, strlen(st.name));
        e->key = part_key(st.name);
        b->nentries++;
        if (!e->name || !e->key)
            return FS_ERR_NOMEM;
        e->index = (zip_uint64_t)i;
        e->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
        e->comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
        e->method = (st.valid & ZIP_STAT_COMP_METHOD) ? st.comp_method : 0;
        e->encrypted =
            (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
    }
    qsort(b->entries, b->nentries, sizeof *b->entries, cmp_entry);
    for (size_t i = 1; i < b->nentries; i++)
        if (strcmp(b->entries[i - 1].key, b->entries[i].key) == 0) {
            fs_loc l = fs_xlsx_loc(b, NULL, 0, 0);
            fs_diag_add(d, R_XLSX_DUPLICATE_ENTRY, &l, NULL,
                        "a workbook saved by Excel or WPS never has two parts of one name; save "
                        "the workbook again in Excel or WPS and send the new file",
                        "the ZIP archive holds two entries named '%s' and '%s', so it is "
                        "ambiguous which one is the workbook's data",
                        b->entries[i - 1].name, b->entries[i].name);
            return FS_ERR_DATA;
        }
    return FS_OK;
}

/* Did libzip fail to read or seek the archive because of the system (an
 * environment failure, reported by errno e's status)?  Not when the
 * offset was one the archive made up: seeking past anything a file can
 * hold (EFBIG, EOVERFLOW) or to a negative place (EINVAL) is a damaged
 * workbook, which a clerk must be told about, not "disk full" (the xlsx
 * fuzzer found it: fuzz/crashers/xlsx/). */
static bool zip_system_failure(int code, int e)
{
    return (code == ZIP_ER_READ || code == ZIP_ER_SEEK || code == ZIP_ER_OPEN) && e != EFBIG &&
           e != EOVERFLOW && e != EINVAL;
}

fs_status fs_xlsx_zip_open(fs_xlsx_book *b, int fd, fs_diags *d)
{
    fs_status st = check_end_records(b, fd, d);
    if (st != FS_OK) {
        close(fd);
        return st;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        int e = errno;
        close(fd);
        return fs_status_from_errno(e);
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        int e = errno;
        close(fd);
        return fs_status_from_errno(e);
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_filep_create(fp, 0, -1, &ze);
    if (!src) {
        fclose(fp);
        zip_error_fini(&ze);
        return FS_ERR_NOMEM;
    }
    b->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!b->za) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src); /* closes fp */
        if (code == ZIP_ER_MEMORY) {
            zip_error_fini(&ze);
            return FS_ERR_NOMEM;
        }
        if (zip_system_failure(code, zip_error_code_system(&ze))) {
            int e = zip_error_code_system(&ze);
            zip_error_fini(&ze);
            return fs_status_from_errno(e ? e : EIO);
        }
        fs_loc dl = fs_xlsx_loc(b, NULL, 0, 0);
        fs_diag_add(
            d, R_XLSX_DAMAGED, &dl, NULL,
            "open the workbook in Excel or WPS, save it again as .xlsx and send the new file",
            "the workbook is damaged: it is not a readable ZIP archive (%s)",
            zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return FS_ERR_DATA;
    }
    zip_error_fini(&ze);
    return build_table(b, d);
}

void fs_xlsx_zip_close(fs_xlsx_book *b)
{
    if (b->za)
        zip_discard(b->za);
    b->za = NULL;
    for (size_t i = 0; i < b->nentries; i++) {
        free(b->entries[i].name);
        free(b->entries[i].key);
    }
    free(b->entries);
    b->entries = NULL;
    b->nentries = 0;
}

/* ------------------------------------------------------------ streams */

fs_status fs_xlsx_stream_open(fs_xlsx_book *b, fs_xlsx_entry *e, uint64_t cap, const char *sheet,
                              fs_xlsx_stream *s, fs_diags *d)
{
    *s = (fs_xlsx_stream){.e = e, .sheet = sheet};
    fs_loc l = fs_xlsx_loc(b, sheet, 0, 0);
    if (e->encrypted) {
        fs_diag_add(
            d, R_FILE_SPREADSHEET, &l, NULL,
            "remove the password in Excel or WPS, save the workbook again as .xlsx and send it",
            "part %s of the workbook is encrypted", e->name);
        return FS_ERR_DATA;
    }
    if (e->method != ZIP_CM_STORE && e->method != ZIP_CM_DEFLATE) {
        fs_diag_add(d, R_XLSX_DAMAGED, &l, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the new "
                    "file",
                    "part %s is compressed with method %u, which Excel and WPS never use", e->name,
                    (unsigned)e->method);
        return FS_ERR_DATA;
    }
    if (e->size > cap) {
        fs_diag_add(d, R_XLSX_TOO_BIG, &l, NULL,
                    "split the data over several workbooks or send CSV files",
                    "part %s would inflate to %llu bytes, more than the limit of %llu", e->name,
                    (unsigned long long)e->size, (unsigned long long)cap);
        return FS_ERR_DATA;
    }
    if (!e->charged) {
        if (b->charged + e->size > FS_XLSX_MAX_TOTAL) {
            fs_diag_add(d, R_XLSX_TOO_BIG, &l, NULL,
                        "split the data over several workbooks or send CSV files",
                        "the workbook's parts would inflate to more than %llu bytes together",
                        (unsigned long long)FS_XLSX_MAX_TOTAL);
            return FS_ERR_DATA;
        }
        b->charged += e->size;
        e->charged = true;
    }
    s->zf = zip_fopen_index(b->za, e->index, 0);
    if (!s->zf) {
        zip_error_t *ze = zip_get_error(b->za);
        if (zip_error_code_zip(ze) == ZIP_ER_MEMORY)
            return FS_ERR_NOMEM;
        if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
            zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD) {
            fs_diag_add(d, R_FILE_SPREADSHEET, &l, NULL,
                        "remove the password in Excel or WPS, save the workbook again as .xlsx "
                        "and send it",
                        "part %s of the workbook is encrypted", e->name);
            return FS_ERR_DATA;
        }
        fs_diag_add(
            d, R_XLSX_DAMAGED, &l, NULL,
            "open the workbook in Excel or WPS, save it again as .xlsx and send the new file",
            "the workbook is damaged: part %s cannot be opened (%s)", e->name,
            zip_error_strerror(ze));
        return FS_ERR_DATA;
    }
    return FS_OK;
}

fs_status fs_xlsx_stream_read(fs_xlsx_book *b, fs_xlsx_stream *s, void *buf, size_t n, size_t *got,
                              fs_diags *d)
{
    *got = 0;
    zip_int64_t r = zip_fread(s->zf, buf, n);
    if (r < 0) {
        zip_error_t *ze = zip_file_get_error(s->zf);
        int code = zip_error_code_zip(ze);
        if (code == ZIP_ER_MEMORY)
            return FS_ERR_NOMEM;
        if (zip_system_failure(code, zip_error_code_system(ze))) {
            int e = zip_error_code_system(ze);
            return fs_status_from_errno(e ? e : EIO);
        }
        fs_loc l = fs_xlsx_loc(b, s->sheet, 0, 0);
        if (code == ZIP_ER_CRC)
            fs_diag_add(d, R_XLSX_DAMAGED, &l, NULL,
                        "copy or download the workbook again (it was damaged on the way), or save "
                        "it again in Excel or WPS",
                        "the workbook is damaged: part %s cannot be read (its checksum does not "
                        "match its data)",
                        s->e->name);
        else
            fs_diag_add(d, R_XLSX_DAMAGED, &l, NULL,
                        "copy or download the workbook again (it was damaged on the way), or save "
                        "it again in Excel or WPS",
                        "the workbook is damaged: part %s cannot be read (%s)", s->e->name,
                        zip_error_strerror(ze));
        return FS_ERR_DATA;
    }
    s->got += (uint64_t)r;
    if (s->got > s->e->size) {
        fs_loc l = fs_xlsx_loc(b, s->sheet, 0, 0);
        fs_diag_add(d, R_XLSX_TOO_BIG, &l, NULL,
                    "save the workbook again in Excel or WPS; a file built to exhaust memory (a "
                    "'zip bomb') is refused this way too",
                    "part %s inflates to more than the %llu bytes its ZIP header declares",
                    s->e->name, (unsigned long long)s->e->size);
        return FS_ERR_DATA;
    }
    *got = (size_t)r;
    return FS_OK;
}

void fs_xlsx_stream_close(fs_xlsx_stream *s)
{
    if (s->zf)
        zip_fclose(s->zf);
    s->zf = NULL;
}
