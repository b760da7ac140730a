/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Benchmark of hv/cap over a 10,000-node derivation tree: lookup, mint,
 * delete, revoke and single-page retype, each against a yardstick measured
 * in the same run (docs/performance.md explains the yardsticks).
 *
 *   cap_bench              timed: best of ROUNDS, "bench:" lines
 *   cap_bench --callgrind  each phase once between callgrind client
 *                          requests; tests/bench/cap_callgrind reads the dumps
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS do { } while (0)
#define CALLGRIND_DUMP_STATS_AT(name) do { (void)(name); } while (0)
#endif

#include "cap.h"

#define NODES       10000u		/* capabilities in the tree, root excluded */
#define CS_BITS     14u			/* 16,384 slots: room for the tree */
#define CS_SLOTS    (1u << CS_BITS)
#define UT_PAGES    CS_SLOTS		/* one untyped page per slot */
#define UT_BASE     0x100000000ull
#define ROUNDS      50
#define SEED        42
#define ROOT        0u			/* slot of the control capability */
#define NS_PER_S    1e9

/* A conventional node, the size of a slot, for the yardsticks. */
struct plain_node {
	uint32_t parent, first_child, next_sibling, rights;
	uint8_t pad[48];
};

static struct cap_ctx ctx;
static struct cap_object objects[NODES + 16];
static struct cap_slot slots[CS_SLOTS];
static struct cspace cs;
static uint64_t ut_bitmap[CAP_BITMAP_WORDS(UT_PAGES)];
static uint64_t yard_bitmap[CAP_BITMAP_WORDS(UT_PAGES)];
static struct plain_node plain[CS_SLOTS];
static uint32_t parent_of[NODES + 1];	/* node i's parent, a random earlier node */
static uint32_t order[NODES];		/* nodes 1..NODES shuffled */
static uint32_t pages[NODES];		/* distinct pages shuffled */
static volatile uint64_t sink;

