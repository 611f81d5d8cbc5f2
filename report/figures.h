/*
 * figures.h — the forum's figures for a year, as one in-memory result.
 *
 * Section 4 of the submission standard turned into data: for a year Y and
 * every scope (each member county in code order, each province of the
 * zone in code order, then the whole zone "ALL") the value of every figure
 * of the catalogue, their year-on-year changes, the cooperation and
 * assistance matrices, the reconciliation findings, which member counties
 * sent no records of which table, and the forum's host and ordinal.
 *
 * Every output (metrics CSV, findings CSV, the workbook, the charts) reads
 * this one result; no output computes a figure itself.
 *
 * How it is computed (figures.c, figures_sql.c, findings.c): a few SQL
 * passes per table over the live records of years Y-1 and Y, each grouped
 * by county and year (and a few enumerated columns: a small "cube"), plus
 * the few records that carry a shared reference (cross_ref, joint_ref).
 * Scopes are then summed in C from the per-county cubes; shared references
 * are counted once per scope there.  Figure definitions live in one table
 * (figdefs.c, fs_fig_defs[]): adding a figure is adding one line there.
 *
 * Ownership: an fs_figures owns everything it points to except the zone,
 * which it borrows (the zone must outlive it).  All members are read-only
 * for callers; free the result with fs_figures_free.
 */
#ifndef FS_FIGURES_H
#define FS_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "schema.h"
#include "status.h"
#include "zone.h"

/* ------------------------------------------------------------ catalogue */

/* How a figure's value is written. */
typedef enum fs_fig_kind {
    FS_FIG_COUNT,  /* whole number ("237")                                   */
    FS_FIG_MONEY,  /* yuan, exact to the fen, always two decimals ("31515.50") */
    FS_FIG_AMOUNT, /* indicator value (persons, units), exact: "785000", "12.5" */
    FS_FIG_REAL    /* ratio, percentage, rate, median: 15 significant digits,
                      no exponent, trailing zeros dropped ("72.1518987341772") */
} fs_fig_kind;

/* How a figure is computed from the records of a scope (see figdefs.c). */
typedef enum fs_fig_method {
    FS_FIG_SUM,          /* sum of a measure over the scope's records (or
                            cooperation activities) matching a filter      */
    FS_FIG_SHARED,       /* distinct shared references among the scope's
                            records (+ the records that stand alone)       */
    FS_FIG_RATIO,        /* num / den × scale of two earlier figures       */
    FS_FIG_PER_POP,      /* num / population × scale, over the counties
                            that have both                                 */
    FS_FIG_MEDIAN_DAYS,  /* median of date_closed − date_received          */
    FS_FIG_COOP_PAIRS,   /* cooperation matrix: one metric per county B    */
    FS_FIG_ASSIST_PAIRS  /* assistance matrix: one metric per county B     */
} fs_fig_method;

/*
 * One figure, or a family of figures whose name holds "%s" (replaced by
 * each code of the enumerated column `each`, or by each member county's
 * code for the matrices).  Field meaning depends on the method; figdefs.c
 * documents each line.
 */
typedef struct fs_fig_def {
    const char *name;         /* metric name or pattern: "offenses_cat_%s"  */
    fs_fig_method method;
    fs_table table;           /* the table whose records the figure needs   */
    fs_fig_kind kind;
    const char *measure;      /* SUM: "rows" or a measure of the table's cube */
    const char *each;         /* family: cube dimension, "county", or NULL  */
    const char *where_dim;    /* SUM: filter dimension, or NULL             */
    const char *where_codes;  /* its accepted codes, separated by spaces    */
    bool sparse;              /* SUM: absent unless some record matched     */
    bool plus_solo;           /* SHARED: add the records without reference  */
    const char *num, *den;    /* RATIO: metric names; PER_POP: num metric,
                                 den = indicator code ("population")        */
    double scale;             /* RATIO, PER_POP                             */
    bool yoy;                 /* has a year-on-year change (F_yoy_pct)      */
    const char *unit_en, *unit_zh;
    const char *doc_en, *doc_zh; /* one line; "%s" = the family value's label */
} fs_fig_def;

/* The catalogue, in output order. */
extern const fs_fig_def fs_fig_defs[];
extern const size_t fs_fig_ndefs;

/* One metric of the result: a catalogue line expanded for one family value,
 * or its year-on-year change. */
typedef struct fs_fig_metric {
    char name[64];            /* "offenses_cat_05", "offenses_cat_05_yoy_pct" */
    const fs_fig_def *def;    /* the catalogue line                          */
    int value;                /* family value: enum index or county index; -1 */
    int base;                 /* for a _yoy_pct metric: its figure's index; -1 */
    fs_fig_kind kind;         /* FS_FIG_REAL for _yoy_pct                    */
    fs_table table;
    char *doc_en, *doc_zh;    /* expanded one-line descriptions (owned)      */
    const char *unit_en, *unit_zh; /* static strings; never NULL             */
} fs_fig_metric;

/* ---------------------------------------------------------------- scopes */

typedef enum fs_scope_kind { FS_SCOPE_COUNTY, FS_SCOPE_PROVINCE, FS_SCOPE_ZONE } fs_scope_kind;

typedef struct fs_fig_scope {
    fs_scope_kind kind;
    char code[7];             /* county code, province code, or "ALL"       */
    int index;                /* county or province index in the zone; -1  */
    fs_county_set counties;   /* member counties of the scope               */
} fs_fig_scope;

/* ---------------------------------------------------------------- values */

