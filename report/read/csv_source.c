/*
 * csv_source.c — a county's CSV file as an fs_source (see csv_source.h).
 *
 * How it fits: the submission reader opens every non-SQLite file with
 * fs_csv_open() and pulls rows through the generic fs_source interface; the
 * validator then finds the header and checks values.  This file only turns
 * bytes into rows of UTF-8 text fields, each knowing the physical line its
 * record starts on, and refuses files that are not CSV text.
 *
 * Streaming passes, memory bounded whatever the file size:
 *
 *  1. Detection (fs_csv_open).  The file is read in CHUNK-sized blocks:
 *     empty file, UTF-16 byte-order mark, NUL bytes and strict UTF-8
 *     validity (fs_utf8_valid; a sequence cut by a block end is carried to
 *     the next block) are decided in one pass.  Only when the text is not
 *     UTF-8 do further passes run: one over the 2 MiB around the first
 *     invalid byte that tells damaged UTF-8 from GBK (UTF-8 text with a
 *     few bad bytes is refused, not imported as GB18030 mojibake; see
 *     looks_like_utf8), then one that checks the whole file decodes as
 *     GB18030.  Line numbers of a refused byte are found by re-reading the
 *     file up to it (error path only).
 *
 *  2. Parsing (csv_next).  A reader splits the file into physical lines
 *     (LF, CRLF or a lone CR each end one line), converts each line to
 *     UTF-8 when the file is GB18030 (ASCII copied, runs of multi-byte
 *     characters through iconv; UTF-8 files never touch iconv) and feeds
 *     it to libcsv.  libcsv keeps its state across calls, so quoted
 *     fields may span lines; a record's line is the first line that feeds
 *     it a non-blank byte.  Every line end is fed to libcsv as a single LF,
 *     so a line break inside a quoted field always comes out as "\n" (what
 *     Excel writes inside cells), whether the file uses LF, CRLF or CR.
 *     Since each line ends at most one record, libcsv's callbacks deliver
 *     at most one complete row per line: the "queue" is the current row.
 *     Field bytes are copied into one arena per row that is reused for the
 *     next row, so no per-field allocation happens.  A whole LF-ended line
 *     without a double quote at a record's start (most lines) is split at
 *     its commas directly (plain_line), as libcsv would split it.
 *
 * Limits: libcsv's field buffer is capped through csv_set_realloc_func
 * (slightly above FS_CSV_MAX_FIELD), so an unterminated quote in a huge
 * file costs at most one capped buffer; a row holds at most
 * FS_CSV_MAX_FIELDS fields.  Either limit stops the file (FS_ERR_DATA).
 *
 * A quote error (a quote inside an unquoted field, text after a closing
 * quote) costs its record, not the file: the rest of the line is dropped
 * and libcsv restarted, so every such line of a file gets its diagnostic
 * (the file is refused all the same).  A quoted field the file ends
 * inside stops it.  Blank lines between records come out as one empty
 * row per run (the validator warns); blank lines at the end are no rows.
 *
 * libcsv reports no positions, so line numbers come from the line-at-a-
 * time feeding; a record's spreadsheet row (standard §2.1, v2) is its
 * line less the line breaks inside quoted fields of the records before it
 * (what Excel shows), handed to the diagnostics list with
 * fs_diags_set_row for each row returned; the field number of a diagnostic is the count of fields
 * libcsv delivered for the record so far, plus one.  To tell which quote
 * error happened, and on which line an unclosed quoted field opened, the
 * parser's public `quoted` member (struct csv_parser in csv.h, libcsv 3.0)
 * is read after a call returns; nothing else of libcsv's state is used.
 *
 * Choices where the standard is silent: a file of only a UTF-8 BOM is
 * empty; a file with a UTF-8 BOM but invalid UTF-8 is refused, never read
 * as GB18030; a GB18030 file may start with the GB18030 form of U+FEFF,
 * which is dropped; a lone CR ends a line like LF (old Mac files).  Should
 * the file change between the passes (size or mtime differ at the end, or
 * GB18030 bytes no longer decode), the source fails with a diagnostic
 * instead of returning unchecked text; the caller refuses the whole file.
 *
 * Nothing here is global; errors travel as fs_status values and data
 * problems as diagnostics in the caller's fs_diags.
 */
#include "csv_source.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"

/* Read block size of both passes.  Pass 2 returns a line in several pieces
 * only when it is longer than this. */
#define CHUNK ((size_t)256 * 1024)

/* libcsv's field buffer may grow to this many bytes: the field limit plus
 * slack for a closing quote and trailing spaces that libcsv stores before
 * it trims them.  A field that needs more is too long. */
#define FIELD_BUF_LIMIT ((size_t)FS_CSV_MAX_FIELD + 64)
#define FIELD_BUF_STEP ((size_t)4096)

/* A non-UTF-8 file with at least this many valid multi-byte UTF-8
 * sequences per broken one is damaged UTF-8, not GB18030: decoding it as
 * GB18030 would import mojibake.  (Real GBK text has about one accidental
 * valid sequence per four or five broken ones.) */
#define UTF8_LIKE_RATIO 4
/* ... counted within this many bytes either side of the first invalid
 * byte. */
#define UTF8_WINDOW ((uint64_t)1 << 20)

/* Marked here, translated by fs_diag_add where it is used. */
static const char *const RESAVE_HINT =
    N_("open the file in Excel and save it again with File > Save As > "
       "CSV UTF-8 (Comma delimited) (*.csv)");

const char *fs_encoding_name(fs_encoding e)
{
    switch (e) {
    case FS_ENC_UTF8: return "UTF-8";
    case FS_ENC_UTF8_BOM: return "UTF-8 with BOM";
    case FS_ENC_GB18030: return "GB18030";
    }
    return "unknown";
}

/* ------------------------------------------------------------------ */
/* Source object                                                       */
/* ------------------------------------------------------------------ */

