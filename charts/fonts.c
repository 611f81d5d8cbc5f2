/*
 * fonts.c — the font set every chart draws with: a private fontconfig
 * configuration holding only the Noto Sans CJK files, a pangocairo font
 * map bound to it, and pango contexts with fixed options so the output is
 * byte-identical whatever the user's fontconfig says.
 *
 * The system configuration is asked only where the family's files are; the
 * files are then added to a fresh FcConfig, read from fontconfig's cache of
 * their folder when it is valid (from_caches), else scanned
 * (FcConfigAppFontAddFile), and the configuration attached with
 * pango_fc_font_map_set_config.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include "chart_impl.h"

#define DEFAULT_FAMILY "Noto Sans CJK SC"

/* The family name the subsets are known by in the private configuration
 * (a scan rule renames them), put before the full family. */
#define SUBSET_FAMILY "forumstat subset"

/* Code points the family must cover: 县 (county) and 市 (city). */
static const FcChar32 must_cover[] = {0x53BF, 0x5E02};

/* path as XML character data (&, <, >, " and ' escaped): malloc'ed. */
static char *xml_text(const char *path)
{
    char *out = malloc(strlen(path) * 6 + 1), *o = out;
    if (!out) return NULL;
    for (const char *c = path; *c; c++) {
        const char *e = *c == '&'    ? "&amp;"
                        : *c == '<'  ? "&lt;"
                        : *c == '>'  ? "&gt;"
                        : *c == '"'  ? "&quot;"
                        : *c == '\'' ? "&apos;"
                                     : NULL;
        if (e)
            o = stpcpy(o, e);
        else
            *o++ = *c;
    }
    *o = '\0';
    return out;
}

/* Append to x "<TAG>path</TAG>" with path as XML text; false when
 * memory ran out. */
static bool put_element(FILE *x, const char *tag, const FcChar8 *path)
{
    char *t = xml_text((const char *)path);
    bool ok = t && fprintf(x, "<%s>%s</%s>", tag, t, tag) > 0;
    free(t);
    return ok;
}

/* Load the XML written by `write` into c; false when that failed. */
static bool load_xml(FcConfig *c, bool (*write)(FILE *, void *), void *arg)
{
    char *xml = NULL;
    size_t len = 0;
    FILE *x = open_memstream(&xml, &len);
    bool ok = x && fputs("<fontconfig>", x) >= 0 && write(x, arg) && fputs("</fontconfig>", x) >= 0;
    if (x && fclose(x) != 0) ok = false;
    ok = ok && FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)xml, FcFalse);
    free(xml);
    return ok;
}

static bool write_cachedirs(FILE *x, void *sys)
{
    FcStrList *l = FcConfigGetCacheDirs(sys);
    bool ok = l != NULL;
    const FcChar8 *d;
    while (ok && (d = FcStrListNext(l))) ok = put_element(x, "cachedir", d);
    if (l) FcStrListDone(l);
    return ok;
}

/* Is a path usable as a <glob> naming itself alone (fontconfig's globs
 * know * and ?)? */
static bool globs_as_itself(const FcChar8 *path) { return !strpbrk((const char *)path, "*?"); }

static bool write_rejects(FILE *x, void *others)
{
    FcStrList *l = FcStrListCreate(others);
    bool ok = l != NULL;
    const FcChar8 *f;
    if (ok) ok = fputs("<selectfont><rejectfont>", x) >= 0;
    while (ok && (f = FcStrListNext(l))) ok = globs_as_itself(f) && put_element(x, "glob", f);
    if (ok) ok = fputs("</rejectfont></selectfont>", x) >= 0;
    if (l) FcStrListDone(l);
    return ok;
}

/* The scan rule giving the subset file `path` the family SUBSET_FAMILY. */
static bool write_rename(FILE *x, void *path)
{
    return fputs("<match target=\"scan\"><test name=\"file\">", x) >= 0 &&
           put_element(x, "string", path) &&
           fputs("</test><edit name=\"family\" mode=\"assign_replace\"><string>" SUBSET_FAMILY
                 "</string></edit></match>",
                 x) >= 0;
}

/* A new configuration holding the faces of `files` (paths the system
 * configuration sys lists), read from the system's font caches: adding a
 * folder (FcConfigAppFontAddDir) reads its cache, where adding a file
 * scans it again (FreeType over every face of the Noto Sans CJK
 * collections, about 18 ms: the longest step of a report's start).  The
 * new configuration reads sys's cache folders, and a <selectfont> rule
 * keeps the folders' other fonts out.  NULL when that cannot be done
 * exactly (a folder without a valid cache, a path no glob names, other
 * fonts than the files' got in, memory): the caller scans the files, as
 * before.  The faces are the patterns a scan gives (a cache is
 * fontconfig's own scan; a system rule editing scanned patterns would be
 * the difference, Debian has none), so the charts are byte for byte the
 * same (t40 compares the two ways). */
