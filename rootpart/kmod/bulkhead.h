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

#endif
