/*
 * rpc_fast.c — an RPC's mach_msg trap (send, then wait for the answer) in one pass:
 * ipc_rpc_fast and the receive's last step, ipc_rpc_copyout_put (see rpc_fast.h).
 *
 * It applies when the message is small (it fits the cached zone kmsg) and carries no
 * body rights (a body may carry one out-of-line memory region, for a receiver in user
 * space), its header rights are an RPC's (request: COPY_SEND or MOVE_SEND_ONCE to
 * the server, MAKE_SEND_ONCE reply or none; reply: MOVE_SEND_ONCE, no reply port), a
 * receiver already waits on the destination with room for it and nothing is queued
 * there, and the caller's receive name is a receive right (not in a set) or a port set
 * with nothing queued. Every check comes before any change: when one fails, nothing has
 * been touched and the general path runs, producing the error or the queueing Mach
 * defines. The out-of-line region is taken from the sender's map last, after every
 * check: its copyin either succeeds or fails having changed nothing (vm_map_copyin's
 * rule), so a failure still leaves the general path everything as it was. One region
 * only: a second one failing could not give the first back.
 *
 * Then, in that order: the rights are taken exactly as copyin takes them, the message
 * is handed to the waiting receiver with the port's next sequence number (as delivery
 * does), the caller becomes a waiter on its receive port or set (as the general receive
 * does), and the CPU goes straight to the receiver (thread_handoff, which never inverts
 * priorities). The partner, resuming in its own wait, finds the message in
 * thread->ipc_kmsg whichever path it waits in. When the caller is woken in turn, a
 * handed-over answer is copied out at once; anything else (time-out of a general
 * receive elsewhere does not apply: no time-out here; interruption, a dead or moved
 * port, a queued message) goes through ipc_mqueue_wait_ended as in the general receive.
 */
#include <ipc/rpc_fast.h>
#include <ipc/kmsg_ool.h>
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <kern/copy.h>
#include <kern/ipc_tt.h>
#include <kern/task.h>
#include <kern/trap.h>
#include <vm/map_copy.h>

#define T_SEND MACH_PORT_TYPE_SEND
#define T_RECV MACH_PORT_TYPE_RECEIVE
#define T_SO MACH_PORT_TYPE_SEND_ONCE
#define T_PSET MACH_PORT_TYPE_PORT_SET

/* What the send half found: the destination entry and port, the reply port (or NULL),
 * and the receiver that takes the message. */
struct rpc_send {
	struct ipc_entry *de, *re;
	struct ipc_port *dp, *rp;
	struct thread *th;
};

/* The send half's checks (no change): an RPC's header rights (the other bits are
 * rpc_trap's to check), a destination with a receiver waiting and nothing queued
 * ahead. */
static inline bool send_ok(struct ipc_space *s, const mach_msg_header_t *h, struct rpc_send *o)
{
	mach_msg_bits_t bits = h->msgh_bits;
	mach_msg_type_name_t dt = MACH_MSGH_BITS_REMOTE(bits), rt = MACH_MSGH_BITS_LOCAL(bits);
	mach_port_name_t dn = h->msgh_remote_port, rn = h->msgh_local_port;

	struct ipc_entry *de = ipc_entry_lookup(s, dn);
	if (!de || !de->object)
		return false;
	if (dt == MACH_MSG_TYPE_COPY_SEND) {
		if (!(de->type & T_SEND))
			return false;
	} else if (dt == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
		/* The entry goes away: armed dead-name requests are the general path's. */
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
		/* Received in some space: nothing queued, not held back by a zero queue
		 * limit (ipc_mqueue_wait_room's rule), and a receiver with room. */
		if (dp->msgcount || (dt == MACH_MSG_TYPE_COPY_SEND && dp->qlimit == 0))
			return false;
		th = ipc_mqueue_waiting_receiver(dp);
		if (!th || th->ipc_rcv_size < h->msgh_size)
			return false;
	} else if (dp->kotype == IKOT_NONE) {
		return false;                  /* in transit */
	}

	struct ipc_port *rp = NULL;
	struct ipc_entry *re = NULL;
	if (rt == MACH_MSG_TYPE_MAKE_SEND_ONCE) {
		re = ipc_entry_lookup(s, rn);
		if (!re || !(re->type & T_RECV))
			return false;
		rp = (struct ipc_port *)re->object;
	} else if (rt != 0 || rn != MACH_PORT_NULL) {
		return false;
	}
	*o = (struct rpc_send){ de, re, dp, rp, th };
	return true;
}

/* A body the RPC path carries: one out-of-line region (and inline data), for a thread
 * to receive (`receiver`; a kernel object's request takes the general path). Checks it,
 * then takes the region out of the sender's map `m` as ipc_ool_copyin does (but with
 * no error to report: any failure is the general path's to report again); false, with
 * nothing changed, when it cannot. Out of line, so that the usual RPC keeps its
 * registers. */
