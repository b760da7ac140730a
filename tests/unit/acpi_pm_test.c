// SPDX-License-Identifier: GPL-2.0
/* ACPI PM model: PM1 write-1-to-clear, power button SCI, sleep requests, PM timer, GPE0. */
#include "test.h"

#include "acpi_pm.h"
#include "dev_fake.h"
#include "platform.h"

static struct acpi_pm pm;
static unsigned sleeps, last_slp_typ;

static void on_sleep(void *opaque, unsigned slp_typ)
{
	(void)opaque;
	sleeps++;
	last_slp_typ = slp_typ;
}

static void setup(void)
{
	struct acpi_pm_ops ops = { on_sleep, 0 };

	fake_reset(0);
	sleeps = last_slp_typ = 0;
	acpi_pm_init(&pm, &fake_clock, &fake_irq_line, PLATFORM_SCI_GSI, &ops);
}

static uint32_t rd(uint16_t port, unsigned size)
{
	return acpi_pm_read(&pm, (uint16_t)(port - PLATFORM_PM_BASE), size);
}

static void wr(uint16_t port, unsigned size, uint32_t v)
{
	acpi_pm_write(&pm, (uint16_t)(port - PLATFORM_PM_BASE), size, v);
}

TEST(layout_matches_the_platform)
{
	CHECK_EQ(PLATFORM_PM1A_EVT_BLK - PLATFORM_PM_BASE, ACPI_PM1_STS);
	CHECK_EQ(PLATFORM_PM1A_EVT_BLK + 2 - PLATFORM_PM_BASE, ACPI_PM1_EN);
	CHECK_EQ(PLATFORM_PM1A_CNT_BLK - PLATFORM_PM_BASE, ACPI_PM1_CNT);
	CHECK_EQ(PLATFORM_PM_TMR_BLK - PLATFORM_PM_BASE, ACPI_PM_TMR);
	CHECK_EQ(PLATFORM_GPE0_BLK - PLATFORM_PM_BASE, ACPI_GPE0_STS);
	CHECK_EQ(PLATFORM_PM_SIZE, ACPI_PM_BLOCK_SIZE);
}

TEST(reset_state_is_acpi_mode)
{
	setup();
	CHECK_EQ(rd(PLATFORM_PM1A_CNT_BLK, 2), ACPI_PM1_SCI_EN);
	CHECK_EQ(rd(PLATFORM_PM1A_EVT_BLK, 4), 0u);
	CHECK_EQ(rd(PLATFORM_GPE0_BLK, 4), 0u);
	wr(PLATFORM_PM1A_CNT_BLK, 2, 0);	/* SCI_EN is the hardware's */
	CHECK_EQ(rd(PLATFORM_PM1A_CNT_BLK, 2), ACPI_PM1_SCI_EN);
}

TEST(power_button_raises_sci_until_cleared)
{
	setup();
	acpi_pm_power_button(&pm);
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);	/* not enabled yet */
	CHECK_EQ(rd(PLATFORM_PM1A_EVT_BLK, 2), ACPI_PM1_PWRBTN);
	wr(PLATFORM_PM1A_EVT_BLK + 2, 2, ACPI_PM1_PWRBTN);	/* PWRBTN_EN */
	CHECK(fake_irq.level[PLATFORM_SCI_GSI]);
	wr(PLATFORM_PM1A_EVT_BLK, 2, 0);	/* writing 0 clears nothing */
	CHECK(fake_irq.level[PLATFORM_SCI_GSI]);
	wr(PLATFORM_PM1A_EVT_BLK, 2, ACPI_PM1_PWRBTN);	/* write 1 to clear */
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);
	CHECK_EQ(rd(PLATFORM_PM1A_EVT_BLK, 2), 0u);
	CHECK_EQ(rd(PLATFORM_PM1A_EVT_BLK + 2, 2), ACPI_PM1_PWRBTN);
}

TEST(dword_write_to_event_block_and_byte_clear)
{
	setup();
	acpi_pm_power_button(&pm);
	wr(PLATFORM_PM1A_EVT_BLK, 4, (uint32_t)ACPI_PM1_PWRBTN << 16);	/* EN only */
	CHECK(fake_irq.level[PLATFORM_SCI_GSI]);
	wr(PLATFORM_PM1A_EVT_BLK, 1, 0xFF);	/* low status byte: PWRBTN is in the high one */
	CHECK(fake_irq.level[PLATFORM_SCI_GSI]);
	wr(PLATFORM_PM1A_EVT_BLK + 1, 1, ACPI_PM1_PWRBTN >> 8);
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);
}

TEST(test_guest_power_off_write)
{
	setup();
	wr(PLATFORM_PM1A_CNT_BLK, 2, (5u << 10) | (1u << 13));
	CHECK_EQ(sleeps, 1u);
	CHECK_EQ(last_slp_typ, PLATFORM_SLP_TYP_S5);
	CHECK_EQ(rd(PLATFORM_PM1A_CNT_BLK, 2) & ACPI_PM1_SLP_EN, 0u);	/* write-only */
}

