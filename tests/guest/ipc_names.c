/*
 * ipc_names.c — rights to one port coalesce under one name in a task, however they
 * come and go: send rights joining the receive right's entry, the receive right leaving
 * (in a message) with send rights staying behind and coming back, the receive right
 * destroyed under send rights (a dead name), renames, and hundreds of ports at once
 * (the kernel finds a receive right's name from the port and send rights alone through
 * a reverse map, ipc/space.c; these are its transitions).
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include <mach/mach_port.h>

#define MANY 300

static mach_port_t self;

/* A message carrying `n` port rights of one disposition, in 8-byte slots. */
struct ports_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	uint64_t slot[MANY];
};

static union {
	mach_msg_header_t h;
	struct ports_msg m;
} buf;

static mach_port_t receive_right(void)
{
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	return p;
}

static mach_port_t port_with_send(void)
{
	mach_port_t p = receive_right();
	CHECK_EQ(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return p;
}

/* Sends `n` rights (names in `names`, disposition `how`) to carrier, which we receive on. */
static void send_rights(mach_port_t carrier, unsigned how, const mach_port_t *names, unsigned n)
{
	static struct ports_msg m;
	m.h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS_COMPLEX |
						MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				   .msgh_size = (mach_msg_size_t)(sizeof(m.h) + sizeof(m.t) + 8 * n),
				   .msgh_remote_port = carrier, .msgh_id = 77 };
	m.t = (mach_msg_type_t){ .msgt_name = how, .msgt_size = 64, .msgt_number = n,
				 .msgt_inline = 1 };
	for (unsigned i = 0; i < n; i++)
		m.slot[i] = names[i];
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG, m.h.msgh_size, 0, MACH_PORT_NULL, 0, 0),
		 MACH_MSG_SUCCESS);
}

/* Receives the next message on carrier; its i-th right's name. */
static void receive_rights(mach_port_t carrier, unsigned n)
{
	CHECK_EQ(mach_msg_trap(&buf.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(buf), carrier, 0, 0),
		 MACH_MSG_SUCCESS);
	CHECK_EQ(buf.m.t.msgt_number, n);
}

static mach_port_t got(unsigned i)
{
	return (mach_port_t)buf.m.slot[i];
}

static void check_type(mach_port_t name, mach_port_type_t want)
{
	mach_port_type_t type = 0;
	CHECK_EQ(mach_port_type(self, name, &type), KERN_SUCCESS);
	CHECK_EQ(type, want);
}

static void check_refs(mach_port_t name, mach_port_right_t right, mach_port_urefs_t want)
{
	mach_port_urefs_t refs = 0;
	CHECK_EQ(mach_port_get_refs(self, name, right, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, want);
}

/* Send rights arriving for a port we receive on join the receive right's entry. */
static void check_send_joins_receive(void)
{
	mach_port_t carrier = receive_right(), p = receive_right();
	send_rights(carrier, MACH_MSG_TYPE_MAKE_SEND, &p, 1);
	receive_rights(carrier, 1);
	CHECK_EQ(got(0), p);
	check_type(p, MACH_PORT_TYPE_SEND_RECEIVE);
	send_rights(carrier, MACH_MSG_TYPE_COPY_SEND, &p, 1);
	receive_rights(carrier, 1);
	CHECK_EQ(got(0), p);
	check_refs(p, MACH_PORT_RIGHT_SEND, 2);
}

/* The receive right leaves in a message; the send rights stay under the same name,
 * and send rights arriving meanwhile join them; the receive right comes back to it. */
static void check_receive_leaves_and_returns(void)
{
	mach_port_t carrier = receive_right(), other = receive_right(), p = port_with_send();
	for (int round = 0; round < 2; round++) {
		send_rights(carrier, MACH_MSG_TYPE_MOVE_RECEIVE, &p, 1);
		check_type(p, MACH_PORT_TYPE_SEND);
		send_rights(other, MACH_MSG_TYPE_COPY_SEND, &p, 1);
		receive_rights(other, 1);
		CHECK_EQ(got(0), p);
		check_refs(p, MACH_PORT_RIGHT_SEND, 2 + round);
		receive_rights(carrier, 1);
		CHECK_EQ(got(0), p);
		check_type(p, MACH_PORT_TYPE_SEND_RECEIVE);
	}
	/* Destroying the receive right leaves a dead name with the send references. */
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	check_type(p, MACH_PORT_TYPE_DEAD_NAME);
	check_refs(p, MACH_PORT_RIGHT_DEAD_NAME, 3);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_DEAD_NAME, -3), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, p, &(mach_port_type_t){ 0 }), KERN_INVALID_NAME);
}

/* Renamed entries keep coalescing under their new name, with or without the receive
 * right. */
static void check_rename(void)
{
	mach_port_t carrier = receive_right(), p = port_with_send(), n1 = 0x5000, n2 = 0x5001;
	CHECK_EQ(mach_port_rename(self, p, n1), KERN_SUCCESS);
	send_rights(carrier, MACH_MSG_TYPE_MAKE_SEND, &n1, 1);
	receive_rights(carrier, 1);
	CHECK_EQ(got(0), n1);
	check_refs(n1, MACH_PORT_RIGHT_SEND, 2);
	mach_port_t away = receive_right();
	send_rights(away, MACH_MSG_TYPE_MOVE_RECEIVE, &n1, 1);
	CHECK_EQ(mach_port_rename(self, n1, n2), KERN_SUCCESS);
	send_rights(carrier, MACH_MSG_TYPE_COPY_SEND, &n2, 1);
	receive_rights(carrier, 1);
	CHECK_EQ(got(0), n2);
	check_refs(n2, MACH_PORT_RIGHT_SEND, 3);
	receive_rights(away, 1);
	CHECK_EQ(got(0), n2);
	check_type(n2, MACH_PORT_TYPE_SEND_RECEIVE);
	CHECK_EQ(mach_port_destroy(self, n2), KERN_SUCCESS);
}

/* Hundreds at once: every receive right leaves with its send right staying, send
 * rights join, and all come back under their names. */
static void check_many(void)
{
	static mach_port_t p[MANY];
	mach_port_t carrier = receive_right(), other = receive_right();
	for (unsigned i = 0; i < MANY; i++)
		p[i] = port_with_send();
	send_rights(carrier, MACH_MSG_TYPE_MOVE_RECEIVE, p, MANY);
	send_rights(other, MACH_MSG_TYPE_COPY_SEND, p, MANY);
	receive_rights(other, MANY);
	unsigned same = 0;
	for (unsigned i = 0; i < MANY; i++)
		same += got(i) == p[i];
	CHECK_EQ(same, MANY);
	check_type(p[MANY - 1], MACH_PORT_TYPE_SEND);
	check_refs(p[MANY - 1], MACH_PORT_RIGHT_SEND, 2);
	receive_rights(carrier, MANY);
	same = 0;
	for (unsigned i = 0; i < MANY; i++)
		same += got(i) == p[i];
	CHECK_EQ(same, MANY);
	for (unsigned i = 0; i < MANY; i++)
		CHECK_EQ(mach_port_destroy(self, p[i]), KERN_SUCCESS);
}

int main(void)
{
	self = mach_task_self();
	check_send_joins_receive();
	check_receive_leaves_and_returns();
	check_rename();
	check_many();
	return guest_finish();
}
