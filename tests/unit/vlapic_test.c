// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the virtual local APIC's registers and interrupt state
 * (hv/arch/x86/vlapic*.c): reset values, write masks, x2APIC #GP rules, mode
 * transitions, priorities, IRR/ISR/EOI sequences, ESR, events and posting,
 * each row a rule from SDM Vol 3 chapter 10.
 */
#include <pthread.h>

#include "vlapic_helpers.h"

#define ALL_ONES 0xFFFFFFFFu

struct reg_value {
	uint32_t offset;
	uint32_t value;
};

/* SDM 10.4.7.1 and 10.12.5.1: the power-on values. */
TEST(reset_values)
{
	static const struct reg_value rows[] = {
		{ APIC_REG_ID, 3u << APIC_XAPIC_ID_SHIFT }, { APIC_REG_VERSION, 0x00050014 },
		{ APIC_REG_TPR, 0 }, { APIC_REG_APR, 0 }, { APIC_REG_PPR, 0 },
		{ APIC_REG_LDR, 0 }, { APIC_REG_DFR, ALL_ONES }, { APIC_REG_SVR, 0xFF },
		{ APIC_REG_ISR0, 0 }, { APIC_REG_ISR0 + 0x70, 0 }, { APIC_REG_TMR0, 0 },
		{ APIC_REG_IRR0 + 0x70, 0 }, { APIC_REG_ESR, 0 }, { APIC_REG_ICR_LOW, 0 },
		{ APIC_REG_ICR_HIGH, 0 }, { APIC_REG_LVT_TIMER, LVT_MASKED },
		{ APIC_REG_LVT_THERMAL, LVT_MASKED }, { APIC_REG_LVT_PERF, LVT_MASKED },
		{ APIC_REG_LVT_LINT0, LVT_MASKED }, { APIC_REG_LVT_LINT1, LVT_MASKED },
		{ APIC_REG_LVT_ERROR, LVT_MASKED }, { APIC_REG_TIMER_ICR, 0 },
		{ APIC_REG_TIMER_CCR, 0 }, { APIC_REG_TIMER_DCR, 0 },
	};
	struct vlapic v;

	setup(&v, 3);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		if (rd(&v, rows[i].offset) != rows[i].value)
			TEST_FAIL("offset %#x: %#x, want %#x", rows[i].offset, rd(&v, rows[i].offset),
				  rows[i].value);
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_APIC_BASE), 0xFEE00800ull);	/* AP: no BSP bit */
	setup(&v, 0);
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_APIC_BASE), 0xFEE00900ull);
	CHECK_EQ(vlapic_mmio_base(&v), APIC_DEFAULT_BASE);
	CHECK_EQ(vlapic_timer_deadline(&v), NO_DEADLINE);
}

struct mask_row {
	uint32_t offset;
	uint32_t after_ones;	/* read back after writing all ones */
	uint32_t after_zero;	/* read back after then writing 0 */
};

/* xAPIC: reserved and read-only bits drop (SDM figures 10-8, 10-12, 10-14, 10-18, 10-23). */
TEST(xapic_write_masks)
{
	static const struct mask_row rows[] = {
		{ APIC_REG_ID, 0xFF000000, 0 },
		{ APIC_REG_VERSION, 0x00050014, 0x00050014 },
		{ APIC_REG_TPR, 0xFF, 0 },
		{ APIC_REG_LDR, 0xFF000000, 0 },
		{ APIC_REG_DFR, ALL_ONES, 0x0FFFFFFF },
		{ APIC_REG_ICR_HIGH, 0xFF000000, 0 },
		{ APIC_REG_LVT_TIMER, 0x000700FF, 0 },
		{ APIC_REG_LVT_THERMAL, 0x000107FF, 0 },
		{ APIC_REG_LVT_PERF, 0x000107FF, 0 },
		{ APIC_REG_LVT_LINT0, 0x0001A7FF, 0 },
		{ APIC_REG_LVT_LINT1, 0x0001A7FF, 0 },
		{ APIC_REG_LVT_ERROR, 0x000100FF, 0 },
		{ APIC_REG_TIMER_ICR, ALL_ONES, 0 },
		{ APIC_REG_TIMER_DCR, 0xB, 0 },
		{ APIC_REG_PPR, 0, 0 },
		{ APIC_REG_ISR0 + 0x30, 0, 0 },
		{ APIC_REG_TMR0 + 0x10, 0, 0 },
		{ APIC_REG_IRR0 + 0x20, 0, 0 },
		{ APIC_REG_TIMER_CCR, 0, 0 },
		{ APIC_REG_SVR, 0x3FF, 0 },	/* last: clearing SVR.8 masks the LVTs */
	};
	struct vlapic v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		setup(&v, 0);
		enable_sw(&v);
		wr(&v, APIC_REG_TPR, 0);
		wr(&v, rows[i].offset, ALL_ONES);
		if (rd(&v, rows[i].offset) != rows[i].after_ones)
			TEST_FAIL("offset %#x after ones: %#x, want %#x", rows[i].offset,
				  rd(&v, rows[i].offset), rows[i].after_ones);
		wr(&v, rows[i].offset, 0);
		if (rd(&v, rows[i].offset) != rows[i].after_zero)
			TEST_FAIL("offset %#x after zero: %#x, want %#x", rows[i].offset,
				  rd(&v, rows[i].offset), rows[i].after_zero);
	}
	/* ICR low: delivery status reads idle, reserved bits drop. */
	setup(&v, 0);
	wr(&v, APIC_REG_ICR_LOW, ALL_ONES);
	CHECK_EQ(rd(&v, APIC_REG_ICR_LOW), 0x000CCFFF);
}

