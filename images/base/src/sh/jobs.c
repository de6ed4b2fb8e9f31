/*
 * jobs.c - the job table, waiting, and job control.
 *
 * Every command the shell forks belongs to a Job (one per pipeline). With
 * job control on (interactive shells, set -m) each job is its own process
 * group; a foreground job gets the terminal (tcsetpgrp) and the shell takes
 * it back when the job ends or stops (^Z: "Stopped"). Background jobs are
 * reaped with WNOHANG before each prompt, which prints "Done" reports.
 * Finished foreground jobs are freed at once; background ones are kept
 * until reported or waited for, so `wait PID` gets their status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

enum { J_RUNNING, J_STOPPED, J_DONE };

struct Job {
  int id;
  pid_t pgid;
  int nproc;
  pid_t pids[64];
  int status[64];
  int state[64];
  int bg;
  int notified;
  char *cmd;
  struct Job *next;
};

int jobctl;
pid_t lastbgpid;
pid_t shell_pgid;
static Job *jobs;
static Job *current;
static struct termios shell_tmodes;
static int have_tmodes;

static pid_t orig_pgrp;

/* Takes the terminal for an interactive shell: waits (SIGTTIN) until it is
 * in the foreground, then becomes its own process group. Without a
 * controlling terminal job control is turned off. */
void jobs_init(void) {
  if (!jobctl) return;
  pid_t fg;
  int tries = 0;
  while ((fg = tcgetpgrp(0)) >= 0 && fg != (shell_pgid = getpgrp()) && tries++ < 100)
    kill(-shell_pgid, SIGTTIN);
  if (fg < 0) {
    sh_warn("can't access tty; job control turned off");
    jobctl = 0;
    return;
  }
  orig_pgrp = fg;
  signal(SIGTSTP, SIG_IGN);
  signal(SIGTTIN, SIG_IGN);
  signal(SIGTTOU, SIG_IGN);
  shell_pgid = getpid();
  if (setpgid(0, shell_pgid) < 0 && getpgrp() != shell_pgid) {
    jobctl = 0;
    return;
  }
  tcsetpgrp(0, shell_pgid);
  have_tmodes = tcgetattr(0, &shell_tmodes) == 0;
}

static int next_id(void) {
  int id = 1;
  for (Job *j = jobs; j; j = j->next)
    if (j->id >= id) id = j->id + 1;
  return id;
}

Job *job_new(const char *cmd, int bg) {
  Job *j = xmalloc(sizeof *j);
  memset(j, 0, sizeof *j);
  j->cmd = xstrdup(cmd);
  j->bg = bg;
  j->id = next_id();
  j->next = jobs;
  jobs = j;
  return j;
}

static void job_free(Job *j) {
  for (Job **pp = &jobs; *pp; pp = &(*pp)->next)
    if (*pp == j) {
      *pp = j->next;
      break;
    }
  if (current == j) current = NULL;
  free(j->cmd);
  free(j);
}

void job_add_pid(Job *j, pid_t pid) {
  if (j->nproc == 0) j->pgid = pid;
  if (j->nproc < 64) {
    j->pids[j->nproc] = pid;
    j->state[j->nproc++] = J_RUNNING;
  }
}

pid_t job_pgid(Job *j) { return j->pgid; }

static void child_signals(int bg) {
  static const int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
  if (bg && !jobctl) {
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
  }
}

/* Forks a member of job j. In the child returns 0 with job control,
 * signals and traps set up for a subshell. */
pid_t fork_child(Job *j, int fg) {
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) sh_error("fork: %s", strerror(errno));
  if (pid == 0) {
    int jc = jobctl;
    if (jc) {
      pid_t pg = j->nproc ? j->pgid : getpid();
      setpgid(0, pg);
      if (fg && !j->bg) tcsetpgrp(0, pg);
    }
    child_signals(j->bg);
    enter_subshell(j->bg);
    return 0;
  }
  if (jobctl) {
    pid_t pg = j->nproc ? j->pgid : pid;
    setpgid(pid, pg);
    if (fg && !j->bg) tcsetpgrp(0, pg); /* as the child does: no window */
  }
  job_add_pid(j, pid);
  return pid;
}

static int job_state(Job *j) {
  int stopped = 0;
  for (int i = 0; i < j->nproc; i++) {
    if (j->state[i] == J_RUNNING) return J_RUNNING;
    if (j->state[i] == J_STOPPED) stopped = 1;
  }
  return stopped ? J_STOPPED : J_DONE;
}

static int proc_status(int st) {
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  if (WIFSTOPPED(st)) return 128 + WSTOPSIG(st);
  return 0;
}

static int job_status(Job *j) { return j->nproc ? proc_status(j->status[j->nproc - 1]) : 0; }

/* Records a status reported by waitpid; returns 0 if the pid is unknown. */
static int record(pid_t pid, int st) {
  for (Job *j = jobs; j; j = j->next)
    for (int i = 0; i < j->nproc; i++) {
      if (j->pids[i] != pid) continue;
      j->status[i] = st;
      if (WIFSTOPPED(st)) j->state[i] = J_STOPPED;
      else if (WIFCONTINUED(st)) j->state[i] = J_RUNNING;
      else j->state[i] = J_DONE;
      return 1;
    }
  return 0;
}

