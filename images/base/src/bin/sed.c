/*
 * sed [-nEr] [-i] [-e SCRIPT]... [SCRIPT] [FILE...]: stream editor.
 *   -n  no automatic printing;  -e  add a script;  -E/-r  extended regexps;
 *   -i  edit files in place (each file separately: line numbers and $ restart)
 * Commands (separated by ';' or newlines, each optionally negated with '!'):
 *   s/RE/REPL/FLAGS  substitute; REPL may use & \1..\9 \n \\; FLAGS: g, p,
 *                    a number N (replace the Nth match), I (ignore case)
 *   y/SRC/DST/  transliterate;  d  delete;  p  print;  =  line number
 *   P D  print / delete the first line of the pattern space (D restarts)
 *   q [CODE]  print (unless -n) and quit;  { ... }  group commands
 *   a TEXT, i TEXT, c TEXT  append / insert / change (also "a\" + newline)
 *   n N  next line (print first / append);  h H g G x  hold space
 *   : LABEL, b [LABEL], t [LABEL]  labels, branch, branch if substituted
 * Addresses: N, $, /RE/ (or \cREc), and ranges A1,A2 (A2 a line number not
 * after A1's line ends the range at once). An empty // reuses the last RE.
 * Exit: 0, 1 on a bad script, 2 when an input file is missing, or q's CODE.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "regex.h"
#include "util.h"

enum atype { A_NONE, A_LINE, A_LAST, A_RE };
struct addr { int type; long line; struct rx *re; };

struct cmd {
  struct addr a1, a2;
  int neg, in_range;
  char name;
  struct rx *re;
  char *repl;
  int global, print, nth, code;
  char *text;          /* a i c text, : b t label */
  int jump;            /* { : index after the matching }; b t: target index */
  unsigned char *ymap; /* y: 256-byte table */
};

static struct cmd *cmds;
static int ncmds, o_quiet, o_ext, o_inplace;
static struct rx *last_re;
static long lineno;
static int is_last, quit_code = -1;
static FILE *out;

static const char *script_start, *cur; /* for GNU-style "char N" error positions */

/* Reports a script error at the character just consumed ("char N", 1-based). */
static _Noreturn void bad(const char *msg) {
  die(1, "-e expression #1, char %ld: %s", (long)(cur - script_start), msg);
}

/* Reads a delimited part of s/// or /re/ into a new string (handles \delim and \n). */
static char *delimited(const char **pp, char delim, int is_re) {
  const char *p = *pp;
  size_t n = 0;
  char *buf = xmalloc(strlen(p) + 1);
  for (;; p++) {
    if (!*p) cur = p, bad(is_re == 2 ? "unterminated address regex" : "unterminated `s' command");
    if (*p == delim) break;
    if (*p == '\\' && p[1]) {
      if (p[1] == delim) buf[n++] = delim, p++;
      else if (p[1] == 'n' && is_re) buf[n++] = '\n', p++;
      else buf[n++] = *p++, buf[n++] = *p;
      continue;
    }
    if (*p == '[' && is_re) { /* copy a bracket expression whole: the delimiter is literal there */
      const char *q = p + 1;
      if (*q == '^') q++;
      if (*q == ']') q++;
      while (*q && *q != ']') q++;
      if (*q) {
        memcpy(buf + n, p, (size_t)(q - p)), n += (size_t)(q - p), p = q;
      }
    }
    buf[n++] = *p;
  }
  buf[n] = 0;
  *pp = p + 1;
  return buf;
}

static struct rx *compile_re(const char *pat, int icase) {
  const char *err;
  if (!*pat) {
    if (!last_re) bad("no previous regular expression");
    return last_re;
  }
  struct rx *re = rx_compile(pat, strlen(pat), (o_ext ? RX_EXTENDED : 0) | (icase ? RX_ICASE : 0), &err);
  if (!re) bad(err);
  last_re = re;
  return re;
}

