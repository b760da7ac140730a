/* SPDX-License-Identifier: GPL-2.0 */
/* CSpaces: CPtr resolution, typed lookups, clearing, and descriptions. */
#include "cap_internal.h"

enum bh_cap_error cspace_init(struct cspace *cs, struct cap_slot *slots,
			      unsigned int bits)
{
	if (bits == 0 || bits > BH_CAP_CSPACE_MAX_BITS || !slots)
		return BH_CAP_ERR_ARG;
	cs->slots = slots;
	cs->bits = bits;
	cs->clear_next = 0;
	return BH_CAP_OK;
}

/*
 * A CSpace is one level today, so depth must be exactly its bits; keeping
 * depth in the interface lets a deeper CSpace come later without an ABI
 * change, and catches callers that disagree about the CSpace's size.
 */
enum bh_cap_error cspace_resolve(const struct cspace *cs, uint64_t cptr,
				 unsigned int depth, struct cap_slot **slot)
{
	if (depth != cs->bits)
		return BH_CAP_ERR_DEPTH;
	if (cptr >> depth)
		return BH_CAP_ERR_CPTR;
	*slot = &cs->slots[cptr];
	return BH_CAP_OK;
}

enum bh_cap_error cspace_lookup(const struct cspace *cs, uint64_t cptr,
				unsigned int depth, unsigned int type,
				unsigned int rights, struct cap_slot **slot)
{
	struct cap_slot *s;
	enum bh_cap_error err = cspace_resolve(cs, cptr, depth, &s);

	if (err)
		return err;
	if (cap_slot_is_empty(s))
		return BH_CAP_ERR_EMPTY;
	if (type != CAP_TYPE_ANY && s->obj->type != type)
		return BH_CAP_ERR_TYPE;
	if (!rights_subset(rights, s->rights))
		return BH_CAP_ERR_RIGHTS;
	*slot = s;
	return BH_CAP_OK;
}

enum bh_cap_error cspace_lookup_empty(const struct cspace *cs, uint64_t cptr,
				      unsigned int depth, struct cap_slot **slot)
{
	struct cap_slot *s;
	enum bh_cap_error err = cspace_resolve(cs, cptr, depth, &s);

	if (err)
		return err;
	if (!cap_slot_is_empty(s))
		return BH_CAP_ERR_SLOT_FULL;
	*slot = s;
	return BH_CAP_OK;
}

/* Every visited slot counts against the budget, so sparse CSpaces are bounded too. */
enum bh_cap_error cspace_clear(struct cap_ctx *ctx, struct cspace *cs,
			       unsigned int budget)
{
	uint64_t nslots = CSPACE_NSLOTS(cs->bits);

	if (budget == 0)
		return BH_CAP_ERR_ARG;
	for (; cs->clear_next < nslots; cs->clear_next++) {
		struct cap_slot *s = &cs->slots[cs->clear_next];

		if (budget-- == 0)
			return BH_CAP_PREEMPTED;
		if (!cap_slot_is_empty(s))
			cap_slot_clear(ctx, s);
	}
	cs->clear_next = 0;
	return BH_CAP_OK;
}

void cap_slot_info(const struct cap_slot *slot, struct bh_cap_info *info)
{
	unsigned int type = cap_slot_type(slot);

	*info = (struct bh_cap_info){ .type = (uint8_t)type };
	if (type == BH_CAP_NULL)
		return;
	info->rights = slot->rights;
	if (type == BH_CAP_MSG_PORT || type == BH_CAP_EVENT_PORT)
		info->badge = slot->badge;
	if (type == BH_CAP_FRAME || type == BH_CAP_UNTYPED) {
		info->base = slot->obj->base;
		info->npages = slot->obj->npages;
	}
	if (type == BH_CAP_FRAME && slot->map_space) {
		info->map_rights = slot->map_rights;
		info->map_gpa = slot->map_gpa;
	}
}

static const char *const error_names[BH_CAP_NERRORS] = {
	[BH_CAP_OK]             = "ok",
	[BH_CAP_ERR_DEPTH]      = "bad depth",
	[BH_CAP_ERR_CPTR]       = "invalid cptr",
	[BH_CAP_ERR_EMPTY]      = "empty slot",
	[BH_CAP_ERR_TYPE]       = "wrong type",
	[BH_CAP_ERR_RIGHTS]     = "insufficient rights",
	[BH_CAP_ERR_SLOT_FULL]  = "destination occupied",
	[BH_CAP_ERR_ARG]        = "invalid argument",
	[BH_CAP_ERR_RANGE]      = "range outside object",
	[BH_CAP_ERR_OVERLAP]    = "pages already retyped",
	[BH_CAP_ERR_BADGE]      = "badge not allowed",
	[BH_CAP_ERR_MAPPED]     = "frame already mapped",
	[BH_CAP_ERR_NOT_MAPPED] = "frame not mapped",
	[BH_CAP_ERR_NO_OBJECT]  = "object pool empty",
	[BH_CAP_ERR_TOO_DEEP]   = "untyped nested too deep",
	[BH_CAP_PREEMPTED]      = "preempted",
};

const char *cap_error_name(enum bh_cap_error err)
{
	if ((unsigned int)err >= BH_CAP_NERRORS)
		return "unknown error";
	return error_names[err];
}
