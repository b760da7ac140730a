// SPDX-License-Identifier: GPL-2.0
/*
 * Child partitions on x86: nested page tables holding only the memory the
 * root donated, intercept maps that catch every port and MSR, and VPs with
 * a virtual local APIC and their own FPU state. Every page allocated here is
 * charged to the partition, so destroying it gives all of them back.
 */
#include <asm/child.h>
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/fpu.h>
#include <asm/msr.h>
#include <asm/platform.h>
#include <asm/svm.h>
#include <asm/vcpu.h>
#include <hv/arch.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

#define IO_FORWARD_PAGES  2		/* 65,536 ports, one bit each */
#define FIRST_CHILD_ASID  2		/* 1 is the root's */
#define PORT_COUNT        0x10000u

/* MSRs a child reads and writes directly: VMLOAD/VMSAVE switch them per VP (APM 15.5.2). */
static const uint32_t child_passthrough_msrs[] = {
	MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE, MSR_STAR, MSR_LSTAR, MSR_CSTAR,
	MSR_SFMASK, MSR_IA32_SYSENTER_CS, MSR_IA32_SYSENTER_ESP, MSR_IA32_SYSENTER_EIP,
};

/* ---- page-table operations charged to the partition ---- */

static uint64_t child_pt_alloc(void *opaque)
{
	return partition_alloc_pages(opaque, 1);
}

static void child_pt_free(void *opaque, uint64_t pa)
{
	partition_free_pages(opaque, pa, 1);
}

static uint64_t *child_pt_table(void *opaque, uint64_t pa)
{
	(void)opaque;
	return phys_to_virt(pa);
}

/* ---- partitions ---- */

static void msrpm_allow(uint8_t *pm, uint32_t msr)
{
	static const struct { uint32_t base, offset; } ranges[] = {
		{ SVM_MSRPM_RANGE0_MSR, 0 * SVM_MSRPM_RANGE_BYTES },
		{ SVM_MSRPM_RANGE1_MSR, 1 * SVM_MSRPM_RANGE_BYTES },
		{ SVM_MSRPM_RANGE2_MSR, 2 * SVM_MSRPM_RANGE_BYTES },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(ranges); i++) {
		uint32_t n = msr - ranges[i].base;
		if (msr >= ranges[i].base && n < SVM_MSRPM_RANGE_BYTES * 4) {
			pm[ranges[i].offset + n / 4] &= (uint8_t)~(3u << ((n % 4) * 2));
			return;
		}
	}
}

uint16_t arch_partition_init(struct partition *p)
{
	uint64_t ap_pa = partition_alloc_pages(p, 1);
	struct arch_partition *ap = phys_to_virt(ap_pa);
	struct pt_ops ops = { child_pt_alloc, child_pt_free, child_pt_table, p };

	if (!ap_pa)
		return BH_STATUS_INSUFFICIENT_MEMORY;
	p->arch = ap;
	ap->asid = FIRST_CHILD_ASID + p->id % (plat.svm_asids - FIRST_CHILD_ASID);
	ap->iopm_pa = partition_alloc_pages(p, SVM_IOPM_SIZE / PAGE_SIZE);
	ap->msrpm_pa = partition_alloc_pages(p, SVM_MSRPM_SIZE / PAGE_SIZE);
	ap->io_forward_pa = partition_alloc_pages(p, IO_FORWARD_PAGES);
	if (!ap->iopm_pa || !ap->msrpm_pa || !ap->io_forward_pa ||
	    !pt_init(&ap->npt, &ops, PTE_P | PTE_W | PTE_U, plat.has_1g_pages)) {
		arch_partition_free(p);
		return BH_STATUS_INSUFFICIENT_MEMORY;
	}
	/* Every port and every MSR exits, except the per-VP state VMLOAD switches. */
	memset(phys_to_virt(ap->iopm_pa), 0xFF, SVM_IOPM_SIZE);
	memset(phys_to_virt(ap->msrpm_pa), 0xFF, SVM_MSRPM_SIZE);
	for (unsigned i = 0; i < ARRAY_SIZE(child_passthrough_msrs); i++)
		msrpm_allow(phys_to_virt(ap->msrpm_pa), child_passthrough_msrs[i]);
	return BH_STATUS_SUCCESS;
}

