// SPDX-License-Identifier: GPL-2.0
/* 8254 PIT model: modes, latches, read-back, port B gate/OUT2, Linux's calibration and clockevent. */
#include "test.h"

#include "dev_fake.h"
#include "pit8254.h"
#include "platform.h"

#define CH0 0x40
#define CH2 0x42
#define CTRL 0x43
#define T0 1000000000ull	/* start at 1 s, on no particular tick */

static struct pit8254 pit;

static void setup(void)
{
	fake_reset(T0);
	pit_init(&pit, &fake_clock, &fake_irq_line, PLATFORM_PIT_GSI);
}

static uint8_t in(uint16_t port)
{
	return (uint8_t)pit_read(&pit, port, 1);
}

static void out(uint16_t port, uint8_t v)
{
	pit_write(&pit, port, 1, v);
}

/* LSB then MSB, in that order. */
static uint16_t in_word(uint16_t port)
{
	uint8_t lo = in(port);

	return (uint16_t)(lo | in(port) << 8);
}

/* ns after which 'ticks' PIT clocks have surely elapsed, counting the load clock. */
static uint64_t after_ticks(uint64_t ticks)
{
	return (ticks + 2) * NSEC_PER_SEC / PIT_HZ + 1;
}

/* Runs the worker's loop until 'until': sleep to each deadline, advance. */
static unsigned run_until(uint64_t until)
{
	unsigned before = fake_irq.rises[PLATFORM_PIT_GSI];

	for (;;) {
		uint64_t d = pit_next_deadline_ns(&pit);

		if (d == DEV_NO_DEADLINE || d > until)
			break;
		if (d < fake_now)
			TEST_FAIL("deadline %llu before now %llu", (unsigned long long)d,
				  (unsigned long long)fake_now);
		fake_now = d;
		pit_advance(&pit, fake_now);
		if (pit_next_deadline_ns(&pit) <= fake_now)
			TEST_FAIL("deadline not past now after advance");
	}
	fake_now = until;
	pit_advance(&pit, fake_now);
	return fake_irq.rises[PLATFORM_PIT_GSI] - before;
}

TEST(linux_pit_calibrate_tsc_polls_out2)
{
	uint16_t latch = PIT_HZ / 100;	/* 10 ms, as CAL_LATCH */

	setup();
	out(PLATFORM_PORT_B, (in(PLATFORM_PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	out(CTRL, 0xB0);	/* counter 2, LSB/MSB, mode 0, binary */
	out(CH2, latch & 0xFF);
	out(CH2, latch >> 8);
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_OUT2, 0);
	fake_now = T0 + 9990000;
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_OUT2, 0);
	fake_now = T0 + after_ticks(latch);
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);
	fake_now += 50000000;
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);	/* stays high after terminal count */
	CHECK_EQ(fake_irq.calls, 0u);	/* channel 2 drives no interrupt */
}

