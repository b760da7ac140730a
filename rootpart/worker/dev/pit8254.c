// SPDX-License-Identifier: GPL-2.0
/* Intel 8254 PIT model: counters computed from guest time, latches, read-back, port B. */
#include "pit8254.h"

#include <string.h>

#include "platform.h"

#define NO_TICK        UINT64_MAX
#define BINARY_MODULUS 65536u
#define BCD_MODULUS    10000u
#define BCD_DIGITS     4
#define BCD_RADIX      10u
#define NIBBLE_BITS    4
#define NIBBLE_MASK    0xFu
#define BYTE_MASK      0xFFu
#define BYTE_BITS      8

static uint64_t tick_of(uint64_t ns)
{
	return dev_muldiv(ns, PIT_HZ, NSEC_PER_SEC);
}

static uint64_t ns_of(uint64_t tick)
{
	return dev_muldiv_up(tick, NSEC_PER_SEC, PIT_HZ);
}

static uint32_t modulus(const struct pit_channel *c)
{
	return c->bcd ? BCD_MODULUS : BINARY_MODULUS;
}

static bool is_periodic(const struct pit_channel *c)
{
	return c->mode == PIT_MODE_RATE || c->mode == PIT_MODE_SQUARE;
}

static bool is_gate_triggered(const struct pit_channel *c)
{
	return c->mode == PIT_MODE_ONE_SHOT || c->mode == PIT_MODE_HW_STROBE;
}

static uint16_t to_bcd(uint32_t v)
{
	uint16_t out = 0;

	for (int d = 0; d < BCD_DIGITS; d++, v /= BCD_RADIX)
		out |= (uint16_t)((v % BCD_RADIX) << (NIBBLE_BITS * d));
	return out;
}

static uint32_t from_bcd(uint16_t raw)
{
	uint32_t v = 0;

	for (int d = BCD_DIGITS - 1; d >= 0; d--)
		v = v * BCD_RADIX + ((raw >> (NIBBLE_BITS * d)) & NIBBLE_MASK);
	return v;
}

/* A written count: 0 is the largest, and a BCD count past 9999 is taken as 10000. */
static uint32_t decode_count(const struct pit_channel *c, uint16_t raw)
{
	uint32_t n = c->bcd ? from_bcd(raw) : raw;

	if (n == 0 || n > modulus(c))
		n = modulus(c);
	return n;
}

/* Loads a pending mode 2/3 count once its period has ended. */
static void sync(struct pit_channel *c, uint64_t tick)
{
	if (c->counting && c->pending && tick >= c->pending_tick) {
		c->base_tick = c->pending_tick;
		c->count = c->base_value = c->pending_count;
		c->pending = false;
	}
}

/* The end of the period a mode 2/3 counter is in at 'tick'. */
static uint64_t period_end(const struct pit_channel *c, uint64_t tick)
{
	uint64_t k = tick < c->base_tick ? 1 : (tick - c->base_tick) / c->count + 1;

	return c->base_tick + k * c->count;
}

static uint32_t element(const struct pit_channel *c, uint64_t tick)
{
	uint32_t m = modulus(c), n = c->count;
	uint64_t e, p;

	if (!c->counting)
		return c->frozen;
	if (tick < c->base_tick)
		return c->base_value % m;
	e = tick - c->base_tick;
	switch (c->mode) {
	case PIT_MODE_RATE:
		return n - (uint32_t)(e % n);
	case PIT_MODE_SQUARE:
		/* Counts down by two through each half; the high half is the longer. */
		p = e % n;
		if (p >= (n + 1) / 2)
			p -= (n + 1) / 2;
		return ((n & ~1u) - 2 * (uint32_t)p) % m;
	default:
		return (uint32_t)((c->base_value + m - e % m) % m);
	}
}