/* SDM table 10-6: which x2APIC MSRs read and write at all (value 0). */
TEST(x2apic_msr_map)
{
	static const uint16_t readable[] = { 0x802, 0x803, 0x808, 0x80A, 0x80D, 0x80F, 0x828,
					     0x830, 0x832, 0x833, 0x834, 0x835, 0x836, 0x837,
					     0x838, 0x839, 0x83E };
	static const uint16_t writable[] = { 0x808, 0x80B, 0x80F, 0x828, 0x830, 0x832, 0x833,
					     0x834, 0x835, 0x836, 0x837, 0x838, 0x83E, 0x83F };
	struct vlapic v;

	for (uint32_t msr = MSR_X2APIC_BASE; msr <= MSR_X2APIC_LAST; msr++) {
		bool want_r = msr >= 0x810 && msr <= 0x827, want_w = false;
		uint64_t val;

		for (size_t i = 0; i < ARRAY_SIZE(readable); i++)
			want_r |= readable[i] == msr;
		for (size_t i = 0; i < ARRAY_SIZE(writable); i++)
			want_w |= writable[i] == msr;
		setup(&v, 0);
		to_x2apic(&v);
		if (vlapic_msr_read(&v, msr, now, &val) != want_r)
			TEST_FAIL("RDMSR %#x: expected %s", msr, want_r ? "success" : "#GP");
		if (wrmsr_try(&v, msr, 0) != want_w)
			TEST_FAIL("WRMSR %#x = 0: expected %s", msr, want_w ? "success" : "#GP");
	}
}

struct gp_row {
	uint32_t offset;
	uint64_t value;
	bool ok;
};

/* SDM 10.12.1.3: reserved bits #GP; read-only status bits are tolerated. */
TEST(x2apic_reserved_bits)
{
	static const struct gp_row rows[] = {
		{ APIC_REG_TPR, 0xFF, true }, { APIC_REG_TPR, 0x100, false },
		{ APIC_REG_TPR, 1ull << 32, false }, { APIC_REG_SVR, 0x3FF, true },
		{ APIC_REG_SVR, SVR_EOI_SUPPRESS | 0xFF, false }, { APIC_REG_ESR, 1, false },
		{ APIC_REG_EOI, 1, false }, { APIC_REG_EOI, 0, true },
		{ APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | 0x40, true },
		{ APIC_REG_LVT_TIMER, LVT_DELIVERY_PENDING | 0x40, true },
		{ APIC_REG_LVT_TIMER, ICR_DM_NMI, false },
		{ APIC_REG_LVT_LINT0, LVT_REMOTE_IRR | ICR_DM_EXTINT, true },
		{ APIC_REG_LVT_LINT0, 1u << 17, false },
		{ APIC_REG_LVT_ERROR, ICR_DM_NMI, false },
		{ APIC_REG_LVT_THERMAL, LVT_TRIGGER_LEVEL, false },
		{ APIC_REG_TIMER_DCR, 0xB, true }, { APIC_REG_TIMER_DCR, 0x4, false },
		{ APIC_REG_TIMER_ICR, ALL_ONES, true }, { APIC_REG_TIMER_ICR, 1ull << 32, false },
		{ APIC_REG_SELF_IPI, 0x40, true }, { APIC_REG_SELF_IPI, 0x140, false },
		{ APIC_REG_ICR_LOW, 0xFFFFFFFF00000040ull, true },
		{ APIC_REG_ICR_LOW, ICR_DELIVERY_PENDING | 0x40, true },
		{ APIC_REG_ICR_LOW, (1u << 13) | 0x40, false },
		{ APIC_REG_ICR_LOW, (1u << 16) | 0x40, false },
		{ APIC_REG_ICR_LOW, (1u << 20) | 0x40, false },
		{ APIC_REG_ID, 0, false }, { APIC_REG_LDR, 0, false }, { APIC_REG_PPR, 0, false },
		{ APIC_REG_VERSION, 0, false }, { APIC_REG_TIMER_CCR, 0, false },
		{ APIC_REG_IRR0, 0, false }, { APIC_REG_ISR0, 0, false },
	};
	struct vlapic v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		setup(&v, 0);
		to_x2apic(&v);
		wrmsr_ok(&v, x2msr(APIC_REG_SVR), SVR_APIC_ENABLE | 0xFF);
		if (wrmsr_try(&v, x2msr(rows[i].offset), rows[i].value) != rows[i].ok)
			TEST_FAIL("WRMSR %#x = %#llx: expected %s", x2msr(rows[i].offset),
				  (unsigned long long)rows[i].value, rows[i].ok ? "success" : "#GP");
	}
	/* Ignored status bits are not stored. */
	setup(&v, 0);
	to_x2apic(&v);
	wrmsr_ok(&v, x2msr(APIC_REG_LVT_LINT0), LVT_REMOTE_IRR | LVT_DELIVERY_PENDING | 0x30);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_LVT_LINT0)), LVT_MASKED | 0x30);
}

