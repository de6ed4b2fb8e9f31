/*
 * xbuf.h - the expander's private interface: a character buffer in which
 * every character carries a flag saying where it came from, shared by
 * expand.c (producer), fields.c (field splitting) and scan.c (skipping
 * over raw constructs).
 */
#ifndef XBUF_H
#define XBUF_H

#include "sh.h"

/* F_LIT unquoted source text (glob active, never split); F_QUOT quoted;
 * F_EXP result of an unquoted expansion (split on IFS, glob active);
 * F_BRK a forced field break ("$@"); F_MARK an empty quoted string. */
enum { F_LIT, F_QUOT, F_EXP, F_BRK, F_MARK };

typedef struct {
  Str s;
  char *f;
  size_t fcap;
} XBuf;

void xadd(XBuf *b, int c, int flag);
void xadds(XBuf *b, const char *s, int quoted);
void xfree(XBuf *b);
void split_fields(XBuf *b, StrList *out);

/* scan.c: each takes p at the opening character and returns the position
 * after the construct (or the end of the string if it is unterminated). */
const char *skip_squote(const char *p);
const char *skip_dquote(const char *p);
const char *skip_bq(const char *p);
const char *skip_dollar(const char *p);

#endif