static int parse_addr(const char **pp, struct addr *a) {
  const char *p = *pp;
  if (*p >= '0' && *p <= '9') {
    a->type = A_LINE, a->line = strtol(p, (char **)&p, 10);
  } else if (*p == '$') {
    a->type = A_LAST, p++;
  } else if (*p == '/' || *p == '\\') {
    char delim = *p == '\\' ? *++p : '/';
    p++;
    char *re = delimited(&p, delim, 2);
    cur = p;
    a->type = A_RE, a->re = compile_re(re, 0);
    free(re);
  } else {
    return 0;
  }
  *pp = p;
  return 1;
}

static const char *skip_space(const char *p) {
  while (*p == ' ' || *p == '\t') p++;
  return p;
}

static const char *parse_s(const char *p, struct cmd *c) {
  char delim = *p++;
  if (!delim || delim == '\n' || delim == '\\') bad("unterminated `s' command");
  char *re = delimited(&p, delim, 1);
  c->repl = delimited(&p, delim, 0);
  int icase = 0;
  for (;; p++) {
    if (*p == 'g') c->global = 1;
    else if (*p == 'p') c->print = 1;
    else if (*p == 'I' || *p == 'i') icase = 1;
    else if (*p >= '0' && *p <= '9') c->nth = (int)strtol(p, (char **)&p, 10), p--;
    else break;
  }
  cur = p + (*p && *p != ';' && *p != '\n' && *p != ' ' && *p != '}');
  if (cur > p) bad("unknown option to `s'");
  c->re = compile_re(re, icase);
  free(re);
  for (const char *r = c->repl; *r; r++) {
    if (*r == '\\' && r[1] >= '1' && r[1] <= '9' && r[1] - '0' > rx_groups(c->re)) {
      char msg[64];
      snprintf(msg, sizeof msg, "invalid reference \\%c on `s' command's RHS", r[1]);
      bad(msg);
    }
    if (*r == '\\' && r[1]) r++;
  }
  return p;
}

static int blocks[64], nblocks; /* indexes of open '{' commands */

/* Reads a/i/c text: "a text" or "a\\<newline>text"; backslashes escape the next character. */
static const char *parse_text(const char *p, char **text) {
  p = skip_space(p);
  if (*p == '\\' && p[1] == '\n') p += 2;
  else if (*p == '\\') p++;
  char *t = xmalloc(strlen(p) + 1);
  size_t n = 0;
  for (; *p && *p != '\n'; p++) {
    if (*p == '\\' && p[1]) p++;
    t[n++] = *p;
  }
  t[n] = 0;
  *text = t;
  return p;
}

/* Reads a label up to ';', a newline or the end (spaces around it are dropped). */
static const char *parse_label(const char *p, char **label) {
  p = skip_space(p);
  const char *b = p;
  while (*p && *p != ';' && *p != '\n') p++;
  const char *e = p;
  while (e > b && (e[-1] == ' ' || e[-1] == '\t')) e--;
  *label = xmalloc((size_t)(e - b) + 1);
  memcpy(*label, b, (size_t)(e - b));
  (*label)[e - b] = 0;
  return p;
}

/* y/SRC/DST/: both strings (with \\n, \\\\ and \\delim) must have equal lengths. */
static const char *parse_y(const char *p, struct cmd *c) {
  char delim = *p++;
  if (!delim || delim == '\n' || delim == '\\') bad("unterminated `y' command");
  char *a = delimited(&p, delim, 0), *b = delimited(&p, delim, 0);
  char *src[2] = {a, b};
  for (int k = 0; k < 2; k++) { /* resolve escapes left by delimited() */
    char *r = src[k], *w = src[k];
    for (; *r; r++) {
      if (*r == '\\' && r[1]) r++, *w++ = *r == 'n' ? '\n' : *r;
      else *w++ = *r;
    }
    *w = 0;
  }
  cur = p;
  if (strlen(a) != strlen(b)) bad("strings for `y' command are different lengths");
  c->ymap = xmalloc(256);
  for (int i = 0; i < 256; i++) c->ymap[i] = (unsigned char)i;
  for (size_t i = 0; a[i]; i++) c->ymap[(unsigned char)a[i]] = (unsigned char)b[i];
  free(a), free(b);
  return p;
}

