/* system() through /bin/sh -c, and temporary file names (mktemp/mkstemp replace the trailing XXXXXX). */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>

/*
 * system(): runs cmd with /bin/sh -c and returns its wait status. As POSIX
 * asks, the caller ignores SIGINT and SIGQUIT and blocks SIGCHLD while the
 * command runs; the child gets the original dispositions and mask back.
 */
int system(const char *cmd) {
  if (!cmd) return access("/bin/sh", X_OK) == 0;
  struct sigaction ign, old_int, old_quit;
  sigset_t block, old_mask;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ign, &old_int);
  sigaction(SIGQUIT, &ign, &old_quit);
  sigemptyset(&block);
  sigaddset(&block, SIGCHLD);
  sigprocmask(SIG_BLOCK, &block, &old_mask);
  int status = -1;
  pid_t pid = fork();
  if (pid == 0) {
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  while (pid > 0 && waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      status = -1;
      break;
    }
  }
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGQUIT, &old_quit, NULL);
  sigprocmask(SIG_SETMASK, &old_mask, NULL);
  return status;
}

/* Fills the trailing XXXXXX of tmpl from a counter mixed with the pid; 0 or -1 (EINVAL). */
static int fill(char *tmpl) {
  static unsigned counter;
  size_t n = strlen(tmpl);
  if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX")) {
    errno = EINVAL;
    return -1;
  }
  unsigned v = (unsigned)getpid() * 2654435761u + counter++ * 40503u;
  const char *set = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int i = 0; i < 6; i++, v /= 62) tmpl[n - 6 + i] = set[v % 62];
  return 0;
}

int mkstemp(char *tmpl) {
  for (int tries = 0; tries < 100; tries++) {
    if (fill(tmpl) < 0) return -1;
    int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd >= 0 || errno != EEXIST) return fd;
    memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
  }
  return -1;
}

char *mktemp(char *tmpl) {
  if (fill(tmpl) < 0) *tmpl = 0;
  return tmpl;
}
