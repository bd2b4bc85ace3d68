/*
 * ipc_mig.h — what MIG's KernelUser stubs include by this name: the kernel's way to
 * make an RPC itself (exception_raise, notifications to pagers later).
 */
#ifndef KERN_IPC_MIG_H
#define KERN_IPC_MIG_H

#include <mach/message.h>
#include <mach/mach_types.h>
#include <ipc/ipc_port.h>

/* Sends the request in msg (kernel format: port pointers with MIG's dispositions; a null
 * reply port means the current thread's kernel reply port) and waits for the reply,
 * copied back into msg (at most rcv_size bytes). MACH_MSG_SUCCESS, or a send error, or
 * MACH_RCV_INTERRUPTED when the thread is being terminated or aborted. */
mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size,
					   mach_msg_size_t rcv_size);

/* Sends msg (kernel format, as above) without waiting for an answer: the simpleroutines
 * of memory_object.defs. Kernel messages ignore queue limits. MACH_SEND_INVALID_DEST for
 * a dead destination and MACH_SEND_NO_BUFFER: then nothing in msg was consumed;
 * otherwise the message, with its rights and memory, is delivered. */
mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size);

#endif
