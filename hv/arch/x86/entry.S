/* SPDX-License-Identifier: GPL-2.0 */
/* Core entry points: the boot processor's _start and the exception stubs. */
#include <asm/segment.h>

	.section .text.entry, "ax"
	.code64

/* Entered by the loader: 64-bit mode, firmware page tables, RDI = struct bh_bootinfo *. */
	.globl _start
_start:
	cli
	cld
	leaq	bsp_stack + HV_STACK_SIZE(%rip), %rsp
	xorl	%ebp, %ebp
	call	arch_bsp_entry
1:	hlt
	jmp	1b

/* Entered from the AP trampoline: RSP = this processor's stack, RDI = its struct cpu. */
	.globl ap_entry64
ap_entry64:
	cld
	xorl	%ebp, %ebp
	call	arch_ap_entry
1:	hlt
	jmp	1b

/*
 * One stub per vector, 16 bytes apart (the longest is push imm8 + push imm32
 * + jmp rel32 = 12 bytes): push a zero error code where the CPU pushes none
 * (SDM Vol 3 table 6-1), push the vector, join the common path.
 */
.macro vector_stub n
	.balign 16
	.if !(\n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30)
	pushq	$0
	.endif
	pushq	$\n
	jmp	exception_common
.endm

	.text
	.balign 16
	.globl vector_stubs
vector_stubs:
	.altmacro
	.set	n, 0
	.rept	256
	vector_stub %n
	.set	n, n + 1
	.endr

/* Saves the general registers as struct exc_frame and calls exception_handler(frame). */
exception_common:
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
	call	exception_handler
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

	.bss
	.balign HV_STACK_SIZE
	.globl bsp_stack
bsp_stack:
	.skip	HV_STACK_SIZE
	.globl bsp_ist_stacks
bsp_ist_stacks:
	.skip	3 * HV_STACK_SIZE
	.section .note.GNU-stack, "", @progbits
