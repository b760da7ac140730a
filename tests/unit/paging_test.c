// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table builder tests (hv/arch/x86/paging.c) on a fake physical pool:
 * page sizes, splitting, unmapping, table accounting, out-of-memory, and
 * random map/unmap sequences against a page-by-page model.
 */
#include "test.h"
#include "pt_pool.h"

#define K4 PT_PAGE_4K
#define M2 PT_PAGE_2M
#define G1 PT_PAGE_1G
#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)
#define LEAF_MASK (PTE_P | PTE_W | PTE_U | PTE_PWT | PTE_PCD | PTE_G | PTE_NX)

static struct pt_pool pool;
static struct pt pt;

static void setup(bool allow_1g)
{
	struct pt_ops ops;

	if (!pool_init(&pool, &ops))
		TEST_FAIL("no memory for the pool");
	CHECK(pt_init(&pt, &ops, TABLE_FLAGS, allow_1g));
}

/* After every test step: the builder misused no page and counts what it holds. */
static void check_pool(void)
{
	if (pool.error)
		TEST_FAIL("pool misuse: %s", pool.error);
	CHECK_EQ(pt_table_count(&pt), pool.live);
}

static void teardown(void)
{
	pt_destroy(&pt);
	CHECK_EQ(pt.root, 0);
	CHECK_EQ(pool.live, 0);
	CHECK_EQ(pt_table_count(&pt), 0);
	if (pool.error)
		TEST_FAIL("pool misuse: %s", pool.error);
}

/* va must be mapped to pa with 'size' pages and exactly these leaf flags. */
static void expect(uint64_t va, uint64_t pa, uint64_t size, uint64_t flags)
{
	uint64_t pte = 0, got_size = 0, got_pa = 0;

	if (!pt_lookup(&pt, va, &pte, &got_size, &got_pa))
		TEST_FAIL("0x%" PRIx64 " is not mapped", va);
	if (got_pa != pa || got_size != size || (pte & LEAF_MASK) != (flags | PTE_P))
		TEST_FAIL("0x%" PRIx64 ": pa 0x%" PRIx64 " size 0x%" PRIx64 " pte 0x%" PRIx64
			  ", want pa 0x%" PRIx64 " size 0x%" PRIx64 " flags 0x%" PRIx64,
			  va, got_pa, got_size, pte, pa, size, (uint64_t)(flags | PTE_P));
	CHECK_EQ(!!(pte & PTE_PS), size != K4);
	CHECK_EQ(pte & PTE_ADDR_MASK & ~(size - 1), pa & ~(size - 1));
}

static void expect_unmapped(uint64_t va)
{
	if (pt_lookup(&pt, va, NULL, NULL, NULL))
		TEST_FAIL("0x%" PRIx64 " is mapped", va);
}

TEST(empty_table)
{
	setup(true);
	CHECK_EQ(pool.live, 1);
	expect_unmapped(0);
	expect_unmapped(PT_VA_LIMIT - 1);
	expect_unmapped(PT_VA_LIMIT);
	expect_unmapped(UINT64_MAX);
	check_pool();
	teardown();
}

TEST(init_out_of_memory)
{
	struct pt_ops ops;

	CHECK(pool_init(&pool, &ops));
	pool.fail_after = 0;
	CHECK(!pt_init(&pt, &ops, TABLE_FLAGS, true));
	CHECK_EQ(pt.root, 0);
	CHECK_EQ(pt_table_count(&pt), 0);
	pt_destroy(&pt);		/* harmless on a failed init */
	CHECK_EQ(pool.live, 0);
}

