/*
 * dmesg: print the kernel log. Reads the records of /dev/kmsg (Linux
 * format "PRIO,SEQ,USEC,FLAGS;TEXT", continuation lines starting with a
 * space are skipped) without blocking, and prints "[SSSSS.UUUUUU] TEXT".
 * $KMSG overrides the device path (tests use a fixture file).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static void print_record(char *rec) {
  char *semi = strchr(rec, ';');
  if (!semi) return;
  unsigned long long usec = 0;
  int prio, field = 0;
  for (char *p = strtok(rec, ","); p && p < semi; p = strtok(NULL, ",;"), field++) {
    if (field == 0) prio = atoi(p);
    if (field == 2) usec = strtoull(p, NULL, 10);
  }
  (void)prio;
  char *text = semi + 1;
  char *nl = strchr(text, '\n');
  if (nl) *nl = 0;
  printf("[%5llu.%06llu] %s\n", usec / 1000000, usec % 1000000, text);
}

int main(int argc, char **argv) {
  const char *path = getenv("KMSG");
  char buf[8192];
  set_prog(argv[0]);
  (void)argc;
  if (!path || !*path) path = "/dev/kmsg";
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) die(1, "read kernel buffer failed: %s", strerror(errno));
  /* /dev/kmsg returns one record per read; a plain file returns many: split on lines */
  char *pending = NULL;
  size_t plen = 0;
  for (;;) {
    long n = read(fd, buf, sizeof buf - 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending = xrealloc(pending, plen + (size_t)n + 1);
    memcpy(pending + plen, buf, (size_t)n);
    plen += (size_t)n;
    pending[plen] = 0;
    char *start = pending, *nl;
    while ((nl = memchr(start, '\n', plen - (size_t)(start - pending))) != NULL) {
      *nl = 0;
      if (*start != ' ') print_record(start);
      start = nl + 1;
    }
    plen -= (size_t)(start - pending);
    memmove(pending, start, plen);
  }
  if (plen) pending[plen] = 0, print_record(pending);
  free(pending);
  close(fd);
  return 0;
}
