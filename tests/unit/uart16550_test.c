// SPDX-License-Identifier: GPL-2.0
/* 16550A model: PC16550D register semantics, Linux's 8250 probe, FIFOs, timeout and priorities. */
#include "test.h"

#include "dev_fake.h"
#include "uart16550.h"

#define GSI 4

static struct uart16550 u;
static uint8_t sent[512];
static unsigned nsent;
static bool host_full;

static bool host_tx(void *opaque, uint8_t byte)
{
	(void)opaque;
	if (host_full || nsent >= sizeof(sent))
		return false;
	sent[nsent++] = byte;
	return true;
}

static void setup(void)
{
	struct uart_ops ops = { host_tx, 0 };

	fake_reset(1000);
	nsent = 0;
	host_full = false;
	uart_init(&u, &fake_clock, &fake_irq_line, GSI, &ops);
}

static uint8_t in(uint16_t off)
{
	return (uint8_t)uart_read(&u, off, 1);
}

static void out(uint16_t off, uint8_t v)
{
	uart_write(&u, off, 1, v);
}

/* Linux 8250 autoconfig() and autoconfig_16550a(), reduced to the decisions they make. */
enum port_type { P_NONE, P_8250, P_16450, P_16550, P_16550A, P_16650, P_16750, P_XSCALE,
		 P_NS16550A, P_U6_16550A };

static int size_fifo(void)
{
	uint8_t old_lcr = in(UART_LCR), old_fcr, old_mcr;
	int count;

	out(UART_LCR, 0);
	old_fcr = in(UART_FCR);	/* reads IIR, as Linux does */
	old_mcr = in(UART_MCR);
	out(UART_FCR, 0x07);
	out(UART_MCR, UART_MCR_LOOP);
	out(UART_LCR, 0x80);
	out(UART_DLL, 1);
	out(UART_DLM, 0);
	out(UART_LCR, 0x03);
	for (count = 0; count < 256; count++)
		out(UART_THR, (uint8_t)count);
	fake_now += 20000000;	/* mdelay(20) */
	for (count = 0; (in(UART_LSR) & UART_LSR_DR) && count < 256; count++)
		in(UART_RBR);
	out(UART_FCR, old_fcr);
	out(UART_MCR, old_mcr);
	out(UART_LCR, old_lcr);
	return count;
}

static enum port_type linux_autoconfig(void)
{
	uint8_t scratch, scratch2, scratch3, save_mcr, status1, status2, ier;

	scratch = in(UART_IER);
	out(UART_IER, 0);
	scratch2 = in(UART_IER) & 0x0F;
	out(UART_IER, 0x0F);
	scratch3 = in(UART_IER) & 0x0F;
	out(UART_IER, scratch);
	if (scratch2 != 0 || scratch3 != 0x0F)
		return P_NONE;
	save_mcr = in(UART_MCR);
	out(UART_MCR, UART_MCR_LOOP | 0x0A);
	status1 = in(UART_MSR) & 0xF0;
	out(UART_MCR, save_mcr);
	if (status1 != 0x90)
		return P_NONE;
	out(UART_LCR, 0xBF);
	out(UART_FCR, 0);	/* EFR */
	out(UART_LCR, 0);
	out(UART_FCR, UART_FCR_ENABLE);
	switch (in(UART_IIR) >> 6) {
	case 0:
		out(UART_SCR, 0xA5);
		return in(UART_SCR) == 0xA5 ? P_16450 : P_8250;
	case 2:
		return P_16550;
	case 3:
		break;
	default:
		return P_NONE;
	}
	out(UART_LCR, 0x80);
	if (in(UART_FCR) == 0)
		return P_16650;
	out(UART_LCR, 0xBF);
	if (in(UART_FCR) == 0)
		return P_16650;
	out(UART_LCR, 0);
	status1 = in(UART_MCR);
	out(UART_LCR, 0xE0);
	status2 = in(0x02);
	if (!((status2 ^ status1) & UART_MCR_LOOP)) {
		out(UART_LCR, 0);
		out(UART_MCR, status1 ^ UART_MCR_LOOP);
		out(UART_LCR, 0xE0);
		status2 = in(0x02);
		out(UART_LCR, 0);
		out(UART_MCR, status1);
		if ((status2 ^ status1) & UART_MCR_LOOP)
			return P_NS16550A;
	}
	out(UART_LCR, 0);
	out(UART_FCR, UART_FCR_ENABLE | 0x20);
	status1 = in(UART_IIR) >> 5;
	out(UART_FCR, UART_FCR_ENABLE);
	out(UART_LCR, 0x80);
	out(UART_FCR, UART_FCR_ENABLE | 0x20);
	status2 = in(UART_IIR) >> 5;
	out(UART_FCR, UART_FCR_ENABLE);
	out(UART_LCR, 0);
	if (status1 == 6 && status2 == 7)
		return P_16750;
	ier = in(UART_IER);
	out(UART_IER, ier & ~0x40);
	if (!(in(UART_IER) & 0x40)) {
		out(UART_IER, ier | 0x40);
		if (in(UART_IER) & 0x40)
			return P_XSCALE;
	}
	out(UART_IER, ier);
	return size_fifo() == 64 ? P_U6_16550A : P_16550A;
}

