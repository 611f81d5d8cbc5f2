/*
 * cube.c — the cubes of the four tables (see cube.h).
 *
 * Every dimension is an enumerated column (schema.c); measures are
 * whole-number columns (money and indicator values in hundredths).  A new
 * figure that adds up over records usually needs nothing here; one that
 * filters on another enumerated column adds it as a dimension.
 */
#include "cube.h"

const fs_cube_def fs_cubes[FS_T_COUNT] = {
    [FS_T_INDICATORS] = {{"indicator"}, {"value"}, NULL, false, NULL, NULL},
    [FS_T_INCIDENTS] = {{"category", "status"},
                        {"offenses", "loss_yuan", "recovered_yuan", "suspects", "arrested"},
                        NULL,
                        true,
                        NULL,
                        NULL},
    /* days to close feeds the median (figures_sql.c) */
    [FS_T_DISPUTES] =
        {{"type", "level", "outcome"}, {NULL}, NULL, true, "date_received", "date_closed"},
    /* Joint activities are read record by record and deduplicated per
     * scope; the cube holds the activities that stand alone.  The table is
     * small, so its cube is grouped from the records when needed. */
    [FS_T_COOPERATION] =
        {{"kind"}, {"participants", "outcome_count"}, "r.joint_ref IS NULL", false, NULL, NULL},
};
