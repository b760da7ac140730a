/* SPDX-License-Identifier: GPL-2.0 */
/* Intel 82093AA I/O APIC model: 24 redirection entries, edge and level pins, EOI by vector. */
#ifndef WORKER_IOAPIC_H
#define WORKER_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Memory-mapped registers, offsets from the base (82093AA data sheet 3.0). */
#define IOAPIC_REG_SELECT       0x00	/* IOREGSEL: index of the register IOWIN shows */
#define IOAPIC_REG_WINDOW       0x10	/* IOWIN */
#define IOAPIC_SELECT_MASK      0xFFu

/* Indirect registers (82093AA 3.2). */
#define IOAPIC_INDEX_ID         0x00
#define IOAPIC_INDEX_VERSION    0x01
#define IOAPIC_INDEX_ARB        0x02
#define IOAPIC_INDEX_REDTBL     0x10	/* entry n: low dword 0x10+2n, high dword 0x11+2n */

#define IOAPIC_ID_SHIFT         24
#define IOAPIC_ID_MASK          0x0Fu	/* IOAPICID bits 27:24 */
#define IOAPIC_VERSION          0x11u	/* IOAPICVER bits 7:0 */
#define IOAPIC_MAX_REDIR_SHIFT  16	/* IOAPICVER bits 23:16: entries - 1 */
#define IOAPIC_NR_PINS          24u

/* Redirection table entry, low dword (82093AA 3.2.4). */
#define IOAPIC_RTE_VECTOR       0x000000FFu
#define IOAPIC_RTE_DELMODE      0x00000700u
#define IOAPIC_RTE_DELMODE_SHIFT 8
#define IOAPIC_RTE_DEST_LOGICAL (1u << 11)
#define IOAPIC_RTE_DELIVS       (1u << 12)	/* delivery status, read-only */
#define IOAPIC_RTE_POLARITY_LOW (1u << 13)
#define IOAPIC_RTE_REMOTE_IRR   (1u << 14)	/* read-only */
#define IOAPIC_RTE_LEVEL        (1u << 15)
#define IOAPIC_RTE_MASKED       (1u << 16)
#define IOAPIC_RTE_LOW_WRITABLE (IOAPIC_RTE_VECTOR | IOAPIC_RTE_DELMODE | IOAPIC_RTE_DEST_LOGICAL | \
				 IOAPIC_RTE_POLARITY_LOW | IOAPIC_RTE_LEVEL | IOAPIC_RTE_MASKED)
/* High dword: destination field bits 63:56. */
#define IOAPIC_RTE_DEST_SHIFT   24
#define IOAPIC_RTE_HIGH_WRITABLE 0xFF000000u

/* Delivery modes (82093AA table 3-2 bits 10:8). */
#define IOAPIC_DELMODE_FIXED    0
#define IOAPIC_DELMODE_LOWPRI   1
#define IOAPIC_DELMODE_SMI      2
#define IOAPIC_DELMODE_NMI      4
#define IOAPIC_DELMODE_INIT     5
#define IOAPIC_DELMODE_EXTINT   7

/* One interrupt message towards the local APICs. */
struct ioapic_delivery {
	uint32_t dest;		/* APIC ID (physical) or logical destination */
	bool dest_logical;
	uint8_t delivery_mode;	/* IOAPIC_DELMODE_* */
	uint8_t vector;
	bool level_triggered;	/* the LAPIC sets TMR; its EOI must come back as ioapic_eoi */
};

struct ioapic_ops {
	/* Must not call back into this I/O APIC (ioapic_eoi from here would recurse). */
	void (*deliver)(void *opaque, const struct ioapic_delivery *d);
	void *opaque;
};

struct ioapic {
	struct ioapic_ops ops;
	uint32_t select;
	uint8_t id;
	uint32_t active_low_pins;	/* board wiring: pins whose electrical level is inverted */
	uint32_t asserted;		/* logical request per pin, as the devices set it */
	uint32_t rte_low[IOAPIC_NR_PINS];
	uint32_t rte_high[IOAPIC_NR_PINS];
};

/*
 * Resets to the data sheet's power-on state (every entry masked). 'id' is the
 * 4-bit APIC ID; 'active_low_pins' has a bit per pin wired through an
 * inverter on the board (PLATFORM_GSI_ACTIVE_LOW), so a pin interrupts only
 * if the guest programs the polarity the MADT describes.
 */
void ioapic_init(struct ioapic *io, uint8_t id, uint32_t active_low_pins,
		 const struct ioapic_ops *ops);

/* MMIO at 'offset' from the base (0..0xFFF), size 1, 2 or 4. */
uint32_t ioapic_read(struct ioapic *io, uint64_t offset, unsigned size);
void ioapic_write(struct ioapic *io, uint64_t offset, unsigned size, uint32_t value);

/* A device's request on pin 'gsi' (>= 24 is ignored). */
void ioapic_set_irq(struct ioapic *io, unsigned gsi, bool level);

/* The LAPIC's EOI broadcast for a level-triggered 'vector': clears Remote IRR, re-delivers. */
void ioapic_eoi(struct ioapic *io, uint8_t vector);

#endif
