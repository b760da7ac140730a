/* SPDX-License-Identifier: GPL-2.0 */
/* The reference model: capability rules written plainly from docs/capabilities.md. */
#include <string.h>

#include "cap_model_ref.h"

#define PAGE BH_CAP_PAGE_SIZE

void m_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	for (int s = 0; s < M_NSLOTS; s++) {
		m->slot[s].obj = M_NONE;
		m->slot[s].parent = M_NONE;
	}
}

static bool full(const struct model *m, int s)
{
	return m->slot[s].obj != M_NONE;
}

static unsigned int type_of(const struct model *m, int s)
{
	return full(m, s) ? m->obj[m->slot[s].obj].type : BH_CAP_NULL;
}

int m_caps(const struct model *m, int o)
{
	int n = 0;

	for (int s = 0; s < M_NSLOTS; s++)
		n += m->slot[s].obj == o;
	return n;
}

/* Untyped: live objects retyped from it. Partition: mappings into it. */
int m_holds(const struct model *m, int o)
{
	int n = 0;

	for (int i = 0; i < M_NOBJECTS; i++)
		n += m->obj[i].alive && m->obj[i].parent == o;
	for (int s = 0; s < M_NSLOTS; s++)
		n += full(m, s) && m->slot[s].mapped && m->slot[s].map_space == o;
	return n;
}

int m_alive_objects(const struct model *m)
{
	int n = 0;

	for (int i = 0; i < M_NOBJECTS; i++)
		n += m->obj[i].alive;
	return n;
}

bool m_page_used(const struct model *m, int untyped, uint64_t page)
{
	uint64_t pa = m->obj[untyped].base + page * PAGE;

	for (int i = 0; i < M_NOBJECTS; i++) {
		const struct m_obj *o = &m->obj[i];

		if (o->alive && o->parent == untyped && pa >= o->base &&
		    pa < o->base + o->npages * PAGE)
			return true;
	}
	return false;
}

bool m_is_descendant(const struct model *m, int s, int ancestor)
{
	for (int p = m->slot[s].parent, hops = 0; p != M_NONE && hops <= M_NSLOTS;
	     p = m->slot[p].parent, hops++)
		if (p == ancestor)
			return true;
	return false;
}

bool m_has_badges(unsigned int type)
{
	return type == BH_CAP_MSG_PORT || type == BH_CAP_EVENT_PORT;
}

static void expect(struct model *m, enum m_event_kind kind, uint64_t v0, uint64_t v1,
		   uint64_t v2, uint64_t v3, uint64_t v4, uint64_t v5)
{
	struct m_event *e;

	if (m->nevents >= M_EVENTS_MAX)
		return;
	e = &m->events[m->nevents++];
	*e = (struct m_event){ kind, { v0, v1, v2, v3, v4, v5 } };
}

static void destroy(struct model *m, int o)
{
	struct m_obj *ob = &m->obj[o];

	ob->destroyed = true;
	expect(m, EV_DESTROY, ob->type, ob->handle, ob->base, ob->npages,
	       ob->type == BH_CAP_UNTYPED ? (uint64_t)ob->bitmap : 0, 0);
}

/* An object's storage goes once nothing names or holds it; then its untyped may go. */
static void reap(struct model *m, int o)
{
	while (o != M_NONE && m->obj[o].alive && m_caps(m, o) == 0 &&
	       m_holds(m, o) == 0) {
		if (!m->obj[o].destroyed)
			destroy(m, o);
		m->obj[o].alive = false;
		o = m->obj[o].parent;
	}
}

static int new_object(struct model *m, unsigned int type, uint64_t handle)
{
	for (int o = 0; o < M_NOBJECTS; o++) {
		if (!m->obj[o].alive) {
			m->obj[o] = (struct m_obj){
				.alive = true, .type = type, .handle = handle,
				.parent = M_NONE,
			};
			return o;
		}
	}
	return M_NONE;	/* the checks ruled this out */
}

