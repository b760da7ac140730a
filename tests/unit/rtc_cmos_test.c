// SPDX-License-Identifier: GPL-2.0
/* MC146818 model: BCD/binary and 12/24-hour views, UIP, SET, interrupts, CMOS RAM, calendar. */
#include "test.h"

#include "dev_fake.h"
#include "platform.h"
#include "rtc_cmos.h"

#define LEAP_DAY_UNIX 1709214307ll	/* 2024-02-29 13:45:07 UTC, a Thursday */
#define T0 5000000000ull

static struct rtc_cmos rtc;

static void setup_at(int64_t unix_s, int64_t frac_ns, int32_t offset)
{
	fake_reset(T0);
	rtc_init(&rtc, &fake_clock, &fake_irq_line, PLATFORM_RTC_GSI,
		 unix_s * (int64_t)NSEC_PER_SEC + frac_ns, offset);
}

static uint8_t cmos(uint8_t index)
{
	rtc_write(&rtc, PLATFORM_RTC_INDEX, 1, index);
	return (uint8_t)rtc_read(&rtc, PLATFORM_RTC_DATA, 1);
}

static void cmos_set(uint8_t index, uint8_t v)
{
	rtc_write(&rtc, PLATFORM_RTC_INDEX, 1, index);
	rtc_write(&rtc, PLATFORM_RTC_DATA, 1, v);
}

TEST(bcd_24h_time_and_date)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	CHECK_EQ(cmos(RTC_SECONDS), 0x07);
	CHECK_EQ(cmos(RTC_MINUTES), 0x45);
	CHECK_EQ(cmos(RTC_HOURS), 0x13);
	CHECK_EQ(cmos(RTC_DAY_OF_WEEK), 5);	/* Sunday = 1 */
	CHECK_EQ(cmos(RTC_DAY_OF_MONTH), 0x29);
	CHECK_EQ(cmos(RTC_MONTH), 0x02);
	CHECK_EQ(cmos(RTC_YEAR), 0x24);
	CHECK_EQ(cmos(RTC_CENTURY), 0x20);
	CHECK_EQ(cmos(RTC_REG_A), RTC_A_DV_32KHZ | 0x06);
	CHECK_EQ(cmos(RTC_REG_B), RTC_B_24H);
	CHECK_EQ(cmos(RTC_REG_D), RTC_D_VRT);
}

TEST(binary_and_12_hour)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	cmos_set(RTC_REG_B, RTC_B_DM_BINARY);	/* binary, 12-hour */
	CHECK_EQ(cmos(RTC_HOURS), RTC_HOUR_PM | 1);
	CHECK_EQ(cmos(RTC_MINUTES), 45);
	CHECK_EQ(cmos(RTC_YEAR), 24);
	CHECK_EQ(cmos(RTC_CENTURY), 20);
	cmos_set(RTC_REG_B, 0);	/* BCD, 12-hour */
	CHECK_EQ(cmos(RTC_HOURS), RTC_HOUR_PM | 0x01);
	setup_at(LEAP_DAY_UNIX - 13 * 3600, 0, 0);	/* 00:45 */
	cmos_set(RTC_REG_B, 0);
	CHECK_EQ(cmos(RTC_HOURS), 0x12);	/* 12 AM */
	setup_at(LEAP_DAY_UNIX - 3600, 0, 0);	/* 12:45 */
	cmos_set(RTC_REG_B, 0);
	CHECK_EQ(cmos(RTC_HOURS), RTC_HOUR_PM | 0x12);
}

TEST(localtime_offset_and_running_clock)
{
	setup_at(946684799, 0, 3600);	/* 1999-12-31 23:59:59 UTC, shown at UTC+1 */
	CHECK_EQ(cmos(RTC_HOURS), 0x00);
	CHECK_EQ(cmos(RTC_DAY_OF_MONTH), 0x01);
	CHECK_EQ(cmos(RTC_YEAR), 0x00);
	CHECK_EQ(cmos(RTC_CENTURY), 0x20);
	setup_at(946684799, 0, 0);
	CHECK_EQ(cmos(RTC_CENTURY), 0x19);
	fake_now += NSEC_PER_SEC;
	CHECK_EQ(cmos(RTC_SECONDS), 0x00);
	CHECK_EQ(cmos(RTC_YEAR), 0x00);
	CHECK_EQ(cmos(RTC_CENTURY), 0x20);
	CHECK_EQ(cmos(RTC_DAY_OF_WEEK), 7);	/* 2000-01-01 was a Saturday */
}

TEST(uip_in_last_244us_of_each_second)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	CHECK_EQ(cmos(RTC_REG_A) & RTC_A_UIP, 0);
	fake_now = T0 + NSEC_PER_SEC - RTC_UIP_NS - 1;
	CHECK_EQ(cmos(RTC_REG_A) & RTC_A_UIP, 0);
	fake_now = T0 + NSEC_PER_SEC - RTC_UIP_NS;
	CHECK(cmos(RTC_REG_A) & RTC_A_UIP);
	CHECK_EQ(cmos(RTC_SECONDS), 0x07);
	fake_now = T0 + NSEC_PER_SEC;
	CHECK_EQ(cmos(RTC_REG_A) & RTC_A_UIP, 0);
	CHECK_EQ(cmos(RTC_SECONDS), 0x08);
}

