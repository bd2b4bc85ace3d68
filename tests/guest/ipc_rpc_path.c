/*
 * ipc_rpc_path.c — the RPC path (ipc/rpc_fast.c, ipc/fastpath.c): a send+receive that
 * finds its receiver already waiting hands it the message and the CPU. Checks that what
 * a receiver gets is exactly what the general path gives (header bits, names, sequence
 * numbers, inline data, a protected payload, a port set's receiver), and that every case
 * the fast path must leave alone still behaves as Mach says: a receiver whose buffer is
 * too small, a zero queue limit, a receive with a time-out, an aborted client
 * (MACH_RCV_INTERRUPTED), a reply port destroyed under a waiting client
 * (MACH_RCV_PORT_DIED), messages too large for the one-pass trap or carrying body rights,
 * malformed sends. Kernel objects' answers: straight to the caller (sequence numbers as a
 * dequeue gives them, a refused request's error), or queued when the caller receives
 * elsewhere.
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/notify.h>
#include <mach/mig_errors.h>

#define ROUNDS 10

struct data_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	uint64_t words[4];
};

static mach_port_t self;
static char stack1[16384] __attribute__((aligned(16)));
static char stack2[16384] __attribute__((aligned(16)));

/* What the server thread saw, for the main thread to check. */
static mach_port_t service;                 /* a port, or a port set */
static volatile int served, server_errors;
static volatile uint32_t seen_seqno[ROUNDS], seen_bits[ROUNDS], seen_local[ROUNDS];
static volatile uint64_t seen_payload[ROUNDS];
static volatile mach_msg_option_t server_extra;   /* extra receive options */

static void let_others_run(void)
{
	for (int i = 0; i < 5; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
}

static mach_port_t new_port(void)
{
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	return p;
}

/* The reply to a request: its words doubled; records what the request looked like. */
static void echo_answer(mach_msg_header_t *h)
{
	struct data_msg *m = (struct data_msg *)h;
	int i = served < ROUNDS ? served : ROUNDS - 1;
	seen_seqno[i] = m->h.msgh_seqno;
	seen_bits[i] = m->h.msgh_bits;
	seen_local[i] = m->h.msgh_local_port;
	seen_payload[i] = m->h.msgh_protected_payload;
	served++;
	mach_port_t reply = m->h.msgh_remote_port;
	m->h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
				    .msgh_size = sizeof(*m), .msgh_remote_port = reply,
				    .msgh_id = m->h.msgh_id + 100 };
	for (int w = 0; w < 4; w++)
		m->words[w] *= 2;
}

/* Replies to each request with echo_answer, with the next receive in one trap. */
static void echo_server(void)
{
	struct data_msg m;
	guest_serve(service, server_extra, &m.h, sizeof(m), echo_answer, &server_errors);
}

static mach_msg_return_t rpc(mach_port_t dest, mach_port_t reply, struct data_msg *m, int id)
{
	m->h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
								MACH_MSG_TYPE_MAKE_SEND_ONCE),
				    .msgh_size = sizeof(*m), .msgh_remote_port = dest,
				    .msgh_local_port = reply, .msgh_id = id };
	m->t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64,
				  .msgt_number = 4, .msgt_inline = 1 };
	for (int w = 0; w < 4; w++)
		m->words[w] = (uint64_t)id * 10 + w;
	return mach_msg_trap(&m->h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(*m), sizeof(*m), reply, 0, 0);
}

