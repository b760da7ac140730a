// SPDX-License-Identifier: GPL-2.0
/*
 * A child partition cannot reach SVM or SMM state: each forbidden MSR
 * access raises #GP(0) and changes nothing, EFER never shows SVME, and
 * CPUID hides SVM (0x80000001 ECX bit 2, leaf 0x8000000A). These are
 * Bulkhead's child policy, not architecture: on a bare machine or plain
 * QEMU with SVM the same accesses succeed, so there every check is skipped.
 */
#include <asm/cpuid.h>
#include <asm/msr.h>
#include <guest/boot.h>
#include <guest/exception.h>
#include <guest/hypercall.h>
#include <guest/test.h>
#include <hv/string.h>
#include <hv/util.h>

/* TSC_RATIO is 8.32 fixed point (APM Vol 2 15.30.5): 2.0, a visible change. */
#define TSC_RATIO_TWO (2ull << 32)
#define SVM_KEY_PROBE 0x5EC0DEull

const struct test_info test_info = {
	.name = "hostile_msr",
	.title = "forbidden SVM/SMM MSR accesses from a child raise #GP and change nothing",
};

/* A page of the guest's own memory, for the address-valued MSRs. */
static uint8_t probe_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

struct msr_write {
	const char *check;		/* "<check>" for the #GP, "<check>-unchanged" for the value */
	const char *name;
	uint32_t msr;
	uint64_t value;		/* what a guest taking over SVM or SMM would write */
};

#define MSR_WRITE(check, msr, value) { check, #msr, msr, value }

static void check_write_refused(const struct msr_write *w)
{
	uint64_t before = 0, after = 0;
	exinfo_t rd_before = rdmsr_safe(w->msr, &before);
	exinfo_t wr = wrmsr_safe(w->msr, w->value);
	exinfo_t rd_after = rdmsr_safe(w->msr, &after);
	char check[48];

	report_exinfo(w->check, EXINFO(VEC_GP, 0), wr, "WRMSR %s (0x%x) = 0x%llx from a child raises #GP",
		      w->name, w->msr, (unsigned long long)w->value);
	snprintf(check, sizeof(check), "%s-unchanged", w->check);
	report(rd_before == rd_after && before == after, check,
	       "WRMSR %s from a child changes nothing (read %s 0x%llx, then %s 0x%llx)", w->name,
	       exinfo_str(rd_before), (unsigned long long)before, exinfo_str(rd_after),
	       (unsigned long long)after);
}

static void check_efer(void)
{
	uint64_t efer = 0, after = 0;
	exinfo_t e = rdmsr_safe(MSR_EFER, &efer);

	if (!report(!e && !(efer & EFER_SVME), "rdmsr-efer",
		    "RDMSR EFER works and never shows SVME (%s, 0x%llx)", exinfo_str(e),
		    (unsigned long long)efer))
		return;
	report_exinfo("wrmsr-efer-svme", EXINFO(VEC_GP, 0), wrmsr_safe(MSR_EFER, efer | EFER_SVME),
		      "WRMSR EFER with SVME from a child raises #GP");
	e = rdmsr_safe(MSR_EFER, &after);
	report(!e && after == efer, "wrmsr-efer-svme-unchanged",
	       "EFER is unchanged and SVME still clear after WRMSR EFER.SVME (0x%llx)",
	       (unsigned long long)after);
}

static void check_cpuid(void)
{
	uint32_t max_ext = cpuid(CPUID_EXT_BASE).eax;
	struct cpuid_regs r = cpuid(CPUID_EXT_FEATURES_AMD);

	report(!(r.ecx & CPUID_80000001_ECX_SVM), "cpuid-svm-bit",
	       "CPUID 0x80000001 ECX bit 2 (SVM) is clear in a child (ECX 0x%x)", r.ecx);
	if (max_ext < CPUID_SVM) {
		report_pass("cpuid-svm-leaf", "CPUID leaf 0x8000000A is beyond the highest extended leaf 0x%x",
			    max_ext);
		return;
	}
	r = cpuid(CPUID_SVM);
	report(!r.eax && !r.ebx && !r.ecx && !r.edx, "cpuid-svm-leaf",
	       "CPUID leaf 0x8000000A (SVM features) is all zero in a child (%x %x %x %x)", r.eax, r.ebx,
	       r.ecx, r.edx);
}

void test_main(void)
{
	const uint64_t page = (uint64_t)(uintptr_t)probe_page;
	const struct msr_write writes[] = {
		MSR_WRITE("wrmsr-vm-cr", MSR_AMD64_VM_CR, 0),	/* clear LOCK and SVMDIS */
		MSR_WRITE("wrmsr-vm-hsave-pa", MSR_AMD64_VM_HSAVE_PA, page),
		MSR_WRITE("wrmsr-svm-key", MSR_AMD64_SVM_KEY, SVM_KEY_PROBE),
		MSR_WRITE("wrmsr-smm-addr", MSR_AMD64_SMM_ADDR, page),
		MSR_WRITE("wrmsr-smm-mask", MSR_AMD64_SMM_MASK, 0),
		MSR_WRITE("wrmsr-tsc-ratio", MSR_AMD64_TSC_RATIO, TSC_RATIO_TWO),
	};
	uint64_t val;

	if (!bulkhead_expected()) {
		report_skip("policy", "not a Bulkhead child (no \"%s\" CPUID signature): these MSR and CPUID "
			    "rules are Bulkhead's policy, which bare hardware and plain QEMU do not apply",
			    BH_HV_SIGNATURE);
		return;
	}
	check_cpuid();
	check_efer();
	report_exinfo("rdmsr-vm-hsave-pa", EXINFO(VEC_GP, 0), rdmsr_safe(MSR_AMD64_VM_HSAVE_PA, &val),
		      "RDMSR VM_HSAVE_PA from a child raises #GP");
	for (unsigned i = 0; i < ARRAY_SIZE(writes); i++)
		check_write_refused(&writes[i]);
}
