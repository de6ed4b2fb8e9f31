/* sys/select.h: select() with 1024-bit descriptor sets. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H
#include <sys/types.h>
#include <sys/time.h>
#define FD_SETSIZE 1024
typedef struct { unsigned long fds_bits[FD_SETSIZE / 32]; } fd_set;
#define FD_ZERO(s) do { for (int __i = 0; __i < FD_SETSIZE / 32; __i++) (s)->fds_bits[__i] = 0; } while (0)
#define FD_SET(d, s) ((s)->fds_bits[(d) / 32] |= 1UL << ((d) % 32))
#define FD_CLR(d, s) ((s)->fds_bits[(d) / 32] &= ~(1UL << ((d) % 32)))
#define FD_ISSET(d, s) (((s)->fds_bits[(d) / 32] >> ((d) % 32)) & 1)
int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout);
#endif
