/*
 * kmsg_ool.h — out-of-line items of messages (internal to ipc/).
 *
 * In a kernel message an out-of-line item's 8-byte slot holds, instead of the sender's
 * address: for data, a struct vm_map_copy * (vm/map_copy.h: the pages themselves, taken
 * out of the sender's map copy-on-write or moved, never copied byte by byte); for port
 * rights, a kernel buffer (kmem_alloc of msgt_number * 8 bytes) of port pointers in the
 * same layout as an inline port array, holding the rights, described with msgt_size 64
 * (the kernel's server stubs check for that, as GNU Mach's do). Either may be NULL for an
 * empty item (msgt_number 0; GNU Mach's kernel form too), which reaches the receiver as
 * address 0. Kernel routines that return out-of-line data build the same forms
 * (kern/ool_reply.h). The message owns what the slot points to until copyout puts it in
 * the receiver's map (or the message is destroyed). The receiver always gets port
 * arrays as 32-bit names (msgt_size 32), as from GNU Mach.
 */
#ifndef IPC_KMSG_OOL_H
#define IPC_KMSG_OOL_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/message.h>

struct ipc_space;

/* The current task's out-of-line item (bytes long) into kernel form; Mach's codes. */
mach_msg_return_t ipc_ool_copyin(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slot,
				 uint64_t bytes);
/* Into the receiving (current) task's map at a fresh address; MACH_RCV_BODY_ERROR when
 * it does not fit (what it carried is then destroyed and the slot is 0). */
mach_msg_return_t ipc_ool_copyout(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slot);
void ipc_ool_release(mach_msg_type_t *type, uint64_t *slot);

/* Port arrays (kmsg.c), inline or out of line: names to carried rights and back. */
mach_msg_return_t ipc_kmsg_copyin_ports(struct ipc_space *s, mach_msg_type_t *type,
					uint64_t *slots);
bool ipc_kmsg_copyout_ports(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slots);

#endif