static __attribute__((noinline)) bool take_body(struct vm_map *m, struct ipc_kmsg *k,
						struct thread *receiver)
{
	uint64_t bytes, *slot;
	struct vm_map_copy *copy;
	mach_msg_type_t *ool = receiver ? ipc_kmsg_rpc_memory_item(k, &bytes) : NULL;
	if (!ool || vm_map_copyin(m, *(slot = (uint64_t *)(ool + 1)), bytes, ool->msgt_deallocate,
				  &copy) != KERN_SUCCESS)
		return false;
	*slot = (uint64_t)copy;
	k->rpc_item = (uint32_t)((uint8_t *)ool - (uint8_t *)&k->hdr);
	return true;
}

/* The send half's changes, once everything is checked: the rights as copyin takes them,
 * and the message handed to the receiver, left in THREAD_HANDOFF (if it is not for the
 * kernel). */
static inline __attribute__((always_inline)) void send_commit(struct ipc_space *s,
							      struct ipc_kmsg *k,
							      const struct rpc_send *o,
							      const bool body)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_type_name_t dk, rk = 0;
	if (MACH_MSGH_BITS_REMOTE(h->msgh_bits) == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
		/* The entry's right and its port reference move into the message. */
		o->de->object = NULL;
		ipc_entry_free(s, h->msgh_remote_port, o->de);
		dk = MACH_MSG_TYPE_PORT_SEND_ONCE;
	} else {
		ipc_port_copy_send(o->dp);
		dk = MACH_MSG_TYPE_PORT_SEND;
	}
	if (o->rp) {
		ipc_port_make_send_once(o->rp);
		rk = MACH_MSG_TYPE_PORT_SEND_ONCE;
	}
	h->msgh_bits = (body ? MACH_MSGH_BITS_COMPLEX : 0) | MACH_MSGH_BITS(dk, rk);
	kmsg_set_dest(k, o->dp);
	kmsg_set_reply(k, o->rp);
	list_init(&k->link);
	k->rpc_form = body ? IPC_KMSG_RPC_BODY : IPC_KMSG_RPC;
	if (o->th)
		ipc_mqueue_hand_over(o->dp, k, o->th);
}

static mach_msg_return_t copyout_other(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k);

/* The receive's last step for the messages the RPC path carries (no body rights, a
 * send-once reply right or none; known without looking for those it made itself,
 * k->rpc_form): the reply right into a fresh entry (send-once rights
 * never coalesce), the destination right released (it was used up by the delivery,
 * not destroyed: that would notify), the local name or protected payload, then the
 * bytes out (whole words: sizes not a multiple of 8 take the general way) and the
 * kmsg back to the cache. Anything else, or no free entry at hand, takes the general
 * copyout, which reports such failures. `body`: an IPC_KMSG_RPC_BODY message, whose
 * out-of-line region goes into the receiver's map before the bytes (its own instance,
 * reached through copyout_other, so that the usual RPC has no test more). */
static inline __attribute__((always_inline)) mach_msg_return_t
copyout_put(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k, const bool body)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_bits_t bits = h->msgh_bits;
	struct ipc_port *dest = kmsg_dest(k), *reply = kmsg_reply(k);
	mach_msg_type_name_t dk = MACH_MSGH_BITS_REMOTE(bits), rk = MACH_MSGH_BITS_LOCAL(bits);
	if (!body && k->rpc_form != IPC_KMSG_RPC &&
	    ((bits & ~MACH_MSGH_BITS_PORTS_MASK) || (h->msgh_size & 7) || !IPC_PORT_VALID(dest) ||
	     (rk && (rk != MACH_MSG_TYPE_PORT_SEND_ONCE || !IPC_PORT_VALID(reply)))))
		return copyout_other(s, msg, k);
	if (rk && !reply->active)
		return ipc_rpc_copyout_put(s, msg, k);
	mach_port_name_t rname = MACH_PORT_NULL;
	if (rk) {
		struct ipc_entry *re;
		if (ipc_entry_alloc(s, &rname, &re) != KERN_SUCCESS)
			return ipc_rpc_copyout_put(s, msg, k);
		re->object = &reply->obj;
		re->type = T_SO;
	}
	uint64_t local = MACH_PORT_NULL;
	mach_msg_type_name_t local_kind = dk;
	if (dest->has_payload) {
		local = dest->payload;
		local_kind = MACH_MSG_TYPE_PROTECTED_PAYLOAD;
	} else if (dest->receiver == s) {
		local = dest->receiver_name;
	}
	if (dk == MACH_MSG_TYPE_PORT_SEND_ONCE)
		ipc_port_release_send_once(dest);
	else
		ipc_port_release_send(dest);
	h->msgh_bits = (body ? MACH_MSGH_BITS_COMPLEX : 0) | MACH_MSGH_BITS(rk, local_kind);
	h->msgh_remote_port_do_not_use = rname;
	h->msgh_protected_payload = local;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	if (body) {
		mach_msg_type_t *ool = (mach_msg_type_t *)((uint8_t *)h + k->rpc_item);
		mr = ipc_ool_copyout(s, ool, (uint64_t *)(ool + 1));
	}
	int rc = copyout_words(h, msg, h->msgh_size);
	ipc_kmsg_free(k);
	return rc == 0 ? mr : MACH_RCV_INVALID_DATA;
}