/* x2APIC MSRs need x2APIC mode; the MMIO page is gone in x2APIC mode (SDM 10.12.1.2). */
TEST(interface_follows_mode)
{
	struct vlapic v;
	uint64_t val;

	setup(&v, 0);
	CHECK(!vlapic_msr_read(&v, x2msr(APIC_REG_TPR), now, &val));
	CHECK(!wrmsr_try(&v, x2msr(APIC_REG_TPR), 0));
	to_x2apic(&v);
	CHECK(!vlapic_mmio_read(&v, APIC_REG_ID, 4, now, &val));
	CHECK_EQ(val, UINT64_MAX);
	CHECK(!vlapic_mmio_write(&v, APIC_REG_TPR, 4, 0x20, now, &last_effect));
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_TPR)), 0);
	CHECK(!vlapic_is_msr(0x900) && !vlapic_is_msr(0x7FF) && vlapic_is_msr(0x8FF));
	CHECK(!vlapic_msr_read(&v, 0x900, now, &val));
}

struct mode_row {
	const char *what;
	uint64_t from;		/* APIC_BASE before (reached legally) */
	uint64_t write;
	bool ok;
};

#define XAPIC  (APIC_DEFAULT_BASE | APIC_BASE_ENABLE)
#define X2APIC (XAPIC | APIC_BASE_X2APIC)
#define OFF    APIC_DEFAULT_BASE

/* SDM 10.12.5 figure 10-27. */
TEST(apic_base_transitions)
{
	static const struct mode_row rows[] = {
		{ "xAPIC -> x2APIC", XAPIC, X2APIC, true },
		{ "x2APIC -> xAPIC", X2APIC, XAPIC, false },
		{ "x2APIC -> disabled", X2APIC, OFF, true },
		{ "x2APIC -> invalid", X2APIC, OFF | APIC_BASE_X2APIC, false },
		{ "disabled -> x2APIC", OFF, X2APIC, false },
		{ "disabled -> xAPIC", OFF, XAPIC, true },
		{ "xAPIC -> disabled", XAPIC, OFF, true },
		{ "xAPIC -> invalid", XAPIC, OFF | APIC_BASE_X2APIC, false },
		{ "reserved bit 9", XAPIC, XAPIC | (1u << 9), false },
		{ "reserved bits 7:0", XAPIC, XAPIC | 1, false },
		{ "above MAXPHYADDR", XAPIC, XAPIC | (1ull << TEST_MAXPHY), false },
		{ "relocate", XAPIC, (XAPIC & ~APIC_BASE_ADDR_MASK) | 0xFED00000, true },
		{ "BSP flag", XAPIC, XAPIC | APIC_BASE_BSP, true },
	};
	struct vlapic v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		setup(&v, 1);
		if (rows[i].from == X2APIC)
			to_x2apic(&v);
		else if (rows[i].from == OFF)
			wrmsr_ok(&v, MSR_IA32_APIC_BASE, OFF);
		bool ok = wrmsr_try(&v, MSR_IA32_APIC_BASE, rows[i].write);
		if (ok != rows[i].ok)
			TEST_FAIL("%s: expected %s", rows[i].what, rows[i].ok ? "success" : "#GP");
		CHECK_EQ(rdmsr_ok(&v, MSR_IA32_APIC_BASE), ok ? rows[i].write : rows[i].from);
		CHECK_EQ(!!(last_effect.flags & VLAPIC_EFFECT_MODE), ok);
	}
	/* Without CPUID x2APIC, EXTD is reserved. */
	struct vlapic_config cfg = test_config();
	cfg.x2apic = false;
	setup_cfg(&v, &cfg, 1, false);
	CHECK(!wrmsr_try(&v, MSR_IA32_APIC_BASE, X2APIC));
	CHECK(vlapic_mmio_base(&v) == APIC_DEFAULT_BASE);
}