TEST(reset_values)
{
	setup();
	CHECK_EQ(in(UART_IER), 0);
	CHECK_EQ(in(UART_IIR), UART_IIR_NO_INT);
	CHECK_EQ(in(UART_LCR), 0);
	CHECK_EQ(in(UART_MCR), 0);
	CHECK_EQ(in(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
	CHECK_EQ(in(UART_MSR), UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS);
	CHECK_EQ(in(UART_SCR), 0);
	out(UART_LCR, UART_LCR_DLAB);
	CHECK_EQ(in(UART_DLL), 12);
	CHECK_EQ(in(UART_DLM), 0);
}

TEST(linux_autoconfig_finds_16550a)
{
	setup();
	CHECK_EQ(linux_autoconfig(), P_16550A);
	CHECK_EQ(fake_irq.rises[GSI], 0u);	/* OUT2 was never set */
	CHECK_EQ(nsent, 0u);			/* the FIFO sizing ran in loopback */
}

TEST(size_fifo_counts_16)
{
	setup();
	CHECK_EQ(size_fifo(), 16);
	CHECK(in(UART_LSR) & UART_LSR_THRE);
}

TEST(linux_thre_retest_and_txen_test)
{
	uint8_t iir1, iir;

	setup();
	out(UART_IER, UART_IER_ETBEI);
	iir1 = in(UART_IIR);
	out(UART_IER, 0);
	out(UART_IER, UART_IER_ETBEI);
	iir = in(UART_IIR);
	out(UART_IER, 0);
	CHECK_EQ(iir1 & 0x0F, UART_IIR_THRI);
	CHECK_EQ(iir & 0x0F, UART_IIR_THRI);	/* re-asserted: no UART_BUG_THRE */
	out(UART_LCR, 0x03);
	out(UART_MCR, UART_MCR_OUT2 | UART_MCR_DTR | UART_MCR_RTS);
	out(UART_IER, UART_IER_ETBEI);
	CHECK(fake_irq.level[GSI]);
	CHECK(in(UART_LSR) & UART_LSR_TEMT);
	CHECK_EQ(in(UART_IIR) & 0x0F, UART_IIR_THRI);	/* no UART_BUG_TXEN */
	CHECK(!fake_irq.level[GSI]);
	out(UART_IER, 0);
}

TEST(ier_high_bits_read_zero)
{
	setup();
	out(UART_IER, 0xFF);
	CHECK_EQ(in(UART_IER), 0x0F);
	out(UART_MCR, 0xFF);
	CHECK_EQ(in(UART_MCR), 0x1F);
}

TEST(transmit_goes_to_host_and_thre_interrupts)
{
	setup();
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_FCR, UART_FCR_ENABLE);
	out(UART_IER, UART_IER_ETBEI);
	CHECK(fake_irq.level[GSI]);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_THRI);
	CHECK(!fake_irq.level[GSI]);
	out(UART_THR, 'h');
	out(UART_THR, 'i');
	CHECK_EQ(nsent, 2u);
	CHECK(sent[0] == 'h' && sent[1] == 'i');
	CHECK(fake_irq.level[GSI]);	/* emptied again */
	CHECK_EQ(in(UART_IIR) & 0x0F, UART_IIR_THRI);
	CHECK_EQ(in(UART_IIR) & 0x0F, UART_IIR_NO_INT);
}

