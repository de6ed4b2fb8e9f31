/*
 * vi [FILE]: a small screen editor in the style of vi, in raw terminal mode.
 * Normal mode: h j k l and the arrow keys move; 0 $ line start/end;
 * gg G first/last line; i a I A insert before/after the cursor or at the
 * line's start/end; o O open a line below/above; x deletes a character;
 * dd deletes a line; : starts a command. Insert mode: typed text is
 * inserted, Enter splits the line, Backspace joins/deletes, Esc returns to
 * normal mode. Commands: :w [FILE] write, :q quit (refused when there are
 * unsaved changes), :q! quit anyway, :wq and :x write and quit, :N go to
 * line N. The screen is redrawn after every key with ANSI sequences; the
 * last row is the status line. The terminal is restored on exit.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "util.h"

struct line { char *s; size_t n, cap; };

static struct line *lines;
static size_t nlines, cap_lines;
static size_t cy, cx, top; /* cursor line/column, first line on screen */
static int rows = 24, cols = 80, dirty, insert_mode;
static char *filename;
static char status[256];
static struct termios saved;

enum { K_ESC = 27, K_UP = 1000, K_DOWN, K_LEFT, K_RIGHT, K_DEL };

static void restore(void) {
  tcsetattr(0, TCSANOW, &saved);
  write_all(1, "\033[2J\033[H", 7);
}

static void raw_mode(void) {
  struct termios t;
  if (tcgetattr(0, &saved) != 0) die(1, "standard input is not a terminal");
  t = saved;
  t.c_iflag &= ~(tcflag_t)(ICRNL | IXON | BRKINT | ISTRIP | INPCK);
  t.c_oflag &= ~(tcflag_t)OPOST;
  t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG | IEXTEN);
  t.c_cflag |= CS8;
  t.c_cc[VMIN] = 1, t.c_cc[VTIME] = 0;
  tcsetattr(0, TCSANOW, &t);
  atexit(restore);
  struct winsize ws;
  if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 2 && ws.ws_col > 10) rows = ws.ws_row, cols = ws.ws_col;
}

static void insert_line(size_t at, const char *s, size_t n) {
  if (nlines == cap_lines) lines = xrealloc(lines, sizeof *lines * (cap_lines = cap_lines ? cap_lines * 2 : 64));
  memmove(lines + at + 1, lines + at, sizeof *lines * (nlines - at));
  lines[at].cap = n + 16, lines[at].n = n;
  lines[at].s = xmalloc(lines[at].cap);
  memcpy(lines[at].s, s, n);
  nlines++;
}

static void delete_line(size_t at) {
  free(lines[at].s);
  memmove(lines + at, lines + at + 1, sizeof *lines * (nlines - at - 1));
  nlines--;
  if (nlines == 0) insert_line(0, "", 0);
}

static void line_insert(struct line *l, size_t at, const char *s, size_t n) {
  if (l->n + n >= l->cap) l->s = xrealloc(l->s, l->cap = (l->n + n) * 2 + 16);
  memmove(l->s + at + n, l->s + at, l->n - at);
  memcpy(l->s + at, s, n);
  l->n += n;
}

static void load(const char *name) {
  FILE *f = fopen(name, "r");
  char *buf = NULL;
  size_t cap = 0;
  long n;
  if (!f) {
    snprintf(status, sizeof status, "\"%.120s\" [New File]", name);
    insert_line(0, "", 0);
    return;
  }
  while ((n = read_line(f, &buf, &cap)) >= 0) {
    if (n > 0 && buf[n - 1] == '\n') n--;
    insert_line(nlines, buf, (size_t)n);
  }
  free(buf);
  fclose(f);
  if (nlines == 0) insert_line(0, "", 0);
  snprintf(status, sizeof status, "\"%.120s\" %zuL", name, nlines);
}

static int save(const char *name) {
  FILE *f = fopen(name, "w");
  size_t bytes = 0;
  if (!f) {
    snprintf(status, sizeof status, "\"%.120s\" %.100s", name, strerror(errno));
    return -1;
  }
  for (size_t i = 0; i < nlines; i++) {
    fwrite(lines[i].s, 1, lines[i].n, f);
    fputc('\n', f);
    bytes += lines[i].n + 1;
  }
  if (fclose(f) != 0) {
    snprintf(status, sizeof status, "\"%.120s\" write error", name);
    return -1;
  }
  dirty = 0;
  snprintf(status, sizeof status, "\"%.120s\" %zuL, %zuB written", name, nlines, bytes);
  return 0;
}