TEST(each_page_size)
{
	setup(true);
	CHECK(pt_map(&pt, 0x1000, 0x5000, K4, PTE_W));
	expect(0x1000, 0x5000, K4, PTE_W);
	expect(0x1abc, 0x5abc, K4, PTE_W);
	expect_unmapped(0x0fff);
	expect_unmapped(0x2000);
	CHECK_EQ(pool.live, 4);			/* PML4, PDPT, PD, PT */
	CHECK(pt_map(&pt, 0x40200000, 0x80000000, M2, PTE_W | PTE_NX));
	expect(0x40200000, 0x80000000, M2, PTE_W | PTE_NX);
	expect(0x403fffff, 0x801fffff, M2, PTE_W | PTE_NX);
	expect_unmapped(0x40400000);
	CHECK_EQ(pool.live, 5);			/* one more PD */
	CHECK(pt_map(&pt, 0x8000000000ull, 0x1c0000000ull, G1, 0));
	expect(0x8000000000ull, 0x1c0000000ull, G1, 0);
	expect(0x803fffffffull, 0x1ffffffffull, G1, 0);
	CHECK_EQ(pool.live, 6);			/* one more PDPT */
	check_pool();
	teardown();
}

TEST(without_1g_pages_2m_pages_are_used)
{
	setup(false);
	CHECK(pt_map(&pt, G1, 2 * G1, G1, PTE_W));
	for (uint64_t off = 0; off < G1; off += M2)
		expect(G1 + off + 0x1234, 2 * G1 + off + 0x1234, M2, PTE_W);
	CHECK_EQ(pool.live, 3);
	check_pool();
	teardown();
}

TEST(page_sizes_follow_alignment)
{
	setup(true);
	/* 4 KiB up to the 2 MiB boundary, one 2 MiB page, 4 KiB after. */
	CHECK(pt_map(&pt, M2 - K4, 0x10000000 - K4, M2 + 2 * K4, 0));
	expect(M2 - K4, 0x10000000 - K4, K4, 0);
	expect(M2, 0x10000000, M2, 0);
	expect(2 * M2, 0x10000000 + M2, K4, 0);
	expect_unmapped(2 * M2 + K4);
	/* va aligned, pa not: 4 KiB pages only. */
	CHECK(pt_map(&pt, 4 * M2, 0x20001000, M2, 0));
	for (uint64_t off = 0; off < M2; off += K4)
		expect(4 * M2 + off, 0x20001000 + off, K4, 0);
	/* 1 GiB aligned but 4 KiB short: 511 2 MiB pages and 511 4 KiB pages. */
	CHECK(pt_map(&pt, 4 * G1, 8 * G1, G1 - K4, 0));
	expect(4 * G1, 8 * G1, M2, 0);
	expect(5 * G1 - 2 * M2, 9 * G1 - 2 * M2, M2, 0);
	expect(5 * G1 - M2, 9 * G1 - M2, K4, 0);
	expect(5 * G1 - 2 * K4, 9 * G1 - 2 * K4, K4, 0);
	expect_unmapped(5 * G1 - K4);
	/* va and pa 1 GiB apart in alignment: never a 1 GiB page. */
	CHECK(pt_map(&pt, 16 * G1, 32 * G1 + M2, G1, 0));
	expect(16 * G1, 32 * G1 + M2, M2, 0);
	check_pool();
	teardown();
}

TEST(bad_arguments_are_refused)
{
	setup(true);
	CHECK(!pt_map(&pt, 0x1001, 0x2000, K4, 0));
	CHECK(!pt_map(&pt, 0x1000, 0x2001, K4, 0));
	CHECK(!pt_map(&pt, 0x1000, 0x2000, K4 + 1, 0));
	CHECK(!pt_map(&pt, PT_VA_LIMIT - K4, 0, 2 * K4, 0));	/* past the 48-bit limit */
	CHECK(!pt_map(&pt, PT_VA_LIMIT, 0, K4, 0));
	CHECK(!pt_map(&pt, UINT64_MAX - K4 + 1, 0, 2 * K4, 0));	/* wraps */
	CHECK(!pt_unmap(&pt, 0x1001, K4));
	CHECK(!pt_unmap(&pt, 0x1000, 0x800));
	CHECK(!pt_unmap(&pt, PT_VA_LIMIT - K4, 2 * K4));
	CHECK_EQ(pool.live, 1);			/* nothing was built */
	/* The last page below the limit is fine, and size 0 does nothing. */
	CHECK(pt_map(&pt, PT_VA_LIMIT - K4, 0x3000, K4, 0));
	expect(PT_VA_LIMIT - 1, 0x3fff, K4, 0);
	CHECK(pt_map(&pt, 0x5000, 0x5000, 0, 0));
	expect_unmapped(0x5000);
	check_pool();
	teardown();
}