typedef struct csv_src {
    fs_source base; /* must stay first: fs_source* is a csv_src* */
    FILE *fp;
    fs_encoding enc;
    iconv_t cd;     /* GB18030 -> UTF-8, (iconv_t)-1 for UTF-8 */
    uint64_t size;  /* file size seen by pass 1 */
    struct stat st; /* the file as opened (size, mtime) */
    uint64_t nread; /* bytes read by pass 2 */

    /* reader over the raw file bytes */
    unsigned char *buf; /* CHUNK bytes */
    size_t pos, end;    /* unread bytes are buf[pos, end) */
    size_t lf;          /* index of the next LF >= pos, or end */
    bool lf_valid;      /* lf is up to date for this buffer fill */
    bool eof;           /* nothing more to read from fp */
    uint64_t limit;     /* file offset reading pauses at, 0: none
                           (fs_csv_set_limit) */
    bool paused;        /* the limit is reached: input ends there
                           until fs_csv_resume */
    bool plain;         /* lines without quotes skip libcsv
                           (plain_line); FORUMSTAT_CSV_PLAIN=off,
                           for the tests, feeds libcsv every line */
    bool mid_row;       /* csv_next returned at the limit: the row
                           under construction is kept for the next
                           call */
    bool first_piece;   /* strip a U+FEFF a GB18030 file starts with */
    long line;          /* current physical line, 1-based */
    uint64_t line_off;  /* raw bytes of the current line consumed */

    char *conv; /* iconv output, 2 * CHUNK bytes */

    struct csv_parser parser;
    bool parser_live; /* csv_init done, csv_free pending */

    /* row under construction (arena reused row after row) */
    char *arena;
    size_t arena_len, arena_cap;
    size_t *offs;     /* field start offsets in arena */
    fs_field *fields; /* FS_CSV_MAX_FIELDS entries */
    size_t nfields;
    bool need_start; /* the next non-blank byte starts a record */
    long start_line; /* line the current record started on */
    long quote_line; /* line an open quoted field started on, 0 */
    bool row_ready;  /* on_row completed a row */
    long row_line;
    long row_row;      /* its spreadsheet row (line less the line
                          breaks inside quoted fields before it) */
    long extra;        /* line breaks inside quoted fields of the
                          records completed so far */
    long extra_before; /* extra before the row last completed */
    bool line_dirty;   /* the current line fed libcsv a non-blank byte,
                          or continued a record */
    long blank_line;   /* first of blank lines not yet delivered, 0 */
    bool held;         /* the row is ready but a blank row went first */
    bool skip_line;    /* a quote error: drop the rest of the line */

    /* problems raised inside libcsv callbacks */
    enum { CB_OK, CB_TOO_LONG, CB_TOO_MANY, CB_NOMEM } cb_err;

    enum { ST_READING, ST_DONE, ST_FAILED } state;
    fs_status fail_status;
} csv_src;

/* A location at a line of the file; the diagnostics list learns the
 * line's spreadsheet row (that of the record the line belongs to). */
static fs_loc line_loc(const csv_src *s, fs_diags *d, long line, int column)
{
    fs_loc loc = {.kind = FS_LOC_LINE, .file = s->base.file, .line = line, .column = column};
    long row = !s->need_start && line >= s->start_line ? s->start_line - s->extra : line - s->extra;
    fs_diags_set_row(d, s->base.file, line, row);
    return loc;
}

static fs_loc file_loc(const char *display)
{
    fs_loc loc = {.kind = FS_LOC_FILE, .file = display};
    return loc;
}

/* libcsv's buffer growth, refused beyond FIELD_BUF_LIMIT.  libcsv then
 * stops with CSV_ENOMEM while its buffer is exactly at the limit, which is
 * how csv_parse_piece tells "field too long" from a real allocation
 * failure. */
static void *capped_realloc(void *p, size_t n)
{
    if (n > FIELD_BUF_LIMIT)
        return NULL;
    return realloc(p, n);
}

/* libcsv field callback: copy the field into the row arena. */
static void on_field(void *data, size_t len, void *ctx)
{
    csv_src *s = ctx;
    if (s->cb_err != CB_OK)
        return;
    if (s->nfields == FS_CSV_MAX_FIELDS) {
        s->cb_err = CB_TOO_MANY;
        return;
    }
    if (len > FS_CSV_MAX_FIELD) {
        s->cb_err = CB_TOO_LONG;
        return;
    }
    if (s->arena_cap - s->arena_len < len + 1) {
        size_t cap = s->arena_cap ? s->arena_cap : 4096;
        while (cap - s->arena_len < len + 1)
            cap *= 2; /* bounded: 256 fields of at most 64 KiB */
        char *a = realloc(s->arena, cap);
        if (!a) {
            s->cb_err = CB_NOMEM;
            return;
        }
        s->arena = a;
        s->arena_cap = cap;
    }
    if (len)
        memcpy(s->arena + s->arena_len, data, len);
    s->arena[s->arena_len + len] = '\0';
    s->offs[s->nfields] = s->arena_len;
    s->fields[s->nfields].len = len;
    s->arena_len += len + 1;
    s->nfields++;
    s->quote_line = 0;
}

/* libcsv row callback: the current row is complete. */
static void on_row(int c, void *ctx)
{
    (void)c;
    csv_src *s = ctx;
    if (s->cb_err != CB_OK)
        return;
    for (size_t i = 0; i < s->nfields; i++)
        s->fields[i].s = s->arena + s->offs[i];
    s->row_ready = true;
    s->row_line = s->start_line;
    s->extra_before = s->extra;
    s->row_row = s->start_line - s->extra;
    s->extra += s->line - s->start_line; /* the lines the record spans */
    s->need_start = true;
    s->quote_line = 0;
}

static bool all_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return false;
    return true;
}

