/*
 * stat [-L] [-c FORMAT] FILE...: print file status, in GNU stat's default
 * layout (times in UTC; " Birth: -" since no birth time is available) or
 * with -c FORMAT and its sequences: %n name, %N quoted name (-> target),
 * %s size, %b blocks, %B block unit, %o I/O block, %f raw mode (hex),
 * %a octal permissions, %A symbolic mode, %F file type, %h links,
 * %i inode, %u/%U owner id/name, %g/%G group id/name, %d device number,
 * %t/%T device major/minor (hex), %x/%y/%z access/modify/change time,
 * %X/%Y/%Z the same as seconds, %w/%W birth ("-", 0), %% percent.
 * -L follows symbolic links. Exit 1 if a file could not be examined.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#ifndef S_ISVTX
#define S_ISVTX 01000
#endif

static unsigned long dev_major(unsigned long long d) { return (unsigned long)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffULL)); }
static unsigned long dev_minor(unsigned long long d) { return (unsigned long)((d & 0xff) | ((d >> 12) & ~0xffULL)); }

static const char *type_name(mode_t m, long long size) {
  if (S_ISREG(m)) return size ? "regular file" : "regular empty file";
  if (S_ISDIR(m)) return "directory";
  if (S_ISLNK(m)) return "symbolic link";
  if (S_ISCHR(m)) return "character special file";
  if (S_ISBLK(m)) return "block special file";
  if (S_ISFIFO(m)) return "fifo";
  if (S_ISSOCK(m)) return "socket";
  return "weird file";
}

static void mode_string(mode_t m, char *s) {
  static const char types[] = "?pc?d?b?-?l?s???";
  const char *rwx = "rwxrwxrwx";
  s[0] = types[(m >> 12) & 15];
  for (int i = 0; i < 9; i++) s[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
  if (m & S_ISUID) s[3] = (m & 0100) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & 010) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & 01) ? 't' : 'T';
  s[10] = 0;
}

static void print_time(const struct timespec *ts) {
  struct tm tm;
  char buf[64];
  time_t t = ts->tv_sec;
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  printf("%s.%09ld +0000", buf, (long)ts->tv_nsec);
}

static void user_name(uid_t u) {
  struct passwd *pw = getpwuid(u);
  if (pw) fputs(pw->pw_name, stdout);
  else printf("UNKNOWN");
}

static void group_name(gid_t g) {
  struct group *gr = getgrgid(g);
  if (gr) fputs(gr->gr_name, stdout);
  else printf("UNKNOWN");
}

static void quoted_name(const char *path, const struct stat *st) {
  printf("'%s'", path);
  if (S_ISLNK(st->st_mode)) {
    char t[4096];
    long n = readlink(path, t, sizeof t - 1);
    if (n >= 0) t[n] = 0, printf(" -> '%s'", t);
  }
}

/* Numeric conversions: the letter, printf conversion and value; -1 if c is not numeric. */
static int numeric(char c, const struct stat *st, unsigned long long *v, char *conv_ch) {
  *conv_ch = 'u';
  switch (c) {
  case 's': *v = (unsigned long long)st->st_size; return 0;
  case 'b': *v = (unsigned long long)st->st_blocks; return 0;
  case 'B': *v = 512; return 0;
  case 'o': *v = (unsigned long long)st->st_blksize; return 0;
  case 'f': *v = st->st_mode, *conv_ch = 'x'; return 0;
  case 'a': *v = st->st_mode & 07777, *conv_ch = 'o'; return 0;
  case 'h': *v = st->st_nlink; return 0;
  case 'i': *v = (unsigned long long)st->st_ino; return 0;
  case 'u': *v = st->st_uid; return 0;
  case 'g': *v = st->st_gid; return 0;
  case 'd': *v = (unsigned long long)st->st_dev; return 0;
  case 't': *v = dev_major((unsigned long long)st->st_rdev), *conv_ch = 'x'; return 0;
  case 'T': *v = dev_minor((unsigned long long)st->st_rdev), *conv_ch = 'x'; return 0;
  case 'X': *v = (unsigned long long)st->st_atim.tv_sec; return 0;
  case 'Y': *v = (unsigned long long)st->st_mtim.tv_sec; return 0;
  case 'Z': *v = (unsigned long long)st->st_ctim.tv_sec; return 0;
  case 'W': *v = 0; return 0;
  }
  return -1;
}

