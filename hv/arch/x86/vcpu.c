// SPDX-License-Identifier: GPL-2.0
/*
 * Exit handling common to the vendor backends, for the root partition's
 * VPs: CPUID and MSR policy, the core's I/O ports, nested page faults,
 * hypercalls and refused instructions.
 */
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/emulate.h>
#include <asm/extable.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/vcpu.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>
#include <hv/hypercall.h>
#include <hv/log.h>
#include <hv/string.h>
#include <hv/util.h>

#define INSN_LEN_CPUID   2	/* 0F A2 */
#define INSN_LEN_MSR     2	/* 0F 32 / 0F 30 */
#define INSN_LEN_VMMCALL 3	/* 0F 01 D9 */

/* EFER bits a guest may set (APM Vol 2 3.1.7); SVME is refused separately. */
#define EFER_GUEST_WRITABLE (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE | EFER_LMSLE | \
			     EFER_FFXSR | EFER_TCE)

/* PAT memory types a PAT entry may hold (SDM Vol 3 table 11-10). */
#define PAT_TYPE_UC  0
#define PAT_TYPE_WC  1
#define PAT_TYPE_WT  4
#define PAT_TYPE_WP  5
#define PAT_TYPE_WB  6
#define PAT_TYPE_UCM 7

void vcpu_sipi_state(struct vcpu_state *st, uint8_t vector)
{
	/* SDM Vol 3 9.4.4 / APM 14.1.3 reset state, with CS from the SIPI vector. */
	struct seg_state data = { 0, SEG_ATTR_DATA16, REAL_MODE_LIMIT, 0 };

	*st = (struct vcpu_state){
		.cs = { (uint16_t)(vector << 8), SEG_ATTR_CODE16, REAL_MODE_LIMIT, (uint64_t)vector << 12 },
		.ds = data, .es = data, .fs = data, .gs = data, .ss = data,
		.tr = { 0, SEG_ATTR_TSS, REAL_MODE_LIMIT, 0 },
		.ldtr = { 0, SEG_ATTR_LDT, REAL_MODE_LIMIT, 0 },
		.gdtr_limit = REAL_MODE_LIMIT, .idtr_limit = REAL_MODE_LIMIT,
		.cr0 = CR0_RESET_VALUE, .rflags = RFLAGS_FIXED,
	};
	st->gpr[GPR_RDX] = cpuid(CPUID_FEATURES).eax;
}

void vcpu_skip(struct arch_vp *v, unsigned len)
{
	vmm->set_rip(v, vmm->get_rip(v) + len);
	vmm->clear_interrupt_shadow(v);
}

static void inject_gp(struct arch_vp *v)
{
	vmm->inject_exception(v, VEC_GP, true, 0);
}

static void inject_ud(struct arch_vp *v)
{
	vmm->inject_exception(v, VEC_UD, false, 0);
}

/* ---- CPUID ---- */

static struct cpuid_regs cpuid_hv_leaf(uint32_t leaf)
{
	struct cpuid_regs r = { 0, 0, 0, 0 };
	const char *sig = BH_HV_SIGNATURE;

	switch (leaf) {
	case CPUID_HV_BASE:
		r.eax = CPUID_HV_VERSION;
		memcpy(&r.ebx, sig, 4);
		memcpy(&r.ecx, sig + 4, 4);
		memcpy(&r.edx, sig + 8, 4);
		break;
	case CPUID_HV_VERSION:
		r.eax = BH_VERSION_CODE;
		r.ebx = BH_HC_ABI_VERSION;
		break;
	}
	return r;
}

void vcpu_handle_cpuid(struct arch_vp *v)
{
	uint32_t leaf = (uint32_t)vmm->get_gpr(v, GPR_RAX), sub = (uint32_t)vmm->get_gpr(v, GPR_RCX);
	struct cpuid_regs r;

	if (leaf >= CPUID_HV_BASE && leaf <= CPUID_HV_LAST) {
		r = cpuid_hv_leaf(leaf);
	} else {
		r = cpuid_count(leaf, sub);
		switch (leaf) {
		case CPUID_FEATURES:
			/* Say a hypervisor is present; the root gets no VMX either. */
			r.ecx = (r.ecx | CPUID_1_ECX_HYPERVISOR) & ~CPUID_1_ECX_VMX;
			break;
		case CPUID_EXT_FEATURES_AMD:
			r.ecx &= ~CPUID_80000001_ECX_SVM;
			break;
		case CPUID_SVM:
			r = (struct cpuid_regs){ 0, 0, 0, 0 };
			break;
		}
	}
	vmm->set_gpr(v, GPR_RAX, r.eax);
	vmm->set_gpr(v, GPR_RBX, r.ebx);
	vmm->set_gpr(v, GPR_RCX, r.ecx);
	vmm->set_gpr(v, GPR_RDX, r.edx);
	vcpu_skip(v, INSN_LEN_CPUID);
}

