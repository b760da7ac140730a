/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Invoke functions of the partition-management hypercalls
 * (hv/core/partition.c), called by the dispatcher (hv/core/hypercall.c)
 * with the input already copied out of guest memory and checked for size.
 */
#ifndef HV_PARTITION_HC_H
#define HV_PARTITION_HC_H

#include <stdint.h>

struct vp;

/* Rep calls (TLFS "rep hypercalls"): elements [start, start + count), 'done' completed. */
struct hc_reps {
	uint32_t start;
	uint32_t count;
	uint32_t done;
};

uint16_t hc_cap_identify(struct vp *caller, const void *in, void *out);
uint16_t hc_cap_delete(struct vp *caller, const void *in, void *out);
uint16_t hc_partition_create(struct vp *caller, const void *in, void *out);
uint16_t hc_partition_destroy(struct vp *caller, const void *in, void *out);
uint16_t hc_partition_info(struct vp *caller, const void *in, void *out);
uint16_t hc_map_gpa_ranges(struct vp *caller, const void *in, void *out, struct hc_reps *reps);
uint16_t hc_vp_create(struct vp *caller, const void *in, void *out);
uint16_t hc_vp_get_state(struct vp *caller, const void *in, void *out);
uint16_t hc_vp_set_state(struct vp *caller, const void *in, void *out);
uint16_t hc_vp_run(struct vp *caller, const void *in, void *out);
uint16_t hc_set_intercepts(struct vp *caller, const void *in, void *out);
uint16_t hc_assert_interrupt(struct vp *caller, const void *in, void *out);

#endif
