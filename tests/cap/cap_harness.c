/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runs drawn operations on the library and on the reference model side by
 * side, then compares every slot, the derivation tree, object counts, untyped
 * bitmaps and the hook calls, and checks the invariants of docs/capabilities.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cap.h"
#include "cap_model.h"
#include "cap_model_ref.h"

#define PAGE BH_CAP_PAGE_SIZE
#define BITMAP_WORDS CAP_BITMAP_WORDS(M_REGION_PAGES)
#define BOOT_HANDLE_BASE 0x1000u	/* handles of booted objects start here */

struct cap_harness {
	struct cap_ctx ctx;
	struct cap_object objects[M_NOBJECTS];
	struct cap_slot slots[M_NSLOTS];
	struct cspace cs[M_NSPACES];
	uint64_t bitmaps[M_NBITMAPS][BITMAP_WORDS];
	bool bitmap_used[M_NBITMAPS];
	uint64_t region_bitmaps[M_NREGIONS][BITMAP_WORDS];
	struct cap_object *lib_obj[M_NOBJECTS];	/* model object -> library object */
	struct model m;
	struct m_event got[M_EVENTS_MAX];
	int ngot;
	uint64_t next_handle;
	enum cap_model_op last;
	uint64_t successes[OP_COUNT];
	char *why;
	size_t why_len;
	bool failed;
};

static const char *const op_names[OP_COUNT] = {
	[OP_COPY] = "copy", [OP_MINT] = "mint", [OP_MOVE] = "move",
	[OP_DELETE] = "delete", [OP_REVOKE] = "revoke",
	[OP_RETYPE_FRAME] = "retype_frame", [OP_RETYPE_UNTYPED] = "retype_untyped",
	[OP_CREATE] = "create", [OP_MAP] = "map", [OP_UNMAP] = "unmap",
	[OP_CLEAR] = "cspace_clear", [OP_LOOKUP] = "lookup", [OP_BOOT] = "boot",
};

/* How often each operation is drawn; clearing a whole CSpace is rare on purpose. */
static const unsigned int op_weight[OP_COUNT] = {
	[OP_COPY] = 10, [OP_MINT] = 10, [OP_MOVE] = 6, [OP_DELETE] = 8,
	[OP_REVOKE] = 5, [OP_RETYPE_FRAME] = 12, [OP_RETYPE_UNTYPED] = 4,
	[OP_CREATE] = 8, [OP_MAP] = 8, [OP_UNMAP] = 4, [OP_CLEAR] = 1,
	[OP_LOOKUP] = 6, [OP_BOOT] = 3,
};

const char *cap_model_op_name(enum cap_model_op op)
{
	return op < OP_COUNT ? op_names[op] : "?";
}

enum cap_model_op cap_harness_last_op(const struct cap_harness *h)
{
	return h->last;
}

const uint64_t *cap_harness_successes(const struct cap_harness *h)
{
	return h->successes;
}

__attribute__((format(printf, 2, 3)))
static bool fail(struct cap_harness *h, const char *fmt, ...)
{
	va_list ap;

	if (h->failed)
		return false;
	h->failed = true;
	va_start(ap, fmt);
	vsnprintf(h->why, h->why_len, fmt, ap);
	va_end(ap);
	return false;
}

/* Hooks ------------------------------------------------------------------- */

static bool bitmap_is_zero(const uint64_t *bm)
{
	for (unsigned int i = 0; i < BITMAP_WORDS; i++)
		if (bm[i])
			return false;
	return true;
}

/* Bitmap id of the storage the library hands back (see cap_model_ref.h). */
static uint64_t bitmap_id(struct cap_harness *h, uint64_t *bm)
{
	for (int k = 0; k < M_NBITMAPS; k++)
		if (bm == h->bitmaps[k])
			return (uint64_t)k + 1;
	for (int r = 0; r < M_NREGIONS; r++)
		if (bm == h->region_bitmaps[r])
			return M_BITMAP_REGION(r);
	return 0;
}

static void record(struct cap_harness *h, struct m_event e)
{
	if (h->ngot < M_EVENTS_MAX)
		h->got[h->ngot++] = e;
	else
		fail(h, "too many hook calls in one step");
}

