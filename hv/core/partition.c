// SPDX-License-Identifier: GPL-2.0
/*
 * Child partitions: their lifecycle and the hypercalls that manage them.
 * Every call names its objects by capability and is decoded and checked
 * under cap_lock before anything changes (decode, then invoke).
 */
#include <hv/arch.h>
#include <hv/caps.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/partition_hc.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

#define FRAME_CHUNK_BITS   10	/* 1,024 frame capabilities (64 KiB) per chunk */
#define MAP_BUDGET_PAGES   (64u * 1024u)	/* pages mapped per MAP_GPA_RANGES call */

struct frame_chunk {
	struct cspace cs;
	uint64_t slots_pa;
	uint64_t next_free;		/* slots below this were used once */
	struct frame_chunk *next;
};

static struct partition *partitions[HV_MAX_PARTITIONS] = { &root_partition };

/* ---- memory charged to partitions ---- */

uint64_t partition_alloc_pages(struct partition *p, uint64_t npages)
{
	uint64_t pa = pmem_alloc(npages);

	if (pa && p)
		p->core_pages += npages;
	return pa;
}

void partition_free_pages(struct partition *p, uint64_t pa, uint64_t npages)
{
	if (!pa)
		return;
	pmem_free(pa, npages);
	if (p)
		p->core_pages -= npages;
}

static uint64_t pages_for(size_t bytes)
{
	return ALIGN_UP((uint64_t)bytes, PAGE_SIZE) / PAGE_SIZE;
}

void partition_crash(struct partition *p, const char *why)
{
	if (p->state == BH_PARTITION_CRASHED)
		return;
	p->state = BH_PARTITION_CRASHED;
	strlcpy(p->crash_reason, why, sizeof(p->crash_reason));
	hv_log("partition %u crashed: %s", p->id, why);
}

/* ---- hooks from the capability library (cap_lock held) ---- */

/* Unlinks and frees the first chunk; its capabilities must be gone (cspace_clear). */
static void chunk_free_first(struct partition *p)
{
	struct frame_chunk *c = p->frames;

	p->frames = c->next;
	partition_free_pages(p, c->slots_pa,
			     pages_for(CSPACE_NSLOTS(FRAME_CHUNK_BITS) * sizeof(struct cap_slot)));
	partition_free_pages(p, virt_to_phys(c), 1);
}

static void chunks_free(struct partition *p)
{
	while (p->frames)
		chunk_free_first(p);
}

void partition_object_destroyed(uint64_t handle)
{
	struct partition *p = (struct partition *)(uintptr_t)handle;

	chunks_free(p);
	arch_partition_free(p);
	hv_log("partition %u destroyed", p->id);
	if (p->core_pages != 1)
		hv_log("partition %u: %lld core pages unaccounted for", p->id,
		       (long long)p->core_pages - 1);
	partitions[p->id] = 0;
	pmem_free(virt_to_phys(p), 1);
}

void vp_object_destroyed(uint64_t handle)
{
	struct vp *vp = (struct vp *)(uintptr_t)handle;
	struct partition *p = vp->part;

	p->vps[vp->index] = 0;
	p->nvps--;
	arch_vp_free(vp);
	partition_free_pages(p, virt_to_phys(vp), 1);
}

void partition_frame_unmapped(uint64_t space_handle, uint64_t gpa, uint64_t npages)
{
	struct partition *p = (struct partition *)(uintptr_t)space_handle;

	p->mapped_pages -= npages;
	/* A dying partition's tables go whole; no need to unmap page by page. */
	if (p->life == PARTITION_ALIVE)
		arch_unmap_gpa(p, gpa, npages);
}

/* ---- lookups ---- */

static uint16_t lookup_partition(struct vp *caller, uint64_t cptr, unsigned rights,
				 struct cap_slot **slot, struct partition **p)
{
	uint16_t st = caps_lookup(caller->part, cptr, BH_CAP_PARTITION, rights, slot);

	if (st)
		return st;
	*p = (struct partition *)(uintptr_t)cap_slot_handle(*slot);
	return (*p)->life == PARTITION_ALIVE ? BH_STATUS_SUCCESS : BH_STATUS_INVALID_PARTITION_STATE;
}

static uint16_t lookup_vp(struct vp *caller, uint64_t cptr, unsigned rights, struct vp **vp)
{
	struct cap_slot *slot;
	uint16_t st = caps_lookup(caller->part, cptr, BH_CAP_VP, rights, &slot);

	if (st)
		return st;
	*vp = (struct vp *)(uintptr_t)cap_slot_handle(slot);
	return (*vp)->part->life == PARTITION_ALIVE ? BH_STATUS_SUCCESS
						    : BH_STATUS_INVALID_PARTITION_STATE;
}

