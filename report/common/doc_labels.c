/*
 * doc_labels.c — the one label table of the forum's documents
 * (doc_labels.h) as an array, and its lookup.
 */
#include "doc_labels.h"

static const struct {
    const char *en, *zh;
} labels[FS_L_COUNT] = {
#define FS_DOC_LABEL_TEXT(id, en, zh) [FS_L_##id] = {en, zh},
    FS_DOC_LABELS(FS_DOC_LABEL_TEXT)
#undef FS_DOC_LABEL_TEXT
};

const char *fs_doc_label_text(fs_lang lang, fs_doc_label id)
{
    if ((int)id < 0 || id >= FS_L_COUNT)
        return "";
    return lang == FS_LANG_ZH ? labels[id].zh : labels[id].en;
}
