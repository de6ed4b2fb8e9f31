/* File descriptor system calls: each is the raw syscall with -errno turned into errno and -1. */
#include <unistd.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include "../internal/syscall.h"

ssize_t read(int fd, void *buf, size_t n) { return __sys_ret(SYS3(NR_read, fd, buf, n)); }
ssize_t write(int fd, const void *buf, size_t n) { return __sys_ret(SYS3(NR_write, fd, buf, n)); }
int close(int fd) { return (int)__sys_ret(SYS1(NR_close, fd)); }
int dup(int fd) { return (int)__sys_ret(SYS1(NR_dup, fd)); }
int dup2(int fd, int to) { return (int)__sys_ret(SYS2(NR_dup2, fd, to)); }
int pipe(int fds[2]) { return (int)__sys_ret(SYS1(NR_pipe, fds)); }
int pipe2(int fds[2], int flags) { return (int)__sys_ret(SYS2(NR_pipe2, fds, flags)); }
off_t lseek(int fd, off_t off, int whence) { return __sys_ret(SYS3(NR_lseek, fd, off, whence)); }
int fsync(int fd) { return (int)__sys_ret(SYS1(NR_fsync, fd)); }
void sync(void) { SYS0(NR_sync); }

ssize_t pread(int fd, void *buf, size_t n, off_t off) {
  return __sys_ret(SYS5(NR_pread64, fd, buf, n, off, off < 0 ? -1 : 0));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
  return __sys_ret(SYS5(NR_pwrite64, fd, buf, n, off, off < 0 ? -1 : 0));
}

int ftruncate(int fd, off_t len) {
  return (int)__sys_ret(SYS3(NR_ftruncate64, fd, len, len < 0 ? -1 : 0));
}

int truncate(const char *path, off_t len) {
  return (int)__sys_ret(SYS3(NR_truncate64, path, len, len < 0 ? -1 : 0));
}

int open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  int mode = va_arg(ap, int);
  va_end(ap);
  return (int)__sys_ret(SYS3(NR_open, path, flags | O_LARGEFILE, mode));
}

int openat(int dirfd, const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  int mode = va_arg(ap, int);
  va_end(ap);
  return (int)__sys_ret(SYS4(NR_openat, dirfd, path, flags | O_LARGEFILE, mode));
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  long arg = va_arg(ap, long);
  va_end(ap);
  return (int)__sys_ret(SYS3(NR_fcntl64, fd, cmd, arg));
}

int ioctl(int fd, unsigned long req, ...) {
  va_list ap;
  va_start(ap, req);
  long arg = va_arg(ap, long);
  va_end(ap);
  return (int)__sys_ret(SYS3(NR_ioctl, fd, req, arg));
}

int isatty(int fd) {
  char t[60];
  return SYS3(NR_ioctl, fd, TCGETS, t) == 0;
}
