#!/usr/bin/python3
"""t33-model.py — a model-based test of the warehouse under import, revert
and redo in any order (standard v2 §3; tests/e2e/t33-model.sh runs it).

A small model of what the standard says becomes live (per table, county and
year, the latest import's records replace earlier ones; a revert gives back
what the import replaced; a redo makes a reverted import current again for
the slices no later import holds; a run that would leave a slice with fewer
than half its records is refused as a whole unless --allow-shrink; a file
identical to one still current is skipped unless the run touches its
slices; identifiers repeated across a run's files refuse the later file)
is run side by side with the real binary on a pool of tiny county files.
A seeded generator makes sequences of imports (one to four files, some
refused by validation, some shrinking a slice, some identical, some of two
years or two counties, named twice, or given as a folder), reverts and
redos.  After every step it compares: the exit code; the import's file
lines, slice table and summary (what was imported); the revert's lines;
the warehouse (every live record by import, file and line, live_slices,
import_slices, imports, import_files); and the whole `forumstat history`
text.  At the end of a sequence (of every --report-seqs-th one, and every
--report-every steps) `forumstat report` metrics are compared with the
live records.  Any difference
prints the seed, the step and the whole sequence, and the line that
replays it (SEED=... STEPS=...).

Where the standard leaves room, the model follows forumstat:
- A file put aside as imported already and read after all (the run
  touched its slice) comes after the run's other files: when a file of
  the run repeats its identifiers, it is the one refused, whatever the
  names' order ("the later file (in name order)" of §3 is about files
  read in turn).  The run's new file replaces the slice.
- A header-only file holds no slice, so once imported it stays "current"
  (skipped as imported already) until its import is reverted.
- A record with an invalid value is not a record: no --county/--year or
  identifier check of it.
- Import numbers (SQLite): a run that keeps nothing uses none.

Python standard library only (Debian's /usr/bin/python3).  Output is TAP,
one line per sequence (lib.sh style).

  t33-model.py --forumstat BIN --work DIR [--seeds 1,2,3 | --seeds 1-200]
               [--steps 40] [--report-every 0]
  SEED=7 STEPS=25 t33-model.py ...   replays one sequence, printing each step
"""
import argparse
import collections
import csv
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys

COUNTIES = ['341321', '341322', '320321']
YEARS = [2023, 2024]
TABLES = ['indicators', 'incidents', 'disputes', 'cooperation']  # fs_table order
ID_COL = {'indicators': 'indicator', 'incidents': 'case_id',
          'disputes': 'dispute_id', 'cooperation': 'activity_id'}
HEADER = {
    'indicators': 'county,year,indicator,value',
    'incidents': 'case_id,county,date_reported,category,offenses,status',
    'disputes': 'dispute_id,county,date_received,type,parties,level,outcome',
    'cooperation': 'activity_id,county,date,kind,partners,participants',
}
IND_NAMES = ['population', 'grid_members', 'grid_cells', 'video_devices_added',
             'joint_police_stations', 'risk_alerts', 'mediation_orgs', 'mediators']
TIME = '2024-11-28T00:00:00Z'  # SOURCE_DATE_EPOCH=1732752000
DB = 'w.db'


def ids_of(t, c, y, n):
    """The first n identifiers of slice (t, c, y)."""
    if t == 'indicators':
        return IND_NAMES[:n]
    p = {'incidents': 'AJ', 'disputes': 'TJ', 'cooperation': 'HZ'}[t]
    return ['%s%s%d-%03d' % (p, c[-3:], y, k) for k in range(1, n + 1)]


def row(t, c, y, rid, marker, k, bad=False):
    """One CSV line of table t; marker (a small number) tells versions apart
    in the values; bad makes it break one rule (the file is refused)."""
    if t == 'indicators':
        v = 500000 + marker if rid == 'population' else marker * 10 + k
        return '%s,%d,%s,%s' % (c, y, rid, '12x' if bad else v)  # value.number
    day = '%d-%02d-%02d' % (y, 1 + k % 9, 1 + k)
    if t == 'incidents':
        return '%s,%s,%s,%s,%d,open' % (rid, c, day, '99' if bad else '05', marker)
    if t == 'disputes':
        return '%s,%s,%s,%s,%d,village,pending' % (rid, c, day, 'feud' if bad else 'land', marker + 1)
    partner = COUNTIES[(COUNTIES.index(c) + 1) % len(COUNTIES)]
    return '%s,%s,%s,%s,%s,%d' % (rid, c, day, 'picnic' if bad else 'joint_patrol', partner, marker)


