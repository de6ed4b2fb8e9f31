/*
 * diff [-u | -U N] FILE1 FILE2: compare text files line by line ("-" is
 * standard input). Default output is the normal format ("2c2", "< old",
 * "---", "> new"); -u is the unified format with 3 lines of context
 * (-U N: N lines) and "--- name<TAB>mtime" headers.
 * The edit script is GNU diff's: identical ends stripped (keeping as many
 * lines as the context, GNU's "horizon"), confusing
 * (unmatched / very frequent) lines discarded, Myers' bidirectional
 * middle-snake search (compareseq/diag), then change boundaries shifted to
 * merge runs (shift_boundaries), so hunks come out as GNU's do.
 * Exit 0 same, 1 different, 2 trouble.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util.h"

struct file {
  const char *name;
  char **line;   /* line text without '\n' */
  long *len;     /* line length */
  long n;        /* number of lines */
  int no_eol;    /* last line has no newline */
  long *eq;      /* equivalence class per line */
  char *changed; /* changed[-1..n] (index -1 and n are sentinels) */
  struct stat st;
};

static struct file F[2];

static int load(struct file *f, const char *name) {
  FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
  char *buf = NULL;
  size_t cap = 0;
  long n, alloc = 0;
  f->name = name;
  if (!in || fstat(fileno(in), &f->st) != 0) {
    warn_errno(name);
    return -1;
  }
  while ((n = read_line(in, &buf, &cap)) >= 0) {
    if (f->n == alloc) {
      alloc = alloc ? alloc * 2 : 256;
      f->line = xrealloc(f->line, sizeof *f->line * (size_t)alloc);
      f->len = xrealloc(f->len, sizeof *f->len * (size_t)alloc);
    }
    f->no_eol = buf[n - 1] != '\n';
    if (!f->no_eol) n--;
    f->line[f->n] = xmalloc((size_t)n + 1);
    memcpy(f->line[f->n], buf, (size_t)n + 1);
    f->len[f->n++] = n;
  }
  free(buf);
  if (in != stdin) fclose(in);
  return 0;
}

/* ---- equivalence classes (hash table over both files) ---- */

static void classify(void) {
  size_t size = 1;
  long total = F[0].n + F[1].n, next = 1;
  while (size < (size_t)total * 2 + 16) size <<= 1;
  long *table = xmalloc(sizeof *table * size); /* holds class id; -1 empty */
  const char **rep = xmalloc(sizeof *rep * ((size_t)total + 2));
  long *replen = xmalloc(sizeof *replen * ((size_t)total + 2));
  char *repnl = xmalloc((size_t)total + 2); /* a last line without newline is its own class */
  for (size_t i = 0; i < size; i++) table[i] = -1;
  for (int f = 0; f < 2; f++) {
    F[f].eq = xmalloc(sizeof *F[f].eq * ((size_t)F[f].n + 1));
    for (long i = 0; i < F[f].n; i++) {
      char nl = i == F[f].n - 1 && F[f].no_eol;
      unsigned long h = 5381u + (unsigned long)nl;
      for (long k = 0; k < F[f].len[i]; k++) h = h * 33 + (unsigned char)F[f].line[i][k];
      size_t s = h & (size - 1);
      for (;; s = (s + 1) & (size - 1)) {
        long c = table[s];
        if (c < 0) {
          table[s] = next, rep[next] = F[f].line[i], replen[next] = F[f].len[i], repnl[next] = nl;
          F[f].eq[i] = next++;
          break;
        }
        if (replen[c] == F[f].len[i] && repnl[c] == nl && memcmp(rep[c], F[f].line[i], (size_t)F[f].len[i]) == 0) {
          F[f].eq[i] = c;
          break;
        }
      }
    }
  }
  free(table), free(rep), free(replen), free(repnl);
}

/* ---- GNU analyze.c: discard_confusing_lines, compareseq, diag, shift_boundaries ---- */

static long *xv, *yv;        /* equivalence classes of the undiscarded lines */
static long *xidx, *yidx;    /* their real line indexes */
static long *fdiag, *bdiag;

