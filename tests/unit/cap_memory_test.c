/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of hv/cap: retype, kernel objects, frame mappings and lifetimes. */
#include "test.h"
#include "cap_fixture.h"

#define ALL   BH_CAP_RIGHTS_ALL
#define READ  BH_CAP_RIGHT_READ
#define WRITE BH_CAP_RIGHT_WRITE
#define EXEC  BH_CAP_RIGHT_EXEC
#define GRANT BH_CAP_RIGHT_GRANT
#define PAGE  BH_CAP_PAGE_SIZE

static struct cap_slot *ut(void)
{
	return S(0, FIX_UT_SLOT);
}

static struct cap_slot *ctl(void)
{
	return S(0, FIX_CTL_SLOT);
}

static enum bh_cap_error frame(uint64_t page, uint64_t npages, struct cap_slot *dst)
{
	return cap_retype_frame(&fix.ctx, ut(), FIX_PA(page), npages, dst);
}

static int bit(const uint64_t *bm, uint64_t page)
{
	return (int)((bm[page / 64] >> (page % 64)) & 1);
}

TEST(boot_untyped_errors)
{
	uint64_t bm[1];
	struct cap_slot *dst = S(1, 0);

	fix_setup();
	CHECK_EQ(cap_boot_untyped(&fix.ctx, ut(), 0, 1, bm, 0), BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_boot_untyped(&fix.ctx, dst, 0, 0, bm, 0), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_boot_untyped(&fix.ctx, dst, 0x1001, 1, bm, 0), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_boot_untyped(&fix.ctx, dst, 0, 1, NULL, 0), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_boot_untyped(&fix.ctx, dst, UINT64_MAX - PAGE + 1, 2, bm, 0),
		 BH_CAP_ERR_RANGE);
	/* The very last page of the address space is fine. */
	CHECK_EQ(cap_boot_untyped(&fix.ctx, dst, UINT64_MAX - PAGE + 1, 1, bm, 0),
		 BH_CAP_OK);
	CHECK(fix_is_child(NULL, dst));
}

TEST(boot_untyped_needs_an_object)
{
	struct cap_ctx ctx;
	struct cap_slot slot[1] = { { 0 } };
	uint64_t bm[1] = { 0 };

	cap_ctx_init(&ctx, NULL);
	CHECK_EQ(cap_boot_untyped(&ctx, &slot[0], 0, 1, bm, 0), BH_CAP_ERR_NO_OBJECT);
}

TEST(retype_frame_carves_pages)
{
	struct bh_cap_info info;

	fix_setup();
	CHECK_EQ(frame(10, 3, S(1, 0)), BH_CAP_OK);
	cap_slot_info(S(1, 0), &info);
	CHECK_EQ(info.type, BH_CAP_FRAME);
	CHECK_EQ(info.rights, ALL);
	CHECK_EQ(info.base, FIX_PA(10));
	CHECK_EQ(info.npages, 3);
	CHECK(fix_is_child(ut(), S(1, 0)));
	CHECK(!bit(fix.ut_bitmap, 9));
	CHECK(bit(fix.ut_bitmap, 10) && bit(fix.ut_bitmap, 12));
	CHECK(!bit(fix.ut_bitmap, 13));
}

