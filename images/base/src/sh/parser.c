/*
 * parser.c - recursive-descent parser for the POSIX shell grammar.
 *
 *   line      := and_or ((';' | '&') and_or)* [';' | '&'] NEWLINE
 *   and_or    := pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline  := ['!'] command ('|' linebreak command)*
 *   command   := compound redirect* | NAME '(' ')' linebreak command
 *              | simple
 *   compound  := '{' list '}' | '(' list ')' | if | while | until | for | case
 * Reserved words are recognised only where the grammar allows them, and only
 * when unquoted (the raw word text equals the keyword). Aliases are expanded
 * for words in command position. Errors call sh_error("Syntax error: ...").
 * Example: `a | b && c &` -> BG(AND(PIPE[a,b], c)).
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

int parse_eof;
static Node *parse_list(void);
static Node *parse_command(void);
static Node *parse_and_or(void);

static Node *node(int type) {
  Node *n = xmalloc(sizeof *n);
  memset(n, 0, sizeof *n);
  n->type = type;
  return n;
}

static Node *node2(int type, Node *a, Node *b) {
  Node *n = node(type);
  n->a = a;
  n->b = b;
  return n;
}

static const char *tok_name(Token *t) {
  static const char *names[] = {
      "word", "newline", "end of file", ";", "&", "&&", "||", "|", "(", ")",
      ";;", "<", ">", ">>", "<&", ">&", "<>", "<<", "<<-", ">|", "number"};
  if (t->type == T_WORD) return t->text;
  return names[t->type];
}

static void syntax(Token *t) {
  sh_error("Syntax error: \"%s\" unexpected", tok_name(t));
}

static int is_word(const char *kw) {
  Token *t = lex_peek();
  return t->type == T_WORD && strcmp(t->text, kw) == 0;
}

static void expect_word(const char *kw) {
  if (!is_word(kw)) {
    Token *t = lex_peek();
    if (t->type == T_EOF) sh_error("Syntax error: end of file unexpected (expecting \"%s\")", kw);
    syntax(t);
  }
  free(lex_next().text);
}

static void expect(int type) {
  if (lex_peek()->type != type) syntax(lex_peek());
  lex_next();
}

static void linebreak(void) {
  while (lex_peek()->type == T_NEWLINE) lex_next();
}

static int is_terminator(void) {
  static const char *kws[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}", NULL};
  Token *t = lex_peek();
  if (t->type == T_EOF || t->type == T_RPAREN || t->type == T_DSEMI) return 1;
  if (t->type != T_WORD) return 0;
  for (int i = 0; kws[i]; i++)
    if (strcmp(t->text, kws[i]) == 0) return 1;
  return 0;
}

static Word *word(char *text) {
  Word *w = xmalloc(sizeof *w);
  w->text = text;
  w->next = NULL;
  return w;
}

/* Expands an alias at the current token when it is in command position. */
static void check_alias(void) {
  for (int guard = 0; guard < 32; guard++) {
    Token *t = lex_peek();
    if (t->type != T_WORD) return;
    const char *v = alias_get(t->text);
    if (!v || in_alias_active(t->text)) return;
    Token x = lex_next();
    in_push_string(v, x.text);
    free(x.text);
  }
}

static int redir_type(int tok) {
  switch (tok) {
    case T_LESS: return R_IN;
    case T_GREAT: return R_OUT;
    case T_DGREAT: return R_APPEND;
    case T_CLOBBER: return R_CLOBBER;
    case T_LESSAND: return R_DUPIN;
    case T_GREATAND: return R_DUPOUT;
    case T_LESSGREAT: return R_RDWR;
    case T_DLESS:
    case T_DLESSDASH: return R_HEREDOC;
    default: return -1;
  }
}

/* Parses one redirection if present; appends it to *list. */
static int parse_redir(Redir **list) {
  Token *t = lex_peek();
  int fd = -1;
  if (t->type == T_IONUMBER) {
    fd = atoi(t->text);
    free(lex_next().text);
    t = lex_peek();
  }
  int type = redir_type(t->type);
  if (type < 0) {
    if (fd >= 0) syntax(t);
    return 0;
  }
  int strip = t->type == T_DLESSDASH;
  lex_next();
  Token w = lex_next();
  if (w.type != T_WORD) syntax(&w);
  Redir *r = xmalloc(sizeof *r);
  memset(r, 0, sizeof *r);
  r->type = type;
  r->fd = fd >= 0 ? fd : (type == R_IN || type == R_DUPIN || type == R_RDWR || type == R_HEREDOC) ? 0 : 1;
  r->strip = strip;
  if (type == R_HEREDOC) {
    r->target = xstrdup("");
    lex_add_heredoc(r, w.text);
    free(w.text);
  } else {
    r->target = w.text;
  }
  while (*list) list = &(*list)->next;
  *list = r;
  return 1;
}

