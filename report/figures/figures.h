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
 * Every output (metrics CSV, findings CSV, the register of cross-regional
 * cases, the workbook, the charts) reads this one result; no output
 * computes a figure itself or reads the warehouse.
 *
 * How it is computed (figures.c, figures_sql.c, findings.c): a few SQL
 * passes per table over the live records of years Y-1 and Y, each grouped
 * by county and year (and a few enumerated columns: a small "cube"), plus
 * the few records that carry a shared reference (cross_ref, joint_ref).
 * Scopes are then summed in C from the per-county cubes; shared references
 * are counted once per scope there.  Figure definitions live in one table
 * (figdefs.c, fs_fig_defs[]): adding a figure is adding one line there and
 * its name to FS_FIG_LINES (figlist.h); code names a metric with
 * FS_MN(name), which does not compile for a name not in the catalogue.
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
#include "figlist.h"
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
    FS_FIG_ASSIST_PAIRS, /* assistance matrix: one metric per county B     */
    FS_FIG_COVERAGE      /* counties_T: the scope's counties that have the
                            table (records or a zero report); always written */
} fs_fig_method;

/*
 * One figure, or a family of figures whose name holds "%s" (replaced by
 * each code of the enumerated column `each`, or by each member county's
 * code for the matrices).  Field meaning depends on the method; figdefs.c
 * documents each line.
 */
typedef struct fs_fig_def {
    const char *name; /* metric name or pattern: "offenses_cat_%s"  */
    fs_fig_method method;
    fs_table table; /* the table whose records the figure needs   */
    fs_fig_kind kind;
    const char *measure;       /* SUM: "rows" or a measure of the table's cube */
    const char *each;          /* family: cube dimension, "county", or NULL  */
    const char *where_dim;     /* SUM: filter dimension, or NULL             */
    const char *where_codes;   /* its accepted codes, separated by spaces    */
    bool sparse;               /* SUM: absent unless some record matched     */
    bool plus_solo;            /* SHARED: add the records without reference  */
    const char *num, *den;     /* RATIO: metric names; PER_POP: num metric,
                                  den = indicator code ("population")        */
    double scale;              /* RATIO, PER_POP                             */
    bool yoy;                  /* has a year-on-year change (F_yoy_pct)      */
    bool yoy_pp;               /* ... in percentage points instead (F_yoy_pp) */
    const char *except_prefix; /* family: codes starting with this are left out */
    const char *unit_en, *unit_zh;
    const char *label_en, *label_zh; /* short name ("Clearance rate", "破案率");
                                 a family's names hold no "%s"               */
    const char *doc_en, *doc_zh;     /* one line; "%s" = the family value's label */
} fs_fig_def;

/* The catalogue, in output order: fs_fig_defs[id] is the line of
 * fs_fig_id id (figlist.h). */
extern const fs_fig_def fs_fig_defs[];
extern const size_t fs_fig_ndefs;

/* NULL when line i of the catalogue has the name FS_FIG_LINES gives entry
 * i, for every i; else the first name expected and not found.  Computing
 * figures fails while it is not NULL. */
const char *fs_fig_catalogue_check(void);

/* How a metric relates to its figure. */
typedef enum fs_fig_yoy {
    FS_FIG_LEVEL,   /* the figure itself                                    */
    FS_FIG_YOY_PCT, /* F_yoy_pct: relative change, %                        */
    FS_FIG_YOY_PP   /* F_yoy_pp: change of a percentage, percentage points  */
} fs_fig_yoy;

/* One metric of the result: a catalogue line expanded for one family value,
 * or its year-on-year change. */
typedef struct fs_fig_metric {
    char name[64];         /* "offenses_cat_05", "offenses_cat_05_yoy_pct" */
    const fs_fig_def *def; /* the catalogue line                          */
    int value;             /* family value: enum index or county index; -1 */
    int base;              /* for a _yoy_pct/_yoy_pp metric: its figure's
                              index; -1                                   */
    fs_fig_yoy yoy;        /* level, _yoy_pct or _yoy_pp                  */
    fs_fig_kind kind;      /* FS_FIG_REAL for _yoy_pct / _yoy_pp          */
    fs_table table;
    char *doc_en, *doc_zh;         /* expanded one-line descriptions (owned)      */
    const char *unit_en, *unit_zh; /* static strings; never NULL             */
} fs_fig_metric;

/* ---------------------------------------------------------------- scopes */

typedef enum fs_scope_kind { FS_SCOPE_COUNTY, FS_SCOPE_PROVINCE, FS_SCOPE_ZONE } fs_scope_kind;

typedef struct fs_fig_scope {
    fs_scope_kind kind;
    char code[7];           /* county code, province code, or "ALL"       */
    int index;              /* county or province index in the zone; -1  */
    fs_county_set counties; /* member counties of the scope               */
} fs_fig_scope;

/* ---------------------------------------------------------------- values */

