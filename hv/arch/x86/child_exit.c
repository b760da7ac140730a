// SPDX-License-Identifier: GPL-2.0
/*
 * A child VP's exits: what the core handles itself (CPUID, MSRs it owns,
 * the local APIC, HLT, ports and memory nobody claims) and what it hands to
 * the root's worker (forwarded ports, memory without RAM), completing the
 * latter when the worker answers on the next VP_RUN.
 */
#include <asm/apic.h>
#include <asm/child.h>
#include <asm/cr.h>
#include <asm/emulate.h>
#include <asm/fpu.h>
#include <asm/insn.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/vcpu.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/string.h>
#include <hv/util.h>

#define INSN_LEN_CPUID   2	/* 0F A2 */
#define INSN_LEN_MSR     2	/* 0F 32, 0F 30 */
#define INSN_LEN_VMMCALL 3	/* 0F 01 D9 */
#define INSN_LEN_HLT     1	/* F4 */
#define INSN_LEN_XSETBV  3	/* 0F 01 D1 */
#define MTRR_DEF_TYPE_WB_ENABLED 0xC06ull	/* E, FE, default type WB (SDM Vol 3 11.11.2.1) */
#define MSR_MTRR_CAP     0x000000FEu
#define MSR_MTRR_DEF_TYPE 0x000002FFu
#define MSR_AMD64_PATCH_LEVEL 0x0000008Bu
#define MSR_AMD64_HWCR   0xC0010015u
#define MSR_AMD64_DE_CFG 0xC0011029u

static uint64_t ones(unsigned size)
{
	return size >= 8 ? UINT64_MAX : (1ull << (size * 8)) - 1;
}

static void load_regs(struct arch_vp *v, uint64_t regs[INSN_NR_GPRS])
{
	for (unsigned r = 0; r < INSN_NR_GPRS; r++)
		regs[r] = vmm->get_gpr(v, r);
}

static void store_regs(struct arch_vp *v, const uint64_t regs[INSN_NR_GPRS])
{
	for (unsigned r = 0; r < INSN_NR_GPRS; r++)
		vmm->set_gpr(v, r, regs[r]);
}

static void gp(struct arch_vp *v)
{
	vmm->inject_exception(v, VEC_GP, true, 0);
}

/* ---- completion of an exit the root handled ---- */

void child_apply_completion(struct arch_vp *v, const struct bh_vp_run_in *in)
{
	bool have = in->flags & BH_RUN_COMPLETE;
	uint64_t regs[INSN_NR_GPRS];

	switch (v->pending) {
	case PENDING_IO_IN: {
		/* An IN nobody answered reads as a floating bus: all ones. */
		uint64_t val = have ? in->value : ones(v->pending_size);
		load_regs(v, regs);
		insn_gpr_write(regs, INSN_RAX, v->pending_size, false, val);
		store_regs(v, regs);
		vmm->set_rip(v, v->pending_next_rip);
		vmm->clear_interrupt_shadow(v);
		break;
	}
	case PENDING_MMIO_READ: {
		uint64_t rflags = vmm->get_rflags(v), unused;
		load_regs(v, regs);
		insn_exec_mem(&v->pending_insn, regs, &rflags, have ? in->value :
			      ones(v->pending_insn.access_size), &unused);
		store_regs(v, regs);
		vmm->set_rflags(v, rflags);
		vcpu_skip(v, v->pending_insn.length);
		break;
	}
	case PENDING_CPUID:
		vmm->set_gpr(v, GPR_RAX, have ? in->cpuid[0] : 0);
		vmm->set_gpr(v, GPR_RBX, have ? in->cpuid[1] : 0);
		vmm->set_gpr(v, GPR_RCX, have ? in->cpuid[2] : 0);
		vmm->set_gpr(v, GPR_RDX, have ? in->cpuid[3] : 0);
		vcpu_skip(v, INSN_LEN_CPUID);
		break;
	case PENDING_RDMSR:
	case PENDING_WRMSR:
		if (!have || (in->flags & BH_RUN_INJECT_GP)) {
			gp(v);
			break;
		}
		if (v->pending == PENDING_RDMSR) {
			vmm->set_gpr(v, GPR_RAX, (uint32_t)in->value);
			vmm->set_gpr(v, GPR_RDX, in->value >> 32);
		}
		vcpu_skip(v, INSN_LEN_MSR);
		break;
	}
	v->pending = PENDING_NONE;
}

/* ---- CPUID ---- */

static enum child_next handle_cpuid(struct arch_vp *v, struct bh_vp_exit *out)
{
	uint32_t leaf = (uint32_t)vmm->get_gpr(v, GPR_RAX), sub = (uint32_t)vmm->get_gpr(v, GPR_RCX);
	uint32_t r[4];

