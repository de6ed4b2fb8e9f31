/*
 * chown [-R] OWNER[:GROUP] FILE... | chown [-R] :GROUP FILE...: change
 * owner and/or group (names or numbers). "OWNER:" also sets the owner's
 * login group. -R recurses without following symbolic links.
 */
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int recursive;

static int is_number(const char *s) { return *s && strspn(s, "0123456789") == strlen(s); }

static void parse_spec(char *spec, uid_t *uid, gid_t *gid) {
  char *colon = strchr(spec, ':');
  char *user = spec, *group = colon ? colon + 1 : NULL;
  if (colon) *colon = 0;
  if (*user) {
    struct passwd *pw = is_number(user) ? NULL : getpwnam(user);
    if (pw) *uid = pw->pw_uid;
    else if (is_number(user)) *uid = (uid_t)strtoul(user, NULL, 10);
    else die(1, "invalid user: '%s%s%s'", user, colon ? ":" : "", group ? group : "");
    if (group && !*group) *gid = pw ? pw->pw_gid : (gid_t)*uid;
  }
  if (group && *group) {
    struct group *gr = is_number(group) ? NULL : getgrnam(group);
    if (gr) *gid = gr->gr_gid;
    else if (is_number(group)) *gid = (gid_t)strtoul(group, NULL, 10);
    else die(1, "invalid group: '%s'", group);
  }
}

static int change(const char *path, uid_t uid, gid_t gid, int top) {
  struct stat st;
  int rc = 0;
  if (lstat(path, &st) != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot access '%s'", path);
    warn_errno(msg);
    return 1;
  }
  int r = top || !S_ISLNK(st.st_mode) ? chown(path, uid, gid) : 0;
  if (r != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "changing ownership of '%s'", path);
    warn_errno(msg);
    rc = 1;
  }
  if (recursive && S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    struct dirent *de;
    if (!d) return 1;
    while ((de = readdir(d)) != NULL) {
      if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
      char *p = path_join(path, de->d_name);
      rc |= change(p, uid, gid, 0);
      free(p);
    }
    closedir(d);
  }
  return rc;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0;
  uid_t uid = (uid_t)-1;
  gid_t gid = (gid_t)-1;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "R")) != -1) {
    if (c == 'R') recursive = 1;
    else return 1;
  }
  if (argc - o.ind < 2) die(1, argc - o.ind ? "missing operand after '%s'" : "missing operand", argv[argc - 1]);
  parse_spec(argv[o.ind], &uid, &gid);
  for (int i = o.ind + 1; i < argc; i++) rc |= change(argv[i], uid, gid, 1);
  return rc;
}
