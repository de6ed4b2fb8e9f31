# crt0: the process entry point. The kernel leaves argc at (%esp), then argv[],
# NULL, envp[], NULL, auxv pairs. _start clears the frame pointer, aligns the
# stack to 16 bytes and calls __libc_start(sp), which never returns.
	.text
	.globl _start
_start:
	xorl %ebp, %ebp
	movl %esp, %eax
	andl $-16, %esp
	subl $12, %esp
	pushl %eax
	call __libc_start
	hlt

	.section .note.GNU-stack,"",@progbits
