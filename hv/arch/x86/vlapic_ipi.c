// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual local APIC IPIs: decoding an ICR write into a request the core
 * routes, and deciding which APICs a message addresses (SDM Vol 3 10.6.1,
 * 10.6.2, 10.12.9, 10.12.10).
 */
#include "vlapic_internal.h"

void vlapic_send_ipi(struct vlapic *v, uint32_t icr_low, uint32_t dest, struct vlapic_effect *out)
{
	struct vlapic_ipi *ipi = &out->ipi;

	ipi->dest = dest;
	ipi->vector = icr_low & ICR_VECTOR_MASK;
	ipi->delivery_mode = (uint8_t)((icr_low & ICR_DM_MASK) >> ICR_DM_SHIFT);
	ipi->shorthand = (uint8_t)((icr_low & ICR_SHORTHAND_MASK) >> ICR_SHORTHAND_SHIFT);
	ipi->dest_logical = icr_low & ICR_DEST_LOGICAL;
	ipi->level = icr_low & ICR_LEVEL_ASSERT;
	ipi->trigger_level = icr_low & ICR_TRIGGER_LEVEL;
	/* SDM 10.5.3: a fixed or lowest-priority IPI with vector 0-15 is not sent. */
	if ((ipi->delivery_mode == VLAPIC_DM_FIXED || ipi->delivery_mode == VLAPIC_DM_LOWEST) &&
	    ipi->vector < APIC_FIRST_VALID_VECTOR) {
		vlapic_esr_log(v, ESR_SEND_ILLEGAL_VECTOR);
		return;
	}
	out->flags |= VLAPIC_EFFECT_IPI;
}

static uint32_t physical_id(const struct vlapic *v)
{
	if (vlapic_is_x2apic(v))
		return v->initial_id;
	return v->id_reg >> APIC_XAPIC_ID_SHIFT;
}

static bool x2apic_logical_match(uint32_t ldr, uint32_t dest)
{
	/* SDM 10.12.10.2: same cluster (31:16) and a common member bit (15:0). */
	return (ldr >> APIC_LDR_X2APIC_CLUSTER_SHIFT) == (dest >> APIC_LDR_X2APIC_CLUSTER_SHIFT) &&
	       (ldr & dest & APIC_LDR_X2APIC_MEMBER_MASK);
}

static bool xapic_logical_match(uint32_t ldr, uint32_t dfr, uint32_t dest)
{
	uint32_t id = ldr >> APIC_LDR_XAPIC_SHIFT;

	if (dest > APIC_XAPIC_BROADCAST)
		return false;
	/* SDM 10.6.2.2: flat: any common bit; cluster: same cluster, a common member bit. */
	switch (dfr & APIC_DFR_MODEL_MASK) {
	case APIC_DFR_FLAT:
		return id & dest;
	case APIC_DFR_CLUSTER:
		return (id >> APIC_XAPIC_CLUSTER_SHIFT) == (dest >> APIC_XAPIC_CLUSTER_SHIFT) &&
		       (id & dest & APIC_XAPIC_MEMBER_MASK);
	default:
		return false;	/* a reserved model addresses nobody */
	}
}

static bool is_broadcast(const struct vlapic *source, uint32_t dest)
{
	/*
	 * 0xFFFFFFFF always; 0xFF from an xAPIC sender or an 8-bit I/O APIC or
	 * MSI message (an x2APIC sender's 0xFF is APIC ID 255), SDM 10.12.9.
	 */
	if (dest == APIC_X2APIC_BROADCAST)
		return true;
	return dest == APIC_XAPIC_BROADCAST && (!source || !vlapic_is_x2apic(source));
}

bool vlapic_matches_dest(const struct vlapic *target, const struct vlapic *source,
			 const struct vlapic_ipi *ipi)
{
	if (!vlapic_is_enabled(target))
		return false;
	switch (ipi->shorthand) {
	case VLAPIC_SH_SELF:
		return target == source;
	case VLAPIC_SH_ALL:
		return true;
	case VLAPIC_SH_OTHERS:
		return target != source;
	default:
		break;
	}
	if (is_broadcast(source, ipi->dest))
		return true;
	if (!ipi->dest_logical)
		return ipi->dest == physical_id(target);
	if (vlapic_is_x2apic(target))
		return x2apic_logical_match(target->ldr, ipi->dest);
	return xapic_logical_match(target->ldr, target->dfr, ipi->dest);
}