/* Start libcsv (again): strict quoting, the capped field buffer. */
static bool parser_start(csv_src *s)
{
    if (s->parser_live)
        csv_free(&s->parser);
    s->parser_live = csv_init(&s->parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    if (!s->parser_live)
        return false;
    csv_set_realloc_func(&s->parser, capped_realloc);
    csv_set_blk_size(&s->parser, FIELD_BUF_STEP);
    return true;
}

/* Mark the source failed with `st` and return st. */
static fs_status fail(csv_src *s, fs_status st)
{
    s->state = ST_FAILED;
    s->fail_status = st;
    return st;
}

/* Report a too-long field at its line. */
static fs_status too_long(csv_src *s, fs_diags *d)
{
    long at = s->quote_line ? s->quote_line : s->line;
    fs_loc loc = line_loc(s, d, at, (int)s->nfields + 1);
    if (s->quote_line)
        fs_diag_add(d, R_CSV_FIELD_TOO_LONG, &loc, NULL,
                    "check the quotes on that line: every field that opens with a "
                    "double quote must end with one",
                    "field %zu, a quoted field starting on line %ld, is longer than "
                    "%d bytes; probably its closing quote is missing and the rest of "
                    "the file was read into it",
                    s->nfields + 1, s->quote_line, FS_CSV_MAX_FIELD);
    else
        fs_diag_add(d, R_CSV_FIELD_TOO_LONG, &loc, NULL, NULL,
                    "field %zu is longer than %d bytes; reading of the file stopped here",
                    s->nfields + 1, FS_CSV_MAX_FIELD);
    return fail(s, FS_ERR_DATA);
}

/* Turn a problem raised inside a libcsv callback into a diagnostic and
 * the failed state.  FS_OK when there was none. */
static fs_status callback_problem(csv_src *s, fs_diags *d)
{
    switch (s->cb_err) {
    case CB_OK: return FS_OK;
    case CB_TOO_MANY: {
        fs_loc loc = line_loc(s, d, s->start_line, FS_CSV_MAX_FIELDS + 1);
        fs_diag_add(d, R_CSV_TOO_MANY_FIELDS, &loc, NULL,
                    "delete the empty columns to the right of the data in Excel, "
                    "then save the file as CSV again",
                    "the record starting on this line has more than %d fields; "
                    "reading of the file stopped here",
                    FS_CSV_MAX_FIELDS);
        return fail(s, FS_ERR_DATA);
    }
    case CB_TOO_LONG: return too_long(s, d);
    case CB_NOMEM: break;
    }
    return fail(s, FS_ERR_NOMEM);
}

/* Lines up to this long without a double quote take plain_line. */
#define FAST_LINE_MAX 4096

/*
 * A whole line p[0, n) without a double quote, its LF not included, fed
 * at a record's start (libcsv between rows): what libcsv does with it,
 * without the byte-by-byte state machine, as most lines of a county's
 * file are such.  libcsv (csv.h 3.0, its defaults: comma, space and tab
 * are spaces, CR and LF end a row) skips a line of spaces and tabs, and
 * otherwise delivers the fields between commas with their leading and
 * trailing spaces and tabs dropped, then the row; nothing in such a line
 * can be a quote error, and FAST_LINE_MAX keeps its fields under the
 * field limit.  libcsv's own state stays "between rows".  t24 compares
 * files read both ways (FORUMSTAT_CSV_PLAIN=off: libcsv only).
 */
static fs_status plain_line(csv_src *s, const char *p, size_t n, fs_diags *d)
{
    if (all_blank(p, n))
        return FS_OK;
    s->start_line = s->line;
    s->need_start = false;
    s->line_dirty = true;
    const char *f = p, *end = p + n;
    for (;;) {
        const char *comma = memchr(f, ',', (size_t)(end - f));
        const char *a = f, *b = comma ? comma : end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        on_field((void *)a, (size_t)(b - a), s);
        if (!comma)
            break;
        f = comma + 1;
    }
    on_row('\n', s);
    return callback_problem(s, d);
}

/*
 * Feed UTF-8 bytes of the current line to libcsv and turn what went wrong
 * (callback limits, strict-mode quote errors, the capped buffer) into
 * diagnostics.  FS_OK or the status the source failed with.
 */
static fs_status csv_parse_piece(csv_src *s, const char *p, size_t n, fs_diags *d)
{
    if (n == 0 || s->skip_line)
        return FS_OK;
    if (s->plain && s->need_start && n <= FAST_LINE_MAX && p[n - 1] == '\n' &&
        !memchr(p, '"', n - 1))
        return plain_line(s, p, n - 1, d);
    if (!s->need_start) {
        s->line_dirty = true;
    } else if (!all_blank(p, n)) {
        s->start_line = s->line;
        s->need_start = false;
        s->line_dirty = true;
    }
    size_t k = csv_parse(&s->parser, p, n, on_field, on_row, s);
    fs_status st = callback_problem(s, d);
    if (st != FS_OK)
        return st;
    if (k == n)
        return FS_OK;

    /* libcsv stopped early; read its status before anything resets it */
    int err = csv_error(&s->parser);
    if (err == CSV_ENOMEM || err == CSV_ETOOBIG) {
        if (csv_get_buffer_size(&s->parser) >= FIELD_BUF_LIMIT)
            return too_long(s, d);
        return fail(s, FS_ERR_NOMEM);
    }
    fs_loc loc = line_loc(s, d, s->line, (int)s->nfields + 1);
    if (!s->parser.quoted) {
        fs_diag_add(d, R_CSV_QUOTE, &loc, NULL,
                    "put the whole field in double quotes and double the inner quote "
                    "(write \"\" for \"), or delete the quote",
                    "a double quote stands inside field %zu, which does not start "
                    "with a quote",
                    s->nfields + 1);
    } else {
        fs_diag_add(d, R_CSV_QUOTE, &loc, NULL,
                    "inside a quoted field write a quote as two quotes (\"\"); a "
                    "field ends with its closing quote followed by a comma or the "
                    "end of the line",
                    "quoted field %zu is followed by more text after its closing "
                    "quote (a quote inside a quoted field must be doubled)",
                    s->nfields + 1);
    }
    /* The record is lost, not the file: drop the rest of the line and go
     * on from the next one with a fresh parser, so the other problems of
     * the file are reported too (it is refused either way). */
    if (!parser_start(s))
        return fail(s, FS_ERR_NOMEM);
    s->skip_line = true;
    s->need_start = true;
    s->nfields = 0;
    s->arena_len = 0;
    s->quote_line = 0;
    return FS_OK;
}

/* Length of the run of ASCII bytes at p[0, n). */
static size_t ascii_run(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
    }
    while (i < n && p[i] < 0x80)
        i++;
    return i;
}

/* ------------------------------------------------------------------ */
/* GB18030 -> UTF-8                                                    */
/* ------------------------------------------------------------------ */

typedef enum gb_result {
    GB_OK,  /* all input converted */
    GB_CUT, /* the input ends inside a character starting at *used */
    GB_BAD  /* the bytes at *used cannot be decoded */
} gb_result;

/*
 * Convert GB18030 bytes in[0, n) to UTF-8 at out (room for 2n bytes; *outn
 * receives the length).  GB18030 is ASCII-compatible and a byte below 0x80
 * that is not the second or fourth byte of a character stands for itself,
 * so runs of ASCII are copied and only runs of multi-byte characters go
 * through iconv (most of a county's file is ASCII: codes, dates, numbers).
 * A character is 2 bytes, or 4 when its second byte is a digit; iconv
 * judges whether it is valid.  *used: bytes converted (all on GB_OK).
 */
static gb_result gb_convert(iconv_t cd, const unsigned char *in, size_t n, char *out, size_t *outn,
                            size_t *used)
{
    size_t i = 0, o = 0;
    gb_result res = GB_OK;
    while (i < n) {
        size_t j = i + ascii_run(in + i, n - i);
        memcpy(out + o, in + i, j - i);
        o += j - i;
        i = j;
        if (i == n)
            break;
        size_t k = i;
        while (k < n && in[k] >= 0x80) {
            if (k + 1 == n) {
                res = GB_CUT;
                break;
            }
            size_t len = in[k + 1] >= '0' && in[k + 1] <= '9' ? 4 : 2;
            if (k + len > n) {
                res = GB_CUT;
                break;
            }
            k += len;
        }
        char *ip = (char *)in + i, *op = out + o;
        size_t il = k - i, ol = 2 * (k - i);
        if (il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            /* EILSEQ; EINVAL cannot be told from it here: the walk above
             * saw whole characters, so a cut one is invalid too */
            *used = (size_t)((unsigned char *)ip - in);
            *outn = (size_t)(op - out);
            iconv(cd, NULL, NULL, NULL, NULL);
            return GB_BAD;
        }
        o = (size_t)(op - out);
        i = k;
        if (res == GB_CUT)
            break;
    }
    *used = i;
    *outn = o;
    return res;
}

