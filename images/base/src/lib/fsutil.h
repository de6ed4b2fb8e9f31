/*
 * fsutil.h: file-tree helpers shared by cp, mv, rm, mkdir, du and find:
 * copying one file or a whole tree, removing a tree, creating parents.
 * All report their own errors ("prog: 'path': reason") and return 0 on
 * success, 1 on any failure (they keep going past failures where GNU does).
 */
#ifndef DENIX_FSUTIL_H
#define DENIX_FSUTIL_H

#include <sys/stat.h>

enum { CP_RECURSIVE = 1, CP_PRESERVE = 2 };

/**
 * Copies src to dst (dst is the final name, not a directory to copy into).
 * Directory entries are copied in inode order, as GNU cp does; copying a
 * directory into itself is reported and stops the copy like GNU's.
 */
int copy_path(const char *src, const char *dst, int flags);

/** Removes path; directories only with recursive set. force: ignore missing. */
int remove_path(const char *path, int recursive, int force);

/** mkdir -p: creates path and missing parents with mode (parents get 0777 & ~umask | 0300). */
int make_parents(const char *path, mode_t mode);

/** True if path names an existing directory (following symlinks). */
int is_dir(const char *path);

/** Returns the last component of path (no trailing slashes), newly allocated. */
char *base_name(const char *path);

#endif
