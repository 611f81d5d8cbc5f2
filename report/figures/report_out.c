/*
 * report_out.c — the CSV outputs of `report` (see report_out.h): metrics,
 * findings, the metrics dictionary and the register of cross-regional
 * cases, each written atomically into the report folder.
 */
#include "report_out.h"

#include <errno.h>
#include <string.h>

#include "atomic.h"
#include "csv_out.h"
#include "figures_register.h"
#include "i18n.h"
#include "sbuf.h"

typedef fs_status (*csv_writer)(const fs_report_ctx *ctx, FILE *out);

/* Write DIR/STEM-Y.csv (DIR/STEM.csv when year is 0) atomically with `write`. */
static fs_status write_csv_year(const fs_report_ctx *ctx, const char *stem, int year,
                                csv_writer write, fs_sbuf *wrote, fs_sbuf *err)
{
    fs_sbuf pb = {0};
    if (year)
        fs_sbuf_addf(&pb, "%s/%s-%d.csv", ctx->dir, stem, year);
    else
        fs_sbuf_addf(&pb, "%s/%s.csv", ctx->dir, stem);
    if (pb.failed) {
        fs_sbuf_setf(err, _("out of memory while writing %s"), ctx->dir);
        fs_sbuf_free(&pb);
        return FS_ERR_NOMEM;
    }
    const char *path = pb.s;
    fs_atomic a;
    errno = 0;
    fs_status st = fs_atomic_begin(&a, path);
    if (st == FS_OK) {
        st = write(ctx, a.fp);
        if (st == FS_ERR_IO && errno)
            st = fs_status_from_errno(errno); /* EFBIG, ENOSPC: disk full */
        if (st == FS_OK)
            st = fs_atomic_commit(&a);
        else
            fs_atomic_abort(&a);
    }
    if (st != FS_OK)
        fs_sbuf_setf(err, _("cannot write %s: %s"), path,
                     errno ? strerror(errno) : fs_strerror(st));
    else
        fs_sbuf_setf(wrote, "%s", path);
    fs_sbuf_free(&pb);
    return st;
}

static fs_status write_csv(const fs_report_ctx *ctx, const char *stem, csv_writer write,
                           fs_sbuf *wrote, fs_sbuf *err)
{
    return write_csv_year(ctx, stem, ctx->year, write, wrote, err);
}

static fs_status metrics(const fs_report_ctx *ctx, FILE *out)
{
    return fs_fig_write_metrics(ctx->fig, out);
}

static fs_status findings(const fs_report_ctx *ctx, FILE *out)
{
    return fs_fig_write_findings(ctx->fig, out);
}

static fs_status dictionary(const fs_report_ctx *ctx, FILE *out)
{
    return fs_fig_write_dictionary(ctx->fig, out);
}

fs_status fs_report_write_metrics(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err)
{
    return write_csv(ctx, "metrics", metrics, wrote, err);
}

fs_status fs_report_write_findings(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err)
{
    return write_csv(ctx, "findings", findings, wrote, err);
}

fs_status fs_report_write_dictionary(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err)
{
    return write_csv_year(ctx, "metrics-dictionary", 0, dictionary, wrote, err);
}

/* "371722;341321" (codes, zone order). */
static void codes(const fs_zone *z, fs_county_set set, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (fs_county_set x = set; x && n + 8 < size; x &= x - 1)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", x == set ? "" : ";",
                              z->counties[__builtin_ctzll(x)].code);
}

static void money(int64_t fen, char *buf, size_t size)
{
    fs_fig_value v = {FS_FIG_SET, fen, (double)fen / 100.0};
    fs_fig_format(FS_FIG_MONEY, &v, buf, size);
}

