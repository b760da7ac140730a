/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libFuzzer target for hv/cap: the input bytes choose a sequence of
 * capability operations and their arguments; each runs on the library and
 * on the reference model, and any disagreement or broken invariant aborts.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cap_model.h"

/* Keeps one input's run short, so the fuzzer tries many inputs. */
#define MAX_STEPS 512

struct byte_source {
	const uint8_t *data;
	size_t left;
	bool exhausted;
};

/* As many bytes as the bound needs, little-endian; zeros once the input ends. */
static uint64_t byte_draw(void *arg, uint64_t bound)
{
	struct byte_source *b = arg;
	unsigned int nbytes = bound <= 0x100 ? 1 : bound <= 0x10000 ? 2 : 8;
	uint64_t v = 0;

	for (unsigned int i = 0; i < nbytes; i++) {
		if (b->left == 0) {
			b->exhausted = true;
			break;
		}
		v |= (uint64_t)*b->data++ << (8 * i);
		b->left--;
	}
	return v % bound;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct byte_source bytes = { data, size, false };
	struct cap_source src = { byte_draw, &bytes };
	struct cap_harness *h = cap_harness_create();
	char why[256];

	for (int step = 0; step < MAX_STEPS && !bytes.exhausted; step++) {
		if (!cap_harness_step(h, &src, why, sizeof(why))) {
			fprintf(stderr, "cap_fuzz: step %d (%s): %s\n", step,
				cap_model_op_name(cap_harness_last_op(h)), why);
			abort();
		}
	}
	cap_harness_free(h);
	return 0;
}