static void on_destroy(void *arg, const struct cap_destroyed *d)
{
	struct cap_harness *h = arg;
	uint64_t id = 0;

	if (d->type == BH_CAP_UNTYPED) {
		id = bitmap_id(h, d->bitmap);
		/* A dead untyped has no children, so its bitmap must be clear. */
		if (!bitmap_is_zero(d->bitmap))
			fail(h, "untyped destroyed with pages still marked");
		if (id >= 1 && id <= M_NBITMAPS)
			h->bitmap_used[id - 1] = false;
	}
	record(h, (struct m_event){ EV_DESTROY,
		{ d->type, d->handle, d->base, d->npages, id, 0 } });
}

static void on_unmap(void *arg, const struct cap_unmapped *u)
{
	record(arg, (struct m_event){ EV_UNMAP,
		{ u->space_handle, u->space_destroyed, u->gpa, u->base, u->npages,
		  u->rights } });
}

/* Set-up ---------------------------------------------------------------------- */

static void learn_object(struct cap_harness *h, int dst);

/* Like the core at boot: an untyped over region 0 and the control capability. */
static void boot_first(struct cap_harness *h)
{
	enum { UT_SLOT, CTL_SLOT };
	uint64_t handle = h->next_handle++;

	cap_boot_untyped(&h->ctx, &h->slots[UT_SLOT], M_REGION_BASE(0), M_REGION_PAGES,
			 h->region_bitmaps[0], handle);
	m_boot(&h->m, BH_CAP_UNTYPED, 0, handle, UT_SLOT);
	learn_object(h, UT_SLOT);
	handle = h->next_handle++;
	cap_boot_control(&h->ctx, &h->slots[CTL_SLOT], handle);
	m_boot(&h->m, BH_CAP_CONTROL, 0, handle, CTL_SLOT);
	learn_object(h, CTL_SLOT);
}

struct cap_harness *cap_harness_create(void)
{
	struct cap_harness *h = calloc(1, sizeof(*h));
	struct cap_hooks hooks = { .destroy = on_destroy, .unmap = on_unmap, .arg = h };

	if (!h)
		abort();
	cap_ctx_init(&h->ctx, &hooks);
	cap_ctx_add_objects(&h->ctx, h->objects, M_NOBJECTS);
	for (int s = 0; s < M_NSPACES; s++)
		cspace_init(&h->cs[s], &h->slots[s * M_SPACE_SLOTS], M_BITS);
	m_init(&h->m);
	h->next_handle = BOOT_HANDLE_BASE;
	boot_first(h);
	return h;
}

void cap_harness_free(struct cap_harness *h)
{
	free(h);
}

/* Drawing arguments ----------------------------------------------------------- */

static uint64_t draw(struct cap_source *src, uint64_t bound)
{
	return bound <= 1 ? 0 : src->draw(src->arg, bound);
}

static bool slot_matches(const struct cap_harness *h, int s, unsigned int type)
{
	int o = h->m.slot[s].obj;

	if (type == BH_CAP_NULL)
		return o == M_NONE;
	return o != M_NONE && (type == CAP_TYPE_ANY || h->m.obj[o].type == type);
}

/* Usually a slot of the wanted kind (BH_CAP_NULL: empty), sometimes any slot. */
static int pick(struct cap_harness *h, struct cap_source *src, unsigned int type)
{
	int n = 0, k;

	if (draw(src, 4) == 0)
		return (int)draw(src, M_NSLOTS);
	for (int s = 0; s < M_NSLOTS; s++)
		n += slot_matches(h, s, type);
	if (n == 0)
		return (int)draw(src, M_NSLOTS);
	k = (int)draw(src, (uint64_t)n);
	for (int s = 0; s < M_NSLOTS; s++)
		if (slot_matches(h, s, type) && k-- == 0)
			return s;
	return 0;
}

static enum cap_model_op draw_op(struct cap_source *src)
{
	unsigned int total = 0, r;

	for (int i = 0; i < OP_COUNT; i++)
		total += op_weight[i];
	r = (unsigned int)draw(src, total);
	for (int i = 0; i < OP_COUNT; i++) {
		if (r < op_weight[i])
			return (enum cap_model_op)i;
		r -= op_weight[i];
	}
	return OP_LOOKUP;
}

