/* SPDX-License-Identifier: GPL-2.0 */
/* National PC16550D (16550A) UART model: FIFOs, interrupts, modem lines, loopback. */
#ifndef WORKER_UART16550_H
#define WORKER_UART16550_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dev.h"

/* Register offsets from the base port (PC16550D data sheet, table II). */
#define UART_RBR   0	/* receiver buffer (read, DLAB = 0) */
#define UART_THR   0	/* transmitter holding (write, DLAB = 0) */
#define UART_DLL   0	/* divisor latch LSB (DLAB = 1) */
#define UART_IER   1	/* interrupt enable (DLAB = 0) */
#define UART_DLM   1	/* divisor latch MSB (DLAB = 1) */
#define UART_IIR   2	/* interrupt identification (read) */
#define UART_FCR   2	/* FIFO control (write) */
#define UART_LCR   3
#define UART_MCR   4
#define UART_LSR   5
#define UART_MSR   6
#define UART_SCR   7
#define UART_NR_PORTS 8

#define UART_IER_ERBFI  0x01	/* received data available */
#define UART_IER_ETBEI  0x02	/* transmitter holding register empty */
#define UART_IER_ELSI   0x04	/* receiver line status */
#define UART_IER_EDSSI  0x08	/* modem status */
#define UART_IER_MASK   0x0F	/* bits 7:4 are always 0 */

#define UART_IIR_NO_INT   0x01
#define UART_IIR_ID_MASK  0x0E
#define UART_IIR_MSI      0x00	/* modem status (lowest priority) */
#define UART_IIR_THRI     0x02
#define UART_IIR_RDI      0x04
#define UART_IIR_RLSI     0x06	/* receiver line status (highest) */
#define UART_IIR_TIMEOUT  0x0C	/* character timeout, FIFO mode */
#define UART_IIR_FIFO_ON  0xC0	/* bits 7:6 set while FCR0 = 1 */

#define UART_FCR_ENABLE     0x01
#define UART_FCR_CLEAR_RX   0x02
#define UART_FCR_CLEAR_TX   0x04
#define UART_FCR_DMA_MODE   0x08
#define UART_FCR_TRIG_SHIFT 6	/* RX trigger: 1, 4, 8, 14 bytes */

#define UART_LCR_WLEN_MASK  0x03	/* word length - 5 */
#define UART_LCR_STB        0x04	/* 2 stop bits (1.5 with 5-bit words) */
#define UART_LCR_PEN        0x08
#define UART_LCR_SBC        0x40	/* set break */
#define UART_LCR_DLAB       0x80

#define UART_MCR_DTR   0x01
#define UART_MCR_RTS   0x02
#define UART_MCR_OUT1  0x04
#define UART_MCR_OUT2  0x08	/* on a PC, enables the IRQ line driver */
#define UART_MCR_LOOP  0x10
#define UART_MCR_MASK  0x1F

#define UART_LSR_DR    0x01
#define UART_LSR_OE    0x02
#define UART_LSR_PE    0x04
#define UART_LSR_FE    0x08
#define UART_LSR_BI    0x10
#define UART_LSR_THRE  0x20
#define UART_LSR_TEMT  0x40
#define UART_LSR_RXFE  0x80	/* error in RCVR FIFO */
#define UART_LSR_ERRORS (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

#define UART_MSR_DCTS  0x01
#define UART_MSR_DDSR  0x02
#define UART_MSR_TERI  0x04	/* trailing edge of RI */
#define UART_MSR_DDCD  0x08
#define UART_MSR_DELTAS 0x0F
#define UART_MSR_CTS   0x10
#define UART_MSR_DSR   0x20
#define UART_MSR_RI    0x40
#define UART_MSR_DCD   0x80
#define UART_MSR_LINES 0xF0

#define UART_FIFO_SIZE     16
#define UART_CLOCK_HZ      1843200u	/* the PC's 1.8432 MHz crystal */
#define UART_BAUD_DIVISOR  16u		/* the baud generator divides by 16 x divisor */
#define UART_TIMEOUT_CHARS 4u		/* character timeout: 4 character times */

struct uart_ops {
	/*
	 * One byte towards the host (the pty). Return false if it cannot be
	 * taken now: the byte stays in the TX FIFO (THRE clear) until the
	 * worker calls uart_tx_ready().
	 */
	bool (*tx)(void *opaque, uint8_t byte);
	void *opaque;
};

struct uart_fifo {
	uint8_t data[UART_FIFO_SIZE];
	uint8_t lsr[UART_FIFO_SIZE];	/* receive errors that came with each byte (PE/FE/BI) */
	unsigned head, count;
};

struct uart16550 {
	struct dev_clock clock;
	struct dev_irq irq;
	unsigned gsi;
	struct uart_ops ops;
	struct uart_fifo rx, tx;
	uint16_t divisor;
	uint8_t ier, fcr, lcr, mcr, scr;
	uint8_t lsr_sticky;	/* OE, and errors of the byte last at the top, until LSR is read */
	uint8_t msr_deltas;
	uint8_t modem_in;	/* CTS/DSR/RI/DCD the host side presents, outside loopback */
	bool thri_pending;	/* THRE interrupt source, until IIR shows it or THR is written */
	uint64_t rx_activity_ns;	/* last byte received or read: the character timeout's start */
	uint64_t last_eval_ns;	/* latest time the interrupt line was computed for */
	bool irq_level;
};

/*
 * Powers on at 9600 8N1 (divisor 12), FIFOs off, interrupts disabled, with
 * DCD, DSR and CTS asserted by the host side.
 */
void uart_init(struct uart16550 *u, const struct dev_clock *clock, const struct dev_irq *irq,
	       unsigned gsi, const struct uart_ops *ops);

/* Port access at 'offset' from the base (0-7); wider accesses continue at the next ports. */
uint32_t uart_read(struct uart16550 *u, uint16_t offset, unsigned size);
void uart_write(struct uart16550 *u, uint16_t offset, unsigned size, uint32_t value);

/* Host input into the RX FIFO; returns how many bytes fit (0 in loopback). */
size_t uart_receive(struct uart16550 *u, const uint8_t *buf, size_t len);
/* Room in the RX FIFO now, so the worker reads the pty only when it can deliver. */
size_t uart_rx_space(const struct uart16550 *u);
/* A break condition from the host (delivered as a NUL byte with BI, e.g. for SysRq). */
bool uart_receive_break(struct uart16550 *u);
/* The host can take bytes again: drains the TX FIFO through ops.tx. */
void uart_tx_ready(struct uart16550 *u);
/* The modem inputs (UART_MSR_CTS/DSR/RI/DCD) the host side presents. */
void uart_set_modem_inputs(struct uart16550 *u, uint8_t msr_lines);

/* The character-timeout deadline, and the advance that raises it. */
uint64_t uart_next_deadline_ns(const struct uart16550 *u);
void uart_advance(struct uart16550 *u, uint64_t now_ns);

#endif
