// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for the root partition: does, from kernel mode, what a
 * hostile or buggy root kernel could do to escape or crash the core, and
 * reports how each was refused as "bh_hostile: PASS|FAIL <name>: <detail>".
 * Loaded by the integration tests only; it stays loaded doing nothing.
 */
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <asm/asm.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <bulkhead/hypercall.h>

#define MSR_EFER_NUM      0xC0000080u	/* APM Vol 2 3.1.7 */
#define EFER_SVME_BIT     (1ull << 12)
#define MSR_VM_CR_NUM     0xC0010114u	/* APM Vol 2 15.30.1 */
#define VM_CR_SVMDIS_BIT  (1ull << 4)
#define MSR_VM_HSAVE_NUM  0xC0010117u
#define CPUID_EXT_FEAT    0x80000001u
#define CPUID_ECX_SVM     (1u << 2)
#define BOGUS_HC_CODE     0x7777u

static int failures;

static void report(bool ok, const char *name, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	pr_info("bh_hostile: %s %s: %pV\n", ok ? "PASS" : "FAIL", name, &vaf);
	va_end(ap);
	failures += !ok;
}

/* Each SVM instruction must raise #UD: SVM is off as far as the root can tell. */
#define SVM_INSN_FAULTS(insn, pa)                                                  \
	({                                                                         \
		int faulted_ = 1;                                                  \
		asm volatile("1: " insn "\n\t"                                     \
			     "movl $0, %0\n"                                       \
			     "2:\n\t" _ASM_EXTABLE(1b, 2b)                         \
			     : "+r"(faulted_) : "a"(pa) : "memory");               \
		faulted_;                                                          \
	})

static void check_svm_instructions(phys_addr_t pa)
{
	report(SVM_INSN_FAULTS("vmrun %%rax", pa), "vmrun", "VMRUN raised #UD");
	report(SVM_INSN_FAULTS("vmload %%rax", pa), "vmload", "VMLOAD raised #UD");
	report(SVM_INSN_FAULTS("vmsave %%rax", pa), "vmsave", "VMSAVE raised #UD");
	report(SVM_INSN_FAULTS("clgi", pa), "clgi", "CLGI raised #UD");
	report(SVM_INSN_FAULTS("stgi", pa), "stgi", "STGI raised #UD");
	report(SVM_INSN_FAULTS("skinit %%eax", pa), "skinit", "SKINIT raised #UD");
}

static void check_msrs(void)
{
	u64 efer, vmcr, after;
	int err;

	rdmsrl(MSR_EFER_NUM, efer);
	report(!(efer & EFER_SVME_BIT), "efer-hidden", "EFER reads %#llx, SVME hidden", efer);
	err = wrmsrl_safe(MSR_EFER_NUM, efer | EFER_SVME_BIT);
	rdmsrl(MSR_EFER_NUM, after);
	report(err && after == efer, "efer-svme-write", "setting SVME: %s, EFER still %#llx",
	       err ? "#GP" : "accepted", after);
	err = wrmsrl_safe(MSR_EFER_NUM, efer & ~EFER_SVME_BIT);
	report(!err, "efer-plain-write", "rewriting EFER without SVME accepted");
	err = rdmsrl_safe(MSR_VM_CR_NUM, &vmcr);
	report(!err && (vmcr & VM_CR_SVMDIS_BIT), "vm-cr", "VM_CR reads %#llx (SVMDIS set)", vmcr);
	err = wrmsrl_safe(MSR_VM_CR_NUM, 0);
	report(err, "vm-cr-write", "clearing VM_CR: %s", err ? "#GP" : "accepted");
	err = wrmsrl_safe(MSR_VM_HSAVE_NUM, 0x1000);
	report(err, "hsave-write", "writing VM_HSAVE_PA: %s", err ? "#GP" : "accepted");
}

static void check_cpuid(void)
{
	unsigned int eax, ebx, ecx, edx;

	cpuid(CPUID_EXT_FEAT, &eax, &ebx, &ecx, &edx);
	report(!(ecx & CPUID_ECX_SVM), "cpuid-svm", "CPUID 0x80000001 ECX %#x, SVM hidden", ecx);
}

static u64 hypercall(u64 control, u64 in, u64 out)
{
	register u64 r8 asm("r8") = out;
	u64 status;

	asm volatile("vmmcall" : "=a"(status), "+c"(control), "+d"(in), "+r"(r8)
		     : : "r9", "r10", "r11", "memory");
	return status;
}

static void check_hypercalls(phys_addr_t page)
{
	u64 st = hypercall(BOGUS_HC_CODE, 0, 0) & BH_HC_STATUS_MASK;

	report(st == BH_STATUS_INVALID_HYPERCALL_CODE, "hc-unknown", "unknown code -> %#llx", st);
	st = hypercall(BH_HC_GET_INFO, 0, page + 4) & BH_HC_STATUS_MASK;
	report(st == BH_STATUS_INVALID_ALIGNMENT, "hc-misaligned", "output at page+4 -> %#llx", st);
}

static int __init bh_hostile_init(void)
{
	struct page *pg = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!pg)
		return -ENOMEM;
	check_cpuid();
	check_svm_instructions(page_to_phys(pg));
	check_msrs();
	check_hypercalls(page_to_phys(pg));
	__free_page(pg);
	pr_info("bh_hostile: done, %d failed; the machine is still running\n", failures);
	return 0;
}

static void __exit bh_hostile_exit(void)
{
}

module_init(bh_hostile_init);
module_exit(bh_hostile_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Bulkhead test: hostile root actions");
