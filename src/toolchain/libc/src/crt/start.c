/*
 * __libc_start(sp): called by _start with the initial stack pointer. Splits
 * the stack into argc/argv/envp/auxv, sets up the TLS block (so %gs:0 holds
 * the thread pointer, as with musl), initialises stdio, runs main and exits
 * with its result.
 */
#include <stdlib.h>
#include "../internal/libc.h"

char **environ;
char *__progname = "";
unsigned long *__auxv;
int main(int argc, char **argv, char **envp);

_Noreturn void __libc_start(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  char **p = envp;
  while (*p) p++;
  environ = envp;
  if (argc > 0 && argv[0]) {
    __progname = argv[0];
    for (char *c = argv[0]; *c; c++)
      if (*c == '/') __progname = c + 1;
  }
  __auxv = (unsigned long *)(p + 1);
  __init_tls();
  exit(main(argc, argv, envp));
}

/* Returns the auxiliary vector entry of type `type`, or 0. */
unsigned long getauxval(unsigned long type) {
  for (unsigned long *a = __auxv; a && a[0]; a += 2)
    if (a[0] == type) return a[1];
  return 0;
}
