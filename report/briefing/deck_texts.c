/*
 * deck_texts.c — the charts' file names and titles, and the colour of a
 * county.  The texts themselves are in the documents' one label table,
 * doc_labels.h, shared with the workbook.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

const char *const fs_rc_names[FS_RC_COUNT] = {
    "01-offences",   "02-cross-regional", "03a-disputes",          "03b-disputes-share",
    "04-mediation",  "05-cooperation",    "06-assistance",         "07-clearance",
    "08-tiles",      "09-hexmap",         "10-offence-categories", "11-trends",
    "12-change",     "13-losses",         "14-activities",         "15-mediation-levels",
    "16-grid-video",
};

static const fs_doc_label chart_titles[FS_RC_COUNT] = {
    FS_L_OFF_TITLE, FS_L_M_CROSS,  FS_L_DI_TITLE, FS_L_DI_TITLE_PCT, FS_L_ME_TITLE,  FS_L_CO_TITLE,
    FS_L_AS_TITLE,  FS_L_CL_TITLE, FS_L_TI_TITLE, FS_L_HX_TITLE,     FS_L_CAT_TITLE, FS_L_TR_TITLE,
    FS_L_CH_TITLE,  FS_L_LO_TITLE, FS_L_AC_TITLE, FS_L_LV_TITLE,     FS_L_RS_TITLE,
};

const char *fs_rc_chart_name(fs_rc_chart which)
{
    return (unsigned)which < FS_RC_COUNT ? fs_rc_names[which] : "?";
}

const char *fs_rc_chart_title(fs_rc_chart which, fs_lang lang)
{
    if ((unsigned)which >= FS_RC_COUNT)
        return "";
    if (which == FS_RC_TILES) /* "{1} at a glance": without the year */
        return fs_doc_label_text(lang, FS_L_AT_A_GLANCE);
    return fs_doc_label_text(lang, chart_titles[which]);
}

uint32_t fs_rc_county_color(int county)
{
    return fsc_county_color(county < 0 ? 0 : (size_t)county);
}
