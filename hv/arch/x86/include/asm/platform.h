/* SPDX-License-Identifier: GPL-2.0 */
/* What the core learned about the machine at boot (hv/arch/x86/setup.c and friends). */
#ifndef ASM_PLATFORM_H
#define ASM_PLATFORM_H

#include <asm/paging.h>
#include <asm/percpu.h>
#include <bulkhead/bootinfo.h>
#include <stdbool.h>
#include <stdint.h>

struct platform {
	const struct bh_bootinfo *bi;	/* inside the core's range */
	uint16_t console_port;		/* 0 once the root owns the console */
	uint16_t log_port;		/* 0: none */
	bool verbose;

	char vendor[13];
	unsigned phys_bits;		/* MAXPHYADDR */
	bool has_1g_pages;
	bool has_x2apic;
	uint32_t svm_features;		/* CPUID 0x8000000A EDX */
	uint32_t svm_asids;		/* CPUID 0x8000000A EBX */
	uint64_t tsc_khz;
	uint64_t core_entry_tsc;
	uint64_t root_entry_tsc;

	unsigned ncpus;			/* processors listed in the MADT, capped */
	uint32_t apic_ids[HV_MAX_CPUS];	/* index = core processor id */
	uint64_t lapic_base;

	struct pt host_pt;		/* the core's own address space */
};

extern struct platform plat;

/* setup.c */
void cpu_load_tables(struct cpu *c);
void console_release(void);		/* the root owns the console from now on */
void console_reclaim(void);		/* the root is gone: log to the console again */

/* tsc.c */
uint64_t tsc_calibrate_khz(void);
void udelay(uint64_t us);

/* acpi.c: fills plat.apic_ids / ncpus from the MADT; false if there is none. */
bool acpi_find_cpus(uint64_t rsdp);

/* smp.c */
void smp_start_aps(void);

/* exceptions.c */
void idt_init(void);
void idt_load(void);

#endif
