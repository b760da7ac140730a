// SPDX-License-Identifier: GPL-2.0
/* Guest page-table walker: the guest's own paging, read-only, with exact #PF error codes. */
#include <asm/cr.h>
#include <asm/gwalk.h>
#include <asm/msr.h>
#include <asm/paging.h>

enum walk_mode {
	WALK_NO_PAGING,
	WALK_32BIT,		/* SDM Vol 3 4.3 */
	WALK_PAE,		/* SDM Vol 3 4.4 */
	WALK_4LEVEL,		/* SDM Vol 3 4.5 */
	WALK_5LEVEL,
	WALK_BAD_STATE,
};

#define BITS_PER_BYTE      8u
#define VA_BITS            64u
#define LINEAR_32BIT_MASK  PTE_BITS(31, 0)
#define PT32_INDEX_MASK    ((1u << PT32_INDEX_BITS) - 1)
#define PT_INDEX_MASK      ((1u << PT_INDEX_BITS) - 1)
#define PAE_PDPT_INDEX_MASK ((1u << PAE_PDPT_INDEX_BITS) - 1)
#define PAE_PDPT_LEVEL     2u
#define PDE_LEVEL          1u
#define PDPTE_LEVEL        2u

struct walker {
	const struct gwalk_ctx *ctx;
	struct gwalk_result *out;
	enum walk_mode mode;
	unsigned access;
	uint64_t va;		/* the linear address, truncated to the mode's width */
	unsigned maxphy;	/* MAXPHYADDR, clamped */
	uint64_t addr_mask;	/* page-frame bits of 8-byte entries: MAXPHYADDR-1:12 */
	bool nxe;
};

static enum walk_mode walk_mode_of(const struct gwalk_ctx *ctx)
{
	bool pg = ctx->cr0 & CR0_PG, pae = ctx->cr4 & CR4_PAE, lma = ctx->efer & EFER_LMA;

	if (pg && !(ctx->cr0 & CR0_PE))
		return WALK_BAD_STATE;
	if (lma && (!pg || !pae))
		return WALK_BAD_STATE;
	if (!pg)
		return WALK_NO_PAGING;
	if (lma)
		return (ctx->cr4 & CR4_LA57) ? WALK_5LEVEL : WALK_4LEVEL;
	return pae ? WALK_PAE : WALK_32BIT;
}

static unsigned levels_of(enum walk_mode mode)
{
	switch (mode) {
	case WALK_32BIT:	return 2;
	case WALK_PAE:		return 3;
	case WALK_4LEVEL:	return 4;
	default:		return PT_MAX_LEVELS;
	}
}

/* The CPU reports I/D only when NX or SMEP is in use (SDM Vol 3 4.7). */
static uint32_t access_error_bits(const struct walker *w)
{
	uint32_t ec = 0;

	if (w->access & GWALK_WRITE)
		ec |= PFEC_W;
	if (w->access & GWALK_USER)
		ec |= PFEC_U;
	if ((w->access & GWALK_FETCH) &&
	    ((w->ctx->cr4 & CR4_SMEP) || (w->mode != WALK_32BIT && w->nxe)))
		ec |= PFEC_I;
	return ec;
}

static enum gwalk_status page_fault(struct walker *w, uint32_t ec)
{
	w->out->status = GWALK_PAGE_FAULT;
	w->out->error_code = ec | access_error_bits(w);
	w->out->fault_addr = w->va;
	return GWALK_PAGE_FAULT;
}

/* Reads one little-endian paging-structure entry of size 4 or 8. */
static enum gwalk_status read_entry(struct walker *w, uint64_t gpa, unsigned size,
				    uint64_t *entry)
{
	uint8_t b[sizeof(uint64_t)] = { 0 };
	uint64_t v = 0;

	if (w->ctx->read_phys(w->ctx->opaque, gpa, b, size) != 0) {
		w->out->status = GWALK_BAD_GPA;
		w->out->bad_gpa = gpa;
		return GWALK_BAD_GPA;
	}
	for (unsigned i = size; i-- > 0;)
		v = v << BITS_PER_BYTE | b[i];
	*entry = v;
	w->out->levels++;
	return GWALK_OK;
}

/* May this level map a page directly (PS = 1)? */
static bool large_page_allowed(const struct walker *w, unsigned level)
{
	switch (w->mode) {
	case WALK_32BIT:	return level == PDE_LEVEL && (w->ctx->cr4 & CR4_PSE);
	case WALK_PAE:		return level == PDE_LEVEL;
	default:		return level == PDE_LEVEL || level == PDPTE_LEVEL;
	}
}

