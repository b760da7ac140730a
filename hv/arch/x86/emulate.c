// SPDX-License-Identifier: GPL-2.0
/*
 * Emulating the instruction behind a nested page fault. The bytes are
 * fetched through the guest's own page tables (gwalk.c) and decoded in
 * software (insn.c): TCG has neither NRIP-save nor decode assists, and
 * hardware decode assists would not cover every case anyway.
 */
#include <asm/apic.h>
#include <asm/cr.h>
#include <asm/emulate.h>
#include <asm/gwalk.h>
#include <asm/insn.h>
#include <asm/platform.h>
#include <asm/vcpu.h>
#include <hv/log.h>
#include <hv/memmap.h>
#include <hv/string.h>
#include <hv/util.h>


static void regs_load(struct arch_vp *v, uint64_t regs[INSN_NR_GPRS])
{
	for (unsigned r = 0; r < INSN_NR_GPRS; r++)
		regs[r] = vmm->get_gpr(v, r);
}

static void regs_store(struct arch_vp *v, const uint64_t regs[INSN_NR_GPRS])
{
	for (unsigned r = 0; r < INSN_NR_GPRS; r++)
		vmm->set_gpr(v, r, regs[r]);
}

/*
 * Guest-physical reads for the walker: only the partition's RAM. The core's
 * range reads as all-ones, as it does for the root itself.
 */
static int read_guest_phys(void *opaque, uint64_t gpa, void *buf, size_t len)
{
	struct arch_vp *v = opaque;
	const struct bh_bootinfo *bi = plat.bi;

	if (v->vp->part->is_root && ranges_overlap(gpa, len, bi->hv_base, bi->hv_size)) {
		memset(buf, 0xFF, len);
		return 0;
	}
	void *hva = partition_gpa_to_hva(v->vp->part, gpa, len);
	if (!hva)
		return -1;
	memcpy(buf, hva, len);
	return 0;
}

bool emulate_fetch_decode(struct arch_vp *v, struct insn *in)
{
	uint64_t cr0, cr3, cr4, efer, cs_base, rip = vmm->get_rip(v);
	unsigned cs_bits;
	uint8_t bytes[INSN_MAX_LEN];
	struct gwalk_result res;

	vmm->get_paging(v, &cr0, &cr3, &cr4, &efer, &cs_base, &cs_bits);
	struct gwalk_ctx ctx = {
		.cr0 = cr0, .cr3 = cr3, .cr4 = cr4, .efer = efer,
		.rflags = vmm->get_rflags(v), .maxphyaddr = plat.phys_bits,
		.read_phys = read_guest_phys, .opaque = v,
	};
	uint64_t gva = cs_bits == 64 ? rip : (uint32_t)(cs_base + rip);
	unsigned access = GWALK_FETCH | (vmm->get_cpl(v) == 3 ? GWALK_USER : 0);
	enum gwalk_status ws = gwalk_read_virt(&ctx, gva, bytes, sizeof(bytes), access, &res);
	size_t avail = ws == GWALK_OK ? sizeof(bytes) : res.done;
	enum insn_status is = insn_decode(in, bytes, avail, (enum insn_mode)cs_bits);

	if (is == INSN_OK)
		return true;
	if (is == INSN_TRUNCATED && ws == GWALK_PAGE_FAULT) {
		/* The instruction runs into a page the guest cannot fetch: its own #PF. */
		vmm->set_cr2(v, res.fault_addr);
		vmm->inject_exception(v, VEC_PF, true, res.error_code);
		return false;
	}
	hv_log("VP %u: cannot emulate the instruction at %#llx (%s, fetch %s)", v->vp->index,
	       (unsigned long long)rip, insn_status_name(is), gwalk_status_name(ws));
	vmm->inject_exception(v, is == INSN_TOO_LONG ? VEC_GP : VEC_UD, is == INSN_TOO_LONG, 0);
	return false;
}

static void finish(struct arch_vp *v, const struct insn *in)
{
	vcpu_skip(v, in->length);
}

static uint64_t all_ones(unsigned size)
{
	return size >= 8 ? UINT64_MAX : (1ull << (size * 8)) - 1;
}

