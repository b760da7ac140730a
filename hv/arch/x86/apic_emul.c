// SPDX-License-Identifier: GPL-2.0
/*
 * The root's local APIC is its own, except for INIT and start-up IPIs: those
 * would reset processors the core runs on, so the core turns them into
 * state changes of the target's root VP (SDM Vol 3 10.6.1; design in
 * ../shared reference svm-bringup.md section 7). Everything else is written
 * through to the real APIC.
 */
#include <asm/apic.h>
#include <asm/extable.h>
#include <asm/lapic.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/vcpu.h>
#include <hv/log.h>

static volatile uint32_t *xapic_reg(uint32_t offset)
{
	return (volatile uint32_t *)(uintptr_t)(plat.lapic_base + offset);
}

/* INIT or SIPI for one target VP. */
static void deliver_start_ipi(struct arch_vp *target, uint32_t icr_low)
{
	uint32_t mode = icr_low & ICR_DM_MASK;

	if (mode == ICR_DM_INIT) {
		/* The "INIT level de-assert" form changes nothing (SDM Vol 3 10.6.1). */
		if (!(icr_low & ICR_LEVEL_ASSERT))
			return;
		/*
		 * The target's own processor acts on the INIT before its next
		 * VMRUN; a running target is kicked out of the root with an NMI.
		 * Linux sends the SIPI right after the INIT, so the INIT must
		 * count as delivered from now on (see the SIPI case).
		 */
		__atomic_store_n(&target->init_pending, true, __ATOMIC_RELEASE);
		if (target->state == VP_RUNNING) {
			struct cpu *c = target->cpu;
			__atomic_or_fetch(&c->kick, KICK_INIT, __ATOMIC_RELEASE);
			lapic_send_ipi(c->apic_id, ICR_DM_NMI);
		}
		return;
	}
	/* Start-up: only a VP in (or on its way to) wait-for-SIPI starts; others ignore it. */
	if ((target->state == VP_WAIT_FOR_SIPI || target->init_pending) && !target->sipi_pending) {
		target->sipi_vector = (uint8_t)(icr_low & ICR_VECTOR_MASK);
		__atomic_store_n(&target->sipi_pending, true, __ATOMIC_RELEASE);
	}
}

static void start_ipi(struct arch_vp *src, uint32_t icr_low, uint32_t dest)
{
	uint32_t shorthand = icr_low & ICR_SHORTHAND_MASK;

	if (shorthand == ICR_SHORTHAND_SELF || (icr_low & ICR_DEST_LOGICAL && shorthand == ICR_SHORTHAND_NONE)) {
		hv_log("root VP %u: INIT/SIPI to itself or by logical destination ignored",
		       src->vp->index);
		return;
	}
	for (unsigned i = 0; i < root_partition.nvps; i++) {
		struct arch_vp *t = root_partition.vps[i]->arch;
		bool hit = shorthand == ICR_SHORTHAND_NONE ? t->apic_id == dest :
			   shorthand == ICR_SHORTHAND_ALL ? t != src : t != src;
		if (hit && t != src)
			deliver_start_ipi(t, icr_low);
	}
}

static bool is_start_ipi(uint32_t icr_low)
{
	uint32_t mode = icr_low & ICR_DM_MASK;

	return mode == ICR_DM_INIT || mode == ICR_DM_STARTUP;
}

void apic_emul_xapic_write(struct arch_vp *v, uint32_t offset, uint32_t value)
{
	if (offset == APIC_REG_ICR_HIGH)
		v->xapic_icr_high = value;
	if (offset == APIC_REG_ICR_LOW && is_start_ipi(value)) {
		start_ipi(v, value, v->xapic_icr_high >> ICR_XAPIC_DEST_SHIFT);
		return;
	}
	*xapic_reg(offset) = value;
}

bool apic_emul_x2apic_icr_write(struct arch_vp *v, uint64_t value)
{
	/* Like the hardware: the x2APIC MSRs fault unless the APIC is in x2APIC mode. */
	if (!(rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_X2APIC))
		return false;
	if (is_start_ipi((uint32_t)value)) {
		start_ipi(v, (uint32_t)value, (uint32_t)(value >> ICR_X2APIC_DEST_SHIFT));
		return true;
	}
	return wrmsr_safe(MSR_X2APIC_ICR, value);
}

void apic_emul_take_init(struct arch_vp *v)
{
	/* INIT: the VP stops where it is and waits for a SIPI (maybe already pending). */
	if (__atomic_exchange_n(&v->init_pending, false, __ATOMIC_ACQ_REL)) {
		v->state = VP_WAIT_FOR_SIPI;
		hv_log("root VP %u: INIT, waiting for SIPI", v->vp->index);
	}
}
