/* sys/time.h: gettimeofday and interval timers. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H
#include <sys/types.h>
struct timeval { time_t tv_sec; suseconds_t tv_usec; };
struct timezone { int tz_minuteswest; int tz_dsttime; };
struct itimerval { struct timeval it_interval; struct timeval it_value; };
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
int gettimeofday(struct timeval *tv, void *tz);
int setitimer(int which, const struct itimerval *val, struct itimerval *old);
int getitimer(int which, struct itimerval *val);
int utimes(const char *path, const struct timeval times[2]);
#endif
