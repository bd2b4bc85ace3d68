/*
 * fastpath.c — the send half of an RPC, when the message is simple and its receiver is
 * already waiting (see fastpath.h).
 *
 * What the general path does in four steps (wait for queue room, copy the rights in
 * through the general disposition code, queue or hand over, wake through the run
 * queue), this does in one pass over the two header rights that RPCs use:
 *
 *   request: destination COPY_SEND,      reply MAKE_SEND_ONCE (or no reply port)
 *   reply:   destination MOVE_SEND_ONCE, no reply port
 *
 * Every check comes before any change, so when one fails nothing has been touched and
 * the general path runs instead, producing the error (or the queueing) Mach defines.
 * The result is exactly what the general path would have produced: the same rights
 * carried, the same sequence number, the same receiver given the message.
 */
#include <ipc/fastpath.h>
#include <ipc/mqueue.h>
#include <ipc/right.h>

#define T_SEND MACH_PORT_TYPE_SEND
#define T_RECV MACH_PORT_TYPE_RECEIVE
#define T_SO MACH_PORT_TYPE_SEND_ONCE

bool ipc_fastpath_send(struct ipc_space *s, struct ipc_kmsg *k, struct thread **woken)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_bits_t bits = h->msgh_bits;
	mach_msg_type_name_t dt = MACH_MSGH_BITS_REMOTE(bits), rt = MACH_MSGH_BITS_LOCAL(bits);
	mach_port_name_t dn = h->msgh_remote_port, rn = h->msgh_local_port;

	/* No body rights, no unused bits: only the port bits may be set. */
	if (bits & ~MACH_MSGH_BITS_PORTS_MASK)
		return false;

	/* The destination: a live port whose receive right is in some space (nothing
	 * queued, a receiver waiting with room) or the kernel's (a kernel object). */
	struct ipc_entry *de = ipc_entry_lookup(s, dn);
	if (!de || !de->object)
		return false;
	if (dt == MACH_MSG_TYPE_COPY_SEND) {
		if (!(de->type & T_SEND))
			return false;
	} else if (dt == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
		/* The entry goes away: leave armed dead-name requests to the general path. */
		if (de->type != T_SO || de->dnrequest || rn == dn)
			return false;
	} else {
		return false;
	}
	struct ipc_port *dp = (struct ipc_port *)de->object;
	struct thread *th = NULL;
	if (!dp->active)
		return false;
	if (dp->receiver) {
		/* The queue limit, as ipc_mqueue_wait_room applies it (a zero limit holds
		 * back even an empty queue's senders). */
		if (dp->msgcount || (dt == MACH_MSG_TYPE_COPY_SEND && dp->qlimit == 0))
			return false;
		th = ipc_mqueue_waiting_receiver(dp);
		if (!th || th->ipc_rcv_size < h->msgh_size)
			return false;
	} else if (dp->kotype == IKOT_NONE) {
		return false;                  /* in transit */
	}

	/* The reply port: a send-once right made from a receive right, or none. */
	struct ipc_port *rp = NULL;
	if (rt == MACH_MSG_TYPE_MAKE_SEND_ONCE) {
		struct ipc_entry *re = ipc_entry_lookup(s, rn);
		if (!re || !(re->type & T_RECV))
			return false;
		rp = (struct ipc_port *)re->object;
	} else if (rt != 0 || rn != MACH_PORT_NULL) {
		return false;
	}

	/* Checked: take the rights. */
	mach_msg_type_name_t dk;
	if (dt == MACH_MSG_TYPE_COPY_SEND) {
		ipc_port_copy_send(dp);
		dk = MACH_MSG_TYPE_PORT_SEND;
	} else {
		/* The entry's right and its port reference move into the message. */
		de->object = NULL;
		ipc_entry_free(s, dn, de);
		dk = MACH_MSG_TYPE_PORT_SEND_ONCE;
	}
	mach_msg_type_name_t rk = 0;
	if (rp) {
		ipc_port_make_send_once(rp);
		rk = MACH_MSG_TYPE_PORT_SEND_ONCE;
	}
	h->msgh_bits = MACH_MSGH_BITS(dk, rk);
	kmsg_set_dest(k, dp);
	kmsg_set_reply(k, rp);
	if (th)
		ipc_mqueue_hand_over(dp, k, th);
	else
		ipc_kobject_server(k);         /* the reply is queued on the reply port */
	*woken = th;
	return true;
}

bool ipc_fastpath_receive(struct ipc_space *s, mach_port_name_t name, uint32_t rcv_size,
			  struct thread *next, mach_msg_return_t *mr, struct ipc_kmsg **out)
{
	struct thread *self = current_thread();
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e || self->terminating)
		return false;
	struct ipc_port *port = NULL;
	struct ipc_pset *set = NULL;
	struct waitq *wq;
	if (e->type & T_RECV) {
		port = (struct ipc_port *)e->object;
		if (port->pset)
			return false;
		if (port->msgcount) {
			/* A message is there already (a kernel object's reply): take it. */
			struct ipc_kmsg *k = list_entry(list_first(&port->messages), struct ipc_kmsg, link);
			if (k->hdr.msgh_size > rcv_size)
				return false;
			ipc_mqueue_dequeue(port, k);
			if (next)
				thread_setrun(next);
			*out = k;
			*mr = MACH_MSG_SUCCESS;
			return true;
		}
		wq = &port->receivers;
	} else if (e->type & MACH_PORT_TYPE_PORT_SET) {
		set = (struct ipc_pset *)e->object;
		if (set->msgcount)
			return false;
		wq = &set->receivers;
	} else {
		return false;
	}
	if (!next)
		return false;                  /* nobody to hand the CPU to */
	/* Nothing to take now: wait, and let the thread we gave the message run. The
	 * reference keeps the port (or set) while we wait, as in ipc_mqueue_receive. */
	ipc_mqueue_prepare_rpc_wait(self, port, set, wq, rcv_size);
	thread_handoff(next);
	struct ipc_kmsg *k = self->ipc_kmsg;
	if (k && port) {
		/* The usual wake-up: the reply was handed over. */
		self->ipc_kmsg = NULL;
		self->ipc_rcv_size = 0;
		ipc_port_release(port);
		*out = k;
		*mr = MACH_MSG_SUCCESS;
		return true;
	}
	*mr = ipc_mqueue_wait_ended(s, name, port, set, self->wait_result, out);
	return true;
}
