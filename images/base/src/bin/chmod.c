/*
 * chmod [-R] MODE FILE...: change permission bits. MODE is octal or
 * symbolic (see lib/mode.h). -R also changes directory contents
 * (symbolic links are skipped, as GNU). Exit 1 if any change failed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mode.h"
#include "util.h"

static int recursive;
static mode_t mask;

static int change(const char *path, const char *expr, int top) {
  struct stat st;
  int rc = 0;
  if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot access '%s'", path);
    warn_errno(msg);
    return 1;
  }
  if (S_ISLNK(st.st_mode)) return 0;
  long m = mode_apply(expr, st.st_mode, S_ISDIR(st.st_mode), mask);
  if (chmod(path, (mode_t)m) != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "changing permissions of '%s'", path);
    warn_errno(msg);
    rc = 1;
  }
  if (recursive && S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    struct dirent *de;
    if (!d) {
      warn_errno(path);
      return 1;
    }
    while ((de = readdir(d)) != NULL) {
      if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
      char *p = path_join(path, de->d_name);
      rc |= change(p, expr, 0);
      free(p);
    }
    closedir(d);
  }
  return rc;
}

int main(int argc, char **argv) {
  int i = 1, rc = 0;
  set_prog(argv[0]);
  /* options must come first; "-w" style modes are modes, not options */
  for (; i < argc && strcmp(argv[i], "-R") == 0; i++) recursive = 1;
  if (i < argc && strcmp(argv[i], "--") == 0) i++;
  if (argc - i < 2) die(1, argc - i ? "missing operand after '%s'" : "missing operand", argv[argc - 1]);
  mask = umask(0);
  umask(mask);
  const char *expr = argv[i++];
  if (mode_apply(expr, 0, 0, mask) < 0) die(1, "invalid mode: '%s'", expr);
  for (; i < argc; i++) rc |= change(argv[i], expr, 1);
  return rc;
}
