/*
 * rpc_fast.c — an RPC's mach_msg trap (send, then wait for the answer) in one pass:
 * mach_msg_trap_entry (kern/trap.h) and the receive's last step, ipc_rpc_copyout_put
 * (see rpc_fast.h).
 *
 * Two forms of trap take it, the two halves of every RPC (docs/ipc.md, "The RPC path"),
 * each for a message of at most IPC_KMSG_SMALL_BYTES, whole words, no body rights (a
 * body may carry one out-of-line memory region, for a receiver in user space):
 *  - the call: COPY_SEND to the server and MAKE_SEND_ONCE of the caller's reply port,
 *    then a receive on that very port, a receive right not in a set with nothing
 *    queued. The server is a thread already waiting on the destination port (with
 *    room, nothing queued ahead) or the kernel (a kernel object's port, served at once).
 *  - the reply: MOVE_SEND_ONCE to a port a thread waits on (with room, nothing queued
 *    ahead), no reply port, then a receive on a port not in a set, or on a set, with
 *    nothing queued.
 * Every check comes before any change: when one fails, nothing has been touched and
 * the general trap runs (with its own shortcuts, fastpath.c), producing the error or
 * the queueing Mach defines. Other header forms take it too. The out-of-line region is
 * taken from the sender's map last, after every check: its copyin either succeeds or
 * fails having changed nothing (vm_map_copyin's rule), so a failure still leaves the
 * general path everything as it was. One region only: a second one failing could not
 * give the first back. A complex message takes a second instance of the path (rpc_body,
 * copyout_other), so that the usual RPC has no test more.
 *
 * Then, in that order: the rights are taken exactly as copyin takes them, the message
 * is handed to the waiting receiver with the port's next sequence number (as delivery
 * does), the caller becomes a waiter on its receive port or set (as the general receive
 * does), and the CPU goes straight to the receiver (thread_handoff, which never inverts
 * priorities). The partner, resuming in its own wait, finds the message in
 * thread->ipc_kmsg whichever path it waits in. When the caller is woken in turn, a
 * handed-over answer is copied out at once; anything else (interruption, a dead or
 * moved port, a queued message) goes through ipc_mqueue_wait_ended as in the general
 * receive.
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

#define CALL_BITS MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE)
#define REPLY_BITS MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0)

/* The thread that takes a message of `size` bytes sent to p, a port with a receiver:
 * nothing queued ahead, a thread waiting on p (or on its set) whose buffer takes it.
 * NULL: the general path, which queues. */
static inline struct thread *taker(struct ipc_port *p, uint32_t size)
{
	if (p->msgcount)
		return NULL;
	struct list *w = &p->receivers.waiters;
	if (list_empty(w)) {
		if (!p->pset || list_empty(&p->pset->receivers.waiters))
			return NULL;
		w = &p->pset->receivers.waiters;
	}
	struct thread *th = list_entry(w->next, struct thread, sched_link);
	return th->ipc_rcv_size >= size ? th : NULL;
}

/* The receive half's object: the port (not in a set) or the set entry e holds, with
 * nothing queued; its wait queue, or NULL for the general path. */
static inline struct waitq *receive_ok(const struct ipc_entry *e, struct ipc_port **port,
				       struct ipc_pset **set)
{
	if (e->type & T_RECV) {
		struct ipc_port *p = (struct ipc_port *)e->object;
		if (p->pset || p->msgcount)
			return NULL;
		*port = p;
		return &p->receivers;
	}
	if (e->type & T_PSET) {
		struct ipc_pset *ps = (struct ipc_pset *)e->object;
		if (ps->msgcount)
			return NULL;
		*set = ps;
		return &ps->receivers;
	}
	return NULL;
}

static mach_msg_return_t copyout_other(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k);

