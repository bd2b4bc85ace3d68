/*
 * ipc_stress.c — two tasks, five worker threads in each, 1,000,000 RPCs in all; each
 * request carries a send right to the client thread's port and each reply moves it
 * back. Then both tasks end, and the kernel's leak check (run by the harness when the
 * last task is gone) must find its allocator statistics exactly as before the tasks.
 */
//! timeout=600
//! modules() {
//!   printf '%s|%s\n' "$test_path" '/boot/ipc_stress client ${server-task} $(task-create) $(task-resume)'
//!   printf '%s|%s\n' "$test_path" '/boot/ipc_stress server $(server-task=task-create) $(task-resume)'
//! }
//! expect '^stress: 1000000 RPCs done, 0 errors$'
//! expect '^kernel: allocator statistics are back to where they were before the first task$'
//! expect '^kernel: every task exited with status 0; the test run passed$'
#include "guest.h"
#include "guest_mach.h"
#include <mach/mig_support.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/machine/thread_status.h>

#define WORKERS 5
#define RPCS_PER_WORKER 200000
#define SERVICE 0x400
#define CONTROL 0x401

struct msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	mach_port_t port;
	uint32_t pad;
};

static mach_port_t self;
static volatile int finished, errors;
static char stacks[WORKERS][16384] __attribute__((aligned(16)));
static uint64_t tls[WORKERS][4];

static void server_worker(void)
{
	struct msg m;
	mach_msg_return_t mr = mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), SERVICE, 0, 0);
	for (;;) {
		if (mr != MACH_MSG_SUCCESS || m.t.msgt_name != MACH_MSG_TYPE_PORT_SEND) {
			__sync_fetch_and_add(&errors, 1);
			mr = mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), SERVICE, 0, 0);
			continue;
		}
		/* Send the right back: it moves out of this task again. */
		mach_port_t reply_to = m.h.msgh_remote_port, right = m.port;
		m.h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS_COMPLEX |
						MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
					   .msgh_size = sizeof(m), .msgh_remote_port = reply_to,
					   .msgh_id = m.h.msgh_id + 100 };
		m.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_MOVE_SEND, .msgt_size = 64,
					 .msgt_number = 1, .msgt_inline = 1 };
		m.port = right;
		mr = mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m), sizeof(m), SERVICE, 0, 0);
	}
}

static void client_worker(void)
{
	mach_port_t mine = MACH_PORT_NULL, reply = mach_reply_port();
	syscall_mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &mine);
	for (int i = 0; i < RPCS_PER_WORKER; i++) {
		struct msg m = { .h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX |
					      MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
					 .msgh_size = sizeof(m), .msgh_remote_port = SERVICE,
					 .msgh_local_port = reply, .msgh_id = 1000 + (i & 7) },
				 .t = { .msgt_name = MACH_MSG_TYPE_MAKE_SEND, .msgt_size = 64,
					.msgt_number = 1, .msgt_inline = 1 },
				 .port = mine };
		mach_msg_return_t mr = mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m),
						     sizeof(m), reply, 0, 0);
		if (mr != MACH_MSG_SUCCESS || m.h.msgh_id != 1100 + (i & 7) || m.port != mine ||
		    m.t.msgt_name != MACH_MSG_TYPE_PORT_SEND) {
			__sync_fetch_and_add(&errors, 1);
			continue;
		}
		/* The returned send right joined our receive right's entry: drop it. */
		if (syscall_mach_port_deallocate(self, mine) != KERN_SUCCESS)
			__sync_fetch_and_add(&errors, 1);
	}
	__sync_fetch_and_add(&finished, 1);
	for (;;)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 100);
}

static void start(void (*fn)(void), int i)
{
	mach_port_t th = guest_thread_create(fn, stacks[i], sizeof(stacks[i]));
	CHECK_EQ(mig_thread_tls_setup(th, tls[i], sizeof(tls[i])), KERN_SUCCESS);
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, th), KERN_SUCCESS);
}

static void plant(mach_port_t server_task, mach_port_t name, mach_port_t *send)
{
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, send), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, *send, *send, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(server_task, name, *send, MACH_MSG_TYPE_MOVE_RECEIVE), KERN_SUCCESS);
}

static int server(void)
{
	mach_port_type_t type;
	while (mach_port_type(self, CONTROL, &type) != KERN_SUCCESS)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	for (int i = 0; i < WORKERS; i++)
		start(server_worker, i);
	mach_msg_header_t quit;
	CHECK_EQ(mach_msg_trap(&quit, MACH_RCV_MSG, 0, sizeof(quit), CONTROL, 0, 0), MACH_MSG_SUCCESS);
	return guest_finish();          /* ends the task, its workers with it */
}

static int client(const char *server_arg)
{
	mach_port_t server_task = 0, service, control;
	for (const char *p = server_arg; *p >= '0' && *p <= '9'; p++)
		server_task = server_task * 10 + (mach_port_t)(*p - '0');
	/* The service port first: server workers may start as soon as the control port
	 * appears. Our send rights keep the names SERVICE and CONTROL in this task too. */
	plant(server_task, SERVICE, &service);
	CHECK_EQ(mach_port_rename(self, service, SERVICE), KERN_SUCCESS);
	plant(server_task, CONTROL, &control);
	for (int i = 0; i < WORKERS; i++)
		start(client_worker, i);
	while (finished < WORKERS)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 50);
	guest_print("stress: ");
	guest_print_dec((long)WORKERS * RPCS_PER_WORKER);
	guest_print(" RPCs done, ");
	guest_print_dec(errors);
	guest_print(" errors\n");
	CHECK_EQ(errors, 0);
	mach_msg_header_t quit = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
				   .msgh_size = sizeof(quit), .msgh_remote_port = control };
	CHECK_EQ(mach_msg_trap(&quit, MACH_SEND_MSG, sizeof(quit), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	return guest_finish();
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	CHECK_EQ(mig_tls_setup(), KERN_SUCCESS);
	if (argc >= 2 && argv[1][0] == 's')
		return server();
	return client(argc >= 3 ? argv[2] : "0");
}
