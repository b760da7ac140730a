// SPDX-License-Identifier: GPL-2.0
/*
 * Memory-map tests (hv/lib/memmap.c): overlap resolution by type rank,
 * merging, set_type, covers and capacity, then random operations checked
 * against a byte-granular model.
 */
#include "test.h"

#include <hv/memmap.h>
#include <hv/util.h>

#define U  BH_MEM_USABLE
#define R  BH_MEM_RESERVED
#define A  BH_MEM_ACPI_RECLAIM
#define N  BH_MEM_ACPI_NVS
#define X  BH_MEM_UNUSABLE
#define P  BH_MEM_PMEM

/* Least to most restrictive: where two overlap, the later one in this list wins. */
static const uint32_t by_rank[] = { U, P, A, N, R, X };

struct map {
	struct bh_mem_range r[64];
	struct mem_map m;
};

static void map_init(struct map *mp, unsigned cap)
{
	memset(mp, 0, sizeof(*mp));
	mp->m = (struct mem_map){ .r = mp->r, .count = 0, .cap = cap };
}

static void add(struct map *mp, uint64_t base, uint64_t size, uint32_t type)
{
	if (!memmap_add(&mp->m, base, size, type))
		TEST_FAIL("memmap_add(0x%" PRIx64 ", 0x%" PRIx64 ") out of room", base, size);
}

static void dump(const struct mem_map *m, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = 0;
	for (unsigned i = 0; i < m->count && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "[%" PRIx64 ",%" PRIx64 ")t%u ",
				      m->r[i].base, m->r[i].base + m->r[i].size, m->r[i].type);
}

/* The map must be exactly these {base, end, type} triples. */
struct want { uint64_t base, end; uint32_t type; };

static void expect_map(const struct mem_map *m, const struct want *w, unsigned n)
{
	char got[256];
	int ok = m->count == n;

	for (unsigned i = 0; ok && i < n; i++)
		ok = m->r[i].base == w[i].base && m->r[i].base + m->r[i].size == w[i].end &&
		     m->r[i].type == w[i].type;
	if (!ok) {
		dump(m, got, sizeof(got));
		TEST_FAIL("map is %s(%u ranges, want %u)", got, m->count, n);
	}
}

#define EXPECT(m, ...)                                                    \
	do {                                                              \
		static const struct want w_[] = { __VA_ARGS__ };          \
		expect_map(m, w_, ARRAY_SIZE(w_));                        \
	} while (0)

TEST(more_restrictive_type_wins_an_overlap)
{
	struct map mp;

	for (unsigned lo = 0; lo < ARRAY_SIZE(by_rank); lo++)
		for (unsigned hi = lo + 1; hi < ARRAY_SIZE(by_rank); hi++)
			for (int order = 0; order < 2; order++) {
				uint32_t weak = by_rank[lo], strong = by_rank[hi];
				map_init(&mp, 8);
				/* strong punches a hole in the middle of weak, in either order */
				if (order) {
					add(&mp, 0x4000, 0x2000, strong);
					add(&mp, 0x0000, 0x10000, weak);
				} else {
					add(&mp, 0x0000, 0x10000, weak);
					add(&mp, 0x4000, 0x2000, strong);
				}
				CHECK(memmap_sanitize(&mp.m));
				struct want w[] = { { 0, 0x4000, weak }, { 0x4000, 0x6000, strong },
						    { 0x6000, 0x10000, weak } };
				expect_map(&mp.m, w, 3);
				/* weak inside strong vanishes */
				map_init(&mp, 8);
				add(&mp, 0x4000, 0x2000, weak);
				add(&mp, 0x0000, 0x10000, strong);
				CHECK(memmap_sanitize(&mp.m));
				struct want w2[] = { { 0, 0x10000, strong } };
				expect_map(&mp.m, w2, 1);
			}
}