/* Reserved bits of an entry at level (SDM Vol 3 tables 4-4 to 4-20). */
static uint64_t reserved_bits(const struct walker *w, unsigned level, bool leaf)
{
	uint64_t nx = w->nxe ? 0 : PTE_NX;

	switch (w->mode) {
	case WALK_32BIT: {
		/* Only a 4 MiB PDE has any: bits 21:13 less what PSE-36 uses for PA 39:32. */
		unsigned high = w->maxphy < PDE32_4M_HIGH_LIMIT ? w->maxphy : PDE32_4M_HIGH_LIMIT;

		if (!leaf || level != PDE_LEVEL)
			return 0;
		return PTE_BITS(PDE32_4M_RSVD_TOP, PDE32_4M_HIGH_SHIFT + high - PHYS_ADDR_BITS_MIN);
	}
	case WALK_PAE:
		if (level == PAE_PDPT_LEVEL)
			return PAE_PDPTE_RSVD | PTE_BITS(63, w->maxphy);
		return PTE_BITS(62, w->maxphy) | nx | (leaf && level == PDE_LEVEL ? PDE_2M_RSVD : 0);
	default: {
		uint64_t rsvd = PTE_BITS(PHYS_ADDR_BITS_MAX - 1, w->maxphy) | nx;

		if (level > PDPTE_LEVEL)
			rsvd |= PTE_PS;	/* no pages at the PML4E and PML5E levels */
		else if (leaf && level == PDPTE_LEVEL)
			rsvd |= PDPTE_1G_RSVD;
		else if (leaf && level == PDE_LEVEL)
			rsvd |= PDE_2M_RSVD;
		return rsvd;
	}
	}
}

static unsigned index_of(const struct walker *w, unsigned level)
{
	if (w->mode == WALK_32BIT)
		return (unsigned)(w->va >> PT32_LEVEL_SHIFT(level)) & PT32_INDEX_MASK;
	if (w->mode == WALK_PAE && level == PAE_PDPT_LEVEL)
		return (unsigned)(w->va >> PT_LEVEL_SHIFT(level)) & PAE_PDPT_INDEX_MASK;
	return (unsigned)(w->va >> PT_LEVEL_SHIFT(level)) & PT_INDEX_MASK;
}

static uint64_t page_size_of(const struct walker *w, unsigned level)
{
	if (w->mode == WALK_32BIT)
		return level ? PT32_PAGE_4M : PT_PAGE_4K;
	return 1ull << PT_LEVEL_SHIFT(level);
}

/* The guest-physical address a leaf entry maps va to. */
static uint64_t leaf_address(const struct walker *w, uint64_t entry, uint64_t size)
{
	uint64_t offset = w->va & (size - 1);

	if (w->mode != WALK_32BIT)
		return (entry & w->addr_mask & ~(size - 1)) | offset;
	if (size == PT_PAGE_4K)
		return (entry & PT32_ADDR_MASK) | offset;
	/* PSE-36: PDE bits 20:13 are PA bits 39:32; reserved_bits() rejected those beyond M. */
	return (entry & PDE32_4M_ADDR_MASK) |
	       ((entry & PTE_BITS(PDE32_4M_RSVD_TOP - 1, PDE32_4M_HIGH_SHIFT)) >> PDE32_4M_HIGH_SHIFT)
		       << PHYS_ADDR_BITS_MIN |
	       offset;
}

/* Access rights from every level, checked as SDM Vol 3 4.6 says. */
static bool access_allowed(const struct walker *w, bool writable, bool user, bool executable)
{
	const struct gwalk_ctx *ctx = w->ctx;
	bool write = w->access & GWALK_WRITE, fetch = w->access & GWALK_FETCH;

	if (w->access & GWALK_USER)
		return user && (!write || writable) && (!fetch || executable);
	if (fetch)
		return executable && !(user && (ctx->cr4 & CR4_SMEP));
	if (user && (ctx->cr4 & CR4_SMAP) && !(ctx->rflags & RFLAGS_AC))
		return false;
	return !write || writable || !(ctx->cr0 & CR0_WP);
}

static uint64_t root_table(const struct walker *w)
{
	switch (w->mode) {
	case WALK_32BIT:	return w->ctx->cr3 & CR3_PT32_ADDR_MASK;
	case WALK_PAE:		return w->ctx->cr3 & CR3_PAE_PDPT_MASK;
	default:		return w->ctx->cr3 & w->addr_mask;
	}
}

static enum gwalk_status walk(struct walker *w)
{
	unsigned entry_size = w->mode == WALK_32BIT ? sizeof(uint32_t) : sizeof(uint64_t);
	uint64_t table = root_table(w), entry = 0;
	bool writable = true, user = true, executable = true;
	unsigned level = levels_of(w->mode);

