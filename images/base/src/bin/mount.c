/*
 * mount: list mounted file systems from /proc/mounts as
 * "SOURCE on DIR type TYPE (OPTIONS)".
 * mount [-t TYPE] [-o OPTS] SOURCE DIR: mount(2) SOURCE on DIR. OPTS is a
 * comma list; ro rw nosuid nodev noexec remount bind sync become mount
 * flags, the rest is passed to the file system. Needs mount(2)
 * (sys/mount.h). $PROCFS overrides /proc.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "proc.h"
#include "util.h"

static const struct { const char *name; unsigned long flag; } flags[] = {
  {"ro", MS_RDONLY}, {"rw", 0}, {"nosuid", MS_NOSUID}, {"nodev", MS_NODEV}, {"noexec", MS_NOEXEC},
  {"remount", MS_REMOUNT}, {"bind", MS_BIND}, {"sync", MS_SYNCHRONOUS}, {"defaults", 0},
};

static int list(void) {
  char path[512], src[1024], dir[1024], type[256], opts[1024];
  proc_path(path, sizeof path, "mounts");
  FILE *f = fopen(path, "r");
  if (!f) die(1, "cannot read %s", path);
  while (fscanf(f, "%1023s %1023s %255s %1023s %*[^\n]", src, dir, type, opts) == 4)
    printf("%s on %s type %s (%s)\n", src, dir, type, opts);
  fclose(f);
  return 0;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c;
  const char *type = NULL, *opts = "";
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "t:o:")) != -1) {
    if (c == 't') type = o.arg;
    else if (c == 'o') opts = o.arg;
    else return 1;
  }
  if (o.ind >= argc) return list();
  if (argc - o.ind != 2) die(1, "usage: mount [-t TYPE] [-o OPTS] SOURCE DIR");
  unsigned long mflags = 0;
  char *data = xmalloc(strlen(opts) + 1), *copy = xstrdup(opts), *save;
  data[0] = 0;
  for (char *opt = strtok_r(copy, ",", &save); opt; opt = strtok_r(NULL, ",", &save)) {
    size_t i = 0;
    for (; i < sizeof flags / sizeof flags[0]; i++)
      if (strcmp(opt, flags[i].name) == 0) break;
    if (i < sizeof flags / sizeof flags[0]) mflags |= flags[i].flag;
    else strcat(strcat(data, *data ? "," : ""), opt);
  }
  if (mount(argv[o.ind], argv[o.ind + 1], type ? type : "ext2", mflags, *data ? data : NULL) != 0)
    die(32, "mounting %s on %s failed: %s", argv[o.ind], argv[o.ind + 1], strerror(errno));
  return 0;
}
