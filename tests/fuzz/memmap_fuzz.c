// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for hv/lib/memmap.c: add, sanitize and set_type driven
 * by the input, checked after each step against a model holding one type
 * per unit of a small space (overlaps decided unit by unit by rank).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hv/memmap.h>

#define UNITS  320u
#define MAXCAP 48u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* By rank, least restrictive first; ties (unknown types) are left out. */
static const uint32_t types[] = { BH_MEM_USABLE, BH_MEM_PMEM, BH_MEM_ACPI_RECLAIM,
				  BH_MEM_ACPI_NVS, BH_MEM_RESERVED, BH_MEM_UNUSABLE };

static int rank(uint32_t t)
{
	for (int i = 0; i < 6; i++)
		if (types[i] == t)
			return i;
	abort();
}

struct state {
	struct bh_mem_range r[MAXCAP];
	struct mem_map m;
	uint32_t model[UNITS];		/* what the map holds once sanitized */
	uint32_t pending[UNITS];	/* the model with the adds since then */
	bool dirty;			/* adds not yet sanitized */
	uint64_t scale;			/* bytes per unit */
};

static void check(const struct state *s)
{
	const struct mem_map *m = &s->m;
	uint32_t seen[UNITS] = { 0 };

	for (unsigned i = 0; i < m->count; i++) {
		const struct bh_mem_range *r = &m->r[i];
		if (!r->size || r->base % s->scale || r->size % s->scale ||
		    r->base + r->size > UNITS * s->scale)
			abort();
		if (i && r->base < m->r[i - 1].base + m->r[i - 1].size)
			abort();	/* unsorted or overlapping */
		if (i && r->base == m->r[i - 1].base + m->r[i - 1].size && r->type == m->r[i - 1].type)
			abort();	/* should have merged */
		for (uint64_t u = r->base / s->scale; u < (r->base + r->size) / s->scale; u++)
			seen[u] = r->type;
	}
	if (memcmp(seen, s->model, sizeof(seen)))
		abort();
	uint64_t end = 0;
	for (unsigned u = 0; u < UNITS; u++)
		if (s->model[u])
			end = (u + 1) * s->scale;
	if (memmap_end(m) != end)
		abort();
	for (unsigned t = 0; t < 6; t++) {
		uint64_t n = 0;
		for (unsigned u = 0; u < UNITS; u++)
			n += s->model[u] == types[t];
		if (memmap_total(m, types[t]) != n * s->scale)
			abort();
	}
}

static void check_covers(const struct state *s, unsigned base, unsigned n, uint32_t type)
{
	bool want = true;

	for (unsigned u = base; u < base + n; u++)
		want &= u < UNITS && s->model[u] == type;
	if (memmap_covers(&s->m, base * s->scale, n * s->scale, type) != want)
		abort();
}

static void sanitize(struct state *s)
{
	if (memmap_sanitize(&s->m)) {
		memcpy(s->model, s->pending, sizeof(s->model));
		check(s);
	} else {
		/* Out of room: the map is unspecified; start over. */
		s->m.count = 0;
		memset(s->model, 0, sizeof(s->model));
		memset(s->pending, 0, sizeof(s->pending));
	}
	s->dirty = false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct state s;

	if (size < 1)
		return 0;
	memset(&s, 0, sizeof(s));
	s.m = (struct mem_map){ .r = s.r, .count = 0, .cap = 1 + data[0] % MAXCAP };
	s.scale = data[0] & 0x80 ? 4096 : 1;
	for (size_t i = 1; i + 4 <= size; i += 4) {
		const uint8_t *op = data + i;
		unsigned base = op[1] + (op[0] & 0x40 ? 64 : 0), n = op[2] % 72;
		uint32_t type = types[op[3] % 6];

		if (base + n > UNITS)
			n = UNITS - base;
		switch (op[0] % 4) {
		case 0:	/* add (n may be 0: an empty range) */
			if (memmap_add(&s.m, base * s.scale, n * s.scale, type)) {
				for (unsigned u = base; u < base + n; u++)
					if (!s.pending[u] || rank(type) > rank(s.pending[u]))
						s.pending[u] = type;
				s.dirty = true;
			} else if (s.m.count != s.m.cap) {
				abort();
			}
			break;
		case 1:
			sanitize(&s);
			break;
		case 2: {	/* set_type on a sanitized map */
			struct bh_mem_range before[MAXCAP];
			unsigned count;
			if (s.dirty)
				sanitize(&s);
			count = s.m.count;
			memcpy(before, s.r, sizeof(before));
			if (memmap_set_type(&s.m, base * s.scale, n * s.scale, type)) {
				if (!n)
					abort();
				for (unsigned u = base; u < base + n; u++)
					s.model[u] = s.pending[u] = type;
				check(&s);
			} else if (s.m.count != count || memcmp(before, s.r, count * sizeof(before[0]))) {
				abort();	/* a refusal changes nothing */
			}
			break;
		}
		case 3:
			if (!s.dirty)
				check_covers(&s, base, n, type);
			break;
		}
	}
	if (s.dirty)
		sanitize(&s);
	return 0;
}
