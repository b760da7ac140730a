// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC access for the core. The root owns the APIC and may have put
 * it in x2APIC mode; the core follows whatever mode it finds.
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <asm/lapic.h>
#include <asm/msr.h>
#include <asm/platform.h>

#define ICR_IDLE_SPIN_LIMIT 1000000u

static bool x2apic_mode(void)
{
	return rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_X2APIC;
}

static volatile uint32_t *xapic_reg(uint32_t offset)
{
	return (volatile uint32_t *)(uintptr_t)(plat.lapic_base + offset);
}

static uint32_t x2apic_msr(uint32_t offset)
{
	return MSR_X2APIC_BASE + (offset >> 4);
}

uint32_t lapic_id(void)
{
	if (x2apic_mode())
		return (uint32_t)rdmsr(x2apic_msr(APIC_REG_ID));
	return *xapic_reg(APIC_REG_ID) >> APIC_XAPIC_ID_SHIFT;
}

void lapic_send_ipi(uint32_t apic_id, uint32_t icr)
{
	if (x2apic_mode()) {
		wrmsr(MSR_X2APIC_ICR, (uint64_t)apic_id << ICR_X2APIC_DEST_SHIFT | icr);
		return;
	}
	/* The root may be between its own ICR high and low writes: put its high word back. */
	uint32_t saved_high = *xapic_reg(APIC_REG_ICR_HIGH);
	for (unsigned i = 0; i < ICR_IDLE_SPIN_LIMIT && (*xapic_reg(APIC_REG_ICR_LOW) & ICR_DELIVERY_PENDING); i++)
		cpu_relax();
	*xapic_reg(APIC_REG_ICR_HIGH) = apic_id << ICR_XAPIC_DEST_SHIFT;
	*xapic_reg(APIC_REG_ICR_LOW) = icr;
	for (unsigned i = 0; i < ICR_IDLE_SPIN_LIMIT && (*xapic_reg(APIC_REG_ICR_LOW) & ICR_DELIVERY_PENDING); i++)
		cpu_relax();
	*xapic_reg(APIC_REG_ICR_HIGH) = saved_high;
}