typedef enum fs_fig_state {
    FS_FIG_ABSENT, /* not written: the scope has no records of the table      */
    FS_FIG_EMPTY,  /* written without a value (zero denominator, no data…)    */
    FS_FIG_SET     /* written with a value                                    */
} fs_fig_state;

typedef struct fs_fig_value {
    fs_fig_state state;
    int64_t i; /* COUNT: the count; MONEY, AMOUNT: hundredths (exact)      */
    double d;  /* the value as a number in its unit (yuan, persons, %, days) */
} fs_fig_value;

/* ------------------------------------------------------------- findings */

typedef enum fs_finding_kind {
    FS_FINDING_UNCONFIRMED, /* a named county has incidents but no record of the cross_ref */
    FS_FINDING_CATEGORY,    /* the records of a cross_ref disagree on category            */
    FS_FINDING_KIND,        /* the records of a joint activity disagree on kind           */
    FS_FINDING_DATES,       /* a joint activity's dates are more than 3 days apart        */
    /* (v2, §2.3) a county's declared record count against the records held: */
    FS_FINDING_INCOMPLETE,   /* declared more records than the warehouse holds             */
    FS_FINDING_SURPLUS,      /* the warehouse holds more records than declared (not 0)     */
    FS_FINDING_DECLARED_ZERO /* declared 0 (a zero report) while records are held          */
} fs_finding_kind;

typedef struct fs_finding {
    fs_finding_kind kind;
    fs_table table;          /* incidents or cooperation                   */
    char *ref;               /* the cross_ref or joint_ref                 */
    fs_county_set counties;  /* every county involved (reporters, named)   */
    fs_county_set missing;   /* UNCONFIRMED: named counties lacking a record */
    char *records;           /* the records concerned: "371722:SX-1;341321:DS-9";
                                declared counts: "declared=12;held=10"     */
    char *text_en, *text_zh; /* one line a county clerk understands       */
    int county;              /* declared counts: the county; else -1      */
    int64_t declared, held;  /* declared counts: declared (hundredths, as
                                indicator values are) and records held    */
} fs_finding;

/* "unconfirmed", "category", "kind", "dates", "incomplete", "surplus",
 * "declared_zero". */
const char *fs_finding_kind_name(fs_finding_kind k);

/* ---------------------------------------------------------------- result */

/* The register of cross-regional cases (figures_register.h). */
typedef struct fs_xreg fs_xreg;

#define FS_FIG_MAX_GAP_DAYS 3 /* joint activity dates may differ by this much */

typedef struct fs_figures {
    int year;
    const fs_zone *zone;  /* borrowed                              */
    fs_fig_scope *scopes; /* counties, provinces, ALL              */
    size_t nscopes;
    fs_fig_metric *metrics; /* catalogue order, F then F_yoy_pct     */
    size_t nmetrics;
    fs_fig_value *values;                   /* [scope * nmetrics + metric]           */
    fs_county_set present[FS_T_COUNT];      /* counties that have the table in Y:
                                               records or a zero report (§4 v2) */
    fs_county_set present_prev[FS_T_COUNT]; /* the same for Y-1             */
    fs_county_set zero[FS_T_COUNT];         /* zero reports in Y: declared 0, no records */
    fs_county_set *ind_present;             /* [2 * nind]: counties that have indicator
                                               k in Y ([k]) and in Y-1 ([nind + k]) */
    size_t nind;                            /* indicator codes (schema order)        */
    int64_t *declared;                      /* [county * FS_T_COUNT + t]: declared
                                               count of t in Y, hundredths; -1: none */
    int64_t *held;                          /* [county * FS_T_COUNT + t]: records of
                                               t held for Y (current records)        */
    int host;                               /* county index hosting the forum, or -1 */
    int ordinal;                            /* 1 = first forum; 0 when no forum      */
    fs_finding *findings;                   /* sorted: table, reference, kind        */
    size_t nfindings;
    fs_xreg *xreg; /* the year's cross-regional cases, one
                      per cross_ref (figures_register.h) */
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
                             fs_sbuf *err);

/*
 * The same for every year of first..last in one pass over the records
 * (for trend sheets and charts): out receives last-first+1 results, one
 * per year in order; free each with fs_figures_free and the array with
 * free().  first <= last, both within 2000..2100.
 */
fs_status fs_figures_compute_range(fs_db *db, const fs_zone *zone, int first, int last,
                                   fs_figures ***out, fs_sbuf *err);

/*
 * The same for a report's trends (issue 16): every year's figures and
 * coverage, but only `last` gets its findings and its register of
 * cross-regional cases (the earlier years: nfindings 0, xreg NULL).  The
 * shared incident records of the earlier years are read year by year and
 * kept only as what their figures count, so memory follows the year
 * asked for, not the warehouse.  The figures are those of
 * fs_figures_compute_range.
 */
fs_status fs_figures_compute_trend(fs_db *db, const fs_zone *zone, int first, int last,
                                   fs_figures ***out, fs_sbuf *err);

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

