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

#define FS_CSV_MAX_FIELD  65536
#define FS_CSV_MAX_FIELDS 256

typedef enum fs_encoding {
    FS_ENC_UTF8,
    FS_ENC_UTF8_BOM,
    FS_ENC_GB18030
} fs_encoding;

/* "UTF-8", "UTF-8 with BOM", "GB18030". */
const char *fs_encoding_name(fs_encoding e);

/*
 * Open `path` (named `display` in messages) as CSV.  On FS_OK *out is a new
 * source (free with fs_source_free) and *enc the detected encoding.
 * FS_ERR_DATA: the file cannot be read as text (invalid in both encodings,
 * NUL bytes, UTF-16 …); diagnostics say why and where.  Other statuses:
 * environment failures.
 */
fs_status fs_csv_open(const char *path, const char *display, fs_source **out,
                      fs_encoding *enc, fs_diags *d);

#endif
