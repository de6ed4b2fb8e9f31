/* Integer helpers (abs, div families) and the pseudo-random generators. */
#include <stdlib.h>
#include <inttypes.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
intmax_t imaxabs(intmax_t x) { return x < 0 ? -x : x; }

div_t div(int num, int den) {
  div_t r = {num / den, num % den};
  return r;
}

ldiv_t ldiv(long num, long den) {
  ldiv_t r = {num / den, num % den};
  return r;
}

lldiv_t lldiv(long long num, long long den) {
  lldiv_t r = {num / den, num % den};
  return r;
}

imaxdiv_t imaxdiv(intmax_t num, intmax_t den) {
  imaxdiv_t r = {num / den, num % den};
  return r;
}

/* rand: a 64-bit LCG (Knuth's MMIX constants); returns the top 31 bits. */
static unsigned long long seed = 1;

void srand(unsigned s) { seed = s - 1ULL; }

int rand(void) {
  seed = 6364136223846793005ULL * seed + 1;
  return (int)(seed >> 33);
}

int rand_r(unsigned *s) {
  unsigned x = *s * 1103515245u + 12345u;
  *s = x;
  return (int)((x >> 1) & RAND_MAX);
}

long random(void) { return rand(); }
void srandom(unsigned s) { srand(s); }
