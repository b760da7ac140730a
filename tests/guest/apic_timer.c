// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC timer: one-shot, periodic and TSC-deadline interrupts
 * arrive, never before the programmed time, and HLT wakes on one. Times
 * are checked loosely: the APIC timer's rate is measured against the TSC
 * at boot, so "not early" allows that estimate EARLY_SLACK_PERCENT; "arrives"
 * allows ARRIVAL_TIMEOUT_US. TSC-deadline is exact: the interrupt comes
 * when the TSC has passed the deadline (SDM Vol 3 10.5.4.1).
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <asm/msr.h>
#include <guest/apic.h>
#include <guest/console.h>
#include <guest/exception.h>
#include <guest/test.h>

#define VEC_TIMER            VEC_TEST_FIRST
#define ONESHOT_US           5000
#define PERIOD_US            2000
#define PERIODS              10
#define DEADLINE_US          5000
#define HLT_US               10000
#define ARRIVAL_TIMEOUT_US   2000000
#define EARLY_SLACK_PERCENT  10
#define SETTLE_US            20000	/* long enough for a wrong second interrupt */
#define US_PER_S             1000000ull

const struct test_info test_info = {
	.name = "apic_timer",
	.title = "LAPIC timer one-shot, periodic and TSC-deadline interrupts arrive on time; HLT wakes",
};

static volatile uint32_t ticks;
static volatile uint64_t first_tsc, last_tsc;

static void timer_irq(unsigned vector)
{
	uint64_t now = rdtsc();

	(void)vector;
	if (!ticks)
		first_tsc = now;
	last_tsc = now;
	ticks++;
}

static void reset_ticks(void)
{
	irq_disable();
	ticks = 0;
	first_tsc = last_tsc = 0;
	irq_enable();
}

/* Spins (interrupts on) until 'want' timer interrupts have arrived; false on timeout. */
static bool wait_ticks(uint32_t want)
{
	uint64_t end = rdtsc() + tsc_from_us(ARRIVAL_TIMEOUT_US);

	while (ticks < want && rdtsc() < end)
		cpu_relax();
	return ticks >= want;
}

static uint32_t apic_ticks(uint64_t us)
{
	return (uint32_t)(apic_timer_hz * us / US_PER_S);
}

/* At least the programmed time, less the rate estimate's slack. */
static bool not_early(uint64_t cycles, uint64_t us)
{
	return cycles >= tsc_from_us(us) * (100 - EARLY_SLACK_PERCENT) / 100;
}

static bool check_oneshot(void)
{
	uint64_t t0;

	reset_ticks();
	t0 = rdtsc();
	apic_timer_oneshot(VEC_TIMER, apic_ticks(ONESHOT_US));
	if (!report(wait_ticks(1), "oneshot-arrives",
		    "a one-shot timer interrupt arrives (%u us programmed)", ONESHOT_US))
		return false;
	report(not_early(first_tsc - t0, ONESHOT_US), "oneshot-not-early",
	       "the one-shot interrupt comes after the programmed %u us (%llu us)", ONESHOT_US,
	       (unsigned long long)us_from_tsc(first_tsc - t0));
	udelay(SETTLE_US);
	report(ticks == 1 && apic_read(APIC_REG_TIMER_CCR) == 0, "oneshot-once",
	       "a one-shot timer fires once and its current count stays 0 (%u interrupts, CCR %u)",
	       ticks, apic_read(APIC_REG_TIMER_CCR));
	apic_timer_stop();
	return true;
}

static void check_periodic(void)
{
	uint64_t t0;
	uint32_t seen;

	reset_ticks();
	t0 = rdtsc();
	apic_timer_periodic(VEC_TIMER, apic_ticks(PERIOD_US));
	bool arrived = wait_ticks(PERIODS);
	uint64_t end = last_tsc;
	apic_timer_stop();
	if (!report(arrived, "periodic-arrives", "a periodic timer interrupts %u times (%u seen)",
		    PERIODS, ticks))
		return;
	report(not_early(end - t0, (uint64_t)PERIOD_US * PERIODS), "periodic-not-early",
	       "%u periods of %u us take at least %u us (%llu us)", PERIODS, PERIOD_US,
	       PERIOD_US * PERIODS, (unsigned long long)us_from_tsc(end - t0));
	seen = ticks;
	udelay(SETTLE_US);
	report(ticks == seen, "periodic-stops",
	       "a masked, zeroed periodic timer interrupts no more (%u after stopping)", ticks - seen);
}

static void check_tsc_deadline(void)
{
	uint64_t deadline, left;

	if (!apic_tsc_deadline_supported()) {
		report_skip("deadline", "CPUID 1 ECX TSC_DEADLINE is clear");
		return;
	}
	reset_ticks();
	deadline = rdtsc() + tsc_from_us(DEADLINE_US);
	apic_timer_tsc_deadline(VEC_TIMER, deadline);
	if (report(wait_ticks(1), "deadline-arrives", "a TSC-deadline interrupt arrives (%u us ahead)",
		   DEADLINE_US)) {
		report(first_tsc >= deadline, "deadline-not-early",
		       "the TSC-deadline interrupt comes after the TSC passed the deadline (%lld cycles after)",
		       (long long)(first_tsc - deadline));
		left = rdmsr(MSR_IA32_TSC_DEADLINE);
		report(left == 0, "deadline-disarms",
		       "the interrupt disarms the timer: IA32_TSC_DEADLINE reads 0 (0x%llx)",
		       (unsigned long long)left);
	}

	reset_ticks();
	apic_timer_tsc_deadline(VEC_TIMER, rdtsc() - 1);
	report(wait_ticks(1), "deadline-past", "a deadline already past interrupts at once");

	reset_ticks();
	apic_timer_tsc_deadline(VEC_TIMER, rdtsc() + tsc_from_us(DEADLINE_US));
	wrmsr(MSR_IA32_TSC_DEADLINE, 0);
	udelay(DEADLINE_US + SETTLE_US);
	report(ticks == 0, "deadline-cancel", "writing 0 to IA32_TSC_DEADLINE cancels the interrupt");
	apic_timer_stop();
}

static void check_hlt_wake(void)
{
	uint64_t t0;

	reset_ticks();
	irq_disable();
	t0 = rdtsc();
	apic_timer_oneshot(VEC_TIMER, apic_ticks(HLT_US));
	/* STI's one-instruction shadow: the interrupt cannot come before HLT starts. */
	__asm__ volatile("sti; hlt" ::: "memory");
	uint64_t woke = rdtsc();
	report(ticks == 1 && not_early(woke - t0, HLT_US), "hlt-wakes",
	       "HLT with interrupts on ends at the timer interrupt, after %u us (%llu us, %u interrupts)",
	       HLT_US, (unsigned long long)us_from_tsc(woke - t0), ticks);
	apic_timer_stop();
}

void test_main(void)
{
	if (!tsc_calibrated) {
		report_error("clock", "the PIT did not count: no time base to check the timer against");
		return;
	}
	if (!report(apic_timer_hz != 0, "rate", "the APIC timer counts down (%llu Hz against the TSC)",
		    (unsigned long long)apic_timer_hz))
		return;
	irq_set_handler(VEC_TIMER, timer_irq);
	irq_enable();
	if (!check_oneshot()) {
		report_skip("hlt-wakes", "no one-shot interrupt arrived, so HLT would never end");
		check_periodic();
		check_tsc_deadline();
		return;
	}
	check_periodic();
	check_tsc_deadline();
	check_hlt_wake();
}
