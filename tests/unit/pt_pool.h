/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake physical memory pool for the page-table builder's struct pt_ops,
 * shared by paging_test and paging_fuzz: it counts live tables, poisons
 * freed ones, can fail on demand, and catches frees or table lookups of
 * pages it never handed out.
 */
#ifndef TESTS_PT_POOL_H
#define TESTS_PT_POOL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <asm/paging.h>

#define POOL_PAGES 4096u
#define POOL_BASE  0x7000000000ull	/* physical address of the first page */
#define POOL_POISON 0xdbdbdbdbdbdbdbdbull

struct pt_pool {
	uint64_t (*page)[PT_ENTRIES];
	bool used[POOL_PAGES];
	unsigned live;			/* tables handed out and not freed */
	unsigned next;			/* where the search for a free page starts */
	long fail_after;		/* allocations left before failing; < 0: never */
	const char *error;		/* first misuse seen, or NULL */
};

static inline void pool_misuse(struct pt_pool *p, const char *what)
{
	if (!p->error)
		p->error = what;
}

static inline long pool_index(struct pt_pool *p, uint64_t pa)
{
	if (pa < POOL_BASE || (pa - POOL_BASE) % 4096 || (pa - POOL_BASE) / 4096 >= POOL_PAGES) {
		pool_misuse(p, "address outside the pool");
		return -1;
	}
	return (long)((pa - POOL_BASE) / 4096);
}

static inline uint64_t pool_alloc(void *opaque)
{
	struct pt_pool *p = opaque;

	if (p->fail_after == 0)
		return 0;
	if (p->fail_after > 0)
		p->fail_after--;
	for (unsigned n = 0; n < POOL_PAGES; n++) {
		unsigned i = (p->next + n) % POOL_PAGES;
		if (!p->used[i]) {
			p->used[i] = true;
			p->live++;
			p->next = i + 1;
			memset(p->page[i], 0, sizeof(p->page[i]));
			return POOL_BASE + (uint64_t)i * 4096;
		}
	}
	return 0;
}

static inline void pool_free(void *opaque, uint64_t pa)
{
	struct pt_pool *p = opaque;
	long i = pool_index(p, pa);

	if (i < 0)
		return;
	if (!p->used[i]) {
		pool_misuse(p, "double free");
		return;
	}
	p->used[i] = false;
	p->live--;
	/* Poison: a freed table read again shows present garbage, not zeros. */
	for (unsigned e = 0; e < PT_ENTRIES; e++)
		p->page[i][e] = POOL_POISON;
}

static inline uint64_t *pool_table(void *opaque, uint64_t pa)
{
	struct pt_pool *p = opaque;
	long i = pool_index(p, pa);

	if (i < 0)
		return p->page[0];
	if (!p->used[i])
		pool_misuse(p, "table() of a freed page");
	return p->page[i];
}

/* Empties the pool; its memory is allocated once and kept for reuse. */
static inline bool pool_init(struct pt_pool *p, struct pt_ops *ops)
{
	uint64_t (*page)[PT_ENTRIES] = p->page;

	memset(p, 0, sizeof(*p));
	p->fail_after = -1;
	p->page = page ? page : aligned_alloc(4096, (size_t)POOL_PAGES * 4096);
	*ops = (struct pt_ops){ pool_alloc, pool_free, pool_table, p };
	return p->page != NULL;
}

#endif