/* Waits for one child; returns -1 when there is none (or on error). */
static int wait_one(int options) {
  int st;
  pid_t pid = waitpid(-1, &st, options | (jobctl ? WUNTRACED : 0));
  if (pid < 0) return errno == EINTR ? 0 : -1; /* traps run after the command (POSIX) */
  if (pid == 0) return -1;
  record(pid, st);
  return 1;
}

static void take_terminal(void) {
  if (!jobctl) return;
  tcsetpgrp(0, shell_pgid);
  if (have_tmodes) tcsetattr(0, TCSADRAIN, &shell_tmodes);
}

static const char *state_name(Job *j) {
  int s = job_state(j);
  if (s == J_RUNNING) return "Running";
  if (s == J_STOPPED) return "Stopped";
  int st = j->status[j->nproc - 1];
  if (WIFSIGNALED(st)) {
    static char buf[64];
    const char *n = strsignal(WTERMSIG(st));
    snprintf(buf, sizeof buf, "%s", n ? n : "Killed");
    return buf;
  }
  return "Done";
}

static void job_print(Job *j) {
  printf("[%d]%c  %-24s%s\n", j->id, j == current ? '+' : ' ', state_name(j), j->cmd);
  fflush(stdout);
}

int job_wait_fg(Job *j) {
  while (job_state(j) == J_RUNNING)
    if (wait_one(0) < 0) break;
  take_terminal();
  int st = job_status(j);
  if (job_state(j) == J_STOPPED) {
    j->bg = 1;
    current = j;
    putchar('\n');
    job_print(j);
    return st;
  }
  if (jobctl && WIFSIGNALED(j->status[j->nproc - 1]) && WTERMSIG(j->status[j->nproc - 1]) == SIGINT)
    putchar('\n');
  job_free(j);
  return st;
}

void job_background(Job *j) {
  current = j;
  if (interactive && jobctl) {
    fprintf(stderr, "[%d] %d\n", j->id, (int)j->pgid);
  }
}

void jobs_reap(int report) {
  while (wait_one(WNOHANG) > 0) {
  }
  for (Job *j = jobs, *n; j; j = n) {
    n = j->next;
    if (job_state(j) != J_DONE) continue;
    if (report && interactive) job_print(j);
    if (report || !j->bg) job_free(j);
  }
}

int job_wait_pid(pid_t pid) {
  for (Job *j = jobs; j; j = j->next)
    for (int i = 0; i < j->nproc; i++) {
      if (j->pids[i] != pid) continue;
      while (j->state[i] == J_RUNNING)
        if (wait_one(0) < 0) break;
      int st = proc_status(j->status[i]);
      if (job_state(j) == J_DONE) job_free(j);
      return st;
    }
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return 127;
  return proc_status(st);
}

int job_wait_all(void) {
  for (;;) {
    int any = 0;
    for (Job *j = jobs; j; j = j->next)
      if (job_state(j) == J_RUNNING) any = 1;
    if (!any || trap_pending) break;
    if (wait_one(0) < 0) break;
  }
  if (trap_pending) return 128 + trap_last; /* `wait` interrupted by a trap */
  for (Job *j = jobs, *n; j; j = n) {
    n = j->next;
    if (job_state(j) == J_DONE) job_free(j);
  }
  return 0;
}

Job *job_find(const char *spec) {
  if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0)
    return current ? current : jobs;
  if (spec[0] == '%') {
    int id = atoi(spec + 1);
    for (Job *j = jobs; j; j = j->next)
      if (id ? j->id == id : strncmp(j->cmd, spec + 1, strlen(spec + 1)) == 0) return j;
    return NULL;
  }
  pid_t pid = (pid_t)atoi(spec);
  for (Job *j = jobs; j; j = j->next)
    for (int i = 0; i < j->nproc; i++)
      if (j->pids[i] == pid) return j;
  return NULL;
}

void jobs_print(int longfmt) {
  jobs_reap(0);
  /* oldest first */
  Job *list[256];
  int n = 0;
  for (Job *j = jobs; j && n < 256; j = j->next) list[n++] = j;
  while (n--) {
    Job *j = list[n];
    if (longfmt) printf("%d ", (int)j->pgid);
    job_print(j);
    if (job_state(j) == J_DONE) job_free(j);
  }
}

int job_fg(Job *j) {
  printf("%s\n", j->cmd);
  fflush(stdout);
  if (jobctl) tcsetpgrp(0, j->pgid);
  for (int i = 0; i < j->nproc; i++)
    if (j->state[i] == J_STOPPED) j->state[i] = J_RUNNING;
  j->bg = 0;
  kill(-j->pgid, SIGCONT);
  return job_wait_fg(j);
}

int job_bg(Job *j) {
  for (int i = 0; i < j->nproc; i++)
    if (j->state[i] == J_STOPPED) j->state[i] = J_RUNNING;
  j->bg = 1;
  current = j;
  printf("[%d] %s &\n", j->id, j->cmd);
  fflush(stdout);
  kill(-j->pgid, SIGCONT);
  return 0;
}

/* Gives the terminal back to the process group that had it at start-up. */
void jobs_exit(void) {
  if (jobctl && orig_pgrp && orig_pgrp != shell_pgid) tcsetpgrp(0, orig_pgrp);
}

/* Forgets all jobs (in a subshell they belong to the parent). */
void jobs_clear(void) {
  while (jobs) job_free(jobs);
}
