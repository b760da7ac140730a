/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-processor state of the core. A processor finds its own struct cpu at
 * the base of the stack it runs on: every core stack (normal and IST) is
 * HV_STACK_SIZE-aligned and starts with a pointer to its owner.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <asm/segment.h>
#include <hv/config.h>
#include <stdbool.h>
#include <stdint.h>

struct arch_vp;

struct cpu {
	unsigned id;			/* 0 = boot processor */
	uint32_t apic_id;
	bool online;			/* started and running the core */

	uint64_t gdt[GDT_ENTRIES];
	struct tss64 tss;

	uint64_t stack;			/* base of each HV_STACK_SIZE stack */
	uint64_t ist_stack[3];

	uint64_t hsave_pa;		/* VM_HSAVE_PA page (the CPU's own format) */
	uint64_t host_vmcb_pa;		/* VMSAVE area for the core's FS/GS/TR/LDTR/syscall MSRs */

	struct arch_vp *root_vp;	/* the root partition's processor pinned here */

	/* Written by other processors; NMI kicks make this one look. */
	volatile uint32_t kick;		/* KICK_* bits */
	volatile bool nmi_seen;		/* set by the NMI handler */
	uint64_t nmi_count;
	bool in_fault_dump;		/* a fault is being reported on this processor */
};

#define KICK_INIT (1u << 0)		/* the root sent INIT to this processor's root VP */

struct cpu *this_cpu(void);
struct cpu *cpu_by_id(unsigned id);
struct cpu *cpu_by_apic_id(uint32_t apic_id);

#endif