TEST(retype_frame_errors)
{
	fix_setup();
	CHECK_EQ(cap_retype_frame(&fix.ctx, S(0, 9), FIX_PA(0), 1, S(1, 0)),
		 BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_retype_frame(&fix.ctx, ctl(), FIX_PA(0), 1, S(1, 0)),
		 BH_CAP_ERR_TYPE);
	CHECK_EQ(cap_mint(&fix.ctx, ut(), S(0, 2), READ | GRANT, 0), BH_CAP_OK);
	CHECK_EQ(cap_retype_frame(&fix.ctx, S(0, 2), FIX_PA(0), 1, S(1, 0)),
		 BH_CAP_ERR_RIGHTS);
	CHECK_EQ(frame(0, 0, S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_retype_frame(&fix.ctx, ut(), FIX_PA(1) + 8, 1, S(1, 0)),
		 BH_CAP_ERR_ARG);
	CHECK_EQ(cap_retype_frame(&fix.ctx, ut(), FIX_UT_BASE - PAGE, 1, S(1, 0)),
		 BH_CAP_ERR_RANGE);
	CHECK_EQ(frame(FIX_UT_PAGES, 1, S(1, 0)), BH_CAP_ERR_RANGE);
	CHECK_EQ(frame(FIX_UT_PAGES - 1, 2, S(1, 0)), BH_CAP_ERR_RANGE);
	CHECK_EQ(frame(0, BH_CAP_FRAME_MAX_PAGES + 1, S(1, 0)), BH_CAP_ERR_RANGE);
	CHECK_EQ(cap_retype_frame(&fix.ctx, ut(), UINT64_MAX & ~(PAGE - 1), 1, S(1, 0)),
		 BH_CAP_ERR_RANGE);
	CHECK_EQ(frame(0, 1, S(0, FIX_CTL_SLOT)), BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(fix_nchildren(ut()), 1);
	CHECK_EQ(fix.ut_bitmap[0], 0);
}

TEST(retype_refuses_overlap)
{
	fix_setup();
	CHECK_EQ(frame(60, 8, S(1, 0)), BH_CAP_OK);	/* pages 60..67 span two words */
	CHECK_EQ(frame(60, 8, S(1, 1)), BH_CAP_ERR_OVERLAP);
	CHECK_EQ(frame(59, 2, S(1, 1)), BH_CAP_ERR_OVERLAP);
	CHECK_EQ(frame(67, 1, S(1, 1)), BH_CAP_ERR_OVERLAP);
	CHECK_EQ(frame(0, 128, S(1, 1)), BH_CAP_ERR_OVERLAP);
	CHECK(cap_slot_is_empty(S(1, 1)));
	CHECK_EQ(frame(59, 1, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(frame(68, 60, S(1, 2)), BH_CAP_OK);
	/* A copy of the untyped shares its bitmap. */
	CHECK_EQ(cap_copy(&fix.ctx, ut(), S(2, 0)), BH_CAP_OK);
	CHECK_EQ(cap_retype_frame(&fix.ctx, S(2, 0), FIX_PA(100), 1, S(2, 1)),
		 BH_CAP_ERR_OVERLAP);
	CHECK_EQ(cap_retype_frame(&fix.ctx, S(2, 0), FIX_PA(200), 1, S(2, 1)), BH_CAP_OK);
	CHECK(fix_is_child(S(2, 0), S(2, 1)));
}

TEST(retype_needs_an_object)
{
	unsigned int i;

	fix_setup();
	for (i = 0; cap_ctx_free_objects(&fix.ctx) > 0; i++)
		CHECK_EQ(frame(i, 1, S(1, i)), BH_CAP_OK);
	CHECK_EQ(frame(i, 1, S(1, i)), BH_CAP_ERR_NO_OBJECT);
	CHECK(!bit(fix.ut_bitmap, i));
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 1, S(2, 0)),
		 BH_CAP_ERR_NO_OBJECT);
	/* More storage can be given later. */
	static struct cap_object more[2];
	cap_ctx_add_objects(&fix.ctx, more, 2);
	CHECK_EQ(frame(i, 1, S(1, i)), BH_CAP_OK);
}

TEST(delete_frame_returns_pages)
{
	fix_setup();
	CHECK_EQ(frame(5, 4, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 0), S(2, 0)), BH_CAP_OK);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, 0)), BH_CAP_OK);
	CHECK(bit(fix.ut_bitmap, 5));
	CHECK_EQ(fix.ndestroyed, 0);
	CHECK_EQ(cap_delete(&fix.ctx, S(2, 0)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 1);
	CHECK_EQ(fix.destroyed[0].type, BH_CAP_FRAME);
	CHECK_EQ(fix.destroyed[0].base, FIX_PA(5));
	CHECK_EQ(fix.destroyed[0].npages, 4);
	CHECK_EQ(fix.ut_bitmap[0], 0);
	CHECK_EQ(frame(5, 4, S(1, 0)), BH_CAP_OK);
}

