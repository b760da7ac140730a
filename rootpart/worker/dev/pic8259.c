// SPDX-License-Identifier: GPL-2.0
/* Intel 8259A PIC pair: ICW/OCW programming, priorities, IRR/ISR/IMR, ELCR. */
#include "pic8259.h"

#include <string.h>

#include "platform.h"

#define MASTER 0
#define SLAVE  1
#define IRS    8
#define NO_IR  IRS
#define INIT_ICW2 2
#define INIT_ICW3 3
#define INIT_ICW4 4
#define PIC_OCW2_CMD_MASK (PIC_OCW2_R | PIC_OCW2_SL | PIC_OCW2_EOI)

static void chip_reset(struct pic_chip *c, uint8_t elcr_mask)
{
	uint8_t elcr = c->elcr, lines = c->lines;

	memset(c, 0, sizeof(*c));
	c->elcr = elcr;
	c->elcr_mask = elcr_mask;
	c->lines = lines;
}

void pic_init(struct pic8259 *pic)
{
	memset(pic, 0, sizeof(*pic));
	chip_reset(&pic->chip[MASTER], ELCR_MASTER_MASK);
	chip_reset(&pic->chip[SLAVE], ELCR_SLAVE_MASK);
}

static bool is_level(const struct pic_chip *c, unsigned ir)
{
	return c->ltim || (c->elcr & (1u << ir));
}

/* Priority order number of the highest request in 'mask', or NO_IR. */
static unsigned highest(const struct pic_chip *c, uint8_t mask)
{
	for (unsigned i = 0; i < IRS; i++)
		if (mask & (1u << ((i + c->priority_add) % IRS)))
			return i;
	return NO_IR;
}

/* The IR the chip would interrupt for now, or NO_IR (8259A "priority resolver"). */
static unsigned pending_ir(const struct pic_chip *c, bool is_master)
{
	unsigned req = highest(c, c->irr & ~c->imr);
	uint8_t in_service = c->isr;

	if (req == NO_IR)
		return NO_IR;
	if (c->special_mask)
		in_service &= ~c->imr;	/* masked levels do not block lower ones */
	if (is_master && c->special_fully_nested)
		in_service &= ~(1u << PIC_CASCADE_IRQ);	/* more slave requests may nest */
	if (req < highest(c, in_service))
		return (req + c->priority_add) % IRS;
	return NO_IR;
}

static void chip_input(struct pic_chip *c, unsigned ir, bool level)
{
	uint8_t bit = (uint8_t)(1u << ir);

	if (is_level(c, ir)) {
		if (level)
			c->irr |= bit;
		else
			c->irr &= ~bit;
	} else if (level && !(c->lines & bit)) {
		c->irr |= bit;
	}
	if (level)
		c->lines |= bit;
	else
		c->lines &= ~bit;
}

/*
 * Master IR2 follows the slave's INT output as a level, whatever its trigger
 * mode: an edge latch there would turn every request the slave withdraws into
 * a spurious master interrupt.
 */
static void cascade(struct pic8259 *pic)
{
	struct pic_chip *m = &pic->chip[MASTER];

	if (pending_ir(&pic->chip[SLAVE], false) != NO_IR)
		m->irr |= 1u << PIC_CASCADE_IRQ;
	else
		m->irr &= ~(1u << PIC_CASCADE_IRQ);
}

void pic_set_irq(struct pic8259 *pic, unsigned irq, bool level)
{
	if (irq >= PIC_IRQS)
		return;
	chip_input(&pic->chip[irq / IRS], irq % IRS, level);
	cascade(pic);
}

bool pic_int_pending(const struct pic8259 *pic)
{
	return pending_ir(&pic->chip[MASTER], true) != NO_IR;
}

static void eoi(struct pic_chip *c, unsigned ir, bool rotate)
{
	c->isr &= ~(1u << ir);
	if (rotate)
		c->priority_add = (uint8_t)((ir + 1) % IRS);
}

static void ack(struct pic_chip *c, unsigned ir)
{
	if (c->auto_eoi) {
		if (c->rotate_on_aeoi)
			c->priority_add = (uint8_t)((ir + 1) % IRS);
	} else {
		c->isr |= 1u << ir;
	}
	if (!is_level(c, ir))
		c->irr &= ~(1u << ir);
}

uint8_t pic_intack(struct pic8259 *pic)
{
	struct pic_chip *m = &pic->chip[MASTER], *s = &pic->chip[SLAVE];
	unsigned ir = pending_ir(m, true), sir;
	uint8_t vector;

	if (ir == NO_IR)
		return m->vector_base | PIC_SPURIOUS_IR;
	ack(m, ir);
	if (ir != PIC_CASCADE_IRQ || m->single) {
		vector = m->vector_base | (uint8_t)ir;
	} else {
		sir = pending_ir(s, false);
		if (sir == NO_IR) {
			vector = s->vector_base | PIC_SPURIOUS_IR;
		} else {
			ack(s, sir);
			vector = s->vector_base | (uint8_t)sir;
		}
	}
	cascade(pic);
	return vector;
}

