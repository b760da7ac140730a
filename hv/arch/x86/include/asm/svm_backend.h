/* SPDX-License-Identifier: GPL-2.0 */
/* The AMD SVM backend's entry points (hv/arch/x86/svm/). */
#ifndef ASM_SVM_BACKEND_H
#define ASM_SVM_BACKEND_H

#include <asm/percpu.h>
#include <asm/svm.h>
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

/* Re-queues an event the exit interrupted (APM 15.7.2). */
void svm_requeue_interrupted_event(struct vmcb *vm);

/* svm_child.c: child VPs. */
bool svm_child_init(struct arch_vp *v, struct arch_partition *p);
void svm_child_free(struct arch_vp *v);
void svm_child_run(struct arch_vp *v, struct vexit *e);
bool svm_event_pending(struct arch_vp *v);
bool svm_can_inject_intr(struct arch_vp *v);
void svm_inject_intr(struct arch_vp *v, uint8_t vector);
void svm_set_intr_window(struct arch_vp *v, bool on);

/* svm_state.c: the ABI view of a VMCB. */
void svm_get_bh_state(struct arch_vp *v, struct bh_vp_state *st);
void svm_set_bh_state(struct arch_vp *v, const struct bh_vp_state *st);

#endif
