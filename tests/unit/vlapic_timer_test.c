// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the virtual local APIC timer (hv/arch/x86/vlapic_timer.c)
 * on a fake TSC: one-shot expiry at the exact tick, periodic re-arm and
 * catch-up, current count, every divide value, TSC-deadline mode, masking
 * and mode changes (SDM Vol 3 10.5.4).
 */
#include "vlapic_helpers.h"

#define TICKS_PER_COUNT (TEST_TSC_HZ / TEST_BUS_HZ)	/* 25 at divide by 1 */
#define DCR_DIV1        0xB
#define TIMER_VEC       0xEC

static void arm(struct vlapic *v, uint32_t lvt_mode, uint32_t dcr, uint32_t count)
{
	enable_sw(v);
	wr(v, APIC_REG_TIMER_DCR, dcr);
	wr(v, APIC_REG_LVT_TIMER, lvt_mode | TIMER_VEC);
	wr(v, APIC_REG_TIMER_ICR, count);
}

/* Advances the fake TSC and lets the model see it. */
static void at(struct vlapic *v, uint64_t tsc)
{
	now = tsc;
	vlapic_timer_advance(v, tsc);
}

/* Takes the timer interrupt if it is pending; returns whether it was. */
static bool fired(struct vlapic *v)
{
	if (!irr_has(v, TIMER_VEC))
		return false;
	CHECK_EQ(take(v), TIMER_VEC);
	wr(v, APIC_REG_EOI, 0);
	return true;
}

TEST(oneshot_exact_tick)
{
	struct vlapic v;
	uint64_t t0 = 1000, expiry = t0 + 100 * TICKS_PER_COUNT;

	setup(&v, 0);
	arm(&v, LVT_TIMER_ONESHOT, DCR_DIV1, 100);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_TIMER);
	CHECK_EQ(vlapic_timer_deadline(&v), expiry);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 100);
	at(&v, t0 + TICKS_PER_COUNT - 1);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 100);
	at(&v, t0 + TICKS_PER_COUNT);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 99);
	at(&v, expiry - 1);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 1);
	CHECK(!fired(&v));
	at(&v, expiry);
	CHECK(fired(&v));
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 0);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
	at(&v, expiry * 10);
	CHECK(!fired(&v));
	CHECK_EQ(rd(&v, APIC_REG_TIMER_ICR), 100);	/* initial count is kept */
}

struct div_row {
	uint32_t dcr;
	uint64_t divisor;
};

/* SDM figure 10-10: bits 3, 1, 0 select divide by 2..128 or 1. */
TEST(divide_values)
{
	static const struct div_row rows[] = {
		{ 0x0, 2 }, { 0x1, 4 }, { 0x2, 8 }, { 0x3, 16 },
		{ 0x8, 32 }, { 0x9, 64 }, { 0xA, 128 }, { 0xB, 1 },
	};
	struct vlapic v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		uint64_t per_count = TICKS_PER_COUNT * rows[i].divisor;

		setup(&v, 0);
		arm(&v, LVT_TIMER_ONESHOT, rows[i].dcr, 10);
		CHECK_EQ(vlapic_timer_deadline(&v), now + 10 * per_count);
		at(&v, now + 3 * per_count + per_count - 1);
		CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 7);
		CHECK_EQ(rd(&v, APIC_REG_TIMER_DCR), rows[i].dcr);
	}
}

TEST(periodic_rearm)
{
	struct vlapic v;
	uint64_t t0 = 1000, period = 100 * TICKS_PER_COUNT;

	setup(&v, 0);
	arm(&v, LVT_TIMER_PERIODIC, DCR_DIV1, 100);
	for (uint64_t k = 1; k <= 5; k++) {
		CHECK_EQ(vlapic_timer_deadline(&v), t0 + k * period);
		at(&v, t0 + k * period - 1);
		CHECK(!fired(&v));
		CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 1);
		at(&v, t0 + k * period);
		CHECK(fired(&v));
		CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 100);	/* reloaded */
	}
	at(&v, t0 + 5 * period + TICKS_PER_COUNT);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 99);
}

/* Missed periods cost O(1) and raise the vector once; the phase is kept. */
TEST(periodic_catch_up)
{
	struct vlapic v;
	uint64_t t0 = 1000, period = 7 * TICKS_PER_COUNT, late = 1000000000000ull;

	setup(&v, 0);
	arm(&v, LVT_TIMER_PERIODIC, DCR_DIV1, 7);
	at(&v, t0 + late + 3);
	CHECK(fired(&v));
	CHECK(!fired(&v));
	uint64_t next = vlapic_timer_deadline(&v);
	CHECK(next > now && next - now <= period);
	CHECK_EQ((next - t0) % period, 0);
	at(&v, UINT64_MAX - 5);	/* near the end of time: no overflow, no hang */
	CHECK(fired(&v));
	CHECK(vlapic_timer_deadline(&v) > now);
}

