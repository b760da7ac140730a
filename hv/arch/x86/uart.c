// SPDX-License-Identifier: GPL-2.0
/* Polled 16550 output: the core never takes interrupts, so it never needs UART ones. */
#include <asm/io.h>
#include <asm/uart.h>

#define UART_PROBE_PATTERN 0x5A
#define UART_TX_SPIN_LIMIT 100000

bool uart_init(uint16_t port)
{
	/* The scratch register holds what is written only if a UART decodes the port. */
	outb(port + UART_SCR, UART_PROBE_PATTERN);
	if (inb(port + UART_SCR) != UART_PROBE_PATTERN)
		return false;
	outb(port + UART_IER, 0);
	outb(port + UART_LCR, UART_LCR_DLAB);
	outb(port + UART_DLL, UART_DIVISOR_115200);
	outb(port + UART_DLM, 0);
	outb(port + UART_LCR, UART_LCR_8N1);
	outb(port + UART_FCR, UART_FCR_ENABLE_CLEAR);
	outb(port + UART_MCR, UART_MCR_DTR_RTS);
	return true;
}

static void uart_putc(uint16_t port, char c)
{
	/* Bounded wait: a wedged UART must not hang the core. */
	for (unsigned i = 0; i < UART_TX_SPIN_LIMIT; i++)
		if (inb(port + UART_LSR) & UART_LSR_THRE)
			break;
	outb(port + UART_THR, (uint8_t)c);
}

void uart_write(uint16_t port, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc(port, '\r');
		uart_putc(port, s[i]);
	}
}
