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
	BH_STATUS_PARTITION_BUSY          = 0x1002, /* a VP of the partition is running */
	/* A capability operation failed: BH_STATUS_CAP_ERROR + enum bh_cap_error. */
	BH_STATUS_CAP_ERROR               = 0x1100,
};

/* Call codes. */
enum bh_hc_code {
	BH_HC_GET_INFO = 0x0800,	/* output: struct bh_hv_info */
	BH_HC_READ_LOG = 0x0801,	/* input: struct bh_log_read_in; output: struct bh_log_read_out */

	/* Partition management; every object is named by a capability in the caller's CSpace. */
	BH_HC_CAP_IDENTIFY        = 0x0810, /* in: bh_cap_ref_in; out: struct bh_cap_info */
	BH_HC_PARTITION_CREATE    = 0x0811, /* in: bh_partition_create_in; out: bh_partition_create_out */
	BH_HC_PARTITION_DESTROY   = 0x0812, /* in: bh_cap_ref_in; may return CONTINUE */
	BH_HC_MAP_GPA_RANGES      = 0x0813, /* rep; in: bh_map_gpa_in + reps x bh_gpa_range */
	BH_HC_VP_CREATE           = 0x0814, /* in: bh_vp_create_in */
	BH_HC_VP_GET_STATE        = 0x0815, /* in: bh_cap_ref_in; out: struct bh_vp_state */
	BH_HC_VP_SET_STATE        = 0x0816, /* in: bh_vp_set_state_in */
	BH_HC_VP_RUN              = 0x0817, /* in: bh_vp_run_in; out: struct bh_vp_exit */
	BH_HC_SET_INTERCEPTS      = 0x0818, /* in: bh_intercepts_in */
	BH_HC_ASSERT_INTERRUPT    = 0x0819, /* in: bh_interrupt_in; out: bh_interrupt_out */
	BH_HC_PARTITION_INFO      = 0x081A, /* in: bh_cap_ref_in; out: struct bh_partition_info */
	BH_HC_CAP_DELETE          = 0x081B, /* in: bh_cap_ref_in */
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

/* ---- partition management (ABI v0, issue 5) ---- */

/* The capability a call operates on, by CPtr in the caller's CSpace. */
struct bh_cap_ref_in {
	uint64_t cptr;
};
BH_ABI_ASSERT_SIZE(struct bh_cap_ref_in, 8);

struct bh_partition_create_in {
	uint64_t control_cptr;		/* the control capability (right: WRITE) */
	uint64_t dest_cptr;		/* empty slot for the new partition capability */
	uint64_t max_pages;		/* most 4 KiB pages the partition may ever map */
	uint32_t max_vps;		/* 1..BH_MAX_VPS_PER_PARTITION */
	uint32_t flags;			/* BH_PARTITION_* */
};
BH_ABI_ASSERT_SIZE(struct bh_partition_create_in, 32);

#define BH_MAX_VPS_PER_PARTITION 64
#define BH_PARTITION_HYPERV (1u << 0)	/* Hyper-V enlightenments (later issue) */

struct bh_partition_create_out {
	uint32_t partition_id;		/* for logs and hvctl list; not an authority */
	uint32_t pad;
};
BH_ABI_ASSERT_SIZE(struct bh_partition_create_out, 8);

/* Guest memory: root pages [hpa, hpa + npages) appear at [gpa, gpa + npages). */
struct bh_gpa_range {
	uint64_t gpa;
	uint64_t hpa;
	uint64_t npages;
};
BH_ABI_ASSERT_SIZE(struct bh_gpa_range, 24);

#define BH_MAP_READ  (1u << 0)
#define BH_MAP_WRITE (1u << 1)
#define BH_MAP_EXEC  (1u << 2)
#define BH_MAP_GPA_MAX_REPS ((BH_HC_PAGE_SIZE - 32) / sizeof(struct bh_gpa_range))

/* Input header of BH_HC_MAP_GPA_RANGES; the rep count says how many ranges follow. */
struct bh_map_gpa_in {
	uint64_t partition_cptr;	/* right: WRITE */
	uint64_t untyped_cptr;		/* the root's untyped that covers every hpa (right: WRITE) */
	uint32_t map_flags;		/* BH_MAP_* */
	uint32_t pad;
	uint64_t reserved;
	struct bh_gpa_range ranges[];
};
BH_ABI_ASSERT_SIZE(struct bh_map_gpa_in, 32);

struct bh_vp_create_in {
	uint64_t partition_cptr;	/* right: WRITE */
	uint64_t dest_cptr;		/* empty slot for the VP capability */
	uint32_t vp_index;		/* 0..max_vps-1; VP 0 is the boot processor */
	uint32_t pad;
};
BH_ABI_ASSERT_SIZE(struct bh_vp_create_in, 24);

struct bh_segment {
	uint64_t base;
	uint32_t limit;
	uint16_t selector;
	uint16_t attrib;		/* packed: type[3:0] S DPL[6:5] P AVL L DB G */
};
BH_ABI_ASSERT_SIZE(struct bh_segment, 16);

/*
 * Common segment attributes in the packed form (descriptor bits 47:40 in
 * attrib 7:0, bits 55:52 in attrib 11:8; APM Vol 2 15.5.1).
 */
#define BH_SEG_ATTR_CODE32 0x0C9Bu	/* present, execute/read, accessed, 32-bit, 4 KiB granular */
#define BH_SEG_ATTR_DATA32 0x0C93u	/* present, read/write, accessed, 32-bit, 4 KiB granular */
#define BH_SEG_ATTR_CODE64 0x0A9Bu	/* present, execute/read, accessed, long mode */
#define BH_SEG_ATTR_TSS    0x008Bu	/* present, busy 32/64-bit TSS */
#define BH_SEG_ATTR_LDT    0x0082u	/* present LDT */

/* Architectural state of a VP (x86-64). */
struct bh_vp_state {
	uint64_t gpr[16];		/* RAX RCX RDX RBX RSP RBP RSI RDI R8..R15 */
	uint64_t rip, rflags;
	uint64_t cr0, cr2, cr3, cr4, efer;
	struct bh_segment cs, ds, es, fs, gs, ss, tr, ldtr;
	uint64_t gdtr_base, idtr_base;
	uint32_t gdtr_limit, idtr_limit;
	uint32_t run_state;		/* enum bh_vp_run_state */
	uint32_t pad;
	uint64_t reserved[6];
};
BH_ABI_ASSERT_SIZE(struct bh_vp_state, 16 * 8 + 7 * 8 + 8 * 16 + 24 + 8 + 48);

enum bh_vp_run_state {
	BH_VP_RUNNABLE = 0,
	BH_VP_WAIT_FOR_SIPI = 1,	/* an application processor before its start-up IPI */
	BH_VP_HALTED = 2,
	BH_VP_CRASHED = 3,
};

struct bh_vp_set_state_in {
	uint64_t vp_cptr;		/* right: WRITE */
	struct bh_vp_state state;
};
BH_ABI_ASSERT_SIZE(struct bh_vp_set_state_in, 8 + sizeof(struct bh_vp_state));

/* Completion of the exit VP_RUN last returned (a read's data, or a fault to inject). */
#define BH_RUN_COMPLETE      (1u << 0)	/* 'value' answers the last IO/MMIO read, CPUID or RDMSR */
#define BH_RUN_INJECT_GP     (1u << 1)	/* the last MSR access raises #GP in the guest */

struct bh_vp_run_in {
	uint64_t vp_cptr;		/* right: WRITE */
	uint32_t flags;			/* BH_RUN_* */
	uint32_t pad;
	uint64_t value;			/* IO/MMIO read data, RDMSR value */
	uint32_t cpuid[4];		/* CPUID answer: EAX EBX ECX EDX */
};
BH_ABI_ASSERT_SIZE(struct bh_vp_run_in, 40);

enum bh_exit_reason {
	BH_EXIT_NONE        = 0,
	BH_EXIT_IO          = 1,	/* port I/O to a port the root intercepts */
	BH_EXIT_MMIO        = 2,	/* access to guest-physical memory with no RAM */
	BH_EXIT_CPUID       = 3,	/* CPUID the root intercepts */
	BH_EXIT_MSR         = 4,	/* an MSR the core does not handle */
	BH_EXIT_HALT        = 5,	/* halted, nothing to deliver; wake by deadline or interrupt */
	BH_EXIT_INTERRUPTED = 6,	/* a host interrupt: call again */
	BH_EXIT_SHUTDOWN    = 7,	/* triple fault: the partition crashed */
	BH_EXIT_EOI         = 8,	/* the guest ended a level-triggered interrupt */
	BH_EXIT_WAIT_SIPI   = 9,	/* not started yet: wake when another VP sends it a SIPI */
	BH_EXIT_CRASHED     = 10,	/* the core stopped the VP (reason in 'message' and the log) */
};

struct bh_vp_exit {
	uint32_t reason;		/* enum bh_exit_reason */
	uint32_t flags;
	uint64_t rip;
	uint64_t wake_vps;		/* bitmap: VPs the root should wake or kick (IPIs, SIPIs) */
	uint64_t timer_deadline;	/* TSC of this VP's next LAPIC timer expiry, UINT64_MAX: none */
	union {
		struct {
			uint16_t port;
			uint8_t size;	/* 1, 2 or 4 */
			uint8_t write;
			uint32_t data;	/* write: the value written */
		} io;
		struct {
			uint64_t gpa;
			uint8_t size;	/* 1, 2, 4 or 8 */
			uint8_t write;
			uint8_t pad[6];
			uint64_t data;	/* write: the value written */
		} mmio;
		struct {
			uint32_t leaf, subleaf;
		} cpuid;
		struct {
			uint32_t index;
			uint32_t write;
			uint64_t value;	/* write: the value written */
		} msr;
		struct {
			uint32_t vector;
		} eoi;
		uint64_t raw[4];
	} u;
	char message[64];		/* CRASHED, SHUTDOWN: why, NUL-terminated */
};
BH_ABI_ASSERT_SIZE(struct bh_vp_exit, 32 + 32 + 64);

/* Intercept configuration of a partition. */
enum bh_intercept_kind {
	BH_INTERCEPT_IO_PORTS = 1,	/* forward ports [first, first + count) to the root */
	BH_INTERCEPT_CPUID    = 2,	/* forward every CPUID to the root (default: the core answers) */
};

struct bh_intercepts_in {
	uint64_t partition_cptr;	/* right: WRITE */
	uint32_t kind;			/* enum bh_intercept_kind */
	uint32_t enable;
	uint32_t first;
	uint32_t count;
};
BH_ABI_ASSERT_SIZE(struct bh_intercepts_in, 24);

/* An interrupt message, as an I/O APIC redirection entry or MSI describes it. */
struct bh_interrupt_in {
	uint64_t partition_cptr;	/* right: WRITE */
	uint32_t dest;			/* APIC ID, or logical destination */
	uint8_t vector;
	uint8_t delivery_mode;		/* APIC delivery mode: 0 fixed, 1 lowest, 4 NMI, 5 INIT, 6 SIPI */
	uint8_t dest_logical;
	uint8_t level_triggered;
};
BH_ABI_ASSERT_SIZE(struct bh_interrupt_in, 16);

struct bh_interrupt_out {
	uint64_t wake_vps;		/* bitmap: VPs to wake or kick so they see it */
};
BH_ABI_ASSERT_SIZE(struct bh_interrupt_out, 8);

enum bh_partition_state {
	BH_PARTITION_ACTIVE = 1,
	BH_PARTITION_CRASHED = 2,
};

struct bh_partition_info {
	uint32_t partition_id;
	uint32_t state;			/* enum bh_partition_state */
	uint32_t nvps;
	uint32_t pad;
	uint64_t mapped_pages;
	uint64_t core_pages;		/* core memory this partition uses (tables, VMCBs) */
	uint64_t exits;
	char crash_reason[64];
	uint64_t reserved[4];
};
BH_ABI_ASSERT_SIZE(struct bh_partition_info, 136);

#endif
