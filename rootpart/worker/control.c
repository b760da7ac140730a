// SPDX-License-Identifier: GPL-2.0
/*
 * The worker's control socket (/run/bulkhead/NAME.sock) and state file
 * (/run/bulkhead/NAME.state), through which hvctl lists, pauses, resumes,
 * shuts down, destroys and dumps the partition. One request per
 * connection: a command line in, "ok ..." or "error ..." lines out.
 */
#define _GNU_SOURCE
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define CONTROL_BACKLOG 4

static const char *state_name(enum vm_state s)
{
	switch (s) {
	case VM_STARTING: return "starting";
	case VM_RUNNING:  return "running";
	case VM_PAUSED:   return "paused";
	case VM_CRASHED:  return "crashed";
	default:          return "shut off";
	}
}

static void run_path(char *buf, size_t len, const struct vm *vm, const char *ext)
{
	snprintf(buf, len, "%s/%s.%s", WORKER_RUN_DIR, vm->cfg.name, ext);
}

void vm_write_state_file(struct vm *vm)
{
	char path[128], tmp[136];
	FILE *f;

	run_path(path, sizeof(path), vm, "state");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	pthread_mutex_lock(&vm->lock);
	fprintf(f, "state %s\nid %u\npid %d\nvcpus %u\nmemory_kib %llu\npty %s\nreason %s\n",
		state_name(vm->state), vm->partition_id, (int)getpid(), vm->cfg.vcpus,
		(unsigned long long)(vm->cfg.memory >> 10), vm->pty_path, vm->crash_reason);
	pthread_mutex_unlock(&vm->lock);
	fclose(f);
	rename(tmp, path);
}

int control_listen(struct vm *vm, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	run_path(sa.sun_path, sizeof(sa.sun_path), vm, "sock");
	if (fd < 0) {
		snprintf(err, errlen, "cannot create the control socket: %s", strerror(errno));
		return -1;
	}
	/* A live socket means the name is taken; a stale one is left over from a dead worker. */
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		snprintf(err, errlen, "a domain named '%s' is already running", vm->cfg.name);
		close(fd);
		return -1;
	}
	unlink(sa.sun_path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, CONTROL_BACKLOG) < 0) {
		snprintf(err, errlen, "cannot listen on %s: %s", sa.sun_path, strerror(errno));
		close(fd);
		return -1;
	}
	chmod(sa.sun_path, 0600);
	return fd;
}

static void reply(int fd, const char *text)
{
	size_t n = strlen(text);

	while (n) {
		ssize_t w = write(fd, text, n);
		if (w <= 0)
			return;
		text += w;
		n -= (size_t)w;
	}
}

static void set_paused(struct vm *vm, bool pause, int fd)
{
	pthread_mutex_lock(&vm->lock);
	enum vm_state s = vm->state;
	if (s == VM_RUNNING && pause)
		vm->state = VM_PAUSED;
	else if (s == VM_PAUSED && !pause)
		vm->state = VM_RUNNING;
	pthread_cond_broadcast(&vm->state_changed);
	pthread_mutex_unlock(&vm->lock);
	if ((pause && s != VM_RUNNING) || (!pause && s != VM_PAUSED)) {
		char msg[80];
		snprintf(msg, sizeof(msg), "error domain is %s\n", state_name(s));
		reply(fd, msg);
		return;
	}
	if (pause)
		vm_kick_all(vm);	/* out of the run ioctl: they wait for resume */
	vm_write_state_file(vm);
	reply(fd, "ok\n");
}

static void dumpxml(struct vm *vm, int fd)
{
	struct domain_runtime rt = { (int)vm->partition_id, vm->pty_path[0] ? vm->pty_path : NULL };
	char *xml = domain_format_xml_alloc(&vm->cfg, &rt);

	if (!xml) {
		reply(fd, "error cannot format the XML\n");
		return;
	}
	reply(fd, "ok\n");
	reply(fd, xml);
	free(xml);
}

/*
 * Reads one command line (without its newline); the client may send it in
 * pieces. Gives up on a line longer than the buffer, or after 2 s, so a
 * stuck client cannot hold the I/O thread. Returns its length, or -1.
 */
static ssize_t read_line(int fd, char *buf, size_t size)
{
	struct timeval tv = { .tv_sec = 2 };
	size_t got = 0;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (got + 1 < size) {
		ssize_t n = read(fd, buf + got, size - 1 - got);

		if (n <= 0)
			break;
		got += (size_t)n;
		buf[got] = 0;
		if (strchr(buf, '\n')) {
			buf[strcspn(buf, "\r\n")] = 0;
			return (ssize_t)strlen(buf);
		}
	}
	return -1;
}

void control_handle(struct vm *vm, int listen_fd)
{
	char cmd[64] = { 0 }, msg[512];
	int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	n = read_line(fd, cmd, sizeof(cmd));
	if (n > 0) {
		if (!strcmp(cmd, "status")) {
			pthread_mutex_lock(&vm->lock);
			snprintf(msg, sizeof(msg), "ok\nstate %s\nid %u\nvcpus %u\nmemory_kib %llu\npty %s\nreason %s\n",
				 state_name(vm->state), vm->partition_id, vm->cfg.vcpus,
				 (unsigned long long)(vm->cfg.memory >> 10), vm->pty_path, vm->crash_reason);
			pthread_mutex_unlock(&vm->lock);
			reply(fd, msg);
		} else if (!strcmp(cmd, "shutdown")) {
			machine_power_button(vm);
			reply(fd, "ok\n");
		} else if (!strcmp(cmd, "destroy")) {
			vm_request_stop(vm, VM_SHUTOFF, "destroyed");
			reply(fd, "ok\n");
		} else if (!strcmp(cmd, "pause") || !strcmp(cmd, "resume")) {
			set_paused(vm, !strcmp(cmd, "pause"), fd);
		} else if (!strcmp(cmd, "dumpxml")) {
			dumpxml(vm, fd);
		} else {
			reply(fd, "error unknown command\n");
		}
	}
	close(fd);
}