/* ROUNDS RPCs to a server waiting on `service`: what each side receives. */
static void rounds(mach_port_t dest, mach_port_t expect_local)
{
	mach_port_t reply = mach_reply_port();
	for (int i = 0; i < ROUNDS; i++) {
		struct data_msg m;
		CHECK_EQ(rpc(dest, reply, &m, 500 + i), MACH_MSG_SUCCESS);
		/* The reply: the send-once right was used up, so no remote port; the local
		 * port is the reply port, as the destination's carried send-once right. */
		CHECK_EQ(m.h.msgh_bits, MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
		CHECK_EQ(m.h.msgh_local_port, reply);
		CHECK_EQ(m.h.msgh_remote_port, MACH_PORT_NULL);
		CHECK_EQ(m.h.msgh_id, 600 + i);
		CHECK_EQ(m.h.msgh_size, sizeof(m));
		CHECK_EQ(m.h.msgh_seqno, (uint32_t)i);
		for (int w = 0; w < 4; w++)
			CHECK_EQ(m.words[w], ((uint64_t)(500 + i) * 10 + w) * 2);
		/* The request as the server saw it: a send-once reply right, the service's
		 * name, in order. */
		CHECK_EQ(seen_bits[i], MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, MACH_MSG_TYPE_PORT_SEND));
		CHECK_EQ(seen_local[i], expect_local);
		CHECK_EQ(seen_seqno[i], (uint32_t)i);
	}
	/* The reply port holds nothing more, and no send-once right to it is left. */
	mach_port_status_t st;
	CHECK_EQ(mach_port_get_receive_status(self, reply, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_msgcount, 0);
	CHECK_EQ(st.mps_sorights, 0);
	CHECK_EQ(mach_port_mod_refs(self, reply, MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
}

static void check_port_and_set(void)
{
	/* A server waiting on the port itself. */
	service = new_port();
	CHECK_EQ(mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	served = server_errors = 0;
	mach_port_t th = guest_thread_start(echo_server, stack1, sizeof(stack1));
	let_others_run();
	rounds(service, service);
	CHECK_EQ(served, ROUNDS);
	CHECK_EQ(server_errors, 0);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, service), KERN_SUCCESS);

	/* A server waiting on a port set holding the port (as libports servers do), with a
	 * receive time-out that never fires. */
	mach_port_t set = MACH_PORT_NULL, member = new_port();
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, member, set), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, member, member, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	service = set;
	server_extra = MACH_RCV_TIMEOUT;
	served = server_errors = 0;
	th = guest_thread_start(echo_server, stack1, sizeof(stack1));
	let_others_run();
	rounds(member, member);
	CHECK_EQ(served, ROUNDS);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	server_extra = 0;
	CHECK_EQ(mach_port_destroy(self, set), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, member), KERN_SUCCESS);
}

/* A receiver waits with a buffer too small for the request: it gets
 * MACH_RCV_TOO_LARGE and the request is destroyed, so the client's reply right comes
 * back as a send-once notification — the general path's behaviour. */
static mach_port_t small_port;
static volatile mach_msg_return_t small_result;

static void small_receiver(void)
{
	mach_msg_header_t h;
	small_result = mach_msg_trap(&h, MACH_RCV_MSG, 0, sizeof(h), small_port, 0, 0);
	for (;;)
		swtch();
}

static void check_small_buffer(void)
{
	small_port = new_port();
	CHECK_EQ(mach_port_insert_right(self, small_port, small_port, MACH_MSG_TYPE_MAKE_SEND),
		 KERN_SUCCESS);
	small_result = 0;
	mach_port_t th = guest_thread_start(small_receiver, stack2, sizeof(stack2));
	let_others_run();
	mach_port_t reply = mach_reply_port();
	struct data_msg m;
	CHECK_EQ(rpc(small_port, reply, &m, 700), MACH_MSG_SUCCESS);
	for (int i = 0; i < 100 && !small_result; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(small_result, MACH_RCV_TOO_LARGE);
	CHECK_EQ(m.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, small_port), KERN_SUCCESS);
}

/* A zero queue limit holds a sender back even with a receiver waiting. */
static void check_zero_qlimit(void)
{
	service = new_port();
	CHECK_EQ(mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_set_qlimit(self, service, 0), KERN_SUCCESS);
	served = server_errors = 0;
	mach_port_t th = guest_thread_start(echo_server, stack1, sizeof(stack1));
	let_others_run();
	mach_port_t reply = mach_reply_port();
	struct data_msg m = { .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
								 MACH_MSG_TYPE_MAKE_SEND_ONCE),
				     .msgh_size = sizeof(m), .msgh_remote_port = service,
				     .msgh_local_port = reply, .msgh_id = 800 } };
	m.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64,
				 .msgt_number = 4, .msgt_inline = 1 };
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0, MACH_PORT_NULL, 0, 0),
		 MACH_SEND_TIMED_OUT);
	CHECK_EQ(served, 0);
	/* Nothing was taken: the send right is still there with its one reference. */
	mach_port_urefs_t refs = 0;
	CHECK_EQ(mach_port_get_refs(self, service, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 1);
	/* With room again, the RPC goes through. */
	CHECK_EQ(mach_port_set_qlimit(self, service, 5), KERN_SUCCESS);
	CHECK_EQ(rpc(service, reply, &m, 801), MACH_MSG_SUCCESS);
	CHECK_EQ(m.h.msgh_id, 901);
	CHECK_EQ(served, 1);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, service), KERN_SUCCESS);
}

/* A client waiting for a reply that does not come: aborting it, or destroying its
 * reply port, ends its wait with Mach's codes. */
static mach_port_t silent_port, client_reply;
static volatile mach_msg_return_t client_result;
static volatile int silent_got;

