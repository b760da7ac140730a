// SPDX-License-Identifier: GPL-2.0
/*
 * Exit-cost benchmark: the average TSC cycles of operations that leave the
 * guest (after kvm-unit-tests' x86/vmexit.c): CPUID, a port read the
 * worker emulates (the COM1 scratch register) and a VMMCALL of an
 * unassigned code, which the core answers without the worker. Each is
 * printed against that VMMCALL, measured in the same run, as
 *   bench: NAME VALUE cycles vs vmmcall-unknown VALUE cycles ratio R
 * Off Bulkhead there is no VMMCALL to compare with: the averages are
 * printed and the comparison is skipped. "iterations=N" sets the count.
 */
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/io.h>
#include <asm/uart.h>
#include <guest/boot.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/pc.h>
#include <guest/test.h>
#include <hv/util.h>

#define ITERATIONS       2000
#define WARMUP           100
#define UNASSIGNED_CODE  0xFFFFu	/* no call has it */
#define PERCENT          100

const struct test_info test_info = {
	.name = "exit_cost",
	.title = "cycles per CPUID, emulated port read and core-handled VMMCALL",
};

struct op {
	const char *name;
	void (*run)(void);
};

static void op_cpuid(void)
{
	cpuid(CPUID_VENDOR);
}

static void op_inb_com1_scratch(void)
{
	inb(COM1_PORT + UART_SCR);
}

static void op_vmmcall_unknown(void)
{
	uint64_t result;

	vmmcall_safe(UNASSIGNED_CODE, 0, 0, &result);
}

static uint64_t average_cycles(const struct op *op, uint64_t n)
{
	uint64_t t0;

	for (unsigned i = 0; i < WARMUP; i++)
		op->run();
	t0 = rdtsc();
	for (uint64_t i = 0; i < n; i++)
		op->run();
	return (rdtsc() - t0) / n;
}

void test_main(void)
{
	static const struct op ops[] = {
		{ "cpuid", op_cpuid },
		{ "inb-com1-scratch", op_inb_com1_scratch },
	};
	static const struct op yardstick = { "vmmcall-unknown", op_vmmcall_unknown };
	uint64_t n = ITERATIONS, cycles[ARRAY_SIZE(ops)], result, y;
	exinfo_t e;

	cmdline_u64("iterations", &n);
	n = MAX(n, 1);
	for (unsigned i = 0; i < ARRAY_SIZE(ops); i++) {
		cycles[i] = average_cycles(&ops[i], n);
		printf("exit_cost: %s: %llu cycles on average over %llu\n", ops[i].name,
		       (unsigned long long)cycles[i], (unsigned long long)n);
	}
	report_pass("measure", "CPUID and the COM1 scratch-register read were each timed %llu times",
		    (unsigned long long)n);

	e = vmmcall_safe(UNASSIGNED_CODE, 0, 0, &result);
	if (!bulkhead_expected()) {
		report_skip("yardstick", "not a Bulkhead child (VMMCALL raised %s): no core-handled call "
			    "to compare with", exinfo_str(e));
		return;
	}
	if (e || hc_status(result) != BH_STATUS_INVALID_HYPERCALL_CODE) {
		report_error("yardstick", "VMMCALL 0x%x should return INVALID_HYPERCALL_CODE (%s, status 0x%x)",
			     UNASSIGNED_CODE, exinfo_str(e), hc_status(result));
		return;
	}
	y = MAX(average_cycles(&yardstick, n), 1);
	for (unsigned i = 0; i < ARRAY_SIZE(ops); i++) {
		uint64_t r = cycles[i] * PERCENT / y;
		printf("bench: %s %llu cycles vs %s %llu cycles ratio %llu.%02llu\n", ops[i].name,
		       (unsigned long long)cycles[i], yardstick.name, (unsigned long long)y,
		       (unsigned long long)(r / PERCENT), (unsigned long long)(r % PERCENT));
	}
	report_pass("yardstick", "a VMMCALL of an unassigned code, answered by the core, takes %llu cycles",
		    (unsigned long long)y);
}
