// SPDX-License-Identifier: GPL-2.0
/*
 * Running a child VP for the root (the root scheduler model of Hyper-V): the
 * root's worker thread asks for a run; the core runs the VP until an exit
 * the root must see, a host interrupt, or a halt, and returns. Interrupts
 * reach the VP through its virtual local APIC before each VMRUN.
 */
#include <asm/child.h>
#include <asm/cr.h>
#include <asm/fpu.h>
#include <asm/platform.h>
#include <asm/vcpu.h>
#include <hv/arch.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/string.h>
#include <hv/util.h>

/* Real-mode state after a SIPI with 'vector', with a fresh FPU. */
static void load_sipi_state(struct arch_vp *v, uint8_t vector)
{
	struct vcpu_state st;

	vcpu_sipi_state(&st, vector);
	vmm->load_state(v, &st);
	v->xcr0 = XCR0_RESET_VALUE;
	fpu_area_reset(v->fpu_pa);
}

/* INIT, SIPI and NMI other processors (or the I/O APIC) sent this VP. */
static void take_events(struct arch_vp *v)
{
	uint8_t sipi = 0;
	uint32_t ev = vlapic_take_events(&v->lapic, &sipi);

	if (ev & VLAPIC_EVENT_INIT) {
		vlapic_init_signal(&v->lapic);
		v->state = VP_WAIT_FOR_SIPI;
		v->halted = false;
		v->nmi_pending = false;
		v->pending = PENDING_NONE;
	}
	if ((ev & VLAPIC_EVENT_SIPI) && v->state == VP_WAIT_FOR_SIPI) {
		load_sipi_state(v, sipi);
		v->state = VP_RUNNING;
	}
	if (ev & VLAPIC_EVENT_NMI)
		v->nmi_pending = true;
}

static bool guest_if(struct arch_vp *v)
{
	return vmm->get_rflags(v) & RFLAGS_IF;
}

/* Queues the highest deliverable event, or asks for an exit when it can be. */
static void inject_pending(struct arch_vp *v)
{
	int vec;

	if (vmm->event_pending(v))
		return;	/* an interrupted delivery is being replayed first */
	if (v->nmi_pending) {
		vmm->inject_nmi(v);
		v->nmi_pending = false;
		return;
	}
	vec = vlapic_pending_vector(&v->lapic);
	if (vec < 0) {
		vmm->set_intr_window(v, false);
		return;
	}
	if (vmm->can_inject_intr(v)) {
		if (vlapic_accept(&v->lapic, (uint8_t)vec))
			vmm->inject_intr(v, (uint8_t)vec);
		vmm->set_intr_window(v, false);
	} else {
		vmm->set_intr_window(v, true);
	}
}

/* A halted VP wakes for an NMI, or for an interrupt it can take (SDM Vol 2 HLT). */
static bool halt_wakes(struct arch_vp *v)
{
	return v->nmi_pending || (guest_if(v) && vlapic_pending_vector(&v->lapic) >= 0);
}

uint64_t child_route_ipi(struct partition *p, struct arch_vp *source, const struct vlapic_ipi *ipi)
{
	uint64_t wake = 0;

	for (unsigned i = 0; i < p->max_vps; i++) {
		struct vp *t = p->vps[i];
		if (!t || !vlapic_matches_dest(&t->arch->lapic, source ? &source->lapic : 0, ipi))
			continue;
		if (ipi->delivery_mode == VLAPIC_DM_FIXED || ipi->delivery_mode == VLAPIC_DM_LOWEST)
			vlapic_post_irq(&t->arch->lapic, ipi->vector, ipi->trigger_level);
		else
			vlapic_post_event(&t->arch->lapic, ipi->delivery_mode, ipi->vector,
					  ipi->trigger_level, ipi->level);
		if (t->arch != source)
			wake |= 1ull << i;
		/* Lowest priority: the first match takes it (SDM 10.6.2.4 leaves the choice open). */
		if (ipi->delivery_mode == VLAPIC_DM_LOWEST)
			break;
	}
	return wake;
}

