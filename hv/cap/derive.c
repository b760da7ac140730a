/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The derivation tree: copy, mint, move, delete and revoke.
 *
 * Each slot heads a ring of the capabilities derived from it and sits in its
 * parent's ring (or the context's roots). There are no parent pointers, so a
 * deleted capability's children move up to its parent by splicing its ring
 * into its place: O(1) whatever their number. Revoke deletes the first child
 * again and again, so each step is O(1) and the tree itself holds the
 * progress between preempted calls.
 */
#include "cap_internal.h"

static void link_after(struct cap_link *pos, struct cap_link *node)
{
	node->next = pos->next;
	node->prev = pos;
	pos->next->prev = node;
	pos->next = node;
}

static bool has_badges(unsigned int type)
{
	return type == BH_CAP_MSG_PORT || type == BH_CAP_EVENT_PORT;
}

void cap_slot_install(struct cap_ctx *ctx, struct cap_slot *dst,
		  struct cap_slot *parent, struct cap_object *obj,
		  unsigned int rights, uint64_t badge)
{
	obj->caps++;
	dst->obj = obj;
	dst->badge = badge;
	dst->rights = (uint8_t)rights;
	dst->map_space = NULL;
	dst->map_rights = 0;
	ring_init(&dst->children);
	link_after(parent ? &parent->children : &ctx->roots, &dst->sibling);
}

/* Takes the slot out of the tree; its children take its place in its parent's ring. */
static void slot_unlink(struct cap_slot *slot)
{
	struct cap_link *prev = slot->sibling.prev;
	struct cap_link *next = slot->sibling.next;
	struct cap_link *first, *last;

	if (ring_empty(&slot->children)) {
		prev->next = next;
		next->prev = prev;
		return;
	}
	first = slot->children.next;
	last = slot->children.prev;
	prev->next = first;
	first->prev = prev;
	last->next = next;
	next->prev = last;
}

static void slot_reset(struct cap_slot *slot)
{
	slot->obj = NULL;
	slot->badge = 0;
	slot->rights = 0;
	slot->map_space = NULL;
	slot->map_rights = 0;
}

/* The slot is emptied before the object can die, so no hook sees it half-done. */
void cap_slot_clear(struct cap_ctx *ctx, struct cap_slot *slot)
{
	struct cap_object *obj = slot->obj;

	if (slot->map_space)
		cap_frame_forget_mapping(ctx, slot);
	slot_unlink(slot);
	slot_reset(slot);
	cap_obj_drop_cap(ctx, obj);
}

enum bh_cap_error cap_copy(struct cap_ctx *ctx, struct cap_slot *src,
			   struct cap_slot *dst)
{
	uint64_t badge;

	if (cap_slot_is_empty(src))
		return BH_CAP_ERR_EMPTY;
	if (!(src->rights & BH_CAP_RIGHT_GRANT))
		return BH_CAP_ERR_RIGHTS;
	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	badge = has_badges(src->obj->type) ? src->badge : BH_CAP_BADGE_NONE;
	cap_slot_install(ctx, dst, src, src->obj, src->rights, badge);
	return BH_CAP_OK;
}

/* A badge identifies a sender to a port, so it is set once and never changed. */
static enum bh_cap_error mint_badge(const struct cap_slot *src, uint64_t want,
				    uint64_t *badge)
{
	if (!has_badges(src->obj->type)) {
		*badge = BH_CAP_BADGE_NONE;
		return want == BH_CAP_BADGE_NONE ? BH_CAP_OK : BH_CAP_ERR_BADGE;
	}
	*badge = src->badge;
	if (want == BH_CAP_BADGE_NONE)
		return BH_CAP_OK;
	if (src->badge != BH_CAP_BADGE_NONE)
		return BH_CAP_ERR_BADGE;
	*badge = want;
	return BH_CAP_OK;
}