static int is_assignment(const char *s) {
  if (!is_name_start(*s)) return 0;
  while (is_name_char(*s)) s++;
  return *s == '=';
}

static Node *parse_simple(void) {
  Node *n = node(N_CMD);
  Word **wp = &n->words, **ap = &n->assigns;
  for (;;) {
    if (parse_redir(&n->redirs)) continue;
    Token *t = lex_peek();
    if (t->type != T_WORD) break;
    if (!n->words && is_assignment(t->text)) {
      *ap = word(lex_next().text);
      ap = &(*ap)->next;
      check_alias();
      continue;
    }
    *wp = word(lex_next().text);
    if (wp == &n->words && !n->assigns && !n->redirs && lex_peek()->type == T_LPAREN) {
      lex_next();
      expect(T_RPAREN);
      linebreak();
      Node *f = node(N_FUNC);
      f->name = n->words->text;
      if (!is_name(f->name)) sh_error("Syntax error: Bad function name");
      f->a = parse_command();
      return f;
    }
    wp = &(*wp)->next;
  }
  if (!n->words && !n->assigns && !n->redirs) syntax(lex_peek());
  return n;
}

static Node *parse_if(void) {
  Node *n = node(N_IF);
  n->a = parse_list();
  expect_word("then");
  n->b = parse_list();
  if (is_word("elif")) {
    free(lex_next().text);
    n->c = parse_if();
    return n;
  }
  if (is_word("else")) {
    free(lex_next().text);
    n->c = parse_list();
  }
  expect_word("fi");
  return n;
}

static Node *parse_loop(int type) {
  Node *n = node(type);
  n->a = parse_list();
  expect_word("do");
  n->b = parse_list();
  expect_word("done");
  return n;
}

static Node *parse_for(void) {
  Node *n = node(N_FOR);
  Token t = lex_next();
  if (t.type != T_WORD || !is_name(t.text)) sh_error("Syntax error: Bad for loop variable");
  n->name = t.text;
  linebreak();
  if (is_word("in")) {
    free(lex_next().text);
    n->has_in = 1;
    Word **wp = &n->words;
    while (lex_peek()->type == T_WORD) {
      *wp = word(lex_next().text);
      wp = &(*wp)->next;
    }
    if (lex_peek()->type != T_SEMI && lex_peek()->type != T_NEWLINE) syntax(lex_peek());
    lex_next();
  } else if (lex_peek()->type == T_SEMI) {
    lex_next();
  }
  linebreak();
  expect_word("do");
  n->b = parse_list();
  expect_word("done");
  return n;
}

static CaseItem *parse_case_item(void) {
  CaseItem *ci = xmalloc(sizeof *ci);
  memset(ci, 0, sizeof *ci);
  if (lex_peek()->type == T_LPAREN) lex_next();
  Word **wp = &ci->pats;
  for (;;) {
    Token t = lex_next();
    if (t.type != T_WORD) syntax(&t);
    *wp = word(t.text);
    wp = &(*wp)->next;
    if (lex_peek()->type != T_PIPE) break;
    lex_next();
  }
  expect(T_RPAREN);
  ci->body = parse_list();
  if (lex_peek()->type == T_DSEMI) {
    lex_next();
    linebreak();
  } else if (!is_word("esac")) {
    syntax(lex_peek());
  }
  return ci;
}

static Node *parse_case(void) {
  Node *n = node(N_CASE);
  Token t = lex_next();
  if (t.type != T_WORD) syntax(&t);
  n->words = word(t.text);
  linebreak();
  expect_word("in");
  linebreak();
  CaseItem **ip = &n->items;
  while (!is_word("esac")) {
    if (lex_peek()->type == T_EOF) sh_error("Syntax error: end of file unexpected (expecting \"esac\")");
    *ip = parse_case_item();
    ip = &(*ip)->next;
  }
  free(lex_next().text);
  return n;
}

