/*
 * The allocator. Every block starts with a 16-byte header, so user pointers
 * are 16-byte aligned:
 *   - small blocks (total size up to 64 KiB) come in 12 power-of-two size
 *     classes (32 B .. 64 KiB); freed blocks go on their class's free list
 *     and are reused LIFO; fresh blocks are carved from an arena grown with
 *     brk in 256 KiB steps (or, when brk fails, mmap'd 1 MiB chunks);
 *   - large blocks are mmap'd on their own and munmap'd by free;
 *   - over-aligned blocks (aligned_alloc/posix_memalign with align > 16)
 *     record the underlying block in their header.
 * Memory is never returned from the arena to the kernel. Not thread-safe.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>

enum { HDR = 16, NCLASS = 12, MIN_SHIFT = 5, LARGE = 100, ALIGNED = 101, MAGIC = 0x6d616c6c };

struct header {
  size_t size;  /* usable bytes after the header (class size - HDR, or mapped length - HDR) */
  int kind;     /* class index, LARGE or ALIGNED */
  void *base;   /* ALIGNED: the underlying block */
  unsigned magic;
};

static void *free_lists[NCLASS];
static char *arena_next, *arena_end;

static struct header *hdr_of(void *p) { return (struct header *)((char *)p - HDR); }

/* Returns the smallest class whose block holds n user bytes, or -1 for large. */
static int class_for(size_t n) {
  if (n > ((size_t)1 << (NCLASS + MIN_SHIFT - 1)) - HDR) return -1;
  for (int c = 0; c < NCLASS; c++)
    if (n + HDR <= (size_t)1 << (c + MIN_SHIFT)) return c;
  return -1;
}

/* Makes room for at least n more bytes in the arena; 0 on success. */
static int grow_arena(size_t n) {
  size_t step = n > 262144 ? n : 262144;
  char *p = sbrk(0);
  if (p != (char *)-1 && p == arena_end) {
    if (sbrk((int)step) != (void *)-1) {
      arena_end += step;
      return 0;
    }
  }
  p = sbrk((int)(step + 15));
  if (p == (char *)-1) {
    step = n > 1048576 ? n : 1048576;
    p = mmap(NULL, step + 15, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
  }
  arena_next = (char *)(((uintptr_t)p + 15) & ~(uintptr_t)15);
  arena_end = arena_next + step;
  return 0;
}

static void *alloc_small(int c) {
  size_t size = (size_t)1 << (c + MIN_SHIFT);
  void *p = free_lists[c];
  if (p) {
    free_lists[c] = *(void **)p;
    return p;
  }
  if ((size_t)(arena_end - arena_next) < size && grow_arena(size) < 0) return NULL;
  struct header *h = (struct header *)arena_next;
  arena_next += size;
  h->size = size - HDR;
  h->kind = c;
  h->magic = MAGIC;
  return (char *)h + HDR;
}

static void *alloc_large(size_t n) {
  if (n > SIZE_MAX - HDR - 4096) return NULL;
  size_t len = (n + HDR + 4095) & ~(size_t)4095;
  struct header *h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (h == MAP_FAILED) return NULL;
  h->size = len - HDR;
  h->kind = LARGE;
  h->magic = MAGIC;
  return (char *)h + HDR;
}

void *malloc(size_t n) {
  int c = class_for(n);
  void *p = c >= 0 ? alloc_small(c) : alloc_large(n);
  if (!p) errno = ENOMEM;
  return p;
}

void free(void *p) {
  if (!p) return;
  struct header *h = hdr_of(p);
  if (h->magic != MAGIC) abort();
  if (h->kind == ALIGNED) {
    free(h->base);
  } else if (h->kind == LARGE) {
    munmap(h, h->size + HDR);
  } else {
    *(void **)p = free_lists[h->kind];
    free_lists[h->kind] = p;
  }
}

void *calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) {
    errno = ENOMEM;
    return NULL;
  }
  void *p = malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

/* Usable bytes of the block at p (from p to the block's end). */
static size_t usable(void *p) {
  struct header *h = hdr_of(p);
  if (h->kind != ALIGNED) return h->size;
  return usable(h->base) - (size_t)((char *)p - (char *)h->base);
}

void *realloc(void *p, size_t n) {
  if (!p) return malloc(n);
  if (n == 0) {
    free(p);
    return NULL;
  }
  size_t have = usable(p);
  if (n <= have && (hdr_of(p)->kind != LARGE || n > have / 2)) return p;
  void *q = malloc(n);
  if (!q) return NULL;
  memcpy(q, p, n < have ? n : have);
  free(p);
  return q;
}

void *reallocarray(void *p, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(p, count * size);
}

void *aligned_alloc(size_t align, size_t n) {
  if (align == 0 || (align & (align - 1))) {
    errno = EINVAL;
    return NULL;
  }
  if (align <= HDR) return malloc(n);
  char *base = malloc(n + align + HDR);
  if (!base) return NULL;
  char *p = (char *)(((uintptr_t)base + HDR + align - 1) & ~(uintptr_t)(align - 1));
  struct header *h = hdr_of(p);
  h->kind = ALIGNED;
  h->base = base;
  h->size = n;
  h->magic = MAGIC;
  return p;
}

int posix_memalign(void **out, size_t align, size_t n) {
  if (align < sizeof(void *) || (align & (align - 1))) return EINVAL;
  void *p = aligned_alloc(align, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
