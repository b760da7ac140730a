/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Child partitions on x86: what child.c, child_run.c, child_exit.c and
 * child_cpuid.c share. The run loop handles what the core can (CPUID, the
 * local APIC, HLT, unclaimed ports and memory) and returns every other exit
 * to the root's worker, which completes it on the next VP_RUN.
 */
#ifndef ASM_CHILD_H
#define ASM_CHILD_H

#include <asm/vcpu.h>
#include <bulkhead/hypercall.h>
#include <stdbool.h>
#include <stdint.h>

/* What an exit handler asks of the run loop. */
enum child_next {
	CHILD_CONTINUE,		/* handled in the core: run the guest again */
	CHILD_RETURN,		/* *out is filled: return to the root */
};

void *child_gpa_to_hva(struct partition *p, uint64_t gpa, size_t len);
bool child_port_forwarded(struct arch_partition *ap, uint16_t port);

/* child_cpuid.c: the core's CPUID answer for a child VP. */
void child_cpuid(struct arch_vp *v, uint32_t leaf, uint32_t subleaf, uint32_t regs[4]);

/* child_exit.c */
enum child_next child_handle_exit(struct arch_vp *v, const struct vexit *e,
				  struct bh_vp_exit *out);
void child_apply_completion(struct arch_vp *v, const struct bh_vp_run_in *in);

/* child_run.c: routes an interrupt message; returns the VPs to kick. */
uint64_t child_route_ipi(struct partition *p, struct arch_vp *source,
			 const struct vlapic_ipi *ipi);

/* Fills a CRASHED or SHUTDOWN exit after stopping the partition. */
enum child_next child_crash(struct arch_vp *v, struct bh_vp_exit *out, uint32_t reason,
			    const char *why);

#endif