static bool any_vp_running(const struct partition *p)
{
	for (unsigned i = 0; i < p->max_vps; i++)
		if (p->vps[i] && p->vps[i]->running_cpu >= 0)
			return true;
	return false;
}

/* ---- invoke functions, called by hypercall.c with the input copied ---- */

uint16_t hc_cap_identify(struct vp *caller, const void *in, void *out)
{
	const struct bh_cap_ref_in *req = in;
	struct cap_slot *slot;
	uint16_t st;

	spin_lock(&cap_lock);
	st = caps_lookup(caller->part, req->cptr, CAP_TYPE_ANY, 0, &slot);
	if (!st)
		cap_slot_info(slot, out);
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_cap_delete(struct vp *caller, const void *in, void *out)
{
	const struct bh_cap_ref_in *req = in;
	struct cap_slot *slot;
	uint16_t st;

	(void)out;
	spin_lock(&cap_lock);
	st = caps_lookup(caller->part, req->cptr, CAP_TYPE_ANY, 0, &slot);
	if (!st && cap_slot_type(slot) == BH_CAP_PARTITION)
		st = BH_STATUS_OPERATION_DENIED;	/* partitions go through PARTITION_DESTROY */
	if (!st && cap_slot_type(slot) == BH_CAP_VP &&
	    ((struct vp *)(uintptr_t)cap_slot_handle(slot))->running_cpu >= 0)
		st = BH_STATUS_PARTITION_BUSY;
	if (!st)
		st = caps_status(cap_delete(&cap_context, slot));
	spin_unlock(&cap_lock);
	return st;
}

static int free_partition_id(void)
{
	for (int i = 1; i < HV_MAX_PARTITIONS; i++)
		if (!partitions[i])
			return i;
	return -1;
}

uint16_t hc_partition_create(struct vp *caller, const void *in, void *out)
{
	const struct bh_partition_create_in *req = in;
	struct bh_partition_create_out *res = out;
	struct cap_slot *control, *dst;
	struct partition *p;
	uint16_t st;
	int id;

	if (!req->max_vps || req->max_vps > HV_MAX_VPS || !req->max_pages ||
	    (req->flags & ~BH_PARTITION_HYPERV))
		return BH_STATUS_INVALID_PARAMETER;
	spin_lock(&cap_lock);
	st = caps_lookup(caller->part, req->control_cptr, BH_CAP_CONTROL, BH_CAP_RIGHT_WRITE, &control);
	if (!st)
		st = caps_lookup_empty(caller->part, req->dest_cptr, &dst);
	id = free_partition_id();
	if (!st && id < 0)
		st = BH_STATUS_INSUFFICIENT_BUFFERS;
	if (!st && !caps_reserve_objects(1))
		st = BH_STATUS_INSUFFICIENT_MEMORY;
	if (st)
		goto out;
	p = phys_to_virt(pmem_alloc(1));
	if (!virt_to_phys(p)) {
		st = BH_STATUS_INSUFFICIENT_MEMORY;
		goto out;
	}
	*p = (struct partition){ .id = (uint32_t)id, .life = PARTITION_ALIVE,
				 .state = BH_PARTITION_ACTIVE, .max_vps = req->max_vps,
				 .max_pages = req->max_pages, .flags = req->flags, .core_pages = 1 };
	st = arch_partition_init(p);
	if (!st)
		st = caps_status(cap_create(&cap_context, control, BH_CAP_PARTITION,
					    (uint64_t)(uintptr_t)p, dst));
	if (st) {
		arch_partition_free(p);
		pmem_free(virt_to_phys(p), 1);
		goto out;
	}
	partitions[id] = p;
	res->partition_id = (uint32_t)id;
	hv_log("partition %u created: %u VPs, up to %llu MiB", p->id, p->max_vps,
	       (unsigned long long)(p->max_pages >> 8));
out:
	spin_unlock(&cap_lock);
	return st;
}

/* Bounded, resumable teardown: revoke, clear the frames, then the last capability. */
uint16_t hc_partition_destroy(struct vp *caller, const void *in, void *out)
{
	const struct bh_cap_ref_in *req = in;
	struct cap_slot *slot;
	struct partition *p;
	uint16_t st;

	(void)out;
	spin_lock(&cap_lock);
	st = caps_lookup(caller->part, req->cptr, BH_CAP_PARTITION, BH_CAP_RIGHT_WRITE, &slot);
	if (st)
		goto out;
	p = (struct partition *)(uintptr_t)cap_slot_handle(slot);
	if (any_vp_running(p)) {
		st = BH_STATUS_PARTITION_BUSY;
		goto out;
	}
	p->life = PARTITION_DYING;
	st = caps_status(cap_revoke(&cap_context, slot, CAP_REVOKE_BUDGET, 0));
	while (!st && p->frames) {
		enum bh_cap_error e = cspace_clear(&cap_context, &p->frames->cs, CAP_REVOKE_BUDGET);
		if (e == BH_CAP_PREEMPTED) {
			st = BH_STATUS_CONTINUE;
			break;
		}
		chunk_free_first(p);
	}
	if (!st)
		st = caps_status(cap_delete(&cap_context, slot));
out:
	spin_unlock(&cap_lock);
	return st;
}

static struct cap_slot *frame_slot(struct partition *p)
{
	struct frame_chunk *c = p->frames;

	if (!c || c->next_free == CSPACE_NSLOTS(FRAME_CHUNK_BITS)) {
		uint64_t hdr = partition_alloc_pages(p, 1);
		uint64_t n = pages_for(CSPACE_NSLOTS(FRAME_CHUNK_BITS) * sizeof(struct cap_slot));
		uint64_t slots = hdr ? partition_alloc_pages(p, n) : 0;
		if (!slots) {
			partition_free_pages(p, hdr, 1);
			return 0;
		}
		c = phys_to_virt(hdr);
		cspace_init(&c->cs, phys_to_virt(slots), FRAME_CHUNK_BITS);
		c->slots_pa = slots;
		c->next_free = 0;
		c->next = p->frames;
		p->frames = c;
	}
	struct cap_slot *s;
	cspace_resolve(&c->cs, c->next_free++, FRAME_CHUNK_BITS, &s);
	return s;
}

static uint16_t map_one(struct partition *p, struct cap_slot *pslot, struct cap_slot *untyped,
			const struct bh_gpa_range *r, unsigned rights)
{
	struct cap_slot *fslot;
	uint16_t st;

	if (!r->npages || r->npages > BH_CAP_FRAME_MAX_PAGES || !IS_ALIGNED(r->gpa | r->hpa, PAGE_SIZE))
		return BH_STATUS_INVALID_PARAMETER;
	if (r->npages > p->max_pages - p->mapped_pages)
		return BH_STATUS_INSUFFICIENT_MEMORY;
	if (!caps_reserve_objects(1) || !(fslot = frame_slot(p)))
		return BH_STATUS_INSUFFICIENT_MEMORY;
	st = caps_status(cap_retype_frame(&cap_context, untyped, r->hpa, r->npages, fslot));
	if (!st)
		st = caps_status(cap_frame_map(&cap_context, fslot, pslot, r->gpa, rights));
	if (!st)
		st = arch_map_gpa(p, r->gpa, r->hpa, r->npages, rights);
	if (st && !cap_slot_is_empty(fslot)) {
		/* Undo: deleting the frame unmaps it and gives its pages back to the untyped. */
		cap_delete(&cap_context, fslot);
	}
	if (!st)
		p->mapped_pages += r->npages;
	return st;
}

uint16_t hc_map_gpa_ranges(struct vp *caller, const void *in, void *out, struct hc_reps *reps)
{
	const struct bh_map_gpa_in *req = in;
	struct cap_slot *pslot, *untyped;
	struct partition *p;
	uint64_t pages = 0;
	uint16_t st;

	(void)out;
	if (!req->map_flags || (req->map_flags & ~(BH_MAP_READ | BH_MAP_WRITE | BH_MAP_EXEC)))
		return BH_STATUS_INVALID_PARAMETER;
	spin_lock(&cap_lock);
	st = lookup_partition(caller, req->partition_cptr, BH_CAP_RIGHT_WRITE, &pslot, &p);
	if (!st)
		st = caps_lookup(caller->part, req->untyped_cptr, BH_CAP_UNTYPED, BH_CAP_RIGHT_WRITE,
				 &untyped);
	while (!st && reps->done < reps->count && pages < MAP_BUDGET_PAGES) {
		const struct bh_gpa_range *r = &req->ranges[reps->start + reps->done];
		st = map_one(p, pslot, untyped, r, req->map_flags);
		if (!st) {
			pages += r->npages;
			reps->done++;
		}
	}
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_vp_create(struct vp *caller, const void *in, void *out)
{
	const struct bh_vp_create_in *req = in;
	struct cap_slot *pslot, *dst;
	struct partition *p;
	struct vp *vp;
	uint16_t st;

	(void)out;
	spin_lock(&cap_lock);
	st = lookup_partition(caller, req->partition_cptr, BH_CAP_RIGHT_WRITE, &pslot, &p);
	if (!st)
		st = caps_lookup_empty(caller->part, req->dest_cptr, &dst);
	if (!st && (req->vp_index >= p->max_vps || p->vps[req->vp_index]))
		st = BH_STATUS_INVALID_VP_INDEX;
	if (!st && !caps_reserve_objects(1))
		st = BH_STATUS_INSUFFICIENT_MEMORY;
	if (st)
		goto out;
	vp = phys_to_virt(partition_alloc_pages(p, 1));
	if (!virt_to_phys(vp)) {
		st = BH_STATUS_INSUFFICIENT_MEMORY;
		goto out;
	}
	*vp = (struct vp){ .part = p, .index = req->vp_index, .running_cpu = -1 };
	st = arch_vp_init(vp);
	if (!st)
		st = caps_status(cap_create(&cap_context, pslot, BH_CAP_VP, (uint64_t)(uintptr_t)vp, dst));
	if (st) {
		arch_vp_free(vp);
		partition_free_pages(p, virt_to_phys(vp), 1);
		goto out;
	}
	p->vps[vp->index] = vp;
	p->nvps++;
out:
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_vp_get_state(struct vp *caller, const void *in, void *out)
{
	const struct bh_cap_ref_in *req = in;
	struct vp *vp;
	uint16_t st;

	spin_lock(&cap_lock);
	st = lookup_vp(caller, req->cptr, BH_CAP_RIGHT_READ, &vp);
	if (!st)
		st = vp->running_cpu >= 0 ? BH_STATUS_PARTITION_BUSY : arch_vp_get_state(vp, out);
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_vp_set_state(struct vp *caller, const void *in, void *out)
{
	const struct bh_vp_set_state_in *req = in;
	struct vp *vp;
	uint16_t st;

	(void)out;
	spin_lock(&cap_lock);
	st = lookup_vp(caller, req->vp_cptr, BH_CAP_RIGHT_WRITE, &vp);
	if (!st)
		st = vp->running_cpu >= 0 ? BH_STATUS_PARTITION_BUSY : arch_vp_set_state(vp, &req->state);
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_vp_run(struct vp *caller, const void *in, void *out)
{
	const struct bh_vp_run_in *req = in;
	struct vp *vp;
	uint16_t st;

	spin_lock(&cap_lock);
	st = lookup_vp(caller, req->vp_cptr, BH_CAP_RIGHT_WRITE, &vp);
	if (!st && vp->running_cpu >= 0)
		st = BH_STATUS_PARTITION_BUSY;
	if (!st)
		vp->running_cpu = (int)caller->index;
	spin_unlock(&cap_lock);
	if (st)
		return st;
	/* The capability cannot go while running_cpu is set: delete and destroy check it. */
	st = arch_vp_run(caller, vp, req, out);
	__atomic_store_n(&vp->running_cpu, -1, __ATOMIC_RELEASE);
	return st;
}

uint16_t hc_set_intercepts(struct vp *caller, const void *in, void *out)
{
	const struct bh_intercepts_in *req = in;
	struct cap_slot *slot;
	struct partition *p;
	uint16_t st;

	(void)out;
	spin_lock(&cap_lock);
	st = lookup_partition(caller, req->partition_cptr, BH_CAP_RIGHT_WRITE, &slot, &p);
	if (!st)
		st = arch_set_intercepts(p, req);
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_assert_interrupt(struct vp *caller, const void *in, void *out)
{
	const struct bh_interrupt_in *req = in;
	struct bh_interrupt_out *res = out;
	struct cap_slot *slot;
	struct partition *p;
	uint16_t st;

	spin_lock(&cap_lock);
	st = lookup_partition(caller, req->partition_cptr, BH_CAP_RIGHT_WRITE, &slot, &p);
	if (!st)
		st = arch_assert_interrupt(p, req, &res->wake_vps);
	spin_unlock(&cap_lock);
	return st;
}

uint16_t hc_partition_info(struct vp *caller, const void *in, void *out)
{
	const struct bh_cap_ref_in *req = in;
	struct bh_partition_info *info = out;
	struct cap_slot *slot;
	struct partition *p;
	uint16_t st;

	spin_lock(&cap_lock);
	st = caps_lookup(caller->part, req->cptr, BH_CAP_PARTITION, BH_CAP_RIGHT_READ, &slot);
	if (!st) {
		p = (struct partition *)(uintptr_t)cap_slot_handle(slot);
		info->partition_id = p->id;
		info->state = p->state;
		info->nvps = p->nvps;
		info->mapped_pages = p->mapped_pages;
		info->core_pages = p->core_pages;
		info->exits = p->exits;
		strlcpy(info->crash_reason, p->crash_reason, sizeof(info->crash_reason));
	}
	spin_unlock(&cap_lock);
	return st;
}