static void fill(struct model *m, int dst, int o, unsigned int rights,
		 uint64_t badge, int parent)
{
	m->slot[dst] = (struct m_slot){
		.obj = o, .rights = rights, .badge = badge, .parent = parent,
		.map_space = M_NONE,
	};
}

enum bh_cap_error m_check_copy(const struct model *m, int src, int dst)
{
	if (!full(m, src))
		return BH_CAP_ERR_EMPTY;
	if (!(m->slot[src].rights & BH_CAP_RIGHT_GRANT))
		return BH_CAP_ERR_RIGHTS;
	if (full(m, dst))
		return BH_CAP_ERR_SLOT_FULL;
	return BH_CAP_OK;
}

void m_copy(struct model *m, int src, int dst)
{
	const struct m_slot *s = &m->slot[src];

	fill(m, dst, s->obj, s->rights, m_has_badges(type_of(m, src)) ? s->badge : 0, src);
}

enum bh_cap_error m_check_mint(const struct model *m, int src, int dst,
			       unsigned int rights, uint64_t badge)
{
	if (!full(m, src))
		return BH_CAP_ERR_EMPTY;
	if (!(m->slot[src].rights & BH_CAP_RIGHT_GRANT))
		return BH_CAP_ERR_RIGHTS;
	if (rights & ~BH_CAP_RIGHTS_ALL)
		return BH_CAP_ERR_ARG;
	if (badge && (!m_has_badges(type_of(m, src)) || m->slot[src].badge))
		return BH_CAP_ERR_BADGE;
	if (full(m, dst))
		return BH_CAP_ERR_SLOT_FULL;
	return BH_CAP_OK;
}

void m_mint(struct model *m, int src, int dst, unsigned int rights, uint64_t badge)
{
	const struct m_slot *s = &m->slot[src];
	uint64_t b = m_has_badges(type_of(m, src)) ? (badge ? badge : s->badge) : 0;

	fill(m, dst, s->obj, s->rights & rights, b, src);
}

enum bh_cap_error m_check_move(const struct model *m, int src, int dst)
{
	if (!full(m, src))
		return BH_CAP_ERR_EMPTY;
	if (full(m, dst))
		return BH_CAP_ERR_SLOT_FULL;
	return BH_CAP_OK;
}

void m_move(struct model *m, int src, int dst)
{
	m->slot[dst] = m->slot[src];
	for (int s = 0; s < M_NSLOTS; s++)
		if (full(m, s) && m->slot[s].parent == src)
			m->slot[s].parent = dst;
	fill(m, src, M_NONE, 0, 0, M_NONE);
}

static void forget_mapping(struct model *m, int s)
{
	struct m_slot *ms = &m->slot[s];
	const struct m_obj *f = &m->obj[ms->obj];
	int space = ms->map_space;

	expect(m, EV_UNMAP, m->obj[space].handle, m->obj[space].destroyed,
	       ms->map_gpa, f->base, f->npages, ms->map_rights);
	ms->mapped = false;
	ms->map_space = M_NONE;
	ms->map_gpa = 0;
	ms->map_rights = 0;
	reap(m, space);
}

void m_delete(struct model *m, int s)
{
	int o = m->slot[s].obj;

	if (m->slot[s].mapped)
		forget_mapping(m, s);
	for (int c = 0; c < M_NSLOTS; c++)
		if (full(m, c) && m->slot[c].parent == s)
			m->slot[c].parent = m->slot[s].parent;
	fill(m, s, M_NONE, 0, 0, M_NONE);
	if (m_caps(m, o) == 0 && m->obj[o].type != BH_CAP_UNTYPED)
		destroy(m, o);
	reap(m, o);
}