/* A page-granular address near the slot's memory, sometimes just outside or misaligned. */
static uint64_t draw_pa(struct cap_harness *h, struct cap_source *src, int s)
{
	int o = h->m.slot[s].obj;
	bool mem = o != M_NONE && h->m.obj[o].npages;
	uint64_t base = mem ? h->m.obj[o].base : M_REGION_BASE(0);
	uint64_t span = mem ? h->m.obj[o].npages : M_REGION_PAGES;
	uint64_t pa = base + (draw(src, span + 4) - 2) * PAGE;

	return draw(src, 16) == 0 ? pa + 8 : pa;
}

static uint64_t draw_npages(struct cap_source *src)
{
	switch (draw(src, 8)) {
	case 0:
		return draw(src, M_REGION_PAGES + 2);
	case 1:
		return BH_CAP_FRAME_MAX_PAGES + draw(src, 2);
	default:
		return 1 + draw(src, 4);
	}
}

static uint64_t draw_gpa(struct cap_source *src)
{
	switch (draw(src, 16)) {
	case 0:
		return draw(src, 8) * PAGE + 0x10;
	case 1:
		return (UINT64_MAX & ~(PAGE - 1)) - draw(src, 3) * PAGE;
	default:
		return draw(src, 8) * PAGE;
	}
}

static int free_bitmap(struct cap_harness *h)
{
	for (int k = 0; k < M_NBITMAPS; k++)
		if (!h->bitmap_used[k])
			return k + 1;
	return 0;
}

/* Operations -------------------------------------------------------------------- */

static bool same(struct cap_harness *h, const char *what, enum bh_cap_error got,
		 enum bh_cap_error want)
{
	if (got == want)
		return true;
	return fail(h, "%s returned %s, model says %s", what, cap_error_name(got),
		    cap_error_name(want));
}

/* Records the library object a successful creation put in dst. */
static void learn_object(struct cap_harness *h, int dst)
{
	h->lib_obj[h->m.slot[dst].obj] = h->slots[dst].obj;
}

static bool do_copy(struct cap_harness *h, struct cap_source *src)
{
	int a = pick(h, src, CAP_TYPE_ANY), b = pick(h, src, BH_CAP_NULL);
	enum bh_cap_error want = m_check_copy(&h->m, a, b);

	if (!same(h, "copy", cap_copy(&h->ctx, &h->slots[a], &h->slots[b]), want))
		return false;
	if (want == BH_CAP_OK)
		m_copy(&h->m, a, b);
	return want == BH_CAP_OK;
}

static bool do_mint(struct cap_harness *h, struct cap_source *src)
{
	int a = pick(h, src, CAP_TYPE_ANY), b = pick(h, src, BH_CAP_NULL);
	unsigned int rights = (unsigned int)draw(src, 32);
	uint64_t badge = draw(src, 3);
	enum bh_cap_error want = m_check_mint(&h->m, a, b, rights, badge);

	if (!same(h, "mint", cap_mint(&h->ctx, &h->slots[a], &h->slots[b], rights, badge),
		  want))
		return false;
	if (want == BH_CAP_OK)
		m_mint(&h->m, a, b, rights, badge);
	return want == BH_CAP_OK;
}

static bool do_move(struct cap_harness *h, struct cap_source *src)
{
	int a = pick(h, src, CAP_TYPE_ANY), b = pick(h, src, BH_CAP_NULL);
	enum bh_cap_error want = m_check_move(&h->m, a, b);

	if (!same(h, "move", cap_move(&h->ctx, &h->slots[a], &h->slots[b]), want))
		return false;
	if (want == BH_CAP_OK)
		m_move(&h->m, a, b);
	return want == BH_CAP_OK;
}

static bool do_delete(struct cap_harness *h, struct cap_source *src)
{
	int a = pick(h, src, CAP_TYPE_ANY);
	enum bh_cap_error want = h->m.slot[a].obj == M_NONE ? BH_CAP_ERR_EMPTY : BH_CAP_OK;

	if (!same(h, "delete", cap_delete(&h->ctx, &h->slots[a]), want))
		return false;
	if (want == BH_CAP_OK)
		m_delete(&h->m, a);
	return want == BH_CAP_OK;
}

/*
 * The library chooses which descendants a bounded revoke step removes; the
 * model checks that exactly min(budget, descendants) went, all of them
 * descendants, then deletes the same ones (the result does not depend on
 * the order).
 */