static void clamp(void) {
  if (cy >= nlines) cy = nlines - 1;
  size_t max = lines[cy].n;
  if (!insert_mode && max > 0) max--;
  if (cx > max) cx = max;
  if (cy < top) top = cy;
  if (cy >= top + (size_t)rows - 1) top = cy - (size_t)rows + 2;
}

static void draw(void) {
  char *out = xmalloc((size_t)(rows + 2) * ((size_t)cols + 16) + 512);
  size_t n = 0;
  n += (size_t)sprintf(out + n, "\033[?25l\033[H");
  for (int r = 0; r < rows - 1; r++) {
    size_t i = top + (size_t)r;
    if (i < nlines) {
      size_t len = lines[i].n < (size_t)cols ? lines[i].n : (size_t)cols;
      memcpy(out + n, lines[i].s, len), n += len;
    } else {
      out[n++] = '~';
    }
    n += (size_t)sprintf(out + n, "\033[K\r\n");
  }
  const char *mode = insert_mode ? "-- INSERT --" : status;
  n += (size_t)sprintf(out + n, "%.*s\033[K", cols - 1, mode);
  size_t sx = cx < (size_t)cols ? cx : (size_t)cols - 1;
  n += (size_t)sprintf(out + n, "\033[%zu;%zuH\033[?25h", cy - top + 1, sx + 1);
  write_all(1, out, n);
  free(out);
}

/* Bytes read while decoding an escape sequence that turned out not to be one. */
static unsigned char pend[4];
static int npend;

/* Next input byte: a pushed-back one, else from the terminal (quick: wait at most 0.1 s). */
static int next_byte(int quick) {
  unsigned char c;
  if (npend > 0) {
    c = pend[0];
    memmove(pend, pend + 1, (size_t)--npend);
    return c;
  }
  struct termios t, q;
  if (quick) {
    tcgetattr(0, &t);
    q = t;
    q.c_cc[VMIN] = 0, q.c_cc[VTIME] = 1;
    tcsetattr(0, TCSANOW, &q);
  }
  long n;
  while ((n = read(0, &c, 1)) < 0)
    if (errno != EINTR) exit(1);
  if (quick) tcsetattr(0, TCSANOW, &t);
  else if (n == 0) exit(1);
  return n == 1 ? c : -1;
}

static int read_key(void) {
  int c = next_byte(0);
  if (c != K_ESC) return c;
  int a = next_byte(1);
  if (a < 0) return K_ESC;
  if (a != '[' && a != 'O') {
    pend[npend++] = (unsigned char)a; /* ESC then an ordinary key typed quickly */
    return K_ESC;
  }
  int b = next_byte(1);
  switch (b) {
  case 'A': return K_UP;
  case 'B': return K_DOWN;
  case 'C': return K_RIGHT;
  case 'D': return K_LEFT;
  case '3':
    if (a == '[') return next_byte(1) == '~' ? K_DEL : K_ESC;
  }
  if (a == 'O') { /* ESC, then a typed "O..." */
    pend[npend++] = 'O';
    if (b >= 0) pend[npend++] = (unsigned char)b;
  }
  return K_ESC;
}

/* Reads a ":" command line on the status row; returns NULL if cancelled. */
static char *prompt(void) {
  static char buf[256];
  size_t n = 0;
  for (;;) {
    char shown[300];
    int len = snprintf(shown, sizeof shown, "\033[%d;1H:%.*s\033[K", rows, (int)n, buf);
    write_all(1, shown, (size_t)len);
    int k = read_key();
    if (k == '\r' || k == '\n') break;
    if (k == K_ESC) return NULL;
    if (k == 127 || k == 8) {
      if (n == 0) return NULL;
      n--;
    } else if (k >= 32 && k < 127 && n < sizeof buf - 1) {
      buf[n++] = (char)k;
    }
  }
  buf[n] = 0;
  return buf;
}