/* SDM 10.12.5.1: xAPIC -> x2APIC keeps most state, but not a written ID, the LDR or ICR high. */
TEST(x2apic_entry_state)
{
	struct vlapic v;

	setup(&v, 0x23);
	enable_sw(&v);
	wr(&v, APIC_REG_ID, 0x55000000);
	wr(&v, APIC_REG_LDR, 0x80000000);
	wr(&v, APIC_REG_ICR_HIGH, 0x07000000);
	wr(&v, APIC_REG_TPR, 0x31);
	CHECK_EQ(rd(&v, APIC_REG_ID), 0x55000000);
	to_x2apic(&v);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_ID)), 0x23);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_LDR)), 0x00020008);	/* cluster 2, member bit 3 */
	CHECK_EQ(rdmsr_ok(&v, MSR_X2APIC_ICR) >> 32, 0);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_TPR)), 0x31);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_SVR)), SVR_APIC_ENABLE | 0xFF);
	/* Disabled and back: registers reset, the legacy ID is the x2APIC ID's low byte. */
	wrmsr_ok(&v, MSR_IA32_APIC_BASE, OFF);
	CHECK(!vlapic_is_enabled(&v));
	wrmsr_ok(&v, MSR_IA32_APIC_BASE, XAPIC);
	CHECK_EQ(rd(&v, APIC_REG_ID), 0x23000000);
	CHECK_EQ(rd(&v, APIC_REG_TPR), 0);
	CHECK_EQ(rd(&v, APIC_REG_SVR), SVR_RESET_VALUE);
	CHECK_EQ(rd(&v, APIC_REG_LDR), 0);
}

/* SDM 10.4.7.3, 10.12.5.1: INIT keeps the mode, base and ID, resets the rest. */
TEST(init_keeps_mode_and_id)
{
	struct vlapic v;

	setup(&v, 0x11);
	enable_sw(&v);
	wr(&v, APIC_REG_ID, 0x42000000);
	vlapic_set_irq(&v, 0x50, false);
	vlapic_init_signal(&v);
	CHECK_EQ(rd(&v, APIC_REG_ID), 0x42000000);
	CHECK_EQ(rd(&v, APIC_REG_SVR), SVR_RESET_VALUE);
	CHECK(!irr_has(&v, 0x50));

	setup(&v, 0x11);
	to_x2apic(&v);
	wrmsr_ok(&v, x2msr(APIC_REG_SVR), SVR_APIC_ENABLE | 0xFF);
	wrmsr_ok(&v, x2msr(APIC_REG_TPR), 0x20);
	uint64_t base = rdmsr_ok(&v, MSR_IA32_APIC_BASE);
	vlapic_init_signal(&v);
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_APIC_BASE), base);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_ID)), 0x11);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_LDR)), 0x00010002);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_TPR)), 0);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_LVT_LINT0)), LVT_MASKED);
	/* RESET goes back to xAPIC. */
	vlapic_reset(&v, 0x11, true);
	CHECK(!vlapic_is_x2apic(&v));
	CHECK_EQ(rdmsr_ok(&v, MSR_IA32_APIC_BASE), XAPIC | APIC_BASE_BSP);
}

