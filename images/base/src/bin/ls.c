/*
 * ls [-1aCdhlR] [FILE...]: list directory contents, sorted by name in the C
 * locale (byte order), like GNU ls.
 *   -a  include names starting with '.' (and . and ..)
 *   -l  long format: mode, links, owner, group, size, mtime (UTC), name,
 *       "-> target" for symlinks; preceded by "total N" (1K blocks)
 *   -h  sizes (and total) human-readable (1.5K, 12M) with -l
 *   -R  recurse into subdirectories ("dir:" headers)
 *   -d  list directories themselves, not their contents
 *   -1  one name per line;  -C  columns
 * Output is in columns when standard output is a terminal (width from
 * TIOCGWINSZ, else $COLUMNS, else 80), one per line otherwise. On a
 * terminal, names with shell specials are quoted as GNU's shell-escape
 * style does ('a b', "it's", 'tab'$'\t''x'). Operands
 * that are not directories are listed first, then each directory.
 * Exit: 0 ok, 1 minor trouble (unreadable directory), 2 missing operand.
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#ifndef S_ISVTX
#define S_ISVTX 01000
#endif

struct ent {
  char *name; /* as given or read (sort key) */
  char *shown; /* as displayed: quoted on a terminal */
  int quoted;
  char *path; /* for stat/readlink/recursion */
  struct stat st;
  int ok;
};

struct list { struct ent *v; size_t n, cap; };

static int opt_all, opt_long, opt_human, opt_rec, opt_dir, opt_cols, opt_quote, status;

/* Appends s[0..n) to out at *len. */
static void append(char *out, size_t *len, const char *s, size_t n) {
  memcpy(out + *len, s, n);
  *len += n;
}

/*
 * GNU ls's shell-escape quoting (used on terminals): names with shell
 * specials are single-quoted ('a b'), or double-quoted when they hold a
 * single quote and nothing that is special inside double quotes ("it's");
 * otherwise a quote becomes '\''; control bytes become $'\t' segments.
 */
static char *quote_name(const char *name) {
  static const char special[] = " !\"$&'()*;<=>?[\\^`|";
  size_t n = strlen(name), len = 0;
  int need = (name[0] == '#' || name[0] == '~') || strcmp(name, "{") == 0 || strcmp(name, "}") == 0;
  int ctrl = 0, squote = 0, dq_bad = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c < 32 || c == 127) ctrl = need = 1;
    else if (strchr(special, c)) need = 1;
    if (c == '\'') squote = 1;
    if (strchr("\"$`\\!", c)) dq_bad = 1;
  }
  char *out = xmalloc(n * 8 + 8);
  if (!need) {
    memcpy(out, name, n + 1);
    return out;
  }
  if (squote && !dq_bad && !ctrl) {
    snprintf(out, n * 8 + 8, "\"%s\"", name);
    return out;
  }
  int open = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c < 32 || c == 127) {
      static const char from[] = "\a\b\t\n\v\f\r", to[] = "abtnvfr";
      const char *e = c ? strchr(from, c) : NULL;
      char esc[16];
      if (open) append(out, &len, "'", 1), open = 0;
      if (e) snprintf(esc, sizeof esc, "$'\\%c'", to[e - from]);
      else snprintf(esc, sizeof esc, "$'\\%03o'", c);
      append(out, &len, esc, strlen(esc));
      continue;
    }
    if (!open) append(out, &len, "'", 1), open = 1;
    if (c == '\'') append(out, &len, "'\\''", 4);
    else out[len++] = (char)c;
  }
  if (open) append(out, &len, "'", 1);
  out[len] = 0;
  return out;
}
static int width = 80, printed_any;
static time_t now;

static void add(struct list *l, const char *name, const char *path, const struct stat *st, int ok) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 32;
    l->v = xrealloc(l->v, sizeof *l->v * l->cap);
  }
  struct ent *e = &l->v[l->n++];
  e->name = xstrdup(name), e->path = xstrdup(path), e->ok = ok;
  e->shown = opt_quote ? quote_name(name) : xstrdup(name);
  e->quoted = strcmp(e->shown, name) != 0;
  if (st) e->st = *st;
}

static void free_list(struct list *l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i].name), free(l->v[i].shown), free(l->v[i].path);
  free(l->v);
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

static void mode_string(mode_t m, char *s) {
  static const char types[] = "?pc?d?b?-?l?s???";
  s[0] = types[(m >> 12) & 15];
  const char *rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) s[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
  if (m & S_ISUID) s[3] = (m & S_IXUSR) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & S_IXGRP) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
  s[10] = 0;
}

static void owner_name(uid_t uid, char *out, size_t n) {
  struct passwd *pw = getpwuid(uid);
  if (pw) snprintf(out, n, "%s", pw->pw_name);
  else snprintf(out, n, "%lu", (unsigned long)uid);
}

static void group_name(gid_t gid, char *out, size_t n) {
  struct group *gr = getgrgid(gid);
  if (gr) snprintf(out, n, "%s", gr->gr_name);
  else snprintf(out, n, "%lu", (unsigned long)gid);
}

