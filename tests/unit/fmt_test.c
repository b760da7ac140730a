// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf tests (hv/lib/fmt.c): every supported combination of flags,
 * width, precision, length and conversion is checked against the host C
 * library, then truncation and the cases C leaves to the implementation.
 */
#include "test.h"
#include "hv_names.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define OUT_MAX 256
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
static char hv_out[OUT_MAX + 16], ref_out[OUT_MAX + 16];
static unsigned long compared;

/* Formats with ours and with libc's; any difference in text or length fails. */
static void __attribute__((format(printf, 1, 2))) check_fmt(const char *fmt, ...)
{
	va_list a, b;
	int n_hv, n_ref;

	memset(hv_out, 0x5a, sizeof(hv_out));
	memset(ref_out, 0x5a, sizeof(ref_out));
	va_start(a, fmt);
	va_copy(b, a);
	n_hv = hv_vsnprintf(hv_out, OUT_MAX, fmt, a);
	n_ref = vsnprintf(ref_out, OUT_MAX, fmt, b);
	va_end(b);
	va_end(a);
	if (n_hv != n_ref || memcmp(hv_out, ref_out, sizeof(hv_out)))
		TEST_FAIL("\"%s\": ours \"%.60s\" (%d), libc \"%.60s\" (%d)", fmt, hv_out, n_hv,
			  ref_out, n_ref);
	compared++;
}

static const char *const flag_set[] = { "", "-", "0", "-0", "0-", "00" };
static const char *const width_set[] = { "", "1", "3", "12", "*" };
static const char *const prec_set[] = { "", ".", ".0", ".1", ".4", ".15", ".*" };
static const int star_set[] = { -7, -1, 0, 3, 13 };

/* The star arguments a format takes, then the value: one call per shape. */
#define CALL_STARS(f, nstar, s1, s2, v)                      \
	do {                                                 \
		if ((nstar) == 0)                            \
			check_fmt(f, v);                     \
		else if ((nstar) == 1)                       \
			check_fmt(f, s1, v);                 \
		else                                         \
			check_fmt(f, s1, s2, v);             \
	} while (0)

/* Runs 'body' for every flag/width/precision choice, with fmt, nstar, s1, s2 set. */
#define FOR_EACH_SPEC(flags, nflags, precs, nprecs, conv, ...)                                   \
	for (unsigned fi_ = 0; fi_ < (nflags); fi_++)                                      \
		for (unsigned wi_ = 0; wi_ < ARRAY_LEN(width_set); wi_++)                    \
			for (unsigned pi_ = 0; pi_ < (nprecs); pi_++) {                         \
				int ws_ = !strcmp(width_set[wi_], "*");                         \
				int ps_ = !strcmp((precs)[pi_], ".*");                          \
				unsigned nw_ = ws_ ? ARRAY_LEN(star_set) : 1;                   \
				unsigned np_ = ps_ ? ARRAY_LEN(star_set) : 1;                   \
				char fmt[32];                                                   \
				snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s]", (flags)[fi_],         \
					 width_set[wi_], (precs)[pi_], conv);                   \
				for (unsigned a_ = 0; a_ < nw_; a_++)                           \
					for (unsigned b_ = 0; b_ < np_; b_++) {                 \
						int nstar = ws_ + ps_;                          \
						int s1 = ws_ ? star_set[a_] : star_set[b_];      \
						int s2 = star_set[b_];                          \
						(void)s2;                                       \
						__VA_ARGS__;                                    \
					}                                                       \
			}


static const long long int_values[] = {
	0, 1, -1, 7, 42, -42, 127, 128, 255, 256, -128, -129, 32767, -32768, 65535, 65536,
	INT_MAX, INT_MIN, UINT_MAX, (long long)UINT_MAX + 1, LLONG_MAX, LLONG_MIN, -2,
	0x123456789abcdefll, (long long)0xfedcba9876543210ull,
};

static void check_integer(const char *len, const char *conv)
{
	char spec[8];

	snprintf(spec, sizeof(spec), "%s%s", len, conv);
	FOR_EACH_SPEC(flag_set, ARRAY_LEN(flag_set), prec_set, ARRAY_LEN(prec_set), spec, {
		for (unsigned v = 0; v < ARRAY_LEN(int_values); v++) {
			long long x = int_values[v];
			if (!strcmp(len, "l"))
				CALL_STARS(fmt, nstar, s1, s2, (long)x);
			else if (!strcmp(len, "ll"))
				CALL_STARS(fmt, nstar, s1, s2, x);
			else if (!strcmp(len, "z"))
				CALL_STARS(fmt, nstar, s1, s2, (size_t)x);
			else if (!strcmp(len, "j"))
				CALL_STARS(fmt, nstar, s1, s2, (intmax_t)x);
			else if (!strcmp(len, "t"))
				CALL_STARS(fmt, nstar, s1, s2, (ptrdiff_t)x);
			else	/* hh, h and none all take an int */
				CALL_STARS(fmt, nstar, s1, s2, (int)x);
		}
	})
}

static const char *const length_set[] = { "hh", "h", "", "l", "ll", "z", "j", "t" };

TEST(signed_conversions_match_libc)
{
	for (unsigned l = 0; l < ARRAY_LEN(length_set); l++) {
		check_integer(length_set[l], "d");
		check_integer(length_set[l], "i");
	}
}

TEST(unsigned_conversions_match_libc)
{
	static const char *const convs[] = { "u", "x", "X", "o" };

	for (unsigned l = 0; l < ARRAY_LEN(length_set); l++)
		for (unsigned c = 0; c < ARRAY_LEN(convs); c++)
			check_integer(length_set[l], convs[c]);
}

