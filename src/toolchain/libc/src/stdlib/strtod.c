/*
 * Correctly rounded decimal-to-binary conversion for strtod/strtof/strtold
 * and scanf. The digits are kept as a decimal number (up to 800 digits, with
 * a flag when nonzero digits were dropped) that is shifted by powers of two
 * until it lies in [1, 2), then the mantissa is read off rounded to nearest
 * even (the "simple decimal conversion" algorithm). Also reads inf, infinity,
 * nan, nan(chars) and hexadecimal floats (0x1.8p3 = 12).
 * Example: strtod("0.1", &e) is 0x1.999999999999ap-4 with e at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include "../internal/libc.h"

enum { MAXD = 800, MAXSHIFT = 28 };

struct dec {
  int nd, dp, trunc;
  unsigned char d[MAXD];
};

/* A binary format: mantissa bits (without the integer bit), exponent bits, bias. */
struct fmt {
  int mbits, ebits, bias;
};

static const struct fmt formats[] = {{23, 8, -127}, {52, 11, -1023}, {63, 15, -16383}};

static void trim(struct dec *a) {
  while (a->nd > 0 && a->d[a->nd - 1] == 0) a->nd--;
  if (a->nd == 0) a->dp = 0;
}

static void right_shift(struct dec *a, unsigned k) {
  int r = 0, w = 0;
  unsigned n = 0, mask = (1u << k) - 1;
  for (; (n >> k) == 0; r++) {
    if (r >= a->nd) {
      if (n == 0) {
        a->nd = 0;
        return;
      }
      while ((n >> k) == 0) n *= 10, r++;
      break;
    }
    n = n * 10 + a->d[r];
  }
  a->dp -= r - 1;
  for (; r < a->nd; r++) {
    unsigned c = a->d[r];
    a->d[w++] = (unsigned char)(n >> k);
    n = (n & mask) * 10 + c;
  }
  while (n > 0) {
    unsigned dig = n >> k;
    n &= mask;
    if (w < MAXD) a->d[w++] = (unsigned char)dig;
    else if (dig) a->trunc = 1;
    n *= 10;
  }
  a->nd = w;
  trim(a);
}

static void left_shift(struct dec *a, unsigned k) {
  static unsigned char tmp[MAXD + 16];
  int w = (int)sizeof tmp;
  unsigned carry = 0;
  for (int r = a->nd - 1; r >= 0; r--) {
    unsigned n = ((unsigned)a->d[r] << k) + carry;
    tmp[--w] = (unsigned char)(n % 10);
    carry = n / 10;
  }
  while (carry) tmp[--w] = (unsigned char)(carry % 10), carry /= 10;
  int len = (int)sizeof tmp - w;
  a->dp += len - a->nd;
  if (len > MAXD) {
    for (int i = MAXD; i < len; i++)
      if (tmp[w + i]) a->trunc = 1;
    len = MAXD;
  }
  memcpy(a->d, tmp + w, (size_t)len);
  a->nd = len;
  trim(a);
}

static void shift(struct dec *a, int k) {
  for (; k > MAXSHIFT; k -= MAXSHIFT) left_shift(a, MAXSHIFT);
  for (; k < -MAXSHIFT; k += MAXSHIFT) right_shift(a, MAXSHIFT);
  if (k > 0) left_shift(a, (unsigned)k);
  if (k < 0) right_shift(a, (unsigned)-k);
}

static int round_up(const struct dec *a, int nd) {
  if (nd < 0 || nd >= a->nd) return 0;
  if (a->d[nd] == 5 && nd + 1 == a->nd) return a->trunc || (nd > 0 && a->d[nd - 1] % 2);
  return a->d[nd] >= 5;
}

/* The integer part, rounded; *wrapped set when rounding overflowed 2^64. */
static unsigned long long rounded_integer(const struct dec *a, int *wrapped) {
  unsigned long long n = 0;
  int i = 0;
  for (; i < a->dp && i < a->nd; i++) n = n * 10 + a->d[i];
  for (; i < a->dp; i++) n *= 10;
  if (round_up(a, a->dp)) {
    n++;
    *wrapped = n == 0;
  }
  return n;
}

static const int powtab[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};

