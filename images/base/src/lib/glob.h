/*
 * glob.h: shell wildcard matching (no fnmatch in denix's libc).
 * Patterns: * (any run), ? (any byte), [abc] [a-z] [!x] [^x] [[:class:]],
 * and \x for a literal x. A leading '.' is matched like any other byte
 * (find -name semantics).
 */
#ifndef DENIX_GLOB_H
#define DENIX_GLOB_H

enum { GLOB_ICASE = 1 };

/** Returns 1 if the whole string s matches pattern pat. */
int glob_match(const char *pat, const char *s, int flags);

#endif