static void write_ocw2(struct pic_chip *c, uint8_t v)
{
	unsigned ir;

	switch (v & PIC_OCW2_CMD_MASK) {
	case PIC_OCW2_EOI:			/* non-specific EOI */
	case PIC_OCW2_EOI | PIC_OCW2_R:		/* rotate on non-specific EOI */
		ir = highest(c, c->isr);
		if (ir != NO_IR)
			eoi(c, (ir + c->priority_add) % IRS, v & PIC_OCW2_R);
		break;
	case PIC_OCW2_EOI | PIC_OCW2_SL:	/* specific EOI */
	case PIC_OCW2_EOI | PIC_OCW2_SL | PIC_OCW2_R:
		eoi(c, v & PIC_OCW2_LEVEL, v & PIC_OCW2_R);
		break;
	case PIC_OCW2_R:			/* set rotate in AEOI mode */
	case 0:					/* clear it */
		c->rotate_on_aeoi = v & PIC_OCW2_R;
		break;
	case PIC_OCW2_R | PIC_OCW2_SL:		/* set priority: the given IR is lowest */
		c->priority_add = (uint8_t)(((v & PIC_OCW2_LEVEL) + 1) % IRS);
		break;
	default:				/* no operation */
		break;
	}
}

static void write_command(struct pic_chip *c, uint8_t v)
{
	if (v & PIC_ICW1) {
		chip_reset(c, c->elcr_mask);
		c->icw4_needed = v & PIC_ICW1_IC4;
		c->single = v & PIC_ICW1_SNGL;
		c->ltim = v & PIC_ICW1_LTIM;
		c->init_step = INIT_ICW2;
		return;
	}
	if (v & PIC_OCW3) {
		if (v & PIC_OCW3_RR)
			c->read_isr = v & PIC_OCW3_RIS;
		if (v & PIC_OCW3_POLL)
			c->poll = true;
		if (v & PIC_OCW3_ESMM)
			c->special_mask = v & PIC_OCW3_SMM;
		return;
	}
	write_ocw2(c, v);
}

static void write_data(struct pic_chip *c, uint8_t v)
{
	switch (c->init_step) {
	case INIT_ICW2:
		c->vector_base = v & PIC_ICW2_BASE;
		c->init_step = c->single ? (c->icw4_needed ? INIT_ICW4 : 0) : INIT_ICW3;
		break;
	case INIT_ICW3:
		c->icw3 = v;
		c->init_step = c->icw4_needed ? INIT_ICW4 : 0;
		break;
	case INIT_ICW4:
		c->auto_eoi = v & PIC_ICW4_AEOI;
		c->special_fully_nested = v & PIC_ICW4_SFNM;
		c->init_step = 0;
		break;
	default:
		c->imr = v;	/* OCW1 */
		break;
	}
}

/* The poll command: acknowledge the highest request as an INTA would, return its number. */
static uint8_t poll(struct pic8259 *pic, unsigned which)
{
	struct pic_chip *c = &pic->chip[which];
	unsigned ir = pending_ir(c, which == MASTER);

	c->poll = false;
	if (ir == NO_IR)
		return 0;
	ack(c, ir);
	return PIC_POLL_INT | (uint8_t)ir;
}

static uint8_t pic_inb(void *opaque, uint16_t port)
{
	struct pic8259 *pic = opaque;
	uint8_t v;

	switch (port) {
	case PLATFORM_PIC_MASTER_CMD:
	case PLATFORM_PIC_SLAVE_CMD: {
		unsigned which = port == PLATFORM_PIC_SLAVE_CMD;
		struct pic_chip *c = &pic->chip[which];

		if (c->poll)
			v = poll(pic, which);
		else
			v = c->read_isr ? c->isr : c->irr;
		break;
	}
	case PLATFORM_PIC_MASTER_DATA:
	case PLATFORM_PIC_SLAVE_DATA: {
		struct pic_chip *c = &pic->chip[port == PLATFORM_PIC_SLAVE_DATA];

		v = c->poll ? poll(pic, port == PLATFORM_PIC_SLAVE_DATA) : c->imr;
		break;
	}
	case PLATFORM_ELCR_MASTER:
		return pic->chip[MASTER].elcr;
	case PLATFORM_ELCR_SLAVE:
		return pic->chip[SLAVE].elcr;
	default:
		return 0xFF;
	}
	cascade(pic);
	return v;
}

static void pic_outb(void *opaque, uint16_t port, uint8_t v)
{
	struct pic8259 *pic = opaque;

	switch (port) {
	case PLATFORM_PIC_MASTER_CMD:
		write_command(&pic->chip[MASTER], v);
		break;
	case PLATFORM_PIC_SLAVE_CMD:
		write_command(&pic->chip[SLAVE], v);
		break;
	case PLATFORM_PIC_MASTER_DATA:
		write_data(&pic->chip[MASTER], v);
		break;
	case PLATFORM_PIC_SLAVE_DATA:
		write_data(&pic->chip[SLAVE], v);
		break;
	case PLATFORM_ELCR_MASTER:
		pic->chip[MASTER].elcr = v & ELCR_MASTER_MASK;
		break;
	case PLATFORM_ELCR_SLAVE:
		pic->chip[SLAVE].elcr = v & ELCR_SLAVE_MASK;
		break;
	default:
		return;
	}
	cascade(pic);
}

uint32_t pic_read(struct pic8259 *pic, uint16_t port, unsigned size)
{
	return dev_split_read(pic_inb, pic, port, size);
}

void pic_write(struct pic8259 *pic, uint16_t port, unsigned size, uint32_t value)
{
	dev_split_write(pic_outb, pic, port, size, value);
}
