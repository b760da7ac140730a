// SPDX-License-Identifier: GPL-2.0
/* I/O APIC model: 82093AA registers, edge and level pins, Remote IRR and EOI, board polarity. */
#include "test.h"

#include "ioapic.h"
#include "platform.h"

struct sink {
	unsigned n;
	struct ioapic_delivery last;
};

static void record(void *opaque, const struct ioapic_delivery *d)
{
	struct sink *s = opaque;

	s->n++;
	s->last = *d;
}

static struct ioapic io;
static struct sink sink;

static void setup(uint32_t active_low)
{
	struct ioapic_ops ops = { record, &sink };

	memset(&sink, 0, sizeof(sink));
	ioapic_init(&io, 2, active_low, &ops);
}

static uint32_t reg_read(uint32_t index)
{
	ioapic_write(&io, IOAPIC_REG_SELECT, 4, index);
	return ioapic_read(&io, IOAPIC_REG_WINDOW, 4);
}

static void reg_write(uint32_t index, uint32_t value)
{
	ioapic_write(&io, IOAPIC_REG_SELECT, 4, index);
	ioapic_write(&io, IOAPIC_REG_WINDOW, 4, value);
}

static void program(unsigned pin, uint32_t low, uint8_t dest)
{
	reg_write(IOAPIC_INDEX_REDTBL + 2 * pin + 1, (uint32_t)dest << 24);
	reg_write(IOAPIC_INDEX_REDTBL + 2 * pin, low);
}

TEST(id_version_arbitration)
{
	setup(0);
	CHECK_EQ(reg_read(IOAPIC_INDEX_ID), 2u << 24);
	CHECK_EQ(reg_read(IOAPIC_INDEX_VERSION), 0x00170011u);	/* 24 entries, version 0x11 */
	CHECK_EQ(reg_read(IOAPIC_INDEX_ARB), 2u << 24);
	reg_write(IOAPIC_INDEX_ID, 0xFFFFFFFF);
	CHECK_EQ(reg_read(IOAPIC_INDEX_ID), 0x0Fu << 24);	/* 4-bit ID */
	CHECK_EQ(reg_read(IOAPIC_INDEX_ARB), 0x0Fu << 24);
	reg_write(IOAPIC_INDEX_VERSION, 0);
	CHECK_EQ(reg_read(IOAPIC_INDEX_VERSION), 0x00170011u);
	CHECK_EQ(reg_read(0x05), 0u);
	CHECK_EQ(reg_read(0x40), 0u);	/* past the table */
}

TEST(reset_state_masked)
{
	setup(0);
	for (unsigned pin = 0; pin < 24; pin++) {
		CHECK_EQ(reg_read(0x10 + 2 * pin), 1u << 16);
		CHECK_EQ(reg_read(0x11 + 2 * pin), 0u);
	}
	ioapic_set_irq(&io, 4, true);
	CHECK_EQ(sink.n, 0u);
}

TEST(select_register_reads_back_8_bits)
{
	setup(0);
	ioapic_write(&io, 0, 4, 0x12345678);
	CHECK_EQ(ioapic_read(&io, 0, 4), 0x78u);
}

TEST(rte_writable_bits)
{
	setup(0);
	reg_write(0x10, 0xFFFFFFFF);
	/* delivery status and remote IRR are read-only; bits 31:17 reserved */
	CHECK_EQ(reg_read(0x10), 0x0001AFFFu);
	reg_write(0x11, 0xFFFFFFFF);
	CHECK_EQ(reg_read(0x11), 0xFF000000u);
}

TEST(edge_delivers_on_rising_edge_only)
{
	setup(0);
	program(4, 0x31, 1);	/* fixed, physical, edge, high, unmasked */
	ioapic_set_irq(&io, 4, true);
	CHECK_EQ(sink.n, 1u);
	CHECK_EQ(sink.last.vector, 0x31);
	CHECK_EQ(sink.last.dest, 1u);
	CHECK(!sink.last.level_triggered);
	CHECK(!sink.last.dest_logical);
	ioapic_set_irq(&io, 4, true);	/* no new edge */
	CHECK_EQ(sink.n, 1u);
	ioapic_set_irq(&io, 4, false);
	ioapic_set_irq(&io, 4, true);
	CHECK_EQ(sink.n, 2u);
	CHECK_EQ(reg_read(0x10 + 8) & IOAPIC_RTE_REMOTE_IRR, 0u);
}

TEST(edge_on_masked_pin_is_lost)
{
	setup(0);
	program(2, 0x30 | IOAPIC_RTE_MASKED, 0);
	ioapic_set_irq(&io, 2, true);
	ioapic_set_irq(&io, 2, false);
	program(2, 0x30, 0);
	CHECK_EQ(sink.n, 0u);
}

