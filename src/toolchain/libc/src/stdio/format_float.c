/*
 * printf's floating conversions (%f %F %e %E %g %G %a %A) from an exact
 * decimal expansion, so every digit matches glibc: rounding is to nearest
 * with ties to even on the exact binary value. Examples: %.0f of 2.5 is "2",
 * %.2e of 1.125 is "1.12e+00", %g of 100000 is "100000", of 1e6 "1e+06",
 * %a of 1.0 is "0x1p+0" (and "0x8p-3" for a long double 1.0).
 */
#include <string.h>
#include "../internal/format.h"

/* Buffered character emitter in front of a sink. */
struct emit {
  struct sink *out;
  int n;
  char b[128];
};

static void put(struct emit *e, char c) {
  if (e->n == (int)sizeof e->b) {
    __sink_put(e->out, e->b, (size_t)e->n);
    e->n = 0;
  }
  e->b[e->n++] = c;
}

static void flush(struct emit *e) {
  __sink_put(e->out, e->b, (size_t)e->n);
  e->n = 0;
}

static char digit_at(const struct decimal *d, int i) {
  return i >= 0 && i < d->len ? d->digits[i] : '0';
}

/* Rounds d to its first `keep` digits (ties to even), dropping trailing zeros. */
static void round_at(struct decimal *d, int keep) {
  if (keep >= d->len) return;
  if (keep < 0) {
    d->len = 0;
    d->exp10 = 0;
    return;
  }
  char next = d->digits[keep];
  int prev_odd = keep > 0 && (d->digits[keep - 1] - '0') % 2;
  int up = next > '5' || (next == '5' && (d->len > keep + 1 || prev_odd));
  d->len = keep;
  if (up) {
    int i = keep - 1;
    while (i >= 0 && d->digits[i] == '9') d->digits[i--] = '0';
    if (i < 0) {
      d->digits[0] = '1';
      d->len = 1;
      d->exp10++;
    } else {
      d->digits[i]++;
    }
  }
  while (d->len > 0 && d->digits[d->len - 1] == '0') d->len--;
  if (d->len == 0 && !up) d->exp10 = 0;
}

static const char *sign_of(const struct spec *sp, const struct fval *fv) {
  return fv->neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";
}

/* Width handling around a body of `len` characters that starts after `prefix`. */
static void open_field(struct emit *e, const struct spec *sp, const char *prefix, int len) {
  int plen = (int)strlen(prefix), total = plen + len;
  if (!sp->minus && !sp->zero) for (int i = total; i < sp->width; i++) put(e, ' ');
  while (*prefix) put(e, *prefix++);
  if (!sp->minus && sp->zero) for (int i = total; i < sp->width; i++) put(e, '0');
}

static void close_field(struct emit *e, const struct spec *sp, const char *prefix, int len) {
  int total = (int)strlen(prefix) + len;
  if (sp->minus) for (int i = total; i < sp->width; i++) put(e, ' ');
  flush(e);
}

static void fixed(struct emit *e, const struct spec *sp, const char *sign, const struct decimal *d, int frac) {
  int intlen = d->exp10 > 0 ? d->exp10 : 1;
  int dot = frac > 0 || sp->hash;
  int len = intlen + dot + frac;
  open_field(e, sp, sign, len);
  for (int i = 0; i < intlen; i++) put(e, d->exp10 > 0 ? digit_at(d, i) : '0');
  if (dot) put(e, '.');
  for (int j = 0; j < frac; j++) put(e, digit_at(d, d->exp10 + j));
  close_field(e, sp, sign, len);
}

static void exponential(struct emit *e, const struct spec *sp, const char *sign, const struct decimal *d, int frac, int upper) {
  int x = d->len ? d->exp10 - 1 : 0, ax = x < 0 ? -x : x;
  char xd[8];
  int nx = 0;
  do xd[nx++] = (char)('0' + ax % 10), ax /= 10; while (ax);
  if (nx < 2) xd[nx++] = '0';
  int dot = frac > 0 || sp->hash;
  int len = 1 + dot + frac + 2 + nx;
  open_field(e, sp, sign, len);
  put(e, digit_at(d, 0));
  if (dot) put(e, '.');
  for (int j = 1; j <= frac; j++) put(e, digit_at(d, j));
  put(e, upper ? 'E' : 'e');
  put(e, x < 0 ? '-' : '+');
  while (nx) put(e, xd[--nx]);
  close_field(e, sp, sign, len);
}

