// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for hv/arch/x86/paging.c: map/unmap sequences from the
 * input, with allocation failures injected, against a page-by-page model
 * of a 2 GiB window. After every operation the tables are walked over its
 * range (and at the end over everything) and must match the model exactly;
 * then they must be freed completely.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/pt_pool.h"

#define K4     PT_PAGE_4K
#define M2     PT_PAGE_2M
#define G1     PT_PAGE_1G
#define WINDOW (2 * G1)
#define NPAGES (WINDOW / K4)
#define LEAF_MASK (PTE_P | PTE_W | PTE_U | PTE_PWT | PTE_PCD | PTE_G | PTE_NX)
#define MAX_OPS 32

/* The model's page loops are plain data work: keep instrumentation off them. */
#define MODEL_LOOP __attribute__((no_sanitize("address", "undefined", "coverage")))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pt_pool pool;
static struct pt pt;
static uint64_t model_pa[NPAGES], model_flags[NPAGES];	/* flags 0: not mapped */
static uint64_t seen_gen[NPAGES], gen;			/* pages a walk found mapped */

MODEL_LOOP static void model_set(uint64_t first, uint64_t n, uint64_t pa, uint64_t flags)
{
	for (uint64_t i = 0; i < n; i++) {
		model_pa[first + i] = pa + i * K4;
		model_flags[first + i] = flags;
	}
}

/* True if pages [first, first + n) map linearly from pa with 'flags' in the model. */
MODEL_LOOP static bool model_is(uint64_t first, uint64_t n, uint64_t pa, uint64_t flags)
{
	bool ok = true;

	for (uint64_t i = 0; i < n; i++)
		ok &= model_flags[first + i] == flags && model_pa[first + i] == pa + i * K4;
	return ok;
}

MODEL_LOOP static void mark_seen(uint64_t first, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		seen_gen[first + i] = gen;
}

/* Pages in [first, first + n) mapped in the model that the walk did not see. */
MODEL_LOOP static bool unseen_mapped(uint64_t first, uint64_t n)
{
	bool any = false;

	for (uint64_t i = 0; i < n; i++)
		any |= model_flags[first + i] && seen_gen[first + i] != gen;
	return any;
}

/*
 * A walk over [lo, hi) must find exactly the model there. A lenient walk
 * (the operation ran out of memory) accepts, per leaf, what the operation
 * asked for instead, and the model takes it.
 */
struct check {
	uint64_t lo, hi;
	bool lenient, map;
	uint64_t va, pa, flags;		/* the operation */
};

static void leaf(const struct check *c, uint64_t va, uint64_t span, uint64_t pte)
{
	uint64_t lo = va > c->lo ? va : c->lo, hi = va + span < c->hi ? va + span : c->hi;
	uint64_t pa = (pte & PTE_ADDR_MASK & ~(span - 1)) + (lo - va), flags = pte & LEAF_MASK;
	uint64_t first = lo / K4, n = (hi - lo) / K4;

	if (va + span > WINDOW)
		abort();		/* a mapping nobody asked for */
	mark_seen(first, n);
	if (model_is(first, n, pa, flags))
		return;
	if (!c->lenient || !c->map || flags != c->flags || pa != c->pa + (lo - c->va))
		abort();
	model_set(first, n, pa, flags);
}

static void walk(const struct check *c, uint64_t table_pa, unsigned level, uint64_t va)
{
	const uint64_t *t = pool_table(&pool, table_pa);
	uint64_t span = 1ull << PT_LEVEL_SHIFT(level);

	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t e = t[i], v = va + i * span;
		if (!(e & PTE_P) || v + span <= c->lo || v >= c->hi)
			continue;
		if (level && !(e & PTE_PS)) {
			if ((e & ~PTE_ADDR_MASK) != (PTE_P | PTE_W))
				abort();	/* table entries carry the table flags */
			walk(c, e & PTE_ADDR_MASK, level - 1, v);
		} else {
			leaf(c, v, span, e);
		}
	}
}

