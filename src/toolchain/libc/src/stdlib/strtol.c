/*
 * Integer parsing: strtoull_core reads [space][sign][0x|0]digits in base 2..36
 * (0 = auto), saturating at the limit it is given and setting ERANGE. The
 * public functions differ only in their limits. Example: strtol("  -0x1fz",
 * &e, 0) is -31 with e at "z"; strtol("0x", &e, 16) is 0 with e at "x".
 */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>

static int digit_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* Parses magnitude and sign; clamps to max (for negative results: max_neg). */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long max,
                                unsigned long long max_neg, int is_unsigned) {
  const char *p = s;
  int neg = 0, any = 0, over = 0;
  unsigned long long v = 0;
  if (base < 0 || base == 1 || base > 36) {
    errno = EINVAL;
    if (end) *end = (char *)s;
    return 0;
  }
  while (isspace((unsigned char)*p)) p++;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && digit_value(p[2]) < 16) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = *p == '0' ? 8 : 10;
  }
  for (;; p++, any = 1) {
    int d = digit_value((unsigned char)*p);
    if (d >= base) break;
    if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base) over = 1;
    else v = v * (unsigned)base + (unsigned)d;
  }
  if (end) *end = (char *)(any ? p : s);
  if (!is_unsigned) max = neg ? max_neg : max;
  if (over || v > max) {
    errno = ERANGE;
    if (is_unsigned) return max;
    return neg ? -max_neg : max;
  }
  return neg ? -v : v;
}

long strtol(const char *s, char **end, int base) {
  return (long)parse(s, end, base, LONG_MAX, (unsigned long)LONG_MAX + 1, 0);
}

unsigned long strtoul(const char *s, char **end, int base) {
  return (unsigned long)parse(s, end, base, ULONG_MAX, 0, 1);
}

long long strtoll(const char *s, char **end, int base) {
  return (long long)parse(s, end, base, LLONG_MAX, (unsigned long long)LLONG_MAX + 1, 0);
}

unsigned long long strtoull(const char *s, char **end, int base) {
  return parse(s, end, base, ULLONG_MAX, 0, 1);
}

intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
double atof(const char *s) { return strtod(s, NULL); }
