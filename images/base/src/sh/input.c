/*
 * input.c - the stack of character sources the lexer reads from.
 *
 * A source is a string (sh -c, eval, alias text, command substitution) or a
 * file descriptor (scripts, stdin). An interactive fd source gets its lines
 * from the line editor, showing PS1 at the start of a command and PS2 on
 * continuation lines. in_getc returns EOF (-1) at the end of the top source;
 * alias sources are popped transparently when exhausted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

typedef struct Src {
  char *buf;
  size_t len, pos;
  int fd;           /* -1 for strings */
  int interactive;
  int eof;
  char *alias;      /* name of the alias being expanded, if any */
  int push[4];      /* characters given back by the lexer */
  int npush;
  struct Src *prev;
} Src;

static Src *top;
static int ps2;
static Str *records[16]; /* active recordings, innermost last */
static int nrec;

/* Starts recording the characters read (for the raw text of $(...)). */
void in_record_start(void) {
  Str *r = xmalloc(sizeof *r);
  memset(r, 0, sizeof *r);
  records[nrec++] = r;
}

/* Stops the innermost recording and returns its text. */
char *in_record_stop(void) {
  Str *r = records[--nrec];
  char *s = str_take(r);
  free(r);
  return s;
}

static int record(int c) {
  if (top && !top->alias)
    for (int i = 0; i < nrec; i++) str_addc(records[i], c);
  return c;
}

void in_push_string(const char *s, const char *alias) {
  Src *x = xmalloc(sizeof *x);
  memset(x, 0, sizeof *x);
  x->buf = xstrdup(s);
  x->len = strlen(s);
  x->fd = -1;
  x->alias = alias ? xstrdup(alias) : NULL;
  x->prev = top;
  top = x;
}

void in_push_fd(int fd, int inter) {
  Src *x = xmalloc(sizeof *x);
  memset(x, 0, sizeof *x);
  x->fd = fd;
  x->interactive = inter;
  x->prev = top;
  top = x;
}

void in_pop(void) {
  Src *x = top;
  if (!x) return;
  top = x->prev;
  free(x->buf);
  free(x->alias);
  free(x);
}

int in_depth(void) {
  int n = 0;
  for (Src *x = top; x; x = x->prev) n++;
  return n;
}

void in_set_ps2(int on) { ps2 = on; }

int in_alias_active(const char *name) {
  for (Src *x = top; x && x->alias; x = x->prev)
    if (strcmp(x->alias, name) == 0) return 1;
  return 0;
}

static int refill_interactive(Src *x) {
  const char *ps = var_get(ps2 ? "PS2" : "PS1");
  char *prompt = expand_prompt(ps ? ps : (ps2 ? "> " : "$ "));
  char *line = line_edit(prompt);
  free(prompt);
  ps2 = 1;
  if (!line) return 0;
  if (line[0] && line[0] != '\n') {
    size_t l = strlen(line);
    char *h = xstrndup(line, l && line[l - 1] == '\n' ? l - 1 : l);
    hist_add(h);
    free(h);
  }
  free(x->buf);
  x->buf = line;
  x->len = strlen(line);
  x->pos = 0;
  return 1;
}

static int refill(Src *x) {
  if (x->fd < 0 || x->eof) return 0;
  if (x->interactive) return refill_interactive(x);
  if (!x->buf) x->buf = xmalloc(4096);
  ssize_t n;
  do n = read(x->fd, x->buf, 4096);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    x->eof = 1;
    return 0;
  }
  x->len = (size_t)n;
  x->pos = 0;
  return 1;
}

int in_getc(void) {
  while (top) {
    if (top->npush) return record(top->push[--top->npush]);
    if (top->pos < top->len) return record((unsigned char)top->buf[top->pos++]);
    if (top->alias) {
      in_pop();
      continue;
    }
    if (!refill(top)) return EOF;
  }
  return EOF;
}

void in_ungetc(int c) {
  if (c == EOF || !top || top->npush >= 4) return;
  top->push[top->npush++] = c;
  if (!top->alias)
    for (int i = 0; i < nrec; i++)
      if (records[i]->n) records[i]->s[--records[i]->n] = 0;
}

int in_at_eof(void) {
  return top == NULL || (top->eof && top->pos >= top->len && !top->npush);
}
