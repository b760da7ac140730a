// SPDX-License-Identifier: GPL-2.0
/*
 * The TSC as the guest's clock, calibrated against PIT channel 0 (the child
 * has ports 0x40-0x43 but not port 0x61, so channel 2 cannot be gated):
 * mode 0 from the top, read back with the counter-latch command.
 */
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/io.h>
#include <asm/pit.h>
#include <guest/cpu.h>
#include <stdbool.h>

#define CALIBRATE_PIT_TICKS (PIT_HZ / 100)	/* 10 ms */
/* A PIT that never counts must not hang the boot: give up after this many reads or cycles. */
#define PIT_READ_LIMIT      5000000u
#define PIT_GIVE_UP_CYCLES  (1ull << 32)
#define TSC_KHZ_ASSUMED     2000000u		/* used only if the PIT does not count */

uint64_t tsc_khz = TSC_KHZ_ASSUMED;
bool tsc_calibrated;

bool tsc_calibrate(void);

static uint16_t pit_ch0_read(void)
{
	uint8_t lo, hi;

	outb(PIT_COMMAND, PIT_CMD_CH0_LATCH);
	lo = inb(PIT_CH0_DATA);
	hi = inb(PIT_CH0_DATA);
	return (uint16_t)(hi << 8 | lo);
}

bool tsc_calibrate(void)
{
	uint16_t start;
	uint64_t t0;

	outb(PIT_COMMAND, PIT_CMD_CH0_MODE0);
	outb(PIT_CH0_DATA, (uint8_t)PIT_COUNTER_MAX);		/* low byte, then high */
	outb(PIT_CH0_DATA, (uint8_t)(PIT_COUNTER_MAX >> 8));
	start = pit_ch0_read();
	t0 = rdtsc();
	for (unsigned i = 0; i < PIT_READ_LIMIT && rdtsc() - t0 < PIT_GIVE_UP_CYCLES; i++) {
		uint16_t elapsed = (uint16_t)(start - pit_ch0_read());
		if (elapsed >= CALIBRATE_PIT_TICKS) {
			uint64_t khz = (rdtsc() - t0) * PIT_HZ / ((uint64_t)elapsed * 1000);
			if (khz)
				tsc_khz = khz;
			return tsc_calibrated = khz != 0;
		}
	}
	return false;
}

uint64_t tsc_from_us(uint64_t us)
{
	return us * tsc_khz / 1000;
}

uint64_t us_from_tsc(uint64_t cycles)
{
	return cycles * 1000 / tsc_khz;
}

void udelay(uint64_t us)
{
	uint64_t end = rdtsc() + tsc_from_us(us);

	while (rdtsc() < end)
		cpu_relax();
}

unsigned cpu_phys_bits(void)
{
	if (cpuid(CPUID_EXT_BASE).eax < CPUID_ADDR_SIZES)
		return CPUID_PHYS_BITS_NO_LEAF;
	return cpuid(CPUID_ADDR_SIZES).eax & CPUID_ADDR_PHYS_BITS_MASK;
}
