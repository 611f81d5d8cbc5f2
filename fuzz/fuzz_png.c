/*
 * fuzz_png.c — libFuzzer harness: charts/pngenc.c against libpng.
 *
 * The chart PNG encoder is our own code (see its header for why), so it is
 * held to the reference: the input picks an image size, a dpi and pixels
 * (a small palette indexed by the input, so that runs, repeats and long
 * matches occur as they do in charts; rows equal to the row above when
 * data[2] says so), the image is encoded with
 * fsc_png_encode, decoded by libpng through cairo's PNG reader, and
 * every pixel must come back unchanged.  Any difference, a decoder error
 * or a sanitizer report is a failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "chart_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...) do { fprintf(stderr, "INVARIANT: " __VA_ARGS__); fputc('\n', stderr); abort(); } while (0)

typedef struct reader {
    const unsigned char *p;
    size_t n, at;
} reader;

static cairo_status_t read_png(void *closure, unsigned char *out, unsigned int len)
{
    reader *r = closure;
    if (len > r->n - r->at) return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->p + r->at, len);
    r->at += len;
    return CAIRO_STATUS_SUCCESS;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4) return 0;
    int w = 1 + data[0] % 97, h = 1 + data[1] % 61;
    double dpi = data[2] & 1 ? 96.0 * (1 + data[2] % 4) : 0;
    /* Palette: up to 8 colours taken from the input (or fixed ones). */
    uint32_t pal[8] = {0xFFFFFF, 0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00};
    size_t at = 3;
    int ncol = 1 + data[3] % 8;
    at++;
    for (int k = 0; k < ncol && at + 3 <= size; k++, at += 3)
        pal[k] = (uint32_t)data[at] << 16 | (uint32_t)data[at + 1] << 8 | data[at + 2];
    const uint8_t *px = data + at;
    size_t npx = size - at;

    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) FAIL("surface %dx%d", w, h);
    unsigned char *base = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(base + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            size_t i = (size_t)y * (size_t)w + (size_t)x;
            /* Past the input's end the image repeats it: long matches. */
            uint8_t b = npx ? px[i % npx] : 0;
            row[x] = 0xFF000000u | pal[b % ncol];
        }
        /* data[2] bit 7: every other row repeats the one above (the
         * encoder's shortcut for a row equal to the row above) */
        if ((data[2] & 0x80) && y % 2 == 1)
            memcpy(row, base + (size_t)(y - 1) * (size_t)stride, (size_t)w * 4);
    }
    cairo_surface_mark_dirty(s);

    unsigned char *png = NULL;
    size_t len = 0;
    fsc_status st = fsc_png_encode(s, dpi, &png, &len);
    if (st != FSC_OK) FAIL("encode failed: %d", (int)st);

    reader r = {png, len, 0};
    cairo_surface_t *back = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(back) != CAIRO_STATUS_SUCCESS)
        FAIL("libpng refused our PNG (%dx%d): %s", w, h, cairo_status_to_string(cairo_surface_status(back)));
    if (cairo_image_surface_get_width(back) != w || cairo_image_surface_get_height(back) != h)
        FAIL("size %dx%d came back as %dx%d", w, h, cairo_image_surface_get_width(back),
             cairo_image_surface_get_height(back));
    const unsigned char *bb = cairo_image_surface_get_data(back);
    int bstride = cairo_image_surface_get_stride(back);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t a = ((const uint32_t *)(const void *)(base + (size_t)y * (size_t)stride))[x] & 0xFFFFFF;
            uint32_t b = ((const uint32_t *)(const void *)(bb + (size_t)y * (size_t)bstride))[x] & 0xFFFFFF;
            if (a != b) FAIL("pixel (%d,%d) of %dx%d: %06x came back as %06x", x, y, w, h, a, b);
        }
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
    free(png);
    return 0;
}