static fs_status write_cross_cases(const fs_report_ctx *ctx, FILE *out)
{
    const fs_figures *f = ctx->fig;
    const fs_zone *z = f->zone;
    const fs_xreg *g = f->xreg;
    fputs("\xEF\xBB\xBF", out); /* UTF-8 BOM: Excel then reads the Chinese text right */
    static const char *const header[] = {"year",
                                         "cross_ref",
                                         "category",
                                         "first_reported",
                                         "counties",
                                         "offenses_by_county",
                                         "offenses",
                                         "loss_yuan",
                                         "recovered_yuan",
                                         "status",
                                         "lead",
                                         "assisted_by",
                                         "named_without_record",
                                         "description_county",
                                         "description",
                                         "findings"};
    const size_t nh = sizeof header / sizeof header[0];
    for (size_t i = 0; i < nh; i++)
        fs_csv_put(out, header[i], i + 1 == nh ? FS_CSV_LAST : 0);
    int ci = fs_column_index(FS_T_INCIDENTS, "category");
    int si = fs_column_index(FS_T_INCIDENTS, "status");
    const fs_column *cat = ci >= 0 ? &fs_tables[FS_T_INCIDENTS].columns[ci] : NULL;
    const fs_column *sta = si >= 0 ? &fs_tables[FS_T_INCIDENTS].columns[si] : NULL;
    char year[16];
    snprintf(year, sizeof year, "%d", f->year);
    for (size_t i = 0; g && i < g->ncases; i++) {
        const fs_xreg_case *c = &g->cases[i];
        char cats[64] = "", counties[FS_ZONE_MAX * 8], by[FS_ZONE_MAX * 32] = "", total[32],
             loss[48], rec[48], assist[FS_ZONE_MAX * 8], unconf[FS_ZONE_MAX * 8], kinds[128] = "";
        int order[2] = {c->categories[0], c->categories[1]};
        if (c->ncategories == 2 && order[1] < order[0]) { /* code order */
            order[0] = c->categories[1];
            order[1] = c->categories[0];
        }
        for (int k = 0; k < c->ncategories; k++) {
            int v = order[k];
            size_t n = strlen(cats);
            snprintf(cats + n, sizeof cats - n, "%s%s", k ? ";" : "",
                     cat && v >= 0 && (size_t)v < cat->nvalues ? cat->values[v].code : "?");
        }
        codes(z, c->reporters, counties, sizeof counties);
        for (fs_county_set x = c->reporters; x; x &= x - 1) {
            int k = __builtin_ctzll(x);
            size_t n = strlen(by);
            snprintf(by + n, sizeof by - n, "%s%s:%lld", x == c->reporters ? "" : ";",
                     z->counties[k].code, (long long)c->offenses[k]);
        }
        snprintf(total, sizeof total, "%lld", (long long)c->total);
        money(c->loss, loss, sizeof loss);
        money(c->recovered, rec, sizeof rec);
        codes(z, c->assisting, assist, sizeof assist);
        codes(z, c->named & ~c->reporters, unconf, sizeof unconf);
        for (size_t k = 0; k < f->nfindings; k++) {
            const fs_finding *x = &f->findings[k];
            if (x->table != FS_T_INCIDENTS || x->county >= 0 || strcmp(x->ref, c->first->ref) != 0)
                continue;
            size_t n = strlen(kinds);
            snprintf(kinds + n, sizeof kinds - n, "%s%s", n ? ";" : "",
                     fs_finding_kind_name(x->kind));
        }
        /* The description is a county's own text (its subcategory): the
         * county it quotes stands beside it, so "本县" there is readable. */
        int dcounty;
        const char *desc = fs_xreg_description(c, &dcounty);
        const char *row[] = {year,
                             c->first->ref,
                             cats,
                             c->first_date,
                             counties,
                             by,
                             total,
                             loss,
                             rec,
                             sta && c->status >= 0 && (size_t)c->status < sta->nvalues
                                 ? sta->values[c->status].code
                                 : "",
                             c->lead >= 0 ? z->counties[c->lead].code : "",
                             assist,
                             unconf,
                             dcounty >= 0 ? z->counties[dcounty].code : "",
                             desc,
                             kinds};
        for (size_t k = 0; k < nh; k++)
            fs_csv_put(out, row[k], FS_CSV_GUARD | (k + 1 == nh ? FS_CSV_LAST : 0));
    }
    return ferror(out) ? FS_ERR_IO : FS_OK;
}

fs_status fs_report_write_cross_cases(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err)
{
    return write_csv(ctx, "cross-cases", write_cross_cases, wrote, err);
}