static void general(struct emit *e, const struct spec *sp, const char *sign, struct decimal *d, int prec, int upper) {
  int p = prec == 0 ? 1 : prec;
  round_at(d, p);
  int x = d->len ? d->exp10 - 1 : 0;
  if (p > x && x >= -4) {
    int frac = p - 1 - x;
    if (!sp->hash) {
      int need = d->len - d->exp10;
      frac = need < 0 ? 0 : need < frac ? need : frac;
    }
    fixed(e, sp, sign, d, frac);
  } else {
    int frac = p - 1;
    if (!sp->hash) frac = d->len - 1 < frac ? (d->len > 0 ? d->len - 1 : 0) : frac;
    exponential(e, sp, sign, d, frac, upper);
  }
}

static void hex(struct emit *e, const struct spec *sp, const char *sign, const struct fval *fv, int upper) {
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  int ndig = fv->hex_fbits / 4, prec = sp->prec;
  unsigned long long frac = fv->hex_frac;
  int lead = fv->hex_lead, x_adjust = 0;
  if (prec >= 0 && prec < ndig) {
    int drop = (ndig - prec) * 4;
    unsigned long long all = ((unsigned long long)lead << fv->hex_fbits) | frac;
    unsigned long long rem = all & ((1ULL << drop) - 1), half = 1ULL << (drop - 1);
    unsigned long long q = all >> drop;
    if (rem > half || (rem == half && (q & 1))) q++;
    lead = (int)(q >> (prec * 4));
    frac = prec ? (q & ((1ULL << (prec * 4)) - 1)) << (fv->hex_fbits - prec * 4) : 0;
    ndig = prec;
    if (lead > 15) lead = 1, frac = 0, x_adjust = 4; /* long double carry: 0xf.f -> 0x1p+4 */
  } else if (prec < 0) {
    while (ndig > 0 && !((frac >> (fv->hex_fbits - ndig * 4)) & 15)) ndig--;
    prec = ndig;
  }
  int x = fv->hex_exp + x_adjust, ax = x < 0 ? -x : x;
  char xd[8];
  int nx = 0;
  do xd[nx++] = (char)('0' + ax % 10), ax /= 10; while (ax);
  int dot = prec > 0 || sp->hash;
  char pre[4] = {0};
  strcpy(pre, sign);
  strcat(pre, upper ? "0X" : "0x");
  int len = 1 + dot + prec + 2 + nx;
  open_field(e, sp, pre, len);
  put(e, set[lead & 15]);
  if (dot) put(e, '.');
  for (int i = 1; i <= prec; i++) {
    int shift = fv->hex_fbits - i * 4;
    put(e, i <= ndig && shift >= 0 ? set[(frac >> shift) & 15] : '0');
  }
  put(e, upper ? 'P' : 'p');
  put(e, x < 0 ? '-' : '+');
  while (nx) put(e, xd[--nx]);
  close_field(e, sp, pre, len);
}

static void special(struct emit *e, const struct spec *sp, const char *sign, const char *word) {
  struct spec s = *sp;
  s.zero = 0;
  open_field(e, &s, sign, 3);
  while (*word) put(e, *word++);
  close_field(e, &s, sign, 3);
}

void __format_float(struct sink *out, const struct spec *sp, const struct fval *fv) {
  static char digits[DECIMAL_BUF];
  struct emit e;
  struct decimal d;
  char c = sp->conv;
  int upper = c == 'F' || c == 'E' || c == 'G' || c == 'A';
  int prec = sp->prec < 0 ? 6 : sp->prec;
  const char *sign = sign_of(sp, fv);
  e.out = out;
  e.n = 0;
  if (fv->kind != FV_FINITE) {
    int inf = fv->kind == FV_INF;
    special(&e, sp, sign, upper ? (inf ? "INF" : "NAN") : (inf ? "inf" : "nan"));
    return;
  }
  if (c == 'a' || c == 'A') {
    hex(&e, sp, sign, fv, upper);
    return;
  }
  __float_to_decimal(fv->mant, fv->exp2, &d, digits);
  if (c == 'f' || c == 'F') {
    round_at(&d, d.exp10 + prec);
    fixed(&e, sp, sign, &d, prec);
  } else if (c == 'e' || c == 'E') {
    round_at(&d, prec + 1);
    exponential(&e, sp, sign, &d, prec, upper);
  } else {
    general(&e, sp, sign, &d, prec, upper);
  }
}