/* Returns the compound command at the current token, or NULL. */
static Node *parse_compound(void) {
  Token *t = lex_peek();
  if (t->type == T_LPAREN) {
    lex_next();
    Node *n = node(N_SUBSHELL);
    n->a = parse_list();
    expect(T_RPAREN);
    return n;
  }
  if (t->type != T_WORD) return NULL;
  static const char *kws[] = {"{", "if", "while", "until", "for", "case", NULL};
  int k = 0;
  while (kws[k] && strcmp(t->text, kws[k]) != 0) k++;
  if (!kws[k]) return NULL;
  free(lex_next().text);
  Node *n;
  switch (k) {
    case 0:
      n = node(N_GROUP);
      n->a = parse_list();
      expect_word("}");
      return n;
    case 1: return parse_if();
    case 2: return parse_loop(N_WHILE);
    case 3: return parse_loop(N_UNTIL);
    case 4: return parse_for();
    default: return parse_case();
  }
}

static Node *parse_command(void) {
  check_alias();
  if (is_terminator() && lex_peek()->type == T_WORD) syntax(lex_peek());
  Node *n = parse_compound();
  if (!n) return parse_simple();
  while (parse_redir(&n->redirs)) {
  }
  return n;
}

static Node *parse_pipeline(void) {
  int neg = 0;
  if (is_word("!")) { /* POSIX: pipeline := ['!'] pipe_sequence, so "! !" is an error */
    free(lex_next().text);
    neg = 1;
    if (is_word("!")) syntax(lex_peek());
  }
  Node *first = parse_command(), *last = first;
  if (lex_peek()->type == T_PIPE) {
    Node *p = node(N_PIPE);
    p->a = first;
    while (lex_peek()->type == T_PIPE) {
      lex_next();
      linebreak();
      last->next = parse_command();
      last = last->next;
    }
    first = p;
  }
  return neg ? node2(N_NOT, first, NULL) : first;
}

static Node *parse_and_or(void) {
  Node *n = parse_pipeline();
  for (;;) {
    int t = lex_peek()->type;
    if (t != T_AND && t != T_OR) return n;
    lex_next();
    linebreak();
    n = node2(t == T_AND ? N_AND : N_OR, n, parse_pipeline());
  }
}

static Node *seq(Node *a, Node *b) { return a ? node2(N_SEQ, a, b) : b; }

/* A compound list: and_ors separated by ; & or newlines, up to a terminator. */
static Node *parse_list(void) {
  Node *n = NULL;
  linebreak();
  while (!is_terminator()) {
    Node *x = parse_and_or();
    int t = lex_peek()->type;
    if (t == T_AMP) x = node2(N_BG, x, NULL);
    n = seq(n, x);
    if (t == T_AMP || t == T_SEMI || t == T_NEWLINE) {
      lex_next();
      linebreak();
    } else {
      break;
    }
  }
  if (!n) n = node(N_CMD); /* empty list: a no-op command */
  return n;
}

Node *parse_line(void) {
  Node *n = NULL;
  in_set_ps2(0);
  parse_eof = 0;
  for (;;) {
    Token *t = lex_peek();
    if (t->type == T_EOF) {
      parse_eof = 1;
      return n;
    }
    if (t->type == T_NEWLINE) {
      lex_next();
      return n; /* NULL for an empty line */
    }
    Node *x = parse_and_or();
    t = lex_peek();
    if (t->type == T_AMP) x = node2(N_BG, x, NULL);
    n = seq(n, x);
    if (t->type == T_AMP || t->type == T_SEMI) {
      lex_next();
    } else if (t->type != T_NEWLINE && t->type != T_EOF) {
      syntax(t);
    }
  }
}

void parse_cmdsubst(void) {
  tree_release(parse_list());
  if (lex_peek()->type != T_RPAREN) sh_error("Syntax error: Missing ')'");
  lex_next();
}

Node *parse_string(const char *s) {
  int saved_eof = parse_eof;
  lex_reset();
  in_push_string(s, NULL);
  int depth = in_depth();
  Node *n = NULL;
  for (;;) {
    Node *x = parse_line();
    if (x) n = seq(n, x);
    if (parse_eof || in_depth() < depth) break;
  }
  lex_reset();
  in_pop();
  parse_eof = saved_eof;
  return n;
}
