/*
 * Stream I/O: byte and block reads and writes through the stream buffer,
 * ungetc, seeking and line input. Failure contracts follow C11: reads return
 * EOF (or a short count) and set the EOF or error indicator; writes return
 * EOF (or a short count) and set the error indicator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "../internal/stdio_impl.h"

/* Writes all of p[0..n) to fd; 0 or -1 (sets F_ERR). */
static int write_all(FILE *f, const unsigned char *p, size_t n) {
  while (n) {
    ssize_t k = write(f->fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      f->flags |= F_ERR;
      return -1;
    }
    p += k, n -= (size_t)k;
  }
  return 0;
}

int __flush_write(FILE *f) {
  size_t n = f->wlen;
  f->wlen = 0;
  return n && write_all(f, f->buf, n) < 0 ? EOF : 0;
}

/* Gives back read-ahead (seeking the fd back over it) before writing or seeking. */
int __drop_read(FILE *f) {
  long ahead = (long)(f->rend - f->rpos) + f->nunget;
  f->rpos = f->rend = 0;
  f->nunget = 0;
  if (ahead && lseek(f->fd, -ahead, SEEK_CUR) < 0) return errno == ESPIPE ? 0 : EOF;
  return 0;
}

/* Refills the read buffer; returns the next byte or EOF. */
int __fill(FILE *f) {
  if (!(f->flags & F_READ)) {
    f->flags |= F_ERR;
    errno = EBADF;
    return EOF;
  }
  if (f->flags & F_EOF) return EOF; /* sticky, as C11 7.21.7.1 and glibc */
  if (f->wlen && __flush_write(f) < 0) return EOF;
  __ensure_buffer(f);
  if (f->mode != _IOFBF && stdout->mode == _IOLBF && stdout->wlen) __flush_write(stdout);
  unsigned char one;
  unsigned char *dst = f->buf ? f->buf : &one;
  size_t cap = f->buf ? f->size : 1;
  ssize_t n;
  do n = read(f->fd, dst, cap); while (n < 0 && errno == EINTR);
  if (n <= 0) {
    f->flags |= n == 0 ? F_EOF : F_ERR;
    return EOF;
  }
  if (!f->buf) return one;
  f->rpos = 1;
  f->rend = (size_t)n;
  return f->buf[0];
}

int fgetc(FILE *f) {
  if (f->nunget) return f->unget[--f->nunget];
  if (f->rpos < f->rend) return f->buf[f->rpos++];
  return __fill(f);
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f) {
  if (c == EOF || f->nunget == UNGET_MAX) return EOF;
  if (f->wlen) __flush_write(f);
  f->unget[f->nunget++] = (unsigned char)c;
  f->flags &= ~F_EOF;
  return (unsigned char)c;
}

/* Appends n bytes to the stream; 0 or EOF. */
static int put_bytes(FILE *f, const unsigned char *p, size_t n) {
  if (!(f->flags & F_WRITE)) {
    f->flags |= F_ERR;
    errno = EBADF;
    return EOF;
  }
  if (f->rpos < f->rend || f->nunget) __drop_read(f);
  __ensure_buffer(f);
  if (f->mode == _IONBF) return write_all(f, p, n) < 0 ? EOF : 0;
  while (n) {
    size_t room = f->size - f->wlen, k = n < room ? n : room;
    memcpy(f->buf + f->wlen, p, k);
    f->wlen += k, p += k, n -= k;
    if (f->wlen == f->size && __flush_write(f) < 0) return EOF;
  }
  if (f->mode == _IOLBF && f->wlen && memchr(f->buf, '\n', f->wlen)) return __flush_write(f);
  return 0;
}

int fputc(int c, FILE *f) {
  unsigned char b = (unsigned char)c;
  return put_bytes(f, &b, 1) < 0 ? EOF : b;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) { return put_bytes(f, (const unsigned char *)s, strlen(s)) < 0 ? EOF : 1; }

int puts(const char *s) {
  if (fputs(s, stdout) == EOF) return EOF;
  return fputc('\n', stdout) == EOF ? EOF : 1;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f) {
  if (!size || !n) return 0;
  return put_bytes(f, p, size * n) < 0 ? 0 : n;
}

size_t fread(void *p, size_t size, size_t n, FILE *f) {
  unsigned char *d = p;
  size_t want = size * n, got = 0;
  if (!want) return 0;
  while (got < want && f->nunget) d[got++] = f->unget[--f->nunget];
  while (got < want) {
    size_t avail = f->rend - f->rpos;
    if (avail) {
      size_t k = want - got < avail ? want - got : avail;
      memcpy(d + got, f->buf + f->rpos, k);
      f->rpos += k, got += k;
      continue;
    }
    int c = __fill(f);
    if (c == EOF) break;
    d[got++] = (unsigned char)c;
  }
  return got / size;
}

char *fgets(char *s, int n, FILE *f) {
  int i = 0;
  if (n <= 0) return NULL;
  while (i < n - 1) {
    int c = fgetc(f);
    if (c == EOF) break;
    s[i++] = (char)c;
    if (c == '\n') break;
  }
  if (i == 0 && n > 1) return NULL;
  s[i] = 0;
  return s;
}

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f) {
  size_t len = 0;
  if (!line || !cap) {
    errno = EINVAL;
    return -1;
  }
  for (;;) {
    int c = fgetc(f);
    if (c == EOF && len == 0) return -1;
    if (len + 2 > *cap || !*line) {
      size_t ncap = *cap < 64 ? 128 : *cap * 2;
      char *p = realloc(*line, ncap);
      if (!p) return -1;
      *line = p, *cap = ncap;
    }
    if (c == EOF) break;
    (*line)[len++] = (char)c;
    if (c == delim) break;
  }
  (*line)[len] = 0;
  return (ssize_t)len;
}

ssize_t getline(char **line, size_t *cap, FILE *f) { return getdelim(line, cap, '\n', f); }

int fseeko(FILE *f, off_t off, int whence) {
  if (f->wlen && __flush_write(f) < 0) return -1;
  if (whence == SEEK_CUR) off -= (off_t)(f->rend - f->rpos) + f->nunget;
  f->rpos = f->rend = 0;
  f->nunget = 0;
  if (lseek(f->fd, off, whence) < 0) return -1;
  f->flags &= ~F_EOF;
  return 0;
}

int fseek(FILE *f, long off, int whence) { return fseeko(f, off, whence); }

off_t ftello(FILE *f) {
  off_t pos = lseek(f->fd, 0, SEEK_CUR);
  if (pos < 0) return -1;
  if (f->flags & F_APPEND && f->wlen) pos = lseek(f->fd, 0, SEEK_END);
  return pos - (off_t)(f->rend - f->rpos) - f->nunget + (off_t)f->wlen;
}

long ftell(FILE *f) { return ftello(f); }

void rewind(FILE *f) {
  fseek(f, 0, SEEK_SET);
  f->flags &= ~F_ERR;
}

int fgetpos(FILE *f, fpos_t *pos) {
  long p = ftell(f);
  if (p < 0) return -1;
  *pos = p;
  return 0;
}

int fsetpos(FILE *f, const fpos_t *pos) { return fseek(f, *pos, SEEK_SET); }
