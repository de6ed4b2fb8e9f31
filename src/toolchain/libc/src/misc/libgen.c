/*
 * basename/dirname (POSIX), err/warn family (BSD). Examples: basename of
 * "/usr/lib/" is "lib", dirname of "/usr/lib/" is "/usr", of "file" is ".";
 * warn("open %s", "x") prints "prog: open x: No such file or directory".
 */
#include <libgen.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char *__progname;

char *basename(char *path) {
  static char dot[] = ".";
  if (!path || !*path) return dot;
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') path[--n] = 0;
  char *slash = strrchr(path, '/');
  return slash && slash[1] ? slash + 1 : path;
}

char *dirname(char *path) {
  static char dot[] = ".";
  if (!path || !*path) return dot;
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  while (n > 0 && path[n - 1] != '/') n--;
  if (n == 0) return dot;
  while (n > 1 && path[n - 1] == '/') n--;
  if (n == 1 && path[0] == '/' && path[1] == '/' && path[2] != '/') n = 2; /* exactly two leading slashes stay, as glibc */
  path[n] = 0;
  return path;
}

static void report(const char *fmt, va_list ap, int with_errno) {
  int e = errno;
  fprintf(stderr, "%s: ", __progname);
  if (fmt) vfprintf(stderr, fmt, ap);
  if (with_errno) fprintf(stderr, fmt ? ": %s\n" : "%s\n", strerror(e));
  else fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap) { report(fmt, ap, 1); }
void vwarnx(const char *fmt, va_list ap) { report(fmt, ap, 0); }

void warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(fmt, ap, 1);
  va_end(ap);
}

void warnx(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(fmt, ap, 0);
  va_end(ap);
}

_Noreturn void err(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(fmt, ap, 1);
  va_end(ap);
  exit(status);
}

_Noreturn void errx(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(fmt, ap, 0);
  va_end(ap);
  exit(status);
}
