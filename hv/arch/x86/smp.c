// SPDX-License-Identifier: GPL-2.0
/*
 * Starting the application processors. The core starts them itself, before
 * the root runs, so no INIT from the root ever reaches a processor the core
 * owns: each AP enables SVM and waits in the core for the root's SIPI.
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <asm/lapic.h>
#include <asm/platform.h>
#include <asm/svm_backend.h>
#include <asm/vcpu.h>
#include <hv/arch.h>
#include <hv/core.h>
#include <hv/log.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

/* INIT-SIPI-SIPI timing (SDM Vol 3 8.4.4.1; MP specification B.4). */
#define INIT_DELAY_US    10000
#define SIPI_DELAY_US    200
#define AP_START_TIMEOUT_US 2000000

extern char trampoline_start[], trampoline_end[];
extern char tp_gdt[], tp_gdt_ptr[], tp_jump32[], tp_jump64[], tp_code32[], tp_code64[];
extern char tp_cr3[], tp_stack[], tp_cpu[], tp_entry[];
extern char ap_entry64[];

/* Offsets of the trampoline's fields inside its page. */
#define TP_OFF(sym) ((uint64_t)((sym) - trampoline_start))

static void tp_put32(uint8_t *page, uint64_t off, uint32_t v) { memcpy(page + off, &v, 4); }
static void tp_put64(uint8_t *page, uint64_t off, uint64_t v) { memcpy(page + off, &v, 8); }

static void trampoline_install(uint64_t tramp_pa)
{
	uint8_t *page = phys_to_virt(tramp_pa);
	size_t len = (size_t)(trampoline_end - trampoline_start);

	if (len > PAGE_SIZE)
		panic("AP trampoline larger than a page");
	memcpy(page, trampoline_start, len);
	/* The GDT pointer's base follows its 16-bit limit. */
	tp_put32(page, TP_OFF(tp_gdt_ptr) + 2, (uint32_t)(tramp_pa + TP_OFF(tp_gdt)));
	tp_put32(page, TP_OFF(tp_jump32), (uint32_t)(tramp_pa + TP_OFF(tp_code32)));
	tp_put32(page, TP_OFF(tp_jump64), (uint32_t)(tramp_pa + TP_OFF(tp_code64)));
	tp_put64(page, TP_OFF(tp_cr3), plat.host_pt.root);
	tp_put64(page, TP_OFF(tp_entry), (uint64_t)(uintptr_t)ap_entry64);
}

static bool alloc_stacks(struct cpu *c)
{
	uint64_t s = pmem_alloc_aligned(4 * HV_STACK_SIZE / PAGE_SIZE, HV_STACK_SIZE);

	if (!s)
		return false;
	c->stack = s;
	*(struct cpu **)phys_to_virt(s) = c;
	for (unsigned i = 0; i < 3; i++) {
		c->ist_stack[i] = s + (i + 1) * HV_STACK_SIZE;
		*(struct cpu **)phys_to_virt(c->ist_stack[i]) = c;
	}
	return true;
}

static bool wait_online(struct cpu *c, uint64_t us)
{
	uint64_t end = rdtsc() + us * plat.tsc_khz / 1000;

	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
		if (rdtsc() > end)
			return false;
	return true;
}

static void start_ap(struct cpu *c, uint64_t tramp_pa)
{
	uint8_t *page = phys_to_virt(tramp_pa);
	uint32_t vector = (uint32_t)(tramp_pa >> PAGE_SHIFT);

	tp_put64(page, TP_OFF(tp_stack), c->stack + HV_STACK_SIZE);
	tp_put64(page, TP_OFF(tp_cpu), (uint64_t)(uintptr_t)c);
	lapic_send_ipi(c->apic_id, ICR_DM_INIT | ICR_LEVEL_ASSERT);
	udelay(INIT_DELAY_US);
	for (unsigned i = 0; i < 2 && !c->online; i++) {
		lapic_send_ipi(c->apic_id, ICR_DM_STARTUP | vector);
		udelay(SIPI_DELAY_US);
	}
	if (!wait_online(c, AP_START_TIMEOUT_US))
		hv_log("processor APIC ID %u did not start; the root will not have it", c->apic_id);
}

_Noreturn void arch_ap_entry(struct cpu *c);
_Noreturn void arch_ap_entry(struct cpu *c)
{
	cpu_load_tables(c);
	svm_cpu_enable(c);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	svm_root_loop(c->root_vp);
}

void arch_smp_start(void)
{
	uint64_t tramp = plat.bi->trampoline;

	if (plat.ncpus < 2)
		return;
	if (!tramp || tramp + PAGE_SIZE > SZ_1M)
		panic("no trampoline page below 1 MiB for the APs");
	trampoline_install(tramp);
	for (unsigned i = 1; i < plat.ncpus; i++) {
		struct cpu *c = cpu_by_id(i);
		if (!alloc_stacks(c))
			panic("no memory for processor %u's stacks", i);
		start_ap(c, tramp);
	}
	hv_log("%u of %u processors running the core", arch_cpu_count(), plat.ncpus);
}