/* Converts a to (mantissa with integer bit, unbiased exponent); returns 1 on overflow. */
static int to_binary(struct dec *a, const struct fmt *f, unsigned long long *mant, int *exp) {
  int e = 0, wrapped = 0;
  if (a->dp > 5000) return 1;
  if (a->dp < -5100) {
    a->nd = 0;
  }
  if (a->nd == 0) {
    *mant = 0;
    *exp = f->bias;
    return 0;
  }
  while (a->dp > 0) {
    int n = a->dp >= 9 ? 27 : powtab[a->dp];
    shift(a, -n);
    e += n;
  }
  while (a->dp < 0 || (a->dp == 0 && a->d[0] < 5)) {
    int n = -a->dp >= 9 ? 27 : powtab[-a->dp];
    shift(a, n);
    e -= n;
  }
  e--;
  if (e < f->bias + 1) {
    int n = f->bias + 1 - e;
    shift(a, -n);
    e += n;
  }
  if (e - f->bias >= (1 << f->ebits) - 1) return 1;
  shift(a, f->mbits + 1);
  unsigned long long m = rounded_integer(a, &wrapped);
  if (wrapped || m == 2ULL << f->mbits) {
    m = 1ULL << f->mbits;
    e++;
    if (e - f->bias >= (1 << f->ebits) - 1) return 1;
  }
  if (!(m & (1ULL << f->mbits))) e = f->bias;
  *mant = m;
  *exp = e;
  return 0;
}

/* Reads [digits][.digits][e[sign]digits] into a; returns the end or s if no digits. */
static const char *read_decimal(const char *s, struct dec *a) {
  const char *p = s;
  int any = 0, seen_dot = 0;
  memset(a, 0, sizeof *a - MAXD);
  for (;; p++) {
    if (*p == '.' && !seen_dot) {
      seen_dot = 1;
      continue;
    }
    if (!isdigit((unsigned char)*p)) break;
    any = 1;
    if (*p == '0' && a->nd == 0) {
      if (seen_dot) a->dp--;
      continue;
    }
    if (a->nd < MAXD) a->d[a->nd++] = (unsigned char)(*p - '0');
    else if (*p != '0') a->trunc = 1;
    if (!seen_dot) a->dp++;
  }
  if (!any) return s;
  if ((*p | 32) == 'e') {
    const char *q = p + 1;
    int neg = 0, x = 0;
    if (*q == '+' || *q == '-') neg = *q++ == '-';
    if (isdigit((unsigned char)*q)) {
      for (; isdigit((unsigned char)*q); q++)
        if (x < 100000) x = x * 10 + (*q - '0');
      a->dp += neg ? -x : x;
      p = q;
    }
  }
  trim(a);
  return p;
}

/* Builds (-1)^neg * m * 2^(e - mbits) as a long double (exact: every format fits in it). */
static long double assemble(int neg, unsigned long long m, int e, const struct fmt *f, int overflow) {
  union { long double ld; unsigned char b[12]; } u;
  unsigned long long lm = m;
  int biased = 0;
  if (overflow) {
    errno = ERANGE;
    lm = 1ULL << 63;
    biased = 0x7fff;
  } else if (m) {
    int ex = e - f->mbits;
    while (!(lm >> 63)) lm <<= 1, ex--;
    biased = ex + 63 + 16383;
    if (biased <= 0) {
      lm >>= 1 - biased;
      biased = 0;
    }
  }
  unsigned short se = (unsigned short)(biased | (neg ? 0x8000 : 0));
  memset(&u, 0, sizeof u);
  memcpy(u.b, &lm, 8);
  memcpy(u.b + 8, &se, 2);
  return u.ld;
}

static int word(const char *p, const char *w) {
  size_t n = strlen(w);
  return strncasecmp(p, w, n) == 0 ? (int)n : 0;
}

