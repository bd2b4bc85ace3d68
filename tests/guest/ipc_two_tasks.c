/*
 * ipc_two_tasks.c — two tasks started by a boot script talk over ports: the client gets
 * the server's task port through ${server-task}, plants a receive right in the server's
 * space with syscall_mach_port_insert_right, then makes RPCs (request with a
 * MAKE_SEND_ONCE reply port, reply through the send-once right), passes a port right
 * across, and tells the server to quit. Both exit 0, which passes the run.
 */
//! modules() {
//!   printf '%s|%s\n' "$test_path" '/boot/ipc_two_tasks client ${server-task} $(task-create) $(task-resume)'
//!   printf '%s|%s\n' "$test_path" '/boot/ipc_two_tasks server $(server-task=task-create) $(task-resume)'
//! }
//! expect '^bootstrap: module 1 \(/boot/ipc_two_tasks\) is task 1 '
//! expect '^bootstrap: module 2 \(/boot/ipc_two_tasks\) is task 2 '
//! expect '^server: 100 requests served'
//! expect '^kernel: every task exited with status 0; the test run passed$'
#include "guest.h"

#define SERVICE_NAME 0x200        /* where the client plants the service port */
#define ID_ADD 500
#define ID_PORT 501
#define ID_QUIT 502

struct req {
	mach_msg_header_t h;
	mach_msg_type_t t;
	int32_t a, b;
};

struct reply {
	mach_msg_header_t h;
	mach_msg_type_t t;
	int32_t sum;
	int32_t pad;
};

struct port_req {
	mach_msg_header_t h;
	mach_msg_type_t t;
	mach_port_t port;
	uint32_t pad;
};

static union {
	mach_msg_header_t h;
	struct req req;
	struct reply reply;
	struct port_req port_req;
	char bytes[256];
} buf;

static void set_type(mach_msg_type_t *t, unsigned name, unsigned size)
{
	*t = (mach_msg_type_t){ .msgt_name = name, .msgt_size = size, .msgt_number = 1, .msgt_inline = 1 };
}

static unsigned long parse(const char *s)
{
	unsigned long v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

/* Turns the request in buf into its reply, in place; false for the quit request. */
static bool handle(int *served)
{
	mach_port_t reply_to = buf.h.msgh_remote_port;
	mach_msg_id_t id = buf.h.msgh_id;
	int32_t result = 0;
	if (id == ID_QUIT)
		return false;
	if (id == ID_ADD) {
		CHECK_EQ(buf.h.msgh_bits, MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, MACH_MSG_TYPE_PORT_SEND));
		result = buf.req.a + buf.req.b;
		(*served)++;
	} else if (id == ID_PORT) {
		/* A send right from the other task: say hello on it. */
		mach_port_t given = buf.port_req.port;
		CHECK_EQ(buf.port_req.t.msgt_name, MACH_MSG_TYPE_PORT_SEND);
		mach_msg_header_t hello = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0),
					    .msgh_size = sizeof(hello), .msgh_remote_port = given,
					    .msgh_id = 777 };
		CHECK_EQ(mach_msg_trap(&hello, MACH_SEND_MSG, sizeof(hello), 0, 0, 0, 0), MACH_MSG_SUCCESS);
		result = 1;
	} else {
		CHECK(!"unknown request id");
	}
	buf.reply = (struct reply){ .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
					   .msgh_size = sizeof(struct reply),
					   .msgh_remote_port = reply_to, .msgh_id = id + 100 } };
	set_type(&buf.reply.t, MACH_MSG_TYPE_INTEGER_32, 32);
	buf.reply.sum = result;
	return true;
}