TEST(revoke_untyped_reclaims_everything)
{
	uint64_t *sub_bm = fix.sub_bitmaps[0];
	size_t before;

	fix_setup();
	before = cap_ctx_free_objects(&fix.ctx);
	CHECK_EQ(frame(0, 1, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(frame(1, 64, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_retype_untyped(&fix.ctx, ut(), FIX_PA(128), 64, sub_bm, 5, S(1, 2)),
		 BH_CAP_OK);
	CHECK_EQ(cap_retype_frame(&fix.ctx, S(1, 2), FIX_PA(130), 2, S(2, 0)), BH_CAP_OK);
	CHECK_EQ(cap_mint(&fix.ctx, S(1, 1), S(2, 1), READ, 0), BH_CAP_OK);
	CHECK_EQ(cap_revoke_all(&fix.ctx, ut()), BH_CAP_OK);
	for (unsigned int i = 0; i < CAP_BITMAP_WORDS(FIX_UT_PAGES); i++)
		CHECK_EQ(fix.ut_bitmap[i], 0);
	CHECK_EQ(fix.ndestroyed, 4);
	CHECK_EQ(cap_ctx_free_objects(&fix.ctx), before);
	CHECK_EQ(frame(0, FIX_UT_PAGES, S(1, 0)), BH_CAP_OK);
}

TEST(untyped_outlives_its_caps_while_children_live)
{
	uint64_t *sub_bm = fix.sub_bitmaps[0];

	fix_setup();
	CHECK_EQ(cap_retype_untyped(&fix.ctx, ut(), FIX_PA(64), 64, sub_bm, 0x5b, S(1, 0)),
		 BH_CAP_OK);
	CHECK_EQ(cap_retype_frame(&fix.ctx, S(1, 0), FIX_PA(70), 1, S(1, 1)), BH_CAP_OK);
	CHECK(bit(sub_bm, 6));
	/* The parent cannot hand out pages the child untyped covers. */
	CHECK_EQ(frame(100, 1, S(2, 0)), BH_CAP_ERR_OVERLAP);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, 0)), BH_CAP_OK);
	CHECK(fix_is_child(ut(), S(1, 1)));
	CHECK_EQ(fix.ndestroyed, 0);
	CHECK_EQ(frame(100, 1, S(2, 0)), BH_CAP_ERR_OVERLAP);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 2);
	CHECK_EQ(fix.destroyed[0].type, BH_CAP_FRAME);
	CHECK_EQ(fix.destroyed[1].type, BH_CAP_UNTYPED);
	CHECK_EQ(fix.destroyed[1].handle, 0x5b);
	CHECK(fix.destroyed[1].bitmap == sub_bm);
	CHECK_EQ(fix.ut_bitmap[1], 0);
	CHECK_EQ(frame(64, 64, S(2, 0)), BH_CAP_OK);
}

TEST(retype_untyped_errors_and_depth_limit)
{
	struct cap_slot *parent = ut();
	unsigned int d;

	fix_setup();
	CHECK_EQ(cap_retype_untyped(&fix.ctx, ut(), FIX_PA(0), 8, NULL, 0, S(1, 0)),
		 BH_CAP_ERR_ARG);
	CHECK_EQ(cap_retype_untyped(&fix.ctx, ut(), FIX_PA(0), 0, fix.sub_bitmaps[0], 0,
				    S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_retype_untyped(&fix.ctx, ut(), FIX_PA(250), 8, fix.sub_bitmaps[0], 0,
				    S(1, 0)), BH_CAP_ERR_RANGE);
	/* Untyped may be larger than the frame limit. */
	for (d = 0; d < BH_CAP_UNTYPED_MAX_DEPTH; d++) {
		CHECK_EQ(cap_retype_untyped(&fix.ctx, parent, FIX_PA(d), FIX_UT_PAGES - d,
					    fix.sub_bitmaps[d], d, S(1, d)), BH_CAP_OK);
		parent = S(1, d);
	}
	CHECK_EQ(cap_retype_untyped(&fix.ctx, parent, FIX_PA(d), 1, fix.sub_bitmaps[d], 0,
				    S(1, d)), BH_CAP_ERR_TOO_DEEP);
	CHECK(cap_slot_is_empty(S(1, d)));
	CHECK_EQ(cap_retype_frame(&fix.ctx, parent, FIX_PA(d), 1, S(1, d)), BH_CAP_OK);
	/* Deleting the deepest frame and every untyped cap frees the whole chain. */
	for (d = 0; d < BH_CAP_UNTYPED_MAX_DEPTH; d++)
		CHECK_EQ(cap_delete(&fix.ctx, S(1, d)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 0);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, d)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, BH_CAP_UNTYPED_MAX_DEPTH + 1);
	CHECK_EQ(fix.ut_bitmap[0], 0);
}

