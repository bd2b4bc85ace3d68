/*
 * ipc_messages.c — mach_msg within one task, through the raw traps: inline data, rights
 * in the header and the body (every disposition), send-once reply rights, sequence
 * numbers, time-outs, queue limits, too-large messages, and the error codes of
 * malformed messages, each checked exactly.
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"

struct data_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	int32_t v[3];
	int32_t pad;
};

struct port_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	mach_port_t port;        /* a name in an 8-byte slot */
	uint32_t pad;
};

static union {
	mach_msg_header_t h;
	char bytes[512];
} buf;

static mach_port_t self;

static mach_port_t new_port(void)
{
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(syscall_mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	return p;
}

static void set_type(mach_msg_type_t *t, unsigned name, unsigned size, unsigned number)
{
	*t = (mach_msg_type_t){ .msgt_name = name, .msgt_size = size, .msgt_number = number,
				.msgt_inline = 1 };
}

static mach_msg_return_t receive(mach_port_t port, mach_msg_size_t size, mach_msg_option_t extra,
				 mach_msg_timeout_t timeout)
{
	return mach_msg_trap(&buf.h, MACH_RCV_MSG | extra, 0, size, port, timeout, MACH_PORT_NULL);
}

static mach_msg_return_t send(void *msg, mach_msg_size_t size, mach_msg_option_t extra)
{
	return mach_msg_trap(msg, MACH_SEND_MSG | extra, size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

static void check_data(void)
{
	mach_port_t p = new_port();
	struct data_msg m = { .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				     .msgh_size = sizeof(m), .msgh_remote_port = p, .msgh_id = 1234 } };
	set_type(&m.t, MACH_MSG_TYPE_INTEGER_32, 32, 3);
	m.v[0] = 7; m.v[1] = -8; m.v[2] = 0x12345678;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	struct data_msg *r = (struct data_msg *)&buf;
	CHECK_EQ(r->h.msgh_id, 1234);
	CHECK_EQ(r->h.msgh_size, sizeof(m));
	CHECK_EQ(r->h.msgh_local_port, p);
	CHECK_EQ(r->h.msgh_remote_port, MACH_PORT_NULL);
	CHECK_EQ(r->h.msgh_bits, MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND));
	CHECK_EQ(r->h.msgh_seqno, 0);
	CHECK_EQ(r->v[0], 7);
	CHECK_EQ(r->v[1], -8);
	CHECK_EQ(r->v[2], 0x12345678);
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(r->h.msgh_seqno, 1);
	/* Empty queue: an immediate time-out, then a 30 ms one. */
	CHECK_EQ(receive(p, sizeof(buf), MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	CHECK_EQ(receive(p, sizeof(buf), MACH_RCV_TIMEOUT, 30), MACH_RCV_TIMED_OUT);
}

static void check_reply_rights(void)
{
	mach_port_t p = new_port(), reply = new_port();
	mach_msg_header_t m = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
				.msgh_size = sizeof(m), .msgh_remote_port = p, .msgh_local_port = reply,
				.msgh_id = 99 };
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_bits, MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, MACH_MSG_TYPE_PORT_SEND));
	mach_port_t so = buf.h.msgh_remote_port;
	CHECK(MACH_PORT_VALID(so) && so != reply && so != p);
	/* Answer through the send-once right: it is consumed, the answer arrives. */
	mach_msg_header_t a = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
				.msgh_size = sizeof(a), .msgh_remote_port = so, .msgh_id = 199 };
	CHECK_EQ(send(&a, sizeof(a), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(send(&a, sizeof(a), 0), MACH_SEND_INVALID_DEST);   /* already used */
	CHECK_EQ(receive(reply, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, 199);
	CHECK_EQ(buf.h.msgh_bits, MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
	CHECK_EQ(buf.h.msgh_local_port, reply);
}

static void check_body_rights(void)
{
	mach_port_t p = new_port(), q = new_port();
	struct port_msg m = { .h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX |
					  MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				     .msgh_size = sizeof(m), .msgh_remote_port = p } };
	/* A send right to q comes back under q's own name (rights coalesce). */
	set_type(&m.t, MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.port = q;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	struct port_msg *r = (struct port_msg *)&buf;
	CHECK_EQ(r->t.msgt_name, MACH_MSG_TYPE_PORT_SEND);
	CHECK_EQ(r->port, q);
	/* The receive right itself travels, and comes back under the same name since the
	 * send right kept the entry. */
	set_type(&m.t, MACH_MSG_TYPE_MOVE_RECEIVE, 64, 1);
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(q, sizeof(buf), MACH_RCV_TIMEOUT, 0), MACH_RCV_INVALID_NAME);
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(r->t.msgt_name, MACH_MSG_TYPE_PORT_RECEIVE);
	CHECK_EQ(r->port, q);
	CHECK_EQ(receive(q, sizeof(buf), MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	/* A name we do not hold in the body: MACH_SEND_INVALID_RIGHT. */
	set_type(&m.t, MACH_MSG_TYPE_COPY_SEND, 64, 1);
	m.port = 0x7777;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_RIGHT);
	/* A port item must be a 64-bit slot. */
	set_type(&m.t, MACH_MSG_TYPE_MAKE_SEND, 32, 1);
	m.port = q;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_TYPE);
	/* An item running past the end of the message. */
	set_type(&m.t, MACH_MSG_TYPE_INTEGER_32, 32, 100);
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_MSG_TOO_SMALL);
	CHECK_EQ(receive(p, sizeof(buf), MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
}

static void check_bad_messages(void)
{
	mach_port_t p = new_port();
	mach_msg_header_t m = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				.msgh_size = sizeof(m), .msgh_remote_port = p };
	CHECK_EQ(send(&m, 24, 0), MACH_SEND_MSG_TOO_SMALL);
	CHECK_EQ(send(&m, 36, 0), MACH_SEND_MSG_TOO_SMALL);
	CHECK_EQ(send((void *)0x10, sizeof(m), 0), MACH_SEND_INVALID_DATA);
	CHECK_EQ(send((void *)0xffffffff80100000ul, sizeof(m), 0), MACH_SEND_INVALID_DATA);
	m.msgh_remote_port = 0x4242;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_DEST);
	m.msgh_remote_port = MACH_PORT_NULL;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_DEST);
	m.msgh_remote_port = p;
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_RECEIVE, 0);
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_HEADER);
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0);      /* no send right held */
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_DEST);
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MOVE_SEND);
	m.msgh_local_port = 0x5555;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_SEND_INVALID_REPLY);
	CHECK_EQ(receive(0x4242, sizeof(buf), 0, 0), MACH_RCV_INVALID_NAME);
	/* A receive buffer the kernel cannot write: the message is lost, the error says so. */
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.msgh_local_port = MACH_PORT_NULL;
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(mach_msg_trap((mach_msg_header_t *)0x10, MACH_RCV_MSG, 0, 64, p, 0, 0),
		 MACH_RCV_INVALID_DATA);
}

