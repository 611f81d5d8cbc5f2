/*
 * report_ctx.c — the report context's lifetime (see report_ctx.h); loading
 * it is the command line's job (fs_report_ctx_load, figures_cli.c).
 */
#include "report_ctx.h"

#include <stdlib.h>
#include <string.h>

fs_status fs_report_wait_beside(const fs_report_ctx *ctx)
{
    fs_report_beside *b = ctx->beside;
    if (!b)
        return FS_OK;
    pthread_mutex_lock(&b->m);
    while (!b->done)
        pthread_cond_wait(&b->c, &b->m);
    fs_status st = b->st;
    pthread_mutex_unlock(&b->m);
    return st;
}

void fs_report_beside_end(fs_report_beside *b, fs_status st)
{
    pthread_mutex_lock(&b->m);
    b->done = true;
    b->st = st;
    pthread_cond_broadcast(&b->c);
    pthread_mutex_unlock(&b->m);
}

void fs_report_ctx_free(fs_report_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ntrend; i++)
        if (ctx->trend[i] != ctx->fig) /* fig is usually the last of them */
            fs_figures_free(ctx->trend[i]);
    free(ctx->trend);
    fs_figures_free(ctx->fig);
    fs_wh_history_free(ctx->history);
    free(ctx->sources);
    if (ctx->db)
        fs_fig_read_end(ctx->db);
    fs_wh_close(ctx->wh);
    memset(ctx, 0, sizeof *ctx);
}

const fs_figures *fs_report_ctx_year(const fs_report_ctx *ctx, int year)
{
    for (size_t i = 0; i < ctx->ntrend; i++)
        if (ctx->trend[i] && ctx->trend[i]->year == year)
            return ctx->trend[i];
    return NULL;
}
