/*
 * fastpath.h — the RPC path's halves (see fastpath.c and docs/ipc.md).
 *
 * ipc_fastpath_send: for a message with no body rights whose header rights are an RPC's,
 * sent to a port whose receiver already waits with a large enough buffer, or to a kernel
 * object. Takes the rights and hands the message to that receiver, returned in *woken
 * in THREAD_HANDOFF, or has the kernel serve it at once (*woken NULL; the reply is then
 * queued on the reply port). false: nothing was changed, and the general path must
 * deliver k.
 *
 * ipc_fastpath_receive: the receive half of the same call. Takes a message already
 * queued on the port `name` if it fits, or, if nothing is queued for the port or set
 * and `next` (the woken receiver) is given, waits and hands the CPU to `next`; then *mr
 * and *out are as ipc_mqueue_wait_ended gives them (a handed-over message, an error, or
 * neither: look at the queue again). false when it does not apply (an invalid name, a
 * set with queued messages, a message too large, a terminating thread, nothing queued
 * and nobody to hand over to): nothing was changed, and the general receive must run.
 * Time-outs are left to the general receive.
 */
#ifndef IPC_FASTPATH_H
#define IPC_FASTPATH_H

#include <ipc/kmsg.h>
#include <ipc/space.h>

bool ipc_fastpath_send(struct ipc_space *s, struct ipc_kmsg *k, struct thread **woken);
bool ipc_fastpath_receive(struct ipc_space *s, mach_port_name_t name, uint32_t rcv_size,
			  struct thread *next, mach_msg_return_t *mr, struct ipc_kmsg **out);

#endif
