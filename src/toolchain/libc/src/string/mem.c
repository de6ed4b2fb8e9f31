/* Memory block functions: copy, move, fill, compare, search. Byte loops; memcpy/memset use word steps when aligned. */
#include <string.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
    for (; n >= 4; n -= 4, d += 4, s += 4) *(uint32_t *)d = *(const uint32_t *)s;
  }
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d == s || n == 0) return dst;
  if (d < s || d >= s + n) return memcpy(dst, src, n);
  while (n--) d[n] = s[n];
  return dst;
}

void *memset(void *s, int c, size_t n) {
  unsigned char *p = s;
  if (((uintptr_t)p & 3) == 0 && n >= 4) {
    uint32_t w = (unsigned char)c * 0x01010101u;
    for (; n >= 4; n -= 4, p += 4) *(uint32_t *)p = w;
  }
  while (n--) *p++ = (unsigned char)c;
  return s;
}

int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x - *y;
  return 0;
}

void *memchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  for (; n; n--, p++)
    if (*p == (unsigned char)c) return (void *)p;
  return NULL;
}

void *memrchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  while (n--)
    if (p[n] == (unsigned char)c) return (void *)(p + n);
  return NULL;
}

void *memmem(const void *h, size_t hn, const void *n, size_t nn) {
  const unsigned char *p = h;
  if (nn == 0) return (void *)h;
  for (; hn >= nn; hn--, p++)
    if (*p == *(const unsigned char *)n && memcmp(p, n, nn) == 0) return (void *)p;
  return NULL;
}

void *mempcpy(void *dst, const void *src, size_t n) { return (char *)memcpy(dst, src, n) + n; }

void *memccpy(void *dst, const void *src, int c, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  for (; n; n--) {
    if ((*d++ = *s++) == (unsigned char)c) return d;
  }
  return NULL;
}

void bzero(void *s, size_t n) { memset(s, 0, n); }
int bcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
void bcopy(const void *src, void *dst, size_t n) { memmove(dst, src, n); }
