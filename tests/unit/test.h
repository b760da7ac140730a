/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal host unit-test harness shared by every tests/unit program.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_EQ(a, b); }
 *   int main(void) { return test_main(); }
 *
 * Each TEST prints "PASS: <file>/<name>" or "FAIL: <file>/<name>: <why>",
 * the format tests/run counts. A test stops at its first failed check.
 */
#ifndef BULKHEAD_TEST_H
#define BULKHEAD_TEST_H

#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
	struct test_case *next;
};

static struct test_case *test_list_head, **test_list_tail = &test_list_head;
static jmp_buf test_abort;
static char test_why[512];

static inline void test_register(struct test_case *t)
{
	*test_list_tail = t;
	test_list_tail = &t->next;
}

#define TEST(name)                                                        \
	static void test_fn_##name(void);                                 \
	static struct test_case test_case_##name = { #name, test_fn_##name, 0 }; \
	__attribute__((constructor)) static void test_reg_##name(void)    \
	{                                                                 \
		test_register(&test_case_##name);                         \
	}                                                                 \
	static void test_fn_##name(void)

#define TEST_FAIL(...)                                                    \
	do {                                                              \
		int n_ = snprintf(test_why, sizeof(test_why), "%s:%d: ", __FILE__, __LINE__); \
		snprintf(test_why + n_, sizeof(test_why) - (size_t)n_, __VA_ARGS__); \
		longjmp(test_abort, 1);                                   \
	} while (0)

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond))                                              \
			TEST_FAIL("check failed: %s", #cond);             \
	} while (0)

#define CHECK_EQ(a, b)                                                    \
	do {                                                              \
		unsigned long long a_ = (unsigned long long)(a);          \
		unsigned long long b_ = (unsigned long long)(b);          \
		if (a_ != b_)                                             \
			TEST_FAIL("%s == %s: 0x%llx != 0x%llx", #a, #b, a_, b_); \
	} while (0)

/* Strings are cut to 160 bytes in the message, which must fit test_why. */
#define CHECK_STR(a, b)                                                   \
	do {                                                              \
		const char *a_ = (a), *b_ = (b);                          \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                    \
			TEST_FAIL("%s == %s: \"%.160s\" != \"%.160s\"", #a, #b, \
				  a_ ? a_ : "(null)", b_ ? b_ : "(null)");   \
	} while (0)

static inline const char *test_basename(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Runs every registered test (or those named in argv); returns the exit status. */
static inline int test_main_args(const char *file, int argc, char **argv)
{
	char suite[128];
	volatile int failed = 0;	/* volatile: it lives across setjmp */
	snprintf(suite, sizeof(suite), "%s", test_basename(file));
	char *dot = strrchr(suite, '.');
	if (dot)
		*dot = 0;
	for (struct test_case *t = test_list_head; t; t = t->next) {
		if (argc > 1) {
			int want = 0;
			for (int i = 1; i < argc; i++)
				want |= !strcmp(argv[i], t->name);
			if (!want)
				continue;
		}
		test_why[0] = 0;
		if (setjmp(test_abort) == 0) {
			t->fn();
			printf("PASS: %s/%s\n", suite, t->name);
		} else {
			printf("FAIL: %s/%s: %s\n", suite, t->name, test_why);
			failed++;
		}
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

#define test_main() test_main_args(__FILE__, 0, NULL)
#define test_main_argv(argc, argv) test_main_args(__FILE__, argc, argv)

#endif