static uint64_t rng_state = SEED;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void shuffle(uint32_t *a, uint32_t n)
{
	for (uint32_t i = n - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(rng() % (i + 1)), t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

static void die(const char *what, enum bh_cap_error err)
{
	fprintf(stderr, "cap_bench: %s: %s\n", what, cap_error_name(err));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * NS_PER_S + (double)ts.tv_nsec;
}

/* A fresh context with only the control capability, in slot ROOT. */
static void reset(void)
{
	memset(slots, 0, sizeof(slots));
	memset(ut_bitmap, 0, sizeof(ut_bitmap));
	cap_ctx_init(&ctx, NULL);
	cap_ctx_add_objects(&ctx, objects, sizeof(objects) / sizeof(objects[0]));
	cspace_init(&cs, slots, CS_BITS);
	if (cap_boot_control(&ctx, &slots[ROOT], 1))
		die("boot", BH_CAP_ERR_NO_OBJECT);
}

/* The measured loops; noinline so each shows up alone under callgrind. */

__attribute__((noinline)) static void run_mint_tree(void)
{
	for (uint32_t i = 1; i <= NODES; i++) {
		enum bh_cap_error err = cap_mint(&ctx, &slots[parent_of[i]], &slots[i],
						 BH_CAP_RIGHTS_ALL, 0);
		if (err)
			die("mint", err);
	}
}

__attribute__((noinline)) static void run_mint_chain(void)
{
	for (uint32_t i = 1; i <= NODES; i++)
		cap_mint(&ctx, &slots[i - 1], &slots[i], BH_CAP_RIGHTS_ALL, 0);
}

/* Yardstick: append a node to a parent-pointer tree with child lists. */
__attribute__((noinline)) static void run_plain_insert(void)
{
	for (uint32_t i = 1; i <= NODES; i++) {
		struct plain_node *p = &plain[parent_of[i]];

		plain[i] = (struct plain_node){ .parent = parent_of[i],
			.next_sibling = p->first_child, .rights = BH_CAP_RIGHTS_ALL };
		p->first_child = i;
	}
}

__attribute__((noinline)) static void run_lookup(void)
{
	uint64_t acc = 0;

	for (uint32_t i = 0; i < NODES; i++) {
		struct cap_slot *s;

		if (cspace_lookup(&cs, order[i], CS_BITS, BH_CAP_CONTROL,
				  BH_CAP_RIGHT_READ, &s) == BH_CAP_OK)
			acc += s->rights;
	}
	sink = acc;
}

/* Yardstick: index the same array in the same order and read the rights. */
__attribute__((noinline)) static void run_array_index(void)
{
	uint64_t acc = 0;

	for (uint32_t i = 0; i < NODES; i++)
		acc += slots[order[i]].rights;
	sink = acc;
}

__attribute__((noinline)) static void run_delete(void)
{
	for (uint32_t i = 0; i < NODES; i++)
		cap_delete(&ctx, &slots[order[i]]);
}

__attribute__((noinline)) static void run_revoke(void)
{
	cap_revoke_all(&ctx, &slots[ROOT]);
}

/* Yardstick for delete and revoke: clear each node's record once, same order. */
__attribute__((noinline)) static void run_plain_clear(void)
{
	for (uint32_t i = 0; i < NODES; i++)
		plain[order[i]] = (struct plain_node){ 0 };
}

__attribute__((noinline)) static void run_retype(void)
{
	struct cap_slot *ut = &slots[ROOT + 1];

	for (uint32_t i = 0; i < NODES; i++) {
		enum bh_cap_error err = cap_retype_frame(&ctx, ut,
			UT_BASE + (uint64_t)pages[i] * BH_CAP_PAGE_SIZE, 1,
			&slots[order[i] + 1]);
		if (err)
			die("retype", err);
	}
}

/* Yardstick: the overlap check and claim alone, one bitmap bit per page. */
__attribute__((noinline)) static void run_bit_claim(void)
{
	uint64_t clashes = 0;

	for (uint32_t i = 0; i < NODES; i++) {
		uint64_t bit = 1ull << (pages[i] % 64), *w = &yard_bitmap[pages[i] / 64];

		clashes += (*w & bit) != 0;
		*w |= bit;
	}
	sink = clashes;
}

/* Phases: set-up outside the measurement, then the measured loop. */

static void prep_none(void)
{
}

static void prep_tree(void)
{
	reset();
	run_mint_tree();
}

static void prep_plain(void)
{
	memset(plain, 0, sizeof(plain));
	run_plain_insert();
}

static void prep_chain(void)
{
	reset();
	run_mint_chain();
}

static void prep_untyped(void)
{
	reset();
	if (cap_boot_untyped(&ctx, &slots[ROOT + 1], UT_BASE, UT_PAGES, ut_bitmap, 2))
		die("boot untyped", BH_CAP_ERR_NO_OBJECT);
	memset(yard_bitmap, 0, sizeof(yard_bitmap));
}

struct phase {
	const char *name;
	void (*prep)(void);
	void (*run)(void);
};

static const struct phase mint_tree    = { "cap_mint", reset, run_mint_tree };
static const struct phase mint_chain   = { "cap_mint_chain", reset, run_mint_chain };
static const struct phase plain_insert = { "tree_insert", prep_none, run_plain_insert };
static const struct phase lookup       = { "cap_lookup", prep_none, run_lookup };
static const struct phase array_index  = { "array_index", prep_none, run_array_index };
static const struct phase del          = { "cap_delete", prep_tree, run_delete };
static const struct phase revoke       = { "cap_revoke", prep_tree, run_revoke };
static const struct phase revoke_chain = { "cap_revoke_chain", prep_chain, run_revoke };
static const struct phase plain_clear  = { "node_clear", prep_plain, run_plain_clear };
static const struct phase retype       = { "cap_retype", prep_untyped, run_retype };
static const struct phase bit_claim    = { "bit_claim", prep_none, run_bit_claim };

/* Best of ROUNDS, in ns for the whole phase. */
static double best_ns(const struct phase *p)
{
	double best = 0;

	for (int r = 0; r < ROUNDS; r++) {
		double t0, t;

		p->prep();
		t0 = now();
		p->run();
		t = now() - t0;
		if (r == 0 || t < best)
			best = t;
	}
	return best;
}

static void report(const struct phase *subject, const struct phase *yardstick)
{
	double a = NODES / best_ns(subject) * NS_PER_S / 1e6;
	double b = NODES / best_ns(yardstick) * NS_PER_S / 1e6;

	printf("bench: %s %.2f Mops/s vs %s %.2f Mops/s ratio %.3f\n",
	       subject->name, a, yardstick->name, b, a / b);
}

/* One run of each phase between callgrind requests; prints the pairs to report. */
static void callgrind_phase(const struct phase *p)
{
	p->prep();
	CALLGRIND_ZERO_STATS;
	p->run();
	CALLGRIND_DUMP_STATS_AT(p->name);
}

static const struct phase *const pairs[][2] = {
	{ &lookup, &array_index },
	{ &mint_tree, &plain_insert },
	{ &mint_chain, &plain_insert },
	{ &del, &plain_clear },
	{ &revoke, &plain_clear },
	{ &revoke_chain, &plain_clear },
	{ &retype, &bit_claim },
};

static void setup_inputs(void)
{
	for (uint32_t i = 1; i <= NODES; i++) {
		parent_of[i] = (uint32_t)(rng() % i);
		order[i - 1] = i;
	}
	shuffle(order, NODES);
	for (uint32_t i = 0; i < NODES; i++)
		pages[i] = i;
	shuffle(pages, NODES);
}

int main(int argc, char **argv)
{
	bool callgrind = argc > 1 && !strcmp(argv[1], "--callgrind");
	size_t npairs = sizeof(pairs) / sizeof(pairs[0]);

	setup_inputs();
	/* Lookups read a built tree; build it once for them. */
	prep_tree();
	for (size_t i = 0; i < npairs; i++) {
		if (pairs[i][0] == &lookup)
			prep_tree();
		if (callgrind) {
			callgrind_phase(pairs[i][0]);
			callgrind_phase(pairs[i][1]);
			printf("pair %s %s %u\n", pairs[i][0]->name, pairs[i][1]->name, NODES);
		} else {
			report(pairs[i][0], pairs[i][1]);
		}
	}
	return 0;
}
