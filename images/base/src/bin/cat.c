/*
 * cat [-nu] [FILE...]: concatenate files (or standard input, also for "-")
 * to standard output. -n numbers every output line ("%6d\t" as GNU), -u is
 * accepted (output is unbuffered anyway). Exit 1 if any file failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static int number, at_line_start = 1;
static long line_no;

static void put_numbered(const char *buf, long n) {
  for (long i = 0; i < n; i++) {
    if (at_line_start) printf("%6ld\t", ++line_no);
    putchar(buf[i]);
    at_line_start = buf[i] == '\n';
  }
}

static int copy_fd(int fd, const char *name) {
  char buf[8192];
  long n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    if (number) put_numbered(buf, n);
    else if (write_all(1, buf, (size_t)n) < 0) {
      warn_errno("write error");
      return 1;
    }
  }
  if (n < 0) {
    warn_errno(name);
    return 1;
  }
  return 0;
}

static int cat_one(const char *name) {
  if (strcmp(name, "-") == 0) return copy_fd(0, name);
  int fd = open(name, O_RDONLY);
  if (fd < 0) {
    warn_errno(name);
    return 1;
  }
  int r = copy_fd(fd, name);
  close(fd);
  return r;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, status = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "nu")) != -1) {
    if (c == 'n') number = 1;
    else if (c != 'u') return 1;
  }
  if (o.ind >= argc) status = cat_one("-");
  for (int i = o.ind; i < argc; i++) status |= cat_one(argv[i]);
  fflush(stdout);
  return status;
}