TEST(create_checks_authority)
{
	fix_setup();
	CHECK_EQ(cap_create(&fix.ctx, S(0, 9), BH_CAP_PARTITION, 1, S(1, 0)),
		 BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_FRAME, 1, S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_UNTYPED, 1, S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_CONTROL, 1, S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_NULL, 1, S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_NTYPES, 1, S(1, 0)), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_create(&fix.ctx, ut(), BH_CAP_PARTITION, 1, S(1, 0)), BH_CAP_ERR_TYPE);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_VP, 1, S(1, 0)), BH_CAP_ERR_TYPE);
	CHECK_EQ(cap_mint(&fix.ctx, ctl(), S(0, 2), READ | GRANT, 0), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, S(0, 2), BH_CAP_PARTITION, 1, S(1, 0)),
		 BH_CAP_ERR_RIGHTS);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 1, ut()),
		 BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, S(1, 0)), BH_CAP_OK);
	CHECK(fix_is_child(ctl(), S(1, 0)));
	CHECK_EQ(cap_slot_handle(S(1, 0)), 0xa1);
	for (unsigned int t = BH_CAP_VP; t <= BH_CAP_EVENT_PORT; t++) {
		CHECK_EQ(cap_create(&fix.ctx, S(1, 0), t, 0x100 + t, S(1, t)), BH_CAP_OK);
		CHECK_EQ(cap_slot_type(S(1, t)), t);
		CHECK(fix_is_child(S(1, 0), S(1, t)));
	}
}

TEST(revoke_control_tears_down_partitions)
{
	size_t before;

	fix_setup();
	before = cap_ctx_free_objects(&fix.ctx);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, S(1, 0), BH_CAP_VP, 0xb1, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, S(1, 0), BH_CAP_EVENT_PORT, 0xe1, S(1, 2)), BH_CAP_OK);
	/* The partition holds a capability to itself: revoke still reaches it. */
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 0), S(2, 0)), BH_CAP_OK);
	CHECK_EQ(cap_revoke_all(&fix.ctx, ctl()), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 3);
	CHECK_EQ(cap_ctx_free_objects(&fix.ctx), before);
}

TEST(frame_map_records_and_unmap_tells)
{
	struct bh_cap_info info;

	fix_setup();
	CHECK_EQ(frame(8, 2, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, S(1, 0), S(1, 1), 0x200000, READ | EXEC),
		 BH_CAP_OK);
	cap_slot_info(S(1, 0), &info);
	CHECK_EQ(info.map_gpa, 0x200000);
	CHECK_EQ(info.map_rights, READ | EXEC);
	CHECK_EQ(cap_frame_unmap(&fix.ctx, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(fix.nunmapped, 1);
	CHECK_EQ(fix.unmapped[0].space_handle, 0xa1);
	CHECK(!fix.unmapped[0].space_destroyed);
	CHECK_EQ(fix.unmapped[0].gpa, 0x200000);
	CHECK_EQ(fix.unmapped[0].base, FIX_PA(8));
	CHECK_EQ(fix.unmapped[0].npages, 2);
	CHECK_EQ(fix.unmapped[0].rights, READ | EXEC);
	cap_slot_info(S(1, 0), &info);
	CHECK_EQ(info.map_rights, 0);
	CHECK_EQ(cap_frame_unmap(&fix.ctx, S(1, 0)), BH_CAP_ERR_NOT_MAPPED);
}

TEST(frame_map_errors)
{
	struct cap_slot *f = S(1, 0), *p = S(1, 1);

	fix_setup();
	CHECK_EQ(frame(8, 2, f), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, p), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, S(1, 9), p, 0, READ), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_frame_map(&fix.ctx, ut(), p, 0, READ), BH_CAP_ERR_TYPE);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, S(1, 9), 0, READ), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, ctl(), 0, READ), BH_CAP_ERR_TYPE);
	CHECK_EQ(cap_mint(&fix.ctx, p, S(1, 2), READ | GRANT, 0), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, S(1, 2), 0, READ), BH_CAP_ERR_RIGHTS);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, p, 0, 0), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, p, 0, GRANT), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, p, 0x800, READ), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_mint(&fix.ctx, f, S(1, 3), READ | GRANT, 0), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, S(1, 3), p, 0, READ | WRITE), BH_CAP_ERR_RIGHTS);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, p, UINT64_MAX & ~(PAGE - 1), READ),
		 BH_CAP_ERR_RANGE);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, p, 0, READ | WRITE), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, f, p, 0x1000, READ), BH_CAP_ERR_MAPPED);
	CHECK_EQ(cap_frame_unmap(&fix.ctx, S(1, 9)), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_frame_unmap(&fix.ctx, p), BH_CAP_ERR_TYPE);
	CHECK_EQ(fix.nunmapped, 0);
}

