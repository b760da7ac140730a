// SPDX-License-Identifier: GPL-2.0
/* Intel 82093AA I/O APIC model: indirect registers, redirection, edge and level pins. */
#include "ioapic.h"

#include <string.h>

#define BITS_PER_BYTE 8u
#define DWORD_BYTES   4u

void ioapic_init(struct ioapic *io, uint8_t id, uint32_t active_low_pins,
		 const struct ioapic_ops *ops)
{
	memset(io, 0, sizeof(*io));
	io->ops = *ops;
	io->id = id & IOAPIC_ID_MASK;
	io->active_low_pins = active_low_pins;
	for (unsigned pin = 0; pin < IOAPIC_NR_PINS; pin++)
		io->rte_low[pin] = IOAPIC_RTE_MASKED;
}

/* Whether the pin's input is active as this entry is programmed: wiring and polarity cancel. */
static bool pin_active(const struct ioapic *io, unsigned pin)
{
	bool electrical = !!(io->asserted & (1u << pin)) ^ !!(io->active_low_pins & (1u << pin));
	bool low_active = io->rte_low[pin] & IOAPIC_RTE_POLARITY_LOW;

	return electrical ^ low_active;
}

static void deliver(struct ioapic *io, unsigned pin)
{
	uint32_t low = io->rte_low[pin];
	struct ioapic_delivery d = {
		.dest = io->rte_high[pin] >> IOAPIC_RTE_DEST_SHIFT,
		.dest_logical = low & IOAPIC_RTE_DEST_LOGICAL,
		.delivery_mode = (low & IOAPIC_RTE_DELMODE) >> IOAPIC_RTE_DELMODE_SHIFT,
		.vector = low & IOAPIC_RTE_VECTOR,
		.level_triggered = low & IOAPIC_RTE_LEVEL,
	};

	if (d.level_triggered)
		io->rte_low[pin] |= IOAPIC_RTE_REMOTE_IRR;
	if (io->ops.deliver)
		io->ops.deliver(io->ops.opaque, &d);
}

/* A level pin interrupts while active, unmasked and not already in service. */
static void service_level(struct ioapic *io, unsigned pin)
{
	uint32_t low = io->rte_low[pin];

	if ((low & IOAPIC_RTE_LEVEL) && !(low & (IOAPIC_RTE_MASKED | IOAPIC_RTE_REMOTE_IRR)) &&
	    pin_active(io, pin))
		deliver(io, pin);
}

void ioapic_set_irq(struct ioapic *io, unsigned gsi, bool level)
{
	if (gsi >= IOAPIC_NR_PINS)
		return;
	bool was = pin_active(io, gsi);

	if (level)
		io->asserted |= 1u << gsi;
	else
		io->asserted &= ~(1u << gsi);
	uint32_t low = io->rte_low[gsi];

	if (low & IOAPIC_RTE_LEVEL)
		service_level(io, gsi);
	else if (!was && pin_active(io, gsi) && !(low & IOAPIC_RTE_MASKED))
		deliver(io, gsi);	/* 82093AA: an edge on a masked pin is lost */
}

void ioapic_eoi(struct ioapic *io, uint8_t vector)
{
	for (unsigned pin = 0; pin < IOAPIC_NR_PINS; pin++) {
		uint32_t low = io->rte_low[pin];

		if (!(low & IOAPIC_RTE_REMOTE_IRR) || (low & IOAPIC_RTE_VECTOR) != vector)
			continue;
		io->rte_low[pin] &= ~IOAPIC_RTE_REMOTE_IRR;
		service_level(io, pin);
	}
}

