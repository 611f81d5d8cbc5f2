/*
 * figures_int.h — what the parts of the figures module share (not for
 * other modules: they read figures.h only).
 *
 *   figdefs.c      the catalogue (fs_fig_defs) and the cubes (fs_cubes)
 *   figures_sql.c  reads the warehouse into an fs_fig_data (all SQL is here)
 *   figures.c      expands the catalogue, sums scopes, year on year, API
 *   findings.c     reconciliation findings from the shared references
 *   figures_out.c  value formatting and the CSV / text outputs
 *
 * The data model: for every (year, county, table) a small cube — the
 * records grouped by a few enumerated columns (dimensions) with their
 * count and the sums of a few numeric columns (measures).  Figures that
 * add up over records are sums over cube cells matching a filter, so a
 * scope's value is the sum over its counties' cells.  Records that carry a
 * shared reference (cross_ref, joint_ref) are also kept one by one (they
 * are few), grouped by reference, so that a reference counts once per
 * scope and joint activities take the values of one chosen record.
 */
#ifndef FS_FIGURES_INT_H
#define FS_FIGURES_INT_H

#include "figures.h"

#include "cube.h"

/* One cube cell: dimension values as enum indices (-1: not a known code),
 * m[0] records, m[1..] measure sums. */
typedef struct fs_fig_cell {
    int8_t dim[FS_CUBE_MAX_DIMS];
    int64_t m[FS_CUBE_MAX_MEASURES];
} fs_fig_cell;

/* Closed disputes: how many took `days` days. */
typedef struct fs_fig_daycount {
    int64_t days;
    int64_t count;
} fs_fig_daycount;

/* What one county holds for one year. */
typedef struct fs_fig_cy {
    fs_fig_cell *cells[FS_T_COUNT];
    size_t ncells[FS_T_COUNT], capcells[FS_T_COUNT];
    /* Records that count on their own next to the shared references:
     * incidents without cross_ref; disputes with a counterpart and no
     * joint_ref (cooperation: unused, its cube holds the solo rows). */
    int64_t solo[FS_T_COUNT];
    fs_fig_daycount *close; /* sorted by days, one entry per value */
    size_t nclose, capclose;
} fs_fig_cy;

/* One record carrying a shared reference.  What only one table's records
 * carry shares its room (128 bytes a record instead of 176: a year of a
 * 20 M-record warehouse holds hundreds of thousands, issue 16). */
typedef struct fs_fig_srow {
    fs_table table;
    int yi;              /* year index in fs_fig_data                    */
    int county;          /* reporter                                     */
    int code;            /* incidents: category; cooperation: kind (enum index) */
    int lead;            /* cooperation: lead county (the reporter when empty) */
    const char *ref;     /* cross_ref / joint_ref (arena)                */
    const char *id;      /* case_id / activity_id (arena); "" for disputes */
    fs_county_set named; /* incidents: counties_involved; cooperation:
                            partners and the lead named                  */
    const char *date;    /* cooperation: ISO date; incidents: date_reported
                            (arena)                                      */
    int64_t count;       /* disputes: records of the county with the ref */
    union {
        struct {              /* cooperation */
            int64_t days;     /* the date as days since 1970                  */
            fs_fig_cell cell; /* the row's values as a cube cell              */
        };
        struct {                     /* incidents, for the register of cross-regional cases
                                      * (figures_register.h) */
            const char *subcategory; /* arena; "" when empty     */
            int status;              /* enum index, -1 unknown   */
            int64_t offenses, loss, recovered; /* money in fen            */
            fs_county_set assisted;            /* assisted_by              */
        };
    };
} fs_fig_srow;
_Static_assert(sizeof(fs_fig_srow) <= 128, "fs_fig_srow: keep it at 128 bytes");

/* One shared reference of one year and table. */
typedef struct fs_fig_ref {
    fs_table table;
    int yi;
    const char *ref;
    size_t first, n;         /* its records: srows[first .. first+n), sorted
                                by county then id                         */
    fs_county_set reporters; /* counties with a record of it              */
    fs_county_set involved;  /* reporters and every county named          */
    int lead;                /* cooperation: the activity's lead county   */
} fs_fig_ref;

/* A bump allocator for the strings of the shared records. */
typedef struct fs_fig_arena_block fs_fig_arena_block;

