// SPDX-License-Identifier: GPL-2.0
/* PASS/FAIL/SKIP/ERROR lines, the most severe result, and the closing "Test result:" line. */
#include <guest/console.h>
#include <guest/exception.h>
#include <guest/power.h>
#include <guest/test.h>
#include <hv/string.h>

#define REPORT_MSG_MAX 400

static enum test_result worst = RESULT_NONE;

static const char *const result_names[] = {
	[RESULT_NONE] = "NONE", [RESULT_PASS] = "PASS", [RESULT_SKIP] = "SKIP",
	[RESULT_ERROR] = "ERROR", [RESULT_FAIL] = "FAIL",
};

static void note(enum test_result r)
{
	enum test_result cur = __atomic_load_n(&worst, __ATOMIC_RELAXED);

	while (r > cur && !__atomic_compare_exchange_n(&worst, &cur, r, false, __ATOMIC_RELAXED,
						       __ATOMIC_RELAXED))
		;
}

static void report_v(enum test_result r, const char *check, const char *fmt, va_list ap)
{
	char msg[REPORT_MSG_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* An error is counted as a failure by the runner; the closing line tells them apart. */
	printf("%s: %s/%s: %s%s\n", r == RESULT_ERROR ? "FAIL" : result_names[r], test_info.name,
	       check, r == RESULT_ERROR ? "ERROR: " : "", msg);
	note(r);
}

#define REPORT_FN(fn, result)                                   \
	void fn(const char *check, const char *fmt, ...)        \
	{                                                       \
		va_list ap;                                     \
		va_start(ap, fmt);                              \
		report_v(result, check, fmt, ap);               \
		va_end(ap);                                     \
	}

REPORT_FN(report_pass, RESULT_PASS)
REPORT_FN(report_fail, RESULT_FAIL)
REPORT_FN(report_skip, RESULT_SKIP)
REPORT_FN(report_error, RESULT_ERROR)

bool report(bool ok, const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_v(ok ? RESULT_PASS : RESULT_FAIL, check, fmt, ap);
	va_end(ap);
	return ok;
}

bool report_exinfo(const char *check, exinfo_t expected, exinfo_t got, const char *fmt, ...)
{
	char rule[REPORT_MSG_MAX];
	va_list ap;
	bool ok = got == expected;

	va_start(ap, fmt);
	vsnprintf(rule, sizeof(rule), fmt, ap);
	va_end(ap);
	if (ok)
		report_pass(check, "%s", rule);
	else
		report_fail(check, "%s (expected %s, got %s)", rule, exinfo_str(expected),
			    exinfo_str(got));
	return ok;
}

enum test_result report_worst(void)
{
	return __atomic_load_n(&worst, __ATOMIC_RELAXED);
}

void report_result(void)
{
	if (report_worst() == RESULT_NONE)
		report_error("result", "the test reported no check");
	printf("Test result: %s\n", result_names[report_worst()]);
}

void test_exit(void)
{
	report_result();
	power_off();
}