TEST(masked_timer_counts_silently)
{
	struct vlapic v;
	uint64_t expiry;

	setup(&v, 0);
	arm(&v, LVT_TIMER_ONESHOT | LVT_MASKED, DCR_DIV1, 100);
	expiry = now + 100 * TICKS_PER_COUNT;
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);	/* nothing to wake for */
	at(&v, expiry - 50 * TICKS_PER_COUNT);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 50);
	wr(&v, APIC_REG_LVT_TIMER, TIMER_VEC);	/* unmask mid-count */
	CHECK_EQ(vlapic_timer_deadline(&v), expiry);
	wr(&v, APIC_REG_LVT_TIMER, TIMER_VEC | LVT_MASKED);
	at(&v, expiry);
	CHECK(!fired(&v));
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 0);
	wr(&v, APIC_REG_LVT_TIMER, TIMER_VEC);	/* an expiry while masked is not replayed */
	CHECK(!fired(&v));
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
}

TEST(initial_count_writes)
{
	struct vlapic v;

	setup(&v, 0);
	arm(&v, LVT_TIMER_PERIODIC, DCR_DIV1, 100);
	at(&v, now + 1000);
	wr(&v, APIC_REG_TIMER_ICR, 40);	/* re-arms from now */
	CHECK_EQ(vlapic_timer_deadline(&v), now + 40 * TICKS_PER_COUNT);
	wr(&v, APIC_REG_TIMER_ICR, 0);	/* stops (SDM 10.5.4) */
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_TIMER);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 0);
	at(&v, now + 1000000);
	CHECK(!fired(&v));
}

/* Switching one-shot <-> periodic keeps the count in progress and starts nothing. */
TEST(oneshot_periodic_switch)
{
	struct vlapic v;
	uint64_t t0 = 1000, period = 100 * TICKS_PER_COUNT;

	setup(&v, 0);
	arm(&v, LVT_TIMER_ONESHOT, DCR_DIV1, 100);
	at(&v, t0 + period);
	CHECK(fired(&v));
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_PERIODIC | TIMER_VEC);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);

	setup(&v, 0);
	arm(&v, LVT_TIMER_ONESHOT, DCR_DIV1, 100);
	at(&v, t0 + 10 * TICKS_PER_COUNT);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_PERIODIC | TIMER_VEC);
	CHECK_EQ(vlapic_timer_deadline(&v), t0 + period);
	at(&v, t0 + period);
	CHECK(fired(&v));
	CHECK_EQ(vlapic_timer_deadline(&v), t0 + 2 * period);

	/* Periodic -> one-shot mid-period: this period ends, then the timer stops. */
	at(&v, t0 + period + 30 * TICKS_PER_COUNT);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_ONESHOT | TIMER_VEC);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 70);
	CHECK_EQ(vlapic_timer_deadline(&v), t0 + 2 * period);
	at(&v, t0 + 2 * period);
	CHECK(fired(&v));
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
}

/* A divide change goes on from the current count at the new rate. */
TEST(divide_change_mid_count)
{
	struct vlapic v;
	uint64_t t0 = 1000;

	setup(&v, 0);
	arm(&v, LVT_TIMER_ONESHOT, DCR_DIV1, 1000);
	at(&v, t0 + 100 * TICKS_PER_COUNT);
	wr(&v, APIC_REG_TIMER_DCR, 0x0);	/* divide by 2 */
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 900);
	CHECK_EQ(vlapic_timer_deadline(&v), now + 900 * 2 * TICKS_PER_COUNT);
	at(&v, now + 2 * TICKS_PER_COUNT);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 899);
}

TEST(tsc_deadline_mode)
{
	struct vlapic v;

	setup(&v, 0);
	enable_sw(&v);
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 5000);	/* not in deadline mode: ignored */
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_TSC_DEADLINE), 0);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | TIMER_VEC);
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 5000);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_TIMER);
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_TSC_DEADLINE), 5000);
	CHECK_EQ(vlapic_timer_deadline(&v), 5000);
	wr(&v, APIC_REG_TIMER_ICR, 100);	/* ignored in deadline mode */
	CHECK_EQ(rd(&v, APIC_REG_TIMER_ICR), 0);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 0);
	at(&v, 4999);
	CHECK(!fired(&v));
	at(&v, 5000);
	CHECK(fired(&v));
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_TSC_DEADLINE), 0);	/* cleared by the expiry */
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 100);	/* in the past: fires at once */
	CHECK(fired(&v));
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 9000);
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 0);	/* disarms */
	at(&v, 10000);
	CHECK(!fired(&v));
	/* Re-arming later moves the deadline. */
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 20000);
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 30000);
	at(&v, 29999);
	CHECK(!fired(&v));
	at(&v, 30000);
	CHECK(fired(&v));
}

