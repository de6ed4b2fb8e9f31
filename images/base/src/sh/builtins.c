/*
 * builtins.c - the builtin table and the builtins that change the shell's
 * own state: cd pwd exit return break continue shift set unset export
 * readonly eval . true false :.
 *
 * A builtin gets argv (argv[0] is its name) and returns its exit status.
 * Special builtins (POSIX 2.14) are marked: their assignments persist.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

int set_option(int c, int on);
int set_option_name(const char *name, int on);
void print_options(void);

static int b_true(char **argv) {
  (void)argv;
  return 0;
}

static int b_false(char **argv) {
  (void)argv;
  return 1;
}

/* Joins path components, resolving "." and ".." textually (cd -L). */
static char *logical_path(const char *base, const char *dir) {
  Str s = {0};
  if (dir[0] != '/') str_adds(&s, base);
  const char *p = dir;
  while (*p) {
    while (*p == '/') p++;
    const char *e = p;
    while (*e && *e != '/') e++;
    size_t n = (size_t)(e - p);
    if (n == 0 || (n == 1 && p[0] == '.')) {
    } else if (n == 2 && p[0] == '.' && p[1] == '.') {
      while (s.n && s.s[s.n - 1] != '/') s.n--;
      if (s.n) s.n--;
      if (s.s) s.s[s.n] = 0;
    } else {
      str_addc(&s, '/');
      str_addn(&s, p, n);
    }
    p = e;
  }
  if (!s.n) str_addc(&s, '/');
  return str_take(&s);
}

static int b_cd(char **argv) {
  int i = 1, physical = 0;
  for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "-P") == 0) physical = 1;
    else if (strcmp(argv[i], "-L") == 0) physical = 0;
    else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else break;
  }
  const char *dir = argv[i];
  int print = 0;
  if (!dir) dir = var_get("HOME");
  if (!dir) {
    sh_warn("cd: HOME not set");
    return 1;
  }
  if (strcmp(dir, "-") == 0) {
    dir = var_get("OLDPWD");
    print = 1;
    if (!dir) {
      sh_warn("cd: OLDPWD not set");
      return 1;
    }
  }
  char buf[PATH_MAX];
  const char *pwd = var_get("PWD");
  char *target = physical || !pwd ? xstrdup(dir) : logical_path(pwd, dir);
  if (chdir(target) < 0) {
    free(target);
    if (chdir(dir) < 0) {
      sh_warn("cd: can't cd to %s", dir);
      return 2;
    }
    target = getcwd(buf, sizeof buf) ? xstrdup(buf) : xstrdup(dir);
  }
  if (physical && getcwd(buf, sizeof buf)) {
    free(target);
    target = xstrdup(buf);
  }
  var_set("OLDPWD", pwd ? pwd : "", V_EXPORT);
  var_set("PWD", target, V_EXPORT);
  if (print) printf("%s\n", target);
  free(target);
  return 0;
}

static int b_pwd(char **argv) {
  char buf[PATH_MAX];
  const char *pwd = var_get("PWD");
  if (argv[1] && strcmp(argv[1], "-P") == 0) pwd = NULL;
  if (!pwd) pwd = getcwd(buf, sizeof buf);
  if (!pwd) {
    sh_warn("pwd: %s", strerror(errno));
    return 1;
  }
  printf("%s\n", pwd);
  return 0;
}

static int num_arg(const char *s, int dflt, const char *who) {
  if (!s) return dflt;
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || end == s || v < 0) sh_error("%s: Illegal number: %s", who, s);
  return (int)v;
}

static int b_exit(char **argv) {
  sh_exit(num_arg(argv[1], exitstatus, "exit"));
  return 0;
}

static int b_return(char **argv) {
  int st = num_arg(argv[1], exitstatus, "return");
  skip = SKIP_RETURN;
  exitstatus = st;
  return st;
}

static int b_break(char **argv) {
  int n = num_arg(argv[1], 1, argv[0]);
  if (n == 0) sh_error("%s: Illegal number: %s", argv[0], argv[1]);
  if (!loopnest) return 0;
  if (n > loopnest) n = loopnest;
  skip = argv[0][0] == 'b' ? SKIP_BREAK : SKIP_CONTINUE;
  skipcount = n;
  return 0;
}

static int b_shift(char **argv) {
  int n = num_arg(argv[1], 1, "shift");
  if (n > nposargs) sh_error("shift: can't shift that many");
  for (int i = 0; i < n; i++) free(posargs[i]);
  memmove(posargs, posargs + n, sizeof(char *) * (size_t)(nposargs - n + 1));
  nposargs -= n;
  return 0;
}

