/*
 * mqueue.h — message queues of ports: delivery, receiving (from a port or a port set),
 * and the queue limit that makes senders wait.
 */
#ifndef IPC_MQUEUE_H
#define IPC_MQUEUE_H

#include <ipc/kmsg.h>
#include <ipc/space.h>
#include <kern/sched.h>

/* Delivers a copied-in kmsg to its destination: handed to a waiting receiver (which is
 * woken), or queued (and a receiver woken), or handed to the kernel if the port is a
 * kernel object's, or destroyed if the port is dead. Ignores the queue limit (callers
 * wait for room first, see ipc_mqueue_wait_room). */
void ipc_mqueue_deliver(struct ipc_kmsg *k);
/* The same, but a receiver given the message is left in THREAD_HANDOFF and returned,
 * for the caller to run next (thread_wakeup_handoff's rules); else NULL. */
struct thread *ipc_mqueue_deliver_handoff(struct ipc_kmsg *k);
/* Hands k straight to th, a receiver waiting on p (or on its set) whose buffer takes it,
 * with p's next sequence number; th is left in THREAD_HANDOFF. For the fast path,
 * which has checked all that. */
/* A thread about to give the CPU away in an RPC and wait for the answer on `port` (or
 * `set`, when port is NULL) through wq: the reference keeps the port or set while it
 * waits, as in the general receive (dropped when the wait ends); the buffer size
 * says how large a message may be handed to it. The caller then hands off. */
static inline __attribute__((always_inline)) void
ipc_mqueue_prepare_rpc_wait(struct thread *self, struct ipc_port *port, struct ipc_pset *set,
			    struct waitq *wq, uint32_t rcv_size)
{
	if (port)
		ipc_port_reference(port);
	else
		ipc_pset_reference(set);
	self->ipc_rcv_size = rcv_size;
	waitq_prepare_wait(self, wq, true);
}

/* The thread that takes the next message for p: the first waiter on p, else on its
 * set; NULL if none waits. */
static inline struct thread *ipc_mqueue_waiting_receiver(struct ipc_port *p)
{
	struct list *first = list_first(&p->receivers.waiters);
	if (!first && p->pset)
		first = list_first(&p->pset->receivers.waiters);
	return first ? list_entry(first, struct thread, sched_link) : NULL;
}

static inline void ipc_mqueue_hand_over(struct ipc_port *p, struct ipc_kmsg *k, struct thread *th)
{
	k->hdr.msgh_seqno = p->seqno++;
	th->ipc_kmsg = k;
	thread_wakeup_handoff_queued(th, THREAD_AWAKENED);   /* it waits on p or its set */
}

/* Before copyin: waits while the port named `dest` in s is full. MACH_MSG_SUCCESS, or
 * MACH_SEND_TIMED_OUT / MACH_SEND_INTERRUPTED. `ticks` 0 with `timed` means do not
 * wait at all. Rights are untouched either way. */
mach_msg_return_t ipc_mqueue_wait_room(struct ipc_space *s, mach_port_name_t dest,
				       mach_msg_type_name_t disposition, bool timed,
				       uint64_t ticks);

/* Takes k, the first message queued on p, off the queue with p's next sequence number
 * (a sender waiting for room is woken). */
void ipc_mqueue_dequeue(struct ipc_port *p, struct ipc_kmsg *k);

/* Receives from the port or port set named `name` in s. On MACH_MSG_SUCCESS *out is
 * the dequeued kmsg (with its seqno in the header). `handoff` (or NULL) is a thread in
 * THREAD_HANDOFF that runs next: given the CPU if this receive waits, else made
 * runnable. MACH_RCV_TOO_LARGE: *needed is the
 * size; the message stays queued if `large`, else it is destroyed. Other results:
 * MACH_RCV_INVALID_NAME, MACH_RCV_IN_SET, MACH_RCV_TIMED_OUT, MACH_RCV_INTERRUPTED,
 * MACH_RCV_PORT_DIED, MACH_RCV_PORT_CHANGED. */
mach_msg_return_t ipc_mqueue_receive(struct ipc_space *s, mach_port_name_t name,
				     uint32_t rcv_size, bool large, bool timed, uint64_t ticks,
				     struct thread *handoff, struct ipc_kmsg **out, uint32_t *needed);

/* How a receiver's wait on `port` (or `set`), named `name` in s, ended (r: the wait's
 * result); the caller took a reference to the object before waiting, dropped here.
 * MACH_MSG_SUCCESS with *out set: a message was handed over. MACH_MSG_SUCCESS with *out
 * NULL: look at the queue again. Otherwise the receive's error. */
mach_msg_return_t ipc_mqueue_wait_ended(struct ipc_space *s, mach_port_name_t name,
					struct ipc_port *port, struct ipc_pset *set, int r,
					struct ipc_kmsg **out);

/* Kernel-object messages are served here (kern/ipc_kobject.c): ipc_kobject_server
 * delivers the reply; ipc_kobject_serve returns it instead (NULL when there is none to
 * deliver), for the RPC path to give it straight to the caller. */
void ipc_kobject_server(struct ipc_kmsg *request);
struct ipc_kmsg *ipc_kobject_serve(struct ipc_kmsg *request);

#endif
