/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secret isolation_secret writes and isolation_scan looks for: every
 * secret page starts with two magic words, its own guest-physical address
 * and a check word, and the rest of the page repeats SECRET_MAGIC0 mixed
 * with each word's address. Code or data that merely contains the magic
 * constants never matches: the four words must sit at a page start.
 */
#ifndef GUEST_ISOLATION_H
#define GUEST_ISOLATION_H

#include <stdbool.h>
#include <stdint.h>

#define SECRET_MAGIC0 0x7465726365732D42ull	/* "B-secret" */
#define SECRET_MAGIC1 0x657469726F6E6C79ull	/* "ylnorite" */
#define SECRET_CHECK  0xC0FFEE15DEADBEEFull

enum { SECRET_WORD_MAGIC0, SECRET_WORD_MAGIC1, SECRET_WORD_PA, SECRET_WORD_CHECK, SECRET_HEADER_WORDS };

static inline void secret_fill_page(volatile uint64_t *page, uint64_t pa, unsigned words)
{
	page[SECRET_WORD_MAGIC0] = SECRET_MAGIC0;
	page[SECRET_WORD_MAGIC1] = SECRET_MAGIC1;
	page[SECRET_WORD_PA] = pa;
	page[SECRET_WORD_CHECK] = pa ^ SECRET_CHECK;
	for (unsigned i = SECRET_HEADER_WORDS; i < words; i++)
		page[i] = SECRET_MAGIC0 ^ (pa + i * sizeof(uint64_t));
}

static inline bool secret_header_matches(const uint64_t w[SECRET_HEADER_WORDS])
{
	return w[SECRET_WORD_MAGIC0] == SECRET_MAGIC0 && w[SECRET_WORD_MAGIC1] == SECRET_MAGIC1 &&
	       w[SECRET_WORD_CHECK] == (w[SECRET_WORD_PA] ^ SECRET_CHECK);
}

#endif