uint16_t arch_assert_interrupt(struct partition *p, const struct bh_interrupt_in *in,
			       uint64_t *wake)
{
	struct vlapic_ipi ipi = {
		.dest = in->dest, .shorthand = VLAPIC_SH_NONE, .dest_logical = in->dest_logical,
		.delivery_mode = in->delivery_mode, .vector = in->vector, .level = true,
		.trigger_level = in->level_triggered,
	};

	if (p->is_root)
		return BH_STATUS_INVALID_PARAMETER;
	switch (in->delivery_mode) {
	case VLAPIC_DM_FIXED:
	case VLAPIC_DM_LOWEST:
	case VLAPIC_DM_NMI:
	case VLAPIC_DM_INIT:
	case VLAPIC_DM_STARTUP:
		break;
	default:
		return BH_STATUS_INVALID_PARAMETER;
	}
	*wake = child_route_ipi(p, 0, &ipi);
	return BH_STATUS_SUCCESS;
}

enum child_next child_crash(struct arch_vp *v, struct bh_vp_exit *out, uint32_t reason,
			    const char *why)
{
	char msg[sizeof(out->message)];

	snprintf(msg, sizeof(msg), "VP %u: %s", v->vp->index, why);
	partition_crash(v->vp->part, msg);
	out->reason = reason;
	strlcpy(out->message, v->vp->part->crash_reason, sizeof(out->message));
	return CHILD_RETURN;
}

/* One pass of the loop before VMRUN; returns false with *out filled if the VP cannot run. */
static bool ready_to_run(struct arch_vp *v, struct bh_vp_exit *out)
{
	struct partition *p = v->vp->part;

	if (p->state == BH_PARTITION_CRASHED) {
		out->reason = BH_EXIT_CRASHED;
		strlcpy(out->message, p->crash_reason, sizeof(out->message));
		return false;
	}
	take_events(v);
	if (v->state == VP_WAIT_FOR_SIPI) {
		out->reason = BH_EXIT_WAIT_SIPI;
		return false;
	}
	vlapic_timer_advance(&v->lapic, rdtsc());
	if (v->halted) {
		if (!halt_wakes(v)) {
			out->reason = BH_EXIT_HALT;
			return false;
		}
		v->halted = false;
	}
	if (v->wake_vps) {
		/* Other VPs have interrupts waiting: let the root kick them now. */
		out->reason = BH_EXIT_INTERRUPTED;
		return false;
	}
	inject_pending(v);
	return true;
}

uint16_t arch_vp_run(struct vp *caller, struct vp *vp, const struct bh_vp_run_in *in,
		     struct bh_vp_exit *out)
{
	struct arch_vp *v = vp->arch;
	struct vexit e;

	memset(out, 0, sizeof(*out));
	if (vp->part->is_root)
		return BH_STATUS_INVALID_PARAMETER;
	child_apply_completion(v, in);
	v->wake_vps = 0;
	for (;;) {
		if (!ready_to_run(v, out))
			break;
		vmm->child_run(v, &e);
		v->exits++;
		vp->part->exits++;
		if (e.kind == VEXIT_NMI && v->root_nmi) {
			out->reason = BH_EXIT_INTERRUPTED;
			break;
		}
		if (child_handle_exit(v, &e, out) == CHILD_RETURN)
			break;
	}
	if (v->root_nmi) {
		/* The NMI was the root's: it gets it when its VP resumes. */
		v->root_nmi = false;
		vmm->inject_nmi(caller->arch);
	}
	out->rip = vmm->get_rip(v);
	out->wake_vps = v->wake_vps;
	out->timer_deadline = vlapic_timer_deadline(&v->lapic);
	v->wake_vps = 0;
	return BH_STATUS_SUCCESS;
}