class PoolFile:
    """A county file of the pool: its bytes and what it holds."""

    def __init__(self, name, table, records, bad=False):
        # records: [(county, year, id, marker)]
        self.name, self.table, self.bad = name, table, bad
        lines = [HEADER[table]]
        self.recs = []  # (slice, id, line)
        for k, (c, y, rid, marker) in enumerate(records):
            lines.append(row(table, c, y, rid, marker, k, bad and k == 2))
            self.recs.append(((table, c, y), rid, k + 2))
        self.data = ('\n'.join(lines) + '\n').encode()
        self.sha = hashlib.sha256(self.data).hexdigest()
        self.slices = {}
        for s, _, _ in self.recs:
            self.slices[s] = self.slices.get(s, 0) + 1
        self.markers = {(s, rid): m for (s, rid, _), (_, _, _, m) in zip(self.recs, records)}


def make_pool():
    """Every file of the pool, by name.  Per slice (table, county, year):
    v1 (5 records), v2 (a correction, 6), mild (4: a small shrink), sm (2:
    fewer than half of v1), h1 and h2 (v1 split in two halves, 3 + 2), bad
    (v1 with one invalid value), wbad (v2 with one, named to come after
    v1 and v2), copy (v1's bytes under another name),
    empty (the header alone), stray (v2 and one record of the other year);
    per county and table, both (a file of both years); per year and table,
    mix (two counties in one file)."""
    pool = {}

    def add(f):
        pool[f.name] = f
    for t in TABLES:
        for c in COUNTIES:
            for y in YEARS:
                b = '%s-%d-%s' % (c, y, t)
                ids6 = ids_of(t, c, y, 6)
                ids = ids6[:5]
                add(PoolFile(b + '-v1.csv', t, [(c, y, i, 1) for i in ids]))
                add(PoolFile(b + '-v2.csv', t, [(c, y, i, 2) for i in ids6]))
                add(PoolFile(b + '-mild.csv', t, [(c, y, i, 3) for i in ids[:4]]))
                add(PoolFile(b + '-sm.csv', t, [(c, y, i, 4) for i in ids[:2]]))
                add(PoolFile(b + '-h1.csv', t, [(c, y, i, 5) for i in ids[:3]]))
                add(PoolFile(b + '-h2.csv', t, [(c, y, i, 5) for i in ids[3:]]))
                add(PoolFile(b + '-bad.csv', t, [(c, y, i, 1) for i in ids], bad=True))
                add(PoolFile(b + '-wbad.csv', t, [(c, y, i, 2) for i in ids6], bad=True))
                cp = PoolFile(b + '-copy.csv', t, [(c, y, i, 1) for i in ids])
                add(cp)
                add(PoolFile(b + '-empty.csv', t, []))
                o = YEARS[1 - YEARS.index(y)]
                add(PoolFile(b + '-stray.csv', t, [(c, y, i, 6) for i in ids6] +
                             [(c, o, ids_of(t, c, o, 1)[0], 6)]))
            add(PoolFile('%s-both-%s.csv' % (c, t), t,
                         [(c, y, i, 7) for y in YEARS for i in ids_of(t, c, y, 5)]))
        for y in YEARS:
            add(PoolFile('mix-%d-%s.csv' % (y, t), t,
                         [(c, y, i, 8) for c in COUNTIES[:2] for i in ids_of(t, c, y, 5)]))
    return pool


def plural(n, one, many):
    return one if n == 1 else many


