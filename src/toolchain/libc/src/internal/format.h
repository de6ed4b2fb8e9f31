/* Internal: a parsed printf conversion specification and the float value handed to the float formatter. */
#ifndef _LIBC_FORMAT_H
#define _LIBC_FORMAT_H
#include "libc.h"

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_LD };

struct spec {
  int minus, plus, space, hash, zero;
  int width;
  int prec; /* -1 when absent */
  int len;  /* LEN_* */
  char conv;
};

enum { FV_FINITE, FV_INF, FV_NAN };

/* A floating value: (-1)^neg * mant * 2^exp2, plus its hexadecimal layout for %a. */
struct fval {
  int neg, kind;
  unsigned long long mant;
  int exp2;
  int hex_lead, hex_fbits, hex_exp;
  unsigned long long hex_frac;
};

void __fval_from_double(double v, struct fval *fv);
void __fval_from_long_double(long double v, struct fval *fv);
void __format_float(struct sink *out, const struct spec *sp, const struct fval *fv);
void __pad(struct sink *out, char c, int n);
#endif
