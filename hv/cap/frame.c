/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frame mapping records. The library does not touch page tables: it records
 * which capability maps a frame where, so that deleting or revoking that
 * capability can tell the core (unmap hook) to remove the mapping.
 *
 * A mapping holds its partition's object (not a capability to it), so the
 * record never dangles: a partition whose last capability goes is destroyed
 * at once, but its object's storage waits until every mapping into it is gone.
 */
#include "cap_internal.h"

enum bh_cap_error cap_frame_map(struct cap_ctx *ctx, struct cap_slot *frame,
				struct cap_slot *space, uint64_t gpa,
				unsigned int rights)
{
	(void)ctx;
	if (cap_slot_is_empty(frame))
		return BH_CAP_ERR_EMPTY;
	if (cap_slot_type(frame) != BH_CAP_FRAME)
		return BH_CAP_ERR_TYPE;
	if (cap_slot_is_empty(space))
		return BH_CAP_ERR_EMPTY;
	if (cap_slot_type(space) != BH_CAP_PARTITION)
		return BH_CAP_ERR_TYPE;
	if (!(space->rights & BH_CAP_RIGHT_WRITE))
		return BH_CAP_ERR_RIGHTS;
	if (rights == 0 || !rights_subset(rights, BH_CAP_RIGHTS_MAP) ||
	    (gpa & CAP_PAGE_MASK))
		return BH_CAP_ERR_ARG;
	if (!rights_subset(rights, frame->rights))
		return BH_CAP_ERR_RIGHTS;
	if (frame->obj->npages > pages_until_wrap(gpa))
		return BH_CAP_ERR_RANGE;
	if (frame->map_space)
		return BH_CAP_ERR_MAPPED;
	frame->map_space = space->obj;
	frame->map_gpa = gpa;
	frame->map_rights = (uint8_t)rights;
	space->obj->holds++;
	return BH_CAP_OK;
}

void cap_frame_forget_mapping(struct cap_ctx *ctx, struct cap_slot *frame)
{
	struct cap_object *space = frame->map_space;
	struct cap_unmapped m = {
		.space_handle = space->handle,
		.space_destroyed = space->destroyed,
		.gpa = frame->map_gpa,
		.base = frame->obj->base,
		.npages = frame->obj->npages,
		.rights = frame->map_rights,
	};

	frame->map_space = NULL;
	frame->map_gpa = 0;
	frame->map_rights = 0;
	if (ctx->hooks.unmap)
		ctx->hooks.unmap(ctx->hooks.arg, &m);
	cap_obj_drop_hold(ctx, space);
}

enum bh_cap_error cap_frame_unmap(struct cap_ctx *ctx, struct cap_slot *frame)
{
	if (cap_slot_is_empty(frame))
		return BH_CAP_ERR_EMPTY;
	if (cap_slot_type(frame) != BH_CAP_FRAME)
		return BH_CAP_ERR_TYPE;
	if (!frame->map_space)
		return BH_CAP_ERR_NOT_MAPPED;
	cap_frame_forget_mapping(ctx, frame);
	return BH_CAP_OK;
}
