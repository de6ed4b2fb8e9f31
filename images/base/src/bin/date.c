/*
 * date [-u] [-d DATE] [+FORMAT]: print the date and time in UTC (denix has
 * no time zones), by default as "%a %b %e %H:%M:%S %Z %Y". DATE is
 * "@SECONDS" or "YYYY-MM-DD[ HH:MM[:SS]]". FORMAT takes strftime's
 * conversions plus %s (seconds since the epoch), %N (nanoseconds),
 * %Z ("UTC") and %z ("+0000"). -u is accepted (always UTC).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static long days_from_civil(long y, long m, long d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int parse_date(const char *s, struct timespec *ts) {
  long y, mo, d, h = 0, mi = 0, sec = 0;
  char extra;
  ts->tv_nsec = 0;
  if (s[0] == '@') {
    char *end;
    ts->tv_sec = (time_t)strtoll(s + 1, &end, 10);
    return *end == 0 && s[1];
  }
  int n = sscanf(s, "%ld-%ld-%ld %ld:%ld:%ld%c", &y, &mo, &d, &h, &mi, &sec, &extra);
  if (n != 3 && n != 5 && n != 6) return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return 0;
  ts->tv_sec = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec);
  return 1;
}

/* Expands %s %N %Z %z (and keeps %% pairs) before strftime sees the format. */
static char *pre_expand(const char *fmt, const struct timespec *ts) {
  size_t cap = strlen(fmt) * 4 + 64, n = 0;
  char *out = xmalloc(cap);
  for (const char *p = fmt; *p; p++) {
    char tmp[32];
    const char *ins = NULL;
    if (p[0] == '%' && p[1]) {
      switch (p[1]) {
      case 's': snprintf(tmp, sizeof tmp, "%lld", (long long)ts->tv_sec), ins = tmp; break;
      case 'N': snprintf(tmp, sizeof tmp, "%09ld", (long)ts->tv_nsec), ins = tmp; break;
      case 'Z': ins = "UTC"; break;
      case 'z': ins = "+0000"; break;
      case '%': ins = "%%"; break;
      }
    }
    if (ins) {
      size_t k = strlen(ins);
      if (n + k + 2 > cap) out = xrealloc(out, cap = (n + k) * 2 + 16);
      memcpy(out + n, ins, k), n += k, p++;
      continue;
    }
    if (n + 2 > cap) out = xrealloc(out, cap *= 2);
    out[n++] = *p;
  }
  out[n] = 0;
  return out;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  struct timespec ts;
  int c, have = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "ud:")) != -1) {
    if (c == 'd') {
      if (!parse_date(o.arg, &ts)) die(1, "invalid date '%s'", o.arg);
      have = 1;
    } else if (c != 'u') {
      return 1;
    }
  }
  const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
  if (o.ind < argc) {
    if (argv[o.ind][0] != '+') die(1, "invalid date '%s'", argv[o.ind]);
    fmt = argv[o.ind] + 1;
    if (o.ind + 1 < argc) die(1, "extra operand '%s'", argv[o.ind + 1]);
  }
  if (!have) clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  time_t t = ts.tv_sec;
  gmtime_r(&t, &tm);
  char *f = pre_expand(fmt, &ts);
  size_t cap = strlen(f) * 8 + 256;
  char *buf = xmalloc(cap);
  size_t n = *f ? strftime(buf, cap, f, &tm) : 0;
  buf[n] = 0;
  puts(buf);
  return 0;
}