TEST(strings_match_libc)
{
	static const char *const flags[] = { "", "-" };
	static const char *const strs[] = { "", "a", "hello", "hello, world", "tab\there" };

	FOR_EACH_SPEC(flags, ARRAY_LEN(flags), prec_set, ARRAY_LEN(prec_set), "s", {
		for (unsigned v = 0; v < ARRAY_LEN(strs); v++)
			CALL_STARS(fmt, nstar, s1, s2, strs[v]);
	})
	/* glibc prints "(null)" too when the precision does not cut it. */
	const char *volatile null_str = NULL;
	check_fmt("%s", null_str);
	check_fmt("%-9s|", null_str);
	check_fmt("%.6s", null_str);
}

TEST(characters_match_libc)
{
	static const char *const flags[] = { "", "-" };
	static const char *const no_prec[] = { "" };
	static const int chars[] = { 'x', ' ', '%', 0x7f, 0x1ff /* converted to unsigned char */ };

	FOR_EACH_SPEC(flags, ARRAY_LEN(flags), no_prec, 1, "c", {
		for (unsigned v = 0; v < ARRAY_LEN(chars); v++)
			CALL_STARS(fmt, nstar, s1, s2, chars[v]);
	})
}

TEST(pointers_match_libc)
{
	static const char *const flags[] = { "", "-" };
	static const char *const no_prec[] = { "" };
	int local;
	void *ptrs[] = { (void *)1, (void *)0xdeadbeef, (void *)UINTPTR_MAX, &local };

	FOR_EACH_SPEC(flags, ARRAY_LEN(flags), no_prec, 1, "p", {
		for (unsigned v = 0; v < ARRAY_LEN(ptrs); v++)
			CALL_STARS(fmt, nstar, s1, s2, ptrs[v]);
	})
}

TEST(mixed_formats_match_libc)
{
	check_fmt("100%%");
	check_fmt("%%d%%%d%%", 5);
	check_fmt("no conversions at all");
	check_fmt("%s=0x%08llx", "pa", 0x1234abcdull);
	check_fmt("%-10s|%5d|%-5u|%05x|%c|%p", "name", -3, 7u, 0xbeef, 'q', (void *)0x1000);
	check_fmt("%hhu %hu %u %lu %llu %zu", 300, 70000, 5u, 6ul, 7ull, (size_t)8);
	check_fmt("%*d|%-*d|%.*s|%*.*x", 6, 1, 6, 2, 3, "abcdef", 8, 4, 0xab);
	check_fmt("cpu%u: apic %x %s", 3u, 0x10, "up");
}

/* A precision bounds how much of a string is read, so it need not be terminated. */
TEST(precision_reads_no_further_than_asked)
{
	char *unterminated = malloc(3);

	memcpy(unterminated, "abc", 3);
	CHECK_EQ(hv_snprintf(hv_out, sizeof(hv_out), "[%.3s|%.2s|%.0s]", unterminated,
			     unterminated, unterminated), 9);
	CHECK_STR(hv_out, "[abc|ab|]");
	free(unterminated);
}

TEST(output_is_truncated_and_terminated)
{
	const char *fmt = "id=%d name=%-8s|%08x|";
	char want[64], buf[80];
	int full = snprintf(want, sizeof(want), fmt, -1234, "vp0", 0xcafe);

	for (int size = 0; size <= full + 2; size++) {
		memset(buf, '#', sizeof(buf));
		CHECK_EQ(hv_snprintf(buf, (size_t)size, fmt, -1234, "vp0", 0xcafe), full);
		if (size > 0) {
			int kept = size - 1 < full ? size - 1 : full;
			CHECK(!memcmp(buf, want, (size_t)kept));
			CHECK_EQ(buf[kept], 0);
			CHECK(buf[kept + 1] == '#');		/* nothing written past it */
		} else {
			CHECK(buf[0] == '#');
		}
	}
	/* With size 0 the buffer is not touched at all, so it may be NULL. */
	CHECK_EQ(hv_snprintf(NULL, 0, "%s%d", "length only: ", 12345), 18);
}

TEST(nul_characters_are_counted)
{
	char buf[8];

	memset(buf, '#', sizeof(buf));
	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	CHECK(!memcmp(buf, "a\0b\0", 4));
}

/* Formats without the compiler's format checking, for deliberately broken ones. */
static int unchecked_fmt(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hv_vsnprintf(hv_out, sizeof(hv_out), fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Not C: this implementation's promise for broken formats is that the
 * mistake shows in the output, no argument is eaten and nothing past the
 * format's end is read.
 */
TEST(broken_formats_show_and_consume_nothing)
{
	CHECK_EQ(unchecked_fmt("%y|%d", 5), 4);
	CHECK_STR(hv_out, "%y|5");
	CHECK_EQ(unchecked_fmt("50%"), 3);
	CHECK_STR(hv_out, "50%");
	CHECK_EQ(unchecked_fmt("x%-08l"), 2);
	CHECK_STR(hv_out, "x%");
	CHECK_EQ(unchecked_fmt("%hh"), 1);
	CHECK_STR(hv_out, "%");
}

TEST(null_pointer_prints_as_zero)
{
	CHECK_EQ(hv_snprintf(hv_out, sizeof(hv_out), "%p", (void *)0), 3);
	CHECK_STR(hv_out, "0x0");
}

int main(int argc, char **argv)
{
	int rc = test_main_argv(argc, argv);

	printf("fmt_test: %lu formats compared with libc\n", compared);
	return rc;
}
