/*
 * axis.c — numbers: value formats (thousands separators, percent with one
 * decimal), nice axis scales with 1-2-5 steps and tick labels.
 *
 * Formatting is done by hand on integers, so the output does not depend on
 * the process locale (LC_NUMERIC) and "-0" never appears.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_impl.h"

static size_t out_text(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (size > 0) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
    }
    return n;
}

size_t fsc_format_fixed(char *buf, size_t size, double v, int decimals, const char *suffix)
{
    static const double pow10[] = {1, 10, 100, 1000, 10000};
    char tmp[96], digits[32];
    if (decimals < 0) decimals = 0;
    if (decimals > 4) decimals = 4;
    if (!suffix) suffix = "";
    double scaled = v * pow10[decimals];
    if (!isfinite(scaled) || fabs(scaled) > 9e15) {
        snprintf(tmp, sizeof tmp, "%.6g%s", v, suffix);
        return out_text(buf, size, tmp);
    }
    long long n = llround(scaled);
    bool neg = n < 0;
    unsigned long long a = (unsigned long long)(neg ? -n : n);
    unsigned long long p = (unsigned long long)pow10[decimals];
    unsigned long long ip = a / p, fp = a % p;

    snprintf(digits, sizeof digits, "%llu", ip);
    size_t nd = strlen(digits), k = 0;
    if (neg) tmp[k++] = '-';
    for (size_t i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0) tmp[k++] = ',';
        tmp[k++] = digits[i];
    }
    if (decimals > 0) k += (size_t)snprintf(tmp + k, sizeof tmp - k, ".%0*llu", decimals, fp);
    snprintf(tmp + k, sizeof tmp - k, "%s", suffix);
    return out_text(buf, size, tmp);
}

size_t fsc_format_value(char *buf, size_t size, double v, fsc_fmt f, const char *na)
{
    if (!isfinite(v)) return out_text(buf, size, na ? na : "n/a");
    switch (f) {
    case FSC_FMT_PERCENT: return fsc_format_fixed(buf, size, v * 100.0, 1, "%");
    case FSC_FMT_DECIMAL1: return fsc_format_fixed(buf, size, v, 1, "");
    case FSC_FMT_DECIMAL2: return fsc_format_fixed(buf, size, v, 2, "");
    case FSC_FMT_INTEGER:
    default: return fsc_format_fixed(buf, size, v, 0, "");
    }
}

static double nice_step(double raw, int bump)
{
    static const double steps[] = {1, 2, 5};
    double mag = pow(10.0, floor(log10(raw)));
    int i = 0;
    while (i < 3 && steps[i] * mag < raw * (1 - 1e-9)) i++;
    i += bump;
    while (i >= 3) {
        i -= 3;
        mag *= 10;
    }
    return steps[i] * mag;
}

fsc_scale fsc_nice_scale(double dmin, double dmax, int max_ticks, fsc_fmt fmt, bool include_zero)
{
    fsc_scale s = {.lo = 0, .hi = 1, .step = 1, .nticks = 2, .fmt = fmt};
    if (max_ticks < 2) max_ticks = 2;
    if (!(dmin <= dmax) || !isfinite(dmin) || !isfinite(dmax)) dmin = dmax = 0;
    if (include_zero) {
        if (dmin > 0) dmin = 0;
        if (dmax < 0) dmax = 0;
    }
    if (dmax == dmin) {
        if (dmin == 0)
            dmax = 1;
        else {
            double pad = fabs(dmin) * 0.1;
            dmin -= pad;
            dmax += pad;
            if (include_zero) {
                if (dmin > 0) dmin = 0;
                if (dmax < 0) dmax = 0;
            }
        }
    }
    double raw = (dmax - dmin) / (max_ticks - 1);
    for (int bump = 0; bump < 12; bump++) {
        double step = nice_step(raw, bump);
        if (fmt == FSC_FMT_INTEGER && step < 1) step = 1;
        double lo = floor(dmin / step + 1e-9) * step;
        double hi = ceil(dmax / step - 1e-9) * step;
        if (hi <= lo) hi = lo + step;
        /* percentages of a whole end at 100 % */
        if (fmt == FSC_FMT_PERCENT && dmax <= 1.0 + 1e-12 && hi > 1.0 &&
            fabs(remainder(1.0 - lo, step)) < 1e-9)
            hi = 1.0;
        int n = (int)lround((hi - lo) / step) + 1;
        s = (fsc_scale){.lo = lo, .hi = hi, .step = step, .nticks = n, .fmt = fmt};
        if (n <= max_ticks + 1) break;
    }
    return s;
}

double fsc_scale_tick(const fsc_scale *s, int i)
{
    double v = s->lo + i * s->step;
    return fabs(v) < s->step * 1e-9 ? 0.0 : v;
}

double fsc_scale_map(const fsc_scale *s, double v, double a, double b)
{
    double span = s->hi - s->lo;
    if (!(span > 0)) return a;
    return a + (v - s->lo) / span * (b - a);
}

static int step_decimals(double step)
{
    if (step >= 1 - 1e-9) return 0;
    int d = (int)ceil(-log10(step) - 1e-9);
    return d < 0 ? 0 : d > 3 ? 3 : d;
}

size_t fsc_format_tick(char *buf, size_t size, double v, const fsc_scale *s)
{
    switch (s->fmt) {
    case FSC_FMT_PERCENT:
        return fsc_format_fixed(buf, size, v * 100.0, step_decimals(s->step * 100.0), "%");
    case FSC_FMT_DECIMAL1:
    case FSC_FMT_DECIMAL2: return fsc_format_fixed(buf, size, v, step_decimals(s->step), "");
    case FSC_FMT_INTEGER:
    default: return fsc_format_fixed(buf, size, v, 0, "");
    }
}

bool fsc_finite_range(const double *v, size_t n, double *lo, double *hi)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        if (!any || v[i] < *lo) *lo = v[i];
        if (!any || v[i] > *hi) *hi = v[i];
        any = true;
    }
    return any;
}
