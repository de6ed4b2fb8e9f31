/* Internal declarations shared across the library's source files. */
#ifndef _LIBC_INTERNAL_H
#define _LIBC_INTERNAL_H
#include <stddef.h>
#include <stdio.h>

struct tcb {
  struct tcb *self; /* %gs:0 */
  int tid;
};

void __init_tls(void);
void __stdio_exit(void);
extern char **environ;
extern unsigned long *__auxv;

/* Formatted output sink: writes into a FILE, or into a bounded buffer. */
struct sink {
  FILE *f;
  char *buf;
  size_t cap;   /* bytes available in buf, counting the terminating NUL */
  size_t count; /* characters produced so far */
  int fd;       /* used when f is NULL and buf is NULL (dprintf) */
};
int __vformat(struct sink *out, const char *fmt, va_list ap);
void __sink_put(struct sink *out, const char *s, size_t n);

/* Formatted input source: reads from a FILE or from a string. */
struct source {
  FILE *f;
  const char *s;
  int last;     /* last character read or EOF */
  size_t count; /* characters consumed (%n) */
};
int __vscan(struct source *in, const char *fmt, va_list ap);

/* Exact decimal of a binary float: value = 0.d[0]d[1].. * 10^exp10. */
struct decimal {
  char *digits;
  int len;
  int exp10;
};
#define DECIMAL_BUF 12000
void __float_to_decimal(unsigned long long mant, int exp2, struct decimal *out, char *buf);
long double __decimal_to_float(const char *s, char **end, int bits);
#endif