static void silent_server(void)
{
	struct data_msg m;
	for (;;) {
		if (mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), silent_port, 0, 0) == MACH_MSG_SUCCESS)
			silent_got++;          /* keeps the reply right and never answers */
	}
}

static void waiting_client(void)
{
	struct data_msg m;
	client_result = rpc(silent_port, client_reply, &m, 900);
	for (;;)
		swtch();
}

static void check_abandoned_client(void)
{
	silent_port = new_port();
	CHECK_EQ(mach_port_insert_right(self, silent_port, silent_port, MACH_MSG_TYPE_MAKE_SEND),
		 KERN_SUCCESS);
	silent_got = 0;
	mach_port_t server = guest_thread_start(silent_server, stack1, sizeof(stack1));
	let_others_run();

	client_reply = mach_reply_port();
	client_result = 0;
	mach_port_t client = guest_thread_start(waiting_client, stack2, sizeof(stack2));
	let_others_run();
	CHECK_EQ(silent_got, 1);
	CHECK_EQ(client_result, 0);
	CHECK_EQ(thread_abort(client), KERN_SUCCESS);
	for (int i = 0; i < 100 && !client_result; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(client_result, MACH_RCV_INTERRUPTED);
	CHECK_EQ(thread_terminate(client), KERN_SUCCESS);

	client_result = 0;
	client = guest_thread_start(waiting_client, stack2, sizeof(stack2));
	let_others_run();
	CHECK_EQ(silent_got, 2);
	CHECK_EQ(client_result, 0);
	CHECK_EQ(mach_port_destroy(self, client_reply), KERN_SUCCESS);
	for (int i = 0; i < 100 && !client_result; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(client_result, MACH_RCV_PORT_DIED);
	CHECK_EQ(thread_terminate(client), KERN_SUCCESS);
	CHECK_EQ(thread_terminate(server), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, silent_port), KERN_SUCCESS);
}

/* A protected payload on the service port reaches the server in place of its name. */
static void check_payload(void)
{
	service = new_port();
	CHECK_EQ(mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_set_protected_payload(self, service, 0x1122334455667788ull), KERN_SUCCESS);
	served = server_errors = 0;
	mach_port_t th = guest_thread_start(echo_server, stack1, sizeof(stack1));
	let_others_run();
	mach_port_t reply = mach_reply_port();
	struct data_msg m;
	CHECK_EQ(rpc(service, reply, &m, 1000), MACH_MSG_SUCCESS);
	CHECK_EQ(m.h.msgh_id, 1100);
	CHECK_EQ(served, 1);
	CHECK_EQ(seen_bits[0], MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
					      MACH_MSG_TYPE_PROTECTED_PAYLOAD));
	CHECK_EQ(seen_payload[0], 0x1122334455667788ull);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, service), KERN_SUCCESS);
}

/* Replies to each request with the same bytes (id + 100), whatever their size; records
 * the size, sequence number and bits it saw. */
#define BIG 1024
struct big_msg {
	mach_msg_header_t h;
	uint8_t body[BIG];
};

static void mirror_server(void)
{
	static struct big_msg m;
	mach_msg_return_t mr = mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), service, 0, 0);
	for (;;) {
		if (mr != MACH_MSG_SUCCESS) {
			server_errors++;
			mr = mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), service, 0, 0);
			continue;
		}
		int i = served < ROUNDS ? served : ROUNDS - 1;
		seen_seqno[i] = m.h.msgh_seqno;
		seen_bits[i] = m.h.msgh_bits;
		seen_local[i] = m.h.msgh_size;
		served++;
		mach_port_t reply = m.h.msgh_remote_port;
		uint32_t size = (m.h.msgh_bits & MACH_MSGH_BITS_COMPLEX) ? sizeof(m.h) : m.h.msgh_size;
		m.h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
					   .msgh_size = size, .msgh_remote_port = reply,
					   .msgh_id = m.h.msgh_id + 100 };
		mr = mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, size, sizeof(m), service, 0, 0);
	}
}

/* An RPC of `size` bytes (an inline byte array after the header) to the mirror. */
static mach_msg_return_t sized_rpc(mach_port_t reply, struct big_msg *m, uint32_t size, int id)
{
	mach_msg_type_t *t = (mach_msg_type_t *)m->body;
	m->h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
								MACH_MSG_TYPE_MAKE_SEND_ONCE),
				    .msgh_size = size, .msgh_remote_port = service,
				    .msgh_local_port = reply, .msgh_id = id };
	uint32_t bytes = size - sizeof(m->h) - sizeof(*t);
	*t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE, .msgt_size = 8,
				.msgt_number = bytes, .msgt_inline = 1 };
	for (uint32_t b = 0; b < bytes; b++)
		m->body[sizeof(*t) + b] = (uint8_t)(b * 7 + id);
	return mach_msg_trap(&m->h, MACH_SEND_MSG | MACH_RCV_MSG, size, sizeof(*m), reply, 0, 0);
}

