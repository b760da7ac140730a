/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Partitions and their virtual processors, as generic code sees them. The
 * architecture keeps its part (nested page tables, VMCBs) behind 'arch'.
 */
#ifndef HV_PARTITION_H
#define HV_PARTITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HV_MAX_VPS 64

struct arch_partition;
struct arch_vp;

struct vp {
	struct partition *part;
	unsigned index;			/* VP index within its partition */
	struct arch_vp *arch;
};

struct partition {
	uint32_t id;			/* 0 = root */
	bool is_root;
	unsigned nvps;
	struct vp vps[HV_MAX_VPS];
	struct arch_partition *arch;
};

extern struct partition root_partition;

/*
 * The core's pointer to 'len' bytes of 'p''s memory at guest-physical 'gpa',
 * if all of them are the partition's RAM (never the core's own memory,
 * never MMIO); NULL otherwise. The range must not cross a page.
 */
void *partition_gpa_to_hva(struct partition *p, uint64_t gpa, size_t len);

#endif
