// SPDX-License-Identifier: GPL-2.0
/* Instruction emulation for nested page faults (placeholder until the decoder lands). */
#include <asm/emulate.h>
#include <asm/vcpu.h>
#include <hv/log.h>

void emulate_discarded_write(struct arch_vp *v, uint64_t gpa)
{
	panic("root VP %u: write to the core's range at %#llx needs the decoder", v->vp->index,
	      (unsigned long long)gpa);
}

void emulate_lapic_write(struct arch_vp *v, uint64_t gpa)
{
	panic("root VP %u: LAPIC write at %#llx needs the decoder", v->vp->index,
	      (unsigned long long)gpa);
}
