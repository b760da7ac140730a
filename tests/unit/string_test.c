// SPDX-License-Identifier: GPL-2.0
/*
 * String and memory function tests (hv/lib/string.c, hv/lib/mem.c): every
 * length and alignment up to a few hundred bytes against a byte-by-byte
 * model, and the sign of each comparison against the host C library.
 */
#include "test.h"
#include "hv_names.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SPAN 320

static unsigned char pool[SPAN + 64], model[SPAN + 64];

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 37 + seed * 11 + 1);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

TEST(memcpy_copies_every_length_and_alignment)
{
	unsigned char src[SPAN];

	fill_pattern(src, sizeof(src), 1);
	for (size_t off = 0; off < 16; off++)
		for (size_t n = 0; n + off + 16 <= SPAN; n += n < 40 ? 1 : 13) {
			memset(pool, 0xEE, sizeof(pool));
			memset(model, 0xEE, sizeof(model));
			CHECK(hv_memcpy(pool + off, src + (off * 3) % (SPAN - n), n) == pool + off);
			for (size_t i = 0; i < n; i++)
				model[off + i] = src[(off * 3) % (SPAN - n) + i];
			if (memcmp(pool, model, sizeof(pool)))
				TEST_FAIL("offset %zu, %zu bytes", off, n);
		}
}

TEST(memset_fills_every_length_and_alignment)
{
	static const int values[] = { 0, 0xff, 0x5a, 0x1234 /* only the low byte counts */, -1 };

	for (unsigned v = 0; v < ARRAY_LEN(values); v++)
		for (size_t off = 0; off < 16; off++)
			for (size_t n = 0; n + off <= SPAN; n += n < 40 ? 1 : 11) {
				fill_pattern(pool, sizeof(pool), 2);
				fill_pattern(model, sizeof(model), 2);
				for (size_t i = 0; i < n; i++)
					model[off + i] = (unsigned char)values[v];
				CHECK(hv_memset(pool + off, values[v], n) == pool + off);
				if (memcmp(pool, model, sizeof(pool)))
					TEST_FAIL("value %d, offset %zu, %zu bytes", values[v], off, n);
			}
}

/* Every overlap of a 96-byte window in both directions, against a buffered copy. */
TEST(memmove_handles_every_overlap)
{
	unsigned char tmp[96];

	for (size_t src = 0; src < 48; src++)
		for (size_t dst = 0; dst < 48; dst++)
			for (size_t n = 0; n <= 48; n++) {
				fill_pattern(pool, 96, (unsigned)(src + n));
				memcpy(model, pool, 96);
				memcpy(tmp, model + src, n);
				memcpy(model + dst, tmp, n);
				CHECK(hv_memmove(pool + dst, pool + src, n) == pool + dst);
				if (memcmp(pool, model, 96))
					TEST_FAIL("src %zu, dst %zu, %zu bytes", src, dst, n);
			}
	/* Long overlapping moves too, where rep movsb takes its fast path. */
	static unsigned char big[8192], big_model[8192];
	for (size_t shift = 1; shift < 200; shift += 7) {
		fill_pattern(big, sizeof(big), 3);
		memcpy(big_model, big, sizeof(big));
		memmove(big_model + shift, big_model, sizeof(big) - shift);
		hv_memmove(big + shift, big, sizeof(big) - shift);
		CHECK(!memcmp(big, big_model, sizeof(big)));
		memmove(big_model, big_model + shift, sizeof(big) - shift);
		hv_memmove(big, big + shift, sizeof(big) - shift);
		CHECK(!memcmp(big, big_model, sizeof(big)));
	}
}