class Model:
    """What the standard says the warehouse holds."""

    def __init__(self, pool, events):
        self.pool = pool
        self.ev = events  # what the sequences exercised: name -> count
        self.db_exists = False
        self.imports = []  # dicts: id, reverted, redone, slices {S: [records, sup_imp, sup_recs]}
        self.files = []  # committed: dicts file_id, import_id, path, pf
        self.live = {}  # S -> import id

    def imp(self, i):
        return self.imports[i - 1] if 1 <= i <= len(self.imports) else None

    def slice_records(self, i, s):
        return self.imp(i)['slices'][s][0]

    # ---------------------------------------------------------- import
    def known_file(self, sha, live, run_id):
        """What the warehouse knows of a file with this SHA-256: (state,
        file, later) with state 'current' (the latest committed file, a
        dict of self.files, whose import is not reverted and holds all its
        slices in live, the running import's slices counting as its own; a
        header-only file holds none: it stays current), else, of the latest
        such file of all, 'reverted' (its import was), 'replaced' (a later
        import, not the running one, holds a slice of it: later) or 'new'
        (a slice of it held by none); None when there is no such file."""
        best = last = None
        for f in self.files:
            if f['pf'].sha != sha or f['import_id'] == run_id:
                continue
            last = f
            if self.imp(f['import_id'])['reverted']:
                continue
            if all(live.get(s) in (f['import_id'], run_id) for s in f['pf'].slices):
                best = f
        if best:
            return ('current', best, None)
        if not last:
            return None
        if self.imp(last['import_id'])['reverted']:
            return ('reverted', last, None)
        later = [live[s] for s in last['pf'].slices
                 if live.get(s) not in (None, last['import_id'], run_id)]
        return ('replaced', last, max(later)) if later else ('new', last, None)

    def run_import(self, paths, allow_shrink, scope=(None, None)):
        """Expected outcome of `forumstat import PATHS`, a dict: rc, lines
        (one per file, in the order read), rows (the slice table: S ->
        [records, before, after, change]), run_refused, refused_slices,
        warned (slices of a smaller shrink), import_id (0: none) and out
        (the summary's counts, the refused files with their errors).
        scope: (--county, --year), None where not given.  The
        model's state moves to after the run.  Files are read in path
        order; one identical to a file still current is put aside and read
        after all only when the run touches one of its slices."""
        self.db_exists = True
        run_id = len(self.imports) + 1
        live = dict(self.live)  # inside the run's transaction
        seen = {}
        run_slices = {}  # S -> records
        sup = {}  # S -> (import, records) before the run
        run_ids = {}  # S -> set of ids
        accepted = []  # (path, pf)
        lines, deferred = [], []
        out = {'refused': {}, 'files': 0, 'accepted': 0, 'refused_n': 0, 'skipped': 0,
               'records': 0, 'errors': 0, 'no_records': []}

        def read(p, may_defer):
            pf = self.pool[os.path.basename(p)]
            out['files'] += 1
            if pf.sha in seen:
                out['skipped'] += 1
                lines.append('%s: skipped, the same file as %s (same SHA-256), read once' %
                             (p, seen[pf.sha]))
                return
            if may_defer:
                k = self.known_file(pf.sha, live, run_id)
                in_scope = all((not scope[0] or c == scope[0]) and (not scope[1] or y == scope[1])
                               for (_, c, y) in pf.slices)
                if k and k[0] in ('current', 'replaced') and in_scope:
                    out['files'] -= 1
                    deferred.append({'path': p, 'pf': pf, 'imp': k[1]['import_id'], 'done': False,
                                     'state': k[0], 'as': k[1]['path'], 'later': k[2]})
                    return
            seen[pf.sha] = p
            if not pf.recs:  # a header alone: a warning, the file is valid
                out['no_records'].append(p)
            # a value error (bad: the third record, then not a record:
            # only its identifier is checked, against repeats), every
            # record of another county or year (--county, --year: one
            # error each), the identifiers of the other records an earlier
            # file of the run holds
            errors = 1 if pf.bad else 0
            for k, ((t, c, y), rid, _) in enumerate(pf.recs):
                if pf.bad and k == 2:
                    errors += rid in run_ids.get((t, c, y), ())
                    continue
                out_c, out_y = scope[0] and c != scope[0], scope[1] and y != scope[1]
                errors += bool(out_c) + bool(out_y)
                if not (out_c or out_y):
                    errors += rid in run_ids.get((t, c, y), ())
            if errors:
                out['refused_n'] += 1
                out['errors'] += errors
                out['refused'][p] = errors
                lines.append('%s: refused (%d %s)' % (p, errors, plural(errors, 'error', 'errors')))
                return
            out['accepted'] += 1
            n = len(pf.recs)
            out['records'] += n
            accepted.append((p, pf))
            for s, rid, _ in pf.recs:
                run_ids.setdefault(s, set()).add(rid)
            for s, k in pf.slices.items():
                if s not in run_slices:
                    h = live.get(s)
                    sup[s] = (h, self.slice_records(h, s)) if h else (None, 0)
                    run_slices[s] = 0
                    live[s] = run_id
                run_slices[s] += k
            lines.append('%s: valid, %d %s (CSV, UTF-8)' % (p, n, plural(n, 'record', 'records')))

        for p in sorted(paths, key=lambda x: x.encode()):
            read(p, True)
        again = True
        while again:
            again = False
            for d in deferred:
                if d['state'] == 'current' and not d['done'] and \
                        any(s in run_slices for s in d['pf'].slices):
                    d['done'] = again = True
                    self.ev['file put aside, then read after all'] += 1
                    read(d['path'], False)
        for d in deferred:
            if not d['done']:
                d['done'] = d['skipped'] = True
                out['files'] += 1
                out['skipped'] += 1
                if d['state'] == 'current':
                    lines.append('%s: skipped, already imported in import %d and still current '
                                 '(same SHA-256); nothing changes for it' % (d['path'], d['imp']))
                else:
                    lines.append('%s: skipped, imported in import %d (as %s) and replaced since by '
                                 'import %d (same SHA-256): a file sent again does not undo a later '
                                 'one; to make it current again, import it with --again'
                                 % (d['path'], d['imp'], d['as'], d['later']))
        # the shrink rule
        refused_slices = [s for s in run_slices if sup[s][0] and run_slices[s] * 2 < sup[s][1]]
        run_refused = bool(refused_slices) and not allow_shrink
        warned = [] if run_refused else [s for s in run_slices if sup[s][0] and run_slices[s] < sup[s][1]]
        rows = {}
        for s, n in run_slices.items():
            before = sup[s][1]
            if run_refused:
                rows[s] = [n, before, before, 'not imported']
            else:
                rows[s] = [n, before, n, 'replaced' if sup[s][0] else 'new']
        # never read: its slices are as they were (the current files' records
        # added up; a replaced file's slice only when no row has it yet)
        for state in ('current', 'replaced'):
            for d in deferred:
                if not d.get('skipped') or d['state'] != state:
                    continue
                for s, k in d['pf'].slices.items():
                    if s in run_slices or (state == 'replaced' and s in rows):
                        continue
                    h = self.live.get(s)
                    before = self.slice_records(h, s) if h else 0
                    r = rows.setdefault(s, [0, before, before, 'unchanged'])
                    r[0] += k
        res = {'lines': lines, 'rows': rows, 'run_refused': run_refused,
               'refused_slices': sorted(refused_slices) if run_refused else [],
               'warned': sorted(warned), 'out': out}
        keep = accepted and not run_refused
        res['import_id'] = run_id if keep else 0
        res['rc'] = 1 if out['refused_n'] or run_refused else 0
        ev = self.ev
        ev['import runs'] += 1
        ev['run refused as a whole (shrink)'] += run_refused
        ev['shrink accepted with --allow-shrink'] += bool(refused_slices) and allow_shrink
        ev['shrink warnings'] += len(warned)
        ev['files refused (validation)'] += sum(1 for p in out['refused'] if self.pool[os.path.basename(p)].bad)
        ev['runs with --county or --year'] += scope != (None, None)
        ev['files refused (identifiers repeated in the run)'] += \
            sum(1 for p in out['refused'] if not self.pool[os.path.basename(p)].bad)
        ev['runs with a refused file and an imported one'] += bool(out['refused_n'] and keep)
        ev['files skipped as imported already'] += sum(1 for d in deferred if d.get('skipped'))
        ev['files skipped as the same file in the run'] += sum(1 for l in lines if ', read once' in l)
        ev['slices replaced'] += sum(1 for s in run_slices if sup[s][0]) if keep else 0
        ev['runs with nothing imported'] += not keep
        if keep:
            im = {'id': run_id, 'reverted': False, 'redone': False, 'slices': {}}
            for s, n in run_slices.items():
                im['slices'][s] = [n, sup[s][0], sup[s][1] if sup[s][0] else None]
            self.imports.append(im)
            for p, pf in accepted:
                self.files.append({'file_id': len(self.files) + 1, 'import_id': run_id,
                                   'path': p, 'pf': pf})
            for s in run_slices:
                self.live[s] = run_id
        return res

    # ---------------------------------------------------------- revert
    def holders(self, s):
        return [im['id'] for im in self.imports if s in im['slices'] and not im['reverted']]

    def revert(self, i, redo):
        """Expected rc and stdout lines of `forumstat revert [--redo] I`."""
        if not self.db_exists:
            return {'rc': 3, 'lines': None}
        im = self.imp(i)
        if im is None or im['reverted'] != redo:
            self.ev['revert/redo refused (unknown, reverted already, not reverted)'] += 1
            return {'rc': 1, 'lines': []}
        order = sorted(im['slices'], key=lambda s: (s[2], s[1], s[0]))
        changed = {}
        for s in order:
            h = self.live.get(s, 0)
            changed[s] = h < i if redo else h == i
        if redo:
            im['reverted'], im['redone'] = False, True
            for s in order:
                if changed[s]:
                    self.live[s] = i
        else:
            im['reverted'] = True
            for s in order:
                if changed[s]:
                    hs = self.holders(s)
                    if hs:
                        self.live[s] = max(hs)
                    else:
                        del self.live[s]
        n, k = len(order), sum(changed.values())
        self.ev['redos' if redo else 'reverts'] += 1
        self.ev['slices a later import holds (not changed)'] += n - k
        if not redo:
            self.ev['slices emptied by a revert'] += sum(1 for s in order if changed[s] and s not in self.live)
        if redo:
            lines = ['revert: import %d redone: current again for %d of its %d %s' %
                     (i, k, n, plural(n, 'slice', 'slices'))]
        else:
            lines = ['revert: import %d reverted: %d of its %d %s changed' %
                     (i, k, n, plural(n, 'slice', 'slices'))]
        for s in order:
            h = self.live.get(s, 0)
            r = self.slice_records(h, s) if h else 0
            head = '  %s of %s for %d: ' % s
            if not changed[s]:
                lines.append(head + 'not changed: import %d, a later import, holds it (%d %s)' %
                             (h, r, plural(r, 'record', 'records')))
            elif h:
                lines.append(head + 'import %d current again (%d %s)' %
                             (h, r, plural(r, 'record', 'records')))
            else:
                earlier = [j for j in range(1, i) if s in self.imp(j)['slices']]
                if earlier:  # held before by imports reverted too
                    lines.append(head + 'no records now (import %d, which held it before, is '
                                 'reverted)' % max(earlier))
                else:
                    lines.append(head + 'no records now (no earlier import held it)')
        return {'rc': 0, 'lines': lines}

    # ---------------------------------------------------------- views
    def live_records(self):
        """{(table, county, year, id, import, file id, line)}"""
        out = set()
        for f in self.files:
            for s, rid, line in f['pf'].recs:
                if self.live.get(s) == f['import_id']:
                    out.add((s[0], s[1], s[2], rid, f['import_id'], f['file_id'], line))
        return out

    def history(self):
        if not self.imports:
            return None
        out = []
        for im in self.imports:
            h = 'import %d  %s' % (im['id'], TIME)
            if im['reverted']:
                h += '  REVERTED ' + TIME
            if im['redone']:
                h += '  REDONE ' + TIME
            out.append(h)
            for f in self.files:
                if f['import_id'] == im['id']:
                    pf = f['pf']
                    out.append('  file  %s  (csv UTF-8, %d records, %d bytes, sha256 %s)' %
                               (f['path'], len(pf.recs), len(pf.data), pf.sha))
            for s in sorted(im['slices'], key=lambda s: (s[2], s[1], s[0])):
                n, si, sr = im['slices'][s]
                line = '  %-12s %s %d: %6d records' % (s[0], s[1], s[2], n)
                if si:
                    line += ', superseded import %d (%d records)' % (si, sr)
                if self.live.get(s) != im['id']:
                    line += '  [not live]'
                out.append(line)
        nrec = sum(len(f['pf'].recs) for f in self.files)
        nrev = sum(im['reverted'] for im in self.imports)
        out.append('history: %d %s (%d reverted), %d %s, %d records in %s' %
                   (len(self.imports), plural(len(self.imports), 'import', 'imports'), nrev,
                    len(self.files), plural(len(self.files), 'file', 'files'), nrec, DB))
        return out


