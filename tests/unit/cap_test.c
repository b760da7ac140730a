/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of hv/cap: CSpace lookups and the derivation operations. */
#include "test.h"
#include "cap_fixture.h"

#define ALL   BH_CAP_RIGHTS_ALL
#define READ  BH_CAP_RIGHT_READ
#define WRITE BH_CAP_RIGHT_WRITE
#define EXEC  BH_CAP_RIGHT_EXEC
#define GRANT BH_CAP_RIGHT_GRANT

/* Creates a partition from the control capability into CSpace s, slot i. */
static struct cap_slot *make_partition(int s, unsigned int i, uint64_t handle)
{
	CHECK_EQ(cap_create(&fix.ctx, S(0, FIX_CTL_SLOT), BH_CAP_PARTITION,
			    handle, S(s, i)), BH_CAP_OK);
	return S(s, i);
}

/* Creates a message port of a new partition into CSpace s, slot i. */
static struct cap_slot *make_port(int s, unsigned int i)
{
	struct cap_slot *p = make_partition(0, FIX_NSLOTS - 1, 0x9a);

	CHECK_EQ(cap_create(&fix.ctx, p, BH_CAP_MSG_PORT, 0x90, S(s, i)), BH_CAP_OK);
	return S(s, i);
}

TEST(cspace_init_checks_bits)
{
	struct cspace cs;
	struct cap_slot slot[2];

	CHECK_EQ(cspace_init(&cs, slot, 0), BH_CAP_ERR_ARG);
	CHECK_EQ(cspace_init(&cs, slot, BH_CAP_CSPACE_MAX_BITS + 1), BH_CAP_ERR_ARG);
	CHECK_EQ(cspace_init(&cs, NULL, 1), BH_CAP_ERR_ARG);
	CHECK_EQ(cspace_init(&cs, slot, 1), BH_CAP_OK);
	CHECK_EQ(cs.bits, 1);
}

TEST(resolve_checks_depth_then_cptr)
{
	struct cap_slot *s = NULL;

	fix_setup();
	CHECK_EQ(cspace_resolve(&fix.cs[0], 3, FIX_BITS - 1, &s), BH_CAP_ERR_DEPTH);
	CHECK_EQ(cspace_resolve(&fix.cs[0], 3, FIX_BITS + 1, &s), BH_CAP_ERR_DEPTH);
	CHECK_EQ(cspace_resolve(&fix.cs[0], FIX_NSLOTS, FIX_BITS, &s), BH_CAP_ERR_CPTR);
	CHECK_EQ(cspace_resolve(&fix.cs[0], UINT64_MAX, FIX_BITS, &s), BH_CAP_ERR_CPTR);
	CHECK(s == NULL);
	CHECK_EQ(cspace_resolve(&fix.cs[0], FIX_NSLOTS - 1, FIX_BITS, &s), BH_CAP_OK);
	CHECK(s == S(0, FIX_NSLOTS - 1));
}

TEST(lookup_says_why)
{
	struct cap_slot *s = NULL;
	struct cspace *cs = &fix.cs[0];

	fix_setup();
	CHECK_EQ(cspace_lookup(cs, 1, 2, BH_CAP_CONTROL, 0, &s), BH_CAP_ERR_DEPTH);
	CHECK_EQ(cspace_lookup(cs, 1u << FIX_BITS, FIX_BITS, BH_CAP_CONTROL, 0, &s),
		 BH_CAP_ERR_CPTR);
	CHECK_EQ(cspace_lookup(cs, 5, FIX_BITS, CAP_TYPE_ANY, 0, &s), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cspace_lookup(cs, FIX_CTL_SLOT, FIX_BITS, BH_CAP_UNTYPED, 0, &s),
		 BH_CAP_ERR_TYPE);
	CHECK_EQ(cap_mint(&fix.ctx, S(0, FIX_CTL_SLOT), S(0, 2), READ, 0), BH_CAP_OK);
	CHECK_EQ(cspace_lookup(cs, 2, FIX_BITS, BH_CAP_CONTROL, WRITE, &s),
		 BH_CAP_ERR_RIGHTS);
	CHECK(s == NULL);
	CHECK_EQ(cspace_lookup(cs, 2, FIX_BITS, BH_CAP_CONTROL, READ, &s), BH_CAP_OK);
	CHECK(s == S(0, 2));
	CHECK_EQ(cspace_lookup(cs, FIX_UT_SLOT, FIX_BITS, CAP_TYPE_ANY, ALL, &s), BH_CAP_OK);
	CHECK(s == S(0, FIX_UT_SLOT));
}

