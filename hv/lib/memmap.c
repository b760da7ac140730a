// SPDX-License-Identifier: GPL-2.0
/* Sorted, disjoint physical memory maps. */
#include <hv/memmap.h>
#include <hv/util.h>

/* Higher wins where ranges overlap: a byte anyone reserves is not RAM. */
static int type_rank(uint32_t type)
{
	switch (type) {
	case BH_MEM_USABLE:       return 0;
	case BH_MEM_PMEM:         return 1;
	case BH_MEM_ACPI_RECLAIM: return 2;
	case BH_MEM_ACPI_NVS:     return 3;
	case BH_MEM_RESERVED:     return 4;
	default:                  return 5;	/* unusable and unknown types */
	}
}

bool memmap_add(struct mem_map *m, uint64_t base, uint64_t size, uint32_t type)
{
	if (m->count >= m->cap)
		return false;
	m->r[m->count++] = (struct bh_mem_range){ .base = base, .size = size, .type = type };
	return true;
}

static void sort_by_base(struct mem_map *m)
{
	/* Insertion sort: maps are short and usually nearly sorted already. */
	for (unsigned i = 1; i < m->count; i++) {
		struct bh_mem_range x = m->r[i];
		unsigned j = i;

		while (j > 0 && m->r[j - 1].base > x.base) {
			m->r[j] = m->r[j - 1];
			j--;
		}
		m->r[j] = x;
	}
}

static void remove_at(struct mem_map *m, unsigned i)
{
	for (unsigned j = i + 1; j < m->count; j++)
		m->r[j - 1] = m->r[j];
	m->count--;
}

static void drop_bad(struct mem_map *m)
{
	for (unsigned i = 0; i < m->count;) {
		if (m->r[i].size == 0 || !range_ok(m->r[i].base, m->r[i].size) ||
		    m->r[i].base + m->r[i].size == 0)
			remove_at(m, i);
		else
			i++;
	}
}

/*
 * Resolves the first overlap between r[i] and its successor r[i + 1]
 * (sorted by base). Returns false if splitting needed more room.
 */
static bool resolve_pair(struct mem_map *m, unsigned i)
{
	struct bh_mem_range *a = &m->r[i], *b = &m->r[i + 1];
	uint64_t a_end = a->base + a->size, b_end = b->base + b->size;

	if (a->type == b->type || type_rank(a->type) >= type_rank(b->type)) {
		/* a wins (or they merge): b keeps only what lies past a. */
		if (a->type == b->type && b_end > a_end)
			a->size = b_end - a->base;
		if (b_end <= a_end || a->type == b->type) {
			remove_at(m, i + 1);
		} else {
			b->size = b_end - a_end;
			b->base = a_end;
		}
		return true;
	}
	/* b wins: a is cut at b's start, and a's tail past b survives. */
	if (a_end > b_end) {
		if (m->count >= m->cap)
			return false;
		struct bh_mem_range tail = { .base = b_end, .size = a_end - b_end, .type = a->type };
		a->size = b->base - a->base;
		m->r[m->count++] = tail;
		sort_by_base(m);
	} else {
		a->size = b->base - a->base;
	}
	return true;
}

bool memmap_sanitize(struct mem_map *m)
{
	drop_bad(m);
	sort_by_base(m);
	for (unsigned i = 0; i + 1 < m->count;) {
		struct bh_mem_range *a = &m->r[i], *b = &m->r[i + 1];

		if (b->base < a->base + a->size) {
			if (!resolve_pair(m, i))
				return false;
			drop_bad(m);
			sort_by_base(m);
			i = i ? i - 1 : 0;	/* a may now touch its predecessor */
		} else if (b->base == a->base + a->size && a->type == b->type) {
			a->size += b->size;
			remove_at(m, i + 1);
		} else {
			i++;
		}
	}
	return true;
}

/* Slots set_type needs: a split adds one, a range it covers whole frees one. */
static bool set_type_fits(const struct mem_map *m, uint64_t base, uint64_t end)
{
	unsigned splits = 0, freed = 0;

	for (unsigned i = 0; i < m->count; i++) {
		const struct bh_mem_range *r = &m->r[i];
		uint64_t r_end = r->base + r->size;

		if (!ranges_overlap(r->base, r->size, base, end - base))
			continue;
		if (r->base < base && r_end > end)
			splits++;
		else if (r->base >= base && r_end <= end)
			freed++;
	}
	/* The tails are appended before the covered ranges are dropped. */
	return m->count + splits <= m->cap && m->count + splits - freed + 1 <= m->cap;
}

bool memmap_set_type(struct mem_map *m, uint64_t base, uint64_t size, uint32_t type)
{
	uint64_t end = base + size;

	if (!size || !range_ok(base, size))
		return false;
	/* Check for room first, so a refusal leaves the map as it was. */
	if (!set_type_fits(m, base, end))
		return false;
	for (unsigned i = 0; i < m->count; i++) {
		struct bh_mem_range *r = &m->r[i];
		uint64_t r_end = r->base + r->size;

		if (!ranges_overlap(r->base, r->size, base, size))
			continue;
		if (r->base < base && r_end > end) {
			/* Split: keep the head here, the tail as a new range. */
			m->r[m->count++] = (struct bh_mem_range){ .base = end, .size = r_end - end,
								  .type = r->type };
			r->size = base - r->base;
		} else if (r->base < base) {
			r->size = base - r->base;
		} else if (r_end > end) {
			r->size = r_end - end;
			r->base = end;
		} else {
			r->size = 0;	/* fully covered; its slot is reused below */
		}
	}
	drop_bad(m);
	if (!memmap_add(m, base, size, type))
		return false;
	return memmap_sanitize(m);
}

uint64_t memmap_total(const struct mem_map *m, uint32_t type)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < m->count; i++)
		if (m->r[i].type == type)
			total += m->r[i].size;
	return total;
}

bool memmap_covers(const struct mem_map *m, uint64_t base, uint64_t size, uint32_t type)
{
	uint64_t pos = base, end = base + size;

	if (!range_ok(base, size))
		return false;
	/* Sorted and disjoint: walk the ranges that cover pos in order. */
	for (unsigned i = 0; i < m->count && pos < end; i++) {
		const struct bh_mem_range *r = &m->r[i];

		if (r->base + r->size <= pos)
			continue;
		if (r->base > pos || r->type != type)
			return false;
		pos = r->base + r->size;
	}
	return pos >= end;
}

uint64_t memmap_end(const struct mem_map *m)
{
	uint64_t end = 0;

	for (unsigned i = 0; i < m->count; i++)
		end = MAX(end, m->r[i].base + m->r[i].size);
	return end;
}