TEST(transmit_back_pressure)
{
	setup();
	out(UART_FCR, UART_FCR_ENABLE);
	out(UART_MCR, UART_MCR_OUT2);
	host_full = true;
	for (int i = 0; i < 20; i++)
		out(UART_THR, (uint8_t)('a' + i));
	CHECK_EQ(in(UART_LSR) & (UART_LSR_THRE | UART_LSR_TEMT), 0);
	out(UART_IER, UART_IER_ETBEI);
	CHECK(!fake_irq.level[GSI]);
	host_full = false;
	uart_tx_ready(&u);
	CHECK_EQ(nsent, 16u);	/* 4 bytes were lost to a full FIFO, as on the chip */
	CHECK_EQ(sent[15], 'p');
	CHECK(fake_irq.level[GSI]);
	CHECK_EQ(in(UART_LSR) & (UART_LSR_THRE | UART_LSR_TEMT), UART_LSR_THRE | UART_LSR_TEMT);
}

TEST(receive_trigger_level_and_fifo_bound)
{
	uint8_t buf[32];

	setup();
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)i;
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_FCR, UART_FCR_ENABLE | (2 << UART_FCR_TRIG_SHIFT));	/* 8 bytes, as Linux sets */
	out(UART_IER, UART_IER_ERBFI);
	CHECK_EQ(uart_receive(&u, buf, 7), 7u);
	CHECK(!fake_irq.level[GSI]);
	CHECK_EQ(uart_receive(&u, buf + 7, 1), 1u);
	CHECK(fake_irq.level[GSI]);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_RDI);
	CHECK_EQ(uart_receive(&u, buf + 8, 24), 8u);	/* only 16 fit */
	CHECK_EQ(uart_rx_space(&u), 0u);
	for (unsigned i = 0; i < 16; i++) {
		CHECK(in(UART_LSR) & UART_LSR_DR);
		CHECK_EQ(in(UART_RBR), i);
	}
	CHECK_EQ(in(UART_LSR) & UART_LSR_DR, 0);
	CHECK(!fake_irq.level[GSI]);
	CHECK_EQ(in(UART_LSR) & UART_LSR_OE, 0);	/* host input never overruns */
}

TEST(character_timeout_interrupt)
{
	uint64_t t0, deadline;

	setup();
	out(UART_LCR, UART_LCR_DLAB);
	out(UART_DLL, 1);	/* 115200 baud */
	out(UART_LCR, 0x03);	/* 8N1: 10 bits, 86.8 us a character */
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_FCR, UART_FCR_ENABLE | (2 << UART_FCR_TRIG_SHIFT));
	out(UART_IER, UART_IER_ERBFI);
	CHECK_EQ(uart_next_deadline_ns(&u), DEV_NO_DEADLINE);
	t0 = fake_now;
	CHECK_EQ(uart_receive(&u, (const uint8_t *)"ls\r", 3), 3u);
	deadline = uart_next_deadline_ns(&u);
	CHECK_EQ(deadline, t0 + 4 * 86805);
	fake_now = deadline - 1;
	uart_advance(&u, fake_now);
	CHECK(!fake_irq.level[GSI]);
	fake_now = deadline;
	uart_advance(&u, fake_now);
	CHECK(fake_irq.level[GSI]);
	CHECK(uart_next_deadline_ns(&u) > fake_now);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_TIMEOUT);
	CHECK_EQ(in(UART_RBR), 'l');	/* a read restarts the timer and clears the interrupt */
	CHECK(!fake_irq.level[GSI]);
	CHECK_EQ(uart_next_deadline_ns(&u), fake_now + 4 * 86805);
	in(UART_RBR);
	in(UART_RBR);
	CHECK_EQ(uart_next_deadline_ns(&u), DEV_NO_DEADLINE);
}

TEST(no_timeout_in_16450_mode)
{
	setup();
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_IER, UART_IER_ERBFI);
	CHECK_EQ(uart_receive(&u, (const uint8_t *)"ab", 2), 1u);	/* one holding register */
	CHECK(fake_irq.level[GSI]);
	CHECK_EQ(in(UART_IIR), UART_IIR_RDI);	/* no FIFO bits */
	CHECK_EQ(uart_next_deadline_ns(&u), DEV_NO_DEADLINE);
}

