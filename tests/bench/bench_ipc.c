/*
 * bench_ipc.c — the kernel-core benchmarks, run by tests/bench/run-bench under QEMU:
 * main (client and server tasks) and the trap and IPC figures; bench_vm.c has the VM
 * ones. The operations (as the kernel-core issue defines them):
 *   trap_null        swtch with nothing else to run: entry, dispatch, exit
 *   trap_task_self   mach_task_self
 *   rpc_port_pair    mach_port_allocate(RECEIVE) + mach_port_mod_refs(-1), two RPCs
 *   rpc_null_thread  null RPC to a server thread of the same task
 *   rpc_null_task    null RPC to a server in another task
 * A null RPC: the client sends a header-only request with a MAKE_SEND_ONCE reply port and
 * receives in the same trap; the server replies and receives the next in one trap.
 *
 * The client plants the receive rights of the services in the server task (the null
 * RPC's at SERVICE_NAME, the out-of-line one's at OOL_SERVICE_NAME); the server's first
 * thread serves null RPCs. The client starts the out-of-line service's thread in the
 * server task only once the null RPCs are measured: a second thread there, even one
 * waiting on another port, adds a few instructions to each null RPC.
 */
#include "bench.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>

#define SERVICE_NAME 0x300
#define OOL_SERVICE_NAME 0x301

static mach_msg_header_t null_msg(mach_port_t dest, mach_port_t reply)
{
	return (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
								MACH_MSG_TYPE_MAKE_SEND_ONCE),
				    .msgh_size = sizeof(mach_msg_header_t),
				    .msgh_remote_port = dest, .msgh_local_port = reply, .msgh_id = 1 };
}

static int rpc(mach_port_t service, mach_port_t reply)
{
	mach_msg_header_t m = null_msg(service, reply);
	return mach_msg_trap(&m, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m), sizeof(m), reply, 0, 0);
}

/* The server loop: reply to each request and wait for the next in one trap. */
static void serve(mach_port_t port)
{
	mach_msg_header_t m;
	mach_msg_trap(&m, MACH_RCV_MSG, 0, sizeof(m), port, 0, 0);
	for (;;) {
		m = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
					 .msgh_size = sizeof(m), .msgh_remote_port = m.msgh_remote_port,
					 .msgh_id = m.msgh_id + 100 };
		if (mach_msg_trap(&m, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m), sizeof(m), port, 0, 0) !=
		    MACH_MSG_SUCCESS)
			mach_msg_trap(&m, MACH_RCV_MSG, 0, sizeof(m), port, 0, 0);
	}
}

static mach_port_t thread_service;
static char server_stack[16384] __attribute__((aligned(16)));

static void server_thread(void)
{
	serve(thread_service);
}

static void ool_server_thread(void)
{
	bench_vm_serve(OOL_SERVICE_NAME);
}

static void start_server_thread(void)
{
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &thread_service);
	mach_port_insert_right(self, thread_service, thread_service, MACH_MSG_TYPE_MAKE_SEND);
	bench_start_thread(self, server_thread, server_stack, sizeof(server_stack));
}

/* A receive right planted in the server task at `name`; returns our send right. */
static mach_port_t plant_service(mach_port_t server_task, mach_port_t name)
{
	mach_port_t s;
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &s);
	mach_port_insert_right(self, s, s, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_insert_right(server_task, name, s, MACH_MSG_TYPE_MOVE_RECEIVE);
	return s;
}

static unsigned long parse(const char *s)
{
	unsigned long v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	if (argc >= 2 && argv[1][0] == 's') {
		bench_wait_for_name(SERVICE_NAME);
		serve(SERVICE_NAME);
	}
	mach_port_t reply = mach_reply_port(), name;

	MEASURE("trap_null", (void)0, swtch());
	MEASURE("trap_task_self", (void)0, mach_task_self());
	MEASURE("rpc_port_pair", (void)0,
		mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &name);
		mach_port_mod_refs(self, name, MACH_PORT_RIGHT_RECEIVE, -1));
	MEASURE("rpc_null_thread", start_server_thread(), rpc(thread_service, reply));
	if (argc >= 3) {
		mach_port_t task = (mach_port_t)parse(argv[2]);
		mach_port_t service = plant_service(task, SERVICE_NAME);
		mach_port_t ool_service = plant_service(task, OOL_SERVICE_NAME);
		MEASURE("rpc_null_task", (void)0, rpc(service, reply));
		bench_start_thread(task, ool_server_thread, server_stack, sizeof(server_stack));
		bench_vm_client(ool_service, reply);
	}
	mach_print("bench: done\n");
	portico_task_exit_trap(0);
	return 0;
}
