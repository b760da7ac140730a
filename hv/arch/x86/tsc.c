// SPDX-License-Identifier: GPL-2.0
/* TSC frequency, measured against PIT channel 2 once at boot. */
#include <asm/cr.h>
#include <asm/io.h>
#include <asm/pit.h>
#include <asm/platform.h>

#define CALIBRATE_MS      20u
#define CALIBRATE_RUNS    3u
#define PIT_SPIN_LIMIT    50000000u
#define FALLBACK_TSC_KHZ  1000000u	/* 1 GHz if there is no PIT to measure against */

static uint64_t calibrate_once(void)
{
	uint32_t count = PIT_HZ * CALIBRATE_MS / 1000;
	uint8_t ctl = inb(PC_SPEAKER_PORT);
	uint64_t t0, t1;
	uint32_t spins = 0;

	outb(PC_SPEAKER_PORT, (uint8_t)((ctl & ~PC_SPEAKER_DATA) | PC_SPEAKER_GATE2));
	outb(PIT_COMMAND, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2_DATA, (uint8_t)count);
	outb(PIT_CH2_DATA, (uint8_t)(count >> 8));
	t0 = rdtsc();
	while (!(inb(PC_SPEAKER_PORT) & PC_SPEAKER_OUT2) && ++spins < PIT_SPIN_LIMIT)
		;
	t1 = rdtsc();
	outb(PC_SPEAKER_PORT, ctl);
	if (spins >= PIT_SPIN_LIMIT)
		return 0;
	return (t1 - t0) / CALIBRATE_MS;
}

uint64_t tsc_calibrate_khz(void)
{
	uint64_t best = 0;

	/* The smallest of a few runs: an emulator's hiccups only lengthen a run. */
	for (unsigned i = 0; i < CALIBRATE_RUNS; i++) {
		uint64_t khz = calibrate_once();
		if (khz && (!best || khz < best))
			best = khz;
	}
	return best ? best : FALLBACK_TSC_KHZ;
}

void udelay(uint64_t us)
{
	uint64_t end = rdtsc() + us * plat.tsc_khz / 1000;

	while (rdtsc() < end)
		cpu_relax();
}