void arch_partition_free(struct partition *p)
{
	struct arch_partition *ap = p->arch;

	if (!ap)
		return;
	if (ap->npt.root)
		pt_destroy(&ap->npt);
	partition_free_pages(p, ap->iopm_pa, SVM_IOPM_SIZE / PAGE_SIZE);
	partition_free_pages(p, ap->msrpm_pa, SVM_MSRPM_SIZE / PAGE_SIZE);
	partition_free_pages(p, ap->io_forward_pa, IO_FORWARD_PAGES);
	partition_free_pages(p, virt_to_phys(ap), 1);
	p->arch = 0;
}

static bool gpa_range_ok(uint64_t gpa, uint64_t npages)
{
	uint64_t size = npages * PAGE_SIZE;

	/* Guest RAM may not cover the local APIC page: the core emulates it there. */
	return range_ok(gpa, size) && gpa + size <= (1ull << plat.phys_bits) &&
	       !ranges_overlap(gpa, size, APIC_DEFAULT_BASE, PAGE_SIZE);
}

uint16_t arch_map_gpa(struct partition *p, uint64_t gpa, uint64_t hpa, uint64_t npages,
		      unsigned rights)
{
	struct arch_partition *ap = p->arch;
	uint64_t flags = PTE_U | ((rights & BH_MAP_WRITE) ? PTE_W : 0) |
			 ((rights & BH_MAP_EXEC) ? 0 : PTE_NX);
	uint16_t st = BH_STATUS_SUCCESS;

	if (!gpa_range_ok(gpa, npages))
		return BH_STATUS_INVALID_PARAMETER;
	spin_lock(&ap->npt_lock);
	for (uint64_t i = 0; i < npages; i++) {
		if (pt_lookup(&ap->npt, gpa + i * PAGE_SIZE, 0, 0, 0)) {
			st = BH_STATUS_OPERATION_DENIED;	/* guest range already has memory */
			break;
		}
	}
	if (!st && !pt_map(&ap->npt, gpa, hpa, npages * PAGE_SIZE, flags)) {
		pt_unmap(&ap->npt, gpa, npages * PAGE_SIZE);
		st = BH_STATUS_INSUFFICIENT_MEMORY;
	}
	spin_unlock(&ap->npt_lock);
	return st;
}

void arch_unmap_gpa(struct partition *p, uint64_t gpa, uint64_t npages)
{
	struct arch_partition *ap = p->arch;

	/* Child VMRUNs flush their ASID every time (child_run.c), so no shootdown is needed. */
	spin_lock(&ap->npt_lock);
	pt_unmap(&ap->npt, gpa, npages * PAGE_SIZE);
	spin_unlock(&ap->npt_lock);
}

/* Children: through their nested page tables; a range must not cross a page. */
void *child_gpa_to_hva(struct partition *p, uint64_t gpa, size_t len)
{
	uint64_t hpa;

	if (!len || ALIGN_DOWN(gpa, PAGE_SIZE) != ALIGN_DOWN(gpa + len - 1, PAGE_SIZE))
		return 0;
	if (!pt_lookup(&p->arch->npt, gpa, 0, 0, &hpa))
		return 0;
	return phys_to_virt(hpa);
}