/* SDM 10.4.7.2: software disable masks every LVT and refuses fixed interrupts. */
TEST(software_disable)
{
	struct vlapic v;
	uint8_t sipi;

	setup(&v, 0);
	enable_sw(&v);
	wr(&v, APIC_REG_LVT_TIMER, 0x40);
	wr(&v, APIC_REG_LVT_LINT1, ICR_DM_NMI);
	CHECK(vlapic_set_irq(&v, 0x60, false));
	wr(&v, APIC_REG_SVR, 0xFF);
	CHECK_EQ(rd(&v, APIC_REG_LVT_TIMER), LVT_MASKED | 0x40);
	CHECK_EQ(rd(&v, APIC_REG_LVT_LINT1), LVT_MASKED | ICR_DM_NMI);
	wr(&v, APIC_REG_LVT_TIMER, 0x41);
	CHECK_EQ(rd(&v, APIC_REG_LVT_TIMER), LVT_MASKED | 0x41);
	CHECK(!vlapic_set_irq(&v, 0x61, false));
	CHECK_EQ(vlapic_pending_vector(&v), 0x60);	/* what IRR held is still delivered */
	vlapic_deliver(&v, VLAPIC_DM_NMI, 0, false, true);
	CHECK_EQ(vlapic_take_events(&v, &sipi), VLAPIC_EVENT_NMI);
}

struct ppr_row {
	uint32_t tpr;
	int isr;		/* in-service vector or -1 */
	uint32_t ppr;
};

/* SDM 10.8.3.1: PPR = TPR if TPR[7:4] >= ISRV[7:4], else ISRV[7:4]:0. */
TEST(ppr_arithmetic)
{
	static const struct ppr_row rows[] = {
		{ 0x00, -1, 0x00 }, { 0x35, -1, 0x35 }, { 0x35, 0x41, 0x40 }, { 0x45, 0x41, 0x45 },
		{ 0x40, 0x4F, 0x40 }, { 0x3F, 0x40, 0x40 }, { 0xFF, 0xFE, 0xFF }, { 0x10, 0xF3, 0xF0 },
	};
	struct vlapic v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		setup(&v, 0);
		enable_sw(&v);
		if (rows[i].isr >= 0) {
			vlapic_set_irq(&v, (uint8_t)rows[i].isr, false);
			CHECK_EQ(take(&v), rows[i].isr);
		}
		wr(&v, APIC_REG_TPR, rows[i].tpr);
		if (rd(&v, APIC_REG_PPR) != rows[i].ppr)
			TEST_FAIL("TPR %#x ISR %#x: PPR %#x, want %#x", rows[i].tpr, rows[i].isr,
				  rd(&v, APIC_REG_PPR), rows[i].ppr);
	}
}

struct pending_row {
	uint32_t tpr;
	int isr, irr1, irr2;
	int pending;
};

/* SDM 10.8.3.1: only a class above PPR's is delivered, highest vector first. */
TEST(pending_vector_priority)
{
	static const struct pending_row rows[] = {
		{ 0x00, -1, -1, -1, -1 }, { 0x40, -1, 0x41, -1, -1 }, { 0x3F, -1, 0x41, -1, 0x41 },
		{ 0x00, 0x51, 0x55, -1, -1 }, { 0x00, 0x51, 0x61, 0x55, 0x61 },
		{ 0x00, -1, 0x20, 0xFE, 0xFE }, { 0xF0, -1, 0xFF, -1, -1 },
	};
	struct vlapic v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		setup(&v, 0);
		enable_sw(&v);
		if (rows[i].isr >= 0) {
			vlapic_set_irq(&v, (uint8_t)rows[i].isr, false);
			take(&v);
		}
		if (rows[i].irr1 >= 0)
			vlapic_set_irq(&v, (uint8_t)rows[i].irr1, false);
		if (rows[i].irr2 >= 0)
			vlapic_set_irq(&v, (uint8_t)rows[i].irr2, false);
		wr(&v, APIC_REG_TPR, rows[i].tpr);
		if (vlapic_pending_vector(&v) != rows[i].pending)
			TEST_FAIL("row %zu: pending %d, want %d", i, vlapic_pending_vector(&v),
				  rows[i].pending);
	}
	/* CR8 is TPR[7:4] (SDM 10.8.6.1). */
	vlapic_set_cr8(&v, 5);
	CHECK_EQ(rd(&v, APIC_REG_TPR), 0x50);
	wr(&v, APIC_REG_TPR, 0x7A);
	CHECK_EQ(vlapic_get_cr8(&v), 7);
}

