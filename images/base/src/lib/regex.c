/*
 * regex.c: the engine behind regex.h.
 *
 * Pipeline: pattern --parse--> tree of nodes --emit--> a small backtracking
 * program (CHAR, ANY, SET, SPLIT, JMP, SAVE, BREF, assertions, MATCH) -->
 * run with an explicit stack from each start position, remembering the
 * longest match. Without back-references a visited bitmap over
 * (instruction, position) keeps the whole search O(program * text): a state
 * that was explored once either already produced the answer or never can.
 * Example: "a\(b*\)c" (BRE) compiles to
 *   SAVE0 CHAR'a' SAVE2 L:SPLIT(body,out) body:CHAR'b' JMP L out:SAVE3
 *   CHAR'c' SAVE1 MATCH
 */
#include "regex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum nkind { N_EMPTY, N_CHAR, N_ANY, N_SET, N_BOL, N_EOL, N_ASSERT, N_GROUP, N_CAT, N_ALT, N_REP, N_BREF };
enum akind { A_WORDB, A_NWORDB, A_WBEG, A_WEND, A_BUFBEG, A_BUFEND };
enum op { O_CHAR, O_ANY, O_SET, O_BOL, O_EOL, O_ASSERT, O_SPLIT, O_JMP, O_SAVE, O_BREF, O_MARK, O_CHECK, O_MATCH };

struct node { int kind, a, b, l, r; };
struct inst { int op, x, y; };
struct set { unsigned char bits[32]; };

struct rx {
  struct inst *code;
  int ncode;
  struct set *sets;
  int ngroups, nmarks, icase, has_bref;
  int nullable;             /* may match without consuming a byte (then no prefilter) */
  unsigned char first[256]; /* bytes that can start a match */
};

struct parser {
  const unsigned char *p, *end;
  int ere, icase, ngroups, closed, depth, has_bref;
  const char *err;
  struct node *nodes;
  int nnodes, capnodes;
  struct set *sets;
  int nsets;
};

enum { MAX_REPEAT = 1000, MAX_CODE = 200000 };

static int mk(struct parser *ps, int kind, int a, int b, int l, int r) {
  if (ps->nnodes == ps->capnodes) {
    ps->capnodes = ps->capnodes ? ps->capnodes * 2 : 64;
    ps->nodes = xrealloc(ps->nodes, sizeof *ps->nodes * (size_t)ps->capnodes);
  }
  struct node *n = &ps->nodes[ps->nnodes];
  n->kind = kind, n->a = a, n->b = b, n->l = l, n->r = r;
  return ps->nnodes++;
}

static int new_set(struct parser *ps) {
  ps->sets = xrealloc(ps->sets, sizeof *ps->sets * (size_t)(ps->nsets + 1));
  memset(&ps->sets[ps->nsets], 0, sizeof *ps->sets);
  return ps->nsets++;
}

static void set_add(struct parser *ps, int s, int c) {
  ps->sets[s].bits[(unsigned char)c >> 3] |= (unsigned char)(1u << (c & 7));
  if (ps->icase) {
    int l = tolower(c), u = toupper(c);
    ps->sets[s].bits[l >> 3] |= (unsigned char)(1u << (l & 7));
    ps->sets[s].bits[u >> 3] |= (unsigned char)(1u << (u & 7));
  }
}

static int set_has(const struct set *s, int c) { return s->bits[c >> 3] >> (c & 7) & 1; }

static int is_word(int c) { return isalnum(c) || c == '_'; }

static const struct { const char *name; int (*fn)(int); } classes[] = {
  {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
  {"lower", islower}, {"space", isspace}, {"blank", isblank}, {"punct", ispunct},
  {"print", isprint}, {"graph", isgraph}, {"cntrl", iscntrl}, {"xdigit", isxdigit},
};

static int add_class(struct parser *ps, int s, const unsigned char *name, size_t n) {
  for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
    if (strlen(classes[i].name) == n && memcmp(classes[i].name, name, n) == 0) {
      int (*fn)(int) = classes[i].fn;
      if (ps->icase && (fn == isupper || fn == islower)) fn = isalpha;
      for (int c = 0; c < 256; c++) if (fn(c)) set_add(ps, s, c);
      return 1;
    }
  }
  return 0;
}

