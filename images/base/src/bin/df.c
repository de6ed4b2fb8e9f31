/*
 * df [-h] [FILE...]: file system space, one line per mounted file system
 * listed in /proc/mounts (or the ones holding FILE), as GNU df:
 * "Filesystem 1K-blocks Used Available Use% Mounted on" (-h: "Size Used
 * Avail Use%" with 1.5K/12M sizes). Pseudo file systems with zero blocks are
 * skipped when listing all. Needs statvfs(3) (POSIX sys/statvfs.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "util.h"

struct row { char *fs, *dir; unsigned long long size, used, avail; int pct; };

static int o_human;

static void fmt_size(unsigned long long kb, char *out, size_t n) {
  if (o_human) human_size(kb * 1024, out, n);
  else snprintf(out, n, "%llu", kb);
}

static int fill(struct row *r) {
  struct statvfs sv;
  if (statvfs(r->dir, &sv) != 0) return -1;
  unsigned long long unit = sv.f_frsize ? sv.f_frsize : sv.f_bsize;
  unsigned long long size = sv.f_blocks * unit, freeb = sv.f_bfree * unit, avail = sv.f_bavail * unit;
  r->size = (size + 1023) / 1024;
  r->used = (size - freeb + 1023) / 1024;
  r->avail = avail / 1024;
  unsigned long long u = size - freeb, denom = u + avail;
  r->pct = denom ? (int)((u * 100 + denom - 1) / denom) : -1;
  if (o_human) r->used = (size - freeb) / 1024, r->size = size / 1024;
  return 0;
}

/* Prints a table with GNU df's column widths: max(minimum, header, widest value). */
static void print_rows(struct row *rows, int n) {
  enum { NCOL = 6 };
  static const int minw[NCOL] = {14, 5, 5, 5, 4, 0};
  const char *head[NCOL] = {"Filesystem", o_human ? "Size" : "1K-blocks", "Used",
                            o_human ? "Avail" : "Available", "Use%", "Mounted on"};
  char *cell = xmalloc((size_t)(n + 1) * NCOL * 64);
  int w[NCOL];
  for (int c = 0; c < NCOL; c++) {
    snprintf(cell + c * 64, 64, "%s", head[c]);
    w[c] = minw[c] > (int)strlen(head[c]) ? minw[c] : (int)strlen(head[c]);
  }
  for (int i = 0; i < n; i++) {
    char *row = cell + (size_t)(i + 1) * NCOL * 64;
    struct row *r = &rows[i];
    snprintf(row, 64, "%s", r->fs);
    fmt_size(r->size, row + 64, 64), fmt_size(r->used, row + 128, 64), fmt_size(r->avail, row + 192, 64);
    if (r->pct < 0) snprintf(row + 256, 64, "-");
    else snprintf(row + 256, 64, "%d%%", r->pct);
    snprintf(row + 320, 64, "%s", r->dir);
    for (int c = 0; c < NCOL; c++)
      if ((int)strlen(row + c * 64) > w[c]) w[c] = (int)strlen(row + c * 64);
  }
  for (int i = 0; i <= n; i++) {
    char *row = cell + (size_t)i * NCOL * 64;
    printf("%-*s", w[0], row);
    for (int c = 1; c < NCOL - 1; c++) printf(" %*s", w[c], row + c * 64);
    printf(" %s\n", row + (NCOL - 1) * 64);
  }
  free(cell);
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, n = 0, rc = 0;
  struct row *rows = NULL;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "h")) != -1) {
    if (c == 'h') o_human = 1;
    else return 1;
  }
  FILE *f = fopen("/proc/mounts", "r");
  if (!f) die(1, "cannot read table of mounted file systems: /proc/mounts");
  char fs[1024], dir[1024], type[256];
  struct row *all = NULL;
  int nall = 0;
  while (fscanf(f, "%1023s %1023s %255s %*[^\n]", fs, dir, type) == 3) {
    all = xrealloc(all, sizeof *all * (size_t)(nall + 1));
    all[nall].fs = xstrdup(fs), all[nall].dir = xstrdup(dir);
    nall++;
  }
  fclose(f);
  if (o.ind >= argc) {
    for (int i = 0; i < nall; i++) {
      if (fill(&all[i]) != 0 || all[i].size == 0) continue;
      int dup = 0;
      for (int k = 0; k < n; k++) dup |= strcmp(rows[k].dir, all[i].dir) == 0;
      if (dup) continue;
      rows = xrealloc(rows, sizeof *rows * (size_t)(n + 1));
      rows[n++] = all[i];
    }
  }
  for (int i = o.ind; i < argc; i++) {
    struct stat st, ms;
    int best = -1;
    if (stat(argv[i], &st) != 0) {
      warn_errno(argv[i]);
      rc = 1;
      continue;
    }
    for (int k = 0; k < nall; k++)
      if (stat(all[k].dir, &ms) == 0 && ms.st_dev == st.st_dev) best = k;
    if (best < 0 || fill(&all[best]) != 0) {
      warn_errno(argv[i]);
      rc = 1;
      continue;
    }
    rows = xrealloc(rows, sizeof *rows * (size_t)(n + 1));
    rows[n++] = all[best];
  }
  if (n) print_rows(rows, n);
  return rc;
}