static uint32_t read_indirect(const struct ioapic *io, uint32_t index)
{
	switch (index) {
	case IOAPIC_INDEX_ID:
		return (uint32_t)io->id << IOAPIC_ID_SHIFT;
	case IOAPIC_INDEX_VERSION:
		return IOAPIC_VERSION | (IOAPIC_NR_PINS - 1) << IOAPIC_MAX_REDIR_SHIFT;
	case IOAPIC_INDEX_ARB:
		/* IOAPICARB is loaded from the ID whenever the ID is written. */
		return (uint32_t)io->id << IOAPIC_ID_SHIFT;
	}
	if (index >= IOAPIC_INDEX_REDTBL && index < IOAPIC_INDEX_REDTBL + 2 * IOAPIC_NR_PINS) {
		unsigned pin = (index - IOAPIC_INDEX_REDTBL) / 2;

		return (index & 1) ? io->rte_high[pin] : io->rte_low[pin];
	}
	return 0;
}

static void write_rte_low(struct ioapic *io, unsigned pin, uint32_t value)
{
	uint32_t old = io->rte_low[pin];
	uint32_t keep = old & IOAPIC_RTE_REMOTE_IRR;

	/*
	 * Remote IRR only has meaning for level entries; Linux clears a stuck one
	 * on this (version 0x11, no EOI register) part by flipping the entry to
	 * edge and back (__eoi_ioapic_pin).
	 */
	if (!(value & IOAPIC_RTE_LEVEL))
		keep = 0;
	io->rte_low[pin] = (value & IOAPIC_RTE_LOW_WRITABLE) | keep;
	service_level(io, pin);
}

static void write_indirect(struct ioapic *io, uint32_t index, uint32_t value)
{
	if (index == IOAPIC_INDEX_ID) {
		io->id = (value >> IOAPIC_ID_SHIFT) & IOAPIC_ID_MASK;
		return;
	}
	if (index >= IOAPIC_INDEX_REDTBL && index < IOAPIC_INDEX_REDTBL + 2 * IOAPIC_NR_PINS) {
		unsigned pin = (index - IOAPIC_INDEX_REDTBL) / 2;

		if (index & 1)
			io->rte_high[pin] = value & IOAPIC_RTE_HIGH_WRITABLE;
		else
			write_rte_low(io, pin, value);
	}
	/* Version, arbitration and unimplemented indices are read-only. */
}

/*
 * The data sheet requires dword accesses; narrower ones here see and change
 * the addressed bytes of the register, and anything outside IOREGSEL and
 * IOWIN reads as zero.
 */
uint32_t ioapic_read(struct ioapic *io, uint64_t offset, unsigned size)
{
	unsigned bytes = size > DWORD_BYTES ? DWORD_BYTES : size;
	uint64_t reg = offset & ~(uint64_t)(DWORD_BYTES - 1);
	unsigned shift = (offset & (DWORD_BYTES - 1)) * BITS_PER_BYTE;
	uint32_t value;

	if (bytes == 0)
		return 0;
	if (reg == IOAPIC_REG_SELECT)
		value = io->select;
	else if (reg == IOAPIC_REG_WINDOW)
		value = read_indirect(io, io->select);
	else
		return 0;
	value >>= shift;
	return bytes + shift / BITS_PER_BYTE >= DWORD_BYTES ? value :
	       value & ((1u << (bytes * BITS_PER_BYTE)) - 1);
}

void ioapic_write(struct ioapic *io, uint64_t offset, unsigned size, uint32_t value)
{
	unsigned bytes = size > DWORD_BYTES ? DWORD_BYTES : size;
	uint64_t reg = offset & ~(uint64_t)(DWORD_BYTES - 1);
	unsigned shift = (offset & (DWORD_BYTES - 1)) * BITS_PER_BYTE;
	uint32_t mask, old;

	if (bytes == 0 || (reg != IOAPIC_REG_SELECT && reg != IOAPIC_REG_WINDOW))
		return;
	mask = bytes + shift / BITS_PER_BYTE >= DWORD_BYTES ? UINT32_MAX << shift :
	       ((1u << (bytes * BITS_PER_BYTE)) - 1) << shift;
	old = reg == IOAPIC_REG_SELECT ? io->select : read_indirect(io, io->select);
	value = (old & ~mask) | ((value << shift) & mask);
	if (reg == IOAPIC_REG_SELECT)
		io->select = value & IOAPIC_SELECT_MASK;
	else
		write_indirect(io, io->select, value);
}