/* Runs an ex command; returns 1 to quit. */
static int ex_command(const char *cmd) {
  while (*cmd == ' ') cmd++;
  if (*cmd >= '0' && *cmd <= '9') {
    long n = strtol(cmd, NULL, 10);
    cy = n > 0 ? (size_t)n - 1 : 0;
    return 0;
  }
  char name[8] = "", arg[240] = "";
  sscanf(cmd, "%7[a-z!] %239s", name, arg);
  const char *target = *arg ? arg : filename;
  int write_it = strcmp(name, "w") == 0 || strcmp(name, "wq") == 0 || strcmp(name, "x") == 0;
  if (write_it) {
    if (!target) {
      snprintf(status, sizeof status, "E32: No file name");
      return 0;
    }
    if (!filename) filename = xstrdup(target);
    if (save(target) != 0) return 0;
    return strcmp(name, "w") != 0;
  }
  if (strcmp(name, "q") == 0) {
    if (!dirty) return 1;
    snprintf(status, sizeof status, "E37: No write since last change (add ! to override)");
    return 0;
  }
  if (strcmp(name, "q!") == 0) return 1;
  snprintf(status, sizeof status, "E492: Not an editor command: %.120s", cmd);
  return 0;
}

static void insert_key(int k) {
  struct line *l = &lines[cy];
  if (k == '\r' || k == '\n') {
    insert_line(cy + 1, lines[cy].s + cx, lines[cy].n - cx);
    lines[cy].n = cx;
    cy++, cx = 0;
  } else if (k == 127 || k == 8) {
    if (cx > 0) {
      memmove(l->s + cx - 1, l->s + cx, l->n - cx);
      l->n--, cx--;
    } else if (cy > 0) {
      struct line *p = &lines[cy - 1];
      cx = p->n;
      line_insert(p, p->n, l->s, l->n);
      delete_line(cy);
      cy--;
    }
  } else if (k == K_DEL) {
    if (cx < l->n) memmove(l->s + cx, l->s + cx + 1, l->n - cx - 1), l->n--;
  } else if (k >= K_UP) {
    if (k == K_UP && cy > 0) cy--;
    if (k == K_DOWN && cy + 1 < nlines) cy++;
    if (k == K_LEFT && cx > 0) cx--;
    if (k == K_RIGHT && cx < l->n) cx++;
    return;
  } else if (k == '\t' || (k >= 32 && k < 256)) {
    char c = (char)k;
    line_insert(l, cx, &c, 1);
    cx++;
  } else {
    return;
  }
  dirty = 1;
}

static void open_line(size_t at) {
  insert_line(at, "", 0);
  cy = at, cx = 0, insert_mode = 1, dirty = 1;
}

/* Handles one normal-mode key; returns 1 to quit. */
static int normal_key(int k) {
  struct line *l = &lines[cy];
  status[0] = 0;
  switch (k) {
  case 'h': case K_LEFT: if (cx > 0) cx--; break;
  case 'l': case K_RIGHT: cx++; break;
  case 'k': case K_UP: if (cy > 0) cy--; break;
  case 'j': case K_DOWN: if (cy + 1 < nlines) cy++; break;
  case '0': cx = 0; break;
  case '$': cx = l->n ? l->n - 1 : 0; break;
  case 'G': cy = nlines - 1; break;
  case 'g': if (read_key() == 'g') cy = 0; break;
  case 'i': insert_mode = 1; break;
  case 'I': cx = 0, insert_mode = 1; break;
  case 'a': insert_mode = 1; if (l->n) cx++; break;
  case 'A': insert_mode = 1, cx = l->n; break;
  case 'o': open_line(cy + 1); break;
  case 'O': open_line(cy); break;
  case 'x': case K_DEL:
    if (l->n) memmove(l->s + cx, l->s + cx + 1, l->n - cx - 1), l->n--, dirty = 1;
    break;
  case 'd':
    if (read_key() == 'd') delete_line(cy), dirty = 1;
    break;
  case ':': {
    char *cmd = prompt();
    if (cmd && ex_command(cmd)) return 1;
    break;
  }
  }
  return 0;
}

int main(int argc, char **argv) {
  set_prog(argv[0]);
  if (argc > 2) die(1, "usage: vi [FILE]");
  if (argc == 2) filename = xstrdup(argv[1]), load(argv[1]);
  else insert_line(0, "", 0);
  raw_mode();
  for (;;) {
    clamp();
    draw();
    int k = read_key();
    if (insert_mode) {
      if (k == K_ESC) {
        insert_mode = 0;
        if (cx > 0) cx--;
      } else {
        insert_key(k);
      }
    } else if (normal_key(k)) {
      break;
    }
  }
  return 0;
}
