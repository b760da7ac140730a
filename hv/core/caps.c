// SPDX-License-Identifier: GPL-2.0
/*
 * The core's capability state. Every capability operation runs under
 * cap_lock; the library itself is single-threaded (hv/cap/cap.h).
 */
#include <hv/caps.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

#define CAP_POOL_GROW_PAGES 16		/* objects are added 64 KiB at a time */

struct spinlock cap_lock = SPINLOCK_INIT;
struct cap_ctx cap_context;
static struct cspace root_cspace;

static void hook_destroy(void *arg, const struct cap_destroyed *obj)
{
	(void)arg;
	switch (obj->type) {
	case BH_CAP_PARTITION:
		partition_object_destroyed(obj->handle);
		break;
	case BH_CAP_VP:
		vp_object_destroyed(obj->handle);
		break;
	default:
		/* Frames return to their untyped; root memory needs no scrubbing for the root. */
		break;
	}
}

static void hook_unmap(void *arg, const struct cap_unmapped *map)
{
	(void)arg;
	if (!map->space_destroyed)
		partition_frame_unmapped(map->space_handle, map->gpa, map->npages);
}

static const struct cap_hooks core_hooks = { hook_destroy, hook_unmap, 0 };

bool caps_reserve_objects(size_t n)
{
	while (cap_ctx_free_objects(&cap_context) < n) {
		uint64_t pa = pmem_alloc(CAP_POOL_GROW_PAGES);
		if (!pa)
			return false;
		cap_ctx_add_objects(&cap_context, phys_to_virt(pa),
				    CAP_POOL_GROW_PAGES * PAGE_SIZE / sizeof(struct cap_object));
	}
	return true;
}

void caps_boot_root(const struct bh_mem_range *ram, unsigned count)
{
	size_t slots_bytes = CSPACE_NSLOTS(ROOT_CSPACE_BITS) * sizeof(struct cap_slot);
	uint64_t slots = pmem_alloc(ALIGN_UP(slots_bytes, PAGE_SIZE) / PAGE_SIZE);
	struct cap_slot *dst;
	unsigned slot = ROOT_SLOT_FIRST_UNTYPED, nuntyped = 0;
	uint64_t pages = 0;

	cap_ctx_init(&cap_context, &core_hooks);
	if (!slots || cspace_init(&root_cspace, phys_to_virt(slots), ROOT_CSPACE_BITS) ||
	    !caps_reserve_objects(count + 1))
		panic("no memory for the root's capabilities");
	cspace_resolve(&root_cspace, ROOT_SLOT_CONTROL, ROOT_CSPACE_BITS, &dst);
	if (cap_boot_control(&cap_context, dst, 0))
		panic("cannot create the control capability");
	for (unsigned i = 0; i < count && slot < CSPACE_NSLOTS(ROOT_CSPACE_BITS); i++) {
		uint64_t base = ALIGN_UP(ram[i].base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(ram[i].base + ram[i].size, PAGE_SIZE);
		if (ram[i].type != BH_MEM_USABLE || end <= base)
			continue;
		uint64_t npages = (end - base) / PAGE_SIZE;
		uint64_t words = CAP_BITMAP_WORDS(npages);
		uint64_t bitmap = pmem_alloc(ALIGN_UP(words * 8, PAGE_SIZE) / PAGE_SIZE);
		if (!bitmap)
			panic("no memory for the root's untyped bitmaps");
		cspace_resolve(&root_cspace, slot, ROOT_CSPACE_BITS, &dst);
		if (cap_boot_untyped(&cap_context, dst, base, npages, phys_to_virt(bitmap), i))
			panic("cannot create the untyped capability for %#llx", (unsigned long long)base);
		slot++;
		nuntyped++;
		pages += npages;
	}
	hv_log("root capabilities: control in slot %u, %u untyped (%llu MiB) from slot %u",
	       ROOT_SLOT_CONTROL, nuntyped, (unsigned long long)(pages >> 8),
	       ROOT_SLOT_FIRST_UNTYPED);
}

struct cspace *caps_cspace_of(struct partition *p)
{
	return p->is_root ? &root_cspace : 0;
}

uint16_t caps_status(enum bh_cap_error err)
{
	if (err == BH_CAP_OK)
		return BH_STATUS_SUCCESS;
	if (err == BH_CAP_PREEMPTED)
		return BH_STATUS_CONTINUE;
	return (uint16_t)(BH_STATUS_CAP_ERROR + err);
}

uint16_t caps_lookup(struct partition *p, uint64_t cptr, unsigned type, unsigned rights,
		     struct cap_slot **slot)
{
	struct cspace *cs = caps_cspace_of(p);

	if (!cs)
		return BH_STATUS_ACCESS_DENIED;
	return caps_status(cspace_lookup(cs, cptr, cs->bits, type, rights, slot));
}

uint16_t caps_lookup_empty(struct partition *p, uint64_t cptr, struct cap_slot **slot)
{
	struct cspace *cs = caps_cspace_of(p);

	if (!cs)
		return BH_STATUS_ACCESS_DENIED;
	return caps_status(cspace_lookup_empty(cs, cptr, cs->bits, slot));
}
