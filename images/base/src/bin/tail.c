/*
 * tail [-f] [-n [+]N] [-c [+]N] [FILE...]: print the last N lines (default
 * 10) or bytes of each file; "+N" starts at line/byte N instead. With
 * several files each gets a "==> name <==" header. -f keeps reading the
 * last file as it grows (polling once a second) until killed.
 * Exit 1 if a file could not be read.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static long count = 10;
static int bytes, from_start;

/* Reads all of fd into a new buffer; returns its length. */
static size_t slurp(int fd, char **out) {
  size_t len = 0, cap = 65536;
  char *buf = xmalloc(cap);
  long n;
  while ((n = read(fd, buf + len, cap - len)) > 0) {
    len += (size_t)n;
    if (len == cap) buf = xrealloc(buf, cap *= 2);
  }
  *out = buf;
  return len;
}

/* Offset where the output starts in buf[0..len). */
static size_t start_of(const char *buf, size_t len) {
  if (bytes) {
    if (from_start) return count > 0 && (size_t)(count - 1) < len ? (size_t)(count - 1) : (count > 0 ? len : 0);
    return (size_t)count < len ? len - (size_t)count : 0;
  }
  if (from_start) {
    size_t i = 0;
    for (long line = 1; line < count && i < len; i++)
      if (buf[i] == '\n') line++;
    return i;
  }
  size_t i = len;
  long nl = 0;
  if (i > 0 && buf[i - 1] == '\n') i--;
  for (; i > 0; i--) {
    if (buf[i - 1] == '\n' && ++nl == count) break;
  }
  return count == 0 ? len : i;
}

static void follow(int fd) {
  char buf[4096];
  for (;;) {
    long n = read(fd, buf, sizeof buf);
    if (n > 0) {
      write_all(1, buf, (size_t)n);
      continue;
    }
    struct timespec ts = {1, 0};
    nanosleep(&ts, NULL);
  }
}

static int first_header = 1;

static int tail_file(const char *name, int header, int keep) {
  int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);
  char *buf;
  if (fd < 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot open '%s' for reading", name);
    warn_errno(msg);
    return 1;
  }
  if (header) {
    printf("%s==> %s <==\n", first_header ? "" : "\n", fd == 0 ? "standard input" : name);
    fflush(stdout);
    first_header = 0;
  }
  size_t len = slurp(fd, &buf), s = start_of(buf, len);
  write_all(1, buf + s, len - s);
  free(buf);
  if (keep) follow(fd);
  if (fd) close(fd);
  return 0;
}

static void parse_count(const char *s) {
  char *end;
  from_start = s[0] == '+';
  count = strtol(s + (s[0] == '+' || s[0] == '-'), &end, 10);
  if (*end || count < 0 || !*s) die(1, "invalid number of %s: '%s'", bytes ? "bytes" : "lines", s);
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0, keep = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "fn:c:")) != -1) {
    if (c == '?') return 1;
    if (c == 'f') {
      keep = 1;
      continue;
    }
    bytes = c == 'c';
    parse_count(o.arg);
  }
  int n = argc - o.ind;
  if (n == 0) return tail_file("-", 0, 0);
  for (int i = o.ind; i < argc; i++) rc |= tail_file(argv[i], n > 1, keep && i == argc - 1);
  return rc;
}
