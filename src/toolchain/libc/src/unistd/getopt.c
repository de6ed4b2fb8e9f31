/*
 * POSIX getopt. Example: with optstring "ab:" and argv {"p", "-a", "-bx", "f"}
 * calls return 'a', then 'b' with optarg "x", then -1 with optind 3. Unknown
 * options and missing arguments return '?' (or ':' when optstring starts with
 * ':') and print glibc's messages when opterr is set.
 */
#include <unistd.h>
#include <stdio.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int pos = 1; /* index inside argv[optind] of the next option character */

static int fail(char *const argv[], const char *optstring, const char *msg, int c) {
  optopt = c;
  if (opterr && optstring[0] != ':') fprintf(stderr, "%s: %s -- '%c'\n", argv[0], msg, c);
  return optstring[0] == ':' && msg[0] == 'o' ? ':' : '?';
}

int getopt(int argc, char *const argv[], const char *optstring) {
  if (optind == 0) optind = 1, pos = 1;
  if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1]) return -1;
  if (strcmp(argv[optind], "--") == 0) {
    optind++;
    return -1;
  }
  char *arg = argv[optind];
  int c = (unsigned char)arg[pos++];
  const char *spec = c == ':' ? NULL : strchr(optstring, c);
  if (!arg[pos]) optind++, pos = 1;
  if (!spec) return fail(argv, optstring, "invalid option", c);
  if (spec[1] != ':') return c;
  if (pos > 1) {
    optarg = arg + pos;
    optind++, pos = 1;
  } else if (optind < argc) {
    optarg = argv[optind++];
  } else {
    return fail(argv, optstring, "option requires an argument", c);
  }
  return c;
}
