// SPDX-License-Identifier: GPL-2.0
/* National PC16550D (16550A) UART model: FIFOs, interrupt priorities, modem lines, loopback. */
#include "uart16550.h"

#include <string.h>

#define RESET_DIVISOR     12u	/* 9600 baud, what QEMU and most BIOSes leave */
#define DIVISOR_WRAP      65536u	/* a divisor of 0 counts the full 16 bits */
#define HALF_BITS_START   2u
#define HALF_BITS_PARITY  2u
#define HALF_BITS_STOP1   2u
#define HALF_BITS_STOP1_5 3u
#define HALF_BITS_STOP2   4u
#define WLEN_BASE         5u

static const uint8_t rx_trigger_bytes[4] = { 1, 4, 8, 14 };

static void fifo_clear(struct uart_fifo *f)
{
	f->head = 0;
	f->count = 0;
	memset(f->lsr, 0, sizeof(f->lsr));
}

static void fifo_push(struct uart_fifo *f, uint8_t byte, uint8_t lsr)
{
	unsigned slot = (f->head + f->count) % UART_FIFO_SIZE;

	f->data[slot] = byte;
	f->lsr[slot] = lsr;
	f->count++;
}

static uint8_t fifo_pop(struct uart_fifo *f)
{
	uint8_t byte = f->data[f->head];

	f->lsr[f->head] = 0;
	f->head = (f->head + 1) % UART_FIFO_SIZE;
	f->count--;
	return byte;
}

static bool fifo_mode(const struct uart16550 *u)
{
	return u->fcr & UART_FCR_ENABLE;
}

/* 16450 mode has a single holding register each way. */
static unsigned capacity(const struct uart16550 *u)
{
	return fifo_mode(u) ? UART_FIFO_SIZE : 1;
}

static bool loopback(const struct uart16550 *u)
{
	return u->mcr & UART_MCR_LOOP;
}

/* One character on the wire: start, data, parity and stop bits, at the programmed baud rate. */
static uint64_t char_time_ns(const struct uart16550 *u)
{
	unsigned wlen = WLEN_BASE + (u->lcr & UART_LCR_WLEN_MASK);
	unsigned half_bits = HALF_BITS_START + 2 * wlen + HALF_BITS_STOP1;
	uint64_t divisor = u->divisor ? u->divisor : DIVISOR_WRAP;

	if (u->lcr & UART_LCR_PEN)
		half_bits += HALF_BITS_PARITY;
	if (u->lcr & UART_LCR_STB)
		half_bits += (wlen == WLEN_BASE ? HALF_BITS_STOP1_5 : HALF_BITS_STOP2) - HALF_BITS_STOP1;
	return dev_muldiv(half_bits * divisor * UART_BAUD_DIVISOR, NSEC_PER_SEC, 2ull * UART_CLOCK_HZ);
}

static uint64_t timeout_at(const struct uart16550 *u)
{
	return u->rx_activity_ns + UART_TIMEOUT_CHARS * char_time_ns(u);
}

/* PC16550D: bytes wait in the FIFO, none received or read for 4 character times. */
static bool timeout_due(const struct uart16550 *u, uint64_t now)
{
	return fifo_mode(u) && u->rx.count && now >= timeout_at(u);
}

static uint8_t rx_errors(const struct uart16550 *u)
{
	return u->lsr_sticky | (u->rx.count ? u->rx.lsr[u->rx.head] : 0);
}

static bool rx_fifo_has_error(const struct uart16550 *u)
{
	for (unsigned i = 0; i < u->rx.count; i++)
		if (u->rx.lsr[(u->rx.head + i) % UART_FIFO_SIZE])
			return true;
	return false;
}

/* The highest-priority pending source (PC16550D table IV), or UART_IIR_NO_INT. */
static uint8_t pending_source(const struct uart16550 *u, uint64_t now)
{
	if ((u->ier & UART_IER_ELSI) && (rx_errors(u) & UART_LSR_ERRORS))
		return UART_IIR_RLSI;
	if (u->ier & UART_IER_ERBFI) {
		unsigned trigger = fifo_mode(u) ? rx_trigger_bytes[u->fcr >> UART_FCR_TRIG_SHIFT] : 1;

		if (u->rx.count >= trigger)
			return UART_IIR_RDI;
		if (timeout_due(u, now))
			return UART_IIR_TIMEOUT;
	}
	if ((u->ier & UART_IER_ETBEI) && u->thri_pending)
		return UART_IIR_THRI;
	if ((u->ier & UART_IER_EDSSI) && (u->msr_deltas & UART_MSR_DELTAS))
		return UART_IIR_MSI;
	return UART_IIR_NO_INT;
}

/*
 * On a PC the INTR pin reaches the bus through a driver that OUT2 enables; in
 * loopback OUT2 is forced inactive on the pin, so the line stays low.
 */