# ------------------------------------------------------------ the driver

class Mismatch(Exception):
    pass


def slice_key(s):
    """The slice table's order: year, county (the zone sorts them by code), table."""
    return (s[2], s[1], TABLES.index(s[0]))


def gen_step(rng, model, pool_names, hot):
    """One random operation: ('import', [names], allow_shrink, folder,
    (county, year)),
    ('revert', N) or ('redo', N)."""
    r = rng.random()
    n_imp = len(model.imports)
    if r < 0.62 or n_imp == 0:
        k = rng.choices([1, 2, 3, 4], [45, 30, 15, 10])[0]
        names = []
        for _ in range(k):
            if rng.random() < 0.85:
                t, c, y = rng.choice(hot)
                v = rng.choices(['v1', 'v2', 'mild', 'sm', 'h1', 'h2', 'bad', 'wbad', 'copy',
                                 'empty', 'stray', 'both', 'mix'],
                                [4, 4, 2, 2, 3, 3, 1, 1, 2, 1, 1, 1, 1])[0]
                if v == 'both':
                    names.append('%s-both-%s.csv' % (c, t))
                elif v == 'mix':
                    names.append('mix-%d-%s.csv' % (y, t))
                else:
                    names.append('%s-%d-%s-%s.csv' % (c, y, t, v))
            else:
                names.append(rng.choice(pool_names))
        if rng.random() < 0.08:
            names.append(rng.choice(names))  # the same file named twice
        folder = rng.random() < 0.1
        scope = (None, None)
        if rng.random() < 0.1:  # a clerk's --county / --year
            t, c, y = rng.choice(hot)
            scope = rng.choice([(c, y), (c, None), (None, y)])
        return ('import', names, rng.random() < 0.15, folder, scope)
    if r < 0.85:
        live_ids = [im['id'] for im in model.imports if not im['reverted']]
        if live_ids and rng.random() < 0.85:
            return ('revert', rng.choice(live_ids))
        return ('revert', rng.randint(1, n_imp + 1))
    rev = [im['id'] for im in model.imports if im['reverted']]
    if rev and rng.random() < 0.85:
        return ('redo', rng.choice(rev))
    return ('redo', rng.randint(1, n_imp + 1))