static bool output(const struct pit_channel *c, uint64_t tick)
{
	uint32_t n = c->count;
	uint64_t e;

	if (!c->counting)
		return c->frozen_out;
	if (tick < c->base_tick)
		return c->mode != PIT_MODE_TERMINAL_COUNT && c->mode != PIT_MODE_ONE_SHOT;
	e = tick - c->base_tick;
	switch (c->mode) {
	case PIT_MODE_TERMINAL_COUNT:
	case PIT_MODE_ONE_SHOT:
		return c->tc_done || e >= c->base_value;
	case PIT_MODE_RATE:
		return n < 2 || e % n != n - 1;	/* low for the one clock at count 1 */
	case PIT_MODE_SQUARE:
		return e % n < (n + 1) / 2;
	default:
		return c->tc_done || e != c->base_value;	/* one-clock strobe at terminal count */
	}
}

static void start(struct pit_channel *c, uint64_t tick, uint32_t value)
{
	c->counting = true;
	c->base_tick = tick + 1;	/* the element loads on the next clock */
	c->base_value = value;
}

static void freeze(struct pit_channel *c, uint64_t tick, bool forced_out)
{
	if (!c->counting)
		return;
	c->frozen = (uint16_t)element(c, tick);
	c->frozen_out = forced_out || output(c, tick);
	if (!is_periodic(c) && tick >= c->base_tick && tick - c->base_tick >= c->base_value)
		c->tc_done = true;
	c->counting = false;
	c->pending = false;
}

static void set_gate(struct pit_channel *c, bool level, uint64_t tick)
{
	bool rising = level && !c->gate;

	if (level == c->gate)
		return;
	c->gate = level;
	switch (c->mode) {
	case PIT_MODE_TERMINAL_COUNT:
	case PIT_MODE_SW_STROBE:
		/* The gate suspends counting; the element resumes where it stopped. */
		if (!level)
			freeze(c, tick, false);
		else if (c->armed && !c->counting)
			start(c, tick, c->frozen ? c->frozen : modulus(c));
		break;
	case PIT_MODE_RATE:
	case PIT_MODE_SQUARE:
		/* Gate low stops counting with OUT high; its rising edge reloads the count. */
		if (!level)
			freeze(c, tick, true);
		else if (c->armed)
			start(c, tick, c->count);
		break;
	default:
		if (rising && c->armed) {
			c->tc_done = false;
			start(c, tick, c->count);
		}
		break;
	}
}

static void load_count(struct pit_channel *c, uint16_t raw, uint64_t tick)
{
	uint32_t n = decode_count(c, raw);

	c->null_until_tick = tick + 1;
	if (is_periodic(c) && c->counting) {
		/* Modes 2 and 3 finish the current period first. */
		c->pending = true;
		c->pending_count = n;
		c->pending_tick = period_end(c, tick);
		return;
	}
	c->count = n;
	c->armed = true;
	if (is_gate_triggered(c))
		return;	/* waits for a gate edge */
	c->tc_done = false;
	if (c->gate) {
		start(c, tick, n);
	} else {
		c->counting = false;
		c->frozen = (uint16_t)n;
		c->frozen_out = c->mode != PIT_MODE_TERMINAL_COUNT;
	}
}

static void write_counter(struct pit_channel *c, uint8_t value, uint64_t tick)
{
	switch (c->rw) {
	case PIT_RW_LSB:
		load_count(c, value, tick);
		break;
	case PIT_RW_MSB:
		load_count(c, (uint16_t)(value << BYTE_BITS), tick);
		break;
	default:
		if (!c->write_msb_next) {
			c->write_lsb = value;
			c->write_msb_next = true;
			/* Mode 0: the first byte stops the count and drives OUT low. */
			if (c->mode == PIT_MODE_TERMINAL_COUNT) {
				freeze(c, tick, false);
				c->frozen_out = false;
			}
			break;
		}
		c->write_msb_next = false;
		load_count(c, (uint16_t)(c->write_lsb | value << BYTE_BITS), tick);
		break;
	}
}

static uint16_t visible_count(const struct pit_channel *c, uint64_t tick)
{
	uint32_t v = element(c, tick);

	return c->bcd ? to_bcd(v) : (uint16_t)v;
}