/* copyout_put's way out for any message not IPC_KMSG_RPC. */
static __attribute__((noinline, flatten)) mach_msg_return_t
copyout_other(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k)
{
	if (k->rpc_form == IPC_KMSG_RPC_BODY)
		return copyout_put(s, msg, k, true);
	return ipc_rpc_copyout_put(s, msg, k);
}

/* A kernel object's RPC, its request k copied in: served at once, in the caller's
 * context, as delivery does. Its answer goes straight to the caller when nothing could
 * tell the difference from queueing it on the reply port and taking it off again: the
 * caller receives on that very port (`port`, the reply port), it is still the caller's,
 * nothing is queued there and nobody else waits on it, to receive or for room. Then it
 * gets the sequence number a dequeue would give. Otherwise the answer is delivered and
 * the general receive follows. */
static inline enum rpc_fast_result
kernel_rpc(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k, struct ipc_port *port,
	   mach_port_name_t rcv_name, uint32_t rcv_size, mach_msg_return_t *result)
{
	struct ipc_kmsg *r = ipc_kobject_serve(k);
	if (!r)
		return RPC_FAST_RECEIVE;
	/* The answer's send-once right holds the reply port: if it is `port`, port lives. */
	if (port && kmsg_dest(r) == port && port->active && port->receiver == s &&
	    port->receiver_name == rcv_name && !port->pset && !port->msgcount &&
	    list_empty(&port->receivers.waiters) && list_empty(&port->senders.waiters) &&
	    r->hdr.msgh_size <= rcv_size) {
		r->hdr.msgh_seqno = port->seqno++;
		*result = copyout_put(s, msg, r, false);
		return RPC_FAST_DONE;
	}
	ipc_mqueue_deliver(r);
	return RPC_FAST_RECEIVE;
}

/* The RPC path proper after the copy of the message into k (see the top of the file),
 * for a simple message, or a complex one (`body`: one instance of each, so that the
 * simple one, the usual RPC, has no test more). RPC_FAST_NO: nothing was changed. */
static inline __attribute__((always_inline)) enum rpc_fast_result
send_and_wait(struct thread *self, struct ipc_space *s, struct ipc_kmsg *k, uint64_t msg,
	      uint32_t rcv_size, mach_port_name_t rcv_name, mach_msg_return_t *result,
	      const bool body)
{
	struct rpc_send o;
	if (!send_ok(s, &k->hdr, &o))
		goto refuse;
	/* The receive half: a receive right not in a set, or a set, with nothing queued.
	 * A client receives where it asked the answer to go: that entry is at hand. */
	struct ipc_entry *ve = o.re && rcv_name == k->hdr.msgh_local_port ? o.re :
			       ipc_entry_lookup(s, rcv_name);
	struct ipc_port *port = NULL;
	struct ipc_pset *set = NULL;
	struct waitq *wq;
	if (!ve)
		goto refuse;
	if (ve->type & T_RECV) {
		port = (struct ipc_port *)ve->object;
		if (port->pset || port->msgcount)
			goto refuse;
		wq = &port->receivers;
	} else if (ve->type & T_PSET) {
		set = (struct ipc_pset *)ve->object;
		if (set->msgcount)
			goto refuse;
		wq = &set->receivers;
	} else {
		goto refuse;
	}
	/* Last, as it is the one step that changes the sender's map. */
	if (body && !take_body(self->task->map, k, o.th))
		goto refuse;

	send_commit(s, k, &o, body);
	if (!o.th)
		return kernel_rpc(s, msg, k, port && port == o.rp ? port : NULL, rcv_name,
				  rcv_size, result);
	/* Wait for the answer. The reference keeps the port (or set) while we wait, as
	 * in the general receive. */
	if (port)
		ipc_port_reference(port);
	else
		ipc_pset_reference(set);
	self->ipc_rcv_size = rcv_size;
	waitq_prepare_wait(self, wq, true);
	thread_handoff_woken_inline(o.th);

	k = self->ipc_kmsg;
	if (__builtin_expect(k && port, 1)) {
		/* The usual wake-up: the answer was handed over. */
		self->ipc_kmsg = NULL;
		self->ipc_rcv_size = 0;
		ipc_port_release(port);
	} else {
		mach_msg_return_t mr = ipc_mqueue_wait_ended(s, rcv_name, port, set,
							     self->wait_result, &k);
		if (mr == MACH_MSG_SUCCESS && !k)
			return RPC_FAST_RECEIVE;
		if (mr != MACH_MSG_SUCCESS) {
			*result = mr;
			return RPC_FAST_DONE;
		}
	}
	*result = copyout_put(s, msg, k, false);
	return RPC_FAST_DONE;

refuse:
	ipc_kmsg_free(k);
	return RPC_FAST_NO;
}

