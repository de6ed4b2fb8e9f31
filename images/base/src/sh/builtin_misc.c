/*
 * builtin_misc.c - getopts, umask, alias, unalias, type, command.
 *
 * Aliases are a small list of name -> text pairs; the parser asks
 * alias_get for words in command position. type and command -v/-V
 * describe a name in dash's words ("x is a shell builtin").
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

/* ---- getopts ---- */
static int optoff;
static int last_optind = 1;

static void set_var_char(const char *name, int c) {
  char b[2] = {(char)c, 0};
  var_set(name, b, 0);
}

static void getopts_done(const char *name, int optind) {
  char buf[16];
  snprintf(buf, sizeof buf, "%d", optind);
  var_set("OPTIND", buf, 0);
  last_optind = optind;
}

int b_getopts(char **argv) {
  if (!argv[1] || !argv[2]) {
    sh_warn("getopts: usage: getopts optstring var [arg...]");
    return 2;
  }
  const char *opts = argv[1], *name = argv[2];
  char **args = argv[3] ? argv + 3 : posargs;
  int nargs = 0;
  while (args[nargs]) nargs++;
  const char *oi = var_get("OPTIND");
  int optind = oi ? atoi(oi) : 1;
  if (optind < 1) optind = 1;
  if (optind != last_optind) optoff = 0;
  int silent = opts[0] == ':';
  if (optoff == 0) {
    const char *a = optind <= nargs ? args[optind - 1] : NULL;
    if (!a || a[0] != '-' || !a[1] || strcmp(a, "--") == 0) {
      if (a && strcmp(a, "--") == 0) optind++;
      var_set(name, "?", 0);
      var_unset("OPTARG");
      getopts_done(name, optind);
      return 1;
    }
    optoff = 1;
  }
  const char *a = args[optind - 1];
  int c = (unsigned char)a[optoff++];
  if (!a[optoff]) {
    optind++;
    optoff = 0;
  }
  const char *p = c == ':' ? NULL : strchr(opts + silent, c);
  if (!p) {
    if (silent) set_var_char("OPTARG", c);
    else {
      sh_warn("Illegal option -%c", c);
      var_unset("OPTARG");
    }
    var_set(name, "?", 0);
  } else if (p[1] == ':') {
    if (optoff) {
      var_set("OPTARG", a + optoff, 0);
      optind++;
      optoff = 0;
      set_var_char(name, c);
    } else if (optind <= nargs) {
      var_set("OPTARG", args[optind - 1], 0);
      optind++;
      set_var_char(name, c);
    } else if (silent) {
      set_var_char("OPTARG", c);
      var_set(name, ":", 0);
    } else {
      sh_warn("No arg for -%c option", c);
      var_unset("OPTARG");
      var_set(name, "?", 0);
    }
  } else {
    var_unset("OPTARG");
    set_var_char(name, c);
  }
  getopts_done(name, optind);
  return 0;
}

/* ---- umask ---- */
int b_umask(char **argv) {
  int i = 1, sym = 0;
  if (argv[i] && strcmp(argv[i], "-S") == 0) {
    sym = 1;
    i++;
  }
  if (!argv[i]) {
    mode_t m = umask(0);
    umask(m);
    if (!sym) {
      printf("%04o\n", (unsigned)m);
      return 0;
    }
    const char *who = "ugo";
    for (int k = 0; k < 3; k++) {
      int bits = ~(int)m >> (6 - 3 * k) & 7;
      printf("%c=%s%s%s%s", who[k], bits & 4 ? "r" : "", bits & 2 ? "w" : "", bits & 1 ? "x" : "", k < 2 ? "," : "\n");
    }
    return 0;
  }
  char *end;
  long v = strtol(argv[i], &end, 8);
  if (*end || v < 0 || v > 0777) {
    sh_warn("umask: Illegal number: %s", argv[i]);
    return 1;
  }
  umask((mode_t)v);
  return 0;
}

/* ---- aliases ---- */
typedef struct Alias {
  char *name, *value;
  struct Alias *next;
} Alias;
static Alias *aliases;

const char *alias_get(const char *name) {
  for (Alias *a = aliases; a; a = a->next)
    if (strcmp(a->name, name) == 0) return a->value;
  return NULL;
}

static void print_alias(Alias *a) {
  printf("%s='", a->name);
  for (const char *p = a->value; *p; p++) {
    if (*p == '\'') fputs("'\\''", stdout);
    else putchar(*p);
  }
  puts("'");
}

