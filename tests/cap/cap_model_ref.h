/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference model's state and rules (cap_model.c), used by the harness
 * (cap_harness.c). Slots and objects are small integers; every count is
 * recomputed by scanning, and each rule is written from docs/capabilities.md,
 * not from the library's code.
 */
#ifndef CAP_MODEL_REF_H
#define CAP_MODEL_REF_H

#include <stdbool.h>
#include <stdint.h>

#include <bulkhead/cap.h>

#define M_NSPACES     3
#define M_BITS        4
#define M_SPACE_SLOTS (1 << M_BITS)
#define M_NSLOTS      (M_NSPACES * M_SPACE_SLOTS)
#define M_NOBJECTS    24	/* also the library's pool size */
#define M_NREGIONS    2		/* boot untyped ranges */
#define M_REGION_PAGES 128
#define M_REGION_BASE(r) (0x10000000ull + (uint64_t)(r) * M_REGION_PAGES * BH_CAP_PAGE_SIZE)
#define M_NBITMAPS    5		/* bitmap buffers for retyped untypeds */
#define M_EVENTS_MAX  (4 * M_NSLOTS + 4 * M_NOBJECTS)

/* Bitmap ids: 0 none, 1..M_NBITMAPS the pool, then one per boot region. */
#define M_BITMAP_REGION(r) (M_NBITMAPS + 1 + (r))

#define M_NONE (-1)

struct m_slot {
	int obj;		/* M_NONE: empty */
	unsigned int rights;
	uint64_t badge;
	int parent;		/* slot index, M_NONE for a root */
	bool mapped;
	int map_space;		/* object index of the partition */
	uint64_t map_gpa;
	unsigned int map_rights;
};

struct m_obj {
	bool alive;		/* its storage is in use */
	bool destroyed;		/* destroy event already expected */
	unsigned int type;
	uint64_t handle;
	uint64_t base;
	uint64_t npages;
	int parent;		/* untyped it came from, M_NONE */
	unsigned int depth;
	int bitmap;		/* bitmap id, see above */
};

enum m_event_kind { EV_DESTROY, EV_UNMAP };

/*
 * Destroy: type, handle, base, npages, bitmap id.
 * Unmap: space handle, space destroyed, gpa, base, npages, rights.
 */
struct m_event {
	uint64_t kind;
	uint64_t v[6];
};

struct model {
	struct m_slot slot[M_NSLOTS];
	struct m_obj obj[M_NOBJECTS];
	uint64_t clear_next[M_NSPACES];
	struct m_event events[M_EVENTS_MAX];
	int nevents;
};

void m_init(struct model *m);
int m_caps(const struct model *m, int o);
int m_holds(const struct model *m, int o);
int m_alive_objects(const struct model *m);
bool m_page_used(const struct model *m, int untyped, uint64_t page);
bool m_is_descendant(const struct model *m, int s, int ancestor);
bool m_has_badges(unsigned int type);

/* Each m_check_* returns the error the contract promises; m_* applies success. */
enum bh_cap_error m_check_copy(const struct model *m, int src, int dst);
void m_copy(struct model *m, int src, int dst);
enum bh_cap_error m_check_mint(const struct model *m, int src, int dst,
			       unsigned int rights, uint64_t badge);
void m_mint(struct model *m, int src, int dst, unsigned int rights, uint64_t badge);
enum bh_cap_error m_check_move(const struct model *m, int src, int dst);
void m_move(struct model *m, int src, int dst);
void m_delete(struct model *m, int s);

enum bh_cap_error m_check_retype(const struct model *m, int ut, uint64_t pa,
				 uint64_t npages, bool frame, int bitmap, int dst);
void m_retype(struct model *m, int ut, uint64_t pa, uint64_t npages, bool frame,
	      int bitmap, uint64_t handle, int dst);
enum bh_cap_error m_check_create(const struct model *m, int auth, unsigned int type,
				 int dst);
void m_create(struct model *m, int auth, unsigned int type, uint64_t handle, int dst);
enum bh_cap_error m_check_map(const struct model *m, int frame, int space,
			      uint64_t gpa, unsigned int rights);
void m_map(struct model *m, int frame, int space, uint64_t gpa, unsigned int rights);
enum bh_cap_error m_check_unmap(const struct model *m, int frame);
void m_unmap(struct model *m, int frame);
enum bh_cap_error m_clear(struct model *m, int cs, unsigned int budget);
enum bh_cap_error m_check_lookup(const struct model *m, int cs, uint64_t cptr,
				 unsigned int depth, unsigned int type,
				 unsigned int rights);
/* Boots an untyped over region r (type UNTYPED) or a control capability. */
enum bh_cap_error m_check_boot(const struct model *m, int dst);
void m_boot(struct model *m, unsigned int type, int region, uint64_t handle, int dst);
/* The live boot untyped over region r, or M_NONE. */
int m_region_object(const struct model *m, int region);

#endif
