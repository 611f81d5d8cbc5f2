/*
 * figlist.h — the names of the figure catalogue's lines, once, so that a
 * wrong metric name in code fails the build.
 *
 * FS_FIG_LINES lists every line of the catalogue (figdefs.c) in its order:
 * LINE(name) for a figure, FAMILY(prefix) for a family of figures named
 * prefix + a code ("offenses_cat_" + "05").  It makes the ids FS_M_<name>
 * (fs_fig_id), and figdefs.c takes every name from here (FS_MN,
 * FS_MFAMILY), one line per entry in the same order (checked by a static
 * assertion on the count and by fs_fig_catalogue_check on the names).
 *
 * Code that names a metric writes FS_MN(cross_share_pct) rather than
 * "cross_share_pct": the same string constant (usable in static tables),
 * but a name that is not in this list is a compile error, so renaming a
 * figure here breaks every place that still uses the old name instead of
 * silently showing "no data".  A family member is FS_MMEMBER(ind_,
 * "population") (the family is checked, the code is the schema's) and a
 * family's pattern FS_MMEMBER(disputes_type_, "%s").
 * tests/e2e/t05-outputs-render.sh also checks every name-like string
 * literal of the output modules against this list.
 */
#ifndef FS_FIGLIST_H
#define FS_FIGLIST_H

/* clang-format off */
#define FS_FIG_LINES(LINE, FAMILY)                                                                 \
    /* crime */                                                                                    \
    LINE(counties_incidents) LINE(incidents) LINE(offenses) LINE(solved) LINE(clearance_pct)       \
    LINE(loss_yuan) LINE(recovered_yuan) LINE(recovery_pct) LINE(suspects) LINE(arrested)          \
    FAMILY(offenses_cat_) LINE(cross_cases) LINE(cases) LINE(cross_share_pct)                      \
    LINE(offenses_per_10k)                                                                         \
    /* disputes */                                                                                 \
    LINE(counties_disputes) LINE(disputes) LINE(resolved) LINE(resolution_pct)                     \
    FAMILY(disputes_type_) FAMILY(disputes_level_) FAMILY(disputes_outcome_)                       \
    LINE(cross_disputes) LINE(median_days_to_close)                                                \
    /* cooperation */                                                                              \
    LINE(counties_cooperation) LINE(activities) FAMILY(activities_) LINE(fugitives_caught)         \
    LINE(clues_verified) LINE(participants)                                                        \
    /* indicators */                                                                               \
    LINE(counties_indicators) FAMILY(ind_) LINE(grid_members_per_10k)                              \
    LINE(video_devices_per_10k)                                                                    \
    /* matrices */                                                                                 \
    FAMILY(coop_) FAMILY(assist_)
/* clang-format on */

/* One id per catalogue line: FS_M_incidents, FS_M_offenses_cat_, … */
typedef enum fs_fig_id {
#define FS_FIG_ID_(name) FS_M_##name,
    FS_FIG_LINES(FS_FIG_ID_, FS_FIG_ID_)
#undef FS_FIG_ID_
        FS_M_COUNT
} fs_fig_id;

/* The metric name of a catalogue line, as a string constant: a compile
 * error unless `name` is in FS_FIG_LINES (a FAMILY gives its prefix,
 * FS_MN(offenses_cat_) is "offenses_cat_"). */
#define FS_MN(name) (&#name[0 * FS_M_##name])
/* A family member's name, family + code ("ind_" "population"), or with
 * code "%s" the family's pattern: a compile error unless `family` is a
 * FAMILY of FS_FIG_LINES.  code must be a string literal. */
#define FS_MMEMBER(family, code) (&#family code[0 * FS_M_##family])
/* A family's pattern in the catalogue ("offenses_cat_%s"). */
#define FS_MFAMILY(family) FS_MMEMBER(family, "%s")

#endif
