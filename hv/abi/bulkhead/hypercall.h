/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercall ABI: control word, status codes, call codes and the structures
 * passed in input and output pages. The contract is docs/hypercall-abi.md.
 *
 * The register convention and the control-word layout follow the Hyper-V
 * TLFS for x64 (section "Hypercall Interface"): RCX control, RDX input GPA
 * (or first fast argument), R8 output GPA (or second fast argument), RAX
 * result. Bulkhead's own calls use codes 0x0800 and up, so a child's Hyper-V
 * calls (HvPostMessage 0x005C, HvSignalEvent 0x005D) keep their TLFS numbers.
 */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

#include <bulkhead/abi_types.h>

#define BH_HC_ABI_VERSION 0

/* Control word (RCX), TLFS "Hypercall Inputs". */
#define BH_HC_CODE_MASK        0xffffull
#define BH_HC_FAST             (1ull << 16)
#define BH_HC_VARHDR_SHIFT     17
#define BH_HC_VARHDR_MASK      (0x3ffull << BH_HC_VARHDR_SHIFT)
#define BH_HC_REP_COUNT_SHIFT  32
#define BH_HC_REP_COUNT_MASK   (0xfffull << BH_HC_REP_COUNT_SHIFT)
#define BH_HC_REP_START_SHIFT  48
#define BH_HC_REP_START_MASK   (0xfffull << BH_HC_REP_START_SHIFT)
#define BH_HC_RESERVED_MASK    (0x1full << 27 | 0xfull << 44 | 0xfull << 60)

/* Result (RAX), TLFS "Hypercall Outputs". */
#define BH_HC_STATUS_MASK      0xffffull
#define BH_HC_REPS_DONE_SHIFT  32
#define BH_HC_REPS_DONE_MASK   (0xfffull << BH_HC_REPS_DONE_SHIFT)

/* Input and output pages: 8-byte aligned, never crossing a 4 KiB page. */
#define BH_HC_PAGE_SIZE   4096u
#define BH_HC_ALIGN       8u

/* Status codes: TLFS "HV_STATUS" values, plus Bulkhead's own from 0x1000. */
enum bh_status {
	BH_STATUS_SUCCESS                 = 0x0000,
	BH_STATUS_INVALID_HYPERCALL_CODE  = 0x0002,
	BH_STATUS_INVALID_HYPERCALL_INPUT = 0x0003,
	BH_STATUS_INVALID_ALIGNMENT       = 0x0004,
	BH_STATUS_INVALID_PARAMETER       = 0x0005,
	BH_STATUS_ACCESS_DENIED           = 0x0006,
	BH_STATUS_INVALID_PARTITION_STATE = 0x0007,
	BH_STATUS_OPERATION_DENIED        = 0x0008,
	BH_STATUS_INSUFFICIENT_MEMORY     = 0x000B,
	BH_STATUS_INVALID_PARTITION_ID    = 0x000D,
	BH_STATUS_INVALID_VP_INDEX        = 0x000E,
	BH_STATUS_INVALID_PORT_ID         = 0x0011,
	BH_STATUS_INVALID_CONNECTION_ID   = 0x0012,
	BH_STATUS_INSUFFICIENT_BUFFERS    = 0x0013,
	/* Bulkhead-specific. */
	BH_STATUS_INVALID_GPA             = 0x1000, /* input/output page not the caller's RAM */
	BH_STATUS_CONTINUE                = 0x1001, /* bounded step done; call again */
};

/* Call codes. */
enum bh_hc_code {
	BH_HC_GET_INFO = 0x0800,	/* output: struct bh_hv_info */
	BH_HC_READ_LOG = 0x0801,	/* input: struct bh_log_read_in; output: struct bh_log_read_out */
};

#define BH_HV_SIGNATURE "BulkheadCore"	/* CPUID 0x40000000 EBX:ECX:EDX */

enum bh_virt_kind {
	BH_VIRT_SVM = 1,
	BH_VIRT_VMX = 2,
};

/* Output of BH_HC_GET_INFO. */
struct bh_hv_info {
	uint32_t abi_version;		/* BH_HC_ABI_VERSION */
	uint32_t size;			/* sizeof(struct bh_hv_info) */
	char version[16];		/* BH_VERSION_STRING, NUL-terminated */
	char cpu_vendor[16];		/* CPUID 0 vendor string, NUL-terminated */
	uint32_t virt;			/* enum bh_virt_kind */
	uint32_t logical_processors;	/* processors the core runs on */
	uint64_t hv_mem_start;		/* the core's own physical range ... */
	uint64_t hv_mem_end;		/* ... inclusive, as /proc/iomem prints */
	uint64_t total_pages;		/* 4 KiB pages of the core's allocator */
	uint64_t free_pages;
	uint64_t tsc_khz;		/* calibrated at boot */
	uint64_t svm_features;		/* CPUID 0x8000000A.EDX (SVM) */
	struct {
		uint64_t loader_entry;	/* TSC stamps of the boot stages */
		uint64_t loader_exit;
		uint64_t core_entry;
		uint64_t root_entry;
	} boot_tsc;
	uint64_t log_bytes;		/* total bytes ever written to the log */
	uint64_t reserved[15];
};
BH_ABI_ASSERT_SIZE(struct bh_hv_info, 256);

/* Input of BH_HC_READ_LOG: read the core's log from byte position 'offset'. */
struct bh_log_read_in {
	uint64_t offset;
};
BH_ABI_ASSERT_SIZE(struct bh_log_read_in, 8);

#define BH_LOG_READ_MAX (BH_HC_PAGE_SIZE - 32)

/* Output of BH_HC_READ_LOG. */
struct bh_log_read_out {
	uint64_t next_offset;		/* position after the returned bytes */
	uint64_t lost;			/* bytes overwritten before they could be read */
	uint32_t len;			/* bytes in data[] */
	uint32_t pad;
	uint64_t reserved;
	char data[BH_LOG_READ_MAX];
};
BH_ABI_ASSERT_SIZE(struct bh_log_read_out, BH_HC_PAGE_SIZE);

#endif
