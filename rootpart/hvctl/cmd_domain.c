// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl create, list, shutdown, destroy, pause, resume, dumpxml: child
 * partitions described by libvirt domain XML. Each runs in its own worker
 * process; hvctl talks to it through /run/bulkhead/NAME.sock and reads its
 * state from /run/bulkhead/NAME.state.
 */
#include "hvctl.h"
#include "../lib/domain.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_DIR            "/run/bulkhead"
#define DEFAULT_WORKER     "/usr/libexec/bulkhead/bulkhead-worker"
#define CREATE_TIMEOUT_MS  120000
#define DESTROY_TIMEOUT_MS 30000
#define POLL_STEP_MS       50

struct dom_state {
	char state[16];
	char name[DOMAIN_NAME_MAX + 1];
	int id;
	int pid;
	unsigned vcpus;
	unsigned long long memory_kib;
	char pty[64];
	char reason[128];
};

static void run_path(char *buf, size_t len, const char *name, const char *ext)
{
	snprintf(buf, len, "%s/%s.%s", RUN_DIR, name, ext);
}

static bool name_ok(const char *name)
{
	size_t n = strlen(name);

	if (!n || n > DOMAIN_NAME_MAX || name[0] == '.' || name[0] == '-')
		return false;
	return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-") == n;
}

static bool worker_alive(const struct dom_state *s)
{
	return s->pid > 0;
}

