/*
 * util.c - memory helpers, growable strings, error reporting.
 *
 * Allocation failure is fatal (the shell cannot continue). sh_error prints
 * "sh: msg" and unwinds to the top level (see main.c): a non-interactive
 * shell then exits with status 2, an interactive one prints a new prompt.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    write(2, "sh: out of memory\n", 18);
    _exit(2);
  }
  return p;
}

void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) {
    write(2, "sh: out of memory\n", 18);
    _exit(2);
  }
  return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

void str_addc(Str *b, int c) {
  if (b->n + 2 > b->cap) {
    b->cap = b->cap ? b->cap * 2 : 32;
    b->s = xrealloc(b->s, b->cap);
  }
  b->s[b->n++] = (char)c;
  b->s[b->n] = 0;
}

void str_addn(Str *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 32;
    b->s = xrealloc(b->s, b->cap);
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

void str_adds(Str *b, const char *s) { str_addn(b, s, strlen(s)); }

/* Returns the string (never NULL) and resets the buffer. */
char *str_take(Str *b) {
  char *s = b->s ? b->s : xstrdup("");
  b->s = NULL;
  b->n = b->cap = 0;
  return s;
}

static void vwarn(const char *fmt, va_list ap) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "%s: ", progname);
  vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
  size_t len = strlen(buf);
  if (len < sizeof buf - 1) buf[len++] = '\n';
  write(2, buf, len);
}

void sh_warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vwarn(fmt, ap);
  va_end(ap);
}

void sh_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vwarn(fmt, ap);
  va_end(ap);
  sh_abort();
}

int is_name_start(int c) { return c == '_' || isalpha((unsigned char)c); }
int is_name_char(int c) { return c == '_' || isalnum((unsigned char)c); }

int is_name(const char *s) {
  if (!is_name_start(*s)) return 0;
  while (*++s)
    if (!is_name_char(*s)) return 0;
  return 1;
}