static void size_string(const struct stat *st, char *out, size_t n) {
  if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
    unsigned long d = (unsigned long)st->st_rdev;
    snprintf(out, n, "%lu, %lu", (d >> 8) & 0xfff, (d & 0xff) | ((d >> 12) & 0xfff00));
  } else if (opt_human) {
    human_size((unsigned long long)st->st_size, out, n);
  } else {
    snprintf(out, n, "%lld", (long long)st->st_size);
  }
}

static void time_string(time_t t, char *out, size_t n) {
  struct tm tm;
  const long half_year = 31556952 / 2;
  gmtime_r(&t, &tm);
  if (t <= now && now - t < half_year) strftime(out, n, "%b %e %H:%M", &tm);
  else strftime(out, n, "%b %e  %Y", &tm);
}

static int digits_of(const char *s) { return (int)strlen(s); }

/* Column widths also count `extra` (GNU sizes operand files together with operand directories). */
static struct list *width_extra;

static void print_long(struct list *l) {
  int wl = 0, wu = 0, wg = 0, ws = 0;
  char buf[64];
  size_t nx = width_extra ? width_extra->n : 0;
  for (size_t k = 0; k < l->n + nx; k++) {
    struct stat *st = k < l->n ? &l->v[k].st : &width_extra->v[k - l->n].st;
    snprintf(buf, sizeof buf, "%lu", (unsigned long)st->st_nlink);
    if (digits_of(buf) > wl) wl = digits_of(buf);
    owner_name(st->st_uid, buf, sizeof buf);
    if (digits_of(buf) > wu) wu = digits_of(buf);
    group_name(st->st_gid, buf, sizeof buf);
    if (digits_of(buf) > wg) wg = digits_of(buf);
    size_string(st, buf, sizeof buf);
    if (digits_of(buf) > ws) ws = digits_of(buf);
  }
  for (size_t i = 0; i < l->n; i++) {
    struct ent *e = &l->v[i];
    char mode[11], user[64], group[64], size[64], when[64];
    mode_string(e->st.st_mode, mode);
    owner_name(e->st.st_uid, user, sizeof user);
    group_name(e->st.st_gid, group, sizeof group);
    size_string(&e->st, size, sizeof size);
    time_string(e->st.st_mtime, when, sizeof when);
    printf("%s %*lu %-*s %-*s %*s %s %s", mode, wl, (unsigned long)e->st.st_nlink, wu, user, wg,
           group, ws, size, when, e->shown);
    if (S_ISLNK(e->st.st_mode)) {
      char target[4096];
      long n = readlink(e->path, target, sizeof target - 1);
      if (n >= 0) {
        target[n] = 0;
        char *q = opt_quote ? quote_name(target) : xstrdup(target);
        printf(" -> %s", q);
        free(q);
      }
    }
    putchar('\n');
  }
}

/* Moves the cursor from column `from` to `to` with tabs (GNU ls, tab size 8) and spaces. */
static void indent(size_t from, size_t to) {
  while (from < to) {
    if (to / 8 > (from + 1) / 8) putchar('\t'), from += 8 - from % 8;
    else putchar(' '), from++;
  }
}

/* GNU ls's vertical column layout: the most columns whose total width fits. */
static void print_columns(struct list *l) {
  size_t n = l->n, max_cols = (size_t)width / 3 ? (size_t)width / 3 : 1;
  if (max_cols > n) max_cols = n;
  if (n == 0) return;
  size_t *arr = xmalloc(sizeof *arr * max_cols * (max_cols + 1) / 2 + 1);
  size_t *len = xmalloc(sizeof *len * max_cols), *valid = xmalloc(sizeof *valid * max_cols);
  size_t off = 0, cols;
  for (size_t i = 0; i < max_cols; i++) len[i] = 0, valid[i] = 1;
  memset(arr, 0, sizeof *arr * (max_cols * (max_cols + 1) / 2 + 1));
  for (size_t f = 0; f < n; f++) {
    size_t name_len = strlen(l->v[f].shown);
    off = 0;
    for (size_t i = 0; i < max_cols; off += ++i) {
      if (!valid[i]) continue;
      size_t idx = f / ((n + i) / (i + 1)), real = name_len + (idx == i ? 0 : 2);
      if (arr[off + idx] < real) {
        len[i] += real - arr[off + idx];
        arr[off + idx] = real;
        valid[i] = len[i] < (size_t)width;
      }
    }
  }
  for (cols = max_cols; cols > 1; cols--)
    if (valid[cols - 1]) break;
  off = (cols - 1) * cols / 2;
  size_t rows = n / cols + (n % cols != 0);
  for (size_t r = 0; r < rows; r++) {
    size_t f = r, pos = 0, col = 0;
    for (;;) {
      size_t nl = strlen(l->v[f].shown), w = arr[off + col++];
      fputs(l->v[f].shown, stdout);
      f += rows;
      if (f >= n) break;
      indent(pos + nl, pos + w);
      pos += w;
    }
    putchar('\n');
  }
  free(arr), free(len), free(valid);
}