enum bh_cap_error cap_mint(struct cap_ctx *ctx, struct cap_slot *src,
			   struct cap_slot *dst, unsigned int rights,
			   uint64_t badge)
{
	enum bh_cap_error err;
	uint64_t new_badge;

	if (cap_slot_is_empty(src))
		return BH_CAP_ERR_EMPTY;
	if (!(src->rights & BH_CAP_RIGHT_GRANT))
		return BH_CAP_ERR_RIGHTS;
	if (!rights_subset(rights, BH_CAP_RIGHTS_ALL))
		return BH_CAP_ERR_ARG;
	err = mint_badge(src, badge, &new_badge);
	if (err)
		return err;
	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	cap_slot_install(ctx, dst, src, src->obj, src->rights & rights, new_badge);
	return BH_CAP_OK;
}

/* Points the ring around 'from' (a head or a node) at 'to' instead. */
static void link_replace(struct cap_link *from, struct cap_link *to)
{
	if (from->next == from) {
		ring_init(to);
		return;
	}
	to->next = from->next;
	to->prev = from->prev;
	to->next->prev = to;
	to->prev->next = to;
}

enum bh_cap_error cap_move(struct cap_ctx *ctx, struct cap_slot *src,
			   struct cap_slot *dst)
{
	(void)ctx;
	if (cap_slot_is_empty(src))
		return BH_CAP_ERR_EMPTY;
	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	dst->obj = src->obj;
	dst->badge = src->badge;
	dst->rights = src->rights;
	dst->map_space = src->map_space;
	dst->map_rights = src->map_rights;
	link_replace(&src->sibling, &dst->sibling);
	link_replace(&src->children, &dst->children);
	slot_reset(src);
	return BH_CAP_OK;
}

enum bh_cap_error cap_delete(struct cap_ctx *ctx, struct cap_slot *slot)
{
	if (cap_slot_is_empty(slot))
		return BH_CAP_ERR_EMPTY;
	cap_slot_clear(ctx, slot);
	return BH_CAP_OK;
}

enum bh_cap_error cap_revoke(struct cap_ctx *ctx, struct cap_slot *slot,
			     unsigned int budget, unsigned int *deleted)
{
	enum bh_cap_error err = BH_CAP_OK;
	unsigned int n = 0;

	if (deleted)
		*deleted = 0;
	if (cap_slot_is_empty(slot))
		return BH_CAP_ERR_EMPTY;
	if (budget == 0)
		return BH_CAP_ERR_ARG;
	while (!ring_empty(&slot->children)) {
		if (n == budget) {
			err = BH_CAP_PREEMPTED;
			break;
		}
		cap_slot_clear(ctx, slot_of_sibling(slot->children.next));
		n++;
	}
	if (deleted)
		*deleted = n;
	return err;
}

/* Large steps keep the loop cheap; each step is still bounded. */
#define REVOKE_ALL_STEP 4096u

enum bh_cap_error cap_revoke_all(struct cap_ctx *ctx, struct cap_slot *slot)
{
	enum bh_cap_error err;

	do
		err = cap_revoke(ctx, slot, REVOKE_ALL_STEP, NULL);
	while (err == BH_CAP_PREEMPTED);
	return err;
}

static struct cap_link *children_head(struct cap_ctx *ctx, struct cap_slot *parent)
{
	return parent ? &parent->children : &ctx->roots;
}

struct cap_slot *cap_first_child(struct cap_ctx *ctx, struct cap_slot *parent)
{
	struct cap_link *head;

	if (parent && cap_slot_is_empty(parent))
		return NULL;
	head = children_head(ctx, parent);
	return ring_empty(head) ? NULL : slot_of_sibling(head->next);
}

struct cap_slot *cap_next_sibling(struct cap_ctx *ctx, struct cap_slot *parent,
				  struct cap_slot *child)
{
	struct cap_link *head = children_head(ctx, parent);

	return child->sibling.next == head ? NULL : slot_of_sibling(child->sibling.next);
}
