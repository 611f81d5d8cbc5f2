/*
 * idcheck.h — is each record's identifier unique within its import?
 *
 * The standard wants an identifier (case_id, dispute_id, ...) to appear
 * once per (table, county, year) among the records of one import, all its
 * files together.  A unique B-tree index in the warehouse enforced that
 * until schema 3; keeping it up to date made every insert about 40 % dearer
 * (issue 2), so the check moved here.  The validating thread hashes each
 * valid record's identity (table, county, year, identifier) to 64 bits,
 * sorting them in chunks as they come; at the end of each part of a file
 * (a CSV file, an SQLite table) one merge of the sorted chunks compares
 * them with each other and, in the same pass, with those of the import's
 * accepted files (folded into one sorted array, searched forward from
 * where the last key was found): a file costs in proportion to its own
 * size (times the log of the run's gap between its keys), however many
 * came before it.
 *
 * No two equal fingerprints prove the identifiers unique.  Equal ones (a
 * real repeat, or a coincidence of chance 2^-64 per pair) send the table
 * to the warehouse's exact check (fs_wh_report_repeats), which names each
 * repeat and where it first stands.  So does a file whose fingerprints
 * would not fit under the memory cap: memory stays bounded whatever the
 * file size, and the answer is exact either way.
 *
 * Threads: fs_idcheck_add is called by the validating thread while it
 * runs; the rest by the store thread after joining it.
 */
#ifndef FS_IDCHECK_H
#define FS_IDCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"
#include "status.h"

/* Default cap: fingerprints held at once, all tables: 8 bytes each (32
 * MiB at the cap) plus 512 KiB of sorting space. */
#define FS_IDCHECK_CAP ((size_t)4 << 20)

typedef struct fs_idcheck fs_idcheck;

/* A set for one import run holding at most `cap` fingerprints; NULL when
 * out of memory. */
fs_idcheck *fs_idcheck_new(size_t cap);
void fs_idcheck_free(fs_idcheck *c);

/* The fingerprint of a record's identity. */
uint64_t fs_idcheck_key(fs_table t, int county, int year, const char *id, size_t len);

/* Note a valid record of the current file.  Never fails: past the cap, or
 * out of memory, the table is marked for the exact check instead. */
void fs_idcheck_add(fs_idcheck *c, fs_table t, uint64_t key);

/* After a part of the current file (a CSV file, a sheet, an SQLite
 * table): may some identifier of table t in this file repeat one of the
 * file or of the run's accepted files?  False is a proof that none does. */
bool fs_idcheck_suspect(fs_idcheck *c, fs_table t);

/* After fs_idcheck_suspect(c, t) said true: the fingerprints of table t
 * that the current file holds twice or that the run's accepted files hold
 * too, sorted, without repeats, in *keys (malloc'd, the caller frees it;
 * NULL with *n 0 when there are none).  *all is set instead when some
 * fingerprints were not kept (past the cap): then any record may repeat
 * one.  FS_ERR_NOMEM when out of memory.  Used by the exact check of
 * `validate`, which has no warehouse (idexact.h). */
fs_status fs_idcheck_collisions(fs_idcheck *c, fs_table t, uint64_t **keys, size_t *n, bool *all);

/* The current file is finished: its fingerprints join the run's when it
 * was accepted, and are dropped when it was refused. */
void fs_idcheck_file_end(fs_idcheck *c, bool accepted);

/* One file read on two threads (vsplit.h): move the current file's
 * fingerprints of `from`, a set that saw the rows after those c saw, into
 * c's current file, as if c had been given them (past c's cap the table
 * goes to the exact check, as it would have).  from's file part is left
 * empty. */
void fs_idcheck_absorb(fs_idcheck *c, fs_idcheck *from);

/* Sort the current file's fingerprints of each table into one chunk, so
 * a later check merges one run of them instead of many: called by the
 * thread that added them (each half's, in parallel).  Out of memory, the
 * chunks stay as they were (nothing is lost). */
void fs_idcheck_compact(fs_idcheck *c);

#endif
