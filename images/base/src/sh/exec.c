/*
 * exec.c - evaluates the command tree.
 *
 * exec_node runs one node and returns its exit status (also stored in
 * exitstatus). Flags: EV_EXIT means the caller is a child that exits right
 * after (so an external command may replace it without forking);
 * EV_TESTED marks conditions (if/while/&&/||/!), where set -e is off.
 * break/continue/return set `skip` (with a count) and unwind loops and
 * functions. Simple commands: expand, then special builtin > function >
 * builtin > PATH search; assignments before functions and regular builtins
 * are temporary, before special builtins permanent.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

int exitstatus;
int skip, skipcount;
int loopnest, funcnest;
int errexit_suppressed;

typedef struct Func {
  char *name;
  Node *body;
  struct Func *next;
} Func;
static Func *funcs;

void define_function(const char *name, Node *body) {
  for (Func *f = funcs; f; f = f->next)
    if (strcmp(f->name, name) == 0) {
      f->body = body;
      return;
    }
  Func *f = xmalloc(sizeof *f);
  f->name = xstrdup(name);
  f->body = body;
  f->next = funcs;
  funcs = f;
}

Node *find_function(const char *name) {
  for (Func *f = funcs; f; f = f->next)
    if (strcmp(f->name, name) == 0) return f->body;
  return NULL;
}

int unset_function(const char *name) {
  for (Func **pp = &funcs; *pp; pp = &(*pp)->next)
    if (strcmp((*pp)->name, name) == 0) {
      Func *f = *pp;
      *pp = f->next;
      free(f->name);
      free(f);
      return 0;
    }
  return 0;
}

void list_functions(void) {
  for (Func *f = funcs; f; f = f->next) {
    char *t = node_text(f->body);
    printf("%s() %s\n", f->name, t);
    free(t);
  }
}

/* ---- external commands ---- */
char *find_in_path(const char *name) {
  const char *path = var_get("PATH");
  if (!path) path = "/bin:/usr/bin";
  for (;;) {
    const char *colon = strchr(path, ':');
    size_t dl = colon ? (size_t)(colon - path) : strlen(path);
    Str p = {0};
    if (dl) str_addn(&p, path, dl);
    else str_addc(&p, '.');
    str_addc(&p, '/');
    str_adds(&p, name);
    struct stat st;
    if (stat(p.s, &st) == 0 && S_ISREG(st.st_mode) && access(p.s, X_OK) == 0) return p.s;
    free(p.s);
    if (!colon) return NULL;
    path = colon + 1;
  }
}

static void run_script_file(const char *path, char **argv) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  int n = 0;
  while (argv[n]) n++;
  arg0 = xstrdup(path);
  set_posargs(argv + 1, n - 1);
  exec_file(fd);
  sh_exit(exitstatus);
}

/* Replaces the process with argv[0] (PATH search); exits 126/127 on failure. */
static void exec_path(char **argv) {
  char **env = var_environ();
  char *path = strchr(argv[0], '/') ? xstrdup(argv[0]) : find_in_path(argv[0]);
  if (!path) {
    sh_warn("%s: not found", argv[0]);
    _exit(127);
  }
  execve(path, argv, env);
  if (errno == ENOEXEC) run_script_file(path, argv);
  int e = errno;
  sh_warn("%s: %s", argv[0], e == ENOENT ? "not found" : strerror(e));
  _exit(e == ENOENT ? 127 : 126);
}

int run_command(char **argv, int flags) {
  const Builtin *bi = find_builtin(argv[0]);
  if (bi) {
    int st = bi->fn(argv);
    fflush(stdout);
    return st;
  }
  if (flags & EV_EXIT) exec_path(argv);
  Job *j = job_new(argv[0], 0);
  if (fork_child(j, 1) == 0) exec_path(argv);
  return job_wait_fg(j);
}

/* ---- simple commands ---- */
static void xtrace(Word *assigns, char **argv) {
  if (!opt_x) return;
  const char *ps4 = var_get("PS4");
  Str s = {0};
  str_adds(&s, ps4 ? ps4 : "+ ");
  for (Word *a = assigns; a; a = a->next) {
    char *v = expand_string(a->text);
    str_adds(&s, v);
    str_addc(&s, ' ');
    free(v);
  }
  for (int i = 0; argv[i]; i++) {
    if (i) str_addc(&s, ' ');
    str_adds(&s, argv[i]);
  }
  if (!argv[0] && s.n && s.s[s.n - 1] == ' ') s.n--;
  str_addc(&s, '\n');
  fflush(stdout);
  write(2, s.s, s.n);
  free(s.s);
}

static int no_command(Node *n) {
  int st = 0;
  char *none[] = {NULL};
  if (n->assigns) xtrace(n->assigns, none);
  for (Word *a = n->assigns; a; a = a->next)
    if (assign_word(a->text, 0) < 0) sh_abort();
  RedirSave *m = redir_mark();
  if (redir_apply(n->redirs, 1)) st = 2;
  redir_restore(m);
  return st ? st : lastcmdsubst_status;
}

