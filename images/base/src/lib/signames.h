/*
 * signames.h: Linux signal numbers and their names without "SIG", shared
 * by kill, ps and the shell's trap/kill builtins.
 */
#ifndef DENIX_SIGNAMES_H
#define DENIX_SIGNAMES_H

/** Number of named signals (1..SIG_COUNT). */
enum { SIG_COUNT = 31 };

/** The name of signal n ("HUP"), or NULL if n is not 1..31. */
const char *sig_name(int n);

/** The number of a signal name ("HUP", "SIGHUP", case-insensitive) or a number; -1 if unknown. */
int sig_number(const char *s);

#endif