TEST(partial_overlaps_cut_the_weaker_range)
{
	struct map mp;

	map_init(&mp, 8);
	add(&mp, 0x1000, 0x3000, U);	/* [1000,4000) */
	add(&mp, 0x3000, 0x3000, R);	/* [3000,6000) */
	add(&mp, 0x5000, 0x3000, U);	/* [5000,8000) */
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { 0x1000, 0x3000, U }, { 0x3000, 0x6000, R }, { 0x6000, 0x8000, U });
}

TEST(unknown_types_rank_as_unusable)
{
	struct map mp;

	map_init(&mp, 8);
	add(&mp, 0, 0x10000, R);
	add(&mp, 0x1000, 0x1000, 6);	/* not a bh_mem_type */
	add(&mp, 0x8000, 0x1000, 0xefffffff);
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { 0, 0x1000, R }, { 0x1000, 0x2000, 6 }, { 0x2000, 0x8000, R },
	       { 0x8000, 0x9000, 0xefffffff }, { 0x9000, 0x10000, R });
}

TEST(same_type_neighbours_merge_and_others_do_not)
{
	struct map mp;

	map_init(&mp, 16);
	add(&mp, 0x3000, 0x1000, U);	/* unsorted, touching, overlapping, nested */
	add(&mp, 0x0000, 0x1000, U);
	add(&mp, 0x1000, 0x2000, U);
	add(&mp, 0x1800, 0x0100, U);
	add(&mp, 0x3800, 0x1000, U);
	add(&mp, 0x4800, 0x0800, A);	/* touches, other type: stays apart */
	add(&mp, 0x5000, 0x1000, A);
	add(&mp, 0x7000, 0x1000, A);	/* a gap: stays apart */
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { 0, 0x4800, U }, { 0x4800, 0x6000, A }, { 0x7000, 0x8000, A });
}

TEST(a_merge_can_reach_back_past_a_cut)
{
	struct map mp;

	/* R cuts U's head away: the rest of U must then merge with the U before. */
	map_init(&mp, 8);
	add(&mp, 0x0000, 0x2000, U);
	add(&mp, 0x2000, 0x1000, R);
	add(&mp, 0x2000, 0x4000, U);
	add(&mp, 0x2000, 0x1000, U);
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { 0, 0x2000, U }, { 0x2000, 0x3000, R }, { 0x3000, 0x6000, U });
}

TEST(empty_and_wrapping_ranges_are_dropped)
{
	struct map mp;

	map_init(&mp, 8);
	add(&mp, 0x1000, 0, R);
	add(&mp, UINT64_MAX - 0xfff, 0x2000, R);	/* wraps */
	add(&mp, 0x2000, 0x1000, U);
	add(&mp, 0, 0, U);
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { 0x2000, 0x3000, U });
	map_init(&mp, 8);
	CHECK(memmap_sanitize(&mp.m));
	CHECK_EQ(mp.m.count, 0);
}

TEST(ranges_up_to_the_top_of_the_address_space)
{
	struct map mp;

	map_init(&mp, 8);
	add(&mp, UINT64_MAX - 0x1fff, 0x1000, R);
	add(&mp, UINT64_MAX - 0x2fff, 0x2000, U);
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { UINT64_MAX - 0x2fff, UINT64_MAX - 0x1fff, U },
	       { UINT64_MAX - 0x1fff, UINT64_MAX - 0xfff, R });
	CHECK_EQ(memmap_end(&mp.m), UINT64_MAX - 0xfff);
}

TEST(sanitize_reports_running_out_of_room)
{
	struct map mp;

	/* Cutting a hole into a range needs a third slot. */
	map_init(&mp, 2);
	add(&mp, 0, 0x10000, U);
	add(&mp, 0x4000, 0x1000, R);
	CHECK(!memmap_sanitize(&mp.m));
	map_init(&mp, 3);
	add(&mp, 0, 0x10000, U);
	add(&mp, 0x4000, 0x1000, R);
	CHECK(memmap_sanitize(&mp.m));
	CHECK_EQ(mp.m.count, 3);
	/* A full map that only merges needs no room. */
	map_init(&mp, 3);
	add(&mp, 0, 0x1000, U);
	add(&mp, 0x800, 0x1000, U);
	add(&mp, 0x1800, 0x1000, U);
	CHECK(memmap_sanitize(&mp.m));
	EXPECT(&mp.m, { 0, 0x2800, U });
}