/* ------------------------------------------------------------------ */
/* Pass 2: physical lines                                              */
/* ------------------------------------------------------------------ */

/* Refill the reader: keep the unread bytes, read more behind them.
 * FS_OK (s->eof set at end of file) or an I/O status. */
static fs_status refill(csv_src *s, fs_diags *d)
{
    size_t avail = s->end - s->pos;
    if (s->pos > 0 && avail > 0)
        memmove(s->buf, s->buf + s->pos, avail);
    s->pos = 0;
    s->end = avail;
    s->lf_valid = false;
    if (s->eof || s->paused || s->end == CHUNK)
        return FS_OK;
    size_t want = CHUNK - s->end;
    if (s->limit) {
        uint64_t left = s->limit > s->nread ? s->limit - s->nread : 0;
        if (left == 0) {
            s->paused = true;
            return FS_OK;
        }
        if (left < want)
            want = (size_t)left;
    }
    size_t got = fread(s->buf + s->end, 1, want, s->fp);
    s->end += got;
    s->nread += got;
    if (got == 0) {
        if (ferror(s->fp)) {
            fs_loc loc = file_loc(s->base.file);
            fs_diag_add(d, R_FILE_UNREADABLE, &loc, NULL, NULL, "reading the file failed: %s",
                        strerror(errno));
            return fail(s, FS_ERR_IO);
        }
        s->eof = true;
        /* rows already handed out came from the file as checked by pass
         * 1 only if it did not change meanwhile; refuse it otherwise */
        struct stat now;
        if (s->nread != s->size || fstat(fileno(s->fp), &now) != 0 ||
            now.st_size != s->st.st_size || now.st_mtim.tv_sec != s->st.st_mtim.tv_sec ||
            now.st_mtim.tv_nsec != s->st.st_mtim.tv_nsec) {
            fs_loc loc = file_loc(s->base.file);
            fs_diag_add(d, R_FILE_UNREADABLE, &loc, NULL,
                        "send the file again once it is no longer being written",
                        "the file changed while it was being read");
            return fail(s, FS_ERR_DATA);
        }
    }
    return FS_OK;
}

/* A piece of the current physical line: bytes buf[pos, pos+len), then
 * `term` bytes of line end (LF, CR or CRLF; 0 when the line continues in
 * the next piece or the file ends without a line end).  ends_line is false
 * only when the line continues in the next piece. */
typedef struct piece {
    size_t len, term;
    bool ends_line;
} piece;

/* Find the next piece.  Returns false at end of input. */
static bool next_piece(csv_src *s, piece *pc, fs_status *st, fs_diags *d)
{
    *st = FS_OK;
    for (;;) {
        size_t avail = s->end - s->pos;
        const unsigned char *p = s->buf + s->pos;
        if (!s->lf_valid || s->lf < s->pos) {
            const unsigned char *q = avail ? memchr(p, '\n', avail) : NULL;
            s->lf = q ? (size_t)(q - s->buf) : s->end;
            s->lf_valid = true;
        }
        size_t upto = s->lf - s->pos; /* bytes before the LF (or all) */
        const unsigned char *cr = upto ? memchr(p, '\r', upto) : NULL;
        if (cr) {
            size_t at = (size_t)(cr - p);
            if (at + 1 < avail) {
                pc->len = at;
                pc->term = p[at + 1] == '\n' ? 2 : 1;
                pc->ends_line = true;
                return true;
            }
            if (s->eof || s->paused) {
                pc->len = at;
                pc->term = 1;
                pc->ends_line = true;
                return true;
            }
            /* CR is the last byte read: is it CRLF?  Read on. */
            if (s->pos > 0 || s->end < CHUNK) {
                if ((*st = refill(s, d)) != FS_OK)
                    return false;
                continue;
            }
            /* the buffer is full of one line: hand out the bytes before the
             * CR (at > 0 here, as avail == CHUNK) */
            pc->len = at;
            pc->term = 0;
            pc->ends_line = false;
            return true;
        }
        if (s->lf < s->end) {
            pc->len = upto;
            pc->term = 1;
            pc->ends_line = true;
            return true;
        }
        if (s->eof || s->paused) {
            if (avail == 0)
                return false;
            pc->len = avail;
            pc->term = 0;
            pc->ends_line = true;
            return true;
        }
        if (s->pos > 0 || s->end < CHUNK) {
            if ((*st = refill(s, d)) != FS_OK)
                return false;
            continue;
        }
        pc->len = avail; /* a line longer than the buffer */
        pc->term = 0;
        pc->ends_line = false;
        return true;
    }
}

/* Convert raw bytes of a piece from GB18030 and feed them.  Bytes of a
 * character cut by the end of a piece that does not end the line stay
 * unread (*used < len) and come back at the front of the next piece. */
static fs_status feed_gb18030(csv_src *s, const piece *pc, size_t *used, fs_diags *d)
{
    size_t on;
    gb_result r = gb_convert(s->cd, s->buf + s->pos, pc->len, s->conv, &on, used);
    if (r == GB_BAD || (r == GB_CUT && pc->ends_line)) {
        /* a cut character at the end of a whole line is invalid too */
        unsigned char bad = s->buf[s->pos + *used];
        fs_loc loc = line_loc(s, d, s->line, 0);
        fs_diag_add(d, R_FILE_ENCODING, &loc, NULL, RESAVE_HINT,
                    "the text is not valid GB18030/GBK: byte 0x%02X at byte %llu of "
                    "line %ld cannot be decoded",
                    bad, (unsigned long long)s->line_off + *used + 1, s->line);
        return fail(s, FS_ERR_DATA);
    }
    const char *o = s->conv;

    if (s->first_piece && on > 0) {
        s->first_piece = false;
        if (on >= 3 && memcmp(o, "\xEF\xBB\xBF", 3) == 0) {
            o += 3;
            on -= 3;
        }
    }
    return csv_parse_piece(s, o, on, d);
}

/*
 * Feed the next physical line (or piece of one) to libcsv, its line end as
 * one LF.  Sets *end at end of input.  FS_OK or the status the source
 * failed with.
 */
