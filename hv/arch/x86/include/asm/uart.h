/* SPDX-License-Identifier: GPL-2.0 */
/* Polled 16550 UART output for the core's console and log (hv/arch/x86/uart.c). */
#ifndef ASM_UART_H
#define ASM_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 16550 registers, offsets from the base port (PC16550D data sheet). */
#define UART_THR   0	/* transmit holding (DLAB = 0) */
#define UART_DLL   0	/* divisor latch low (DLAB = 1) */
#define UART_IER   1
#define UART_DLM   1
#define UART_FCR   2
#define UART_LCR   3
#define UART_MCR   4
#define UART_LSR   5
#define UART_SCR   7
#define UART_PORTS 8	/* the 8 ports a UART decodes */

#define UART_LCR_8N1   0x03
#define UART_LCR_DLAB  0x80
#define UART_MCR_DTR_RTS 0x03
#define UART_FCR_ENABLE_CLEAR 0x07
#define UART_LSR_THRE  0x20
#define UART_DIVISOR_115200 1

/* Probes and programs the UART at 'port' (115200 8N1); false if none answers. */
bool uart_init(uint16_t port);
void uart_write(uint16_t port, const char *s, size_t n);

#endif
