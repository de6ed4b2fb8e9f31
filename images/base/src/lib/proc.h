/*
 * proc.h: reading Linux-format /proc files for free, ps, top, mount and df.
 * The root is $PROCFS when set (tests point it at fixture trees), else
 * "/proc". Formats: /proc/meminfo ("Key:   123 kB"), /proc/PID/stat (see
 * struct pstat), /proc/PID/cmdline (NUL-separated), /proc/uptime,
 * /proc/loadavg, /proc/mounts (fstab-like lines).
 */
#ifndef DENIX_PROC_H
#define DENIX_PROC_H

#include <stddef.h>

/** Writes "<root>/<rel>" into out. */
void proc_path(char *out, size_t n, const char *rel);

/** The value of a /proc/meminfo key in kB, or -1 if absent. */
long long meminfo(const char *key);

/** The fields of /proc/PID/stat that the tools use. */
struct pstat {
  int pid, ppid, pgrp, session, tty_nr, tpgid;
  char comm[64];
  char state;
  unsigned long long utime, stime, starttime, vsize;
  long long rss; /* pages */
  long priority, nice, threads;
  unsigned uid; /* owner of /proc/PID */
};

/** Reads /proc/PID/stat; returns 0, or -1 if the process is gone or the line is malformed. */
int read_pstat(int pid, struct pstat *ps);

/** Reads /proc/PID/cmdline with NULs turned into spaces ("" for kernel threads). */
void read_cmdline(int pid, char *out, size_t n);

/** Lists the numeric entries of /proc into *pids (sorted); returns how many. */
int list_pids(int **pids);

/** Names a tty from its device number: "pts/N", "ttyN", "ttySN", "console" or "?". */
void tty_name(int tty_nr, char *out, size_t n);

#endif
