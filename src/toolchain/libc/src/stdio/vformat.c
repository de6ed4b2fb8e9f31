/*
 * The printf engine: parses each conversion specification
 * (%[flags][width][.prec][length]conv, with * for width/precision) and
 * writes the result to a sink. Integers, characters, strings and pointers
 * are handled here; floating conversions go to __format_float. Follows
 * glibc's output for the edge cases: "(nil)" for a null %p, "(null)" for a
 * null %s, %m for strerror(errno). Positional arguments (%2$d, %*1$d) are
 * supported too (all-or-nothing, positions up to 63). Example: "%-+6.3d|" of 7 writes "+007  |".
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

/* Argument classes: how a conversion's argument is passed. */
enum { A_NONE, A_INT, A_LL, A_DBL, A_LD, A_PTR };

union arg {
  long long ll;
  double d;
  long double ld;
  void *p;
};

enum { ARGS_MAX = 64 };

/* Where arguments come from: the va_list in order, or vals[1..] for %n$ formats. */
struct args {
  va_list *ap;
  union arg *vals;
};

static int arg_class(char conv, int len) {
  if (strchr("diouxXc", conv)) return len == LEN_LL || len == LEN_J || len == LEN_LD ? A_LL : A_INT;
  if (strchr("fFeEgGaA", conv)) return len == LEN_LD ? A_LD : A_DBL;
  if (conv == 's' || conv == 'p' || conv == 'n') return A_PTR;
  return A_NONE;
}

static union arg fetch(va_list *ap, int cls) {
  union arg a;
  a.ll = 0;
  switch (cls) {
  case A_INT: a.ll = va_arg(*ap, int); break;
  case A_LL: a.ll = va_arg(*ap, long long); break;
  case A_DBL: a.d = va_arg(*ap, double); break;
  case A_LD: a.ld = va_arg(*ap, long double); break;
  case A_PTR: a.p = va_arg(*ap, void *); break;
  }
  return a;
}

/* The argument at 1-based position pos (0 = next in order). */
static union arg arg_at(struct args *args, int pos, int cls) {
  if (pos > 0 && pos < ARGS_MAX && args->vals) return args->vals[pos];
  return fetch(args->ap, cls);
}

static long long narrow_signed(long long v, int len) {
  switch (len) {
  case LEN_HH: return (signed char)v;
  case LEN_H: return (short)v;
  case LEN_LL: case LEN_J: case LEN_LD: return v;
  default: return (int)v;
  }
}

static unsigned long long narrow_unsigned(long long v, int len) {
  switch (len) {
  case LEN_HH: return (unsigned char)v;
  case LEN_H: return (unsigned short)v;
  case LEN_LL: case LEN_J: case LEN_LD: return (unsigned long long)v;
  default: return (unsigned)v;
  }
}

