/*
 * unparse.c - turns a command tree back into shell text, for `jobs`
 * reports and for printing functions. The output re-parses to the same
 * tree (words are raw text already); here-document bodies are shown as
 * "<<..." only.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static void emit(Str *s, Node *n);

static void words(Str *s, Word *w, const char *sep) {
  for (; w; w = w->next) {
    str_adds(s, w->text);
    if (w->next) str_adds(s, sep);
  }
}

static void redirs(Str *s, Redir *r) {
  static const char *ops[] = {"<", ">", ">>", ">|", "<&", ">&", "<>", "<<"};
  for (; r; r = r->next) {
    int dflt = (r->type == R_IN || r->type == R_DUPIN || r->type == R_RDWR || r->type == R_HEREDOC) ? 0 : 1;
    str_addc(s, ' ');
    if (r->fd != dflt) {
      char b[16];
      b[0] = (char)('0' + r->fd % 10);
      b[1] = 0;
      str_adds(s, b);
    }
    str_adds(s, ops[r->type]);
    str_adds(s, r->type == R_HEREDOC ? "..." : r->target);
  }
}

static void list(Str *s, const char *open, Node *n, const char *close) {
  str_adds(s, open);
  emit(s, n);
  str_adds(s, close);
}

static void emit(Str *s, Node *n) {
  if (!n) return;
  switch (n->type) {
    case N_CMD:
      words(s, n->assigns, " ");
      if (n->assigns && n->words) str_addc(s, ' ');
      words(s, n->words, " ");
      break;
    case N_PIPE:
      for (Node *c = n->a; c; c = c->next) {
        emit(s, c);
        if (c->next) str_adds(s, " | ");
      }
      break;
    case N_AND:
    case N_OR:
      emit(s, n->a);
      str_adds(s, n->type == N_AND ? " && " : " || ");
      emit(s, n->b);
      break;
    case N_SEQ:
      emit(s, n->a);
      str_adds(s, n->a->type == N_BG ? " " : "; ");
      emit(s, n->b);
      break;
    case N_BG: emit(s, n->a); str_adds(s, " &"); break;
    case N_NOT: str_adds(s, "! "); emit(s, n->a); break;
    case N_SUBSHELL: list(s, "(", n->a, ")"); break;
    case N_GROUP: list(s, "{ ", n->a, "; }"); break;
    case N_IF:
      list(s, "if ", n->a, "; then ");
      emit(s, n->b);
      if (n->c) list(s, "; else ", n->c, "");
      str_adds(s, "; fi");
      break;
    case N_WHILE:
    case N_UNTIL:
      list(s, n->type == N_WHILE ? "while " : "until ", n->a, "; do ");
      list(s, "", n->b, "; done");
      break;
    case N_FOR:
      str_adds(s, "for ");
      str_adds(s, n->name);
      if (n->has_in) {
        str_adds(s, " in ");
        words(s, n->words, " ");
      }
      list(s, "; do ", n->b, "; done");
      break;
    case N_CASE:
      str_adds(s, "case ");
      str_adds(s, n->words->text);
      str_adds(s, " in ");
      for (CaseItem *ci = n->items; ci; ci = ci->next) {
        words(s, ci->pats, " | ");
        list(s, ") ", ci->body, ";; ");
      }
      str_adds(s, "esac");
      break;
    case N_FUNC:
      str_adds(s, n->name);
      str_adds(s, "() ");
      emit(s, n->a);
      break;
  }
  if (n->type != N_FUNC) redirs(s, n->redirs);
}

char *node_text(Node *n) {
  Str s = {0};
  emit(&s, n);
  return str_take(&s);
}
