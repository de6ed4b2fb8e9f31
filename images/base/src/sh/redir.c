/*
 * redir.c - applies redirections to the shell's own file descriptors.
 *
 * redir_apply performs a list of redirections in order. With save set,
 * each fd it replaces is first duplicated above 10 (close-on-exec) onto one
 * global stack, and redir_restore(mark) undoes everything pushed since
 * redir_mark(): that is how builtins, functions and compound commands get
 * temporary redirections, and how an aborted command is cleaned up. Here-documents go
 * through a pipe (bodies larger than the pipe buffer through a child).
 * Returns 0, or 1 after printing an error (the caller sets status 1).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct RedirSave {
  int fd;
  int saved; /* -1: fd was closed before */
  struct RedirSave *next;
};

static int heredoc_fd(Redir *r) {
  char *body = r->quoted ? xstrdup(r->target) : expand_heredoc(r->target);
  int fds[2];
  if (pipe(fds) < 0) {
    free(body);
    return -1;
  }
  size_t len = strlen(body);
  if (len <= 4096) {
    write(fds[1], body, len);
  } else {
    pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      write(fds[1], body, len);
      _exit(0);
    }
  }
  close(fds[1]);
  free(body);
  return fds[0];
}

static int open_target(Redir *r, const char *name) {
  switch (r->type) {
    case R_IN: return open(name, O_RDONLY);
    case R_OUT:
      if (opt_C) return open(name, O_WRONLY | O_CREAT | O_EXCL, 0666);
      return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    case R_CLOBBER: return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    case R_APPEND: return open(name, O_WRONLY | O_CREAT | O_APPEND, 0666);
    default: return open(name, O_RDWR | O_CREAT, 0666);
  }
}

static RedirSave *stack;

RedirSave *redir_mark(void) { return stack; }

static void save_fd(int save, int fd) {
  if (!save) return;
  RedirSave *s = xmalloc(sizeof *s);
  s->fd = fd;
  s->saved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  s->next = stack;
  stack = s;
}

static void move_fd(int from, int to) {
  if (from == to) return;
  dup2(from, to);
  close(from);
}

static int apply_one(Redir *r, int save) {
  if (r->type == R_HEREDOC) {
    int fd = heredoc_fd(r);
    if (fd < 0) return 1;
    save_fd(save, r->fd);
    move_fd(fd, r->fd);
    return 0;
  }
  char *name = expand_string(r->target);
  if (r->type == R_DUPIN || r->type == R_DUPOUT) {
    save_fd(save, r->fd);
    if (strcmp(name, "-") == 0) {
      close(r->fd);
    } else {
      char *end;
      long src = strtol(name, &end, 10);
      if (*end || end == name || src < 0) {
        sh_warn("%s: Bad fd number", name);
        free(name);
        return 1;
      }
      if (src != r->fd && dup2((int)src, r->fd) < 0) {
        sh_warn("%ld: %s", src, strerror(errno));
        free(name);
        return 1;
      }
    }
    free(name);
    return 0;
  }
  int fd = open_target(r, name);
  if (fd < 0) {
    sh_warn("cannot %s %s: %s", r->type == R_IN ? "open" : "create", name, strerror(errno));
    free(name);
    return 1;
  }
  free(name);
  save_fd(save, r->fd);
  move_fd(fd, r->fd);
  return 0;
}

int redir_apply(Redir *r, int save) {
  for (; r; r = r->next)
    if (apply_one(r, save)) return 1;
  return 0;
}

void redir_restore(RedirSave *mark) {
  fflush(stdout);
  while (stack && stack != mark) {
    RedirSave *s = stack;
    stack = s->next;
    if (s->saved >= 0) {
      dup2(s->saved, s->fd);
      close(s->saved);
    } else {
      close(s->fd);
    }
    free(s);
  }
}
