// SPDX-License-Identifier: GPL-2.0
/*
 * Generic hypercall handling: decode and check every argument, copy the
 * input out of guest memory once, then invoke (seL4's decode/invoke split).
 * The ABI is docs/hypercall-abi.md.
 */
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>
#include <hv/arch.h>
#include <hv/config.h>
#include <hv/hypercall.h>
#include <hv/log.h>
#include <hv/partition.h>
#include <hv/pmem.h>
#include <hv/string.h>
#include <hv/util.h>

#define HC_MAX_IN  256u		/* largest fixed input of any call */

/* What a call needs checked before it runs. */
struct hc_desc {
	uint16_t code;
	uint16_t in_size;	/* bytes of input page read; 0: none */
	uint16_t out_size;	/* bytes of output page written; 0: none */
	bool root_only;
	uint16_t (*invoke)(struct vp *caller, const void *in, void *out);
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

static const struct hc_desc hc_table[] = {
	{ BH_HC_GET_INFO, 0, sizeof(struct bh_hv_info), true, hc_get_info },
	{ BH_HC_READ_LOG, sizeof(struct bh_log_read_in), sizeof(struct bh_log_read_out), true,
	  hc_read_log },
};

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

static uint16_t hc_dispatch(struct vp *caller, const struct hc_request *req)
{
	static uint8_t in_copy[HV_MAX_CPUS][HC_MAX_IN];
	static uint8_t out_buf[HV_MAX_CPUS][BH_HC_PAGE_SIZE];
	uint16_t code = (uint16_t)(req->control & BH_HC_CODE_MASK);
	const struct hc_desc *d = hc_lookup(code);
	void *in_hva = 0, *out_hva = 0;
	uint16_t st;

	if (!d)
		return BH_STATUS_INVALID_HYPERCALL_CODE;
	if (!req->kernel_mode || (d->root_only && !caller->part->is_root))
		return BH_STATUS_ACCESS_DENIED;
	/* None of these calls takes reps, a variable header or the fast form. */
	if (req->control & (BH_HC_RESERVED_MASK | BH_HC_REP_COUNT_MASK | BH_HC_REP_START_MASK |
			    BH_HC_VARHDR_MASK | BH_HC_FAST))
		return BH_STATUS_INVALID_HYPERCALL_INPUT;
	if (d->in_size && (st = map_operand(caller, req->in, d->in_size, &in_hva)))
		return st;
	if (d->out_size && (st = map_operand(caller, req->out, d->out_size, &out_hva)))
		return st;

	/* Read the input once, so the caller cannot change it under the check. */
	unsigned cpu = arch_cpu_id() % HV_MAX_CPUS;
	memset(in_copy[cpu], 0, sizeof(in_copy[cpu]));
	if (d->in_size)
		memcpy(in_copy[cpu], in_hva, d->in_size);
	memset(out_buf[cpu], 0, d->out_size);
	st = d->invoke(caller, in_copy[cpu], out_buf[cpu]);
	if (st == BH_STATUS_SUCCESS && d->out_size)
		memcpy(out_hva, out_buf[cpu], d->out_size);
	return st;
}

uint64_t hypercall_handle(struct vp *caller, const struct hc_request *req)
{
	uint16_t st = hc_dispatch(caller, req);

	return st & BH_HC_STATUS_MASK;
}
