/*
 * popen/pclose: a stream connected to `/bin/sh -c command` through a pipe.
 * Mode "r" reads the command's stdout, "w" writes its stdin ("e" adds
 * close-on-exec to our end). pclose closes the stream and waits for the
 * child, returning its wait status. Streams from earlier popen calls are
 * closed in the child, as POSIX requires.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../internal/stdio_impl.h"

struct popen_entry {
  FILE *f;
  pid_t pid;
  struct popen_entry *next;
};

static struct popen_entry *entries;

static void child(const char *cmd, int fds[2], int reading) {
  int mine = reading ? fds[1] : fds[0], target = reading ? 1 : 0;
  for (struct popen_entry *e = entries; e; e = e->next) close(fileno(e->f));
  if (mine != target) {
    dup2(mine, target);
    close(mine);
  }
  close(reading ? fds[0] : fds[1]);
  execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
  _exit(127);
}

FILE *popen(const char *cmd, const char *mode) {
  int reading = mode[0] == 'r';
  if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && mode[1] != 'e')) {
    errno = EINVAL;
    return NULL;
  }
  struct popen_entry *e = malloc(sizeof *e);
  int fds[2];
  if (!e || pipe(fds) < 0) {
    free(e);
    return NULL;
  }
  int ours = reading ? fds[0] : fds[1];
  e->f = fdopen(ours, reading ? "r" : "w");
  pid_t pid = e->f ? fork() : -1;
  if (pid == 0) child(cmd, fds, reading);
  close(reading ? fds[1] : fds[0]);
  if (pid < 0) {
    if (e->f) fclose(e->f);
    else close(ours);
    free(e);
    return NULL;
  }
  if (mode[1] == 'e') fcntl(ours, F_SETFD, FD_CLOEXEC);
  e->pid = pid;
  e->next = entries;
  entries = e;
  return e->f;
}

int pclose(FILE *f) {
  struct popen_entry **p = &entries;
  while (*p && (*p)->f != f) p = &(*p)->next;
  if (!*p) {
    errno = ECHILD;
    return -1;
  }
  struct popen_entry *e = *p;
  *p = e->next;
  fclose(f);
  int status;
  pid_t r;
  do r = waitpid(e->pid, &status, 0); while (r < 0 && errno == EINTR);
  free(e);
  return r < 0 ? -1 : status;
}
