/* The C half of sigsetjmp/siglongjmp: saving and restoring the signal mask. */
#include <setjmp.h>
#include <signal.h>

void __sigjmp_savemask(sigjmp_buf env) {
  sigprocmask(SIG_BLOCK, NULL, (sigset_t *)env->__mask);
}

_Noreturn void siglongjmp(sigjmp_buf env, int val) {
  if (env->__saved) sigprocmask(SIG_SETMASK, (sigset_t *)env->__mask, NULL);
  longjmp(env->__regs, val);
}
