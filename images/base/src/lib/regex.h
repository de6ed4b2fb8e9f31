/*
 * regex.h: POSIX basic and extended regular expressions for grep and sed
 * (no regex.h in denix's libc, so the tools carry their own engine).
 *
 * Syntax: BRE (\( \) \{m,n\} \| \+ \? as GNU) or ERE (( ) {m,n} | + ?),
 * bracket expressions with ranges, [:class:], negation; anchors ^ $;
 * back-references \1-\9; GNU escapes \w \W \s \S \b \B \< \> \` \'.
 * Matching is leftmost-longest for the whole match; submatches follow the
 * first (greedy, left-to-right) way of reaching that longest match. Known
 * difference from GNU: an extra iteration of a repeated group may match the
 * empty string, so "(c*){1,2}" on "cc" gives \1 = "" where GNU gives "cc"
 * (whole matches agree).
 * Cost: O(pattern * text) without back-references (a visited set prunes
 * repeated states); back-references fall back to plain backtracking.
 */
#ifndef DENIX_REGEX_H
#define DENIX_REGEX_H

#include <stddef.h>

enum { RX_EXTENDED = 1, RX_ICASE = 2 };
enum { RX_NSUB = 10 };

/** A compiled expression (opaque). */
struct rx;

/**
 * Compiles pat (patlen bytes) with RX_* flags. Returns NULL and sets *err to
 * a message on a syntax error ("Unmatched ( or \\(", ...).
 */
struct rx *rx_compile(const char *pat, size_t patlen, int flags, const char **err);

/**
 * Searches s[0..len) for a match starting at or after `from`. ^ matches only
 * at 0 and $ only at len. On success returns 1 and fills m[0..2*RX_NSUB)
 * with start/end offsets (-1 for groups that did not take part).
 */
int rx_exec(struct rx *re, const char *s, size_t len, size_t from, long *m);

/** Number of capture groups in the pattern. */
int rx_groups(const struct rx *re);

/** Frees a compiled expression. */
void rx_free(struct rx *re);

#endif
