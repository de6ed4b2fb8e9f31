/* File system calls: names, links, directories, permissions, stat (through the stat64 family). */
#include <unistd.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include "../internal/syscall.h"

int unlink(const char *path) { return (int)__sys_ret(SYS1(NR_unlink, path)); }
int rmdir(const char *path) { return (int)__sys_ret(SYS1(NR_rmdir, path)); }
int link(const char *from, const char *to) { return (int)__sys_ret(SYS2(NR_link, from, to)); }
int symlink(const char *t, const char *p) { return (int)__sys_ret(SYS2(NR_symlink, t, p)); }
int rename(const char *from, const char *to) { return (int)__sys_ret(SYS2(NR_rename, from, to)); }
int access(const char *path, int mode) { return (int)__sys_ret(SYS2(NR_access, path, mode)); }
int chdir(const char *path) { return (int)__sys_ret(SYS1(NR_chdir, path)); }
int fchdir(int fd) { return (int)__sys_ret(SYS1(NR_fchdir, fd)); }
int mkdir(const char *path, mode_t mode) { return (int)__sys_ret(SYS2(NR_mkdir, path, mode)); }
int chmod(const char *path, mode_t mode) { return (int)__sys_ret(SYS2(NR_chmod, path, mode)); }
int fchmod(int fd, mode_t mode) { return (int)__sys_ret(SYS2(NR_fchmod, fd, mode)); }
mode_t umask(mode_t mask) { return (mode_t)SYS1(NR_umask, mask); }
int stat(const char *path, struct stat *st) { return (int)__sys_ret(SYS2(NR_stat64, path, st)); }
int lstat(const char *path, struct stat *st) { return (int)__sys_ret(SYS2(NR_lstat64, path, st)); }
int fstat(int fd, struct stat *st) { return (int)__sys_ret(SYS2(NR_fstat64, fd, st)); }

int chown(const char *path, uid_t uid, gid_t gid) {
  return (int)__sys_ret(SYS3(NR_chown32, path, uid, gid));
}

int mknod(const char *path, mode_t mode, dev_t dev) {
  return (int)__sys_ret(SYS3(NR_mknod, path, mode, (unsigned)dev));
}

int mkfifo(const char *path, mode_t mode) { return mknod(path, mode | S_IFIFO, 0); }

ssize_t readlink(const char *path, char *buf, size_t n) {
  return __sys_ret(SYS3(NR_readlink, path, buf, n));
}

/* With buf NULL, allocates the result (n bytes, or as needed when n is 0), as glibc does. */
char *getcwd(char *buf, size_t n) {
  char tmp[PATH_MAX];
  if (buf) return __sys_ret(SYS2(NR_getcwd, buf, n)) < 0 ? NULL : buf;
  long r = __sys_ret(SYS2(NR_getcwd, tmp, n && n < sizeof tmp ? n : sizeof tmp));
  if (r < 0) return NULL;
  char *out = malloc(n > (size_t)r ? n : (size_t)r);
  return out ? memcpy(out, tmp, (size_t)r) : NULL;
}

int remove(const char *path) {
  if (unlink(path) == 0) return 0;
  return rmdir(path);
}

int utimes(const char *path, const struct timeval times[2]) {
  return (int)__sys_ret(SYS2(NR_utimes, path, times));
}

int utime(const char *path, const struct utimbuf *times) {
  return (int)__sys_ret(SYS2(NR_utime, path, times));
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags) {
  return (int)__sys_ret(SYS4(NR_utimensat, dirfd, path, times, flags));
}

int futimens(int fd, const struct timespec times[2]) { return utimensat(fd, NULL, times, 0); }
