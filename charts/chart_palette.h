/*
 * chart_palette.h — the colours of forumstat's charts, exported so the
 * Excel workbook (and anything else) uses exactly the same ones.
 *
 * Colours are 0xRRGGBB integers, the same form as libxlsxwriter's
 * lxw_color_t, so `fsc_county_color(i)` can be passed to format_set_*
 * directly.  This header needs no cairo or pango.
 *
 * County colours follow Okabe & Ito (2008): seven hues that stay distinct
 * for colour-blind readers.  Index i belongs to the caller's i-th county in
 * a fixed order — forumstat: the zone's county index (fs_zone.counties,
 * sorted by code: Feng, Dangshan, Xiao, Shan, Yucheng, Xiayi, Yongcheng;
 * report_charts.h fs_rc_county_color) — and the same index must be used in
 * every chart and sheet.  Colour is never the only cue: charts also label,
 * order or pattern.
 */
#ifndef FSC_PALETTE_H
#define FSC_PALETTE_H

#include <stddef.h>
#include <stdint.h>

/* A colour as 0xRRGGBB. */
typedef uint32_t fsc_rgb;

#define FSC_COUNTY_COLORS 7

/* Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermilion,
 * reddish purple. */
extern const fsc_rgb fsc_okabe_ito[FSC_COUNTY_COLORS];

/* Neutral colours used by every chart (text, grid, axes, no-data grey). */
#define FSC_RGB_TEXT 0x1A1A1Au   /* main text                        */
#define FSC_RGB_TEXT2 0x505050u  /* subtitles, tick labels           */
#define FSC_RGB_MUTED 0x6E6E6Eu  /* source line, notes               */
#define FSC_RGB_GRID 0xE3E3E3u   /* grid lines                       */
#define FSC_RGB_AXIS 0x8C8C8Cu   /* axis lines                       */
#define FSC_RGB_NODATA 0xD9D9D9u /* cells / tiles without data       */
#define FSC_RGB_BG 0xFFFFFFu     /* page background                  */
#define FSC_RGB_GOOD 0x1F5FA8u   /* tiles: change in the good way    */
#define FSC_RGB_BAD 0xB34700u    /* tiles: change in the bad way     */
#define FSC_RGB_RAMP 0x08457Eu   /* default dark end of value ramps  */

/* The colour of county index i (wraps around after seven). */
fsc_rgb fsc_county_color(size_t i);

/* A colour on the ramp from near-white (t = 0) to `dark` (t = 1); t is
 * clamped to [0, 1].  dark == 0 means FSC_RGB_RAMP.  Lightness falls
 * monotonically, so classes stay ordered in greyscale print. */
fsc_rgb fsc_ramp_color(fsc_rgb dark, double t);

/* Step i of n colours for categories that are not counties (dispute types,
 * provinces): dark to light along one blue-green ramp (ColorBrewer YlGnBu),
 * distinct in greyscale.  n is clamped to [1, 8]; up to 4 steps stay in
 * the darker part, so they also work as line colours. */
fsc_rgb fsc_sequence_color(size_t i, size_t n);

/* A lighter tint of c: mix with white, amount in [0, 1]. */
fsc_rgb fsc_tint(fsc_rgb c, double amount);

/* A darker shade of c: mix with black, amount in [0, 1]. */
fsc_rgb fsc_shade(fsc_rgb c, double amount);

/* Black-ish or white text colour, whichever contrasts more with bg
 * (WCAG relative luminance). */
fsc_rgb fsc_text_on(fsc_rgb bg);

/* WCAG contrast ratio of two colours (1 = none … 21 = black on white). */
double fsc_contrast(fsc_rgb a, fsc_rgb b);

/* "#RRGGBB" into out (8 bytes with the NUL). */
void fsc_rgb_hex(fsc_rgb c, char out[8]);

#endif