static FcConfig *from_caches(FcConfig *sys, FcStrSet *files)
{
    FcConfig *c = FcConfigCreate();
    FcStrSet *dirs = FcStrSetCreate(), *others = FcStrSetCreate(), *seen = FcStrSetCreate();
    FcStrList *fl = FcStrListCreate(files), *dl = NULL;
    bool ok = c && dirs && others && seen && fl && load_xml(c, write_cachedirs, sys);
    const FcChar8 *s;
    while (ok && (s = FcStrListNext(fl))) {
        FcChar8 *dir = FcStrDirname(s);
        ok = dir && FcStrSetAdd(dirs, dir);
        FcStrFree(dir);
    }
    /* each folder's cache, valid (FcDirCacheLoad does not scan): the
     * other fonts it lists are rejected */
    ok = ok && (dl = FcStrListCreate(dirs)) != NULL;
    while (ok && (s = FcStrListNext(dl))) {
        FcCache *cache = FcDirCacheLoad(s, c, NULL);
        FcFontSet *set = cache ? FcCacheCopySet(cache) : NULL;
        ok = set != NULL;
        for (int i = 0; ok && i < set->nfont; i++) {
            FcChar8 *file = NULL;
            ok = FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
                 (FcStrSetMember(files, file) || FcStrSetMember(others, file) ||
                  FcStrSetAdd(others, file));
        }
        if (set) FcFontSetDestroy(set);
        if (cache) FcDirCacheUnload(cache);
    }
    ok = ok && load_xml(c, write_rejects, others);
    if (ok) FcStrListFirst(dl);
    while (ok && (s = FcStrListNext(dl))) ok = FcConfigAppFontAddDir(c, s);
    /* exactly the files' faces, each file there */
    FcFontSet *set = ok ? FcConfigGetFonts(c, FcSetApplication) : NULL;
    ok = ok && set && set->nfont > 0;
    for (int i = 0; ok && i < set->nfont; i++) {
        FcChar8 *file = NULL;
        ok = FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
             FcStrSetMember(files, file) && (FcStrSetMember(seen, file) || FcStrSetAdd(seen, file));
    }
    if (ok) FcStrListFirst(fl);
    while (ok && (s = FcStrListNext(fl))) ok = FcStrSetMember(seen, s);
    if (dl) FcStrListDone(dl);
    if (fl) FcStrListDone(fl);
    if (seen) FcStrSetDestroy(seen);
    if (others) FcStrSetDestroy(others);
    if (dirs) FcStrSetDestroy(dirs);
    if (!ok && c) {
        FcConfigDestroy(c);
        c = NULL;
    }
    return c;
}

/* The regular and bold files of `family` known to the system
 * configuration (all its files if neither weight is found) into *cfg:
 * from the system's caches when they hold them (*cfg is then replaced by
 * a configuration made for that), else scanned into *cfg. */
static bool add_system_files(FcConfig **cfg, const char *family)
{
    FcConfig *sys = FcInitLoadConfigAndFonts();
    if (!sys) return false;
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_WEIGHT, (char *)NULL);
    FcFontSet *set = NULL;
    FcStrSet *files = FcStrSetCreate();
    int nfiles = 0;
    if (files && pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
        set = FcFontList(sys, pat, os);
    for (int pass = 0; set && pass < 2 && nfiles == 0; pass++) {
        for (int i = 0; i < set->nfont; i++) {
            FcChar8 *file = NULL;
            int weight = 0;
            if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
            FcPatternGetInteger(set->fonts[i], FC_WEIGHT, 0, &weight);
            if (pass == 0 && weight != FC_WEIGHT_REGULAR && weight != FC_WEIGHT_BOLD) continue;
            /* the same .ttc appears once per face: each file once */
            if (!FcStrSetMember(files, file) && FcStrSetAdd(files, file)) nfiles++;
        }
    }
    bool added = false;
    FcConfig *cached = nfiles ? from_caches(sys, files) : NULL;
    if (cached) {
        FcConfigDestroy(*cfg);
        *cfg = cached;
        added = true;
    } else if (files) {
        FcStrList *l = FcStrListCreate(files);
        const FcChar8 *file;
        while (l && (file = FcStrListNext(l)))
            if (FcConfigAppFontAddFile(*cfg, file)) added = true;
        if (l) FcStrListDone(l);
    }
    if (files) FcStrSetDestroy(files);
    if (set) FcFontSetDestroy(set);
    if (os) FcObjectSetDestroy(os);
    if (pat) FcPatternDestroy(pat);
    FcConfigDestroy(sys);
    return added;
}

