/*
 * id [-u|-g|-G] [-n] [USER]: print user and group ids with names:
 * "uid=0(root) gid=0(root) groups=0(root),..." for the current process
 * (real ids; effective ids added when they differ) or for USER (groups
 * from /etc/group). -u/-g/-G print only the uid, gid or all group ids,
 * as names with -n. Exit 1 for an unknown user.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

enum { MAX_GROUPS = 256 };

static void print_user(uid_t u, int name) {
  struct passwd *pw = getpwuid(u);
  if (name && pw) fputs(pw->pw_name, stdout);
  else printf("%lu", (unsigned long)u);
}

static void print_group(gid_t g, int name) {
  struct group *gr = getgrgid(g);
  if (name && gr) fputs(gr->gr_name, stdout);
  else printf("%lu", (unsigned long)g);
}

static void with_name_u(uid_t u) {
  struct passwd *pw = getpwuid(u);
  printf("%lu", (unsigned long)u);
  if (pw) printf("(%s)", pw->pw_name);
}

static void with_name_g(gid_t g) {
  struct group *gr = getgrgid(g);
  printf("%lu", (unsigned long)g);
  if (gr) printf("(%s)", gr->gr_name);
}

/* Supplementary groups of a named user, scanning /etc/group ("name:x:gid:a,b"). */
static int user_groups(const char *user, gid_t primary, gid_t *out) {
  FILE *f = fopen("/etc/group", "r");
  char *line = NULL;
  size_t cap = 0;
  int n = 0;
  out[n++] = primary;
  if (!f) return n;
  while (read_line(f, &line, &cap) >= 0 && n < MAX_GROUPS) {
    char *save, *name = strtok_r(line, ":", &save), *pass = strtok_r(NULL, ":", &save);
    char *gid = strtok_r(NULL, ":", &save), *mem = strtok_r(NULL, "\n", &save);
    (void)name, (void)pass;
    if (!gid || !mem) continue;
    for (char *m = strtok_r(mem, ",", &save); m; m = strtok_r(NULL, ",", &save))
      if (strcmp(m, user) == 0 && (gid_t)atol(gid) != primary) out[n++] = (gid_t)atol(gid);
  }
  free(line);
  fclose(f);
  return n;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, only = 0, names = 0, ng;
  gid_t groups[MAX_GROUPS];
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "ugGnr")) != -1) {
    if (c == 'u' || c == 'g' || c == 'G') only = c;
    else if (c == 'n') names = 1;
    else if (c != 'r') return 1;
  }
  uid_t uid = getuid(), euid = geteuid();
  gid_t gid = getgid(), egid = getegid();
  if (o.ind < argc) {
    struct passwd *pw = getpwnam(argv[o.ind]);
    if (!pw) die(1, "'%s': no such user", argv[o.ind]);
    uid = euid = pw->pw_uid, gid = egid = pw->pw_gid;
    ng = user_groups(pw->pw_name, gid, groups);
  } else {
    ng = getgroups(MAX_GROUPS - 1, groups);
    if (ng < 0) ng = 0;
    int has = 0;
    for (int i = 0; i < ng; i++) has |= groups[i] == egid;
    if (!has) memmove(groups + 1, groups, sizeof *groups * (size_t)ng), groups[0] = egid, ng++;
  }
  if (names && !only) die(1, "cannot print only names or real IDs in default format");
  if (only == 'u') print_user(euid, names), putchar('\n');
  else if (only == 'g') print_group(egid, names), putchar('\n');
  else if (only == 'G') {
    for (int i = 0; i < ng; i++) {
      if (i) putchar(' ');
      print_group(groups[i], names);
    }
    putchar('\n');
  } else {
    printf("uid="), with_name_u(uid), printf(" gid="), with_name_g(gid);
    if (euid != uid) printf(" euid="), with_name_u(euid);
    if (egid != gid) printf(" egid="), with_name_g(egid);
    printf(" groups=");
    for (int i = 0; i < ng; i++) {
      if (i) putchar(',');
      with_name_g(groups[i]);
    }
    putchar('\n');
  }
  return 0;
}
