// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the virtual local APIC. Input: two bytes choosing the
 * configuration, then operations on two APICs (MMIO and MSR accesses,
 * interrupts in, accept, EOI, time advances, LINT, INIT, reset, IPI routing).
 * After every operation: APIC_BASE in a valid mode, PPR as SDM 10.8.3.1
 * computes it, at most one in-service vector per priority class, no vector
 * 0-15 anywhere, the pending vector above PPR's class and the highest in IRR,
 * LVTs masked while software-disabled, timer state consistent, and the timer
 * deadline in the future and never earlier unless a register write said so.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "../../hv/arch/x86/vlapic_internal.h"

#define NR_APICS 2
#define NO_TIME  UINT64_MAX

static const struct {
	uint64_t tsc_hz, bus_hz;
} clocks[] = {
	{ 2500000000ull, 100000000ull }, { 1, 1 }, { VLAPIC_MAX_HZ, 1 }, { 1, VLAPIC_MAX_HZ },
	{ 1000000007ull, 3000017ull }, { VLAPIC_MAX_HZ, VLAPIC_MAX_HZ }, { 3000000000ull, 200000000ull },
};

static struct vlapic apics[NR_APICS];
static struct vlapic_effect effect;
static uint64_t now;
/* The last IPI a register write asked for, until OP_ROUTE delivers it. */
static struct vlapic_ipi last_ipi;
static struct vlapic *last_ipi_source;

static bool configure(struct fuzz_input *in)
{
	uint8_t a = (uint8_t)fuzz_bytes(in, 1), b = (uint8_t)fuzz_bytes(in, 1);
	struct vlapic_config cfg = {
		.tsc_hz = clocks[a % (sizeof(clocks) / sizeof(clocks[0]))].tsc_hz,
		.bus_hz = clocks[a % (sizeof(clocks) / sizeof(clocks[0]))].bus_hz,
		.phys_addr_bits = (uint8_t)(32 + b % 21),
		.x2apic = !(a & 0x40),
		.tsc_deadline = !(a & 0x80),
	};

	now = 0;
	last_ipi_source = NULL;
	for (unsigned i = 0; i < NR_APICS; i++)
		if (!vlapic_init(&apics[i], &cfg, i ? (uint32_t)b << 4 | 1 : 0, i == 0))
			return false;
	return true;
}

/* Register-shaped offsets most of the time, anything otherwise. */
static uint32_t pick_offset(struct fuzz_input *in)
{
	uint16_t raw = (uint16_t)fuzz_bytes(in, 2);

	if (raw & 0x8000)
		return raw & (APIC_MMIO_SIZE - 1);
	return (raw % (APIC_REG_SPACE_END >> APIC_REG_SHIFT)) << APIC_REG_SHIFT;
}

static uint32_t pick_msr(struct fuzz_input *in)
{
	uint8_t sel = (uint8_t)fuzz_bytes(in, 1);

	switch (sel % 8) {
	case 0:
		return MSR_IA32_APIC_BASE;
	case 1:
		return MSR_IA32_TSC_DEADLINE;
	case 2:
		return (uint32_t)fuzz_bytes(in, 4);
	default:
		return MSR_X2APIC_BASE + (uint8_t)fuzz_bytes(in, 1) % 0x40;
	}
}

static uint64_t pick_msr_value(struct fuzz_input *in, struct vlapic *v, uint32_t msr)
{
	uint8_t sel = (uint8_t)fuzz_bytes(in, 1);

	if (msr == MSR_IA32_APIC_BASE && (sel & 1)) {
		/* Mostly legal-looking: default base with mode bits flipped. */
		return APIC_DEFAULT_BASE | (fuzz_bytes(in, 1) & 0xF) << 8;
	}
	if (msr == MSR_IA32_TSC_DEADLINE && (sel & 1))
		return v->last_tsc + fuzz_bytes(in, 2) - 0x100;
	return sel & 2 ? fuzz_bytes(in, 8) : fuzz_bytes(in, 4) & 0xFFFFF;
}

