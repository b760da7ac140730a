/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The worker process: one per child partition, like Hyper-V's vmwp. It owns
 * the guest's memory, loads its kernel, emulates its platform devices and
 * runs one thread per virtual processor. This header is what the worker's
 * files share; each file's functions are documented here.
 */
#ifndef WORKER_VM_H
#define WORKER_VM_H

#include <bulkhead/ioctl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/domain.h"

#define WORKER_RUN_DIR      "/run/bulkhead"
#define GUEST_LOW_MEM_END   0xC0000000ull	/* RAM below here; the rest goes above 4 GiB */
#define GUEST_HIGH_MEM_BASE 0x100000000ull

enum vm_state {
	VM_STARTING,
	VM_RUNNING,
	VM_PAUSED,
	VM_SHUTOFF,
	VM_CRASHED,
};

struct vm_ram {
	uint64_t gpa;
	uint64_t size;
	uint8_t *hva;
};

struct machine;

struct vm {
	struct domain_config cfg;
	char xml_path[DOMAIN_PATH_MAX + 1];
	int fd;				/* /dev/bulkhead, holding the partition */
	uint32_t partition_id;
	struct vm_ram ram[2];		/* below 3 GiB, and above 4 GiB */
	unsigned nram;

	pthread_mutex_t lock;		/* state and devices */
	pthread_cond_t state_changed;
	enum vm_state state;
	char crash_reason[128];
	bool stopping;			/* the worker is shutting down */
	bool reboot;			/* the guest asked for a reset */

	struct machine *machine;
	pthread_t vcpu_threads[DOMAIN_VCPUS_MAX];
	unsigned nvcpus;
	char pty_path[64];
	uint64_t tsc_khz;
};

/* Logs a line to the worker's log (stderr). */
void vm_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* memory.c: guest RAM. */
int vm_memory_setup(struct vm *vm, char *err, size_t errlen);
void *vm_gpa(struct vm *vm, uint64_t gpa, uint64_t len);	/* NULL unless all in RAM */
uint64_t vm_ram_top_low(const struct vm *vm);

/* loader.c: kernel, initrd, command line, boot information, ACPI tables, VP 0's state. */
int vm_load_kernel(struct vm *vm, char *err, size_t errlen);

/* vcpu.c: VP threads. */
int vm_start_vcpus(struct vm *vm, char *err, size_t errlen);
void vm_kick_all(struct vm *vm);

/* machine.c: the emulated platform. */
int machine_create(struct vm *vm, char *err, size_t errlen);
void machine_destroy(struct vm *vm);
/* Port and MMIO accesses from the VP threads; called without vm->lock. */
uint32_t machine_io_read(struct vm *vm, uint16_t port, unsigned size);
void machine_io_write(struct vm *vm, uint16_t port, unsigned size, uint32_t value);
uint64_t machine_mmio_read(struct vm *vm, uint64_t gpa, unsigned size);
void machine_mmio_write(struct vm *vm, uint64_t gpa, unsigned size, uint64_t value);
void machine_eoi(struct vm *vm, uint8_t vector);
/* The I/O thread: timers and console input until the worker stops. */
void machine_run_io(struct vm *vm, int control_fd);
void machine_power_button(struct vm *vm);
/* Makes the I/O thread look at the VM's state again (after a stop request). */
void machine_wake_io(struct vm *vm);
int machine_console_fd(struct vm *vm);

/* control.c: the control socket hvctl talks to. */
int control_listen(struct vm *vm, char *err, size_t errlen);
void control_handle(struct vm *vm, int listen_fd);
void vm_write_state_file(struct vm *vm);

/* main.c: state changes, requested by the guest, hvctl or a crash. */
void vm_set_state(struct vm *vm, enum vm_state s, const char *reason);
void vm_request_stop(struct vm *vm, enum vm_state final, const char *reason);

#endif