static void format_int(struct sink *out, struct spec *sp, long long raw) {
  char buf[32], *end = buf + sizeof buf;
  const char *prefix = "";
  unsigned long long v;
  char c = sp->conv;
  if (c == 'd' || c == 'i') {
    long long s = narrow_signed(raw, sp->len);
    v = s < 0 ? 0 - (unsigned long long)s : (unsigned long long)s;
    prefix = s < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
  } else {
    v = narrow_unsigned(raw, sp->len);
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

static void store_count(int len, void *p, size_t count) {
  switch (len) {
  case LEN_HH: *(signed char *)p = (signed char)count; break;
  case LEN_H: *(short *)p = (short)count; break;
  case LEN_LL:
  case LEN_J: *(long long *)p = (long long)count; break;
  default: *(int *)p = (int)count; break;
  }
}

static void format_pointer(struct sink *out, struct spec *sp, void *p) {
  if (!p) {
    put_text(out, sp, "(nil)", 5);
    return;
  }
  char buf[16], *end = buf + sizeof buf;
  char *digits = to_digits((uintptr_t)p, 16, 0, end);
  put_number(out, sp, "0x", digits, (int)(end - digits));
}

/* Formats one conversion whose spec is parsed and whose argument is a. */
static void convert(struct sink *out, struct spec *sp, union arg a, int saved_errno) {
  char ch;
  struct fval fv;
  switch (sp->conv) {
  case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': format_int(out, sp, a.ll); break;
  case 'p': format_pointer(out, sp, a.p); break;
  case 'c':
    ch = (char)a.ll;
    put_text(out, sp, &ch, 1);
    break;
  case 's': format_string(out, sp, a.p); break;
  case 'm': format_string(out, sp, strerror(saved_errno)); break;
  case 'n': store_count(sp->len, a.p, out->count); break;
  case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
    if (sp->len == LEN_LD) __fval_from_long_double(a.ld, &fv);
    else __fval_from_double(a.d, &fv);
    __format_float(out, sp, &fv);
    break;
  case '%': __sink_put(out, "%", 1); break;
  }
}

/* Reads "digits$" at *p: returns the number and advances, or 0 (p unchanged). */
static int position(const char **p) {
  const char *q = *p;
  int n = 0;
  while (*q >= '0' && *q <= '9') n = n * 10 + (*q++ - '0');
  if (q == *p || *q != '$') return 0;
  *p = q + 1;
  return n;
}

/* Star operands of a spec: -1 absent, 0 next in order, or a 1-based position. */
struct stars {
  int argpos, width, prec;
};

/* Parses %[n$][flags][width|*[m$]][.prec|.*[m$]][length]conv after the '%'. */
static char parse_spec(const char **fmt, struct spec *sp, struct stars *st) {
  const char *p = *fmt;
  memset(sp, 0, sizeof *sp);
  sp->prec = -1;
  st->width = st->prec = -1;
  st->argpos = position(&p);
  for (;; p++) {
    if (*p == '-') sp->minus = 1;
    else if (*p == '+') sp->plus = 1;
    else if (*p == ' ') sp->space = 1;
    else if (*p == '#') sp->hash = 1;
    else if (*p == '0') sp->zero = 1;
    else if (*p != '\'' && *p != 'I') break;
  }
  if (*p == '*') {
    p++;
    st->width = position(&p);
  } else {
    while (*p >= '0' && *p <= '9') sp->width = sp->width * 10 + (*p++ - '0');
  }
  if (*p == '.') {
    p++;
    sp->prec = 0;
    if (*p == '*') {
      p++;
      st->prec = position(&p);
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

static int valid_conv(char c) { return c && strchr("diuoxXpcsmnfFeEgGaA%", c) != NULL; }

/*
 * For formats using %n$: records each position's class, then reads the
 * arguments in position order into vals. Returns 0 for ordinary formats.
 */
static int collect_positional(const char *fmt, va_list *ap, union arg *vals) {
  unsigned char cls[ARGS_MAX] = {0};
  int max = 0;
  while ((fmt = strchr(fmt, '%'))) {
    struct spec sp;
    struct stars st;
    fmt++;
    char c = parse_spec(&fmt, &sp, &st);
    if (!valid_conv(c) || c == '%' || c == 'm') continue;
    if (st.argpos <= 0 || st.argpos >= ARGS_MAX) return max;
    if (!cls[st.argpos]) cls[st.argpos] = (unsigned char)arg_class(c, sp.len); /* first use wins */
    if (st.argpos > max) max = st.argpos;
    if (st.width > 0 && st.width < ARGS_MAX && !cls[st.width]) cls[st.width] = A_INT;
    if (st.prec > 0 && st.prec < ARGS_MAX && !cls[st.prec]) cls[st.prec] = A_INT;
    if (st.width > max) max = st.width < ARGS_MAX ? st.width : max;
    if (st.prec > max) max = st.prec < ARGS_MAX ? st.prec : max;
  }
  for (int i = 1; i <= max; i++) vals[i] = fetch(ap, cls[i] ? cls[i] : A_INT);
  return max;
}

int __vformat(struct sink *out, const char *fmt, va_list ap) {
  va_list list;
  union arg vals[ARGS_MAX];
  int saved_errno = errno;
  va_copy(list, ap);
  struct args args = {&list, NULL};
  if (collect_positional(fmt, &list, vals) > 0) args.vals = vals;
  while (*fmt) {
    const char *pct = strchr(fmt, '%');
    if (!pct) pct = fmt + strlen(fmt);
    __sink_put(out, fmt, (size_t)(pct - fmt));
    if (!*pct) break;
    const char *start = pct;
    fmt = pct + 1;
    struct spec sp;
    struct stars st;
    char c = parse_spec(&fmt, &sp, &st);
    if (!valid_conv(c)) {
      __sink_put(out, start, (size_t)(fmt - start));
      continue;
    }
    if (st.width >= 0) {
      sp.width = (int)arg_at(&args, st.width, A_INT).ll;
      if (sp.width < 0) sp.minus = 1, sp.width = -sp.width;
    }
    if (st.prec >= 0) {
      sp.prec = (int)arg_at(&args, st.prec, A_INT).ll;
      if (sp.prec < 0) sp.prec = -1;
    }
    int cls = arg_class(c, sp.len);
    union arg a;
    a.ll = 0;
    if (cls != A_NONE) a = arg_at(&args, st.argpos, cls);
    convert(out, &sp, a, saved_errno);
  }
  va_end(list);
  return (int)out->count;
}