/* Parses "[=x=]" or "[.x.]" at ps->p (pointing at '['); returns the char or -1. */
static int bracket_symbol(struct parser *ps) {
  const unsigned char *p = ps->p;
  if (p + 4 < ps->end + 1 && p[0] == '[' && (p[1] == '.' || p[1] == '=') && p + 4 <= ps->end &&
      p[3] == p[1] && p[4] == ']') {
    ps->p += 5;
    return p[2];
  }
  return -1;
}

static int parse_bracket(struct parser *ps) {
  int s = new_set(ps), neg = 0, first = 1;
  if (ps->p < ps->end && *ps->p == '^') neg = 1, ps->p++;
  for (;;) {
    if (ps->p >= ps->end) {
      ps->err = "Unmatched [, [^, [:, [., or [=";
      return -1;
    }
    int c = *ps->p;
    if (c == ']' && !first) {
      ps->p++;
      break;
    }
    first = 0;
    if (c == '[' && ps->p + 1 < ps->end && ps->p[1] == ':') {
      const unsigned char *name = ps->p + 2, *q = name;
      while (q + 1 < ps->end && !(q[0] == ':' && q[1] == ']')) q++;
      if (q + 1 >= ps->end) {
        ps->err = "Unmatched [, [^, [:, [., or [=";
        return -1;
      }
      if (!add_class(ps, s, name, (size_t)(q - name))) {
        ps->err = "Invalid character class name";
        return -1;
      }
      ps->p = q + 2;
      continue;
    }
    int lo = bracket_symbol(ps);
    if (lo < 0) lo = c, ps->p++;
    if (ps->p + 1 < ps->end && *ps->p == '-' && ps->p[1] != ']') {
      ps->p++;
      int hi = bracket_symbol(ps);
      if (hi < 0) hi = *ps->p++;
      if (hi < lo) {
        ps->err = "Invalid range end";
        return -1;
      }
      for (int x = lo; x <= hi; x++) set_add(ps, s, x);
    } else {
      set_add(ps, s, lo);
    }
  }
  if (neg) {
    for (int i = 0; i < 32; i++) ps->sets[s].bits[i] = (unsigned char)~ps->sets[s].bits[i];
    ps->sets[s].bits['\n' >> 3] &= (unsigned char)~(1u << ('\n' & 7));
  }
  return mk(ps, N_SET, s, 0, -1, -1);
}

static int class_node(struct parser *ps, int (*fn)(int), int neg) {
  int s = new_set(ps);
  for (int c = 0; c < 256; c++) if ((!fn(c)) == neg) set_add(ps, s, c);
  return mk(ps, N_SET, s, 0, -1, -1);
}

static int is_space(int c) { return isspace(c); }

static int char_node(struct parser *ps, int c) {
  return mk(ps, N_CHAR, ps->icase ? tolower(c) : c, 0, -1, -1);
}

/* At an alternation operator or a group close (that ends a concatenation)? */
static int at_cat_end(struct parser *ps) {
  const unsigned char *p = ps->p;
  if (p >= ps->end) return 1;
  if (ps->ere) return *p == '|' || (*p == ')' && ps->depth > 0);
  return p + 1 < ps->end && p[0] == '\\' && (p[1] == '|' || p[1] == ')');
}

static int parse_alt(struct parser *ps);

static int parse_group(struct parser *ps) {
  int g = ++ps->ngroups;
  ps->depth++;
  int inner = parse_alt(ps);
  ps->depth--;
  if (inner < 0) return -1;
  if (ps->p >= ps->end) {
    ps->err = "Unmatched ( or \\(";
    return -1;
  }
  ps->p += ps->ere ? 1 : 2;
  if (g < RX_NSUB) {
    if (g > ps->closed) ps->closed = g;
    return mk(ps, N_GROUP, g, 0, inner, -1);
  }
  return inner;
}