	if (v->vp->part->arch->forward_cpuid) {
		out->reason = BH_EXIT_CPUID;
		out->u.cpuid.leaf = leaf;
		out->u.cpuid.subleaf = sub;
		v->pending = PENDING_CPUID;
		return CHILD_RETURN;
	}
	child_cpuid(v, leaf, sub, r);
	vmm->set_gpr(v, GPR_RAX, r[0]);
	vmm->set_gpr(v, GPR_RBX, r[1]);
	vmm->set_gpr(v, GPR_RCX, r[2]);
	vmm->set_gpr(v, GPR_RDX, r[3]);
	vcpu_skip(v, INSN_LEN_CPUID);
	return CHILD_CONTINUE;
}

/* ---- the local APIC: what its register writes ask of the core ---- */

static enum child_next apic_effect(struct arch_vp *v, const struct vlapic_effect *fx,
				   struct bh_vp_exit *out)
{
	if (fx->flags & VLAPIC_EFFECT_IPI) {
		const struct vlapic_ipi *ipi = &fx->ipi;
		/* INIT level de-assert only resynchronises arbitration IDs: nothing to do. */
		if (!(ipi->delivery_mode == VLAPIC_DM_INIT && !ipi->level))
			v->wake_vps |= child_route_ipi(v->vp->part, v, ipi);
	}
	if (fx->flags & VLAPIC_EFFECT_EOI_LEVEL) {
		out->reason = BH_EXIT_EOI;
		out->u.eoi.vector = fx->eoi_vector;
		return CHILD_RETURN;
	}
	return CHILD_CONTINUE;
}

/* ---- MSRs ---- */

static bool msr_forbidden(uint32_t msr)
{
	switch (msr) {
	case MSR_AMD64_VM_CR:
	case MSR_AMD64_VM_HSAVE_PA:
	case MSR_AMD64_SVM_KEY:
	case MSR_AMD64_SMM_ADDR:
	case MSR_AMD64_SMM_MASK:
	case MSR_AMD64_SMM_CTL:
	case MSR_AMD64_SYSCFG:
	case MSR_AMD64_TSC_RATIO:
		return true;
	default:
		return false;
	}
}

static bool msr_read(struct arch_vp *v, uint32_t msr, uint64_t *val)
{
	if (vlapic_is_msr(msr))
		return vlapic_msr_read(&v->lapic, msr, rdtsc(), val);
	switch (msr) {
	case MSR_EFER:
		*val = vmm->get_efer(v);
		return true;
	case MSR_IA32_PAT:
		*val = vmm->get_pat(v);
		return true;
	case MSR_IA32_TSC:
		*val = rdtsc();
		return true;
	case MSR_MTRR_CAP:
		*val = 0;		/* no variable or fixed ranges: all memory is WB */
		return true;
	case MSR_MTRR_DEF_TYPE:
		*val = MTRR_DEF_TYPE_WB_ENABLED;
		return true;
	case MSR_AMD64_PATCH_LEVEL:
	case MSR_AMD64_HWCR:
	case MSR_AMD64_DE_CFG:
		*val = 0;
		return true;
	default:
		return false;
	}
}

static enum child_next msr_write(struct arch_vp *v, uint32_t msr, uint64_t val,
				 struct bh_vp_exit *out, bool *ok)
{
	struct vlapic_effect fx = { 0 };

	*ok = true;
	if (vlapic_is_msr(msr)) {
		*ok = vlapic_msr_write(&v->lapic, msr, val, rdtsc(), &fx);
		if (*ok) {
			vcpu_skip(v, INSN_LEN_MSR);
			return apic_effect(v, &fx, out);
		}
		return CHILD_CONTINUE;
	}
	switch (msr) {
	case MSR_EFER:
		/* The guest's own EFER: SVME stays the core's (set_efer ORs it in). */
		if (val & ~(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE | EFER_FFXSR))
			*ok = false;
		else
			vmm->set_efer(v, (val & ~EFER_LMA) | (vmm->get_efer(v) & EFER_LMA));
		break;
	case MSR_IA32_PAT:
		vmm->set_pat(v, val);	/* invalid types fail VMRUN, crashing only this guest */
		break;
	case MSR_IA32_TSC:
	case MSR_MTRR_DEF_TYPE:
	case MSR_AMD64_DE_CFG:
		break;			/* accepted and ignored: one TSC, no MTRRs, no errata knobs */
	default:
		*ok = false;
	}
	if (*ok)
		vcpu_skip(v, INSN_LEN_MSR);
	return CHILD_CONTINUE;
}

