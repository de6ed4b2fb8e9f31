/*
 * which [-a] NAME...: print the path of each executable NAME found in
 * $PATH (the first match, all with -a). Names containing '/' are checked
 * as given. Exit 1 if any NAME was not found, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int executable(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

static int find(const char *name, int all) {
  if (strchr(name, '/')) {
    if (!executable(name)) return 0;
    puts(name);
    return 1;
  }
  const char *path = getenv("PATH");
  int found = 0;
  if (!path) path = "/bin:/usr/bin";
  char *copy = xstrdup(path), *save, *dir;
  for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
    char *p = path_join(*dir ? dir : ".", name);
    if (executable(p)) {
      puts(p);
      found = 1;
    }
    free(p);
    if (found && !all) break;
  }
  free(copy);
  return found;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, all = 0, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "a")) != -1) {
    if (c == 'a') all = 1;
    else return 2;
  }
  if (o.ind >= argc) return 1;
  for (int i = o.ind; i < argc; i++)
    if (!find(argv[i], all)) rc = 1;
  return rc;
}
