/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulating the one instruction behind a nested page fault
 * (hv/arch/x86/emulate.c): fetched through the guest's page tables and
 * decoded in software, because neither NRIP-save nor decode assists can be
 * relied on (QEMU's SVM has neither).
 */
#ifndef ASM_EMULATE_H
#define ASM_EMULATE_H

#include <stdbool.h>
#include <stdint.h>

struct arch_vp;
struct insn;

/* Fetches and decodes the instruction at CS:RIP; on failure injects the fault, returns false. */
bool emulate_fetch_decode(struct arch_vp *v, struct insn *in);

/* INS/OUTS on a port nobody claims: the pointers and count move, nothing is stored. */
void emulate_discarded_string_io(struct arch_vp *v, bool in, unsigned size, bool rep);

/* A write to memory that does not exist for the guest: it has no effect. */
void emulate_discarded_write(struct arch_vp *v, uint64_t gpa);

/* A write to the local APIC page: ICR writes are emulated, the rest written through. */
void emulate_lapic_write(struct arch_vp *v, uint64_t gpa);

#endif