TEST(level_remote_irr_and_eoi)
{
	setup(0);
	program(10, 0x41 | IOAPIC_RTE_LEVEL, 0);
	ioapic_set_irq(&io, 10, true);
	CHECK_EQ(sink.n, 1u);
	CHECK(sink.last.level_triggered);
	CHECK(reg_read(0x10 + 20) & IOAPIC_RTE_REMOTE_IRR);
	ioapic_set_irq(&io, 10, true);
	CHECK_EQ(sink.n, 1u);	/* in service: nothing more until EOI */
	ioapic_eoi(&io, 0x42);	/* another vector */
	CHECK_EQ(sink.n, 1u);
	ioapic_eoi(&io, 0x41);	/* still asserted: re-delivered */
	CHECK_EQ(sink.n, 2u);
	CHECK(reg_read(0x10 + 20) & IOAPIC_RTE_REMOTE_IRR);
	ioapic_set_irq(&io, 10, false);
	ioapic_eoi(&io, 0x41);
	CHECK_EQ(sink.n, 2u);
	CHECK_EQ(reg_read(0x10 + 20) & IOAPIC_RTE_REMOTE_IRR, 0u);
}

TEST(level_unmask_while_asserted_delivers)
{
	setup(0);
	program(7, 0x50 | IOAPIC_RTE_LEVEL | IOAPIC_RTE_MASKED, 0);
	ioapic_set_irq(&io, 7, true);
	CHECK_EQ(sink.n, 0u);
	program(7, 0x50 | IOAPIC_RTE_LEVEL, 0);
	CHECK_EQ(sink.n, 1u);
}

TEST(edge_flip_clears_remote_irr)
{
	/* Linux's __eoi_ioapic_pin on a version 0x11 part. */
	setup(0);
	program(5, 0x60 | IOAPIC_RTE_LEVEL, 0);
	ioapic_set_irq(&io, 5, true);
	CHECK(reg_read(0x10 + 10) & IOAPIC_RTE_REMOTE_IRR);
	ioapic_set_irq(&io, 5, false);
	program(5, 0x60 | IOAPIC_RTE_MASKED, 0);
	CHECK_EQ(reg_read(0x10 + 10) & IOAPIC_RTE_REMOTE_IRR, 0u);
	program(5, 0x60 | IOAPIC_RTE_LEVEL, 0);
	CHECK_EQ(reg_read(0x10 + 10) & IOAPIC_RTE_REMOTE_IRR, 0u);
	CHECK_EQ(sink.n, 1u);
}

TEST(active_low_sci_needs_matching_polarity)
{
	setup(PLATFORM_GSI_ACTIVE_LOW);
	/* Programmed as the MADT override says: level, active low. */
	program(9, 0x39 | IOAPIC_RTE_LEVEL | IOAPIC_RTE_POLARITY_LOW, 0);
	CHECK_EQ(sink.n, 0u);
	ioapic_set_irq(&io, 9, true);
	CHECK_EQ(sink.n, 1u);
	ioapic_set_irq(&io, 9, false);
	ioapic_eoi(&io, 0x39);
	CHECK_EQ(sink.n, 1u);
	/* Programmed active high, the idle (electrically high) line looks asserted. */
	program(9, 0x39 | IOAPIC_RTE_LEVEL, 0);
	CHECK_EQ(sink.n, 2u);
}

TEST(delivery_fields)
{
	setup(0);
	program(3, 0x77 | (IOAPIC_DELMODE_LOWPRI << 8) | IOAPIC_RTE_DEST_LOGICAL, 0x0F);
	ioapic_set_irq(&io, 3, true);
	CHECK_EQ(sink.last.delivery_mode, IOAPIC_DELMODE_LOWPRI);
	CHECK(sink.last.dest_logical);
	CHECK_EQ(sink.last.dest, 0x0Fu);
	CHECK_EQ(sink.last.vector, 0x77);
}

TEST(narrow_and_odd_accesses)
{
	setup(0);
	ioapic_write(&io, 0, 1, IOAPIC_INDEX_VERSION);
	CHECK_EQ(ioapic_read(&io, 0x10, 1), 0x11u);
	CHECK_EQ(ioapic_read(&io, 0x12, 1), 0x17u);
	CHECK_EQ(ioapic_read(&io, 0x12, 2), 0x17u);
	CHECK_EQ(ioapic_read(&io, 0x11, 4), 0x00170011u >> 8);
	ioapic_write(&io, 0, 1, 0x10);
	ioapic_write(&io, 0x10, 1, 0x99);	/* vector byte only; mask stays */
	CHECK_EQ(ioapic_read(&io, 0x10, 4), 0x00010099u);
	ioapic_write(&io, 0x12, 1, 0x00);	/* unmask through the third byte */
	CHECK_EQ(ioapic_read(&io, 0x10, 4), 0x00000099u);
	CHECK_EQ(ioapic_read(&io, 0x20, 4), 0u);
	CHECK_EQ(ioapic_read(&io, 0xFFF, 4), 0u);
	CHECK_EQ(ioapic_read(&io, 0x10, 0), 0u);
	ioapic_set_irq(&io, 24, true);
	ioapic_set_irq(&io, 1000, true);
	CHECK_EQ(sink.n, 0u);
}

int main(void)
{
	return test_main();
}
