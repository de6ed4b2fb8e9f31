/*
 * Internal: the FILE structure. A stream is either reading or writing at a
 * time: while reading, buf[rpos..rend) holds bytes read ahead from fd; while
 * writing, buf[0..wlen) holds bytes not yet written. Switching direction
 * flushes pending output or seeks back over read-ahead. ungetc pushes onto a
 * small stack that reads consume first.
 */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H
#include <stdio.h>

enum {
  F_READ = 1,    /* opened for reading */
  F_WRITE = 2,   /* opened for writing */
  F_APPEND = 4,  /* every write goes to the end */
  F_EOF = 8,     /* end-of-file indicator */
  F_ERR = 16,    /* error indicator */
  F_OWNBUF = 32, /* buf was malloc'd by the library */
  F_STATIC = 64  /* stdin/stdout/stderr: the FILE itself is not freed */
};

#define UNGET_MAX 8

struct __file {
  int fd;
  int flags;
  int mode; /* _IOFBF, _IOLBF or _IONBF */
  unsigned char *buf;
  size_t size;
  size_t rpos, rend; /* read window */
  size_t wlen;       /* pending output */
  int nunget;
  unsigned char unget[UNGET_MAX];
  struct __file *next;
};

int __fill(FILE *f);
int __flush_write(FILE *f);
int __drop_read(FILE *f);
int __ensure_buffer(FILE *f);
FILE *__file_new(int fd, int flags);
int __parse_mode(const char *mode, int *oflags);
#endif
