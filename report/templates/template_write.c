/*
 * template_write.c — the step of `forumstat template`: every template file
 * of one county and year, written by the writers in a fixed order, none
 * replaced unless asked (see template_write.h).
 */
#include "template_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "i18n.h"

/* The tables first, then the workbook (-1), then the dictionary (-2). */
static const int file_order[FS_TPL_MAX_FILES] = {
    FS_T_INDICATORS, FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION, -1, -2};

/* o->dir/name of file i (file_order) appended to b. */
static void file_path(const fs_tpl_opts *o, int i, fs_sbuf *b)
{
    char name[128];
    fs_tpl_file_name(name, sizeof name, o->zone->counties[o->county].code, o->year, file_order[i]);
    fs_sbuf_addf(b, "%s/%s", o->dir, name);
}

int fs_template_existing(const fs_tpl_opts *o, fs_sbuf *list)
{
    int n = 0;
    fs_sbuf path = {0};
    for (int i = 0; i < FS_TPL_MAX_FILES; i++) {
        struct stat st;
        fs_sbuf_clear(&path);
        file_path(o, i, &path);
        if (lstat(fs_sbuf_str(&path), &st) != 0)
            continue;
        fs_sbuf_addf(list, "%s%s", n ? ", " : "", fs_sbuf_str(&path));
        n++;
    }
    fs_sbuf_free(&path);
    return n;
}

void fs_tpl_result_free(fs_tpl_result *res)
{
    for (int i = 0; i < res->nfiles; i++)
        free(res->files[i]);
    res->nfiles = 0;
}

fs_status fs_template_write(const fs_tpl_opts *o, fs_tpl_result *res, fs_sbuf *err)
{
    res->nfiles = 0;
    if (!o->force) {
        fs_sbuf list = {0};
        int n = fs_template_existing(o, &list);
        if (n)
            fs_sbuf_addf(
                err,
                P_("%s already exists: nothing was written, so a filled-in template is never "
                   "emptied; choose another --out folder, or add --force to replace it",
                   "%s already exist: nothing was written, so a filled-in template is never "
                   "emptied; choose another --out folder, or add --force to replace them",
                   n),
                fs_sbuf_str(&list));
        fs_sbuf_free(&list);
        if (n)
            return FS_ERR_USAGE;
    }
    for (int i = 0; i < FS_TPL_MAX_FILES; i++) {
        int t = file_order[i];
        fs_sbuf pb = {0};
        file_path(o, i, &pb);
        char *path = fs_sbuf_take(&pb);
        if (!path) {
            fs_sbuf_addf(err, _("out of memory while writing %s"), o->dir);
            return FS_ERR_NOMEM;
        }
        fs_status st;
        if (t >= 0)
            st = fs_tpl_write_csv(o, (fs_table)t, path, err);
        else if (t == -1)
            st = fs_tpl_write_xlsx(o, path, err);
        else
            st = fs_tpl_write_dictionary_csv(o, path, err);
        if (st != FS_OK) {
            free(path);
            return st;
        }
        res->files[res->nfiles++] = path;
    }
    return FS_OK;
}