static uint64_t pick_delta(struct fuzz_input *in)
{
	uint8_t sel = (uint8_t)fuzz_bytes(in, 1);

	switch (sel % 6) {
	case 0:
		return fuzz_bytes(in, 1);
	case 1:
		return fuzz_bytes(in, 2);
	case 2:
		return fuzz_bytes(in, 4);
	case 3:
		return fuzz_bytes(in, 8) >> (sel >> 3);
	case 4:
		return UINT64_MAX - now - fuzz_bytes(in, 1);	/* the end of time */
	default:
		return 1;
	}
}

static unsigned class_of(unsigned vector)
{
	return vector >> APIC_PRIO_CLASS_SHIFT;
}

static void check_priorities(struct vlapic *v)
{
	int isrv = -1, irrv = -1, pending;
	unsigned classes_seen = 0;

	for (unsigned vec = 0; vec < APIC_NR_VECTORS; vec++) {
		bool in_isr = vec_test(v->isr, vec), in_irr = vec_test(v->irr, vec);

		if (vec < APIC_FIRST_VALID_VECTOR)
			FUZZ_CHECK(!in_isr && !in_irr && !vec_test(v->tmr, vec));
		if (in_isr) {
			/* Nesting: each accepted vector's class beat all in service. */
			FUZZ_CHECK(!(classes_seen & (1u << class_of(vec))));
			classes_seen |= 1u << class_of(vec);
			isrv = (int)vec;
		}
		if (in_irr)
			irrv = (int)vec;
	}
	unsigned ppr = (v->tpr >> 4) >= (isrv < 0 ? 0 : class_of((unsigned)isrv)) ?
		       v->tpr : (unsigned)isrv & APIC_PRIO_CLASS_MASK;
	FUZZ_CHECK(vlapic_ppr(v) == ppr);
	pending = vlapic_pending_vector(v);
	irrv = vlapic_bank_highest(v->irr);	/* after the merge */
	if (pending >= 0) {
		FUZZ_CHECK(pending == irrv);
		FUZZ_CHECK(class_of((unsigned)pending) > class_of(ppr));
	} else {
		FUZZ_CHECK(!vlapic_is_enabled(v) || irrv < 0 || class_of((unsigned)irrv) <= class_of(ppr));
	}
}

static void check_timer(const struct vlapic *v, uint64_t before, bool may_move_earlier)
{
	uint64_t d = vlapic_timer_deadline(v);
	uint32_t mode = v->lvt[VLAPIC_LVT_TIMER] & LVT_TIMER_MODE_MASK;

	FUZZ_CHECK(d == NO_TIME || d > v->last_tsc);
	if (!may_move_earlier)
		FUZZ_CHECK(d >= before);
	if (mode == LVT_TIMER_TSC_DEADLINE) {
		FUZZ_CHECK(!v->timer_running);
		if (v->tsc_deadline && !(v->lvt[VLAPIC_LVT_TIMER] & LVT_MASKED))
			FUZZ_CHECK(d == v->tsc_deadline);
	} else {
		FUZZ_CHECK(!v->timer_running || (v->timer_start_count && v->timer_start_count <= v->timer_initial));
		FUZZ_CHECK(vlapic_timer_current_count(v) <= v->timer_initial);
		FUZZ_CHECK(v->tsc_deadline == 0);
	}
}

static void check_state(struct vlapic *v)
{
	bool en = v->apic_base & APIC_BASE_ENABLE, extd = v->apic_base & APIC_BASE_X2APIC;

	FUZZ_CHECK(en || !extd);
	FUZZ_CHECK(v->cfg.x2apic || !extd);
	FUZZ_CHECK((v->dfr & APIC_DFR_RESERVED_ONES) == APIC_DFR_RESERVED_ONES);
	FUZZ_CHECK(!((v->esr | v->esr_pending) &
		~(ESR_SEND_ILLEGAL_VECTOR | ESR_RECV_ILLEGAL_VECTOR | ESR_ILLEGAL_REG_ADDR)));
	if (extd)
		FUZZ_CHECK(v->ldr == vlapic_x2apic_ldr(v->initial_id));
	if (!(v->svr & SVR_APIC_ENABLE))
		for (unsigned i = 0; i < VLAPIC_NR_LVT; i++)
			FUZZ_CHECK(v->lvt[i] & LVT_MASKED);
	FUZZ_CHECK(!(v->events & ~(VLAPIC_EVENT_NMI | VLAPIC_EVENT_INIT | VLAPIC_EVENT_SIPI |
			      VLAPIC_EVENT_EXTINT | VLAPIC_EVENT_SMI)));
}

