/*
 * fastpath.h — the RPC fast path's send half.
 *
 * mach_msg's send half tries ipc_fastpath_send first. It succeeds for a message with no
 * body rights whose header rights are an RPC's (see fastpath.c) when a thread is
 * already waiting to receive from the destination with a large enough buffer: the
 * rights are taken and the message handed straight to that thread, which is returned
 * in THREAD_HANDOFF. mach_msg's receive half then gives it the CPU directly when the
 * sender waits for its reply (ipc_mqueue_receive's `handoff`), so a round trip
 * involves no run queue, no message queue, and one copy of the message each way
 * (sender to kernel buffer, kernel buffer to receiver).
 *
 * NULL: nothing was changed, and the general path must deliver k.
 */
#ifndef IPC_FASTPATH_H
#define IPC_FASTPATH_H

#include <ipc/kmsg.h>
#include <ipc/space.h>

struct thread *ipc_fastpath_send(struct ipc_space *s, struct ipc_kmsg *k);

/* The receive half when the send half woke `next` (THREAD_HANDOFF) and nothing is
 * queued for the port or set `name`, with no time-out: waits and hands the CPU to
 * `next`, then returns true with *mr and *out as ipc_mqueue_wait_ended gives them (a
 * handed-over message, an error, or neither: look at the queue again). false when it
 * does not apply (an invalid name, something queued, a terminating thread): nothing
 * was changed, and the general receive must run. */
bool ipc_fastpath_wait(struct ipc_space *s, mach_port_name_t name, uint32_t rcv_size,
		       struct thread *next, mach_msg_return_t *mr, struct ipc_kmsg **out);

#endif
