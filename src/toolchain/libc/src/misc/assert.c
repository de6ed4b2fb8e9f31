/* assert() failure: glibc's message format, then abort. Also setlocale (only "C"/"" exist). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>

extern char *__progname;

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func) {
  fflush(stdout);
  fprintf(stderr, "%s: %s:%u: %s: Assertion `%s' failed.\n", __progname, file, line,
          func, expr);
  abort();
}

char *setlocale(int category, const char *locale) {
  (void)category;
  if (!locale || !*locale || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0) return "C";
  return NULL;
}
