/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interface of the root partition's hypercall bridge module. */
#ifndef BULKHEAD_KMOD_H
#define BULKHEAD_KMOD_H

#include <linux/types.h>

/* True if the processor reports the Bulkhead core (CPUID 0x40000000). */
bool bh_detect(void);

/* Issues one hypercall (VMMCALL); returns RAX. */
u64 bh_hypercall(u64 control, u64 in, u64 out);

/* A hypercall with the module's own input and output pages. */
struct bh_hc_pages {
	struct page *in, *out;
	void *in_va, *out_va;
	phys_addr_t in_pa, out_pa;
};

int bh_hc_pages_alloc(struct bh_hc_pages *p);
void bh_hc_pages_free(struct bh_hc_pages *p);

/* partition.c: child partitions, one per open file. */
struct bh_partition;
struct bh_ioc_partition_create;
struct bh_ioc_map_memory;
struct bh_ioc_vp_state;
struct bh_ioc_vp_run;
struct bh_ioc_intercepts;
struct bh_ioc_interrupt;
struct bh_ioc_partition_info;

int bh_caps_discover(struct bh_hc_pages *pg);
struct bh_partition *bh_partition_create(struct bh_ioc_partition_create *req, long *err);
void bh_partition_destroy(struct bh_partition *p);
long bh_partition_map(struct bh_partition *p, struct bh_ioc_map_memory *req);
long bh_vp_create(struct bh_partition *p, u32 index);
long bh_vp_state(struct bh_partition *p, struct bh_ioc_vp_state *req, bool set);
long bh_vp_run(struct bh_partition *p, struct bh_ioc_vp_run *req);
long bh_vp_kick(struct bh_partition *p, u32 index);
long bh_partition_intercepts(struct bh_partition *p, struct bh_ioc_intercepts *req);
long bh_partition_interrupt(struct bh_partition *p, struct bh_ioc_interrupt *req);
long bh_partition_info(struct bh_partition *p, struct bh_ioc_partition_info *req);

#endif
