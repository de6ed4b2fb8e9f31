/*
 * Native oracle for denix's CPU vectors: runs single i386 instructions on the host CPU.
 *
 * Usage: harness IN OUT. IN holds fixed-size `struct in_rec` records, OUT receives one
 * `struct out_rec` per input record (layout must match native.ts).
 *
 * Per record: the code page (0x10000000, filled with int3) gets the instruction at its
 * offset, the data and stack windows (see layout.ts) get their initial bytes, FS/GS are
 * loaded with the flat user data selector, the x87 unit is reset (fninit), EFLAGS and all eight registers (ESP too) are
 * loaded from memory without touching the stack, and we jump to the instruction. It
 * either completes and runs into an int3 of the filler, or raises an exception; either
 * way a signal arrives on the alternate stack. The handler copies the final state out of
 * the ucontext (registers, EIP, EFLAGS, trap number, error code, CR2) and rewrites the
 * ucontext so that sigreturn resumes at `landing` on the harness stack with the
 * harness's segment registers, which returns from run_one().
 * Memory outside the windows must stay zero; the harness reports (and repairs) it.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define CODE_BASE 0x10000000u
#define DATA_BASE 0x20000000u
#define STACK_BASE 0x30000000u
#define DATA_WIN 0x20000f00u
#define STACK_WIN 0x30000f00u
#define WIN_SIZE 512
#define PAGE 4096

struct in_rec {
  uint8_t code[16];
  uint32_t len, off;
  uint32_t regs[8];
  uint32_t eflags;
  uint8_t win[2 * WIN_SIZE];
};

struct out_rec {
  uint32_t regs[8];
  uint32_t eflags, eip, trapno, err, cr2, signo, flags;
  uint8_t win[2 * WIN_SIZE];
};

/* Read by the assembly below. */
uint32_t in_regs[8], in_eflags, in_target;
uint32_t saved_esp;
static uint32_t saved_seg[6]; /* gs fs es ds cs ss */
static volatile int in_test;
static struct out_rec result;
static uint8_t zeros[2 * PAGE];

void run_one(void);
void landing(void);

__asm__(
    ".text\n"
    ".globl run_one\n"
    "run_one:\n"
    "  pushal\n"
    "  movl %esp, saved_esp\n"
    "  movw %ds, %ax\n"
    "  movw %ax, %fs\n"
    "  movw %ax, %gs\n"
    "  fninit\n"
    "  movl $in_eflags, %esp\n"
    "  popfl\n"
    "  movl in_regs+16, %esp\n"
    "  movl in_regs+0, %eax\n"
    "  movl in_regs+4, %ecx\n"
    "  movl in_regs+8, %edx\n"
    "  movl in_regs+12, %ebx\n"
    "  movl in_regs+20, %ebp\n"
    "  movl in_regs+24, %esi\n"
    "  movl in_regs+28, %edi\n"
    "  jmp *in_target\n"
    ".globl landing\n"
    "landing:\n"
    "  popal\n"
    "  ret\n");

static void handler(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  greg_t *g = uc->uc_mcontext.gregs;
  (void)si;
  if (!in_test) _exit(99);
  in_test = 0;
  result.regs[0] = g[REG_EAX];
  result.regs[1] = g[REG_ECX];
  result.regs[2] = g[REG_EDX];
  result.regs[3] = g[REG_EBX];
  result.regs[4] = g[REG_UESP];
  result.regs[5] = g[REG_EBP];
  result.regs[6] = g[REG_ESI];
  result.regs[7] = g[REG_EDI];
  result.eflags = g[REG_EFL];
  result.eip = g[REG_EIP];
  result.trapno = g[REG_TRAPNO];
  result.err = g[REG_ERR];
  result.cr2 = uc->uc_mcontext.cr2;
  result.signo = sig;
  g[REG_EIP] = (greg_t)(uintptr_t)landing;
  g[REG_ESP] = g[REG_UESP] = saved_esp;
  g[REG_EFL] = 0x246;
  g[REG_GS] = saved_seg[0];
  g[REG_FS] = saved_seg[1];
  g[REG_ES] = saved_seg[2];
  g[REG_DS] = saved_seg[3];
  g[REG_CS] = saved_seg[4];
  g[REG_SS] = saved_seg[5];
}

