/*
 * builtin_jobs.c - jobs, fg, bg, wait, kill and history.
 *
 * Job specs: %n (job number), %+ / %% / % (current job), %string (command
 * prefix) or a process id. kill accepts -s NAME, -NAME, -NUMBER and -l.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

int b_jobs(char **argv) {
  jobs_print(argv[1] && strcmp(argv[1], "-l") == 0);
  return 0;
}

static Job *job_arg(const char *who, const char *spec) {
  Job *j = job_find(spec);
  if (!j) sh_warn("%s: %s: no such job", who, spec ? spec : "current");
  return j;
}

int b_fg(char **argv) {
  if (!jobctl) {
    sh_warn("fg: No job control");
    return 2;
  }
  Job *j = job_arg("fg", argv[1]);
  return j ? job_fg(j) : 1;
}

int b_bg(char **argv) {
  if (!jobctl) {
    sh_warn("bg: No job control");
    return 2;
  }
  int st = 0;
  int i = 1;
  do {
    Job *j = job_arg("bg", argv[i]);
    if (!j) st = 1;
    else job_bg(j);
  } while (argv[i] && argv[++i]);
  return st;
}

int b_wait(char **argv) {
  if (!argv[1]) return job_wait_all();
  int st = 127;
  for (int i = 1; argv[i]; i++) {
    if (argv[i][0] == '%') {
      Job *j = job_find(argv[i]);
      st = j ? job_wait_pid(job_pgid(j)) : 127;
    } else {
      st = job_wait_pid((pid_t)atoi(argv[i]));
    }
  }
  return st;
}

static int kill_list(char **argv) {
  if (argv[2]) {
    int n = atoi(argv[2]);
    if (n > 128) n -= 128;
    const char *name = sig_name(n);
    if (!name) return 1;
    puts(name);
    return 0;
  }
  puts("0"); /* the list dash prints: 0, names, numbers, RTMIN+n, RTMAX-n */
  for (int s = 1; s <= 64; s++) {
    if (sig_name(s)) puts(sig_name(s));
    else if (s < 34) printf("%d\n", s);
    else if (s == 34) puts("RTMIN");
    else if (s < 50) printf("RTMIN+%d\n", s - 34);
    else if (s < 64) printf("RTMAX-%d\n", 64 - s);
    else puts("RTMAX");
  }
  return 0;
}

int b_kill(char **argv) {
  int sig = SIGTERM, i = 1;
  if (!argv[1]) {
    sh_warn("kill: usage: kill [-s sigspec | -signum | -sigspec] pid | job... or kill -l");
    return 2;
  }
  if (strcmp(argv[1], "-l") == 0) return kill_list(argv);
  if (strcmp(argv[1], "-s") == 0 || strcmp(argv[1], "-n") == 0) {
    sig = argv[2] ? sig_number(argv[2]) : -1;
    i = 3;
  } else if (argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--") != 0) {
    sig = sig_number(argv[1] + 1);
    i = 2;
  } else if (strcmp(argv[1], "--") == 0) {
    i = 2;
  }
  if (sig < 0) {
    sh_warn("kill: invalid signal");
    return 2;
  }
  int st = 0;
  for (; argv[i]; i++) {
    pid_t pid;
    if (argv[i][0] == '%') {
      Job *j = job_arg("kill", argv[i]);
      if (!j) {
        st = 1;
        continue;
      }
      pid = -job_pgid(j);
    } else {
      pid = (pid_t)atoi(argv[i]);
    }
    if (kill(pid, sig) < 0) {
      sh_warn("kill: %s: No such process", argv[i]);
      st = 1;
    }
  }
  return st;
}

int b_history(char **argv) {
  (void)argv;
  int n = hist_count();
  for (int i = 0; i < n; i++) printf("%5d  %s\n", i + 1, hist_get(i));
  return 0;
}
