/*
 * fontsubset.c — a build tool: writes a smaller copy of one face of the
 * charts' CJK family (Noto Sans CJK SC, regular or bold) holding the
 * characters a forum's charts and briefing nearly always need: every
 * character of GB 2312 (its 6 763 hanzi, punctuation, Latin, Greek,
 * Cyrillic, kana), Latin-1, the general punctuation, arrows, mathematical
 * and box-drawing blocks up to U+33FF, and the full-width and CJK
 * compatibility forms.
 *
 * Why: cairo copies a font's whole CFF table into memory for every PDF it
 * writes, twice per face (once to learn whether it is a CID font, once to
 * subset it).  Noto Sans CJK's CFF table is 16 MB of 65 535 glyphs; a
 * report writes 18 PDFs.  The copy here is 4 MB of about 20 000 glyphs, so
 * a report takes a third less time and 30 MB less memory, and its PDFs
 * are smaller.  fonts.c puts it before the full face of the same
 * version; any character it lacks is drawn from the full face, so what is
 * drawn does not change (the PNGs are byte-identical either way).
 *
 * The glyphs, their outlines, hinting, metrics and every layout feature
 * are kept as they are (HarfBuzz's subsetter; the glyph numbers change).
 * The output is written to OUT.tmp, then renamed: it is complete or
 * absent.
 *
 * Usage: fontsubset FAMILY regular|bold OUT
 * Exit: 0 written; 1 the family has no such face here (fonts-noto-cjk is
 * not installed); 2 wrong usage; 3 the subset or the file failed.
 */
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>

/* Unicode ranges kept besides GB 2312 (inclusive). */
static const hb_codepoint_t ranges[][2] = {
    {0x0020, 0x007E}, /* ASCII                                             */
    {0x00A0, 0x33FF}, /* Latin-1 .. CJK compatibility (kana, CJK symbols)  */
    {0xFE30, 0xFE4F}, /* CJK compatibility forms                           */
    {0xFF00, 0xFFEF}, /* half-width and full-width forms                   */
};

/* Add every character of GB 2312 (EUC-CN rows 0xA1..0xF7, columns
 * 0xA1..0xFE) to `set`, through glibc's iconv. */
static bool add_gb2312(hb_set_t *set)
{
    iconv_t cd = iconv_open("UTF-32LE", "GB2312");
    if (cd == (iconv_t)-1) return false;
    for (unsigned row = 0xA1; row <= 0xF7; row++) {
        for (unsigned col = 0xA1; col <= 0xFE; col++) {
            char in[2] = {(char)row, (char)col};
            unsigned char out[4];
            char *ip = in, *op = (char *)out;
            size_t il = sizeof in, ol = sizeof out;
            iconv(cd, NULL, NULL, NULL, NULL);
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 0) continue; /* unassigned */
            hb_set_add(set, (hb_codepoint_t)out[0] | (hb_codepoint_t)out[1] << 8 |
                                (hb_codepoint_t)out[2] << 16 | (hb_codepoint_t)out[3] << 24);
        }
    }
    iconv_close(cd);
    return true;
}

/* The file and face index of `family` at `weight` in the system
 * configuration: a malloc'ed path in *file, or false. */
static bool find_face(const char *family, int weight, char **file, int *index)
{
    *file = NULL;
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, (char *)NULL);
    FcFontSet *set = NULL;
    if (cfg && pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
        set = FcFontList(cfg, pat, os);
    for (int i = 0; set && i < set->nfont && !*file; i++) {
        FcChar8 *f = NULL;
        int w = 0, idx = 0;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &f) != FcResultMatch ||
            FcPatternGetInteger(set->fonts[i], FC_WEIGHT, 0, &w) != FcResultMatch || w != weight)
            continue;
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &idx);
        *file = strdup((const char *)f);
        *index = idx;
    }
    if (set) FcFontSetDestroy(set);
    if (os) FcObjectSetDestroy(os);
    if (pat) FcPatternDestroy(pat);
    if (cfg) FcConfigDestroy(cfg);
    return *file != NULL;
}

/* Write `blob` to path.tmp, then rename it to path. */
static bool write_atomically(const char *path, hb_blob_t *blob)
{
    unsigned int len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    size_t n = strlen(path) + 5;
    char *tmp = malloc(n);
    if (!tmp) return false;
    snprintf(tmp, n, "%s.tmp", path);
    FILE *out = fopen(tmp, "wb");
    bool ok = out && fwrite(data, 1, len, out) == len;
    if (out && fclose(out) != 0) ok = false;
    if (ok && rename(tmp, path) != 0) ok = false;
    if (!ok) {
        fprintf(stderr, "fontsubset: %s: %s\n", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[2], "regular") != 0 && strcmp(argv[2], "bold") != 0)) {
        fprintf(stderr, "usage: fontsubset FAMILY regular|bold OUT\n");
        return 2;
    }
    const char *family = argv[1], *out = argv[3];
    int weight = strcmp(argv[2], "bold") == 0 ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    char *file = NULL;
    int index = 0;
    if (!find_face(family, weight, &file, &index)) {
        fprintf(stderr, "fontsubset: no %s face of \"%s\" here (install fonts-noto-cjk)\n", argv[2],
                family);
        return 1;
    }

    int rc = 3;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
    hb_face_t *face = blob ? hb_face_create(blob, (unsigned int)index) : NULL;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_face_t *sub = NULL;
    if (face && in) {
        hb_set_t *u = hb_subset_input_unicode_set(in);
        for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
            hb_set_add_range(u, ranges[i][0], ranges[i][1]);
        /* every layout feature (pango may ask for any), all name records */
        static const hb_subset_sets_t keep_all[] = {
            HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID};
        for (size_t i = 0; i < sizeof keep_all / sizeof keep_all[0]; i++) {
            hb_set_t *set = hb_subset_input_set(in, keep_all[i]);
            hb_set_clear(set);
            hb_set_invert(set); /* the empty set inverted: everything */
        }
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
        if (add_gb2312(u))
            sub = hb_subset_or_fail(face, in);
        else
            fprintf(stderr, "fontsubset: glibc's iconv has no GB2312\n");
    }
    if (sub) {
        hb_blob_t *res = hb_face_reference_blob(sub);
        if (hb_blob_get_length(res) > 0 && write_atomically(out, res)) rc = 0;
        hb_blob_destroy(res);
    } else {
        fprintf(stderr, "fontsubset: cannot subset %s (face %d)\n", file, index);
    }
    hb_face_destroy(sub);
    hb_subset_input_destroy(in);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    free(file);
    return rc;
}