/* Sizes on both sides of what the one-pass trap copies (it takes up to 512 bytes),
 * and malformed sends, which it leaves to the general path's errors: nothing reaches
 * the server and no sequence number is used. */
static void check_sizes_and_errors(void)
{
	static const uint32_t sizes[] = { 48, 512, 520, sizeof(struct big_msg) };
	service = new_port();
	CHECK_EQ(mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	served = server_errors = 0;
	mach_port_t th = guest_thread_start(mirror_server, stack1, sizeof(stack1));
	let_others_run();
	mach_port_t reply = mach_reply_port();
	static struct big_msg m;
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(sized_rpc(reply, &m, sizes[i], 1200 + i), MACH_MSG_SUCCESS);
		CHECK_EQ(m.h.msgh_id, 1300 + i);
		CHECK_EQ(m.h.msgh_size, sizes[i]);
		CHECK_EQ(m.h.msgh_seqno, (uint32_t)i);
		CHECK_EQ(seen_seqno[i], (uint32_t)i);
		CHECK_EQ(seen_local[i], sizes[i]);
		int same = 1;
		for (uint32_t b = 0; b < sizes[i] - sizeof(m.h) - 8; b++)
			same &= m.body[8 + b] == (uint8_t)(b * 7 + 1200 + i);
		CHECK(same);
	}
	m.h = (mach_msg_header_t){ .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
							       MACH_MSG_TYPE_MAKE_SEND_ONCE),
				   .msgh_size = 36, .msgh_remote_port = service,
				   .msgh_local_port = reply, .msgh_id = 1250 };
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, 36, sizeof(m), reply, 0, 0),
		 MACH_SEND_MSG_TOO_SMALL);
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, 24, sizeof(m), reply, 0, 0),
		 MACH_SEND_MSG_TOO_SMALL);
	CHECK_EQ(mach_msg_trap((mach_msg_header_t *)0x10, MACH_SEND_MSG | MACH_RCV_MSG, 48,
			       sizeof(m), reply, 0, 0), MACH_SEND_INVALID_DATA);
	/* A destination that is no send right: nothing taken, the header's error. */
	m.h.msgh_remote_port = reply;
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, 48, sizeof(m), reply, 0, 0),
		 MACH_SEND_INVALID_DEST);
	CHECK_EQ(served, 4);
	CHECK_EQ(sized_rpc(reply, &m, 64, 1260), MACH_MSG_SUCCESS);
	CHECK_EQ(m.h.msgh_id, 1360);
	CHECK_EQ(m.h.msgh_seqno, 4);
	CHECK_EQ(seen_seqno[4], 4);
	mach_port_status_t st;
	CHECK_EQ(mach_port_get_receive_status(self, reply, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_sorights, 0);
	CHECK_EQ(st.mps_msgcount, 0);
	CHECK_EQ(server_errors, 0);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, service), KERN_SUCCESS);
}

/* A request carrying a right in its body takes the general path: the server gets the
 * right (under the same name: one task), the client its answer. */
static void check_body_right(void)
{
	service = new_port();
	CHECK_EQ(mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	served = server_errors = 0;
	mach_port_t th = guest_thread_start(mirror_server, stack1, sizeof(stack1));
	let_others_run();
	mach_port_t reply = mach_reply_port(), carried = new_port();
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		uint64_t port;
	} m = { .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						    MACH_MSG_TYPE_MAKE_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX,
		       .msgh_size = sizeof(m), .msgh_remote_port = service,
		       .msgh_local_port = reply, .msgh_id = 1400 },
		.t = { .msgt_name = MACH_MSG_TYPE_MAKE_SEND, .msgt_size = 64, .msgt_number = 1,
		       .msgt_inline = 1 },
		.port = carried };
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m), sizeof(m), reply, 0, 0),
		 MACH_MSG_SUCCESS);
	CHECK_EQ(m.h.msgh_id, 1500);
	CHECK_EQ(served, 1);
	CHECK(seen_bits[0] & MACH_MSGH_BITS_COMPLEX);
	mach_port_urefs_t refs = 0;
	CHECK_EQ(mach_port_get_refs(self, carried, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 1);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, carried), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, service), KERN_SUCCESS);
}

