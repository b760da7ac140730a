/* SPDX-License-Identifier: GPL-2.0 */
/* ACPI fixed hardware: PM1a event/control blocks, PM timer, GPE0 block, SCI (ACPI 6.5 4.8). */
#ifndef WORKER_ACPI_PM_H
#define WORKER_ACPI_PM_H

#include <stdbool.h>
#include <stdint.h>

#include <bulkhead/acpi.h>

#include "dev.h"

/* Offsets into the PLATFORM_PM_BASE block. */
#define ACPI_PM1_STS        0x00
#define ACPI_PM1_EN         0x02
#define ACPI_PM1_CNT        0x04
#define ACPI_PM_TMR         0x08
#define ACPI_GPE0_STS       0x20
#define ACPI_GPE0_EN        0x22
#define ACPI_PM_BLOCK_SIZE  0x30

/*
 * The bits of the PM1 registers this model implements (the bit definitions
 * are in <bulkhead/acpi.h>): events with a status and an enable bit, every
 * status bit, and the control bits kept as written.
 */
#define ACPI_PM1_EVENTS     (ACPI_PM1_TMR | ACPI_PM1_GBL | ACPI_PM1_PWRBTN | ACPI_PM1_SLPBTN | \
			     ACPI_PM1_RTC)
#define ACPI_PM1_STS_BITS   (ACPI_PM1_EVENTS | ACPI_PM1_BM_STS | ACPI_PM1_WAK_STS)
#define ACPI_PM1_CNT_STORED (ACPI_PM1_BM_RLD | ACPI_PM1_SLP_TYP_MASK)

#define ACPI_PM_TMR_STS_BIT 31		/* TMR_STS on each change of bit 31 (TMR_VAL_EXT) */
#define ACPI_GPE0_COUNT     16		/* GPE0_BLK_LEN 4: 2 status + 2 enable bytes */

struct acpi_pm_ops {
	/* SLP_EN written with this SLP_TYP (PLATFORM_SLP_TYP_S5: power off). */
	void (*sleep)(void *opaque, unsigned slp_typ);
	void *opaque;
};

struct acpi_pm {
	struct dev_clock clock;
	struct dev_irq irq;
	unsigned gsi;
	struct acpi_pm_ops ops;
	uint16_t pm1_sts, pm1_en, pm1_cnt;
	uint16_t gpe0_sts, gpe0_en;
	uint64_t tmr_checked_ns;	/* TMR_STS accounts for bit-31 changes up to here */
	bool sci_level;
};

/*
 * SCI_EN reads 1 and is hardware-owned: the FADT names no SMI command port,
 * so the platform is always in ACPI mode.
 */
void acpi_pm_init(struct acpi_pm *pm, const struct dev_clock *clock, const struct dev_irq *irq,
		  unsigned sci_gsi, const struct acpi_pm_ops *ops);

/* Port access at 'offset' into the PM block (0..ACPI_PM_BLOCK_SIZE-1). */
uint32_t acpi_pm_read(struct acpi_pm *pm, uint16_t offset, unsigned size);
void acpi_pm_write(struct acpi_pm *pm, uint16_t offset, unsigned size, uint32_t value);

/* The fixed-feature power button was pressed (hvctl shutdown). */
void acpi_pm_power_button(struct acpi_pm *pm);
/* A general-purpose event (0-15) fired. */
void acpi_pm_raise_gpe(struct acpi_pm *pm, unsigned gpe);
/* The PM timer value at 'now_ns'. */
uint32_t acpi_pm_timer(uint64_t now_ns);

/* TMR_STS, when the guest enables its interrupt (every 600 s with a 32-bit timer). */
uint64_t acpi_pm_next_deadline_ns(const struct acpi_pm *pm);
void acpi_pm_advance(struct acpi_pm *pm, uint64_t now_ns);

#endif
