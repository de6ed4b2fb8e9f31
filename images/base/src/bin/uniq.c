/*
 * uniq [-cdu] [INPUT [OUTPUT]]: collapse runs of identical adjacent lines.
 *   -c prefix each output line with its run length ("%7lu ")
 *   -d print only lines that repeat;  -u print only lines that do not
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int o_count, o_dup, o_uniq;

static void flush_run(FILE *out, const char *s, long n, unsigned long run) {
  if ((o_dup && run < 2) || (o_uniq && run > 1)) return;
  if (o_count) fprintf(out, "%7lu ", run);
  fwrite(s, 1, (size_t)n, out);
  putc('\n', out);
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "cdu")) != -1) {
    if (c == 'c') o_count = 1;
    else if (c == 'd') o_dup = 1;
    else if (c == 'u') o_uniq = 1;
    else return 1;
  }
  FILE *in = stdin, *out = stdout;
  if (o.ind < argc && strcmp(argv[o.ind], "-") != 0 && !(in = fopen(argv[o.ind], "r"))) {
    warn_errno(argv[o.ind]);
    return 1;
  }
  if (o.ind + 1 < argc && !(out = fopen(argv[o.ind + 1], "w"))) {
    warn_errno(argv[o.ind + 1]);
    return 1;
  }
  char *prev = NULL, *cur = NULL;
  size_t pcap = 0, ccap = 0;
  long pn = -1, n;
  unsigned long run = 0;
  while ((n = read_line(in, &cur, &ccap)) >= 0) {
    if (n > 0 && cur[n - 1] == '\n') n--;
    if (pn >= 0 && n == pn && memcmp(cur, prev, (size_t)n) == 0) {
      run++;
      continue;
    }
    if (pn >= 0) flush_run(out, prev, pn, run);
    char *t = prev;
    prev = cur, cur = t;
    size_t tc = pcap;
    pcap = ccap, ccap = tc;
    pn = n, run = 1;
  }
  if (pn >= 0) flush_run(out, prev, pn, run);
  free(prev), free(cur);
  return fclose(out) != 0;
}