/* Nested interrupts: a higher class pre-empts, EOI retires the highest in service. */
TEST(nested_interrupts_and_eoi)
{
	struct vlapic v;

	setup(&v, 0);
	enable_sw(&v);
	vlapic_set_irq(&v, 0x40, false);
	CHECK_EQ(take(&v), 0x40);
	CHECK_EQ(rd(&v, APIC_REG_PPR), 0x40);
	vlapic_set_irq(&v, 0x45, false);
	CHECK_EQ(vlapic_pending_vector(&v), -1);	/* same class waits */
	CHECK(!vlapic_accept(&v, 0x45));
	vlapic_set_irq(&v, 0x80, false);
	CHECK_EQ(take(&v), 0x80);
	CHECK(isr_has(&v, 0x40) && isr_has(&v, 0x80) && irr_has(&v, 0x45));
	CHECK_EQ(rd(&v, APIC_REG_ISR0 + 0x40), 1u << 0);	/* vector 0x80: bank 4, bit 0 */
	wr(&v, APIC_REG_EOI, 0);
	CHECK(!isr_has(&v, 0x80) && isr_has(&v, 0x40));
	CHECK_EQ(last_effect.flags & VLAPIC_EFFECT_EOI_LEVEL, 0);
	CHECK_EQ(vlapic_pending_vector(&v), -1);
	wr(&v, APIC_REG_EOI, 0);
	CHECK_EQ(take(&v), 0x45);
	wr(&v, APIC_REG_EOI, 0);
	CHECK_EQ(rd(&v, APIC_REG_PPR), 0);
	wr(&v, APIC_REG_EOI, 0);	/* nothing in service: no effect */
	CHECK_EQ(last_effect.flags, 0);
}

/* A level-triggered vector's EOI is reported for the I/O APIC's Remote IRR. */
TEST(eoi_reports_level_vector)
{
	struct vlapic v;

	setup(&v, 0);
	enable_sw(&v);
	vlapic_set_irq(&v, 0x50, true);
	CHECK(tmr_has(&v, 0x50));
	CHECK_EQ(rd(&v, APIC_REG_TMR0 + 0x20), 1u << 16);
	take(&v);
	wr(&v, APIC_REG_EOI, 0);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_EOI_LEVEL);
	CHECK_EQ(last_effect.eoi_vector, 0x50);
	vlapic_set_irq(&v, 0x50, false);	/* edge clears TMR */
	CHECK(!tmr_has(&v, 0x50));
	take(&v);
	to_x2apic(&v);
	wrmsr_ok(&v, x2msr(APIC_REG_EOI), 0);
	CHECK_EQ(last_effect.flags, 0);
	CHECK(vlapic_set_irq(&v, 0x51, true) && !vlapic_set_irq(&v, 0x51, true));
	take(&v);
	CHECK_EQ(vlapic_eoi(&v), 0x51);
}

/* SDM 10.5.3: write before read; errors since the last write; the error interrupt. */
TEST(esr_semantics)
{
	struct vlapic v;

	setup(&v, 0);
	enable_sw(&v);
	CHECK(!vlapic_set_irq(&v, 5, false));
	CHECK_EQ(rd(&v, APIC_REG_ESR), 0);	/* not yet published */
	CHECK_EQ(esr_read(&v), ESR_RECV_ILLEGAL_VECTOR);
	CHECK_EQ(esr_read(&v), 0);	/* back-to-back writes clear */
	CHECK(!irr_has(&v, 5));

	wr(&v, APIC_REG_LVT_ERROR, 0xFE);
	wr(&v, APIC_REG_ICR_LOW, 0x0F);	/* fixed IPI, vector 15: not sent */
	CHECK_EQ(last_effect.flags & VLAPIC_EFFECT_IPI, 0);
	CHECK_EQ(take(&v), 0xFE);	/* the error interrupt */
	wr(&v, APIC_REG_EOI, 0);
	vlapic_set_irq(&v, 2, false);	/* a different new error: another interrupt */
	CHECK(irr_has(&v, 0xFE));
	take(&v);
	wr(&v, APIC_REG_EOI, 0);
	vlapic_set_irq(&v, 3, false);	/* same bit again before an ESR write: no interrupt */
	CHECK(!irr_has(&v, 0xFE));
	CHECK_EQ(esr_read(&v), ESR_SEND_ILLEGAL_VECTOR | ESR_RECV_ILLEGAL_VECTOR);

	/* Reserved registers (xAPIC): read 0, log illegal register address. */
	CHECK_EQ(rd(&v, 0x040), 0);
	CHECK_EQ(esr_read(&v), ESR_ILLEGAL_REG_ADDR);
	wr(&v, APIC_REG_SELF_IPI, 0x40);
	wr(&v, APIC_REG_LVT_CMCI, 0x40);
	CHECK_EQ(esr_read(&v), ESR_ILLEGAL_REG_ADDR);
	CHECK_EQ(rd(&v, APIC_REG_EOI), 0);	/* write-only, not reserved */
	CHECK_EQ(esr_read(&v), 0);

	/* x2APIC: only 0 may be written; SELF_IPI with an illegal vector. */
	to_x2apic(&v);
	CHECK(!wrmsr_try(&v, x2msr(APIC_REG_ESR), 1));
	wrmsr_ok(&v, x2msr(APIC_REG_SELF_IPI), 7);
	wrmsr_ok(&v, x2msr(APIC_REG_ESR), 0);
	CHECK_EQ(rdmsr_ok(&v, x2msr(APIC_REG_ESR)), ESR_SEND_ILLEGAL_VECTOR);
}

