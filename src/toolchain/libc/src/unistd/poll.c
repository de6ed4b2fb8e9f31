/* Multiplexing and vectored I/O: poll, select (_newselect), readv, writev. */
#include <poll.h>
#include <sys/select.h>
#include <sys/uio.h>
#include "../internal/syscall.h"

int poll(struct pollfd *fds, nfds_t n, int timeout_ms) {
  return (int)__sys_ret(SYS3(NR_poll, fds, n, timeout_ms));
}

int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout) {
  return (int)__sys_ret(SYS5(NR_newselect, n, r, w, e, timeout));
}

ssize_t readv(int fd, const struct iovec *iov, int n) { return __sys_ret(SYS3(NR_readv, fd, iov, n)); }
ssize_t writev(int fd, const struct iovec *iov, int n) { return __sys_ret(SYS3(NR_writev, fd, iov, n)); }