static int b_set(char **argv) {
  if (!argv[1]) {
    var_list(0, NULL);
    return 0;
  }
  int i = 1;
  for (; argv[i] && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      set_posargs(argv + i, 0);
      break;
    }
    if (strcmp(argv[i], "-") == 0) {
      opt_x = opt_v = 0;
      i++;
      break;
    }
    int on = argv[i][0] == '-';
    for (const char *p = argv[i] + 1; *p; p++) {
      if (*p == 'o') {
        if (!argv[i + 1]) {
          print_options();
          return 0;
        }
        if (set_option_name(argv[++i], on) < 0) sh_error("set: Illegal option -o %s", argv[i]);
        break;
      }
      if (set_option(*p, on) < 0) sh_error("set: Illegal option -%c", *p);
    }
  }
  if (argv[i] || (i > 1 && strcmp(argv[i - 1], "--") == 0)) {
    int n = 0;
    while (argv[i + n]) n++;
    set_posargs(argv + i, n);
  }
  return 0;
}

static int b_unset(char **argv) {
  int funcs = 0, i = 1, st = 0;
  for (; argv[i] && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-f") == 0) funcs = 1;
    else if (strcmp(argv[i], "-v") == 0) funcs = 0;
    else break;
  }
  for (; argv[i]; i++) {
    if (funcs) unset_function(argv[i]);
    else if (var_unset(argv[i]) < 0) st = 1;
  }
  return st;
}

static int export_like(char **argv, int flag, const char *name) {
  int i = 1;
  if (argv[i] && strcmp(argv[i], "-p") == 0) i++;
  if (!argv[i]) {
    var_list(flag, name);
    return 0;
  }
  int st = 0;
  for (; argv[i]; i++) {
    char *eq = strchr(argv[i], '=');
    char *n = eq ? xstrndup(argv[i], (size_t)(eq - argv[i])) : xstrdup(argv[i]);
    if (!is_name(n)) {
      sh_error("%s: %s: bad variable name", name, n);
    } else if (eq) {
      if (var_set(n, eq + 1, flag) < 0) st = 1;
    } else if (flag == V_EXPORT) {
      var_export(n);
    } else {
      var_set(n, var_get(n), flag);
    }
    free(n);
  }
  return st;
}

static int b_export(char **argv) { return export_like(argv, V_EXPORT, "export"); }
static int b_readonly(char **argv) { return export_like(argv, V_READONLY, "readonly"); }

static int b_eval(char **argv) {
  Str s = {0};
  for (int i = 1; argv[i]; i++) {
    if (i > 1) str_addc(&s, ' ');
    str_adds(&s, argv[i]);
  }
  if (!s.s) return 0;
  int st = exec_string(s.s, NULL);
  free(s.s);
  return st;
}

static int b_dot(char **argv) {
  if (!argv[1]) return 0;
  char *path = strchr(argv[1], '/') ? xstrdup(argv[1]) : find_in_path(argv[1]);
  if (!path) path = xstrdup(argv[1]);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) sh_error(".: cannot open %s: %s", path, strerror(errno));
  free(path);
  int hi = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  close(fd);
  char **oldargs = posargs;
  int oldn = nposargs, n = 0;
  if (argv[2]) {
    posargs = NULL;
    nposargs = 0;
    while (argv[2 + n]) n++;
    set_posargs(argv + 2, n);
  }
  exec_file(hi);
  close(hi);
  if (argv[2]) {
    set_posargs(NULL, 0);
    free(posargs);
    posargs = oldargs;
    nposargs = oldn;
  }
  if (skip == SKIP_RETURN && !funcnest) skip = SKIP_NONE;
  return exitstatus;
}

static const Builtin builtins[] = {
    {".", b_dot, 1},          {":", b_true, 1},         {"[", b_test, 0},
    {"alias", b_alias, 0},    {"bg", b_bg, 0},          {"break", b_break, 1},
    {"cd", b_cd, 0},          {"command", b_command, 0}, {"continue", b_break, 1},
    {"echo", b_echo, 0},      {"eval", b_eval, 1},      {"exec", b_true, 1},
    {"exit", b_exit, 1},      {"export", b_export, 1},  {"false", b_false, 0},
    {"fg", b_fg, 0},          {"getopts", b_getopts, 0}, {"history", b_history, 0},
    {"jobs", b_jobs, 0},      {"kill", b_kill, 0},      {"printf", b_printf, 0},
    {"pwd", b_pwd, 0},        {"read", b_read, 0},      {"readonly", b_readonly, 1},
    {"return", b_return, 1},  {"set", b_set, 1},        {"shift", b_shift, 1},
    {"source", b_dot, 1},     {"test", b_test, 0},      {"trap", b_trap, 1},
    {"true", b_true, 0},      {"type", b_type, 0},      {"umask", b_umask, 0},
    {"unalias", b_unalias, 0}, {"unset", b_unset, 1},   {"wait", b_wait, 0},
};

const Builtin *find_builtin(const char *name) {
  for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
    if (strcmp(builtins[i].name, name) == 0) return &builtins[i];
  return NULL;
}

/* The i-th builtin's name, or NULL past the end (for completion). */
const char *builtin_name(int i) {
  return i >= 0 && (size_t)i < sizeof builtins / sizeof builtins[0] ? builtins[i].name : NULL;
}
