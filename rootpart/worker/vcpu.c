// SPDX-License-Identifier: GPL-2.0
/*
 * One thread per virtual processor: ask the core (through the module) to
 * run the VP, handle the exit it returns, and answer it on the next run.
 * Halts and host interrupts never reach this loop; the module sleeps
 * through them. A SIGUSR1 makes the run ioctl return, for pause and stop.
 */
#include "vm.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#define KICK_SIGNAL SIGUSR1

struct vcpu_arg {
	struct vm *vm;
	unsigned index;
};

static struct vcpu_arg args[DOMAIN_VCPUS_MAX];

static void kick_handler(int sig)
{
	(void)sig;	/* only there to interrupt the run ioctl */
}

/* Blocks while paused; false once the worker stops. */
static bool wait_runnable(struct vm *vm)
{
	bool run;

	pthread_mutex_lock(&vm->lock);
	while (vm->state == VM_PAUSED && !vm->stopping)
		pthread_cond_wait(&vm->state_changed, &vm->lock);
	run = !vm->stopping && vm->state == VM_RUNNING;
	pthread_mutex_unlock(&vm->lock);
	return run;
}

/* Handles one exit; returns false when this VP must stop. */
static bool handle_exit(struct vm *vm, struct bh_ioc_vp_run *run)
{
	const struct bh_vp_exit *e = &run->exit;

	run->flags = 0;
	switch (e->reason) {
	case BH_EXIT_IO:
		if (e->u.io.write) {
			machine_io_write(vm, e->u.io.port, e->u.io.size, e->u.io.data);
		} else {
			run->value = machine_io_read(vm, e->u.io.port, e->u.io.size);
			run->flags = BH_RUN_COMPLETE;
		}
		return true;
	case BH_EXIT_MMIO:
		if (e->u.mmio.write) {
			machine_mmio_write(vm, e->u.mmio.gpa, e->u.mmio.size, e->u.mmio.data);
		} else {
			run->value = machine_mmio_read(vm, e->u.mmio.gpa, e->u.mmio.size);
			run->flags = BH_RUN_COMPLETE;
		}
		return true;
	case BH_EXIT_CPUID:
		/* Not forwarded by this worker; an empty leaf if it ever is. */
		memset(run->cpuid, 0, sizeof(run->cpuid));
		run->flags = BH_RUN_COMPLETE;
		return true;
	case BH_EXIT_MSR:
		run->flags = BH_RUN_INJECT_GP;
		return true;
	case BH_EXIT_EOI:
		machine_eoi(vm, (uint8_t)e->u.eoi.vector);
		return true;
	case BH_EXIT_SHUTDOWN:
	case BH_EXIT_CRASHED: {
		char why[128];
		snprintf(why, sizeof(why), "%s", e->message[0] ? e->message : "stopped by the core");
		vm_log("partition crashed: %s", why);
		vm_request_stop(vm, VM_CRASHED, why);
		return false;
	}
	case BH_EXIT_NONE:
		return true;
	default:
		vm_log("unknown exit reason %u", e->reason);
		vm_request_stop(vm, VM_CRASHED, "unknown exit from the core");
		return false;
	}
}

static void *vcpu_thread(void *p)
{
	struct vcpu_arg *a = p;
	struct vm *vm = a->vm;
	struct bh_ioc_vp_run run;

	memset(&run, 0, sizeof(run));
	run.vp_index = a->index;
	while (wait_runnable(vm)) {
		if (ioctl(vm->fd, BH_IOC_VP_RUN, &run) < 0) {
			if (errno == EINTR)
				continue;	/* the completion was not consumed: send it again */
			vm_log("VP %u: run failed: %s (status %#llx)", a->index, strerror(errno),
			       (unsigned long long)run.status);
			vm_request_stop(vm, VM_CRASHED, "the core refused to run a VP");
			break;
		}
		if (!handle_exit(vm, &run))
			break;
	}
	return NULL;
}

int vm_start_vcpus(struct vm *vm, char *err, size_t errlen)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler;
	sigaction(KICK_SIGNAL, &sa, NULL);
	for (unsigned i = 0; i < vm->cfg.vcpus; i++) {
		args[i] = (struct vcpu_arg){ vm, i };
		if (pthread_create(&vm->vcpu_threads[i], NULL, vcpu_thread, &args[i])) {
			snprintf(err, errlen, "cannot start the thread of VP %u", i);
			return -1;
		}
		vm->nvcpus++;
	}
	return 0;
}

void vm_kick_all(struct vm *vm)
{
	for (unsigned i = 0; i < vm->nvcpus; i++)
		pthread_kill(vm->vcpu_threads[i], KICK_SIGNAL);
}
