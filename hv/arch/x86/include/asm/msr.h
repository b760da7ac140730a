/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Model-specific registers the core reads, writes or intercepts.
 * Sources: AMD64 APM Vol 2 (24593 rev 3.42) appendix A and section 15.30,
 * Intel SDM Vol 4 (MSRs), Linux arch/x86/include/asm/msr-index.h for names.
 */
#ifndef ASM_MSR_H
#define ASM_MSR_H

#include <stdint.h>

#define MSR_IA32_TSC               0x00000010u
#define MSR_IA32_APIC_BASE         0x0000001Bu
#define MSR_IA32_FEATURE_CONTROL   0x0000003Au
#define MSR_IA32_SYSENTER_CS       0x00000174u
#define MSR_IA32_SYSENTER_ESP      0x00000175u
#define MSR_IA32_SYSENTER_EIP      0x00000176u
#define MSR_IA32_PAT               0x00000277u
#define MSR_IA32_TSC_DEADLINE      0x000006E0u
#define MSR_X2APIC_BASE            0x00000800u	/* x2APIC registers: 0x800 + (xAPIC offset >> 4) */
#define MSR_X2APIC_LAST            0x000008FFu
#define MSR_X2APIC_ICR             0x00000830u
#define MSR_EFER                   0xC0000080u
#define MSR_STAR                   0xC0000081u
#define MSR_LSTAR                  0xC0000082u
#define MSR_CSTAR                  0xC0000083u
#define MSR_SFMASK                 0xC0000084u
#define MSR_FS_BASE                0xC0000100u
#define MSR_GS_BASE                0xC0000101u
#define MSR_KERNEL_GS_BASE         0xC0000102u
#define MSR_TSC_AUX                0xC0000103u
#define MSR_AMD64_SYSCFG           0xC0010010u	/* SME, MtrrFixDramModEn: root may not write */
#define MSR_AMD64_SMM_ADDR         0xC0010112u	/* SMRAM base: root may not write */
#define MSR_AMD64_SMM_MASK         0xC0010113u
#define MSR_AMD64_VM_CR            0xC0010114u	/* APM 15.30.1 */
#define MSR_AMD64_IGNNE            0xC0010115u
#define MSR_AMD64_SMM_CTL          0xC0010116u
#define MSR_AMD64_VM_HSAVE_PA      0xC0010117u	/* APM 15.30.4 */
#define MSR_AMD64_SVM_KEY          0xC0010118u
#define MSR_AMD64_TSC_RATIO        0xC0000104u

/* IA32_APIC_BASE bits (SDM Vol 3 10.4.4). */
#define APIC_BASE_BSP              (1ull << 8)
#define APIC_BASE_X2APIC           (1ull << 10)	/* EXTD */
#define APIC_BASE_ENABLE           (1ull << 11)
#define APIC_BASE_ADDR_MASK        0x000FFFFFFFFFF000ull

/* EFER bits (APM Vol 2 3.1.7). */
#define EFER_SCE                   (1ull << 0)
#define EFER_LME                   (1ull << 8)
#define EFER_LMA                   (1ull << 10)
#define EFER_NXE                   (1ull << 11)
#define EFER_SVME                  (1ull << 12)
#define EFER_LMSLE                 (1ull << 13)
#define EFER_FFXSR                 (1ull << 14)
#define EFER_TCE                   (1ull << 15)

/* VM_CR bits (APM Vol 2 15.30.1). */
#define VM_CR_DPD                  (1ull << 0)
#define VM_CR_R_INIT               (1ull << 1)
#define VM_CR_DIS_A20M             (1ull << 2)
#define VM_CR_LOCK                 (1ull << 3)
#define VM_CR_SVMDIS               (1ull << 4)

/* Power-on PAT: WB, WT, UC-, UC, WB, WT, UC-, UC (SDM Vol 3 11.12.4). */
#define PAT_POWER_ON_VALUE         0x0007040600070406ull

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

#endif
