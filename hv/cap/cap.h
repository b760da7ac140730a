/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capability library: CSpaces, the derivation tree, retype and revoke.
 *
 * The contract (object model, operations, invariants) is docs/capabilities.md;
 * this header states each function's preconditions and results.
 *
 * Calling context: the library is single-threaded. The caller serialises every
 * call on one struct cap_ctx (one lock around the library) and never calls it
 * from a hook. It never allocates: slots, objects and bitmaps live in storage
 * the caller provides, and there is no global state outside struct cap_ctx.
 * No function recurses; work that grows with guest-controlled sizes is either
 * bounded by a budget argument (revoke, cspace_clear) or proportional to a
 * size the caller passed (retype: the pages named).
 */
#ifndef HV_CAP_H
#define HV_CAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bulkhead/cap.h>

/* Lookup type that accepts every non-empty capability. */
#define CAP_TYPE_ANY 0xffu

/* Words of untyped bitmap storage needed for npages pages. */
#define CAP_BITMAP_WORDS(npages) (((npages) + 63) / 64)

/* Slots in a CSpace of 2^bits slots. */
#define CSPACE_NSLOTS(bits) ((size_t)1 << (bits))

/* Doubly-linked ring; a ring's head is a link that belongs to no node. */
struct cap_link {
	struct cap_link *next;
	struct cap_link *prev;
};

/*
 * A kernel object as the library sees it. Fields are private to the library;
 * the caller provides the storage (cap_ctx_add_objects) and reads objects
 * only through hooks and accessors.
 */
struct cap_object {
	uint8_t type;			/* enum bh_cap_type, BH_CAP_NULL when free */
	uint8_t depth;			/* untyped: levels below its boot untyped */
	bool destroyed;			/* the destroy hook has run */
	uint64_t caps;			/* capabilities naming this object */
	uint64_t holds;			/* untyped: live objects retyped from it;
					 * partition: frame mappings into it */
	uint64_t handle;		/* the caller's cookie, given at creation */
	struct cap_object *parent;	/* frame, untyped: the untyped it came from;
					 * free objects: next in the free list */
	uint64_t base;			/* frame, untyped: physical address */
	uint64_t npages;		/* frame, untyped: size in pages */
	uint64_t *bitmap;		/* untyped: one bit per page, set = retyped */
};

/*
 * One CSpace slot, which is also one node of the derivation tree. Private to
 * the library; zero-filled storage is a run of empty slots.
 */
struct cap_slot {
	struct cap_object *obj;		/* NULL: empty slot */
	union {
		uint64_t badge;		/* message and event ports */
		uint64_t map_gpa;	/* frames: guest-physical address, if mapped */
	};
	struct cap_link sibling;	/* in the parent's children ring, or ctx roots */
	struct cap_link children;	/* head of the ring of capabilities derived from this */
	struct cap_object *map_space;	/* frames: partition mapped into, NULL if none */
	uint8_t rights;			/* BH_CAP_RIGHT_* */
	uint8_t map_rights;		/* frames: rights of the mapping */
};
/* One cache line per slot: CSpace storage is 64 bytes x 2^bits. */
_Static_assert(sizeof(struct cap_slot) == 64, "struct cap_slot must be 64 bytes");

/* A per-partition capability space: one table of 2^bits slots. */
struct cspace {
	struct cap_slot *slots;
	unsigned int bits;
	uint64_t clear_next;		/* cspace_clear: next slot to visit */
};

/* Passed to the destroy hook; the object's storage is reused afterwards. */
struct cap_destroyed {
	enum bh_cap_type type;
	uint64_t handle;		/* the cookie given at creation */
	uint64_t base;			/* frame, untyped: physical range */
	uint64_t npages;
	uint64_t *bitmap;		/* untyped: its bitmap storage, now unused */
};

/* Passed to the unmap hook: a recorded frame mapping has gone. */
struct cap_unmapped {
	uint64_t space_handle;		/* the partition's cookie */
	bool space_destroyed;		/* its destroy hook already ran */
	uint64_t gpa;
	uint64_t base;			/* the frame's physical range */
	uint64_t npages;
	unsigned int rights;		/* BH_CAP_RIGHTS_MAP subset that was mapped */
};