/* Hexadecimal float after "0x": returns the end, or NULL when no hex digits follow. */
static const char *read_hex(const char *p, const struct fmt *f, int neg, long double *out) {
  unsigned long long m = 0;
  int e = 0, any = 0, sticky = 0, seen_dot = 0;
  for (;; p++) {
    if (*p == '.' && !seen_dot) {
      seen_dot = 1;
      continue;
    }
    int c = (unsigned char)*p;
    int v = isdigit(c) ? c - '0' : isxdigit(c) ? (c | 32) - 'a' + 10 : -1;
    if (v < 0) break;
    any = 1;
    if (m >> 60) {
      sticky |= v != 0;
      if (!seen_dot) e += 4;
    } else {
      m = m * 16 + (unsigned)v;
      if (seen_dot) e -= 4;
    }
  }
  if (!any) return NULL;
  if ((*p | 32) == 'p') {
    const char *q = p + 1;
    int xneg = 0, x = 0;
    if (*q == '+' || *q == '-') xneg = *q++ == '-';
    if (isdigit((unsigned char)*q)) {
      for (; isdigit((unsigned char)*q); q++)
        if (x < 100000) x = x * 10 + (*q - '0');
      e += xneg ? -x : x;
      p = q;
    }
  }
  if (!m) {
    *out = assemble(neg, 0, 0, f, 0);
    return p;
  }
  /* value = m * 2^e; normalise so the top bit is bit 63 */
  int top = 63;
  while (!(m >> 63)) m <<= 1, top--;
  int exp = e + top; /* value = 1.xxx * 2^exp */
  int keep = f->mbits + 1;
  if (exp < f->bias + 1) keep -= f->bias + 1 - exp;
  if (keep < 0) keep = 0;
  unsigned long long q = keep ? m >> (64 - keep) : 0;
  unsigned long long rest = keep ? m << keep : m;
  int half = keep < 64 ? (rest >> 63) & 1 : 0;
  int more = (rest << 1) != 0 || sticky;
  if (keep == 0) half = (m >> 63) & 1, more = (m << 1) != 0 || sticky;
  if (half && (more || (q & 1))) q++;
  if (exp < f->bias + 1) {
    if (!(q >> f->mbits)) errno = ERANGE;
    *out = assemble(neg, q, f->bias + 1, f, 0);
    return p;
  }
  if (q >> (f->mbits + 1)) q >>= 1, exp++;
  *out = assemble(neg, q, exp, f, exp - f->bias >= (1 << f->ebits) - 1);
  return p;
}

/* Parses a float of format index fi (0 float, 1 double, 2 long double). */
static long double parse(const char *s, char **end, int fi) {
  const struct fmt *f = &formats[fi];
  const char *p = s;
  long double r = 0;
  int neg = 0, n;
  while (isspace((unsigned char)*p)) p++;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if ((n = word(p, "infinity")) || (n = word(p, "inf"))) {
    if (end) *end = (char *)(p + n);
    int saved = errno;
    r = assemble(neg, 0, 0, f, 1);
    errno = saved;
    return r;
  }
  if ((n = word(p, "nan"))) {
    const char *q = p + n;
    if (*q == '(') {
      const char *c = q + 1;
      while (isalnum((unsigned char)*c) || *c == '_') c++;
      if (*c == ')') q = c + 1;
    }
    if (end) *end = (char *)q;
    union { long double ld; unsigned char b[12]; } u;
    unsigned long long m = 3ULL << 62;
    unsigned short se = (unsigned short)(0x7fff | (neg ? 0x8000 : 0));
    memset(&u, 0, sizeof u);
    memcpy(u.b, &m, 8);
    memcpy(u.b + 8, &se, 2);
    return u.ld;
  }
  if (p[0] == '0' && (p[1] | 32) == 'x') {
    const char *q = read_hex(p + 2, f, neg, &r);
    if (q) {
      if (end) *end = (char *)q;
      return r;
    }
    if (end) *end = (char *)(p + 1);
    return neg ? -0.0L : 0.0L;
  }
  static struct dec a;
  const char *q = read_decimal(p, &a);
  if (q == p) {
    if (end) *end = (char *)s;
    return 0;
  }
  if (end) *end = (char *)q;
  unsigned long long m;
  int e, over = to_binary(&a, f, &m, &e);
  if (!over && !(m >> f->mbits)) {
    e = f->bias + 1;
    if (a.nd || m) errno = ERANGE;
  }
  r = assemble(neg, m, e, f, over);
  return r;
}

double strtod(const char *s, char **end) { return (double)parse(s, end, 1); }
float strtof(const char *s, char **end) { return (float)parse(s, end, 0); }
long double strtold(const char *s, char **end) { return parse(s, end, 2); }
long double __decimal_to_float(const char *s, char **end, int bits) {
  return parse(s, end, bits == 32 ? 0 : bits == 64 ? 1 : 2);
}
