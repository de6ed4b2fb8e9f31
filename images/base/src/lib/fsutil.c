/*
 * fsutil.c: implementation of fsutil.h (tree copy, tree removal, mkdir -p).
 */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static void warn_path(const char *fmt, const char *path) {
  int e = errno;
  char msg[4300];
  snprintf(msg, sizeof msg, fmt, path);
  errno = e;
  warn_errno(msg);
}

int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *base_name(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  size_t b = n;
  while (b > 0 && path[b - 1] != '/') b--;
  if (n == 1 && path[0] == '/') b = 0;
  char *s = xmalloc(n - b + 1);
  memcpy(s, path + b, n - b);
  s[n - b] = 0;
  return s;
}

static void preserve(const char *dst, const struct stat *st, int is_link) {
  struct timespec ts[2];
  ts[0] = st->st_atim, ts[1] = st->st_mtim;
  if (!is_link) {
    if (chown(dst, st->st_uid, st->st_gid) != 0 && errno != EPERM) warn_path("preserving ownership for '%s'", dst);
    chmod(dst, st->st_mode & 07777);
  }
  utimensat(AT_FDCWD, dst, ts, is_link ? AT_SYMLINK_NOFOLLOW : 0);
}

static int copy_file(const char *src, const char *dst, const struct stat *st, int flags) {
  char buf[16384];
  long n;
  int in = open(src, O_RDONLY);
  if (in < 0) {
    warn_path("cannot open '%s' for reading", src);
    return 1;
  }
  int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
  if (out < 0) {
    warn_path("cannot create regular file '%s'", dst);
    close(in);
    return 1;
  }
  int rc = 0;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write_all(out, buf, (size_t)n) < 0) {
      warn_path("error writing '%s'", dst);
      rc = 1;
      break;
    }
  }
  if (n < 0) warn_path("error reading '%s'", src), rc = 1;
  close(in);
  close(out);
  if (flags & CP_PRESERVE) preserve(dst, st, 0);
  return rc;
}

/* The operands and the directory created for the current top-level copy: a
 * source directory that IS that new directory means copying into itself. */
static const char *top_src, *top_dst;
static struct stat top_made;
static int depth, have_top, into_self;

struct dent { char *name; unsigned long long ino; };

static int by_ino(const void *a, const void *b) {
  const struct dent *x = a, *y = b;
  return (x->ino > y->ino) - (x->ino < y->ino);
}

/* Reads a directory's entries (without . and ..) sorted by inode number, the
 * order GNU cp copies in; returns the count or -1. */
static long read_entries(const char *path, struct dent **out) {
  DIR *d = opendir(path);
  struct dirent *de;
  long n = 0, cap = 0;
  *out = NULL;
  if (!d) return -1;
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    if (n == cap) *out = xrealloc(*out, sizeof **out * (size_t)(cap = cap ? cap * 2 : 16));
    (*out)[n].name = xstrdup(de->d_name), (*out)[n++].ino = (unsigned long long)de->d_ino;
  }
  closedir(d);
  qsort(*out, (size_t)n, sizeof **out, by_ino);
  return n;
}

static int copy_dir(const char *src, const char *dst, const struct stat *st, int flags) {
  if (have_top && st->st_dev == top_made.st_dev && st->st_ino == top_made.st_ino) {
    warn_msg("cannot copy a directory, '%s', into itself, '%s'", top_src, top_dst);
    into_self = 1; /* like GNU, stop copying the enclosing directories' remaining entries */
    return 1;
  }
  int rc = 0, created = !is_dir(dst);
  if (created && mkdir(dst, (st->st_mode & 0777) | 0700) != 0) {
    warn_path("cannot create directory '%s'", dst);
    return 1;
  }
  if (depth == 1 && stat(dst, &top_made) == 0) have_top = 1;
  struct dent *ents;
  long n = read_entries(src, &ents);
  if (n < 0) {
    warn_path("cannot access '%s'", src);
    return 1;
  }
  for (long i = 0; i < n; i++) {
    if (!into_self) {
      char *s = path_join(src, ents[i].name), *t = path_join(dst, ents[i].name);
      rc |= copy_path(s, t, flags);
      free(s), free(t);
    }
    free(ents[i].name);
  }
  free(ents);
  if (flags & CP_PRESERVE) {
    preserve(dst, st, 0);
  } else if (created) {
    mode_t mask = umask(0);
    umask(mask);
    chmod(dst, st->st_mode & 0777 & ~mask);
  }
  return rc;
}

static int copy_one(const char *src, const char *dst, int flags);

int copy_path(const char *src, const char *dst, int flags) {
  if (depth == 0) top_src = src, top_dst = dst, have_top = 0, into_self = 0;
  depth++;
  int rc = copy_one(src, dst, flags);
  depth--;
  return rc;
}

static int copy_one(const char *src, const char *dst, int flags) {
  struct stat st, dt;
  int follow = !(flags & CP_RECURSIVE);
  if ((follow ? stat(src, &st) : lstat(src, &st)) != 0) {
    warn_path("cannot stat '%s'", src);
    return 1;
  }
  if (stat(dst, &dt) == 0 && dt.st_dev == st.st_dev && dt.st_ino == st.st_ino) {
    warn_msg("'%s' and '%s' are the same file", src, dst);
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!(flags & CP_RECURSIVE)) {
      warn_msg("-r not specified; omitting directory '%s'", src);
      return 1;
    }
    return copy_dir(src, dst, &st, flags);
  }
  if (S_ISLNK(st.st_mode)) {
    char target[4096];
    long n = readlink(src, target, sizeof target - 1);
    if (n < 0) {
      warn_path("cannot read symbolic link '%s'", src);
      return 1;
    }
    target[n] = 0;
    unlink(dst);
    if (symlink(target, dst) != 0) {
      warn_path("cannot create symbolic link '%s'", dst);
      return 1;
    }
    if (flags & CP_PRESERVE) preserve(dst, &st, 1);
    return 0;
  }
  return copy_file(src, dst, &st, flags);
}

int remove_path(const char *path, int recursive, int force) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    if (force && errno == ENOENT) return 0;
    warn_path("cannot remove '%s'", path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) {
    if (unlink(path) == 0) return 0;
    warn_path("cannot remove '%s'", path);
    return 1;
  }
  if (!recursive) {
    errno = EISDIR;
    warn_path("cannot remove '%s'", path);
    return 1;
  }
  DIR *d = opendir(path);
  struct dirent *de;
  int rc = 0;
  if (!d) {
    warn_path("cannot remove '%s'", path);
    return 1;
  }
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    char *p = path_join(path, de->d_name);
    rc |= remove_path(p, recursive, force);
    free(p);
  }
  closedir(d);
  if (rmdir(path) != 0) {
    warn_path("cannot remove '%s'", path);
    return 1;
  }
  return rc;
}

int make_parents(const char *path, mode_t mode) {
  char *p = xstrdup(path);
  int rc = 0;
  for (char *s = p + 1;; s++) {
    if (*s != '/' && *s) continue;
    char c = *s;
    *s = 0;
    int last = c == 0 || s[strspn(s + 1, "/") + 1] == 0;
    if (mkdir(p, last ? mode : 0777) != 0 && !(errno == EEXIST && is_dir(p))) {
      warn_path("cannot create directory '%s'", p);
      rc = 1;
      break;
    }
    if (last) break;
    *s = c;
  }
  free(p);
  return rc;
}
