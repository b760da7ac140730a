// SPDX-License-Identifier: GPL-2.0
/* 8259A pair: Linux's init and probe, IRR/ISR reads, priorities, EOI forms, cascade, ELCR. */
#include "test.h"

#include "pic8259.h"
#include "platform.h"

static struct pic8259 pic;

static uint8_t in(uint16_t port)
{
	return (uint8_t)pic_read(&pic, port, 1);
}

static void out(uint16_t port, uint8_t v)
{
	pic_write(&pic, port, 1, v);
}

/* arch/x86/kernel/i8259.c init_8259A(0) */
static void linux_init(void)
{
	pic_init(&pic);
	out(0x21, 0xFF);
	out(0xA1, 0xFF);
	out(0x20, 0x11);	/* ICW1: edge, cascade, ICW4 */
	out(0x21, 0x30);	/* ICW2: vectors 0x30-0x37 */
	out(0x21, 1u << PIC_CASCADE_IRQ);	/* ICW3: slave on IR2 */
	out(0x21, 0x01);	/* ICW4: 8086, normal EOI */
	out(0xA0, 0x11);
	out(0xA1, 0x38);
	out(0xA1, PIC_CASCADE_IRQ);
	out(0xA1, 0x01);
	out(0x21, 0xFB);	/* everything masked but the cascade */
	out(0xA1, 0xFF);
}

TEST(linux_probe_reads_back_the_mask)
{
	pic_init(&pic);
	out(0xA1, 0xFF);
	out(0x21, 0xFB);	/* probe_8259A */
	CHECK_EQ(in(0x21), 0xFB);
	CHECK_EQ(in(0xA1), 0xFF);
}

TEST(init_sequence_and_vectors)
{
	linux_init();
	CHECK_EQ(in(0x21), 0xFB);
	out(0x21, 0xFA);	/* unmask IRQ0 */
	CHECK(!pic_int_pending(&pic));
	pic_set_irq(&pic, 0, true);
	CHECK(pic_int_pending(&pic));
	CHECK_EQ(in(0x20), 0x01);	/* IRR by default */
	CHECK_EQ(pic_intack(&pic), 0x30);
	out(0x20, 0x0B);	/* OCW3: read ISR */
	CHECK_EQ(in(0x20), 0x01);
	CHECK(!pic_int_pending(&pic));
	out(0x20, 0x20);	/* non-specific EOI */
	CHECK_EQ(in(0x20), 0x00);
	out(0x20, 0x0A);	/* back to IRR */
	CHECK_EQ(in(0x20), 0x00);	/* edge request consumed by INTA */
}

TEST(masked_request_stays_in_irr)
{
	linux_init();
	pic_set_irq(&pic, 4, true);
	CHECK_EQ(in(0x20), 0x10);
	CHECK(!pic_int_pending(&pic));
	CHECK_EQ(pic_intack(&pic), 0x37);	/* spurious IR7 */
}

TEST(priority_and_nesting)
{
	linux_init();
	out(0x21, 0x00);
	pic_set_irq(&pic, 5, true);
	CHECK_EQ(pic_intack(&pic), 0x35);
	pic_set_irq(&pic, 6, true);
	CHECK(!pic_int_pending(&pic));	/* lower than the one in service */
	pic_set_irq(&pic, 1, true);
	CHECK(pic_int_pending(&pic));	/* higher: nests */
	CHECK_EQ(pic_intack(&pic), 0x31);
	out(0x20, 0x0B);
	CHECK_EQ(in(0x20), 0x22);
	out(0x20, 0x65);	/* specific EOI for IR5 */
	CHECK_EQ(in(0x20), 0x02);
	out(0x20, 0x20);
	CHECK_EQ(in(0x20), 0x00);
	CHECK_EQ(pic_intack(&pic), 0x36);
}

TEST(cascade_through_slave)
{
	linux_init();
	out(0xA1, 0xFE);	/* unmask IRQ8 */
	pic_set_irq(&pic, 8, true);
	CHECK(pic_int_pending(&pic));
	CHECK_EQ(pic_intack(&pic), 0x38);
	out(0xA0, 0x0B);
	CHECK_EQ(in(0xA0), 0x01);
	out(0x20, 0x0B);
	CHECK_EQ(in(0x20), 1u << PIC_CASCADE_IRQ);
	out(0xA0, 0x20);
	out(0x20, 0x20);
	CHECK_EQ(in(0xA0), 0);
	CHECK_EQ(in(0x20), 0);
}

TEST(elcr_level_inputs)
{
	linux_init();
	out(PLATFORM_ELCR_MASTER, 0xFF);
	out(PLATFORM_ELCR_SLAVE, 0xFF);
	CHECK_EQ(in(PLATFORM_ELCR_MASTER), ELCR_MASTER_MASK);	/* IRQ0-2 are edge only */
	CHECK_EQ(in(PLATFORM_ELCR_SLAVE), ELCR_SLAVE_MASK);	/* IRQ8 and 13 too */
	CHECK_EQ(pic_read(&pic, PLATFORM_ELCR_MASTER, 2), ELCR_MASTER_MASK | ELCR_SLAVE_MASK << 8);
	out(0xA1, 0x00);
	out(0x21, 0x00);
	pic_set_irq(&pic, 9, true);
	CHECK_EQ(pic_intack(&pic), 0x39);
	out(0xA0, 0x20);
	out(0x20, 0x20);
	CHECK(pic_int_pending(&pic));	/* still asserted: level */
	pic_set_irq(&pic, 9, false);
	CHECK(!pic_int_pending(&pic));
}

TEST(auto_eoi_and_poll)
{
	pic_init(&pic);
	out(0x20, 0x13);	/* single, ICW4 */
	out(0x21, 0x08);
	out(0x21, PIC_ICW4_AEOI | 0x01);
	out(0x21, 0x00);
	pic_set_irq(&pic, 3, true);
	CHECK_EQ(pic_intack(&pic), 0x0B);
	out(0x20, 0x0B);
	CHECK_EQ(in(0x20), 0x00);	/* nothing in service with AEOI */
	pic_set_irq(&pic, 3, false);
	pic_set_irq(&pic, 3, true);
	out(0x20, 0x0C);	/* poll */
	CHECK_EQ(in(0x20), PIC_POLL_INT | 3);
	out(0x20, 0x0C);
	CHECK_EQ(in(0x20), 0);
}

TEST(rotation)
{
	linux_init();
	out(0x21, 0x00);
	out(0x20, 0xC4);	/* set priority: IR4 lowest, IR5 highest */
	pic_set_irq(&pic, 1, true);
	pic_set_irq(&pic, 6, true);
	CHECK_EQ(pic_intack(&pic), 0x36);
	out(0x20, 0xA0);	/* rotate on non-specific EOI: IR6 now lowest */
	CHECK_EQ(pic_intack(&pic), 0x31);
}

TEST(stray_accesses)
{
	pic_init(&pic);
	CHECK_EQ(pic_read(&pic, 0x22, 1), 0xFFu);
	CHECK_EQ(pic_read(&pic, 0x20, 4), 0xFFFF0000u);	/* 0x20, 0x21 then nothing */
	pic_write(&pic, 0x1000, 4, 0);
	pic_set_irq(&pic, 16, true);
	pic_set_irq(&pic, 99, true);
	CHECK(!pic_int_pending(&pic));
}

int main(void)
{
	return test_main();
}
