/*
 * wc [-lwc] [FILE...]: count newlines, words (runs of non-space) and bytes.
 * Without options all three; columns are right-aligned to the width GNU wc
 * uses (digits of the total size of regular files, at least 7 when an input
 * is not a regular file; no padding for one count of one file). Several
 * files add a "total" line. Exit 1 if a file could not be read.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

struct counts { unsigned long long l, w, c; int failed; };

static int o_l, o_w, o_c, width;

static void count_fd(int fd, struct counts *k) {
  char buf[16384];
  long n;
  int in_word = 0;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    k->c += (unsigned long long)n;
    for (long i = 0; i < n; i++) {
      unsigned char ch = (unsigned char)buf[i];
      if (ch == '\n') k->l++;
      if (isspace(ch)) in_word = 0;
      else if (!in_word && isprint(ch)) in_word = 1, k->w++;
    }
  }
}

static void print(const struct counts *k, const char *name) {
  const char *sep = "";
  if (o_l) printf("%*llu", width, k->l), sep = " ";
  if (o_w) printf("%s%*llu", sep, width, k->w), sep = " ";
  if (o_c) printf("%s%*llu", sep, width, k->c);
  if (name) printf(" %s", name);
  putchar('\n');
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "lwc")) != -1) {
    if (c == 'l') o_l = 1;
    else if (c == 'w') o_w = 1;
    else if (c == 'c') o_c = 1;
    else return 1;
  }
  if (!o_l && !o_w && !o_c) o_l = o_w = o_c = 1;
  int n = argc - o.ind, nfiles = n ? n : 1;
  char *dash[] = {"-"};
  char **names = n ? argv + o.ind : dash;
  struct counts *k = calloc((size_t)nfiles, sizeof *k), total = {0, 0, 0, 0};
  int *fds = xmalloc(sizeof *fds * (size_t)nfiles), min_width = 1;
  unsigned long long regular = 0;
  for (int i = 0; i < nfiles; i++) {
    struct stat st;
    fds[i] = strcmp(names[i], "-") == 0 ? 0 : open(names[i], O_RDONLY);
    if (fds[i] < 0 || fstat(fds[i], &st) != 0) {
      k[i].failed = 1;
      continue;
    }
    if (S_ISREG(st.st_mode)) regular += (unsigned long long)st.st_size;
    else min_width = 7;
  }
  width = 1;
  for (; regular >= 10; regular /= 10) width++;
  if (width < min_width) width = min_width;
  if (nfiles == 1 && o_l + o_w + o_c == 1) width = 1;
  for (int i = 0; i < nfiles; i++) {
    if (k[i].failed) {
      warn_errno(names[i]);
      rc = 1;
      continue;
    }
    count_fd(fds[i], &k[i]);
    if (fds[i]) close(fds[i]);
    total.l += k[i].l, total.w += k[i].w, total.c += k[i].c;
    print(&k[i], n ? names[i] : NULL);
  }
  if (nfiles > 1) print(&total, "total");
  return rc;
}
