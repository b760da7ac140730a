// SPDX-License-Identifier: GPL-2.0
/*
 * SVM for child VPs: the VMCB (everything that could reach the host
 * intercepted), one run with the guest's FPU state and host interrupts
 * enabled (so they exit, APM 15.21.1), exit decoding into a struct vexit,
 * and event injection.
 */
#include <asm/cr.h>
#include <asm/fpu.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/svm.h>
#include <asm/svm_backend.h>
#include <asm/vcpu.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/pmem.h>
#include <hv/string.h>

#define V_IRQ_WINDOW_PRIO SVM_V_INTR_PRIO_MASK	/* dummy V_IRQ at the highest priority */
#define EXCP_INTERCEPT(vec) (1u << (vec))

bool svm_child_init(struct arch_vp *v, struct arch_partition *p)
{
	uint64_t pa = partition_alloc_pages(v->vp->part, 1);

	if (!pa)
		return false;
	v->vmcb_pa = pa;
	v->vmcb = phys_to_virt(pa);
	struct vmcb_control *c = &v->vmcb->control;

	c->intercept_misc1 = SVM_INTERCEPT_INTR | SVM_INTERCEPT_NMI | SVM_INTERCEPT_SMI |
			     SVM_INTERCEPT_INIT | SVM_INTERCEPT_CPUID | SVM_INTERCEPT_HLT |
			     SVM_INTERCEPT_INVLPGA | SVM_INTERCEPT_IOIO_PROT | SVM_INTERCEPT_MSR_PROT |
			     SVM_INTERCEPT_TASK_SWITCH | SVM_INTERCEPT_SHUTDOWN | SVM_INTERCEPT_INVD |
			     SVM_INTERCEPT_RDPMC;
	c->intercept_misc2 = SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL | SVM_INTERCEPT_VMLOAD |
			     SVM_INTERCEPT_VMSAVE | SVM_INTERCEPT_STGI | SVM_INTERCEPT_CLGI |
			     SVM_INTERCEPT_SKINIT | SVM_INTERCEPT_RDTSCP | SVM_INTERCEPT_MONITOR |
			     SVM_INTERCEPT_MWAIT | SVM_INTERCEPT_XSETBV;
	/* #AC in a loop could starve the host (CVE-2015-5307): reflect it ourselves. */
	c->intercept_exceptions = EXCP_INTERCEPT(VEC_AC);
	c->iopm_base_pa = p->iopm_pa;
	c->msrpm_base_pa = p->msrpm_pa;
	c->asid = p->asid;
	c->np_enable = SVM_NP_ENABLE;
	c->n_cr3 = p->npt.root;
	c->int_ctl = SVM_V_INTR_MASKING;
	v->vmcb->save.g_pat = PAT_POWER_ON_VALUE;
	v->vmcb->save.efer = EFER_SVME;
	return true;
}

void svm_child_free(struct arch_vp *v)
{
	partition_free_pages(v->vp->part, v->vmcb_pa, 1);
	v->vmcb = 0;
	v->vmcb_pa = 0;
}

