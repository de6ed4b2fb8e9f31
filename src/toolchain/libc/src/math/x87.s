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

# __exp2_x87(y): 2^y for finite y, as 2^frac(y) * 2^int(y) with f2xm1 and fscale.
	.globl __exp2_x87
__exp2_x87:
	fldl 4(%esp)
	fld %st(0)
	frndint
	fxch %st(1)
	fsub %st(1), %st
	f2xm1
	fld1
	faddp %st, %st(1)
	fscale
	fstp %st(1)
	ret

# __ylog2x_x87(y, x): y * log2(x) in extended precision (x > 0).
	.globl __ylog2x_x87
__ylog2x_x87:
	fldl 4(%esp)
	fldl 12(%esp)
	fyl2x
	ret

# __pow_x87(x, y): 2^(y * log2 x) for x > 0, the exponent kept in extended precision.
	.globl __pow_x87
__pow_x87:
	fldl 12(%esp)
	fldl 4(%esp)
	fyl2x
	fld %st(0)
	frndint
	fxch %st(1)
	fsub %st(1), %st
	f2xm1
	fld1
	faddp %st, %st(1)
	fscale
	fstp %st(1)
	ret

# __exp_x87(x): e^x = 2^(x * log2 e) with log2 e from fldl2e.
	.globl __exp_x87
__exp_x87:
	fldl 4(%esp)
	fldl2e
	fmulp %st, %st(1)
	fld %st(0)
	frndint
	fxch %st(1)
	fsub %st(1), %st
	f2xm1
	fld1
	faddp %st, %st(1)
	fscale
	fstp %st(1)
	ret

	.globl sqrtl
sqrtl:
	fldt 4(%esp)
	fsqrt
	ret

	.globl sin
sin:
	fldl 4(%esp)
	fsin
	ret

	.globl cos
cos:
	fldl 4(%esp)
	fcos
	ret

# tan: fptan pushes 1.0 after tan(x); drop it.
	.globl tan
tan:
	fldl 4(%esp)
	fptan
	fstp %st(0)
	ret

# atan2(y, x): fpatan computes atan(st1 / st0) with the quadrant of (x, y).
	.globl atan2
atan2:
	fldl 4(%esp)
	fldl 12(%esp)
	fpatan
	ret

	.section .note.GNU-stack,"",@progbits
