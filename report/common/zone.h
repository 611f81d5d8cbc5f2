/*
 * zone.h — the cooperation zone: member counties, provinces, forum rotation.
 *
 * Nothing about the seven counties is compiled in: the zone is read at
 * start from a small text file (templates/zone.conf by default, --zone to
 * replace it) so another cooperation zone can use forumstat by editing
 * data.  The zone is immutable once loaded and shared read-only by every
 * module.  A zone holds at most FS_ZONE_MAX counties so a set of counties
 * fits a 64-bit mask (fs_county_set).
 */
#ifndef FS_ZONE_H
#define FS_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"
#include "status.h"

#define FS_ZONE_MAX 64

/* A set of member counties, bit i = county index i of the zone. */
typedef uint64_t fs_county_set;

typedef struct fs_county {
    char code[7];          /* GB/T 2260 code, six digits            */
    char province_code[7]; /* first two digits + "0000"             */
    char *name_zh, *name_en;
    char *prefecture_zh, *prefecture_en;
    int province;     /* index into fs_zone.provinces          */
    bool has_hex;     /* a "hex" line placed it on the map      */
    int hex_q, hex_r; /* axial position of its tile on the
                         schematic hexagon map (flat-topped:
                         (0,-1) N, (1,-1) NE, (1,0) SE, (0,1) S,
                         (-1,1) SW, (-1,0) NW of (0,0))        */
} fs_county;

typedef struct fs_province {
    char code[7];
    char *name_zh, *name_en;
} fs_province;

typedef struct fs_zone {
    char *name_zh, *name_en; /* the zone / forum name           */
    char *secretariat_zh, *secretariat_en;
    fs_county *counties; /* sorted by code                  */
    size_t ncounties;
    fs_province *provinces; /* sorted by code                  */
    size_t nprovinces;
    int *rotation; /* county indices, hosting order   */
    size_t nrotation;
    int first_year;           /* year of the first forum         */
    struct fs_forum_date {    /* optional "forum_date" lines:    */
        int year, month, day; /*   the day each forum is held    */
    } * forum_dates;
    size_t nforum_dates, cap_forum_dates;
    int utc_offset_min; /* "utc_offset": the zone's local time - UTC, in
                           minutes (the dates documents carry); 0: none */
} fs_zone;

/*
 * Load a zone file.  On success *out owns a new zone (free with
 * fs_zone_free).  On a malformed file returns FS_ERR_ZONE and writes a
 * one-line "PATH:LINE: what is wrong" into err (whole, whatever the
 * length of the path and the line; sbuf.h).
 */
fs_status fs_zone_load(const char *path, fs_zone **out, fs_sbuf *err);
void fs_zone_free(fs_zone *z);

/* County index for a code, Chinese name or English name (any letter case),
 * given as a trimmed view; -1 when it names no member county. */
int fs_zone_find(const fs_zone *z, const char *s, size_t n);

/* Index of a county by exact code, -1 when absent. */
int fs_zone_by_code(const fs_zone *z, const char *code);

/* How a message names the county of `code`, set into b (whole, whatever
 * the name's length): "341322 萧县" when the messages are Chinese
 * (fs_labels_zh) and the zone knows the code, else the code alone (the
 * English messages, and a code of no member county or no zone, z NULL).
 * Returns the text ("" when out of memory). */
const char *fs_zone_county_label(const fs_zone *z, const char *code, fs_sbuf *b);

/* The counties of a list as the warehouse stores it (codes separated by
 * ';', as validate writes a counties_involved cell): codes that name no
 * member county and empty items are skipped; s may be NULL (no county). */
fs_county_set fs_zone_code_list(const fs_zone *z, const char *s);

/* Index of a province by code, -1 when absent. */
int fs_zone_province_by_code(const fs_zone *z, const char *code);

/* The nearest county name or code to a wrong value, for "did you mean";
 * NULL when nothing is close. */
const char *fs_zone_suggest(const fs_zone *z, const char *s, size_t n);

/* The date of the forum held in `year` from the zone file's forum_date
 * lines: true and *month, *day set when the file gives one, else false
 * (the briefing then names no forum date; it never takes one from the
 * clock). */
bool fs_zone_forum_date(const fs_zone *z, int year, int *month, int *day);

/* Host county index of the forum of `year` and its ordinal (1 = first),
 * or -1 when year is before the first forum. */
int fs_zone_host(const fs_zone *z, int year, int *ordinal);

#endif
