/* SPDX-License-Identifier: GPL-2.0 */
/* Intel 8259A PIC pair (master + slave on IR2) with the PIIX edge/level control registers. */
#ifndef WORKER_PIC8259_H
#define WORKER_PIC8259_H

#include <stdbool.h>
#include <stdint.h>

#include "dev.h"

/* Command port (A0 = 0) writes (8259A data sheet, figures 6 and 8). */
#define PIC_ICW1          0x10	/* with bit 4 set: initialization command word 1 */
#define PIC_ICW1_IC4      0x01	/* ICW4 follows */
#define PIC_ICW1_SNGL     0x02	/* single, no ICW3 */
#define PIC_ICW1_LTIM     0x08	/* level-triggered inputs */
#define PIC_OCW3          0x08	/* with bit 4 clear: OCW3, else OCW2 */
#define PIC_OCW3_RIS      0x01	/* read ISR (else IRR) */
#define PIC_OCW3_RR       0x02	/* read register command */
#define PIC_OCW3_POLL     0x04
#define PIC_OCW3_SMM      0x20	/* special mask mode */
#define PIC_OCW3_ESMM     0x40	/* SMM bit is valid */
#define PIC_OCW2_LEVEL    0x07
#define PIC_OCW2_EOI      0x20
#define PIC_OCW2_SL       0x40	/* specific level */
#define PIC_OCW2_R        0x80	/* rotate */
#define PIC_ICW2_BASE     0xF8	/* vector base: T7-T3 */
#define PIC_ICW4_AEOI     0x02
#define PIC_ICW4_SFNM     0x10
#define PIC_POLL_INT      0x80	/* poll word: an interrupt is pending */

#define PIC_CASCADE_IRQ   2	/* the slave's INT drives master IR2 */
#define PIC_IRQS          16
#define PIC_SPURIOUS_IR   7

/* PIIX4 ELCR: IRQ 0, 1, 2, 8 and 13 are edge-only (PIIX4 data sheet 4.1.10). */
#define ELCR_MASTER_MASK  0xF8
#define ELCR_SLAVE_MASK   0xDE

struct pic_chip {
	uint8_t irr, isr, imr, elcr, elcr_mask;
	uint8_t lines;		/* input levels, for edge detection */
	uint8_t vector_base;
	uint8_t icw3;
	uint8_t priority_add;	/* rotation: IR number with the highest priority */
	uint8_t init_step;	/* 0: operational; 2..4: expecting ICW2..ICW4 */
	bool icw4_needed, single, ltim;
	bool auto_eoi, rotate_on_aeoi, special_fully_nested, special_mask;
	bool read_isr, poll;
};

struct pic8259 {
	struct pic_chip chip[2];	/* master, slave */
};

/*
 * Two cascaded 8259As as a PC has them. The worker does not wire the master's
 * INT output to the vCPUs (no ExtINT delivery: the guest runs in APIC mode);
 * pic_int_pending() and pic_intack() are there for when it must.
 */
void pic_init(struct pic8259 *pic);

/* Ports PLATFORM_PIC_* and PLATFORM_ELCR_*, by absolute port number. */
uint32_t pic_read(struct pic8259 *pic, uint16_t port, unsigned size);
void pic_write(struct pic8259 *pic, uint16_t port, unsigned size, uint32_t value);

/* An ISA IRQ line (0-15); edge or level per ELCR. */
void pic_set_irq(struct pic8259 *pic, unsigned irq, bool level);
/* The master's INT output. */
bool pic_int_pending(const struct pic8259 *pic);
/* The INTA cycle: returns the vector and moves the request to in-service. */
uint8_t pic_intack(struct pic8259 *pic);

#endif
