/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Application processors: started by INIT-SIPI-SIPI through a real-mode
 * trampoline below 1 MiB, then idle (HLT) until given work.
 */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Finds the processors (cmdline "cpus=N", IDs 0..N-1, wins over the ACPI
 * MADT) into cpus[]/ncpus without starting them; returns where the list came
 * from: "cmdline", "MADT" or "none" (then only the boot processor is known).
 */
const char *smp_find_cpus(void);

/* Starts AP 'index' (1..ncpus-1); true once it runs its entry, within a second. */
bool smp_start_ap(unsigned index);

/* Starts every AP; returns how many came online. */
unsigned smp_start_all(void);

/* Posts fn(arg) to AP 'index' (online) and returns at once. */
void smp_call(unsigned index, void (*fn)(void *), void *arg);

/* Waits until AP 'index' finished its last smp_call(); false after 'timeout_us'. */
bool smp_wait(unsigned index, uint64_t timeout_us);

/* smp_call() then smp_wait(). */
bool smp_run_on(unsigned index, void (*fn)(void *), void *arg, uint64_t timeout_us);

#endif
