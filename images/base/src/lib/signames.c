/* signames.c: the Linux i386 signal table behind signames.h. */
#include "signames.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

static const char *const names[SIG_COUNT + 1] = {
  NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
  "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
  "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
};

const char *sig_name(int n) { return n >= 1 && n <= SIG_COUNT ? names[n] : NULL; }

int sig_number(const char *s) {
  if (isdigit((unsigned char)*s)) {
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v > 64 ? -1 : (int)v;
  }
  if (strncasecmp(s, "SIG", 3) == 0) s += 3;
  for (int i = 1; i <= SIG_COUNT; i++)
    if (strcasecmp(s, names[i]) == 0) return i;
  if (strcasecmp(s, "IO") == 0) return 29;
  if (strcasecmp(s, "IOT") == 0) return 6;
  return -1;
}
