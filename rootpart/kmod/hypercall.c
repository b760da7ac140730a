// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls from the root partition. The root runs identity-mapped, so a
 * page's physical address is the guest-physical address the core expects.
 */
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/processor.h>
#include <bulkhead/hypercall.h>
#include "bulkhead.h"

#define CPUID_HV_BASE 0x40000000u	/* hypervisor leaves (Linux hypervisor.c) */

bool bh_detect(void)
{
	unsigned int eax, sig[3];

	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return false;
	cpuid(CPUID_HV_BASE, &eax, &sig[0], &sig[1], &sig[2]);
	return memcmp(sig, BH_HV_SIGNATURE, sizeof(sig)) == 0;
}

u64 bh_hypercall(u64 control, u64 in, u64 out)
{
	register u64 r8 asm("r8") = out;
	u64 status;

	/* TLFS x64 convention: RCX, RDX, R8 in; RAX out; R9-R11 may be clobbered. */
	asm volatile("vmmcall"
		     : "=a"(status), "+c"(control), "+d"(in), "+r"(r8)
		     :
		     : "r9", "r10", "r11", "memory");
	return status;
}

int bh_hc_pages_alloc(struct bh_hc_pages *p)
{
	p->in = alloc_page(GFP_KERNEL | __GFP_ZERO);
	p->out = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!p->in || !p->out) {
		bh_hc_pages_free(p);
		return -ENOMEM;
	}
	p->in_va = page_address(p->in);
	p->out_va = page_address(p->out);
	p->in_pa = page_to_phys(p->in);
	p->out_pa = page_to_phys(p->out);
	return 0;
}

void bh_hc_pages_free(struct bh_hc_pages *p)
{
	if (p->in)
		__free_page(p->in);
	if (p->out)
		__free_page(p->out);
	p->in = p->out = NULL;
}