static bool do_revoke(struct cap_harness *h, struct cap_source *src)
{
	int a = pick(h, src, CAP_TYPE_ANY), ndesc = 0, ngone = 0;
	unsigned int budget = (unsigned int)draw(src, 5), deleted = 0;
	bool before[M_NSLOTS];
	enum bh_cap_error err, want;

	for (int s = 0; s < M_NSLOTS; s++) {
		before[s] = !cap_slot_is_empty(&h->slots[s]);
		ndesc += h->m.slot[s].obj != M_NONE && m_is_descendant(&h->m, s, a);
	}
	err = cap_revoke(&h->ctx, &h->slots[a], budget, &deleted);
	if (h->m.slot[a].obj == M_NONE) {
		same(h, "revoke", err, BH_CAP_ERR_EMPTY);
		return false;
	}
	if (budget == 0) {
		same(h, "revoke", err, BH_CAP_ERR_ARG);
		return false;
	}
	for (int s = 0; s < M_NSLOTS; s++) {
		if (!before[s] || !cap_slot_is_empty(&h->slots[s]))
			continue;
		if (!m_is_descendant(&h->m, s, a))
			return fail(h, "revoke of slot %d deleted slot %d, not a descendant", a, s);
		ngone++;
	}
	want = ndesc > (int)budget ? BH_CAP_PREEMPTED : BH_CAP_OK;
	if (!same(h, "revoke", err, want))
		return false;
	if (ngone != (int)deleted || ngone != (ndesc < (int)budget ? ndesc : (int)budget))
		return fail(h, "revoke deleted %d (reported %u) of %d with budget %u",
			    ngone, deleted, ndesc, budget);
	for (int s = 0; s < M_NSLOTS; s++)
		if (before[s] && cap_slot_is_empty(&h->slots[s]))
			m_delete(&h->m, s);
	if (err == BH_CAP_OK && cap_first_child(&h->ctx, &h->slots[a]))
		return fail(h, "revoke finished but slot %d still has children", a);
	return true;
}

static bool do_retype(struct cap_harness *h, struct cap_source *src, bool frame)
{
	int a = pick(h, src, BH_CAP_UNTYPED), b = pick(h, src, BH_CAP_NULL);
	uint64_t pa = draw_pa(h, src, a), npages = draw_npages(src);
	int bm = frame ? 0 : free_bitmap(h);
	uint64_t handle = frame ? 0 : h->next_handle++;
	enum bh_cap_error want = m_check_retype(&h->m, a, pa, npages, frame, bm, b);
	enum bh_cap_error err;

	if (frame)
		err = cap_retype_frame(&h->ctx, &h->slots[a], pa, npages, &h->slots[b]);
	else
		err = cap_retype_untyped(&h->ctx, &h->slots[a], pa, npages,
					 bm ? h->bitmaps[bm - 1] : NULL, handle,
					 &h->slots[b]);
	if (!same(h, frame ? "retype_frame" : "retype_untyped", err, want))
		return false;
	if (want != BH_CAP_OK)
		return false;
	if (bm)
		h->bitmap_used[bm - 1] = true;
	m_retype(&h->m, a, pa, npages, frame, bm, handle, b);
	learn_object(h, b);
	return true;
}

static bool do_create(struct cap_harness *h, struct cap_source *src)
{
	unsigned int type = (unsigned int)draw(src, BH_CAP_NTYPES + 1);
	unsigned int auth_type = type == BH_CAP_PARTITION ? BH_CAP_CONTROL : BH_CAP_PARTITION;
	int a = pick(h, src, auth_type), b = pick(h, src, BH_CAP_NULL);
	uint64_t handle = h->next_handle++;
	enum bh_cap_error want = m_check_create(&h->m, a, type, b);

	if (!same(h, "create", cap_create(&h->ctx, &h->slots[a], (enum bh_cap_type)type,
					  handle, &h->slots[b]), want))
		return false;
	if (want != BH_CAP_OK)
		return false;
	m_create(&h->m, a, type, handle, b);
	learn_object(h, b);
	return true;
}