static fs_status feed_next(csv_src *s, bool *end, fs_diags *d)
{
    piece pc;
    fs_status st;
    *end = false;
    if (!next_piece(s, &pc, &st, d)) {
        if (st != FS_OK)
            return st;
        *end = true;
        return FS_OK;
    }
    const char *p = (const char *)s->buf + s->pos;
    size_t used = pc.len;
    bool utf8 = s->enc != FS_ENC_GB18030;
    bool lf_only = pc.term == 1 && p[pc.len] == '\n';
    if (!utf8)
        st = feed_gb18030(s, &pc, &used, d);
    else if (lf_only)
        st = csv_parse_piece(s, p, pc.len + 1, d); /* line and LF at once */
    else
        st = csv_parse_piece(s, p, pc.len, d);
    if (st != FS_OK)
        return st;
    s->pos += used;
    if (used < pc.len || pc.term == 0) {
        s->line_off += used;
        return FS_OK;
    }
    if (!(utf8 && lf_only))
        st = csv_parse_piece(s, "\n", 1, d);
    /* A blank line between records (libcsv skips it silently) is
     * delivered as an empty row once the next row is read: blank lines at
     * the end of the file are no rows. */
    if (!s->line_dirty && s->need_start && !s->row_ready && !s->blank_line)
        s->blank_line = s->line;
    s->line_dirty = false;
    s->skip_line = false;
    s->pos += pc.term;
    s->line_off = 0;
    s->line++;
    return st;
}

static fs_status csv_next(fs_source *src, fs_row *row, bool *eof, fs_diags *d)
{
    csv_src *s = (csv_src *)src;
    *eof = false;
    if (s->state == ST_FAILED)
        return s->fail_status;
    if (s->held) { /* the row read with the blank line(s) before it */
        s->held = false;
        row->fields = s->fields;
        row->nfields = s->nfields;
        row->line = s->row_line;
        fs_diags_set_row(d, s->base.file, s->row_line, s->row_row);
        return FS_OK;
    }
    if (s->state == ST_DONE) {
        *eof = true;
        return FS_OK;
    }
    if (s->mid_row) { /* resumed after a pause inside a record: go on with it */
        s->mid_row = false;
    } else {
        s->arena_len = 0;
        s->nfields = 0;
        s->row_ready = false;
    }
    while (!s->row_ready) {
        bool end;
        long before = s->line;
        fs_status st = feed_next(s, &end, d);
        if (st != FS_OK)
            return st;
        /* a quoted field still open after a line end started on that line
         * unless it was open already */
        if (s->line != before && s->parser.quoted && s->quote_line == 0)
            s->quote_line = before;
        if (!end)
            continue;
        if (s->paused) { /* the limit (fs_csv_set_limit): no more for now */
            s->mid_row = true;
            *eof = true;
            return FS_OK;
        }
        /* end of input: an unterminated quote, or a last row without a
         * line end */
        if (csv_fini(&s->parser, on_field, on_row, s) != 0 && csv_error(&s->parser) == CSV_EPARSE) {
            long at = s->quote_line ? s->quote_line : s->line;
            fs_loc loc = line_loc(s, d, at, (int)s->nfields + 1);
            fs_diag_add(d, R_CSV_QUOTE, &loc, NULL,
                        "add the closing double quote, or if the quote is part of "
                        "the text, put the whole field in quotes and double it (\"\")",
                        "quoted field %zu, which starts on line %ld, has no closing "
                        "quote: the file ends inside it",
                        s->nfields + 1, at);
            return fail(s, FS_ERR_DATA);
        }
        st = callback_problem(s, d);
        if (st != FS_OK)
            return st;
        s->state = ST_DONE;
        if (!s->row_ready) {
            *eof = true;
            return FS_OK;
        }
    }
    if (s->blank_line) { /* one empty row for a run of blank lines */
        row->fields = s->fields;
        row->nfields = 0;
        row->line = s->blank_line;
        fs_diags_set_row(d, s->base.file, s->blank_line, s->blank_line - s->extra_before);
        s->blank_line = 0;
        s->held = true;
        return FS_OK;
    }
    row->fields = s->fields;
    row->nfields = s->nfields;
    row->line = s->row_line;
    fs_diags_set_row(d, s->base.file, s->row_line, s->row_row);
    return FS_OK;
}

static void csv_free_src(fs_source *src)
{
    csv_src *s = (csv_src *)src;
    if (!s)
        return;
    if (s->parser_live)
        csv_free(&s->parser);
    if (s->cd != (iconv_t)-1)
        iconv_close(s->cd);
    if (s->fp)
        fclose(s->fp);
    free(s->buf);
    free(s->conv);
    free(s->arena);
    free(s->offs);
    free(s->fields);
    free(s);
}

static const fs_source_ops csv_ops = {.next = csv_next, .free = csv_free_src};

/* ------------------------------------------------------------------ */
/* Pass 1: detection                                                   */
/* ------------------------------------------------------------------ */

typedef struct scan {
    unsigned char head[2]; /* first two bytes (0 when missing) */
    uint64_t size;         /* bytes in the file (read so far, after a NUL) */
    uint64_t start;        /* 3 after a UTF-8 BOM, else 0 */
    bool nul;              /* a NUL byte at nul_off */
    uint64_t nul_off;
    bool utf8;         /* strictly valid UTF-8 from start on */
    uint64_t utf8_bad; /* else: offset of the first invalid byte */
} scan;

/* Bytes at the end of p[0, n) that may begin a UTF-8 sequence completed by
 * the next block (0–3). */
static size_t utf8_tail(const unsigned char *p, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned c = p[n - k];
        if (c < 0x80)
            return 0;
        if (c < 0xC0)
            continue; /* continuation byte: look further back */
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return need > k ? k : 0;
    }
    return 0;
}

/* fs_utf8_valid over p[0, n), skipping ASCII eight bytes at a time: only
 * the runs of non-ASCII bytes (which ASCII bytes always delimit in valid
 * UTF-8) are handed to it. */
static bool utf8_valid_fast(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        i += ascii_run(p + i, n - i);
        size_t j = i;
        while (j < n && p[j] >= 0x80)
            j++;
        if (j > i && !fs_utf8_valid((const char *)p + i, j - i))
            return false;
        i = j;
    }
    return true;
}

static fs_status read_error(const char *display, fs_diags *d)
{
    int e = errno;
    fs_loc loc = file_loc(display);
    fs_diag_add(d, R_FILE_UNREADABLE, &loc, NULL, NULL, "reading the file failed: %s", strerror(e));
    return FS_ERR_IO;
}

/* Pass 1 proper: size, BOM, NUL bytes and strict UTF-8. */
static fs_status scan_file(FILE *fp, unsigned char *buf, scan *sc, const char *display, fs_diags *d)
{
    memset(sc, 0, sizeof *sc);
    sc->utf8 = true;
    size_t carry = 0;
    bool first = true;
    for (;;) {
        size_t got = fread(buf + carry, 1, CHUNK - carry, fp);
        if (got == 0 && ferror(fp))
            return read_error(display, d);
        uint64_t base = sc->size - carry; /* file offset of buf[0] */
        sc->size += got;
        size_t n = carry + got;
        bool at_eof = got == 0 || feof(fp);
        size_t from = 0;
        if (first && n > 0) {
            first = false;
            memcpy(sc->head, buf, n >= 2 ? 2 : 1);
            if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                sc->start = from = 3;
        }
        if (!sc->nul) {
            const unsigned char *z = memchr(buf + carry, 0, got);
            if (z) {
                sc->nul = true;
                sc->nul_off = base + (uint64_t)(z - buf);
                return FS_OK;
            }
        }
        size_t lim = n - (at_eof ? 0 : utf8_tail(buf, n));
        if (lim < from)
            lim = from;
        if (sc->utf8 && !utf8_valid_fast(buf + from, lim - from)) {
            sc->utf8 = false;
            size_t i = from, k;
            uint32_t cp;
            while (i < lim && (k = fs_utf8_decode((const char *)buf + i, lim - i, &cp)) > 0)
                i += k;
            sc->utf8_bad = base + i;
        }
        if (at_eof)
            return FS_OK;
        memmove(buf, buf + lim, n - lim);
        carry = n - lim;
    }
}