/* mach_port_type (3201) by hand, so the reply port and the receive name can differ. */
struct type_request {
	mach_msg_header_t h;
	mach_msg_type_t t;
	mach_port_name_t name;
	uint32_t pad;
};
struct type_reply {
	mach_msg_header_t h;
	mach_msg_type_t ret_type;
	kern_return_t ret;
	uint32_t pad;
	mach_msg_type_t type_type;
	mach_port_type_t type;
	uint32_t pad2;
};
union type_msg {
	struct type_request req;
	struct type_reply rep;
};

static mach_msg_return_t type_rpc(union type_msg *m, mach_port_t reply, mach_port_t rcv_name,
				  mach_port_name_t name, mach_msg_id_t id)
{
	m->req = (struct type_request){
		.h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		       .msgh_size = sizeof(m->req), .msgh_remote_port = self,
		       .msgh_local_port = reply, .msgh_id = id },
		.t = { .msgt_name = MACH_MSG_TYPE_PORT_NAME, .msgt_size = 32, .msgt_number = 1,
		       .msgt_inline = 1 },
		.name = name };
	return mach_msg_trap(&m->req.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m->req), sizeof(*m),
			     rcv_name, 0, 0);
}

static mach_port_t late_port;

/* Sends one message to late_port once the main thread is waiting there. */
static void late_sender(void)
{
	let_others_run();
	mach_msg_header_t h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				.msgh_size = sizeof(h), .msgh_remote_port = late_port, .msgh_id = 77 };
	mach_msg_trap(&h, MACH_SEND_MSG, sizeof(h), 0, MACH_PORT_NULL, 0, 0);
	for (;;)
		swtch();
}

static void check_kernel_answers(void)
{
	/* Straight to the caller: the answer's sequence numbers as a dequeue would give
	 * them, nothing left queued, no send-once right left over. */
	mach_port_t reply = mach_reply_port();
	union type_msg m;
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(type_rpc(&m, reply, reply, reply, 3201), MACH_MSG_SUCCESS);
		CHECK_EQ(m.rep.h.msgh_id, 3301);
		CHECK_EQ(m.rep.h.msgh_bits, MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
		CHECK_EQ(m.rep.h.msgh_local_port, reply);
		CHECK_EQ(m.rep.h.msgh_remote_port, MACH_PORT_NULL);
		CHECK_EQ(m.rep.h.msgh_seqno, (uint32_t)i);
		CHECK_EQ(m.rep.h.msgh_size, sizeof(m.rep));
		CHECK_EQ(m.rep.ret, KERN_SUCCESS);
		CHECK_EQ(m.rep.type, MACH_PORT_TYPE_RECEIVE);
	}
	/* A request the kernel refuses: its error comes back the same way. */
	CHECK_EQ(type_rpc(&m, reply, reply, reply, 3299), MACH_MSG_SUCCESS);
	CHECK_EQ(m.rep.h.msgh_id, 3399);
	CHECK_EQ(m.rep.h.msgh_seqno, 3);
	CHECK_EQ(m.rep.ret, MIG_BAD_ID);
	CHECK_EQ(type_rpc(&m, reply, reply, 0x7654, 3201), MACH_MSG_SUCCESS);
	CHECK_EQ(m.rep.ret, KERN_INVALID_NAME);
	mach_port_status_t st;
	CHECK_EQ(mach_port_get_receive_status(self, reply, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_seqno, 5);
	CHECK_EQ(st.mps_msgcount, 0);
	CHECK_EQ(st.mps_sorights, 0);

	/* The caller receives elsewhere: the answer is queued on the reply port, and the
	 * receive takes what arrives where it waits. */
	late_port = new_port();
	mach_port_t th = guest_thread_start(late_sender, stack2, sizeof(stack2));
	CHECK_EQ(type_rpc(&m, reply, late_port, reply, 3201), MACH_MSG_SUCCESS);
	CHECK_EQ(m.req.h.msgh_id, 77);
	CHECK_EQ(m.req.h.msgh_seqno, 0);
	CHECK_EQ(mach_port_get_receive_status(self, reply, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_msgcount, 1);
	CHECK_EQ(mach_msg_trap(&m.rep.h, MACH_RCV_MSG, 0, sizeof(m), reply, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(m.rep.h.msgh_id, 3301);
	CHECK_EQ(m.rep.h.msgh_seqno, 5);
	CHECK_EQ(m.rep.ret, KERN_SUCCESS);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, late_port), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
}

int main(void)
{
	self = mach_task_self();
	check_port_and_set();
	check_small_buffer();
	check_zero_qlimit();
	check_abandoned_client();
	check_payload();
	check_sizes_and_errors();
	check_body_right();
	check_kernel_answers();
	return guest_finish();
}
