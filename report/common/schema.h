/*
 * schema.h — the one definition of the four submission tables.
 *
 * Columns, Chinese aliases, types, required flags, defaults, ranges, enum
 * values and the documentation of each lives here and nowhere else: the
 * header matcher, the validator, the warehouse DDL and inserts, the county
 * templates and the data dictionary are all generated from fs_tables[].
 * Adding a column to the standard means adding one line in schema.c.
 */
#ifndef FS_SCHEMA_H
#define FS_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum fs_table {
    FS_T_INDICATORS,
    FS_T_INCIDENTS,
    FS_T_DISPUTES,
    FS_T_COOPERATION,
    FS_T_COUNT
} fs_table;

typedef enum fs_coltype {
    FS_CT_COUNTY,      /* one member county (code or name)                */
    FS_CT_COUNTY_LIST, /* member counties separated by ; ； 、 ， ,        */
    FS_CT_YEAR,        /* whole number 2000..2100                         */
    FS_CT_INT,         /* whole number, >= min                            */
    FS_CT_MONEY,       /* decimal, <= 2 decimals, stored as hundredths    */
    FS_CT_DATE,        /* calendar date, stored as ISO text               */
    FS_CT_ENUM,        /* one of values[] by code or Chinese name         */
    FS_CT_ID,          /* identifier, <= 64 characters, compared exactly  */
    FS_CT_TEXT         /* free text, <= 2000 characters, privacy-checked  */
} fs_coltype;

/* An allowed value of an enumerated column. */
typedef struct fs_enum_value {
    const char *code; /* stored and printed: "solved", "05"             */
    const char *zh;   /* Chinese name accepted in place of the code     */
    const char *en;   /* English label for documents and workbooks      */
} fs_enum_value;

typedef struct fs_column {
    const char *name;  /* standard English name                  */
    const char *alias; /* Chinese alias accepted in headers      */
    fs_coltype type;
    bool required;
    int64_t empty_value; /* value when an optional number is empty */
    int64_t min;         /* lowest allowed (INT, MONEY in units)   */
    const fs_enum_value *values;
    size_t nvalues;
    bool leading_zero_optional; /* ICCS: "5" means "05"                  */
    const char *doc_en, *doc_zh;
    const char *example;
} fs_column;

typedef struct fs_table_def {
    fs_table id;
    const char *name;    /* "incidents"                            */
    const char *name_zh; /* "刑事案件"                              */
    const fs_column *columns;
    size_t ncolumns;
    int county_col; /* reporting county                       */
    int id_col;     /* unique per (county, year) in a run     */
    int year_col;   /* year or date giving the record's year  */
    const char *doc_en, *doc_zh;
} fs_table_def;

#define FS_MAX_COLUMNS 16

extern const fs_table_def fs_tables[FS_T_COUNT];

/* Table by English name (case-insensitive), or -1. */
int fs_table_by_name(const char *name, size_t n);

/* Column index of `name` (English, exact) in table t, or -1. */
int fs_column_index(fs_table t, const char *name);

/* Enum value index for a view: the code (ASCII case-insensitive; for
 * leading_zero_optional columns "5" = "05") or the exact Chinese name;
 * -1 when none matches. */
int fs_enum_find(const fs_column *c, const char *s, size_t n);

/* Enum value index of `code` in column `col` (English name) of table t,
 * by the same rule as fs_enum_find (the rule validate admitted the value
 * by; the warehouse and the figure catalogue hold canonical codes, which
 * it finds as they are); -1 when the column or the value is unknown. */
int fs_enum_index(fs_table t, const char *col, const char *code);

/* Nearest enum code for a wrong value ("did you mean"), or NULL. */
const char *fs_enum_suggest(const fs_column *c, const char *s, size_t n);

/* Whether messages name tables and codes in Chinese too: the messages are
 * Chinese (fs_i18n_start chose Chinese and its catalogue translates). */
bool fs_labels_zh(void);

/* How a message names table t, in buf: "协作活动 (cooperation)" when the
 * messages are Chinese (fs_i18n_start chose Chinese and its catalogue
 * translates), else the standard name alone ("cooperation"). */
#define FS_TABLE_LABEL_MAX 64
const char *fs_table_label(fs_table t, char *buf, size_t size);

/* The table's name in a sentence of the secretariat's commands (history,
 * revert, check, the slice table on a terminal): its Chinese name
 * ("协作活动") when the messages are Chinese, else the standard name. */
const char *fs_table_word(fs_table t);

/* The same for a table named by its standard name (as the warehouse
 * stores it): its word, or name itself when it names no table. */
const char *fs_table_word_of(const char *name);

/* How a message names the declared record count of table t, in buf:
 * "报送协作活动数 (declared_cooperation)" when the messages are Chinese
 * (the indicator's Chinese name, the standard name a clerk finds in the
 * file), else "declared_cooperation". */
#define FS_DECLARED_LABEL_MAX 96
const char *fs_declared_label(fs_table t, char *buf, size_t size);

/* Name of a column type for documentation ("date", "county code list"). */
const char *fs_coltype_doc(fs_coltype t, bool zh);

/* A record of one table, checked: what the validator (validate.h) hands
 * to the store (warehouse.h).  The store takes it from here, so it need
 * not know how rows are read or checked. */
/* A checked value.  Which members hold the value depends on the column
 * type (schema.h):
 *   COUNTY       i = county index, s = code
 *   COUNTY_LIST  i = fs_county_set, s = codes joined by ";" in code order
 *   YEAR, INT    i
 *   MONEY        i = hundredths
 *   DATE         i = days since 1970-01-01, s = "YYYY-MM-DD"
 *   ENUM         i = value index, s = code
 *   ID, TEXT     s (trimmed) */
typedef struct fs_value {
    bool present; /* false: empty optional value (i holds its default) */
    int64_t i;
    const char *s;
    size_t len;
} fs_value;

typedef struct fs_record {
    fs_table table;
    int year;   /* the record's year (from its date or year)       */
    int county; /* reporting county index                          */
    long line;  /* where it came from (line or rowid)              */
    fs_value v[FS_MAX_COLUMNS];
} fs_record;

#endif