static int parse_escape(struct parser *ps) {
  if (ps->p + 1 >= ps->end) {
    ps->err = "Trailing backslash";
    return -1;
  }
  int c = ps->p[1];
  ps->p += 2;
  if (!ps->ere && c == '(') return parse_group(ps);
  if (!ps->ere && c == '{') {
    ps->err = "Invalid preceding regular expression";
    return -1;
  }
  if (c >= '1' && c <= '9') {
    if (c - '0' > ps->closed) {
      ps->err = "Invalid back reference";
      return -1;
    }
    ps->has_bref = 1;
    return mk(ps, N_BREF, c - '0', 0, -1, -1);
  }
  switch (c) {
  case 'w': return class_node(ps, is_word, 0);
  case 'W': return class_node(ps, is_word, 1);
  case 's': return class_node(ps, is_space, 0);
  case 'S': return class_node(ps, is_space, 1);
  case 'b': return mk(ps, N_ASSERT, A_WORDB, 0, -1, -1);
  case 'B': return mk(ps, N_ASSERT, A_NWORDB, 0, -1, -1);
  case '<': return mk(ps, N_ASSERT, A_WBEG, 0, -1, -1);
  case '>': return mk(ps, N_ASSERT, A_WEND, 0, -1, -1);
  case '`': return mk(ps, N_ASSERT, A_BUFBEG, 0, -1, -1);
  case '\'': return mk(ps, N_ASSERT, A_BUFEND, 0, -1, -1);
  }
  return char_node(ps, c);
}

/* Parses one atom; at_start says we are at the start of a concatenation. */
static int parse_atom(struct parser *ps, int at_start) {
  int c = *ps->p;
  if (c == '\\') return parse_escape(ps);
  ps->p++;
  switch (c) {
  case '.': return mk(ps, N_ANY, 0, 0, -1, -1);
  case '[': return parse_bracket(ps);
  case '^':
    if (ps->ere || at_start) return mk(ps, N_BOL, 0, 0, -1, -1);
    break;
  case '$':
    if (ps->ere || at_cat_end(ps)) return mk(ps, N_EOL, 0, 0, -1, -1);
    break;
  case '(':
    if (ps->ere) return parse_group(ps);
    break;
  }
  return char_node(ps, c);
}

/* Reads "m}", "m,}", "m,n}", ",n}" (BRE: with "\}"). Returns 0 if not an interval. */
static int parse_interval(struct parser *ps, int *min, int *max) {
  const unsigned char *p = ps->p;
  long lo = 0, hi;
  int digits = 0;
  while (p < ps->end && isdigit(*p)) lo = lo * 10 + (*p++ - '0'), digits++;
  hi = lo;
  if (p < ps->end && *p == ',') {
    p++;
    if (p < ps->end && isdigit(*p)) {
      hi = 0;
      while (p < ps->end && isdigit(*p)) hi = hi * 10 + (*p++ - '0');
    } else {
      hi = -1;
    }
  } else if (!digits) {
    return 0;
  }
  if (!ps->ere) {
    if (p + 1 < ps->end && p[0] == '\\' && p[1] == '}') p += 2;
    else return 0;
  } else {
    if (p < ps->end && *p == '}') p++;
    else return 0;
  }
  if (lo > MAX_REPEAT || hi > MAX_REPEAT || (hi >= 0 && hi < lo)) {
    ps->err = hi >= 0 && hi < lo ? "Invalid content of \\{\\}" : "Regular expression too big";
    return -1;
  }
  *min = (int)lo, *max = (int)hi;
  ps->p = p;
  return 1;
}

/* Recognises a repetition operator at ps->p; fills min/max. 0: none, -1: error. */
static int repeat_op(struct parser *ps, int *min, int *max) {
  const unsigned char *p = ps->p;
  if (p >= ps->end) return 0;
  if (*p == '*') {
    ps->p++, *min = 0, *max = -1;
    return 1;
  }
  if (ps->ere) {
    if (*p == '+' || *p == '?') {
      ps->p++, *min = *p == '+', *max = *p == '+' ? -1 : 1;
      return 1;
    }
    if (*p == '{') {
      ps->p++;
      int r = parse_interval(ps, min, max);
      if (r == 0) ps->p--;
      return r;
    }
    return 0;
  }
  if (p + 1 < ps->end && p[0] == '\\') {
    if (p[1] == '+' || p[1] == '?') {
      ps->p += 2, *min = p[1] == '+', *max = p[1] == '+' ? -1 : 1;
      return 1;
    }
    if (p[1] == '{') {
      ps->p += 2;
      int r = parse_interval(ps, min, max);
      if (r == 0) {
        ps->err = "Unmatched \\{";
        return -1;
      }
      return r;
    }
  }
  return 0;
}

