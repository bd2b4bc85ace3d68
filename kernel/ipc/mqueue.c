/*
 * mqueue.c — port message queues (see mqueue.h).
 *
 * A thread receiving on a port waits on the port's `receivers`; one receiving on a set
 * waits on the set's. Delivery to a port with a waiter (its own, or else its set's)
 * whose buffer is large enough hands the message straight to that thread
 * (thread->ipc_kmsg, with its sequence number) and wakes it: the message is never
 * queued. Otherwise the message is queued and one waiter woken, which dequeues it
 * itself (or finds it too large). Either way a message is never lost between threads.
 * Set members are served round-robin: the port a message was taken from moves to the
 * back of the set.
 */
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <kern/machine.h>
#include <kern/panic.h>

static struct thread *deliver(struct ipc_kmsg *k)
{
	struct ipc_port *p = kmsg_dest(k);
	if (!IPC_PORT_VALID(p) || !p->active) {
		ipc_kmsg_destroy(k);
		return NULL;
	}
	if (p->kotype != IKOT_NONE && p->receiver == NULL) {
		ipc_kobject_server(k);
		return NULL;
	}
	struct thread *th = ipc_mqueue_waiting_receiver(p);
	if (th && p->msgcount == 0 && k->hdr.msgh_size <= th->ipc_rcv_size) {
		ipc_mqueue_hand_over(p, k, th);
		return th;
	}
	list_insert_tail(&p->messages, &k->link);
	p->msgcount++;
	if (p->pset)
		p->pset->msgcount++;
	if (th)
		thread_wakeup(th, THREAD_AWAKENED);
	return NULL;
}

void ipc_mqueue_deliver(struct ipc_kmsg *k)
{
	struct thread *th = deliver(k);
	if (th)
		thread_setrun(th);
}

struct thread *ipc_mqueue_deliver_handoff(struct ipc_kmsg *k)
{
	return deliver(k);
}

mach_msg_return_t ipc_mqueue_wait_room(struct ipc_space *s, mach_port_name_t dest,
				       mach_msg_type_name_t disposition, bool timed,
				       uint64_t ticks)
{
	/* Send-once rights are never held back by the queue limit (a reply must get
	 * through), nor are messages to the kernel. */
	if (disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE || disposition == MACH_MSG_TYPE_MAKE_SEND_ONCE)
		return MACH_MSG_SUCCESS;
	for (;;) {
		struct ipc_entry *e = ipc_entry_lookup(s, dest);
		if (!e)
			return MACH_MSG_SUCCESS;          /* copyin will say what is wrong */
		ipc_right_check(s, dest, e);
		if (!(e->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)))
			return MACH_MSG_SUCCESS;
		struct ipc_port *p = (struct ipc_port *)e->object;
		if (!p->active || p->msgcount < p->qlimit || (p->kotype != IKOT_NONE && !p->receiver))
			return MACH_MSG_SUCCESS;
		if (timed && ticks == 0)
			return MACH_SEND_TIMED_OUT;
		/* A later pass waits only for what is left of the time-out. */
		uint64_t start = machine_ticks();
		ipc_port_reference(p);
		int r = waitq_sleep(&p->senders, timed ? ticks : 0, true);
		ipc_port_release(p);
		uint64_t spent = machine_ticks() - start;
		ticks = spent >= ticks ? 0 : ticks - spent;
		if (r == THREAD_TIMED_OUT)
			return MACH_SEND_TIMED_OUT;
		if (r == THREAD_INTERRUPTED)
			return MACH_SEND_INTERRUPTED;
	}
}

static struct ipc_kmsg *peek(struct ipc_port *p)
{
	struct list *first = list_first(&p->messages);
	return first ? list_entry(first, struct ipc_kmsg, link) : NULL;
}

void ipc_mqueue_dequeue(struct ipc_port *p, struct ipc_kmsg *k)
{
	list_remove(&k->link);
	p->msgcount--;
	if (p->pset)
		p->pset->msgcount--;
	k->hdr.msgh_seqno = p->seqno++;
	if (p->msgcount < p->qlimit)
		waitq_wakeup_one(&p->senders, THREAD_AWAKENED);
}

