// SPDX-License-Identifier: GPL-2.0
/*
 * AMD SVM backend: enabling SVM per processor, VMCB set-up for root VPs,
 * the vendor operations and the run loop (APM Vol 2 chapter 15).
 */
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/svm.h>
#include <asm/svm_backend.h>
#include <asm/vcpu.h>
#include <hv/log.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

#define ROOT_ASID 1

static inline struct vmcb *vmcb_of(struct arch_vp *v) { return v->vmcb; }

static inline void svm_clgi(void) { __asm__ volatile("clgi" ::: "memory"); }
static inline void svm_stgi(void) { __asm__ volatile("stgi" ::: "memory"); }

static inline void svm_vmsave(uint64_t pa)
{
	__asm__ volatile("vmsave %0" : : "a"(pa) : "memory");
}

bool svm_supported(char *why, size_t len)
{
	struct cpuid_regs ext = cpuid(CPUID_EXT_BASE);

	if (ext.eax < CPUID_SVM || !(cpuid(CPUID_EXT_FEATURES_AMD).ecx & CPUID_80000001_ECX_SVM)) {
		snprintf(why, len, "the processor has no AMD SVM");
		return false;
	}
	if (rdmsr(MSR_AMD64_VM_CR) & VM_CR_SVMDIS) {
		snprintf(why, len, "SVM is disabled by the firmware (VM_CR.SVMDIS)");
		return false;
	}
	struct cpuid_regs svm = cpuid(CPUID_SVM);
	if (!(svm.edx & SVM_FEATURE_NPT)) {
		snprintf(why, len, "SVM without nested paging");
		return false;
	}
	if (!(cpuid(CPUID_EXT_FEATURES_AMD).edx & CPUID_80000001_EDX_NX)) {
		snprintf(why, len, "the processor has no NX");
		return false;
	}
	plat.svm_features = svm.edx;
	plat.svm_asids = svm.ebx;
	return true;
}

void svm_cpu_enable(struct cpu *c)
{
	c->hsave_pa = pmem_alloc(1);
	c->host_vmcb_pa = pmem_alloc(1);
	if (!c->hsave_pa || !c->host_vmcb_pa)
		panic("no memory for processor %u's SVM state", c->id);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_AMD64_VM_HSAVE_PA, c->hsave_pa);
	/* The core's FS/GS/TR/LDTR and syscall MSRs, restored by VMLOAD after each exit. */
	svm_vmsave(c->host_vmcb_pa);
	/* The core runs at GIF = 0: nothing interrupts it but the faults it causes. */
	svm_clgi();
}

bool svm_drain_nmi(void)
{
	struct cpu *c = this_cpu();

	c->nmi_seen = false;
	/* A pending NMI is taken (by exceptions.c) in this one-instruction window. */
	svm_stgi();
	svm_clgi();
	return c->nmi_seen;
}

/* ---- vendor operations ---- */

static uint64_t svm_get_gpr(struct arch_vp *v, unsigned reg)
{
	if (reg == GPR_RAX)
		return vmcb_of(v)->save.rax;
	if (reg == GPR_RSP)
		return vmcb_of(v)->save.rsp;
	return v->gpr[reg & 15];
}

static void svm_set_gpr(struct arch_vp *v, unsigned reg, uint64_t val)
{
	if (reg == GPR_RAX)
		vmcb_of(v)->save.rax = val;
	else if (reg == GPR_RSP)
		vmcb_of(v)->save.rsp = val;
	else
		v->gpr[reg & 15] = val;
}

static uint64_t svm_get_rip(struct arch_vp *v) { return vmcb_of(v)->save.rip; }
static uint64_t svm_get_rflags(struct arch_vp *v) { return vmcb_of(v)->save.rflags; }
static void svm_set_rflags(struct arch_vp *v, uint64_t f) { vmcb_of(v)->save.rflags = f | RFLAGS_FIXED; }
static void svm_set_cr2(struct arch_vp *v, uint64_t cr2) { vmcb_of(v)->save.cr2 = cr2; }
static void svm_set_rip(struct arch_vp *v, uint64_t rip) { vmcb_of(v)->save.rip = rip; }
static unsigned svm_get_cpl(struct arch_vp *v) { return vmcb_of(v)->save.cpl; }