/* How UTF-8-like a stretch of text is: valid multi-byte sequences and
 * broken ones (an invalid byte with the continuation bytes after it). */
typedef struct utf8_stats {
    uint64_t valid_mb, invalid;
} utf8_stats;

/* Measure file bytes [from, to); `to` is the file size or a window end
 * (a sequence cut by a window end is not counted). */
static fs_status utf8_measure(FILE *fp, unsigned char *buf, uint64_t from, uint64_t to,
                              bool to_is_eof, utf8_stats *us, const char *display, fs_diags *d)
{
    memset(us, 0, sizeof *us);
    if (fseeko(fp, (off_t)from, SEEK_SET) != 0)
        return read_error(display, d);
    uint64_t left = to - from;
    size_t carry = 0;
    for (;;) {
        size_t want = CHUNK - carry;
        if (want > left)
            want = (size_t)left;
        size_t got = want ? fread(buf + carry, 1, want, fp) : 0;
        if (got < want && ferror(fp))
            return read_error(display, d);
        left -= got;
        size_t n = carry + got;
        bool last = left == 0 || got < want;
        size_t lim = n - (last && to_is_eof ? 0 : utf8_tail(buf, n));
        size_t i = 0;
        while (i < lim) {
            if (buf[i] < 0x80) {
                i++;
                continue;
            }
            uint32_t cp;
            size_t k = fs_utf8_decode((const char *)buf + i, lim - i, &cp);
            if (k) {
                us->valid_mb++;
                i += k;
            } else {
                us->invalid++;
                i++;
                while (i < lim && buf[i] >= 0x80 && buf[i] < 0xC0)
                    i++;
            }
        }
        if (last)
            return FS_OK;
        memmove(buf, buf + lim, n - lim);
        carry = n - lim;
    }
}

/* Check the whole file decodes as GB18030.  *ok, and *bad_off (file
 * offset of the first undecodable byte) when not. */
static fs_status gb18030_check(FILE *fp, iconv_t cd, unsigned char *buf, char *out, bool *ok,
                               uint64_t *bad_off, const char *display, fs_diags *d)
{
    *ok = true;
    if (fseeko(fp, 0, SEEK_SET) != 0)
        return read_error(display, d);
    uint64_t base = 0;
    size_t carry = 0;
    for (;;) {
        size_t got = fread(buf + carry, 1, CHUNK - carry, fp);
        if (got == 0 && ferror(fp))
            return read_error(display, d);
        size_t n = carry + got;
        bool at_eof = got == 0 || feof(fp);
        size_t used, on;
        gb_result r = gb_convert(cd, buf, n, out, &on, &used);
        if (r == GB_BAD || (r == GB_CUT && at_eof)) {
            *ok = false;
            *bad_off = base + used;
            return FS_OK;
        }
        if (at_eof)
            return FS_OK;
        memmove(buf, buf + used, n - used); /* a cut character: carry it */
        carry = n - used;
        base += used;
    }
}

/* Line and 1-based byte column of file offset `off` (text from `start`),
 * counting LF, CRLF and a lone CR as one line end each. */
static fs_status locate(FILE *fp, unsigned char *buf, uint64_t start, uint64_t off, long *line,
                        uint64_t *col, const char *display, fs_diags *d)
{
    if (fseeko(fp, (off_t)start, SEEK_SET) != 0)
        return read_error(display, d);
    long ln = 1;
    uint64_t line_start = start, at = start;
    bool prev_cr = false;
    while (at < off) {
        size_t want = off - at < CHUNK ? (size_t)(off - at) : CHUNK;
        size_t got = fread(buf, 1, want, fp);
        if (got == 0) {
            if (ferror(fp))
                return read_error(display, d);
            break;
        }
        for (size_t i = 0; i < got; i++) {
            unsigned char c = buf[i];
            if (c == '\n') {
                if (!prev_cr)
                    ln++;
                line_start = at + i + 1;
            } else if (c == '\r') {
                ln++;
                line_start = at + i + 1;
            }
            prev_cr = c == '\r';
        }
        at += got;
    }
    *line = ln;
    *col = off - line_start + 1;
    return FS_OK;
}

/* True when the measured text is mostly valid UTF-8 with a few bad bytes. */
static bool looks_like_utf8(const utf8_stats *us)
{
    return us->valid_mb > 0 && us->valid_mb >= UTF8_LIKE_RATIO * us->invalid;
}

/*
 * Decide the encoding of the open file, or refuse it with a diagnostic.
 * buf holds CHUNK bytes of scratch, conv 2*CHUNK.  *cd receives an open
 * GB18030 converter for a GB18030 file.
 */