/* The receive's last step for the messages the RPC path carries (no body rights, a
 * send-once reply right or none; known without looking for those it made itself,
 * k->rpc_form): the reply right into a fresh entry (send-once rights never coalesce),
 * the destination right released, the local name or payload, then the bytes out
 * (whole words: sizes not a multiple of 8 take the general way; msg, the receiver's
 * buffer, passed copyin_words_small in rpc_trap) and the kmsg back to the cache
 * (`page`: a page kmsg, a kernel object's reply). Anything else, or no free entry at
 * hand (the space's hint), takes the general copyout, which reports such failures.
 * `body`: an IPC_KMSG_RPC_BODY message, whose out-of-line region goes into the
 * receiver's map before the bytes (its own instance, reached through copyout_other,
 * so that the usual RPC has no test more). */
static inline __attribute__((always_inline)) mach_msg_return_t
copyout_put(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k, const bool page,
	    const bool body)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_bits_t bits = h->msgh_bits;
	struct ipc_port *dest = kmsg_dest(k), *reply = kmsg_reply(k);
	mach_msg_type_name_t rk = MACH_MSGH_BITS_LOCAL(bits);
	if (!body && k->rpc_form != IPC_KMSG_RPC &&
	    ((bits & ~MACH_MSGH_BITS_PORTS_MASK) || (h->msgh_size & 7) || !IPC_PORT_VALID(dest) ||
	     (rk && (rk != MACH_MSG_TYPE_PORT_SEND_ONCE || !IPC_PORT_VALID(reply)))))
		return copyout_other(s, msg, k);
	mach_port_name_t rname = MACH_PORT_NULL;
	if (rk) {
		struct ipc_entry *re;
		if (!reply->active || !(re = ipc_entry_alloc_hinted(s)))
			return ipc_rpc_copyout_put(s, msg, k);
		re->object = &reply->obj;
		re->type = T_SO;
		rname = re->name;
	}
	mach_msg_type_name_t local_kind;
	uint64_t local = ipc_kmsg_copyout_dest(s, dest, MACH_MSGH_BITS_REMOTE(bits), &local_kind);
	h->msgh_bits = (body ? MACH_MSGH_BITS_COMPLEX : 0) | MACH_MSGH_BITS(rk, local_kind);
	h->msgh_remote_port_do_not_use = rname;
	h->msgh_protected_payload = local;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	if (body) {
		mach_msg_type_t *ool = (mach_msg_type_t *)((uint8_t *)h + k->rpc_item);
		mr = ipc_ool_copyout(s, ool, (uint64_t *)(ool + 1));
	}
	/* msg passed copyin_words_small (rpc_trap). */
	int rc = copyout_words_small(h, msg, h->msgh_size);
	if (page)
		ipc_kmsg_free_page(k);
	else
		ipc_kmsg_free(k);
	return rc == 0 ? mr : MACH_RCV_INVALID_DATA;
}

