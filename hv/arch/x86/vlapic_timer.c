// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual local APIC timer (SDM Vol 3 10.5.4): one-shot, periodic and
 * TSC-deadline modes, counted on the guest TSC. A count runs from
 * timer_start_tsc, where it stood at timer_start_count; count k is reached
 * at the first TSC tick t with floor((t - start) * bus_hz / (tsc_hz * div)) >= k,
 * so expiries are exact and periodic timers never drift.
 */
#include "vlapic_internal.h"

#define TIMER_NONE     UINT64_MAX
#define DCR_CODES      8u	/* 3-bit divide code: divide by 2^(code + 1 mod 8) (SDM figure 10-10) */
#define U64_BITS       64

/*
 * floor or ceil of a * b / d, or UINT64_MAX if it does not fit. Long
 * division, one quotient bit per step, so the core needs no libgcc helper.
 */
static uint64_t mul_div(uint64_t a, uint64_t b, uint64_t d, bool round_up)
{
	unsigned __int128 n = (unsigned __int128)a * b;
	uint64_t rem = (uint64_t)(n >> U64_BITS), lo = (uint64_t)n, q = 0;

	if (rem >= d)
		return UINT64_MAX;
	for (int i = 0; i < U64_BITS; i++) {
		uint64_t carry = rem >> (U64_BITS - 1);

		rem = rem << 1 | lo >> (U64_BITS - 1);
		lo <<= 1;
		q <<= 1;
		if (carry || rem >= d) {
			rem -= d;
			q |= 1;
		}
	}
	if (round_up && rem)
		return q == UINT64_MAX ? UINT64_MAX : q + 1;
	return q;
}

static uint64_t timer_divisor(uint32_t dcr)
{
	unsigned code = (dcr & TIMER_DCR_HIGH_BIT) >> 1 | (dcr & TIMER_DCR_LOW_MASK);

	return 1ull << ((code + 1) % DCR_CODES);
}

static uint32_t timer_mode(const struct vlapic *v)
{
	return v->lvt[VLAPIC_LVT_TIMER] & LVT_TIMER_MODE_MASK;
}

/* TSC ticks per count, at most VLAPIC_MAX_HZ * 128. */
static uint64_t tsc_per_count_num(const struct vlapic *v)
{
	return v->cfg.tsc_hz * timer_divisor(v->timer_dcr);
}

static uint64_t counts_since_start(const struct vlapic *v)
{
	return mul_div(v->last_tsc - v->timer_start_tsc, v->cfg.bus_hz, tsc_per_count_num(v), false);
}

/* The first TSC at which 'counts' counts have elapsed since the start. */
static uint64_t tsc_at_count(const struct vlapic *v, uint64_t counts)
{
	uint64_t dt = mul_div(counts, tsc_per_count_num(v), v->cfg.bus_hz, true);

	if (dt > TIMER_NONE - v->timer_start_tsc)
		return TIMER_NONE;
	return v->timer_start_tsc + dt;
}

/* Sets timer_next to the first expiry after last_tsc. */
static void timer_schedule(struct vlapic *v)
{
	uint64_t elapsed, target, periods;

	v->timer_next = TIMER_NONE;
	if (!v->timer_running)
		return;
	elapsed = counts_since_start(v);
	target = v->timer_start_count;
	if (elapsed >= target && timer_mode(v) == LVT_TIMER_PERIODIC && v->timer_initial) {
		/* Expiries so far: the first at start_count, then one per initial count. */
		periods = (elapsed - target) / v->timer_initial + 1;
		if (periods > (TIMER_NONE - target) / v->timer_initial)
			return;
		target += periods * v->timer_initial;
	}
	v->timer_next = tsc_at_count(v, target);
}

/* Restarts the count in progress from now, at its current value (before a rate or mode change). */
static void timer_rebase(struct vlapic *v)
{
	uint32_t ccr = vlapic_timer_current_count(v);

	v->timer_start_tsc = v->last_tsc;
	v->timer_start_count = ccr;
	v->timer_running = ccr != 0;
}

void vlapic_timer_reset(struct vlapic *v)
{
	v->timer_initial = 0;
	v->timer_dcr = 0;
	v->tsc_deadline = 0;
	v->timer_running = false;
	v->timer_start_count = 0;
	v->timer_start_tsc = v->last_tsc;
	v->timer_next = TIMER_NONE;
}

