/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calling the Bulkhead core: VMMCALL with the TLFS x64 register convention
 * (docs/hypercall-abi.md section 2; codes and status in bulkhead/hypercall.h).
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <bulkhead/hypercall.h>
#include <guest/exception.h>
#include <stdbool.h>
#include <stdint.h>

/* CPUID 1 ECX "hypervisor present" and the 0x40000000 signature "BulkheadCore". */
bool is_bulkhead(void);

/*
 * Whether Bulkhead-only checks run: in a Bulkhead child, or anywhere with
 * "bulkhead=1" on the command line (to see what those checks report there;
 * on plain QEMU they fail, which is the point of skipping them by default).
 */
bool bulkhead_expected(void);

/*
 * One hypercall: RCX 'control', RDX 'in', R8 'out'; *result is RAX. Returns
 * the exception VMMCALL raised (#UD without a hypervisor), 0 if none.
 */
static inline exinfo_t vmmcall_safe(uint64_t control, uint64_t in, uint64_t out,
				    uint64_t *result)
{
	uint64_t rax = 0;
	register uint64_t r8 __asm__("r8") = out;

	exinfo_clear();
	__asm__ volatile("1: vmmcall\n2:\n\t" EXTABLE("1b", "2b")
			 : "+a"(rax), "+c"(control), "+d"(in), "+r"(r8)
			 : : "r9", "r10", "r11", "memory");
	*result = rax;
	return exinfo_take();
}

/* The status field of a result. */
static inline uint16_t hc_status(uint64_t result)
{
	return (uint16_t)(result & BH_HC_STATUS_MASK);
}

#endif
