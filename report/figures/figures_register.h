/*
 * figures_register.h — the register of cross-regional cases of a year:
 * one entry per cross_ref with live incident records in the year, its
 * records grouped (reporting counties and their offences, money, status,
 * lead county, assisting and unconfirmed counties).
 *
 * Part of the figures (fs_figures.xreg, figures.h): built when the
 * figures are computed, from the same records the cross-regional figures
 * count (figures_sql.c reads the live incidents that carry a cross_ref,
 * one by one, through a partial index, and groups them by reference
 * once), so the register and cross_cases can never disagree and no
 * output reads the warehouse for it.  Both the workbook's Crime sheet and
 * cross-cases-Y.csv (report_out.c) list it, so the register is never only
 * in the xlsx.
 *
 * Lead county: most offences, then the earliest report, then the lowest
 * code.  Status: the least advanced of its records (open < solved <
 * closed).  Ownership: the fs_figures owns its register (freed with it);
 * all members are read-only for outputs.
 */
#ifndef FS_FIGURES_REGISTER_H
#define FS_FIGURES_REGISTER_H

#include <stddef.h>
#include <stdint.h>

#include "figures.h"
#include "status.h"
#include "zone.h"

/* One live incident record with a cross_ref.  Its strings live in the
 * register's one block (fs_xreg.strings). */
typedef struct fs_xreg_record {
    const char *ref, *case_id, *subcategory;
    char date[16];
    int county;
    int category;                      /* ICCS index, -1 unknown */
    int status;                        /* 0 open, 1 solved, 2 closed */
    int64_t offenses, loss, recovered; /* money in fen */
    fs_county_set involved, assisted;
} fs_xreg_record;

/* One cross-regional case: its records and what they add up to. */
typedef struct fs_xreg_case {
    const fs_xreg_record *first; /* records [first, first + n) share the ref  */
    size_t n;
    /* offences by zone index, a row of fs_xreg.offenses: read it only for
     * the counties in `reporters` (the row is as wide as the highest
     * reporting county of the register, not FS_ZONE_MAX: 26 666 cases of
     * a 20 M-record year took 16 MB with a full row each) */
    const int64_t *offenses;
    int64_t total, loss, recovered;
    fs_county_set reporters, named, assisting;
    int lead, status;
    int categories[2]; /* first two distinct ICCS sections          */
    int ncategories;
    char first_date[16];
} fs_xreg_case;

/* The register: records sorted by (ref, county, case_id), cases in order
 * (by reference in code point order). */
struct fs_xreg {
    fs_xreg_record *rec;
    size_t n;
    fs_xreg_case *cases;
    size_t ncases;
    int64_t *offenses; /* ncases rows of `width`: fs_xreg_case.offenses */
    size_t width;
    char *strings; /* the records' strings, one block              */
};

/* Free a register (NULL is fine). */
void fs_xreg_free(fs_xreg *g);

/* The description: the lead county's first non-empty subcategory, else
 * any record's; "" when none.  It is a county's own words (in
 * "…；本县9起26只", 本县 is that county), so *county receives the zone
 * index of the county whose record it is (-1 when none): outputs name
 * that county beside the text and never rewrite the text. */
const char *fs_xreg_description(const fs_xreg_case *c, int *county);

#endif
