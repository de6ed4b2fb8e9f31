/*
 * free [-b|-k|-m|-g]: memory usage from /proc/meminfo in procps-ng 4's
 * layout: total, used (total - available), free, shared (Shmem),
 * buff/cache (Buffers + Cached + SReclaimable), available (MemAvailable,
 * else MemFree); then swap. Units: KiB by default, bytes/MiB/GiB with
 * -b/-m/-g. $PROCFS overrides /proc.
 */
#include <stdio.h>

#include "proc.h"
#include "util.h"


static long long mul = 1, divi = 1;

static void col(long long kb) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", kb < 0 ? 0 : kb * mul / divi);
  printf("%12s", buf);
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "bkmg")) != -1) {
    switch (c) {
    case 'b': mul = 1024, divi = 1; break;
    case 'k': mul = 1, divi = 1; break;
    case 'm': mul = 1, divi = 1024; break;
    case 'g': mul = 1, divi = 1024 * 1024; break;
    default: return 1;
    }
  }

  long long total = meminfo("MemTotal"), freek = meminfo("MemFree");
  if (total < 0 || freek < 0) die(1, "cannot read meminfo");
  long long avail = meminfo("MemAvailable"), shared = meminfo("Shmem");
  long long buffers = meminfo("Buffers"), cached = meminfo("Cached"), srecl = meminfo("SReclaimable");
  if (avail < 0) avail = freek;
  long long bc = (buffers > 0 ? buffers : 0) + (cached > 0 ? cached : 0) + (srecl > 0 ? srecl : 0);
  long long used = total - avail;
  if (used < 0) used = total - freek;
  long long st = meminfo("SwapTotal"), sf = meminfo("SwapFree");
  printf("               total        used        free      shared  buff/cache   available\n");
  printf("%-8s", "Mem:");
  col(total), col(used), col(freek), col(shared), col(bc), col(avail);
  printf("\n%-8s", "Swap:");
  col(st), col(st - sf), col(sf);
  putchar('\n');
  return 0;
}