static void svm_inject_exception(struct arch_vp *v, unsigned vector, bool has_error, uint32_t error)
{
	uint64_t e = (vector & SVM_EVT_VECTOR_MASK) | SVM_EVT_TYPE_EXCEPTION | SVM_EVT_VALID;

	if (has_error)
		e |= SVM_EVT_ERROR_VALID | (uint64_t)error << 32;
	vmcb_of(v)->control.event_inj = e;
}

static void svm_inject_nmi(struct arch_vp *v)
{
	vmcb_of(v)->control.event_inj = VEC_NMI | SVM_EVT_TYPE_NMI | SVM_EVT_VALID;
}

static void svm_clear_interrupt_shadow(struct arch_vp *v)
{
	vmcb_of(v)->control.int_state &= ~SVM_INT_SHADOW;
}

static uint64_t svm_get_efer(struct arch_vp *v) { return vmcb_of(v)->save.efer & ~EFER_SVME; }

static void svm_set_efer(struct arch_vp *v, uint64_t efer)
{
	/* Never let a guest clear SVME: VMRUN would fail (APM 15.5.1). */
	vmcb_of(v)->save.efer = efer | EFER_SVME;
}

static uint64_t svm_get_pat(struct arch_vp *v) { return vmcb_of(v)->save.g_pat; }
static void svm_set_pat(struct arch_vp *v, uint64_t pat) { vmcb_of(v)->save.g_pat = pat; }

static void svm_flush_tlb(struct arch_vp *v)
{
	vmcb_of(v)->control.tlb_control = (plat.svm_features & SVM_FEATURE_FLUSH_BY_ASID) ?
					  SVM_TLB_FLUSH_ASID : SVM_TLB_FLUSH_ALL;
}

static void svm_get_paging(struct arch_vp *v, uint64_t *cr0, uint64_t *cr3, uint64_t *cr4,
			   uint64_t *efer, uint64_t *cs_base, unsigned *cs_bits)
{
	const struct vmcb_save *s = &vmcb_of(v)->save;

	*cr0 = s->cr0;
	*cr3 = s->cr3;
	*cr4 = s->cr4;
	*efer = s->efer;
	*cs_base = s->cs.base;
	if ((s->efer & EFER_LMA) && (s->cs.attrib & SEG_ATTR_L))
		*cs_bits = 64;
	else if ((s->cr0 & CR0_PE) && (s->cs.attrib & SEG_ATTR_DB))
		*cs_bits = 32;
	else
		*cs_bits = 16;
}

static void seg_load(struct vmcb_seg *dst, const struct seg_state *src)
{
	dst->selector = src->selector;
	dst->attrib = src->attrib;
	dst->limit = src->limit;
	dst->base = src->base;
}

static void svm_load_state(struct arch_vp *v, const struct vcpu_state *st)
{
	struct vmcb_save *s = &vmcb_of(v)->save;

	seg_load(&s->cs, &st->cs);
	seg_load(&s->ds, &st->ds);
	seg_load(&s->es, &st->es);
	seg_load(&s->fs, &st->fs);
	seg_load(&s->gs, &st->gs);
	seg_load(&s->ss, &st->ss);
	seg_load(&s->tr, &st->tr);
	seg_load(&s->ldtr, &st->ldtr);
	s->gdtr.base = st->gdtr_base;
	s->gdtr.limit = st->gdtr_limit;
	s->idtr.base = st->idtr_base;
	s->idtr.limit = st->idtr_limit;
	s->cpl = 0;
	s->cr0 = st->cr0;
	s->cr2 = 0;
	s->cr3 = st->cr3;
	s->cr4 = st->cr4;
	s->efer = st->efer | EFER_SVME;
	s->rip = st->rip;
	s->rsp = st->rsp;
	s->rax = st->gpr[GPR_RAX];
	s->rflags = st->rflags | RFLAGS_FIXED;
	s->dr6 = DR6_RESET_VALUE;
	s->dr7 = DR7_RESET_VALUE;
	s->g_pat = PAT_POWER_ON_VALUE;
	/* VMLOAD state: the syscall MSRs and KernelGsBase start at zero. */
	s->star = s->lstar = s->cstar = s->sfmask = s->kernel_gs_base = 0;
	s->sysenter_cs = s->sysenter_esp = s->sysenter_eip = 0;
	for (unsigned r = 0; r < GPR_COUNT; r++)
		v->gpr[r] = st->gpr[r];
	vmcb_of(v)->control.event_inj = 0;
	vmcb_of(v)->control.int_state = 0;
	vmcb_of(v)->control.int_ctl &= ~(SVM_V_IRQ | SVM_V_TPR_MASK);
	vmcb_of(v)->control.tlb_control = SVM_TLB_FLUSH_ALL;
}

