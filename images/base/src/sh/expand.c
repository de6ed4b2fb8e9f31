/*
 * expand.c - word expansion (POSIX 2.6): tilde, parameters, command
 * substitution (subst.c), arithmetic (arith.c) and quote removal; field
 * splitting and pathname expansion follow in fields.c and glob.c.
 *
 * expand_raw walks the raw word text and appends characters to an XBuf in
 * which every character carries a flag: F_LIT (unquoted source text: glob
 * active, never split), F_QUOT (quoted: literal), F_EXP (result of an
 * unquoted expansion: split on IFS and glob active). F_BRK forces a field
 * break ("$@"), F_MARK records an empty quoted string ("" is one field).
 * Example: with x='a b', `"$x"c$x*` -> fields "a bca" and the glob "b*".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"
#include "xbuf.h"

enum { M_TILDE = 1, M_HEREDOC = 2, M_ARITH = 4, M_BRACEWORD = 8 };

int lastcmdsubst_status;

void xadd(XBuf *b, int c, int flag) {
  if (b->s.n + 2 > b->fcap) {
    b->fcap = (b->s.n + 2) * 2;
    b->f = xrealloc(b->f, b->fcap);
  }
  b->f[b->s.n] = (char)flag;
  str_addc(&b->s, c);
}

void xadds(XBuf *b, const char *s, int quoted) {
  size_t n = strlen(s), at = b->s.n;
  if (at + n + 2 > b->fcap) {
    b->fcap = (at + n + 2) * 2;
    b->f = xrealloc(b->f, b->fcap);
  }
  memset(b->f + at, quoted ? F_QUOT : F_EXP, n);
  str_addn(&b->s, s, n);
}

void xfree(XBuf *b) {
  free(b->s.s);
  free(b->f);
}

void sl_add(StrList *l, char *s) {
  if (l->n + 2 > l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    l->v = xrealloc(l->v, sizeof(char *) * (size_t)l->cap);
  }
  l->v[l->n++] = s;
  l->v[l->n] = NULL;
}

/* ---- parameters ---- */
static char *join_params(void) {
  const char *ifs = var_get("IFS");
  char sep = ifs ? ifs[0] : ' ';
  Str s = {0};
  for (int i = 0; i < nposargs; i++) {
    if (i && sep) str_addc(&s, sep);
    str_adds(&s, posargs[i]);
  }
  return str_take(&s);
}

/* Returns a newly allocated value, or NULL if unset. */
static char *param_value(const char *name) {
  char buf[64];
  if (isdigit((unsigned char)name[0])) {
    int n = atoi(name);
    if (n == 0) return xstrdup(arg0);
    return n <= nposargs ? xstrdup(posargs[n - 1]) : NULL;
  }
  if (name[1] == 0 && (name[0] == '@' || name[0] == '*')) return nposargs ? join_params() : NULL;
  if (name[1] == 0 && !is_name_start(name[0])) {
    const char *v = special_var(name[0], buf);
    return v ? xstrdup(v) : NULL;
  }
  const char *v = var_get(name);
  return v ? xstrdup(v) : NULL;
}

static void expand_raw(const char *p, const char *end, int quoted, XBuf *b, int mode);

static char *xjoin(XBuf *b) {
  char *r = xmalloc(b->s.n + 1), *q = r;
  for (size_t i = 0; i < b->s.n; i++) {
    if (b->f[i] == F_MARK) continue;
    *q++ = b->f[i] == F_BRK ? ' ' : b->s.s[i];
  }
  *q = 0;
  return r;
}

static char *expand_range(const char *p, const char *end, int quoted) {
  XBuf b = {0};
  expand_raw(p, end, quoted, &b, M_BRACEWORD);
  char *r = xjoin(&b);
  xfree(&b);
  return r;
}

