/*
 * mode.h: chmod-style mode expressions, shared by chmod, mkdir and install
 * tools: octal ("755", "4750") or symbolic ("u+x,go-w", "a=r", "+X", "o=t";
 * no "who" means all, filtered by the umask, as POSIX chmod).
 */
#ifndef DENIX_MODE_H
#define DENIX_MODE_H

#include <sys/types.h>

/**
 * Applies expression expr to old mode (is_dir for X); returns the new
 * permission bits (07777), or -1 if expr is malformed.
 * Example: mode_apply("g+w,o-r", 0644, 0, 022) == 0660.
 */
long mode_apply(const char *expr, mode_t old, int is_dir, mode_t umask_bits);

#endif
