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

#endif