static void latch_count(struct pit_channel *c, uint64_t tick)
{
	if (c->count_latched)
		return;	/* a second latch before the first is read is ignored */
	c->latch = visible_count(c, tick);
	c->count_latched = true;
	c->latch_msb_next = false;
}

static void latch_status(struct pit_channel *c, uint64_t tick)
{
	if (c->status_latched)
		return;
	c->status = (uint8_t)((output(c, tick) ? PIT_STATUS_OUTPUT : 0) |
			      (tick < c->null_until_tick ? PIT_STATUS_NULL : 0) |
			      c->rw << PIT_CW_RW_SHIFT | c->mode << PIT_CW_MODE_SHIFT |
			      (c->bcd ? PIT_CW_BCD : 0));
	c->status_latched = true;
}

static void write_control(struct pit8254 *pit, uint8_t cw, uint64_t tick)
{
	unsigned sc = cw >> PIT_CW_SC_SHIFT, rw = (cw >> PIT_CW_RW_SHIFT) & PIT_CW_RW_MASK;
	struct pit_channel *c;

	if (sc == PIT_CW_SC_READBACK) {
		for (int i = 0; i < PIT_CHANNELS; i++) {
			if (!(cw & (PIT_RB_CNT0 << i)))
				continue;
			if (!(cw & PIT_RB_NO_COUNT))
				latch_count(&pit->ch[i], tick);
			if (!(cw & PIT_RB_NO_STATUS))
				latch_status(&pit->ch[i], tick);
		}
		return;
	}
	c = &pit->ch[sc];
	if (rw == PIT_RW_LATCH) {
		latch_count(c, tick);
		return;
	}
	/* A control word resets the counter's logic; the element keeps its value. */
	if (c->counting)
		c->frozen = (uint16_t)element(c, tick);
	c->counting = c->armed = c->pending = c->tc_done = false;
	c->rw = (uint8_t)rw;
	c->mode = (cw >> PIT_CW_MODE_SHIFT) & PIT_CW_MODE_MASK;
	if (c->mode > PIT_MODE_HW_STROBE)
		c->mode &= PIT_MODE_ALIAS_MASK;
	c->bcd = cw & PIT_CW_BCD;
	c->frozen_out = c->mode != PIT_MODE_TERMINAL_COUNT;
	c->write_msb_next = c->read_msb_next = false;
	c->null_until_tick = NO_TICK;
}

static uint8_t read_counter(struct pit_channel *c, uint64_t tick)
{
	uint16_t v;

	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	if (c->count_latched) {
		v = c->latch;
		if (c->rw == PIT_RW_WORD && !c->latch_msb_next) {
			c->latch_msb_next = true;
			return v & BYTE_MASK;
		}
		c->count_latched = false;
		return c->rw == PIT_RW_LSB ? v & BYTE_MASK : v >> BYTE_BITS;
	}
	v = visible_count(c, tick);
	switch (c->rw) {
	case PIT_RW_LSB:
		return v & BYTE_MASK;
	case PIT_RW_MSB:
		return v >> BYTE_BITS;
	default:
		c->read_msb_next = !c->read_msb_next;
		return c->read_msb_next ? v & BYTE_MASK : v >> BYTE_BITS;
	}
}

static void sync_all(struct pit8254 *pit, uint64_t tick)
{
	for (int i = 0; i < PIT_CHANNELS; i++)
		sync(&pit->ch[i], tick);
}

void pit_init(struct pit8254 *pit, const struct dev_clock *clock, const struct dev_irq *irq,
	      unsigned gsi)
{
	memset(pit, 0, sizeof(*pit));
	pit->clock = *clock;
	pit->irq = *irq;
	pit->gsi = gsi;
	for (int i = 0; i < PIT_CHANNELS; i++) {
		pit->ch[i].rw = PIT_RW_WORD;
		pit->ch[i].gate = i != 2;	/* channels 0 and 1 are gated high on a PC */
		pit->ch[i].null_until_tick = NO_TICK;
	}
}

