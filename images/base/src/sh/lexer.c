/*
 * lexer.c - turns input characters into shell tokens.
 *
 * Words keep their raw text: quotes, backslashes, $(...), ${...}, $((...))
 * and `...` are copied verbatim (only backslash-newline is removed), so the
 * expander sees exactly what was typed. Operators follow POSIX 2.10.1;
 * a word of digits directly followed by < or > is an IO_NUMBER.
 * Example: `2>&1 "a b"$(echo c)` -> IONUMBER(2) GREATAND WORD(1)
 * WORD("a b"$(echo c)).
 * Here-documents registered by the parser are read right after the next
 * newline token. Unterminated quotes are syntax errors (sh_error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

typedef struct Pending {
  Redir *r;
  char *delim;
  struct Pending *next;
} Pending;

static Token peeked;
static int have_peek;
static Pending *pending;

static void read_dollar(Str *b);
static void read_backquote(Str *b);
static void read_cmdsubst(Str *b);

static int getc_nl(void) {
  for (;;) {
    int c = in_getc();
    if (c != '\\') return c;
    int d = in_getc();
    if (d != '\n') {
      in_ungetc(d);
      return c;
    }
    in_set_ps2(1);
  }
}

static void read_squote(Str *b) {
  int c;
  str_addc(b, '\'');
  while ((c = in_getc()) != '\'') {
    if (c == EOF) sh_error("Syntax error: Unterminated quoted string");
    str_addc(b, c);
  }
  str_addc(b, '\'');
}

static void read_dquote(Str *b) {
  int c;
  str_addc(b, '"');
  while ((c = getc_nl()) != '"') {
    if (c == EOF) sh_error("Syntax error: Unterminated quoted string");
    if (c == '\\') {
      str_addc(b, c);
      c = in_getc();
      if (c == EOF) break;
      str_addc(b, c);
    } else if (c == '$') {
      read_dollar(b);
    } else if (c == '`') {
      read_backquote(b);
    } else {
      str_addc(b, c);
    }
  }
  str_addc(b, '"');
}

/* Copies up to the matching close paren (depth counts from 1). */
static void read_parens(Str *b, int depth) {
  int c;
  while (depth > 0) {
    c = getc_nl();
    if (c == EOF) sh_error("Syntax error: Missing ')'");
    if (c == '\'') read_squote(b);
    else if (c == '"') read_dquote(b);
    else if (c == '$') read_dollar(b);
    else if (c == '`') read_backquote(b);
    else if (c == '\\') {
      str_addc(b, c);
      c = in_getc();
      if (c != EOF) str_addc(b, c);
    } else {
      if (c == '(') depth++;
      if (c == ')') depth--;
      str_addc(b, c);
    }
  }
}

static void read_braces(Str *b) {
  int c;
  for (;;) {
    c = getc_nl();
    if (c == EOF) sh_error("Syntax error: Missing '}'");
    if (c == '}') break;
    if (c == '\'') read_squote(b);
    else if (c == '"') read_dquote(b);
    else if (c == '$') read_dollar(b);
    else if (c == '`') read_backquote(b);
    else if (c == '\\') {
      str_addc(b, c);
      c = in_getc();
      if (c != EOF) str_addc(b, c);
    } else str_addc(b, c);
  }
  str_addc(b, '}');
}

static void read_dollar(Str *b) {
  str_addc(b, '$');
  int c = getc_nl();
  if (c == '(') {
    str_addc(b, c);
    int d = getc_nl();
    if (d == '(') {
      str_addc(b, d);
      read_parens(b, 2);
      return;
    }
    in_ungetc(d);
    read_cmdsubst(b);
  } else if (c == '{') {
    str_addc(b, c);
    read_braces(b);
  } else {
    in_ungetc(c);
  }
}

/* $(...): the body is parsed (so `case x in a)` and here-documents work)
 * while its raw text, up to and including ')', is recorded. */
static void read_cmdsubst(Str *b) {
  Pending *saved = pending;
  pending = NULL;
  in_record_start();
  parse_cmdsubst();
  char *text = in_record_stop();
  pending = saved;
  str_adds(b, text);
  free(text);
}

static void read_backquote(Str *b) {
  int c;
  str_addc(b, '`');
  while ((c = getc_nl()) != '`') {
    if (c == EOF) sh_error("Syntax error: EOF in backquote substitution");
    str_addc(b, c);
    if (c == '\\') {
      c = in_getc();
      if (c != EOF) str_addc(b, c);
    }
  }
  str_addc(b, '`');
}

