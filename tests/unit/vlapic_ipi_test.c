// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of virtual local APIC IPIs (hv/arch/x86/vlapic_ipi.c): ICR
 * decoding in both modes and destination matching for every addressing mode,
 * broadcast and shorthand (SDM Vol 3 10.6.1, 10.6.2, 10.12.9, 10.12.10).
 */
#include "vlapic_helpers.h"

#define NR_VPS 4

static struct vlapic vps[NR_VPS];
static const uint32_t vp_ids[NR_VPS] = { 0x00, 0x01, 0x02, 0x21 };

enum addressing { XAPIC_FLAT, XAPIC_CLUSTER, X2APIC };

/* xAPIC logical IDs per model: flat one bit each; cluster 1 members 1, 2 and cluster 2 members 1, 2. */
static const uint8_t flat_ldr[NR_VPS] = { 0x01, 0x02, 0x04, 0x08 };
static const uint8_t cluster_ldr[NR_VPS] = { 0x11, 0x12, 0x21, 0x22 };

static void setup_vps(enum addressing a)
{
	for (unsigned i = 0; i < NR_VPS; i++) {
		struct vlapic *v = &vps[i];

		setup(v, vp_ids[i]);
		enable_sw(v);
		if (a == X2APIC) {
			to_x2apic(v);
			continue;
		}
		wr(v, APIC_REG_DFR, a == XAPIC_FLAT ? APIC_DFR_FLAT : APIC_DFR_CLUSTER);
		wr(v, APIC_REG_LDR, (uint32_t)(a == XAPIC_FLAT ? flat_ldr[i] : cluster_ldr[i])
				    << APIC_LDR_XAPIC_SHIFT);
	}
}

/* Bit i set if vps[i] accepts the IPI. */
static unsigned targets(const struct vlapic *source, const struct vlapic_ipi *ipi)
{
	unsigned mask = 0;

	for (unsigned i = 0; i < NR_VPS; i++)
		mask |= (unsigned)vlapic_matches_dest(&vps[i], source, ipi) << i;
	return mask;
}

struct dest_row {
	const char *what;
	enum addressing a;
	bool logical;
	uint32_t dest;
	uint8_t shorthand;
	int source;		/* index into vps, or -1 for an I/O APIC / MSI message */
	unsigned expect;
};