/* A PTE holds 40 address bits (12..51): a physical address beyond is not mappable. */
TEST(physical_addresses_beyond_52_bits_are_refused)
{
	setup(true);
	CHECK(pt_map(&pt, 0x1000, (1ull << 52) - K4, K4, 0));
	expect(0x1000, (1ull << 52) - K4, K4, 0);
	CHECK(!pt_map(&pt, 0x2000, 1ull << 52, K4, 0));
	CHECK(!pt_map(&pt, 0x2000, (1ull << 52) - K4, 2 * K4, 0));
	CHECK(!pt_map(&pt, 0x2000, 1ull << 63, K4, 0));
	CHECK(!pt_map(&pt, 0x2000, UINT64_MAX - K4 + 1, 2 * K4, 0));	/* pa wraps */
	expect_unmapped(0x2000);
	check_pool();
	teardown();
}

TEST(leaf_flags_are_kept_and_filtered)
{
	static const uint64_t keep[] = { 0, PTE_W, PTE_U, PTE_PWT, PTE_PCD, PTE_G, PTE_NX,
					 PTE_W | PTE_NX | PTE_CACHE_UC | PTE_G | PTE_U };

	setup(true);
	for (unsigned i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		CHECK(pt_map(&pt, i * K4, 0x100000 + i * K4, K4, keep[i]));
		expect(i * K4, 0x100000 + i * K4, K4, keep[i]);
		CHECK(pt_map(&pt, G1 + i * M2, G1 + i * M2, M2, keep[i]));
		expect(G1 + i * M2, G1 + i * M2, M2, keep[i]);
	}
	/* Bits that are not leaf permissions never reach the entry. */
	uint64_t pte;
	CHECK(pt_map(&pt, 0x40000, 0x200000, K4, PTE_A | PTE_D | PTE_PS | 0x123000 | PTE_W));
	CHECK(pt_lookup(&pt, 0x40000, &pte, NULL, NULL));
	CHECK_EQ(pte, 0x200000 | PTE_P | PTE_W);
	CHECK(pt_map(&pt, 4 * G1, 4 * G1, G1, 0x7ff0000000000000ull | PTE_PS));
	CHECK(pt_lookup(&pt, 4 * G1, &pte, NULL, NULL));
	CHECK_EQ(pte, 4 * G1 | PTE_P | PTE_PS);
	check_pool();
	teardown();
}

/* Non-leaf entries carry exactly the table flags (NPT needs U at every level). */
TEST(table_entries_carry_the_table_flags)
{
	setup(true);
	CHECK(pt_map(&pt, 0x12345000, 0x1000, K4, 0));
	uint64_t *t = pool_table(&pool, pt.root);
	for (unsigned level = 3; level > 0; level--) {
		uint64_t e = t[(0x12345000ull >> PT_LEVEL_SHIFT(level)) & 511];
		CHECK_EQ(e & ~PTE_ADDR_MASK, TABLE_FLAGS);
		t = pool_table(&pool, e & PTE_ADDR_MASK);
	}
	CHECK_EQ(t[0x145], 0x1000 | PTE_P);	/* 0x12345000 >> 12 & 511 */
	check_pool();
	teardown();
}

