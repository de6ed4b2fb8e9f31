/*
 * qsort: introsort-free quicksort with median-of-three pivots, insertion sort
 * below 8 elements, recursion on the smaller half (O(log n) stack); elements
 * are swapped bytewise. bsearch: binary search over a sorted array.
 */
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size) {
  while (size--) {
    char t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

static void insertion(char *base, size_t n, size_t size, cmp_fn cmp) {
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
      swap(base + (j - 1) * size, base + j * size, size);
}

/* Moves the median of first, middle and last to the first position. */
static void median_to_front(char *base, size_t n, size_t size, cmp_fn cmp) {
  char *a = base, *b = base + n / 2 * size, *c = base + (n - 1) * size;
  if (cmp(a, b) > 0) swap(a, b, size);
  if (cmp(b, c) > 0) swap(b, c, size);
  if (cmp(a, b) > 0) swap(a, b, size);
  swap(base, b, size);
}

/* Hoare partition around base[0]; returns the pivot's final index. */
static size_t partition(char *base, size_t n, size_t size, cmp_fn cmp) {
  size_t i = 0, j = n;
  for (;;) {
    do i++; while (i < n && cmp(base + i * size, base) < 0);
    do j--; while (cmp(base + j * size, base) > 0);
    if (i >= j) break;
    swap(base + i * size, base + j * size, size);
  }
  swap(base, base + j * size, size);
  return j;
}

void qsort(void *base, size_t n, size_t size, cmp_fn cmp) {
  char *b = base;
  while (n > 8) {
    median_to_front(b, n, size, cmp);
    size_t p = partition(b, n, size, cmp);
    if (p < n - p - 1) {
      qsort(b, p, size, cmp);
      b += (p + 1) * size;
      n -= p + 1;
    } else {
      qsort(b + (p + 1) * size, n - p - 1, size, cmp);
      n = p;
    }
  }
  insertion(b, n, size, cmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp) {
  const char *b = base;
  while (n > 0) {
    const char *mid = b + n / 2 * size;
    int r = cmp(key, mid);
    if (r == 0) return (void *)mid;
    if (r > 0) {
      b = mid + size;
      n -= n / 2 + 1;
    } else {
      n /= 2;
    }
  }
  return NULL;
}
