// SPDX-License-Identifier: GPL-2.0
/*
 * printf on COM1 through the core's polled 16550 driver (hv/arch/x86/uart.c)
 * and formatter (hv/lib/fmt.c). A line is formatted first and written under
 * a lock with interrupts off, so lines from several processors never mix.
 */
#include <asm/cr.h>
#include <asm/uart.h>
#include <guest/console.h>
#include <guest/cpu.h>
#include <guest/pc.h>
#include <hv/spinlock.h>
#include <hv/string.h>

#define CONSOLE_LINE_MAX 512
#define CONSOLE_NO_OWNER (~0u)

static struct spinlock console_lock = SPINLOCK_INIT;
static volatile unsigned console_owner = CONSOLE_NO_OWNER;

void console_init(void)
{
	/* Without a scratch register the probe fails; write anyway, nothing is lost. */
	uart_init(COM1_PORT);
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[CONSOLE_LINE_MAX];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	uint64_t flags = read_rflags();

	unsigned me = this_cpu()->index;
	/* A fault while this processor prints must still get its report out. */
	bool nested = console_owner == me;

	irq_disable();
	if (!nested) {
		spin_lock(&console_lock);
		console_owner = me;
	}
	uart_write(COM1_PORT, buf, strnlen(buf, sizeof(buf)));
	if (!nested) {
		console_owner = CONSOLE_NO_OWNER;
		spin_unlock(&console_lock);
	}
	if (flags & RFLAGS_IF)
		irq_enable();
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
