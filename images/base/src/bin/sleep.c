/*
 * sleep NUMBER[smhd]...: pause for the sum of the given intervals
 * (seconds by default; fractions allowed: "sleep 0.5 1m").
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "util.h"

int main(int argc, char **argv) {
  double total = 0;
  set_prog(argv[0]);
  if (argc < 2) die(1, "missing operand");
  for (int i = 1; i < argc; i++) {
    char *end;
    double v = strtod(argv[i], &end);
    double mul = 1;
    if (*end == 'm') mul = 60, end++;
    else if (*end == 'h') mul = 3600, end++;
    else if (*end == 'd') mul = 86400, end++;
    else if (*end == 's') end++;
    if (end == argv[i] || *end || v < 0) die(1, "invalid time interval '%s'", argv[i]);
    total += v * mul;
  }
  struct timespec ts;
  ts.tv_sec = (time_t)total;
  ts.tv_nsec = (long)((total - (double)ts.tv_sec) * 1e9);
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
  return 0;
}