/* ---------------------------------------------- coverage (§4 v2) -------
 *
 * What every output needs to say honestly how much of a scope a figure
 * covers and whether a year-on-year change may be read (the workbook,
 * the charts and the briefing all use these; none recomputes them):
 *
 *   fs_fig_cover       the scope's counties that have table t in Y (prev:
 *                      in Y-1); a zero report counts as having the table
 *   fs_fig_partial     true when a province or zone figure of table t
 *                      covers fewer than all its member counties (then say
 *                      "6 of 7 counties" / "6/7县": fs_fig_cover_text);
 *                      fs_fig_metric_partial for one metric (an ind_* or
 *                      per-10k figure may cover fewer than its table)
 *   fs_fig_comparable  whether the year-on-year metric m of scope s is
 *                      comparable (same counties having its table, or for
 *                      ind_* that indicator, in Y and Y-1); when not, the
 *                      value is empty and fs_fig_not_comparable_text says
 *                      why ("not comparable: 2023: 6 of 7 counties (no
 *                      Yongcheng City); 2024: 7 of 7")
 *   fs_fig_declared    a county's declared count and records held
 */

/* Counties of scope s that have metric m's table (for ind_*: its
 * indicator) in Y, or in Y-1 when prev. */
fs_county_set fs_fig_metric_cover(const fs_figures *f, size_t s, size_t m, bool prev);
/* Counties of scope s that have table t in Y (prev: Y-1). */
fs_county_set fs_fig_cover(const fs_figures *f, size_t s, fs_table t, bool prev);
/* The counties of scope s whose data metric m's figure of Y sums: those
 * of fs_fig_metric_cover, for a per-10 000 figure only those that also
 * gave a population.  What a label "6 of 7 counties" next to m counts
 * (comparability stays fs_fig_metric_cover's, §4). */
fs_county_set fs_fig_metric_counties(const fs_figures *f, size_t s, size_t m);
/* A province or zone scope whose counties do not all have table t in Y
 * (a scope with none of it is not partial: it has no data). */
bool fs_fig_partial(const fs_figures *f, size_t s, fs_table t);
/* The same for metric m's figure of Y (fs_fig_metric_counties): what to
 * ask before showing one figure; fs_fig_partial for a table's figures. */
bool fs_fig_metric_partial(const fs_figures *f, size_t s, size_t m);
/* "6 of 7 counties" (en) / "6/7县" (zh) for table t in scope s; "" for a
 * county scope.  Returns buf. */
char *fs_fig_cover_text(const fs_figures *f, size_t s, fs_table t, bool zh, char *buf, size_t size);
/* The same for the counties `have` (e.g. fs_fig_metric_counties). */
char *fs_fig_set_cover_text(const fs_figures *f, size_t s, fs_county_set have, bool zh, char *buf,
                            size_t size);
/* True unless m is a year-on-year metric whose scope's counties differ
 * between Y-1 and Y (both years having the figure). */
bool fs_fig_comparable(const fs_figures *f, size_t s, size_t m);
/* Why not: "not comparable: 2023: 6 of 7 counties (no 411481 Yongcheng
 * City); 2024: 7 of 7" / "不可比：2023年6/7县（缺永城市）；2024年7/7县".
 * "" when comparable.  Returns buf. */
char *fs_fig_not_comparable_text(const fs_figures *f, size_t s, size_t m, bool zh, char *buf,
                                 size_t size);
/* County c's declared count of table t for Y (hundredths, as indicator
 * values; -1 when none was declared) and its records held. */
int64_t fs_fig_declared(const fs_figures *f, int c, fs_table t);
int64_t fs_fig_held(const fs_figures *f, int c, fs_table t);

/* ------------------------------------------------------------- outputs */

/* metrics-Y.csv: header "year,scope,metric,value", one line per scope and
 * metric, scopes then metrics in result order, an empty value where the
 * figure has none (also for a scope without data of the table); the
 * matrices only for county scopes and other counties.  UTF-8, LF.
 * Returns FS_OK or FS_ERR_IO when the stream reports an error. */
fs_status fs_fig_write_metrics(const fs_figures *f, FILE *out);

/* findings-Y.csv for clerks (UTF-8 with BOM, CRLF, RFC 4180 quoting):
 * year,finding,table,reference,counties,records,explanation,explanation_zh */
fs_status fs_fig_write_findings(const fs_figures *f, FILE *out);

/* Whether metric m is written for scope s in the metrics file. */
bool fs_fig_written(const fs_figures *f, size_t s, size_t m);

/* metrics-dictionary.csv (UTF-8 with BOM, CRLF): one line per catalogue
 * entry, families as patterns (offenses_cat_NN), each followed by its
 * year-on-year metric: metric,unit,unit_zh,name,name_zh,definition,
 * definition_zh. */
fs_status fs_fig_write_dictionary(const fs_figures *f, FILE *out);

/* One finding per line for `forumstat check`: "REF: KIND: explanation", the
 * explanation in the language of messages (fs_i18n_zh). */
fs_status fs_fig_print_findings(const fs_figures *f, FILE *out);

#endif