TEST(lookup_empty_wants_empty)
{
	struct cap_slot *s = NULL;

	fix_setup();
	CHECK_EQ(cspace_lookup_empty(&fix.cs[0], FIX_CTL_SLOT, FIX_BITS, &s),
		 BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cspace_lookup_empty(&fix.cs[0], 9, 3, &s), BH_CAP_ERR_DEPTH);
	CHECK_EQ(cspace_lookup_empty(&fix.cs[0], FIX_NSLOTS, FIX_BITS, &s), BH_CAP_ERR_CPTR);
	CHECK(s == NULL);
	CHECK_EQ(cspace_lookup_empty(&fix.cs[0], 9, FIX_BITS, &s), BH_CAP_OK);
	CHECK(s == S(0, 9));
}

TEST(boot_control_is_a_root)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_slot_type(ctl), BH_CAP_CONTROL);
	CHECK_EQ(cap_slot_rights(ctl), ALL);
	CHECK_EQ(cap_slot_handle(ctl), 0xc0);
	CHECK(fix_is_child(NULL, ctl));
	CHECK_EQ(cap_boot_control(&fix.ctx, ctl, 1), BH_CAP_ERR_SLOT_FULL);
}

TEST(boot_control_needs_an_object)
{
	struct cap_ctx ctx;
	struct cap_slot slot[1] = { { 0 } };

	cap_ctx_init(&ctx, NULL);
	CHECK_EQ(cap_boot_control(&ctx, &slot[0], 1), BH_CAP_ERR_NO_OBJECT);
	CHECK(cap_slot_is_empty(&slot[0]));
}

TEST(copy_derives_a_child)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 3)), BH_CAP_OK);
	CHECK_EQ(cap_slot_type(S(1, 3)), BH_CAP_CONTROL);
	CHECK_EQ(cap_slot_rights(S(1, 3)), ALL);
	CHECK(cap_slot_object(S(1, 3)) == cap_slot_object(ctl));
	CHECK(fix_is_child(ctl, S(1, 3)));
	CHECK_EQ(fix_nchildren(ctl), 1);
}

TEST(copy_errors)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 7), S(0, 8)), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_copy(&fix.ctx, ctl, ctl), BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(0, FIX_UT_SLOT)), BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_mint(&fix.ctx, ctl, S(0, 2), READ | WRITE, 0), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 2), S(0, 3)), BH_CAP_ERR_RIGHTS);
	CHECK(cap_slot_is_empty(S(0, 3)));
	CHECK_EQ(fix_nchildren(S(0, 2)), 0);
}

TEST(copy_keeps_badge)
{
	fix_setup();
	make_port(0, 2);
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 2), S(0, 3), ALL, 0x55), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 3), S(1, 0)), BH_CAP_OK);
	CHECK_EQ(S(1, 0)->badge, 0x55);
}

TEST(mint_masks_rights)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_mint(&fix.ctx, ctl, S(0, 2), READ | GRANT, 0), BH_CAP_OK);
	CHECK_EQ(cap_slot_rights(S(0, 2)), READ | GRANT);
	/* Asking for more than the source has yields only what it has. */
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 2), S(0, 3), ALL, 0), BH_CAP_OK);
	CHECK_EQ(cap_slot_rights(S(0, 3)), READ | GRANT);
	CHECK(fix_is_child(S(0, 2), S(0, 3)));
	CHECK(fix_is_child(ctl, S(0, 2)));
}

TEST(mint_errors)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 9), S(0, 2), READ, 0), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_mint(&fix.ctx, ctl, S(0, 2), 0x10, 0), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_mint(&fix.ctx, ctl, S(0, 2), READ, 7), BH_CAP_ERR_BADGE);
	CHECK_EQ(cap_mint(&fix.ctx, ctl, S(0, FIX_UT_SLOT), READ, 0), BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_mint(&fix.ctx, ctl, S(0, 2), WRITE, 0), BH_CAP_OK);
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 2), S(0, 3), WRITE, 0), BH_CAP_ERR_RIGHTS);
	CHECK(cap_slot_is_empty(S(0, 3)));
}