static int call_function(Node *body, char **argv, int argc) {
  char **oldargs = posargs;
  int oldn = nposargs, oldloop = loopnest;
  posargs = NULL;
  nposargs = 0;
  set_posargs(argv + 1, argc - 1);
  funcnest++;
  loopnest = 0;
  int st = exec_node(body, 0);
  funcnest--;
  loopnest = oldloop;
  if (skip == SKIP_RETURN) {
    skip = SKIP_NONE;
    st = exitstatus;
  }
  set_posargs(NULL, 0);
  free(posargs);
  posargs = oldargs;
  nposargs = oldn;
  return st;
}

static void child_exec(Node *n, char **argv) {
  if (redir_apply(n->redirs, 0)) _exit(2);
  for (Word *a = n->assigns; a; a = a->next) assign_word(a->text, V_EXPORT);
  exec_path(argv);
}

static int do_exec(Node *n, StrList *args) {
  if (redir_apply(n->redirs, 0)) {
    if (!interactive) sh_exit(2);
    return 2;
  }
  if (args->n < 2) return 0;
  for (Word *a = n->assigns; a; a = a->next) assign_word(a->text, V_EXPORT);
  exec_path(args->v + 1);
  return 127;
}

static int run_builtin_or_func(Node *n, const Builtin *bi, Node *fn, StrList *args) {
  int special = bi && bi->special && !fn;
  VarSave *saves[64];
  int ns = 0;
  for (Word *a = n->assigns; a; a = a->next) {
    if (!special && ns < 64) {
      char *name = xstrndup(a->text, (size_t)(strchr(a->text, '=') - a->text));
      saves[ns++] = var_save(name);
      free(name);
    }
    assign_word(a->text, 0);
  }
  RedirSave *m = redir_mark();
  int st;
  if (redir_apply(n->redirs, 1)) {
    st = 2;
    if (special && !interactive) sh_exit(2);
  } else if (fn) st = call_function(fn, args->v, args->n);
  else st = bi->fn(args->v);
  fflush(stdout);
  redir_restore(m);
  while (ns > 0) var_restore(saves[--ns]);
  return st;
}

static int exec_simple(Node *n, int flags) {
  StrList args = {0};
  lastcmdsubst_status = 0;
  expand_words(n->words, &args);
  if (!args.n) return no_command(n);
  xtrace(n->assigns, args.v);
  const char *name = args.v[0];
  int st;
  if (strcmp(name, "exec") == 0) {
    st = do_exec(n, &args);
  } else {
    const Builtin *bi = find_builtin(name);
    Node *fn = bi && bi->special ? NULL : find_function(name);
    if (bi || fn) {
      st = run_builtin_or_func(n, bi, fn, &args);
    } else if (flags & EV_EXIT) {
      child_exec(n, args.v);
      st = 127;
    } else {
      char *text = node_text(n);
      Job *j = job_new(text, 0);
      free(text);
      if (fork_child(j, 1) == 0) child_exec(n, args.v);
      st = job_wait_fg(j);
    }
  }
  for (int i = 0; i < args.n; i++) free(args.v[i]);
  free(args.v);
  return st;
}

/* ---- compound commands ---- */
static int exec_pipe(Node *n) {
  char *text = node_text(n);
  Job *j = job_new(text, 0);
  free(text);
  int in = -1;
  for (Node *c = n->a; c; c = c->next) {
    int fds[2] = {-1, -1};
    if (c->next && pipe(fds) < 0) sh_error("pipe: %s", strerror(errno));
    if (fork_child(j, 1) == 0) {
      if (in >= 0) {
        dup2(in, 0);
        close(in);
      }
      if (c->next) {
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
      }
      sh_exit(exec_node(c, EV_EXIT));
    }
    if (in >= 0) close(in);
    if (c->next) {
      close(fds[1]);
      in = fds[0];
    }
  }
  return job_wait_fg(j);
}

static int exec_bg(Node *n) {
  char *text = node_text(n->a);
  Job *j = job_new(text, 1);
  free(text);
  pid_t pid = fork_child(j, 0);
  if (pid == 0) {
    if (!jobctl) {
      int fd = open("/dev/null", O_RDONLY);
      if (fd >= 0 && fd != 0) {
        dup2(fd, 0);
        close(fd);
      }
    }
    sh_exit(exec_node(n->a, EV_EXIT));
  }
  lastbgpid = pid;
  job_background(j);
  return 0;
}

static int exec_subshell(Node *n, int flags) {
  if (!(flags & EV_EXIT)) {
    Job *j = job_new("(...)", 0);
    if (fork_child(j, 1) != 0) return job_wait_fg(j);
  }
  if (redir_apply(n->redirs, 0)) sh_exit(2);
  sh_exit(exec_node(n->a, EV_EXIT));
  return 0;
}

