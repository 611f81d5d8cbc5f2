/*
 * cube.h — the cube of each table: which enumerated columns its records
 * are grouped by (dimensions) and which whole-number columns are summed
 * (measures).
 *
 * The one definition shared by the store and the figures.  For the large
 * record tables (incidents, disputes) the store keeps the cube cells of
 * every imported file in cube_<table> tables, accumulated in memory while
 * the file streams in, so the figures read a few hundred cells per county
 * and year instead of every record.  A stored cube may also have a "days"
 * dimension: the days between two date columns (empty when either is).
 */
#ifndef FS_CUBE_H
#define FS_CUBE_H

#include <stdbool.h>

#include "schema.h"

#define FS_CUBE_MAX_DIMS 3
#define FS_CUBE_MAX_MEASURES 6 /* m[0] = number of records, then the measures */

typedef struct fs_cube_def {
    const char *dims[FS_CUBE_MAX_DIMS];             /* enumerated columns   */
    const char *measures[FS_CUBE_MAX_MEASURES - 1]; /* whole-number columns */
    const char *where;                              /* records counted (alias r), NULL = all; only
                                                       for cubes that are not stored              */
    bool stored;                                    /* kept per import in cube_<table>            */
    const char *days_from;                          /* stored cubes: days = days_to - days_from   */
    const char *days_to;
} fs_cube_def;

extern const fs_cube_def fs_cubes[FS_T_COUNT];

/* Name of the column holding the days dimension in cube tables. */
#define FS_CUBE_DAYS_COLUMN "days"

#endif