def fmt_step(op):
    if op[0] == 'import':
        return 'import%s%s%s%s %s' % (' --allow-shrink' if op[2] else '',
                                      ' --county %s' % op[4][0] if op[4][0] else '',
                                      ' --year %d' % op[4][1] if op[4][1] else '',
                                      ' (as a folder)' if op[3] else '', ' '.join(op[1]))
    return '%s %d' % op


class Runner:
    def __init__(self, forumstat, work, pool, verbose=False, report_every=0):
        self.fs, self.work, self.pool = forumstat, work, pool
        self.verbose, self.report_every = verbose, report_every
        self.pooldir = os.path.join(work, 'pool')
        os.makedirs(self.pooldir, exist_ok=True)
        for f in pool.values():
            with open(os.path.join(self.pooldir, f.name), 'wb') as h:
                h.write(f.data)
        self.reports = self.nseq = 0
        self.report_seqs = 1
        self.events = collections.Counter()
        # messages in English whatever the tester's locale (as tests/run)
        self.env = dict(os.environ, LANG='C.UTF-8')
        for v in ('LC_ALL', 'LC_MESSAGES', 'LANGUAGE'):
            self.env.pop(v, None)

    def run(self, args):
        p = subprocess.run([self.fs] + args, cwd=self.dir, capture_output=True, text=True,
                           env=self.env)
        return p.returncode, p.stdout, p.stderr

    def step(self, model, k, op):
        if op[0] == 'import':
            _, names, allow, folder, scope = op
            if folder:
                d = 'run%d' % k
                os.makedirs(os.path.join(self.dir, d))
                for nm in names:
                    shutil.copyfile(os.path.join(self.pooldir, nm), os.path.join(self.dir, d, nm))
                paths = sorted(set(os.path.join(d, nm) for nm in names))
                args = [d]
            else:
                paths = ['pool/' + nm for nm in names]
                args = paths
            want = model.run_import(paths, allow, scope)
            opts = ['--allow-shrink'] if allow else []
            opts += ['--county', scope[0]] if scope[0] else []
            opts += ['--year', str(scope[1])] if scope[1] else []
            rc, out, err = self.run(['import', '--db', DB] + opts + args)
            self.check_import(want, rc, out, err)
        else:
            redo = op[0] == 'redo'
            want = model.revert(op[1], redo)
            rc, out, err = self.run(['revert', '--db', DB] + (['--redo'] if redo else []) + [str(op[1])])
            expect(rc, want['rc'], 'exit code', out, err)
            if want['rc'] == 0:
                expect_lines(out.splitlines(), want['lines'], 'revert output')
            elif want['rc'] == 1:
                expect(out, '', 'revert stdout on refusal', out, err)
        self.check_state(model)
        if self.report_every and (k + 1) % self.report_every == 0:
            self.check_report(model)

    def check_import(self, want, rc, out, err):
        expect(rc, want['rc'], 'exit code', out, err)
        lines = out.splitlines()
        o = want['out']
        n = len(want['lines'])
        expect_lines(lines[:n], want['lines'], 'per-file lines', err)
        rest = lines[n:]
        rows = sorted(want['rows'].items(), key=lambda kv: slice_key(kv[0]))
        table = []
        if rows:
            table.append('county\tyear\ttable\trecords\tbefore\tafter\tchange')
            for s, (recs, before, after, change) in rows:
                table.append('%s\t%d\t%s\t%d\t%d\t%d\t%s' % (s[1], s[2], s[0], recs, before, after, change))
        expect_lines(rest[:len(table)], table, 'slice table', err)
        warnings = len(want['warned']) + len(o['no_records'])
        errors = o['errors'] + len(want['refused_slices'])
        parts = ['%d %s' % (o['files'], plural(o['files'], 'file', 'files'))]
        if not want['run_refused']:
            parts += ['%d imported' % o['accepted'], '%d refused' % o['refused_n']]
        parts += ['%d %s' % (o['records'], plural(o['records'], 'record', 'records')),
                  '%d %s' % (errors, plural(errors, 'error', 'errors')),
                  '%d %s' % (warnings, plural(warnings, 'warning', 'warnings'))]
        summary = 'import: '
        if want['run_refused']:
            summary += ('refused as a whole, nothing imported (a county, year and table would '
                        'keep fewer than half its records: see import.shrink_refused above): ')
        summary += ', '.join(parts)
        if o['skipped']:
            summary += ', %d skipped (read already)' % o['skipped']
        if want['import_id']:
            summary += ' (import %d into %s)' % (want['import_id'], DB)
        expect_lines(rest[len(table):], [summary], 'summary line', err)
        # stderr: one import.refused line per refused file, the shrink rules per slice
        errl = err.splitlines()
        got = sorted(l.split(': error')[0] for l in errl if '[import.refused]' in l)
        expect(got, sorted(o['refused']), 'files refused (stderr import.refused lines)', out, err)
        got = sorted(l for l in errl if '[import.shrink_refused]' in l)
        expect(len(got), len(want['refused_slices']), 'import.shrink_refused lines', out, err)
        for s in want['refused_slices']:
            if not any(' %s of %s ' % (s[0], s[1]) in l and ' for %d:' % s[2] in l for l in got):
                raise Mismatch('no import.shrink_refused line names %s of %s for %d\n%s' % (s + (err,)))
        got = [l for l in errl if '[import.shrink]' in l]
        expect(len(got), len(want['warned']), 'import.shrink warnings', out, err)
        got = sorted(l.split(':')[0] for l in errl if '[file.no_records]' in l)
        expect(got, sorted(o['no_records']), 'file.no_records warnings', out, err)
        other = [l for l in errl if ': warning [' in l and '[import.shrink]' not in l
                 and '[file.no_records]' not in l]
        expect(other, [], 'other warnings', out, err)

    def check_state(self, model):
        path = os.path.join(self.dir, DB)
        if not model.db_exists:
            expect(os.path.exists(path), False, 'warehouse exists')
            return
        con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
        try:
            got = set()
            for t in TABLES:
                for r in con.execute('SELECT county, year, %s, import_id, file_id, line FROM live_%s'
                                     % (ID_COL[t], t)):
                    got.add((t,) + tuple(r))
            want = model.live_records()
            if got != want:
                raise Mismatch('live records differ:\n  missing: %s\n  unexpected: %s' %
                               (sorted(want - got)[:8], sorted(got - want)[:8]))
            got = {(t, c, y): i for t, c, y, i in con.execute(
                'SELECT tbl, county, year, import_id FROM live_slices')}
            expect(got, model.live, 'live_slices')
            got = {(i, t, c, y): [n, si, sr] for i, t, c, y, n, si, sr in con.execute(
                'SELECT import_id, tbl, county, year, records, superseded_import, superseded_records'
                ' FROM import_slices')}
            want = {(im['id'],) + s: v for im in model.imports for s, v in im['slices'].items()}
            expect(got, want, 'import_slices')
            got = [tuple(r) for r in con.execute(
                'SELECT import_id, reverted_at IS NOT NULL, redone_at IS NOT NULL FROM imports'
                ' ORDER BY import_id')]
            expect(got, [(im['id'], int(im['reverted']), int(im['redone'])) for im in model.imports],
                   'imports')
            got = [tuple(r) for r in con.execute(
                'SELECT file_id, import_id, name, sha256, records FROM import_files ORDER BY file_id')]
            expect(got, [(f['file_id'], f['import_id'], f['path'], f['pf'].sha, len(f['pf'].recs))
                         for f in model.files], 'import_files')
        finally:
            con.close()
        rc, out, err = self.run(['history', '--db', DB])
        expect(rc, 0, 'history exit code', out, err)
        want = model.history()
        if want is None:
            want = ['no imports yet',
                    'history: no imports yet in %s (forumstat import --db %s FILE|DIR... adds some)'
                    % (DB, DB)]
        expect_lines(out.splitlines(), want, 'history')

    def check_report(self, model):
        """forumstat report's metrics of a year against the live records:
        per county, the records of each table (incidents: the offences)."""
        self.reports += 1
        y = YEARS[self.reports % 2]
        live = model.live_records()
        rc, out, err = self.run(['report', '--db', DB, '--year', str(y), '--out', 'rep', '-q'])
        if not any(r[2] == y for r in live):
            expect(rc, 1, 'report exit code without records', out, err)
            return
        expect(rc, 0, 'report exit code', out, err)
        metrics = {}
        with open(os.path.join(self.dir, 'rep', 'metrics-%d.csv' % y), encoding='utf-8-sig') as h:
            for r in csv.DictReader(h):
                metrics[(r['scope'], r['metric'])] = r['value']
        shutil.rmtree(os.path.join(self.dir, 'rep'))
        for c in COUNTIES:
            offenses = 0
            n = {t: 0 for t in TABLES}
            for t, cc, yy, rid, i, fid, line in live:
                if cc == c and yy == y:
                    n[t] += 1
                    if t == 'incidents':
                        f = model.files[fid - 1]['pf']
                        offenses += f.markers[((t, c, y), rid)]
            want = str(offenses) if n['incidents'] else ''
            expect(metrics.get((c, 'offenses'), '?'), want, 'report: offenses of %s in %d' % (c, y))
            want = str(n['disputes']) if n['disputes'] else ''
            expect(metrics.get((c, 'disputes'), '?'), want, 'report: disputes of %s in %d' % (c, y))


