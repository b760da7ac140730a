/* SPDX-License-Identifier: GPL-2.0 */
/* Object pool and lifetime: reference counts, destroy hook, kernel objects. */
#include "cap_internal.h"

void cap_ctx_init(struct cap_ctx *ctx, const struct cap_hooks *hooks)
{
	ring_init(&ctx->roots);
	ctx->free_objects = NULL;
	ctx->nfree_objects = 0;
	ctx->hooks.destroy = hooks ? hooks->destroy : NULL;
	ctx->hooks.unmap = hooks ? hooks->unmap : NULL;
	ctx->hooks.arg = hooks ? hooks->arg : NULL;
}

static void object_free(struct cap_ctx *ctx, struct cap_object *obj)
{
	obj->type = BH_CAP_NULL;
	obj->parent = ctx->free_objects;
	ctx->free_objects = obj;
	ctx->nfree_objects++;
}

void cap_ctx_add_objects(struct cap_ctx *ctx, struct cap_object *pool, size_t n)
{
	for (size_t i = 0; i < n; i++)
		object_free(ctx, &pool[i]);
}

size_t cap_ctx_free_objects(const struct cap_ctx *ctx)
{
	return ctx->nfree_objects;
}

struct cap_object *cap_obj_alloc(struct cap_ctx *ctx, enum bh_cap_type type,
				uint64_t handle)
{
	struct cap_object *obj = ctx->free_objects;

	if (!obj)
		return NULL;
	ctx->free_objects = obj->parent;
	ctx->nfree_objects--;
	obj->type = (uint8_t)type;
	obj->depth = 0;
	obj->destroyed = false;
	obj->caps = 0;
	obj->holds = 0;
	obj->handle = handle;
	obj->parent = NULL;
	obj->base = 0;
	obj->npages = 0;
	obj->bitmap = NULL;
	return obj;
}

static void object_destroy(struct cap_ctx *ctx, struct cap_object *obj)
{
	struct cap_destroyed d = {
		.type = (enum bh_cap_type)obj->type,
		.handle = obj->handle,
		.base = obj->base,
		.npages = obj->npages,
		.bitmap = obj->bitmap,
	};

	obj->destroyed = true;
	if (ctx->hooks.destroy)
		ctx->hooks.destroy(ctx->hooks.arg, &d);
}

/*
 * Frees obj if nothing refers to it any more, then walks up: a dead child
 * hands its pages back to its untyped, which may itself be waiting only for
 * that child. The walk is bounded by BH_CAP_UNTYPED_MAX_DEPTH.
 */
static void object_reap(struct cap_ctx *ctx, struct cap_object *obj)
{
	while (obj && obj->caps == 0 && obj->holds == 0) {
		struct cap_object *parent = obj->parent;

		if (!obj->destroyed)
			object_destroy(ctx, obj);
		if (parent) {
			cap_untyped_release(parent, obj);
			parent->holds--;
		}
		object_free(ctx, obj);
		obj = parent;
	}
}

/*
 * An untyped stays alive while objects retyped from it live, because they
 * must give their pages back to it. Every other object dies with its last
 * capability; a partition's storage waits for its mappings to go, but the
 * core tears the partition down now.
 */
void cap_obj_drop_cap(struct cap_ctx *ctx, struct cap_object *obj)
{
	if (--obj->caps)
		return;
	if (obj->type != BH_CAP_UNTYPED)
		object_destroy(ctx, obj);
	object_reap(ctx, obj);
}

void cap_obj_drop_hold(struct cap_ctx *ctx, struct cap_object *obj)
{
	obj->holds--;
	object_reap(ctx, obj);
}

/* Which capability type may create each core-allocated object type. */
static unsigned int create_authority(enum bh_cap_type type)
{
	switch (type) {
	case BH_CAP_PARTITION:
		return BH_CAP_CONTROL;
	case BH_CAP_VP:
	case BH_CAP_MSG_PORT:
	case BH_CAP_EVENT_PORT:
		return BH_CAP_PARTITION;
	default:
		return BH_CAP_NULL;
	}
}

enum bh_cap_error cap_create(struct cap_ctx *ctx, struct cap_slot *authority,
			     enum bh_cap_type type, uint64_t handle,
			     struct cap_slot *dst)
{
	unsigned int need = create_authority(type);
	struct cap_object *obj;

	if (cap_slot_is_empty(authority))
		return BH_CAP_ERR_EMPTY;
	if (need == BH_CAP_NULL)
		return BH_CAP_ERR_ARG;
	if (cap_slot_type(authority) != need)
		return BH_CAP_ERR_TYPE;
	if (!(authority->rights & BH_CAP_RIGHT_WRITE))
		return BH_CAP_ERR_RIGHTS;
	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	obj = cap_obj_alloc(ctx, type, handle);
	if (!obj)
		return BH_CAP_ERR_NO_OBJECT;
	cap_slot_install(ctx, dst, authority, obj, authority->rights, BH_CAP_BADGE_NONE);
	return BH_CAP_OK;
}

enum bh_cap_error cap_boot_control(struct cap_ctx *ctx, struct cap_slot *dst,
				   uint64_t handle)
{
	struct cap_object *obj;

	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	obj = cap_obj_alloc(ctx, BH_CAP_CONTROL, handle);
	if (!obj)
		return BH_CAP_ERR_NO_OBJECT;
	cap_slot_install(ctx, dst, NULL, obj, BH_CAP_RIGHTS_ALL, BH_CAP_BADGE_NONE);
	return BH_CAP_OK;
}