static void parse_script(const char *p) {
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ';') p++;
    if (!*p) return;
    cmds = xrealloc(cmds, sizeof *cmds * (size_t)(ncmds + 1));
    struct cmd *c = &cmds[ncmds++];
    memset(c, 0, sizeof *c);
    c->code = 0;
    if (parse_addr(&p, &c->a1) && *p == ',') {
      p++;
      if (!parse_addr(&p, &c->a2)) cur = p + (*p != 0), bad("unexpected `,'");
    }
    p = skip_space(p);
    while (*p == '!') c->neg = 1, p = skip_space(p + 1);
    c->name = *p ? *p++ : 0;
    cur = p;
    switch (c->name) {
    case 's': p = parse_s(p, c); break;
    case 'y': p = parse_y(p, c); break;
    case 'd': case 'D': case 'p': case 'P': case '=': case 'n': case 'N':
    case 'h': case 'H': case 'g': case 'G': case 'x': break;
    case '{': blocks[nblocks++] = ncmds - 1; break;
    case '}':
      if (nblocks == 0) cur = p, bad("unexpected `}'");
      cmds[blocks[--nblocks]].jump = ncmds;
      break;
    case 'a': case 'i': case 'c': p = parse_text(p, &c->text); break;
    case ':':
      if (c->a1.type != A_NONE) bad(": doesn't want any addresses");
      p = parse_label(p, &c->text);
      if (!*c->text) bad("\":\" lacks a label");
      break;
    case 'b': case 't': p = parse_label(p, &c->text); break;
    case 'q':
      p = skip_space(p);
      if (*p >= '0' && *p <= '9') c->code = (int)strtol(p, (char **)&p, 10);
      break;
    case 0: bad("missing command");
    default: {
      char msg[64];
      snprintf(msg, sizeof msg, "unknown command: `%c'", c->name);
      bad(msg);
    }
    }
    if (c->name == '{') continue; /* a command may follow at once: "{p;d}" */
    p = skip_space(p);
    cur = p + 1;
    if (*p && *p != ';' && *p != '\n' && *p != '}') bad("extra characters after command");
    if (nblocks > (int)(sizeof blocks / sizeof blocks[0]) - 1) bad("too many nested blocks");
  }
}

/* Resolves b/t labels and checks blocks once the whole script is parsed. */
static void link_script(void) {
  if (nblocks) {
    cur = script_start + strlen(script_start);
    bad("unmatched `{'");
  }
  for (int i = 0; i < ncmds; i++) {
    struct cmd *c = &cmds[i];
    if (c->name != 'b' && c->name != 't') continue;
    c->jump = ncmds;
    if (!*c->text) continue;
    int k = 0;
    while (k < ncmds && !(cmds[k].name == ':' && strcmp(cmds[k].text, c->text) == 0)) k++;
    /* GNU sed reports a missing label as a fatal error (status 4), without a position. */
    if (k == ncmds) die(4, "can't find label for jump to `%s'", c->text);
    c->jump = k;
  }
}

static int addr_hit(struct addr *a, const char *s, size_t n) {
  long m[2 * RX_NSUB];
  switch (a->type) {
  case A_LINE: return lineno == a->line;
  case A_LAST: return is_last;
  case A_RE: return rx_exec(a->re, s, n, 0, m);
  }
  return 0;
}

