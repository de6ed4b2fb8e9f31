/* errno and the conversion of raw system call results into errno + -1. */
#include <errno.h>

int errno;

/* Returns r, or -1 with errno = -r when r is in -4095..-1. */
long __sys_ret(long r) {
  if ((unsigned long)r > -4096UL) {
    errno = (int)-r;
    return -1;
  }
  return r;
}
