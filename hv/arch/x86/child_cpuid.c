// SPDX-License-Identifier: GPL-2.0
/*
 * CPUID for child partitions: the host's features minus what the core does
 * not virtualize (SVM, VMX, MONITOR, machine checks, MTRRs, RDTSCP/RDPID,
 * speculation-control MSRs, PMU, TSX), plus what its virtual local APIC
 * offers (x2APIC, TSC-deadline, always-running timer), with a topology of
 * one package holding the partition's VPs. An unenlightened child sees no
 * hypervisor at all (CPUID.1:ECX[31] clear, no 0x40000000 leaves).
 * Bit positions: AMD CPUID Specification 25481, Intel SDM Vol 2A "CPUID".
 */
#include <asm/child.h>
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/fpu.h>
#include <hv/partition.h>
#include <hv/string.h>
#include <hv/util.h>

#define MAX_BASIC_LEAF 0x0Du
#define MAX_EXT_LEAF   0x80000008u

#define CPUID_THERMAL        0x06u
#define CPUID_THERMAL_EAX_ARAT (1u << 2)
#define CPUID_EXT_L2_CACHE   0x80000006u
#define CPUID_EXT_POWER      0x80000007u
#define CPUID_EXT_POWER_EDX_INVARIANT_TSC (1u << 8)

/* Leaf 1 */
#define L1_EBX_KEEP  0x0000FFFFu	/* brand index, CLFLUSH line size */
#define L1_EBX_COUNT_SHIFT 16
#define L1_ECX_KEEP  (1u << 0 | 1u << 1 | 1u << 9 | 1u << 12 | 1u << 13 | 1u << 17 | 1u << 19 | \
		      1u << 20 | 1u << 22 | 1u << 23 | 1u << 25 | 1u << 29 | 1u << 30)
			/* SSE3 PCLMUL SSSE3 FMA CX16 PCID SSE4.1 SSE4.2 MOVBE POPCNT AES F16C RDRAND */
#define L1_ECX_AVX   (1u << 28)
#define L1_EDX_KEEP  (1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | \
		      1u << 8 | 1u << 9 | 1u << 11 | 1u << 13 | 1u << 15 | 1u << 16 | 1u << 17 | \
		      1u << 19 | 1u << 23 | 1u << 24 | 1u << 25 | 1u << 26)
			/* FPU VME DE PSE TSC MSR PAE CX8 APIC SEP PGE CMOV PAT PSE36 CLFSH MMX FXSR SSE SSE2 */
#define L1_EDX_HTT   (1u << 28)

/* Leaf 7 subleaf 0 EBX: FSGSBASE BMI1 AVX2 SMEP BMI2 ERMS ADX SMAP CLFLUSHOPT CLWB SHA */
#define L7_EBX_KEEP  (1u << 0 | 1u << 3 | 1u << 8 | 1u << 9 | 1u << 19 | 1u << 20 | 1u << 23 | \
		      1u << 24 | 1u << 29 | 1u << 7)
#define L7_EBX_AVX2  (1u << 5)
#define L7_ECX_KEEP  (1u << 2)		/* UMIP */

/* XSAVE leaf subleaf 1 EAX: XSAVEOPT, XSAVEC, XGETBV with ECX=1 (no XSAVES: no IA32_XSS) */
#define LD1_EAX_KEEP (1u << 0 | 1u << 1 | 1u << 2)
#define XSAVE_LEGACY_AREA 576u		/* legacy region + XSAVE header (SDM Vol 1 13.4) */

/* 0x80000001: LAHF CmpLegacy ABM SSE4A MisAlignSse 3DNowPrefetch XOP FMA4 TBM / SYSCALL NX
 * MMXEXT FFXSR Page1GB LM 3DNowExt 3DNow */
#define E1_ECX_KEEP  (1u << 0 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 11 | 1u << 16 | \
		      1u << 21)
#define E1_EDX_KEEP  (1u << 11 | 1u << 20 | 1u << 22 | 1u << 25 | 1u << 26 | 1u << 29 | \
		      1u << 30 | 1u << 31 | L1_EDX_KEEP)
#define E8_ECX_APICID_SIZE_SHIFT 12

static unsigned bits_for(unsigned n)
{
	unsigned b = 0;

	while ((1u << b) < n)
		b++;
	return b;
}

/* XSAVE area size for the components in 'mask' (standard format). */
static uint32_t xsave_size(uint64_t mask)
{
	uint32_t size = XSAVE_LEGACY_AREA;

	for (unsigned c = 2; c < 64; c++) {
		if (!(mask & (1ull << c)))
			continue;
		struct cpuid_regs r = cpuid_count(CPUID_XSAVE_LEAF, c);
		size = MAX(size, r.ebx + r.eax);
	}
	return size;
}

