// SPDX-License-Identifier: GPL-2.0
/*
 * Boot of the core on the boot processor and the APs: console, descriptor
 * tables, the core's page tables; then generic hv_main() takes over.
 */
#include <asm/cpuid.h>
#include <asm/fpu.h>
#include <asm/cr.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/segment.h>
#include <asm/uart.h>
#include <bulkhead/version.h>
#include <hv/arch.h>
#include <hv/core.h>
#include <hv/log.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

struct platform plat;
static struct cpu cpus[HV_MAX_CPUS];
extern char bsp_stack[], bsp_ist_stacks[];

struct cpu *this_cpu(void)
{
	uint64_t rsp;

	__asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
	return *(struct cpu **)(rsp & ~(uint64_t)(HV_STACK_SIZE - 1));
}

struct cpu *cpu_by_id(unsigned id)
{
	return id < HV_MAX_CPUS ? &cpus[id] : 0;
}

struct cpu *cpu_by_apic_id(uint32_t apic_id)
{
	for (unsigned i = 0; i < plat.ncpus; i++)
		if (plat.apic_ids[i] == apic_id)
			return &cpus[i];
	return 0;
}

unsigned arch_cpu_id(void)
{
	return this_cpu()->id;
}

unsigned arch_cpu_count(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < plat.ncpus; i++)
		n += cpus[i].online;
	return n;
}

void arch_console_write(const char *s, size_t n)
{
	if (plat.console_port)
		uart_write(plat.console_port, s, n);
	if (plat.log_port && plat.log_port != plat.console_port)
		uart_write(plat.log_port, s, n);
}

void console_release(void)
{
	plat.console_port = 0;
}

void console_reclaim(void)
{
	plat.console_port = plat.bi->console_port;
}

_Noreturn void arch_halt_cpu(void)
{
	this_cpu()->online = false;
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* Marks a stack as belonging to 'c' (see this_cpu()). */
static uint64_t stack_claim(uint64_t base, struct cpu *c)
{
	*(struct cpu **)base = c;
	return base + HV_STACK_SIZE;
}

static void gdt_build(struct cpu *c)
{
	uint64_t tss = virt_to_phys(&c->tss);

	c->gdt[GDT_NULL] = 0;
	c->gdt[GDT_CODE64] = DESC_CODE64;
	c->gdt[GDT_DATA] = DESC_DATA;
	/* 16-byte TSS descriptor (SDM Vol 3 figure 7-4). */
	c->gdt[GDT_TSS] = (sizeof(c->tss) - 1) | (tss & 0xFFFFFFull) << 16 | DESC_TSS_TYPE << 40 |
			  ((tss >> 24) & 0xFF) << 56;
	c->gdt[GDT_TSS + 1] = tss >> 32;
	c->tss.iomap_base = sizeof(c->tss);
	c->tss.ist[IST_NMI - 1] = c->ist_stack[0] + HV_STACK_SIZE;
	c->tss.ist[IST_DF - 1] = c->ist_stack[1] + HV_STACK_SIZE;
	c->tss.ist[IST_MC - 1] = c->ist_stack[2] + HV_STACK_SIZE;
}

void cpu_load_tables(struct cpu *c)
{
	struct desc_ptr gdtr = { sizeof(c->gdt) - 1, virt_to_phys(c->gdt) };

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
	idt_load();
	/* A clean, known host control state; VMRUN saves and restores it. */
	write_cr0(CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG);
	write_cr4(CR4_PAE);
	fpu_cpu_init();
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
}

static bool console_setup(const struct bh_bootinfo *bi)
{
	if (bi->console_port)
		plat.console_port = bi->console_port;
	if (bi->log_port && bi->log_port != bi->console_port && uart_init(bi->log_port))
		plat.log_port = bi->log_port;
	return true;
}

static bool bootinfo_valid(const struct bh_bootinfo *bi)
{
	return bi->magic == BH_BOOTINFO_MAGIC && bi->version == BH_BOOTINFO_VERSION &&
	       bi->size == sizeof(*bi) && IS_ALIGNED(bi->hv_base, SZ_2M) &&
	       bi->hv_size >= SZ_2M && bi->memmap_count <= BH_MEMMAP_MAX &&
	       bi->hv_image_end > bi->hv_base && bi->hv_image_end < bi->hv_base + bi->hv_size;
}

static void cpu_identify(void)
{
	struct cpuid_regs r = cpuid(CPUID_VENDOR);

	memcpy(plat.vendor, &r.ebx, 4);
	memcpy(plat.vendor + 4, &r.edx, 4);
	memcpy(plat.vendor + 8, &r.ecx, 4);
	plat.vendor[12] = 0;
	plat.has_x2apic = cpuid(CPUID_FEATURES).ecx & CPUID_1_ECX_X2APIC;
	plat.has_1g_pages = cpuid(CPUID_EXT_FEATURES_AMD).edx & CPUID_80000001_EDX_PAGE1GB;
	plat.phys_bits = cpuid(CPUID_ADDR_SIZES).eax & CPUID_ADDR_PHYS_BITS_MASK;
	if (plat.phys_bits < 32 || plat.phys_bits > 52)
		plat.phys_bits = 36;
	plat.lapic_base = rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_ADDR_MASK;
}

/* BSP entry from _start: the firmware's page tables and descriptors are still live. */
_Noreturn void arch_bsp_entry(struct bh_bootinfo *bi);
_Noreturn void arch_bsp_entry(struct bh_bootinfo *bi)
{
	struct cpu *c = &cpus[0];

	plat.core_entry_tsc = rdtsc();
	stack_claim((uint64_t)(uintptr_t)bsp_stack, c);
	for (unsigned i = 0; i < 3; i++)
		c->ist_stack[i] = stack_claim((uint64_t)(uintptr_t)bsp_ist_stacks + i * HV_STACK_SIZE, c) -
				  HV_STACK_SIZE;
	c->stack = (uint64_t)(uintptr_t)bsp_stack;
	plat.bi = bi;
	console_setup(bi);
	hv_log("Bulkhead core %s starting", BH_VERSION_STRING);
	if (!bootinfo_valid(bi))
		panic("the loader's boot information is not a version %u struct bh_bootinfo",
		      BH_BOOTINFO_VERSION);
	plat.verbose = bi->flags & BH_BOOT_VERBOSE;
	idt_init();
	cpu_load_tables(c);
	cpu_identify();
	c->online = true;
	hv_main(bi);
}