enum bh_cap_error m_check_retype(const struct model *m, int ut, uint64_t pa,
				 uint64_t npages, bool frame, int bitmap, int dst)
{
	const struct m_obj *u;
	uint64_t max = frame ? BH_CAP_FRAME_MAX_PAGES : UINT64_MAX;

	if (!full(m, ut))
		return BH_CAP_ERR_EMPTY;
	if (type_of(m, ut) != BH_CAP_UNTYPED)
		return BH_CAP_ERR_TYPE;
	if (!(m->slot[ut].rights & BH_CAP_RIGHT_WRITE))
		return BH_CAP_ERR_RIGHTS;
	if (npages == 0 || pa % PAGE)
		return BH_CAP_ERR_ARG;
	u = &m->obj[m->slot[ut].obj];
	/* Range in pages, checked without forming addresses that could wrap. */
	if (npages > max || pa < u->base || (pa - u->base) / PAGE >= u->npages ||
	    npages > u->npages - (pa - u->base) / PAGE)
		return BH_CAP_ERR_RANGE;
	if (full(m, dst))
		return BH_CAP_ERR_SLOT_FULL;
	for (uint64_t p = 0; p < npages; p++)
		if (m_page_used(m, m->slot[ut].obj, (pa - u->base) / PAGE + p))
			return BH_CAP_ERR_OVERLAP;
	if (m_alive_objects(m) == M_NOBJECTS)
		return BH_CAP_ERR_NO_OBJECT;
	if (!frame && bitmap == 0)
		return BH_CAP_ERR_ARG;
	if (!frame && u->depth >= BH_CAP_UNTYPED_MAX_DEPTH)
		return BH_CAP_ERR_TOO_DEEP;
	return BH_CAP_OK;
}

void m_retype(struct model *m, int ut, uint64_t pa, uint64_t npages, bool frame,
	      int bitmap, uint64_t handle, int dst)
{
	int uo = m->slot[ut].obj;
	int o = new_object(m, frame ? BH_CAP_FRAME : BH_CAP_UNTYPED, frame ? 0 : handle);

	m->obj[o].base = pa;
	m->obj[o].npages = npages;
	m->obj[o].parent = uo;
	m->obj[o].depth = frame ? 0 : m->obj[uo].depth + 1;
	m->obj[o].bitmap = frame ? 0 : bitmap;
	fill(m, dst, o, m->slot[ut].rights, 0, ut);
}

static unsigned int creator_type(unsigned int type)
{
	if (type == BH_CAP_PARTITION)
		return BH_CAP_CONTROL;
	if (type == BH_CAP_VP || type == BH_CAP_MSG_PORT || type == BH_CAP_EVENT_PORT)
		return BH_CAP_PARTITION;
	return BH_CAP_NULL;
}

enum bh_cap_error m_check_create(const struct model *m, int auth, unsigned int type,
				 int dst)
{
	if (!full(m, auth))
		return BH_CAP_ERR_EMPTY;
	if (creator_type(type) == BH_CAP_NULL)
		return BH_CAP_ERR_ARG;
	if (type_of(m, auth) != creator_type(type))
		return BH_CAP_ERR_TYPE;
	if (!(m->slot[auth].rights & BH_CAP_RIGHT_WRITE))
		return BH_CAP_ERR_RIGHTS;
	if (full(m, dst))
		return BH_CAP_ERR_SLOT_FULL;
	if (m_alive_objects(m) == M_NOBJECTS)
		return BH_CAP_ERR_NO_OBJECT;
	return BH_CAP_OK;
}

void m_create(struct model *m, int auth, unsigned int type, uint64_t handle, int dst)
{
	int o = new_object(m, type, handle);

	fill(m, dst, o, m->slot[auth].rights, 0, auth);
}

enum bh_cap_error m_check_map(const struct model *m, int frame, int space,
			      uint64_t gpa, unsigned int rights)
{
	uint64_t npages;

	if (!full(m, frame))
		return BH_CAP_ERR_EMPTY;
	if (type_of(m, frame) != BH_CAP_FRAME)
		return BH_CAP_ERR_TYPE;
	if (!full(m, space))
		return BH_CAP_ERR_EMPTY;
	if (type_of(m, space) != BH_CAP_PARTITION)
		return BH_CAP_ERR_TYPE;
	if (!(m->slot[space].rights & BH_CAP_RIGHT_WRITE))
		return BH_CAP_ERR_RIGHTS;
	if (rights == 0 || (rights & ~BH_CAP_RIGHTS_MAP) || gpa % PAGE)
		return BH_CAP_ERR_ARG;
	if (rights & ~m->slot[frame].rights)
		return BH_CAP_ERR_RIGHTS;
	npages = m->obj[m->slot[frame].obj].npages;
	/* The last byte must not wrap: gpa + npages pages <= 2^64. */
	if ((UINT64_MAX - gpa) / PAGE + 1 < npages)
		return BH_CAP_ERR_RANGE;
	if (m->slot[frame].mapped)
		return BH_CAP_ERR_MAPPED;
	return BH_CAP_OK;
}

