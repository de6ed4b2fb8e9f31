# setjmp/longjmp: jmp_buf = { ebx, esi, edi, ebp, esp, eip }. setjmp returns 0;
# longjmp(env, v) resumes after setjmp returning v (1 when v is 0).
# sigsetjmp/siglongjmp save and restore the signal mask through C helpers.
	.text
	.globl setjmp
	.globl _setjmp
	.globl __setjmp_regs
setjmp:
_setjmp:
__setjmp_regs:
	movl 4(%esp), %eax
	movl %ebx, 0(%eax)
	movl %esi, 4(%eax)
	movl %edi, 8(%eax)
	movl %ebp, 12(%eax)
	leal 4(%esp), %ecx
	movl %ecx, 16(%eax)
	movl (%esp), %ecx
	movl %ecx, 20(%eax)
	xorl %eax, %eax
	ret

	.globl longjmp
	.globl _longjmp
longjmp:
_longjmp:
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	testl %eax, %eax
	jnz 1f
	incl %eax
1:
	movl 0(%edx), %ebx
	movl 4(%edx), %esi
	movl 8(%edx), %edi
	movl 12(%edx), %ebp
	movl 16(%edx), %esp
	jmp *20(%edx)

# sigsetjmp(env, save): records save and the mask, then behaves as setjmp.
	.globl sigsetjmp
sigsetjmp:
	movl 4(%esp), %eax
	movl 8(%esp), %ecx
	movl %ecx, 24(%eax)
	testl %ecx, %ecx
	jz __setjmp_regs
	pushl %eax
	call __sigjmp_savemask
	popl %eax
	jmp __setjmp_regs

	.section .note.GNU-stack,"",@progbits