/* Does cfg hold a face of `family` covering must_cover? */
static bool family_covers_chinese(FcConfig *cfg, const char *family)
{
    bool ok = false;
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, (char *)NULL);
    FcFontSet *set = NULL;
    if (pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
        set = FcFontList(cfg, pat, os);
    for (int i = 0; set && i < set->nfont && !ok; i++) {
        FcCharSet *cs = NULL;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch) continue;
        ok = true;
        for (size_t k = 0; k < sizeof must_cover / sizeof must_cover[0]; k++)
            ok = ok && FcCharSetHasChar(cs, must_cover[k]);
    }
    if (set) FcFontSetDestroy(set);
    if (os) FcObjectSetDestroy(os);
    if (pat) FcPatternDestroy(pat);
    return ok;
}

/* Collect the distinct weights and the fontversion of the faces of
 * `family` in cfg: weights[i] has version versions[i]; returns how many
 * (at most max), or -1 when two faces of one weight differ in version. */
static int family_weights(FcConfig *cfg, const char *family, int *weights, int *versions, int max)
{
    int n = 0;
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_WEIGHT, FC_FONTVERSION, (char *)NULL);
    FcFontSet *set = NULL;
    if (pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
        set = FcFontList(cfg, pat, os);
    for (int i = 0; set && i < set->nfont && n >= 0; i++) {
        int w = 0, v = 0, k = 0;
        if (FcPatternGetInteger(set->fonts[i], FC_WEIGHT, 0, &w) != FcResultMatch) continue;
        FcPatternGetInteger(set->fonts[i], FC_FONTVERSION, 0, &v);
        while (k < n && weights[k] != w) k++;
        if (k < n && versions[k] != v) {
            n = -1;
        } else if (k == n && n < max) {
            weights[n] = w;
            versions[n] = v;
            n++;
        }
    }
    if (set) FcFontSetDestroy(set);
    if (os) FcObjectSetDestroy(os);
    if (pat) FcPatternDestroy(pat);
    return n;
}

/* Which of weights/versions the font file `path` is: one face of
 * `family` of that weight and version.  Its index, or -1. */
static int subset_slot(const char *path, const char *family, const int *weights,
                       const int *versions, int n)
{
    int count = 0, w = -1, v = -1;
    FcPattern *p = FcFreeTypeQuery((const FcChar8 *)path, 0, NULL, &count);
    if (!p) return -1;
    bool named = false;
    FcChar8 *name = NULL;
    for (int i = 0; !named && FcPatternGetString(p, FC_FAMILY, i, &name) == FcResultMatch; i++)
        named = FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0;
    bool ok = named && count == 1 && FcPatternGetInteger(p, FC_WEIGHT, 0, &w) == FcResultMatch &&
              FcPatternGetInteger(p, FC_FONTVERSION, 0, &v) == FcResultMatch;
    FcPatternDestroy(p);
    for (int k = 0; ok && k < n; k++)
        if (weights[k] == w) return versions[k] == v ? k : -1;
    return -1;
}

/* Add the subsets (fsc_fonts_options.subsets) to cfg under SUBSET_FAMILY:
 * all of them, one per weight `family` has here, or none.  FSC_OK when
 * added; FSC_ERR_FONT when they do not fit (none added: the caller goes on
 * without them); FSC_ERR_NOMEM.  A subset that fits and still cannot be
 * added is a failure, never a silent fallback: the PDFs would differ. */
static fsc_status add_subsets(FcConfig *cfg, const char *family, const char *const *paths, size_t n)
{
    int weights[8], versions[8], seen[8] = {0};
    int nw = family_weights(cfg, family, weights, versions, 8);
    if (nw <= 0 || n != (size_t)nw) return FSC_ERR_FONT;
    for (size_t i = 0; i < n; i++) {
        int k = paths[i] ? subset_slot(paths[i], family, weights, versions, nw) : -1;
        if (k < 0 || seen[k]++) return FSC_ERR_FONT; /* no fit, or two of one weight */
    }
    /* A scan rule per file renames its family as FcConfigAppFontAddFile
     * reads it (fontconfig's own way to edit what a font says of itself).
     * Both fail only when memory runs out: the file was just read. */
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        ok = load_xml(cfg, write_rename, (void *)paths[i]) &&
             FcConfigAppFontAddFile(cfg, (const FcChar8 *)paths[i]);
    return ok ? FSC_OK : FSC_ERR_NOMEM;
}

