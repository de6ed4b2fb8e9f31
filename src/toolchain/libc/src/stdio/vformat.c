/*
 * The printf engine: parses each conversion specification
 * (%[flags][width][.prec][length]conv, with * for width/precision) and
 * writes the result to a sink. Integers, characters, strings and pointers
 * are handled here; floating conversions go to __format_float. Follows
 * glibc's output for the edge cases: "(nil)" for a null %p, "(null)" for a
 * null %s, %m for strerror(errno). Positional arguments (%1$d) are not
 * supported. Example: "%-+6.3d|" of 7 writes "+007  |".
 */
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include "../internal/format.h"

static const char spaces[] = "                                ";
static const char zeros[] = "00000000000000000000000000000000";

void __pad(struct sink *out, char c, int n) {
  const char *s = c == '0' ? zeros : spaces;
  while (n > 0) {
    int k = n < 32 ? n : 32;
    __sink_put(out, s, (size_t)k);
    n -= k;
  }
}

/* Writes digits of v in base (8, 10, 16) ending at end; returns the first digit. */
static char *to_digits(unsigned long long v, unsigned base, int upper, char *end) {
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  unsigned small = (unsigned)v;
  while (v >> 32) {
    *--end = set[v % base];
    v /= base;
    small = (unsigned)v;
  }
  while (small) {
    *--end = set[small % base];
    small /= base;
  }
  return end;
}

/* Emits [pad][prefix][zeros][digits][pad] as the integer conversions need. */
static void put_number(struct sink *out, const struct spec *sp, const char *prefix,
                       const char *digits, int n) {
  int plen = (int)strlen(prefix);
  int zpad = sp->prec > n ? sp->prec - n : 0;
  int total = plen + zpad + n;
  if (sp->zero && !sp->minus && sp->prec < 0 && sp->width > total) {
    zpad += sp->width - total;
    total = sp->width;
  }
  if (!sp->minus) __pad(out, ' ', sp->width - total);
  __sink_put(out, prefix, (size_t)plen);
  __pad(out, '0', zpad);
  __sink_put(out, digits, (size_t)n);
  if (sp->minus) __pad(out, ' ', sp->width - total);
}

static void put_text(struct sink *out, const struct spec *sp, const char *s, int n) {
  if (!sp->minus) __pad(out, ' ', sp->width - n);
  __sink_put(out, s, (size_t)n);
  if (sp->minus) __pad(out, ' ', sp->width - n);
}

static long long signed_arg(int len, va_list *ap) {
  switch (len) {
  case LEN_HH: return (signed char)va_arg(*ap, int);
  case LEN_H: return (short)va_arg(*ap, int);
  case LEN_LL:
  case LEN_J:
  case LEN_LD: return va_arg(*ap, long long);
  default: return va_arg(*ap, int);
  }
}

static unsigned long long unsigned_arg(int len, va_list *ap) {
  switch (len) {
  case LEN_HH: return (unsigned char)va_arg(*ap, unsigned);
  case LEN_H: return (unsigned short)va_arg(*ap, unsigned);
  case LEN_LL:
  case LEN_J:
  case LEN_LD: return va_arg(*ap, unsigned long long);
  default: return va_arg(*ap, unsigned);
  }
}

static void format_int(struct sink *out, struct spec *sp, va_list *ap) {
  char buf[32], *end = buf + sizeof buf;
  const char *prefix = "";
  unsigned long long v;
  char c = sp->conv;
  if (c == 'd' || c == 'i') {
    long long s = signed_arg(sp->len, ap);
    v = s < 0 ? 0 - (unsigned long long)s : (unsigned long long)s;
    prefix = s < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
  } else {
    v = unsigned_arg(sp->len, ap);
  }
  unsigned base = c == 'o' ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
  char *digits = to_digits(v, base, c == 'X', end);
  if (v == 0 && sp->prec != 0) *--digits = '0';
  int n = (int)(end - digits);
  if (c == 'p' || ((c == 'x' || c == 'X') && sp->hash && v)) prefix = c == 'X' ? "0X" : "0x";
  if (c == 'o' && sp->hash && (n == 0 || digits[0] != '0') && sp->prec <= n) *--digits = '0', n++;
  put_number(out, sp, prefix, digits, n);
}

static void format_string(struct sink *out, const struct spec *sp, const char *s) {
  if (!s) s = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
  int n = (int)(sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s));
  put_text(out, sp, s, n);
}