static int is_meta(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
         c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

static char *read_word(int c) {
  Str b = {0};
  for (; c != EOF && !is_meta(c); c = getc_nl()) {
    if (c == '\'') read_squote(&b);
    else if (c == '"') read_dquote(&b);
    else if (c == '$') read_dollar(&b);
    else if (c == '`') read_backquote(&b);
    else if (c == '\\') {
      str_addc(&b, c);
      c = in_getc();
      if (c == EOF) break;
      str_addc(&b, c);
    } else str_addc(&b, c);
  }
  in_ungetc(c);
  return str_take(&b);
}

/* Removes quotes from a here-document delimiter; sets *quoted if any. */
static char *unquote_delim(const char *s, int *quoted) {
  Str b = {0};
  *quoted = 0;
  for (; *s; s++) {
    if (*s == '\'' || *s == '"') {
      *quoted = 1;
      continue;
    }
    if (*s == '\\' && s[1]) {
      *quoted = 1;
      s++;
    }
    str_addc(&b, *s);
  }
  return str_take(&b);
}

void lex_add_heredoc(Redir *r, char *delim) {
  Pending *p = xmalloc(sizeof *p), **pp = &pending;
  p->r = r;
  p->delim = unquote_delim(delim, &r->quoted);
  p->next = NULL;
  while (*pp) pp = &(*pp)->next;
  *pp = p;
}

static void read_heredoc(Pending *p) {
  Str body = {0}, line = {0};
  for (;;) {
    int c;
    line.n = 0;
    if (line.s) line.s[0] = 0;
    while ((c = in_getc()) != EOF && c != '\n') str_addc(&line, c);
    const char *l = line.s ? line.s : "";
    if (p->r->strip)
      while (*l == '\t') l++;
    if (strcmp(l, p->delim) == 0) break;
    if (c == EOF && line.n == 0) break;
    str_adds(&body, l);
    str_addc(&body, '\n');
    if (c == EOF) break;
  }
  free(line.s);
  p->r->target = str_take(&body);
}

static void read_heredocs(void) {
  while (pending) {
    Pending *p = pending;
    pending = p->next;
    read_heredoc(p);
    free(p->delim);
    free(p);
  }
}

static const struct {
  const char *op;
  int type;
} ops[] = {
    {"&&", T_AND},      {"||", T_OR},      {";;", T_DSEMI},   {"<<-", T_DLESSDASH},
    {"<<", T_DLESS},    {">>", T_DGREAT},  {"<&", T_LESSAND}, {">&", T_GREATAND},
    {"<>", T_LESSGREAT}, {">|", T_CLOBBER}, {";", T_SEMI},     {"&", T_AMP},
    {"|", T_PIPE},      {"(", T_LPAREN},   {")", T_RPAREN},   {"<", T_LESS},
    {">", T_GREAT},
};

static int read_op(int c) {
  char buf[4] = {(char)c, 0, 0, 0};
  int d = in_getc();
  buf[1] = (char)d;
  int e = -2;
  if (c == '<' && d == '<') {
    e = in_getc();
    buf[2] = (char)e;
  }
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    size_t l = strlen(ops[i].op);
    if (strncmp(buf, ops[i].op, l) != 0) continue;
    if (l < 3 && e != -2) in_ungetc(e);
    if (l < 2) in_ungetc(d);
    return ops[i].type;
  }
  return T_EOF;
}

static Token lex_read(void) {
  Token t = {T_EOF, NULL};
  int c;
  do c = getc_nl();
  while (c == ' ' || c == '\t');
  if (c == '#') {
    while ((c = in_getc()) != EOF && c != '\n') {
    }
  }
  if (c == EOF) return t;
  if (c == '\n') {
    t.type = T_NEWLINE;
    read_heredocs();
    return t;
  }
  if (is_meta(c)) {
    t.type = read_op(c);
    return t;
  }
  t.type = T_WORD;
  t.text = read_word(c);
  const char *p = t.text;
  while (*p >= '0' && *p <= '9') p++;
  if (*p == 0 && p != t.text) {
    int d = in_getc();
    if (d == '<' || d == '>') t.type = T_IONUMBER;
    in_ungetc(d);
  }
  return t;
}

Token *lex_peek(void) {
  if (!have_peek) {
    peeked = lex_read();
    have_peek = 1;
  }
  return &peeked;
}

Token lex_next(void) {
  lex_peek();
  have_peek = 0;
  return peeked;
}

void lex_reset(void) {
  have_peek = 0;
  while (pending) {
    Pending *p = pending;
    pending = p->next;
    free(p->delim);
    free(p);
  }
}
