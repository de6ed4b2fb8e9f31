/*
 * lineedit.c - the interactive line editor (emacs-style keys).
 *
 * Puts the terminal in raw mode for the duration of one line, redraws the
 * line after every key (up to the prompt's row, prompt, text, erase below,
 * cursor to its row and column; long lines wrap over several rows of the
 * terminal width) and restores the terminal before returning the line
 * with its newline. Keys: left/right ^B ^F, home/end ^A ^E, delete,
 * backspace, ^D (EOF on an empty line), ^K ^U ^W, ^L, ^C (cancel line),
 * up/down ^P ^N (history), tab (completion). When stdin is not a terminal
 * it reads a plain line. Returns NULL at end of input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

typedef struct {
  Str line;
  size_t pos;
  const char *prompt; /* last line of the prompt, for redraws */
  int hidx;           /* history position; hist_count() = the new line */
  char *draft;        /* the new line while browsing history */
  size_t crow;        /* rows the cursor is below the prompt's row */
} Ed;

enum { K_DELETE = 256 }; /* keys decoded from escape sequences, beyond bytes */

static void out(const char *s, size_t n) {
  while (n) {
    ssize_t w = write(2, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    s += w;
    n -= (size_t)w;
  }
}

static void outs(const char *s) { out(s, strlen(s)); }

/* Printed width of s: ESC [ ... final-letter sequences take no room. */
static size_t visible_len(const char *s) {
  size_t n = 0;
  for (; *s; s++) {
    if (s[0] == '\x1b' && s[1] == '[') {
      s += 2;
      while (*s && !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) s++;
      if (!*s) break;
      continue;
    }
    if ((*s & 0xc0) != 0x80) n++;
  }
  return n;
}

static size_t term_cols(void) {
  struct winsize ws;
  if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col) return ws.ws_col;
  return 80;
}

static void cursor_move(Str *s, size_t n, char dir) {
  if (!n) return;
  char b[32];
  snprintf(b, sizeof b, "\x1b[%zu%c", n, dir);
  str_adds(s, b);
}

static void refresh(Ed *e) {
  size_t cols = term_cols(), plen = visible_len(e->prompt);
  size_t end = plen + e->line.n, cur = plen + e->pos;
  Str s = {0};
  cursor_move(&s, e->crow, 'A');
  str_addc(&s, '\r');
  str_adds(&s, e->prompt);
  if (e->line.n) str_addn(&s, e->line.s, e->line.n);
  str_adds(&s, "\x1b[J");
  if (end && end % cols == 0) str_addc(&s, '\n'); /* leave the pending-wrap column */
  cursor_move(&s, end / cols - cur / cols, 'A');
  str_addc(&s, '\r');
  cursor_move(&s, cur % cols, 'C');
  e->crow = cur / cols;
  out(s.s, s.n);
  free(s.s);
}

static void insert(Ed *e, const char *text, size_t n) {
  str_addn(&e->line, text, n); /* grow */
  memmove(e->line.s + e->pos + n, e->line.s + e->pos, e->line.n - n - e->pos);
  memcpy(e->line.s + e->pos, text, n);
  e->pos += n;
}

static void erase(Ed *e, size_t from, size_t to) {
  if (to <= from) return;
  memmove(e->line.s + from, e->line.s + to, e->line.n - to);
  e->line.n -= to - from;
  e->line.s[e->line.n] = 0;
  e->pos = from;
}

static void set_line(Ed *e, const char *s) {
  e->line.n = 0;
  if (e->line.s) e->line.s[0] = 0;
  str_adds(&e->line, s);
  e->pos = e->line.n;
}

static void history_move(Ed *e, int dir) {
  int n = hist_count(), i = e->hidx + dir;
  if (i < 0 || i > n) return;
  if (e->hidx == n) {
    free(e->draft);
    e->draft = xstrdup(e->line.s ? e->line.s : "");
  }
  e->hidx = i;
  set_line(e, i == n ? (e->draft ? e->draft : "") : hist_get(i));
}

