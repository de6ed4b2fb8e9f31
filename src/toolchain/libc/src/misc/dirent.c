/*
 * Directory streams: a DIR holds the fd and a buffer of linux_dirent64
 * records from getdents64; readdir returns them one by one (the record
 * layout is struct dirent's, so no copying), refilling when exhausted.
 */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <errno.h>
#include "../internal/syscall.h"

struct __dir {
  int fd;
  int pos;
  int len;
  char buf[4096];
};

DIR *fdopendir(int fd) {
  DIR *d = malloc(sizeof *d);
  if (!d) return NULL;
  d->fd = fd;
  d->pos = d->len = 0;
  return d;
}

DIR *opendir(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return NULL;
  DIR *d = fdopendir(fd);
  if (!d) close(fd);
  return d;
}

/* Returns the next entry, or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *d) {
  if (d->pos >= d->len) {
    long n = __sys_ret(SYS3(NR_getdents64, d->fd, d->buf, sizeof d->buf));
    if (n <= 0) return NULL;
    d->len = (int)n;
    d->pos = 0;
  }
  struct dirent *e = (struct dirent *)(d->buf + d->pos);
  d->pos += e->d_reclen;
  return e;
}

int closedir(DIR *d) {
  int r = close(d->fd);
  free(d);
  return r;
}

void rewinddir(DIR *d) {
  lseek(d->fd, 0, SEEK_SET);
  d->pos = d->len = 0;
}

int dirfd(DIR *d) { return d->fd; }