static fs_status detect(FILE *fp, unsigned char *buf, char *conv, const char *display,
                        fs_encoding *enc, iconv_t *cd, uint64_t *size, uint64_t *start, fs_diags *d)
{
    scan sc;
    fs_status st = scan_file(fp, buf, &sc, display, d);
    if (st != FS_OK)
        return st;
    fs_loc floc = file_loc(display);
    if (sc.size == 0 || (sc.start == 3 && sc.size == 3)) {
        fs_diag_add(d, R_FILE_EMPTY, &floc, NULL, NULL, "the file is empty");
        return FS_ERR_DATA;
    }
    if ((sc.head[0] == 0xFF && sc.head[1] == 0xFE) || (sc.head[0] == 0xFE && sc.head[1] == 0xFF)) {
        fs_diag_add(d, R_FILE_UTF16, &floc, NULL,
                    "open it in Excel or WPS and save it as Excel Workbook (*.xlsx) or as "
                    "CSV UTF-8 (Comma delimited) (*.csv), and send that file",
                    "the file is UTF-16 text (Excel's \"Unicode text\"), not CSV");
        return FS_ERR_DATA;
    }
    long line;
    uint64_t col;
    if (sc.nul) {
        st = locate(fp, buf, sc.start, sc.nul_off, &line, &col, display, d);
        if (st != FS_OK)
            return st;
        fs_loc loc = {.kind = FS_LOC_LINE, .file = display, .line = line};
        fs_diag_add(d, R_FILE_BINARY, &loc, NULL,
                    "send the table as CSV text: in Excel choose File > Save As > "
                    "CSV UTF-8 (Comma delimited) (*.csv)",
                    "the file holds a NUL byte (line %ld, byte %llu of the line), so it "
                    "is not CSV text: probably a binary file or UTF-16 text without a "
                    "byte-order mark",
                    line, (unsigned long long)col);
        return FS_ERR_DATA;
    }
    *size = sc.size;
    *start = sc.start;
    if (sc.utf8) {
        *enc = sc.start ? FS_ENC_UTF8_BOM : FS_ENC_UTF8;
        return FS_OK;
    }

    /* Judge the text around the first invalid byte (a window, so this
     * pass costs little on big files) */
    uint64_t from = sc.utf8_bad > sc.start + UTF8_WINDOW ? sc.utf8_bad - UTF8_WINDOW : sc.start;
    uint64_t to = sc.size - sc.utf8_bad > UTF8_WINDOW ? sc.utf8_bad + UTF8_WINDOW : sc.size;
    utf8_stats us;
    st = utf8_measure(fp, buf, from, to, to == sc.size, &us, display, d);
    if (st != FS_OK)
        return st;
    bool gb_ok = false;
    uint64_t gb_bad = 0;
    bool utf8_like = sc.start == 3 || looks_like_utf8(&us);
    if (!utf8_like) {
        *cd = iconv_open("UTF-8", "GB18030");
        if (*cd == (iconv_t)-1) {
            fs_diag_add(d, R_FILE_UNREADABLE, &floc, NULL, NULL,
                        "the GB18030 converter is not available: %s", strerror(errno));
            return FS_ERR_IO;
        }
        st = gb18030_check(fp, *cd, buf, conv, &gb_ok, &gb_bad, display, d);
        if (st != FS_OK)
            return st;
        if (gb_ok) {
            iconv(*cd, NULL, NULL, NULL, NULL);
            *enc = FS_ENC_GB18030;
            return FS_OK;
        }
    }
    /* Refused.  Point at the UTF-8 error when the text looks like UTF-8 or
     * decoded further as UTF-8, else at the GB18030 error. */
    bool at_utf8 = utf8_like || sc.utf8_bad >= gb_bad;
    uint64_t off = at_utf8 ? sc.utf8_bad : gb_bad;
    unsigned char bad = 0;
    if (fseeko(fp, (off_t)off, SEEK_SET) != 0 || fread(&bad, 1, 1, fp) != 1)
        return read_error(display, d);
    st = locate(fp, buf, sc.start, off, &line, &col, display, d);
    if (st != FS_OK)
        return st;
    fs_loc loc = {.kind = FS_LOC_LINE, .file = display, .line = line};
    if (utf8_like)
        fs_diag_add(d, R_FILE_ENCODING, &loc, NULL, RESAVE_HINT,
                    "the file is UTF-8 text with invalid bytes; the first is byte 0x%02X "
                    "at byte %llu of line %ld",
                    bad, (unsigned long long)col, line);
    else
        fs_diag_add(d, R_FILE_ENCODING, &loc, NULL, RESAVE_HINT,
                    "the text is neither valid UTF-8 nor valid GB18030/GBK: byte 0x%02X "
                    "at byte %llu of line %ld cannot be decoded",
                    bad, (unsigned long long)col, line);
    return FS_ERR_DATA;
}

fs_status fs_csv_open(const char *path, const char *display, fs_source **out, fs_encoding *enc,
                      fs_diags *d)
{
    *out = NULL;
    fs_loc floc = file_loc(display);
    csv_src *s = calloc(1, sizeof *s);
    if (!s)
        return FS_ERR_NOMEM;
    s->cd = (iconv_t)-1;
    s->base.ops = &csv_ops;
    s->base.loc_kind = FS_LOC_LINE;
    s->base.text_checked = true; /* pass 1 checked the encoding and NULs */
    s->base.file = display;
    s->base.table = NULL;

    s->fp = fopen(path, "rb");
    if (!s->fp) {
        int e = errno;
        fs_diag_add(d, R_FILE_UNREADABLE, &floc, NULL, NULL, "cannot open the file: %s",
                    strerror(e));
        csv_free_src(&s->base);
        return e == ENOMEM ? FS_ERR_NOMEM : FS_ERR_IO;
    }
    if (fstat(fileno(s->fp), &s->st) != 0 || !S_ISREG(s->st.st_mode)) {
        fs_diag_add(d, R_FILE_UNREADABLE, &floc, NULL, NULL, "not a regular file");
        csv_free_src(&s->base);
        return FS_ERR_IO;
    }
    s->buf = malloc(CHUNK);
    s->conv = malloc(2 * CHUNK);
    s->offs = malloc(FS_CSV_MAX_FIELDS * sizeof *s->offs);
    s->fields = calloc(FS_CSV_MAX_FIELDS, sizeof *s->fields);
    if (!s->buf || !s->conv || !s->offs || !s->fields) {
        csv_free_src(&s->base);
        return FS_ERR_NOMEM;
    }
    for (size_t i = 0; i < FS_CSV_MAX_FIELDS; i++)
        s->fields[i].type = FS_V_TEXT;

    uint64_t start = 0;
    fs_status st = detect(s->fp, s->buf, s->conv, display, &s->enc, &s->cd, &s->size, &start, d);
    if (st == FS_OK && fseeko(s->fp, (off_t)start, SEEK_SET) != 0)
        st = read_error(display, d);
    if (st != FS_OK) {
        csv_free_src(&s->base);
        return st;
    }
    s->nread = start;
    if (s->enc != FS_ENC_GB18030) {
        free(s->conv); /* UTF-8 never goes through iconv */
        s->conv = NULL;
    }

    if (!parser_start(s)) {
        csv_free_src(&s->base);
        return FS_ERR_NOMEM;
    }
    const char *plain = getenv("FORUMSTAT_CSV_PLAIN");
    s->plain = !plain || strcmp(plain, "off") != 0;
    s->line = 1;
    s->need_start = true;
    s->first_piece = true;
    s->state = ST_READING;
    if (enc)
        *enc = s->enc;
    *out = &s->base;
    return FS_OK;
}

/* ------------------------------------------------------------------ */
/* Halves of a file (fs_csv_split_point ... fs_csv_resume)             */
/* ------------------------------------------------------------------ */

/* The split point is looked for this far past the middle at most. */
#define SPLIT_WINDOW ((uint64_t)1 << 20)

bool fs_csv_is(const fs_source *src)
{
    return src && src->ops == &csv_ops;
}

/* Sixteen bytes compared at once (GCC and Clang vector extensions; plain
 * SSE2 or NEON code): counting the line ends of half a big file is on the
 * critical path of reading it by halves. */
