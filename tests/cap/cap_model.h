/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reference model of the capability library, and a harness that runs one
 * operation on both the library and the model and compares them.
 *
 * The model is deliberately naive (parent indices, counts recomputed by
 * scanning, pages as flags) so it is easy to trust. Operations and their
 * arguments are drawn from a cap_source: a seeded PRNG in the model test,
 * the input bytes in the fuzzer.
 */
#ifndef CAP_MODEL_H
#define CAP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A stream of choices: draw() returns a value in [0, bound). */
struct cap_source {
	uint64_t (*draw)(void *arg, uint64_t bound);
	void *arg;
};

enum cap_model_op {
	OP_COPY,
	OP_MINT,
	OP_MOVE,
	OP_DELETE,
	OP_REVOKE,
	OP_RETYPE_FRAME,
	OP_RETYPE_UNTYPED,
	OP_CREATE,
	OP_MAP,
	OP_UNMAP,
	OP_CLEAR,
	OP_LOOKUP,
	OP_BOOT,
	OP_COUNT
};

struct cap_harness;

/* A fresh library instance and model: two CSpaces' worth of roots booted. */
struct cap_harness *cap_harness_create(void);
void cap_harness_free(struct cap_harness *h);

/*
 * Draws one operation, runs it on the library and the model, then checks
 * every invariant. Returns false and describes the first difference in
 * 'why' if they disagree.
 */
bool cap_harness_step(struct cap_harness *h, struct cap_source *src,
		      char *why, size_t why_len);

/* Name of an operation, for reports. */
const char *cap_model_op_name(enum cap_model_op op);

/* The last operation drawn, and how many of each kind succeeded so far. */
enum cap_model_op cap_harness_last_op(const struct cap_harness *h);
const uint64_t *cap_harness_successes(const struct cap_harness *h);

#endif
