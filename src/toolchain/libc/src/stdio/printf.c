/*
 * The printf family: each function builds a sink (a FILE, a bounded buffer
 * or a growing heap buffer) and runs __vformat over it. snprintf returns the
 * length the full output would have, writing at most n-1 characters and a
 * NUL. Stream variants return -1 when the stream's error indicator gets set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include "../internal/libc.h"
#include "../internal/stdio_impl.h"

void __sink_put(struct sink *out, const char *s, size_t n) {
  out->count += n;
  if (out->f) {
    if (n) fwrite(s, 1, n, out->f);
    return;
  }
  if (out->cap > 1) {
    size_t k = n < out->cap - 1 ? n : out->cap - 1;
    memcpy(out->buf, s, k);
    out->buf += k;
    out->cap -= k;
  }
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
  struct sink out = {f, NULL, 0, 0, -1};
  int had_error = ferror(f);
  int n = __vformat(&out, fmt, ap);
  return !had_error && ferror(f) ? -1 : n;
}

int vsnprintf(char *s, size_t n, const char *fmt, va_list ap) {
  struct sink out = {NULL, s, n, 0, -1};
  int r = __vformat(&out, fmt, ap);
  if (n) *out.buf = 0;
  return r;
}

int vsprintf(char *s, const char *fmt, va_list ap) { return vsnprintf(s, INT_MAX, fmt, ap); }
int vprintf(const char *fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int vasprintf(char **out, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  *out = n < 0 ? NULL : malloc((size_t)n + 1);
  if (*out) vsnprintf(*out, (size_t)n + 1, fmt, again);
  va_end(again);
  return *out ? n : -1;
}

int vdprintf(int fd, const char *fmt, va_list ap) {
  char *s;
  int n = vasprintf(&s, fmt, ap);
  if (n < 0) return -1;
  ssize_t w = write(fd, s, (size_t)n);
  free(s);
  return w < 0 ? -1 : n;
}

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return n;
}

int fprintf(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(f, fmt, ap);
  va_end(ap);
  return n;
}

int sprintf(char *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsprintf(s, fmt, ap);
  va_end(ap);
  return n;
}

int snprintf(char *s, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(s, size, fmt, ap);
  va_end(ap);
  return n;
}

int dprintf(int fd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vdprintf(fd, fmt, ap);
  va_end(ap);
  return n;
}

int asprintf(char **out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vasprintf(out, fmt, ap);
  va_end(ap);
  return n;
}