TEST(memcmp_orders_bytes_as_unsigned)
{
	static const struct { const char *a, *b; size_t n; } cases[] = {
		{ "abc", "abd", 3 }, { "abd", "abc", 3 }, { "abc", "abd", 2 }, { "", "", 0 },
		{ "a\x80", "a\x7f", 2 }, { "\xff", "\x01", 1 }, { "\x01", "\xff", 1 },
		{ "same\0x", "same\0y", 5 }, { "same\0x", "same\0y", 6 },	/* NUL is a byte */
		{ "x", "y", 0 },
	};

	for (unsigned i = 0; i < ARRAY_LEN(cases); i++)
		if (sign(hv_memcmp(cases[i].a, cases[i].b, cases[i].n)) !=
		    sign(memcmp(cases[i].a, cases[i].b, cases[i].n)))
			TEST_FAIL("case %u", i);
	/* Exhaustive over one differing byte position and value pair. */
	unsigned char a[16], b[16];
	for (int x = 0; x < 256; x += 15)
		for (int y = 0; y < 256; y += 17)
			for (size_t at = 0; at < 16; at += 5) {
				memset(a, 'k', sizeof(a));
				memset(b, 'k', sizeof(b));
				a[at] = (unsigned char)x;
				b[at] = (unsigned char)y;
				CHECK_EQ(sign(hv_memcmp(a, b, 16)), sign(memcmp(a, b, 16)));
			}
}

TEST(strlen_and_strnlen)
{
	static const char *const strs[] = { "", "a", "hello", "with\ttab", "\x80\xff high" };
	char exact[5] = { 'a', 'b', 'c', 'd', 'e' };	/* not terminated */

	for (unsigned i = 0; i < ARRAY_LEN(strs); i++) {
		size_t n = strlen(strs[i]);
		CHECK_EQ(hv_strlen(strs[i]), n);
		CHECK_EQ(hv_strnlen(strs[i], n + 10), n);
		CHECK_EQ(hv_strnlen(strs[i], n), n);
		if (n)
			CHECK_EQ(hv_strnlen(strs[i], n - 1), n - 1);
		CHECK_EQ(hv_strnlen(strs[i], 0), 0);
	}
	/* strnlen stops at its bound: reading exact[5] would trip the sanitizer. */
	CHECK_EQ(hv_strnlen(exact, sizeof(exact)), 5);
}

TEST(strcmp_and_strncmp_match_libc)
{
	static const char *const strs[] = {
		"", "a", "b", "ab", "abc", "abd", "abcd", "A", "\x80", "\x7f", "\xff", "a\xff",
	};

	for (unsigned i = 0; i < ARRAY_LEN(strs); i++)
		for (unsigned j = 0; j < ARRAY_LEN(strs); j++) {
			const char *x = strs[i], *y = strs[j];
			if (sign(hv_strcmp(x, y)) != sign(strcmp(x, y)))
				TEST_FAIL("strcmp(\"%s\", \"%s\")", x, y);
			for (size_t n = 0; n < 6; n++)
				if (sign(hv_strncmp(x, y, n)) != sign(strncmp(x, y, n)))
					TEST_FAIL("strncmp(\"%s\", \"%s\", %zu)", x, y, n);
		}
	/* strncmp reads no further than n, or than the first NUL. */
	char p[3] = { 'a', 'b', 'c' }, q[3] = { 'a', 'b', 'd' };
	CHECK_EQ(hv_strncmp(p, q, 2), 0);
	CHECK(hv_strncmp(p, q, 3) < 0);
	CHECK_EQ(hv_strncmp("ab\0x", "ab\0y", 4), 0);
}

TEST(strlcpy_truncates_and_terminates)
{
	static const char *const srcs[] = { "", "a", "hello", "exactly-8", "a longer string than any" };
	char buf[16];

	for (unsigned i = 0; i < ARRAY_LEN(srcs); i++)
		for (size_t size = 0; size <= 12; size++) {
			size_t len = strlen(srcs[i]);
			memset(buf, '#', sizeof(buf));
			CHECK_EQ(hv_strlcpy(buf, srcs[i], size), len);
			if (size == 0) {
				CHECK(buf[0] == '#');		/* size 0: nothing written */
				continue;
			}
			size_t kept = len < size - 1 ? len : size - 1;
			CHECK(!memcmp(buf, srcs[i], kept));
			CHECK_EQ(buf[kept], 0);
			for (size_t k = kept + 1; k < sizeof(buf); k++)
				CHECK(buf[k] == '#');
		}
	/* size 0 never touches dst, so it may be NULL. */
	CHECK_EQ(hv_strlcpy(NULL, "abc", 0), 3);
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