static char *pattern_range(const char *p, const char *end, int quoted) {
  XBuf b = {0};
  expand_raw(p, end, quoted, &b, 0);
  Str s = {0};
  for (size_t i = 0; i < b.s.n; i++) {
    int c = (unsigned char)b.s.s[i];
    if (b.f[i] == F_BRK || b.f[i] == F_MARK) continue;
    if (b.f[i] == F_QUOT && strchr("*?[]\\", c)) str_addc(&s, '\\');
    str_addc(&s, c);
  }
  xfree(&b);
  return str_take(&s);
}

static char *trim(const char *val, const char *pat, int suffix, int longest) {
  size_t n = strlen(val);
  char *tmp = xstrdup(val);
  for (size_t k = 0; k <= n; k++) {
    size_t i = longest ? n - k : k;
    int ok;
    if (suffix) {
      ok = pmatch(pat, val + n - i);
    } else {
      char save = tmp[i];
      tmp[i] = 0;
      ok = pmatch(pat, tmp);
      tmp[i] = save;
    }
    if (ok) {
      char *r = suffix ? xstrndup(val, n - i) : xstrdup(val + i);
      free(tmp);
      return r;
    }
  }
  free(tmp);
  return xstrdup(val);
}

static void emit_at(XBuf *b, int quoted) {
  for (int i = 0; i < nposargs; i++) {
    if (i) xadd(b, ' ', F_BRK);
    if (quoted) xadd(b, 0, F_MARK);
    xadds(b, posargs[i], quoted);
  }
}

static void unset_error(const char *name) {
  sh_error("%s: parameter not set", name);
}

/* A parsed ${...}: ${#name}, ${name}, or ${name[:]op word}. */
typedef struct {
  char *name;
  int length, colon, op, twice;
  const char *word, *end; /* the word after the operator */
} Brace;

/* Parses p..end (between "${" and "}"). Example: "x:-a b" -> name x,
 * colon 1, op '-', word "a b". Bad forms call sh_error. */
static void parse_brace(const char *p, const char *end, Brace *br) {
  memset(br, 0, sizeof *br);
  if (*p == '#' && p + 1 < end && (is_name_char(p[1]) || strchr("@*#?-$!", p[1]))) {
    br->length = 1;
    p++;
  }
  const char *n0 = p;
  if (is_name_start(*p))
    while (p < end && is_name_char(*p)) p++;
  else if (isdigit((unsigned char)*p))
    while (p < end && isdigit((unsigned char)*p)) p++;
  else if (p < end)
    p++;
  br->name = xstrndup(n0, (size_t)(p - n0));
  if (!*br->name) sh_error("${}: Bad substitution");
  if (br->length && p != end) sh_error("${#%s...}: Bad substitution", br->name);
  if (*p == ':' && p + 1 < end) {
    br->colon = 1;
    p++;
  }
  br->op = p < end ? *p++ : 0;
  if ((br->op == '%' || br->op == '#') && p < end && *p == br->op) {
    br->twice = 1;
    p++;
  }
  if (br->op && !strchr("-=?+%#", br->op)) sh_error("${%s}: Bad substitution", br->name);
  br->word = p;
  br->end = end;
}

static void brace_length(Brace *br, const char *val, int quoted, XBuf *b) {
  int at = strcmp(br->name, "@") == 0 || strcmp(br->name, "*") == 0;
  if (!val && opt_u && !at) unset_error(br->name);
  char buf[32];
  snprintf(buf, sizeof buf, "%zu", at ? (size_t)nposargs : strlen(val ? val : ""));
  xadds(b, buf, quoted);
}

