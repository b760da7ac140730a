/* SPDX-License-Identifier: GPL-2.0 */
/* The AMD SVM backend's entry points (hv/arch/x86/svm/). */
#ifndef ASM_SVM_BACKEND_H
#define ASM_SVM_BACKEND_H

#include <asm/percpu.h>
#include <asm/vcpu.h>
#include <stdbool.h>
#include <stddef.h>

/* Checks that the CPU offers SVM with nested paging; on failure 'why' says what is missing. */
bool svm_supported(char *why, size_t len);

/* Turns SVM on for the calling processor. */
void svm_cpu_enable(struct cpu *c);

/* Allocates and programs the VMCB of a root VP. */
bool svm_vp_init_root(struct arch_vp *v, struct arch_partition *p);

/* Runs a root VP on the calling processor forever. */
_Noreturn void svm_root_loop(struct arch_vp *v);

void svm_vmrun(uint64_t vmcb_pa, uint64_t *gpr, uint64_t host_area_pa, int host_if);

/* svm_exit.c: handles the exit the VMCB describes. */
void svm_handle_exit(struct arch_vp *v);

/* Drains an NMI held pending by GIF = 0 into the core's handler; true if one came. */
bool svm_drain_nmi(void);

#endif