uint16_t arch_set_intercepts(struct partition *p, const struct bh_intercepts_in *in)
{
	struct arch_partition *ap = p->arch;
	uint8_t *fwd = phys_to_virt(ap->io_forward_pa);

	switch (in->kind) {
	case BH_INTERCEPT_IO_PORTS:
		if (!in->count || in->first >= PORT_COUNT || in->count > PORT_COUNT - in->first)
			return BH_STATUS_INVALID_PARAMETER;
		for (uint32_t port = in->first; port < in->first + in->count; port++) {
			if (in->enable)
				fwd[port / 8] |= (uint8_t)(1u << (port % 8));
			else
				fwd[port / 8] &= (uint8_t)~(1u << (port % 8));
		}
		return BH_STATUS_SUCCESS;
	case BH_INTERCEPT_CPUID:
		ap->forward_cpuid = in->enable;
		return BH_STATUS_SUCCESS;
	default:
		return BH_STATUS_INVALID_PARAMETER;
	}
}

bool child_port_forwarded(struct arch_partition *ap, uint16_t port)
{
	const uint8_t *fwd = phys_to_virt(ap->io_forward_pa);

	return fwd[port / 8] & (1u << (port % 8));
}

/* ---- virtual processors ---- */

uint16_t arch_vp_init(struct vp *vp)
{
	struct partition *p = vp->part;
	uint64_t v_pa = partition_alloc_pages(p, ALIGN_UP(sizeof(struct arch_vp), PAGE_SIZE) / PAGE_SIZE);
	struct arch_vp *v = phys_to_virt(v_pa);
	struct vlapic_config lc = {
		.tsc_hz = plat.tsc_khz * 1000, .bus_hz = plat.tsc_khz * 1000,
		.phys_addr_bits = (uint8_t)plat.phys_bits, .x2apic = true, .tsc_deadline = true,
	};

	if (!v_pa)
		return BH_STATUS_INSUFFICIENT_MEMORY;
	vp->arch = v;
	v->vp = vp;
	v->apic_id = vp->index;
	v->xcr0 = XCR0_RESET_VALUE;
	v->fpu_pa = partition_alloc_pages(p, 1);
	if (!v->fpu_pa || !vmm->child_init(v, p->arch) ||
	    !vlapic_init(&v->lapic, &lc, vp->index, vp->index == 0)) {
		arch_vp_free(vp);
		return BH_STATUS_INSUFFICIENT_MEMORY;
	}
	fpu_area_reset(v->fpu_pa);
	/* The boot processor starts at the reset vector; the others wait for a SIPI. */
	v->state = vp->index == 0 ? VP_RUNNING : VP_WAIT_FOR_SIPI;
	return BH_STATUS_SUCCESS;
}

void arch_vp_free(struct vp *vp)
{
	struct arch_vp *v = vp->arch;

	if (!v)
		return;
	if (v->vmcb)
		vmm->child_free(v);
	partition_free_pages(vp->part, v->fpu_pa, 1);
	partition_free_pages(vp->part, virt_to_phys(v),
			     ALIGN_UP(sizeof(struct arch_vp), PAGE_SIZE) / PAGE_SIZE);
	vp->arch = 0;
}

uint16_t arch_vp_get_state(struct vp *vp, struct bh_vp_state *st)
{
	struct arch_vp *v = vp->arch;

	vmm->get_bh_state(v, st);
	st->run_state = vp->part->state == BH_PARTITION_CRASHED ? BH_VP_CRASHED :
			v->state == VP_WAIT_FOR_SIPI ? BH_VP_WAIT_FOR_SIPI :
			v->halted ? BH_VP_HALTED : BH_VP_RUNNABLE;
	return BH_STATUS_SUCCESS;
}

uint16_t arch_vp_set_state(struct vp *vp, const struct bh_vp_state *st)
{
	struct arch_vp *v = vp->arch;

	if (st->run_state != BH_VP_RUNNABLE && st->run_state != BH_VP_WAIT_FOR_SIPI)
		return BH_STATUS_INVALID_PARAMETER;
	/* Architectural consistency is VMRUN's to check; a bad state crashes only this guest. */
	vmm->set_bh_state(v, st);
	v->state = st->run_state == BH_VP_WAIT_FOR_SIPI ? VP_WAIT_FOR_SIPI : VP_RUNNING;
	v->halted = false;
	v->pending = PENDING_NONE;
	return BH_STATUS_SUCCESS;
}