static void check_range(struct check c, uint64_t lo, uint64_t hi, bool lenient)
{
	if (lo >= hi)
		return;
	c.lo = lo;
	c.hi = hi;
	c.lenient = lenient;
	gen++;
	walk(&c, pt.root, PT_LEVELS - 1, 0);
	/* Mapped in the model, not in the tables: only a failed unmap may leave that. */
	if (unseen_mapped(lo / K4, (hi - lo) / K4)) {
		if (!lenient || c.map)
			abort();
		for (uint64_t p = lo / K4; p < hi / K4; p++)
			if (seen_gen[p] != gen)
				model_flags[p] = 0;
	}
}

static void op(const uint8_t *b)
{
	static const uint64_t flag_bits[] = { PTE_W, PTE_U, PTE_PWT, PTE_PCD, PTE_G, PTE_NX };
	uint64_t pages, va, pa, flags = PTE_P;
	bool ok, map = b[0] & 1;

	switch (b[1] % 8) {
	case 0: pages = 1; break;
	case 1: pages = 2 + (b[1] >> 3); break;
	case 2: pages = 511 + (b[1] >> 3) % 3; break;
	case 3: pages = (1 + (b[1] >> 3) % 3) * 512; break;
	case 4: pages = G1 / K4; break;
	case 5: pages = G1 / K4 - 1; break;
	case 6: pages = G1 / K4 + 512 + (b[1] >> 7); break;
	default: pages = 1 + (uint64_t)b[1] * 4099; break;
	}
	va = ((uint64_t)(b[2] | b[3] << 8) * 8 % NPAGES) * K4;
	if ((b[0] >> 1) % 4 == 1)
		va &= ~(M2 - 1);
	else if ((b[0] >> 1) % 4 == 2)
		va &= ~(G1 - 1);
	if (va + pages * K4 > WINDOW)
		pages = (WINDOW - va) / K4;
	if (b[4] & 1) {
		pa = va + ((uint64_t)(b[4] >> 1) << 30);	/* same alignment: large pages */
	} else {
		/* Only 4 KiB pages where alignments differ: keep those ranges short. */
		pa = ((uint64_t)(b[4] >> 1) << 21) + ((uint64_t)b[5] << 12);
		if (pages > 4096)
			pages = 4096 - b[5];
	}
	for (unsigned i = 0; i < 6; i++)
		if (b[5] >> (i + 2) & 1)
			flags |= flag_bits[i];
	/* Now and then the allocator runs dry partway. */
	pool.fail_after = (b[0] >> 3) % 8 == 7 ? (b[0] >> 6) : -1;
	ok = map ? pt_map(&pt, va, pa, pages * K4, flags) : pt_unmap(&pt, va, pages * K4);
	pool.fail_after = -1;
	if (ok) {
		if (map)
			model_set(va / K4, pages, pa, flags);
		else
			model_set(va / K4, pages, 0, 0);
	}
	/* The range, leniently if it failed, and strictly a page either side. */
	struct check c = { .map = map, .va = va, .pa = pa, .flags = flags };
	uint64_t end = va + pages * K4;
	check_range(c, va, end, !ok);
	check_range(c, va >= K4 ? va - K4 : va, va, false);
	check_range(c, end, end < WINDOW ? end + K4 : end, false);
	if (pool.error || pt_table_count(&pt) != pool.live)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pt_ops ops;
	struct check all = { 0 };

	if (!pool_init(&pool, &ops) || !pt_init(&pt, &ops, PTE_P | PTE_W, size && data[0] & 1))
		abort();
	memset(model_flags, 0, sizeof(model_flags));
	for (size_t i = 1; i + 6 <= size && i < 1 + 6 * MAX_OPS; i += 6)
		op(data + i);
	check_range(all, 0, WINDOW, false);
	pt_destroy(&pt);
	if (pool.live || pool.error)
		abort();
	return 0;
}
