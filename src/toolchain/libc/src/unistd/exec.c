/*
 * The exec family. execvp/execlp search PATH (default "/bin:/usr/bin") when the
 * file has no '/'; EACCES from any candidate is remembered and reported if no
 * candidate runs, as POSIX asks. execl* collect their arguments into an array.
 */
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include "../internal/syscall.h"

int execve(const char *path, char *const argv[], char *const envp[]) {
  return (int)__sys_ret(SYS3(NR_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

int execvpe(const char *file, char *const argv[], char *const envp[]) {
  if (!*file) {
    errno = ENOENT;
    return -1;
  }
  if (strchr(file, '/')) return execve(file, argv, envp);
  const char *path = getenv("PATH");
  if (!path) path = "/bin:/usr/bin";
  size_t flen = strlen(file);
  int saw_eacces = 0;
  char buf[PATH_MAX];
  for (const char *p = path;; p++) {
    const char *end = strchrnul(p, ':');
    size_t dlen = (size_t)(end - p);
    if (dlen + flen + 2 <= sizeof buf) {
      memcpy(buf, p, dlen);
      if (dlen) buf[dlen++] = '/';
      memcpy(buf + dlen, file, flen + 1);
      execve(buf, argv, envp);
      if (errno == EACCES) saw_eacces = 1;
      else if (errno != ENOENT && errno != ENOTDIR) return -1;
    }
    if (!*end) break;
    p = end;
  }
  if (saw_eacces) errno = EACCES;
  return -1;
}

int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

#define MAX_ARGS 256

/* Collects the NULL-terminated list that follows arg; returns the count or -1 (E2BIG). */
static int collect(const char *arg, va_list ap, char **argv) {
  int n = 0;
  argv[n++] = (char *)arg;
  while (arg) {
    if (n == MAX_ARGS) {
      errno = E2BIG;
      return -1;
    }
    arg = va_arg(ap, const char *);
    argv[n++] = (char *)arg;
  }
  return n;
}

int execl(const char *path, const char *arg, ...) {
  char *argv[MAX_ARGS + 1];
  va_list ap;
  va_start(ap, arg);
  int n = collect(arg, ap, argv);
  va_end(ap);
  return n < 0 ? -1 : execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...) {
  char *argv[MAX_ARGS + 1];
  va_list ap;
  va_start(ap, arg);
  int n = collect(arg, ap, argv);
  va_end(ap);
  return n < 0 ? -1 : execvp(file, argv);
}

int execle(const char *path, const char *arg, ...) {
  char *argv[MAX_ARGS + 1];
  va_list ap;
  va_start(ap, arg);
  int n = collect(arg, ap, argv);
  char **envp = n < 0 ? NULL : va_arg(ap, char **);
  va_end(ap);
  return n < 0 ? -1 : execve(path, argv, envp);
}