static void update_irq(struct uart16550 *u, uint64_t now)
{
	if (now > u->last_eval_ns)
		u->last_eval_ns = now;
	bool level = pending_source(u, now) != UART_IIR_NO_INT && (u->mcr & UART_MCR_OUT2) &&
		     !loopback(u);

	if (level != u->irq_level) {
		u->irq_level = level;
		dev_set_irq(&u->irq, u->gsi, level);
	}
}

static uint8_t modem_lines(const struct uart16550 *u)
{
	uint8_t m = u->mcr, lines = 0;

	if (!loopback(u))
		return u->modem_in & UART_MSR_LINES;
	if (m & UART_MCR_RTS)
		lines |= UART_MSR_CTS;
	if (m & UART_MCR_DTR)
		lines |= UART_MSR_DSR;
	if (m & UART_MCR_OUT1)
		lines |= UART_MSR_RI;
	if (m & UART_MCR_OUT2)
		lines |= UART_MSR_DCD;
	return lines;
}

static void note_line_change(struct uart16550 *u, uint8_t before, uint8_t after)
{
	uint8_t changed = before ^ after;

	if (changed & UART_MSR_CTS)
		u->msr_deltas |= UART_MSR_DCTS;
	if (changed & UART_MSR_DSR)
		u->msr_deltas |= UART_MSR_DDSR;
	if ((before & UART_MSR_RI) && !(after & UART_MSR_RI))
		u->msr_deltas |= UART_MSR_TERI;
	if (changed & UART_MSR_DCD)
		u->msr_deltas |= UART_MSR_DDCD;
}

static void rx_push(struct uart16550 *u, uint8_t byte, uint8_t lsr, uint64_t now)
{
	if (u->rx.count >= capacity(u)) {
		/* Overrun: the new character never reaches the FIFO. */
		u->lsr_sticky |= UART_LSR_OE;
		return;
	}
	fifo_push(&u->rx, byte, lsr);
	u->rx_activity_ns = now;
}

static void tx_drain(struct uart16550 *u)
{
	bool was_empty = u->tx.count == 0;

	while (u->tx.count) {
		if (!u->ops.tx || !u->ops.tx(u->ops.opaque, u->tx.data[u->tx.head]))
			return;
		fifo_pop(&u->tx);
	}
	if (!was_empty)
		u->thri_pending = true;	/* the holding register just emptied */
}

void uart_init(struct uart16550 *u, const struct dev_clock *clock, const struct dev_irq *irq,
	       unsigned gsi, const struct uart_ops *ops)
{
	memset(u, 0, sizeof(*u));
	u->clock = *clock;
	u->irq = *irq;
	u->gsi = gsi;
	u->ops = *ops;
	u->divisor = RESET_DIVISOR;
	u->modem_in = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
}

static void write_thr(struct uart16550 *u, uint8_t byte, uint64_t now)
{
	u->thri_pending = false;
	if (loopback(u)) {
		/* The shifted-out character comes straight back into the receiver. */
		rx_push(u, byte, 0, now);
		u->thri_pending = true;
		return;
	}
	if (u->tx.count < capacity(u))
		fifo_push(&u->tx, byte, 0);
	tx_drain(u);
}

static void write_ier(struct uart16550 *u, uint8_t value)
{
	uint8_t old = u->ier;

	u->ier = value & UART_IER_MASK;
	/* Enabling ETBEI while THR is empty raises THRE (Linux's startup test relies on it). */
	if (!(old & UART_IER_ETBEI) && (u->ier & UART_IER_ETBEI) && u->tx.count == 0)
		u->thri_pending = true;
}

static void write_fcr(struct uart16550 *u, uint8_t value, uint64_t now)
{
	if ((value ^ u->fcr) & UART_FCR_ENABLE) {
		/* Changing FCR0 clears both FIFOs. */
		fifo_clear(&u->rx);
		fifo_clear(&u->tx);
		u->lsr_sticky = 0;
	}
	if (!(value & UART_FCR_ENABLE)) {
		u->fcr = 0;	/* the other bits are programmed only with FCR0 set */
		return;
	}
	u->fcr = value & (UART_FCR_ENABLE | UART_FCR_DMA_MODE | (3u << UART_FCR_TRIG_SHIFT));
	if (value & UART_FCR_CLEAR_RX) {
		fifo_clear(&u->rx);
		u->rx_activity_ns = now;
	}
	if (value & UART_FCR_CLEAR_TX) {
		fifo_clear(&u->tx);
		u->thri_pending = true;
	}
}

static void write_mcr(struct uart16550 *u, uint8_t value)
{
	uint8_t before = modem_lines(u);

	u->mcr = value & UART_MCR_MASK;
	note_line_change(u, before, modem_lines(u));
}