typedef unsigned char vbytes __attribute__((vector_size(16)));

/* Line ends and double quotes in p[0, n): `*cr` says the block before
 * ended with a CR (a CRLF cut by a block end is one line end). */
static void count_block(const unsigned char *p, size_t n, uint64_t *lines, uint64_t *quotes,
                        bool *cr)
{
    uint64_t lf = 0, crs = 0, crlf = 0, q = 0;
    if (n && *cr && p[0] == '\n')
        crlf++;
    size_t i = 0;
    while (i + sizeof(vbytes) < n) {
        /* byte counters: at most 255 rounds before they are added up */
        vbytes a_lf = {0}, a_cr = {0}, a_crlf = {0}, a_q = {0};
        for (int k = 0; k < 255 && i + sizeof(vbytes) < n; k++, i += sizeof(vbytes)) {
            vbytes v, next;
            memcpy(&v, p + i, sizeof v);
            memcpy(&next, p + i + 1, sizeof next); /* p[i + 16] < n: in the block */
            vbytes is_cr = (vbytes)(v == '\r');
            a_lf -= (vbytes)(v == '\n');
            a_cr -= is_cr;
            a_crlf -= is_cr & (vbytes)(next == '\n');
            a_q -= (vbytes)(v == '"');
        }
        for (size_t b = 0; b < sizeof(vbytes); b++) {
            lf += a_lf[b];
            crs += a_cr[b];
            crlf += a_crlf[b];
            q += a_q[b];
        }
    }
    for (; i < n; i++) {
        lf += p[i] == '\n';
        crs += p[i] == '\r';
        q += p[i] == '"';
        crlf += p[i] == '\r' && i + 1 < n && p[i + 1] == '\n';
    }
    if (n)
        *cr = p[n - 1] == '\r';
    *lines += lf + crs - crlf;
    *quotes += q;
}

bool fs_csv_split_point(fs_source *src, uint64_t *offset, long *line)
{
    csv_src *s = (csv_src *)src;
    /* a little before the middle: the first half's thread has also
     * scanned the file (pass 1) and looked for the cut before it starts */
    uint64_t mid = s->size / 32 * 15;
    if (!fs_csv_is(src) || s->nread >= mid || s->limit)
        return false;
    int fd = fileno(s->fp);
    unsigned char *buf = malloc(CHUNK);
    if (!buf)
        return false;
    uint64_t at = s->nread, lines = 0, quotes = 0;
    bool cr = false, found = false;
    /* up to the middle: line ends and the parity of the quotes */
    while (at < mid) {
        size_t want = mid - at < CHUNK ? (size_t)(mid - at) : CHUNK;
        ssize_t got = pread(fd, buf, want, (off_t)at);
        if (got <= 0)
            break;
        count_block(buf, (size_t)got, &lines, &quotes, &cr);
        at += (uint64_t)got;
    }
    /* then the first LF outside quotes that ends a line that is not blank */
    bool whole = at == mid;
    size_t linelen = 0; /* bytes of the line so far, line ends aside (the
                           part before `mid` is not counted: a line end
                           right at it may end a blank line) */
    while (whole && !found && at < s->size) {
        ssize_t got = pread(fd, buf, CHUNK, (off_t)at);
        if (got <= 0)
            break;
        size_t i = 0;
        for (; i < (size_t)got; i++) {
            unsigned char c = buf[i];
            if (c == '"')
                quotes++;
            if (c == '\n') {
                if (quotes % 2 == 0 && linelen > 0) {
                    found = true;
                    break;
                }
                linelen = 0;
            } else if (c != '\r') {
                linelen++;
            }
        }
        count_block(buf, found ? i + 1 : (size_t)got, &lines, &(uint64_t){0}, &cr);
        at += found ? i + 1 : (uint64_t)got;
        if (found || at >= mid + SPLIT_WINDOW)
            break;
    }
    free(buf);
    if (!found || at >= s->size)
        return false;
    *offset = at;
    *line = (long)lines + 1;
    return true;
}

void fs_csv_set_limit(fs_source *src, uint64_t offset)
{
    csv_src *s = (csv_src *)src;
    s->limit = offset;
    s->paused = false;
}

bool fs_csv_paused_clean(const fs_source *src, long *line, long *extra)
{
    const csv_src *s = (const csv_src *)src;
    *line = s->line;
    *extra = s->extra;
    return s->paused && s->state == ST_READING && s->pos == s->end && s->need_start && !s->held &&
           !s->blank_line && !s->skip_line && !s->row_ready && !s->line_dirty &&
           !s->parser.quoted && s->parser.entry_pos == 0 && s->quote_line == 0 &&
           s->cb_err == CB_OK && s->nread == s->limit;
}

void fs_csv_resume(fs_source *src)
{
    csv_src *s = (csv_src *)src;
    s->limit = 0;
    s->paused = false;
}

fs_status fs_csv_open_at(const fs_source *like, const char *path, uint64_t offset, long line,
                         long extra, fs_source **out)
{
    const csv_src *a = (const csv_src *)like;
    *out = NULL;
    csv_src *s = calloc(1, sizeof *s);
    if (!s)
        return FS_ERR_NOMEM;
    s->base = a->base;
    s->cd = (iconv_t)-1;
    s->enc = a->enc;
    s->size = a->size;
    s->st = a->st;
    struct stat now;
    fs_status st = FS_OK;
    s->fp = fopen(path, "rb");
    if (!s->fp || fstat(fileno(s->fp), &now) != 0 || now.st_dev != a->st.st_dev ||
        now.st_ino != a->st.st_ino || fseeko(s->fp, (off_t)offset, SEEK_SET) != 0)
        st = FS_ERR_IO;
    if (st == FS_OK) {
        s->buf = malloc(CHUNK);
        s->offs = malloc(FS_CSV_MAX_FIELDS * sizeof *s->offs);
        s->fields = calloc(FS_CSV_MAX_FIELDS, sizeof *s->fields);
        if (s->enc == FS_ENC_GB18030) {
            s->conv = malloc(2 * CHUNK);
            s->cd = iconv_open("UTF-8", "GB18030");
        }
        if (!s->buf || !s->offs || !s->fields || (s->enc == FS_ENC_GB18030 && !s->conv) ||
            (s->enc == FS_ENC_GB18030 && s->cd == (iconv_t)-1) || !parser_start(s))
            st = FS_ERR_NOMEM;
    }
    if (st != FS_OK) {
        csv_free_src(&s->base);
        return st;
    }
    for (size_t i = 0; i < FS_CSV_MAX_FIELDS; i++)
        s->fields[i].type = FS_V_TEXT;
    s->nread = offset;
    s->plain = a->plain;
    s->line = line;
    s->extra = extra;
    s->need_start = true;
    s->state = ST_READING;
    *out = &s->base;
    return FS_OK;
}