/* A process exists and is not a zombie waiting to be reaped. */
static bool process_running(int pid)
{
	char path[32], line[256];
	FILE *f;
	bool running = false;

	if (pid <= 0 || kill(pid, 0) < 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (fgets(line, sizeof(line), f)) {
		/* "pid (comm) S ...": the state follows the last ')'. */
		char *p = strrchr(line, ')');
		running = p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	}
	fclose(f);
	return running;
}

static int read_state(const char *name, struct dom_state *s)
{
	char path[256], key[32], val[160], line[256];
	FILE *f;

	run_path(path, sizeof(path), name, "state");
	f = fopen(path, "r");
	if (!f)
		return -1;
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->id = -1;
	while (fgets(line, sizeof(line), f)) {
		val[0] = 0;
		if (sscanf(line, "%31s %159[^\n]", key, val) < 1)
			continue;
		if (!strcmp(key, "state"))
			snprintf(s->state, sizeof(s->state), "%s", val);
		else if (!strcmp(key, "id"))
			s->id = atoi(val);
		else if (!strcmp(key, "pid"))
			s->pid = atoi(val);
		else if (!strcmp(key, "vcpus"))
			s->vcpus = (unsigned)atoi(val);
		else if (!strcmp(key, "memory_kib"))
			s->memory_kib = strtoull(val, NULL, 10);
		else if (!strcmp(key, "pty"))
			snprintf(s->pty, sizeof(s->pty), "%s", val);
		else if (!strcmp(key, "reason"))
			snprintf(s->reason, sizeof(s->reason), "%s", val);
	}
	fclose(f);
	if (!process_running(s->pid))
		s->pid = 0;
	/* A worker that vanished without a word: its partition is gone, call it crashed. */
	bool live_state = !strcmp(s->state, "running") || !strcmp(s->state, "paused") ||
			  !strcmp(s->state, "crashed") || !strcmp(s->state, "starting");
	if (live_state && !process_running(s->pid)) {
		if (strcmp(s->state, "crashed"))
			snprintf(s->reason, sizeof(s->reason), "the worker process died");
		snprintf(s->state, sizeof(s->state), "crashed");
		s->pid = 0;
	}
	if (!s->pid)
		s->id = -1;
	return 0;
}

/* Sends one command to the worker; its reply goes to 'out'. Returns 0 on "ok". */
static int control(const char *name, const char *cmd, char *out, size_t outlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	size_t got = 0;
	ssize_t n;

	out[0] = 0;
	run_path(sa.sun_path, sizeof(sa.sun_path), name, "sock");
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		snprintf(out, outlen, "domain '%s' is not running", name);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	/*
	 * One write with its newline: the worker acts on the line as soon as
	 * it has it and may close before a second write arrives. MSG_NOSIGNAL:
	 * a worker that dies meanwhile gives an error message, not SIGPIPE.
	 */
	char line[128];
	int len = snprintf(line, sizeof(line), "%s\n", cmd);

	if (len < 0 || (size_t)len >= sizeof(line) ||
	    send(fd, line, (size_t)len, MSG_NOSIGNAL) != len) {
		close(fd);
		snprintf(out, outlen, "cannot talk to the worker of '%s'", name);
		return -1;
	}
	while (got + 1 < outlen && (n = read(fd, out + got, outlen - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = 0;
	close(fd);
	if (!strncmp(out, "ok\n", 3)) {
		memmove(out, out + 3, strlen(out + 3) + 1);
		return 0;
	}
	if (!strncmp(out, "error ", 6))
		memmove(out, out + 6, strlen(out + 6) + 1);
	out[strcspn(out, "\n")] = 0;
	return -1;
}

/* ---- create ---- */

static int copy_file(const char *from, const char *to)
{
	char buf[8192];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	close(out);
	return n < 0 ? -1 : 0;
}

/* Starts the worker detached from us; returns the read end of its status pipe. */
static int spawn_worker(const char *name, const char *xml)
{
	char log[256], fdarg[16];
	const char *worker = getenv("BULKHEAD_WORKER") ? getenv("BULKHEAD_WORKER") : DEFAULT_WORKER;
	int pipefd[2];
	pid_t pid;

	if (pipe(pipefd) < 0)
		return -1;
	run_path(log, sizeof(log), name, "log");
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* A grandchild, so the worker is nobody's zombie once hvctl exits. */
		if (fork() != 0)
			_exit(0);
		setsid();
		close(pipefd[0]);
		int nul = open("/dev/null", O_RDWR), lf = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(nul, STDIN_FILENO);
		dup2(lf >= 0 ? lf : nul, STDOUT_FILENO);
		dup2(lf >= 0 ? lf : nul, STDERR_FILENO);
		snprintf(fdarg, sizeof(fdarg), "%d", pipefd[1]);
		execl(worker, worker, "--xml", xml, "--status-fd", fdarg, (char *)NULL);
		dprintf(STDERR_FILENO, "cannot run %s: %s\n", worker, strerror(errno));
		if (write(pipefd[1], "error cannot run the worker\n", 28) < 0)
			_exit(127);
		_exit(127);
	}
	close(pipefd[1]);
	waitpid(pid, NULL, 0);
	return pipefd[0];
}

static int create_run(int argc, char **argv)
{
	struct domain_config cfg;
	struct domain_error derr;
	struct dom_state st;
	char xml[256], line[512];
	size_t got = 0;
	int fd;

	if (argc != 2)
		return hvctl_usage(&cmd_create, "expected one domain XML file");
	if (domain_parse_file(argv[1], &cfg, &derr))
		return hvctl_fail("%s", derr.message);
	if (access(cfg.os.kernel, R_OK))
		return hvctl_fail("%s: kernel '%s': %s", argv[1], cfg.os.kernel, strerror(errno));
	if (cfg.os.initrd[0] && access(cfg.os.initrd, R_OK))
		return hvctl_fail("%s: initrd '%s': %s", argv[1], cfg.os.initrd, strerror(errno));
	if (read_state(cfg.name, &st) == 0 && worker_alive(&st))
		return hvctl_fail("domain '%s' already exists (%s)", cfg.name, st.state);
	mkdir(RUN_DIR, 0700);
	run_path(xml, sizeof(xml), cfg.name, "xml");
	if (copy_file(argv[1], xml))
		return hvctl_fail("cannot copy %s to %s: %s", argv[1], xml, strerror(errno));
	fd = spawn_worker(cfg.name, xml);
	if (fd < 0)
		return hvctl_fail("cannot start the worker: %s", strerror(errno));
	struct pollfd p = { fd, POLLIN, 0 };
	while (got + 1 < sizeof(line) && poll(&p, 1, CREATE_TIMEOUT_MS) == 1) {
		ssize_t n = read(fd, line + got, sizeof(line) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		if (memchr(line, '\n', got))
			break;
	}
	close(fd);
	line[got] = 0;
	line[strcspn(line, "\n")] = 0;
	unsigned id;
	char pty[64];
	if (sscanf(line, "ok %u %63s", &id, pty) == 2) {
		printf("Domain '%s' created (id %u, console %s)\n", cfg.name, id, pty);
		return HVCTL_OK;
	}
	if (!strncmp(line, "error ", 6))
		return hvctl_fail("cannot create '%s': %s", cfg.name, line + 6);
	return hvctl_fail("cannot create '%s': the worker said nothing (see %s/%s.log)", cfg.name,
			  RUN_DIR, cfg.name);
}

const struct hvctl_cmd cmd_create = {
	"create", "FILE.xml", "create and start a partition from libvirt domain XML",
	"Parses the domain XML (docs/domain-xml.md), starts a worker process for the\n"
	"partition and returns once the guest is running. Errors name the file and line.\n",
	create_run,
};

/* ---- list ---- */

static int list_run(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;

	(void)argv;
	if (argc > 1)
		return hvctl_usage(&cmd_list, "unexpected argument");
	printf(" %-4s %-20s %-10s %-6s %s\n", "Id", "Name", "State", "vCPUs", "Memory");
	printf("-------------------------------------------------------------\n");
	d = opendir(RUN_DIR);
	if (!d)
		return HVCTL_OK;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char name[DOMAIN_NAME_MAX + 8];
		struct dom_state st;

		if (n < 7 || strcmp(e->d_name + n - 6, ".state") || n - 6 >= sizeof(name))
			continue;
		memcpy(name, e->d_name, n - 6);
		name[n - 6] = 0;
		if (read_state(name, &st))
			continue;
		char id[12] = "-";
		if (st.id >= 0)
			snprintf(id, sizeof(id), "%d", st.id);
		printf(" %-4s %-20s %-10s %-6u %llu KiB\n", id, st.name, st.state, st.vcpus, st.memory_kib);
	}
	closedir(d);
	return HVCTL_OK;
}

const struct hvctl_cmd cmd_list = {
	"list", "", "list partitions with their state",
	"Shows id, name, state (running, paused, shut off, crashed), vCPUs and memory\n"
	"of every partition hvctl created since the root started. Why one crashed is\n"
	"in 'hvctl log'.\n",
	list_run,
};

/* ---- one-word commands to the worker ---- */

static int wait_gone(const char *name)
{
	struct dom_state st;

	for (int t = 0; t < DESTROY_TIMEOUT_MS; t += POLL_STEP_MS) {
		if (read_state(name, &st) || !worker_alive(&st))
			return 0;
		usleep(POLL_STEP_MS * 1000);
	}
	return -1;
}

static int simple(const struct hvctl_cmd *c, int argc, char **argv, const char *cmd,
		  const char *done_fmt)
{
	char out[256];
	struct dom_state st;

	if (argc != 2)
		return hvctl_usage(c, "expected one domain name");
	if (!name_ok(argv[1]))
		return hvctl_fail("'%s' is not a valid domain name", argv[1]);
	if (read_state(argv[1], &st))
		return hvctl_fail("no domain named '%s'", argv[1]);
	if (!worker_alive(&st)) {
		if (!strcmp(cmd, "destroy")) {
			/* Nothing runs: forget the record. */
			char path[256];
			run_path(path, sizeof(path), argv[1], "state");
			unlink(path);
			printf(done_fmt, argv[1]);
			return HVCTL_OK;
		}
		return hvctl_fail("domain '%s' is not running (%s)", argv[1], st.state);
	}
	if (control(argv[1], cmd, out, sizeof(out)))
		return hvctl_fail("%s '%s': %s", cmd, argv[1], out);
	if (!strcmp(cmd, "destroy")) {
		if (wait_gone(argv[1]))
			return hvctl_fail("'%s' did not stop within %d s", argv[1], DESTROY_TIMEOUT_MS / 1000);
		char path[256];
		run_path(path, sizeof(path), argv[1], "state");
		unlink(path);
	}
	printf(done_fmt, argv[1]);
	return HVCTL_OK;
}

static int shutdown_run(int argc, char **argv)
{
	return simple(&cmd_shutdown, argc, argv, "shutdown", "Domain '%s' is being shut down\n");
}

static int destroy_run(int argc, char **argv)
{
	return simple(&cmd_destroy, argc, argv, "destroy", "Domain '%s' destroyed\n");
}

static int pause_run(int argc, char **argv)
{
	return simple(&cmd_pause, argc, argv, "pause", "Domain '%s' paused\n");
}

static int resume_run(int argc, char **argv)
{
	return simple(&cmd_resume, argc, argv, "resume", "Domain '%s' resumed\n");
}

static int dumpxml_run(int argc, char **argv)
{
	char out[65536];

	if (argc != 2)
		return hvctl_usage(&cmd_dumpxml, "expected one domain name");
	if (!name_ok(argv[1]))
		return hvctl_fail("'%s' is not a valid domain name", argv[1]);
	if (control(argv[1], "dumpxml", out, sizeof(out)))
		return hvctl_fail("dumpxml '%s': %s", argv[1], out);
	fputs(out, stdout);
	return HVCTL_OK;
}

const struct hvctl_cmd cmd_shutdown = {
	"shutdown", "NAME", "ask a partition's guest to power off",
	"Presses the guest's ACPI power button; the guest decides how to shut down.\n", shutdown_run,
};
const struct hvctl_cmd cmd_destroy = {
	"destroy", "NAME", "stop a partition at once",
	"Stops the partition immediately, gives its memory back to the root and\n"
	"forgets it. Works on running, paused, crashed and shut-off partitions.\n", destroy_run,
};
const struct hvctl_cmd cmd_pause = {
	"pause", "NAME", "stop running a partition's processors",
	"Its processors stop being scheduled; memory and devices stay as they are.\n", pause_run,
};
const struct hvctl_cmd cmd_resume = {
	"resume", "NAME", "run a paused partition again", "Undoes 'hvctl pause'.\n", resume_run,
};
const struct hvctl_cmd cmd_dumpxml = {
	"dumpxml", "NAME", "print a partition's effective domain XML",
	"Prints the XML as the partition runs: defaults filled in, id and console pty.\n",
	dumpxml_run,
};

/* Used by console.c: the pty of a running domain. */
int hvctl_domain_pty(const char *name, char *pty, size_t len)
{
	struct dom_state st;

	if (!name_ok(name))
		return hvctl_fail("'%s' is not a valid domain name", name);
	if (read_state(name, &st))
		return hvctl_fail("no domain named '%s'", name);
	if (!worker_alive(&st) || !st.pty[0])
		return hvctl_fail("domain '%s' is not running (%s)", name, st.state);
	snprintf(pty, len, "%s", st.pty);
	return HVCTL_OK;
}
