/*
 * fields.c - field splitting (POSIX 2.6.5) and the hand-off to pathname
 * expansion. Only F_EXP characters in IFS split; IFS white space runs are
 * one delimiter and are trimmed at the ends, each other IFS character
 * delimits exactly one field ("a::b" with IFS=: gives a, "", b). A field
 * with unquoted * ? [ is globbed; no match leaves it as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "xbuf.h"

typedef struct {
  Str s;
  Str pat;
  int meta;
  int started;
} Field;

static void field_add(Field *f, int c, int flag) {
  str_addc(&f->s, c);
  if ((flag == F_QUOT && strchr("*?[]\\", c)) || (flag == F_EXP && c == '\\')) str_addc(&f->pat, '\\');
  else if (flag != F_QUOT && (c == '*' || c == '?' || c == '[')) f->meta = 1;
  str_addc(&f->pat, c);
  f->started = 1;
}

static void field_emit(Field *f, StrList *out) {
  if (!f->started) return;
  if (f->meta && !opt_f && has_meta(f->pat.s)) {
    int before = out->n;
    glob_expand(f->pat.s, out);
    if (out->n == before) sl_add(out, str_take(&f->s));
  } else {
    sl_add(out, str_take(&f->s));
  }
  free(f->s.s);
  free(f->pat.s);
  memset(f, 0, sizeof *f);
}

void split_fields(XBuf *b, StrList *out) {
  const char *ifs = var_get("IFS");
  if (!ifs) ifs = " \t\n";
  Field f = {0};
  int delim = 0; /* 0 none, 1 whitespace ended a field, 2 non-whitespace */
  for (size_t i = 0; i < b->s.n; i++) {
    int c = (unsigned char)b->s.s[i], fl = b->f[i];
    if (fl == F_MARK) {
      f.started = 1;
    } else if (fl == F_BRK) {
      field_emit(&f, out);
      delim = 0;
    } else if (fl == F_EXP && c && strchr(ifs, c)) {
      int ws = c == ' ' || c == '\t' || c == '\n';
      if (ws) {
        if (f.started) {
          field_emit(&f, out);
          delim = 1;
        }
      } else {
        if (f.started) field_emit(&f, out);
        else if (delim != 1) {
          f.started = 1;
          field_emit(&f, out);
        }
        delim = 2;
      }
    } else {
      field_add(&f, c, fl);
      delim = 0;
    }
  }
  field_emit(&f, out);
}