static enum child_next handle_msr(struct arch_vp *v, bool write, struct bh_vp_exit *out)
{
	uint32_t msr = (uint32_t)vmm->get_gpr(v, GPR_RCX);
	uint64_t val;
	bool ok;

	if (msr_forbidden(msr)) {
		hv_log("partition %u VP %u: %s of MSR %#x refused (#GP)", v->vp->part->id,
		       v->vp->index, write ? "write" : "read", msr);
		gp(v);
		return CHILD_CONTINUE;
	}
	if (write) {
		val = (vmm->get_gpr(v, GPR_RDX) << 32) | (uint32_t)vmm->get_gpr(v, GPR_RAX);
		enum child_next next = msr_write(v, msr, val, out, &ok);
		if (!ok)
			gp(v);
		return next;
	}
	if (!msr_read(v, msr, &val)) {
		gp(v);
		return CHILD_CONTINUE;
	}
	vmm->set_gpr(v, GPR_RAX, (uint32_t)val);
	vmm->set_gpr(v, GPR_RDX, val >> 32);
	vcpu_skip(v, INSN_LEN_MSR);
	return CHILD_CONTINUE;
}

/* ---- ports ---- */

static enum child_next handle_io(struct arch_vp *v, const struct vexit *e, struct bh_vp_exit *out)
{
	if (e->string) {
		/* Nothing the worker emulates needs INS/OUTS; they see an empty bus. */
		emulate_discarded_string_io(v, e->in, e->size, e->rep);
		vmm->set_rip(v, e->next_rip);
		return CHILD_CONTINUE;
	}
	if (!child_port_forwarded(v->vp->part->arch, e->port)) {
		if (e->in) {
			uint64_t regs[INSN_NR_GPRS];
			load_regs(v, regs);
			insn_gpr_write(regs, INSN_RAX, e->size, false, ones(e->size));
			store_regs(v, regs);
		}
		vmm->set_rip(v, e->next_rip);
		vmm->clear_interrupt_shadow(v);
		return CHILD_CONTINUE;
	}
	out->reason = BH_EXIT_IO;
	out->u.io.port = e->port;
	out->u.io.size = e->size;
	out->u.io.write = !e->in;
	if (e->in) {
		v->pending = PENDING_IO_IN;
		v->pending_size = e->size;
		v->pending_next_rip = e->next_rip;
	} else {
		out->u.io.data = (uint32_t)(vmm->get_gpr(v, GPR_RAX) & ones(e->size));
		vmm->set_rip(v, e->next_rip);
		vmm->clear_interrupt_shadow(v);
	}
	return CHILD_RETURN;
}

/* ---- memory: the local APIC page, and MMIO for the worker ---- */

static enum child_next handle_apic_mmio(struct arch_vp *v, const struct insn *in, uint64_t gpa,
					struct bh_vp_exit *out)
{
	uint64_t regs[INSN_NR_GPRS], rflags = vmm->get_rflags(v), mem = 0, wr = 0;
	uint32_t off = (uint32_t)(gpa - vlapic_mmio_base(&v->lapic));
	struct vlapic_effect fx = { 0 };

	load_regs(v, regs);
	if (in->mem_read)
		vlapic_mmio_read(&v->lapic, off, in->access_size, rdtsc(), &mem);
	if (!insn_exec_mem(in, regs, &rflags, mem, &wr)) {
		vmm->inject_exception(v, VEC_UD, false, 0);
		return CHILD_CONTINUE;
	}
	store_regs(v, regs);
	vmm->set_rflags(v, rflags);
	vcpu_skip(v, in->length);
	if (in->mem_write) {
		vlapic_mmio_write(&v->lapic, off, in->access_size, wr, rdtsc(), &fx);
		return apic_effect(v, &fx, out);
	}
	return CHILD_CONTINUE;
}

static enum child_next handle_npf(struct arch_vp *v, const struct vexit *e, struct bh_vp_exit *out)
{
	struct insn in;

