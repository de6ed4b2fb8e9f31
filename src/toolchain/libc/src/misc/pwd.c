/*
 * getpwnam/getpwuid and getgrnam/getgrgid: scan /etc/passwd or /etc/group
 * line by line, splitting on ':' into a static record. Returns NULL when the
 * file or the entry is missing.
 */
#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char line[512];

/* Splits line into at most n fields on ':'; returns the number found. */
static int split(char *s, char **fields, int n) {
  int k = 0;
  s[strcspn(s, "\n")] = 0;
  fields[k++] = s;
  while (k < n && (s = strchr(s, ':'))) *s++ = 0, fields[k++] = s;
  return k;
}

static struct passwd *find_user(const char *name, uid_t uid) {
  static struct passwd pw;
  FILE *f = fopen("/etc/passwd", "r");
  if (!f) return NULL;
  while (fgets(line, sizeof line, f)) {
    char *fl[7];
    if (split(line, fl, 7) < 7) continue;
    uid_t u = (uid_t)strtoul(fl[2], NULL, 10);
    if (name ? strcmp(fl[0], name) != 0 : u != uid) continue;
    pw.pw_name = fl[0], pw.pw_passwd = fl[1], pw.pw_uid = u;
    pw.pw_gid = (gid_t)strtoul(fl[3], NULL, 10);
    pw.pw_gecos = fl[4], pw.pw_dir = fl[5], pw.pw_shell = fl[6];
    fclose(f);
    return &pw;
  }
  fclose(f);
  return NULL;
}

struct passwd *getpwnam(const char *name) { return find_user(name, 0); }
struct passwd *getpwuid(uid_t uid) { return find_user(NULL, uid); }

static struct group *find_group(const char *name, gid_t gid) {
  static struct group gr;
  static char *members[64];
  FILE *f = fopen("/etc/group", "r");
  if (!f) return NULL;
  while (fgets(line, sizeof line, f)) {
    char *fl[4];
    if (split(line, fl, 4) < 4) continue;
    gid_t g = (gid_t)strtoul(fl[2], NULL, 10);
    if (name ? strcmp(fl[0], name) != 0 : g != gid) continue;
    int n = 0;
    for (char *m = fl[3]; *m && n < 63;) {
      members[n++] = m;
      m += strcspn(m, ",");
      if (*m) *m++ = 0;
    }
    members[n] = NULL;
    gr.gr_name = fl[0], gr.gr_passwd = fl[1], gr.gr_gid = g, gr.gr_mem = members;
    fclose(f);
    return &gr;
  }
  fclose(f);
  return NULL;
}

struct group *getgrnam(const char *name) { return find_group(name, 0); }
struct group *getgrgid(gid_t gid) { return find_group(NULL, gid); }
