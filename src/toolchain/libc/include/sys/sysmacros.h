/* sys/sysmacros.h: device numbers in the Linux dev_t encoding. */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H
#define major(d) ((unsigned)((((d) >> 32) & 0xfffff000u) | (((d) >> 8) & 0xfffu)))
#define minor(d) ((unsigned)((((d) >> 12) & 0xffffff00u) | ((d) & 0xffu)))
#define makedev(x, y)                                                                         \
  ((((unsigned long long)(x) & 0xfffff000ULL) << 32) | (((unsigned long long)(x) & 0xfffULL) << 8) | \
   (((unsigned long long)(y) & 0xffffff00ULL) << 12) | ((unsigned long long)(y) & 0xffULL))
#endif