TEST(add_refuses_a_full_map)
{
	struct map mp;

	map_init(&mp, 2);
	CHECK(memmap_add(&mp.m, 0, 0x1000, U));
	CHECK(memmap_add(&mp.m, 0x2000, 0x1000, U));
	CHECK(!memmap_add(&mp.m, 0x4000, 0x1000, U));
	CHECK_EQ(mp.m.count, 2);
	map_init(&mp, 0);
	CHECK(!memmap_add(&mp.m, 0, 0x1000, U));
}

static void three_ranges(struct map *mp, unsigned cap)
{
	map_init(mp, cap);
	add(mp, 0x0000, 0x10000, U);
	add(mp, 0x10000, 0x1000, R);
	add(mp, 0x20000, 0x10000, U);
	CHECK(memmap_sanitize(&mp->m));
}

TEST(set_type_splits_a_range_in_three)
{
	struct map mp;

	three_ranges(&mp, 8);
	CHECK(memmap_set_type(&mp.m, 0x4000, 0x2000, R));
	EXPECT(&mp.m, { 0, 0x4000, U }, { 0x4000, 0x6000, R }, { 0x6000, 0x10000, U },
	       { 0x10000, 0x11000, R }, { 0x20000, 0x30000, U });
	/* Any type may replace any other, also a less restrictive one. */
	CHECK(memmap_set_type(&mp.m, 0x4000, 0x2000, U));
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, R }, { 0x20000, 0x30000, U });
}

TEST(set_type_across_ranges_and_gaps)
{
	struct map mp;

	three_ranges(&mp, 8);
	/* From inside the first range, over R and the gap, into the last. */
	CHECK(memmap_set_type(&mp.m, 0x8000, 0x20000, A));
	EXPECT(&mp.m, { 0, 0x8000, U }, { 0x8000, 0x28000, A }, { 0x28000, 0x30000, U });
	/* Exactly one range, and the result merges with both neighbours. */
	three_ranges(&mp, 8);
	CHECK(memmap_set_type(&mp.m, 0x10000, 0x1000, U));
	EXPECT(&mp.m, { 0, 0x11000, U }, { 0x20000, 0x30000, U });
	/* Into a gap only: adds a range. */
	three_ranges(&mp, 8);
	CHECK(memmap_set_type(&mp.m, 0x14000, 0x1000, N));
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, R }, { 0x14000, 0x15000, N },
	       { 0x20000, 0x30000, U });
	/* Over everything. */
	three_ranges(&mp, 8);
	CHECK(memmap_set_type(&mp.m, 0, 0x40000, X));
	EXPECT(&mp.m, { 0, 0x40000, X });
}

TEST(set_type_refuses_empty_and_wrapping_ranges)
{
	struct map mp;

	three_ranges(&mp, 8);
	CHECK(!memmap_set_type(&mp.m, 0x1000, 0, R));
	CHECK(!memmap_set_type(&mp.m, UINT64_MAX - 0xfff, 0x2000, R));
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, R }, { 0x20000, 0x30000, U });
}

/* A refused set_type leaves the map as it was: no hole, no empty slots. */
TEST(set_type_out_of_room_changes_nothing)
{
	struct map mp;

	three_ranges(&mp, 4);	/* room for one more range */
	CHECK(!memmap_set_type(&mp.m, 0x4000, 0x1000, R));	/* split needs two */
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, R }, { 0x20000, 0x30000, U });
	three_ranges(&mp, 3);	/* full */
	CHECK(!memmap_set_type(&mp.m, 0xf000, 0x1800, A));	/* cuts two, adds one */
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, R }, { 0x20000, 0x30000, U });
	CHECK(!memmap_set_type(&mp.m, 0x14000, 0x1000, A));	/* gap: adds one */
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, R }, { 0x20000, 0x30000, U });
}