TEST(mint_badges_ports_once)
{
	fix_setup();
	make_port(0, 2);
	CHECK_EQ(S(0, 2)->badge, BH_CAP_BADGE_NONE);
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 2), S(0, 3), ALL, 0x1234), BH_CAP_OK);
	CHECK_EQ(cap_slot_badge(S(0, 3)), 0x1234);
	CHECK_EQ(cap_slot_badge(S(0, FIX_CTL_SLOT)), BH_CAP_BADGE_NONE);
	CHECK_EQ(cap_slot_badge(S(0, 40)), BH_CAP_BADGE_NONE);
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 3), S(0, 4), ALL, 0x99), BH_CAP_ERR_BADGE);
	/* Minting without a badge keeps the one it has. */
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 3), S(0, 4), READ | GRANT, 0), BH_CAP_OK);
	CHECK_EQ(S(0, 4)->badge, 0x1234);
	CHECK_EQ(cap_slot_rights(S(0, 4)), READ | GRANT);
}

TEST(move_keeps_place_in_tree)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(0, 2)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 2), S(0, 3)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 2), S(0, 4)), BH_CAP_OK);
	CHECK_EQ(cap_move(&fix.ctx, S(0, 2), S(2, 7)), BH_CAP_OK);
	CHECK(cap_slot_is_empty(S(0, 2)));
	CHECK_EQ(cap_slot_type(S(2, 7)), BH_CAP_CONTROL);
	CHECK(fix_is_child(ctl, S(2, 7)));
	CHECK_EQ(fix_nchildren(ctl), 1);
	CHECK(fix_is_child(S(2, 7), S(0, 3)));
	CHECK(fix_is_child(S(2, 7), S(0, 4)));
	CHECK_EQ(fix_nchildren(S(2, 7)), 2);
	/* A moved root stays a root. */
	CHECK_EQ(cap_move(&fix.ctx, ctl, S(1, 1)), BH_CAP_OK);
	CHECK(fix_is_child(NULL, S(1, 1)));
	CHECK(fix_is_child(S(1, 1), S(2, 7)));
}

TEST(move_errors)
{
	fix_setup();
	CHECK_EQ(cap_move(&fix.ctx, S(0, 5), S(0, 6)), BH_CAP_ERR_EMPTY);
	CHECK_EQ(cap_move(&fix.ctx, S(0, FIX_CTL_SLOT), S(0, FIX_UT_SLOT)),
		 BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_move(&fix.ctx, S(0, FIX_CTL_SLOT), S(0, FIX_CTL_SLOT)),
		 BH_CAP_ERR_SLOT_FULL);
	CHECK_EQ(cap_slot_type(S(0, FIX_CTL_SLOT)), BH_CAP_CONTROL);
}

TEST(delete_moves_children_up)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(0, 2)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(0, 3)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 2), S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, 2), S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_delete(&fix.ctx, S(0, 2)), BH_CAP_OK);
	CHECK(cap_slot_is_empty(S(0, 2)));
	CHECK_EQ(fix_nchildren(ctl), 3);
	CHECK(fix_is_child(ctl, S(1, 0)));
	CHECK(fix_is_child(ctl, S(1, 1)));
	CHECK(fix_is_child(ctl, S(0, 3)));
	CHECK_EQ(fix.ndestroyed, 0);
	/* Deleting a root puts its children among the roots. */
	CHECK_EQ(cap_delete(&fix.ctx, ctl), BH_CAP_OK);
	CHECK(fix_is_child(NULL, S(1, 0)));
	CHECK(fix_is_child(NULL, S(0, 3)));
	CHECK_EQ(fix.ndestroyed, 0);
	CHECK_EQ(cap_delete(&fix.ctx, S(0, 2)), BH_CAP_ERR_EMPTY);
}