static void check_too_large_and_qlimit(void)
{
	mach_port_t p = new_port();
	struct data_msg m = { .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				     .msgh_size = sizeof(m), .msgh_remote_port = p, .msgh_id = 5 } };
	set_type(&m.t, MACH_MSG_TYPE_INTEGER_32, 32, 3);
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	/* With MACH_RCV_LARGE the message stays and the size needed is reported. */
	buf.h.msgh_size = 0;
	CHECK_EQ(receive(p, 32, MACH_RCV_LARGE, 0), MACH_RCV_TOO_LARGE);
	CHECK_EQ(buf.h.msgh_size, sizeof(m));
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	/* Without it the message is destroyed. */
	CHECK_EQ(send(&m, sizeof(m), 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, 32, 0, 0), MACH_RCV_TOO_LARGE);
	CHECK_EQ(receive(p, sizeof(buf), MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	/* The queue limit (5 by default): the sixth send times out, rights untouched. */
	for (unsigned i = 0; i < MACH_PORT_QLIMIT_DEFAULT; i++)
		CHECK_EQ(send(&m, sizeof(m), MACH_SEND_TIMEOUT), MACH_MSG_SUCCESS);
	CHECK_EQ(send(&m, sizeof(m), MACH_SEND_TIMEOUT), MACH_SEND_TIMED_OUT);
	CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(send(&m, sizeof(m), MACH_SEND_TIMEOUT), MACH_MSG_SUCCESS);
	/* A send-once right is never held back by the limit. */
	mach_msg_header_t so = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND_ONCE, 0),
				 .msgh_size = sizeof(so), .msgh_remote_port = p };
	CHECK_EQ(send(&so, sizeof(so), MACH_SEND_TIMEOUT), MACH_MSG_SUCCESS);
	for (unsigned i = 0; i < MACH_PORT_QLIMIT_DEFAULT + 1; i++)
		CHECK_EQ(receive(p, sizeof(buf), 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, sizeof(buf), MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
}

static void check_names(void)
{
	/* The first names are small integers; mach_task_self adds a reference each call. */
	CHECK(MACH_PORT_VALID(self) && self < 16);
	CHECK_EQ(mach_task_self(), self);
	mach_port_t named = 0x1000;
	CHECK_EQ(syscall_mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, named), KERN_SUCCESS);
	CHECK_EQ(syscall_mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, named), KERN_NAME_EXISTS);
	CHECK_EQ(syscall_mach_port_allocate(self, 9, &named), KERN_INVALID_VALUE);
	CHECK_EQ(syscall_mach_port_allocate(0x999, MACH_PORT_RIGHT_RECEIVE, &named), MACH_SEND_INVALID_DEST);
	CHECK_EQ(syscall_mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, (mach_port_t *)0x10),
		 KERN_INVALID_ADDRESS);
	CHECK_EQ(syscall_mach_port_deallocate(self, 0x4343), KERN_INVALID_NAME);
	mach_port_t r = mach_reply_port();
	CHECK(MACH_PORT_VALID(r));
	CHECK_EQ(syscall_mach_port_deallocate(self, r), KERN_INVALID_RIGHT);  /* a receive right */
	CHECK_EQ(syscall_mach_port_insert_right(self, r, r, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(syscall_mach_port_deallocate(self, r), KERN_SUCCESS);        /* the send right */
}

int main(void)
{
	self = mach_task_self();
	check_names();
	check_data();
	check_reply_rights();
	check_body_rights();
	check_bad_messages();
	check_too_large_and_qlimit();
	return guest_finish();
}
