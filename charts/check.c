/*
 * check.c — spec checks shared by the chart kinds (categories, series):
 * counts within the bounds that keep a chart readable and arithmetic
 * safe, no NULL where values are needed, valid UTF-8, enums in range.
 * Below the kinds in the layers of chart_impl.h: it calls nothing of the
 * library.
 */
#include "chart_impl.h"

/* Upper bounds that keep a chart readable and arithmetic safe. */
#define MAX_CATEGORIES 64
#define MAX_SERIES 16

static bool utf8_ok(const char *s) { return !s || g_utf8_validate(s, -1, NULL); }

fsc_status fsc_check_cats(const fsc_categories *k)
{
    if (k->n > MAX_CATEGORIES || (k->n > 0 && !k->labels)) return FSC_ERR_ARG;
    for (size_t i = 0; i < k->n; i++)
        if (!utf8_ok(k->labels[i])) return FSC_ERR_UTF8;
    return FSC_OK;
}

fsc_status fsc_check_series(const fsc_series *s, size_t ns, size_t nvalues)
{
    if (ns > MAX_SERIES || (ns > 0 && !s)) return FSC_ERR_ARG;
    for (size_t i = 0; i < ns; i++) {
        if (nvalues > 0 && !s[i].values) return FSC_ERR_ARG;
        if ((unsigned)s[i].fill > FSC_FILL_HATCH || (unsigned)s[i].marker > FSC_MARKER_NONE ||
            (unsigned)s[i].dash > FSC_DASH_DASHDOT)
            return FSC_ERR_ARG;
        if (!utf8_ok(s[i].name)) return FSC_ERR_UTF8;
    }
    return FSC_OK;
}
