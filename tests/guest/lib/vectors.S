/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One stub per vector, VECTOR_STUB_SIZE bytes apart: push a zero where the
 * processor pushes no error code, push the vector, and save the general
 * registers as struct ex_regs for exception_dispatch() (exception.c).
 */
#include <guest/asm-defs.h>
#include <guest/exception.h>

.macro vector_stub n
	.balign	VECTOR_STUB_SIZE
	.if !(\n == VEC_DF || (\n >= VEC_TS && \n <= VEC_PF) || \n == VEC_AC || \n == VEC_CP || \
	      \n == VEC_VC || \n == VEC_SX)
	pushq	$0
	.endif
	pushq	$\n
	jmp	exception_entry
.endm

	.text
	.balign	VECTOR_STUB_SIZE
	.globl	vector_stubs
vector_stubs:
	.altmacro
	.set	n, 0
	.rept	VEC_COUNT
	vector_stub %n
	.set	n, n + 1
	.endr
	.globl	vector_stubs_end
vector_stubs_end:

exception_entry:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %rdi
	cld
	call	exception_dispatch
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector and error code */
	iretq

	.section .note.GNU-stack, "", @progbits
