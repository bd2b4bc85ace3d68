/*
 * bench_ipc.c — the kernel-core benchmarks, run by tests/bench/run-bench under QEMU.
 *
 * Each benchmark times `ROUNDS` rounds of `ITERS` operations with rdtsc and prints the
 * median cost of one operation as `bench-raw: NAME cycles=N`. Under -icount shift=0 the
 * TSC counts guest instructions, so N is instructions per operation, exact and
 * repeatable; without icount it counts host TSC cycles, which run-bench turns into
 * nanoseconds. The operations (as the kernel-core issue defines them):
 *   trap_null        swtch with nothing else to run: entry, dispatch, exit
 *   trap_task_self   mach_task_self
 *   rpc_port_pair    mach_port_allocate(RECEIVE) + mach_port_mod_refs(-1), two RPCs
 *   rpc_null_thread  null RPC to a server thread of the same task
 *   rpc_null_task    null RPC to a server in another task
 * A null RPC: the client sends a header-only request with a MAKE_SEND_ONCE reply port and
 * receives in the same trap; the server replies and receives the next in one trap.
 */
#include "portico_traps.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/machine/thread_status.h>
#include <stdint.h>

#define ITERS 200
#define ROUNDS 9
#define SERVICE_NAME 0x300

static mach_port_t self;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void print_u64(uint64_t v)
{
	char buf[24];
	int i = sizeof(buf) - 1;
	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	mach_print(buf + i);
}

static void report(const char *name, uint64_t *per_op)
{
	/* Insertion sort of ROUNDS values; the median is the middle one. */
	for (int i = 1; i < ROUNDS; i++)
		for (int j = i; j > 0 && per_op[j - 1] > per_op[j]; j--) {
			uint64_t t = per_op[j];
			per_op[j] = per_op[j - 1];
			per_op[j - 1] = t;
		}
	mach_print("bench-raw: ");
	mach_print(name);
	mach_print(" cycles=");
	print_u64(per_op[ROUNDS / 2]);
	mach_print("\n");
}

#define MEASURE(name, setup, op)                                       \
	do {                                                           \
		uint64_t per_op[ROUNDS];                               \
		setup;                                                 \
		for (int r = 0; r < ROUNDS; r++) {                     \
			uint64_t t0 = rdtsc();                         \
			for (int i = 0; i < ITERS; i++) {              \
				op;                                    \
			}                                              \
			per_op[r] = (rdtsc() - t0) / ITERS;            \
		}                                                      \
		report(name, per_op);                                  \
	} while (0)

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

static void start_server_thread(void)
{
	mach_port_t th;
	struct i386_thread_state st;
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &thread_service);
	mach_port_insert_right(self, thread_service, thread_service, MACH_MSG_TYPE_MAKE_SEND);
	thread_create(self, &th);
	thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&st, &n);
	st.rip = (uint64_t)server_thread;
	st.ursp = (uint64_t)(server_stack + sizeof(server_stack) - 8);
	thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st, i386_THREAD_STATE_COUNT);
	thread_resume(th);
}

static mach_port_t plant_task_service(mach_port_t server_task)
{
	mach_port_t s;
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &s);
	mach_port_insert_right(self, s, s, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_insert_right(server_task, SERVICE_NAME, s, MACH_MSG_TYPE_MOVE_RECEIVE);
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
		/* Wait, without taking a message, until the client has planted the port. */
		mach_port_type_t type;
		while (mach_port_type(self, SERVICE_NAME, &type) != KERN_SUCCESS)
			thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
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
		mach_port_t service = plant_task_service((mach_port_t)parse(argv[2]));
		MEASURE("rpc_null_task", (void)0, rpc(service, reply));
	}
	mach_print("bench: done\n");
	portico_task_exit_trap(0);
	return 0;
}