static bool do_map(struct cap_harness *h, struct cap_source *src)
{
	int f = pick(h, src, BH_CAP_FRAME), p = pick(h, src, BH_CAP_PARTITION);
	uint64_t gpa = draw_gpa(src);
	unsigned int rights = (unsigned int)draw(src, 16);
	enum bh_cap_error want = m_check_map(&h->m, f, p, gpa, rights);

	if (!same(h, "map", cap_frame_map(&h->ctx, &h->slots[f], &h->slots[p], gpa, rights),
		  want))
		return false;
	if (want == BH_CAP_OK)
		m_map(&h->m, f, p, gpa, rights);
	return want == BH_CAP_OK;
}

static bool do_unmap(struct cap_harness *h, struct cap_source *src)
{
	int f = pick(h, src, BH_CAP_FRAME);
	enum bh_cap_error want = m_check_unmap(&h->m, f);

	if (!same(h, "unmap", cap_frame_unmap(&h->ctx, &h->slots[f]), want))
		return false;
	if (want == BH_CAP_OK)
		m_unmap(&h->m, f);
	return want == BH_CAP_OK;
}

static bool do_clear(struct cap_harness *h, struct cap_source *src)
{
	int cs = (int)draw(src, M_NSPACES);
	unsigned int budget = (unsigned int)draw(src, 2 * M_SPACE_SLOTS);
	enum bh_cap_error err = cspace_clear(&h->ctx, &h->cs[cs], budget);

	return same(h, "cspace_clear", err, m_clear(&h->m, cs, budget)) && err == BH_CAP_OK;
}

static bool do_lookup(struct cap_harness *h, struct cap_source *src)
{
	int cs = (int)draw(src, M_NSPACES);
	uint64_t cptr = draw(src, M_SPACE_SLOTS + 2);
	unsigned int depth = draw(src, 4) == 0 ? (unsigned int)draw(src, 8) : M_BITS;
	unsigned int type = (unsigned int)draw(src, BH_CAP_NTYPES + 1);
	unsigned int rights = (unsigned int)draw(src, 16);
	struct cap_slot *slot = NULL;
	enum bh_cap_error want;

	if (type == BH_CAP_NTYPES)
		type = CAP_TYPE_ANY;
	want = m_check_lookup(&h->m, cs, cptr, depth, type, rights);
	if (!same(h, "lookup", cspace_lookup(&h->cs[cs], cptr, depth, type, rights, &slot),
		  want))
		return false;
	if (want != BH_CAP_OK)
		return slot == NULL || fail(h, "failed lookup wrote its result");
	if (slot != &h->slots[cs * (int)M_SPACE_SLOTS + (int)cptr])
		return fail(h, "lookup found the wrong slot");
	return true;
}

/* Boots another control capability, or an untyped over a region no live untyped covers. */
static bool do_boot(struct cap_harness *h, struct cap_source *src)
{
	int region = (int)draw(src, M_NREGIONS + 1), b = pick(h, src, BH_CAP_NULL);
	unsigned int type = region < M_NREGIONS ? BH_CAP_UNTYPED : BH_CAP_CONTROL;
	uint64_t handle = h->next_handle++;
	enum bh_cap_error want, err;

	if (type == BH_CAP_UNTYPED && m_region_object(&h->m, region) != M_NONE)
		return false;
	want = m_check_boot(&h->m, b);
	if (type == BH_CAP_UNTYPED)
		err = cap_boot_untyped(&h->ctx, &h->slots[b], M_REGION_BASE(region),
				       M_REGION_PAGES, h->region_bitmaps[region], handle);
	else
		err = cap_boot_control(&h->ctx, &h->slots[b], handle);
	if (!same(h, "boot", err, want) || want != BH_CAP_OK)
		return false;
	m_boot(&h->m, type, region, handle, b);
	learn_object(h, b);
	return true;
}

static bool run_op(struct cap_harness *h, struct cap_source *src, enum cap_model_op op)
{
	switch (op) {
	case OP_COPY:		return do_copy(h, src);
	case OP_MINT:		return do_mint(h, src);
	case OP_MOVE:		return do_move(h, src);
	case OP_DELETE:		return do_delete(h, src);
	case OP_REVOKE:		return do_revoke(h, src);
	case OP_RETYPE_FRAME:	return do_retype(h, src, true);
	case OP_RETYPE_UNTYPED:	return do_retype(h, src, false);
	case OP_CREATE:		return do_create(h, src);
	case OP_MAP:		return do_map(h, src);
	case OP_UNMAP:		return do_unmap(h, src);
	case OP_CLEAR:		return do_clear(h, src);
	case OP_LOOKUP:		return do_lookup(h, src);
	case OP_BOOT:		return do_boot(h, src);
	default:		return false;
	}
}

