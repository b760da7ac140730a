/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical memory maps as sorted, disjoint lists of typed ranges
 * (hv/lib/memmap.c). The core derives the root's e820 from the loader's
 * map with these, and the worker builds guests' maps the same way.
 */
#ifndef HV_MEMMAP_H
#define HV_MEMMAP_H

#include <bulkhead/bootinfo.h>
#include <stdbool.h>
#include <stdint.h>

struct mem_map {
	struct bh_mem_range *r;	/* caller-provided storage */
	unsigned count;
	unsigned cap;
};

/*
 * Sorts the map and makes it disjoint: where ranges of different types
 * overlap, the more restrictive type wins (unusable > reserved > NVS >
 * ACPI > PMEM > usable); neighbours of the same type merge. Empty and
 * wrapping ranges are dropped. Returns false if it ran out of room.
 */
bool memmap_sanitize(struct mem_map *m);

/*
 * Makes [base, base + size) of a sanitized map have 'type', splitting ranges
 * as needed. Returns false, leaving the map unchanged, for an empty or
 * wrapping range or when the map has no room.
 */
bool memmap_set_type(struct mem_map *m, uint64_t base, uint64_t size, uint32_t type);

/* Appends a range (the map is unsorted until memmap_sanitize). */
bool memmap_add(struct mem_map *m, uint64_t base, uint64_t size, uint32_t type);

/* Bytes of 'type' in the map. */
uint64_t memmap_total(const struct mem_map *m, uint32_t type);

/* True if [base, base + size) lies entirely inside ranges of 'type'. */
bool memmap_covers(const struct mem_map *m, uint64_t base, uint64_t size, uint32_t type);

/* End of the highest range of any type (0 for an empty map). */
uint64_t memmap_end(const struct mem_map *m);

#endif