static void diag(long xoff, long xlim, long yoff, long ylim, long *xmid, long *ymid) {
  long *fd = fdiag, *bd = bdiag;
  long dmin = xoff - ylim, dmax = xlim - yoff, fmid = xoff - yoff, bmid = xlim - ylim;
  long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
  int odd = (fmid - bmid) & 1;
  fd[fmid] = xoff;
  bd[bmid] = xlim;
  for (;;) {
    long d;
    if (fmin > dmin) fd[--fmin - 1] = -1;
    else ++fmin;
    if (fmax < dmax) fd[++fmax + 1] = -1;
    else --fmax;
    for (d = fmax; d >= fmin; d -= 2) {
      long x, y, tlo = fd[d - 1], thi = fd[d + 1];
      long x0 = tlo < thi ? thi : tlo + 1;
      for (x = x0, y = x0 - d; x < xlim && y < ylim && xv[x] == yv[y]; x++, y++) {}
      if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
        *xmid = x, *ymid = y;
        return;
      }
      fd[d] = x;
    }
    if (bmin > dmin) bd[--bmin - 1] = 0x7fffffffL;
    else ++bmin;
    if (bmax < dmax) bd[++bmax + 1] = 0x7fffffffL;
    else --bmax;
    for (d = bmax; d >= bmin; d -= 2) {
      long x, y, tlo = bd[d - 1], thi = bd[d + 1];
      long x0 = tlo < thi ? tlo : thi - 1;
      for (x = x0, y = x0 - d; xoff < x && yoff < y && xv[x - 1] == yv[y - 1]; x--, y--) {}
      if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
        *xmid = x, *ymid = y;
        return;
      }
      bd[d] = x;
    }
  }
}

static void compareseq(long xoff, long xlim, long yoff, long ylim) {
  while (xoff < xlim && yoff < ylim && xv[xoff] == yv[yoff]) xoff++, yoff++;
  while (xoff < xlim && yoff < ylim && xv[xlim - 1] == yv[ylim - 1]) xlim--, ylim--;
  if (xoff == xlim) {
    while (yoff < ylim) F[1].changed[yidx[yoff++]] = 1;
  } else if (yoff == ylim) {
    while (xoff < xlim) F[0].changed[xidx[xoff++]] = 1;
  } else {
    long xmid, ymid;
    diag(xoff, xlim, yoff, ylim, &xmid, &ymid);
    compareseq(xoff, xmid, yoff, ymid);
    compareseq(xmid, xlim, ymid, ylim);
  }
}

/* Marks lines that cannot or should not be matched; returns flags per line (0 keep). */
static char *discards_for(int f, long lo, long hi, const long *count_other) {
  long end = hi - lo, many = 5, tem = end / 64;
  char *d = calloc((size_t)end + 1, 1);
  while ((tem = tem >> 2) > 0) many *= 2;
  for (long i = 0; i < end; i++) {
    long nmatch = count_other[F[f].eq[lo + i]];
    d[i] = nmatch == 0 ? 1 : nmatch > many ? 2 : 0;
  }
  for (long i = 0; i < end; i++) {
    if (d[i] == 2) {
      d[i] = 0;
      continue;
    }
    if (d[i] == 0) continue;
    long j, length, provisional = 0;
    for (j = i; j < end && d[j]; j++)
      if (d[j] == 2) provisional++;
    while (j > i && d[j - 1] == 2) d[--j] = 0, provisional--;
    length = j - i;
    if (provisional * 4 > length) {
      while (j > i)
        if (d[--j] == 2) d[j] = 0;
    } else {
      long consec, minimum = 1, t = length >> 2;
      while (0 < (t >>= 2)) minimum <<= 1;
      minimum++;
      for (j = 0, consec = 0; j < length; j++) {
        if (d[i + j] != 2) consec = 0;
        else if (minimum == ++consec) j -= consec;
        else if (minimum < consec) d[i + j] = 0;
      }
      for (j = 0, consec = 0; j < length; j++) {
        if (j >= 8 && d[i + j] == 1) break;
        if (d[i + j] == 2) consec = 0, d[i + j] = 0;
        else if (d[i + j] == 0) consec = 0;
        else consec++;
        if (consec == 3) break;
      }
      i += length - 1;
      for (j = 0, consec = 0; j < length; j++) {
        if (j >= 8 && d[i - j] == 1) break;
        if (d[i - j] == 2) consec = 0, d[i - j] = 0;
        else if (d[i - j] == 0) consec = 0;
        else consec++;
        if (consec == 3) break;
      }
    }
  }
  return d;
}

