/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Randomized model test of hv/cap: long random operation sequences run on
 * the library and on the reference model (tests/cap/cap_model.c), with every
 * invariant checked after each step.
 *
 *   CAP_MODEL_SEED=n   first seed (default 1); a failure prints its seed
 *   CAP_MODEL_RUNS=n   sequences, one seed each (default 100)
 *   CAP_MODEL_STEPS=n  operations per sequence (default 4000)
 */
#include "test.h"
#include "cap_model.h"

#define DEFAULT_SEED  1
#define DEFAULT_RUNS  100
#define DEFAULT_STEPS 4000

static uint64_t env_or(const char *name, uint64_t fallback)
{
	const char *v = getenv(name);

	return v && *v ? strtoull(v, NULL, 0) : fallback;
}

/* splitmix64: tiny, seedable, and good enough to spread choices. */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t rng_draw(void *arg, uint64_t bound)
{
	return rng_next(arg) % bound;
}

static uint64_t totals[OP_COUNT];

/* Runs one seeded sequence; returns the failing step or -1. */
static long run_sequence(uint64_t seed, uint64_t steps, char *why, size_t len)
{
	struct cap_harness *h = cap_harness_create();
	uint64_t state = seed;
	struct cap_source src = { rng_draw, &state };
	long failed_at = -1;

	for (uint64_t i = 0; i < steps; i++) {
		if (!cap_harness_step(h, &src, why, len)) {
			failed_at = (long)i;
			break;
		}
	}
	for (int op = 0; op < OP_COUNT; op++)
		totals[op] += cap_harness_successes(h)[op];
	if (failed_at >= 0)
		snprintf(why + strlen(why), len - strlen(why), " (op %s)",
			 cap_model_op_name(cap_harness_last_op(h)));
	cap_harness_free(h);
	return failed_at;
}

TEST(random_sequences_match_model)
{
	uint64_t seed = env_or("CAP_MODEL_SEED", DEFAULT_SEED);
	uint64_t runs = env_or("CAP_MODEL_RUNS", DEFAULT_RUNS);
	uint64_t steps = env_or("CAP_MODEL_STEPS", DEFAULT_STEPS);
	char why[256];

	for (uint64_t r = 0; r < runs; r++) {
		long at;

		why[0] = 0;
		at = run_sequence(seed + r, steps, why, sizeof(why));
		if (at >= 0)
			TEST_FAIL("seed %llu step %ld: %s", (unsigned long long)(seed + r),
				  at, why);
	}
}

/* The sequences must exercise every operation, or the test above proves little. */
TEST(every_operation_succeeded)
{
	for (int op = 0; op < OP_COUNT; op++) {
		printf("  %-15s %8llu successes\n", cap_model_op_name(op),
		       (unsigned long long)totals[op]);
		if (totals[op] == 0)
			TEST_FAIL("no %s succeeded", cap_model_op_name(op));
	}
}

int main(void)
{
	return test_main();
}