static int server(void)
{
	mach_msg_return_t mr;
	int served = 0;
	/* Wait until the client has planted the service port in our space. */
	while ((mr = mach_msg_trap(&buf.h, MACH_RCV_MSG, 0, sizeof(buf), SERVICE_NAME, 0, 0)) ==
	       MACH_RCV_INVALID_NAME)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 10);
	CHECK_EQ(mr, MACH_MSG_SUCCESS);
	/* The classic server loop: reply and wait for the next request in one trap. */
	while (mr == MACH_MSG_SUCCESS && handle(&served))
		mr = mach_msg_trap(&buf.h, MACH_SEND_MSG | MACH_RCV_MSG, buf.h.msgh_size, sizeof(buf),
				   SERVICE_NAME, 0, 0);
	CHECK_EQ(mr, MACH_MSG_SUCCESS);
	guest_print("server: ");
	guest_print_dec(served);
	guest_print(" requests served\n");
	return guest_finish();
}

static mach_port_t plant_service(mach_port_t server_task)
{
	mach_port_t self = mach_task_self(), s = MACH_PORT_NULL;
	CHECK_EQ(syscall_mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &s), KERN_SUCCESS);
	CHECK_EQ(syscall_mach_port_insert_right(self, s, s, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	/* The receive right moves to the server; our send right stays under the same name. */
	CHECK_EQ(syscall_mach_port_insert_right(server_task, SERVICE_NAME, s, MACH_MSG_TYPE_MOVE_RECEIVE),
		 KERN_SUCCESS);
	CHECK_EQ(syscall_mach_port_insert_right(server_task, SERVICE_NAME, s, MACH_MSG_TYPE_MOVE_RECEIVE),
		 KERN_INVALID_RIGHT);           /* we hold no receive right any more */
	return s;
}

static mach_msg_return_t rpc(mach_port_t service, mach_port_t reply, void *msg, mach_msg_size_t size)
{
	((mach_msg_header_t *)msg)->msgh_remote_port = service;
	((mach_msg_header_t *)msg)->msgh_local_port = reply;
	return mach_msg_trap(msg, MACH_SEND_MSG | MACH_RCV_MSG, size, sizeof(buf), reply, 0, 0);
}

static int client(int argc, char **argv)
{
	CHECK_EQ(argc, 3);
	mach_port_t server_task = (mach_port_t)parse(argv[2]);
	CHECK(MACH_PORT_VALID(server_task));
	mach_port_t service = plant_service(server_task);
	mach_port_t reply = mach_reply_port();

	for (int i = 0; i < 100; i++) {
		buf.req = (struct req){ .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
									   MACH_MSG_TYPE_MAKE_SEND_ONCE),
					       .msgh_size = sizeof(struct req), .msgh_id = ID_ADD } };
		set_type(&buf.req.t, MACH_MSG_TYPE_INTEGER_32, 32);
		buf.req.t.msgt_number = 2;
		buf.req.a = i;
		buf.req.b = 1000;
		CHECK_EQ(rpc(service, reply, &buf, sizeof(struct req)), MACH_MSG_SUCCESS);
		CHECK_EQ(buf.h.msgh_id, ID_ADD + 100);
		CHECK_EQ(buf.reply.sum, i + 1000);
	}

	/* A send right to a port of ours travels to the server, which sends on it. */
	mach_port_t mine = mach_reply_port();
	buf.port_req = (struct port_req){ .h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX |
					  MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
					  .msgh_size = sizeof(struct port_req), .msgh_id = ID_PORT } };
	set_type(&buf.port_req.t, MACH_MSG_TYPE_MAKE_SEND, 64);
	buf.port_req.port = mine;
	CHECK_EQ(rpc(service, reply, &buf, sizeof(struct port_req)), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.reply.sum, 1);
	CHECK_EQ(mach_msg_trap(&buf.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(buf), mine, 1000, 0),
		 MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, 777);
	CHECK_EQ(buf.h.msgh_local_port, mine);

	mach_msg_header_t quit = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
				   .msgh_size = sizeof(quit), .msgh_remote_port = service, .msgh_id = ID_QUIT };
	CHECK_EQ(mach_msg_trap(&quit, MACH_SEND_MSG, sizeof(quit), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	return guest_finish();
}

int main(int argc, char **argv)
{
	if (argc >= 2 && argv[1][0] == 's')
		return server();
	return client(argc, argv);
}
