/*
 * rpc_mach_port.c — the routines of mach_port.defs, called through the user stubs our
 * mig generates (hurd-like/libmach) and served in the kernel by the server stubs it
 * generates: good cases and error cases, each with GNU Mach's exact return code;
 * notifications (no-senders, dead-name, port-deleted, port-destroyed, send-once);
 * destroying a receive right turning send rights into dead names; protected payloads.
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include <mach/mach_port.h>
#include <mach/notify.h>

static mach_port_t self;

static union {
	mach_msg_header_t h;
	mach_no_senders_notification_t ns;
	mach_dead_name_notification_t dn;
	mach_port_destroyed_notification_t pd;
	char bytes[256];
} buf;

static mach_msg_return_t receive(mach_port_t port, mach_msg_timeout_t timeout)
{
	return mach_msg_trap(&buf.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(buf), port, timeout, 0);
}

static mach_port_t receive_right(void)
{
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	return p;
}

static void check_allocate_and_refs(void)
{
	mach_port_t p = receive_right(), set, dead;
	mach_port_type_t type;
	mach_port_urefs_t refs;
	CHECK_EQ(mach_port_type(self, p, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_RECEIVE);
	CHECK_EQ(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, p, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_SEND_RECEIVE);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 4), KERN_SUCCESS);
	CHECK_EQ(mach_port_get_refs(self, p, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 5);
	CHECK_EQ(mach_port_get_refs(self, p, MACH_PORT_RIGHT_RECEIVE, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 1);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -6), KERN_INVALID_VALUE);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 0x10000), KERN_UREFS_OVERFLOW);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND_ONCE, -1), KERN_INVALID_RIGHT);
	CHECK_EQ(mach_port_mod_refs(self, p, 7, -1), KERN_INVALID_VALUE);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -5), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, p, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_RECEIVE);
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, p, &type), KERN_INVALID_NAME);
	CHECK_EQ(mach_port_deallocate(self, p), KERN_INVALID_NAME);

	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, set, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_PORT_SET);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &dead), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, dead, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_SEND, &p), KERN_INVALID_VALUE);
	CHECK_EQ(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, 0x777), KERN_SUCCESS);
	CHECK_EQ(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, 0x777), KERN_NAME_EXISTS);
	CHECK_EQ(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, MACH_PORT_NULL), KERN_INVALID_VALUE);
	CHECK_EQ(mach_port_rename(self, 0x777, 0x888), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, 0x888, &type), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, 0x777, &type), KERN_INVALID_NAME);
	CHECK_EQ(mach_port_rename(self, 0x888, dead), KERN_NAME_EXISTS);
	CHECK_EQ(mach_port_destroy(self, 0x888), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, 0x888), KERN_INVALID_NAME);
	/* A name that is not a task: the request reaches no task. */
	CHECK_EQ(mach_port_allocate(0x4444, MACH_PORT_RIGHT_RECEIVE, &p), MACH_SEND_INVALID_DEST);
}

static void check_status_and_sets(void)
{
	mach_port_t p = receive_right(), set;
	mach_port_status_t st;
	CHECK_EQ(mach_port_set_qlimit(self, p, 3), KERN_SUCCESS);
	CHECK_EQ(mach_port_set_qlimit(self, p, MACH_PORT_QLIMIT_MAX + 1), KERN_INVALID_VALUE);
	CHECK_EQ(mach_port_set_mscount(self, p, 9), KERN_SUCCESS);
	CHECK_EQ(mach_port_set_seqno(self, p, 40), KERN_SUCCESS);
	CHECK_EQ(mach_port_get_receive_status(self, p, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_qlimit, 3);
	CHECK_EQ(st.mps_mscount, 9);
	CHECK_EQ(st.mps_seqno, 40);
	CHECK_EQ(st.mps_pset, MACH_PORT_NULL);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, p, set), KERN_SUCCESS);
	CHECK_EQ(mach_port_get_receive_status(self, p, &st), KERN_SUCCESS);
	CHECK_EQ(st.mps_pset, set);
	CHECK_EQ(receive(p, 0), MACH_RCV_IN_SET);
	/* A message to the member arrives through the set, naming the member. */
	mach_msg_header_t m = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				.msgh_size = sizeof(m), .msgh_remote_port = p, .msgh_id = 31 };
	CHECK_EQ(mach_msg_trap(&m, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(set, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_local_port, p);
	CHECK_EQ(buf.h.msgh_seqno, 40);
	CHECK_EQ(mach_port_move_member(self, p, MACH_PORT_NULL), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, p, 0x5151), KERN_INVALID_NAME);
	CHECK_EQ(mach_port_move_member(self, set, set), KERN_INVALID_RIGHT);
	CHECK_EQ(mach_port_set_qlimit(self, set, 1), KERN_INVALID_RIGHT);
}