static void route(void)
{
	if (!last_ipi_source)
		return;
	for (unsigned i = 0; i < NR_APICS; i++) {
		if (!vlapic_matches_dest(&apics[i], last_ipi_source, &last_ipi))
			continue;
		if (i & 1)
			vlapic_post_event(&apics[i], last_ipi.delivery_mode, last_ipi.vector,
					  last_ipi.trigger_level, last_ipi.level);
		else
			vlapic_deliver(&apics[i], last_ipi.delivery_mode, last_ipi.vector,
				       last_ipi.trigger_level, last_ipi.level);
	}
	last_ipi_source = NULL;
}

/* Any message at all, from an APIC or the I/O APIC: matching never crashes and keeps its rules. */
static void match_any(struct fuzz_input *in)
{
	uint64_t raw = fuzz_bytes(in, 8);
	struct vlapic_ipi ipi = {
		.dest = (uint32_t)raw, .shorthand = (raw >> 32) & 3, .dest_logical = (raw >> 34) & 1,
		.delivery_mode = (raw >> 35) & 7, .vector = (uint8_t)(raw >> 38),
	};
	struct vlapic *src = (raw >> 46) & 1 ? NULL : &apics[(raw >> 47) & 1];

	for (unsigned i = 0; i < NR_APICS; i++) {
		bool hit = vlapic_matches_dest(&apics[i], src, &ipi);

		if (!vlapic_is_enabled(&apics[i]))
			FUZZ_CHECK(!hit);
		else if (ipi.shorthand == VLAPIC_SH_SELF)
			FUZZ_CHECK(hit == (src == &apics[i]));
		else if (ipi.shorthand == VLAPIC_SH_OTHERS)
			FUZZ_CHECK(hit == (src != &apics[i]));
		else if (ipi.shorthand == VLAPIC_SH_ALL || ipi.dest == APIC_X2APIC_BROADCAST)
			FUZZ_CHECK(hit);
	}
}

static void note_effect(struct vlapic *v)
{
	if (effect.flags & VLAPIC_EFFECT_EOI_LEVEL)
		FUZZ_CHECK(effect.eoi_vector >= APIC_FIRST_VALID_VECTOR);
	if (!(effect.flags & VLAPIC_EFFECT_IPI))
		return;
	last_ipi = effect.ipi;
	last_ipi_source = v;
}

enum op {
	OP_MMIO_READ, OP_MMIO_WRITE, OP_MSR_READ, OP_MSR_WRITE, OP_SET_IRQ, OP_POST_IRQ,
	OP_ACCEPT, OP_EOI, OP_ADVANCE, OP_LINT, OP_DELIVER, OP_INIT, OP_RESET, OP_ROUTE,
	OP_EVENTS, OP_CR8, OP_ACCEPT_ANY, OP_MATCH, OP_POST_EVENT, NR_OPS
};

static const unsigned sizes[] = { 1, 2, 4, 8, 3, 4, 4, 0 };

