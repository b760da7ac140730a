// SPDX-License-Identifier: GPL-2.0
/*
 * SVM exit decoding: reads the VMCB's exit code and information and calls
 * the common handlers in vcpu.c. Unknown exits dump the VMCB and stop the VP.
 * Instruction lengths are fixed here because TCG has no NRIP-save (and the
 * root cannot usefully prefix these instructions); see vcpu_skip().
 */
#include <asm/cr.h>
#include <asm/platform.h>
#include <asm/svm.h>
#include <asm/svm_backend.h>
#include <asm/vcpu.h>
#include <hv/log.h>
#include <hv/util.h>

/* Lengths of the intercepted instructions (APM Vol 3 opcode map). */
#define INSN_LEN_CPUID   2	/* 0F A2 */
#define INSN_LEN_MSR     2	/* 0F 32, 0F 30 */
#define INSN_LEN_SVM     3	/* 0F 01 D8..DF */

static void dump_vmcb(const struct vmcb *vm)
{
	const struct vmcb_control *c = &vm->control;
	const struct vmcb_save *s = &vm->save;

	hv_log("  exit %#llx info1 %#llx info2 %#llx intinfo %#llx", (unsigned long long)c->exit_code,
	       (unsigned long long)c->exit_info1, (unsigned long long)c->exit_info2,
	       (unsigned long long)c->exit_int_info);
	hv_log("  rip %#llx rsp %#llx rflags %#llx cpl %u", (unsigned long long)s->rip,
	       (unsigned long long)s->rsp, (unsigned long long)s->rflags, s->cpl);
	hv_log("  cr0 %#llx cr3 %#llx cr4 %#llx efer %#llx", (unsigned long long)s->cr0,
	       (unsigned long long)s->cr3, (unsigned long long)s->cr4, (unsigned long long)s->efer);
	hv_log("  cs %04x/%03x base %#llx limit %#x  ss %04x/%03x  tr %04x/%03x",
	       s->cs.selector, s->cs.attrib, (unsigned long long)s->cs.base, s->cs.limit,
	       s->ss.selector, s->ss.attrib, s->tr.selector, s->tr.attrib);
	hv_log("  asid %u int_ctl %#x int_state %#llx event_inj %#llx n_cr3 %#llx",
	       c->asid, c->int_ctl, (unsigned long long)c->int_state,
	       (unsigned long long)c->event_inj, (unsigned long long)c->n_cr3);
}

/* Physical NMI: from another processor's kick, or the root's own NMI to re-inject. */
static void handle_nmi(struct arch_vp *v)
{
	struct cpu *c = this_cpu();

	svm_drain_nmi();
	/* A kick only makes the run loop look at the VP's pending INIT. */
	if (__atomic_exchange_n(&c->kick, 0, __ATOMIC_ACQ_REL))
		return;
	vmm->inject_nmi(v);
}

/* A pending event interrupted by the exit must be delivered again (APM 15.7.2). */
void svm_requeue_interrupted_event(struct vmcb *vm)
{
	uint64_t info = vm->control.exit_int_info;

	if (!(info & SVM_EVT_VALID) || (vm->control.event_inj & SVM_EVT_VALID))
		return;
	/* Software interrupts re-execute instead; TCG types a physical IRQ as an exception. */
	if ((info & SVM_EVT_TYPE_MASK) == SVM_EVT_TYPE_SOFT_INT)
		return;
	if ((info & SVM_EVT_TYPE_MASK) == SVM_EVT_TYPE_EXCEPTION &&
	    (info & SVM_EVT_VECTOR_MASK) >= VEC_FIRST_EXTERNAL)
		info = (info & ~(uint64_t)SVM_EVT_TYPE_MASK) | SVM_EVT_TYPE_INTR;
	vm->control.event_inj = info;
}

void svm_handle_exit(struct arch_vp *v)
{
	struct vmcb *vm = v->vmcb;
	uint32_t code = (uint32_t)vm->control.exit_code;
	uint64_t info1 = vm->control.exit_info1, info2 = vm->control.exit_info2;

	svm_requeue_interrupted_event(vm);
	switch (code) {
	case SVM_EXIT_CPUID:
		vcpu_handle_cpuid(v);
		return;
	case SVM_EXIT_MSR:
		vcpu_handle_msr(v, info1 == SVM_MSR_EXIT_WRITE);
		return;
	case SVM_EXIT_IOIO: {
		unsigned size = (info1 & SVM_IOIO_SZ32) ? 4 : (info1 & SVM_IOIO_SZ16) ? 2 : 1;
		vcpu_handle_io(v, (uint16_t)(info1 >> SVM_IOIO_PORT_SHIFT), size, info1 & SVM_IOIO_IN,
			       info1 & SVM_IOIO_STR, info1 & SVM_IOIO_REP, info2);
		return;
	}
	case SVM_EXIT_NPF:
		vcpu_handle_npf(v, info2, info1 & SVM_NPF_WRITE, info1 & SVM_NPF_FETCH,
				info1 & SVM_NPF_PRESENT);
		return;
	case SVM_EXIT_VMMCALL:
		vcpu_handle_hypercall(v);
		return;
	case SVM_EXIT_NMI:
		handle_nmi(v);
		return;
	case SVM_EXIT_INIT:
		/* A physical INIT reached a core processor: never sent by the core itself. */
		hv_log("physical INIT on processor %u ignored", this_cpu()->id);
		return;
	case SVM_EXIT_VMRUN:
		vcpu_handle_svm_insn(v, "VMRUN", INSN_LEN_SVM);
		return;
	case SVM_EXIT_VMLOAD:
		vcpu_handle_svm_insn(v, "VMLOAD", INSN_LEN_SVM);
		return;
	case SVM_EXIT_VMSAVE:
		vcpu_handle_svm_insn(v, "VMSAVE", INSN_LEN_SVM);
		return;
	case SVM_EXIT_STGI:
		vcpu_handle_svm_insn(v, "STGI", INSN_LEN_SVM);
		return;
	case SVM_EXIT_CLGI:
		vcpu_handle_svm_insn(v, "CLGI", INSN_LEN_SVM);
		return;
	case SVM_EXIT_SKINIT:
		vcpu_handle_svm_insn(v, "SKINIT", INSN_LEN_SVM);
		return;
	case SVM_EXIT_INVLPGA:
		vcpu_handle_svm_insn(v, "INVLPGA", INSN_LEN_SVM);
		return;
	case SVM_EXIT_SHUTDOWN:
		vcpu_handle_shutdown(v);
		return;
	case SVM_EXIT_INVALID:
		console_reclaim();
		hv_log("VMRUN of VP %u failed: invalid guest state (VMEXIT_INVALID)", v->vp->index);
		dump_vmcb(vm);
		v->state = VP_DEAD;
		panic("the root partition cannot run");
	default:
		console_reclaim();
		hv_log("unexpected exit %#x from VP %u", code, v->vp->index);
		dump_vmcb(vm);
		v->state = VP_DEAD;
		panic("the root partition cannot run");
	}
}
