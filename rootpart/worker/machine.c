// SPDX-License-Identifier: GPL-2.0
/*
 * The child's PC platform in the worker: the device models (pure, in dev/)
 * wired to guest time, to the core's interrupt delivery, to the console pty,
 * and to the port and MMIO exits of the VP threads. One lock covers every
 * model; the I/O thread sleeps until the next device deadline or input.
 */
#define _GNU_SOURCE
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "dev/acpi_pm.h"
#include "dev/dev.h"
#include "dev/ioapic.h"
#include "dev/legacy.h"
#include "dev/pic8259.h"
#include "dev/pit8254.h"
#include "dev/platform.h"
#include "dev/rtc_cmos.h"
#include "dev/uart16550.h"

#define CONSOLE_LOG_MAX  (1u << 20)	/* console log bytes kept before it starts over */
#define NSEC_PER_MSEC    1000000ull

struct machine {
	struct vm *vm;
	struct dev_clock clock;
	struct dev_irq irq;
	struct timespec t0;
	struct ioapic ioapic;
	struct pic8259 pic;
	struct pit8254 pit;
	struct rtc_cmos rtc;
	struct uart16550 uart;
	struct acpi_pm pm;
	struct legacy legacy;		/* i8042 reset, POST port, reset control */
	int pty;			/* console pty master */
	int pty_slave;			/* kept open so the master never reports a hang-up */
	int log_fd;			/* console log file */
	size_t log_bytes;
	int wake_fd;			/* eventfd: a deadline moved, look again */
	enum { POWER_NONE, POWER_OFF, POWER_RESET } power;	/* set under the lock, acted on after */
};

static uint64_t clock_now(void *opaque)
{
	struct machine *m = opaque;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)(ts.tv_sec - m->t0.tv_sec) * NSEC_PER_SEC + (uint64_t)ts.tv_nsec -
	       (uint64_t)m->t0.tv_nsec;
}

/* ---- interrupts: board wiring to the I/O APIC (and the PIC, which only masks) ---- */

static void set_gsi(void *opaque, unsigned gsi, bool level)
{
	struct machine *m = opaque;

	ioapic_set_irq(&m->ioapic, gsi, level);
	/* The ISA IRQ of each GSI: identity, except the PIT (IRQ0 on GSI 2). */
	pic_set_irq(&m->pic, gsi == PLATFORM_PIT_GSI ? PLATFORM_PIT_ISA_IRQ : gsi, level);
}

static void ioapic_deliver(void *opaque, const struct ioapic_delivery *d)
{
	struct machine *m = opaque;
	struct bh_ioc_interrupt req = {
		.dest = d->dest, .vector = d->vector, .delivery_mode = d->delivery_mode,
		.dest_logical = d->dest_logical, .level_triggered = d->level_triggered,
	};

	if (ioctl(m->vm->fd, BH_IOC_ASSERT_INTERRUPT, &req) < 0)
		vm_log("interrupt vector %u to %u not delivered: %s (status %#llx)", d->vector, d->dest,
		       strerror(errno), (unsigned long long)req.status);
}

/* ---- the console: a pty whose other end hvctl console opens ---- */

static void console_log(struct machine *m, uint8_t byte)
{
	if (m->log_fd < 0)
		return;
	if (m->log_bytes >= CONSOLE_LOG_MAX) {
		if (ftruncate(m->log_fd, 0) == 0)
			lseek(m->log_fd, 0, SEEK_SET);
		m->log_bytes = 0;
	}
	if (write(m->log_fd, &byte, 1) == 1)
		m->log_bytes++;
}

/* A byte the guest sent: to the log, and to whoever has the console open. */
static bool uart_tx(void *opaque, uint8_t byte)
{
	struct machine *m = opaque;

	console_log(m, byte);
	/*
	 * With nobody reading, the pty fills up: then the byte is dropped, as on
	 * a serial line with nothing plugged in. The guest never waits on us.
	 */
	if (write(m->pty, &byte, 1) < 0 && errno != EAGAIN)
		vm_log("console write: %s", strerror(errno));
	return true;
}