/* Prints one conversion with the printf-style flags/width in spec (e.g. "%-10"). */
static void conv(char c, const char *spec, const char *path, const struct stat *st) {
  char fmt[40], buf[128], mode[11], cc;
  unsigned long long v;
  if (numeric(c, st, &v, &cc) == 0) {
    snprintf(fmt, sizeof fmt, "%sll%c", spec, cc);
    printf(fmt, v);
    return;
  }
  snprintf(fmt, sizeof fmt, "%ss", spec);
  switch (c) {
  case 'n': snprintf(buf, sizeof buf, "%s", path); break;
  case 'A': mode_string(st->st_mode, mode), snprintf(buf, sizeof buf, "%s", mode); break;
  case 'F': snprintf(buf, sizeof buf, "%s", type_name(st->st_mode, (long long)st->st_size)); break;
  case 'w': snprintf(buf, sizeof buf, "-"); break;
  case 'U': user_name(st->st_uid); return;
  case 'G': group_name(st->st_gid); return;
  case 'N': quoted_name(path, st); return;
  case 'x': print_time(&st->st_atim); return;
  case 'y': print_time(&st->st_mtim); return;
  case 'z': print_time(&st->st_ctim); return;
  default: printf("?%c", c); return;
  }
  printf(fmt, buf);
}

static void format(const char *f, const char *path, const struct stat *st) {
  for (; *f; f++) {
    if (*f == '\\' && f[1] == 'n') {
      putchar('\n'), f++;
      continue;
    }
    if (*f != '%') {
      putchar(*f);
      continue;
    }
    char spec[16] = "%";
    size_t n = 1;
    f++;
    while (*f && strchr("-0123456789.#+ ", *f) && n < sizeof spec - 1) spec[n++] = *f++;
    spec[n] = 0;
    if (*f == '%') putchar('%');
    else if (*f) conv(*f, spec, path, st);
    else break;
  }
}

static void default_format(const char *path, const struct stat *st) {
  unsigned long long dev = (unsigned long long)st->st_dev, rdev = (unsigned long long)st->st_rdev;
  char mode[11];
  printf("  File: %s", path);
  if (S_ISLNK(st->st_mode)) {
    char t[4096];
    long n = readlink(path, t, sizeof t - 1);
    if (n >= 0) t[n] = 0, printf(" -> %s", t);
  }
  printf("\n  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld %s\n", (long long)st->st_size,
         (long long)st->st_blocks, (long)st->st_blksize, type_name(st->st_mode, (long long)st->st_size));
  printf("Device: %lu,%lu\tInode: %-11llu Links: ", dev_major(dev), dev_minor(dev),
         (unsigned long long)st->st_ino);
  if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
    printf("%-5lu Device type: %lu,%lu\n", (unsigned long)st->st_nlink, dev_major(rdev), dev_minor(rdev));
  else
    printf("%lu\n", (unsigned long)st->st_nlink);
  mode_string(st->st_mode, mode);
  printf("Access: (%04lo/%s)  Uid: (%5lu/", (unsigned long)(st->st_mode & 07777), mode, (unsigned long)st->st_uid);
  struct passwd *pw = getpwuid(st->st_uid);
  struct group *gr = getgrgid(st->st_gid);
  printf("%8s)   Gid: (%5lu/%8s)\n", pw ? pw->pw_name : "UNKNOWN", (unsigned long)st->st_gid,
         gr ? gr->gr_name : "UNKNOWN");
  printf("Access: "), print_time(&st->st_atim);
  printf("\nModify: "), print_time(&st->st_mtim);
  printf("\nChange: "), print_time(&st->st_ctim);
  printf("\n Birth: -\n");
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, follow = 0, rc = 0;
  const char *fmt = NULL;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "Lc:")) != -1) {
    if (c == 'L') follow = 1;
    else if (c == 'c') fmt = o.arg;
    else return 1;
  }
  if (o.ind >= argc) die(1, "missing operand");
  for (int i = o.ind; i < argc; i++) {
    struct stat st;
    if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) != 0) {
      char msg[4200];
      snprintf(msg, sizeof msg, "cannot statx '%s'", argv[i]);
      warn_errno(msg);
      rc = 1;
      continue;
    }
    if (fmt) format(fmt, argv[i], &st), putchar('\n');
    else default_format(argv[i], &st);
  }
  return rc;
}