/* Checks ------------------------------------------------------------------------- */

static bool check_slot(struct cap_harness *h, int s)
{
	const struct m_slot *ms = &h->m.slot[s];
	const struct cap_slot *ls = &h->slots[s];
	struct bh_cap_info info;
	const struct m_obj *o;

	if ((ms->obj == M_NONE) != cap_slot_is_empty(ls))
		return fail(h, "slot %d: library %s, model %s", s,
			    cap_slot_is_empty(ls) ? "empty" : "full",
			    ms->obj == M_NONE ? "empty" : "full");
	if (ms->obj == M_NONE)
		return true;
	o = &h->m.obj[ms->obj];
	cap_slot_info(ls, &info);
	if (cap_slot_object(ls) != h->lib_obj[ms->obj])
		return fail(h, "slot %d names another object", s);
	if (info.type != o->type || info.rights != ms->rights)
		return fail(h, "slot %d: type/rights %u/%#x, model %u/%#x", s, info.type,
			    info.rights, o->type, ms->rights);
	if (m_has_badges(o->type) && info.badge != ms->badge)
		return fail(h, "slot %d: badge %#llx, model %#llx", s,
			    (unsigned long long)info.badge, (unsigned long long)ms->badge);
	if ((ls->map_space != NULL) != ms->mapped)
		return fail(h, "slot %d: mapped state differs", s);
	if (ms->mapped && (ls->map_space != h->lib_obj[ms->map_space] ||
			   info.map_gpa != ms->map_gpa || info.map_rights != ms->map_rights))
		return fail(h, "slot %d: mapping differs", s);
	return true;
}

static int slot_index(const struct cap_harness *h, const struct cap_slot *ls)
{
	if (ls < h->slots || ls >= h->slots + M_NSLOTS)
		return M_NSLOTS;
	return (int)(ls - h->slots);
}

/* Walks the library's rings and compares each slot's parent with the model's. */
static bool check_tree(struct cap_harness *h)
{
	int seen[M_NSLOTS], parent[M_NSLOTS];

	memset(seen, 0, sizeof(seen));
	for (int p = -1; p < M_NSLOTS; p++) {
		struct cap_slot *ps = p < 0 ? NULL : &h->slots[p];
		int n = 0;

		if (ps && cap_slot_is_empty(ps))
			continue;
		for (struct cap_slot *c = cap_first_child(&h->ctx, ps); c;
		     c = cap_next_sibling(&h->ctx, ps, c)) {
			int i = slot_index(h, c);

			if (i == M_NSLOTS || ++n > M_NSLOTS)
				return fail(h, "ring of slot %d is corrupt", p);
			if (cap_slot_is_empty(c) || seen[i]++)
				return fail(h, "slot %d is in the tree twice or while empty", i);
			parent[i] = p < 0 ? M_NONE : p;
		}
	}
	for (int s = 0; s < M_NSLOTS; s++) {
		if (h->m.slot[s].obj == M_NONE)
			continue;
		if (!seen[s])
			return fail(h, "slot %d is missing from the tree", s);
		if (parent[s] != h->m.slot[s].parent)
			return fail(h, "slot %d: parent %d, model %d", s, parent[s],
				    h->m.slot[s].parent);
		/* No operation yields more rights than its source. */
		if (parent[s] != M_NONE &&
		    (h->slots[s].rights & ~h->slots[parent[s]].rights))
			return fail(h, "slot %d has rights its parent lacks", s);
	}
	return true;
}

/*
 * Retyped memory is never handed out twice: every live object retyped from
 * an untyped lies inside it and overlaps no sibling, and the untyped's
 * bitmap marks exactly the pages they cover.
 */