TEST(linux_quick_pit_calibrate_msb_follows_time)
{
	setup();
	out(PLATFORM_PORT_B, (in(PLATFORM_PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	out(CTRL, 0xB0);
	out(CH2, 0xFF);
	out(CH2, 0xFF);
	for (unsigned i = 0; i < 40; i++) {
		/* pit_verify_msb: read and ignore the LSB, then the MSB */
		uint64_t elapsed = dev_muldiv(fake_now, PIT_HZ, NSEC_PER_SEC) -
				   dev_muldiv(T0, PIT_HZ, NSEC_PER_SEC);
		uint64_t ticks = elapsed ? elapsed - 1 : 0;	/* counting starts a clock after the write */
		in(CH2);
		CHECK_EQ(in(CH2), (0xFFFF - ticks) >> 8);
		fake_now += 53000;	/* four reads per 256-tick MSB step */
	}
}

TEST(periodic_mode2_at_hz_250)
{
	uint16_t latch = (PIT_HZ + 125) / 250;

	setup();
	out(CTRL, 0x34);	/* counter 0, LSB/MSB, mode 2: Linux's periodic PIT */
	out(CH0, latch & 0xFF);
	out(CH0, latch >> 8);
	/* LATCH rounds to 4.00023 ms: the 250th edge falls just after the first second. */
	CHECK_EQ(run_until(T0 + NSEC_PER_SEC), 249u);
	CHECK_EQ(run_until(T0 + 10 * NSEC_PER_SEC), 2250u);
}

TEST(periodic_pulses_are_timed)
{
	setup();
	out(CTRL, 0x34);
	out(CH0, 0x9C);	/* 11932: 10 ms */
	out(CH0, 0x2E);
	uint64_t d = pit_next_deadline_ns(&pit);
	CHECK(d > T0 + 9990000 && d < T0 + 10010000);
	fake_now = d - 1;
	pit_advance(&pit, fake_now);
	CHECK_EQ(fake_irq.rises[PLATFORM_PIT_GSI], 0u);
	fake_now = d;
	pit_advance(&pit, fake_now);
	CHECK_EQ(fake_irq.rises[PLATFORM_PIT_GSI], 1u);
	CHECK(!fake_irq.level[PLATFORM_PIT_GSI]);	/* a pulse: the line is low again */
	uint64_t d2 = pit_next_deadline_ns(&pit);
	CHECK(d2 - d > 9990000 && d2 - d < 10010000);
}

TEST(late_advance_coalesces_edges)
{
	setup();
	out(CTRL, 0x34);
	out(CH0, 0x9C);
	out(CH0, 0x2E);
	fake_now = T0 + 55000000;	/* 5 periods late */
	pit_advance(&pit, fake_now);
	CHECK_EQ(fake_irq.rises[PLATFORM_PIT_GSI], 1u);
	CHECK(pit_next_deadline_ns(&pit) > fake_now);
	CHECK(pit_next_deadline_ns(&pit) <= fake_now + 10000000);
}

TEST(oneshot_mode4_clockevent)
{
	setup();
	out(CTRL, 0x38);	/* counter 0, LSB/MSB, mode 4: Linux's oneshot PIT */
	CHECK_EQ(pit_next_deadline_ns(&pit), DEV_NO_DEADLINE);
	out(CH0, 100);	/* next_event: delta = 100 ticks */
	out(CH0, 0);
	CHECK_EQ(run_until(T0 + NSEC_PER_SEC), 1u);
	CHECK_EQ(pit_next_deadline_ns(&pit), DEV_NO_DEADLINE);
	out(CH0, 0xE8);	/* re-armed by writing the count again */
	out(CH0, 0x03);
	uint64_t d = pit_next_deadline_ns(&pit);
	CHECK(d > fake_now + 837000 && d < fake_now + 840000);	/* 1000 ticks */
	CHECK_EQ(run_until(fake_now + NSEC_PER_SEC), 1u);
}

TEST(shutdown_mode0_with_zero_count_fires_once)
{
	setup();
	out(CTRL, 0x34);
	out(CH0, 0x9C);
	out(CH0, 0x2E);
	out(CTRL, 0x30);	/* pit_shutdown */
	out(CH0, 0);
	out(CH0, 0);
	CHECK_EQ(run_until(T0 + NSEC_PER_SEC), 1u);	/* after 65536 ticks, 54.9 ms */
	CHECK_EQ(pit_next_deadline_ns(&pit), DEV_NO_DEADLINE);
}

TEST(counter_latch_freezes_the_read)
{
	setup();
	out(CTRL, 0x34);
	out(CH0, 0x00);
	out(CH0, 0x10);	/* 4096 */
	fake_now = T0 + after_ticks(100);
	out(CTRL, 0x00);	/* latch counter 0 */
	fake_now += 500000;
	uint8_t lo = in(CH0), hi = in(CH0);
	uint16_t v = (uint16_t)(lo | hi << 8);
	CHECK(v <= 4096 - 100 && v >= 4096 - 102);
	out(CTRL, 0x00);
	out(CTRL, 0x00);	/* a second latch before reading is ignored */
	fake_now += 500000;
	lo = in(CH0);
	out(CTRL, 0x00);
	hi = in(CH0);
	uint16_t v2 = (uint16_t)(lo | hi << 8);
	CHECK(v2 < v);
	lo = in(CH0);
	hi = in(CH0);
	CHECK((uint16_t)(lo | hi << 8) < v2);	/* the second latch was taken after the first read ended */
}

TEST(read_back_status_and_count)
{
	setup();
	out(CTRL, 0x96);	/* counter 2, LSB only, mode 3 */
	out(0xC8 & 0xFF, 0);	/* harmless write to an unrelated port */
	out(CTRL, 0xE8);	/* read-back status of counter 2 */
	CHECK_EQ(in(CH2), PIT_STATUS_OUTPUT | PIT_STATUS_NULL | 1 << 4 | 3 << 1);
	out(PLATFORM_PORT_B, PORT_B_GATE2);
	out(CH2, 200);
	fake_now += 1000;
	out(CTRL, 0xC8);	/* count and status */
	CHECK_EQ(in(CH2), PIT_STATUS_OUTPUT | 1 << 4 | 3 << 1);	/* count loaded */
	CHECK(in(CH2) <= 200);
	out(CTRL, 0xD2);	/* count of counter 0 only */
	CHECK_EQ(in(CH0), 0);	/* never programmed: the element reads 0 */
}

TEST(bcd_counting)
{
	setup();
	out(PLATFORM_PORT_B, PORT_B_GATE2);
	out(CTRL, 0xB1);	/* counter 2, LSB/MSB, mode 0, BCD */
	out(CH2, 0x00);
	out(CH2, 0x10);	/* 1000 decimal */
	fake_now = T0 + after_ticks(1);
	out(CTRL, 0x80);
	uint16_t v = in_word(CH2);
	CHECK(v >= 0x0996 && v <= 0x0999);
	CHECK_EQ(v & 0x0F0, 0x090);	/* decimal digits, not binary */
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_OUT2, 0);
	fake_now = T0 + after_ticks(1000);
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);
}

TEST(square_wave_mode3_out2)
{
	setup();
	out(PLATFORM_PORT_B, PORT_B_GATE2 | PORT_B_SPEAKER);
	out(CTRL, 0xB6);	/* counter 2, LSB/MSB, mode 3: the speaker tone */
	out(CH2, 0x00);
	out(CH2, 0x04);	/* 1024 */
	uint64_t start = T0 + NSEC_PER_SEC / PIT_HZ + 1;
	fake_now = start + 100 * NSEC_PER_SEC / PIT_HZ;
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);
	fake_now = start + 700 * NSEC_PER_SEC / PIT_HZ;
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_OUT2, 0);
	fake_now = start + 1100 * NSEC_PER_SEC / PIT_HZ;
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);
	CHECK_EQ(in(PLATFORM_PORT_B) & 0x0F, PORT_B_GATE2 | PORT_B_SPEAKER);
}