static void decode(struct arch_vp *v, struct vexit *e)
{
	const struct vmcb_control *c = &v->vmcb->control;
	uint32_t code = (uint32_t)c->exit_code;

	*e = (struct vexit){ .code = code, .info1 = c->exit_info1, .info2 = c->exit_info2 };
	switch (code) {
	case SVM_EXIT_INTR: e->kind = VEXIT_INTR; break;
	case SVM_EXIT_NMI: e->kind = VEXIT_NMI; break;
	case SVM_EXIT_VINTR: e->kind = VEXIT_VINTR; break;
	case SVM_EXIT_CPUID: e->kind = VEXIT_CPUID; break;
	case SVM_EXIT_HLT: e->kind = VEXIT_HLT; break;
	case SVM_EXIT_VMMCALL: e->kind = VEXIT_VMMCALL; break;
	case SVM_EXIT_XSETBV: e->kind = VEXIT_XSETBV; break;
	case SVM_EXIT_SHUTDOWN: e->kind = VEXIT_SHUTDOWN; break;
	case SVM_EXIT_INVALID: e->kind = VEXIT_INVALID; break;
	case SVM_EXIT_MSR:
		e->kind = VEXIT_MSR;
		e->write = c->exit_info1 == SVM_MSR_EXIT_WRITE;
		break;
	case SVM_EXIT_IOIO:
		e->kind = VEXIT_IO;
		e->port = (uint16_t)(c->exit_info1 >> SVM_IOIO_PORT_SHIFT);
		e->size = (c->exit_info1 & SVM_IOIO_SZ32) ? 4 : (c->exit_info1 & SVM_IOIO_SZ16) ? 2 : 1;
		e->in = c->exit_info1 & SVM_IOIO_IN;
		e->string = c->exit_info1 & SVM_IOIO_STR;
		e->rep = c->exit_info1 & SVM_IOIO_REP;
		e->next_rip = c->exit_info2;
		break;
	case SVM_EXIT_NPF:
		e->kind = VEXIT_NPF;
		e->gpa = c->exit_info2;
		e->write = c->exit_info1 & SVM_NPF_WRITE;
		e->fetch = c->exit_info1 & SVM_NPF_FETCH;
		e->present = c->exit_info1 & SVM_NPF_PRESENT;
		break;
	case SVM_EXIT_EXCP_BASE + VEC_AC:
		e->kind = VEXIT_EXCEPTION;
		e->vector = VEC_AC;
		e->has_error = true;
		e->error = (uint32_t)c->exit_info1;
		break;
	case SVM_EXIT_VMRUN: case SVM_EXIT_VMLOAD: case SVM_EXIT_VMSAVE: case SVM_EXIT_STGI:
	case SVM_EXIT_CLGI: case SVM_EXIT_SKINIT: case SVM_EXIT_INVLPGA: case SVM_EXIT_RDTSCP:
	case SVM_EXIT_MONITOR: case SVM_EXIT_MWAIT: case SVM_EXIT_RDPMC: case SVM_EXIT_INVD:
		e->kind = VEXIT_REFUSED;
		break;
	default:
		e->kind = VEXIT_OTHER;
		break;
	}
}

void svm_child_run(struct arch_vp *v, struct vexit *e)
{
	struct cpu *c = this_cpu();
	struct vmcb *vm = v->vmcb;

	/* Child ASIDs may be shared and NPTs change under them: flush on every run. */
	vm->control.tlb_control = SVM_TLB_FLUSH_ALL;
	fpu_enter_guest(v->fpu_pa, v->xcr0);
	svm_vmrun(v->vmcb_pa, v->gpr, c->host_vmcb_pa, 1);
	fpu_leave_guest(v->fpu_pa, v->xcr0);
	vm->control.tlb_control = SVM_TLB_FLUSH_NOTHING;
	svm_requeue_interrupted_event(vm);
	decode(v, e);
	if (e->kind == VEXIT_NMI) {
		svm_drain_nmi();
		/* Not a kick (children need none): the NMI is the root's. */
		v->root_nmi = true;
	}
	if (e->kind == VEXIT_VINTR)
		svm_set_intr_window(v, false);
}

bool svm_event_pending(struct arch_vp *v)
{
	return v->vmcb->control.event_inj & SVM_EVT_VALID;
}

bool svm_can_inject_intr(struct arch_vp *v)
{
	return (v->vmcb->save.rflags & RFLAGS_IF) && !(v->vmcb->control.int_state & SVM_INT_SHADOW);
}

void svm_inject_intr(struct arch_vp *v, uint8_t vector)
{
	v->vmcb->control.event_inj = vector | SVM_EVT_TYPE_INTR | SVM_EVT_VALID;
}

void svm_set_intr_window(struct arch_vp *v, bool on)
{
	struct vmcb_control *c = &v->vmcb->control;

	/* A dummy V_IRQ with the VINTR intercept exits as soon as the guest can take one (APM 15.21.4). */
	if (on) {
		c->intercept_misc1 |= SVM_INTERCEPT_VINTR;
		c->int_ctl = (c->int_ctl & ~SVM_V_INTR_PRIO_MASK) | SVM_V_IRQ | V_IRQ_WINDOW_PRIO |
			     SVM_V_IGN_TPR;
	} else {
		c->intercept_misc1 &= ~SVM_INTERCEPT_VINTR;
		c->int_ctl &= ~(SVM_V_IRQ | V_IRQ_WINDOW_PRIO | SVM_V_IGN_TPR);
	}
}
