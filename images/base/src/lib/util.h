/*
 * util.h: helpers shared by the denix tools (images/base/src/bin).
 *
 * Error reporting in the GNU style ("prog: what: reason"), checked
 * allocation, line reading without getline, a portable option scanner
 * (POSIX rules: options stop at the first operand or "--", the same on
 * every libc), GNU-style human-readable sizes and path joining.
 */
#ifndef DENIX_UTIL_H
#define DENIX_UTIL_H

#include <stddef.h>
#include <stdio.h>

/** The program name used in messages (basename of argv[0]). */
extern const char *prog_name;

/** Sets prog_name from argv[0]. */
void set_prog(const char *argv0);

/** Prints "prog: <formatted>\n" on stderr. */
void warn_msg(const char *fmt, ...);

/** Prints "prog: what: strerror(errno)\n" on stderr. */
void warn_errno(const char *what);

/** warn_msg then exit(status). */
_Noreturn void die(int status, const char *fmt, ...);

/** malloc/realloc/strdup that exit with a message on exhaustion. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/**
 * Reads one line (with its '\n' if present) into *buf, growing it.
 * Returns the length, or -1 at end of input. The buffer is NUL-terminated;
 * lines may contain NUL bytes (use the length).
 */
long read_line(FILE *f, char **buf, size_t *cap);

/** Option scanner state: see opt_next. */
struct opt {
  int ind;         /* index of the next argv element to scan (starts at 1) */
  int pos;         /* position inside a cluster like "-abc" */
  const char *arg; /* the argument of the option just returned */
  int bad;         /* the offending character after a '?' return */
};

/**
 * Returns the next option character listed in spec ("ab:c": b takes an
 * argument), '?' for an unknown option or a missing argument (with a GNU
 * style message), or -1 at the first operand, at "-" or after "--".
 * Example: argv = {"ls", "-la", "x"}: 'l', 'a', -1 with o->ind == 2.
 */
int opt_next(struct opt *o, int argc, char **argv, const char *spec);

/** Formats n like GNU -h (1023, 1.0K, 1.5M, 12G: one decimal below 10, rounded up). */
void human_size(unsigned long long n, char *out, size_t cap);

/** Returns a new string "a/b" (no doubled slash when a ends with '/'). */
char *path_join(const char *a, const char *b);

/** Writes all n bytes to fd, retrying short writes; returns 0 or -1. */
int write_all(int fd, const void *buf, size_t n);

#endif
