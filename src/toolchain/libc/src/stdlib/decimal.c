/*
 * Exact binary-to-decimal conversion for printf. A finite value
 * mant * 2^exp2 is turned into a big integer N in base-10000 limbs
 * (N = mant * 2^exp2 when exp2 >= 0, else mant * 5^-exp2, with the decimal
 * point moved left by -exp2), then into its digit string without leading or
 * trailing zeros. Example: mant 3, exp2 -2 (0.75) gives digits "75", exp10 0,
 * i.e. 0.75 * 10^0. Works for x87 long double too (64-bit mantissa,
 * exponents down to -16445): buf must hold DECIMAL_BUF bytes.
 */
#include <string.h>
#include "../internal/libc.h"

enum { BASE = 10000, LIMBS = 3000 };

static unsigned limbs[LIMBS];
static int nlimbs;

/* N = N * m, for (m + 1) * BASE < 2^32. */
static void mul_small(unsigned m) {
  unsigned carry = 0;
  for (int i = 0; i < nlimbs; i++) {
    unsigned t = limbs[i] * m + carry;
    limbs[i] = t % BASE;
    carry = t / BASE;
  }
  while (carry) {
    limbs[nlimbs++] = carry % BASE;
    carry /= BASE;
  }
}

static void set_u64(unsigned long long v) {
  nlimbs = 0;
  unsigned hi = (unsigned)(v >> 32), lo = (unsigned)v;
  /* v = hi * 2^32 + lo, built with small multiplications to avoid 64-bit division */
  do {
    limbs[nlimbs++] = hi % BASE;
    hi /= BASE;
  } while (hi);
  mul_small(65536);
  mul_small(65536);
  unsigned carry = lo;
  for (int i = 0; carry; i++) {
    if (i == nlimbs) limbs[nlimbs++] = 0;
    unsigned t = limbs[i] + carry % BASE;
    limbs[i] = t % BASE;
    carry = carry / BASE + t / BASE;
  }
  while (nlimbs > 1 && !limbs[nlimbs - 1]) nlimbs--;
}

void __float_to_decimal(unsigned long long mant, int exp2, struct decimal *out, char *buf) {
  out->digits = buf;
  out->len = 0;
  out->exp10 = 0;
  if (!mant) return;
  set_u64(mant);
  int shift = exp2;
  for (; shift >= 18; shift -= 18) mul_small(262144);
  if (shift > 0) mul_small(1u << shift);
  for (; shift <= -8; shift += 8) mul_small(390625);
  for (; shift < 0; shift++) mul_small(5);
  int n = 0;
  char tmp[5];
  int k = 0;
  for (unsigned v = limbs[nlimbs - 1]; v; v /= 10) tmp[k++] = (char)('0' + v % 10);
  while (k) buf[n++] = tmp[--k];
  for (int i = nlimbs - 2; i >= 0; i--) {
    unsigned v = limbs[i];
    buf[n++] = (char)('0' + v / 1000);
    buf[n++] = (char)('0' + v / 100 % 10);
    buf[n++] = (char)('0' + v / 10 % 10);
    buf[n++] = (char)('0' + v % 10);
  }
  out->exp10 = n + (exp2 < 0 ? exp2 : 0);
  while (n > 0 && buf[n - 1] == '0') n--;
  out->len = n;
}
