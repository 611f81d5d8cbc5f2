/*
 * csv_source.h — county CSV files as a row source (libcsv + iconv).
 *
 * Opening a CSV file decides its encoding (UTF-8 with or without BOM, else
 * GB18030, which also covers GBK), then streams it: one physical line at a
 * time is converted to UTF-8 and fed to libcsv, so memory stays bounded
 * whatever the file size and each record knows the line it started on.
 * Fields are capped (FS_CSV_MAX_FIELD bytes, FS_CSV_MAX_FIELDS per row).
 */
#ifndef FS_CSV_SOURCE_H
#define FS_CSV_SOURCE_H

#include "source.h"

#define FS_CSV_MAX_FIELD 65536
#define FS_CSV_MAX_FIELDS 256

typedef enum fs_encoding { FS_ENC_UTF8, FS_ENC_UTF8_BOM, FS_ENC_GB18030 } fs_encoding;

/* "UTF-8", "UTF-8 with BOM", "GB18030". */
const char *fs_encoding_name(fs_encoding e);

/*
 * Open `path` (named `display` in messages) as CSV.  On FS_OK *out is a new
 * source (free with fs_source_free) and *enc the detected encoding.
 * FS_ERR_DATA: the file cannot be read as text (invalid in both encodings,
 * NUL bytes, UTF-16 …); diagnostics say why and where.  Other statuses:
 * environment failures.
 */
fs_status fs_csv_open(const char *path, const char *display, fs_source **out, fs_encoding *enc,
                      fs_diags *d);

/*
 * Halves of a file, for reading one file on two threads (vsplit.h).  A
 * source from fs_csv_open that has read nothing yet:
 *
 * fs_csv_is: the source is one of this file's.
 * fs_csv_split_point: a record boundary near the middle of the file (at
 *   15/32 of it or up to 1 MiB after: the first half's thread has more to
 *   do before it starts reading): the
 *   offset just after a line end that an even number of double quotes
 *   stands before (outside quotes when the file is well-formed: the first
 *   half's reading tells, see fs_csv_paused_clean), and the physical line
 *   that starts there.  False when there is none near the middle (or the
 *   file cannot be read for it).
 * fs_csv_set_limit: input ends at `offset` for now: fs_source_next says
 *   end of file there (*eof) without the checks of the real end.
 * fs_csv_paused_clean: after that end, whether the source stands exactly
 *   at the limit between two records (nothing pending: no open quoted
 *   field, blank line or quote error), as a new source opened there would
 *   start; *line, *extra: its line and the line breaks inside quoted fields
 *   seen so far.
 * fs_csv_resume: lift the limit; reading goes on as if it never was.
 * fs_csv_open_at: a second source over the same file (path, checked to be
 *   the same file) from `offset` (a limit that `like` paused at cleanly),
 *   its first line numbered `line`; spreadsheet rows are counted from
 *   `extra` line breaks (the caller corrects them once the first half's
 *   are known).  Detection is not repeated: `like`'s encoding and size are
 *   taken.  FS_ERR_IO when the file cannot be opened again as the same
 *   file, FS_ERR_NOMEM.
 */
bool fs_csv_is(const fs_source *src);
bool fs_csv_split_point(fs_source *src, uint64_t *offset, long *line);
void fs_csv_set_limit(fs_source *src, uint64_t offset);
bool fs_csv_paused_clean(const fs_source *src, long *line, long *extra);
void fs_csv_resume(fs_source *src);
fs_status fs_csv_open_at(const fs_source *like, const char *path, uint64_t offset, long line,
                         long extra, fs_source **out);

#endif