TEST(a_4k_map_splits_a_1g_page)
{
	const uint64_t va = G1, pa = 3 * G1, mid = va + 0x12345000;

	setup(true);
	CHECK(pt_map(&pt, va, pa, G1, PTE_W | PTE_G));
	CHECK_EQ(pool.live, 2);
	CHECK(pt_map(&pt, mid, 0x7000, K4, PTE_NX));
	expect(mid, 0x7000, K4, PTE_NX);
	/* Its 2 MiB neighbourhood is now 4 KiB pages, the rest 2 MiB pages. */
	expect(mid - K4, pa + (mid - K4 - va), K4, PTE_W | PTE_G);
	expect(mid + K4, pa + (mid + K4 - va), K4, PTE_W | PTE_G);
	expect(va + 0x12200000, pa + 0x12200000, K4, PTE_W | PTE_G);
	expect(va + 0x121fffff, pa + 0x121fffff, M2, PTE_W | PTE_G);
	expect(va + 0x12400000, pa + 0x12400000, M2, PTE_W | PTE_G);
	expect(va, pa, M2, PTE_W | PTE_G);
	expect(va + G1 - 1, pa + G1 - 1, M2, PTE_W | PTE_G);
	CHECK_EQ(pool.live, 4);			/* + PD + PT */
	check_pool();
	teardown();
}

TEST(a_4k_unmap_splits_2m_and_1g_pages)
{
	setup(true);
	CHECK(pt_map(&pt, M2, 0x40000000, M2, PTE_W));
	CHECK(pt_unmap(&pt, M2 + 0x80000, K4));
	expect_unmapped(M2 + 0x80000);
	expect(M2 + 0x7f000, 0x4007f000, K4, PTE_W);
	expect(M2 + 0x81000, 0x40081000, K4, PTE_W);
	expect(M2, 0x40000000, K4, PTE_W);
	expect(2 * M2 - 1, 0x401fffff, K4, PTE_W);

	CHECK(pt_map(&pt, 2 * G1, 5 * G1, G1, 0));
	CHECK(pt_unmap(&pt, 2 * G1 + G1 / 2, K4));
	expect_unmapped(2 * G1 + G1 / 2);
	expect(2 * G1 + G1 / 2 + K4, 5 * G1 + G1 / 2 + K4, K4, 0);
	expect(2 * G1 + G1 / 2 - K4, 5 * G1 + G1 / 2 - K4, M2, 0);
	expect(2 * G1, 5 * G1, M2, 0);
	check_pool();
	teardown();
}

TEST(unmap_ranges_across_page_sizes_and_holes)
{
	setup(true);
	CHECK(pt_map(&pt, 0, 0x10000000, 4 * M2, 0));		/* four 2 MiB pages */
	CHECK(pt_map(&pt, G1, 0x80000000, G1, 0));		/* one 1 GiB page */
	/* From the middle of the 2nd 2 MiB page, over a hole, into the 1 GiB page. */
	CHECK(pt_unmap(&pt, M2 + 0x100000, G1 + M2 + K4 - (M2 + 0x100000)));
	expect(0, 0x10000000, M2, 0);
	expect(M2 + 0xff000, 0x10000000 + M2 + 0xff000, K4, 0);
	expect_unmapped(M2 + 0x100000);
	expect_unmapped(3 * M2);
	expect_unmapped(G1);
	expect_unmapped(G1 + M2);
	expect(G1 + M2 + K4, 0x80000000 + M2 + K4, K4, 0);
	expect(G1 + 2 * M2, 0x80000000 + 2 * M2, M2, 0);
	/* Unmapping what is not mapped changes nothing and needs no table. */
	unsigned live = pool.live;
	CHECK(pt_unmap(&pt, 0x100000000000ull, 3 * G1 + 5 * K4));
	CHECK(pt_unmap(&pt, 0, 0));
	CHECK_EQ(pool.live, live);
	/* Whole large pages go without splitting. */
	CHECK(pt_unmap(&pt, G1 + 2 * M2, G1 - 2 * M2));
	expect_unmapped(G1 + 2 * M2);
	CHECK(pt_unmap(&pt, 0, M2));
	expect_unmapped(0);
	CHECK_EQ(pool.live, live);
	check_pool();
	teardown();
}

