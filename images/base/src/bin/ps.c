/*
 * ps [-e|-A] [-f]: report processes from /proc/PID/stat in procps' layout.
 * Default: the caller's processes on the caller's terminal (or with no
 * terminal, like the caller): "PID TTY TIME CMD"; -e/-A: every process;
 * -f: full format "UID PID PPID C STIME TTY TIME CMD" with the command line
 * ("[comm]" for kernel threads). TIME is utime+stime in [DD-]HH:MM:SS,
 * C the integer CPU percentage over the process's life, STIME its start
 * (HH:MM today, else MonDD; UTC), all from 100 ticks per second and
 * /proc/uptime. $PROCFS overrides /proc.
 */
#include <pwd.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

static void cputime(unsigned long long ticks, char *out, size_t n) {
  unsigned long long s = ticks / 100;
  if (s >= 86400) snprintf(out, n, "%llu-%02llu:%02llu:%02llu", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
  else snprintf(out, n, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
}

static double uptime(void) {
  char path[512];
  double up = 0;
  proc_path(path, sizeof path, "uptime");
  FILE *f = fopen(path, "r");
  if (f) {
    if (fscanf(f, "%lf", &up) != 1) up = 0;
    fclose(f);
  }
  return up;
}

static void start_time(const struct pstat *ps, double up, char *out, size_t n) {
  time_t now = time(NULL), start = now - (time_t)up + (time_t)(ps->starttime / 100);
  struct tm a, b;
  gmtime_r(&now, &a);
  gmtime_r(&start, &b);
  strftime(out, n, a.tm_yday == b.tm_yday && a.tm_year == b.tm_year ? "%H:%M" : "%b%d", &b);
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, all = 0, full = 0, *pids;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "eAf")) != -1) {
    if (c == 'e' || c == 'A') all = 1;
    else if (c == 'f') full = 1;
    else return 1;
  }
  struct pstat self;
  int my_tty = read_pstat(getpid(), &self) == 0 ? self.tty_nr : -1;
  int n = list_pids(&pids);
  double up = uptime();
  if (full) printf("UID        PID  PPID  C STIME TTY          TIME CMD\n");
  else printf("  PID TTY          TIME CMD\n");
  for (int i = 0; i < n; i++) {
    struct pstat ps;
    char tty[32], t[32], cmd[4096];
    if (read_pstat(pids[i], &ps) != 0) continue;
    if (!all && (ps.tty_nr != my_tty || ps.uid != geteuid())) continue;
    tty_name(ps.tty_nr, tty, sizeof tty);
    cputime(ps.utime + ps.stime, t, sizeof t);
    if (!full) {
      printf("%5d %-8s %8s %s\n", ps.pid, tty, t, ps.comm);
      continue;
    }
    struct passwd *pw = getpwuid(ps.uid);
    read_cmdline(pids[i], cmd, sizeof cmd);
    if (!cmd[0]) snprintf(cmd, sizeof cmd, "[%s]", ps.comm);
    char stime[16];
    double life = up - (double)ps.starttime / 100;
    long cpu = life > 0 ? (long)((double)(ps.utime + ps.stime) / life) : 0;
    start_time(&ps, up, stime, sizeof stime);
    printf("%-8.8s %5d %5d %2ld %5s %-8s %8s %s\n", pw ? pw->pw_name : "?", ps.pid, ps.ppid, cpu > 99 ? 99 : cpu,
           stime, tty, t, cmd);
  }
  free(pids);
  return 0;
}