/* Applies the operator; returns the (possibly replaced) value to free. */
static char *brace_op(Brace *br, char *val, int quoted, XBuf *b) {
  int isset = val != NULL && !(br->colon && !*val);
  int at = strcmp(br->name, "@") == 0 || strcmp(br->name, "*") == 0;
  int split_at = at && (br->name[0] == '@' || !quoted);
  switch (br->op) {
    case 0:
      if (!val && opt_u && !at) unset_error(br->name);
      if (split_at) emit_at(b, quoted);
      else if (val) xadds(b, val, quoted);
      break;
    case '-':
    case '+':
      if ((br->op == '-') != isset) expand_raw(br->word, br->end, quoted, b, M_BRACEWORD);
      else if (br->op == '-' && split_at) emit_at(b, quoted);
      else if (br->op == '-') xadds(b, val, quoted);
      break;
    case '=':
      if (!isset) {
        if (!is_name(br->name)) sh_error("%s: bad variable name", br->name);
        free(val);
        val = expand_range(br->word, br->end, quoted);
        var_set(br->name, val, 0);
      }
      xadds(b, val, quoted);
      break;
    case '?':
      if (!isset) {
        char *msg = expand_range(br->word, br->end, quoted);
        sh_error("%s: %s", br->name, *msg ? msg : br->colon ? "parameter null or not set" : "parameter not set");
      }
      xadds(b, val, quoted);
      break;
    default: {
      if (!val && opt_u) unset_error(br->name);
      char *pat = pattern_range(br->word, br->end, 0);
      char *r = trim(val ? val : "", pat, br->op == '%', br->twice);
      xadds(b, r, quoted);
      free(r);
      free(pat);
    }
  }
  return val;
}

/* ${...}: p points after "${", end at the closing brace. */
static void expand_brace(const char *p, const char *end, int quoted, XBuf *b) {
  Brace br;
  parse_brace(p, end, &br);
  char *val = param_value(br.name);
  if (br.length) brace_length(&br, val, quoted, b);
  else val = brace_op(&br, val, quoted, b);
  free(val);
  free(br.name);
}

static void emit_subst(XBuf *b, char *out, int quoted) {
  xadds(b, out, quoted);
  free(out);
}

/* Removes the backslashes of `...` (before $ ` \ and, when quoted, "). */
static char *unbackquote(const char *p, const char *end, int quoted) {
  Str s = {0};
  for (; p < end; p++) {
    if (*p == '\\' && p + 1 < end && (strchr("$`\\", p[1]) || (quoted && p[1] == '"'))) p++;
    str_addc(&s, *p);
  }
  return str_take(&s);
}

static const char *expand_dollar(const char *p, const char *end, int quoted, XBuf *b) {
  char buf[64];
  if (p[1] == '(' && p[2] == '(') {
    const char *e = skip_dollar(p);
    if (e - p >= 5 && e[-2] == ')') {
      XBuf x = {0};
      expand_raw(p + 3, e - 2, 1, &x, M_ARITH);
      char *expr = xjoin(&x);
      xfree(&x);
      snprintf(buf, sizeof buf, "%lld", arith_eval(expr));
      free(expr);
      xadds(b, buf, quoted);
      return e;
    }
  }
  if (p[1] == '(') {
    const char *e = skip_dollar(p);
    char *src = xstrndup(p + 2, (size_t)(e - 1 - (p + 2)));
    emit_subst(b, cmd_subst(src), quoted);
    free(src);
    return e;
  }
  if (p[1] == '{') {
    const char *e = skip_dollar(p);
    expand_brace(p + 2, e - 1, quoted, b);
    return e;
  }
  const char *q = p + 1;
  if (q < end && is_name_start(*q)) {
    while (q < end && is_name_char(*q)) q++;
  } else if (q < end && (isdigit((unsigned char)*q) || strchr("@*#?-$!", *q))) {
    q++;
  } else {
    xadd(b, '$', quoted ? F_QUOT : F_LIT);
    return p + 1;
  }
  char *name = xstrndup(p + 1, (size_t)(q - p - 1));
  if ((name[0] == '@' || name[0] == '*') && (name[0] == '@' || !quoted)) {
    emit_at(b, quoted);
  } else {
    char *v = param_value(name);
    if (!v && opt_u) unset_error(name);
    if (v) xadds(b, v, quoted);
    free(v);
  }
  free(name);
  return q;
}

static int only_at(const char *p, const char *e) {
  return (e - p == 2 && strncmp(p, "$@", 2) == 0) || (e - p == 4 && strncmp(p, "${@}", 4) == 0);
}