/* The set member whose first message is next in turn, or NULL. */
static struct ipc_port *pset_ready(struct ipc_pset *set)
{
	if (!set->msgcount)
		return NULL;
	struct list *pos;
	list_for_each(pos, &set->members) {
		struct ipc_port *p = list_entry(pos, struct ipc_port, pset_link);
		if (p->msgcount)
			return p;
	}
	return NULL;
}

mach_msg_return_t ipc_mqueue_wait_ended(struct ipc_space *s, mach_port_name_t name,
					struct ipc_port *port, struct ipc_pset *set, int r,
					struct ipc_kmsg **out)
{
	struct thread *self = current_thread();
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	*out = self->ipc_kmsg;
	self->ipc_rcv_size = 0;
	/* A message handed over is ours whatever happened since. */
	if (*out)
		self->ipc_kmsg = NULL;
	else if (r == THREAD_TIMED_OUT)
		mr = MACH_RCV_TIMED_OUT;
	else if (r == THREAD_INTERRUPTED)
		mr = MACH_RCV_INTERRUPTED;
	else if (port && !port->active)
		mr = MACH_RCV_PORT_DIED;
	else if (port && (port->receiver != s || port->receiver_name != name))
		mr = MACH_RCV_PORT_CHANGED;
	else if (port && port->pset)
		mr = MACH_RCV_IN_SET;
	else if (set && !set->active)
		mr = MACH_RCV_PORT_DIED;
	if (port)
		ipc_port_release(port);
	else
		ipc_pset_release(set);
	return mr;
}

static mach_msg_return_t receive(struct ipc_space *s, mach_port_name_t name, uint32_t rcv_size,
				 bool large, bool timed, uint64_t ticks, struct thread **handoff,
				 struct ipc_kmsg **out, uint32_t *needed)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return MACH_RCV_INVALID_NAME;
	struct ipc_port *port = NULL;
	struct ipc_pset *set = NULL;
	if (e->type & MACH_PORT_TYPE_RECEIVE) {
		port = (struct ipc_port *)e->object;
		if (port->pset)
			return MACH_RCV_IN_SET;
	} else if (e->type & MACH_PORT_TYPE_PORT_SET) {
		set = (struct ipc_pset *)e->object;
	} else {
		return MACH_RCV_INVALID_NAME;
	}

	uint64_t deadline = timed ? machine_ticks() + ticks : 0;
	struct thread *self = current_thread();
	for (;;) {
		struct ipc_port *from = port ? port : pset_ready(set);
		struct ipc_kmsg *k = from ? peek(from) : NULL;
		if (k) {
			if (k->hdr.msgh_size > rcv_size) {
				*needed = k->hdr.msgh_size;
				if (!large) {
					ipc_mqueue_dequeue(from, k);
					ipc_kmsg_destroy(k);
				}
				return MACH_RCV_TOO_LARGE;
			}
			ipc_mqueue_dequeue(from, k);
			if (set) {
				list_remove(&from->pset_link);
				list_insert_tail(&set->members, &from->pset_link);
			}
			*out = k;
			return MACH_MSG_SUCCESS;
		}
		uint64_t now = timed ? machine_ticks() : 0;
		if (timed && now >= deadline)
			return MACH_RCV_TIMED_OUT;
		/* The right may die while we sleep: hold the object so we can look. */
		if (port)
			ipc_port_reference(port);
		else
			ipc_pset_reference(set);
		self->ipc_rcv_size = rcv_size;
		struct thread *next = *handoff;
		*handoff = NULL;
		int r = waitq_sleep_handoff(port ? &port->receivers : &set->receivers,
					    timed ? deadline - now : 0, true, next);
		struct ipc_kmsg *given;
		mach_msg_return_t mr = ipc_mqueue_wait_ended(s, name, port, set, r, &given);
		if (mr != MACH_MSG_SUCCESS || given) {
			*out = given;
			return mr;
		}
	}
}

mach_msg_return_t ipc_mqueue_receive(struct ipc_space *s, mach_port_name_t name,
				     uint32_t rcv_size, bool large, bool timed, uint64_t ticks,
				     struct thread *handoff, struct ipc_kmsg **out, uint32_t *needed)
{
	mach_msg_return_t mr = receive(s, name, rcv_size, large, timed, ticks, &handoff, out, needed);
	/* It did not block (or not before an error): the thread the send half woke runs
	 * from the run queue instead. */
	if (handoff)
		thread_setrun(handoff);
	return mr;
}