TEST(delete_last_cap_destroys_object)
{
	size_t before;

	fix_setup();
	before = cap_ctx_free_objects(&fix.ctx);
	make_partition(1, 4, 0xabc);
	CHECK_EQ(cap_ctx_free_objects(&fix.ctx), before - 1);
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 4), S(2, 4)), BH_CAP_OK);
	CHECK_EQ(cap_delete(&fix.ctx, S(1, 4)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 0);
	CHECK_EQ(cap_delete(&fix.ctx, S(2, 4)), BH_CAP_OK);
	CHECK_EQ(fix.ndestroyed, 1);
	CHECK_EQ(fix.destroyed[0].type, BH_CAP_PARTITION);
	CHECK_EQ(fix.destroyed[0].handle, 0xabc);
	CHECK_EQ(cap_ctx_free_objects(&fix.ctx), before);
}

TEST(revoke_reaches_every_cspace)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 0), S(2, 0)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(2, 0), S(0, 9)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(2, 1)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(0, FIX_UT_SLOT), S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_revoke_all(&fix.ctx, ctl), BH_CAP_OK);
	CHECK(cap_slot_is_empty(S(1, 0)));
	CHECK(cap_slot_is_empty(S(2, 0)));
	CHECK(cap_slot_is_empty(S(0, 9)));
	CHECK(cap_slot_is_empty(S(2, 1)));
	CHECK_EQ(cap_slot_type(ctl), BH_CAP_CONTROL);
	CHECK_EQ(fix_nchildren(ctl), 0);
	/* Another tree is untouched. */
	CHECK_EQ(cap_slot_type(S(1, 1)), BH_CAP_UNTYPED);
	CHECK_EQ(fix.ndestroyed, 0);
}

TEST(revoke_preempts_and_resumes)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);
	unsigned int done = 99, total = 0, calls = 0;
	enum bh_cap_error err;

	fix_setup();
	/* Ten descendants: a chain of five and five leaves. */
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 0)), BH_CAP_OK);
	for (unsigned int i = 1; i < 5; i++)
		CHECK_EQ(cap_copy(&fix.ctx, S(1, i - 1), S(1, i)), BH_CAP_OK);
	for (unsigned int i = 0; i < 5; i++)
		CHECK_EQ(cap_copy(&fix.ctx, S(1, 2), S(2, i)), BH_CAP_OK);
	do {
		err = cap_revoke(&fix.ctx, ctl, 3, &done);
		CHECK(done <= 3);
		total += done;
		calls++;
	} while (err == BH_CAP_PREEMPTED);
	CHECK_EQ(err, BH_CAP_OK);
	CHECK_EQ(total, 10);
	CHECK_EQ(calls, 4);
	CHECK_EQ(fix_nchildren(ctl), 0);
	/* Nothing left: a further call is a no-op. */
	CHECK_EQ(cap_revoke(&fix.ctx, ctl, 1, &done), BH_CAP_OK);
	CHECK_EQ(done, 0);
}

TEST(revoke_exact_budget_finishes)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);
	unsigned int done;

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 1)), BH_CAP_OK);
	CHECK_EQ(cap_revoke(&fix.ctx, ctl, 2, &done), BH_CAP_OK);
	CHECK_EQ(done, 2);
}

TEST(revoke_errors)
{
	unsigned int done = 99;

	fix_setup();
	CHECK_EQ(cap_revoke(&fix.ctx, S(0, 5), 1, &done), BH_CAP_ERR_EMPTY);
	CHECK_EQ(done, 0);
	CHECK_EQ(cap_revoke(&fix.ctx, S(0, FIX_CTL_SLOT), 0, NULL), BH_CAP_ERR_ARG);
	CHECK_EQ(cap_revoke_all(&fix.ctx, S(0, 5)), BH_CAP_ERR_EMPTY);
}

/* A 4,000-deep chain: revoke and delete must not recurse on depth. */
TEST(revoke_deep_chain)
{
	enum { BITS = 12, N = 4000, DESCENDANTS = N - 1, BUDGET = 64 };
	static struct cap_slot slots[1u << BITS];
	struct cspace cs;
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);
	unsigned int done, steps = 0;

	fix_setup();
	memset(slots, 0, sizeof(slots));
	CHECK_EQ(cspace_init(&cs, slots, BITS), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, ctl, &slots[0]), BH_CAP_OK);
	for (unsigned int i = 1; i < N; i++)
		CHECK_EQ(cap_copy(&fix.ctx, &slots[i - 1], &slots[i]), BH_CAP_OK);
	/* Deleting the middle joins the two halves of the chain. */
	CHECK_EQ(cap_delete(&fix.ctx, &slots[N / 2]), BH_CAP_OK);
	CHECK(fix_is_child(&slots[N / 2 - 1], &slots[N / 2 + 1]));
	while (cap_revoke(&fix.ctx, ctl, BUDGET, &done) == BH_CAP_PREEMPTED)
		steps++;
	/* Every call but the last deletes a full budget. */
	CHECK_EQ(steps, (DESCENDANTS - 1) / BUDGET);
	for (unsigned int i = 0; i < N; i++)
		CHECK(cap_slot_is_empty(&slots[i]));
}