static int parse_cat(struct parser *ps) {
  int n = mk(ps, N_EMPTY, 0, 0, -1, -1), at_start = 1, min, max;
  while (!at_cat_end(ps)) {
    if (ps->ere && at_start && repeat_op(ps, &min, &max)) continue; /* GNU: leading op ignored */
    if (ps->err) return -1;
    int atom;
    if (!ps->ere && at_start && *ps->p == '*') {
      ps->p++;
      atom = char_node(ps, '*');
    } else {
      atom = parse_atom(ps, at_start);
    }
    if (atom < 0) return -1;
    int was_bol = ps->nodes[atom].kind == N_BOL, r = 0;
    if (!(was_bol && !ps->ere)) /* BRE: "^*" is an anchor and a literal star */
      while ((r = repeat_op(ps, &min, &max)) > 0) atom = mk(ps, N_REP, min, max, atom, -1);
    if (r < 0) return -1;
    n = mk(ps, N_CAT, 0, 0, n, atom);
    at_start = !ps->ere && was_bol && at_start;
    if (at_start && ps->p < ps->end && *ps->p == '*') {
      ps->p++;
      n = mk(ps, N_CAT, 0, 0, n, char_node(ps, '*'));
      at_start = 0;
    }
  }
  return n;
}

static int parse_alt(struct parser *ps) {
  int n = parse_cat(ps);
  while (n >= 0 && ps->p < ps->end && at_cat_end(ps) &&
         (ps->ere ? *ps->p == '|' : ps->p[1] == '|')) {
    ps->p += ps->ere ? 1 : 2;
    int r = parse_cat(ps);
    if (r < 0) return -1;
    n = mk(ps, N_ALT, 0, 0, n, r);
  }
  return n;
}

/* ---- code emission ---- */

struct emitter { struct inst *code; int n, cap, nmarks, too_big; const struct node *nodes; };

static int emit(struct emitter *e, int op, int x, int y) {
  if (e->n >= MAX_CODE) {
    e->too_big = 1;
    return e->n;
  }
  if (e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 64;
    e->code = xrealloc(e->code, sizeof *e->code * (size_t)e->cap);
  }
  e->code[e->n].op = op, e->code[e->n].x = x, e->code[e->n].y = y;
  return e->n++;
}

static void emit_node(struct emitter *e, int i);

static void emit_rep(struct emitter *e, const struct node *n) {
  for (int k = 0; k < n->a && !e->too_big; k++) emit_node(e, n->l);
  if (n->b < 0) {
    int mark = e->nmarks++;
    int split = emit(e, O_SPLIT, 0, 0);
    e->code[split].x = emit(e, O_MARK, mark, 0);
    emit_node(e, n->l);
    emit(e, O_CHECK, mark, 0);
    emit(e, O_JMP, split, 0);
    e->code[split].y = e->n;
    return;
  }
  int first = e->n, cnt = n->b - n->a;
  for (int k = 0; k < cnt && !e->too_big; k++) {
    int split = emit(e, O_SPLIT, 0, -1);
    e->code[split].x = e->n;
    emit_node(e, n->l);
  }
  for (int k = first; k < e->n && !e->too_big; k++)
    if (e->code[k].op == O_SPLIT && e->code[k].y == -1) e->code[k].y = e->n;
}

static void emit_node(struct emitter *e, int i) {
  const struct node *n = &e->nodes[i];
  if (e->too_big) return;
  switch (n->kind) {
  case N_EMPTY: break;
  case N_CHAR: emit(e, O_CHAR, n->a, 0); break;
  case N_ANY: emit(e, O_ANY, 0, 0); break;
  case N_SET: emit(e, O_SET, n->a, 0); break;
  case N_BOL: emit(e, O_BOL, 0, 0); break;
  case N_EOL: emit(e, O_EOL, 0, 0); break;
  case N_ASSERT: emit(e, O_ASSERT, n->a, 0); break;
  case N_BREF: emit(e, O_BREF, n->a, 0); break;
  case N_GROUP:
    emit(e, O_SAVE, 2 * n->a, 0);
    emit_node(e, n->l);
    emit(e, O_SAVE, 2 * n->a + 1, 0);
    break;
  case N_CAT: emit_node(e, n->l); emit_node(e, n->r); break;
  case N_ALT: {
    int split = emit(e, O_SPLIT, 0, 0);
    e->code[split].x = e->n;
    emit_node(e, n->l);
    int jmp = emit(e, O_JMP, 0, 0);
    e->code[split].y = e->n;
    emit_node(e, n->r);
    e->code[jmp].x = e->n;
    break;
  }
  case N_REP: emit_rep(e, n); break;
  }
}

