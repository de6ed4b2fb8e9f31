/* proc.c: the /proc readers behind proc.h. */
#include "proc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

void proc_path(char *out, size_t n, const char *rel) {
  const char *root = getenv("PROCFS");
  snprintf(out, n, "%s/%s", root && *root ? root : "/proc", rel);
}

long long meminfo(const char *key) {
  char path[512], line[256];
  size_t k = strlen(key);
  long long v = -1;
  proc_path(path, sizeof path, "meminfo");
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, key, k) == 0 && line[k] == ':') {
      v = strtoll(line + k + 1, NULL, 10);
      break;
    }
  }
  fclose(f);
  return v;
}

int read_pstat(int pid, struct pstat *ps) {
  char path[512], rel[64], buf[1024];
  struct stat st;
  snprintf(rel, sizeof rel, "%d/stat", pid);
  proc_path(path, sizeof path, rel);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *open = strchr(buf, '('), *close = strrchr(buf, ')');
  if (!open || !close || close < open) return -1;
  memset(ps, 0, sizeof *ps);
  ps->pid = atoi(buf);
  size_t cn = (size_t)(close - open - 1);
  if (cn >= sizeof ps->comm) cn = sizeof ps->comm - 1;
  memcpy(ps->comm, open + 1, cn);
  ps->comm[cn] = 0;
  unsigned long long skip;
  int got = sscanf(close + 2,
                   "%c %d %d %d %d %d %llu %llu %llu %llu %llu %llu %llu %llu %llu %ld %ld %ld %llu %llu %llu %lld",
                   &ps->state, &ps->ppid, &ps->pgrp, &ps->session, &ps->tty_nr, &ps->tpgid, &skip, &skip, &skip,
                   &skip, &skip, &ps->utime, &ps->stime, &skip, &skip, &ps->priority, &ps->nice, &ps->threads,
                   &skip, &ps->starttime, &ps->vsize, &ps->rss);
  if (got < 22) return -1;
  snprintf(rel, sizeof rel, "%d", pid);
  proc_path(path, sizeof path, rel);
  ps->uid = stat(path, &st) == 0 ? (unsigned)st.st_uid : 0;
  return 0;
}

void read_cmdline(int pid, char *out, size_t n) {
  char path[512], rel[64];
  snprintf(rel, sizeof rel, "%d/cmdline", pid);
  proc_path(path, sizeof path, rel);
  out[0] = 0;
  FILE *f = fopen(path, "r");
  if (!f) return;
  size_t got = fread(out, 1, n - 1, f);
  fclose(f);
  while (got > 0 && out[got - 1] == 0) got--;
  for (size_t i = 0; i < got; i++)
    if (out[i] == 0) out[i] = ' ';
  out[got] = 0;
}

static int by_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int list_pids(int **pids) {
  char path[512];
  proc_path(path, sizeof path, "");
  DIR *d = opendir(path);
  struct dirent *de;
  int n = 0, cap = 0;
  *pids = NULL;
  if (!d) return 0;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] < '1' || de->d_name[0] > '9' || strspn(de->d_name, "0123456789") != strlen(de->d_name)) continue;
    if (n == cap) *pids = xrealloc(*pids, sizeof **pids * (size_t)(cap = cap ? cap * 2 : 64));
    (*pids)[n++] = atoi(de->d_name);
  }
  closedir(d);
  qsort(*pids, (size_t)n, sizeof **pids, by_int);
  return n;
}

void tty_name(int tty_nr, char *out, size_t n) {
  unsigned major = ((unsigned)tty_nr >> 8) & 0xfff, minor = ((unsigned)tty_nr & 0xff) | (((unsigned)tty_nr >> 12) & 0xfff00);
  if (tty_nr == 0) snprintf(out, n, "?");
  else if (major >= 136 && major <= 143) snprintf(out, n, "pts/%u", minor + (major - 136) * 256);
  else if (major == 4 && minor < 64) snprintf(out, n, "tty%u", minor);
  else if (major == 4) snprintf(out, n, "ttyS%u", minor - 64);
  else if (major == 5 && minor == 1) snprintf(out, n, "console");
  else snprintf(out, n, "?");
}
