// SPDX-License-Identifier: GPL-2.0
/* The core's log ring and its console mirror. */
#include <hv/arch.h>
#include <hv/log.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/util.h>

#define LOG_LINE_MAX 256
#define NO_HOLDER UINT32_MAX

static struct {
	struct spinlock lock;
	uint32_t holder;		/* processor inside the lock, or NO_HOLDER */
	uint64_t total;			/* bytes ever written */
	char ring[LOG_RING_SIZE];
} lg = { .lock = SPINLOCK_INIT, .holder = NO_HOLDER };

static void ring_put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		lg.ring[(lg.total + i) % LOG_RING_SIZE] = s[i];
	lg.total += n;
}

void hv_vlog(const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	int n = snprintf(line, sizeof(line), "hv[%u]: ", arch_cpu_id());
	int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);

	n += MIN(m, (int)sizeof(line) - n - 2);
	line[n++] = '\n';
	/*
	 * A fault taken while this processor held the lock (in the console
	 * driver, say) would wait for itself forever and its dump would never
	 * appear: write around the lock and the ring instead.
	 */
	if (__atomic_load_n(&lg.holder, __ATOMIC_RELAXED) == arch_cpu_id()) {
		arch_console_write(line, (size_t)n);
		return;
	}
	spin_lock(&lg.lock);
	__atomic_store_n(&lg.holder, arch_cpu_id(), __ATOMIC_RELAXED);
	ring_put(line, (size_t)n);
	arch_console_write(line, (size_t)n);
	__atomic_store_n(&lg.holder, NO_HOLDER, __ATOMIC_RELAXED);
	spin_unlock(&lg.lock);
}

void hv_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_vlog(fmt, ap);
	va_end(ap);
}

size_t log_read(uint64_t offset, char *buf, size_t len, uint64_t *next, uint64_t *lost)
{
	size_t n;

	spin_lock(&lg.lock);
	__atomic_store_n(&lg.holder, arch_cpu_id(), __ATOMIC_RELAXED);
	uint64_t oldest = lg.total > LOG_RING_SIZE ? lg.total - LOG_RING_SIZE : 0;
	*lost = offset < oldest ? oldest - offset : 0;
	if (offset < oldest)
		offset = oldest;
	if (offset > lg.total)
		offset = lg.total;
	n = (size_t)MIN((uint64_t)len, lg.total - offset);
	for (size_t i = 0; i < n; i++)
		buf[i] = lg.ring[(offset + i) % LOG_RING_SIZE];
	*next = offset + n;
	__atomic_store_n(&lg.holder, NO_HOLDER, __ATOMIC_RELAXED);
	spin_unlock(&lg.lock);
	return n;
}

uint64_t log_total(void)
{
	return __atomic_load_n(&lg.total, __ATOMIC_RELAXED);
}

_Noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hv_vlog(fmt, ap);
	va_end(ap);
	hv_log("panic: this processor stops here");
	arch_halt_cpu();
}