TEST(mapping_follows_cap_not_copies)
{
	fix_setup();
	CHECK_EQ(frame(8, 1, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, S(1, 0), S(1, 1), 0x3000, READ), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 0), S(1, 2)), BH_CAP_OK);
	CHECK(S(1, 2)->map_space == NULL);
	CHECK_EQ(cap_frame_map(&fix.ctx, S(1, 2), S(1, 1), 0x4000, READ), BH_CAP_OK);
	CHECK_EQ(cap_move(&fix.ctx, S(1, 0), S(2, 5)), BH_CAP_OK);
	/* Revoking the moved frame cap unmaps its copy but keeps its own mapping. */
	CHECK_EQ(cap_revoke_all(&fix.ctx, S(2, 5)), BH_CAP_OK);
	CHECK_EQ(fix.nunmapped, 1);
	CHECK_EQ(fix.unmapped[0].gpa, 0x4000);
	CHECK_EQ(cap_delete(&fix.ctx, S(2, 5)), BH_CAP_OK);
	CHECK_EQ(fix.nunmapped, 2);
	CHECK_EQ(fix.unmapped[1].gpa, 0x3000);
}

TEST(revoke_untyped_unmaps_frames)
{
	fix_setup();
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, S(2, 0)), BH_CAP_OK);
	for (unsigned int i = 0; i < 8; i++) {
		CHECK_EQ(frame(i, 1, S(1, i)), BH_CAP_OK);
		CHECK_EQ(cap_frame_map(&fix.ctx, S(1, i), S(2, 0), i * PAGE, ALL & ~GRANT),
			 BH_CAP_OK);
	}
	CHECK_EQ(cap_revoke_all(&fix.ctx, ut()), BH_CAP_OK);
	CHECK_EQ(fix.nunmapped, 8);
	CHECK_EQ(fix.ndestroyed, 8);
	CHECK_EQ(fix.ut_bitmap[0], 0);
}

/*
 * A partition dies with frames still mapped into it: its destroy hook runs at
 * once, its object waits for the mappings, and later unmaps say it is gone.
 */
TEST(partition_dies_before_its_mappings)
{
	size_t before;

	fix_setup();
	before = cap_ctx_free_objects(&fix.ctx);
	CHECK_EQ(frame(8, 1, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_create(&fix.ctx, ctl(), BH_CAP_PARTITION, 0xa1, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&fix.ctx, S(1, 0), S(1, 1), 0, READ), BH_CAP_OK);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 1);
	CHECK_EQ(fix.destroyed[0].type, BH_CAP_PARTITION);
	CHECK_EQ(cap_ctx_free_objects(&fix.ctx), before - 2);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(fix.nunmapped, 1);
	CHECK(fix.unmapped[0].space_destroyed);
	CHECK_EQ(fix.unmapped[0].space_handle, 0xa1);
	CHECK_EQ(cap_ctx_free_objects(&fix.ctx), before);
}

TEST(no_hooks_is_fine)
{
	struct cap_ctx ctx;
	struct cap_object objs[4];
	struct cap_slot slots[4];
	uint64_t bm[1] = { 0 };

	memset(slots, 0, sizeof(slots));
	cap_ctx_init(&ctx, NULL);
	cap_ctx_add_objects(&ctx, objs, 4);
	CHECK_EQ(cap_boot_untyped(&ctx, &slots[0], 0, 4, bm, 0), BH_CAP_OK);
	CHECK_EQ(cap_boot_control(&ctx, &slots[1], 0), BH_CAP_OK);
	CHECK_EQ(cap_create(&ctx, &slots[1], BH_CAP_PARTITION, 0, &slots[2]), BH_CAP_OK);
	CHECK_EQ(cap_retype_frame(&ctx, &slots[0], 0, 1, &slots[3]), BH_CAP_OK);
	CHECK_EQ(cap_frame_map(&ctx, &slots[3], &slots[2], 0, BH_CAP_RIGHT_READ), BH_CAP_OK);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(cap_delete(&ctx, &slots[i]), BH_CAP_OK);
	CHECK_EQ(cap_ctx_free_objects(&ctx), 4);
}

int main(void)
{
	return test_main();
}