/* Replacing whole ranges frees their slots, so a full map can still change. */
TEST(set_type_reuses_the_slots_it_covers)
{
	struct map mp;

	three_ranges(&mp, 3);
	CHECK(memmap_set_type(&mp.m, 0x10000, 0x1000, A));
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, A }, { 0x20000, 0x30000, U });
	CHECK(memmap_set_type(&mp.m, 0x20000, 0x10000, R));
	EXPECT(&mp.m, { 0, 0x10000, U }, { 0x10000, 0x11000, A }, { 0x20000, 0x30000, R });
	CHECK(memmap_set_type(&mp.m, 0xf000, 0x2000, A));	/* one and a half */
	EXPECT(&mp.m, { 0, 0xf000, U }, { 0xf000, 0x11000, A }, { 0x20000, 0x30000, R });
}

TEST(covers_walks_adjacent_ranges_of_one_type)
{
	struct map mp;

	/* Built by hand: two touching U ranges that sanitize would have merged. */
	map_init(&mp, 8);
	add(&mp, 0x0000, 0x2000, U);
	add(&mp, 0x2000, 0x2000, U);
	add(&mp, 0x4000, 0x1000, R);
	add(&mp, 0x6000, 0x1000, U);
	CHECK(memmap_covers(&mp.m, 0x1000, 0x2000, U));		/* across the seam */
	CHECK(memmap_covers(&mp.m, 0x0000, 0x4000, U));		/* all of both */
	CHECK(!memmap_covers(&mp.m, 0x1000, 0x3001, U));	/* one byte of R */
	CHECK(!memmap_covers(&mp.m, 0x3000, 0x2000, U));
	CHECK(memmap_covers(&mp.m, 0x4000, 0x1000, R));
	CHECK(!memmap_covers(&mp.m, 0x4000, 0x1001, R));	/* one byte of the gap */
	CHECK(!memmap_covers(&mp.m, 0x5000, 0x1000, U));	/* the gap */
	CHECK(!memmap_covers(&mp.m, 0x4800, 0x2000, R));	/* R, gap, U */
	CHECK(memmap_covers(&mp.m, 0x6fff, 1, U));
	CHECK(!memmap_covers(&mp.m, 0x6fff, 2, U));		/* past the end */
	CHECK(!memmap_covers(&mp.m, 0x7000, 0x1000, U));
	CHECK(!memmap_covers(&mp.m, 0x1000, 0x1000, R));	/* wrong type */
	CHECK(!memmap_covers(&mp.m, UINT64_MAX, 2, U));		/* wraps */
	/* The empty range is covered by anything. */
	CHECK(memmap_covers(&mp.m, 0x5000, 0, U));
}

TEST(total_and_end)
{
	struct map mp;

	three_ranges(&mp, 8);
	CHECK_EQ(memmap_total(&mp.m, U), 0x20000);
	CHECK_EQ(memmap_total(&mp.m, R), 0x1000);
	CHECK_EQ(memmap_total(&mp.m, A), 0);
	CHECK_EQ(memmap_end(&mp.m), 0x30000);
	map_init(&mp, 8);
	CHECK_EQ(memmap_end(&mp.m), 0);
	CHECK_EQ(memmap_total(&mp.m, U), 0);
}

/*
 * Random maps against a model with one type per byte (0: no range) over a
 * small space, where overlaps are decided byte by byte by rank.
 */
#define SPACE 192u

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int rank_of(uint32_t type)
{
	for (unsigned i = 0; i < ARRAY_SIZE(by_rank); i++)
		if (by_rank[i] == type)
			return (int)i;
	return -1;
}