def expect(got, want, what, out='', err=''):
    if got != want:
        raise Mismatch('%s: expected %r, got %r\n--- stdout\n%s--- stderr\n%s' %
                       (what, want, got, out, err))


def expect_lines(got, want, what, err=''):
    if got != want:
        import difflib
        d = '\n'.join(difflib.unified_diff(want, got, 'model', 'forumstat', lineterm=''))
        raise Mismatch('%s differ:\n%s\n--- stderr\n%s' % (what, d, err))


def run_seed(runner, seed, steps, verbose):
    """Run one sequence; None when model and forumstat agree, else the
    report of the first difference."""
    rng = random.Random(seed)
    runner.nseq += 1
    model = Model(runner.pool, runner.events)
    slices = [(t, c, y) for t in TABLES for c in COUNTIES for y in YEARS]
    hot = rng.sample(slices, rng.randint(2, 5))
    names = sorted(runner.pool)
    runner.dir = os.path.join(runner.work, 'seed%d' % seed)
    shutil.rmtree(runner.dir, ignore_errors=True)
    os.makedirs(runner.dir)
    os.symlink(runner.pooldir, os.path.join(runner.dir, 'pool'))
    ops = []
    for k in range(steps):
        op = gen_step(rng, model, names, hot)
        ops.append(op)
        if verbose:
            print('# step %d: %s' % (k + 1, fmt_step(op)), flush=True)
        try:
            runner.step(model, k, op)
            if k == steps - 1 and runner.report_seqs and runner.nseq % runner.report_seqs == 0:
                runner.check_report(model)
        except Mismatch as e:
            seq = '\n'.join('  %2d. %s' % (j + 1, fmt_step(o)) for j, o in enumerate(ops))
            return ('seed %d, step %d (%s): %s\nthe sequence:\n%s\nreplay: SEED=%d STEPS=%d %s'
                    % (seed, k + 1, fmt_step(op), e, seq, seed, k + 1, 'tests/e2e/t33-model.sh'))
    shutil.rmtree(runner.dir, ignore_errors=True)
    return None


