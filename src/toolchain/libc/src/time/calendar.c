/*
 * Calendar conversions, always in UTC (no time zones): gmtime splits seconds
 * since the epoch into fields with the days-from-civil algorithm; mktime and
 * timegm normalise out-of-range fields and invert it. Example: 0 is
 * 1970-01-01 00:00:00, a Thursday (tm_wday 4).
 */
#include <time.h>

static long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int is_leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

struct tm *gmtime_r(const time_t *t, struct tm *tm) {
  long long secs = *t;
  long long days = secs / 86400, rem = secs % 86400;
  if (rem < 0) rem += 86400, days--;
  tm->tm_hour = (int)(rem / 3600);
  tm->tm_min = (int)(rem / 60 % 60);
  tm->tm_sec = (int)(rem % 60);
  tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  long long y = yoe + era * 400 + (m <= 2);
  tm->tm_year = (int)(y - 1900);
  tm->tm_mon = m - 1;
  tm->tm_mday = d;
  tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
  tm->tm_isdst = 0;
  tm->tm_gmtoff = 0;
  tm->tm_zone = "GMT";
  return tm;
}

struct tm *gmtime(const time_t *t) {
  static struct tm tm;
  return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm) { return gmtime_r(t, tm); }

struct tm *localtime(const time_t *t) { return gmtime(t); }

time_t timegm(struct tm *tm) {
  long long mon = tm->tm_mon, year = tm->tm_year + 1900LL;
  year += mon / 12;
  mon %= 12;
  if (mon < 0) mon += 12, year--;
  long long days = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
  long long secs = days * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
  time_t t = (time_t)secs;
  gmtime_r(&t, tm);
  return t;
}

time_t mktime(struct tm *tm) { return timegm(tm); }

int __is_leap(long long y) { return is_leap(y); }