/* SDM 10.5.4.1: entering or leaving TSC-deadline mode disarms the timer. */
TEST(tsc_deadline_transitions)
{
	struct vlapic v;

	setup(&v, 0);
	arm(&v, LVT_TIMER_PERIODIC, DCR_DIV1, 100);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | TIMER_VEC);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
	CHECK_EQ(rd(&v, APIC_REG_TIMER_ICR), 0);
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 8000);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_ONESHOT | TIMER_VEC);
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_TSC_DEADLINE), 0);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | TIMER_VEC);
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_TSC_DEADLINE), 0);
	at(&v, 9000);
	CHECK(!fired(&v));
	/* A masked deadline expires silently and still clears the MSR. */
	wrmsr_ok(&v, MSR_IA32_TSC_DEADLINE, 9500);
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | LVT_MASKED | TIMER_VEC);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
	at(&v, 9500);
	CHECK(!fired(&v));
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_TSC_DEADLINE), 0);
}

TEST(tsc_deadline_not_advertised)
{
	struct vlapic_config cfg = test_config();
	struct vlapic v;
	uint64_t val;

	cfg.tsc_deadline = false;
	setup_cfg(&v, &cfg, 0, true);
	enable_sw(&v);
	CHECK(!vlapic_msr_read(&v, MSR_IA32_TSC_DEADLINE, now, &val));
	CHECK(!wrmsr_try(&v, MSR_IA32_TSC_DEADLINE, 5000));
	wr(&v, APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | TIMER_VEC);
	CHECK_EQ(rd(&v, APIC_REG_LVT_TIMER), TIMER_VEC);	/* bit 18 is reserved */
	to_x2apic(&v);
	CHECK(!wrmsr_try(&v, x2msr(APIC_REG_LVT_TIMER), LVT_TIMER_TSC_DEADLINE | TIMER_VEC));
	CHECK(wrmsr_try(&v, x2msr(APIC_REG_LVT_TIMER), LVT_TIMER_PERIODIC | TIMER_VEC));
}

/* Expiry at the first TSC tick whose elapsed bus counts reach the count, for an awkward ratio. */
TEST(exact_with_awkward_ratio)
{
	static const uint32_t counts[] = { 1, 2, 3, 7, 1000, 123457, 0xFFFFFFFF };
	static const uint32_t dcrs[] = { DCR_DIV1, 0x0, 0x3, 0xA };
	struct vlapic_config cfg = test_config();
	struct vlapic v;

	cfg.tsc_hz = 1000000007;	/* prime: every count ends mid-tick */
	cfg.bus_hz = 3000017;
	for (size_t i = 0; i < ARRAY_SIZE(counts); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(dcrs); j++) {
			unsigned div = dcrs[j] == DCR_DIV1 ? 1 : dcrs[j] == 0x0 ? 2 : dcrs[j] == 0x3 ? 16 : 128;
			unsigned __int128 num = (unsigned __int128)counts[i] * div * cfg.tsc_hz;
			uint64_t dt = (uint64_t)((num + cfg.bus_hz - 1) / cfg.bus_hz);

			setup_cfg(&v, &cfg, 0, true);
			arm(&v, LVT_TIMER_ONESHOT, dcrs[j], counts[i]);
			uint64_t t0 = now;
			CHECK_EQ(vlapic_timer_deadline(&v), t0 + dt);
			at(&v, t0 + dt - 1);
			CHECK(!fired(&v));
			CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 1);
			at(&v, t0 + dt);
			CHECK(fired(&v));
		}
	}
}

/* The model's time never runs backwards, whatever the caller passes. */
TEST(time_is_monotonic)
{
	struct vlapic v;

	setup(&v, 0);
	arm(&v, LVT_TIMER_ONESHOT, DCR_DIV1, 100);
	at(&v, 1000 + 50 * TICKS_PER_COUNT);
	now = 10;
	CHECK_EQ(rd(&v, APIC_REG_TIMER_CCR), 50);
	wr(&v, APIC_REG_TIMER_ICR, 10);	/* starts from the newest time seen */
	CHECK_EQ(vlapic_timer_deadline(&v), 1000 + 60 * TICKS_PER_COUNT);
}

/* Reaching the timer's vector through x2APIC MSRs works the same way. */
TEST(x2apic_timer)
{
	struct vlapic v;

	setup(&v, 0);
	to_x2apic(&v);
	wrmsr_ok(&v, x2msr(APIC_REG_SVR), SVR_APIC_ENABLE | 0xFF);
	wrmsr_ok(&v, x2msr(APIC_REG_TIMER_DCR), DCR_DIV1);
	wrmsr_ok(&v, x2msr(APIC_REG_LVT_TIMER), TIMER_VEC);
	wrmsr_ok(&v, x2msr(APIC_REG_TIMER_ICR), 4);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_TIMER);
	now += 2 * TICKS_PER_COUNT;
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_TIMER_CCR)), 2);
	now += 2 * TICKS_PER_COUNT;
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_IRR0 + 0x70)), 1u << (TIMER_VEC % 32));
}

int main(void)
{
	return test_main();
}
