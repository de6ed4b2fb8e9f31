/*
 * vars.c - shell variables, the environment and positional parameters.
 *
 * Variables live in a small hash table: name -> value + flags (exported,
 * readonly). var_environ builds envp for execve from the exported ones.
 * Assigning a readonly variable reports an error and returns -1. var_save /
 * var_restore implement the temporary assignments of `VAR=x cmd` for
 * functions and regular builtins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

typedef struct Var {
  char *name;
  char *value; /* NULL: declared (e.g. exported) but unset */
  int flags;
  struct Var *next;
} Var;

struct VarSave {
  char *name;
  char *value;
  int flags;
  int existed;
};

#define NBUCKET 128
static Var *table[NBUCKET];
char **posargs;
int nposargs;
char *arg0;

static unsigned hash(const char *s) {
  unsigned h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h % NBUCKET;
}

static Var *lookup(const char *name) {
  for (Var *v = table[hash(name)]; v; v = v->next)
    if (strcmp(v->name, name) == 0) return v;
  return NULL;
}

static Var *create(const char *name) {
  Var *v = lookup(name);
  if (v) return v;
  v = xmalloc(sizeof *v);
  v->name = xstrdup(name);
  v->value = NULL;
  v->flags = 0;
  unsigned h = hash(name);
  v->next = table[h];
  table[h] = v;
  return v;
}

const char *var_get(const char *name) {
  Var *v = lookup(name);
  return v ? v->value : NULL;
}

int var_flags(const char *name) {
  Var *v = lookup(name);
  return v ? v->flags : 0;
}

int var_set(const char *name, const char *value, int flags) {
  Var *v = create(name);
  if (v->flags & V_READONLY) {
    sh_warn("%s: is read only", name);
    return -1;
  }
  char *nv = value ? xstrdup(value) : NULL;
  free(v->value);
  v->value = nv;
  v->flags |= flags;
  return 0;
}

int var_unset(const char *name) {
  Var **pp = &table[hash(name)];
  for (; *pp; pp = &(*pp)->next) {
    Var *v = *pp;
    if (strcmp(v->name, name) != 0) continue;
    if (v->flags & V_READONLY) {
      sh_warn("%s: is read only", name);
      return -1;
    }
    *pp = v->next;
    free(v->name);
    free(v->value);
    free(v);
    return 0;
  }
  return 0;
}

void var_export(const char *name) { create(name)->flags |= V_EXPORT; }

void var_import(char **envp) {
  for (; *envp; envp++) {
    char *eq = strchr(*envp, '=');
    if (!eq) continue;
    char *name = xstrndup(*envp, (size_t)(eq - *envp));
    if (is_name(name)) var_set(name, eq + 1, V_EXPORT);
    free(name);
  }
}

char **var_environ(void) {
  int n = 0;
  for (int i = 0; i < NBUCKET; i++)
    for (Var *v = table[i]; v; v = v->next) n++;
  char **env = xmalloc(sizeof(char *) * (size_t)(n + 1));
  int k = 0;
  for (int i = 0; i < NBUCKET; i++)
    for (Var *v = table[i]; v; v = v->next) {
      if (!(v->flags & V_EXPORT) || !v->value) continue;
      size_t l = strlen(v->name) + strlen(v->value) + 2;
      env[k] = xmalloc(l);
      snprintf(env[k++], l, "%s=%s", v->name, v->value);
    }
  env[k] = NULL;
  return env;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints a value single-quoted so the shell can read it back (as dash). */
static void print_quoted(const char *s) {
  putchar('\'');
  for (; *s; s++) {
    if (*s == '\'') fputs("'\"'\"'", stdout);
    else putchar(*s);
  }
  putchar('\'');
}

/* Lists variables having all of `flags`, sorted, each line after `prefix`. */
void var_list(int flags, const char *prefix) {
  int n = 0;
  for (int i = 0; i < NBUCKET; i++)
    for (Var *v = table[i]; v; v = v->next) n++;
  Var **all = xmalloc(sizeof(Var *) * (size_t)(n + 1));
  char **names = xmalloc(sizeof(char *) * (size_t)(n + 1));
  int k = 0;
  for (int i = 0; i < NBUCKET; i++)
    for (Var *v = table[i]; v; v = v->next)
      if ((v->flags & flags) == flags) names[k++] = v->name;
  qsort(names, (size_t)k, sizeof(char *), cmp_str);
  for (int i = 0; i < k; i++) {
    Var *v = lookup(names[i]);
    if (!v->value && !prefix) continue;
    if (prefix) printf("%s ", prefix);
    fputs(v->name, stdout);
    if (v->value) {
      putchar('=');
      print_quoted(v->value);
    }
    putchar('\n');
  }
  free(all);
  free(names);
  fflush(stdout);
}

VarSave *var_save(const char *name) {
  VarSave *s = xmalloc(sizeof *s);
  Var *v = lookup(name);
  s->name = xstrdup(name);
  s->existed = v != NULL;
  s->value = v && v->value ? xstrdup(v->value) : NULL;
  s->flags = v ? v->flags : 0;
  return s;
}

void var_restore(VarSave *s) {
  if (!s->existed) {
    var_unset(s->name);
  } else {
    Var *v = create(s->name);
    free(v->value);
    v->value = s->value;
    v->flags = s->flags;
    s->value = NULL;
  }
  free(s->name);
  free(s->value);
  free(s);
}

/* Performs the assignment word NAME=value (value expanded). */
int assign_word(const char *raw, int flags) {
  const char *eq = strchr(raw, '=');
  char *name = xstrndup(raw, (size_t)(eq - raw));
  char *val = expand_string(eq + 1);
  int r = var_set(name, val, flags);
  free(name);
  free(val);
  return r;
}

void set_posargs(char **argv, int n) {
  for (int i = 0; i < nposargs; i++) free(posargs[i]);
  free(posargs);
  posargs = xmalloc(sizeof(char *) * (size_t)(n + 1));
  for (int i = 0; i < n; i++) posargs[i] = xstrdup(argv[i]);
  posargs[n] = NULL;
  nposargs = n;
}

/* Value of a one-character special parameter ($? $$ $! $# $- $0). */
const char *special_var(int c, char *buf) {
  switch (c) {
    case '?': snprintf(buf, 32, "%d", exitstatus); return buf;
    case '$': snprintf(buf, 32, "%d", (int)getpid_shell()); return buf;
    case '!':
      if (!lastbgpid) return NULL;
      snprintf(buf, 32, "%d", (int)lastbgpid);
      return buf;
    case '#': snprintf(buf, 32, "%d", nposargs); return buf;
    case '0': return arg0;
    case '-': {
      char *p = buf;
      if (opt_e) *p++ = 'e';
      if (opt_f) *p++ = 'f';
      if (interactive) *p++ = 'i';
      if (opt_m) *p++ = 'm';
      if (opt_u) *p++ = 'u';
      if (opt_x) *p++ = 'x';
      *p = 0;
      return buf;
    }
  }
  return NULL;
}
