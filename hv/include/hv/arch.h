/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What generic core code asks of the architecture. Each hook is
 * implemented once per architecture (hv/arch/x86/ for x86-64).
 */
#ifndef HV_ARCH_H
#define HV_ARCH_H

#include <stddef.h>
#include <stdint.h>

struct bh_hv_info;
struct bh_interrupt_in;
struct bh_intercepts_in;
struct bh_vp_exit;
struct bh_vp_run_in;
struct bh_vp_state;
struct partition;
struct vp;

/* Index of the calling processor, 0 = the boot processor. Any context. */
unsigned arch_cpu_id(void);

/* Number of processors the core runs on (valid once they are started). */
unsigned arch_cpu_count(void);

/* Writes log text to the core's UART(s); called with the log lock held. */
void arch_console_write(const char *s, size_t n);

/* Stops the calling processor for good, interrupts and NMIs masked. */
_Noreturn void arch_halt_cpu(void);

/* Fills the architecture's part of BH_HC_GET_INFO (vendor, virtualization, features). */
void arch_fill_info(struct bh_hv_info *info);

/*
 * Child partitions. Each returns an enum bh_status. Called with no lock held,
 * except where noted; the generic layer has already checked capabilities.
 */

/* Allocates the partition's address space and intercept state. */
uint16_t arch_partition_init(struct partition *p);
/* Frees what arch_partition_init allocated; no VP is left. */
void arch_partition_free(struct partition *p);
/* Allocates the VP's processor state (reset state: BSP runnable, APs wait for SIPI). */
uint16_t arch_vp_init(struct vp *vp);
void arch_vp_free(struct vp *vp);

/* Maps [gpa, gpa + npages) to host pages [hpa, ...) with BH_MAP_* rights. */
uint16_t arch_map_gpa(struct partition *p, uint64_t gpa, uint64_t hpa, uint64_t npages,
		      unsigned rights);
void arch_unmap_gpa(struct partition *p, uint64_t gpa, uint64_t npages);

uint16_t arch_vp_get_state(struct vp *vp, struct bh_vp_state *st);
uint16_t arch_vp_set_state(struct vp *vp, const struct bh_vp_state *st);

/*
 * Runs 'vp' on the calling processor (on behalf of root VP 'caller') until
 * an exit the root must see; fills *out. The caller owns vp->running_cpu.
 */
uint16_t arch_vp_run(struct vp *caller, struct vp *vp, const struct bh_vp_run_in *in,
		     struct bh_vp_exit *out);

uint16_t arch_set_intercepts(struct partition *p, const struct bh_intercepts_in *in);

/* Delivers an interrupt message to the partition's VPs; *wake gets VPs to kick. */
uint16_t arch_assert_interrupt(struct partition *p, const struct bh_interrupt_in *in,
			       uint64_t *wake);

#endif
