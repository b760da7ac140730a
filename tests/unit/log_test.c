// SPDX-License-Identifier: GPL-2.0
/*
 * The core's log ring (hv/core/log.c): lines with their processor prefix,
 * reading by position, lost bytes after a wrap, and a fault dump taken
 * while the same processor was inside the log lock (it must still be
 * written, not wait for itself).
 */
#include <signal.h>
#include <unistd.h>

#include <hv/arch.h>
#include <hv/log.h>

#include "test.h"

static unsigned fake_cpu;
static char console[4096];
static size_t console_len;
static int reenter;		/* console writes left that log from inside */

unsigned arch_cpu_id(void) { return fake_cpu; }

void arch_console_write(const char *s, size_t n)
{
	if (console_len + n < sizeof(console)) {
		memcpy(console + console_len, s, n);
		console_len += n;
	}
	/* As a fault in the console driver would: its dump logs from here. */
	if (reenter > 0) {
		reenter--;
		hv_log("nested fault dump");
	}
}

_Noreturn void arch_halt_cpu(void) { abort(); }

static void console_reset(void)
{
	console_len = 0;
	console[0] = 0;
}

TEST(line_prefix_and_read_back)
{
	uint64_t start = log_total(), next, lost;
	char buf[128];
	size_t n;

	fake_cpu = 1;
	hv_log("hello %d", 42);
	n = log_read(start, buf, sizeof(buf) - 1, &next, &lost);
	buf[n] = 0;
	CHECK(strcmp(buf, "hv[1]: hello 42\n") == 0);
	CHECK_EQ(next, start + n);
	CHECK_EQ(lost, 0);
	CHECK_EQ(log_total(), next);
}

TEST(wrap_counts_lost_bytes)
{
	uint64_t start = log_total(), next, lost;
	char buf[64];
	size_t n;

	while (log_total() - start < LOG_RING_SIZE + 1000)
		hv_log("%0100d", 7);
	n = log_read(start, buf, sizeof(buf), &next, &lost);
	CHECK(lost > 1000);
	CHECK_EQ(next, start + lost + n);
	/* Positions past the end read nothing. */
	CHECK_EQ(log_read(log_total() + 10, buf, sizeof(buf), &next, &lost), 0);
	CHECK_EQ(next, log_total());
}

static void hung(int sig)
{
	(void)sig;
	static const char msg[] = "FAIL: log_test/reentrant_dump_is_written: hung on the log lock\n";
	(void)!write(1, msg, sizeof(msg) - 1);
	_exit(1);
}

TEST(reentrant_dump_is_written)
{
	signal(SIGALRM, hung);
	alarm(5);
	console_reset();
	fake_cpu = 0;
	reenter = 1;
	hv_log("first line");
	alarm(0);
	console[console_len] = 0;
	CHECK(strstr(console, "hv[0]: first line\n") != NULL);
	CHECK(strstr(console, "hv[0]: nested fault dump\n") != NULL);
	/* The lock was released: the next line goes through it as usual. */
	console_reset();
	hv_log("after");
	console[console_len] = 0;
	CHECK(strcmp(console, "hv[0]: after\n") == 0);
}

int main(void)
{
	return test_main();
}