TEST(gate_low_pauses_mode0)
{
	setup();
	out(PLATFORM_PORT_B, PORT_B_GATE2);
	out(CTRL, 0xB0);
	out(CH2, 0xE8);
	out(CH2, 0x03);	/* 1000 */
	fake_now = T0 + after_ticks(500);
	out(PLATFORM_PORT_B, 0);
	out(CTRL, 0x80);
	uint16_t v = in_word(CH2);
	fake_now += 10000000;
	out(CTRL, 0x80);
	CHECK_EQ(in_word(CH2), v);
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_OUT2, 0);
	out(PLATFORM_PORT_B, PORT_B_GATE2);
	fake_now += after_ticks(v);
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);
}

TEST(mode2_new_count_waits_for_period_end)
{
	setup();
	out(CTRL, 0x34);
	out(CH0, 0x00);
	out(CH0, 0x10);	/* 4096 ticks, 3.43 ms */
	uint64_t first = pit_next_deadline_ns(&pit);
	fake_now = T0 + 1000000;
	out(CH0, 0x00);
	out(CH0, 0x01);	/* 256 from the next period on */
	CHECK_EQ(pit_next_deadline_ns(&pit), first);
	fake_now = first;
	pit_advance(&pit, fake_now);
	uint64_t d = pit_next_deadline_ns(&pit);
	CHECK(d - first > 200000 && d - first < 220000);	/* 256 ticks: 214.5 us */
}

TEST(fast_periodic_is_clamped)
{
	setup();
	out(CTRL, 0x14);	/* counter 0, LSB only, mode 2 */
	out(CH0, 2);	/* 600 kHz */
	unsigned n = run_until(T0 + 10000000);
	CHECK(n >= 95 && n <= 101);	/* 10 ms at the 100 us floor */
}

TEST(mode1_triggered_by_gate)
{
	setup();
	out(CTRL, 0xB2);	/* counter 2, LSB/MSB, mode 1 */
	out(CH2, 100);
	out(CH2, 0);
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);	/* waits for a trigger, OUT high */
	out(PLATFORM_PORT_B, PORT_B_GATE2);
	fake_now += 2 * NSEC_PER_SEC / PIT_HZ;
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_OUT2, 0);
	fake_now += after_ticks(100);
	CHECK(in(PLATFORM_PORT_B) & PORT_B_OUT2);
}

TEST(lsb_only_and_msb_only_access)
{
	setup();
	out(PLATFORM_PORT_B, PORT_B_GATE2);
	out(CTRL, 0xA0);	/* counter 2, MSB only, mode 0 */
	out(CH2, 0x02);	/* 512 */
	fake_now = T0 + after_ticks(300);
	CHECK_EQ(in(CH2), 0);	/* 512-300 < 256 */
	CHECK_EQ(in(CH2), 0);
	out(CTRL, 0x90);	/* counter 2, LSB only */
	out(CH2, 0x80);
	fake_now += after_ticks(0x40);
	uint8_t v = in(CH2);
	CHECK(v >= 0x80 - 0x43 && v <= 0x80 - 0x40);
}

TEST(port_b_and_stray_ports)
{
	setup();
	CHECK_EQ(in(CTRL), 0xFF);
	out(PLATFORM_PORT_B, 0xFF);
	CHECK_EQ(in(PLATFORM_PORT_B) & 0xCF, 0x0F);
	uint8_t a = in(PLATFORM_PORT_B) & PORT_B_REFRESH;
	fake_now += PORT_B_REFRESH_TICKS * NSEC_PER_SEC / PIT_HZ + 1;
	CHECK_EQ(in(PLATFORM_PORT_B) & PORT_B_REFRESH, a ^ PORT_B_REFRESH);
	CHECK_EQ(pit_read(&pit, 0x30, 4), 0xFFFFFFFFu);
	pit_write(&pit, CH0, 2, 0x1234);	/* a word write: 0x34 to 0x40, 0x12 to 0x41 */
	CHECK_EQ(pit_read(&pit, CH0, 0), 0u);
}

int main(void)
{
	return test_main();
}
