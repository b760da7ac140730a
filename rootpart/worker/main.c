// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-worker: creates one child partition from its domain XML and runs
 * it until it powers off, crashes or is destroyed. Started by hvctl create,
 * which reads the first line it writes to --status-fd ("ok" or "error ...").
 */
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/bhdev.h"

static struct vm the_vm;
static int status_fd = -1;

void vm_log(const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(stderr, "[%lld.%03ld] %s: ", (long long)ts.tv_sec, ts.tv_nsec / 1000000,
		the_vm.cfg.name[0] ? the_vm.cfg.name : "worker");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void report(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (status_fd < 0)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(status_fd, line, (size_t)n) < 0)
		vm_log("cannot report to hvctl: %s", strerror(errno));
	close(status_fd);
	status_fd = -1;
}

void vm_set_state(struct vm *vm, enum vm_state s, const char *reason)
{
	pthread_mutex_lock(&vm->lock);
	vm->state = s;
	if (reason)
		snprintf(vm->crash_reason, sizeof(vm->crash_reason), "%s", reason);
	pthread_cond_broadcast(&vm->state_changed);
	pthread_mutex_unlock(&vm->lock);
	vm_write_state_file(vm);
}

void vm_request_stop(struct vm *vm, enum vm_state final, const char *reason)
{
	pthread_mutex_lock(&vm->lock);
	if (final == VM_CRASHED && vm->cfg.on_crash == DOMAIN_ACTION_PRESERVE) {
		/* Kept for inspection: the VPs stop, the worker waits for hvctl destroy. */
		vm->state = VM_CRASHED;
		if (reason)
			snprintf(vm->crash_reason, sizeof(vm->crash_reason), "%s", reason);
	} else if (!vm->stopping) {
		vm->stopping = true;
		vm->state = final;
		if (reason)
			snprintf(vm->crash_reason, sizeof(vm->crash_reason), "%s", reason);
	}
	pthread_cond_broadcast(&vm->state_changed);
	pthread_mutex_unlock(&vm->lock);
	vm_kick_all(vm);
	machine_wake_io(vm);
	vm_write_state_file(vm);
}

static int create_partition(struct vm *vm, char *err, size_t errlen)
{
	struct bh_ioc_partition_create c;
	struct bh_hv_info info;
	uint64_t st;

	vm->fd = bhdev_open(err, errlen);
	if (vm->fd < 0)
		return -1;
	if (bhdev_info(vm->fd, &info, &st) == 0)
		vm->tsc_khz = info.tsc_khz;
	memset(&c, 0, sizeof(c));
	c.max_vps = vm->cfg.vcpus;
	c.max_bytes = vm->cfg.memory;
	if (ioctl(vm->fd, BH_IOC_PARTITION_CREATE, &c) < 0) {
		snprintf(err, errlen, "the core refused the partition: %s (%s)", strerror(errno),
			 bhdev_status_name(c.status));
		return -1;
	}
	vm->partition_id = c.partition_id;
	for (uint32_t i = 0; i < vm->cfg.vcpus; i++) {
		if (ioctl(vm->fd, BH_IOC_VP_CREATE, &i) < 0) {
			snprintf(err, errlen, "cannot create VP %u: %s", i, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int start(struct vm *vm, char *err, size_t errlen)
{
	struct domain_error derr;

	if (domain_parse_file(vm->xml_path, &vm->cfg, &derr)) {
		snprintf(err, errlen, "%s", derr.message);
		return -1;
	}
	mkdir(WORKER_RUN_DIR, 0700);
	if (create_partition(vm, err, errlen) || vm_memory_setup(vm, err, errlen) ||
	    machine_create(vm, err, errlen) || vm_load_kernel(vm, err, errlen))
		return -1;
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: bulkhead-worker --xml DOMAIN.xml [--status-fd N]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct vm *vm = &the_vm;
	char err[512];
	int listen_fd;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--xml") && i + 1 < argc)
			snprintf(vm->xml_path, sizeof(vm->xml_path), "%s", argv[++i]);
		else if (!strcmp(argv[i], "--status-fd") && i + 1 < argc)
			status_fd = atoi(argv[++i]);
		else
			usage();
	}
	if (!vm->xml_path[0])
		usage();
	pthread_mutex_init(&vm->lock, NULL);
	pthread_cond_init(&vm->state_changed, NULL);
	vm->fd = -1;
	signal(SIGPIPE, SIG_IGN);
	if (start(vm, err, sizeof(err)) || (listen_fd = control_listen(vm, err, sizeof(err))) < 0) {
		vm_log("%s", err);
		report("error %s", err);
		return 1;
	}
	vm->state = VM_RUNNING;
	if (vm_start_vcpus(vm, err, sizeof(err))) {
		report("error %s", err);
		return 1;
	}
	vm_write_state_file(vm);
	vm_log("partition %u running: %u VPs, %llu MiB, console %s", vm->partition_id, vm->cfg.vcpus,
	       (unsigned long long)(vm->cfg.memory >> 20), vm->pty_path);
	report("ok %u %s", vm->partition_id, vm->pty_path);

	machine_run_io(vm, listen_fd);

	vm_kick_all(vm);
	for (unsigned i = 0; i < vm->nvcpus; i++)
		pthread_join(vm->vcpu_threads[i], NULL);
	close(vm->fd);		/* the module destroys the partition and unpins its memory */
	vm_log("partition %u %s%s%s", vm->partition_id,
	       vm->state == VM_CRASHED ? "crashed" : "shut off",
	       vm->crash_reason[0] ? ": " : "", vm->crash_reason);
	vm_write_state_file(vm);
	machine_destroy(vm);
	if ((vm->reboot && vm->cfg.on_reboot == DOMAIN_ACTION_RESTART) ||
	    (vm->state == VM_CRASHED && vm->cfg.on_crash == DOMAIN_ACTION_RESTART)) {
		char *again[] = { argv[0], "--xml", vm->xml_path, NULL };
		vm_log("restarting");
		execv("/proc/self/exe", again);
		vm_log("cannot restart: %s", strerror(errno));
	}
	return vm->state == VM_CRASHED ? 3 : 0;
}
