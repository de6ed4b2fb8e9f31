/*
 * sort [-bnru] [-t C] [-k POS1[,POS2]]... [FILE...]: sort lines (C locale,
 * byte order).
 *   -n numeric (leading blanks, sign, digits, decimal point; others count 0)
 *   -b ignore leading blanks of keys
 *   -r reverse;  -u output only the first of lines whose keys compare equal
 *   -t C field separator (default: a field starts at a blank after non-blank)
 *   -k F[.C][OPTS][,F[.C][OPTS]] key from field F (char C) to the end of
 *      field F2 (char C2); OPTS among n r b apply to that key only
 * Lines with equal keys are ordered by the whole line (unless -u), as GNU.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct key { long f1, c1, f2, c2; int numeric, reverse, sblanks, eblanks, has_opts; };

static struct key *keys;
static int nkeys, o_num, o_rev, o_uniq, o_blank, sep = -1;

struct line { char *s; size_t n, idx; }; /* idx: input order, for a stable sort */

/* Parses F[.C][nrb]; 'b' skips blanks at this end of the key (*blanks). */
static void parse_pos(const char **pp, long *f, long *c, struct key *k, int *blanks) {
  char *end;
  *f = strtol(*pp, &end, 10);
  *c = 0;
  if (*end == '.') *c = strtol(end + 1, &end, 10);
  for (; *end && strchr("nrb", *end); end++) {
    k->has_opts = 1;
    if (*end == 'n') k->numeric = 1;
    else if (*end == 'r') k->reverse = 1;
    else *blanks = 1;
  }
  *pp = end;
}

static void add_key(const char *spec) {
  struct key k = {0, 0, 0, 0, 0, 0, 0, 0, 0};
  const char *p = spec;
  parse_pos(&p, &k.f1, &k.c1, &k, &k.sblanks);
  if (k.f1 < 1) die(2, "field number is zero: invalid field specification '%s'", spec);
  if (k.c1 == 0) k.c1 = 1;
  if (*p == ',') {
    p++;
    parse_pos(&p, &k.f2, &k.c2, &k, &k.eblanks);
    if (k.f2 < 1) die(2, "invalid number after ',': invalid count at start of '%s'", p);
  }
  if (*p) die(2, "invalid key specification '%s'", spec);
  keys = xrealloc(keys, sizeof *keys * (size_t)(nkeys + 1));
  keys[nkeys++] = k;
}

/* Offset of the start of field f (1-based) in line l. */
static size_t field_start(const struct line *l, long f) {
  size_t i = 0;
  for (long k = 1; k < f && i < l->n; k++) {
    if (sep >= 0) {
      while (i < l->n && l->s[i] != sep) i++;
      if (i < l->n) i++;
      else return l->n;
    } else {
      while (i < l->n && isblank((unsigned char)l->s[i])) i++;
      while (i < l->n && !isblank((unsigned char)l->s[i])) i++;
    }
  }
  return i;
}

static size_t field_end(const struct line *l, long f) {
  size_t i = field_start(l, f);
  if (sep >= 0) {
    while (i < l->n && l->s[i] != sep) i++;
  } else {
    while (i < l->n && isblank((unsigned char)l->s[i])) i++;
    while (i < l->n && !isblank((unsigned char)l->s[i])) i++;
  }
  return i;
}

static void key_span(const struct line *l, const struct key *k, size_t *b, size_t *e) {
  size_t s = field_start(l, k->f1);
  int sblanks = k->has_opts ? k->sblanks : o_blank, eblanks = k->has_opts ? k->eblanks : o_blank;
  if (sblanks)
    while (s < l->n && isblank((unsigned char)l->s[s])) s++;
  s += (size_t)(k->c1 - 1);
  if (s > l->n) s = l->n;
  size_t t = l->n;
  if (k->f2) {
    if (k->c2 == 0) t = field_end(l, k->f2);
    else {
      t = field_start(l, k->f2);
      if (eblanks)
        while (t < l->n && isblank((unsigned char)l->s[t])) t++;
      t += (size_t)k->c2;
      if (t > l->n) t = l->n;
    }
  }
  if (t < s) t = s;
  *b = s, *e = t;
}

