// SPDX-License-Identifier: GPL-2.0
/* Per-processor GDT, TSS, stacks and GS base. */
#include <asm/msr.h>
#include <asm/segment.h>
#include <guest/cpu.h>
#include <guest/exception.h>

struct cpu cpus[GUEST_MAX_CPUS];
unsigned ncpus = 1;

/* boot.S starts the boot processor on cpu_stacks[0]; smp.c gives APs theirs. */
uint8_t cpu_stacks[GUEST_MAX_CPUS][GUEST_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t ist_stacks[GUEST_MAX_CPUS][GUEST_IST_SIZE] __attribute__((aligned(16)));

static void gdt_build(struct cpu *c)
{
	uint64_t tss = (uint64_t)(uintptr_t)&c->tss;

	c->gdt[GDT_NULL] = 0;
	c->gdt[GDT_CODE64] = DESC_CODE64;
	c->gdt[GDT_DATA] = DESC_DATA;
	c->gdt[GDT_TSS] = (sizeof(c->tss) - 1) |
			  (tss & DESC_BASE_LO_MASK) << DESC_BASE_LO_SHIFT |
			  DESC_TSS_TYPE << DESC_TYPE_SHIFT |
			  ((tss >> DESC_BASE_MID_BITS) & DESC_BASE_MID_MASK) << DESC_BASE_MID_SHIFT;
	c->gdt[GDT_TSS + 1] = tss >> DESC_BASE_HI_SHIFT;
	c->tss = (struct tss64){ .iomap_base = sizeof(c->tss) };
	c->tss.ist[GUEST_IST_FAULT - 1] = (uint64_t)(uintptr_t)&ist_stacks[c->index][GUEST_IST_SIZE];
}

void cpu_init_tables(struct cpu *c)
{
	struct desc_ptr gdtr = { sizeof(c->gdt) - 1, (uint64_t)(uintptr_t)c->gdt };

	c->self = c;
	gdt_build(c);
	__asm__ volatile("lgdt %0" : : "m"(gdtr));
	/* Reload CS through a far return, then the data segments and TR. */
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %[ds], %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movl %%eax, %%fs\n\t"
			 "movl %%eax, %%gs\n\t"
			 "movw %[tr], %%ax\n\t"
			 "ltr %%ax"
			 : : [cs] "i"(SEL_CODE64), [ds] "i"(SEL_DATA), [tr] "i"(SEL_TSS)
			 : "rax", "memory");
	/* After the GS selector load, which zeroes the base. */
	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)c);
	idt_load();
}

void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt" ::: "memory");
}