/* GNU aligns outer quotes in -l and column output: when some name in the
 * listing is quoted, the unquoted ones get a leading space. */
static void align_quotes(struct list *l) {
  int any = 0;
  for (size_t i = 0; i < l->n; i++) any |= l->v[i].quoted;
  if (!any || !(opt_long || opt_cols)) return;
  for (size_t i = 0; i < l->n; i++) {
    if (l->v[i].quoted) continue;
    char *s = xmalloc(strlen(l->v[i].shown) + 2);
    s[0] = ' ';
    strcpy(s + 1, l->v[i].shown);
    free(l->v[i].shown);
    l->v[i].shown = s, l->v[i].quoted = 1;
  }
}

static void print_list(struct list *l) {
  qsort(l->v, l->n, sizeof *l->v, by_name);
  align_quotes(l);
  if (opt_long) print_long(l);
  else if (opt_cols) print_columns(l);
  else
    for (size_t i = 0; i < l->n; i++) puts(l->v[i].shown);
}

static void print_total(struct list *l) {
  unsigned long long blocks = 0;
  char buf[32];
  for (size_t i = 0; i < l->n; i++) blocks += (unsigned long long)l->v[i].st.st_blocks;
  if (opt_human) human_size(blocks * 512, buf, sizeof buf);
  else snprintf(buf, sizeof buf, "%llu", (blocks + 1) / 2);
  printf("total %s\n", buf);
}

static void list_dir(const char *path, int header) {
  DIR *d = opendir(path);
  struct dirent *de;
  struct list l = {0};
  if (!d) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot open directory '%s'", path);
    warn_errno(msg);
    status = 2;
    return;
  }
  if (header) printf("%s%s:\n", printed_any ? "\n" : "", path);
  printed_any = 1;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.' && !opt_all) continue;
    char *p = path_join(path, de->d_name);
    struct stat st;
    int ok = lstat(p, &st) == 0;
    if (!ok) warn_errno(p), status = 1;
    else add(&l, de->d_name, p, &st, ok);
    free(p);
  }
  closedir(d);
  qsort(l.v, l.n, sizeof *l.v, by_name);
  if (opt_long) print_total(&l);
  print_list(&l);
  for (size_t i = 0; opt_rec && i < l.n; i++) {
    const char *nm = l.v[i].name;
    if (!S_ISDIR(l.v[i].st.st_mode) || strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0) continue;
    list_dir(l.v[i].path, 1);
  }
  free_list(&l);
}

static void term_width(void) {
  struct winsize ws;
  const char *env = getenv("COLUMNS");
  if (isatty(1)) {
    opt_cols = !opt_long;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
      width = ws.ws_col;
      return;
    }
  }
  if (env && atoi(env) > 0) width = atoi(env);
}

int main(int argc, char **argv) {
  struct opt o = {0};
  struct list files = {0}, dirs = {0};
  int c, one = 0;
  set_prog(argv[0]);
  now = time(NULL);
  while ((c = opt_next(&o, argc, argv, "1aCdhlR")) != -1) {
    switch (c) {
    case '1': one = 1, opt_cols = 0; break;
    case 'a': opt_all = 1; break;
    case 'C': opt_cols = 1, one = 0; break;
    case 'd': opt_dir = 1; break;
    case 'h': opt_human = 1; break;
    case 'l': opt_long = 1; break;
    case 'R': opt_rec = 1; break;
    default: return 2;
    }
  }
  opt_quote = isatty(1); /* GNU: shell-escape quoting on terminals, literal names otherwise */
  if (!one && !opt_cols) term_width();
  else if (opt_cols) term_width(), opt_cols = 1;
  if (one) opt_cols = 0;
  char *dot[] = {".", NULL};
  char **args = o.ind < argc ? argv + o.ind : dot;
  int nargs = o.ind < argc ? argc - o.ind : 1;
  for (int i = 0; i < nargs; i++) {
    struct stat st;
    int follow = !opt_long && !opt_dir;
    if ((follow ? stat(args[i], &st) : lstat(args[i], &st)) != 0 && lstat(args[i], &st) != 0) {
      char msg[4200];
      snprintf(msg, sizeof msg, "cannot access '%s'", args[i]);
      warn_errno(msg);
      status = 2;
      continue;
    }
    if (S_ISDIR(st.st_mode) && !opt_dir) add(&dirs, args[i], args[i], &st, 1);
    else add(&files, args[i], args[i], &st, 1);
  }
  width_extra = &dirs;
  print_list(&files);
  width_extra = NULL;
  printed_any = files.n > 0;
  qsort(dirs.v, dirs.n, sizeof *dirs.v, by_name);
  for (size_t i = 0; i < dirs.n; i++) list_dir(dirs.v[i].path, opt_rec || nargs > 1);
  free_list(&files), free_list(&dirs);
  fflush(stdout);
  return status;
}