TEST(destination_matching)
{
	static const struct dest_row rows[] = {
		{ "xAPIC physical", XAPIC_FLAT, false, 0x02, VLAPIC_SH_NONE, 0, 0x4 },
		{ "xAPIC physical 0x21", XAPIC_FLAT, false, 0x21, VLAPIC_SH_NONE, 0, 0x8 },
		{ "xAPIC physical none", XAPIC_FLAT, false, 0x05, VLAPIC_SH_NONE, 0, 0x0 },
		{ "xAPIC physical broadcast", XAPIC_FLAT, false, 0xFF, VLAPIC_SH_NONE, 1, 0xF },
		{ "flat two bits", XAPIC_FLAT, true, 0x05, VLAPIC_SH_NONE, 0, 0x5 },
		{ "flat one bit", XAPIC_FLAT, true, 0x08, VLAPIC_SH_NONE, 0, 0x8 },
		{ "flat broadcast", XAPIC_FLAT, true, 0xFF, VLAPIC_SH_NONE, 0, 0xF },
		{ "flat nobody", XAPIC_FLAT, true, 0x30, VLAPIC_SH_NONE, 0, 0x0 },
		{ "cluster 1, both", XAPIC_CLUSTER, true, 0x13, VLAPIC_SH_NONE, 0, 0x3 },
		{ "cluster 2, member 2", XAPIC_CLUSTER, true, 0x22, VLAPIC_SH_NONE, 0, 0x8 },
		{ "cluster 3", XAPIC_CLUSTER, true, 0x31, VLAPIC_SH_NONE, 0, 0x0 },
		{ "cluster broadcast", XAPIC_CLUSTER, true, 0xFF, VLAPIC_SH_NONE, 0, 0xF },
		{ "cluster from I/O APIC", XAPIC_CLUSTER, true, 0x21, VLAPIC_SH_NONE, -1, 0x4 },
		{ "x2APIC physical", X2APIC, false, 0x21, VLAPIC_SH_NONE, 0, 0x8 },
		{ "x2APIC 0xFF is an ID", X2APIC, false, 0xFF, VLAPIC_SH_NONE, 0, 0x0 },
		{ "x2APIC broadcast", X2APIC, false, 0xFFFFFFFF, VLAPIC_SH_NONE, 0, 0xF },
		{ "x2APIC logical broadcast", X2APIC, true, 0xFFFFFFFF, VLAPIC_SH_NONE, 2, 0xF },
		{ "8-bit broadcast to x2APIC", X2APIC, false, 0xFF, VLAPIC_SH_NONE, -1, 0xF },
		{ "x2APIC cluster 0, members 0 1", X2APIC, true, 0x00000003, VLAPIC_SH_NONE, 0, 0x3 },
		{ "x2APIC cluster 0, member 2", X2APIC, true, 0x00000004, VLAPIC_SH_NONE, 0, 0x4 },
		{ "x2APIC cluster 2, member 1", X2APIC, true, 0x00020002, VLAPIC_SH_NONE, 0, 0x8 },
		{ "x2APIC cluster 2, member 0", X2APIC, true, 0x00020001, VLAPIC_SH_NONE, 0, 0x0 },
		{ "x2APIC member bits, wrong cluster", X2APIC, true, 0x00010003, VLAPIC_SH_NONE, 0, 0x0 },
		{ "self", XAPIC_FLAT, false, 0x00, VLAPIC_SH_SELF, 1, 0x2 },
		{ "all including self", XAPIC_FLAT, false, 0x00, VLAPIC_SH_ALL, 1, 0xF },
		{ "all excluding self", X2APIC, true, 0x00, VLAPIC_SH_OTHERS, 1, 0xD },
		{ "self ignores destination", X2APIC, true, 0xFFFFFFFF, VLAPIC_SH_SELF, 3, 0x8 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct dest_row *r = &rows[i];
		struct vlapic_ipi ipi = { .dest = r->dest, .shorthand = r->shorthand,
					  .dest_logical = r->logical, .vector = 0x40 };
		unsigned got;

		setup_vps(r->a);
		got = targets(r->source < 0 ? NULL : &vps[r->source], &ipi);
		if (got != r->expect)
			TEST_FAIL("%s: targets %#x, want %#x", r->what, got, r->expect);
	}
}

/* A reserved DFR model addresses nobody logically; a disabled APIC accepts nothing. */
TEST(unaddressable)
{
	struct vlapic_ipi logical = { .dest = 0x7F, .dest_logical = true, .vector = 0x40 };
	struct vlapic_ipi all = { .shorthand = VLAPIC_SH_ALL, .vector = 0x40 };

	setup_vps(XAPIC_FLAT);
	wr(&vps[1], APIC_REG_DFR, 0x70000000);
	CHECK_EQ(targets(&vps[0], &logical), 0xD);
	wrmsr_ok(&vps[2], MSR_IA32_APIC_BASE, APIC_DEFAULT_BASE);	/* EN = 0 */
	CHECK_EQ(targets(&vps[0], &all), 0xB);
	CHECK_EQ(targets(&vps[0], &logical), 0x9);
}

/* xAPIC ICR: destination from ICR high bits 31:24, sent on the low write. */
TEST(xapic_icr_decode)
{
	struct vlapic v;
	const struct vlapic_ipi *ipi = &last_effect.ipi;

	setup(&v, 0);
	enable_sw(&v);
	wr(&v, APIC_REG_ICR_HIGH, 0x03000000);
	CHECK_EQ(last_effect.flags, 0);
	wr(&v, APIC_REG_ICR_LOW, ICR_LEVEL_ASSERT | ICR_DEST_LOGICAL | ICR_DM_LOWEST | 0xF1);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_IPI);
	CHECK_EQ(ipi->dest, 3);
	CHECK_EQ(ipi->vector, 0xF1);
	CHECK_EQ(ipi->delivery_mode, VLAPIC_DM_LOWEST);
	CHECK(ipi->dest_logical && ipi->level && !ipi->trigger_level);
	CHECK_EQ(ipi->shorthand, VLAPIC_SH_NONE);
	CHECK_EQ(rd(&v, APIC_REG_ICR_LOW) & ICR_DELIVERY_PENDING, 0);	/* always idle */

	/* Linux's INIT assert, de-assert and start-up sequence. */
	wr(&v, APIC_REG_ICR_LOW, ICR_TRIGGER_LEVEL | ICR_LEVEL_ASSERT | ICR_DM_INIT);
	CHECK(ipi->delivery_mode == VLAPIC_DM_INIT && ipi->level && ipi->trigger_level);
	wr(&v, APIC_REG_ICR_LOW, ICR_TRIGGER_LEVEL | ICR_DM_INIT);
	CHECK(ipi->delivery_mode == VLAPIC_DM_INIT && !ipi->level && ipi->trigger_level);
	wr(&v, APIC_REG_ICR_LOW, ICR_DM_STARTUP | 0x9A);
	CHECK(ipi->delivery_mode == VLAPIC_DM_STARTUP && ipi->vector == 0x9A);
	wr(&v, APIC_REG_ICR_LOW, ICR_SHORTHAND_OTHERS | ICR_DM_NMI);
	CHECK(ipi->delivery_mode == VLAPIC_DM_NMI && ipi->shorthand == VLAPIC_SH_OTHERS);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_IPI);	/* vector 0 is fine for NMI */
	wr(&v, APIC_REG_ICR_LOW, ICR_DM_FIXED | 0x0F);	/* illegal vector: not sent */
	CHECK_EQ(last_effect.flags, 0);
	CHECK_EQ(esr_read(&v), ESR_SEND_ILLEGAL_VECTOR);
}

