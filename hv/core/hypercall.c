// SPDX-License-Identifier: GPL-2.0
/*
 * Generic hypercall handling: decode and check every argument, copy the
 * input out of guest memory once, then invoke (seL4's decode/invoke split).
 * The ABI is docs/hypercall-abi.md.
 */
#include <bulkhead/cap.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>
#include <hv/arch.h>
#include <hv/config.h>
#include <hv/hypercall.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/partition_hc.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

/* What a call needs checked before it runs. */
struct hc_desc {
	uint16_t code;
	uint16_t in_size;	/* bytes of fixed input read; 0: none */
	uint16_t rep_size;	/* bytes per rep element after the fixed input; 0: no reps */
	uint16_t out_size;	/* bytes of output page written; 0: none */
	bool root_only;
	uint16_t (*invoke)(struct vp *caller, const void *in, void *out);
	uint16_t (*invoke_rep)(struct vp *caller, const void *in, void *out, struct hc_reps *reps);
};

static uint16_t hc_get_info(struct vp *caller, const void *in, void *out)
{
	struct bh_hv_info *info = out;

	(void)caller;
	(void)in;
	info->abi_version = BH_HC_ABI_VERSION;
	info->size = sizeof(*info);
	strlcpy(info->version, BH_VERSION_STRING, sizeof(info->version));
	arch_fill_info(info);
	info->total_pages = pmem_total_pages();
	info->free_pages = pmem_free_pages();
	info->log_bytes = log_total();
	return BH_STATUS_SUCCESS;
}

static uint16_t hc_read_log(struct vp *caller, const void *in, void *out)
{
	const struct bh_log_read_in *req = in;
	struct bh_log_read_out *res = out;

	(void)caller;
	res->len = (uint32_t)log_read(req->offset, res->data, sizeof(res->data), &res->next_offset,
				      &res->lost);
	return BH_STATUS_SUCCESS;
}

#define IN(t)  sizeof(struct t)
#define OUT(t) sizeof(struct t)
static const struct hc_desc hc_table[] = {
	{ BH_HC_GET_INFO, 0, 0, OUT(bh_hv_info), true, hc_get_info, 0 },
	{ BH_HC_READ_LOG, IN(bh_log_read_in), 0, OUT(bh_log_read_out), true, hc_read_log, 0 },
	{ BH_HC_CAP_IDENTIFY, IN(bh_cap_ref_in), 0, OUT(bh_cap_info), true, hc_cap_identify, 0 },
	{ BH_HC_CAP_DELETE, IN(bh_cap_ref_in), 0, 0, true, hc_cap_delete, 0 },
	{ BH_HC_PARTITION_CREATE, IN(bh_partition_create_in), 0, OUT(bh_partition_create_out), true,
	  hc_partition_create, 0 },
	{ BH_HC_PARTITION_DESTROY, IN(bh_cap_ref_in), 0, 0, true, hc_partition_destroy, 0 },
	{ BH_HC_PARTITION_INFO, IN(bh_cap_ref_in), 0, OUT(bh_partition_info), true,
	  hc_partition_info, 0 },
	{ BH_HC_MAP_GPA_RANGES, IN(bh_map_gpa_in), sizeof(struct bh_gpa_range), 0, true, 0,
	  hc_map_gpa_ranges },
	{ BH_HC_VP_CREATE, IN(bh_vp_create_in), 0, 0, true, hc_vp_create, 0 },
	{ BH_HC_VP_GET_STATE, IN(bh_cap_ref_in), 0, OUT(bh_vp_state), true, hc_vp_get_state, 0 },
	{ BH_HC_VP_SET_STATE, IN(bh_vp_set_state_in), 0, 0, true, hc_vp_set_state, 0 },
	{ BH_HC_VP_RUN, IN(bh_vp_run_in), 0, OUT(bh_vp_exit), true, hc_vp_run, 0 },
	{ BH_HC_SET_INTERCEPTS, IN(bh_intercepts_in), 0, 0, true, hc_set_intercepts, 0 },
	{ BH_HC_ASSERT_INTERRUPT, IN(bh_interrupt_in), 0, OUT(bh_interrupt_out), true,
	  hc_assert_interrupt, 0 },
};
#undef IN
#undef OUT