	/* At most five iterations: the loop counts levels down, never follows guest data. */
	while (level-- > 0) {
		uint64_t gpa = table + (uint64_t)index_of(w, level) * entry_size;
		enum gwalk_status st = read_entry(w, gpa, entry_size, &entry);
		bool leaf;

		if (st != GWALK_OK)
			return st;
		if (!(entry & PTE_P))
			return page_fault(w, 0);
		leaf = level == 0 || (large_page_allowed(w, level) && (entry & PTE_PS));
		if (entry & reserved_bits(w, level, leaf))
			return page_fault(w, PFEC_P | PFEC_RSVD);
		/* PAE PDPTEs carry no access rights (bits 2:1 and 63 are reserved there). */
		if (!(w->mode == WALK_PAE && level == PAE_PDPT_LEVEL)) {
			writable = writable && (entry & PTE_W);
			user = user && (entry & PTE_U);
			if (w->mode != WALK_32BIT && w->nxe && (entry & PTE_NX))
				executable = false;
		}
		if (leaf) {
			uint64_t size = page_size_of(w, level);

			if (!access_allowed(w, writable, user, executable))
				return page_fault(w, PFEC_P);
			w->out->gpa = leaf_address(w, entry, size);
			w->out->page_size = size;
			w->out->pte = entry;
			w->out->writable = writable;
			w->out->user = user;
			w->out->executable = executable;
			w->out->status = GWALK_OK;
			return GWALK_OK;
		}
		table = w->mode == WALK_32BIT ? entry & PT32_ADDR_MASK : entry & w->addr_mask;
	}
	return GWALK_BAD_STATE;	/* unreachable: level 0 is always a leaf */
}

static bool is_canonical(uint64_t va, unsigned bits)
{
	/* Bits 63:bits must copy bit bits-1. */
	int64_t extended = (int64_t)(va << (VA_BITS - bits)) >> (VA_BITS - bits);

	return (uint64_t)extended == va;
}

enum gwalk_status gwalk_translate(const struct gwalk_ctx *ctx, uint64_t gva, unsigned access,
				  struct gwalk_result *out)
{
	struct walker w = { .ctx = ctx, .out = out, .access = access, .va = gva };

	*out = (struct gwalk_result){ .status = GWALK_BAD_STATE };
	w.mode = walk_mode_of(ctx);
	w.maxphy = ctx->maxphyaddr < PHYS_ADDR_BITS_MIN ? PHYS_ADDR_BITS_MIN :
		   ctx->maxphyaddr > PHYS_ADDR_BITS_MAX ? PHYS_ADDR_BITS_MAX : ctx->maxphyaddr;
	w.addr_mask = PTE_BITS(w.maxphy - 1, PT_LEVEL_SHIFT(0));
	w.nxe = ctx->efer & EFER_NXE;

	switch (w.mode) {
	case WALK_BAD_STATE:
		return GWALK_BAD_STATE;
	case WALK_NO_PAGING:
		out->status = GWALK_OK;
		out->gpa = gva & LINEAR_32BIT_MASK;
		out->page_size = PT_PAGE_4K;
		out->writable = out->user = out->executable = true;
		return GWALK_OK;
	case WALK_32BIT:
	case WALK_PAE:
		w.va = gva & LINEAR_32BIT_MASK;
		break;
	default:
		if (!is_canonical(gva, w.mode == WALK_5LEVEL ? PT_VA_BITS_5LEVEL : PT_VA_BITS_4LEVEL)) {
			out->status = GWALK_NONCANONICAL;
			out->fault_addr = gva;
			return GWALK_NONCANONICAL;
		}
		break;
	}
	return walk(&w);
}

enum gwalk_status gwalk_read_virt(const struct gwalk_ctx *ctx, uint64_t gva, void *buf,
				  size_t len, unsigned access, struct gwalk_result *fault_out)
{
	struct gwalk_result r = { .status = GWALK_OK };
	uint8_t *dst = buf;
	size_t done = 0;

	/* One translation per 4 KiB piece: at most len / 4096 + 2 iterations. */
	while (done < len) {
		uint64_t va = gva + done;
		size_t chunk = PT_PAGE_4K - (size_t)(va & PT_PAGE_OFFSET_MASK);

		if (chunk > len - done)
			chunk = len - done;
		if (gwalk_translate(ctx, va, access, &r) != GWALK_OK)
			break;
		if (ctx->read_phys(ctx->opaque, r.gpa, dst + done, chunk) != 0) {
			r.status = GWALK_BAD_GPA;
			r.bad_gpa = r.gpa;
			break;
		}
		done += chunk;
	}
	r.done = done;
	if (fault_out)
		*fault_out = r;
	return r.status;
}

const char *gwalk_status_name(enum gwalk_status status)
{
	switch (status) {
	case GWALK_OK:			return "ok";
	case GWALK_PAGE_FAULT:		return "page fault";
	case GWALK_NONCANONICAL:	return "non-canonical";
	case GWALK_BAD_GPA:		return "bad GPA";
	case GWALK_BAD_STATE:		return "bad paging state";
	default:			return "?";
	}
}