/*
 * Caller callbacks. Either may be NULL. They run inside a library call, so
 * they must not call the library (queue the work instead).
 *
 * destroy: called once per object when it dies. For partitions, VPs, ports
 * and the control object that is when its last capability is deleted: the
 * core frees its structures (and, for a partition, queues cspace_clear of its
 * CSpace). For frames and untypeds it is when the memory goes back to the
 * parent untyped, called before the bitmap bits are cleared so the core can
 * scrub the pages; for a boot untyped the memory leaves the capability system.
 *
 * unmap: called when a frame capability with a recorded mapping is deleted,
 * revoked or unmapped, so the core removes it from the nested page tables.
 */
struct cap_hooks {
	void (*destroy)(void *arg, const struct cap_destroyed *obj);
	void (*unmap)(void *arg, const struct cap_unmapped *map);
	void *arg;
};

/* All library state. Must not move after cap_ctx_init (rings point into it). */
struct cap_ctx {
	struct cap_link roots;		/* capabilities with no parent */
	struct cap_object *free_objects;
	size_t nfree_objects;
	struct cap_hooks hooks;
};

/* Context and storage ------------------------------------------------------ */

/* Initialises an empty context; hooks may be NULL (no callbacks). */
void cap_ctx_init(struct cap_ctx *ctx, const struct cap_hooks *hooks);

/* Adds n objects of storage to the pool; may be called again at any time. */
void cap_ctx_add_objects(struct cap_ctx *ctx, struct cap_object *pool, size_t n);

/* Objects left in the pool: each retype and each cap_create uses one. */
size_t cap_ctx_free_objects(const struct cap_ctx *ctx);

/* CSpaces and lookups ------------------------------------------------------ */

/*
 * Makes a CSpace of 2^bits slots over 'slots', which must be zero-filled.
 * Errors: ARG if bits is 0 or above BH_CAP_CSPACE_MAX_BITS.
 */
enum bh_cap_error cspace_init(struct cspace *cs, struct cap_slot *slots,
			      unsigned int bits);

/*
 * Resolves a CPtr to its slot, empty or not. 'depth' is how many bits of
 * cptr the caller means: it must equal the CSpace's bits.
 * Errors: DEPTH (depth wrong), CPTR (cptr has bits at or above depth).
 */
enum bh_cap_error cspace_resolve(const struct cspace *cs, uint64_t cptr,
				 unsigned int depth, struct cap_slot **slot);

/*
 * Resolves a CPtr to a capability of 'type' (or CAP_TYPE_ANY) holding every
 * right in 'rights'. Errors, checked in this order: DEPTH, CPTR, EMPTY,
 * TYPE, RIGHTS. On error *slot is untouched.
 */
enum bh_cap_error cspace_lookup(const struct cspace *cs, uint64_t cptr,
				unsigned int depth, unsigned int type,
				unsigned int rights, struct cap_slot **slot);

/* Resolves a destination CPtr, which must be empty. Errors: DEPTH, CPTR, SLOT_FULL. */
enum bh_cap_error cspace_lookup_empty(const struct cspace *cs, uint64_t cptr,
				      unsigned int depth, struct cap_slot **slot);

/*
 * Deletes every capability in the CSpace, in slot order, visiting at most
 * 'budget' slots per call; the position is kept in cs. Returns OK when the
 * CSpace is empty, PREEMPTED when more is left (call again), ARG if budget
 * is 0. Used when a partition dies, before its slot storage is freed.
 */
enum bh_cap_error cspace_clear(struct cap_ctx *ctx, struct cspace *cs,
			       unsigned int budget);

/* Boot-time roots ------------------------------------------------------------ */

/*
 * Puts an untyped capability over [base, base + npages pages) with all rights
 * and no parent in 'dst'. 'bitmap' is CAP_BITMAP_WORDS(npages) zeroed words
 * owned by the library until the destroy hook returns them. Boot untypeds
 * must not overlap each other (the core builds them from its memory map).
 * Errors: SLOT_FULL, ARG (zero size, misaligned base, no bitmap), RANGE
 * (wraps), NO_OBJECT.
 */
