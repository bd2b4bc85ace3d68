/*
 * ool_rpc_path.c — out-of-line memory on the RPC path (ipc/rpc_fast.c): a send+receive
 * whose body is one out-of-line region (and inline data) goes to a receiver already
 * waiting in one pass. Checks that what each side gets is what the general path gives:
 * the header bits (COMPLEX kept), sequence numbers, inline data, the region's bytes at
 * a fresh page-aligned address with the sender's offset in its page, copy-on-write when
 * the sender keeps its copy, address 0 for an empty region; with the server waiting on
 * the one-pass trap or on the general receive (a time-out). And the cases the one-pass
 * trap leaves to the general path: an unmapped region (MACH_SEND_INVALID_MEMORY, nothing
 * sent), two regions in one message, a region with a port right.
 * One task, a server thread: ool_messages does two tasks, tests/bench the timings.
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest_vm.h"
#include <mach/notify.h>

#define ROUNDS 6

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_type_t info_t;
	uint64_t seed, size, offset;
	mach_msg_type_t data_t;
	vm_offset_t data;
	mach_msg_type_t more_t;        /* a second region or a port, or padding */
	uint64_t more;
};

static mach_port_t self, service;
static char stack1[16384] __attribute__((aligned(16)));
static mach_msg_option_t server_extra;    /* extra receive options */

/* What the server saw, for the main thread to check. */
static volatile int served, server_errors;
static volatile uint32_t seen_bits, seen_seqno;
static volatile uint64_t seen_offset, seen_bad, seen_more_bad;
static volatile mach_port_t seen_port;

static mach_msg_type_t ool_type(uint64_t size, int dealloc)
{
	return (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE, .msgt_size = 8,
				  .msgt_number = (uint32_t)size, .msgt_inline = 0,
				  .msgt_deallocate = dealloc ? 1 : 0 };
}

static const mach_msg_type_t info_type = { .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64,
					   .msgt_number = 3, .msgt_inline = 1 };
static const mach_msg_type_t pad_type = { .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64,
					  .msgt_number = 1, .msgt_inline = 1 };

/* A fresh region of `size` bytes at `offset` in its first page, filled for seed. */
static vm_offset_t new_region(uint64_t offset, uint64_t size, uint32_t seed)
{
	vm_address_t a = 0;
	CHECK_EQ(vm_allocate(self, &a, GVM_ROUND(offset + size), 1), KERN_SUCCESS);
	gvm_fill((uint8_t *)(a + offset), size, seed);
	return a + offset;
}

static void free_region(vm_offset_t at, uint64_t size)
{
	if (size)
		CHECK_EQ(vm_deallocate(self, GVM_TRUNC(at), GVM_ROUND(at % GVM_PAGE + size)), KERN_SUCCESS);
}

/* Looks at a request: the region's bytes, its offset, what came with it. */
static void record(const struct ool_msg *m)
{
	seen_bits = m->h.msgh_bits;
	seen_seqno = m->h.msgh_seqno;
	seen_offset = m->data % GVM_PAGE;
	seen_bad = m->size ? gvm_mismatches((const uint8_t *)m->data, m->size, (uint32_t)m->seed) :
			     m->data != 0;
	seen_more_bad = 0;
	seen_port = MACH_PORT_NULL;
	if (!m->more_t.msgt_inline)
		seen_more_bad = gvm_mismatches((const uint8_t *)m->more, m->more_t.msgt_number,
					       (uint32_t)m->seed + 7);
	else if (m->more_t.msgt_name == MACH_MSG_TYPE_PORT_SEND)
		seen_port = (mach_port_t)m->more;
}

/* The reply to a request: its region rewritten with seed + 1, sent back with
 * deallocate (a second region is dropped). */
