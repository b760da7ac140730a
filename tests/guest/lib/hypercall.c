// SPDX-License-Identifier: GPL-2.0
/* Is the guest running on the Bulkhead core? (docs/hypercall-abi.md section 1) */
#include <asm/cpuid.h>
#include <guest/boot.h>
#include <guest/hypercall.h>
#include <hv/string.h>

bool is_bulkhead(void)
{
	struct cpuid_regs r = cpuid(CPUID_FEATURES);
	char sig[3 * sizeof(uint32_t)];

	if (!(r.ecx & CPUID_1_ECX_HYPERVISOR))
		return false;
	r = cpuid(CPUID_HV_BASE);
	memcpy(sig, &r.ebx, sizeof(uint32_t));
	memcpy(sig + 4, &r.ecx, sizeof(uint32_t));
	memcpy(sig + 8, &r.edx, sizeof(uint32_t));
	_Static_assert(sizeof(BH_HV_SIGNATURE) - 1 == sizeof(sig), "signature is EBX:ECX:EDX");
	return !memcmp(sig, BH_HV_SIGNATURE, sizeof(sig));
}

bool bulkhead_expected(void)
{
	uint64_t forced;

	return is_bulkhead() || (cmdline_u64("bulkhead", &forced) && forced);
}
