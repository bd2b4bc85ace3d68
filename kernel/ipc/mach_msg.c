/*
 * mach_msg.c — the mach_msg trap: send, receive, or both in one call (the RPC path).
 *
 * Send: wait for room (before anything is taken, so a time-out or an interruption
 * leaves every right where it was), copy in, deliver. Receive: dequeue (or wait), copy
 * the rights out into the receiver's space, copy the message to its buffer. The same
 * user buffer serves both halves, as in GNU Mach.
 *
 * The RPC path: a send that finds its receiver waiting hands it the message (through
 * ipc/fastpath.c when the header is an RPC's, else through delivery), and when the
 * same call then waits for a reply, the CPU goes straight to that receiver.
 */
#include <ipc/fastpath.h>
#include <ipc/rpc_fast.h>
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <kern/copy.h>
#include <kern/ipc_tt.h>
#include <kern/timeout.h>
#include <kern/trap.h>

/* The general send, after ipc_kmsg_get, when the fast path did not apply. *woken: a
 * receiver given the message, in THREAD_HANDOFF (see sched.h), or NULL. Out of line,
 * so the RPC path through mach_msg_trap_call stays short. */
static __attribute__((noinline)) mach_msg_return_t
send_general(struct ipc_space *s, struct ipc_kmsg *k, mach_msg_option_t option,
	     mach_msg_timeout_t timeout, struct thread **woken)
{
	bool timed = option & MACH_SEND_TIMEOUT;
	mach_msg_return_t mr = ipc_mqueue_wait_room(s, k->hdr.msgh_remote_port,
						    MACH_MSGH_BITS_REMOTE(k->hdr.msgh_bits), timed,
						    timed ? ms_to_ticks(timeout) : 0);
	if (mr != MACH_MSG_SUCCESS) {
		ipc_kmsg_free(k);
		return mr;
	}
	mr = ipc_kmsg_copyin(s, k);              /* frees k on error */
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	*woken = ipc_mqueue_deliver_handoff(k);
	return MACH_MSG_SUCCESS;
}

/* The general receive: from the queue, or waiting (handing the CPU to `handoff` if
 * not NULL). */
static __attribute__((noinline)) mach_msg_return_t
receive_general(struct ipc_space *s, uint64_t msg, mach_msg_option_t option, uint32_t rcv_size,
		mach_port_name_t rcv_name, mach_msg_timeout_t timeout, struct thread *handoff,
		struct ipc_kmsg **k)
{
	uint32_t needed = 0;
	bool timed = option & MACH_RCV_TIMEOUT;
	mach_msg_return_t mr = ipc_mqueue_receive(s, rcv_name, rcv_size, option & MACH_RCV_LARGE, timed,
						  timed ? ms_to_ticks(timeout) : 0, handoff, k, &needed);
	/* The size it needs goes where the header's size is (with RCV_LARGE the message
	 * is still queued for a second try). */
	if (mr == MACH_RCV_TOO_LARGE && (option & MACH_RCV_LARGE))
		copyout(&needed, msg + offsetof(mach_msg_header_t, msgh_size), sizeof(needed));
	return mr;
}

uint64_t mach_msg_trap_call(uint64_t msg, mach_msg_option_t option, uint32_t send_size,
			    uint32_t rcv_size, mach_port_name_t rcv_name, mach_msg_timeout_t timeout)
{
	struct ipc_space *s = current_space();
	struct thread *woken = NULL;
	struct ipc_kmsg *k;
	mach_msg_return_t mr;

	if (option & MACH_SEND_MSG) {
		if ((mr = ipc_kmsg_get(msg, send_size, &k)) != MACH_MSG_SUCCESS)
			return mr;
		if (!ipc_fastpath_send(s, k, &woken) &&
		    (mr = send_general(s, k, option, timeout, &woken)) != MACH_MSG_SUCCESS)
			return mr;
	}
	if (!(option & MACH_RCV_MSG)) {
		if (woken)
			thread_setrun(woken);      /* it runs when the sender yields */
		return MACH_MSG_SUCCESS;
	}
	/* The RPC path: take the reply if it is there, else wait and hand the CPU to the
	 * receiver just given the message. */
	bool done = !(option & MACH_RCV_TIMEOUT) &&
		    ipc_fastpath_receive(s, rcv_name, rcv_size, woken, &mr, &k);
	if (!done || (mr == MACH_MSG_SUCCESS && !k))
		mr = receive_general(s, msg, option, rcv_size, rcv_name, timeout,
				     done ? NULL : woken, &k);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	return ipc_rpc_copyout_put(s, msg, k);
}

uint64_t trap_mach_msg(const uint64_t *args)
{
	return mach_msg_trap_call(args[0], (mach_msg_option_t)args[1], (uint32_t)args[2],
				  (uint32_t)args[3], (mach_port_name_t)args[4],
				  (mach_msg_timeout_t)args[5]);
}