static void map_fixed(uint32_t addr, size_t len, int prot) {
  void *p = mmap((void *)(uintptr_t)addr, len, prot,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p != (void *)(uintptr_t)addr) {
    perror("mmap");
    exit(2);
  }
}

static void setup(void) {
  static uint8_t altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  struct sigaction sa;
  int sigs[] = {SIGTRAP, SIGSEGV, SIGILL, SIGFPE, SIGBUS};
  map_fixed(CODE_BASE, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
  map_fixed(DATA_BASE, 2 * PAGE, PROT_READ | PROT_WRITE);
  map_fixed(STACK_BASE, 2 * PAGE, PROT_READ | PROT_WRITE);
  memset((void *)(uintptr_t)CODE_BASE, 0xcc, PAGE);
  if (sigaltstack(&ss, 0)) exit(3);
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, 0);
  __asm__ volatile("movl $0, %%eax; movw %%gs, %%ax; movl %%eax, %0" : "=m"(saved_seg[0]) : : "eax");
  __asm__ volatile("movl $0, %%eax; movw %%fs, %%ax; movl %%eax, %0" : "=m"(saved_seg[1]) : : "eax");
  __asm__ volatile("movl $0, %%eax; movw %%es, %%ax; movl %%eax, %0" : "=m"(saved_seg[2]) : : "eax");
  __asm__ volatile("movl $0, %%eax; movw %%ds, %%ax; movl %%eax, %0" : "=m"(saved_seg[3]) : : "eax");
  __asm__ volatile("movl $0, %%eax; movw %%cs, %%ax; movl %%eax, %0" : "=m"(saved_seg[4]) : : "eax");
  __asm__ volatile("movl $0, %%eax; movw %%ss, %%ax; movl %%eax, %0" : "=m"(saved_seg[5]) : : "eax");
}

/* Checks that a 2-page region is zero outside its window; repairs it. Returns 1 if dirty. */
static int check_outside(uint32_t base, uint32_t win) {
  uint8_t *p = (uint8_t *)(uintptr_t)base;
  uint32_t lo = win - base, hi = lo + WIN_SIZE;
  int dirty = memcmp(p, zeros, lo) != 0 || memcmp(p + hi, zeros, 2 * PAGE - hi) != 0;
  if (dirty) {
    memset(p, 0, lo);
    memset(p + hi, 0, 2 * PAGE - hi);
  }
  return dirty;
}

static void run_record(const struct in_rec *in, struct out_rec *out) {
  uint8_t *code = (uint8_t *)(uintptr_t)CODE_BASE;
  memcpy(code + in->off, in->code, in->len);
  memcpy((void *)(uintptr_t)DATA_WIN, in->win, WIN_SIZE);
  memcpy((void *)(uintptr_t)STACK_WIN, in->win + WIN_SIZE, WIN_SIZE);
  memcpy(in_regs, in->regs, sizeof in_regs);
  in_eflags = in->eflags;
  in_target = CODE_BASE + in->off;
  memset(&result, 0, sizeof result);
  in_test = 1;
  run_one();
  result.flags = check_outside(DATA_BASE, DATA_WIN) | check_outside(STACK_BASE, STACK_WIN) << 1;
  memcpy(result.win, (void *)(uintptr_t)DATA_WIN, WIN_SIZE);
  memcpy(result.win + WIN_SIZE, (void *)(uintptr_t)STACK_WIN, WIN_SIZE);
  memset(code + in->off, 0xcc, in->len);
  for (int i = 0; i < PAGE; i++) {
    if (code[i] != 0xcc) {
      result.flags |= 4;
      code[i] = 0xcc;
    }
  }
  *out = result;
}

int main(int argc, char **argv) {
  FILE *fi, *fo;
  struct in_rec in;
  struct out_rec out;
  if (argc != 3) {
    fprintf(stderr, "usage: harness IN OUT\n");
    return 1;
  }
  fi = fopen(argv[1], "rb");
  fo = fopen(argv[2], "wb");
  if (!fi || !fo) {
    perror("open");
    return 1;
  }
  setup();
  while (fread(&in, sizeof in, 1, fi) == 1) {
    run_record(&in, &out);
    if (fwrite(&out, sizeof out, 1, fo) != 1) return 1;
  }
  fclose(fo);
  return 0;
}