void m_map(struct model *m, int frame, int space, uint64_t gpa, unsigned int rights)
{
	struct m_slot *f = &m->slot[frame];

	f->mapped = true;
	f->map_space = m->slot[space].obj;
	f->map_gpa = gpa;
	f->map_rights = rights;
}

enum bh_cap_error m_check_unmap(const struct model *m, int frame)
{
	if (!full(m, frame))
		return BH_CAP_ERR_EMPTY;
	if (type_of(m, frame) != BH_CAP_FRAME)
		return BH_CAP_ERR_TYPE;
	if (!m->slot[frame].mapped)
		return BH_CAP_ERR_NOT_MAPPED;
	return BH_CAP_OK;
}

void m_unmap(struct model *m, int frame)
{
	forget_mapping(m, frame);
}

/* Slot order, one budget unit per slot visited, position kept between calls. */
enum bh_cap_error m_clear(struct model *m, int cs, unsigned int budget)
{
	if (budget == 0)
		return BH_CAP_ERR_ARG;
	while (m->clear_next[cs] < M_SPACE_SLOTS) {
		int s = cs * (int)M_SPACE_SLOTS + (int)m->clear_next[cs];

		if (budget == 0)
			return BH_CAP_PREEMPTED;
		budget--;
		if (full(m, s))
			m_delete(m, s);
		m->clear_next[cs]++;
	}
	m->clear_next[cs] = 0;
	return BH_CAP_OK;
}

enum bh_cap_error m_check_lookup(const struct model *m, int cs, uint64_t cptr,
				 unsigned int depth, unsigned int type,
				 unsigned int rights)
{
	int s;

	if (depth != M_BITS)
		return BH_CAP_ERR_DEPTH;
	if (cptr >= M_SPACE_SLOTS)
		return BH_CAP_ERR_CPTR;
	s = cs * (int)M_SPACE_SLOTS + (int)cptr;
	if (!full(m, s))
		return BH_CAP_ERR_EMPTY;
	if (type != 0xffu && type != type_of(m, s))
		return BH_CAP_ERR_TYPE;
	if (rights & ~m->slot[s].rights)
		return BH_CAP_ERR_RIGHTS;
	return BH_CAP_OK;
}

int m_region_object(const struct model *m, int region)
{
	for (int o = 0; o < M_NOBJECTS; o++)
		if (m->obj[o].alive && m->obj[o].type == BH_CAP_UNTYPED &&
		    m->obj[o].parent == M_NONE && m->obj[o].base == M_REGION_BASE(region))
			return o;
	return M_NONE;
}

enum bh_cap_error m_check_boot(const struct model *m, int dst)
{
	if (full(m, dst))
		return BH_CAP_ERR_SLOT_FULL;
	if (m_alive_objects(m) == M_NOBJECTS)
		return BH_CAP_ERR_NO_OBJECT;
	return BH_CAP_OK;
}

void m_boot(struct model *m, unsigned int type, int region, uint64_t handle, int dst)
{
	int o = new_object(m, type, handle);

	if (type == BH_CAP_UNTYPED) {
		m->obj[o].base = M_REGION_BASE(region);
		m->obj[o].npages = M_REGION_PAGES;
		m->obj[o].bitmap = M_BITMAP_REGION(region);
	}
	fill(m, dst, o, BH_CAP_RIGHTS_ALL, 0, M_NONE);
}
