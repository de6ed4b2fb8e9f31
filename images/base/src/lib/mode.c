/*
 * mode.c: the chmod mode-expression interpreter behind mode.h.
 * Grammar: clause {"," clause}; clause = [ugoa]* (op perms)+ ;
 * op = "+" | "-" | "=" ; perms = [rwxXst]* | one of [ugo] (copy).
 */
#include "mode.h"

#include <string.h>

static long parse_octal(const char *s) {
  long v = 0;
  if (!*s) return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '7') return -1;
    v = v * 8 + (*s - '0');
    if (v > 07777) return -1;
  }
  return v;
}

static mode_t who_mask(int who) {
  mode_t m = 0;
  if (who & 1) m |= 04700;
  if (who & 2) m |= 02070;
  if (who & 4) m |= 01007;
  return m;
}

/* Permission bits named by perms, for every class (later masked by who). */
static mode_t perm_bits(const char **pp, mode_t cur, int is_dir) {
  mode_t b = 0;
  const char *p = *pp;
  if (*p == 'u' || *p == 'g' || *p == 'o') { /* copy another class's bits */
    int shift = *p == 'u' ? 6 : *p == 'g' ? 3 : 0;
    mode_t r = (cur >> shift) & 7;
    *pp = p + 1;
    return r << 6 | r << 3 | r;
  }
  for (; *p && strchr("rwxXst", *p); p++) {
    switch (*p) {
    case 'r': b |= 0444; break;
    case 'w': b |= 0222; break;
    case 'x': b |= 0111; break;
    case 'X': if (is_dir || (cur & 0111)) b |= 0111; break;
    case 's': b |= 06000; break;
    case 't': b |= 01000; break;
    }
  }
  *pp = p;
  return b;
}

long mode_apply(const char *expr, mode_t old, int is_dir, mode_t umask_bits) {
  long oct = parse_octal(expr);
  if (oct >= 0) return oct;
  mode_t cur = old & 07777;
  const char *p = expr;
  for (;;) {
    int who = 0;
    for (; *p && strchr("ugoa", *p); p++) who |= *p == 'u' ? 1 : *p == 'g' ? 2 : *p == 'o' ? 4 : 7;
    if (*p != '+' && *p != '-' && *p != '=') return -1;
    while (*p == '+' || *p == '-' || *p == '=') {
      char op = *p++;
      mode_t perms = perm_bits(&p, cur, is_dir);
      mode_t affected = who ? who_mask(who) : 07777;
      mode_t bits = perms & affected & (who ? 07777 : ~umask_bits);
      mode_t mentioned = perms & affected;
      mode_t omit = is_dir ? 06000 & ~mentioned : 0; /* '=' keeps a directory's set-id bits */
      if (op == '+') cur |= bits;
      else if (op == '-') cur &= ~bits;
      else cur = (cur & ((who ? ~affected : 0) | omit)) | bits;
    }
    if (*p == 0) return cur;
    if (*p != ',') return -1;
    p++;
  }
}
