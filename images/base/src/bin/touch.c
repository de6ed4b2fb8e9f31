/*
 * touch [-c] [-d DATE] FILE...: set the access and modification times of
 * each FILE to now (or DATE: "@SECONDS" or "YYYY-MM-DD[ HH:MM[:SS]]" UTC),
 * creating empty files that do not exist (unless -c). Exit 1 on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long days_from_civil(long y, long m, long d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int parse_date(const char *s, struct timespec *ts) {
  long y, mo, d, h = 0, mi = 0, sec = 0;
  char extra;
  if (s[0] == '@') {
    char *end;
    ts->tv_sec = (time_t)strtol(s + 1, &end, 10), ts->tv_nsec = 0;
    return *end == 0;
  }
  int n = sscanf(s, "%ld-%ld-%ld %ld:%ld:%ld%c", &y, &mo, &d, &h, &mi, &sec, &extra);
  if (n != 3 && n != 5 && n != 6) return 0;
  ts->tv_sec = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec);
  ts->tv_nsec = 0;
  return 1;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  struct timespec ts[2];
  int c, no_create = 0, rc = 0, have_date = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "cd:")) != -1) {
    if (c == 'c') no_create = 1;
    else if (c == 'd') {
      if (!parse_date(o.arg, &ts[0])) die(1, "invalid date format '%s'", o.arg);
      ts[1] = ts[0], have_date = 1;
    } else return 1;
  }
  if (o.ind >= argc) die(1, "missing file operand");
  for (int i = o.ind; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      if (no_create) continue;
      int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
      if (fd < 0) {
        char msg[4200];
        snprintf(msg, sizeof msg, "cannot touch '%s'", argv[i]);
        warn_errno(msg);
        rc = 1;
        continue;
      }
      close(fd);
      if (!have_date) continue;
    }
    if (utimensat(AT_FDCWD, argv[i], have_date ? ts : NULL, 0) != 0) {
      char msg[4200];
      snprintf(msg, sizeof msg, "setting times of '%s'", argv[i]);
      warn_errno(msg);
      rc = 1;
    }
  }
  return rc;
}