/* Collects the bytes that can begin a match, following the program from pc
 * without consuming input; sets re->nullable when a match or a zero-width
 * test other than ^ can come first (no prefilter is then safe). */
static void first_bytes(struct rx *re, int pc, unsigned char *seen) {
  for (;;) {
    if (seen[pc]) return;
    seen[pc] = 1;
    const struct inst *in = &re->code[pc];
    switch (in->op) {
    case O_CHAR:
      re->first[in->x] = 1;
      if (re->icase) re->first[toupper(in->x)] = 1;
      return;
    case O_ANY: memset(re->first, 1, sizeof re->first); return;
    case O_SET:
      for (int c = 0; c < 256; c++)
        if (set_has(&re->sets[in->x], c)) re->first[c] = 1;
      return;
    case O_SPLIT: first_bytes(re, in->y, seen); pc = in->x; break;
    case O_JMP: pc = in->x; break;
    case O_SAVE: case O_MARK: case O_CHECK: case O_BOL: pc++; break;
    default: re->nullable = 1; return; /* MATCH, EOL, assertions, back-references */
    }
  }
}

struct rx *rx_compile(const char *pat, size_t patlen, int flags, const char **err) {
  struct parser ps;
  memset(&ps, 0, sizeof ps);
  ps.p = (const unsigned char *)pat, ps.end = ps.p + patlen;
  ps.ere = (flags & RX_EXTENDED) != 0, ps.icase = (flags & RX_ICASE) != 0;
  int root = parse_alt(&ps);
  if (root >= 0 && ps.p < ps.end) ps.err = ps.ere ? "Unmatched ) or \\)" : "Unmatched ) or \\)";
  if (root < 0 || ps.err) {
    *err = ps.err ? ps.err : "Invalid regular expression";
    free(ps.nodes), free(ps.sets);
    return NULL;
  }
  struct emitter e;
  memset(&e, 0, sizeof e);
  e.nodes = ps.nodes;
  emit(&e, O_SAVE, 0, 0);
  emit_node(&e, root);
  emit(&e, O_SAVE, 1, 0);
  emit(&e, O_MATCH, 0, 0);
  free(ps.nodes);
  if (e.too_big) {
    *err = "Regular expression too big";
    free(e.code), free(ps.sets);
    return NULL;
  }
  struct rx *re = xmalloc(sizeof *re);
  re->code = e.code, re->ncode = e.n, re->sets = ps.sets;
  re->ngroups = ps.ngroups, re->nmarks = e.nmarks, re->icase = ps.icase;
  re->has_bref = ps.has_bref;
  re->nullable = 0;
  memset(re->first, 0, sizeof re->first);
  unsigned char *seen = calloc((size_t)re->ncode, 1);
  if (seen) first_bytes(re, 0, seen);
  else re->nullable = 1;
  free(seen);
  return re;
}

int rx_groups(const struct rx *re) { return re->ngroups; }

void rx_free(struct rx *re) {
  if (!re) return;
  free(re->code), free(re->sets), free(re);
}

/* ---- matching ---- */

enum { E_BRANCH, E_CAP, E_MARK };
struct entry { int kind, pc; long pos; };

struct run {
  const struct rx *re;
  const unsigned char *s;
  long len;
  long caps[2 * RX_NSUB], *marks;
  unsigned char *visited;
  struct entry *stack;
  long sp, cap;
};

static void push(struct run *r, int kind, int pc, long pos) {
  if (r->sp == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 256;
    r->stack = xrealloc(r->stack, sizeof *r->stack * (size_t)r->cap);
  }
  r->stack[r->sp].kind = kind, r->stack[r->sp].pc = pc, r->stack[r->sp].pos = pos;
  r->sp++;
}

static int assert_ok(const struct run *r, int kind, long pos) {
  int a = pos > 0 && is_word(r->s[pos - 1]), b = pos < r->len && is_word(r->s[pos]);
  switch (kind) {
  case A_WORDB: return a != b;
  case A_NWORDB: return a == b;
  case A_WBEG: return !a && b;
  case A_WEND: return a && !b;
  case A_BUFBEG: return pos == 0;
  default: return pos == r->len;
  }
}