/* x2APIC ICR: one 64-bit write, destination in bits 63:32 (SDM 10.12.9). */
TEST(x2apic_icr_decode)
{
	struct vlapic v;
	const struct vlapic_ipi *ipi = &last_effect.ipi;

	setup(&v, 0);
	to_x2apic(&v);
	wrmsr_ok(&v, x2msr(APIC_REG_SVR), SVR_APIC_ENABLE | 0xFF);
	wrmsr_ok(&v, MSR_X2APIC_ICR, 0x0002000100000000ull | ICR_DEST_LOGICAL | 0x41);
	CHECK_EQ(last_effect.flags, VLAPIC_EFFECT_IPI);
	CHECK_EQ(ipi->dest, 0x00020001);
	CHECK(ipi->dest_logical && ipi->vector == 0x41 && ipi->delivery_mode == VLAPIC_DM_FIXED);
	CHECK_EQ(rdmsr_ok(&v, MSR_X2APIC_ICR), 0x0002000100000000ull | ICR_DEST_LOGICAL | 0x41);
	wrmsr_ok(&v, MSR_X2APIC_ICR, ICR_SHORTHAND_SELF | 0x42);
	CHECK(vlapic_matches_dest(&v, &v, ipi));
	vlapic_deliver(&v, ipi->delivery_mode, ipi->vector, ipi->trigger_level, ipi->level);
	CHECK_EQ(take(&v), 0x42);
	/* SELF_IPI needs no routing: the vector is pending at once. */
	wrmsr_ok(&v, x2msr(APIC_REG_SELF_IPI), 0x61);
	CHECK_EQ(last_effect.flags, 0);
	CHECK_EQ(vlapic_pending_vector(&v), 0x61);
}

/* A whole round trip between two VPs: send, match, deliver, accept, EOI. */
TEST(ipi_round_trip)
{
	struct vlapic_ipi ipi;

	setup_vps(X2APIC);
	wrmsr_ok(&vps[0], MSR_X2APIC_ICR, (uint64_t)0x21 << ICR_X2APIC_DEST_SHIFT | 0xFD);
	ipi = last_effect.ipi;
	for (unsigned i = 0; i < NR_VPS; i++)
		if (vlapic_matches_dest(&vps[i], &vps[0], &ipi))
			vlapic_post_event(&vps[i], ipi.delivery_mode, ipi.vector, ipi.trigger_level,
					  ipi.level);
	CHECK_EQ(vlapic_pending_vector(&vps[1]), -1);
	CHECK_EQ(take(&vps[3]), 0xFD);
	wrmsr_ok(&vps[3], x2msr(APIC_REG_EOI), 0);
	CHECK_EQ(vlapic_pending_vector(&vps[3]), -1);
}

int main(void)
{
	return test_main();
}
