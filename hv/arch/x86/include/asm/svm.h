/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD SVM: the VMCB layout, intercept bits, exit codes and event formats.
 * Source: AMD64 APM Vol 2 (24593 rev 3.42) chapter 15 and appendix B
 * ("Layout of VMCB"), appendix C ("SVM Intercept Exit Codes").
 */
#ifndef ASM_SVM_H
#define ASM_SVM_H

#include <asm/segment.h>
#include <stddef.h>
#include <stdint.h>

/* Control area intercept vector 3 (VMCB+0x00C), APM B table B-1. */
#define SVM_INTERCEPT_INTR       (1u << 0)
#define SVM_INTERCEPT_NMI        (1u << 1)
#define SVM_INTERCEPT_SMI        (1u << 2)
#define SVM_INTERCEPT_INIT       (1u << 3)
#define SVM_INTERCEPT_VINTR      (1u << 4)
#define SVM_INTERCEPT_RDTSC      (1u << 14)
#define SVM_INTERCEPT_RDPMC      (1u << 15)
#define SVM_INTERCEPT_CPUID      (1u << 18)
#define SVM_INTERCEPT_RSM        (1u << 19)
#define SVM_INTERCEPT_IRET       (1u << 20)
#define SVM_INTERCEPT_INVD       (1u << 22)
#define SVM_INTERCEPT_PAUSE      (1u << 23)
#define SVM_INTERCEPT_HLT        (1u << 24)
#define SVM_INTERCEPT_INVLPGA    (1u << 26)
#define SVM_INTERCEPT_IOIO_PROT  (1u << 27)
#define SVM_INTERCEPT_MSR_PROT   (1u << 28)
#define SVM_INTERCEPT_TASK_SWITCH (1u << 29)
#define SVM_INTERCEPT_SHUTDOWN   (1u << 31)

/* Intercept vector 4 (VMCB+0x010). */
#define SVM_INTERCEPT_VMRUN      (1u << 0)	/* must be set, else VMRUN fails */
#define SVM_INTERCEPT_VMMCALL    (1u << 1)
#define SVM_INTERCEPT_VMLOAD     (1u << 2)
#define SVM_INTERCEPT_VMSAVE     (1u << 3)
#define SVM_INTERCEPT_STGI       (1u << 4)
#define SVM_INTERCEPT_CLGI       (1u << 5)
#define SVM_INTERCEPT_SKINIT     (1u << 6)
#define SVM_INTERCEPT_RDTSCP     (1u << 7)
#define SVM_INTERCEPT_ICEBP      (1u << 8)
#define SVM_INTERCEPT_WBINVD     (1u << 9)
#define SVM_INTERCEPT_MONITOR    (1u << 10)
#define SVM_INTERCEPT_MWAIT      (1u << 11)
#define SVM_INTERCEPT_XSETBV     (1u << 13)

/* int_ctl (VMCB+0x060), APM 15.21. */
#define SVM_V_TPR_MASK           0xFFu
#define SVM_V_IRQ                (1u << 8)
#define SVM_V_GIF                (1u << 9)
#define SVM_V_INTR_PRIO_SHIFT    16
#define SVM_V_INTR_PRIO_MASK     (0xFu << SVM_V_INTR_PRIO_SHIFT)
#define SVM_V_IGN_TPR            (1u << 20)
#define SVM_V_INTR_MASKING       (1u << 24)
#define SVM_V_GIF_ENABLE         (1u << 25)

/* Interrupt shadow (VMCB+0x068). */
#define SVM_INT_SHADOW           (1ull << 0)
#define SVM_GUEST_INT_MASK       (1ull << 1)

/* NP_ENABLE (VMCB+0x090). */
#define SVM_NP_ENABLE            (1ull << 0)

/* TLB_CONTROL (VMCB+0x05C), APM 15.16.1. */
#define SVM_TLB_FLUSH_NOTHING    0
#define SVM_TLB_FLUSH_ALL        1
#define SVM_TLB_FLUSH_ASID       3

/* EVENTINJ / EXITINTINFO format, APM 15.20. */
#define SVM_EVT_VECTOR_MASK      0xFFu
#define SVM_EVT_TYPE_SHIFT       8
#define SVM_EVT_TYPE_MASK        (7u << SVM_EVT_TYPE_SHIFT)
#define SVM_EVT_TYPE_INTR        (0u << SVM_EVT_TYPE_SHIFT)
#define SVM_EVT_TYPE_NMI         (2u << SVM_EVT_TYPE_SHIFT)
#define SVM_EVT_TYPE_EXCEPTION   (3u << SVM_EVT_TYPE_SHIFT)
#define SVM_EVT_TYPE_SOFT_INT    (4u << SVM_EVT_TYPE_SHIFT)
#define SVM_EVT_ERROR_VALID      (1u << 11)
#define SVM_EVT_VALID            (1u << 31)

