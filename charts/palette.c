/*
 * palette.c — colours shared by every chart and exported to the workbook
 * (see chart_palette.h): the Okabe–Ito county colours, value ramps, tints,
 * and the black-or-white choice for text on a coloured background.
 */
#include <math.h>
#include <stdio.h>

#include "chart_palette.h"

const fsc_rgb fsc_okabe_ito[FSC_COUNTY_COLORS] = {
    0xE69F00u, /* orange         */
    0x56B4E9u, /* sky blue       */
    0x009E73u, /* bluish green   */
    0xF0E442u, /* yellow         */
    0x0072B2u, /* blue           */
    0xD55E00u, /* vermilion      */
    0xCC79A7u, /* reddish purple */
};

/* Dark to light, YlGnBu (ColorBrewer) without its near-white end. */
static const fsc_rgb sequence[8] = {
    0x081D58u, 0x253494u, 0x225EA8u, 0x1D91C0u, 0x41B6C4u, 0x7FCDBBu, 0xC7E9B4u, 0xEDF8B1u,
};

static int ch(fsc_rgb c, int shift) { return (int)((c >> shift) & 0xFFu); }

static fsc_rgb pack(double r, double g, double b)
{
    long ri = lround(r), gi = lround(g), bi = lround(b);
    ri = ri < 0 ? 0 : ri > 255 ? 255 : ri;
    gi = gi < 0 ? 0 : gi > 255 ? 255 : gi;
    bi = bi < 0 ? 0 : bi > 255 ? 255 : bi;
    return (fsc_rgb)((ri << 16) | (gi << 8) | bi);
}

static fsc_rgb mix(fsc_rgb a, fsc_rgb b, double t)
{
    if (!(t > 0)) t = 0; /* also catches NaN */
    if (t > 1) t = 1;
    return pack(ch(a, 16) + (ch(b, 16) - ch(a, 16)) * t, ch(a, 8) + (ch(b, 8) - ch(a, 8)) * t,
                ch(a, 0) + (ch(b, 0) - ch(a, 0)) * t);
}

fsc_rgb fsc_county_color(size_t i) { return fsc_okabe_ito[i % FSC_COUNTY_COLORS]; }

fsc_rgb fsc_ramp_color(fsc_rgb dark, double t)
{
    if (dark == 0) dark = FSC_RGB_RAMP;
    return mix(0xF1F5F9u, dark, t);
}

fsc_rgb fsc_sequence_color(size_t i, size_t n)
{
    if (n < 1) n = 1;
    if (n > 8) n = 8;
    if (i >= n) i %= n;
    if (n == 1) return sequence[2];
    /* up to 4 colours: dark steps only, each with at least 2:1 contrast on
     * white, so they work as line colours without a casing */
    static const unsigned char few[5][4] = {{0}, {2}, {0, 3}, {0, 2, 4}, {0, 2, 3, 4}};
    if (n <= 4) return sequence[few[n][i]];
    /* spread over the usable steps */
    size_t span = n == 8 ? 7 : 6;
    return sequence[(i * span + (n - 1) / 2) / (n - 1)];
}

fsc_rgb fsc_tint(fsc_rgb c, double amount) { return mix(c, 0xFFFFFFu, amount); }

fsc_rgb fsc_shade(fsc_rgb c, double amount) { return mix(c, 0x000000u, amount); }

static double lin(int v)
{
    double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(fsc_rgb c)
{
    return 0.2126 * lin(ch(c, 16)) + 0.7152 * lin(ch(c, 8)) + 0.0722 * lin(ch(c, 0));
}

double fsc_contrast(fsc_rgb a, fsc_rgb b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

fsc_rgb fsc_text_on(fsc_rgb bg)
{
    return fsc_contrast(bg, 0xFFFFFFu) > fsc_contrast(bg, FSC_RGB_TEXT) ? 0xFFFFFFu : FSC_RGB_TEXT;
}

void fsc_rgb_hex(fsc_rgb c, char out[8])
{
    snprintf(out, 8, "#%02X%02X%02X", ch(c, 16), ch(c, 8), ch(c, 0));
}
