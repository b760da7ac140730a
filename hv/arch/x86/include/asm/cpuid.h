/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPUID leaves and feature bits the core uses or virtualizes.
 * Sources: AMD CPUID Specification (25481 rev 2.34), APM Vol 3 appendix E,
 * Intel SDM Vol 2A "CPUID", Linux arch/x86/include/asm/cpufeatures.h.
 */
#ifndef ASM_CPUID_H
#define ASM_CPUID_H

#include <stdint.h>

#define CPUID_VENDOR               0x00000000u
#define CPUID_FEATURES             0x00000001u
#define CPUID_EXT_FEATURES         0x00000007u
#define CPUID_HV_BASE              0x40000000u	/* hypervisor leaves (Linux x86 hypervisor.c) */
#define CPUID_HV_LAST              0x4000FFFFu
#define CPUID_HV_VERSION           0x40000001u	/* Bulkhead: version, ABI, features */
#define CPUID_EXT_BASE             0x80000000u
#define CPUID_EXT_FEATURES_AMD     0x80000001u
#define CPUID_ADDR_SIZES           0x80000008u
#define CPUID_SVM                  0x8000000Au

/* CPUID 1 */
#define CPUID_1_ECX_VMX            (1u << 5)
#define CPUID_1_ECX_X2APIC         (1u << 21)
#define CPUID_1_ECX_TSC_DEADLINE   (1u << 24)
#define CPUID_1_ECX_HYPERVISOR     (1u << 31)
#define CPUID_1_EDX_APIC           (1u << 9)
#define CPUID_1_EBX_APIC_ID_SHIFT  24

/* CPUID 0x80000001 */
#define CPUID_80000001_ECX_SVM     (1u << 2)
#define CPUID_80000001_EDX_NX      (1u << 20)
#define CPUID_80000001_EDX_PAGE1GB (1u << 26)
#define CPUID_80000001_EDX_LM      (1u << 29)

/* CPUID 0x8000000A EDX: SVM features (APM Vol 3 E.4.9). */
#define SVM_FEATURE_NPT            (1u << 0)
#define SVM_FEATURE_LBRV           (1u << 1)
#define SVM_FEATURE_SVML           (1u << 2)
#define SVM_FEATURE_NRIPS          (1u << 3)
#define SVM_FEATURE_TSC_RATE       (1u << 4)
#define SVM_FEATURE_VMCB_CLEAN     (1u << 5)
#define SVM_FEATURE_FLUSH_BY_ASID  (1u << 6)
#define SVM_FEATURE_DECODE_ASSISTS (1u << 7)
#define SVM_FEATURE_VGIF           (1u << 16)

/* CPUID 0x80000008 EAX */
#define CPUID_ADDR_PHYS_BITS_MASK  0xFFu
#define CPUID_PHYS_BITS_NO_LEAF    36u	/* MAXPHYADDR without that leaf, PAE present (SDM Vol 3 4.1.4) */

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid_count(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline struct cpuid_regs cpuid(uint32_t leaf)
{
	return cpuid_count(leaf, 0);
}

#endif
