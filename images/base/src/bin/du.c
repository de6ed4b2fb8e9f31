/*
 * du [-s] [-h] [-a] [FILE...]: disk usage in 1K blocks (st_blocks / 2) of
 * each directory, recursively, printed after its contents ("size<TAB>path").
 * -s prints only the total of each operand, -a also every file, -h sizes
 * like 1.5K/12M. Hard-linked files are counted once. Default operand ".".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static int o_sum, o_human, o_all, rc;

struct seen { unsigned long long dev, ino; };
static struct seen *seen;
static size_t nseen, cap;

static int already(const struct stat *st) {
  if (st->st_nlink < 2 || S_ISDIR(st->st_mode)) return 0;
  for (size_t i = 0; i < nseen; i++)
    if (seen[i].dev == (unsigned long long)st->st_dev && seen[i].ino == (unsigned long long)st->st_ino) return 1;
  if (nseen == cap) seen = xrealloc(seen, sizeof *seen * (cap = cap ? cap * 2 : 64));
  seen[nseen].dev = (unsigned long long)st->st_dev, seen[nseen++].ino = (unsigned long long)st->st_ino;
  return 0;
}

static void report(unsigned long long blocks, const char *path) {
  char buf[32];
  if (o_human) human_size(blocks * 512, buf, sizeof buf);
  else snprintf(buf, sizeof buf, "%llu", (blocks + 1) / 2);
  printf("%s\t%s\n", buf, path);
}

/* Returns the 512-byte blocks used by path and everything under it. */
static unsigned long long walk(const char *path, int depth) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot access '%s'", path);
    warn_errno(msg);
    rc = 1;
    return 0;
  }
  if (already(&st)) return 0;
  unsigned long long total = (unsigned long long)st.st_blocks;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    struct dirent *de;
    if (!d) {
      char msg[4200];
      snprintf(msg, sizeof msg, "cannot read directory '%s'", path);
      warn_errno(msg);
      rc = 1;
    } else {
      while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        char *p = path_join(path, de->d_name);
        total += walk(p, depth + 1);
        free(p);
      }
      closedir(d);
    }
    if (!o_sum || depth == 0) report(total, path);
  } else if (depth == 0 || (o_all && !o_sum)) {
    report(total, path);
  }
  return total;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "sha")) != -1) {
    if (c == 's') o_sum = 1;
    else if (c == 'h') o_human = 1;
    else if (c == 'a') o_all = 1;
    else return 1;
  }
  if (o.ind >= argc) walk(".", 0);
  for (int i = o.ind; i < argc; i++) walk(argv[i], 0);
  return rc;
}