TEST(linux_mc146818_get_time_loop)
{
	/* Read seconds, check UIP, read the rest, check UIP and seconds again. */
	setup_at(LEAP_DAY_UNIX, NSEC_PER_SEC - 100000, 0);	/* starts inside UIP */
	int loops = 0;
	uint8_t sec;

	for (;; loops++) {
		CHECK(loops < 10);
		sec = cmos(RTC_SECONDS);
		if (cmos(RTC_REG_A) & RTC_A_UIP) {
			fake_now += 1000000;	/* mdelay(1) */
			continue;
		}
		if (sec != cmos(RTC_SECONDS))
			continue;
		break;
	}
	CHECK_EQ(loops, 1);
	CHECK_EQ(sec, 0x08);
}

TEST(set_bit_freezes_and_sets_the_time)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	cmos_set(RTC_REG_B, RTC_B_SET | RTC_B_24H | RTC_B_UIE);
	CHECK_EQ(cmos(RTC_REG_B), RTC_B_SET | RTC_B_24H);	/* SET clears UIE */
	cmos_set(RTC_SECONDS, 0x30);
	cmos_set(RTC_MINUTES, 0x15);
	cmos_set(RTC_HOURS, 0x09);
	cmos_set(RTC_DAY_OF_MONTH, 0x01);
	cmos_set(RTC_MONTH, 0x07);
	cmos_set(RTC_YEAR, 0x30);
	fake_now += 5 * NSEC_PER_SEC;
	CHECK_EQ(cmos(RTC_SECONDS), 0x30);	/* frozen while SET */
	CHECK_EQ(cmos(RTC_REG_A) & RTC_A_UIP, 0);
	cmos_set(RTC_REG_B, RTC_B_24H);
	fake_now += 2 * NSEC_PER_SEC;
	CHECK_EQ(cmos(RTC_SECONDS), 0x32);
	CHECK_EQ(cmos(RTC_HOURS), 0x09);
	CHECK_EQ(cmos(RTC_MONTH), 0x07);
	CHECK_EQ(cmos(RTC_YEAR), 0x30);
	CHECK_EQ(cmos(RTC_CENTURY), 0x20);
	CHECK_EQ(cmos(RTC_DAY_OF_WEEK), 2);	/* 2030-07-01 is a Monday */
}

TEST(update_ended_interrupt)
{
	setup_at(LEAP_DAY_UNIX, 400000000, 0);
	CHECK_EQ(rtc_next_deadline_ns(&rtc), DEV_NO_DEADLINE);
	cmos_set(RTC_REG_B, RTC_B_24H | RTC_B_UIE);
	CHECK_EQ(rtc_next_deadline_ns(&rtc), T0 + 600000000);
	fake_now = T0 + 600000000;
	rtc_advance(&rtc, fake_now);
	CHECK(fake_irq.level[PLATFORM_RTC_GSI]);
	CHECK_EQ(rtc_next_deadline_ns(&rtc), DEV_NO_DEADLINE);
	CHECK_EQ(cmos(RTC_REG_C) & ~RTC_C_PF, RTC_C_IRQF | RTC_C_UF);	/* PF runs at 1024 Hz */
	CHECK(!fake_irq.level[PLATFORM_RTC_GSI]);
	CHECK_EQ(cmos(RTC_REG_C), 0);
	CHECK_EQ(rtc_next_deadline_ns(&rtc), T0 + 1600000000);
}

TEST(periodic_interrupt_1024hz)
{
	unsigned n = 0;

	setup_at(LEAP_DAY_UNIX, 0, 0);
	cmos_set(RTC_REG_B, RTC_B_24H | RTC_B_PIE);
	for (;;) {
		uint64_t d = rtc_next_deadline_ns(&rtc);

		if (d > T0 + NSEC_PER_SEC)
			break;
		CHECK(d > fake_now);
		fake_now = d;
		rtc_advance(&rtc, fake_now);
		CHECK(fake_irq.level[PLATFORM_RTC_GSI]);
		CHECK_EQ(cmos(RTC_REG_C) & (RTC_C_IRQF | RTC_C_PF), RTC_C_IRQF | RTC_C_PF);
		n++;
	}
	CHECK(n >= 1023 && n <= 1024);
	CHECK_EQ(fake_irq.rises[PLATFORM_RTC_GSI], n);
}

TEST(flags_set_without_interrupts)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	fake_now += 3 * NSEC_PER_SEC;
	CHECK_EQ(cmos(RTC_REG_C), RTC_C_PF | RTC_C_UF);	/* no IRQF: nothing enabled */
	CHECK_EQ(fake_irq.calls, 0u);
	cmos_set(RTC_REG_A, RTC_A_DV_32KHZ);	/* RS = 0: no periodic flag */
	fake_now += 3 * NSEC_PER_SEC;
	CHECK_EQ(cmos(RTC_REG_C), RTC_C_UF);
}

