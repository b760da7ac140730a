// SPDX-License-Identifier: GPL-2.0
/* Swapping the FPU/SIMD state of the root and a child around a child's VMRUN. */
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/fpu.h>
#include <asm/percpu.h>
#include <hv/config.h>
#include <hv/log.h>
#include <hv/pmem.h>
#include <hv/string.h>

/* FXSAVE image fields that must be valid for FXRSTOR/XRSTOR (SDM Vol 1 table 10-2). */
#define FXSAVE_FCW_OFFSET    0
#define FXSAVE_MXCSR_OFFSET  24
#define FCW_RESET_VALUE      0x037Fu
#define MXCSR_RESET_VALUE    0x1F80u

static bool have_xsave;
static uint64_t host_xcr0_mask;		/* what the CPU supports (CPUID 0xD EAX/EDX) */
static uint8_t root_area[HV_MAX_CPUS][FPU_AREA_SIZE] __attribute__((aligned(64)));
static uint64_t root_xcr0[HV_MAX_CPUS];

static inline uint64_t xgetbv(uint32_t idx)
{
	uint32_t lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(idx));
	return (uint64_t)hi << 32 | lo;
}

static inline void xsetbv(uint32_t idx, uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(idx), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void xsave(void *area, uint64_t mask)
{
	__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32))
			 : "memory");
}

static inline void xrstor(const void *area, uint64_t mask)
{
	__asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32))
			 : "memory");
}

static inline void fxsave(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void fxrstor(const void *area) { __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory"); }

void fpu_cpu_init(void)
{
	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;

	have_xsave = cpuid(CPUID_FEATURES).ecx & CPUID_1_ECX_XSAVE;
	if (have_xsave) {
		struct cpuid_regs r = cpuid_count(CPUID_XSAVE_LEAF, 0);
		host_xcr0_mask = (uint64_t)r.edx << 32 | r.eax;
		/* Keep guests within one page of state: drop AVX-512 if it would not fit. */
		if (r.ecx > FPU_AREA_SIZE)
			host_xcr0_mask &= ~XFEATURE_AVX512;
		cr4 |= CR4_OSXSAVE;
	}
	write_cr4(cr4);
}

uint64_t fpu_guest_xcr0_mask(void)
{
	return have_xsave ? host_xcr0_mask : 0;
}

bool fpu_xcr0_valid(uint64_t xcr0)
{
	/* SDM Vol 1 13.3: x87 always on; AVX needs SSE; AVX-512 needs AVX and all three parts. */
	if (!(xcr0 & XFEATURE_X87) || (xcr0 & ~fpu_guest_xcr0_mask()))
		return false;
	if ((xcr0 & XFEATURE_AVX) && !(xcr0 & XFEATURE_SSE))
		return false;
	if ((xcr0 & XFEATURE_AVX512) &&
	    ((xcr0 & XFEATURE_AVX512) != XFEATURE_AVX512 || !(xcr0 & XFEATURE_AVX)))
		return false;
	return true;
}

void fpu_enter_guest(uint64_t guest_area_pa, uint64_t guest_xcr0)
{
	uint8_t *root = root_area[this_cpu()->id];

	if (!have_xsave) {
		fxsave(root);
		fxrstor(phys_to_virt(guest_area_pa));
		return;
	}
	/* The root's XCR0 is live: save everything it enabled, then switch. */
	uint64_t xcr0 = xgetbv(XCR_XFEATURE_ENABLED);
	root_xcr0[this_cpu()->id] = xcr0;
	xsave(root, xcr0);
	if (guest_xcr0 != xcr0)
		xsetbv(XCR_XFEATURE_ENABLED, guest_xcr0);
	xrstor(phys_to_virt(guest_area_pa), guest_xcr0);
}

void fpu_leave_guest(uint64_t guest_area_pa, uint64_t guest_xcr0)
{
	uint8_t *root = root_area[this_cpu()->id];

	if (!have_xsave) {
		fxsave(phys_to_virt(guest_area_pa));
		fxrstor(root);
		return;
	}
	uint64_t xcr0 = root_xcr0[this_cpu()->id];
	xsave(phys_to_virt(guest_area_pa), guest_xcr0);
	if (guest_xcr0 != xcr0)
		xsetbv(XCR_XFEATURE_ENABLED, xcr0);
	xrstor(root, xcr0);
}

void fpu_area_reset(uint64_t area_pa)
{
	uint8_t *a = phys_to_virt(area_pa);
	uint16_t fcw = FCW_RESET_VALUE;
	uint32_t mxcsr = MXCSR_RESET_VALUE;

	memset(a, 0, FPU_AREA_SIZE);
	memcpy(a + FXSAVE_FCW_OFFSET, &fcw, sizeof(fcw));
	memcpy(a + FXSAVE_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
}
