/* Sleeping, the program break, sysconf, host names, terminal names. */
#include <unistd.h>
#include <time.h>
#include <errno.h>
#include <string.h>
#include <stdint.h>
#include <sys/utsname.h>
#include "../internal/syscall.h"

unsigned sleep(unsigned seconds) {
  struct timespec req = {(time_t)seconds, 0}, rem;
  if (nanosleep(&req, &rem) < 0) return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
  return 0;
}

int usleep(useconds_t usec) {
  struct timespec req = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};
  return nanosleep(&req, NULL);
}

static uintptr_t cur_brk;

int brk(void *end) {
  uintptr_t r = (uintptr_t)SYS1(NR_brk, end);
  if (r < (uintptr_t)end) {
    errno = ENOMEM;
    return -1;
  }
  cur_brk = r;
  return 0;
}

/* Moves the break by delta; returns the old break or (void *)-1 with ENOMEM. */
void *sbrk(int delta) {
  if (!cur_brk) cur_brk = (uintptr_t)SYS1(NR_brk, 0);
  uintptr_t old = cur_brk;
  if (delta == 0) return (void *)old;
  if (brk((void *)(old + (uintptr_t)delta)) < 0) return (void *)-1;
  return (void *)old;
}

long sysconf(int name) {
  switch (name) {
  case _SC_ARG_MAX: return 131072;
  case _SC_CHILD_MAX: return 999;
  case _SC_CLK_TCK: return 100;
  case _SC_OPEN_MAX: return 1024;
  case _SC_PAGESIZE: return 4096;
  case _SC_NPROCESSORS_CONF:
  case _SC_NPROCESSORS_ONLN: return 1;
  }
  errno = EINVAL;
  return -1;
}

int getpagesize(void) { return 4096; }

int uname(struct utsname *u) { return (int)__sys_ret(SYS1(NR_uname, u)); }

int gethostname(char *name, size_t n) {
  struct utsname u;
  if (uname(&u) < 0) return -1;
  size_t len = strlen(u.nodename);
  if (len >= n) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(name, u.nodename, len + 1);
  return 0;
}

char *ttyname(int fd) {
  static char buf[64];
  char link[32] = "/proc/self/fd/";
  if (!isatty(fd)) {
    errno = ENOTTY;
    return NULL;
  }
  int i = 14;
  if (fd >= 10) link[i++] = (char)('0' + fd / 10 % 10);
  link[i++] = (char)('0' + fd % 10);
  link[i] = 0;
  ssize_t n = readlink(link, buf, sizeof buf - 1);
  if (n < 0) return NULL;
  buf[n] = 0;
  return buf;
}
