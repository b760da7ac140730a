/* SPDX-License-Identifier: GPL-2.0 */
/* 32-bit (CS.D = 1) instruction corpus for the insn_decode() length cross-check. */
	.code32
	.text
	mov %eax, 0xfee00300
	mov 0xfee00020, %eax
	mov %al, 0xfee00020
	mov %eax, 0x300(%edx)
	movl $0x12345678, 0xb0(%edx)
	xchg %eax, (%edx)
	addr16 mov %eax, (%bx,%si)
	addr16 mov 0x1234, %eax
	mov %ax, 0x10(%esp)
	movw $0x1234, (%edx)
	mov 0x12345678(,%ecx,4), %ebx
	mov (%ebp), %eax
	mov (%esp,%eax,2), %ecx
	mov 0x10(%ebp,%esi,8), %edx
	addl $0x12, (%eax)
	addw $0x1234, (%eax)
	lock orl $1, (%edx)
	testl $0x80000000, (%edx)
	testw $0x8000, (%edx)
	movzbl (%edx), %eax
	movsbw (%edx), %ax
	inc %eax
	dec %ecx
	inc %ax
	push $0x12345678
	pushw $0x1234
	push %es
	pop %ds
	pusha
	popa
	pushf
	daa
	das
	aaa
	aas
	aam
	aad $5
	into
	bound %eax, (%edx)
	arpl %ax, (%edx)
	les (%edx), %eax
	lds (%edx), %ax
	lss (%edx), %esp
	ljmp $0x10, $0x12345678
	lcall $0x10, $0x12345678
	ljmpw $0x10, $0x1234
	jmp .+0x1000
	call .+0x1000
	jmpw *%ax
	jne .+0x1000
	je .
	jecxz .
	ret $4
	enter $8, $0
	mov $0x12345678, %eax
	mov $0x1234, %ax
	mov $0x12, %ah
	rep movsl
	rep stosw
	repne scasb
	lodsl
	sysenter
	sysexit
	mov %cr0, %eax
	mov %eax, %cr4
	lgdt (%eax)
	vmrun
	movaps (%eax), %xmm0
	pshufd $0x1b, %xmm0, %xmm1
	pinsrd $2, (%eax), %xmm0
	vmovaps (%eax), %ymm0
	vpaddd %ymm1, %ymm2, %ymm3
	vpermq $0x4e, %ymm0, %ymm1
	vzeroupper
	vmovups (%eax), %zmm0
	vpternlogd $0xff, %zmm0, %zmm0, %zmm0
	fldl (%eax)
	nop
	hlt