/* Handles break/continue after a loop body; returns 1 to leave the loop. */
static int loop_skip(void) {
  if (skip == SKIP_BREAK || skip == SKIP_CONTINUE) {
    if (--skipcount > 0) return 1;
    int brk = skip == SKIP_BREAK;
    skip = SKIP_NONE;
    return brk;
  }
  return skip != SKIP_NONE;
}

static int tested(Node *n) {
  errexit_suppressed++;
  int st = exec_node(n, 0);
  errexit_suppressed--;
  return st;
}

static int exec_loop(Node *n) {
  int st = 0;
  loopnest++;
  for (;;) {
    int c = tested(n->a);
    if (skip && loop_skip()) break;
    if (skip == SKIP_NONE && (c == 0) != (n->type == N_WHILE)) break;
    st = exec_node(n->b, 0);
    if (skip && loop_skip()) break;
  }
  loopnest--;
  return st;
}

static int exec_for(Node *n) {
  StrList l = {0};
  if (n->has_in) expand_words(n->words, &l);
  else
    for (int i = 0; i < nposargs; i++) sl_add(&l, xstrdup(posargs[i]));
  int st = 0;
  loopnest++;
  for (int i = 0; i < l.n; i++) {
    if (var_set(n->name, l.v[i], 0) < 0) {
      st = 1;
      break;
    }
    st = exec_node(n->b, 0);
    if (skip && loop_skip()) break;
  }
  loopnest--;
  for (int i = 0; i < l.n; i++) free(l.v[i]);
  free(l.v);
  return st;
}

static int exec_case(Node *n, int flags) {
  char *w = expand_string(n->words->text);
  int st = 0;
  for (CaseItem *ci = n->items; ci; ci = ci->next) {
    for (Word *p = ci->pats; p; p = p->next) {
      char *pat = expand_pattern(p->text);
      int m = pmatch(pat, w);
      free(pat);
      if (m) {
        free(w);
        return exec_node(ci->body, flags);
      }
    }
  }
  free(w);
  return st;
}

static int exec_compound(Node *n, int flags) {
  int st = 0;
  switch (n->type) {
    case N_GROUP: return exec_node(n->a, flags);
    case N_IF:
      st = tested(n->a);
      if (skip) return st;
      if (st == 0) return exec_node(n->b, flags);
      return n->c ? exec_node(n->c, flags) : 0;
    case N_WHILE:
    case N_UNTIL: return exec_loop(n);
    case N_FOR: return exec_for(n);
    case N_CASE: return exec_case(n, flags);
  }
  return st;
}

static int exec_dispatch(Node *n, int flags) {
  int st;
  switch (n->type) {
    case N_CMD: return exec_simple(n, flags);
    case N_PIPE: return exec_pipe(n);
    case N_AND:
    case N_OR:
      st = tested(n->a);
      if (skip || (st == 0) != (n->type == N_AND)) return st;
      return exec_node(n->b, flags);
    case N_SEQ:
      exec_node(n->a, 0);
      if (skip) return exitstatus;
      return exec_node(n->b, flags);
    case N_BG: return exec_bg(n);
    case N_NOT: return !tested(n->a);
    case N_SUBSHELL: return exec_subshell(n, flags);
    case N_FUNC: define_function(n->name, n->a); return 0;
  }
  if (!n->redirs) return exec_compound(n, flags);
  RedirSave *m = redir_mark();
  st = redir_apply(n->redirs, 1) ? 2 : exec_compound(n, flags & ~EV_EXIT);
  redir_restore(m);
  return st;
}

int exec_node(Node *n, int flags) {
  if (!n) return 0;
  int st = exec_dispatch(n, flags);
  exitstatus = st;
  if (trap_pending) trap_check();
  exitstatus = st;
  if (opt_e && st && !errexit_suppressed && !skip &&
      (n->type == N_CMD || n->type == N_PIPE || n->type == N_SUBSHELL))
    sh_exit(st);
  return st;
}

int exec_string(const char *s, const char *name) {
  (void)name;
  Node *n = parse_string(s);
  int st = n ? exec_node(n, 0) : 0;
  tree_release(n);
  return st;
}

/* Reads and runs commands from fd until end of file (scripts and `.`). */
void exec_file(int fd) {
  int saved_eof = parse_eof;
  in_push_fd(fd, 0);
  int depth = in_depth();
  exitstatus = 0;
  for (;;) {
    Node *n = parse_line();
    if (n) exec_node(n, 0);
    tree_release(n);
    if (parse_eof || skip == SKIP_RETURN || in_depth() < depth) break;
  }
  lex_reset();
  in_pop();
  parse_eof = saved_eof;
}
