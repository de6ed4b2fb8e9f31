# x87 helpers for math.h: results are returned in %st(0) as the i386 ABI wants.
	.text
	.globl sqrt
sqrt:
	fldl 4(%esp)
	fsqrt
	ret

# fmod(x, y): fprem repeats until the reduction is complete (C2 clear).
	.globl fmod
fmod:
	fldl 12(%esp)
	fldl 4(%esp)
1:
	fprem
	fnstsw %ax
	testw $0x400, %ax
	jnz 1b
	fstp %st(1)
	ret

	.section .note.GNU-stack,"",@progbits
