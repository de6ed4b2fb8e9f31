/*
 * complete.c - tab completion for the line editor.
 *
 * The word before the cursor is completed as a command (builtins,
 * functions, aliases and executables on PATH) when it is in command
 * position and has no '/', otherwise as a path. One candidate: it is
 * inserted, followed by '/' for directories or a space. Several: their
 * longest common prefix is inserted; if that adds nothing they are listed
 * under the line (then *listed is set and the prompt is redrawn).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

static void add_unique(StrList *l, const char *s) {
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->v[i], s) == 0) return;
  sl_add(l, xstrdup(s));
}

static void commands(const char *pre, StrList *out) {
  size_t n = strlen(pre);
  for (int i = 0; builtin_name(i); i++)
    if (strncmp(builtin_name(i), pre, n) == 0) add_unique(out, builtin_name(i));
  const char *path = var_get("PATH");
  char *copy = xstrdup(path ? path : "");
  for (char *dir = strtok(copy, ":"); dir; dir = strtok(NULL, ":")) {
    DIR *d = opendir(dir);
    if (!d) continue;
    struct dirent *e;
    while ((e = readdir(d)))
      if (e->d_name[0] != '.' && strncmp(e->d_name, pre, n) == 0) add_unique(out, e->d_name);
    closedir(d);
  }
  free(copy);
}

static void paths(const char *word, StrList *out) {
  const char *slash = strrchr(word, '/');
  char *dir = slash ? xstrndup(word, (size_t)(slash - word + 1)) : xstrdup("");
  const char *base = slash ? slash + 1 : word;
  size_t n = strlen(base);
  DIR *d = opendir(*dir ? dir : ".");
  if (d) {
    struct dirent *e;
    while ((e = readdir(d))) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      if (e->d_name[0] == '.' && base[0] != '.') continue;
      if (strncmp(e->d_name, base, n) != 0) continue;
      Str s = {0};
      str_adds(&s, dir);
      str_adds(&s, e->d_name);
      struct stat st;
      if (stat(s.s, &st) == 0 && S_ISDIR(st.st_mode)) str_addc(&s, '/');
      sl_add(out, str_take(&s));
    }
    closedir(d);
  }
  free(dir);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int in_command_position(const char *s, size_t start) {
  while (start && s[start - 1] == ' ') start--;
  return start == 0 || strchr(";|&(", s[start - 1]);
}

static void list_candidates(StrList *c) {
  Str s = {0};
  str_adds(&s, "\r\n");
  for (int i = 0; i < c->n; i++) {
    const char *name = c->v[i];
    const char *sl = strrchr(name, '/');
    if (sl && sl[1]) name = sl + 1;
    str_adds(&s, name);
    str_adds(&s, i + 1 < c->n ? "  " : "\r\n");
  }
  write(2, s.s, s.n);
  free(s.s);
}

void complete_line(Str *line, size_t *pos, int *listed) {
  size_t start = *pos;
  while (start && line->s[start - 1] != ' ') start--;
  char *word = xstrndup(line->s + start, *pos - start);
  StrList c = {0};
  int cmd = in_command_position(line->s, start) && !strchr(word, '/');
  if (cmd) commands(word, &c);
  else paths(word, &c);
  if (c.n) qsort(c.v, (size_t)c.n, sizeof(char *), cmp_str);
  size_t wl = strlen(word);
  if (c.n == 0) {
    write(2, "\a", 1);
  } else {
    size_t lcp = strlen(c.v[0]);
    for (int i = 1; i < c.n; i++) {
      size_t k = 0;
      while (k < lcp && c.v[i][k] == c.v[0][k]) k++;
      lcp = k;
    }
    Str ins = {0};
    if (lcp > wl) str_addn(&ins, c.v[0] + wl, lcp - wl);
    if (c.n == 1 && c.v[0][lcp - 1] != '/') str_addc(&ins, ' ');
    if (ins.n) {
      str_addn(line, ins.s, ins.n);
      memmove(line->s + *pos + ins.n, line->s + *pos, line->n - ins.n - *pos);
      memcpy(line->s + *pos, ins.s, ins.n);
      *pos += ins.n;
    } else if (c.n > 1) {
      list_candidates(&c);
      *listed = 1;
    }
    free(ins.s);
  }
  for (int i = 0; i < c.n; i++) free(c.v[i]);
  free(c.v);
  free(word);
}