enum bh_cap_error cap_boot_untyped(struct cap_ctx *ctx, struct cap_slot *dst,
				   uint64_t base, uint64_t npages,
				   uint64_t *bitmap, uint64_t handle);

/* Puts the control capability (all rights, no parent) in 'dst'. Errors: SLOT_FULL, NO_OBJECT. */
enum bh_cap_error cap_boot_control(struct cap_ctx *ctx, struct cap_slot *dst,
				   uint64_t handle);

/* Derivation ------------------------------------------------------------------ */

/*
 * Copies src into the empty slot dst as a child of src: same object, rights
 * and badge; a frame copy starts unmapped.
 * Errors: EMPTY (src), RIGHTS (src lacks GRANT), SLOT_FULL (dst).
 */
enum bh_cap_error cap_copy(struct cap_ctx *ctx, struct cap_slot *src,
			   struct cap_slot *dst);

/*
 * Like cap_copy, but the child gets src's rights masked by 'rights' and, if
 * badge is not BH_CAP_BADGE_NONE, that badge.
 * Errors: EMPTY, RIGHTS (no GRANT), ARG (rights has unknown bits), BADGE (a
 * badge for a type other than the ports, or src already badged), SLOT_FULL.
 */
enum bh_cap_error cap_mint(struct cap_ctx *ctx, struct cap_slot *src,
			   struct cap_slot *dst, unsigned int rights,
			   uint64_t badge);

/*
 * Moves the capability from src to the empty slot dst. It keeps its place in
 * the derivation tree, its children and its mapping.
 * Errors: EMPTY (src), SLOT_FULL (dst, including dst == src).
 */
enum bh_cap_error cap_move(struct cap_ctx *ctx, struct cap_slot *src,
			   struct cap_slot *dst);

/*
 * Empties the slot. A recorded mapping is removed (unmap hook). Capabilities
 * derived from it are not deleted: they become children of its parent. If it
 * was the last capability to its object, the object dies (destroy hook) and
 * retyped memory returns to its untyped. O(1) apart from hooks and at most
 * BH_CAP_UNTYPED_MAX_DEPTH + 1 untyped bitmap range clears. Errors: EMPTY.
 */
enum bh_cap_error cap_delete(struct cap_ctx *ctx, struct cap_slot *slot);

/*
 * Deletes capabilities derived from 'slot' (in every CSpace), at most
 * 'budget' of them per call; the slot itself stays. Returns OK once none is
 * left, PREEMPTED if some remain (call again with the same capability; the
 * progress is kept in the tree itself). *deleted, if not NULL, gets the count
 * deleted by this call (0 on error). Errors: EMPTY, ARG (budget 0).
 */
enum bh_cap_error cap_revoke(struct cap_ctx *ctx, struct cap_slot *slot,
			     unsigned int budget, unsigned int *deleted);

/* cap_revoke until done, for boot code and tests. Errors: EMPTY. */
enum bh_cap_error cap_revoke_all(struct cap_ctx *ctx, struct cap_slot *slot);

/* Object creation ------------------------------------------------------------ */

/*
 * Retypes [pa, pa + npages pages) of the untyped into a frame whose
 * capability, a child of 'untyped' with its rights, goes into dst. Costs
 * O(npages / 64). Errors, in this order: EMPTY, TYPE, RIGHTS (needs WRITE),
 * ARG (npages 0, pa misaligned), RANGE (outside the untyped, or above
 * BH_CAP_FRAME_MAX_PAGES), SLOT_FULL, OVERLAP (a page already retyped),
 * NO_OBJECT.
 */
enum bh_cap_error cap_retype_frame(struct cap_ctx *ctx, struct cap_slot *untyped,
				   uint64_t pa, uint64_t npages,
				   struct cap_slot *dst);

