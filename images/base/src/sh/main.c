/*
 * main.c - start-up and the top-level read-eval loop of /bin/sh.
 *
 *   sh [-eulx...] [-c command [name [args...]]] | [script [args...]] | [-s]
 * Without -c or a script, commands come from stdin; when stdin and stderr
 * are terminals the shell is interactive: line editing, history, job
 * control. A login shell (-l, or argv[0] starting with '-') first runs
 * /etc/profile and $HOME/.profile; an interactive one then runs $ENV. Errors (syntax, expansion) unwind here via sh_abort: a
 * non-interactive shell exits 2, an interactive one reads the next line.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;
const char *progname = "sh";
int opt_e, opt_u, opt_x, opt_f, opt_m, opt_n, opt_v, opt_C, interactive;
static pid_t shellpid;
static jmp_buf topjmp;
static int top_ready, top_depth;
static int login, started;

pid_t getpid_shell(void) { return shellpid; }

void sh_exit(int status) {
  exitstatus = status;
  trap_exit();
  jobs_exit();
  fflush(stdout);
  fflush(stderr);
  _exit(exitstatus & 0xff);
}

void sh_abort(void) {
  if (!interactive || !top_ready) sh_exit(2);
  exitstatus = 2;
  longjmp(topjmp, 1);
}

/* ^C while the interactive shell itself is busy: back to the prompt. */
void sh_interrupt(void) {
  write(2, "\n", 1);
  exitstatus = 130;
  longjmp(topjmp, 1);
}

void enter_subshell(int bg) {
  (void)bg;
  interactive = 0;
  jobctl = 0;
  jobs_clear();
  trap_reset_subshell();
}

static const struct {
  char letter;
  int *flag;
  const char *name;
} options[] = {
    {'e', &opt_e, "errexit"}, {'u', &opt_u, "nounset"}, {'x', &opt_x, "xtrace"},
    {'f', &opt_f, "noglob"},  {'m', &opt_m, "monitor"}, {'n', &opt_n, "noexec"},
    {'v', &opt_v, "verbose"}, {'C', &opt_C, "noclobber"}, {'i', &interactive, "interactive"},
};
#define NOPTIONS (sizeof options / sizeof options[0])

/* Sets option letter c; returns -1 if unknown. */
int set_option(int c, int on) {
  for (size_t i = 0; i < NOPTIONS; i++)
    if (options[i].letter == c) {
      *options[i].flag = on;
      return 0;
    }
  return -1;
}

int set_option_name(const char *name, int on) {
  for (size_t i = 0; i < NOPTIONS; i++)
    if (strcmp(options[i].name, name) == 0) {
      *options[i].flag = on;
      return 0;
    }
  return -1;
}

void print_options(void) {
  for (size_t i = 0; i < NOPTIONS; i++) printf("%-16s%s\n", options[i].name, *options[i].flag ? "on" : "off");
}

static void init_vars(void) {
  char buf[4096];
  var_import(environ);
  var_set("IFS", " \t\n", 0);
  if (!var_get("PS2")) var_set("PS2", "> ", 0);
  if (!var_get("PS4")) var_set("PS4", "+ ", 0);
  var_set("OPTIND", "1", 0);
  snprintf(buf, sizeof buf, "%d", (int)getppid());
  var_set("PPID", buf, 0);
  if (!var_get("PATH")) var_set("PATH", "/bin:/usr/bin:/sbin:/usr/sbin", 0);
  if (getcwd(buf, sizeof buf)) {
    const char *pwd = var_get("PWD");
    struct stat a, b;
    if (!pwd || pwd[0] != '/' || stat(pwd, &a) != 0 || stat(".", &b) != 0 || a.st_dev != b.st_dev ||
        a.st_ino != b.st_ino)
      var_set("PWD", buf, V_EXPORT);
  }
}

static void usage(void) {
  sh_warn("usage: sh [-eux] [-c command [name [args]]] [script [args]]");
  _exit(2);
}

/* Parses option arguments; returns the index of the first operand. */
static int parse_args(int argc, char **argv, char **cmd, int *stdin_mode) {
  int i = 1;
  for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
    if (strcmp(argv[i], "--") == 0) return i + 1;
    int on = argv[i][0] == '-';
    for (const char *p = argv[i] + 1; *p; p++) {
      if (*p == 'c') *cmd = (char *)"";
      else if (*p == 's') *stdin_mode = 1;
      else if (*p == 'l') login = 1;
      else if (*p == 'o') {
        if (++i >= argc || set_option_name(argv[i], on) < 0) usage();
        break;
      } else if (set_option(*p, on) < 0) usage();
    }
  }
  if (*cmd) {
    if (i >= argc) usage();
    *cmd = argv[i++];
  }
  return i;
}

/* Runs the commands of a file in this shell if it can be opened. */
static void source_if_present(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return;
  int hi = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  close(fd);
  exec_file(hi);
  close(hi);
}

static void startup_files(void) {
  if (login) {
    source_if_present("/etc/profile");
    const char *home = var_get("HOME");
    if (home) {
      Str p = {0};
      str_adds(&p, home);
      str_adds(&p, "/.profile");
      source_if_present(p.s);
      free(p.s);
    }
  }
  const char *env = var_get("ENV");
  if (interactive && env && *env) {
    char *path = expand_string(env);
    source_if_present(path);
    free(path);
  }
}

static void toplevel(void) {
  RedirSave *mark = redir_mark();
  top_depth = in_depth();
  if (setjmp(topjmp)) {
    int st = exitstatus;
    redir_restore(mark);
    while (in_depth() > top_depth) in_pop();
    lex_reset();
    skip = SKIP_NONE;
    funcnest = loopnest = errexit_suppressed = 0;
    exitstatus = st;
  }
  top_ready = 1;
  if (!started) {
    started = 1; /* an error in a start-up file ends up here, once */
    startup_files();
  }
  for (;;) {
    if (interactive) jobs_reap(1);
    Node *n = parse_line();
    if (n && !opt_n) exec_node(n, 0);
    tree_release(n);
    if (parse_eof) break;
    if (skip == SKIP_RETURN && !funcnest) skip = SKIP_NONE;
  }
  if (interactive) write(2, "\n", 1);
}

int main(int argc, char **argv) {
  char *cmd = NULL;
  int stdin_mode = 0;
  shellpid = getpid();
  arg0 = argv[0] ? argv[0] : (char *)"sh";
  if (arg0[0] == '-') login = 1;
  init_vars();
  int i = parse_args(argc, argv, &cmd, &stdin_mode);
  if (cmd) {
    if (i < argc) arg0 = argv[i++];
    set_posargs(argv + i, argc - i);
    in_push_string(cmd, NULL);
  } else if (i < argc && !stdin_mode) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      sh_warn("cannot open %s: No such file", argv[i]);
      return 127;
    }
    int hi = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    arg0 = argv[i++];
    set_posargs(argv + i, argc - i);
    in_push_fd(hi, 0);
  } else {
    set_posargs(argv + i, argc - i);
    if (isatty(0) && isatty(2)) interactive = 1;
    in_push_fd(0, interactive);
  }
  if (interactive) {
    opt_m = 1;
    if (!var_get("PS1")) var_set("PS1", geteuid() ? "\\w $ " : "\\w # ", 0);
  }
  jobctl = opt_m && isatty(0);
  jobs_init();
  trap_init();
  toplevel();
  sh_exit(exitstatus);
  return 0;
}
