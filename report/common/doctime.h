/*
 * doctime.h — the time written into documents, reproducibly.
 *
 * Every output that carries a date (history rows, the workbook's and the
 * template's creation time, the report's "data as of", the charts' and the
 * briefing's PDF dates) takes it from SOURCE_DATE_EPOCH when that is set
 * (https://reproducible-builds.org/specs/source-date-epoch/), so the same
 * data give the same bytes.  This is the one place that reads it.
 */
#ifndef FS_DOCTIME_H
#define FS_DOCTIME_H

#include <stdbool.h>
#include <time.h>

/* Parse a SOURCE_DATE_EPOCH value: ASCII digits only (no sign, no spaces),
 * seconds since 1970-01-01T00:00:00Z up to 9999-12-31T23:59:59Z (so
 * every date written has a four-digit year); 0 is valid (1970-01-01).
 * False, *t untouched, for anything else. */
bool fs_parse_epoch(const char *s, time_t *t);

/* SOURCE_DATE_EPOCH of the environment into *t: true when it is set and
 * valid (fs_parse_epoch); false (and *t untouched) when unset or invalid,
 * so the caller falls back on its own time (now, or the data's). */
bool fs_source_date_epoch(time_t *t);

/* The creation time to give libxlsxwriter for a document of time t: t
 * itself, except that libxlsxwriter takes 0 for "now", so 1970-01-01
 * (t <= 0) is written as one second later, which stays reproducible. */
time_t fs_xlsx_created(time_t t);

/* The calendar time of t at offset_min minutes from UTC (the zone's
 * utc_offset): what the date of a document is where it is read.  False
 * when t cannot be broken down. */
bool fs_doc_tm(time_t t, int offset_min, struct tm *tm);

#endif
