/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's log: a byte ring buffer the root reads with BH_HC_READ_LOG,
 * mirrored to the log UART (and the console before the root owns it).
 */
#ifndef HV_LOG_H
#define HV_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define LOG_RING_SIZE (256u * 1024u)

/* Appends one line, prefixed "hv[cpu]: ", to the ring and the console. */
void hv_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hv_vlog(const char *fmt, va_list ap);

/*
 * Copies up to 'len' bytes starting at log position 'offset' into 'buf'.
 * Positions count every byte ever logged; bytes already overwritten are
 * skipped and counted in *lost. Returns the number of bytes copied.
 */
size_t log_read(uint64_t offset, char *buf, size_t len, uint64_t *next, uint64_t *lost);

/* Total bytes ever logged. */
uint64_t log_total(void);

/* Stops this processor after logging why; the others keep running. */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
