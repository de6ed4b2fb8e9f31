/*
 * scan.c - skips over raw shell constructs in word text: '...', "...",
 * `...`, $(...), ${...} and $((...)). The lexer has already checked that
 * they are well formed; inside $(...) a ')' that ends a case pattern (between
 * `case` and `esac`) does not close the substitution.
 * Example: skip_dollar("$(a \")\" b) c") points at " c".
 */
#include <string.h>

#include "xbuf.h"


const char *skip_squote(const char *p) {
  const char *q = strchr(p + 1, '\'');
  return q ? q + 1 : p + strlen(p);
}

const char *skip_bq(const char *p) {
  for (p++; *p && *p != '`'; p++)
    if (*p == '\\' && p[1]) p++;
  return *p ? p + 1 : p;
}

const char *skip_dquote(const char *p) {
  for (p++; *p && *p != '"';) {
    if (*p == '\\' && p[1]) p += 2;
    else if (*p == '$') p = skip_dollar(p);
    else if (*p == '`') p = skip_bq(p);
    else p++;
  }
  return *p ? p + 1 : p;
}

static int word_at(const char *start, const char *p, const char *w) {
  size_t n = strlen(w);
  return strncmp(p, w, n) == 0 && (p == start || strchr(" \t\n;&|(", p[-1])) && p[n] && strchr(" \t\n;&|)", p[n]);
}

/* p points after an opening bracket; returns the position after the match.
 * Inside $(...), a ')' between `case` and `esac` ends a pattern, not the
 * substitution (the lexer parsed the body, so it is well formed). */
static const char *skip_nested(const char *p, char open, char close) {
  const char *start = p;
  int depth = 1, cases = 0;
  while (*p) {
    if (*p == '\\' && p[1]) p += 2;
    else if (*p == '\'') p = skip_squote(p);
    else if (*p == '"') p = skip_dquote(p);
    else if (*p == '`') p = skip_bq(p);
    else if (*p == '$' && (p[1] == '(' || p[1] == '{')) p = skip_dollar(p);
    else if (open == '(' && word_at(start, p, "case")) {
      cases++;
      p += 4;
    } else if (open == '(' && cases && word_at(start, p, "esac")) {
      cases--;
      p += 4;
    } else {
      if (*p == open) depth++;
      if (*p == close && !(cases && depth == 1) && --depth == 0) return p + 1;
      p++;
    }
  }
  return p;
}

const char *skip_dollar(const char *p) {
  if (p[1] == '(') return skip_nested(p + 2, '(', ')');
  if (p[1] == '{') return skip_nested(p + 2, '{', '}');
  return p + 1;
}
