/* SPDX-License-Identifier: GPL-2.0 */
/*
 * void svm_vmrun(uint64_t vmcb_pa, uint64_t *gpr, uint64_t host_area_pa, int host_if)
 *
 * Loads the guest's general registers (all but RAX and RSP, which live in
 * the VMCB), switches the VMLOAD/VMSAVE state (FS, GS, TR, LDTR, syscall
 * MSRs) to the guest, runs it, and switches back. Called with GIF = 0.
 * host_if = 1 runs the guest with host RFLAGS.IF set, so that with
 * V_INTR_MASKING physical interrupts exit to the core (APM 15.21.1).
 * Register slots in gpr[] follow the x86 encoding: RAX 0 ... R15 15.
 */
	.text
	.code64
	.globl svm_vmrun
svm_vmrun:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%rdx			/* host VMSAVE area */
	pushq	%rsi			/* gpr[] */
	movq	%rdi, %rax
	testl	%ecx, %ecx
	jz	1f
	sti				/* held off by GIF = 0 until VMRUN */
1:
	movq	1*8(%rsi), %rcx
	movq	2*8(%rsi), %rdx
	movq	3*8(%rsi), %rbx
	movq	5*8(%rsi), %rbp
	movq	7*8(%rsi), %rdi
	movq	8*8(%rsi), %r8
	movq	9*8(%rsi), %r9
	movq	10*8(%rsi), %r10
	movq	11*8(%rsi), %r11
	movq	12*8(%rsi), %r12
	movq	13*8(%rsi), %r13
	movq	14*8(%rsi), %r14
	movq	15*8(%rsi), %r15
	movq	6*8(%rsi), %rsi
	vmload	%rax
	vmrun	%rax
	vmsave	%rax
	cli
	movq	(%rsp), %rax		/* gpr[]; the guest's RAX is in the VMCB */
	movq	%rcx, 1*8(%rax)
	movq	%rdx, 2*8(%rax)
	movq	%rbx, 3*8(%rax)
	movq	%rbp, 5*8(%rax)
	movq	%rsi, 6*8(%rax)
	movq	%rdi, 7*8(%rax)
	movq	%r8, 8*8(%rax)
	movq	%r9, 9*8(%rax)
	movq	%r10, 10*8(%rax)
	movq	%r11, 11*8(%rax)
	movq	%r12, 12*8(%rax)
	movq	%r13, 13*8(%rax)
	movq	%r14, 14*8(%rax)
	movq	%r15, 15*8(%rax)
	addq	$8, %rsp
	popq	%rax			/* host VMSAVE area */
	vmload	%rax
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.section .note.GNU-stack, "", @progbits
