/*
 * exception.c — exception messages (see exception.h) and the kernel's own RPC helper.
 *
 * The request is built by the stub our mig generates from exc.defs with KERNEL_USER
 * (kernel/kserver/excUser.c) and sent with mach_msg_rpc_from_kernel. The reply comes to
 * a per-thread kernel reply port (created on first use, receive right held by the
 * kernel). The faulting thread waits interruptibly: terminating it (or its task) ends
 * the wait. If the handler dies, the request's send-once right is destroyed and its
 * send-once notification arrives instead of a reply: the stub reports MIG_SERVER_DIED.
 */
#include <kern/exception.h>
#include <kern/ipc_mig.h>
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <ipc/kmsg.h>
#include <ipc/mqueue.h>
#include <ipc/right.h>

#include "exc.h"          /* the generated KernelUser stub's header */

static struct ipc_port *kernel_reply_port(struct thread *th)
{
	if (!th->kernel_reply)
		th->kernel_reply = ipc_port_alloc();
	return th->kernel_reply;
}

/* A right the kernel supplies, carried as MIG's disposition says. Kernel-object ports
 * (self ports) get a fresh send right: the kernel holds their receive right. */
static struct ipc_port *kernel_right(struct ipc_port *p, mach_msg_type_name_t disp,
				     mach_msg_type_name_t *kind)
{
	switch (disp) {
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		*kind = MACH_MSG_TYPE_PORT_SEND_ONCE;
		ipc_port_make_send_once(p);
		return p;
	case MACH_MSG_TYPE_MAKE_SEND:
		*kind = MACH_MSG_TYPE_PORT_SEND;
		ipc_port_make_send(p);
		return p;
	case MACH_MSG_TYPE_COPY_SEND:
		*kind = MACH_MSG_TYPE_PORT_SEND;
		if (p->kotype != IKOT_NONE && p->srights == 0)
			ipc_port_make_send(p);
		else
			ipc_port_copy_send(p);
		return p;
	default:                          /* MOVE_*: the caller's own right */
		*kind = disp == MACH_MSG_TYPE_MOVE_SEND_ONCE ? MACH_MSG_TYPE_PORT_SEND_ONCE :
			disp == MACH_MSG_TYPE_MOVE_RECEIVE ? MACH_MSG_TYPE_PORT_RECEIVE :
			MACH_MSG_TYPE_PORT_SEND;
		return p;
	}
}

static void copyin_from_kernel(struct ipc_kmsg *k, struct ipc_port *reply_port)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_type_name_t dk, rk = 0;
	struct ipc_port *dest = kernel_right((struct ipc_port *)h->msgh_remote_port_do_not_use,
					     MACH_MSGH_BITS_REMOTE(h->msgh_bits), &dk);
	struct ipc_port *reply = NULL;
	if (MACH_MSGH_BITS_LOCAL(h->msgh_bits))
		reply = kernel_right(reply_port, MACH_MSGH_BITS_LOCAL(h->msgh_bits), &rk);
	h->msgh_bits = (h->msgh_bits & ~MACH_MSGH_BITS_PORTS_MASK) | MACH_MSGH_BITS(dk, rk);
	kmsg_set_dest(k, dest);
	kmsg_set_reply(k, reply);
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return;
	uint8_t *p = (uint8_t *)(h + 1), *end = (uint8_t *)h + h->msgh_size;
	while (p + sizeof(mach_msg_type_t) <= end) {
		mach_msg_type_t *t = (mach_msg_type_t *)p;
		uint64_t bytes = ((uint64_t)t->msgt_size * t->msgt_number + 7) / 8;
		p += sizeof(*t);
		if (MACH_MSG_TYPE_PORT_ANY(t->msgt_name) && t->msgt_inline) {
			mach_msg_type_name_t kind = 0;
			uint64_t *slots = (uint64_t *)p;
			for (uint32_t i = 0; i < t->msgt_number; i++)
				if (IPC_PORT_VALID((struct ipc_port *)slots[i]))
					slots[i] = (uint64_t)kernel_right((struct ipc_port *)slots[i],
									  t->msgt_name, &kind);
			if (kind)
				t->msgt_name = kind;
		}
		p += t->msgt_inline ? (bytes + 7) & ~7ull : 8;
	}
}

/* The kernel's message in msg, in a kmsg with its rights taken, delivered; or
 * MACH_SEND_NO_BUFFER with nothing taken. */
static mach_msg_return_t deliver_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size,
					     struct ipc_port *reply_port)
{
	struct ipc_kmsg *k = ipc_kmsg_alloc(send_size);
	if (!k)
		return MACH_SEND_NO_BUFFER;
	memcpy(&k->hdr, msg, send_size);
	k->hdr.msgh_size = send_size;
	copyin_from_kernel(k, reply_port);
	ipc_mqueue_deliver(k);
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size)
{
	struct ipc_port *dest = (struct ipc_port *)msg->msgh_remote_port_do_not_use;
	if (!IPC_PORT_VALID(dest) || !dest->active)
		return MACH_SEND_INVALID_DEST;
	return deliver_from_kernel(msg, send_size, NULL);
}

mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size,
					   mach_msg_size_t rcv_size)
{
	struct thread *th = current_thread();
	struct ipc_port *reply = kernel_reply_port(th);
	if (!reply || deliver_from_kernel(msg, send_size, reply) != MACH_MSG_SUCCESS)
		return MACH_SEND_NO_BUFFER;

	for (;;) {
		struct list *first = list_first(&reply->messages);
		if (first) {
			struct ipc_kmsg *r = list_entry(first, struct ipc_kmsg, link);
			list_remove(&r->link);
			reply->msgcount--;              /* the kernel reply port is in no set */
			/* The reply's own send-once right (to our port) is used up; an
			 * exception reply carries no other right. */
			mach_msg_bits_t bits = r->hdr.msgh_bits;
			if (MACH_MSGH_BITS_REMOTE(bits) == MACH_MSG_TYPE_PORT_SEND_ONCE)
				ipc_port_release_send_once(kmsg_dest(r));
			else
				ipc_right_release_carried(kmsg_dest(r), MACH_MSGH_BITS_REMOTE(bits));
			kmsg_set_dest(r, NULL);
			r->hdr.msgh_bits &= ~MACH_MSGH_BITS_REMOTE_MASK;
			uint32_t n = r->hdr.msgh_size < rcv_size ? r->hdr.msgh_size : rcv_size;
			memcpy(msg, &r->hdr, n);
			msg->msgh_size = n;
			ipc_kmsg_destroy(r);            /* whatever else it carried */
			return MACH_MSG_SUCCESS;
		}
		th->ipc_rcv_size = 0;           /* take replies from the queue, not by hand */
		if (waitq_sleep(&reply->receivers, 0, true) == THREAD_INTERRUPTED)
			return MACH_RCV_INTERRUPTED;
	}
}

bool exception_deliver(int exception, int code, int64_t subcode)
{
	struct thread *th = current_thread();
	struct task *t = th->task;
	struct ipc_port *handlers[2] = { th->exception_port, t->exception_port };
	for (int i = 0; i < 2; i++) {
		struct ipc_port *port = handlers[i];
		if (!IPC_PORT_VALID(port) || !port->active)
			continue;
		ipc_port_reference(port);
		kern_return_t kr = exception_raise(port, th->self_port, t->self_port, exception, code,
						   subcode);
		ipc_port_release(port);
		if (kr == KERN_SUCCESS)
			return true;
		if (th->terminating || t->terminating)
			return true;                  /* it dies on its way out */
	}
	return false;
}