static bool check_untyped(struct cap_harness *h, int u)
{
	const struct m_obj *ut = &h->m.obj[u];
	uint64_t want[BITMAP_WORDS] = { 0 };

	for (int o = 0; o < M_NOBJECTS; o++) {
		const struct m_obj *c = &h->m.obj[o];
		uint64_t first;

		if (!c->alive || c->parent != u)
			continue;
		if (c->base < ut->base || (c->base - ut->base) / PAGE + c->npages > ut->npages)
			return fail(h, "object %d lies outside its untyped %d", o, u);
		first = (c->base - ut->base) / PAGE;
		for (uint64_t p = first; p < first + c->npages; p++) {
			if (want[p / 64] & (1ull << (p % 64)))
				return fail(h, "object %d overlaps a sibling at page %llu", o,
					    (unsigned long long)p);
			want[p / 64] |= 1ull << (p % 64);
		}
	}
	for (uint64_t w = 0; w < CAP_BITMAP_WORDS(ut->npages); w++)
		if (h->lib_obj[u]->bitmap[w] != want[w])
			return fail(h, "untyped %d bitmap word %llu: %#llx, model %#llx", u,
				    (unsigned long long)w,
				    (unsigned long long)h->lib_obj[u]->bitmap[w],
				    (unsigned long long)want[w]);
	return true;
}

/* Counts recomputed in one pass, then compared with the library's objects. */
static bool check_objects(struct cap_harness *h)
{
	uint64_t caps[M_NOBJECTS] = { 0 }, holds[M_NOBJECTS] = { 0 };
	size_t want_free = M_NOBJECTS - (size_t)m_alive_objects(&h->m);

	if (cap_ctx_free_objects(&h->ctx) != want_free)
		return fail(h, "pool has %zu free objects, model %zu",
			    cap_ctx_free_objects(&h->ctx), want_free);
	for (int s = 0; s < M_NSLOTS; s++) {
		const struct m_slot *ms = &h->m.slot[s];

		if (ms->obj == M_NONE)
			continue;
		caps[ms->obj]++;
		if (ms->mapped)
			holds[ms->map_space]++;
	}
	for (int o = 0; o < M_NOBJECTS; o++)
		if (h->m.obj[o].alive && h->m.obj[o].parent != M_NONE)
			holds[h->m.obj[o].parent]++;
	for (int o = 0; o < M_NOBJECTS; o++) {
		const struct cap_object *lo = h->lib_obj[o];

		if (!h->m.obj[o].alive)
			continue;
		if (lo->type != h->m.obj[o].type || lo->caps != caps[o] ||
		    lo->holds != holds[o])
			return fail(h, "object %d: type/caps/holds differ", o);
		if (h->m.obj[o].type == BH_CAP_UNTYPED && !check_untyped(h, o))
			return false;
	}
	return true;
}

static int event_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct m_event));
}

/* Hook calls must match the model's, as multisets. */
static bool check_events(struct cap_harness *h)
{
	int n = h->m.nevents;

	if (h->ngot != n)
		return fail(h, "%d hook calls, model expects %d", h->ngot, n);
	qsort(h->got, (size_t)n, sizeof(struct m_event), event_cmp);
	qsort(h->m.events, (size_t)n, sizeof(struct m_event), event_cmp);
	for (int i = 0; i < n; i++)
		if (memcmp(&h->got[i], &h->m.events[i], sizeof(struct m_event)))
			return fail(h, "hook call %llu {%#llx %#llx %#llx %#llx} differs from model",
				    (unsigned long long)h->got[i].kind,
				    (unsigned long long)h->got[i].v[0],
				    (unsigned long long)h->got[i].v[1],
				    (unsigned long long)h->got[i].v[2],
				    (unsigned long long)h->got[i].v[3]);
	h->ngot = 0;
	h->m.nevents = 0;
	return true;
}

static bool check_all(struct cap_harness *h)
{
	for (int s = 0; s < M_NSLOTS; s++)
		if (!check_slot(h, s))
			return false;
	return check_tree(h) && check_objects(h) && check_events(h);
}

bool cap_harness_step(struct cap_harness *h, struct cap_source *src,
		      char *why, size_t why_len)
{
	enum cap_model_op op = draw_op(src);
	bool ok;

	h->why = why;
	h->why_len = why_len;
	h->last = op;
	ok = run_op(h, src, op);
	if (h->failed)
		return false;
	h->successes[op] += ok;
	return check_all(h);
}