static const struct vmm_ops svm_ops = {
	.get_gpr = svm_get_gpr,
	.set_gpr = svm_set_gpr,
	.get_rip = svm_get_rip,
	.get_rflags = svm_get_rflags,
	.set_rflags = svm_set_rflags,
	.set_cr2 = svm_set_cr2,
	.set_rip = svm_set_rip,
	.get_cpl = svm_get_cpl,
	.inject_exception = svm_inject_exception,
	.inject_nmi = svm_inject_nmi,
	.clear_interrupt_shadow = svm_clear_interrupt_shadow,
	.get_efer = svm_get_efer,
	.set_efer = svm_set_efer,
	.get_pat = svm_get_pat,
	.set_pat = svm_set_pat,
	.flush_tlb = svm_flush_tlb,
	.load_state = svm_load_state,
	.get_bh_state = svm_get_bh_state,
	.set_bh_state = svm_set_bh_state,
	.child_init = svm_child_init,
	.child_free = svm_child_free,
	.child_run = svm_child_run,
	.event_pending = svm_event_pending,
	.can_inject_intr = svm_can_inject_intr,
	.inject_intr = svm_inject_intr,
	.set_intr_window = svm_set_intr_window,
	.get_paging = svm_get_paging,
};

const struct vmm_ops *vmm = &svm_ops;

bool svm_vp_init_root(struct arch_vp *v, struct arch_partition *p)
{
	v->vmcb_pa = pmem_alloc(1);
	if (!v->vmcb_pa)
		return false;
	v->vmcb = phys_to_virt(v->vmcb_pa);
	struct vmcb_control *c = &v->vmcb->control;

	/*
	 * The root keeps its interrupts, HLT and LAPIC timer: no INTR or HLT
	 * intercept. NMIs exit so other processors can kick this one (INIT);
	 * root NMIs are re-injected. SVM instructions are refused.
	 */
	c->intercept_misc1 = SVM_INTERCEPT_NMI | SVM_INTERCEPT_INIT | SVM_INTERCEPT_CPUID |
			     SVM_INTERCEPT_INVLPGA | SVM_INTERCEPT_IOIO_PROT |
			     SVM_INTERCEPT_MSR_PROT | SVM_INTERCEPT_SHUTDOWN;
	c->intercept_misc2 = SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL | SVM_INTERCEPT_VMLOAD |
			     SVM_INTERCEPT_VMSAVE | SVM_INTERCEPT_STGI | SVM_INTERCEPT_CLGI |
			     SVM_INTERCEPT_SKINIT;
	c->iopm_base_pa = p->iopm_pa;
	c->msrpm_base_pa = p->msrpm_pa;
	c->asid = p->asid;
	c->np_enable = SVM_NP_ENABLE;
	c->n_cr3 = p->npt.root;
	c->tlb_control = SVM_TLB_FLUSH_ALL;
	v->vmcb->save.g_pat = PAT_POWER_ON_VALUE;
	v->vmcb->save.efer = EFER_SVME;
	return true;
}

/* Waits, in the core, until the root starts this VP with a SIPI. */
static void wait_for_sipi(struct arch_vp *v)
{
	while (v->state == VP_WAIT_FOR_SIPI) {
		apic_emul_take_init(v);
		if (__atomic_load_n(&v->sipi_pending, __ATOMIC_ACQUIRE)) {
			__atomic_store_n(&v->sipi_pending, false, __ATOMIC_RELEASE);
			root_vp_set_sipi_state(v, v->sipi_vector);
			v->state = VP_RUNNING;
			break;
		}
		cpu_relax();
	}
}

_Noreturn void svm_root_loop(struct arch_vp *v)
{
	struct cpu *c = this_cpu();

	for (;;) {
		apic_emul_take_init(v);
		if (v->state == VP_WAIT_FOR_SIPI)
			wait_for_sipi(v);
		svm_vmrun(v->vmcb_pa, v->gpr, c->host_vmcb_pa, 0);
		v->exits++;
		v->vmcb->control.tlb_control = SVM_TLB_FLUSH_NOTHING;
		svm_handle_exit(v);
	}
}
