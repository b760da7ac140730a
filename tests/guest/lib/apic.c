// SPDX-License-Identifier: GPL-2.0
/* The local APIC through its xAPIC MMIO page: set-up, IPIs, the timer. */
#include <asm/apic.h>
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/msr.h>
#include <guest/apic.h>
#include <guest/cpu.h>
#include <guest/exception.h>
#include <guest/phys.h>
#include <guest/test.h>

#define IPI_SEND_SPIN_LIMIT   1000000u
#define TIMER_CALIBRATE_US    10000u

uint64_t apic_timer_hz;
static uint64_t apic_base = APIC_DEFAULT_BASE;

uint32_t apic_read(unsigned reg)
{
	return *(volatile uint32_t *)(uintptr_t)(apic_base + reg);
}

void apic_write(unsigned reg, uint32_t val)
{
	*(volatile uint32_t *)(uintptr_t)(apic_base + reg) = val;
}

uint32_t apic_self_id(void)
{
	return apic_read(APIC_REG_ID) >> APIC_XAPIC_ID_SHIFT;
}

void apic_eoi(void)
{
	apic_write(APIC_REG_EOI, 0);
}

static void apic_error_irq(unsigned vector)
{
	/* ESR latches on a write (SDM Vol 3 10.5.3). */
	apic_write(APIC_REG_ESR, 0);
	report_error("apic", "APIC error interrupt (vector 0x%x), ESR 0x%x on processor %u", vector,
		     apic_read(APIC_REG_ESR), this_cpu()->index);
}

static void wake_irq(unsigned vector)
{
	(void)vector;	/* only ends the HLT of an idle AP */
}

void apic_init_cpu(void)
{
	uint64_t base = rdmsr(MSR_IA32_APIC_BASE);

	/* x2APIC to xAPIC goes through disabled (SDM Vol 3 10.12.5). */
	if (base & APIC_BASE_X2APIC) {
		wrmsr(MSR_IA32_APIC_BASE, base & ~(APIC_BASE_X2APIC | APIC_BASE_ENABLE));
		base &= ~APIC_BASE_X2APIC;
	}
	if (!(base & APIC_BASE_ENABLE)) {
		base |= APIC_BASE_ENABLE;
		wrmsr(MSR_IA32_APIC_BASE, base);
	}
	apic_base = base & APIC_BASE_ADDR_MASK;
	if (apic_base >= PHYS_IDENTITY_END)
		report_error("apic", "APIC at 0x%llx, outside the 1:1 map",
			     (unsigned long long)apic_base);
	irq_set_handler(VEC_APIC_ERROR, apic_error_irq);
	irq_set_handler(VEC_WAKE, wake_irq);
	apic_write(APIC_REG_TPR, 0);
	apic_write(APIC_REG_LVT_TIMER, LVT_MASKED);
	/* LINT0 carries the 8259 PIC (virtual wire); tests want no legacy interrupts. */
	apic_write(APIC_REG_LVT_LINT0, LVT_MASKED);
	apic_write(APIC_REG_LVT_LINT1, LVT_MASKED);
	apic_write(APIC_REG_LVT_ERROR, VEC_APIC_ERROR);
	apic_write(APIC_REG_SVR, SVR_APIC_ENABLE | VEC_SPURIOUS);
}

bool apic_send_ipi(uint32_t apic_id, uint32_t icr_low)
{
	uint64_t flags = read_rflags();
	bool sent = false;

	/* ICR high then low, not interleaved with an IPI sent from an interrupt handler. */
	irq_disable();
	apic_write(APIC_REG_ICR_HIGH, apic_id << ICR_XAPIC_DEST_SHIFT);
	apic_write(APIC_REG_ICR_LOW, icr_low);
	for (unsigned i = 0; i < IPI_SEND_SPIN_LIMIT && !sent; i++) {
		sent = !(apic_read(APIC_REG_ICR_LOW) & ICR_DELIVERY_PENDING);
		if (!sent)
			cpu_relax();
	}
	if (flags & RFLAGS_IF)
		irq_enable();
	return sent;
}

void apic_timer_calibrate(void)
{
	uint64_t t0, t1;
	uint32_t left;

	apic_write(APIC_REG_TIMER_DCR, TIMER_DCR_DIV_1);
	apic_write(APIC_REG_LVT_TIMER, LVT_MASKED);
	apic_write(APIC_REG_TIMER_ICR, UINT32_MAX);
	t0 = rdtsc();
	udelay(TIMER_CALIBRATE_US);
	left = apic_read(APIC_REG_TIMER_CCR);
	t1 = rdtsc();
	apic_write(APIC_REG_TIMER_ICR, 0);
	if (us_from_tsc(t1 - t0))
		apic_timer_hz = (uint64_t)(UINT32_MAX - left) * 1000000 / us_from_tsc(t1 - t0);
}

void apic_timer_oneshot(unsigned vector, uint32_t count)
{
	apic_write(APIC_REG_TIMER_DCR, TIMER_DCR_DIV_1);
	apic_write(APIC_REG_LVT_TIMER, LVT_TIMER_ONESHOT | (vector & LVT_VECTOR_MASK));
	apic_write(APIC_REG_TIMER_ICR, count);
}

void apic_timer_periodic(unsigned vector, uint32_t count)
{
	apic_write(APIC_REG_TIMER_DCR, TIMER_DCR_DIV_1);
	apic_write(APIC_REG_LVT_TIMER, LVT_TIMER_PERIODIC | (vector & LVT_VECTOR_MASK));
	apic_write(APIC_REG_TIMER_ICR, count);
}

bool apic_tsc_deadline_supported(void)
{
	return cpuid(CPUID_FEATURES).ecx & CPUID_1_ECX_TSC_DEADLINE;
}

void apic_timer_tsc_deadline(unsigned vector, uint64_t deadline)
{
	apic_write(APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | (vector & LVT_VECTOR_MASK));
	/* The MMIO write must reach the APIC before the WRMSR arms it (SDM Vol 3 10.5.4.1). */
	__asm__ volatile("mfence" ::: "memory");
	wrmsr(MSR_IA32_TSC_DEADLINE, deadline);
}

void apic_timer_stop(void)
{
	apic_write(APIC_REG_LVT_TIMER, LVT_MASKED);
	apic_write(APIC_REG_TIMER_ICR, 0);
	if (apic_tsc_deadline_supported())
		wrmsr(MSR_IA32_TSC_DEADLINE, 0);
}
