/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a test guest provides and the report API it uses.
 *
 * Every check prints one line the project's runner counts:
 *   PASS: <guest>/<check>: <rule>
 *   FAIL: <guest>/<check>: <rule> (<what happened>)
 *   SKIP: <guest>/<check>: <why>
 *   FAIL: <guest>/<check>: ERROR: <what broke in the test or its environment>
 * and the run ends with one line, the most severe result reported
 * (PASS < SKIP < ERROR < FAIL, as in XTF):
 *   Test result: PASS|SKIP|ERROR|FAIL
 * A run that reported nothing ends with ERROR.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include <guest/cpu.h>
#include <stdbool.h>

/* Each test guest defines these two. */
struct test_info {
	const char *name;		/* the file name without .c: "hostile_msr" */
	const char *title;		/* one line: what is checked */
};
extern const struct test_info test_info;
void test_main(void);

enum test_result {		/* in increasing severity */
	RESULT_NONE,
	RESULT_PASS,
	RESULT_SKIP,
	RESULT_ERROR,
	RESULT_FAIL,
};

#define REPORT_FMT __attribute__((format(printf, 2, 3)))

/* 'check' is a short name ("wrmsr-efer-svme"); the message states the rule. */
void report_pass(const char *check, const char *fmt, ...) REPORT_FMT;
void report_fail(const char *check, const char *fmt, ...) REPORT_FMT;
void report_skip(const char *check, const char *fmt, ...) REPORT_FMT;
void report_error(const char *check, const char *fmt, ...) REPORT_FMT;

/* PASS or FAIL with the same message; returns 'ok'. */
bool report(bool ok, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * PASS if 'got' is 'expected', else FAIL naming both:
 * "FAIL: g/c: WRMSR EFER.SVME raises #GP (expected #GP(0), got no exception)".
 */
bool report_exinfo(const char *check, exinfo_t expected, exinfo_t got, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The most severe result so far. */
enum test_result report_worst(void);

/* Prints "Test result: ..." (once per call; callable from any processor). */
void report_result(void);

/* report_result(), then power off. What test_main's return leads to. */
__attribute__((noreturn)) void test_exit(void);

#endif
