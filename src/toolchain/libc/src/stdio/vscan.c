/*
 * The scanf engine over a source (FILE or string). Supports whitespace and
 * literal matching, %%, assignment suppression (*), widths, the length
 * modifiers hh h l ll j z t L q and the conversions d i u o x X p n c s [set]
 * f F e E g G a A. Returns the number of assignments, or EOF when input ends
 * before the first conversion. Integers go through strtol/strtoul (32-bit,
 * saturating) or strtoll/strtoull (ll, j) and are then narrowed, as glibc
 * does. Example: sscanf("12 abc", "%d %2s", &i, s) is 2 with s "ab".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "../internal/libc.h"
#include "../internal/format.h"

enum { FIELD_MAX = 1024 };

static int get(struct source *in) {
  int c = in->f ? fgetc(in->f) : (*in->s ? (unsigned char)*in->s++ : EOF);
  if (c != EOF) in->count++;
  in->last = c;
  return c;
}

static void unget(struct source *in, int c) {
  if (c == EOF) return;
  in->count--;
  if (in->f) ungetc(c, in->f);
  else in->s--;
}

static int skip_space(struct source *in) {
  int c;
  while ((c = get(in)) != EOF && isspace(c)) {}
  unget(in, c);
  return c;
}

/* Field buffer with a width limit. */
struct field {
  char buf[FIELD_MAX + 1];
  int n, max;
};

static int add(struct field *fl, int c) {
  if (fl->n >= fl->max) return 0;
  fl->buf[fl->n++] = (char)c;
  return 1;
}

static int digit_ok(int c, int base) {
  if (base == 16) return isxdigit(c);
  if (base == 8) return c >= '0' && c <= '7';
  return isdigit(c);
}

/* Reads an integer's characters; returns the number of digits seen. */
static int scan_int_text(struct source *in, struct field *fl, int base, int *out_base) {
  int digits = 0, c = get(in);
  if ((c == '+' || c == '-') && add(fl, c)) c = get(in);
  if ((base == 0 || base == 16) && c == '0' && add(fl, c)) {
    digits = 1;
    c = get(in);
    if ((c | 32) == 'x' && fl->n < fl->max) {
      add(fl, c);
      c = get(in);
      base = 16;
    } else if (base == 0) {
      base = 8;
    }
  }
  if (base == 0) base = 10;
  while (digit_ok(c, base) && add(fl, c)) digits++, c = get(in);
  unget(in, c);
  fl->buf[fl->n] = 0;
  *out_base = base;
  return digits;
}

static void store_int(void *p, int len, int is_signed, const char *text, int base) {
  if (len == LEN_LL || len == LEN_J) {
    if (is_signed) *(long long *)p = strtoll(text, NULL, base);
    else *(unsigned long long *)p = strtoull(text, NULL, base);
    return;
  }
  unsigned long v = is_signed ? (unsigned long)strtol(text, NULL, base) : strtoul(text, NULL, base);
  if (len == LEN_HH) *(char *)p = (char)v;
  else if (len == LEN_H) *(short *)p = (short)v;
  else *(unsigned long *)p = v;
}

/* Matches word case-insensitively; succeeds on exactly its first `need` letters or all of it. */
static int scan_word(struct source *in, struct field *fl, const char *word, int need) {
  int i = 0, c;
  for (; word[i]; i++) {
    c = get(in);
    if (tolower(c) != word[i] || !add(fl, c)) {
      unget(in, c);
      return i == need;
    }
  }
  return 1;
}

/* Reads a floating number's characters; returns 1 if they form a number. */
static int scan_float_text(struct source *in, struct field *fl) {
  int c = get(in), hex = 0, digits = 0, dot = 0;
  if ((c == '+' || c == '-') && add(fl, c)) c = get(in);
  if (tolower(c) == 'i' || tolower(c) == 'n') {
    unget(in, c);
    return scan_word(in, fl, tolower(c) == 'i' ? "infinity" : "nan", 3);
  }
  if (c == '0' && add(fl, c)) {
    digits = 1;
    c = get(in);
    if ((c | 32) == 'x' && add(fl, c)) hex = 1, digits = 0, c = get(in);
  }
  for (;; c = get(in)) {
    if (c == '.' && !dot && add(fl, c)) dot = 1;
    else if ((hex ? isxdigit(c) : isdigit(c)) && add(fl, c)) digits++;
    else break;
  }
  if (!digits) {
    unget(in, c);
    return hex;
  }
  if ((c | 32) == (hex ? 'p' : 'e') && add(fl, c)) {
    c = get(in);
    if ((c == '+' || c == '-') && add(fl, c)) c = get(in);
    while (isdigit(c) && add(fl, c)) c = get(in);
  }
  unget(in, c);
  return 1;
}