static void store_count(int len, va_list *ap, size_t count) {
  switch (len) {
  case LEN_HH: *va_arg(*ap, signed char *) = (signed char)count; break;
  case LEN_H: *va_arg(*ap, short *) = (short)count; break;
  case LEN_LL:
  case LEN_J: *va_arg(*ap, long long *) = (long long)count; break;
  default: *va_arg(*ap, int *) = (int)count; break;
  }
}

static void format_float_arg(struct sink *out, const struct spec *sp, va_list *ap) {
  struct fval fv;
  if (sp->len == LEN_LD) __fval_from_long_double(va_arg(*ap, long double), &fv);
  else __fval_from_double(va_arg(*ap, double), &fv);
  __format_float(out, sp, &fv);
}

/* Formats one conversion whose spec is parsed. */
static void convert(struct sink *out, struct spec *sp, va_list *ap, int saved_errno) {
  char ch;
  switch (sp->conv) {
  case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
    format_int(out, sp, ap);
    break;
  case 'p': {
    void *p = va_arg(*ap, void *);
    if (!p) {
      put_text(out, sp, "(nil)", 5);
      break;
    }
    sp->len = LEN_NONE;
    char buf[16], *end = buf + sizeof buf;
    char *digits = to_digits((uintptr_t)p, 16, 0, end);
    put_number(out, sp, "0x", digits, (int)(end - digits));
    break;
  }
  case 'c':
    ch = (char)va_arg(*ap, int);
    put_text(out, sp, &ch, 1);
    break;
  case 's': format_string(out, sp, va_arg(*ap, const char *)); break;
  case 'm': format_string(out, sp, strerror(saved_errno)); break;
  case 'n': store_count(sp->len, ap, out->count); break;
  case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
    format_float_arg(out, sp, ap);
    break;
  case '%': __sink_put(out, "%", 1); break;
  }
}

/* Parses flags, width, precision and length at *fmt; returns the conversion character or 0. */
static char parse_spec(const char **fmt, struct spec *sp, va_list *ap) {
  const char *p = *fmt;
  memset(sp, 0, sizeof *sp);
  sp->prec = -1;
  for (;; p++) {
    if (*p == '-') sp->minus = 1;
    else if (*p == '+') sp->plus = 1;
    else if (*p == ' ') sp->space = 1;
    else if (*p == '#') sp->hash = 1;
    else if (*p == '0') sp->zero = 1;
    else if (*p != '\'' && *p != 'I') break;
  }
  if (*p == '*') {
    sp->width = va_arg(*ap, int);
    if (sp->width < 0) sp->minus = 1, sp->width = -sp->width;
    p++;
  } else {
    while (*p >= '0' && *p <= '9') sp->width = sp->width * 10 + (*p++ - '0');
  }
  if (*p == '.') {
    p++;
    sp->prec = 0;
    if (*p == '*') {
      sp->prec = va_arg(*ap, int);
      if (sp->prec < 0) sp->prec = -1;
      p++;
    } else {
      while (*p >= '0' && *p <= '9') sp->prec = sp->prec * 10 + (*p++ - '0');
    }
  }
  for (;; p++) {
    if (*p == 'h') sp->len = sp->len == LEN_H ? LEN_HH : LEN_H;
    else if (*p == 'l') sp->len = sp->len == LEN_L ? LEN_LL : LEN_L;
    else if (*p == 'L' || *p == 'q') sp->len = *p == 'L' ? LEN_LD : LEN_LL;
    else if (*p == 'j') sp->len = LEN_J;
    else if (*p == 'z') sp->len = LEN_Z;
    else if (*p == 't') sp->len = LEN_T;
    else break;
  }
  sp->conv = *p;
  *fmt = *p ? p + 1 : p;
  return *p;
}

int __vformat(struct sink *out, const char *fmt, va_list ap) {
  va_list args;
  int saved_errno = errno;
  va_copy(args, ap);
  while (*fmt) {
    const char *pct = strchr(fmt, '%');
    if (!pct) pct = fmt + strlen(fmt);
    __sink_put(out, fmt, (size_t)(pct - fmt));
    if (!*pct) break;
    const char *start = pct;
    fmt = pct + 1;
    struct spec sp;
    char c = parse_spec(&fmt, &sp, &args);
    if (!c || !strchr("diuoxXpcsmnfFeEgGaA%", c)) {
      __sink_put(out, start, (size_t)(fmt - start));
      continue;
    }
    convert(out, &sp, &args, saved_errno);
  }
  va_end(args);
  return (int)out->count;
}