TEST(priorities_line_status_over_data_over_thre_over_modem)
{
	setup();
	out(UART_MCR, UART_MCR_OUT2 | UART_MCR_LOOP);
	out(UART_FCR, UART_FCR_ENABLE);
	out(UART_IER, UART_IER_MASK);
	for (int i = 0; i < 17; i++)
		out(UART_THR, 'x');	/* loopback: the 17th overruns */
	out(UART_MCR, UART_MCR_OUT2 | UART_MCR_LOOP | UART_MCR_RTS);	/* DCTS */
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_RLSI);
	CHECK_EQ(in(UART_LSR) & (UART_LSR_OE | UART_LSR_DR), UART_LSR_OE | UART_LSR_DR);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_RDI);
	for (int i = 0; i < 16; i++)
		in(UART_RBR);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_THRI);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_MSI);
	/* Entering loopback dropped the host's DSR and CTS; RTS then raised CTS. */
	CHECK_EQ(in(UART_MSR) & UART_MSR_DELTAS, UART_MSR_DCTS | UART_MSR_DDSR);
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_NO_INT);
}

TEST(loopback_modem_lines_and_irq_gating)
{
	setup();
	out(UART_IER, UART_IER_ETBEI);
	out(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
	CHECK(!fake_irq.level[GSI]);	/* OUT2 does not reach the pin in loopback */
	CHECK_EQ(in(UART_IIR) & 0x0F, UART_IIR_THRI);
	out(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_OUT1);
	CHECK_EQ(in(UART_MSR) & 0xF0, UART_MSR_DSR | UART_MSR_RI);
	out(UART_MCR, UART_MCR_LOOP);
	CHECK_EQ(in(UART_MSR), UART_MSR_DDSR | UART_MSR_TERI);
	CHECK_EQ(uart_receive(&u, (const uint8_t *)"z", 1), 0u);	/* receiver disconnected */
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_IER, 0);
	out(UART_IER, UART_IER_ETBEI);
	CHECK(fake_irq.level[GSI]);
}

TEST(modem_inputs_from_host)
{
	setup();
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_IER, UART_IER_EDSSI);
	uart_set_modem_inputs(&u, UART_MSR_DSR | UART_MSR_CTS);	/* carrier lost */
	CHECK(fake_irq.level[GSI]);
	CHECK_EQ(in(UART_MSR), UART_MSR_DSR | UART_MSR_CTS | UART_MSR_DDCD);
	CHECK(!fake_irq.level[GSI]);
}

TEST(break_reads_as_nul_with_bi)
{
	setup();
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_FCR, UART_FCR_ENABLE);
	out(UART_IER, UART_IER_ELSI | UART_IER_ERBFI);
	CHECK(uart_receive_break(&u));
	CHECK_EQ(in(UART_IIR), 0xC0 | UART_IIR_RLSI);
	CHECK_EQ(in(UART_LSR), UART_LSR_DR | UART_LSR_BI | UART_LSR_THRE | UART_LSR_TEMT | UART_LSR_RXFE);
	CHECK_EQ(in(UART_LSR), UART_LSR_DR | UART_LSR_THRE | UART_LSR_TEMT);
	CHECK_EQ(in(UART_RBR), 0);
}

TEST(fifo_disable_clears_and_iir_bits_follow)
{
	setup();
	out(UART_FCR, UART_FCR_ENABLE);
	CHECK_EQ(uart_receive(&u, (const uint8_t *)"abc", 3), 3u);
	CHECK_EQ(in(UART_IIR) & 0xC0, 0xC0);
	out(UART_FCR, 0x80);	/* FCR0 clear: FIFOs off, trigger bits ignored */
	CHECK_EQ(in(UART_IIR) & 0xC0, 0);
	CHECK_EQ(in(UART_LSR) & UART_LSR_DR, 0);
	out(UART_FCR, UART_FCR_ENABLE);
	CHECK_EQ(uart_receive(&u, (const uint8_t *)"abc", 3), 3u);
	out(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX);
	CHECK_EQ(in(UART_LSR) & UART_LSR_DR, 0);
}

TEST(wide_and_stray_accesses)
{
	setup();
	out(UART_SCR, 0x5A);
	CHECK_EQ(uart_read(&u, UART_SCR, 2), 0xFF5Au);	/* byte 2 is past the UART */
	CHECK_EQ(uart_read(&u, UART_LCR, 2), 0x0000u);	/* LCR then MCR */
	uart_write(&u, UART_LCR, 2, 0x0B03);
	CHECK_EQ(in(UART_LCR), 0x03);
	CHECK_EQ(in(UART_MCR), 0x0B);
	CHECK_EQ(uart_read(&u, 200, 4), 0xFFFFFFFFu);
	uart_write(&u, 200, 4, 0);
	CHECK_EQ(uart_read(&u, 0, 0), 0u);
}

int main(void)
{
	return test_main();
}
