/* Memory mapping calls; mmap uses mmap2, whose offset is in 4096-byte pages. */
#include <sys/mman.h>
#include <errno.h>
#include "../internal/syscall.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
  if (off & 4095) {
    errno = EINVAL;
    return MAP_FAILED;
  }
  long r = __sys_ret(SYS6(NR_mmap2, addr, len, prot, flags, fd, (unsigned long)off >> 12));
  return (void *)r;
}

int munmap(void *addr, size_t len) { return (int)__sys_ret(SYS2(NR_munmap, addr, len)); }

int mprotect(void *addr, size_t len, int prot) {
  return (int)__sys_ret(SYS3(NR_mprotect, addr, len, prot));
}