static void check_against_model(const struct mem_map *m, const uint32_t *model, uint64_t scale)
{
	uint32_t seen[SPACE] = { 0 };
	char got[256];

	for (unsigned i = 0; i < m->count; i++) {
		const struct bh_mem_range *r = &m->r[i];
		dump(m, got, sizeof(got));
		if (!r->size || r->base % scale || r->size % scale || r->base + r->size > SPACE * scale)
			TEST_FAIL("bad range %u in %s", i, got);
		if (i && r->base < m->r[i - 1].base + m->r[i - 1].size)
			TEST_FAIL("ranges %u and %u overlap or are unsorted: %s", i - 1, i, got);
		if (i && r->base == m->r[i - 1].base + m->r[i - 1].size && r->type == m->r[i - 1].type)
			TEST_FAIL("ranges %u and %u should have merged: %s", i - 1, i, got);
		for (uint64_t b = r->base / scale; b < (r->base + r->size) / scale; b++)
			seen[b] = r->type;
	}
	for (unsigned b = 0; b < SPACE; b++)
		if (seen[b] != model[b]) {
			dump(m, got, sizeof(got));
			TEST_FAIL("unit %u is type %u, model says %u: %s", b, seen[b], model[b], got);
		}
	for (unsigned t = 0; t < ARRAY_SIZE(by_rank); t++) {
		uint64_t n = 0;
		for (unsigned b = 0; b < SPACE; b++)
			n += model[b] == by_rank[t];
		CHECK_EQ(memmap_total(m, by_rank[t]), n * scale);
	}
	uint64_t end = 0;
	for (unsigned b = 0; b < SPACE; b++)
		if (model[b])
			end = (b + 1) * scale;
	CHECK_EQ(memmap_end(m), end);
	for (int q = 0; q < 40; q++) {
		unsigned b = (unsigned)(rng() % SPACE), n = (unsigned)(rng() % 24);
		uint32_t t = by_rank[rng() % ARRAY_SIZE(by_rank)];
		int want = 1;
		for (unsigned k = b; k < b + n; k++)
			want &= k < SPACE && model[k] == t;
		if (memmap_covers(m, b * scale, n * scale, t) != want)
			TEST_FAIL("covers(%u, %u, type %u) != %d", b, n, t, want);
	}
}

static void random_round(uint64_t scale)
{
	struct bh_mem_range store[64];
	struct mem_map m = { .r = store, .count = 0, .cap = ARRAY_SIZE(store) };
	uint32_t model[SPACE] = { 0 };
	unsigned nadd = 1 + (unsigned)(rng() % 12);

	for (unsigned i = 0; i < nadd; i++) {
		unsigned b = (unsigned)(rng() % SPACE), n = (unsigned)(rng() % 48);
		uint32_t t = by_rank[rng() % ARRAY_SIZE(by_rank)];
		if (b + n > SPACE)
			n = SPACE - b;
		CHECK(memmap_add(&m, b * scale, n * scale, t));
		for (unsigned k = b; k < b + n; k++)
			if (!model[k] || rank_of(t) > rank_of(model[k]))
				model[k] = t;
	}
	CHECK(memmap_sanitize(&m));
	check_against_model(&m, model, scale);
	for (unsigned i = 0; i < 6; i++) {
		unsigned b = (unsigned)(rng() % SPACE), n = 1 + (unsigned)(rng() % 40);
		uint32_t t = by_rank[rng() % ARRAY_SIZE(by_rank)];
		if (b + n > SPACE)
			n = SPACE - b;
		CHECK(memmap_set_type(&m, b * scale, n * scale, t));
		for (unsigned k = b; k < b + n; k++)
			model[k] = t;
		check_against_model(&m, model, scale);
	}
}

TEST(random_maps_match_a_byte_model)
{
	for (int round = 0; round < 3000; round++)
		random_round(1);
}

TEST(random_maps_match_a_page_model)
{
	for (int round = 0; round < 1000; round++)
		random_round(0x1000);
}

int main(int argc, char **argv)
{
	return test_main_argv(argc, argv);
}
