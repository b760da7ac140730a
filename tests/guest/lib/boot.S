/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-guest entry: the Multiboot header; then, from the loader's 32-bit
 * protected mode (paging off, EAX = magic, EBX = information), long mode
 * with 1:1 page tables for the first 4 GiB (the APIC range uncached) and a
 * call to guest_start(magic, info). Steps as in SDM Vol 3 9.8.5.
 */
#include <asm/multiboot.h>
#include <asm/segment.h>
#include <guest/asm-defs.h>
#include <guest/cpu.h>
#include <guest/pc.h>

#define MB_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)
#define IDENTITY_PDS (PHYS_IDENTITY_END / PT_PAGE_1G)
#define IDENTITY_PDES (PHYS_IDENTITY_END / PT_PAGE_2M)
#define TABLE_FLAGS (PTE_P | PTE_W)

	.section .multiboot, "a"
	.balign	MULTIBOOT_HEADER_ALIGN
multiboot_header:
	.long	MULTIBOOT_HEADER_MAGIC
	.long	MB_FLAGS
	.long	-(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)

	.section .text.boot, "ax"
	.code32
	.globl	multiboot_entry
multiboot_entry:
	cli
	cld
	movl	%eax, boot_magic
	movl	%ebx, boot_info_pa

	/* Loaders zero-fill ELF segments, but a guest must not depend on it. */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	/* PML4[0] -> PDPT; PDPT[i] -> page directory i. */
	movl	$(boot_pdpt + TABLE_FLAGS), boot_pml4
	xorl	%ecx, %ecx
	movl	$(boot_pd + TABLE_FLAGS), %eax
1:	movl	%eax, boot_pdpt(, %ecx, 8)
	addl	$PT_PAGE_4K, %eax
	incl	%ecx
	cmpl	$IDENTITY_PDS, %ecx
	jb	1b

	/* Every PDE a 2 MiB page mapping itself; uncached in the APIC range. */
	xorl	%ecx, %ecx
2:	imull	$PT_PAGE_2M, %ecx, %edx
	movl	%edx, %eax
	orl	$(TABLE_FLAGS | PTE_PS), %eax
	cmpl	$APIC_MMIO_START, %edx
	jb	3f
	cmpl	$APIC_MMIO_END, %edx
	jae	3f
	orl	$PTE_CACHE_UC, %eax
3:	movl	%eax, boot_pd(, %ecx, 8)
	incl	%ecx
	cmpl	$IDENTITY_PDES, %ecx
	jb	2b

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
	orl	$(CR0_PG | CR0_PE), %eax
	movl	%eax, %cr0
	lgdt	boot_gdt_ptr
	ljmp	$SEL_CODE64, $long_mode_entry

	.code64
long_mode_entry:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$(cpu_stacks + GUEST_STACK_SIZE), %rsp
	xorl	%ebp, %ebp
	movl	boot_magic, %edi
	movl	boot_info_pa, %esi
	call	guest_start
4:	cli
	hlt
	jmp	4b

	.section .rodata
	.balign	8
boot_gdt:
	.quad	0
	.org	boot_gdt + SEL_CODE64
	.quad	DESC_CODE64
	.org	boot_gdt + SEL_DATA
	.quad	DESC_DATA
boot_gdt_end:
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt

	.data
	.balign	4
boot_magic:
	.long	0
boot_info_pa:
	.long	0

	.bss
	.balign	PT_PAGE_4K
	.globl	boot_pml4
boot_pml4:
	.skip	PT_PAGE_4K
boot_pdpt:
	.skip	PT_PAGE_4K
boot_pd:
	.skip	IDENTITY_PDS * PT_PAGE_4K

	.section .note.GNU-stack, "", @progbits