/* IOIO EXITINFO1, APM 15.10.2. */
#define SVM_IOIO_IN              (1u << 0)
#define SVM_IOIO_STR             (1u << 2)
#define SVM_IOIO_REP             (1u << 3)
#define SVM_IOIO_SZ8             (1u << 4)
#define SVM_IOIO_SZ16            (1u << 5)
#define SVM_IOIO_SZ32            (1u << 6)
#define SVM_IOIO_PORT_SHIFT      16

/* NPF EXITINFO1, APM 15.25.6. */
#define SVM_NPF_PRESENT          (1ull << 0)
#define SVM_NPF_WRITE            (1ull << 1)
#define SVM_NPF_USER             (1ull << 2)
#define SVM_NPF_RSVD             (1ull << 3)
#define SVM_NPF_FETCH            (1ull << 4)
#define SVM_NPF_FINAL_GPA        (1ull << 32)
#define SVM_NPF_TABLE_WALK       (1ull << 33)

/* MSR intercept EXITINFO1. */
#define SVM_MSR_EXIT_READ        0
#define SVM_MSR_EXIT_WRITE       1

/* Exit codes, APM appendix C. */
enum svm_exit_code {
	SVM_EXIT_READ_CR0    = 0x000,
	SVM_EXIT_WRITE_CR0   = 0x010,
	SVM_EXIT_EXCP_BASE   = 0x040,
	SVM_EXIT_INTR        = 0x060,
	SVM_EXIT_NMI         = 0x061,
	SVM_EXIT_SMI         = 0x062,
	SVM_EXIT_INIT        = 0x063,
	SVM_EXIT_VINTR       = 0x064,
	SVM_EXIT_RDTSC       = 0x06E,
	SVM_EXIT_RDPMC       = 0x06F,
	SVM_EXIT_CPUID       = 0x072,
	SVM_EXIT_RSM         = 0x073,
	SVM_EXIT_IRET        = 0x074,
	SVM_EXIT_INVD        = 0x076,
	SVM_EXIT_PAUSE       = 0x077,
	SVM_EXIT_HLT         = 0x078,
	SVM_EXIT_INVLPGA     = 0x07A,
	SVM_EXIT_IOIO        = 0x07B,
	SVM_EXIT_MSR         = 0x07C,
	SVM_EXIT_TASK_SWITCH = 0x07D,
	SVM_EXIT_SHUTDOWN    = 0x07F,
	SVM_EXIT_VMRUN       = 0x080,
	SVM_EXIT_VMMCALL     = 0x081,
	SVM_EXIT_VMLOAD      = 0x082,
	SVM_EXIT_VMSAVE      = 0x083,
	SVM_EXIT_STGI        = 0x084,
	SVM_EXIT_CLGI        = 0x085,
	SVM_EXIT_SKINIT      = 0x086,
	SVM_EXIT_RDTSCP      = 0x087,
	SVM_EXIT_ICEBP       = 0x088,
	SVM_EXIT_WBINVD      = 0x089,
	SVM_EXIT_MONITOR     = 0x08A,
	SVM_EXIT_MWAIT       = 0x08B,
	SVM_EXIT_XSETBV      = 0x08D,
	SVM_EXIT_NPF         = 0x400,
	/*
	 * VMEXIT_INVALID is -1; QEMU up to 10.1 writes only the low 32 bits
	 * (QEMU issue #2977), so compare the low half.
	 */
	SVM_EXIT_INVALID     = 0xFFFFFFFF,
};

/* Guest segment register in the save area (APM B table B-2). */
struct vmcb_seg {
	uint16_t selector;
	uint16_t attrib;	/* packed: type[3:0] S[4] DPL[6:5] P[7] AVL[8] L[9] DB[10] G[11] */
	uint32_t limit;
	uint64_t base;
};
_Static_assert(sizeof(struct vmcb_seg) == 16, "VMCB segment is 16 bytes");