TEST(a_large_map_frees_the_tables_it_replaces)
{
	setup(true);
	/* 4 KiB pages in three 2 MiB regions of one 1 GiB region: PD + 3 PTs. */
	CHECK(pt_map(&pt, G1 + 0x1000, 0x1000, K4, 0));
	CHECK(pt_map(&pt, G1 + 5 * M2, 0x2000, 3 * K4, 0));
	CHECK(pt_map(&pt, G1 + 9 * M2 + 0x7000, 0x3000, K4, 0));
	CHECK_EQ(pool.live, 6);
	/* A 2 MiB page over one of them frees its PT. */
	CHECK(pt_map(&pt, G1 + 5 * M2, 0x40000000, M2, 0));
	expect(G1 + 5 * M2 + K4, 0x40001000, M2, 0);
	CHECK_EQ(pool.live, 5);
	check_pool();
	/* A 1 GiB page over the region frees its PD and the remaining PTs. */
	CHECK(pt_map(&pt, G1, 7 * G1, G1, PTE_W));
	expect(G1 + 0x1000, 7 * G1 + 0x1000, G1, PTE_W);
	expect(G1 + 9 * M2 + 0x7000, 7 * G1 + 9 * M2 + 0x7000, G1, PTE_W);
	CHECK_EQ(pool.live, 2);
	check_pool();
	teardown();
}

TEST(out_of_memory_mid_map)
{
	setup(true);
	/* Needs PDPT, PD and three PTs; only two tables are left. */
	pool.fail_after = 2;
	CHECK(!pt_map(&pt, 0x1ff000, 0x1ff000, M2 + 2 * K4, 0));
	check_pool();
	/* Whatever got mapped is mapped right; the rest is not mapped. */
	for (uint64_t va = 0x1ff000; va < 0x1ff000 + M2 + 2 * K4; va += K4) {
		uint64_t pa;
		if (pt_lookup(&pt, va, NULL, NULL, &pa))
			CHECK_EQ(pa, va);
	}
	teardown();

	setup(true);
	pool.fail_after = 1;
	CHECK(!pt_map(&pt, 0, 0x5000, K4, 0));
	expect_unmapped(0);
	check_pool();
	teardown();
}

TEST(out_of_memory_while_splitting_keeps_the_old_mapping)
{
	setup(true);
	CHECK(pt_map(&pt, G1, 2 * G1, G1, PTE_W));
	pool.fail_after = 0;		/* the 1 GiB page cannot be split at all */
	CHECK(!pt_map(&pt, G1 + 0x5000, 0x9000, K4, 0));
	CHECK(!pt_unmap(&pt, G1 + 0x5000, K4));
	expect(G1 + 0x5000, 2 * G1 + 0x5000, G1, PTE_W);
	pool.fail_after = 1;		/* into 2 MiB pages, but no further */
	CHECK(!pt_map(&pt, G1 + 0x5000, 0x9000, K4, 0));
	expect(G1 + 0x5000, 2 * G1 + 0x5000, M2, PTE_W);
	expect(G1 + M2, 2 * G1 + M2, M2, PTE_W);
	CHECK(!pt_unmap(&pt, G1 + 0x5000, K4));
	expect(G1 + 0x5000, 2 * G1 + 0x5000, M2, PTE_W);
	pool.fail_after = -1;
	CHECK(pt_unmap(&pt, G1 + 0x5000, K4));
	expect_unmapped(G1 + 0x5000);
	expect(G1 + 0x6000, 2 * G1 + 0x6000, K4, PTE_W);
	check_pool();
	teardown();
}

TEST(destroy_frees_every_table)
{
	setup(true);
	for (unsigned i = 0; i < 64; i++)
		CHECK(pt_map(&pt, (uint64_t)i * 0x40201000ull, 0x1000000 + i * K4, 3 * K4, PTE_W));
	CHECK(pt_map(&pt, 0x100000000000ull, 0, 3 * G1 + 5 * M2 + 7 * K4, 0));
	CHECK(pool.live > 64);
	check_pool();
	teardown();
}

