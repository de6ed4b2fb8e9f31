# __syscall6(n, a1..a6): one Linux i386 system call through int $0x80.
# Arguments go in eax (number), ebx ecx edx esi edi ebp; the raw result
# (-4095..-1 meaning -errno) is returned in eax. Callee-saved registers are
# restored, so callers may pass unused trailing arguments as anything.
	.text
	.globl __syscall6
__syscall6:
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %ebx
	movl 20(%esp), %eax
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %edx
	movl 36(%esp), %esi
	movl 40(%esp), %edi
	movl 44(%esp), %ebp
	int $0x80
	popl %ebx
	popl %esi
	popl %edi
	popl %ebp
	ret

# Restorers installed by sigaction. The kernel builds an rt frame for
# SA_SIGINFO handlers (return with rt_sigreturn, 173) and the old frame
# otherwise (pop the signal number, then sigreturn, 119), as musl does.
	.globl __sigrestore_rt
__sigrestore_rt:
	movl $173, %eax
	int $0x80
	hlt

	.globl __sigrestore
__sigrestore:
	popl %eax
	movl $119, %eax
	int $0x80
	hlt

# __set_gs(selector): loads %gs after set_thread_area.
	.globl __set_gs
__set_gs:
	movl 4(%esp), %eax
	movw %ax, %gs
	ret

	.section .note.GNU-stack,"",@progbits