struct vmcb_control {
	uint32_t intercept_cr;		/* 0x000 */
	uint32_t intercept_dr;		/* 0x004 */
	uint32_t intercept_exceptions;	/* 0x008 */
	uint32_t intercept_misc1;	/* 0x00C */
	uint32_t intercept_misc2;	/* 0x010 */
	uint32_t intercept_misc3;	/* 0x014 */
	uint8_t reserved_018[0x03C - 0x018];
	uint16_t pause_filter_threshold;/* 0x03C */
	uint16_t pause_filter_count;	/* 0x03E */
	uint64_t iopm_base_pa;		/* 0x040 */
	uint64_t msrpm_base_pa;		/* 0x048 */
	uint64_t tsc_offset;		/* 0x050 */
	uint32_t asid;			/* 0x058 */
	uint8_t tlb_control;		/* 0x05C */
	uint8_t reserved_05d[3];
	uint32_t int_ctl;		/* 0x060 */
	uint32_t int_vector;		/* 0x064 */
	uint64_t int_state;		/* 0x068 */
	uint64_t exit_code;		/* 0x070 */
	uint64_t exit_info1;		/* 0x078 */
	uint64_t exit_info2;		/* 0x080 */
	uint64_t exit_int_info;		/* 0x088 */
	uint64_t np_enable;		/* 0x090 */
	uint64_t avic_apic_bar;		/* 0x098 */
	uint64_t ghcb_gpa;		/* 0x0A0 */
	uint64_t event_inj;		/* 0x0A8 */
	uint64_t n_cr3;			/* 0x0B0 */
	uint64_t virt_ext;		/* 0x0B8 */
	uint32_t clean;			/* 0x0C0 */
	uint32_t reserved_0c4;
	uint64_t next_rip;		/* 0x0C8 */
	uint8_t insn_len;		/* 0x0D0 */
	uint8_t insn_bytes[15];		/* 0x0D1 */
	uint8_t reserved_0e0[0x400 - 0x0E0];
};
_Static_assert(sizeof(struct vmcb_control) == 0x400, "VMCB control area is 1 KiB");
_Static_assert(offsetof(struct vmcb_control, iopm_base_pa) == 0x040, "IOPM_BASE_PA");
_Static_assert(offsetof(struct vmcb_control, asid) == 0x058, "ASID");
_Static_assert(offsetof(struct vmcb_control, int_ctl) == 0x060, "int_ctl");
_Static_assert(offsetof(struct vmcb_control, exit_code) == 0x070, "EXITCODE");
_Static_assert(offsetof(struct vmcb_control, event_inj) == 0x0A8, "EVENTINJ");
_Static_assert(offsetof(struct vmcb_control, n_cr3) == 0x0B0, "N_CR3");
_Static_assert(offsetof(struct vmcb_control, next_rip) == 0x0C8, "nRIP");

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs;	/* 0x400 */
	struct vmcb_seg gdtr, ldtr, idtr, tr;	/* 0x460 */
	uint8_t reserved_4a0[0x4CB - 0x4A0];
	uint8_t cpl;			/* 0x4CB */
	uint32_t reserved_4cc;
	uint64_t efer;			/* 0x4D0 */
	uint8_t reserved_4d8[0x548 - 0x4D8];
	uint64_t cr4;			/* 0x548 */
	uint64_t cr3;			/* 0x550 */
	uint64_t cr0;			/* 0x558 */
	uint64_t dr7;			/* 0x560 */
	uint64_t dr6;			/* 0x568 */
	uint64_t rflags;		/* 0x570 */
	uint64_t rip;			/* 0x578 */
	uint8_t reserved_580[0x5D8 - 0x580];
	uint64_t rsp;			/* 0x5D8 */
	uint64_t s_cet, ssp, isst_addr;	/* 0x5E0 */
	uint64_t rax;			/* 0x5F8 */
	uint64_t star;			/* 0x600 */
	uint64_t lstar;			/* 0x608 */
	uint64_t cstar;			/* 0x610 */
	uint64_t sfmask;		/* 0x618 */
	uint64_t kernel_gs_base;	/* 0x620 */
	uint64_t sysenter_cs;		/* 0x628 */
	uint64_t sysenter_esp;		/* 0x630 */
	uint64_t sysenter_eip;		/* 0x638 */
	uint64_t cr2;			/* 0x640 */
	uint8_t reserved_648[0x668 - 0x648];
	uint64_t g_pat;			/* 0x668 */
	uint64_t dbgctl;		/* 0x670 */
	uint64_t br_from, br_to;	/* 0x678 */
	uint64_t last_excp_from, last_excp_to;	/* 0x688 */
	uint8_t reserved_698[0x800 - 0x698];
};
_Static_assert(sizeof(struct vmcb_save) == 0x400, "VMCB save area is 1 KiB");
_Static_assert(offsetof(struct vmcb_save, cpl) == 0x4CB - 0x400, "CPL");
_Static_assert(offsetof(struct vmcb_save, efer) == 0x4D0 - 0x400, "EFER");
_Static_assert(offsetof(struct vmcb_save, cr4) == 0x548 - 0x400, "CR4");
_Static_assert(offsetof(struct vmcb_save, rip) == 0x578 - 0x400, "RIP");
_Static_assert(offsetof(struct vmcb_save, rsp) == 0x5D8 - 0x400, "RSP");
_Static_assert(offsetof(struct vmcb_save, rax) == 0x5F8 - 0x400, "RAX");
_Static_assert(offsetof(struct vmcb_save, cr2) == 0x640 - 0x400, "CR2");
_Static_assert(offsetof(struct vmcb_save, g_pat) == 0x668 - 0x400, "G_PAT");

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
	uint8_t reserved[4096 - 0x800];
};
_Static_assert(sizeof(struct vmcb) == 4096, "VMCB is one page");

/* I/O and MSR permission maps, APM 15.10.1 and 15.11. */
#define SVM_IOPM_SIZE      (3 * 4096)
#define SVM_MSRPM_SIZE     (2 * 4096)
#define SVM_MSRPM_RANGE_BYTES 0x800u	/* 8192 MSRs, two bits each, per range */
#define SVM_MSRPM_RANGE0_MSR  0x00000000u	/* bytes 0x0000-0x07FF */
#define SVM_MSRPM_RANGE1_MSR  0xC0000000u	/* bytes 0x0800-0x0FFF */
#define SVM_MSRPM_RANGE2_MSR  0xC0010000u	/* bytes 0x1000-0x17FF */

#endif