TEST(cspace_clear_in_steps)
{
	struct cap_slot *ctl = S(0, FIX_CTL_SLOT);
	int calls = 0;
	enum bh_cap_error err;

	fix_setup();
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 0), S(1, 10)), BH_CAP_OK);
	CHECK_EQ(cap_copy(&fix.ctx, S(1, 10), S(2, 3)), BH_CAP_OK);
	make_partition(1, FIX_NSLOTS - 1, 0x77);
	CHECK_EQ(cspace_clear(&fix.ctx, &fix.cs[1], 0), BH_CAP_ERR_ARG);
	do {
		err = cspace_clear(&fix.ctx, &fix.cs[1], 16);
		calls++;
	} while (err == BH_CAP_PREEMPTED);
	CHECK_EQ(err, BH_CAP_OK);
	CHECK_EQ(calls, FIX_NSLOTS / 16);
	for (unsigned int i = 0; i < FIX_NSLOTS; i++)
		CHECK(cap_slot_is_empty(S(1, i)));
	/* What was derived from the cleared CSpace survives, moved up. */
	CHECK(fix_is_child(ctl, S(2, 3)));
	CHECK_EQ(fix.ndestroyed, 1);
	CHECK_EQ(fix.destroyed[0].handle, 0x77);
	/* The position was reset: clearing again starts from slot 0. */
	CHECK_EQ(cap_copy(&fix.ctx, ctl, S(1, 0)), BH_CAP_OK);
	CHECK_EQ(cspace_clear(&fix.ctx, &fix.cs[1], FIX_NSLOTS), BH_CAP_OK);
	CHECK(cap_slot_is_empty(S(1, 0)));
}

TEST(tree_walk_lists_roots)
{
	int n = 0;

	fix_setup();
	for (struct cap_slot *c = cap_first_child(&fix.ctx, NULL); c;
	     c = cap_next_sibling(&fix.ctx, NULL, c))
		n++;
	CHECK_EQ(n, 2);
	CHECK(cap_first_child(&fix.ctx, S(0, 30)) == NULL);
}

TEST(slot_info_describes)
{
	struct bh_cap_info info;

	fix_setup();
	memset(&info, 0xff, sizeof(info));
	cap_slot_info(S(0, 5), &info);
	CHECK_EQ(info.type, BH_CAP_NULL);
	CHECK_EQ(info.rights, 0);
	CHECK_EQ(info.base, 0);
	cap_slot_info(S(0, FIX_UT_SLOT), &info);
	CHECK_EQ(info.type, BH_CAP_UNTYPED);
	CHECK_EQ(info.rights, ALL);
	CHECK_EQ(info.base, FIX_UT_BASE);
	CHECK_EQ(info.npages, FIX_UT_PAGES);
	make_port(0, 2);
	CHECK_EQ(cap_mint(&fix.ctx, S(0, 2), S(0, 3), READ, 0x42), BH_CAP_OK);
	cap_slot_info(S(0, 3), &info);
	CHECK_EQ(info.type, BH_CAP_MSG_PORT);
	CHECK_EQ(info.rights, READ);
	CHECK_EQ(info.badge, 0x42);
	CHECK_EQ(info.npages, 0);
}

TEST(error_names_are_distinct)
{
	for (unsigned int i = 0; i < BH_CAP_NERRORS; i++) {
		CHECK(cap_error_name(i) != NULL);
		for (unsigned int j = 0; j < i; j++)
			CHECK(strcmp(cap_error_name(i), cap_error_name(j)) != 0);
	}
	CHECK_STR(cap_error_name(BH_CAP_NERRORS), "unknown error");
	CHECK_STR(cap_error_name(BH_CAP_ERR_DEPTH), "bad depth");
}

int main(void)
{
	return test_main();
}
