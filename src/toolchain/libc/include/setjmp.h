/* setjmp.h: non-local jumps; jmp_buf saves ebx esi edi ebp esp eip (+ signal mask for sigsetjmp). */
#ifndef _SETJMP_H
#define _SETJMP_H
typedef int jmp_buf[6];
typedef struct { int __regs[6]; int __saved; unsigned long __mask[2]; } sigjmp_buf[1];
int setjmp(jmp_buf env);
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env);
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask);
_Noreturn void siglongjmp(sigjmp_buf env, int val);
#endif
