/* SPDX-License-Identifier: GPL-2.0 */
/* A fake guest clock and interrupt lines for the device-model unit tests. */
#ifndef TESTS_DEV_FAKE_H
#define TESTS_DEV_FAKE_H

#include "dev.h"

#define FAKE_GSIS 24

static uint64_t fake_now;
static struct {
	bool level[FAKE_GSIS];
	unsigned rises[FAKE_GSIS];	/* low-to-high transitions seen */
	unsigned calls;
} fake_irq;

static uint64_t fake_clock_now(void *opaque)
{
	(void)opaque;
	return fake_now;
}

static void fake_set_level(void *opaque, unsigned gsi, bool level)
{
	(void)opaque;
	fake_irq.calls++;
	if (gsi >= FAKE_GSIS)
		return;
	if (level && !fake_irq.level[gsi])
		fake_irq.rises[gsi]++;
	fake_irq.level[gsi] = level;
}

static const struct dev_clock fake_clock = { fake_clock_now, 0 };
static const struct dev_irq fake_irq_line = { fake_set_level, 0 };

static inline void fake_reset(uint64_t now)
{
	fake_now = now;
	memset(&fake_irq, 0, sizeof(fake_irq));
}

#endif
