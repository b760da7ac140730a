/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Application-processor start-up code, copied at boot to a page below
 * 1 MiB and entered by SIPI in real mode at offset 0 of that page. It goes
 * to protected mode, then long mode with the core's page tables, and jumps
 * to ap_entry64. The core patches the tp_* fields (see smp.c) first.
 * The order of steps follows SDM Vol 3 9.8.5 "Initializing IA-32e Mode".
 */
#include <asm/segment.h>

#define TP(sym) ((sym) - trampoline_start)
#define CR0_PE_BIT 0x1
#define CR0_LONG_MODE 0x80010033	/* PG | WP | NE | ET | MP | PE */
#define CR4_PAE_BIT 0x20
#define MSR_EFER_NUM 0xC0000080
#define EFER_LME_NXE 0x900
#define TP_SEL_CODE32 0x08
#define TP_SEL_DATA 0x10
#define TP_SEL_CODE64 0x18

	.section .trampoline, "a"
	.code16
	.globl trampoline_start
trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	movzwl	%ax, %ebx
	shll	$4, %ebx		/* EBX = linear address of this page, kept to the end */
	lgdtl	TP(tp_gdt_ptr)
	movl	%cr0, %eax
	orl	$CR0_PE_BIT, %eax
	movl	%eax, %cr0
	ljmpl	*TP(tp_jump32)

	.code32
	.globl tp_code32
tp_code32:
	movw	$TP_SEL_DATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	%cr4, %eax
	orl	$CR4_PAE_BIT, %eax
	movl	%eax, %cr4
	movl	TP(tp_cr3)(%ebx), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER_NUM, %ecx
	rdmsr
	orl	$EFER_LME_NXE, %eax
	wrmsr
	movl	$CR0_LONG_MODE, %eax
	movl	%eax, %cr0
	ljmpl	*TP(tp_jump64)(%ebx)

	.code64
	.globl tp_code64
tp_code64:
	movl	%ebx, %ebx
	movq	TP(tp_stack)(%rbx), %rsp
	movq	TP(tp_cpu)(%rbx), %rdi
	jmpq	*TP(tp_entry)(%rbx)

	.balign 8
tp_gdt:
	.quad	0
	.quad	0x00CF9A000000FFFF	/* 0x08: 32-bit code, flat */
	.quad	0x00CF92000000FFFF	/* 0x10: data, flat */
	.quad	0x00AF9A000000FFFF	/* 0x18: 64-bit code */
tp_gdt_end:
	.globl tp_gdt_ptr, tp_jump32, tp_jump64, tp_cr3, tp_stack, tp_cpu, tp_entry, trampoline_end
tp_gdt_ptr:
	.word	tp_gdt_end - tp_gdt - 1
	.long	0			/* patched: linear address of tp_gdt */
tp_jump32:
	.long	0			/* patched: linear address of tp_code32 */
	.word	TP_SEL_CODE32
tp_jump64:
	.long	0			/* patched: linear address of tp_code64 */
	.word	TP_SEL_CODE64
	.balign 8
tp_cr3:
	.quad	0
tp_stack:
	.quad	0
tp_cpu:
	.quad	0
tp_entry:
	.quad	0
	.globl tp_gdt
trampoline_end:
	.section .note.GNU-stack, "", @progbits
