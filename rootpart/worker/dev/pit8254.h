/* SPDX-License-Identifier: GPL-2.0 */
/* Intel 8254 PIT model: three counters, modes 0-5, latches, read-back; PC/AT port B. */
#ifndef WORKER_PIT8254_H
#define WORKER_PIT8254_H

#include <stdbool.h>
#include <stdint.h>

#include "dev.h"

#define PIT_HZ              1193182u	/* the PC's 14.31818 MHz / 12 */
#define PIT_CHANNELS        3
#define PIT_PORT_CONTROL    3	/* control word, offset from the base port */

/* Control word (8254 data sheet, figure 7). */
#define PIT_CW_SC_SHIFT     6	/* select counter; 3: read-back command */
#define PIT_CW_SC_READBACK  3
#define PIT_CW_RW_SHIFT     4	/* 0: counter latch; 1: LSB; 2: MSB; 3: LSB then MSB */
#define PIT_CW_RW_MASK      3
#define PIT_RW_LATCH        0
#define PIT_RW_LSB          1
#define PIT_RW_MSB          2
#define PIT_RW_WORD         3
#define PIT_CW_MODE_SHIFT   1
#define PIT_CW_MODE_MASK    7
#define PIT_CW_BCD          0x01

/* Read-back command (figure 11) and status byte (figure 12). */
#define PIT_RB_NO_COUNT     0x20	/* COUNT# */
#define PIT_RB_NO_STATUS    0x10	/* STATUS# */
#define PIT_RB_CNT0         0x02	/* CNT0..CNT2: bits 1..3 */
#define PIT_STATUS_OUTPUT   0x80
#define PIT_STATUS_NULL     0x40

enum pit_mode {
	PIT_MODE_TERMINAL_COUNT = 0,	/* interrupt on terminal count */
	PIT_MODE_ONE_SHOT = 1,		/* hardware retriggerable one-shot */
	PIT_MODE_RATE = 2,		/* rate generator */
	PIT_MODE_SQUARE = 3,		/* square wave */
	PIT_MODE_SW_STROBE = 4,		/* software triggered strobe */
	PIT_MODE_HW_STROBE = 5,		/* hardware triggered strobe */
};
#define PIT_MODE_ALIAS_MASK 3	/* modes 6 and 7 are 2 and 3 */

/* PC/AT system control port B (port 0x61). */
#define PORT_B_GATE2        0x01	/* PIT channel 2 gate */
#define PORT_B_SPEAKER      0x02	/* speaker data enable */
#define PORT_B_PARITY_DIS   0x04
#define PORT_B_IOCHK_DIS    0x08
#define PORT_B_WRITABLE     0x0F
#define PORT_B_REFRESH      0x10	/* toggles with each refresh request */
#define PORT_B_OUT2         0x20	/* PIT channel 2 output */
#define PORT_B_REFRESH_TICKS 18u	/* the BIOS's refresh period: counter 1, mode 2, count 18 */

/*
 * IRQ0 pulses from a periodic counter are spaced at least this far apart,
 * whatever the count (KVM clamps the same way): a guest asking for 1.2 MHz
 * interrupts gets them at 10 kHz instead of pinning the worker.
 */
#define PIT_MIN_IRQ_PERIOD_NS 100000u

struct pit_channel {
	uint8_t mode, rw;
	bool bcd, gate;
	uint32_t count;		/* programmed initial count, 1..65536 (10000 in BCD) */
	bool armed;		/* a count was written; modes 1 and 5 also wait for a gate edge */
	bool counting;
	bool tc_done;		/* one-shot modes: terminal count already passed */
	uint64_t base_tick;	/* tick at which the counting element held base_value */
	uint32_t base_value;
	uint16_t frozen;	/* counting element while not counting */
	bool frozen_out;
	bool pending;		/* modes 2/3: a new count, loaded at the end of the period */
	uint32_t pending_count;
	uint64_t pending_tick;	/* where the pending count takes over */
	uint64_t null_until_tick;	/* status NULL COUNT until the count reaches the element */
	bool write_msb_next, read_msb_next;
	uint8_t write_lsb;
	bool count_latched, latch_msb_next, status_latched;
	uint16_t latch;
	uint8_t status;
};

struct pit8254 {
	struct dev_clock clock;
	struct dev_irq irq;
	unsigned gsi;
	struct pit_channel ch[PIT_CHANNELS];
	uint8_t port_b;
	uint64_t last_edge_tick;	/* channel 0's latest edge already pulsed */
	uint64_t last_pulse_ns;
	bool pulsed;
};

/* Power-on: every counter in mode 0, no count; channel 2's gate low. */
void pit_init(struct pit8254 *pit, const struct dev_clock *clock, const struct dev_irq *irq,
	      unsigned gsi);

/* Ports PLATFORM_PIT_BASE..+3 and PLATFORM_PORT_B, by absolute port number. */
uint32_t pit_read(struct pit8254 *pit, uint16_t port, unsigned size);
void pit_write(struct pit8254 *pit, uint16_t port, unsigned size, uint32_t value);

/* Channel 0's next output edge (an IRQ0 pulse), and the advance that pulses it. */
uint64_t pit_next_deadline_ns(const struct pit8254 *pit);
void pit_advance(struct pit8254 *pit, uint64_t now_ns);

#endif
