/*
 * prompt.c - prompt strings: \w (cwd, ~ for HOME) \W \u \h \$ \n \\
 * escapes, then parameter expansion as POSIX asks (PS1='$PWD $ ').
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static void prompt_escape(Str *s, int c) {
  char buf[256];
  const char *pwd = var_get("PWD"), *home = var_get("HOME");
  switch (c) {
    case 'w':
    case 'W':
      if (!pwd) pwd = getcwd(buf, sizeof buf) ? buf : "?";
      if (c == 'W' && strcmp(pwd, "/") != 0 && strrchr(pwd, '/')) pwd = strrchr(pwd, '/') + 1;
      if (c == 'w' && home && *home && strncmp(pwd, home, strlen(home)) == 0 &&
          (pwd[strlen(home)] == '/' || !pwd[strlen(home)])) {
        str_addc(s, '~');
        pwd += strlen(home);
      }
      str_adds(s, pwd);
      break;
    case 'u': str_adds(s, var_get("USER") ? var_get("USER") : (geteuid() ? "user" : "root")); break;
    case 'h':
      if (gethostname(buf, sizeof buf) != 0) strcpy(buf, "denix");
      buf[sizeof buf - 1] = 0;
      str_adds(s, buf);
      break;
    case '$': str_addc(s, geteuid() ? '$' : '#'); break;
    case 'n': str_addc(s, '\n'); break;
    case '\\': str_addc(s, '\\'); break;
    default: str_addc(s, '\\'); str_addc(s, c);
  }
}

/* PS1 supports \w \W \u \h \$ \n \\ and then parameter expansion. */
char *expand_prompt(const char *ps) {
  Str s = {0};
  for (; *ps; ps++) {
    if (*ps == '\\' && ps[1]) prompt_escape(&s, *++ps);
    else str_addc(&s, *ps);
  }
  char *raw = str_take(&s);
  char *r = strchr(raw, '$') ? expand_heredoc(raw) : xstrdup(raw);
  free(raw);
  return r;
}