static void ool_answer(mach_msg_header_t *h)
{
	struct ool_msg *m = (struct ool_msg *)h;
	record(m);
	served++;
	if (m->size)
		gvm_fill((uint8_t *)m->data, m->size, (uint32_t)m->seed + 1);
	if (!m->more_t.msgt_inline && m->more_t.msgt_number)
		free_region(m->more, m->more_t.msgt_number);
	m->h = (mach_msg_header_t){
		.msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
		.msgh_size = sizeof(*m), .msgh_remote_port = m->h.msgh_remote_port,
		.msgh_id = m->h.msgh_id + 100 };
	m->data_t = ool_type(m->size, 1);
	m->more_t = pad_type;
}

static void ool_server(void)
{
	struct ool_msg m;
	guest_serve(service, server_extra, &m.h, sizeof(m), ool_answer, &server_errors);
}

/* A request carrying [addr, addr + size) with `more` (type and word) after it. */
static mach_msg_return_t ool_rpc(struct ool_msg *m, mach_port_t reply, int id, vm_offset_t addr,
				 uint64_t size, int dealloc, mach_msg_type_t more_t, uint64_t more)
{
	*m = (struct ool_msg){
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
									    MACH_MSG_TYPE_MAKE_SEND_ONCE),
		       .msgh_size = sizeof(*m), .msgh_remote_port = service, .msgh_local_port = reply,
		       .msgh_id = id },
		.info_t = info_type, .seed = (uint64_t)id, .size = size, .offset = addr % GVM_PAGE,
		.data_t = ool_type(size, dealloc), .data = addr, .more_t = more_t, .more = more,
	};
	return mach_msg_trap(&m->h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(*m), sizeof(*m), reply, 0, 0);
}

