/*
 * more [FILE...]: page through text. On a terminal it shows a screenful
 * (rows from TIOCGWINSZ, else 24) then "--More--(NN%)" and reads a key
 * from the terminal in raw mode: SPACE next page, ENTER next line,
 * q quit. Several files are introduced by a ":::" banner with the name.
 * When standard output is not a terminal it copies its input like cat,
 * with the banner before every named file (as util-linux more).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "util.h"

static int rows = 24, tty_fd = -1, quit;
static int shown; /* lines shown since the last prompt */

static int get_key(const char *prompt) {
  struct termios old, raw;
  char c = 'q';
  printf("\033[7m%s\033[m", prompt);
  fflush(stdout);
  if (tcgetattr(tty_fd, &old) == 0) {
    raw = old;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 1, raw.c_cc[VTIME] = 0;
    tcsetattr(tty_fd, TCSANOW, &raw);
    if (read(tty_fd, &c, 1) != 1) c = 'q';
    tcsetattr(tty_fd, TCSANOW, &old);
  }
  printf("\r\033[K");
  return c;
}

/* Shows one line, pausing when the screen is full; returns 0 to stop. */
static int page_line(const char *s, size_t n, long pos, long size) {
  if (tty_fd >= 0 && shown >= rows - 1) {
    char prompt[64];
    if (size > 0) snprintf(prompt, sizeof prompt, "--More--(%ld%%)", pos * 100 / size);
    else snprintf(prompt, sizeof prompt, "--More--");
    int k = get_key(prompt);
    if (k == 'q' || k == 'Q') return 0;
    shown = k == '\n' || k == '\r' ? rows - 2 : 0;
  }
  fwrite(s, 1, n, stdout);
  shown++;
  return 1;
}

static int show(FILE *f, const char *name, int banner) {
  char *line = NULL;
  size_t cap = 0;
  long n, pos = 0, size = 0;
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) size = (long)st.st_size;
  if (banner) {
    static const char rule[] = "::::::::::::::\n";
    char title[4200];
    snprintf(title, sizeof title, "%s\n", name);
    page_line(rule, sizeof rule - 1, 0, size);
    page_line(title, strlen(title), 0, size);
    page_line(rule, sizeof rule - 1, 0, size);
  }
  while (!quit && (n = read_line(f, &line, &cap)) >= 0) {
    pos += n;
    if (!page_line(line, (size_t)n, pos, size)) quit = 1;
  }
  free(line);
  return 0;
}

int main(int argc, char **argv) {
  int rc = 0;
  set_prog(argv[0]);
  if (isatty(1)) {
    struct winsize ws;
    tty_fd = open("/dev/tty", O_RDONLY);
    if (tty_fd < 0) tty_fd = 2;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1) rows = ws.ws_row;
  }
  if (argc < 2) return show(stdin, "-", 0);
  for (int i = 1; i < argc && !quit; i++) {
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
    if (!f) {
      warn_errno(argv[i]);
      rc = 1;
      continue;
    }
    show(f, argv[i], argc > 2 || tty_fd < 0);
    if (f != stdin) fclose(f);
  }
  return rc;
}
