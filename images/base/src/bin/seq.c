/*
 * seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST: print numbers from FIRST
 * (default 1) by INCREMENT (default 1) while not past LAST, one per line
 * (or separated by SEP). Integers use exact 64-bit arithmetic (no floating
 * point); decimals use long double and print with as many
 * fraction digits as FIRST or INCREMENT has. -w pads with leading zeros to
 * equal width. Negative operands are not options ("seq -1 1").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int frac_digits(const char *s) {
  const char *dot = strchr(s, '.');
  if (!dot) return 0;
  int n = 0;
  for (dot++; *dot >= '0' && *dot <= '9'; dot++) n++;
  return n;
}

static long double parse(const char *s) {
  char *end;
  long double v = strtold(s, &end);
  if (!*s || *end) die(1, "invalid floating point argument: '%s'", s);
  return v;
}

static int is_integer(const char *s) {
  if (*s == '-' || *s == '+') s++;
  return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 18;
}

/* Integer sequences in exact 64-bit arithmetic (no floating point needed). */
static int int_seq(const char *sf, const char *si, const char *sl, const char *sep, int width_eq) {
  long long first = strtoll(sf, NULL, 10), inc = strtoll(si, NULL, 10), last = strtoll(sl, NULL, 10);
  if (inc == 0) die(1, "invalid Zero increment value: '%s'", si);
  int width = 0;
  if (width_eq) {
    char a[32], b[32];
    snprintf(a, sizeof a, "%lld", first), snprintf(b, sizeof b, "%lld", last);
    width = (int)(strlen(a) > strlen(b) ? strlen(a) : strlen(b));
  }
  int first_out = 1;
  for (long long v = first; inc > 0 ? v <= last : v >= last; v += inc) {
    if (!first_out) fputs(sep, stdout);
    if (width_eq && v < 0) printf("-%0*lld", width - 1, -v);
    else printf(width_eq ? "%0*lld" : "%*lld", width, v);
    first_out = 0;
  }
  if (!first_out) putchar('\n');
  return 0;
}

int main(int argc, char **argv) {
  const char *sep = "\n";
  int width_eq = 0, i = 1;
  set_prog(argv[0]);
  while (i < argc && argv[i][0] == '-' && argv[i][1] && !(argv[i][1] >= '0' && argv[i][1] <= '9') && argv[i][1] != '.') {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (strcmp(argv[i], "-w") == 0) width_eq = 1;
    else if (strncmp(argv[i], "-s", 2) == 0) {
      if (argv[i][2]) sep = argv[i] + 2;
      else if (i + 1 < argc) sep = argv[++i];
      else die(1, "option requires an argument -- 's'");
    } else {
      die(1, "invalid option -- '%c'", argv[i][1]);
    }
    i++;
  }
  int n = argc - i;
  if (n < 1) die(1, "missing operand");
  if (n > 3) die(1, "extra operand '%s'", argv[i + 3]);
  const char *sf = n > 1 ? argv[i] : "1", *si = n > 2 ? argv[i + 1] : "1", *sl = argv[argc - 1];
  if (is_integer(sf) && is_integer(si) && is_integer(sl)) return int_seq(sf, si, sl, sep, width_eq);
  long double first = parse(sf), inc = parse(si), last = parse(sl);
  if (inc == 0) die(1, "invalid Zero increment value: '%s'", si);
  int prec = frac_digits(sf) > frac_digits(si) ? frac_digits(sf) : frac_digits(si);
  int width = 0;
  if (width_eq) {
    char a[64], b[64];
    snprintf(a, sizeof a, "%.*Lf", prec, first);
    snprintf(b, sizeof b, "%.*Lf", prec, last);
    width = (int)(strlen(a) > strlen(b) ? strlen(a) : strlen(b));
  }
  int first_out = 1;
  for (long long k = 0;; k++) {
    long double v = first + (long double)k * inc;
    if (inc > 0 ? v > last : v < last) break;
    if (!first_out) fputs(sep, stdout);
    printf(width_eq ? "%0*.*Lf" : "%*.*Lf", width, prec, v);
    first_out = 0;
  }
  if (!first_out) putchar('\n');
  return 0;
}