def parse_seeds(s):
    out = []
    for part in s.split(','):
        if '-' in part:
            a, b = part.split('-')
            out += range(int(a), int(b) + 1)
        elif part:
            out.append(int(part))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--forumstat', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--seeds', default='1,2,3')
    ap.add_argument('--steps', type=int, default=40)
    ap.add_argument('--report-every', type=int, default=0,
                    help='also compare report metrics every N steps (0: never)')
    ap.add_argument('--report-seqs', type=int, default=1,
                    help='compare report metrics at the end of every N-th sequence (0: never)')
    a = ap.parse_args()
    seeds, steps, verbose = parse_seeds(a.seeds), a.steps, False
    if os.environ.get('SEED'):
        seeds, verbose = [int(os.environ['SEED'])], True
        steps = int(os.environ.get('STEPS', steps))
    runner = Runner(os.path.abspath(a.forumstat), a.work, make_pool(), verbose, a.report_every)
    runner.report_seqs = a.report_seqs
    n = total = 0
    bad = 0
    for seed in seeds:
        n += 1
        problem = run_seed(runner, seed, steps, verbose)
        if problem:
            bad += 1
            print('not ok %d - seed %d: model and forumstat disagree' % (n, seed))
            for line in problem.splitlines():
                print('# ' + line)
        else:
            total += steps
            print('ok %d - seed %d: %d steps, model and forumstat agree' % (n, seed, steps), flush=True)
    print('# %d sequences, %d passed (%d steps), %d failed; %d reports compared' %
          (n, n - bad, total, bad, runner.reports))
    print('# exercised: ' + ', '.join('%s %d' % kv for kv in sorted(runner.events.items())))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