/* SDM 10.4.1: aligned 32-bit access; narrower reads of a register, the rest defined. */
TEST(mmio_sizes_and_offsets)
{
	struct vlapic v;
	uint64_t val;

	setup(&v, 0x7C);
	CHECK(vlapic_mmio_read(&v, APIC_REG_ID + 3, 1, now, &val) && val == 0x7C);
	CHECK(vlapic_mmio_read(&v, APIC_REG_VERSION, 2, now, &val) && val == 0x0014);
	CHECK(vlapic_mmio_read(&v, APIC_REG_VERSION + 2, 2, now, &val) && val == 0x0005);
	CHECK(vlapic_mmio_read(&v, APIC_REG_ID, 8, now, &val) && val == 0x7C000000);
	CHECK(vlapic_mmio_read(&v, APIC_REG_ID + 4, 4, now, &val) && val == 0);
	CHECK(vlapic_mmio_read(&v, APIC_REG_ID + 12, 8, now, &val) && val == 0x0005001400000000ull);
	CHECK(vlapic_mmio_read(&v, 0xFFE, 8, now, &val) && val == 0);
	CHECK(vlapic_mmio_read(&v, APIC_REG_ID, 3, now, &val) && val == 0);
	CHECK(vlapic_mmio_read(&v, 0x12345, 4, now, &val) && val == 0);
	CHECK_EQ(esr_read(&v), ESR_ILLEGAL_REG_ADDR);	/* slot 0xFF0 is reserved */
	enable_sw(&v);
	CHECK(vlapic_mmio_write(&v, APIC_REG_TPR, 1, 0x20, now, &last_effect));
	CHECK(vlapic_mmio_write(&v, APIC_REG_TPR + 4, 4, 0x20, now, &last_effect));
	CHECK(vlapic_mmio_write(&v, APIC_REG_TPR, 8, 0x20, now, &last_effect));
	CHECK(vlapic_mmio_write(&v, 0x1000, 4, 0x20, now, &last_effect));
	CHECK_EQ(rd(&v, APIC_REG_TPR), 0);
	CHECK_EQ(esr_read(&v), 0);	/* dropped writes are not errors */
}

/* APR (SDM 10.6.2.4): TPR unless an IRR or ISR class is higher. */
TEST(arbitration_priority)
{
	struct vlapic v;

	setup(&v, 0);
	enable_sw(&v);
	wr(&v, APIC_REG_TPR, 0x25);
	CHECK_EQ(rd(&v, APIC_REG_APR), 0x25);
	vlapic_set_irq(&v, 0x51, false);
	CHECK_EQ(rd(&v, APIC_REG_APR), 0x50);
	wr(&v, APIC_REG_TPR, 0x65);
	CHECK_EQ(rd(&v, APIC_REG_APR), 0x65);
}

/* LINT pins follow their LVT entries; a level LINT0 waits for its EOI. */
TEST(lint_delivery)
{
	struct vlapic v;
	uint8_t sipi;

	setup(&v, 0);
	enable_sw(&v);
	vlapic_lint(&v, 0);	/* masked */
	CHECK_EQ(vlapic_take_events(&v, &sipi), 0);
	wr(&v, APIC_REG_LVT_LINT0, ICR_DM_EXTINT);
	wr(&v, APIC_REG_LVT_LINT1, ICR_DM_NMI);
	vlapic_lint(&v, 0);
	vlapic_lint(&v, 1);
	CHECK_EQ(vlapic_take_events(&v, &sipi), VLAPIC_EVENT_EXTINT | VLAPIC_EVENT_NMI);
	wr(&v, APIC_REG_LVT_LINT0, LVT_TRIGGER_LEVEL | 0x70);
	vlapic_lint(&v, 0);
	CHECK(irr_has(&v, 0x70) && tmr_has(&v, 0x70));
	CHECK(rd(&v, APIC_REG_LVT_LINT0) & LVT_REMOTE_IRR);
	take(&v);
	vlapic_lint(&v, 0);	/* remote IRR blocks a re-assertion */
	CHECK(!irr_has(&v, 0x70));
	wr(&v, APIC_REG_EOI, 0);
	CHECK_EQ(last_effect.eoi_vector, 0x70);
	CHECK_EQ(rd(&v, APIC_REG_LVT_LINT0) & LVT_REMOTE_IRR, 0);
	vlapic_lint(&v, 0);
	CHECK(irr_has(&v, 0x70));
}

