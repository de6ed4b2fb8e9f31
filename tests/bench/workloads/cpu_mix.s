# CPU benchmark workload: CRC-32 (table driven) over a 4 MiB buffer, 4 rounds, then a
# sieve of Eratosthenes below 4,000,000. Exits with status (crc ^ primes) & 0xff.
# Runs natively (gcc -m32 -nostdlib -static) and under denix's CPU; the only system
# calls are mmap2 (fixed anonymous buffers) and exit.
        .equ BUF, 0x10000000
        .equ BUFSZ, 0x400000
        .equ TABLE, 0x10800000
        .equ SIEVE, 0x11000000
        .equ N, 4000000
        .equ ROUNDS, 4

        .text
        .globl _start
_start:
        # mmap2(0x10000000, 0x1400000, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
        movl $192, %eax
        movl $BUF, %ebx
        movl $0x1400000, %ecx
        movl $3, %edx
        movl $0x32, %esi
        movl $-1, %edi
        xorl %ebp, %ebp
        int $0x80

        # Fill the buffer with a linear congruential sequence.
        movl $BUF, %edi
        movl $BUFSZ/4, %ecx
        movl $12345, %eax
1:      imull $1103515245, %eax, %eax
        addl $12345, %eax
        movl %eax, (%edi)
        addl $4, %edi
        decl %ecx
        jnz 1b

        # CRC table.
        xorl %ecx, %ecx
2:      movl %ecx, %eax
        movl $8, %edx
3:      shrl $1, %eax
        jnc 4f
        xorl $0xEDB88320, %eax
4:      decl %edx
        jnz 3b
        movl %eax, TABLE(,%ecx,4)
        incl %ecx
        cmpl $256, %ecx
        jb 2b

        # CRC-32 of the buffer, ROUNDS times.
        movl $ROUNDS, %ebp
5:      movl $-1, %eax
        movl $BUF, %esi
        movl $BUFSZ, %ecx
6:      movzbl (%esi), %edx
        xorb %al, %dl
        shrl $8, %eax
        xorl TABLE(,%edx,4), %eax
        incl %esi
        decl %ecx
        jnz 6b
        notl %eax
        decl %ebp
        jnz 5b
        pushl %eax

        # Sieve of Eratosthenes.
        movl $SIEVE, %edi
        movl $N, %ecx
        movb $1, %al
        rep stosb
        movl $2, %ebx
7:      movl %ebx, %eax
        imull %ebx, %eax
        cmpl $N, %eax
        jae 9f
        cmpb $0, SIEVE(%ebx)
        je 8f
10:     movb $0, SIEVE(%eax)
        addl %ebx, %eax
        cmpl $N, %eax
        jb 10b
8:      incl %ebx
        jmp 7b
9:      xorl %edx, %edx
        movl $2, %ecx
11:     movzbl SIEVE(%ecx), %eax
        addl %eax, %edx
        incl %ecx
        cmpl $N, %ecx
        jb 11b

        # exit((crc ^ primes) & 0xff)
        popl %eax
        xorl %edx, %eax
        movzbl %al, %ebx
        movl $1, %eax
        int $0x80
