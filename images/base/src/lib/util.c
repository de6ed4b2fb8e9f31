/*
 * util.c: implementation of util.h (messages, allocation, lines, options,
 * human sizes, paths). Every function either succeeds or reports clearly.
 */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *prog_name = "?";

void set_prog(const char *argv0) {
  const char *slash = strrchr(argv0, '/');
  prog_name = slash ? slash + 1 : argv0;
}

void warn_msg(const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  fprintf(stderr, "%s: ", prog_name);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

void warn_errno(const char *what) {
  int e = errno;
  fflush(stdout);
  fprintf(stderr, "%s: %s: %s\n", prog_name, what, strerror(e));
}

void die(int status, const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  fprintf(stderr, "%s: ", prog_name);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(status);
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) die(1, "memory exhausted");
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) die(1, "memory exhausted");
  return q;
}

char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(xmalloc(n), s, n);
}

long read_line(FILE *f, char **buf, size_t *cap) {
  size_t len = 0;
  int c;
  if (!*buf || *cap < 2) {
    *cap = 128;
    *buf = xrealloc(*buf, *cap);
  }
  while ((c = getc(f)) != EOF) {
    if (len + 2 > *cap) {
      *cap *= 2;
      *buf = xrealloc(*buf, *cap);
    }
    (*buf)[len++] = (char)c;
    if (c == '\n') break;
  }
  (*buf)[len] = 0;
  return len == 0 && c == EOF ? -1 : (long)len;
}

int opt_next(struct opt *o, int argc, char **argv, const char *spec) {
  const char *a, *p;
  if (o->ind == 0) o->ind = 1;
  if (o->pos == 0) {
    if (o->ind >= argc) return -1;
    a = argv[o->ind];
    if (a[0] != '-' || a[1] == 0) return -1;
    if (strcmp(a, "--") == 0) {
      o->ind++;
      return -1;
    }
    o->pos = 1;
  }
  a = argv[o->ind];
  o->bad = a[o->pos];
  p = strchr(spec, o->bad);
  o->pos++;
  if (!p || o->bad == ':') {
    warn_msg("invalid option -- '%c'", o->bad);
    if (!a[o->pos]) o->ind++, o->pos = 0;
    return '?';
  }
  if (p[1] == ':') {
    if (a[o->pos]) o->arg = a + o->pos;
    else if (o->ind + 1 < argc) o->arg = argv[++o->ind];
    else {
      warn_msg("option requires an argument -- '%c'", o->bad);
      o->ind++, o->pos = 0;
      return '?';
    }
    o->ind++, o->pos = 0;
    return o->bad;
  }
  if (!a[o->pos]) o->ind++, o->pos = 0;
  return o->bad;
}

void human_size(unsigned long long n, char *out, size_t cap) {
  static const char units[] = "KMGTPE";
  unsigned long long div = 1;
  int u = -1;
  if (n < 1024) {
    snprintf(out, cap, "%llu", n);
    return;
  }
  while (u < 5 && n >= div * 1024) div *= 1024, u++;
  /* tenths, rounded up */
  unsigned long long tenths = (n * 10 + div - 1) / div;
  if (tenths < 100) {
    snprintf(out, cap, "%llu.%llu%c", tenths / 10, tenths % 10, units[u]);
    return;
  }
  unsigned long long whole = (n + div - 1) / div;
  if (whole >= 1024 && u < 5) {
    snprintf(out, cap, "1.0%c", units[u + 1]);
    return;
  }
  snprintf(out, cap, "%llu%c", whole, units[u]);
}

char *path_join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  int slash = la > 0 && a[la - 1] == '/';
  char *p = xmalloc(la + lb + 2);
  memcpy(p, a, la);
  if (!slash) p[la++] = '/';
  memcpy(p + la, b, lb + 1);
  return p;
}

int write_all(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w, n -= (size_t)w;
  }
  return 0;
}