/* A register access; returns true if a write said the timer deadline changed. */
static bool run_access(struct fuzz_input *in, struct vlapic *v, enum op op)
{
	uint64_t val;

	switch (op) {
	case OP_MMIO_READ: {
		uint32_t off = pick_offset(in);
		vlapic_mmio_read(v, off, sizes[fuzz_bytes(in, 1) % 8], now, &val);
		return false;
	}
	case OP_MMIO_WRITE: {
		uint32_t off = pick_offset(in);
		unsigned size = sizes[fuzz_bytes(in, 1) % 8];
		bool claimed = vlapic_mmio_write(v, off, size, fuzz_bytes(in, 4), now, &effect);
		FUZZ_CHECK(claimed || effect.flags == 0);
		note_effect(v);
		return effect.flags & VLAPIC_EFFECT_TIMER;
	}
	case OP_MSR_READ:
		vlapic_msr_read(v, pick_msr(in), now, &val);
		return false;
	default: {
		uint32_t msr = pick_msr(in);
		uint64_t before = v->apic_base;
		bool ok = vlapic_msr_write(v, msr, pick_msr_value(in, v, msr), now, &effect);
		FUZZ_CHECK(ok || v->apic_base == before);
		note_effect(v);
		return effect.flags & VLAPIC_EFFECT_TIMER;
	}
	}
}

/* Interrupts in and out; none of these may move the timer deadline. */
static void run_interrupt(struct fuzz_input *in, struct vlapic *v, enum op op)
{
	uint64_t val = fuzz_bytes(in, 2);
	uint8_t vec = (uint8_t)val;
	int p;

	switch (op) {
	case OP_SET_IRQ:
		vlapic_set_irq(v, vec, val & 0x100);
		break;
	case OP_POST_IRQ:
		vlapic_post_irq(v, vec, val & 0x100);
		break;
	case OP_ACCEPT:
		p = vlapic_pending_vector(v);
		if (p >= 0)
			FUZZ_CHECK(vlapic_accept(v, (uint8_t)p));
		break;
	case OP_ACCEPT_ANY:
		p = vlapic_pending_vector(v);
		FUZZ_CHECK(vlapic_accept(v, vec) == (p == vec));
		break;
	case OP_EOI:
		vlapic_eoi(v);
		break;
	case OP_LINT:
		vlapic_lint(v, val & 1);
		break;
	case OP_DELIVER:
		vlapic_deliver(v, val & 7, (uint8_t)(val >> 3), val & 0x800, val & 0x1000);
		break;
	case OP_POST_EVENT:
		vlapic_post_event(v, val & 7, (uint8_t)(val >> 3), val & 0x800, val & 0x1000);
		break;
	case OP_EVENTS:
		vlapic_take_events(v, &vec);
		break;
	default:
		vlapic_set_cr8(v, vec & 0xF);
		FUZZ_CHECK(vlapic_get_cr8(v) == (vec & 0xF));
		break;
	}
}

/* Runs one operation; returns true if it may legitimately move the timer deadline earlier. */
static bool run_op(struct fuzz_input *in, struct vlapic *v, enum op op)
{
	switch (op) {
	case OP_MMIO_READ:
	case OP_MMIO_WRITE:
	case OP_MSR_READ:
	case OP_MSR_WRITE:
		return run_access(in, v, op);
	case OP_ADVANCE:
		now += pick_delta(in);
		vlapic_timer_advance(v, now);
		return false;
	case OP_INIT:
		vlapic_init_signal(v);
		return true;
	case OP_RESET:
		vlapic_reset(v, v->initial_id, v == &apics[0]);
		return true;
	case OP_ROUTE:
		route();
		return false;
	case OP_MATCH:
		match_any(in);
		return false;
	default:
		run_interrupt(in, v, op);
		return false;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };

	if (!configure(&in))
		abort();	/* every configuration in the table is valid */
	while (in.left) {
		uint8_t sel = (uint8_t)fuzz_bytes(&in, 1);
		struct vlapic *v = &apics[sel >> 7];
		uint64_t before[NR_APICS];
		bool earlier;

		for (unsigned i = 0; i < NR_APICS; i++)
			before[i] = vlapic_timer_deadline(&apics[i]);
		earlier = run_op(&in, v, (enum op)((sel & 0x7F) % NR_OPS));
		for (unsigned i = 0; i < NR_APICS; i++) {
			check_state(&apics[i]);
			check_timer(&apics[i], before[i], earlier && v == &apics[i]);
			check_priorities(&apics[i]);
		}
	}
	return 0;
}