static int selected(struct cmd *c, const char *s, size_t n) {
  int hit;
  if (c->a1.type == A_NONE) hit = 1;
  else if (c->a2.type == A_NONE) hit = addr_hit(&c->a1, s, n);
  else if (c->in_range) {
    hit = 1;
    if (c->a2.type == A_LINE ? lineno >= c->a2.line : addr_hit(&c->a2, s, n)) c->in_range = 0;
  } else if ((hit = addr_hit(&c->a1, s, n)) != 0) {
    c->in_range = !(c->a2.type == A_LINE && c->a2.line <= lineno) && !(c->a2.type == A_LAST && is_last);
  }
  return hit != c->neg;
}

struct buf { char *s; size_t n, cap; };

static void put(struct buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->s = xrealloc(b->s, b->cap);
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

static void put_repl(struct buf *b, const char *r, const char *s, const long *m) {
  for (; *r; r++) {
    if (*r == '&') put(b, s + m[0], (size_t)(m[1] - m[0]));
    else if (*r == '\\' && r[1] >= '0' && r[1] <= '9') {
      int g = *++r - '0';
      if (m[2 * g] >= 0) put(b, s + m[2 * g], (size_t)(m[2 * g + 1] - m[2 * g]));
    } else if (*r == '\\' && r[1] == 'n') put(b, "\n", 1), r++;
    else if (*r == '\\' && r[1]) put(b, ++r, 1);
    else put(b, r, 1);
  }
}

/* Applies s to the pattern space; returns 1 if a substitution was made. */
static int substitute(struct cmd *c, struct buf *ps) {
  struct buf o = {0};
  long m[2 * RX_NSUB], start = 0, copied = 0, prev_end = -1;
  int count = 0, did = 0, nth = c->nth ? c->nth : 1;
  while (start <= (long)ps->n && rx_exec(c->re, ps->s, ps->n, (size_t)start, m)) {
    if (m[0] == m[1] && m[0] == prev_end) { /* no empty match right after a match */
      if (m[0] >= (long)ps->n) break;
      start = m[0] + 1;
      continue;
    }
    if (++count >= nth) {
      put(&o, ps->s + copied, (size_t)(m[0] - copied));
      put_repl(&o, c->repl, ps->s, m);
      copied = m[1], did = 1;
      if (!c->global) break;
    }
    prev_end = m[1];
    if (m[1] == m[0]) {
      if (m[0] >= (long)ps->n) break;
      start = m[0] + 1;
    } else {
      start = m[1];
    }
  }
  if (!did) {
    free(o.s);
    return 0;
  }
  put(&o, ps->s + copied, ps->n - (size_t)copied);
  free(ps->s);
  *ps = o;
  return 1;
}

static int missing_newline; /* the last output line had no newline (GNU adds one before more) */

static void emit(struct buf *ps, int newline) {
  if (missing_newline) putc('\n', out);
  fwrite(ps->s, 1, ps->n, out);
  if (newline) putc('\n', out);
  missing_newline = !newline;
}

struct input { char **files; int nfiles, idx; FILE *cur; };

static FILE *next_file(struct input *in, int *status) {
  while (in->idx < in->nfiles) {
    const char *name = in->files[in->idx++];
    if (strcmp(name, "-") == 0) return stdin;
    FILE *f = fopen(name, "r");
    if (f) return f;
    warn_msg("can't read %s: %s", name, strerror(errno));
    *status = 2;
  }
  return NULL;
}

/* Reads the next line across files; returns its length or -1. */
static long next_line(struct input *in, char **buf, size_t *cap, int *status) {
  for (;;) {
    if (!in->cur && !(in->cur = next_file(in, status))) return -1;
    long n = read_line(in->cur, buf, cap);
    if (n >= 0) return n;
    if (in->cur != stdin) fclose(in->cur);
    in->cur = NULL;
  }
}

/* The input with one line of look-ahead (to know when a line is the last). */
static struct {
  struct input *in;
  char *cur, *nxt;
  size_t ccap, ncap;
  long n, nn;
  int status;
} rd;

/* Moves to the next line; returns 0 at the end of input. */
static int advance(void) {
  char *t = rd.cur;
  size_t tc = rd.ccap;
  rd.cur = rd.nxt, rd.ccap = rd.ncap, rd.n = rd.nn;
  rd.nxt = t, rd.ncap = tc;
  if (rd.n < 0) return 0;
  rd.nn = next_line(rd.in, &rd.nxt, &rd.ncap, &rd.status);
  lineno++;
  is_last = rd.nn < 0;
  return 1;
}

static struct buf hold, appended; /* hold space; 'a' text waiting for the end of the cycle */
static int substituted;           /* for t: a substitution since the last line was read */

static void text_out(const char *t) {
  if (missing_newline) putc('\n', out), missing_newline = 0;
  fputs(t, out);
  putc('\n', out);
}

static void flush_appended(void) {
  if (appended.n) {
    if (missing_newline) putc('\n', out), missing_newline = 0;
    fwrite(appended.s, 1, appended.n, out);
    appended.n = 0;
  }
}

/* The current input line (without its newline) as the pattern space; returns its newline flag. */
static int load_line(struct buf *ps, int append) {
  int newline = rd.n > 0 && rd.cur[rd.n - 1] == '\n';
  if (append) put(ps, "\n", 1);
  else ps->n = 0;
  put(ps, rd.cur, (size_t)(newline ? rd.n - 1 : rd.n));
  if (!ps->s) put(ps, "", 0);
  return newline;
}

static void swap_bufs(struct buf *a, struct buf *b) {
  struct buf t = *a;
  *a = *b, *b = t;
}

enum { CYCLE_END, CYCLE_DELETE, CYCLE_QUIT, CYCLE_QUIET_QUIT, CYCLE_RESTART };

/* Runs the script over the pattern space; returns how the cycle ends. */
static int run_script(struct buf *ps, int *newline) {
  for (int i = 0; i < ncmds;) {
    struct cmd *c = &cmds[i];
    if (c->name == ':' || c->name == '}') {
      i++;
      continue;
    }
    if (!selected(c, ps->s, ps->n)) {
      i = c->name == '{' ? c->jump : i + 1;
      continue;
    }
    i++;
    switch (c->name) {
    case 'd': return CYCLE_DELETE;
    case 'p': emit(ps, *newline); break;
    case 'P': {
      char *nl = memchr(ps->s, '\n', ps->n);
      struct buf first = {ps->s, nl ? (size_t)(nl - ps->s) : ps->n, 0};
      emit(&first, nl ? 1 : *newline);
      break;
    }
    case 'D': {
      char *nl = memchr(ps->s, '\n', ps->n);
      if (!nl) return CYCLE_DELETE;
      size_t k = (size_t)(nl - ps->s) + 1;
      memmove(ps->s, ps->s + k, ps->n - k);
      ps->n -= k;
      return CYCLE_RESTART;
    }
    case '=':
      if (missing_newline) putc('\n', out), missing_newline = 0;
      fprintf(out, "%ld\n", lineno);
      break;
    case 's':
      if (substitute(c, ps)) {
        substituted = 1;
        if (c->print) emit(ps, *newline);
      }
      break;
    case 'y':
      for (size_t k = 0; k < ps->n; k++) ps->s[k] = (char)c->ymap[(unsigned char)ps->s[k]];
      break;
    case 'q':
      quit_code = c->code;
      return CYCLE_QUIT;
    case 'a': put(&appended, c->text, strlen(c->text)), put(&appended, "\n", 1); break;
    case 'i': text_out(c->text); break;
    case 'c':
      if (c->neg || c->a2.type == A_NONE || !c->in_range) text_out(c->text);
      return CYCLE_DELETE;
    case 'n':
    case 'N':
      if (rd.nn < 0) return c->name == 'N' || !o_quiet ? CYCLE_QUIT : CYCLE_QUIET_QUIT;
      if (c->name == 'n' && !o_quiet) emit(ps, *newline);
      flush_appended();
      advance();
      *newline = load_line(ps, c->name == 'N');
      break;
    case 'h': hold.n = 0, put(&hold, ps->s, ps->n); break;
    case 'H': put(&hold, "\n", 1), put(&hold, ps->s, ps->n); break;
    case 'g': ps->n = 0, put(ps, hold.s ? hold.s : "", hold.n); break;
    case 'G': put(ps, "\n", 1), put(ps, hold.s ? hold.s : "", hold.n); break;
    case 'x':
      if (!hold.s) put(&hold, "", 0);
      swap_bufs(ps, &hold);
      break;
    case 'b': i = c->jump; break;
    case 't':
      if (substituted) substituted = 0, i = c->jump;
      break;
    }
  }
  return CYCLE_END;
}

static int process(struct input *in) {
  struct buf ps = {0};
  rd.in = in, rd.status = 0;
  rd.n = -1;
  rd.nn = next_line(in, &rd.nxt, &rd.ncap, &rd.status);
  while (advance()) {
    int newline = load_line(&ps, 0), how;
    substituted = 0;
    while ((how = run_script(&ps, &newline)) == CYCLE_RESTART) flush_appended(); /* D */
    if (how == CYCLE_END || how == CYCLE_QUIT) {
      if (!o_quiet) emit(&ps, newline);
    }
    flush_appended();
    if (how == CYCLE_QUIT || how == CYCLE_QUIET_QUIT) break;
  }
  free(ps.s);
  free(rd.cur), free(rd.nxt);
  rd.cur = rd.nxt = NULL, rd.ccap = rd.ncap = 0;
  return rd.status;
}

static int edit_in_place(const char *name) {
  char tmp[4200];
  struct input in = {0};
  char *files[1];
  files[0] = (char *)name;
  in.files = files, in.nfiles = 1;
  FILE *f = fopen(name, "r");
  if (!f) {
    warn_msg("can't read %s: %s", name, strerror(errno));
    return 2;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0) st.st_mode = 0644;
  fclose(f);
  snprintf(tmp, sizeof tmp, "%s.sedXXXXXX", name);
  int fd = mkstemp(tmp);
  if (fd < 0 || !(out = fdopen(fd, "w"))) {
    warn_errno(tmp);
    return 4;
  }
  fchmod(fd, st.st_mode & 07777);
  lineno = 0, missing_newline = 0;
  for (int i = 0; i < ncmds; i++) cmds[i].in_range = 0;
  int status = process(&in);
  fclose(out);
  if (rename(tmp, name) != 0) {
    warn_errno(name);
    unlink(tmp);
    return 4;
  }
  return status;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, have_e = 0, status = 0;
  struct buf script = {0};
  set_prog(argv[0]);
  out = stdout;
  while ((c = opt_next(&o, argc, argv, "nEre:i")) != -1) {
    switch (c) {
    case 'n': o_quiet = 1; break;
    case 'E': case 'r': o_ext = 1; break;
    case 'i': o_inplace = 1; break;
    case 'e':
      if (have_e) put(&script, "\n", 1);
      put(&script, o.arg, strlen(o.arg)), have_e = 1;
      break;
    default: return 1;
    }
  }
  int i = o.ind;
  if (!have_e) {
    if (i >= argc) die(1, "usage: sed [-nEr] [-i] [-e SCRIPT]... [SCRIPT] [FILE...]");
    put(&script, argv[i], strlen(argv[i])), i++;
  }
  script_start = cur = script.s;
  parse_script(script.s);
  link_script();
  if (o_inplace) {
    if (i >= argc) die(1, "no input files");
    for (; i < argc && quit_code < 0; i++) status |= edit_in_place(argv[i]);
  } else {
    char *dash[] = {"-"};
    struct input in = {0};
    in.files = i < argc ? argv + i : dash, in.nfiles = i < argc ? argc - i : 1;
    status = process(&in);
  }
  fflush(stdout);
  return quit_code > 0 ? quit_code : status;
}
