// SPDX-License-Identifier: GPL-2.0
/* ACPI fixed hardware: PM1 status/enable/control, PM timer, GPE0, the SCI and sleep requests. */
#include "acpi_pm.h"

#include <string.h>

#define BYTE_BITS 8
#define BYTE_MASK 0xFFu

uint32_t acpi_pm_timer(uint64_t now_ns)
{
	return (uint32_t)dev_muldiv(now_ns, ACPI_PM_TIMER_HZ, NSEC_PER_SEC);
}

/* PM timer ticks since power-on, beyond 32 bits, to count bit-31 changes. */
static uint64_t timer_ticks(uint64_t now_ns)
{
	return dev_muldiv(now_ns, ACPI_PM_TIMER_HZ, NSEC_PER_SEC);
}

static void update_tmr_sts(struct acpi_pm *pm, uint64_t now)
{
	if (now <= pm->tmr_checked_ns)
		return;
	if (timer_ticks(now) >> ACPI_PM_TMR_STS_BIT != timer_ticks(pm->tmr_checked_ns) >> ACPI_PM_TMR_STS_BIT)
		pm->pm1_sts |= ACPI_PM1_TMR;
	pm->tmr_checked_ns = now;
}

/* SCI: any enabled status, fixed or general-purpose, while SCI_EN routes events to the SCI. */
static void update_sci(struct acpi_pm *pm)
{
	bool level = (pm->pm1_cnt & ACPI_PM1_SCI_EN) &&
		     ((pm->pm1_sts & pm->pm1_en & ACPI_PM1_EVENTS) || (pm->gpe0_sts & pm->gpe0_en));

	if (level != pm->sci_level) {
		pm->sci_level = level;
		dev_set_irq(&pm->irq, pm->gsi, level);
	}
}

void acpi_pm_init(struct acpi_pm *pm, const struct dev_clock *clock, const struct dev_irq *irq,
		  unsigned sci_gsi, const struct acpi_pm_ops *ops)
{
	memset(pm, 0, sizeof(*pm));
	pm->clock = *clock;
	pm->irq = *irq;
	pm->gsi = sci_gsi;
	pm->ops = *ops;
	pm->pm1_cnt = ACPI_PM1_SCI_EN;
	pm->tmr_checked_ns = dev_now(clock);
}

/* The 16-bit register an offset falls in, or NULL. */
static uint16_t *reg16(struct acpi_pm *pm, uint16_t offset)
{
	switch (offset & ~1u) {
	case ACPI_PM1_STS:	return &pm->pm1_sts;
	case ACPI_PM1_EN:	return &pm->pm1_en;
	case ACPI_PM1_CNT:	return &pm->pm1_cnt;
	case ACPI_GPE0_STS:	return &pm->gpe0_sts;
	case ACPI_GPE0_EN:	return &pm->gpe0_en;
	default:		return NULL;
	}
}

static uint8_t pm_inb(void *opaque, uint16_t offset)
{
	struct acpi_pm *pm = opaque;
	uint16_t *r = reg16(pm, offset);
	unsigned shift = (offset & 1u) * BYTE_BITS;

	if (offset >= ACPI_PM_TMR && offset < ACPI_PM_TMR + 4)
		return (uint8_t)(acpi_pm_timer(dev_now(&pm->clock)) >> ((offset - ACPI_PM_TMR) * BYTE_BITS));
	if (!r)
		return 0xFF;
	if (r == &pm->pm1_sts)
		update_tmr_sts(pm, dev_now(&pm->clock));
	return (uint8_t)(*r >> shift);
}

static void write_cnt(struct acpi_pm *pm, uint16_t value, uint16_t byte_mask)
{
	uint16_t stored = ACPI_PM1_CNT_STORED & byte_mask;

	pm->pm1_cnt = (uint16_t)((pm->pm1_cnt & ~stored) | (value & stored));
	if ((value & byte_mask & ACPI_PM1_SLP_EN) && pm->ops.sleep)
		pm->ops.sleep(pm->ops.opaque, (pm->pm1_cnt & ACPI_PM1_SLP_TYP_MASK) >> ACPI_PM1_SLP_TYP_SHIFT);
}