/* Home directory of user `name` from /etc/passwd (field 6), or NULL. */
static char *user_home(const char *name, size_t len) {
  FILE *f = fopen("/etc/passwd", "r");
  if (!f) return NULL;
  char line[1024];
  char *home = NULL;
  while (!home && fgets(line, sizeof line, f)) {
    if (strncmp(line, name, len) != 0 || line[len] != ':') continue;
    char *p = line;
    for (int field = 0; field < 5 && p; field++) {
      p = strchr(p, ':');
      if (p) p++;
    }
    if (!p) continue;
    p[strcspn(p, ":\n")] = 0;
    home = xstrdup(p);
  }
  fclose(f);
  return home;
}

/* ~ and ~user at the start of a word (up to the first '/'). */
static const char *tilde(const char *p, const char *end, XBuf *b) {
  const char *q = p + 1;
  while (q < end && *q != '/') {
    if (!is_name_char(*q) && *q != '-' && *q != '.') return p;
    q++;
  }
  if (q == p + 1) {
    const char *home = var_get("HOME");
    if (!home) return p;
    xadds(b, home, 1);
    return q;
  }
  char *home = user_home(p + 1, (size_t)(q - p - 1));
  if (!home) return p;
  xadds(b, home, 1);
  free(home);
  return q;
}

static void expand_raw(const char *p, const char *end, int quoted, XBuf *b, int mode) {
  if ((mode & M_TILDE) && p < end && *p == '~') p = tilde(p, end, b);
  while (p < end) {
    int c = (unsigned char)*p;
    if (c == '\'' && !quoted) {
      const char *e = skip_squote(p);
      xadd(b, 0, F_MARK);
      for (p++; p < e - 1; p++) xadd(b, (unsigned char)*p, F_QUOT);
      p = e;
    } else if (c == '"' && !quoted) {
      const char *e = skip_dquote(p);
      if (!only_at(p + 1, e - 1)) xadd(b, 0, F_MARK);
      expand_raw(p + 1, e - 1, 1, b, 0);
      p = e;
    } else if (c == '"' && quoted && (mode & M_BRACEWORD)) {
      p++; /* "${x:-"a b"}": inner quotes are removed */
    } else if (c == '\\' && p + 1 < end) {
      int d = (unsigned char)p[1];
      if (!quoted || strchr("$`\\\n", d) || (d == '"' && !(mode & M_HEREDOC))) {
        if (d != '\n') xadd(b, d, F_QUOT);
        p += 2;
      } else {
        xadd(b, c, F_QUOT);
        p++;
      }
    } else if (c == '$') {
      p = expand_dollar(p, end, quoted, b);
    } else if (c == '`') {
      const char *e = skip_bq(p);
      char *src = unbackquote(p + 1, e - 1, quoted);
      emit_subst(b, cmd_subst(src), quoted);
      free(src);
      p = e;
    } else {
      /* unquoted text of a ${x:-word} word is an expansion result: it splits */
      xadd(b, c, quoted ? F_QUOT : (mode & M_BRACEWORD) ? F_EXP : F_LIT);
      p++;
    }
  }
}

void expand_words(Word *w, StrList *out) {
  for (; w; w = w->next) {
    XBuf b = {0};
    expand_raw(w->text, w->text + strlen(w->text), 0, &b, M_TILDE);
    split_fields(&b, out);
    xfree(&b);
  }
}

char *expand_string(const char *raw) {
  XBuf b = {0};
  expand_raw(raw, raw + strlen(raw), 0, &b, M_TILDE);
  char *r = xjoin(&b);
  xfree(&b);
  return r;
}

char *expand_pattern(const char *raw) { return pattern_range(raw, raw + strlen(raw), 0); }

char *expand_heredoc(const char *body) {
  XBuf b = {0};
  expand_raw(body, body + strlen(body), 1, &b, M_HEREDOC);
  char *r = xjoin(&b);
  xfree(&b);
  return r;
}
