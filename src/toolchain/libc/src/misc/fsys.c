/*
 * File-system level calls: statvfs/fstatvfs (from statfs64; EOVERFLOW when a
 * count does not fit the 32-bit fields, as glibc), mount, umount/umount2.
 */
#include <sys/statvfs.h>
#include <sys/mount.h>
#include <errno.h>
#include "../internal/syscall.h"

/* The kernel's struct statfs64 on i386 (84 bytes, 4-byte aligned 64-bit fields). */
struct kstatfs64 {
  unsigned f_type, f_bsize;
  unsigned long long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  int f_fsid[2];
  unsigned f_namelen, f_frsize, f_flags, f_spare[4];
};

enum { ST_VALID = 0x20 };

static int fill(const struct kstatfs64 *k, struct statvfs *out) {
  unsigned long long counts[5] = {k->f_blocks, k->f_bfree, k->f_bavail, k->f_files, k->f_ffree};
  for (int i = 0; i < 5; i++) {
    if (counts[i] > 0xffffffffULL && counts[i] != ~0ULL) {
      errno = EOVERFLOW;
      return -1;
    }
  }
  out->f_bsize = k->f_bsize;
  out->f_frsize = k->f_frsize ? k->f_frsize : k->f_bsize;
  out->f_blocks = (fsblkcnt_t)k->f_blocks;
  out->f_bfree = (fsblkcnt_t)k->f_bfree;
  out->f_bavail = (fsblkcnt_t)k->f_bavail;
  out->f_files = (fsfilcnt_t)k->f_files;
  out->f_ffree = (fsfilcnt_t)k->f_ffree;
  out->f_favail = (fsfilcnt_t)k->f_ffree;
  out->f_fsid = (unsigned long)k->f_fsid[0];
  out->f_flag = k->f_flags & ~(unsigned)ST_VALID;
  out->f_namemax = k->f_namelen;
  return 0;
}

int statvfs(const char *path, struct statvfs *out) {
  struct kstatfs64 k;
  if (__sys_ret(SYS3(NR_statfs64, path, sizeof k, &k)) < 0) return -1;
  return fill(&k, out);
}

int fstatvfs(int fd, struct statvfs *out) {
  struct kstatfs64 k;
  if (__sys_ret(SYS3(NR_fstatfs64, fd, sizeof k, &k)) < 0) return -1;
  return fill(&k, out);
}

int mount(const char *source, const char *target, const char *type, unsigned long flags,
          const void *data) {
  return (int)__sys_ret(SYS5(NR_mount, source, target, type, flags, data));
}

int umount2(const char *target, int flags) { return (int)__sys_ret(SYS2(NR_umount2, target, flags)); }
int umount(const char *target) { return umount2(target, 0); }