static void uart_outb(void *opaque, uint16_t offset, uint8_t value)
{
	struct uart16550 *u = opaque;
	uint64_t now = dev_now(&u->clock);
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_THR:
		if (dlab)
			u->divisor = (u->divisor & 0xFF00) | value;
		else
			write_thr(u, value, now);
		break;
	case UART_IER:
		if (dlab)
			u->divisor = (uint16_t)((u->divisor & 0x00FF) | value << 8);
		else
			write_ier(u, value);
		break;
	case UART_FCR:
		write_fcr(u, value, now);
		break;
	case UART_LCR:
		u->lcr = value;
		break;
	case UART_MCR:
		write_mcr(u, value);
		break;
	case UART_SCR:
		u->scr = value;
		break;
	default:
		return;	/* LSR and MSR are read-only; past the 8 ports nothing decodes */
	}
	update_irq(u, now);
}

static uint8_t read_iir(struct uart16550 *u, uint64_t now)
{
	uint8_t id = pending_source(u, now);

	/* Reading IIR while it shows THRE clears that source. */
	if (id == UART_IIR_THRI)
		u->thri_pending = false;
	return id | (fifo_mode(u) ? UART_IIR_FIFO_ON : 0);
}

static uint8_t read_lsr(struct uart16550 *u)
{
	uint8_t lsr = rx_errors(u);

	if (u->rx.count)
		lsr |= UART_LSR_DR;
	if (u->tx.count == 0)
		lsr |= UART_LSR_THRE | UART_LSR_TEMT;
	if (fifo_mode(u) && rx_fifo_has_error(u))
		lsr |= UART_LSR_RXFE;
	/* Reading LSR clears OE and the errors revealed for the byte at the top. */
	u->lsr_sticky = 0;
	if (u->rx.count)
		u->rx.lsr[u->rx.head] = 0;
	return lsr;
}

static uint8_t uart_inb(void *opaque, uint16_t offset)
{
	struct uart16550 *u = opaque;
	uint64_t now = dev_now(&u->clock);
	bool dlab = u->lcr & UART_LCR_DLAB;
	uint8_t v;

	switch (offset) {
	case UART_RBR:
		if (dlab)
			return u->divisor & 0xFF;
		v = 0;
		if (u->rx.count) {
			v = fifo_pop(&u->rx);
			u->rx_activity_ns = now;
		}
		break;
	case UART_IER:
		return dlab ? u->divisor >> 8 : u->ier;
	case UART_IIR:
		v = read_iir(u, now);
		break;
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		v = read_lsr(u);
		break;
	case UART_MSR:
		v = modem_lines(u) | u->msr_deltas;
		u->msr_deltas = 0;
		break;
	case UART_SCR:
		return u->scr;
	default:
		return 0xFF;	/* past the 8 ports: nothing drives the bus */
	}
	update_irq(u, now);
	return v;
}

uint32_t uart_read(struct uart16550 *u, uint16_t offset, unsigned size)
{
	return dev_split_read(uart_inb, u, offset, size);
}

void uart_write(struct uart16550 *u, uint16_t offset, unsigned size, uint32_t value)
{
	dev_split_write(uart_outb, u, offset, size, value);
}

size_t uart_rx_space(const struct uart16550 *u)
{
	return loopback(u) ? 0 : capacity(u) - u->rx.count;
}

size_t uart_receive(struct uart16550 *u, const uint8_t *buf, size_t len)
{
	uint64_t now = dev_now(&u->clock);
	size_t n = uart_rx_space(u);

	if (n > len)
		n = len;
	for (size_t i = 0; i < n; i++)
		rx_push(u, buf[i], 0, now);
	if (n)
		update_irq(u, now);
	return n;
}

bool uart_receive_break(struct uart16550 *u)
{
	uint64_t now = dev_now(&u->clock);

	if (uart_rx_space(u) == 0)
		return false;
	rx_push(u, 0, UART_LSR_BI, now);
	update_irq(u, now);
	return true;
}

void uart_tx_ready(struct uart16550 *u)
{
	tx_drain(u);
	update_irq(u, dev_now(&u->clock));
}

void uart_set_modem_inputs(struct uart16550 *u, uint8_t msr_lines)
{
	uint8_t before = modem_lines(u);

	u->modem_in = msr_lines & UART_MSR_LINES;
	note_line_change(u, before, modem_lines(u));
	update_irq(u, dev_now(&u->clock));
}

uint64_t uart_next_deadline_ns(const struct uart16550 *u)
{
	uint64_t at;

	if (!(u->ier & UART_IER_ERBFI) || !fifo_mode(u) || u->rx.count == 0)
		return DEV_NO_DEADLINE;
	at = timeout_at(u);
	/* Already seen by an evaluation: the line reflects it (or OUT2 gates it). */
	return at <= u->last_eval_ns ? DEV_NO_DEADLINE : at;
}

void uart_advance(struct uart16550 *u, uint64_t now_ns)
{
	update_irq(u, now_ns);
}
