/*
 * realpath: the canonical absolute path, resolving ".", ".." and symbolic
 * links component by component (at most 40 links, then ELOOP). Example:
 * with /tmp/l -> ../etc, realpath("/tmp/l/./passwd") is "/etc/passwd".
 * Every component must exist (ENOENT otherwise). With resolved NULL the
 * result is malloc'd.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>

/* Appends component name[0..n) to out (length *len); 0 or -1 (ENAMETOOLONG). */
static int push(char *out, size_t *len, const char *name, size_t n) {
  if (*len + 1 + n >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (*len == 0 || out[*len - 1] != '/') out[(*len)++] = '/';
  memcpy(out + *len, name, n);
  *len += n;
  out[*len] = 0;
  return 0;
}

static void pop(char *out, size_t *len) {
  while (*len > 1 && out[*len - 1] != '/') (*len)--;
  if (*len > 1) (*len)--;
  out[*len] = 0;
}

char *realpath(const char *path, char *resolved) {
  char out[PATH_MAX], todo[PATH_MAX], link[PATH_MAX];
  size_t len = 0;
  int links = 0;
  if (!path || !*path) {
    errno = path ? ENOENT : EINVAL;
    return NULL;
  }
  if (strlen(path) >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  strcpy(todo, path);
  if (todo[0] != '/') {
    if (!getcwd(out, sizeof out)) return NULL;
    len = strlen(out);
  } else {
    strcpy(out, "/");
    len = 1;
  }
  char *p = todo;
  while (*p) {
    while (*p == '/') p++;
    size_t n = strcspn(p, "/");
    if (n == 0) break;
    if (n == 1 && p[0] == '.') {
      p += n;
      continue;
    }
    if (n == 2 && p[0] == '.' && p[1] == '.') {
      pop(out, &len);
      p += n;
      continue;
    }
    size_t before = len;
    if (push(out, &len, p, n) < 0) return NULL;
    p += n;
    struct stat st;
    if (lstat(out, &st) < 0) return NULL;
    if (S_ISLNK(st.st_mode)) {
      if (++links > 40) {
        errno = ELOOP;
        return NULL;
      }
      ssize_t k = readlink(out, link, sizeof link - 1);
      if (k < 0) return NULL;
      link[k] = 0;
      if (strlen(link) + strlen(p) + 2 >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return NULL;
      }
      strcat(link, p);
      strcpy(todo, link);
      p = todo;
      if (link[0] == '/') strcpy(out, "/"), len = 1;
      else len = before, out[len] = 0;
    } else if (*p == '/' && !S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return NULL;
    }
  }
  if (len == 0) strcpy(out, "/"), len = 1;
  if (!resolved) return strdup(out);
  return memcpy(resolved, out, len + 1);
}
