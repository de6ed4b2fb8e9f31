/* The scanf family: wrappers that build a source (FILE or string) for __vscan. */
#include <stdio.h>
#include "../internal/libc.h"

int vfscanf(FILE *f, const char *fmt, va_list ap) {
  struct source in = {f, NULL, 0, 0};
  return __vscan(&in, fmt, ap);
}

int vsscanf(const char *s, const char *fmt, va_list ap) {
  struct source in = {NULL, s, 0, 0};
  return __vscan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

int scanf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfscanf(stdin, fmt, ap);
  va_end(ap);
  return n;
}

int fscanf(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfscanf(f, fmt, ap);
  va_end(ap);
  return n;
}

int sscanf(const char *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsscanf(s, fmt, ap);
  va_end(ap);
  return n;
}
