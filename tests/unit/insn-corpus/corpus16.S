/* SPDX-License-Identifier: GPL-2.0 */
/* 16-bit (real mode or CS.D = 0) instruction corpus for the insn_decode() length cross-check. */
	.code16
	.text
	mov %ax, 0x300(%bx,%si)
	mov %ax, 0x30(%bx,%di)
	mov %ax, (%bp,%si)
	mov (%bp,%di), %ax
	mov (%si), %al
	mov (%di), %ah
	mov 0x10(%bp), %cx
	mov (%bx), %dx
	mov 0x1234, %ax
	mov 0x20, %al
	mov %al, 0x20
	mov 0x1234, %bx
	mov %eax, (%bx)
	movl $0x12345678, (%bx)
	movw $0x1234, (%bx)
	addr32 mov %eax, 0x300(%edx)
	addr32 mov %eax, (%esp)
	addr32 mov 0xfee00300, %eax
	addr32 mov %ax, 0x10(,%ecx,4)
	xchg %ax, (%bx)
	addw $0x1234, (%bx)
	addw $0x12, (%bx)
	addl $0x12345678, (%bx)
	lock orw $1, (%bx)
	testw $0x8000, (%bx)
	testl $0x80000000, (%bx)
	movzbw (%bx), %ax
	movzbl (%bx), %eax
	push $0x1234
	pushl $0x12345678
	push %cs
	pop %ss
	les (%bx), %ax
	lds (%bx), %si
	ljmp $0xf000, $0xe05b
	lcall $0x10, $0x1234
	ljmpl $0x10, $0x12345678
	jmp .+0x100
	call .+0x100
	jne .+0x100
	je .
	jcxz .
	ret $2
	lret
	iret
	int $0x10
	enter $8, $1
	mov $0x1234, %ax
	mov $0x12345678, %eax
	mov $0x12, %al
	rep movsb
	rep stosw
	rep stosl
	cli
	hlt
	mov %cr0, %eax
	mov %eax, %cr0
	lgdtl (%bx)
	lidt (%bx)
	in $0x60, %al
	out %al, $0x80
	movaps (%bx), %xmm0
	fninit
	nop