static void leaf_1(struct arch_vp *v, struct cpuid_regs *r)
{
	unsigned n = v->vp->part->max_vps;
	uint64_t cr0, cr3, cr4, efer, cs_base;
	unsigned cs_bits;

	vmm->get_paging(v, &cr0, &cr3, &cr4, &efer, &cs_base, &cs_bits);
	r->ebx = (r->ebx & L1_EBX_KEEP) | v->apic_id << CPUID_1_EBX_APIC_ID_SHIFT |
		 n << L1_EBX_COUNT_SHIFT;
	uint32_t ecx = (r->ecx & L1_ECX_KEEP) | CPUID_1_ECX_X2APIC | CPUID_1_ECX_TSC_DEADLINE;
	if (fpu_guest_xcr0_mask()) {
		ecx |= CPUID_1_ECX_XSAVE;
		if (fpu_guest_xcr0_mask() & XFEATURE_AVX)
			ecx |= r->ecx & L1_ECX_AVX;
		if (cr4 & CR4_OSXSAVE)
			ecx |= CPUID_1_ECX_OSXSAVE;
	}
	r->ecx = ecx;
	r->edx = (r->edx & L1_EDX_KEEP) | (n > 1 ? L1_EDX_HTT : 0);
}

static void leaf_xsave(uint32_t sub, struct cpuid_regs *r, uint64_t guest_xcr0)
{
	uint64_t mask = fpu_guest_xcr0_mask();

	if (!mask) {
		*r = (struct cpuid_regs){ 0, 0, 0, 0 };
		return;
	}
	if (sub == 0) {
		r->eax = (uint32_t)mask;
		r->edx = (uint32_t)(mask >> 32);
		r->ebx = xsave_size(guest_xcr0);
		r->ecx = xsave_size(mask);
	} else if (sub == 1) {
		r->eax &= LD1_EAX_KEEP;
		r->ebx = r->ecx = r->edx = 0;
	} else if (sub >= 64 || !(mask & (1ull << sub))) {
		*r = (struct cpuid_regs){ 0, 0, 0, 0 };
	}
}

void child_cpuid(struct arch_vp *v, uint32_t leaf, uint32_t sub, uint32_t out[4])
{
	uint32_t max_basic = MIN(cpuid(CPUID_VENDOR).eax, MAX_BASIC_LEAF);
	uint32_t max_ext = MIN(cpuid(CPUID_EXT_BASE).eax, MAX_EXT_LEAF);
	unsigned n = v->vp->part->max_vps;
	struct cpuid_regs r = { 0, 0, 0, 0 };

	if ((leaf < CPUID_HV_BASE && leaf <= max_basic) ||
	    (leaf >= CPUID_EXT_BASE && leaf <= max_ext))
		r = cpuid_count(leaf, sub);
	switch (leaf) {
	case CPUID_VENDOR:
		r.eax = max_basic;
		break;
	case CPUID_FEATURES:
		leaf_1(v, &r);
		break;
	case CPUID_THERMAL:
		/* The virtual APIC timer never stops in idle states. */
		r = (struct cpuid_regs){ CPUID_THERMAL_EAX_ARAT, 0, 0, 0 };
		break;
	case CPUID_EXT_FEATURES:
		if (sub == 0) {
			uint32_t avx2 = (fpu_guest_xcr0_mask() & XFEATURE_AVX) ? L7_EBX_AVX2 : 0;
			r = (struct cpuid_regs){ 0, r.ebx & (L7_EBX_KEEP | avx2), r.ecx & L7_ECX_KEEP, 0 };
		} else {
			r = (struct cpuid_regs){ 0, 0, 0, 0 };
		}
		break;
	case CPUID_XSAVE_LEAF:
		leaf_xsave(sub, &r, v->xcr0);
		break;
	case CPUID_EXT_BASE:
		r.eax = max_ext;
		break;
	case CPUID_EXT_FEATURES_AMD:
		r.ecx &= E1_ECX_KEEP;
		r.edx &= E1_EDX_KEEP;
		break;
	case CPUID_EXT_POWER:
		r = (struct cpuid_regs){ 0, 0, 0, r.edx & CPUID_EXT_POWER_EDX_INVARIANT_TSC };
		break;
	case CPUID_ADDR_SIZES:
		/* Address sizes kept; one package of n cores; no speculation-control features. */
		r.ebx = 0;
		r.ecx = (n - 1) | bits_for(n) << E8_ECX_APICID_SIZE_SHIFT;
		r.edx = 0;
		break;
	default:
		/* Brand string and cache descriptions pass; everything else (incl. 0x4000xxxx) is 0. */
		if (!(leaf > CPUID_EXT_FEATURES_AMD && leaf <= CPUID_EXT_L2_CACHE))
			r = (struct cpuid_regs){ 0, 0, 0, 0 };
		break;
	}
	out[0] = r.eax;
	out[1] = r.ebx;
	out[2] = r.ecx;
	out[3] = r.edx;
}
