/* SPDX-License-Identifier: GPL-2.0 */
/* Shared set-up and register accessors for the virtual local APIC tests (tests/unit/vlapic_*_test.c). */
#ifndef VLAPIC_HELPERS_H
#define VLAPIC_HELPERS_H

#include "test.h"

#include <asm/apic.h>
#include <asm/msr.h>
#include <asm/vlapic.h>

#define TEST_TSC_HZ    2500000000ull	/* 25 TSC ticks per bus tick: easy expected values */
#define TEST_BUS_HZ    100000000ull
#define TEST_MAXPHY    48
#define NO_DEADLINE    UINT64_MAX
#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))

static struct vlapic_effect last_effect;
static uint64_t now;	/* the fake TSC every accessor passes */

static inline struct vlapic_config test_config(void)
{
	return (struct vlapic_config){ .tsc_hz = TEST_TSC_HZ, .bus_hz = TEST_BUS_HZ,
				       .phys_addr_bits = TEST_MAXPHY, .x2apic = true,
				       .tsc_deadline = true };
}

static inline void setup_cfg(struct vlapic *v, const struct vlapic_config *cfg, uint32_t id, bool bsp)
{
	memset(v, 0xA5, sizeof(*v));	/* init must not depend on prior contents */
	now = 1000;
	if (!vlapic_init(v, cfg, id, bsp))
		TEST_FAIL("vlapic_init refused the test configuration");
}

static inline void setup(struct vlapic *v, uint32_t id)
{
	struct vlapic_config cfg = test_config();

	setup_cfg(v, &cfg, id, id == 0);
}

static inline uint32_t rd(struct vlapic *v, uint32_t offset)
{
	uint64_t val;

	if (!vlapic_mmio_read(v, offset, 4, now, &val))
		TEST_FAIL("MMIO read of %#x not claimed", offset);
	return (uint32_t)val;
}

static inline void wr(struct vlapic *v, uint32_t offset, uint32_t val)
{
	if (!vlapic_mmio_write(v, offset, 4, val, now, &last_effect))
		TEST_FAIL("MMIO write of %#x not claimed", offset);
}

static inline uint64_t rdmsr_ok(struct vlapic *v, uint32_t msr)
{
	uint64_t val;

	if (!vlapic_msr_read(v, msr, now, &val))
		TEST_FAIL("RDMSR %#x faulted", msr);
	return val;
}

static inline bool wrmsr_try(struct vlapic *v, uint32_t msr, uint64_t val)
{
	return vlapic_msr_write(v, msr, val, now, &last_effect);
}

static inline void wrmsr_ok(struct vlapic *v, uint32_t msr, uint64_t val)
{
	if (!wrmsr_try(v, msr, val))
		TEST_FAIL("WRMSR %#x = %#llx faulted", msr, (unsigned long long)val);
}

static inline uint32_t x2msr(uint32_t offset)
{
	return MSR_X2APIC_BASE + (offset >> APIC_REG_SHIFT);
}

static inline void enable_sw(struct vlapic *v)
{
	wr(v, APIC_REG_SVR, SVR_APIC_ENABLE | 0xFF);
}

static inline void to_x2apic(struct vlapic *v)
{
	wrmsr_ok(v, MSR_IA32_APIC_BASE, v->apic_base | APIC_BASE_X2APIC);
}

static inline bool irr_has(const struct vlapic *v, unsigned vector)
{
	return v->irr[vector / 32] & (1u << (vector % 32));
}

static inline bool isr_has(const struct vlapic *v, unsigned vector)
{
	return v->isr[vector / 32] & (1u << (vector % 32));
}

static inline bool tmr_has(const struct vlapic *v, unsigned vector)
{
	return v->tmr[vector / 32] & (1u << (vector % 32));
}

/* Reads ESR the way the SDM asks: write, then read. */
static inline uint32_t esr_read(struct vlapic *v)
{
	wr(v, APIC_REG_ESR, 0);
	return rd(v, APIC_REG_ESR);
}

/* Takes the pending vector into service, as the core does when it injects. */
static inline int take(struct vlapic *v)
{
	int vec = vlapic_pending_vector(v);

	if (vec >= 0 && !vlapic_accept(v, (uint8_t)vec))
		TEST_FAIL("accept of pending vector %#x refused", vec);
	return vec;
}

#endif
