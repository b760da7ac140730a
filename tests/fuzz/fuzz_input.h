/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The byte cursor the libFuzzer targets draw their choices from: values are
 * little-endian, and an exhausted input reads as zeros, so every script
 * ends with well-defined choices however short the input.
 */
#ifndef BULKHEAD_FUZZ_INPUT_H
#define BULKHEAD_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

struct fuzz_input {
	const uint8_t *p;
	size_t left;
};

/* The next 'bytes' bytes (at most 8) as one little-endian value. */
static inline uint64_t fuzz_bytes(struct fuzz_input *in, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < bytes && in->left; i++, in->p++, in->left--)
		v |= (uint64_t)*in->p << (8 * i);
	return v;
}

static inline uint8_t fuzz_u8(struct fuzz_input *in)
{
	return (uint8_t)fuzz_bytes(in, 1);
}

static inline uint32_t fuzz_u32(struct fuzz_input *in)
{
	return (uint32_t)fuzz_bytes(in, 4);
}

/* A broken promise is a crash libFuzzer reports with its input. */
#define FUZZ_CHECK(cond) do { if (!(cond)) abort(); } while (0)

#endif
