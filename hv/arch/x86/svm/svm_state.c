// SPDX-License-Identifier: GPL-2.0
/* Converting a VMCB to and from the ABI's struct bh_vp_state. */
#include <asm/cr.h>
#include <asm/msr.h>
#include <asm/svm.h>
#include <asm/svm_backend.h>
#include <asm/vcpu.h>
#include <bulkhead/hypercall.h>

_Static_assert(BH_SEG_ATTR_CODE32 == SEG_ATTR_CODE32 && BH_SEG_ATTR_DATA32 == SEG_ATTR_DATA32 &&
	       BH_SEG_ATTR_CODE64 == SEG_ATTR_CODE64 && BH_SEG_ATTR_TSS == SEG_ATTR_TSS &&
	       BH_SEG_ATTR_LDT == SEG_ATTR_LDT, "ABI segment attributes match the VMCB's");

static void seg_out(struct bh_segment *d, const struct vmcb_seg *s)
{
	d->base = s->base;
	d->limit = s->limit;
	d->selector = s->selector;
	d->attrib = s->attrib;
}

static void seg_in(struct vmcb_seg *d, const struct bh_segment *s)
{
	d->base = s->base;
	d->limit = s->limit;
	d->selector = s->selector;
	d->attrib = s->attrib;
}

void svm_get_bh_state(struct arch_vp *v, struct bh_vp_state *st)
{
	const struct vmcb_save *s = &v->vmcb->save;

	for (unsigned r = 0; r < GPR_COUNT; r++)
		st->gpr[r] = v->gpr[r];
	st->gpr[GPR_RAX] = s->rax;
	st->gpr[GPR_RSP] = s->rsp;
	st->rip = s->rip;
	st->rflags = s->rflags;
	st->cr0 = s->cr0;
	st->cr2 = s->cr2;
	st->cr3 = s->cr3;
	st->cr4 = s->cr4;
	st->efer = s->efer & ~EFER_SVME;
	seg_out(&st->cs, &s->cs);
	seg_out(&st->ds, &s->ds);
	seg_out(&st->es, &s->es);
	seg_out(&st->fs, &s->fs);
	seg_out(&st->gs, &s->gs);
	seg_out(&st->ss, &s->ss);
	seg_out(&st->tr, &s->tr);
	seg_out(&st->ldtr, &s->ldtr);
	st->gdtr_base = s->gdtr.base;
	st->gdtr_limit = s->gdtr.limit;
	st->idtr_base = s->idtr.base;
	st->idtr_limit = s->idtr.limit;
}

void svm_set_bh_state(struct arch_vp *v, const struct bh_vp_state *st)
{
	struct vmcb_save *s = &v->vmcb->save;

	for (unsigned r = 0; r < GPR_COUNT; r++)
		v->gpr[r] = st->gpr[r];
	s->rax = st->gpr[GPR_RAX];
	s->rsp = st->gpr[GPR_RSP];
	s->rip = st->rip;
	s->rflags = st->rflags | RFLAGS_FIXED;
	s->cr0 = st->cr0;
	s->cr2 = st->cr2;
	s->cr3 = st->cr3;
	s->cr4 = st->cr4;
	s->efer = st->efer | EFER_SVME;
	seg_in(&s->cs, &st->cs);
	seg_in(&s->ds, &st->ds);
	seg_in(&s->es, &st->es);
	seg_in(&s->fs, &st->fs);
	seg_in(&s->gs, &st->gs);
	seg_in(&s->ss, &st->ss);
	seg_in(&s->tr, &st->tr);
	seg_in(&s->ldtr, &st->ldtr);
	s->gdtr.base = st->gdtr_base;
	s->gdtr.limit = st->gdtr_limit;
	s->idtr.base = st->idtr_base;
	s->idtr.limit = st->idtr_limit;
	/* CPL follows the code segment's DPL in protected mode, 0 in real mode. */
	s->cpl = (st->cr0 & CR0_PE) ? (uint8_t)((st->cs.attrib >> SEG_ATTR_DPL_SHIFT) & 3) : 0;
	s->dr6 = DR6_RESET_VALUE;
	s->dr7 = DR7_RESET_VALUE;
	v->vmcb->control.event_inj = 0;
	v->vmcb->control.int_state = 0;
}
