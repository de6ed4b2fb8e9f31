/*
 * Basic double functions by bit manipulation (exact): fabs, floor, ceil,
 * trunc, round, modf, frexp, ldexp, signbit. sqrt and fmod are x87
 * instructions (x87.s).
 */
#include <math.h>
#include <string.h>

static unsigned long long bits_of(double x) {
  unsigned long long b;
  memcpy(&b, &x, 8);
  return b;
}

static double from_bits(unsigned long long b) {
  double x;
  memcpy(&x, &b, 8);
  return x;
}

int __signbit(double x) { return (int)(bits_of(x) >> 63); }
double fabs(double x) { return from_bits(bits_of(x) & ~(1ULL << 63)); }

double trunc(double x) {
  unsigned long long b = bits_of(x);
  int e = (int)(b >> 52 & 0x7ff) - 1023;
  if (e >= 52) return x;
  if (e < 0) return from_bits(b & (1ULL << 63));
  return from_bits(b & ~((1ULL << (52 - e)) - 1));
}

double floor(double x) {
  double t = trunc(x);
  return t > x ? t - 1.0 : t;
}

double ceil(double x) {
  double t = trunc(x);
  return t < x ? t + 1.0 : (t == 0 && __signbit(x) ? -0.0 : t);
}

double round(double x) {
  double t = trunc(x);
  double d = x - t;
  if (d >= 0.5) return t + 1.0;
  if (d <= -0.5) return t - 1.0;
  return t;
}

double modf(double x, double *ip) {
  double t = trunc(x);
  *ip = t;
  if (x - x != 0) return x != x ? x : from_bits(bits_of(x) & (1ULL << 63));
  return from_bits((bits_of(x - t) & ~(1ULL << 63)) | (bits_of(x) & (1ULL << 63)));
}

double frexp(double x, int *e) {
  unsigned long long b = bits_of(x);
  int ex = (int)(b >> 52 & 0x7ff);
  if (ex == 0x7ff || x == 0) {
    *e = 0;
    return x;
  }
  if (ex == 0) {
    x *= 18014398509481984.0; /* 2^54 */
    b = bits_of(x);
    ex = (int)(b >> 52 & 0x7ff) - 54;
  }
  *e = ex - 1022;
  return from_bits((b & ~(0x7ffULL << 52)) | (1022ULL << 52));
}

double ldexp(double x, int e) {
  while (e > 1000) x *= from_bits(2023ULL << 52), e -= 1000;
  while (e < -1000) x *= from_bits(23ULL << 52), e += 1000;
  int k = e + 1023;
  if (k <= 0) {
    x *= from_bits(23ULL << 52);
    k += 1000;
  }
  return x * from_bits((unsigned long long)k << 52);
}
