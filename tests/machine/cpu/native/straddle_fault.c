/*
 * Native oracle for the MMU's straddling-access contract (tests/machine/cpu/mmu_test.ts).
 *
 * Maps two pages filled with 0x11, makes page GUARD (1 or 2) PROT_NONE, then performs
 * one unaligned access of SIZE bytes (2, 4 or 8) starting OFFSET bytes before the
 * boundary: r = read, w = write, m = read-modify-write (addl; SIZE 4 only).
 * Prints "addr=<si_addr - first page> other=<byte>" from the SIGSEGV handler, where
 * si_addr is the kernel's copy of CR2 and <byte> is the first byte the access covers
 * on the accessible page: it stays 17 unless part of a straddling write got through.
 * 8-byte accesses use x87 fildll/fistpll: one instruction, one access.
 * Usage: straddle_fault r|w|m SIZE OFFSET GUARD
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *ctx) {
  (void)sig;
  (void)ctx;
  fault_addr = (uintptr_t)si->si_addr;
  siglongjmp(env, 1);
}

/* One instruction per access, so each is a single straddling access (no compiler split). */
static void access_at(unsigned char *p, char rw, int size) {
  if (rw == 'r' && size == 2) __asm__ volatile("movw (%0), %%ax" : : "r"(p) : "eax");
  if (rw == 'r' && size == 4) __asm__ volatile("movl (%0), %%eax" : : "r"(p) : "eax");
  if (rw == 'r' && size == 8) __asm__ volatile("fildll (%0); fstp %%st(0)" : : "r"(p));
  if (rw == 'w' && size == 2) __asm__ volatile("movw $0xa5a5, (%0)" : : "r"(p) : "memory");
  if (rw == 'w' && size == 4) __asm__ volatile("movl $0xa5a5a5a5, (%0)" : : "r"(p) : "memory");
  if (rw == 'w' && size == 8) __asm__ volatile("fldz; fistpll (%0)" : : "r"(p) : "memory");
  if (rw == 'm' && size == 4) __asm__ volatile("addl $1, (%0)" : : "r"(p) : "memory", "cc");
}

int main(int argc, char **argv) {
  if (argc != 5) return 2;
  char rw = argv[1][0];
  int size = atoi(argv[2]);
  int offset = atoi(argv[3]);
  int guard = atoi(argv[4]);
  unsigned char *base = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return 3;
  memset(base, 0x11, 8192);
  if (mprotect(base + (guard == 1 ? 0 : 4096), 4096, PROT_NONE) != 0) return 3;
  struct sigaction sa = {0};
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, 0);
  unsigned char *p = base + 4096 - offset;
  if (sigsetjmp(env, 1) == 0) {
    access_at(p, rw, size);
    printf("nofault\n");
    return 0;
  }
  unsigned other = guard == 1 ? base[4096] : p[0];
  printf("addr=%lu other=%u\n", (unsigned long)(fault_addr - (uintptr_t)base), other);
  return 0;
}