/* send_and_wait for a message with bits beyond the header rights': the complex one
 * (its body is take_body's to check), or refused. */
static __attribute__((noinline, flatten)) enum rpc_fast_result
send_other(struct thread *self, struct ipc_space *s, struct ipc_kmsg *k, uint64_t msg,
	   uint32_t rcv_size, mach_port_name_t rcv_name, mach_msg_return_t *result)
{
	if (k->hdr.msgh_bits & ~(MACH_MSGH_BITS_PORTS_MASK | MACH_MSGH_BITS_COMPLEX)) {
		ipc_kmsg_free(k);
		return RPC_FAST_NO;            /* unused bits: the general path's error */
	}
	return send_and_wait(self, s, k, msg, rcv_size, rcv_name, result, true);
}

/* The RPC path's start: the message copied into the cached kmsg. RPC_FAST_NO: nothing
 * was changed. */
static inline enum rpc_fast_result rpc_trap(uint64_t msg, uint32_t send_size, uint32_t rcv_size,
					    mach_port_name_t rcv_name, mach_msg_return_t *result)
{
	struct thread *self = current_thread();
	struct ipc_space *s = self->task->space;      /* a user thread: it trapped */
	struct ipc_kmsg *k = ipc_kmsg_cache_small;
	if (send_size < sizeof(mach_msg_header_t) || send_size > IPC_KMSG_SMALL_BYTES ||
	    (send_size & 7) || !k || self->terminating)
		return RPC_FAST_NO;
	/* Taken before copying into it: a copy that had to wait must not find it reused. */
	ipc_kmsg_cache_small = NULL;
	if (copyin_words(msg, &k->hdr, send_size) != 0) {
		ipc_kmsg_free(k);
		return RPC_FAST_NO;            /* the general path reports the bad buffer */
	}
	k->hdr.msgh_size = send_size;
	if (k->hdr.msgh_bits & ~MACH_MSGH_BITS_PORTS_MASK)
		return send_other(self, s, k, msg, rcv_size, rcv_name, result);
	return send_and_wait(self, s, k, msg, rcv_size, rcv_name, result, false);
}

/* The trap's arguments, for the general trap. */
struct trap_args {
	uint64_t msg;
	mach_msg_option_t option;
	uint32_t send_size, rcv_size;
	mach_port_name_t rcv_name;
	mach_msg_timeout_t timeout;
};

/* Not an RPC's common case: the general trap. Or sent, and woken to look at the queue
 * again: the general receive. Out of line, and from memory, so that the RPC path
 * keeps none of the arguments it does not use in registers. */
static __attribute__((noinline)) mach_msg_return_t general(const struct trap_args *a,
							   enum rpc_fast_result fr)
{
	mach_msg_option_t option = a->option;
	if (fr == RPC_FAST_RECEIVE)
		option &= ~MACH_SEND_MSG;
	return (mach_msg_return_t)mach_msg_trap_call(a->msg, option, a->send_size, a->rcv_size,
						     a->rcv_name, a->timeout);
}

uint64_t mach_msg_trap_entry(uint64_t msg, mach_msg_option_t option, uint32_t send_size,
			     uint32_t rcv_size, mach_port_name_t rcv_name,
			     mach_msg_timeout_t timeout)
{
	struct trap_args a = { msg, option, send_size, rcv_size, rcv_name, timeout };
	mach_msg_return_t mr;
	enum rpc_fast_result fr = RPC_FAST_NO;
	mach_msg_option_t rpc_bits = MACH_SEND_MSG | MACH_RCV_MSG;
	if ((option & (rpc_bits | MACH_RCV_TIMEOUT)) == rpc_bits)
		fr = rpc_trap(msg, send_size, rcv_size, rcv_name, &mr);
	if (__builtin_expect(fr != RPC_FAST_DONE, 0))
		mr = general(&a, fr);
	if (__builtin_expect(thread_return_needs_work(), 0))
		machine_trap_return_work(mr);
	return mr;
}

mach_msg_return_t ipc_rpc_copyout_put(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k)
{
	mach_msg_return_t cr = ipc_kmsg_copyout(s, k);
	mach_msg_return_t mr = ipc_kmsg_put(msg, k);
	return mr != MACH_MSG_SUCCESS ? mr : cr;
}