/* Everything read from the warehouse for years y0 .. y0+nyears-1. */
typedef struct fs_fig_data {
    const fs_zone *zone;
    int y0, nyears;
    size_t ncounties;
    fs_county_set *has;  /* [yi * FS_T_COUNT + t]: counties that have the
                            table: records, or a zero report (§2.3 v2) */
    fs_county_set *rec;  /* [yi * FS_T_COUNT + t]: counties with records */
    int64_t *declared;   /* [(yi * nc + c) * FS_T_COUNT + t]: declared
                            count in hundredths, -1 when not declared  */
    int64_t *held;       /* same layout: current records held          */
    fs_fig_cy *cy;       /* [yi * ncounties + c]                      */
    int64_t *coop_pairs; /* [(yi * nc + a) * nc + b]: activities with both */
    int64_t *assist;     /* [(yi * nc + a) * nc + b]: B's incidents A assisted */
    fs_fig_srow *srows;  /* sorted: table, year, ref, county, id      */
    size_t nsrows, capsrows;
    fs_fig_ref *refs; /* same order (with the kept references of
                         years before detail_from among them)     */
    size_t nrefs;
    int detail_from;   /* years before it keep their shared incident
                          records only as references (ref NULL,
                          first = n = 0): their figures, not their
                          findings or register (issue 16)          */
    fs_fig_ref *krefs; /* those references, until group_refs        */
    size_t nkrefs, capkrefs;
    size_t *ref_lo, *ref_hi;            /* [yi * FS_T_COUNT + t]: range in refs      */
    struct fs_fig_elsewhere *elsewhere; /* sorted by ref, county, year */
    size_t nelsewhere, capelsewhere;
    fs_fig_arena_block *arena;
} fs_fig_data;

/* A county that a cross-regional case of a detail year names, with
 * incident records that year but none of the case (an unconfirmed
 * finding), and that holds the case in the year before or after: a date
 * across New Year (figures_sql.c reads these, findings.c says so). */
typedef struct fs_fig_elsewhere {
    size_t ref; /* index into refs */
    int county;
    int year;
} fs_fig_elsewhere;

/* The counties cross-regional case r names that have incident records
 * (or a zero report) in its year but no record of the case. */
static inline fs_county_set fs_fig_unconfirmed(const fs_fig_data *d, const struct fs_fig_ref *r)
{
    return r->involved & ~r->reporters & d->has[(size_t)r->yi * FS_T_COUNT + FS_T_INCIDENTS];
}

/* Read years y0..y1 (figures_sql.c); the shared incident records of the
 * years before detail_from (y0 for all of them) are kept only as
 * references, enough for the figures.  On failure err holds a reason. */
fs_status fs_fig_data_load(fs_db *db, const fs_zone *zone, int y0, int y1, int detail_from,
                           fs_fig_data **out, fs_sbuf *err);
void fs_fig_data_free(fs_fig_data *d);

static inline fs_fig_cy *fs_fig_cy_at(const fs_fig_data *d, int yi, int county)
{
    return &d->cy[(size_t)yi * d->ncounties + (size_t)county];
}

/* The register of cross-regional cases of year index yi, from the shared
 * incident records (figures_register.c): *out is new, free it with
 * fs_xreg_free.  FS_OK or FS_ERR_NOMEM. */
fs_status fs_xreg_build(const fs_fig_data *d, int yi, fs_xreg **out);

/* Add the findings of year index yi to f (findings.c). */
fs_status fs_fig_add_findings(const fs_fig_data *d, int yi, fs_figures *f);

/* Days since 1970-01-01 of an ISO date "YYYY-MM-DD"; false when it is not one. */
bool fs_fig_iso_days(const char *s, int64_t *days);

/* "341321 Dangshan County" / "砀山县" for messages. */
const char *fs_fig_county_en(const fs_zone *z, int c);
const char *fs_fig_county_zh(const fs_zone *z, int c);

/* printf into a new heap string (NULL on failure). */
char *fs_fig_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The indicator whose data a figure covers (figdefs.c): for ind_<k> and
 * for a per-10k of an indicator (grid_members_per_10k: grid_members), its
 * enum index in the indicators table; -1 for any other figure, whose
 * coverage is its table's.  `value` is the metric's family value. */
int fs_fig_cover_indicator(const fs_fig_def *def, int value);

/* The unit of indicator `code` (figdefs.c): true with *en, *zh set, false
 * for an indicator without one (static strings). */
bool fs_fig_indicator_unit(const char *code, const char **en, const char **zh);

#endif
