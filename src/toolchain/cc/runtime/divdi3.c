/*
 * 64-bit division helpers with libgcc's names and ABI, for i386 code that
 * divides long long values (denix cc emits calls to these for / and % on
 * 64-bit operands). Compiled by denix cc itself, so it only uses 64-bit
 * shifts, compares, add and subtract, never 64-bit division.
 *
 * Division by zero divides by a 32-bit zero so the CPU raises #DE (SIGFPE),
 * as the hardware would for 32-bit division.
 */
typedef unsigned long long u64;
typedef long long i64;

static u64 udivmod(u64 n, u64 d, u64 *rem) {
  u64 q = 0, r = 0;
  if (d == 0) {
    volatile unsigned zero = 0;
    return 1u / zero;
  }
  if ((n >> 32) == 0) {
    if ((d >> 32) == 0) {
      unsigned n32 = (unsigned)n, d32 = (unsigned)d;
      q = n32 / d32;
      r = n32 % d32;
    } else {
      r = n;
    }
  } else {
    for (int i = 63; i >= 0; i--) {
      r = (r << 1) | ((n >> i) & 1);
      if (r >= d) {
        r -= d;
        q |= 1ULL << i;
      }
    }
  }
  if (rem) *rem = r;
  return q;
}

static u64 absll(i64 v) { return v < 0 ? -(u64)v : (u64)v; }

u64 __udivdi3(u64 a, u64 b) { return udivmod(a, b, 0); }

u64 __umoddi3(u64 a, u64 b) {
  u64 r;
  udivmod(a, b, &r);
  return r;
}

i64 __divdi3(i64 a, i64 b) {
  u64 q = udivmod(absll(a), absll(b), 0);
  return (a < 0) != (b < 0) ? -(i64)q : (i64)q;
}

i64 __moddi3(i64 a, i64 b) {
  u64 r;
  udivmod(absll(a), absll(b), &r);
  return a < 0 ? -(i64)r : (i64)r;
}
