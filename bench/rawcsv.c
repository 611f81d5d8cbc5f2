/*
 * rawcsv.c — the baseline of bench/bench-validate.sh: parse a CSV file with
 * libcsv and do nothing else (count the fields and rows), the fastest any
 * validator built on libcsv can read it.  Built by the script with -O2.
 *
 * usage: rawcsv FILE   (prints "ROWS rows FIELDS fields")
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void on_field(void *s, size_t n, void *arg)
{
    (void)s;
    (void)n;
    ((long *)arg)[0]++;
}

static void on_row(int c, void *arg)
{
    (void)c;
    ((long *)arg)[1]++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: rawcsv FILE\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    struct csv_parser p;
    if (!fp || csv_init(&p, 0) != 0) {
        perror(argv[1]);
        return 3;
    }
    static char buf[1 << 18];
    long counts[2] = {0, 0};
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, counts) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_row, counts);
    csv_free(&p);
    fclose(fp);
    printf("%ld rows %ld fields\n", counts[1], counts[0]);
    return 0;
}
