/*
 * template_write.c — the step of `forumstat template`: every template file
 * of one county and year, written by the writers in a fixed order, none
 * replaced unless asked (see template_write.h).
 */
#include "template_write.h"

#include <stdio.h>
#include <sys/stat.h>

#include "i18n.h"

/* The tables first, then the workbook (-1), then the dictionary (-2). */
static const int file_order[FS_TPL_MAX_FILES] = {FS_T_INDICATORS, FS_T_INCIDENTS, FS_T_DISPUTES,
                                                 FS_T_COOPERATION, -1, -2};

int fs_template_existing(const fs_tpl_opts *o, char *list, size_t size)
{
    const char *code = o->zone->counties[o->county].code;
    int n = 0;
    size_t used = 0;
    if (size)
        list[0] = '\0';
    for (int i = 0; i < FS_TPL_MAX_FILES; i++) {
        char name[128], path[4096];
        struct stat st;
        fs_tpl_file_name(name, sizeof name, code, o->year, file_order[i]);
        snprintf(path, sizeof path, "%s/%s", o->dir, name);
        if (lstat(path, &st) != 0)
            continue;
        n++;
        if (used < size) {
            int k = snprintf(list + used, size - used, "%s%s", used ? ", " : "", path);
            used = k < 0 ? size : used + (size_t)k;
        }
    }
    return n;
}

fs_status fs_template_write(const fs_tpl_opts *o, fs_tpl_result *res, char *err, size_t errsz)
{
    const char *code = o->zone->counties[o->county].code;
    res->nfiles = 0;
    err[0] = '\0';
    if (!o->force) {
        char list[2048];
        int n = fs_template_existing(o, list, sizeof list);
        if (n) {
            snprintf(err, errsz,
                     P_("%s already exists: nothing was written, so a filled-in template is never "
                        "emptied; choose another --out folder, or add --force to replace it",
                        "%s already exist: nothing was written, so a filled-in template is never "
                        "emptied; choose another --out folder, or add --force to replace them",
                        n),
                     list);
            return FS_ERR_USAGE;
        }
    }
    const int *order = file_order;
    for (int i = 0; i < FS_TPL_MAX_FILES; i++) {
        int t = order[i];
        char name[128];
        fs_tpl_file_name(name, sizeof name, code, o->year, t);
        char *path = res->files[res->nfiles];
        int n = snprintf(path, sizeof res->files[0], "%s/%s", o->dir, name);
        if (n < 0 || (size_t)n >= sizeof res->files[0]) {
            snprintf(err, errsz, _("the output folder name is too long: %s"), o->dir);
            return FS_ERR_USAGE;
        }
        fs_status st;
        if (t >= 0)
            st = fs_tpl_write_csv(o, (fs_table)t, path, err, errsz);
        else if (t == -1)
            st = fs_tpl_write_xlsx(o, path, err, errsz);
        else
            st = fs_tpl_write_dictionary_csv(o, path, err, errsz);
        if (st != FS_OK)
            return st;
        res->nfiles++;
    }
    return FS_OK;
}