/*
 * Random map/unmap sequences in a 4 GiB window against a model holding a
 * physical address and flags for every 4 KiB page (flags 0: not mapped).
 */
#define WINDOW (4 * G1)
#define NPAGES (WINDOW / K4)

static uint64_t model_pa[NPAGES], model_flags[NPAGES];
static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void check_page(uint64_t page)
{
	uint64_t va = page * K4 + (rng() & 0xfff), pte, size, pa;
	bool mapped = pt_lookup(&pt, va, &pte, &size, &pa);

	if (mapped != !!model_flags[page])
		TEST_FAIL("0x%" PRIx64 ": mapped %d, model %d", va, mapped, !!model_flags[page]);
	if (!mapped)
		return;
	if (pa != model_pa[page] + (va & 0xfff) || (pte & LEAF_MASK) != model_flags[page])
		TEST_FAIL("0x%" PRIx64 ": pa 0x%" PRIx64 " pte 0x%" PRIx64 ", model pa 0x%" PRIx64
			  " flags 0x%" PRIx64, va, pa, pte, model_pa[page], model_flags[page]);
}

static uint64_t random_aligned(uint64_t limit)
{
	static const uint64_t aligns[] = { K4, K4, M2, M2, G1 };
	uint64_t a = aligns[rng() % 5];
	return (rng() % limit) & ~(a - 1);
}

static void random_op(void)
{
	static const uint64_t sizes[] = { K4, 3 * K4, 64 * K4, M2, M2 + K4, 3 * M2, G1, G1 + M2 };
	static const uint64_t flag_bits[] = { PTE_W, PTE_U, PTE_PWT, PTE_PCD, PTE_G, PTE_NX };
	uint64_t size = sizes[rng() % 8], va, pa, flags = PTE_P;

	if (rng() % 4 == 0)
		size = (rng() % (G1 / K4) + 1) * K4;
	if (size > WINDOW)
		size = WINDOW;
	va = random_aligned(WINDOW - size + 1);
	if (rng() % 8 == 0)
		va = (va + size <= WINDOW - K4) ? va + K4 : va;	/* knock off alignment */
	pa = rng() % 4 ? va + random_aligned(64 * G1) : random_aligned(64 * G1);
	for (unsigned i = 0; i < 6; i++)
		if (rng() & 1)
			flags |= flag_bits[i];
	if (rng() % 3) {
		CHECK(pt_map(&pt, va, pa, size, flags));
		for (uint64_t off = 0; off < size; off += K4) {
			model_pa[(va + off) / K4] = pa + off;
			model_flags[(va + off) / K4] = flags;
		}
	} else {
		CHECK(pt_unmap(&pt, va, size));
		for (uint64_t off = 0; off < size; off += K4)
			model_flags[(va + off) / K4] = 0;
	}
	/* The op's range and its edges, then a sample of everything. */
	uint64_t first = va / K4, n = size / K4;
	for (uint64_t i = 0; i < n; i += n > 2048 ? 1 + rng() % 64 : 1)
		check_page(first + i);
	if (first)
		check_page(first - 1);
	check_page(first + n - 1);
	if (first + n < NPAGES)
		check_page(first + n);
	for (int i = 0; i < 512; i++)
		check_page(rng() % NPAGES);
	check_pool();
}

static void random_run(bool allow_1g, unsigned ops)
{
	memset(model_flags, 0, sizeof(model_flags));
	setup(allow_1g);
	for (unsigned i = 0; i < ops; i++) {
		random_op();
		if (i % 64 == 63)
			for (uint64_t p = 0; p < NPAGES; p++)
				check_page(p);
	}
	teardown();
}

TEST(random_operations_match_a_page_model)
{
	random_run(true, 400);
	random_run(false, 200);
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