static int bref_len(const struct run *r, int g, long pos) {
  long b = r->caps[2 * g], e = r->caps[2 * g + 1];
  if (b < 0 || e < 0) return -1;
  if (pos + (e - b) > r->len) return -1;
  for (long i = 0; i < e - b; i++) {
    int x = r->s[b + i], y = r->s[pos + i];
    if (r->re->icase ? tolower(x) != tolower(y) : x != y) return -1;
  }
  return (int)(e - b);
}

/* Runs one thread from (pc, pos) until it fails; returns 1 when the search can stop. */
static int thread(struct run *r, int pc, long pos, long *best, long *m) {
  const struct inst *code = r->re->code;
  for (;;) {
    if (r->visited) {
      size_t bit = (size_t)pc * (size_t)(r->len + 1) + (size_t)pos;
      if (r->visited[bit >> 3] >> (bit & 7) & 1) return 0;
      r->visited[bit >> 3] |= (unsigned char)(1u << (bit & 7));
    }
    const struct inst *in = &code[pc];
    switch (in->op) {
    case O_CHAR:
      if (pos >= r->len) return 0;
      if ((r->re->icase ? tolower(r->s[pos]) : r->s[pos]) != in->x) return 0;
      pc++, pos++;
      break;
    case O_ANY:
      if (pos >= r->len) return 0;
      pc++, pos++;
      break;
    case O_SET:
      if (pos >= r->len || !set_has(&r->re->sets[in->x], r->s[pos])) return 0;
      pc++, pos++;
      break;
    case O_BOL: if (pos != 0) return 0; pc++; break;
    case O_EOL: if (pos != r->len) return 0; pc++; break;
    case O_ASSERT: if (!assert_ok(r, in->x, pos)) return 0; pc++; break;
    case O_SPLIT: push(r, E_BRANCH, in->y, pos); pc = in->x; break;
    case O_JMP: pc = in->x; break;
    case O_SAVE:
      push(r, E_CAP, in->x, r->caps[in->x]);
      r->caps[in->x] = pos;
      pc++;
      break;
    case O_BREF: {
      int n = bref_len(r, in->x, pos);
      if (n < 0) return 0;
      pc++, pos += n;
      break;
    }
    case O_MARK:
      if (!r->visited) push(r, E_MARK, in->x, r->marks[in->x]), r->marks[in->x] = pos;
      pc++;
      break;
    case O_CHECK:
      if (!r->visited && r->marks[in->x] == pos) return 0;
      pc++;
      break;
    case O_MATCH:
      if (pos > *best) {
        *best = pos;
        memcpy(m, r->caps, sizeof r->caps);
      }
      return pos == r->len;
    }
  }
}

static int run_from(struct run *r, long start, long *m) {
  long best = -1;
  for (int i = 0; i < 2 * RX_NSUB; i++) r->caps[i] = -1;
  r->sp = 0;
  push(r, E_BRANCH, 0, start);
  while (r->sp > 0) {
    struct entry e = r->stack[--r->sp];
    if (e.kind == E_CAP) r->caps[e.pc] = e.pos;
    else if (e.kind == E_MARK) r->marks[e.pc] = e.pos;
    else if (thread(r, e.pc, e.pos, &best, m)) break;
  }
  return best >= 0;
}

/* Allocates the per-search state on the first start position that needs a run. */
static void prepare(struct run *r) {
  r->marks = xmalloc(sizeof *r->marks * (size_t)(r->re->nmarks + 1));
  for (int i = 0; i < r->re->nmarks; i++) r->marks[i] = -1;
  if (!r->re->has_bref) r->visited = calloc((size_t)r->re->ncode * (size_t)(r->len + 1) / 8 + 1, 1);
}

int rx_exec(struct rx *re, const char *s, size_t len, size_t from, long *m) {
  struct run r;
  int found = 0;
  memset(&r, 0, sizeof r);
  r.re = re, r.s = (const unsigned char *)s, r.len = (long)len;
  for (long start = (long)from; start <= r.len && !found; start++) {
    if (!re->nullable && (start == r.len || !re->first[r.s[start]])) continue; /* cannot start here */
    if (!r.marks) prepare(&r);
    found = run_from(&r, start, m);
    if (re->code[1].op == O_BOL && !found) break;
  }
  free(r.marks), free(r.visited), free(r.stack);
  return found;
}