static const struct hc_desc *hc_lookup(uint16_t code)
{
	for (unsigned i = 0; i < ARRAY_SIZE(hc_table); i++)
		if (hc_table[i].code == code)
			return &hc_table[i];
	return 0;
}

/* Checks a memory operand: aligned, inside one page, and the caller's RAM. */
static uint16_t map_operand(struct vp *caller, uint64_t gpa, uint16_t size, void **hva)
{
	if (!IS_ALIGNED(gpa, BH_HC_ALIGN))
		return BH_STATUS_INVALID_ALIGNMENT;
	if (ALIGN_DOWN(gpa, PAGE_SIZE) != ALIGN_DOWN(gpa + size - 1, PAGE_SIZE))
		return BH_STATUS_INVALID_ALIGNMENT;
	*hva = partition_gpa_to_hva(caller->part, gpa, size);
	return *hva ? BH_STATUS_SUCCESS : BH_STATUS_INVALID_GPA;
}

/* Per-processor copies of the input and output: a call never works on guest memory. */
static uint8_t in_copy[HV_MAX_CPUS][BH_HC_PAGE_SIZE] __attribute__((aligned(8)));
static uint8_t out_buf[HV_MAX_CPUS][BH_HC_PAGE_SIZE] __attribute__((aligned(8)));

static uint16_t hc_dispatch(struct vp *caller, const struct hc_request *req, struct hc_reps *reps)
{
	uint16_t code = (uint16_t)(req->control & BH_HC_CODE_MASK);
	const struct hc_desc *d = hc_lookup(code);
	void *in_hva = 0, *out_hva = 0;
	uint64_t in_len;
	uint16_t st;

	if (!d)
		return BH_STATUS_INVALID_HYPERCALL_CODE;
	if (!req->kernel_mode || (d->root_only && !caller->part->is_root))
		return BH_STATUS_ACCESS_DENIED;
	reps->count = (uint32_t)((req->control & BH_HC_REP_COUNT_MASK) >> BH_HC_REP_COUNT_SHIFT);
	reps->start = (uint32_t)((req->control & BH_HC_REP_START_MASK) >> BH_HC_REP_START_SHIFT);
	/* No call takes a variable header or the fast form; only rep calls take reps. */
	if (req->control & (BH_HC_RESERVED_MASK | BH_HC_VARHDR_MASK | BH_HC_FAST))
		return BH_STATUS_INVALID_HYPERCALL_INPUT;
	if (d->rep_size ? (!reps->count || reps->start >= reps->count) : (reps->count || reps->start))
		return BH_STATUS_INVALID_HYPERCALL_INPUT;
	in_len = d->in_size + (uint64_t)reps->count * d->rep_size;
	if (in_len > BH_HC_PAGE_SIZE)
		return BH_STATUS_INVALID_HYPERCALL_INPUT;
	if (in_len && (st = map_operand(caller, req->in, (uint16_t)in_len, &in_hva)))
		return st;
	if (d->out_size && (st = map_operand(caller, req->out, d->out_size, &out_hva)))
		return st;

	/* Read the input once, so the caller cannot change it under the check. */
	unsigned cpu = arch_cpu_id() % HV_MAX_CPUS;
	memcpy(in_copy[cpu], in_hva, in_len);
	memset(in_copy[cpu] + in_len, 0, BH_HC_PAGE_SIZE - in_len);
	memset(out_buf[cpu], 0, d->out_size);
	if (d->invoke_rep)
		st = d->invoke_rep(caller, in_copy[cpu], out_buf[cpu], reps);
	else
		st = d->invoke(caller, in_copy[cpu], out_buf[cpu]);
	if ((st == BH_STATUS_SUCCESS || st == BH_STATUS_CONTINUE) && d->out_size)
		memcpy(out_hva, out_buf[cpu], d->out_size);
	return st;
}

uint64_t hypercall_handle(struct vp *caller, const struct hc_request *req)
{
	struct hc_reps reps = { 0, 0, 0 };
	uint16_t st = hc_dispatch(caller, req, &reps);

	return (st & BH_HC_STATUS_MASK) |
	       (((uint64_t)reps.done << BH_HC_REPS_DONE_SHIFT) & BH_HC_REPS_DONE_MASK);
}
