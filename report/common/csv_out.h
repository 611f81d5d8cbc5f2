/*
 * csv_out.h — writing CSV files that people open in Excel.
 *
 * Every CSV forumstat writes for people (the county's problem list, the
 * findings, the templates and dictionary) goes through this one field
 * writer: RFC 4180 quoting, CRLF line ends.  metrics-Y.csv, read by
 * scripts, keeps its own plain LF format.
 */
#ifndef FS_CSV_OUT_H
#define FS_CSV_OUT_H

#include <stdbool.h>
#include <stdio.h>

typedef enum fs_csv_flags {
    FS_CSV_LAST = 1, /* the last field of its row: end the row (CRLF)   */
    FS_CSV_GUARD = 2 /* text starting with = + - @ or a tab gets a
                        leading apostrophe, so Excel never runs it as
                        a formula (values that came from a county)      */
} fs_csv_flags;

/* Write one field (NUL-terminated text), quoted when it holds a comma,
 * a quote or a line break, followed by "," or the row end. */
void fs_csv_put(FILE *f, const char *s, unsigned flags);

#endif