TEST(alarm_interrupt)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);	/* 13:45:07 */
	cmos_set(RTC_SECONDS_ALARM, 0x10);
	cmos_set(RTC_MINUTES_ALARM, 0x45);
	cmos_set(RTC_HOURS_ALARM, 0x13);
	cmos_set(RTC_REG_B, RTC_B_24H | RTC_B_AIE);
	CHECK_EQ(rtc_next_deadline_ns(&rtc), T0 + 3 * NSEC_PER_SEC);
	fake_now = T0 + 3 * NSEC_PER_SEC;
	rtc_advance(&rtc, fake_now);
	CHECK(fake_irq.level[PLATFORM_RTC_GSI]);
	CHECK_EQ(cmos(RTC_REG_C) & (RTC_C_IRQF | RTC_C_AF), RTC_C_IRQF | RTC_C_AF);
	/* Next match: tomorrow, same time. */
	CHECK_EQ(rtc_next_deadline_ns(&rtc), T0 + 3 * NSEC_PER_SEC + 86400 * NSEC_PER_SEC);
	cmos_set(RTC_HOURS_ALARM, RTC_ALARM_DONT_CARE);
	cmos_set(RTC_MINUTES_ALARM, RTC_ALARM_DONT_CARE);
	cmos_set(RTC_SECONDS_ALARM, RTC_ALARM_DONT_CARE);
	CHECK_EQ(rtc_next_deadline_ns(&rtc), T0 + 4 * NSEC_PER_SEC);	/* every second */
	cmos_set(RTC_HOURS_ALARM, 0x99);	/* can never match */
	CHECK_EQ(rtc_next_deadline_ns(&rtc), DEV_NO_DEADLINE);
}

TEST(cmos_ram_index_port_and_nmi_bit)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	for (unsigned i = 0x0E; i < RTC_CMOS_SIZE; i++)
		if (i != RTC_CENTURY)
			cmos_set((uint8_t)i, (uint8_t)(i ^ 0x5A));
	for (unsigned i = 0x0E; i < RTC_CMOS_SIZE; i++)
		if (i != RTC_CENTURY)
			CHECK_EQ(cmos((uint8_t)i), i ^ 0x5A);
	rtc_write(&rtc, PLATFORM_RTC_INDEX, 1, RTC_NMI_DISABLE | 0x20);
	CHECK(rtc_nmi_masked(&rtc));
	CHECK_EQ(rtc_read(&rtc, PLATFORM_RTC_DATA, 1), 0x20 ^ 0x5A);
	CHECK_EQ(rtc_read(&rtc, PLATFORM_RTC_INDEX, 1), 0xFFu);
	rtc_cmos_set_ram(&rtc, 0x10, 0x44);
	rtc_cmos_set_ram(&rtc, RTC_REG_B, 0xFF);	/* refused: not RAM */
	CHECK_EQ(cmos(0x10), 0x44);
	CHECK_EQ(cmos(RTC_REG_B), RTC_B_24H);
	cmos_set(RTC_REG_D, 0);
	CHECK_EQ(cmos(RTC_REG_D), RTC_D_VRT);
	cmos_set(RTC_REG_A, 0xFF);
	CHECK_EQ(cmos(RTC_REG_A) & 0x7F, 0x7F);
	uint8_t last = cmos(0x7F);	/* leaves the index at 0x7F */
	CHECK_EQ(rtc_read(&rtc, PLATFORM_RTC_INDEX, 4), 0xFFFF00FFu | (uint32_t)last << 8);
}

TEST(calendar_round_trip)
{
	for (int64_t d = -800000; d <= 800000; d += 97) {
		int64_t y;
		int m, day;

		rtc_civil_from_days(d, &y, &m, &day);
		CHECK(m >= 1 && m <= 12 && day >= 1 && day <= 31);
		CHECK_EQ(rtc_days_from_civil(y, m, day), d);
	}
	CHECK_EQ(rtc_days_from_civil(1970, 1, 1), 0);
	CHECK_EQ(rtc_days_from_civil(2000, 3, 1), 11017);
	CHECK_EQ(rtc_days_from_civil(2024, 2, 29), 19782);
}

TEST(garbage_time_writes_do_not_break_it)
{
	setup_at(LEAP_DAY_UNIX, 0, 0);
	cmos_set(RTC_REG_B, RTC_B_SET | RTC_B_24H);
	cmos_set(RTC_MONTH, 0x99);
	cmos_set(RTC_DAY_OF_MONTH, 0xFF);
	cmos_set(RTC_HOURS, 0xFF);
	cmos_set(RTC_REG_B, RTC_B_24H);
	uint8_t m = cmos(RTC_MONTH);
	CHECK(m >= 0x01 && m <= 0x12);
	cmos_set(RTC_REG_B, RTC_B_24H | RTC_B_DM_BINARY);
	CHECK(cmos(RTC_SECONDS) < 60);
}

int main(void)
{
	return test_main();
}
