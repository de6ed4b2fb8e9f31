/*
 * The thread control block. Like musl, set_thread_area installs a GDT entry
 * whose base is the block, %gs selects it, and the block's first word points
 * to itself, so %gs:0 reads the thread pointer. Without set_thread_area
 * (ENOSYS) %gs stays null and only non-TLS code works.
 */
#include "../internal/libc.h"
#include "../internal/syscall.h"

struct user_desc {
  unsigned int entry_number;
  unsigned int base_addr;
  unsigned int limit;
  unsigned int flags; /* seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1 */
};

static struct tcb __main_tcb;

void __set_gs(int selector);

void __init_tls(void) {
  struct user_desc d;
  __main_tcb.self = &__main_tcb;
  d.entry_number = (unsigned)-1;
  d.base_addr = (unsigned)&__main_tcb;
  d.limit = 0xfffff;
  d.flags = 0x51;
  if (SYS1(NR_set_thread_area, &d) == 0) __set_gs((int)(d.entry_number * 8 + 3));
}

/* Returns the thread pointer (the TCB's address). */
struct tcb *__tcb(void) { return &__main_tcb; }
