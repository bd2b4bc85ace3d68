/*
 * rpc_fast.h — one mach_msg trap of an RPC (send, then receive, in one call) done in a
 * single pass when both halves are the common case; see rpc_fast.c and docs/ipc.md.
 *
 * The trap's entry, mach_msg_trap_entry, is declared in kern/trap.h.
 */
#ifndef IPC_RPC_FAST_H
#define IPC_RPC_FAST_H

#include <ipc/kmsg.h>
#include <ipc/space.h>

/* What the RPC path did (rpc_fast.c): nothing (the general trap runs), the whole trap,
 * or the send with a wait that ended with nothing handed over and no error (woken to
 * look at the queue again: the general receive follows). */
enum rpc_fast_result { RPC_FAST_NO, RPC_FAST_DONE, RPC_FAST_RECEIVE };

/* The receive's last step on every path: rights to names in s, then the bytes to the
 * user buffer at msg; the kmsg is freed. What mach_msg returns. */
mach_msg_return_t ipc_rpc_copyout_put(struct ipc_space *s, uint64_t msg, struct ipc_kmsg *k);

#endif
