// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the worker's device models: a whole board (UART, PIT,
 * PIC, RTC, I/O APIC, ACPI PM, legacy ports) wired as the worker wires it,
 * driven by random port and MMIO accesses, host input, EOIs and clock jumps.
 * Checks: no crash or sanitizer report, FIFO and register bounds, and after
 * every <model>_advance(now) a next deadline strictly after now (the
 * worker's event loop must never spin).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#include "acpi_pm.h"
#include "acpi_tables.h"
#include "ioapic.h"
#include "legacy.h"
#include "pic8259.h"
#include "pit8254.h"
#include "platform.h"
#include "rtc_cmos.h"
#include "uart16550.h"

struct board {
	uint64_t now;
	struct uart16550 uart;
	struct pit8254 pit;
	struct pic8259 pic;
	struct rtc_cmos rtc;
	struct ioapic ioapic;
	struct acpi_pm pm;
	struct legacy legacy;
	bool host_full;
	uint8_t pending_eoi[16];	/* level vectors delivered, awaiting the guest's EOI */
	unsigned nr_pending_eoi;
	unsigned deliveries;
};

static struct board bd;

static uint64_t clock_now(void *opaque)
{
	(void)opaque;
	return bd.now;
}

/* GSI -> I/O APIC pin, and the ISA IRQ behind it -> PIC, as the worker routes lines. */
static void set_level(void *opaque, unsigned gsi, bool level)
{
	(void)opaque;
	FUZZ_CHECK(gsi < PLATFORM_IOAPIC_PINS);
	ioapic_set_irq(&bd.ioapic, gsi, level);
	pic_set_irq(&bd.pic, gsi == PLATFORM_PIT_GSI ? PLATFORM_PIT_ISA_IRQ : gsi, level);
}

static void deliver(void *opaque, const struct ioapic_delivery *d)
{
	(void)opaque;
	bd.deliveries++;
	FUZZ_CHECK(d->delivery_mode <= IOAPIC_DELMODE_EXTINT);
	if (d->level_triggered && bd.nr_pending_eoi < sizeof(bd.pending_eoi))
		bd.pending_eoi[bd.nr_pending_eoi++] = d->vector;
}

static bool host_tx(void *opaque, uint8_t byte)
{
	(void)opaque;
	(void)byte;
	return !bd.host_full;
}

static void on_sleep(void *opaque, unsigned slp_typ)
{
	(void)opaque;
	FUZZ_CHECK(slp_typ <= 7);
}

static void on_reset(void *opaque)
{
	(void)opaque;
}

static void board_init(void)
{
	static const struct dev_clock clock = { clock_now, 0 };
	static const struct dev_irq irq = { set_level, 0 };
	struct ioapic_ops io_ops = { deliver, 0 };
	struct uart_ops uart_ops = { host_tx, 0 };
	struct acpi_pm_ops pm_ops = { on_sleep, 0 };
	struct legacy_ops legacy_ops = { on_reset, 0 };

	memset(&bd, 0, sizeof(bd));
	bd.now = 1000;
	ioapic_init(&bd.ioapic, PLATFORM_IOAPIC_ID(2), PLATFORM_GSI_ACTIVE_LOW, &io_ops);
	pic_init(&bd.pic);
	uart_init(&bd.uart, &clock, &irq, PLATFORM_COM1_GSI, &uart_ops);
	pit_init(&bd.pit, &clock, &irq, PLATFORM_PIT_GSI);
	rtc_init(&bd.rtc, &clock, &irq, PLATFORM_RTC_GSI, 1709214307000000000ll, 0);
	acpi_pm_init(&bd.pm, &clock, &irq, PLATFORM_SCI_GSI, &pm_ops);
	legacy_init(&bd.legacy, &legacy_ops);
}

static bool in_range(uint16_t port, uint16_t base, uint16_t n)
{
	return port >= base && port < base + n;
}

/* The worker's port dispatch. Returns false for an unclaimed port. */
static bool port_io(uint16_t port, unsigned size, bool write, uint32_t *v)
{
#define IO(read_fn, write_fn, state, where)                              \
	do {                                                             \
		if (write)                                               \
			write_fn(state, where, size, *v);                \
		else                                                     \
			*v = read_fn(state, where, size);                \
		return true;                                             \
	} while (0)

	if (in_range(port, PLATFORM_COM1_BASE, PLATFORM_COM1_PORTS))
		IO(uart_read, uart_write, &bd.uart, (uint16_t)(port - PLATFORM_COM1_BASE));
	if (in_range(port, PLATFORM_PIT_BASE, PLATFORM_PIT_PORTS) || port == PLATFORM_PORT_B)
		IO(pit_read, pit_write, &bd.pit, port);
	if (port == PLATFORM_PIC_MASTER_CMD || port == PLATFORM_PIC_MASTER_DATA ||
	    port == PLATFORM_PIC_SLAVE_CMD || port == PLATFORM_PIC_SLAVE_DATA ||
	    port == PLATFORM_ELCR_MASTER || port == PLATFORM_ELCR_SLAVE)
		IO(pic_read, pic_write, &bd.pic, port);
	if (port == PLATFORM_RTC_INDEX || port == PLATFORM_RTC_DATA)
		IO(rtc_read, rtc_write, &bd.rtc, port);
	if (in_range(port, PLATFORM_PM_BASE, PLATFORM_PM_SIZE))
		IO(acpi_pm_read, acpi_pm_write, &bd.pm, (uint16_t)(port - PLATFORM_PM_BASE));
	if (port == PLATFORM_I8042_DATA || port == PLATFORM_I8042_CMD || port == PLATFORM_POST_PORT ||
	    port == PLATFORM_RESET_PORT)
		IO(legacy_read, legacy_write, &bd.legacy, port);
	return false;
#undef IO
}

static void check_invariants(void)
{
	FUZZ_CHECK(bd.uart.rx.count <= UART_FIFO_SIZE && bd.uart.tx.count <= UART_FIFO_SIZE);
	FUZZ_CHECK(bd.uart.rx.head < UART_FIFO_SIZE && bd.uart.tx.head < UART_FIFO_SIZE);
	FUZZ_CHECK((bd.uart.ier & ~UART_IER_MASK) == 0 && (bd.uart.mcr & ~UART_MCR_MASK) == 0);
	FUZZ_CHECK(uart_rx_space(&bd.uart) <= UART_FIFO_SIZE);
	for (int i = 0; i < PIT_CHANNELS; i++) {
		FUZZ_CHECK(bd.pit.ch[i].mode <= PIT_MODE_HW_STROBE);
		FUZZ_CHECK(bd.pit.ch[i].rw >= PIT_RW_LSB && bd.pit.ch[i].rw <= PIT_RW_WORD);
		FUZZ_CHECK(!bd.pit.ch[i].counting || bd.pit.ch[i].count >= 1);
	}
	FUZZ_CHECK(bd.rtc.index < RTC_CMOS_SIZE);
	FUZZ_CHECK(bd.ioapic.select <= IOAPIC_SELECT_MASK && bd.ioapic.id <= IOAPIC_ID_MASK);
	for (unsigned p = 0; p < IOAPIC_NR_PINS; p++)
		FUZZ_CHECK((bd.ioapic.rte_low[p] & ~(IOAPIC_RTE_LOW_WRITABLE | IOAPIC_RTE_REMOTE_IRR)) == 0);
	FUZZ_CHECK((bd.pm.pm1_cnt & ACPI_PM1_SCI_EN) != 0);
}

static uint64_t min_deadline(void)
{
	uint64_t d = uart_next_deadline_ns(&bd.uart), t;

	if ((t = pit_next_deadline_ns(&bd.pit)) < d)
		d = t;
	if ((t = rtc_next_deadline_ns(&bd.rtc)) < d)
		d = t;
	if ((t = acpi_pm_next_deadline_ns(&bd.pm)) < d)
		d = t;
	return d;
}

static void advance_all(void)
{
	uart_advance(&bd.uart, bd.now);
	pit_advance(&bd.pit, bd.now);
	rtc_advance(&bd.rtc, bd.now);
	acpi_pm_advance(&bd.pm, bd.now);
	FUZZ_CHECK(uart_next_deadline_ns(&bd.uart) > bd.now);
	FUZZ_CHECK(pit_next_deadline_ns(&bd.pit) > bd.now);
	FUZZ_CHECK(rtc_next_deadline_ns(&bd.rtc) > bd.now);
	FUZZ_CHECK(acpi_pm_next_deadline_ns(&bd.pm) > bd.now);
}

static const uint16_t ports[] = {
	0x3F8, 0x3F9, 0x3FA, 0x3FB, 0x3FC, 0x3FD, 0x3FE, 0x3FF, 0x40, 0x41, 0x42, 0x43, 0x61,
	0x20, 0x21, 0xA0, 0xA1, 0x4D0, 0x4D1, 0x70, 0x71, 0x60, 0x64, 0x80, 0xCF8, 0xCF9,
	0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x608, 0x609, 0x60A, 0x60B, 0x620, 0x621,
	0x622, 0x623, 0x62F, 0x3F7,
};

static uint16_t pick_port(struct fuzz_input *in)
{
	uint8_t b = fuzz_u8(in);

	if (b < 0xF0)
		return ports[b % (sizeof(ports) / sizeof(ports[0]))];
	return (uint16_t)(fuzz_u8(in) | fuzz_u8(in) << 8);
}

static unsigned pick_size(struct fuzz_input *in)
{
	static const unsigned sizes[] = { 1, 1, 1, 2, 4, 1, 2, 4, 0, 3, 8, 1 };

	return sizes[fuzz_u8(in) % (sizeof(sizes) / sizeof(sizes[0]))];
}

/* Clock jumps from nanoseconds to minutes, biased to the short ones. */
static void jump_clock(struct fuzz_input *in)
{
	uint64_t delta = fuzz_u8(in) | (uint64_t)fuzz_u8(in) << 8;

	delta <<= fuzz_u8(in) % 30;
	bd.now += delta;
	advance_all();
}

/* The table builder with random vCPU counts, buffer sizes and bases: in bounds, checksummed. */
static void build_tables(struct fuzz_input *in)
{
	static uint8_t mem[4096];
	struct acpi_config cfg;
	uint64_t rsdp = 0, base = (uint64_t)fuzz_u32(in) << (fuzz_u8(in) % 2);
	size_t size = (fuzz_u8(in) | fuzz_u8(in) << 8) % (sizeof(mem) + 1);
	int used;

	acpi_config_default(&cfg, fuzz_u8(in) % 20);
	used = acpi_build_tables(mem, size, base, &cfg, &rsdp);
	if (used < 0)
		return;
	FUZZ_CHECK((size_t)used <= size && rsdp >= base && rsdp + 36 <= base + (uint64_t)used);
	FUZZ_CHECK(rsdp % 16 == 0 && acpi_checksum(mem + (rsdp - base), 36) == 0);
}

static void step(struct fuzz_input *in)
{
	uint8_t buf[24], op = fuzz_u8(in);
	uint32_t v;
	size_t n;

	switch (op % 12) {
	case 0: case 1: case 2:
		v = 0;
		port_io(pick_port(in), pick_size(in), false, &v);
		break;
	case 3: case 4: case 5:
		v = fuzz_u32(in);
		port_io(pick_port(in), pick_size(in), true, &v);
		break;
	case 6:
		v = fuzz_u8(in);
		if (v & 1)
			ioapic_write(&bd.ioapic, fuzz_u8(in) & 0x1F, pick_size(in), fuzz_u32(in));
		else
			(void)ioapic_read(&bd.ioapic, (uint64_t)(fuzz_u8(in) | fuzz_u8(in) << 8), pick_size(in));
		break;
	case 7:
		jump_clock(in);
		break;
	case 8:
		n = fuzz_u8(in) % sizeof(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = fuzz_u8(in);
		FUZZ_CHECK(uart_receive(&bd.uart, buf, n) <= n);
		break;
	case 9:
		if (bd.nr_pending_eoi)
			ioapic_eoi(&bd.ioapic, bd.pending_eoi[--bd.nr_pending_eoi]);
		else
			ioapic_eoi(&bd.ioapic, fuzz_u8(in));
		break;
	case 10:
		switch (fuzz_u8(in) % 8) {
		case 0: acpi_pm_power_button(&bd.pm); break;
		case 1: acpi_pm_raise_gpe(&bd.pm, fuzz_u8(in) % 20); break;
		case 2: bd.host_full = !bd.host_full; break;
		case 3: uart_tx_ready(&bd.uart); break;
		case 4: uart_set_modem_inputs(&bd.uart, fuzz_u8(in)); break;
		case 5: (void)uart_receive_break(&bd.uart); break;
		case 6: (void)pic_intack(&bd.pic); break;
		default: build_tables(in); break;
		}
		break;
	default:
		/* the worker's loop: sleep to the next deadline and advance */
		v = min_deadline() != DEV_NO_DEADLINE;
		if (v && min_deadline() > bd.now && min_deadline() - bd.now < (1ull << 40))
			bd.now = min_deadline();
		advance_all();
		break;
	}
	check_invariants();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };

	board_init();
	while (in.left)
		step(&in);
	return 0;
}