/* Slides runs of changes within the analysed lines [lo, hi) of each file. */
static void shift_boundaries(const long *lo, const long *hi) {
  for (int f = 0; f < 2; f++) {
    char *changed = F[f].changed, *other = F[1 - f].changed;
    const long *eq = F[f].eq;
    long i = lo[f], j = lo[1 - f], i_end = hi[f];
    for (;;) {
      long runlength, start, corresponding;
      while (i < i_end && !changed[i]) {
        while (other[j++]) {}
        i++;
      }
      if (i == i_end) break;
      start = i;
      while (changed[++i]) {}
      while (other[j]) j++;
      do {
        runlength = i - start;
        while (start > lo[f] && eq[start - 1] == eq[i - 1]) {
          changed[--start] = 1;
          changed[--i] = 0;
          while (changed[start - 1]) start--;
          while (other[--j]) {}
        }
        corresponding = other[j - 1] ? i : i_end;
        while (i != i_end && eq[start] == eq[i]) {
          changed[start++] = 0;
          changed[i++] = 1;
          while (changed[i]) i++;
          while (other[++j]) corresponding = i;
        }
      } while (runlength != i - start);
      while (corresponding < i) {
        changed[--start] = 1;
        changed[--i] = 0;
        while (other[--j]) {}
      }
    }
  }
}

static void analyze(long horizon) {
  long pre = 0, suf = 0;
  for (int f = 0; f < 2; f++) F[f].changed = (char *)calloc((size_t)F[f].n + 2, 1) + 1;
  while (pre < F[0].n && pre < F[1].n && F[0].eq[pre] == F[1].eq[pre]) pre++;
  while (suf < F[0].n - pre && suf < F[1].n - pre && F[0].eq[F[0].n - 1 - suf] == F[1].eq[F[1].n - 1 - suf]) suf++;
  /* like GNU, keep up to `horizon` identical lines at each end inside the analysis */
  long kp = pre < horizon ? pre : horizon, ks = suf < horizon ? suf : horizon;
  long lo[2] = {pre - kp, pre - kp}, hi[2] = {F[0].n - suf + ks, F[1].n - suf + ks};
  long classes = F[0].n + F[1].n + 2;
  long *count[2];
  for (int f = 0; f < 2; f++) {
    count[f] = calloc((size_t)classes, sizeof **count);
    for (long i = lo[f]; i < hi[f]; i++) count[f][F[f].eq[i]]++;
  }
  char *disc[2] = {discards_for(0, lo[0], hi[0], count[1]), discards_for(1, lo[1], hi[1], count[0])};
  long nx = 0, ny = 0;
  xv = xmalloc(sizeof *xv * (size_t)(hi[0] - lo[0] + 1)), xidx = xmalloc(sizeof *xidx * (size_t)(hi[0] - lo[0] + 1));
  yv = xmalloc(sizeof *yv * (size_t)(hi[1] - lo[1] + 1)), yidx = xmalloc(sizeof *yidx * (size_t)(hi[1] - lo[1] + 1));
  for (long i = lo[0]; i < hi[0]; i++) {
    if (disc[0][i - lo[0]]) F[0].changed[i] = 1;
    else xv[nx] = F[0].eq[i], xidx[nx++] = i;
  }
  for (long i = lo[1]; i < hi[1]; i++) {
    if (disc[1][i - lo[1]]) F[1].changed[i] = 1;
    else yv[ny] = F[1].eq[i], yidx[ny++] = i;
  }
  long diags = nx + ny + 3;
  fdiag = (long *)xmalloc(sizeof *fdiag * (size_t)diags * 2) + ny + 1;
  bdiag = fdiag + diags;
  compareseq(0, nx, 0, ny);
  shift_boundaries(lo, hi);
}

/* ---- output ---- */

struct hunk { long a0, a1, b0, b1; }; /* changed ranges [a0,a1) and [b0,b1) */

static struct hunk *hunks;
static long nhunks;