/* One round trip of a region, every check on both sides; returns its new address. */
static vm_offset_t round_trip(mach_port_t reply, int id, vm_offset_t at, uint64_t size,
			      int dealloc, uint32_t seqno)
{
	struct ool_msg m;
	uint64_t offset = at % GVM_PAGE;
	CHECK_EQ(ool_rpc(&m, reply, id, at, size, dealloc, pad_type, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(m.h.msgh_bits, MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
	CHECK_EQ(m.h.msgh_id, id + 100);
	CHECK_EQ(m.h.msgh_local_port, reply);
	CHECK_EQ(m.h.msgh_remote_port, MACH_PORT_NULL);
	CHECK_EQ(m.h.msgh_size, sizeof(m));
	CHECK_EQ(m.h.msgh_seqno, seqno);
	CHECK_EQ(m.seed, (uint64_t)id);
	CHECK_EQ(m.data_t.msgt_number, size);
	CHECK_EQ(m.data_t.msgt_inline, 0);
	CHECK_EQ(seen_bits, MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
								    MACH_MSG_TYPE_PORT_SEND));
	CHECK_EQ(seen_seqno, seqno);
	CHECK_EQ(seen_bad, 0);
	if (!size) {
		CHECK_EQ(m.data, 0);
		return 0;
	}
	CHECK_EQ(seen_offset, offset);
	CHECK_EQ(m.data % GVM_PAGE, offset);
	CHECK_EQ(gvm_mismatches((uint8_t *)m.data, size, (uint32_t)id + 1), 0);
	if (!dealloc) {
		/* The client kept its copy: the server's writes went to its own. */
		CHECK_EQ(gvm_mismatches((uint8_t *)at, size, (uint32_t)id), 0);
		free_region(at, size);
	}
	return m.data;
}

static mach_port_t start_server(mach_msg_option_t extra, mach_port_t *th)
{
	service = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &service), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	server_extra = extra;
	served = server_errors = 0;
	*th = guest_thread_start(ool_server, stack1, sizeof(stack1));
	for (int i = 0; i < 5; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	return mach_reply_port();
}

static void stop_server(mach_port_t th, mach_port_t reply)
{
	mach_port_status_t st;
	CHECK_EQ(mach_port_get_receive_status(self, reply, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_msgcount, 0);
	CHECK_EQ(st.mps_sorights, 0);
	CHECK_EQ(server_errors, 0);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, service), KERN_SUCCESS);
}

/* Regions moved (and copied) back and forth, sizes 0 to 16 pages, page-aligned or
 * not; with the server on the one-pass trap, then on the general receive. */
static void check_round_trips(mach_msg_option_t extra)
{
	static const uint64_t sizes[ROUNDS] = { 4096, 65536, 5000, 1, 0, 12288 };
	static const uint64_t offsets[ROUNDS] = { 0, 0, 123, 4095, 0, 0 };
	mach_port_t th, reply = start_server(extra, &th);
	uint32_t seqno = 0;
	for (int dealloc = 1; dealloc >= 0; dealloc--)
		for (int i = 0; i < ROUNDS; i++) {
			int id = 1000 + dealloc * 100 + i;
			vm_offset_t at = sizes[i] ? new_region(offsets[i], sizes[i], (uint32_t)id) : 0x5000;
			vm_offset_t back = round_trip(reply, id, at, sizes[i], dealloc, seqno++);
			/* A moved region keeps moving: once more from where it came back. */
			if (sizes[i] && dealloc) {
				gvm_fill((uint8_t *)back, sizes[i], (uint32_t)id + 10);
				back = round_trip(reply, id + 10, back, sizes[i], 1, seqno++);
			}
			free_region(back, sizes[i]);
		}
	CHECK_EQ(served, (int)seqno);
	stop_server(th, reply);
}

/* What the one-pass trap leaves to the general path, with the same results. */
static void check_general_cases(void)
{
	mach_port_t th, reply = start_server(0, &th);
	struct ool_msg m;
	/* An unmapped region: refused, nothing sent; as in Mach, the rights copied in with
	 * the header are destroyed, so the reply right made comes back as a send-once
	 * notification. */
	vm_offset_t hole = new_region(0, GVM_PAGE, 1);
	free_region(hole, GVM_PAGE);
	for (int dealloc = 0; dealloc <= 1; dealloc++) {
		CHECK_EQ(ool_rpc(&m, reply, 2000, hole, GVM_PAGE, dealloc, pad_type, 0),
			 MACH_SEND_INVALID_MEMORY);
		CHECK_EQ(mach_msg_trap(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), reply, 0, 0),
			 MACH_MSG_SUCCESS);
		CHECK_EQ(m.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	}
	CHECK_EQ(served, 0);
	mach_port_status_t st;
	CHECK_EQ(mach_port_get_receive_status(self, reply, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_sorights, 0);
	CHECK_EQ(st.mps_msgcount, 0);

	/* Two regions: both arrive. */
	vm_offset_t a = new_region(0, 8192, 2001), b = new_region(7, 3000, 2001 + 7);
	mach_msg_type_t second = ool_type(3000, 1);
	CHECK_EQ(ool_rpc(&m, reply, 2001, a, 8192, 1, second, b), MACH_MSG_SUCCESS);
	CHECK_EQ(served, 1);
	CHECK_EQ(seen_bad, 0);
	CHECK_EQ(seen_more_bad, 0);
	CHECK_EQ(gvm_mismatches((uint8_t *)m.data, 8192, 2002), 0);
	free_region(m.data, 8192);

	/* A region and a port right: the right arrives too. */
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	mach_msg_type_t port_t = { .msgt_name = MACH_MSG_TYPE_MAKE_SEND, .msgt_size = 64,
				   .msgt_number = 1, .msgt_inline = 1 };
	a = new_region(0, 4096, 2003);
	CHECK_EQ(ool_rpc(&m, reply, 2003, a, 4096, 1, port_t, p), MACH_MSG_SUCCESS);
	CHECK_EQ(served, 2);
	CHECK_EQ(seen_bad, 0);
	CHECK_EQ(seen_port, p);                 /* the same task: the same name */
	CHECK_EQ(gvm_mismatches((uint8_t *)m.data, 4096, 2004), 0);
	free_region(m.data, 4096);
	mach_port_urefs_t refs = 0;
	CHECK_EQ(mach_port_get_refs(self, p, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 1);
	CHECK_EQ(mach_port_destroy(self, p), KERN_SUCCESS);
	stop_server(th, reply);
}

int main(void)
{
	self = mach_task_self();
	check_round_trips(0);
	check_round_trips(MACH_RCV_TIMEOUT);
	check_general_cases();
	return guest_finish();
}