/* Parses a %[ set at fmt (after '['); fills in[256]; returns the char after ']'. */
static const char *parse_set(const char *fmt, unsigned char *set) {
  int neg = *fmt == '^';
  if (neg) fmt++;
  memset(set, neg, 256);
  if (*fmt == ']') set[']'] = (unsigned char)!neg, fmt++;
  for (; *fmt && *fmt != ']'; fmt++) {
    if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
      for (int c = (unsigned char)fmt[0]; c <= (unsigned char)fmt[2]; c++) set[c] = (unsigned char)!neg;
      fmt += 2;
    } else {
      set[(unsigned char)*fmt] = (unsigned char)!neg;
    }
  }
  return *fmt ? fmt + 1 : fmt;
}

/* %c, %s and %[: returns the number of characters stored (0 = matching failure). */
static int scan_chars(struct source *in, char conv, int width, const unsigned char *set, char *dst) {
  int n = 0, c;
  if (conv == 'c' && width <= 0) width = 1;
  while (width <= 0 || n < width) {
    c = get(in);
    if (c == EOF) break;
    if ((conv == 's' && isspace(c)) || (conv == '[' && !set[c])) {
      unget(in, c);
      break;
    }
    if (dst) dst[n] = (char)c;
    n++;
  }
  if (dst && conv != 'c' && n) dst[n] = 0;
  return conv == 'c' && n < width ? (n ? n : 0) : n;
}

static void store_count(void *p, int len, size_t count) {
  if (len == LEN_HH) *(char *)p = (char)count;
  else if (len == LEN_H) *(short *)p = (short)count;
  else if (len == LEN_LL || len == LEN_J) *(long long *)p = (long long)count;
  else *(int *)p = (int)count;
}

static const char *parse_length(const char *p, int *len) {
  *len = LEN_NONE;
  for (;; p++) {
    if (*p == 'h') *len = *len == LEN_H ? LEN_HH : LEN_H;
    else if (*p == 'l') *len = *len == LEN_L ? LEN_LL : LEN_L;
    else if (*p == 'L' || *p == 'q') *len = *p == 'L' ? LEN_LD : LEN_LL;
    else if (*p == 'j') *len = LEN_J;
    else if (*p == 'z' || *p == 't') *len = LEN_NONE;
    else return p;
  }
}

/* One conversion: returns 1 assigned, 0 not assigned (ok), -1 matching failure. */
static int conversion(struct source *in, char conv, int width, int len, int suppress,
                      const unsigned char *set, va_list *ap) {
  static struct field fl;
  fl.n = 0;
  fl.max = width > 0 && width < FIELD_MAX ? width : FIELD_MAX;
  if (conv == 'c' || conv == 's' || conv == '[') {
    char *dst = suppress ? NULL : va_arg(*ap, char *);
    return scan_chars(in, conv, width, set, dst) ? !suppress : -1;
  }
  if (strchr("fFeEgGaA", conv)) {
    if (!scan_float_text(in, &fl)) return -1;
    fl.buf[fl.n] = 0;
    if (suppress) return 0;
    if (len == LEN_LD) *va_arg(*ap, long double *) = __decimal_to_float(fl.buf, NULL, 80);
    else if (len == LEN_L || len == LEN_LL) *va_arg(*ap, double *) = (double)__decimal_to_float(fl.buf, NULL, 64);
    else *va_arg(*ap, float *) = (float)__decimal_to_float(fl.buf, NULL, 32);
    return 1;
  }
  int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
  if (!scan_int_text(in, &fl, base, &base)) return -1;
  if (suppress) return 0;
  if (conv == 'p') *va_arg(*ap, void **) = (void *)strtoul(fl.buf, NULL, 16);
  else store_int(va_arg(*ap, void *), len, conv == 'd' || conv == 'i', fl.buf, base);
  return 1;
}

int __vscan(struct source *in, const char *fmt, va_list ap) {
  va_list args;
  int assigned = 0, converted = 0;
  unsigned char set[256];
  va_copy(args, ap);
  for (; *fmt; fmt++) {
    if (isspace((unsigned char)*fmt)) {
      skip_space(in);
      continue;
    }
    if (*fmt != '%' || fmt[1] == '%') {
      if (*fmt == '%') fmt++, skip_space(in);
      int c = get(in);
      if (c != (unsigned char)*fmt) {
        unget(in, c);
        if (c == EOF && !converted) assigned = EOF;
        break;
      }
      continue;
    }
    fmt++;
    int suppress = *fmt == '*', width = 0, len;
    if (suppress) fmt++;
    while (isdigit((unsigned char)*fmt)) width = width * 10 + (*fmt++ - '0');
    fmt = parse_length(fmt, &len);
    char conv = *fmt;
    if (!conv) break;
    if (conv == '[') fmt = parse_set(fmt + 1, set) - 1;
    if (conv == 'n') {
      if (!suppress) store_count(va_arg(args, void *), len, in->count);
      continue;
    }
    if (conv != 'c' && conv != '[') skip_space(in);
    int c = get(in);
    unget(in, c);
    if (c == EOF) {
      if (!converted) assigned = EOF;
      break;
    }
    int r = conversion(in, conv, width, len, suppress, set, &args);
    if (r < 0) break;
    assigned += r;
    converted = 1;
  }
  va_end(args);
  return assigned;
}