/* MOVS/STOS into missing memory: the iterations happen, only the stores vanish. */
static void discard_string(struct arch_vp *v, const struct insn *in, uint64_t regs[INSN_NR_GPRS])
{
	uint64_t amask = all_ones(in->addrsize);
	uint64_t count = (in->prefixes & (INSN_PFX_REP | INSN_PFX_REPNE)) ? regs[INSN_RCX] & amask : 1;
	int64_t step = (int64_t)(count * in->access_size);

	if (vmm->get_rflags(v) & RFLAGS_DF)
		step = -step;
	regs[INSN_RDI] = (regs[INSN_RDI] & ~amask) | ((regs[INSN_RDI] + (uint64_t)step) & amask);
	if (in->string_op == INSN_STR_MOVS || in->string_op == INSN_STR_OUTS ||
	    in->string_op == INSN_STR_LODS || in->string_op == INSN_STR_CMPS)
		regs[INSN_RSI] = (regs[INSN_RSI] & ~amask) | ((regs[INSN_RSI] + (uint64_t)step) & amask);
	if (in->prefixes & (INSN_PFX_REP | INSN_PFX_REPNE))
		regs[INSN_RCX] &= ~amask;
}

void emulate_discarded_string_io(struct arch_vp *v, bool in, unsigned size, bool rep)
{
	uint64_t count = rep ? vmm->get_gpr(v, GPR_RCX) : 1;
	unsigned reg = in ? GPR_RDI : GPR_RSI;
	int64_t step = (int64_t)(count * size);

	/* An empty bus: INS stores nothing the guest can rely on, OUTS goes nowhere. */
	if (vmm->get_rflags(v) & RFLAGS_DF)
		step = -step;
	vmm->set_gpr(v, reg, vmm->get_gpr(v, reg) + (uint64_t)step);
	if (rep)
		vmm->set_gpr(v, GPR_RCX, 0);
	vmm->clear_interrupt_shadow(v);
}

void emulate_discarded_write(struct arch_vp *v, uint64_t gpa)
{
	uint64_t regs[INSN_NR_GPRS];
	struct insn in;

	if (!emulate_fetch_decode(v, &in))
		return;
	regs_load(v, regs);
	if (in.kind == INSN_KIND_STRING) {
		discard_string(v, &in, regs);
	} else {
		/* Memory reads as all-ones; whatever is written there vanishes. */
		uint64_t rflags = vmm->get_rflags(v), ignored;
		if (insn_exec_mem(&in, regs, &rflags, all_ones(in.access_size), &ignored))
			vmm->set_rflags(v, rflags);
		else
			hv_log("VP %u: write to missing memory at %#llx by an instruction of kind %u: skipped",
			       v->vp->index, (unsigned long long)gpa, in.kind);
	}
	regs_store(v, regs);
	finish(v, &in);
}

void emulate_lapic_write(struct arch_vp *v, uint64_t gpa)
{
	uint64_t regs[INSN_NR_GPRS];
	uint32_t offset = (uint32_t)(gpa & (APIC_MMIO_SIZE - 1));
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)(plat.lapic_base +
				 ALIGN_DOWN(offset, APIC_REG_STRIDE));
	struct insn in;
	uint64_t value;

	if (!emulate_fetch_decode(v, &in))
		return;
	regs_load(v, regs);
	if (in.access_size != APIC_REG_WIDTH || !IS_ALIGNED(offset, APIC_REG_STRIDE)) {
		/* Not a register write the APIC defines: drop it, as the APIC would. */
		hv_log("VP %u: %u-byte APIC write at offset %#x ignored", v->vp->index,
		       in.access_size, offset);
		finish(v, &in);
		return;
	}
	switch (in.kind) {
	case INSN_KIND_STORE:
		value = insn_reg_read(regs, &in);
		break;
	case INSN_KIND_STORE_IMM:
		value = in.imm;
		break;
	case INSN_KIND_XCHG:
		/* The 11AP erratum workaround writes the APIC with XCHG. */
		value = insn_reg_read(regs, &in);
		insn_reg_write(regs, &in, *reg);
		break;
	default:
		hv_log("VP %u: APIC write by an instruction of kind %u ignored", v->vp->index, in.kind);
		finish(v, &in);
		return;
	}
	regs_store(v, regs);
	apic_emul_xapic_write(v, offset, (uint32_t)value);
	finish(v, &in);
}
