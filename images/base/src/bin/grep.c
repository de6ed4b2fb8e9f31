/*
 * grep [-EFGcHhilnqrsv] [-e PATTERN]... [PATTERN] [FILE...]: print lines
 * that match a pattern (several patterns: one per line of PATTERN or per -e).
 *   -G basic regular expressions (default), -E extended, -F fixed strings
 *   -i ignore case, -v select non-matching lines, -n prefix line numbers,
 *   -c print only a count per file, -l print only names of files with a
 *   match, -q quiet (exit at the first match), -r recurse into directories
 *   (default operand "."), -H/-h force/suppress file name prefixes,
 *   -s suppress messages about unreadable files.
 * Files with a NUL byte are binary: instead of matching lines, one notice
 * "grep: FILE: binary file matches" goes to stderr (counts are unaffected).
 * Exit: 0 a line was selected, 1 none, 2 an error (unless -q matched).
 */
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "regex.h"
#include "util.h"

static int o_fixed, o_ext, o_icase, o_invert, o_num, o_count, o_list, o_quiet, o_rec, o_silent;
static int with_names = -1, errors;

struct pat { char *s; size_t len; struct rx *re; };
static struct pat *pats;
static size_t npats;

static void add_patterns(const char *text) {
  const char *p = text;
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    pats = xrealloc(pats, sizeof *pats * (npats + 1));
    pats[npats].s = xmalloc(n + 1);
    memcpy(pats[npats].s, p, n);
    pats[npats].s[n] = 0, pats[npats].len = n, pats[npats].re = NULL;
    npats++;
    if (!nl) break;
    p = nl + 1;
  }
}

static void compile_patterns(void) {
  for (size_t i = 0; i < npats && !o_fixed; i++) {
    const char *err;
    int fl = (o_ext ? RX_EXTENDED : 0) | (o_icase ? RX_ICASE : 0);
    pats[i].re = rx_compile(pats[i].s, pats[i].len, fl, &err);
    if (!pats[i].re) die(2, "%s", err);
  }
}

static int fixed_match(const struct pat *p, const char *s, size_t n) {
  if (p->len > n) return 0;
  for (size_t i = 0; i + p->len <= n; i++) {
    size_t k = 0;
    if (o_icase)
      while (k < p->len && tolower((unsigned char)s[i + k]) == tolower((unsigned char)p->s[k])) k++;
    else
      while (k < p->len && s[i + k] == p->s[k]) k++;
    if (k == p->len) return 1;
  }
  return 0;
}

static int line_matches(const char *s, size_t n) {
  long m[2 * RX_NSUB];
  for (size_t i = 0; i < npats; i++) {
    if (o_fixed ? fixed_match(&pats[i], s, n) : rx_exec(pats[i].re, s, n, 0, m)) return 1;
  }
  return 0;
}

/* True if the first 32 KiB of a seekable stream hold a NUL byte (GNU's binary-file test). */
static int looks_binary(FILE *f) {
  char buf[32768];
  size_t n = fread(buf, 1, sizeof buf, f);
  if (fseek(f, 0, SEEK_SET) != 0) return -1;
  return memchr(buf, 0, n) != NULL;
}

/* Greps one open stream; returns the number of selected lines. */
static long grep_stream(FILE *f, const char *name) {
  char *buf = NULL;
  size_t cap = 0;
  long len, lineno = 0, count = 0;
  int binary = f == stdin ? 0 : looks_binary(f);
  if (binary < 0) binary = 0;
  while ((len = read_line(f, &buf, &cap)) >= 0) {
    lineno++;
    size_t n = (size_t)len;
    if (memchr(buf, 0, n)) binary = 1;
    if (n > 0 && buf[n - 1] == '\n') n--;
    if (line_matches(buf, n) == o_invert) continue;
    count++;
    if (o_quiet) exit(0);
    if (binary && !o_count && !o_list) { /* GNU: one notice instead of the lines */
      fflush(stdout);
      fprintf(stderr, "%s: %s: binary file matches\n", prog_name, name);
      break;
    }
    if (o_list) {
      printf("%s\n", name);
      break;
    }
    if (o_count) continue;
    if (with_names) printf("%s:", name);
    if (o_num) printf("%ld:", lineno);
    fwrite(buf, 1, n, stdout);
    putchar('\n');
  }
  free(buf);
  if (o_count) {
    if (with_names) printf("%s:", name);
    printf("%ld\n", count);
  }
  return count;
}

static long grep_path(const char *path, int top);

static long grep_dir(const char *path) {
  DIR *d = opendir(path);
  struct dirent *de;
  long total = 0;
  if (!d) {
    if (!o_silent) warn_errno(path);
    errors = 1;
    return 0;
  }
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    char *p = strcmp(path, ".") == 0 && o_rec == 2 ? xstrdup(de->d_name) : path_join(path, de->d_name);
    total += grep_path(p, 0);
    free(p);
  }
  closedir(d);
  return total;
}

static long grep_path(const char *path, int top) {
  struct stat st;
  if (strcmp(path, "-") == 0) return grep_stream(stdin, "(standard input)");
  if (o_rec && (top ? stat(path, &st) : lstat(path, &st)) == 0) {
    if (S_ISDIR(st.st_mode)) return grep_dir(path);
    if (!S_ISREG(st.st_mode) && !top) return 0;
  }
  if (!o_rec && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (!o_silent) warn_msg("%s: Is a directory", path);
    return 0;
  }
  FILE *f = fopen(path, "r");
  if (!f) {
    if (!o_silent) warn_errno(path);
    errors = 1;
    return 0;
  }
  long n = grep_stream(f, path);
  fclose(f);
  return n;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, have_e = 0;
  long total = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "EFGHce:hilnqrsv")) != -1) {
    switch (c) {
    case 'E': o_ext = 1, o_fixed = 0; break;
    case 'F': o_fixed = 1; break;
    case 'G': o_ext = 0, o_fixed = 0; break;
    case 'H': with_names = 1; break;
    case 'h': with_names = 0; break;
    case 'c': o_count = 1; break;
    case 'e': add_patterns(o.arg), have_e = 1; break;
    case 'i': o_icase = 1; break;
    case 'l': o_list = 1; break;
    case 'n': o_num = 1; break;
    case 'q': o_quiet = 1; break;
    case 'r': o_rec = 1; break;
    case 's': o_silent = 1; break;
    case 'v': o_invert = 1; break;
    default: return 2;
    }
  }
  int i = o.ind;
  if (!have_e) {
    if (i >= argc) die(2, "usage: grep [-EFGcHhilnqrsv] [-e PATTERN] PATTERN [FILE...]");
    add_patterns(argv[i++]);
  }
  compile_patterns();
  int nfiles = argc - i;
  if (with_names < 0) with_names = nfiles > 1 || o_rec;
  if (nfiles == 0) {
    if (o_rec) o_rec = 2, total = grep_path(".", 1);
    else total = grep_stream(stdin, "(standard input)");
  }
  for (; i < argc; i++) total += grep_path(argv[i], 1);
  fflush(stdout);
  return errors && !(o_quiet && total) ? 2 : total ? 0 : 1;
}