static int console_open(struct machine *m, char *err, size_t errlen)
{
	struct termios t;
	char logpath[128];

	m->pty = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (m->pty < 0 || grantpt(m->pty) || unlockpt(m->pty) || !ptsname(m->pty)) {
		snprintf(err, errlen, "cannot create the console pty: %s", strerror(errno));
		return -1;
	}
	snprintf(m->vm->pty_path, sizeof(m->vm->pty_path), "%s", ptsname(m->pty));
	m->pty_slave = open(m->vm->pty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	/* Raw both ways: the guest's bytes pass untouched, as on a serial line. */
	if (m->pty_slave < 0 || tcgetattr(m->pty_slave, &t) < 0) {
		snprintf(err, errlen, "cannot set up the console pty %s: %s", m->vm->pty_path,
			 strerror(errno));
		return -1;
	}
	cfmakeraw(&t);
	tcsetattr(m->pty_slave, TCSANOW, &t);
	snprintf(logpath, sizeof(logpath), "%s/%s.console.log", WORKER_RUN_DIR, m->vm->cfg.name);
	m->log_fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	return 0;
}

int machine_console_fd(struct vm *vm)
{
	return vm->machine->pty;
}

/* ---- power ---- */

/*
 * The models call these with the device lock held, so they only record the
 * request; power_events() acts on it once the lock is released.
 */
static void pm_sleep(void *opaque, unsigned slp_typ)
{
	struct machine *m = opaque;

	if (slp_typ == PLATFORM_SLP_TYP_S5)
		m->power = POWER_OFF;
}

static void board_reset(void *opaque)
{
	struct machine *m = opaque;

	m->power = POWER_RESET;
}

static void power_events(struct machine *m)
{
	int p = __atomic_exchange_n(&m->power, POWER_NONE, __ATOMIC_ACQ_REL);

	if (p == POWER_OFF) {
		vm_log("guest powered off (ACPI S5)");
		vm_request_stop(m->vm, VM_SHUTOFF, "powered off");
	} else if (p == POWER_RESET) {
		vm_log("guest reset the machine");
		m->vm->reboot = true;
		vm_request_stop(m->vm, VM_SHUTOFF, "reset");
	}
}

void machine_power_button(struct vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	acpi_pm_power_button(&vm->machine->pm);
	pthread_mutex_unlock(&vm->lock);
}

/* ---- set-up ---- */

static int forward_ports(struct vm *vm, uint16_t first, uint16_t count, char *err, size_t errlen)
{
	struct bh_ioc_intercepts req = { BH_INTERCEPT_IO_PORTS, 1, first, count, 0 };

	if (ioctl(vm->fd, BH_IOC_SET_INTERCEPTS, &req) < 0) {
		snprintf(err, errlen, "cannot claim ports %#x-%#x: %s", first, first + count - 1,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int machine_create(struct vm *vm, char *err, size_t errlen)
{
	struct machine *m = calloc(1, sizeof(*m));
	static const struct { uint16_t first, count; } ports[] = {
		{ PLATFORM_PIC_MASTER_CMD, 2 }, { PLATFORM_PIC_SLAVE_CMD, 2 }, { PLATFORM_ELCR_MASTER, 2 },
		{ PLATFORM_PIT_BASE, PLATFORM_PIT_PORTS }, { PLATFORM_PORT_B, 1 },
		{ PLATFORM_I8042_DATA, 1 }, { PLATFORM_I8042_CMD, 1 }, { PLATFORM_POST_PORT, 1 },
		{ PLATFORM_RTC_INDEX, 2 }, { PLATFORM_COM1_BASE, PLATFORM_COM1_PORTS },
		{ PLATFORM_PM_BASE, PLATFORM_PM_SIZE }, { PLATFORM_RESET_PORT, 1 },
	};
	struct timespec wall;

	if (!m) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	vm->machine = m;
	m->vm = vm;
	m->log_fd = -1;
	m->pty = m->pty_slave = -1;
	clock_gettime(CLOCK_MONOTONIC, &m->t0);
	clock_gettime(CLOCK_REALTIME, &wall);
	m->clock = (struct dev_clock){ clock_now, m };
	m->irq = (struct dev_irq){ set_gsi, m };
	m->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (m->wake_fd < 0 || console_open(m, err, errlen))
		return -1;

	struct ioapic_ops io_ops = { ioapic_deliver, m };
	ioapic_init(&m->ioapic, (uint8_t)PLATFORM_IOAPIC_ID(vm->cfg.vcpus), PLATFORM_GSI_ACTIVE_LOW,
		    &io_ops);
	pic_init(&m->pic);
	pit_init(&m->pit, &m->clock, &m->irq, PLATFORM_PIT_GSI);
	int32_t offset = 0;
	if (vm->cfg.clock.offset == DOMAIN_CLOCK_LOCALTIME) {
		struct tm tm;
		time_t now = wall.tv_sec;
		localtime_r(&now, &tm);
		offset = (int32_t)tm.tm_gmtoff;
	}
	rtc_init(&m->rtc, &m->clock, &m->irq, PLATFORM_RTC_GSI,
		 (int64_t)wall.tv_sec * (int64_t)NSEC_PER_SEC + wall.tv_nsec, offset);
	struct uart_ops uops = { uart_tx, m };
	uart_init(&m->uart, &m->clock, &m->irq, PLATFORM_COM1_GSI, &uops);
	struct acpi_pm_ops pops = { pm_sleep, m };
	acpi_pm_init(&m->pm, &m->clock, &m->irq, PLATFORM_SCI_GSI, &pops);
	struct legacy_ops lops = { board_reset, m };
	legacy_init(&m->legacy, &lops);

	for (unsigned i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (forward_ports(vm, ports[i].first, ports[i].count, err, errlen))
			return -1;
	return 0;
}

void machine_destroy(struct vm *vm)
{
	struct machine *m = vm->machine;

	if (!m)
		return;
	close(m->pty);
	close(m->pty_slave);
	if (m->log_fd >= 0)
		close(m->log_fd);
	close(m->wake_fd);
	free(m);
	vm->machine = NULL;
}

/* ---- dispatch ---- */

static uint64_t earliest_deadline(struct machine *m)
{
	uint64_t d = pit_next_deadline_ns(&m->pit);
	uint64_t r = rtc_next_deadline_ns(&m->rtc);
	uint64_t u = uart_next_deadline_ns(&m->uart);
	uint64_t p = acpi_pm_next_deadline_ns(&m->pm);

	d = r < d ? r : d;
	d = u < d ? u : d;
	return p < d ? p : d;
}

static void advance_all(struct machine *m)
{
	uint64_t now = clock_now(m);

	pit_advance(&m->pit, now);
	rtc_advance(&m->rtc, now);
	uart_advance(&m->uart, now);
	acpi_pm_advance(&m->pm, now);
}

static bool in_range(uint16_t port, uint16_t first, uint16_t count)
{
	return port >= first && port < first + count;
}

static uint32_t io_read_locked(struct machine *m, uint16_t port, unsigned size)
{
	if (in_range(port, PLATFORM_COM1_BASE, PLATFORM_COM1_PORTS))
		return uart_read(&m->uart, port - PLATFORM_COM1_BASE, size);
	if (in_range(port, PLATFORM_PIT_BASE, PLATFORM_PIT_PORTS) || port == PLATFORM_PORT_B)
		return pit_read(&m->pit, port, size);
	if (port == PLATFORM_RTC_INDEX || port == PLATFORM_RTC_DATA)
		return rtc_read(&m->rtc, port, size);
	if (in_range(port, PLATFORM_PM_BASE, PLATFORM_PM_SIZE))
		return acpi_pm_read(&m->pm, port - PLATFORM_PM_BASE, size);
	if (port == PLATFORM_I8042_DATA || port == PLATFORM_I8042_CMD || port == PLATFORM_POST_PORT ||
	    port == PLATFORM_RESET_PORT)
		return legacy_read(&m->legacy, port, size);
	if (in_range(port, PLATFORM_PIC_MASTER_CMD, 2) || in_range(port, PLATFORM_PIC_SLAVE_CMD, 2) ||
	    in_range(port, PLATFORM_ELCR_MASTER, 2))
		return pic_read(&m->pic, port, size);
	return dev_ones(size);
}

static void io_write_locked(struct machine *m, uint16_t port, unsigned size, uint32_t v)
{
	if (in_range(port, PLATFORM_COM1_BASE, PLATFORM_COM1_PORTS))
		uart_write(&m->uart, port - PLATFORM_COM1_BASE, size, v);
	else if (in_range(port, PLATFORM_PIT_BASE, PLATFORM_PIT_PORTS) || port == PLATFORM_PORT_B)
		pit_write(&m->pit, port, size, v);
	else if (port == PLATFORM_RTC_INDEX || port == PLATFORM_RTC_DATA)
		rtc_write(&m->rtc, port, size, v);
	else if (in_range(port, PLATFORM_PM_BASE, PLATFORM_PM_SIZE))
		acpi_pm_write(&m->pm, port - PLATFORM_PM_BASE, size, v);
	else if (port == PLATFORM_I8042_DATA || port == PLATFORM_I8042_CMD ||
		 port == PLATFORM_POST_PORT || port == PLATFORM_RESET_PORT)
		legacy_write(&m->legacy, port, size, v);
	else if (in_range(port, PLATFORM_PIC_MASTER_CMD, 2) || in_range(port, PLATFORM_PIC_SLAVE_CMD, 2) ||
		 in_range(port, PLATFORM_ELCR_MASTER, 2))
		pic_write(&m->pic, port, size, v);
	/* Everything else: the write goes nowhere. */
}

void machine_wake_io(struct vm *vm)
{
	uint64_t one = 1;

	if (vm->machine && write(vm->machine->wake_fd, &one, sizeof(one)) < 0)
		vm_log("cannot wake the I/O thread: %s", strerror(errno));
}

/* After a write a timer may fire sooner: let the I/O thread recompute its sleep. */
static void nudge_io_thread(struct machine *m, uint64_t before)
{
	uint64_t one = 1;

	if (earliest_deadline(m) < before && write(m->wake_fd, &one, sizeof(one)) < 0)
		vm_log("cannot wake the I/O thread: %s", strerror(errno));
}

uint32_t machine_io_read(struct vm *vm, uint16_t port, unsigned size)
{
	struct machine *m = vm->machine;
	uint32_t v;

	pthread_mutex_lock(&vm->lock);
	advance_all(m);
	uint64_t before = earliest_deadline(m);
	v = io_read_locked(m, port, size);
	nudge_io_thread(m, before);
	pthread_mutex_unlock(&vm->lock);
	power_events(m);
	return v;
}

void machine_io_write(struct vm *vm, uint16_t port, unsigned size, uint32_t value)
{
	struct machine *m = vm->machine;

	pthread_mutex_lock(&vm->lock);
	advance_all(m);
	uint64_t before = earliest_deadline(m);
	io_write_locked(m, port, size, value);
	nudge_io_thread(m, before);
	pthread_mutex_unlock(&vm->lock);
	power_events(m);
}

static bool is_ioapic(uint64_t gpa)
{
	return gpa >= PLATFORM_IOAPIC_BASE && gpa < PLATFORM_IOAPIC_BASE + PLATFORM_IOAPIC_SIZE;
}

uint64_t machine_mmio_read(struct vm *vm, uint64_t gpa, unsigned size)
{
	uint64_t v = size >= 8 ? UINT64_MAX : (1ull << (size * 8)) - 1;

	if (is_ioapic(gpa)) {
		pthread_mutex_lock(&vm->lock);
		v = ioapic_read(&vm->machine->ioapic, gpa - PLATFORM_IOAPIC_BASE, size);
		pthread_mutex_unlock(&vm->lock);
	}
	/* Nothing else decodes: unclaimed physical addresses read all-ones on a PC. */
	return v;
}

void machine_mmio_write(struct vm *vm, uint64_t gpa, unsigned size, uint64_t value)
{
	if (!is_ioapic(gpa))
		return;
	pthread_mutex_lock(&vm->lock);
	ioapic_write(&vm->machine->ioapic, gpa - PLATFORM_IOAPIC_BASE, size, (uint32_t)value);
	pthread_mutex_unlock(&vm->lock);
}

void machine_eoi(struct vm *vm, uint8_t vector)
{
	pthread_mutex_lock(&vm->lock);
	ioapic_eoi(&vm->machine->ioapic, vector);
	pthread_mutex_unlock(&vm->lock);
}

/* ---- the I/O thread ---- */

static void console_input(struct machine *m)
{
	uint8_t buf[64];
	size_t room = uart_rx_space(&m->uart);
	ssize_t n;

	if (!room)
		return;
	n = read(m->pty, buf, room < sizeof(buf) ? room : sizeof(buf));
	if (n > 0)
		uart_receive(&m->uart, buf, (size_t)n);
}

void machine_run_io(struct vm *vm, int control_fd)
{
	struct machine *m = vm->machine;

	for (;;) {
		struct pollfd p[3] = {
			{ control_fd, POLLIN, 0 },
			{ m->wake_fd, POLLIN, 0 },
			{ m->pty, 0, 0 },
		};
		int timeout;

		pthread_mutex_lock(&vm->lock);
		bool stop = vm->stopping;
		advance_all(m);
		uint64_t d = earliest_deadline(m), now = clock_now(m);
		if (uart_rx_space(&m->uart))
			p[2].events = POLLIN;
		pthread_mutex_unlock(&vm->lock);
		if (stop)
			break;
		if (d == DEV_NO_DEADLINE)
			timeout = -1;
		else
			timeout = d <= now ? 0 : (int)((d - now + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC);
		if (poll(p, 3, timeout) < 0 && errno != EINTR)
			break;
		if (p[0].revents & POLLIN)
			control_handle(vm, control_fd);
		if (p[1].revents & POLLIN) {
			uint64_t v;
			if (read(m->wake_fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
				vm_log("wake fd: %s", strerror(errno));
		}
		if (p[2].revents & POLLIN) {
			pthread_mutex_lock(&vm->lock);
			console_input(m);
			pthread_mutex_unlock(&vm->lock);
		}
	}
}