PangoContext *fsc_fonts_context(fsc_fonts *f, const char *lang)
{
    PangoContext *pc = pango_font_map_create_context(f->map);
    if (!pc) return NULL;
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_subpixel_order(fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 96.0);
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_context_set_language(pc, pango_language_from_string(lang ? lang : "zh-cn"));
    return pc;
}

/* Does pango, through the new map, really pick a font covering Chinese? */
static bool map_resolves(fsc_fonts *f)
{
    PangoContext *pc = fsc_fonts_context(f, NULL);
    if (!pc) return false;
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, f->family);
    pango_font_description_set_absolute_size(fd, 12 * PANGO_SCALE);
    PangoFont *font = pango_font_map_load_font(f->map, pc, fd);
    bool ok = font != NULL;
    for (size_t k = 0; ok && k < sizeof must_cover / sizeof must_cover[0]; k++)
        ok = pango_font_has_char(font, (gunichar)must_cover[k]);
    if (font) g_object_unref(font);
    pango_font_description_free(fd);
    g_object_unref(pc);
    return ok;
}

/* fsc_fonts_open's way out before the map holds cfg: free both (either
 * may be NULL), return st. */
static fsc_status open_failed(fsc_fonts *f, FcConfig *cfg, fsc_status st)
{
    if (cfg) FcConfigDestroy(cfg);
    if (f) free(f->family);
    free(f);
    return st;
}

fsc_status fsc_fonts_open(fsc_fonts **out, const fsc_fonts_options *opt)
{
    if (!out) return FSC_ERR_ARG;
    *out = NULL;
    const char *family = opt && opt->family ? opt->family : DEFAULT_FAMILY;
    if (opt && opt->nfiles > 0 && !opt->files) return FSC_ERR_ARG;

    fsc_fonts *f = calloc(1, sizeof *f);
    FcConfig *cfg = FcConfigCreate();
    if (!f || !cfg || !(f->family = strdup(family))) return open_failed(f, cfg, FSC_ERR_NOMEM);

    bool added = false;
    if (opt && opt->files) {
        added = opt->nfiles > 0;
        for (size_t i = 0; i < opt->nfiles && added; i++)
            added = opt->files[i] && FcConfigAppFontAddFile(cfg, (const FcChar8 *)opt->files[i]);
    } else {
        added = add_system_files(&cfg, family);
    }
    if (!added || !family_covers_chinese(cfg, family)) return open_failed(f, cfg, FSC_ERR_FONT);
    /* With the subsets, texts ask for "subset,family": pango takes each
     * character from the first font of the list holding it. */
    fsc_status st = opt && opt->nsubsets > 0 && opt->subsets
                        ? add_subsets(cfg, family, opt->subsets, opt->nsubsets)
                        : FSC_ERR_FONT;
    char *list = NULL;
    if (st == FSC_OK) {
        size_t size = strlen(family) + sizeof SUBSET_FAMILY + 1;
        if ((list = malloc(size)) != NULL) snprintf(list, size, "%s,%s", SUBSET_FAMILY, family);
    }
    if (st == FSC_ERR_NOMEM || (st == FSC_OK && !list)) return open_failed(f, cfg, FSC_ERR_NOMEM);
    if (list) {
        free(f->family);
        f->family = list;
        f->subsets = true;
    }

    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!f->map || !PANGO_IS_FC_FONT_MAP(f->map)) {
        if (f->map) g_object_unref(f->map);
        return open_failed(f, cfg, FSC_ERR_FONT);
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
    f->cfg = cfg; /* our reference, for fsc_fonts_clone and fsc_fonts_trim */

    if (!map_resolves(f)) {
        fsc_fonts_close(f);
        return FSC_ERR_FONT;
    }
    *out = f;
    return FSC_OK;
}

/* Closing a map safely.  For each new pattern pango 1.50.12 starts two
 * threads (FcFontSetMatch, FcFontSetSort), each holding a reference to
 * the map until its very last step, and that step looks the pattern up,
 * unlocked, in a table pango_fc_font_map_shutdown frees: a map shut down
 * while one of them runs can crash (seen once under allocation failures,
 * a report stopping right after its fonts opened: SIGFPE in a GHashTable
 * lookup on a pango thread).  So the map is shut down only once ours is
 * its only reference: a toggle reference reports when the others are
 * gone. */
typedef struct sole_watch {
    GMutex m;
    GCond c;
    bool sole;
} sole_watch;