/* copyout_put's way out for any message not IPC_KMSG_RPC. */
static __attribute__((noinline, flatten)) mach_msg_return_t
copyout_other(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k)
{
	if (k->rpc_form == IPC_KMSG_RPC_BODY)
		return copyout_put(s, msg, k, false, true);
	return ipc_rpc_copyout_put(s, msg, k);
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

/* The header of a copied-in RPC message: dest and reply rights as copyin leaves them;
 * `body`: complex, its out-of-line region taken (take_body). */
static inline void set_rights(struct ipc_kmsg *k, struct ipc_port *dest, mach_msg_type_name_t dk,
			      struct ipc_port *reply, const bool body)
{
	k->hdr.msgh_bits = (body ? MACH_MSGH_BITS_COMPLEX : 0) |
			   MACH_MSGH_BITS(dk, reply ? MACH_MSG_TYPE_PORT_SEND_ONCE : 0);
	kmsg_set_dest(k, dest);
	kmsg_set_reply(k, reply);
	/* k->link: unlinked, as in every kmsg on no queue. */
	k->rpc_form = body ? IPC_KMSG_RPC_BODY : IPC_KMSG_RPC;
}

/* A kernel object's RPC, its request k copied in: served at once, in the caller's
 * context, as delivery does. Its answer goes straight to the caller when nothing could
 * tell the difference from queueing it on the reply port and taking it off again: the
 * caller receives on that very port (`port`), it is still the caller's, nothing is
 * queued there and nobody else waits on it, to receive or for room. Then it gets the
 * sequence number a dequeue would give. Otherwise the answer is delivered and the
 * general receive follows. */
static inline __attribute__((always_inline)) enum rpc_fast_result
kernel_rpc(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k, struct ipc_port *port,
	   mach_port_name_t rcv_name, uint32_t rcv_size, mach_msg_return_t *result)
{
	struct ipc_kmsg *r = ipc_kobject_serve(k);
	if (!r)
		return RPC_FAST_RECEIVE;
	/* The answer's send-once right holds the reply port: if it is `port`, port lives
	 * (and is alive if it still has a receiver). */
	if (kmsg_dest(r) == port && port->receiver == s &&
	    port->receiver_name == rcv_name && !port->pset && !port->msgcount &&
	    list_empty(&port->receivers.waiters) && list_empty(&port->senders.waiters) &&
	    r->hdr.msgh_size <= rcv_size) {
		r->hdr.msgh_seqno = port->seqno++;
		*result = copyout_put(s, msg, r, true, false);
		return RPC_FAST_DONE;
	}
	ipc_mqueue_deliver(r);
	return RPC_FAST_RECEIVE;
}

/* The wait for the answer, once the message k is on its way to th: k handed over with
 * dp's next sequence number (as delivery does), the caller a waiter on wq, its port
 * or set (holding a reference, as the general receive does), th given the CPU. When
 * the caller runs again: a handed-over answer is copied out; anything else goes
 * through ipc_mqueue_wait_ended as in the general receive. */
static inline __attribute__((always_inline)) enum rpc_fast_result
wait_answer(struct thread *self, struct ipc_space *s, struct ipc_kmsg *k, struct ipc_port *dp,
	    struct thread *th, struct waitq *wq, struct ipc_port *port, struct ipc_pset *set,
	    uint64_t msg, mach_port_name_t rcv_name, uint32_t rcv_size, mach_msg_return_t *result)
{
	ipc_mqueue_hand_over(dp, k, th);
	ipc_mqueue_prepare_rpc_wait(self, port, set, wq, rcv_size);
	thread_handoff_woken_inline(th);

	/* Running again: self and its space are found afresh rather than kept across the
	 * switch (fewer registers saved around it). */
	self = current_thread();
	s = self->task->space;
	k = self->ipc_kmsg;
	if (__builtin_expect(k && port, 1)) {
		/* The usual wake-up: the answer was handed over. (ipc_rcv_size may stay:
		 * see struct thread.) */
		self->ipc_kmsg = NULL;
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
	*result = copyout_put(s, msg, k, false, false);
	return RPC_FAST_DONE;
}

/* The call (see the top of the file); k holds the request; `body`: complex. */
static inline __attribute__((always_inline)) enum rpc_fast_result
rpc_call(struct thread *self, struct ipc_space *s, struct ipc_kmsg *k, uint64_t msg,
	 uint32_t rcv_size, mach_port_name_t rcv_name, mach_msg_return_t *result, const bool body)
{
	struct ipc_entry *de = ipc_entry_lookup(s, k->hdr.msgh_remote_port);
	struct ipc_entry *re = ipc_entry_lookup(s, rcv_name);
	/* A send right's entry always names its port (a dead name has T_DEAD alone). */
	if (!de || !(de->type & T_SEND) || !re || !(re->type & T_RECV))
		return RPC_FAST_NO;
	struct ipc_port *dp = (struct ipc_port *)de->object, *rp = (struct ipc_port *)re->object;
	if (rp->pset || rp->msgcount)
		return RPC_FAST_NO;
	struct thread *th = NULL;
	if (dp->receiver) {
		/* A receiver implies a live port. A zero queue limit holds a sender back
		 * (ipc_mqueue_wait_room's rule). */
		if (!dp->qlimit || !(th = taker(dp, k->hdr.msgh_size)))
			return RPC_FAST_NO;
	} else if (!dp->active || dp->kotype == IKOT_NONE) {
		return RPC_FAST_NO;            /* dead, or in transit */
	}
	/* Last, as it is the one step that changes the sender's map. */
	if (body && !take_body(self->task->map, k, th))
		return RPC_FAST_NO;
	ipc_port_copy_send(dp);
	ipc_port_make_send_once(rp);
	set_rights(k, dp, MACH_MSG_TYPE_PORT_SEND, rp, body);
	if (!th)
		return kernel_rpc(s, msg, k, rp, rcv_name, rcv_size, result);
	return wait_answer(self, s, k, dp, th, &rp->receivers, rp, NULL, msg, rcv_name, rcv_size,
			   result);
}

/* The reply (see the top of the file); `body`: complex. */
static inline __attribute__((always_inline)) enum rpc_fast_result
rpc_reply(struct thread *self, struct ipc_space *s, struct ipc_kmsg *k, uint64_t msg,
	  uint32_t rcv_size, mach_port_name_t rcv_name, mach_msg_return_t *result, const bool body)
{
	mach_port_name_t dn = k->hdr.msgh_remote_port;
	struct ipc_entry *de = ipc_entry_lookup(s, dn);
	/* The entry goes away: an armed dead-name request is the general path's. */
	if (!de || de->type != T_SO || de->dnrequest)
		return RPC_FAST_NO;
	struct ipc_port *dp = (struct ipc_port *)de->object;
	struct thread *th;
	/* A receiver implies a live port; a kernel port's answer is the general path's. */
	if (!dp->receiver || !(th = taker(dp, k->hdr.msgh_size)))
		return RPC_FAST_NO;
	struct ipc_entry *ve = ipc_entry_lookup(s, rcv_name);
	struct ipc_port *port = NULL;
	struct ipc_pset *set = NULL;
	struct waitq *wq;
	if (!ve || !(wq = receive_ok(ve, &port, &set)))
		return RPC_FAST_NO;
	/* Last, as it is the one step that changes the sender's map. */
	if (body && !take_body(self->task->map, k, th))
		return RPC_FAST_NO;
	/* The entry's right and its port reference move into the message. */
	de->object = NULL;
	ipc_entry_free(s, dn, de);
	set_rights(k, dp, MACH_MSG_TYPE_PORT_SEND_ONCE, NULL, body);
	return wait_answer(self, s, k, dp, th, wq, port, set, msg, rcv_name, rcv_size, result);
}

/* The call or the reply of a complex message (its body is take_body's to check):
 * their second instance. Other bits: the general path's. */
static __attribute__((noinline, flatten)) enum rpc_fast_result
rpc_body(struct thread *self, struct ipc_space *s, struct ipc_kmsg *k, uint64_t msg,
	 uint32_t rcv_size, mach_port_name_t rcv_name, mach_msg_return_t *result)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits & ~MACH_MSGH_BITS_COMPLEX;
	if (bits == CALL_BITS && k->hdr.msgh_local_port == rcv_name)
		return rpc_call(self, s, k, msg, rcv_size, rcv_name, result, true);
	if (bits == REPLY_BITS && k->hdr.msgh_local_port == MACH_PORT_NULL)
		return rpc_reply(self, s, k, msg, rcv_size, rcv_name, result, true);
	return RPC_FAST_NO;
}

/* The RPC path proper (see the top of the file). RPC_FAST_NO: nothing was changed. */
static inline enum rpc_fast_result rpc_trap(uint64_t msg, uint32_t send_size, uint32_t rcv_size,
					    mach_port_name_t rcv_name, mach_msg_return_t *result)
{
	struct thread *self = current_thread();
	struct ipc_kmsg *k = ipc_kmsg_cache_small;
	_Static_assert(IPC_KMSG_SMALL_BYTES <= COPY_SMALL_MAX, "an RPC copies with one check");
	if (send_size - sizeof(mach_msg_header_t) > IPC_KMSG_SMALL_BYTES - sizeof(mach_msg_header_t) ||
	    (send_size & 7) || !k || self->terminating)
		return RPC_FAST_NO;
	/* Taken before copying into it: a copy that had to wait must not find it reused. */
	ipc_kmsg_cache_small = NULL;
	if (copyin_words_small(msg, &k->hdr, send_size) != 0)
		goto refuse;                   /* the general path reports the bad buffer */
	k->hdr.msgh_size = send_size;
	struct ipc_space *s = self->task->space;      /* a user thread: it trapped */
	enum rpc_fast_result fr = RPC_FAST_NO;
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	if (bits == CALL_BITS && k->hdr.msgh_local_port == rcv_name)
		fr = rpc_call(self, s, k, msg, rcv_size, rcv_name, result, false);
	else if (bits == REPLY_BITS && k->hdr.msgh_local_port == MACH_PORT_NULL)
		fr = rpc_reply(self, s, k, msg, rcv_size, rcv_name, result, false);
	else if (bits & MACH_MSGH_BITS_COMPLEX)
		fr = rpc_body(self, s, k, msg, rcv_size, rcv_name, result);
	if (fr != RPC_FAST_NO)
		return fr;
refuse:
	ipc_kmsg_free(k);
	return RPC_FAST_NO;
}

/* Sent, and woken to look at the queue again: the general receive, with the trap's
 * options (no receive time-out: the RPC path takes no trap with one). Out of line, so
 * that the RPC path keeps the option only in its stack slot. */
static __attribute__((noinline)) mach_msg_return_t receive_again(uint64_t msg,
								 mach_msg_option_t option,
								 uint32_t rcv_size,
								 mach_port_name_t rcv_name)
{
	return (mach_msg_return_t)mach_msg_trap_call(msg, option & ~MACH_SEND_MSG, 0, rcv_size,
						     rcv_name, 0);
}

/* Flattened: the path is one function whatever GCC's inlining budget for this file
 * (every helper it calls is inline in its header; the rare steps are out of line). */
__attribute__((flatten)) uint64_t mach_msg_trap_entry(uint64_t msg, mach_msg_option_t option,
						      uint32_t send_size, uint32_t rcv_size,
						      mach_port_name_t rcv_name)
{
	mach_msg_return_t mr;
	mach_msg_option_t rpc_bits = MACH_SEND_MSG | MACH_RCV_MSG;
	if ((option & (rpc_bits | MACH_RCV_TIMEOUT)) != rpc_bits)
		return MACH_MSG_TRAP_GENERAL;
	/* Only receive_again needs the option: kept in the stack, not in a register the
	 * RPC path could use. */
	__asm__("" : "+m"(option));
	enum rpc_fast_result fr = rpc_trap(msg, send_size, rcv_size, rcv_name, &mr);
	if (__builtin_expect(fr != RPC_FAST_DONE, 0)) {
		if (fr == RPC_FAST_NO)
			return MACH_MSG_TRAP_GENERAL;      /* nothing changed: the table's trap */
		mr = receive_again(msg, option, rcv_size, rcv_name);
	}
	if (__builtin_expect(thread_return_needs_work(), 0)) {
		machine_trap_return_work(mr);
		return MACH_MSG_TRAP_IN_FRAME;
	}
	return mr;
}

mach_msg_return_t ipc_rpc_copyout_put(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k)
{
	mach_msg_return_t cr = ipc_kmsg_copyout(s, k);
	mach_msg_return_t mr = ipc_kmsg_put(msg, k);
	return mr != MACH_MSG_SUCCESS ? mr : cr;
}