static int cmp_alias(const void *x, const void *y) {
  return strcmp((*(Alias *const *)x)->name, (*(Alias *const *)y)->name);
}

/* Lists all aliases sorted by name (as dash). */
static void list_aliases(void) {
  int n = 0;
  for (Alias *a = aliases; a; a = a->next) n++;
  Alias **v = xmalloc(sizeof(Alias *) * (size_t)(n + 1));
  n = 0;
  for (Alias *a = aliases; a; a = a->next) v[n++] = a;
  qsort(v, (size_t)n, sizeof(Alias *), cmp_alias);
  for (int i = 0; i < n; i++) print_alias(v[i]);
  free(v);
}

int b_alias(char **argv) {
  int st = 0;
  if (!argv[1]) list_aliases();
  for (int i = 1; argv[i]; i++) {
    char *eq = strchr(argv[i], '=');
    if (!eq) {
      Alias *a = aliases;
      while (a && strcmp(a->name, argv[i]) != 0) a = a->next;
      if (a) print_alias(a);
      else {
        sh_warn("alias: %s not found", argv[i]);
        st = 1;
      }
      continue;
    }
    char *name = xstrndup(argv[i], (size_t)(eq - argv[i]));
    Alias *a = aliases;
    while (a && strcmp(a->name, name) != 0) a = a->next;
    if (!a) {
      a = xmalloc(sizeof *a);
      a->name = name;
      a->value = NULL;
      a->next = aliases;
      aliases = a;
    } else {
      free(name);
    }
    free(a->value);
    a->value = xstrdup(eq + 1);
  }
  return st;
}

int b_unalias(char **argv) {
  int st = 0;
  if (argv[1] && strcmp(argv[1], "-a") == 0) {
    while (aliases) {
      Alias *a = aliases;
      aliases = a->next;
      free(a->name);
      free(a->value);
      free(a);
    }
    return 0;
  }
  for (int i = 1; argv[i]; i++) {
    Alias **pp = &aliases;
    while (*pp && strcmp((*pp)->name, argv[i]) != 0) pp = &(*pp)->next;
    if (!*pp) {
      sh_warn("unalias: %s not found", argv[i]);
      st = 1;
      continue;
    }
    Alias *a = *pp;
    *pp = a->next;
    free(a->name);
    free(a->value);
    free(a);
  }
  return st;
}

/* ---- type / command ---- */
static int is_keyword(const char *name) {
  static const char *kws[] = {"!", "{", "}", "case", "do", "done", "elif", "else", "esac",
                              "fi", "for", "if", "in", "then", "until", "while", NULL};
  for (int i = 0; kws[i]; i++)
    if (strcmp(kws[i], name) == 0) return 1;
  return 0;
}

/* verbose: 1 type-style sentence, 0 command -v style. Returns 0 if found. */
int describe_command(const char *name, int verbose) {
  const char *al = alias_get(name);
  if (al) {
    if (verbose) printf("%s is an alias for %s\n", name, al);
    else printf("alias %s='%s'\n", name, al);
    return 0;
  }
  if (is_keyword(name)) {
    if (verbose) printf("%s is a shell keyword\n", name);
    else puts(name);
    return 0;
  }
  if (find_function(name)) {
    if (verbose) printf("%s is a shell function\n", name);
    else puts(name);
    return 0;
  }
  const Builtin *b = find_builtin(name);
  if (b) {
    if (verbose) printf("%s is a %sshell builtin\n", name, b->special ? "special " : "");
    else puts(name);
    return 0;
  }
  char *path = strchr(name, '/') ? (access(name, X_OK) == 0 ? xstrdup(name) : NULL) : find_in_path(name);
  if (path) {
    if (verbose) printf("%s is %s\n", name, path);
    else puts(path);
    free(path);
    return 0;
  }
  if (verbose) printf("%s: not found\n", name);
  return 127;
}

int b_type(char **argv) {
  int st = 0;
  for (int i = 1; argv[i]; i++)
    if (describe_command(argv[i], 1)) st = 127;
  return st;
}

int b_command(char **argv) {
  int i = 1, mode = 0;
  for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "-v") == 0) mode = 1;
    else if (strcmp(argv[i], "-V") == 0) mode = 2;
    else if (strcmp(argv[i], "-p") == 0) continue;
    else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else break;
  }
  if (!argv[i]) return 0;
  if (mode) {
    int st = 0;
    for (; argv[i]; i++)
      if (describe_command(argv[i], mode == 2)) st = 127;
    return st;
  }
  return run_command(argv + i, 0);
}
