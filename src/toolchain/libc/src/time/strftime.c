/*
 * strftime in the C locale, plus asctime/ctime. Supports the C11 conversions
 * (a A b B c C d D e F g G h H I j m M n p r R S t T u U V w W x X y Y z Z %).
 * Example: "%Y-%m-%d %H:%M:%S" of 0 is "1970-01-01 00:00:00".
 */
#include <time.h>
#include <stdio.h>
#include <string.h>

static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday"};
static const char *const months[] = {"January", "February", "March", "April",
                                     "May", "June", "July", "August",
                                     "September", "October", "November", "December"};
int __is_leap(long long y);

/* ISO 8601 week-based year and week number of tm. */
static int iso_week(const struct tm *tm, int *year) {
  int y = tm->tm_year + 1900;
  int wday = (tm->tm_wday + 6) % 7; /* Monday = 0 */
  int week = (tm->tm_yday - wday + 10) / 7;
  if (week < 1) {
    y--;
    int prev_days = __is_leap(y) ? 366 : 365;
    week = (tm->tm_yday + prev_days - wday + 10) / 7;
  } else if (week == 53) {
    int ydays = __is_leap(y) ? 366 : 365;
    if (tm->tm_yday - wday + 3 >= ydays) week = 1, y++;
  }
  *year = y;
  return week;
}

/* Formats one conversion c into tmp; returns its length. */
static int convert(char c, const struct tm *tm, char *tmp, size_t n) {
  int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
  int iy;
  switch (c) {
  case 'a': return snprintf(tmp, n, "%.3s", days[tm->tm_wday % 7]);
  case 'A': return snprintf(tmp, n, "%s", days[tm->tm_wday % 7]);
  case 'b':
  case 'h': return snprintf(tmp, n, "%.3s", months[tm->tm_mon % 12]);
  case 'B': return snprintf(tmp, n, "%s", months[tm->tm_mon % 12]);
  case 'c':
    return snprintf(tmp, n, "%.3s %.3s %2d %02d:%02d:%02d %d", days[tm->tm_wday % 7],
                    months[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
                    tm->tm_year + 1900);
  case 'C': return snprintf(tmp, n, "%02d", (tm->tm_year + 1900) / 100);
  case 'd': return snprintf(tmp, n, "%02d", tm->tm_mday);
  case 'D':
  case 'x': return snprintf(tmp, n, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday, tm->tm_year % 100);
  case 'e': return snprintf(tmp, n, "%2d", tm->tm_mday);
  case 'F': return snprintf(tmp, n, "%d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
  case 'g': iso_week(tm, &iy); return snprintf(tmp, n, "%02d", iy % 100);
  case 'G': iso_week(tm, &iy); return snprintf(tmp, n, "%d", iy);
  case 'H': return snprintf(tmp, n, "%02d", tm->tm_hour);
  case 'I': return snprintf(tmp, n, "%02d", hour12);
  case 'j': return snprintf(tmp, n, "%03d", tm->tm_yday + 1);
  case 'm': return snprintf(tmp, n, "%02d", tm->tm_mon + 1);
  case 'M': return snprintf(tmp, n, "%02d", tm->tm_min);
  case 'n': return snprintf(tmp, n, "\n");
  case 'p': return snprintf(tmp, n, "%s", tm->tm_hour < 12 ? "AM" : "PM");
  case 'r': return snprintf(tmp, n, "%02d:%02d:%02d %s", hour12, tm->tm_min, tm->tm_sec, tm->tm_hour < 12 ? "AM" : "PM");
  case 'R': return snprintf(tmp, n, "%02d:%02d", tm->tm_hour, tm->tm_min);
  case 's': return snprintf(tmp, n, "%ld", (long)timegm((struct tm *)tm));
  case 'S': return snprintf(tmp, n, "%02d", tm->tm_sec);
  case 't': return snprintf(tmp, n, "\t");
  case 'T':
  case 'X': return snprintf(tmp, n, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec);
  case 'u': return snprintf(tmp, n, "%d", tm->tm_wday ? tm->tm_wday : 7);
  case 'U': return snprintf(tmp, n, "%02d", (tm->tm_yday + 7 - tm->tm_wday) / 7);
  case 'V': return snprintf(tmp, n, "%02d", iso_week(tm, &iy));
  case 'w': return snprintf(tmp, n, "%d", tm->tm_wday);
  case 'W': return snprintf(tmp, n, "%02d", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7);
  case 'y': return snprintf(tmp, n, "%02d", tm->tm_year % 100);
  case 'Y': return snprintf(tmp, n, "%d", tm->tm_year + 1900);
  case 'z': return snprintf(tmp, n, "+0000");
  case 'Z': return snprintf(tmp, n, "GMT");
  case '%': return snprintf(tmp, n, "%%");
  }
  return snprintf(tmp, n, "%%%c", c);
}

/* Applies GNU flags ('-' no padding, '_' spaces, '0' zeros, '^' upper case) and a width to tmp;
 * a width pads numbers with zeros (spaces after '-' or '_') and names with spaces. */
static int decorate(char *tmp, int k, char conv, char flag, int width, int upper) {
  int numeric = strchr("CdegGHIjmMSuUVwWyY", conv) != NULL;
  int start = 0;
  if (numeric && (flag == '-' || flag == '_' || flag == '0')) {
    while (start < k - 1 && (tmp[start] == '0' || tmp[start] == ' ')) start++;
    memmove(tmp, tmp + start, (size_t)(k - start));
    int unpadded = k - start;
    if (flag != '-') {
      int pad = start;
      memmove(tmp + pad, tmp, (size_t)unpadded);
      memset(tmp, flag == '_' ? ' ' : '0', (size_t)pad);
    } else {
      k = unpadded;
    }
  }
  if (upper)
    for (int i = 0; i < k; i++)
      if (tmp[i] >= 'a' && tmp[i] <= 'z') tmp[i] = (char)(tmp[i] - 32);
  if (width > k && width < 60) {
    char fill = flag == '0' || (numeric && !flag) ? '0' : ' ';
    memmove(tmp + (width - k), tmp, (size_t)k);
    memset(tmp, fill, (size_t)(width - k));
    k = width;
  }
  return k;
}

/*
 * Returns the length written (without NUL), or 0 if the result does not fit
 * in n. GNU extensions: flags '-' '_' '0' '^' and a field width after '%'.
 */
size_t strftime(char *s, size_t n, const char *fmt, const struct tm *tm) {
  size_t len = 0;
  char tmp[64];
  for (; *fmt; fmt++) {
    int k = 1;
    tmp[0] = *fmt;
    if (*fmt == '%' && fmt[1]) {
      char flag = 0;
      int width = 0, upper = 0;
      for (fmt++; *fmt == '-' || *fmt == '_' || *fmt == '0' || *fmt == '^'; fmt++) {
        if (*fmt == '^') upper = 1;
        else flag = *fmt;
      }
      while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
      if (*fmt == 'E' || *fmt == 'O') fmt++;
      if (!*fmt) break;
      k = convert(*fmt, tm, tmp, sizeof tmp);
      k = decorate(tmp, k, *fmt, flag, width, upper);
    }
    if (len + (size_t)k >= n) return 0;
    memcpy(s + len, tmp, (size_t)k);
    len += (size_t)k;
  }
  s[len] = 0;
  return len;
}

char *asctime(const struct tm *tm) {
  static char buf[32];
  snprintf(buf, sizeof buf, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", days[tm->tm_wday % 7],
           months[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
           tm->tm_year + 1900);
  return buf;
}

char *ctime(const time_t *t) { return asctime(localtime(t)); }