TEST(acpica_sleep_sequence)
{
	setup();
	/* acpi_hw_legacy_sleep: SLP_TYP first, then SLP_TYP | SLP_EN, preserving SCI_EN */
	uint16_t cnt = (uint16_t)rd(PLATFORM_PM1A_CNT_BLK, 2);
	cnt = (uint16_t)((cnt & ~ACPI_PM1_SLP_TYP_MASK) | PLATFORM_SLP_TYP_S5 << ACPI_PM1_SLP_TYP_SHIFT);
	wr(PLATFORM_PM1A_CNT_BLK, 2, cnt);
	CHECK_EQ(sleeps, 0u);
	CHECK_EQ(rd(PLATFORM_PM1A_CNT_BLK, 2), cnt);
	wr(PLATFORM_PM1A_CNT_BLK, 2, cnt | ACPI_PM1_SLP_EN);
	CHECK_EQ(sleeps, 1u);
	CHECK_EQ(last_slp_typ, 5u);
	wr(PLATFORM_PM1A_CNT_BLK + 1, 1, (3u << 2) | (ACPI_PM1_SLP_EN >> 8));	/* high byte alone */
	CHECK_EQ(sleeps, 2u);
	CHECK_EQ(last_slp_typ, 3u);
}

TEST(pm_timer_runs_at_3_58_mhz)
{
	setup();
	CHECK_EQ(rd(PLATFORM_PM_TMR_BLK, 4), 0u);
	fake_now = NSEC_PER_SEC;
	CHECK_EQ(rd(PLATFORM_PM_TMR_BLK, 4), ACPI_PM_TIMER_HZ);
	fake_now = 2 * NSEC_PER_SEC + 1000;
	CHECK_EQ(rd(PLATFORM_PM_TMR_BLK, 4), 2 * ACPI_PM_TIMER_HZ + 3);
	CHECK_EQ(rd(PLATFORM_PM_TMR_BLK, 2), (2 * ACPI_PM_TIMER_HZ + 3) & 0xFFFF);
	fake_now = 1200 * NSEC_PER_SEC;	/* past 2^32 ticks: wraps */
	CHECK_EQ(rd(PLATFORM_PM_TMR_BLK, 4), (uint32_t)(1200ull * ACPI_PM_TIMER_HZ));
	wr(PLATFORM_PM_TMR_BLK, 4, 0);	/* read-only */
	CHECK_EQ(rd(PLATFORM_PM_TMR_BLK, 4), (uint32_t)(1200ull * ACPI_PM_TIMER_HZ));
}

TEST(timer_overflow_status_and_interrupt)
{
	setup();
	wr(PLATFORM_PM1A_EVT_BLK + 2, 2, ACPI_PM1_TMR);
	uint64_t d = acpi_pm_next_deadline_ns(&pm);
	CHECK(d > 599 * NSEC_PER_SEC && d < 601 * NSEC_PER_SEC);	/* 2^31 ticks */
	fake_now = d - 1;
	acpi_pm_advance(&pm, fake_now);
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);
	fake_now = d;
	acpi_pm_advance(&pm, fake_now);
	CHECK(fake_irq.level[PLATFORM_SCI_GSI]);
	CHECK_EQ(acpi_pm_next_deadline_ns(&pm), DEV_NO_DEADLINE);
	CHECK(rd(PLATFORM_PM1A_EVT_BLK, 2) & ACPI_PM1_TMR);
	wr(PLATFORM_PM1A_EVT_BLK, 2, ACPI_PM1_TMR);
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);
	CHECK(acpi_pm_next_deadline_ns(&pm) > fake_now);
}

TEST(gpe0_status_and_enable)
{
	setup();
	acpi_pm_raise_gpe(&pm, 3);
	acpi_pm_raise_gpe(&pm, 99);
	CHECK_EQ(rd(PLATFORM_GPE0_BLK, 1), 0x08u);
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);
	wr(PLATFORM_GPE0_BLK + 2, 1, 0x08);	/* ACPICA writes GPE registers a byte at a time */
	CHECK(fake_irq.level[PLATFORM_SCI_GSI]);
	CHECK_EQ(rd(PLATFORM_GPE0_BLK, 4), 0x00080008u);
	wr(PLATFORM_GPE0_BLK, 1, 0x08);
	CHECK(!fake_irq.level[PLATFORM_SCI_GSI]);
}

TEST(stray_offsets)
{
	setup();
	CHECK_EQ(rd(PLATFORM_PM_BASE + 0x06, 2), 0xFFFFu);
	CHECK_EQ(rd(PLATFORM_PM_BASE + 0x2E, 4), 0xFFFFFFFFu);
	wr(PLATFORM_PM_BASE + 0x0C, 4, 0xFFFFFFFF);
	wr(PLATFORM_PM1A_EVT_BLK + 3, 4, 0xFFFFFFFF);	/* PM1_EN high byte, then PM1_CNT */
	CHECK_EQ(sleeps, 1u);
	CHECK_EQ(rd(PLATFORM_PM1A_CNT_BLK, 0), 0u);
}

int main(void)
{
	return test_main();
}