static void collect(void) {
  long i = 0, j = 0;
  while (i < F[0].n || j < F[1].n) {
    if ((i < F[0].n && F[0].changed[i]) || (j < F[1].n && F[1].changed[j])) {
      struct hunk h = {i, i, j, j};
      while (i < F[0].n && F[0].changed[i]) i++;
      while (j < F[1].n && F[1].changed[j]) j++;
      h.a1 = i, h.b1 = j;
      hunks = xrealloc(hunks, sizeof *hunks * (size_t)(nhunks + 1));
      hunks[nhunks++] = h;
    } else {
      i++, j++;
    }
  }
}

static void put_line(char mark, const struct file *f, long i) {
  if (mark) putchar(mark);
  fwrite(f->line[i], 1, (size_t)f->len[i], stdout);
  putchar('\n');
  if (i == f->n - 1 && f->no_eol) puts("\\ No newline at end of file");
}

static void range(long a, long b) { /* 1-based inclusive a..b; b < a never here */
  if (a == b) printf("%ld", a);
  else printf("%ld,%ld", a, b);
}

static void normal_format(void) {
  for (long k = 0; k < nhunks; k++) {
    struct hunk *h = &hunks[k];
    char op = h->a0 == h->a1 ? 'a' : h->b0 == h->b1 ? 'd' : 'c';
    if (op == 'a') printf("%ld", h->a0);
    else range(h->a0 + 1, h->a1);
    putchar(op);
    if (op == 'd') printf("%ld", h->b0);
    else range(h->b0 + 1, h->b1);
    putchar('\n');
    for (long i = h->a0; i < h->a1; i++) fputs("< ", stdout), put_line(0, &F[0], i);
    if (op == 'c') puts("---");
    for (long i = h->b0; i < h->b1; i++) fputs("> ", stdout), put_line(0, &F[1], i);
  }
}

static void header(const char *mark, const struct file *f) {
  char buf[64];
  struct tm tm;
  time_t t = f->st.st_mtim.tv_sec;
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  printf("%s %s\t%s.%09ld +0000\n", mark, f->name, buf, (long)f->st.st_mtim.tv_nsec);
}

static void uni_range(long start, long count) {
  if (count == 0) printf("%ld,0", start);
  else if (count == 1) printf("%ld", start + 1);
  else printf("%ld,%ld", start + 1, count);
}

static void unified_format(long ctx) {
  header("---", &F[0]);
  header("+++", &F[1]);
  for (long k = 0; k < nhunks;) {
    long last = k;
    while (last + 1 < nhunks && hunks[last + 1].a0 - hunks[last].a1 <= 2 * ctx) last++;
    long a0 = hunks[k].a0 - ctx, b0 = hunks[k].b0 - ctx;
    if (a0 < 0) b0 -= a0, a0 = 0;
    if (b0 < 0) a0 -= b0, b0 = 0;
    long a1 = hunks[last].a1 + ctx, b1 = hunks[last].b1 + ctx;
    if (a1 > F[0].n) b1 -= a1 - F[0].n, a1 = F[0].n;
    if (b1 > F[1].n) a1 -= b1 - F[1].n, b1 = F[1].n;
    printf("@@ -");
    uni_range(a0, a1 - a0);
    printf(" +");
    uni_range(b0, b1 - b0);
    printf(" @@\n");
    long i = a0, j = b0;
    for (long h = k; h <= last; h++) {
      while (i < hunks[h].a0) put_line(' ', &F[0], i++), j++;
      while (i < hunks[h].a1) put_line('-', &F[0], i++);
      while (j < hunks[h].b1) put_line('+', &F[1], j++);
    }
    while (i < a1) put_line(' ', &F[0], i++), j++;
    k = last + 1;
  }
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c;
  long ctx = -1;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "uU:")) != -1) {
    if (c == 'u') ctx = 3;
    else if (c == 'U') ctx = strtol(o.arg, NULL, 10);
    else return 2;
  }
  if (argc - o.ind != 2) die(2, argc - o.ind < 2 ? "missing operand after '%s'" : "extra operand '%s'",
                             argv[argc - 1]);
  if (load(&F[0], argv[o.ind]) || load(&F[1], argv[o.ind + 1])) return 2;
  classify();
  analyze(ctx > 0 ? ctx : 0);
  collect();
  if (nhunks == 0) return 0;
  if (ctx >= 0) unified_format(ctx);
  else normal_format();
  return 1;
}
