/*
 * Transcendental functions over the x87 (x87.s): exp/log families, pow,
 * trigonometry and hyperbolics. Results come from extended-precision x87
 * operations, so they are within about one ulp but not always correctly
 * rounded (glibc's usually are). Special values follow C11 Annex F.
 */
#include <math.h>
#include <errno.h>

double __exp2_x87(double y);
double __ylog2x_x87(double y, double x);
double __pow_x87(double x, double y);
double __exp_x87(double x);

static const double LN2 = 0.693147180559945309417, LOG10_2 = 0.301029995663981195214;

double exp2(double x) {
  if (isnan(x)) return x;
  if (x > 1024) return HUGE_VAL;
  if (x < -1080) return 0.0;
  return __exp2_x87(x);
}

double exp(double x) {
  if (isnan(x)) return x;
  if (x > 710) return HUGE_VAL;
  if (x < -746) return 0.0;
  return __exp_x87(x);
}

static double log_special(double x, int *done) {
  *done = 1;
  if (isnan(x)) return x;
  if (x < 0) return NAN;
  if (x == 0) return -HUGE_VAL;
  if (isinf(x)) return x;
  *done = 0;
  return 0;
}

double log2(double x) {
  int done;
  double r = log_special(x, &done);
  return done ? r : __ylog2x_x87(1.0, x);
}

double log(double x) {
  int done;
  double r = log_special(x, &done);
  return done ? r : __ylog2x_x87(LN2, x);
}

double log10(double x) {
  int done;
  double r = log_special(x, &done);
  return done ? r : __ylog2x_x87(LOG10_2, x);
}

static int is_integer(double y) { return isfinite(y) && floor(y) == y; }
static int is_odd_integer(double y) { return is_integer(y) && fabs(y) < 9007199254740992.0 && fmod(y, 2.0) != 0; }

double pow(double x, double y) {
  if (y == 0 || x == 1) return 1.0;
  if (isnan(x) || isnan(y)) return x + y;
  if (isinf(y)) {
    double ax = fabs(x);
    if (ax == 1) return 1.0;
    return (ax > 1) == (y > 0) ? HUGE_VAL : 0.0;
  }
  int odd = is_odd_integer(y);
  if (x == 0 || isinf(x)) {
    int big = (x == 0) == (y < 0);
    double r = big ? HUGE_VAL : 0.0;
    return odd && signbit(x) ? -r : r;
  }
  if (x < 0 && !is_integer(y)) return NAN;
  double r = __pow_x87(fabs(x), y);
  return x < 0 && odd ? -r : r;
}

double sqrt(double x);

double atan(double x) { return atan2(x, 1.0); }
double asin(double x) { return fabs(x) > 1 ? NAN : atan2(x, sqrt((1 - x) * (1 + x))); }
double acos(double x) { return fabs(x) > 1 ? NAN : atan2(sqrt((1 - x) * (1 + x)), x); }

double sinh(double x) {
  if (fabs(x) < 1e-8) return x;
  double e = exp(x);
  return (e - 1 / e) / 2;
}

double cosh(double x) {
  double e = exp(x);
  return (e + 1 / e) / 2;
}

double tanh(double x) {
  if (fabs(x) < 1e-8) return x;
  if (x > 20) return 1.0;
  if (x < -20) return -1.0;
  double e = exp(2 * x);
  return (e - 1) / (e + 1);
}

double hypot(double x, double y) {
  if (isinf(x) || isinf(y)) return HUGE_VAL;
  long double a = x, b = y;
  return (double)sqrtl(a * a + b * b);
}