static uint8_t port_b_read(struct pit8254 *pit, uint64_t tick)
{
	uint8_t v = pit->port_b & PORT_B_WRITABLE;

	if ((tick / PORT_B_REFRESH_TICKS) & 1)
		v |= PORT_B_REFRESH;
	if (output(&pit->ch[2], tick))
		v |= PORT_B_OUT2;
	return v;
}

static uint8_t pit_inb(void *opaque, uint16_t port)
{
	struct pit8254 *pit = opaque;
	uint64_t tick = tick_of(dev_now(&pit->clock));

	sync_all(pit, tick);
	if (port == PLATFORM_PORT_B)
		return port_b_read(pit, tick);
	if (port >= PLATFORM_PIT_BASE && port < PLATFORM_PIT_BASE + PIT_PORT_CONTROL)
		return read_counter(&pit->ch[port - PLATFORM_PIT_BASE], tick);
	return 0xFF;	/* the control word register is write-only */
}

static void pit_outb(void *opaque, uint16_t port, uint8_t value)
{
	struct pit8254 *pit = opaque;
	uint64_t tick = tick_of(dev_now(&pit->clock));

	sync_all(pit, tick);
	if (port == PLATFORM_PORT_B) {
		pit->port_b = value & PORT_B_WRITABLE;
		set_gate(&pit->ch[2], value & PORT_B_GATE2, tick);
	} else if (port == PLATFORM_PIT_BASE + PIT_PORT_CONTROL) {
		write_control(pit, value, tick);
	} else if (port >= PLATFORM_PIT_BASE && port < PLATFORM_PIT_BASE + PIT_PORT_CONTROL) {
		write_counter(&pit->ch[port - PLATFORM_PIT_BASE], value, tick);
	}
}

uint32_t pit_read(struct pit8254 *pit, uint16_t port, unsigned size)
{
	return dev_split_read(pit_inb, pit, port, size);
}

void pit_write(struct pit8254 *pit, uint16_t port, unsigned size, uint32_t value)
{
	dev_split_write(pit_outb, pit, port, size, value);
}

/* The first tick after 'after' at which OUT rises (mode 4/5: the strobe), or NO_TICK. */
static uint64_t next_edge_tick(const struct pit_channel *c, uint64_t after)
{
	uint64_t base = c->base_tick, n = c->count, k, t;

	if (!c->counting)
		return NO_TICK;
	if (!is_periodic(c)) {
		t = base + c->base_value;
		return !c->tc_done && t > after ? t : NO_TICK;
	}
	if (c->pending) {
		if (after < c->pending_tick) {
			k = after < base ? 1 : (after - base) / n + 1;
			return base + k * n;
		}
		base = c->pending_tick;
		n = c->pending_count;
	}
	k = after < base ? 1 : (after - base) / n + 1;
	return base + k * n;
}

uint64_t pit_next_deadline_ns(const struct pit8254 *pit)
{
	const struct pit_channel *c = &pit->ch[0];
	uint64_t t = next_edge_tick(c, pit->last_edge_tick), ns;

	if (t == NO_TICK)
		return DEV_NO_DEADLINE;
	ns = ns_of(t);
	if (is_periodic(c) && pit->pulsed && ns < pit->last_pulse_ns + PIT_MIN_IRQ_PERIOD_NS)
		ns = pit->last_pulse_ns + PIT_MIN_IRQ_PERIOD_NS;
	return ns;
}

void pit_advance(struct pit8254 *pit, uint64_t now_ns)
{
	struct pit_channel *c = &pit->ch[0];
	uint64_t tick = tick_of(now_ns), t = next_edge_tick(c, pit->last_edge_tick);

	if (t == NO_TICK || t > tick)
		return;
	if (is_periodic(c) && pit->pulsed && now_ns < pit->last_pulse_ns + PIT_MIN_IRQ_PERIOD_NS)
		return;
	/* Edges missed while the worker slept coalesce into one, as a latched ISA edge would. */
	pit->last_edge_tick = tick;
	pit->last_pulse_ns = now_ns;
	pit->pulsed = true;
	sync(c, tick);
	dev_set_irq(&pit->irq, pit->gsi, true);
	dev_set_irq(&pit->irq, pit->gsi, false);
}
