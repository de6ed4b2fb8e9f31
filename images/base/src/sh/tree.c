/*
 * tree.c - frees command trees after they ran.
 *
 * A tree that defines a function is kept whole (the function table points
 * into it); any other tree is freed by its owner once executed: the
 * top-level loop, `.`, eval/trap strings and the lexer's parse of $(...).
 */
#include <stdlib.h>

#include "sh.h"

static int has_func(Node *n) {
  for (; n; n = n->next) {
    if (n->type == N_FUNC) return 1;
    if (has_func(n->a) || has_func(n->b) || has_func(n->c)) return 1;
    for (CaseItem *ci = n->items; ci; ci = ci->next)
      if (has_func(ci->body)) return 1;
  }
  return 0;
}

static void free_words(Word *w) {
  while (w) {
    Word *next = w->next;
    free(w->text);
    free(w);
    w = next;
  }
}

static void free_redirs(Redir *r) {
  while (r) {
    Redir *next = r->next;
    free(r->target);
    free(r);
    r = next;
  }
}

static void free_node(Node *n) {
  while (n) {
    Node *next = n->next;
    free_node(n->a);
    free_node(n->b);
    free_node(n->c);
    free_words(n->words);
    free_words(n->assigns);
    free_redirs(n->redirs);
    free(n->name);
    for (CaseItem *ci = n->items, *cn; ci; ci = cn) {
      cn = ci->next;
      free_words(ci->pats);
      free_node(ci->body);
      free(ci);
    }
    free(n);
    n = next;
  }
}

void tree_release(Node *n) {
  if (n && !has_func(n)) free_node(n);
}
