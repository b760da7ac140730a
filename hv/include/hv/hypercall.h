/* SPDX-License-Identifier: GPL-2.0 */
/* The generic hypercall layer (hv/core/hypercall.c): decode, check, then invoke. */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <stdbool.h>
#include <stdint.h>

struct vp;

/* A hypercall as the architecture decoded it from the caller's registers. */
struct hc_request {
	uint64_t control;	/* RCX */
	uint64_t in;		/* RDX: input GPA, or first fast argument */
	uint64_t out;		/* R8: output GPA, or second fast argument */
	bool kernel_mode;	/* issued at CPL 0 */
};

/* Handles one hypercall from 'caller'; returns the value for RAX (status and reps). */
uint64_t hypercall_handle(struct vp *caller, const struct hc_request *req);

#endif