static int read_key(void) {
  unsigned char c;
  for (;;) {
    ssize_t n = read(0, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return -1;
  }
}

/* Decodes an escape sequence into one of the control keys it means. */
static int escape_key(void) {
  int c = read_key();
  if (c != '[' && c != 'O') return 0;
  int d = read_key();
  switch (d) {
    case 'A': return 16;
    case 'B': return 14;
    case 'C': return 6;
    case 'D': return 2;
    case 'H': return 1;
    case 'F': return 5;
  }
  if (d >= '0' && d <= '9') {
    int t = read_key();
    while (t >= '0' && t <= '9') t = read_key();
    if (d == '1' || d == '7') return 1;
    if (d == '4' || d == '8') return 5;
    if (d == '3') return K_DELETE;
  }
  return 0;
}

static void word_erase(Ed *e) {
  size_t p = e->pos;
  while (p && e->line.s[p - 1] == ' ') p--;
  while (p && e->line.s[p - 1] != ' ') p--;
  erase(e, p, e->pos);
}

/* Handles one key; returns 1 on Enter, -1 on EOF, -2 on ^C, else 0. */
static int handle_key(Ed *e, int c) {
  if (c == 27) c = escape_key();
  switch (c) {
    case '\r':
    case '\n': return 1;
    case 1: e->pos = 0; break;
    case 5: e->pos = e->line.n; break;
    case 2: if (e->pos) e->pos--; break;
    case 6: if (e->pos < e->line.n) e->pos++; break;
    case 127:
    case 8: if (e->pos) erase(e, e->pos - 1, e->pos); break;
    case 4:
      if (!e->line.n) return -1;
      /* fallthrough */
    case K_DELETE: if (e->pos < e->line.n) erase(e, e->pos, e->pos + 1); break;
    case 11: erase(e, e->pos, e->line.n); break;
    case 21: erase(e, 0, e->pos); break;
    case 23: word_erase(e); break;
    case 12:
      outs("\x1b[H\x1b[2J");
      e->crow = 0;
      break;
    case 3: return -2;
    case 16: history_move(e, -1); break;
    case 14: history_move(e, 1); break;
    case 9: {
      int listed = 0;
      if (!e->line.s) str_adds(&e->line, "");
      complete_line(&e->line, &e->pos, &listed);
      if (listed) e->crow = 0; /* the list was printed below: redraw there */
      break;
    }
    case -1: return -1;
    default:
      if (c >= 32 && c < 256) {
        char ch = (char)c;
        insert(e, &ch, 1);
      }
  }
  return 0;
}

static char *plain_line(const char *prompt) {
  outs(prompt);
  Str s = {0};
  for (;;) {
    int c = read_key();
    if (c < 0) return s.n ? (str_addc(&s, '\n'), str_take(&s)) : (free(s.s), NULL);
    str_addc(&s, c);
    if (c == '\n') return str_take(&s);
  }
}

char *line_edit(const char *prompt) {
  struct termios old, raw;
  if (!isatty(0) || tcgetattr(0, &old) < 0) return plain_line(prompt);
  raw = old;
  raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  tcsetattr(0, TCSADRAIN, &raw);
  Ed e = {{0}, 0, prompt, hist_count(), NULL, 0};
  const char *nl = strrchr(prompt, '\n');
  outs(prompt);
  if (nl) e.prompt = nl + 1;
  e.crow = visible_len(e.prompt) / term_cols();
  int r;
  for (;;) {
    r = handle_key(&e, read_key());
    if (r) break;
    refresh(&e);
  }
  if (r == 1 && e.pos < e.line.n) {
    e.pos = e.line.n; /* the newline goes after the last row */
    refresh(&e);
  }
  tcsetattr(0, TCSADRAIN, &old);
  free(e.draft);
  if (r == -1) {
    free(e.line.s);
    return NULL;
  }
  if (r == -2) {
    outs("^C\n");
    e.line.n = 0;
  } else {
    outs("\n");
  }
  if (e.line.s) e.line.s[e.line.n] = 0;
  str_addc(&e.line, '\n');
  return str_take(&e.line);
}
