// SPDX-License-Identifier: GPL-2.0
/*
 * Application processors: found in the command line or the MADT, started
 * one at a time with INIT-SIPI-SIPI (SDM Vol 3 8.4.4.1) through the
 * trampoline, then idle in HLT until smp_call() posts work and wakes them.
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <guest/acpi.h>
#include <guest/apic.h>
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/cpu.h>
#include <guest/pc.h>
#include <guest/smp.h>
#include <guest/test.h>
#include <hv/string.h>
#include <hv/util.h>

/* INIT-SIPI-SIPI timing (SDM Vol 3 8.4.4.1; MP specification B.4). */
#define INIT_DELAY_US        10000
#define SIPI_DELAY_US        200
#define SIPI_COUNT           2
#define AP_ONLINE_TIMEOUT_US 1000000

extern uint8_t cpu_stacks[GUEST_MAX_CPUS][GUEST_STACK_SIZE];
extern const char trampoline_start[], trampoline_end[];

/* Read by the trampoline: the stack and struct cpu of the AP being started. */
uint64_t ap_boot_stack;
struct cpu *ap_boot_cpu;

void ap_entry(struct cpu *c);

const char *smp_find_cpus(void)
{
	uint32_t ids[GUEST_MAX_CPUS];
	unsigned count, k = 1;
	uint64_t n;
	const char *source;

	if (cmdline_u64("cpus", &n) && n >= 1) {
		count = (unsigned)MIN(n, (uint64_t)GUEST_MAX_CPUS);
		for (unsigned i = 0; i < count; i++)
			ids[i] = i;
		source = "cmdline";
	} else if ((count = acpi_madt_cpus(ids, GUEST_MAX_CPUS))) {
		source = "MADT";
	} else {
		return "none";
	}
	for (unsigned i = 0; i < count && k < GUEST_MAX_CPUS; i++) {
		if (ids[i] == cpus[0].apic_id)
			continue;
		cpus[k].index = k;
		cpus[k].apic_id = ids[i];
		k++;
	}
	ncpus = k;
	return source;
}

static bool trampoline_install(void)
{
	size_t len = (size_t)(trampoline_end - trampoline_start);

	if (!phys_is_ram(TRAMPOLINE_PA, PAGE_SIZE) || len > PAGE_SIZE) {
		report_error("smp", "the AP trampoline page 0x%x is not RAM", TRAMPOLINE_PA);
		return false;
	}
	memcpy((void *)(uintptr_t)TRAMPOLINE_PA, trampoline_start, len);
	return true;
}

static bool wait_until(volatile bool *flag, uint64_t timeout_us)
{
	uint64_t end = rdtsc() + tsc_from_us(timeout_us);

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		if (rdtsc() > end)
			return false;
		else
			cpu_relax();
	return true;
}

bool smp_start_ap(unsigned index)
{
	static bool installed;
	struct cpu *c = &cpus[index];

	if (index == 0 || index >= ncpus)
		return false;
	if (c->online)
		return true;
	if (!installed && !(installed = trampoline_install()))
		return false;
	ap_boot_stack = (uint64_t)(uintptr_t)&cpu_stacks[index][GUEST_STACK_SIZE];
	__atomic_store_n(&ap_boot_cpu, c, __ATOMIC_RELEASE);
	apic_send_ipi(c->apic_id, ICR_DM_INIT | ICR_LEVEL_ASSERT);
	udelay(INIT_DELAY_US);
	for (unsigned i = 0; i < SIPI_COUNT && !c->online; i++) {
		apic_send_ipi(c->apic_id, ICR_DM_STARTUP | (TRAMPOLINE_PA >> PAGE_SHIFT));
		udelay(SIPI_DELAY_US);
	}
	return wait_until(&c->online, AP_ONLINE_TIMEOUT_US);
}

unsigned smp_start_all(void)
{
	unsigned online = 0;

	for (unsigned i = 1; i < ncpus; i++)
		online += smp_start_ap(i);
	return online;
}

static __attribute__((noreturn)) void ap_idle(struct cpu *c)
{
	for (;;) {
		/* Checked with interrupts off: a wake IPI after the check ends the HLT. */
		irq_disable();
		uint64_t seq = __atomic_load_n(&c->call_seq, __ATOMIC_ACQUIRE);
		if (seq != c->done_seq) {
			irq_enable();
			c->call_fn(c->call_arg);
			__atomic_store_n(&c->done_seq, seq, __ATOMIC_RELEASE);
			continue;
		}
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

void ap_entry(struct cpu *c)
{
	cpu_init_tables(c);
	apic_init_cpu();
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	ap_idle(c);
}

void smp_call(unsigned index, void (*fn)(void *), void *arg)
{
	struct cpu *c = &cpus[index];

	c->call_fn = fn;
	c->call_arg = arg;
	__atomic_store_n(&c->call_seq, c->call_seq + 1, __ATOMIC_RELEASE);
	apic_send_ipi(c->apic_id, ICR_DM_FIXED | VEC_WAKE);
}

bool smp_wait(unsigned index, uint64_t timeout_us)
{
	struct cpu *c = &cpus[index];
	uint64_t end = rdtsc() + tsc_from_us(timeout_us);

	while (__atomic_load_n(&c->done_seq, __ATOMIC_ACQUIRE) != c->call_seq)
		if (rdtsc() > end)
			return false;
		else
			cpu_relax();
	return true;
}

bool smp_run_on(unsigned index, void (*fn)(void *), void *arg, uint64_t timeout_us)
{
	smp_call(index, fn, arg);
	return smp_wait(index, timeout_us);
}
