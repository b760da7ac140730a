/* SPDX-License-Identifier: GPL-2.0 */
/* Console output on COM1 (polled 16550), whole lines at a time from any processor. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdarg.h>

void console_init(void);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);

#endif
