/* Splitting doubles and x87 long doubles into sign, kind, mantissa and exponent (see struct fval). */
#include <string.h>
#include "../internal/format.h"

void __fval_from_double(double v, struct fval *fv) {
  unsigned long long bits;
  memcpy(&bits, &v, 8);
  int e = (int)(bits >> 52) & 0x7ff;
  unsigned long long frac = bits & ((1ULL << 52) - 1);
  fv->neg = (int)(bits >> 63);
  fv->kind = e == 0x7ff ? (frac ? FV_NAN : FV_INF) : FV_FINITE;
  fv->mant = e ? frac | (1ULL << 52) : frac;
  fv->exp2 = e ? e - 1075 : -1074;
  fv->hex_lead = e != 0;
  fv->hex_fbits = 52;
  fv->hex_frac = frac;
  fv->hex_exp = fv->mant == 0 ? 0 : e ? e - 1023 : -1022;
}

void __fval_from_long_double(long double v, struct fval *fv) {
  unsigned char raw[12];
  unsigned long long m;
  unsigned short se;
  memcpy(raw, &v, 10);
  memcpy(&m, raw, 8);
  memcpy(&se, raw + 8, 2);
  int e = se & 0x7fff;
  fv->neg = se >> 15;
  fv->kind = e == 0x7fff ? ((m << 1) ? FV_NAN : FV_INF) : FV_FINITE;
  fv->mant = m;
  fv->exp2 = e ? e - 16383 - 63 : -16445;
  fv->hex_lead = (int)(m >> 60);
  fv->hex_fbits = 60;
  fv->hex_frac = m & ((1ULL << 60) - 1);
  fv->hex_exp = m == 0 ? 0 : (e ? e : 1) - 16383 - 3;
}