/* ---- MSRs ---- */

static bool pat_valid(uint64_t pat)
{
	for (unsigned i = 0; i < 8; i++) {
		unsigned t = (pat >> (i * 8)) & 0xFF;
		if (t != PAT_TYPE_UC && t != PAT_TYPE_WC && t != PAT_TYPE_WT && t != PAT_TYPE_WP &&
		    t != PAT_TYPE_WB && t != PAT_TYPE_UCM)
			return false;
	}
	return true;
}

static void log_refused(struct arch_vp *v, const char *what, uint32_t msr, uint64_t val)
{
	hv_log("root VP %u: refused %s of MSR %#x (value %#llx)", v->vp->index, what, msr,
	       (unsigned long long)val);
}

/* Returns false if the read must raise #GP. */
static bool msr_read(struct arch_vp *v, uint32_t msr, uint64_t *val)
{
	switch (msr) {
	case MSR_EFER:
		*val = vmm->get_efer(v);
		return true;
	case MSR_IA32_PAT:
		*val = vmm->get_pat(v);
		return true;
	case MSR_AMD64_VM_CR:
		/* SVM looks disabled and locked by the firmware. */
		*val = VM_CR_LOCK | VM_CR_SVMDIS;
		return true;
	case MSR_AMD64_VM_HSAVE_PA:
	case MSR_AMD64_SVM_KEY:
		*val = 0;
		return true;
	default:
		return rdmsr_safe(msr, val);
	}
}

static bool efer_write(struct arch_vp *v, uint64_t val)
{
	uint64_t old = vmm->get_efer(v);

	if (val & EFER_SVME) {
		log_refused(v, "setting SVME in a write", MSR_EFER, val);
		return false;
	}
	if (val & ~EFER_GUEST_WRITABLE)
		return false;
	/* LMA is the processor's to set; writes to it are ignored (APM 3.1.7). */
	val = (val & ~EFER_LMA) | (old & EFER_LMA);
	if ((val ^ old) & (EFER_NXE | EFER_LME))
		vmm->flush_tlb(v);
	vmm->set_efer(v, val);
	return true;
}

/* Returns false if the write must raise #GP. */
static bool msr_write(struct arch_vp *v, uint32_t msr, uint64_t val)
{
	switch (msr) {
	case MSR_EFER:
		return efer_write(v, val);
	case MSR_IA32_PAT:
		if (!pat_valid(val))
			return false;
		vmm->set_pat(v, val);
		return true;
	case MSR_AMD64_VM_CR:
	case MSR_AMD64_VM_HSAVE_PA:
	case MSR_AMD64_SVM_KEY:
	case MSR_AMD64_SMM_ADDR:
	case MSR_AMD64_SMM_MASK:
	case MSR_AMD64_SMM_CTL:
	case MSR_AMD64_TSC_RATIO:
		log_refused(v, "write", msr, val);
		return false;
	case MSR_AMD64_SYSCFG:
		/* Would let the root remap DRAM or turn on SME under the core: ignored. */
		log_refused(v, "write (ignored)", msr, val);
		return true;
	case MSR_X2APIC_ICR:
		return apic_emul_x2apic_icr_write(v, val);
	case MSR_IA32_APIC_BASE:
		/* Mode changes pass; moving the APIC would defeat the ICR intercepts. */
		if ((val & APIC_BASE_ADDR_MASK) != plat.lapic_base) {
			log_refused(v, "relocating write", msr, val);
			return false;
		}
		return wrmsr_safe(msr, val);
	default:
		return wrmsr_safe(msr, val);
	}
}

void vcpu_handle_msr(struct arch_vp *v, bool write)
{
	uint32_t msr = (uint32_t)vmm->get_gpr(v, GPR_RCX);
	uint64_t val;

	if (write) {
		val = (vmm->get_gpr(v, GPR_RDX) << 32) | (uint32_t)vmm->get_gpr(v, GPR_RAX);
		if (!msr_write(v, msr, val)) {
			inject_gp(v);
			return;
		}
	} else {
		if (!msr_read(v, msr, &val)) {
			inject_gp(v);
			return;
		}
		vmm->set_gpr(v, GPR_RAX, (uint32_t)val);
		vmm->set_gpr(v, GPR_RDX, val >> 32);
	}
	vcpu_skip(v, INSN_LEN_MSR);
}