uint32_t vlapic_timer_current_count(const struct vlapic *v)
{
	uint64_t elapsed;

	if (!v->timer_running)
		return 0;
	elapsed = counts_since_start(v);
	if (elapsed < v->timer_start_count)
		return (uint32_t)(v->timer_start_count - elapsed);
	if (timer_mode(v) != LVT_TIMER_PERIODIC || !v->timer_initial)
		return 0;
	return v->timer_initial - (uint32_t)((elapsed - v->timer_start_count) % v->timer_initial);
}

void vlapic_timer_write_initial(struct vlapic *v, uint32_t count)
{
	/* SDM 10.5.4.1: in TSC-deadline mode the initial count is ignored. */
	if (timer_mode(v) == LVT_TIMER_TSC_DEADLINE)
		return;
	/* Any write restarts the count; 0 stops the timer (SDM 10.5.4). */
	v->timer_initial = count;
	v->timer_start_tsc = v->last_tsc;
	v->timer_start_count = count;
	v->timer_running = count != 0;
	timer_schedule(v);
}

void vlapic_timer_write_dcr(struct vlapic *v, uint32_t dcr)
{
	dcr &= TIMER_DCR_MASK;
	if (timer_divisor(dcr) != timer_divisor(v->timer_dcr) && v->timer_running)
		timer_rebase(v);	/* the count in progress goes on at the new rate */
	v->timer_dcr = dcr;
	timer_schedule(v);
}

void vlapic_timer_write_lvt(struct vlapic *v, uint32_t lvt)
{
	uint32_t old_mode = timer_mode(v), new_mode = lvt & LVT_TIMER_MODE_MASK;

	if (old_mode == new_mode) {
		v->lvt[VLAPIC_LVT_TIMER] = lvt;
		return;
	}
	if (old_mode == LVT_TIMER_TSC_DEADLINE || new_mode == LVT_TIMER_TSC_DEADLINE) {
		/* SDM 10.5.4.1: a transition into or out of TSC-deadline mode disarms the timer. */
		v->lvt[VLAPIC_LVT_TIMER] = lvt;
		v->timer_running = false;
		v->timer_next = TIMER_NONE;
		v->timer_initial = 0;
		v->tsc_deadline = 0;
		return;
	}
	/*
	 * One-shot <-> periodic does not start a stopped timer (SDM 10.5.4); a
	 * running one finishes its current count under the new mode. Only a
	 * periodic count can be past its first expiry, so only it is rebased.
	 */
	if (v->timer_running && old_mode == LVT_TIMER_PERIODIC)
		timer_rebase(v);
	v->lvt[VLAPIC_LVT_TIMER] = lvt;
	timer_schedule(v);
}

uint64_t vlapic_timer_read_deadline(const struct vlapic *v)
{
	/* SDM 10.5.4.1: reads 0 outside TSC-deadline mode. */
	return timer_mode(v) == LVT_TIMER_TSC_DEADLINE ? v->tsc_deadline : 0;
}

void vlapic_timer_write_deadline(struct vlapic *v, uint64_t deadline)
{
	/* Ignored outside TSC-deadline mode; 0 disarms; a past deadline fires at once. */
	if (timer_mode(v) != LVT_TIMER_TSC_DEADLINE)
		return;
	v->tsc_deadline = deadline;
	vlapic_timer_advance(v, v->last_tsc);
}

uint64_t vlapic_timer_deadline(const struct vlapic *v)
{
	if (v->lvt[VLAPIC_LVT_TIMER] & LVT_MASKED)
		return TIMER_NONE;
	if (timer_mode(v) == LVT_TIMER_TSC_DEADLINE)
		return v->tsc_deadline ? v->tsc_deadline : TIMER_NONE;
	return v->timer_running ? v->timer_next : TIMER_NONE;
}

void vlapic_timer_advance(struct vlapic *v, uint64_t now_tsc)
{
	if (now_tsc > v->last_tsc)
		v->last_tsc = now_tsc;
	if (timer_mode(v) == LVT_TIMER_TSC_DEADLINE) {
		if (v->tsc_deadline && v->last_tsc >= v->tsc_deadline) {
			/* SDM 10.5.4.1: the expiry disarms the timer and clears the MSR. */
			v->tsc_deadline = 0;
			vlapic_lvt_deliver(v, VLAPIC_LVT_TIMER);
		}
		return;
	}
	if (!v->timer_running || v->timer_next == TIMER_NONE || v->last_tsc < v->timer_next)
		return;
	/* However many periods passed, IRR holds the vector once. */
	vlapic_lvt_deliver(v, VLAPIC_LVT_TIMER);
	if (timer_mode(v) == LVT_TIMER_PERIODIC) {
		timer_schedule(v);
	} else {
		v->timer_running = false;
		v->timer_next = TIMER_NONE;
	}
}