/* NMI, INIT, SIPI, ExtINT, SMI bypass IRR (SDM 10.8.4 note). */
TEST(events)
{
	struct vlapic v;
	uint8_t sipi = 0;

	setup(&v, 1);
	vlapic_deliver(&v, VLAPIC_DM_INIT, 0, true, false);	/* level de-assert: nothing */
	CHECK_EQ(vlapic_take_events(&v, &sipi), 0);
	vlapic_deliver(&v, VLAPIC_DM_INIT, 0, true, true);
	vlapic_post_event(&v, VLAPIC_DM_STARTUP, 0x9A, false, true);
	vlapic_deliver(&v, VLAPIC_DM_SMI, 0, false, true);
	CHECK_EQ(vlapic_take_events(&v, &sipi), VLAPIC_EVENT_INIT | VLAPIC_EVENT_SIPI | VLAPIC_EVENT_SMI);
	CHECK_EQ(sipi, 0x9A);
	CHECK_EQ(vlapic_take_events(&v, &sipi), 0);
	vlapic_deliver(&v, 3, 0, false, true);	/* reserved mode */
	CHECK_EQ(vlapic_take_events(&v, &sipi), 0);
	wrmsr_ok(&v, MSR_IA32_APIC_BASE, OFF);	/* a disabled APIC takes nothing */
	vlapic_deliver(&v, VLAPIC_DM_NMI, 0, false, true);
	CHECK_EQ(vlapic_take_events(&v, &sipi), 0);
	CHECK_EQ(vlapic_pending_vector(&v), -1);
}

/* Posting: merged by the owner, with the same checks as vlapic_set_irq. */
TEST(posted_interrupts)
{
	struct vlapic v;

	setup(&v, 0);
	enable_sw(&v);
	CHECK(vlapic_post_irq(&v, 0x33, false));
	CHECK(!vlapic_post_irq(&v, 0x33, false));
	CHECK(vlapic_post_irq(&v, 0x34, true));
	CHECK(vlapic_post_irq(&v, 3, false));
	CHECK(!irr_has(&v, 0x33));
	CHECK_EQ(vlapic_pending_vector(&v), 0x34);
	CHECK(irr_has(&v, 0x33) && tmr_has(&v, 0x34) && !tmr_has(&v, 0x33));
	CHECK_EQ(esr_read(&v), ESR_RECV_ILLEGAL_VECTOR);
	vlapic_post_event(&v, VLAPIC_DM_FIXED, 0x90, false, true);
	CHECK_EQ(rd(&v, APIC_REG_IRR0 + 0x40), 1u << 16);	/* an MMIO read merges too */
}

struct poster {
	struct vlapic *v;
};

static void *post_all(void *arg)
{
	struct poster *p = arg;

	for (unsigned vec = APIC_FIRST_VALID_VECTOR; vec < APIC_NR_VECTORS; vec++)
		vlapic_post_irq(p->v, (uint8_t)vec, vec & 1);
	return NULL;
}

/* Posting from another thread while the owner merges loses nothing. */
TEST(posting_concurrent)
{
	struct vlapic v;
	struct poster p = { &v };
	pthread_t t;
	unsigned have = 0;

	setup(&v, 0);
	enable_sw(&v);
	wr(&v, APIC_REG_TPR, 0xFF);	/* keep everything in IRR */
	CHECK(pthread_create(&t, NULL, post_all, &p) == 0);
	for (unsigned spins = 0; spins < 100000000 && have < APIC_NR_VECTORS - 16; spins++) {
		vlapic_pending_vector(&v);
		have = 0;
		for (unsigned vec = 16; vec < APIC_NR_VECTORS; vec++)
			have += irr_has(&v, vec);
	}
	pthread_join(t, NULL);
	vlapic_pending_vector(&v);
	for (unsigned vec = 16; vec < APIC_NR_VECTORS; vec++)
		if (!irr_has(&v, vec) || tmr_has(&v, vec) != (vec & 1))
			TEST_FAIL("vector %#x lost or wrong trigger", vec);
}

int main(void)
{
	return test_main();
}