/* Compares numbers at a[0..an) and b[0..bn) like sort -n (no exponent, no thousands). */
static int num_cmp(const char *a, size_t an, const char *b, size_t bn) {
  size_t i = 0, j = 0;
  while (i < an && isblank((unsigned char)a[i])) i++;
  while (j < bn && isblank((unsigned char)b[j])) j++;
  int na = i < an && a[i] == '-', nb = j < bn && b[j] == '-';
  i += (size_t)na, j += (size_t)nb;
  size_t ia = i, jb = j;
  while (ia < an && isdigit((unsigned char)a[ia])) ia++;
  while (jb < bn && isdigit((unsigned char)b[jb])) jb++;
  size_t fa = ia, fb = jb; /* fractions */
  if (fa < an && a[fa] == '.') for (fa++; fa < an && isdigit((unsigned char)a[fa]); fa++);
  if (fb < bn && b[fb] == '.') for (fb++; fb < bn && isdigit((unsigned char)b[fb]); fb++);
  while (i < ia && a[i] == '0') i++;
  while (j < jb && b[j] == '0') j++;
  int za = i == ia, zb = j == jb; /* integer part zero */
  for (size_t x = ia + 1; za && x < fa; x++) za = a[x] == '0';
  for (size_t x = jb + 1; zb && x < fb; x++) zb = b[x] == '0';
  if (za) na = 0;
  if (zb) nb = 0;
  if (na != nb) return na ? -1 : 1;
  int sign = na ? -1 : 1, r = 0;
  if (ia - i != jb - j) r = ia - i < jb - j ? -1 : 1;
  else {
    r = memcmp(a + i, b + j, ia - i);
    if (r == 0) { /* fractions */
      size_t x = ia < an && a[ia] == '.' ? ia + 1 : fa, y = jb < bn && b[jb] == '.' ? jb + 1 : fb;
      while (r == 0 && (x < fa || y < fb)) {
        int ca = x < fa ? a[x++] : '0', cb = y < fb ? b[y++] : '0';
        r = ca - cb;
      }
    }
  }
  return r < 0 ? -sign : r > 0 ? sign : 0;
}

static int str_cmp(const char *a, size_t an, const char *b, size_t bn) {
  int r = memcmp(a, b, an < bn ? an : bn);
  if (r) return r;
  return an < bn ? -1 : an > bn;
}

static int keys_cmp(const struct line *x, const struct line *y) {
  for (int i = 0; i < nkeys; i++) {
    const struct key *k = &keys[i];
    size_t xb, xe, yb, ye;
    key_span(x, k, &xb, &xe);
    key_span(y, k, &yb, &ye);
    int numeric = k->has_opts ? k->numeric : o_num;
    int rev = k->has_opts ? k->reverse : o_rev;
    int r = numeric ? num_cmp(x->s + xb, xe - xb, y->s + yb, ye - yb)
                    : str_cmp(x->s + xb, xe - xb, y->s + yb, ye - yb);
    if (r) return rev ? -r : r;
  }
  if (nkeys == 0) { /* the whole line is the key (after leading blanks with -b) */
    size_t i = 0, j = 0;
    while (o_blank && i < x->n && isblank((unsigned char)x->s[i])) i++;
    while (o_blank && j < y->n && isblank((unsigned char)y->s[j])) j++;
    int r = o_num ? num_cmp(x->s, x->n, y->s, y->n) : str_cmp(x->s + i, x->n - i, y->s + j, y->n - j);
    if (r) return o_rev ? -r : r;
  }
  return 0;
}

static int line_cmp(const void *a, const void *b) {
  const struct line *x = a, *y = b;
  int r = keys_cmp(x, y);
  if (!r && !o_uniq) {
    r = str_cmp(x->s, x->n, y->s, y->n); /* last resort: the whole line, bytewise */
    if (o_rev) r = -r;
  }
  if (r) return r;
  return (x->idx > y->idx) - (x->idx < y->idx); /* qsort need not be stable: keep input order */
}

static struct line *lines;
static size_t nlines, cap;

static int read_file(const char *name) {
  FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
  char *buf = NULL;
  size_t bcap = 0;
  long n;
  if (!f) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot read: %s", name);
    warn_errno(msg);
    return 1;
  }
  while ((n = read_line(f, &buf, &bcap)) >= 0) {
    if (n > 0 && buf[n - 1] == '\n') n--;
    if (nlines == cap) lines = xrealloc(lines, sizeof *lines * (cap = cap ? cap * 2 : 1024));
    lines[nlines].s = xmalloc((size_t)n + 1);
    memcpy(lines[nlines].s, buf, (size_t)n);
    lines[nlines].idx = nlines;
    lines[nlines++].n = (size_t)n;
  }
  free(buf);
  if (f != stdin) fclose(f);
  return 0;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "bnrut:k:")) != -1) {
    switch (c) {
    case 'b': o_blank = 1; break;
    case 'n': o_num = 1; break;
    case 'r': o_rev = 1; break;
    case 'u': o_uniq = 1; break;
    case 't':
      if (strlen(o.arg) != 1) die(2, "multi-character tab '%s'", o.arg);
      sep = (unsigned char)o.arg[0];
      break;
    case 'k': add_key(o.arg); break;
    default: return 2;
    }
  }
  if (o.ind >= argc && read_file("-")) return 2;
  for (int i = o.ind; i < argc; i++)
    if (read_file(argv[i])) return 2;
  qsort(lines, nlines, sizeof *lines, line_cmp);
  for (size_t i = 0; i < nlines; i++) {
    if (o_uniq && i > 0 && keys_cmp(&lines[i - 1], &lines[i]) == 0) continue;
    fwrite(lines[i].s, 1, lines[i].n, stdout);
    putchar('\n');
  }
  return 0;
}
