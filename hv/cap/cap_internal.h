/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the capability library's files; not for callers. */
#ifndef HV_CAP_INTERNAL_H
#define HV_CAP_INTERNAL_H

#include "cap.h"

#define CAP_PAGE_MASK (BH_CAP_PAGE_SIZE - 1)

#define cap_container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

static inline void ring_init(struct cap_link *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool ring_empty(const struct cap_link *head)
{
	return head->next == head;
}

static inline struct cap_slot *slot_of_sibling(struct cap_link *link)
{
	return cap_container_of(link, struct cap_slot, sibling);
}

static inline bool rights_subset(unsigned int want, unsigned int have)
{
	return (want & ~have) == 0;
}

/* Largest page count whose range from an aligned 'base' does not wrap. */
static inline uint64_t pages_until_wrap(uint64_t base)
{
	return ((UINT64_MAX - base) >> BH_CAP_PAGE_SHIFT) + 1;
}

/* derive.c: fills the empty slot dst and links it under parent (NULL: a root). */
void cap_slot_install(struct cap_ctx *ctx, struct cap_slot *dst,
		  struct cap_slot *parent, struct cap_object *obj,
		  unsigned int rights, uint64_t badge);

/* derive.c: empties a full slot: unmap, unlink (children move up), drop the object. */
void cap_slot_clear(struct cap_ctx *ctx, struct cap_slot *slot);

/* object.c: takes an object from the pool, or NULL if it is empty. */
struct cap_object *cap_obj_alloc(struct cap_ctx *ctx, enum bh_cap_type type,
				uint64_t handle);

/* object.c: a capability to obj has gone; the object may die. */
void cap_obj_drop_cap(struct cap_ctx *ctx, struct cap_object *obj);

/* object.c: a hold (mapping or retyped child) on obj has gone. */
void cap_obj_drop_hold(struct cap_ctx *ctx, struct cap_object *obj);

/* untyped.c: marks the range of a dead child object free in its untyped. */
void cap_untyped_release(struct cap_object *untyped, const struct cap_object *child);

/* frame.c: removes a frame slot's mapping record and tells the core. */
void cap_frame_forget_mapping(struct cap_ctx *ctx, struct cap_slot *frame);

#endif