	if (e->present) {
		char why[48];
		snprintf(why, sizeof(why), "%s denied at %#llx", e->fetch ? "fetch" : "write",
			 (unsigned long long)e->gpa);
		return child_crash(v, out, BH_EXIT_CRASHED, why);
	}
	if (e->fetch) {
		/* Executing from memory that is not there: the CPU would fetch all-ones bytes. */
		vmm->inject_exception(v, VEC_UD, false, 0);
		return CHILD_CONTINUE;
	}
	if (!emulate_fetch_decode(v, &in))
		return CHILD_CONTINUE;	/* the fault is injected */
	if (!in.has_mem || !in.access_size || in.kind == INSN_KIND_STRING || in.kind == INSN_KIND_OTHER) {
		hv_log("partition %u VP %u: MMIO at %#llx by an instruction the core cannot emulate",
		       v->vp->part->id, v->vp->index, (unsigned long long)e->gpa);
		vmm->inject_exception(v, VEC_UD, false, 0);
		return CHILD_CONTINUE;
	}
	if (vlapic_is_enabled(&v->lapic) && !vlapic_is_x2apic(&v->lapic) &&
	    ALIGN_DOWN(e->gpa, PAGE_SIZE) == vlapic_mmio_base(&v->lapic))
		return handle_apic_mmio(v, &in, e->gpa, out);

	out->reason = BH_EXIT_MMIO;
	out->u.mmio.gpa = e->gpa;
	out->u.mmio.size = in.access_size;
	if (in.mem_read) {
		/* Loads, and read-modify-writes, wait for the worker's value. */
		out->u.mmio.write = 0;
		v->pending = PENDING_MMIO_READ;
		v->pending_insn = in;
		return CHILD_RETURN;
	}
	uint64_t regs[INSN_NR_GPRS], rflags = vmm->get_rflags(v), val = 0;
	load_regs(v, regs);
	insn_exec_mem(&in, regs, &rflags, 0, &val);
	out->u.mmio.write = 1;
	out->u.mmio.data = val & ones(in.access_size);
	vcpu_skip(v, in.length);
	return CHILD_RETURN;
}

/* ---- the rest ---- */

static enum child_next handle_hlt(struct arch_vp *v)
{
	vcpu_skip(v, INSN_LEN_HLT);
	/* The run loop decides whether it sleeps (nothing deliverable) or goes on. */
	v->halted = true;
	return CHILD_CONTINUE;
}

static enum child_next handle_xsetbv(struct arch_vp *v)
{
	uint64_t val = (vmm->get_gpr(v, GPR_RDX) << 32) | (uint32_t)vmm->get_gpr(v, GPR_RAX);

	if ((uint32_t)vmm->get_gpr(v, GPR_RCX) != XCR_XFEATURE_ENABLED || vmm->get_cpl(v) ||
	    !fpu_xcr0_valid(val)) {
		gp(v);
		return CHILD_CONTINUE;
	}
	v->xcr0 = val;
	vcpu_skip(v, INSN_LEN_XSETBV);
	return CHILD_CONTINUE;
}

static enum child_next handle_vmmcall(struct arch_vp *v)
{
	/* ABI v0 offers child partitions no calls: a status, never a fault (TLFS). */
	vmm->set_gpr(v, GPR_RAX, BH_STATUS_INVALID_HYPERCALL_CODE);
	vcpu_skip(v, INSN_LEN_VMMCALL);
	return CHILD_CONTINUE;
}

enum child_next child_handle_exit(struct arch_vp *v, const struct vexit *e, struct bh_vp_exit *out)
{
	char why[48];

	switch (e->kind) {
	case VEXIT_INTR:
		out->reason = BH_EXIT_INTERRUPTED;
		return CHILD_RETURN;
	case VEXIT_NMI:
	case VEXIT_VINTR:
		return CHILD_CONTINUE;	/* the loop looks at events and injects */
	case VEXIT_CPUID:
		return handle_cpuid(v, out);
	case VEXIT_MSR:
		return handle_msr(v, e->write, out);
	case VEXIT_IO:
		return handle_io(v, e, out);
	case VEXIT_NPF:
		return handle_npf(v, e, out);
	case VEXIT_HLT:
		return handle_hlt(v);
	case VEXIT_VMMCALL:
		return handle_vmmcall(v);
	case VEXIT_XSETBV:
		return handle_xsetbv(v);
	case VEXIT_EXCEPTION:
		vmm->inject_exception(v, e->vector, e->has_error, e->error);
		return CHILD_CONTINUE;
	case VEXIT_REFUSED:
		vmm->inject_exception(v, VEC_UD, false, 0);
		return CHILD_CONTINUE;
	case VEXIT_SHUTDOWN:
		snprintf(why, sizeof(why), "triple fault at rip %#llx",
			 (unsigned long long)vmm->get_rip(v));
		return child_crash(v, out, BH_EXIT_SHUTDOWN, why);
	case VEXIT_INVALID:
		return child_crash(v, out, BH_EXIT_CRASHED, "invalid processor state");
	default:
		snprintf(why, sizeof(why), "unexpected exit %#x", e->code);
		return child_crash(v, out, BH_EXIT_CRASHED, why);
	}
}
