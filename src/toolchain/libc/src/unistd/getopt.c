/*
 * getopt with glibc's behaviour. Example: with optstring "ab:" and argv
 * {"p", "-a", "-bx", "f"} calls return 'a', then 'b' with optarg "x", then -1
 * with optind 3. Like glibc, non-option arguments are permuted to the end
 * (so "p f -a" also yields 'a', leaving optind at "f"), unless optstring
 * starts with '+' or POSIXLY_CORRECT is set, in which case scanning stops
 * at the first non-option. Unknown options and missing arguments return '?'
 * (or ':' for a missing argument when optstring starts with ':') and print
 * glibc's messages when opterr is set. getopt_long adds "--name", "--name=value"
 * and "--name value" with unique-prefix matching.
 */
#include <unistd.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int pos = 1;                 /* index inside argv[optind] of the next option character */
static int first_nonopt = 1, last_nonopt = 1; /* the block of skipped non-options */

static int fail(char *const argv[], int colon, const char *msg, int c) {
  optopt = c;
  if (opterr && !colon) fprintf(stderr, "%s: %s -- '%c'\n", argv[0], msg, c);
  return colon && msg[0] == 'o' ? ':' : '?';
}

static int is_nonopt(char *const argv[], int i) { return argv[i][0] != '-' || argv[i][1] == 0; }

/* Moves the non-options [first_nonopt, last_nonopt) after the options [last_nonopt, optind). */
static void exchange(char *const argv[]) {
  char **v = (char **)argv;
  int nonopts = last_nonopt - first_nonopt;
  for (int i = last_nonopt; i < optind; i++) {
    char *opt = v[i];
    for (int j = i; j > i - nonopts; j--) v[j] = v[j - 1];
    v[i - nonopts] = opt;
  }
  first_nonopt += optind - last_nonopt;
  last_nonopt = optind;
}

/* Positions optind on the next option (permuting unless posix); returns 0 or -1 at the end. */
static int next_option(int argc, char *const argv[], int posix) {
  if (last_nonopt > optind) last_nonopt = optind;
  if (first_nonopt > optind) first_nonopt = optind;
  if (posix) {
    if (optind >= argc || is_nonopt(argv, optind)) return -1;
  } else {
    if (first_nonopt != last_nonopt && last_nonopt != optind) exchange(argv);
    else if (last_nonopt != optind) first_nonopt = optind;
    while (optind < argc && is_nonopt(argv, optind)) optind++;
    last_nonopt = optind;
  }
  if (optind < argc && strcmp(argv[optind], "--") == 0) {
    optind++;
    if (posix) return -1;
    if (first_nonopt != last_nonopt && last_nonopt != optind) exchange(argv);
    else if (first_nonopt == last_nonopt) first_nonopt = optind;
    last_nonopt = argc;
    optind = argc;
  }
  if (optind >= argc) {
    if (!posix && first_nonopt != last_nonopt) optind = first_nonopt;
    return -1;
  }
  return 0;
}

/* Finds the long option named by name[0..n): exact match, else a unique prefix; -1 none, -2 ambiguous. */
static int find_long(const struct option *opts, const char *name, size_t n) {
  int found = -1;
  for (int i = 0; opts[i].name; i++) {
    if (strncmp(opts[i].name, name, n) != 0) continue;
    if (strlen(opts[i].name) == n) return i;
    if (found >= 0 && (opts[found].has_arg != opts[i].has_arg || opts[found].flag != opts[i].flag ||
                       opts[found].val != opts[i].val))
      return -2;
    if (found < 0) found = i;
  }
  return found;
}

static int long_fail(char *const argv[], int colon, const char *fmt, const char *name, int opt) {
  optopt = opt;
  if (opterr) fprintf(stderr, fmt, argv[0], name);
  return colon && strstr(fmt, "requires") ? ':' : '?';
}

/* Handles argv[optind] = "--name[=value]". */
static int long_option(int argc, char *const argv[], const struct option *opts, int *index, int colon) {
  char *name = argv[optind++] + 2;
  size_t n = strcspn(name, "=");
  int i = find_long(opts, name, n);
  if (i == -2) return long_fail(argv, colon, "%s: option '--%s' is ambiguous\n", name, 0);
  if (i < 0) return long_fail(argv, colon, "%s: unrecognized option '--%s'\n", name, 0);
  const struct option *o = &opts[i];
  if (index) *index = i;
  if (name[n] == '=') {
    if (o->has_arg == no_argument)
      return long_fail(argv, colon, "%s: option '--%s' doesn't allow an argument\n", o->name, o->val);
    optarg = name + n + 1;
  } else if (o->has_arg == required_argument) {
    if (optind >= argc) return long_fail(argv, colon, "%s: option '--%s' requires an argument\n", o->name, o->val);
    optarg = argv[optind++];
  }
  if (o->flag) {
    *o->flag = o->val;
    return 0;
  }
  return o->val;
}

static int getopt_core(int argc, char *const argv[], const char *optstring,
                       const struct option *longopts, int *longindex) {
  int posix = *optstring == '+' || getenv("POSIXLY_CORRECT") != NULL;
  if (*optstring == '+' || *optstring == '-') optstring++;
  int colon = *optstring == ':';
  optarg = NULL;
  if (optind == 0) optind = 1, pos = 1, first_nonopt = last_nonopt = 1;
  if (pos == 1 && next_option(argc, argv, posix) < 0) return -1;
  char *arg = argv[optind];
  if (longopts && pos == 1 && arg[1] == '-') return long_option(argc, argv, longopts, longindex, colon);
  int c = (unsigned char)arg[pos++];
  const char *spec = c == ':' ? NULL : strchr(optstring, c);
  if (!arg[pos]) optind++, pos = 1;
  if (!spec) return fail(argv, colon, "invalid option", c);
  if (spec[1] != ':') return c;
  if (spec[2] == ':') { /* optional argument: only when attached */
    if (pos > 1) optarg = arg + pos, optind++, pos = 1;
    return c;
  }
  if (pos > 1) {
    optarg = arg + pos;
    optind++, pos = 1;
  } else if (optind < argc) {
    optarg = argv[optind++];
  } else {
    return fail(argv, colon, "option requires an argument", c);
  }
  return c;
}

int getopt(int argc, char *const argv[], const char *optstring) {
  return getopt_core(argc, argv, optstring, NULL, NULL);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longindex) {
  return getopt_core(argc, argv, optstring, longopts, longindex);
}
