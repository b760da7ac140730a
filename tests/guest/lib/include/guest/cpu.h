/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-processor state of a test guest. Each processor's GS base points at
 * its struct cpu (never changed: guests run at CPL 0 only, no SWAPGS).
 */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#define GUEST_MAX_CPUS    32
#define GUEST_STACK_SIZE  0x4000	/* per processor */
#define GUEST_IST_SIZE    0x1000	/* #DF, NMI and #MC run on their own stack */
#define GUEST_IST_FAULT   1		/* TSS IST slot for those three */

#ifndef __ASSEMBLER__
#include <asm/segment.h>
#include <stdbool.h>
#include <stdint.h>

/* Vector and error code of an exception, or 0 for none: see guest/exception.h. */
typedef uint64_t exinfo_t;

struct cpu {
	struct cpu *self;		/* at %gs:0, so this_cpu() is one load */
	unsigned index;			/* 0 = boot processor */
	uint32_t apic_id;
	volatile bool online;		/* set by the processor itself once running */
	volatile exinfo_t exinfo;	/* what the last fixed-up exception was */

	/* smp_call(): the boot processor posts, the AP runs and acknowledges. */
	void (*volatile call_fn)(void *);
	void *volatile call_arg;
	volatile uint64_t call_seq;
	volatile uint64_t done_seq;

	uint64_t gdt[GDT_ENTRIES];
	struct tss64 tss;
	unsigned str_next;		/* exinfo_str()'s rotating buffers */
	char str_buf[4][32];
};

/* Processors known (started or not); cpus[0] is the boot processor. */
extern struct cpu cpus[GUEST_MAX_CPUS];
extern unsigned ncpus;

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

/* Loads the GDT, TSS and IDT and the GS base for processor 'c' (desc.c). */
void cpu_init_tables(struct cpu *c);

/* Stops this processor for good: interrupts off, HLT in a loop. */
__attribute__((noreturn)) void cpu_halt_forever(void);

/* TSC frequency (tsc.c): calibrated at boot against the PIT; if the PIT did not count, assumed. */
extern uint64_t tsc_khz;
extern bool tsc_calibrated;
void udelay(uint64_t us);
uint64_t tsc_from_us(uint64_t us);
uint64_t us_from_tsc(uint64_t cycles);

/* CPUID 0x80000008 EAX[7:0], the physical address width (32 if not reported). */
unsigned cpu_phys_bits(void);

#endif
#endif