/*
 * Retypes a range of the untyped into a smaller untyped with its own
 * 'bitmap' (CAP_BITMAP_WORDS(npages) zeroed words) and cookie. Same errors
 * as cap_retype_frame without the frame size limit, then ARG (no bitmap) and
 * TOO_DEEP (nesting beyond BH_CAP_UNTYPED_MAX_DEPTH).
 */
enum bh_cap_error cap_retype_untyped(struct cap_ctx *ctx,
				     struct cap_slot *untyped, uint64_t pa,
				     uint64_t npages, uint64_t *bitmap,
				     uint64_t handle, struct cap_slot *dst);

/*
 * Records a core-allocated object (cookie 'handle') and puts its first
 * capability, a child of 'authority' with its rights, in dst. A partition
 * needs a CONTROL authority; a VP, message port or event port needs a
 * PARTITION authority; both with WRITE.
 * Errors: EMPTY, ARG (type not creatable here), TYPE, RIGHTS, SLOT_FULL,
 * NO_OBJECT.
 */
enum bh_cap_error cap_create(struct cap_ctx *ctx, struct cap_slot *authority,
			     enum bh_cap_type type, uint64_t handle,
			     struct cap_slot *dst);

/* Frame mappings ------------------------------------------------------------- */

/*
 * Records that the frame is mapped at gpa in the partition named by 'space'
 * with 'rights'. The core programs its nested page tables after this
 * succeeds. Errors: EMPTY, TYPE (frame not FRAME, space not PARTITION),
 * RIGHTS (space lacks WRITE, or rights not all held by the frame), ARG
 * (rights empty or outside BH_CAP_RIGHTS_MAP, gpa misaligned), RANGE (gpa
 * range wraps), MAPPED.
 */
enum bh_cap_error cap_frame_map(struct cap_ctx *ctx, struct cap_slot *frame,
				struct cap_slot *space, uint64_t gpa,
				unsigned int rights);

/* Removes the frame's mapping record and calls the unmap hook. Errors: EMPTY, TYPE, NOT_MAPPED. */
enum bh_cap_error cap_frame_unmap(struct cap_ctx *ctx, struct cap_slot *frame);

/* Inspection ----------------------------------------------------------------- */

static inline bool cap_slot_is_empty(const struct cap_slot *slot)
{
	return slot->obj == NULL;
}

/* enum bh_cap_type of the capability, BH_CAP_NULL if the slot is empty. */
static inline unsigned int cap_slot_type(const struct cap_slot *slot)
{
	return slot->obj ? slot->obj->type : BH_CAP_NULL;
}

static inline unsigned int cap_slot_rights(const struct cap_slot *slot)
{
	return slot->obj ? slot->rights : 0;
}

/* A port capability's badge, which tells the port's owner who sent; 0 if none. */
static inline uint64_t cap_slot_badge(const struct cap_slot *slot)
{
	unsigned int type = cap_slot_type(slot);

	return type == BH_CAP_MSG_PORT || type == BH_CAP_EVENT_PORT ? slot->badge
								    : BH_CAP_BADGE_NONE;
}

/* The object's cookie: how the core finds its partition, VP or port. */
static inline uint64_t cap_slot_handle(const struct cap_slot *slot)
{
	return slot->obj ? slot->obj->handle : 0;
}

/* The object itself, for identity comparisons; NULL if empty. */
static inline const struct cap_object *cap_slot_object(const struct cap_slot *slot)
{
	return slot->obj;
}

/* Fills the ABI description of the capability (all zero for an empty slot). */
void cap_slot_info(const struct cap_slot *slot, struct bh_cap_info *info);

/*
 * Walks the derivation tree: the first capability derived from 'parent'
 * (NULL: the first capability with no parent), and the one after 'child'
 * among its siblings. Both return NULL at the end. For diagnostics and tests.
 */
struct cap_slot *cap_first_child(struct cap_ctx *ctx, struct cap_slot *parent);
struct cap_slot *cap_next_sibling(struct cap_ctx *ctx, struct cap_slot *parent,
				  struct cap_slot *child);

/* A short name for an error code, for logs. */
const char *cap_error_name(enum bh_cap_error err);

#endif
