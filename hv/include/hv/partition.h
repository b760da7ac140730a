/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Partitions and their virtual processors, as generic code sees them. The
 * architecture keeps its part (nested page tables, VMCBs) behind 'arch'.
 * Lifecycle and the capability glue: hv/core/partition.c, hv/core/caps.c.
 */
#ifndef HV_PARTITION_H
#define HV_PARTITION_H

#include <bulkhead/hypercall.h>
#include <hv/config.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HV_MAX_VPS         BH_MAX_VPS_PER_PARTITION
#define HV_MAX_PARTITIONS  64

struct arch_partition;
struct arch_vp;
struct cspace;

struct vp {
	struct partition *part;
	unsigned index;			/* VP index within its partition */
	struct arch_vp *arch;
	volatile int running_cpu;	/* processor in VP_RUN for it, -1 if none */
};

/* A CSpace chunk holding the frame capabilities of a child's memory. */
struct frame_chunk;

enum partition_life {
	PARTITION_ALIVE,
	PARTITION_DYING,		/* destroy under way: no new VPs, maps or runs */
};

struct partition {
	uint32_t id;			/* 0 = root */
	bool is_root;
	enum partition_life life;
	uint32_t state;			/* enum bh_partition_state */
	char crash_reason[64];
	unsigned max_vps;
	unsigned nvps;
	struct vp *vps[HV_MAX_VPS];
	uint64_t max_pages;		/* children: pages it may map */
	uint64_t mapped_pages;
	uint64_t core_pages;		/* core pages allocated for it, for accounting */
	uint64_t exits;
	uint32_t flags;			/* BH_PARTITION_* */
	struct frame_chunk *frames;	/* children: its memory, as frame capabilities */
	unsigned destroy_step;		/* resumable destroy: where it stopped */
	struct arch_partition *arch;
};

extern struct partition root_partition;

/*
 * The core's pointer to 'len' bytes of 'p''s memory at guest-physical 'gpa',
 * if all of them are the partition's RAM (never the core's own memory,
 * never MMIO); NULL otherwise. The range must not cross a page.
 */
void *partition_gpa_to_hva(struct partition *p, uint64_t gpa, size_t len);

/* Marks a child crashed (its VPs stop for good), with a reason for hvctl and the log. */
void partition_crash(struct partition *p, const char *why);

/* Core pages: allocate and free, charged to partition 'p' (NULL: not charged). */
uint64_t partition_alloc_pages(struct partition *p, uint64_t npages);
void partition_free_pages(struct partition *p, uint64_t pa, uint64_t npages);

/* Called by the capability hooks (hv/core/caps.c) with cap_lock held. */
void partition_object_destroyed(uint64_t handle);
void vp_object_destroyed(uint64_t handle);
void partition_frame_unmapped(uint64_t space_handle, uint64_t gpa, uint64_t npages);

#endif