/* ---- I/O ports the core keeps (its log UART): reads float high, writes vanish ---- */

void vcpu_handle_io(struct arch_vp *v, uint16_t port, unsigned size, bool in, bool string,
		    bool rep, uint64_t next_rip)
{
	(void)port;
	if (string) {
		emulate_discarded_string_io(v, in, size, rep);
	} else if (in) {
		uint64_t rax = vmm->get_gpr(v, GPR_RAX);
		if (size == 4)
			rax = 0xFFFFFFFFull;
		else
			rax |= (1ull << (size * 8)) - 1;
		vmm->set_gpr(v, GPR_RAX, rax);
	}
	vmm->set_rip(v, next_rip);
	vmm->clear_interrupt_shadow(v);
}

/* ---- nested page faults ---- */

void vcpu_handle_npf(struct arch_vp *v, uint64_t gpa, bool write, bool fetch, bool present)
{
	struct arch_partition *p = v->vp->part->arch;
	const struct bh_bootinfo *bi = plat.bi;

	if (ranges_overlap(gpa, 1, bi->hv_base, bi->hv_size)) {
		/* The core's range behaves like unclaimed addresses: reads all-ones, writes vanish. */
		if (fetch)
			inject_ud(v);
		else if (write)
			emulate_discarded_write(v, gpa);
		return;
	}
	if (write && present && ALIGN_DOWN(gpa, PAGE_SIZE) == plat.lapic_base) {
		emulate_lapic_write(v, gpa);
		return;
	}
	if (!present && v->vp->part->is_root && gpa < (1ull << plat.phys_bits)) {
		/* MMIO above the eagerly mapped range: map it identity on first touch. */
		uint64_t base = ALIGN_DOWN(gpa, PT_PAGE_2M);
		if (!ranges_overlap(base, PT_PAGE_2M, bi->hv_base, bi->hv_size) &&
		    pt_map(&p->npt, base, base, PT_PAGE_2M, PTE_W | PTE_U))
			return;
	}
	console_reclaim();
	hv_log("root VP %u: unexpected nested page fault at %#llx (%s%s%s), rip %#llx",
	       v->vp->index, (unsigned long long)gpa, present ? "present " : "not present ",
	       write ? "write" : "read", fetch ? " fetch" : "", (unsigned long long)vmm->get_rip(v));
	machine_reset("the root partition cannot continue");
}

/* ---- hypercalls ---- */

void vcpu_handle_hypercall(struct arch_vp *v)
{
	uint64_t cr0, cr3, cr4, efer, cs_base;
	unsigned cs_bits;

	vmm->get_paging(v, &cr0, &cr3, &cr4, &efer, &cs_base, &cs_bits);
	/* The TLFS makes VMMCALL from real mode an invalid opcode. */
	if (!(cr0 & CR0_PE)) {
		inject_ud(v);
		return;
	}
	struct hc_request req = {
		.control = vmm->get_gpr(v, GPR_RCX),
		.in = vmm->get_gpr(v, GPR_RDX),
		.out = vmm->get_gpr(v, GPR_R8),
		.kernel_mode = vmm->get_cpl(v) == 0,
	};
	vmm->set_gpr(v, GPR_RAX, hypercall_handle(v->vp, &req));
	vcpu_skip(v, INSN_LEN_VMMCALL);
}

/* ---- refused instructions and fatal events ---- */

void vcpu_handle_svm_insn(struct arch_vp *v, const char *name, unsigned len)
{
	(void)len;
	if (!v->refused_svm_logged) {
		hv_log("root VP %u executed %s at rip %#llx: refused with #UD", v->vp->index, name,
		       (unsigned long long)vmm->get_rip(v));
		v->refused_svm_logged = true;
	}
	/* SVM is off as far as the root knows, so these are undefined opcodes. */
	inject_ud(v);
}

void vcpu_handle_shutdown(struct arch_vp *v)
{
	console_reclaim();
	hv_log("root VP %u: shutdown (triple fault) at rip %#llx", v->vp->index,
	       (unsigned long long)vmm->get_rip(v));
	machine_reset("the root partition triple-faulted");
}
