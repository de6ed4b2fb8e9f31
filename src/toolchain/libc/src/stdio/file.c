/*
 * Stream objects: the three standard streams, opening (fopen/fdopen/freopen/
 * tmpfile), closing, buffering modes and flushing. All streams are on one
 * list so fflush(NULL) and exit can flush them. stdout is line-buffered on a
 * terminal and fully buffered otherwise; stderr is unbuffered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include "../internal/stdio_impl.h"
#include "../internal/libc.h"

static struct __file std_in = {0, F_READ | F_STATIC, -1, 0, 0, 0, 0, 0, 0, {0}, 0};
static struct __file std_out = {1, F_WRITE | F_STATIC, -1, 0, 0, 0, 0, 0, 0, {0}, &std_in};
static struct __file std_err = {2, F_WRITE | F_STATIC, _IONBF, 0, 0, 0, 0, 0, 0, {0}, &std_out};
FILE *stdin = &std_in;
FILE *stdout = &std_out;
FILE *stderr = &std_err;
static FILE *all = &std_err;

/* Allocates the buffer on first use; a stream without memory becomes unbuffered. */
int __ensure_buffer(FILE *f) {
  if (f->mode < 0) f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
  if (f->buf || f->mode == _IONBF) return 0;
  f->buf = malloc(BUFSIZ);
  if (!f->buf) {
    f->mode = _IONBF;
    return 0;
  }
  f->size = BUFSIZ;
  f->flags |= F_OWNBUF;
  return 0;
}

FILE *__file_new(int fd, int flags) {
  FILE *f = calloc(1, sizeof *f);
  if (!f) return NULL;
  f->fd = fd;
  f->flags = flags;
  f->mode = -1;
  f->next = all;
  all = f;
  return f;
}

/* Parses an fopen mode into open(2) flags; returns F_* flags or 0 (EINVAL). */
int __parse_mode(const char *mode, int *oflags) {
  int flags;
  switch (*mode) {
  case 'r': flags = F_READ, *oflags = O_RDONLY; break;
  case 'w': flags = F_WRITE, *oflags = O_WRONLY | O_CREAT | O_TRUNC; break;
  case 'a': flags = F_WRITE | F_APPEND, *oflags = O_WRONLY | O_CREAT | O_APPEND; break;
  default: errno = EINVAL; return 0;
  }
  for (mode++; *mode; mode++) {
    if (*mode == '+') flags |= F_READ | F_WRITE, *oflags = (*oflags & ~O_ACCMODE) | O_RDWR;
    else if (*mode == 'x') *oflags |= O_EXCL;
    else if (*mode == 'e') *oflags |= O_CLOEXEC;
  }
  return flags;
}

FILE *fopen(const char *path, const char *mode) {
  int oflags, flags = __parse_mode(mode, &oflags);
  if (!flags) return NULL;
  int fd = open(path, oflags, 0666);
  if (fd < 0) return NULL;
  FILE *f = __file_new(fd, flags);
  if (!f) close(fd);
  return f;
}

FILE *fdopen(int fd, const char *mode) {
  int oflags, flags = __parse_mode(mode, &oflags);
  if (!flags) return NULL;
  if (fcntl(fd, F_GETFD) < 0) return NULL;
  return __file_new(fd, flags);
}

FILE *freopen(const char *path, const char *mode, FILE *f) {
  int oflags, flags = __parse_mode(mode, &oflags);
  fflush(f);
  if (!flags || !path) return NULL;
  int fd = open(path, oflags, 0666);
  if (fd < 0) return NULL;
  if (fd != f->fd) {
    dup2(fd, f->fd);
    close(fd);
  }
  f->flags = (f->flags & (F_STATIC | F_OWNBUF)) | flags;
  f->mode = f == stderr ? _IONBF : -1; /* buffering is decided again for the new file */
  f->rpos = f->rend = f->wlen = 0;
  f->nunget = 0;
  return f;
}

FILE *tmpfile(void) {
  static unsigned counter;
  char name[64];
  for (int tries = 0; tries < 100; tries++) {
    snprintf(name, sizeof name, "/tmp/tmpf.%d.%u", getpid(), counter++);
    int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) continue;
    unlink(name);
    FILE *f = __file_new(fd, F_READ | F_WRITE);
    if (!f) close(fd);
    return f;
  }
  return NULL;
}

static void unlink_stream(FILE *f) {
  for (FILE **p = &all; *p; p = &(*p)->next) {
    if (*p == f) {
      *p = f->next;
      return;
    }
  }
}

int fclose(FILE *f) {
  int r = fflush(f);
  if (close(f->fd) < 0) r = EOF;
  if (f->flags & F_OWNBUF) free(f->buf);
  if (f->flags & F_STATIC) {
    f->buf = NULL;
    f->flags = F_STATIC | F_EOF;
    return r;
  }
  unlink_stream(f);
  free(f);
  return r;
}

int fflush(FILE *f) {
  if (f) return (f->flags & F_WRITE) && f->wlen ? __flush_write(f) : __drop_read(f);
  int r = 0;
  for (FILE *g = all; g; g = g->next)
    if (g->wlen && __flush_write(g) < 0) r = EOF;
  return r;
}

void __stdio_exit(void) { fflush(NULL); }

int setvbuf(FILE *f, char *buf, int mode, size_t size) {
  if (mode < _IOFBF || mode > _IONBF) return -1;
  f->mode = mode;
  if (mode == _IONBF) return 0;
  if (buf && size) {
    if (f->flags & F_OWNBUF) free(f->buf);
    f->flags &= ~F_OWNBUF;
    f->buf = (unsigned char *)buf;
    f->size = size;
  }
  return 0;
}

void setbuf(FILE *f, char *buf) { setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ); }
void setlinebuf(FILE *f) { setvbuf(f, NULL, _IOLBF, 0); }
int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
int fileno(FILE *f) { return f->fd; }

void perror(const char *msg) {
  const char *e = strerror(errno);
  if (msg && *msg) fprintf(stderr, "%s: %s\n", msg, e);
  else fprintf(stderr, "%s\n", e);
}