typedef enum fs_fig_state {
    FS_FIG_ABSENT, /* not written: the scope has no records of the table      */
    FS_FIG_EMPTY,  /* written without a value (zero denominator, no data…)    */
    FS_FIG_SET     /* written with a value                                    */
} fs_fig_state;

typedef struct fs_fig_value {
    fs_fig_state state;
    int64_t i;     /* COUNT: the count; MONEY, AMOUNT: hundredths (exact)      */
    double d;      /* the value as a number in its unit (yuan, persons, %, days) */
} fs_fig_value;

/* ------------------------------------------------------------- findings */

typedef enum fs_finding_kind {
    FS_FINDING_UNCONFIRMED, /* a named county has incidents but no record of the cross_ref */
    FS_FINDING_CATEGORY,    /* the records of a cross_ref disagree on category            */
    FS_FINDING_KIND,        /* the records of a joint activity disagree on kind           */
    FS_FINDING_DATES        /* a joint activity's dates are more than 3 days apart        */
} fs_finding_kind;

typedef struct fs_finding {
    fs_finding_kind kind;
    fs_table table;           /* incidents or cooperation                   */
    char *ref;                /* the cross_ref or joint_ref                 */
    fs_county_set counties;   /* every county involved (reporters, named)   */
    fs_county_set missing;    /* UNCONFIRMED: named counties lacking a record */
    char *records;            /* the records concerned: "371722:SX-1;341321:DS-9" */
    char *text_en, *text_zh;  /* one line a county clerk understands       */
} fs_finding;

/* "unconfirmed", "category", "kind", "dates". */
const char *fs_finding_kind_name(fs_finding_kind k);

/* ---------------------------------------------------------------- result */

#define FS_FIG_MAX_GAP_DAYS 3 /* joint activity dates may differ by this much */

typedef struct fs_figures {
    int year;
    const fs_zone *zone;               /* borrowed                              */
    fs_fig_scope *scopes;              /* counties, provinces, ALL              */
    size_t nscopes;
    fs_fig_metric *metrics;            /* catalogue order, F then F_yoy_pct     */
    size_t nmetrics;
    fs_fig_value *values;              /* [scope * nmetrics + metric]           */
    fs_county_set present[FS_T_COUNT]; /* counties with records of the table in Y */
    int host;                          /* county index hosting the forum, or -1 */
    int ordinal;                       /* 1 = first forum; 0 when no forum      */
    fs_finding *findings;              /* sorted: table, reference, kind        */
    size_t nfindings;
} fs_figures;

/*
 * Compute the figures of `year` from the live records (years year-1 and
 * year are read).  The zone is borrowed.  Run inside a read transaction
 * (fs_fig_read_begin) so every query sees the same snapshot.  On failure
 * *out is NULL and err holds a one-line reason; the status is FS_ERR_NOMEM
 * or a database status.  A year without records gives a result whose
 * values are all FS_FIG_ABSENT (check fs_fig_years first).
 */
fs_status fs_figures_compute(fs_db *db, const fs_zone *zone, int year, fs_figures **out,
                             char *err, size_t errsz);

/*
 * The same for every year of first..last in one pass over the records
 * (for trend sheets and charts): out receives last-first+1 results, one
 * per year in order; free each with fs_figures_free and the array with
 * free().  first <= last, both within 2000..2100.
 */
fs_status fs_figures_compute_range(fs_db *db, const fs_zone *zone, int first, int last,
                                   fs_figures ***out, char *err, size_t errsz);

void fs_figures_free(fs_figures *f);

/* Years that have live records of any table, ascending.  *years is
 * malloc'ed (NULL when *n is 0); the caller frees it. */
fs_status fs_fig_years(fs_db *db, int **years, size_t *n);

/* Start / end a read transaction around the queries (one snapshot). */
fs_status fs_fig_read_begin(fs_db *db);
void fs_fig_read_end(fs_db *db);

/* -------------------------------------------------------------- access */

/* The value of metric m in scope s. */
static inline const fs_fig_value *fs_fig_value_at(const fs_figures *f, size_t s, size_t m)
{
    return &f->values[s * f->nmetrics + m];
}

/* Index of a metric by name / of a scope by code, or -1. */
int fs_fig_metric_index(const fs_figures *f, const char *name);
int fs_fig_scope_index(const fs_figures *f, const char *code);

/*
 * Write a value as the plain decimal of the metrics file into buf (at
 * least FS_FIG_FMT_MAX bytes): "" when the value is absent or empty.
 * Returns the length.  Never exponent notation, NaN or infinity.
 */
#define FS_FIG_FMT_MAX 96
size_t fs_fig_format(fs_fig_kind kind, const fs_fig_value *v, char *buf, size_t size);

/* ------------------------------------------------------------- outputs */

/* metrics-Y.csv: header "year,scope,metric,value", one line per written
 * value, scopes then metrics in result order; UTF-8, LF.  Returns FS_OK or
 * FS_ERR_IO when the stream reports an error. */
fs_status fs_fig_write_metrics(const fs_figures *f, FILE *out);

/* findings-Y.csv for clerks (UTF-8 with BOM, CRLF, RFC 4180 quoting):
 * year,finding,table,reference,counties,records,explanation,explanation_zh */
fs_status fs_fig_write_findings(const fs_figures *f, FILE *out);

/* One finding per line for `forumstat check`: "REF: KIND: explanation". */
fs_status fs_fig_print_findings(const fs_figures *f, FILE *out);

#endif
