/* Clocks and sleeping: thin wrappers over clock_gettime, nanosleep, gettimeofday, times, itimers. */
#include <time.h>
#include <sys/time.h>
#include <sys/times.h>
#include "../internal/syscall.h"

int clock_gettime(clockid_t id, struct timespec *ts) {
  return (int)__sys_ret(SYS2(NR_clock_gettime, id, ts));
}

int clock_getres(clockid_t id, struct timespec *ts) {
  return (int)__sys_ret(SYS2(NR_clock_getres, id, ts));
}

time_t time(time_t *t) {
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) return -1;
  if (t) *t = ts.tv_sec;
  return ts.tv_sec;
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
  return (int)__sys_ret(SYS2(NR_nanosleep, req, rem));
}

int gettimeofday(struct timeval *tv, void *tz) {
  return (int)__sys_ret(SYS2(NR_gettimeofday, tv, tz));
}

clock_t times(struct tms *buf) { return (clock_t)__sys_ret(SYS1(NR_times, buf)); }

/* Processor time used, in microseconds (CLOCKS_PER_SEC is 10^6). */
clock_t clock(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0) return -1;
  return (clock_t)(ts.tv_sec * 1000000L + ts.tv_nsec / 1000);
}

int setitimer(int which, const struct itimerval *val, struct itimerval *old) {
  return (int)__sys_ret(SYS3(NR_setitimer, which, val, old));
}

int getitimer(int which, struct itimerval *val) {
  return (int)__sys_ret(SYS2(NR_getitimer, which, val));
}

double difftime(time_t a, time_t b) { return (double)a - (double)b; }