/* One or two bytes of a 16-bit register; 'byte_mask' says which. */
static void write16(struct acpi_pm *pm, uint16_t offset, uint16_t value, uint16_t byte_mask)
{
	switch (offset & ~1u) {
	case ACPI_PM1_STS:	/* write 1 to clear */
		update_tmr_sts(pm, dev_now(&pm->clock));
		pm->pm1_sts &= (uint16_t)~(value & byte_mask & ACPI_PM1_STS_BITS);
		break;
	case ACPI_PM1_EN:
		pm->pm1_en = (uint16_t)((pm->pm1_en & ~byte_mask) | (value & byte_mask & ACPI_PM1_EVENTS));
		break;
	case ACPI_PM1_CNT:
		write_cnt(pm, value, byte_mask);
		break;
	case ACPI_GPE0_STS:
		pm->gpe0_sts &= (uint16_t)~(value & byte_mask);
		break;
	case ACPI_GPE0_EN:
		pm->gpe0_en = (uint16_t)((pm->gpe0_en & ~byte_mask) | (value & byte_mask));
		break;
	}
}

/*
 * ACPICA reads and writes these registers whole, but byte accesses work too:
 * the access is cut into the 16-bit registers it covers, so a word write to
 * PM1_CNT requests sleep exactly once.
 */
uint32_t acpi_pm_read(struct acpi_pm *pm, uint16_t offset, unsigned size)
{
	uint32_t v;

	/* The timer's dword is sampled once, so it cannot tear between bytes. */
	if (offset == ACPI_PM_TMR && dev_access_bytes(size) == sizeof(uint32_t))
		v = acpi_pm_timer(dev_now(&pm->clock));
	else
		v = dev_split_read(pm_inb, pm, offset, size);

	update_sci(pm);
	return v;
}

void acpi_pm_write(struct acpi_pm *pm, uint16_t offset, unsigned size, uint32_t value)
{
	unsigned n = dev_access_bytes(size);

	for (unsigned i = 0; i < n;) {
		uint16_t at = (uint16_t)(offset + i);
		unsigned lane = at & 1u;
		bool both = lane == 0 && i + 1 < n;
		uint16_t mask = both ? 0xFFFF : (uint16_t)(BYTE_MASK << (lane * BYTE_BITS));
		uint16_t v = (uint16_t)((both ? (value >> (i * BYTE_BITS)) & 0xFFFF :
					 ((value >> (i * BYTE_BITS)) & BYTE_MASK) << (lane * BYTE_BITS)));

		write16(pm, at, v, mask);
		i += both ? 2 : 1;
	}
	update_sci(pm);
}

void acpi_pm_power_button(struct acpi_pm *pm)
{
	pm->pm1_sts |= ACPI_PM1_PWRBTN;
	update_sci(pm);
}

void acpi_pm_raise_gpe(struct acpi_pm *pm, unsigned gpe)
{
	if (gpe >= ACPI_GPE0_COUNT)
		return;
	pm->gpe0_sts |= (uint16_t)(1u << gpe);
	update_sci(pm);
}

uint64_t acpi_pm_next_deadline_ns(const struct acpi_pm *pm)
{
	uint64_t next;

	if (!(pm->pm1_en & ACPI_PM1_TMR) || (pm->pm1_sts & ACPI_PM1_TMR))
		return DEV_NO_DEADLINE;
	next = ((timer_ticks(pm->tmr_checked_ns) >> ACPI_PM_TMR_STS_BIT) + 1) << ACPI_PM_TMR_STS_BIT;
	return dev_muldiv_up(next, NSEC_PER_SEC, ACPI_PM_TIMER_HZ);
}

void acpi_pm_advance(struct acpi_pm *pm, uint64_t now_ns)
{
	update_tmr_sts(pm, now_ns);
	update_sci(pm);
}