static void on_toggle(gpointer data, GObject *object, gboolean is_last_ref)
{
    (void)object;
    sole_watch *w = data;
    g_mutex_lock(&w->m);
    w->sole = is_last_ref;
    g_cond_signal(&w->c);
    g_mutex_unlock(&w->m);
}

/* Wait (at most 2 s) until the toggle reference watched by w is the map's
 * only one. */
static bool wait_sole(sole_watch *w)
{
    gint64 end = g_get_monotonic_time() + 2 * G_TIME_SPAN_SECOND;
    g_mutex_lock(&w->m);
    while (!w->sole && g_cond_wait_until(&w->c, &w->m, end)) {
    }
    bool sole = w->sole;
    g_mutex_unlock(&w->m);
    return sole;
}

void fsc_fonts_close(fsc_fonts *f)
{
    if (!f) return;
    if (f->map) {
        GObject *map = G_OBJECT(f->map);
        sole_watch *w = g_new0(sole_watch, 1);
        g_mutex_init(&w->m);
        g_cond_init(&w->c);
        g_object_add_toggle_ref(map, on_toggle, w);
        g_object_unref(map); /* ours: the toggle one and pango's threads' remain */
        if (wait_sole(w)) {
            /* Nobody else holds it, and nothing starts new work on a map
             * only we know: shut down, then finalised here, with its
             * cairo font faces, before we return (so FcFini() after us is
             * safe and leak checkers stay quiet).  pango 1.50.12 keeps its
             * FcConfig reference when the map is finalised (later versions
             * release it): setting NULL releases it on every version. */
            pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(map));
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), NULL);
            g_object_remove_toggle_ref(map, on_toggle, w);
            g_mutex_clear(&w->m);
            g_cond_clear(&w->c);
            g_free(w);
        } else {
            /* Still held after 2 s (a context the caller kept): the map
             * goes with its last holder; w stays, its callback may still
             * come. */
            g_object_remove_toggle_ref(map, on_toggle, w);
        }
        if (f->cfg) FcConfigDestroy(f->cfg); /* our reference (a clone's too) */
    }
    free(f->family);
    free(f);
}

fsc_status fsc_fonts_clone(const fsc_fonts *f, fsc_fonts **out)
{
    if (!out) return FSC_ERR_ARG;
    *out = NULL;
    if (!f || !f->cfg) return FSC_ERR_ARG;
    fsc_fonts *c = calloc(1, sizeof *c);
    if (!c || !(c->family = strdup(f->family))) {
        free(c);
        return FSC_ERR_NOMEM;
    }
    c->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!c->map || !PANGO_IS_FC_FONT_MAP(c->map)) {
        if (c->map) g_object_unref(c->map);
        free(c->family);
        free(c);
        return FSC_ERR_FONT;
    }
    /* fontconfig is thread-safe for lookups in a configuration nobody
     * changes any more (pango's own fontconfig thread relies on it) */
    c->cfg = FcConfigReference(f->cfg);
    c->subsets = f->subsets;
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(c->map), c->cfg);
    *out = c;
    return FSC_OK;
}

bool fsc_fonts_has_subsets(const fsc_fonts *f) { return f && f->subsets; }

/* Is `path` one of the font files of cfg's application fonts? */
static bool is_font_file(FcConfig *cfg, const char *path)
{
    FcFontSet *set = FcConfigGetFonts(cfg, FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *file = NULL;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
            strcmp((const char *)file, path) == 0)
            return true;
    }
    return false;
}

void fsc_fonts_trim(const fsc_fonts *f)
{
    if (!f || !f->cfg) return;
    FILE *maps = fopen("/proc/self/maps", "re");
    if (!maps) return;
    char line[4200];
    while (fgets(line, sizeof line, maps)) {
        unsigned long lo, hi;
        char perms[8];
        int at = 0;
        /* "lo-hi perms offset dev inode   path" */
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms, &at) != 3 || !at) continue;
        char *path = line + at;
        path[strcspn(path, "\n")] = '\0';
        if (path[0] != '/' || strcmp(perms, "r--p") != 0 || !is_font_file(f->cfg, path)) continue;
        /* MADV_DONTNEED drops this process's view of the pages (they are
         * read again from the page cache on use).  MADV_PAGEOUT would be
         * safer should another thread unmap a font and reuse its addresses
         * between reading this line and here (DONTNEED zeroes an anonymous
         * mapping), but it leaves pages alone that another process maps
         * too, as every report running at the same time does: measured, it
         * gave nothing back then.  No path unmaps a font while the report
         * trims (cairo keeps its faces; the chart step's second worker's
         * font map is closed after the step has joined it, failed or
         * not), so DONTNEED it is. */
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
    }
    fclose(maps);
}
