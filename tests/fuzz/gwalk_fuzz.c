// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the guest page-table walker. Input: a header choosing
 * the paging mode, feature bits, access, MAXPHYADDR, CR3 and the address,
 * then guest-physical memory (page tables included) starting at GPA 0.
 * Checks: no crash or over-read, at most one read per level, results that
 * stay inside the architecture (error-code bits, page sizes, offsets), and
 * the same answer twice.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <asm/cr.h>
#include <asm/gwalk.h>
#include <asm/msr.h>
#include <asm/paging.h>

struct guest {
	const uint8_t *mem;
	size_t size;
	bool wrap;		/* reads wrap around the memory instead of failing past it */
	unsigned reads;
};

static void check(int cond)
{
	if (!cond)
		abort();
}

static int read_phys(void *opaque, uint64_t gpa, void *buf, size_t len)
{
	struct guest *g = opaque;
	uint8_t *dst = buf;

	g->reads++;
	if (g->size == 0)
		return -1;
	if (!g->wrap) {
		if (gpa >= g->size || len > g->size - gpa)
			return -1;
		memcpy(dst, g->mem + gpa, len);
		return 0;
	}
	for (size_t i = 0; i < len; i++)
		dst[i] = g->mem[(gpa + i) % g->size];
	return 0;
}

static uint64_t take64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

enum { HDR_SIZE = 19, RAW_SIZE = 24 };

static bool same(const struct gwalk_result *a, const struct gwalk_result *b)
{
	return a->status == b->status && a->gpa == b->gpa && a->page_size == b->page_size &&
	       a->error_code == b->error_code && a->fault_addr == b->fault_addr &&
	       a->bad_gpa == b->bad_gpa && a->levels == b->levels;
}

static void check_result(const struct gwalk_ctx *ctx, uint64_t gva, unsigned access,
			 const struct gwalk_result *r, unsigned reads)
{
	unsigned maxphy = ctx->maxphyaddr < PHYS_ADDR_BITS_MIN ? PHYS_ADDR_BITS_MIN :
			  ctx->maxphyaddr > PHYS_ADDR_BITS_MAX ? PHYS_ADDR_BITS_MAX :
			  ctx->maxphyaddr;

	check(r->levels <= PT_MAX_LEVELS && reads <= PT_MAX_LEVELS && r->levels <= reads);
	switch (r->status) {
	case GWALK_OK:
		check(r->page_size == PT_PAGE_4K || r->page_size == PT_PAGE_2M ||
		      r->page_size == PT32_PAGE_4M || r->page_size == PT_PAGE_1G);
		check((r->gpa & (r->page_size - 1)) == (gva & (r->page_size - 1)));
		check(r->gpa >> maxphy == 0);
		break;
	case GWALK_PAGE_FAULT:
		check((r->error_code & ~(PFEC_P | PFEC_W | PFEC_U | PFEC_RSVD | PFEC_I)) == 0);
		check(!!(r->error_code & PFEC_W) == !!(access & GWALK_WRITE));
		check(!!(r->error_code & PFEC_U) == !!(access & GWALK_USER));
		check(!(r->error_code & PFEC_I) || (access & GWALK_FETCH));
		check(!(r->error_code & PFEC_RSVD) || (r->error_code & PFEC_P));
		check(r->levels >= 1);
		break;
	case GWALK_NONCANONICAL:
		check(r->fault_addr == gva && reads == 0);
		break;
	case GWALK_BAD_GPA:
	case GWALK_BAD_STATE:
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint64_t mode_regs[5][3] = {	/* cr0, cr4, efer */
		{ CR0_PE, 0, 0 },
		{ CR0_PE | CR0_PG, 0, 0 },
		{ CR0_PE | CR0_PG, CR4_PAE, 0 },
		{ CR0_PE | CR0_PG, CR4_PAE, EFER_LME | EFER_LMA },
		{ CR0_PE | CR0_PG, CR4_PAE | CR4_LA57, EFER_LME | EFER_LMA },
	};
	struct guest g = { 0 };
	struct gwalk_ctx ctx = { .read_phys = read_phys, .opaque = &g };
	struct gwalk_result r, again;
	unsigned sel, access, mode;
	uint64_t gva;
	uint8_t buf[32];

	if (size < HDR_SIZE)
		return 0;
	sel = data[0];
	access = data[1] & (GWALK_WRITE | GWALK_USER | GWALK_FETCH);
	g.wrap = data[1] & (1u << 4);
	ctx.rflags = (data[1] & (1u << 5)) ? RFLAGS_AC : 0;
	ctx.maxphyaddr = data[2];
	ctx.cr3 = take64(data + 3);
	gva = take64(data + 11);
	data += HDR_SIZE;
	size -= HDR_SIZE;

	mode = sel & 7;
	if (mode < 5) {
		ctx.cr0 = mode_regs[mode][0] | ((sel & (1u << 3)) ? CR0_WP : 0);
		ctx.cr4 = mode_regs[mode][1] | ((sel & (1u << 4)) ? CR4_PSE : 0) |
			  ((sel & (1u << 5)) ? CR4_SMEP : 0) | ((sel & (1u << 6)) ? CR4_SMAP : 0);
		ctx.efer = mode_regs[mode][2] | ((sel & (1u << 7)) ? EFER_NXE : 0);
	} else {
		/* Any control-register values at all. */
		if (size < RAW_SIZE)
			return 0;
		ctx.cr0 = take64(data);
		ctx.cr4 = take64(data + 8);
		ctx.efer = take64(data + 16);
		data += RAW_SIZE;
		size -= RAW_SIZE;
	}
	g.mem = data;
	g.size = size;

	g.reads = 0;
	gwalk_translate(&ctx, gva, access, &r);
	check_result(&ctx, gva, access, &r, g.reads);
	g.reads = 0;
	gwalk_translate(&ctx, gva, access, &again);
	check(same(&r, &again));

	/* A user write that works implies a user read that works. */
	if (r.status == GWALK_OK && (access & GWALK_USER) && (access & GWALK_WRITE)) {
		check(gwalk_translate(&ctx, gva, GWALK_USER, &again) == GWALK_OK);
		check(again.gpa == r.gpa);
	}

	/* Up to 32 bytes, possibly across a page boundary. */
	{
		size_t len = (size_t)(gva >> 59) + 1;

		g.reads = 0;
		gwalk_read_virt(&ctx, gva, buf, len, access, &r);
		check(r.done <= len);
		check(r.status != GWALK_OK || r.done == len);
		check(g.reads <= 2 * (PT_MAX_LEVELS + 1));
	}
	return 0;
}
