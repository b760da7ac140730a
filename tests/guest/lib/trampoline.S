/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AP start-up code. smp.c copies it to TRAMPOLINE_PA, where a SIPI starts
 * it in real mode; it reaches long mode on the boot page tables and calls
 * ap_entry(ap_boot_cpu) on ap_boot_stack. Everything it needs is resolved
 * at link time (its addresses from TRAMPOLINE_PA), so the copy is not patched.
 */
#include <asm/segment.h>
#include <guest/asm-defs.h>
#include <guest/pc.h>

#define TP_OFFSET(sym) ((sym) - trampoline_start)
#define TP_LINEAR(sym) (TRAMPOLINE_PA + TP_OFFSET(sym))
#define TP_SEL_CODE32  (SEL_DATA + 8)	/* after the null, code64 and data slots */

	.section .trampoline, "a"
	.code16
	.globl	trampoline_start
trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	TP_OFFSET(tp_gdt_ptr)
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$TP_SEL_CODE32, $TP_LINEAR(tp_code32)

	.code32
tp_code32:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$CR0_PG, %eax
	movl	%eax, %cr0
	ljmpl	$SEL_CODE64, $TP_LINEAR(tp_code64)

	.code64
tp_code64:
	movq	ap_boot_stack, %rsp
	movq	ap_boot_cpu, %rdi
	xorl	%ebp, %ebp
	movq	$ap_entry, %rax
	call	*%rax
1:	cli
	hlt
	jmp	1b

	.balign	8
tp_gdt:
	.quad	0
	.org	tp_gdt + SEL_CODE64
	.quad	DESC_CODE64
	.org	tp_gdt + SEL_DATA
	.quad	DESC_DATA
	.org	tp_gdt + TP_SEL_CODE32
	.quad	DESC_CODE32_FLAT
tp_gdt_end:
tp_gdt_ptr:
	.word	tp_gdt_end - tp_gdt - 1
	.long	TP_LINEAR(tp_gdt)
	.globl	trampoline_end
trampoline_end:

	.section .note.GNU-stack, "", @progbits