static void check_notifications(void)
{
	mach_port_t p = receive_right(), notify = receive_right(), previous;
	mach_msg_type_name_t prev_type;
	/* No-senders: armed on a port with a send right, fired when the right goes. */
	CHECK_EQ(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_request_notification(self, p, MACH_NOTIFY_NO_SENDERS, 0, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	CHECK_EQ(previous, MACH_PORT_NULL);
	CHECK_EQ(receive(notify, 0), MACH_RCV_TIMED_OUT);
	CHECK_EQ(mach_port_deallocate(self, p), KERN_SUCCESS);
	CHECK_EQ(receive(notify, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, MACH_NOTIFY_NO_SENDERS);
	CHECK_EQ(buf.ns.not_count, 1);
	(void)prev_type;

	/* Dead-name: a send right to a port whose receive right is destroyed. */
	mach_port_t q = receive_right(), s;
	CHECK_EQ(mach_port_insert_right(self, q, q, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_extract_right(self, q, MACH_MSG_TYPE_MAKE_SEND, &s, &prev_type), KERN_SUCCESS);
	CHECK_EQ(s, q);                  /* the right comes back under its own name */
	CHECK_EQ(prev_type, MACH_MSG_TYPE_PORT_SEND);
	CHECK_EQ(mach_port_request_notification(self, q, MACH_NOTIFY_DEAD_NAME, 0, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	mach_port_type_t type;
	CHECK_EQ(mach_port_type(self, q, &type), KERN_SUCCESS);
	CHECK(type & MACH_PORT_TYPE_DNREQUEST);
	CHECK_EQ(mach_port_mod_refs(self, q, MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	CHECK_EQ(receive(notify, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, MACH_NOTIFY_DEAD_NAME);
	CHECK_EQ(buf.dn.not_port, q);
	CHECK_EQ(mach_port_type(self, q, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
	mach_port_urefs_t refs;
	CHECK_EQ(mach_port_get_refs(self, q, MACH_PORT_RIGHT_DEAD_NAME, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 2);               /* the two send references became dead-name ones */
	mach_msg_header_t m = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
				.msgh_size = sizeof(m), .msgh_remote_port = q };
	CHECK_EQ(mach_msg_trap(&m, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0), MACH_SEND_INVALID_DEST);
	CHECK_EQ(mach_port_mod_refs(self, q, MACH_PORT_RIGHT_DEAD_NAME, -2), KERN_SUCCESS);
	CHECK_EQ(mach_port_type(self, q, &type), KERN_INVALID_NAME);

	/* Port-deleted: the name with an armed request is deallocated. */
	mach_port_t r = receive_right();
	CHECK_EQ(mach_port_insert_right(self, r, r, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	mach_port_t sr;
	CHECK_EQ(mach_port_extract_right(self, r, MACH_MSG_TYPE_MAKE_SEND_ONCE, &sr, &prev_type), KERN_SUCCESS);
	CHECK_EQ(prev_type, MACH_MSG_TYPE_PORT_SEND_ONCE);
	CHECK(sr != r);
	CHECK_EQ(mach_port_request_notification(self, sr, MACH_NOTIFY_DEAD_NAME, 0, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	/* A send-once right destroyed unused: a send-once notification to its port; its
	 * armed dead-name request turns into a port-deleted notification. */
	CHECK_EQ(mach_port_deallocate(self, sr), KERN_SUCCESS);
	CHECK_EQ(receive(notify, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, MACH_NOTIFY_PORT_DELETED);
	CHECK_EQ(buf.dn.not_port, sr);
	CHECK_EQ(receive(r, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, MACH_NOTIFY_SEND_ONCE);

	/* Port-destroyed: the receive right comes back instead of dying. */
	mach_port_t d = receive_right();
	CHECK_EQ(mach_port_request_notification(self, d, MACH_NOTIFY_PORT_DESTROYED, 0, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	CHECK_EQ(mach_port_request_notification(self, d, MACH_NOTIFY_PORT_DESTROYED, 5, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_INVALID_VALUE);
	/* The failed request's send-once right was destroyed unused: it says so. */
	CHECK_EQ(receive(notify, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	CHECK_EQ(mach_port_mod_refs(self, d, MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	CHECK_EQ(receive(notify, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, MACH_NOTIFY_PORT_DESTROYED);
	CHECK(buf.h.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	mach_port_t back = buf.pd.not_port;
	CHECK_EQ(mach_port_type(self, back, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_RECEIVE);
	CHECK_EQ(mach_port_request_notification(self, back, 12345, 0, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_INVALID_VALUE);
	CHECK_EQ(mach_port_request_notification(self, 0x6262, MACH_NOTIFY_DEAD_NAME, 0, notify,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_INVALID_NAME);
}

static void check_payload(void)
{
	mach_port_t p = receive_right();
	CHECK_EQ(mach_port_set_protected_payload(self, p, 0x1234567890abcdefull), KERN_SUCCESS);
	mach_msg_header_t m = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				.msgh_size = sizeof(m), .msgh_remote_port = p };
	CHECK_EQ(mach_msg_trap(&m, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(MACH_MSGH_BITS_LOCAL(buf.h.msgh_bits), MACH_MSG_TYPE_PROTECTED_PAYLOAD);
	CHECK_EQ(buf.h.msgh_protected_payload, 0x1234567890abcdefull);
	CHECK_EQ(mach_port_clear_protected_payload(self, p), KERN_SUCCESS);
	CHECK_EQ(mach_msg_trap(&m, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(receive(p, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_local_port, p);
	CHECK_EQ(mach_port_set_protected_payload(self, 0x6161, 1), KERN_INVALID_NAME);
}

int main(void)
{
	self = mach_task_self();
	check_allocate_and_refs();
	check_status_and_sets();
	check_notifications();
	check_payload();
	return guest_finish();
}
