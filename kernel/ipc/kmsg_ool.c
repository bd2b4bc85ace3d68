/*
 * kmsg_ool.c — out-of-line message items (see kmsg_ool.h).
 */
#include <ipc/kmsg_ool.h>
#include <ipc/right.h>
#include <ipc/port.h>
#include <kern/copy.h>
#include <kern/task.h>
#include <vm/map.h>
#include <vm/map_copy.h>
#include <vm/kmem.h>
#include <arch/x86_64/layout.h>

static bool is_port_type(unsigned name)
{
	return MACH_MSG_TYPE_PORT_ANY(name);
}

/* Out-of-line port arrays hold names of msgt_size bits (32 in GNU MIG's stubs, 64
 * accepted too); the kernel form is always an array of 8-byte port pointers, described
 * as such (msgt_size 64), which is what the kernel's server stubs check for. */
static mach_msg_return_t copyin_port_array(struct ipc_space *s, struct vm_map *m,
					   mach_msg_type_t *type, uint64_t *slot)
{
	uint64_t addr = *slot, n = type->msgt_number, elem = type->msgt_size / 8;
	if (type->msgt_size != 32 && type->msgt_size != 64)
		return MACH_SEND_INVALID_TYPE;
	uint64_t *buf = NULL;
	if (n) {
		if (!(buf = kmem_alloc(n * 8)))
			return MACH_SEND_NO_BUFFER;
		if (copyin(addr, buf, n * elem) != 0) {
			kmem_free(buf, n * 8);
			return MACH_SEND_INVALID_MEMORY;
		}
		if (elem == 4)               /* widen in place, from the top down */
			for (uint64_t i = n; i-- > 0;)
				buf[i] = ((uint32_t *)buf)[i];
	}
	type->msgt_size = 64;
	mach_msg_return_t mr = ipc_kmsg_copyin_ports(s, type, buf);
	if (mr != MACH_MSG_SUCCESS) {
		if (buf)
			kmem_free(buf, n * 8);
		return mr;
	}
	if (type->msgt_deallocate && n)
		vm_map_remove(m, trunc_page(addr), round_page(addr + n * elem));
	*slot = (uint64_t)buf;
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t ipc_ool_copyin(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slot,
				 uint64_t bytes)
{
	struct vm_map *m = current_task()->map;
	if (is_port_type(type->msgt_name))
		return copyin_port_array(s, m, type, slot);
	struct vm_map_copy *copy;
	kern_return_t kr = vm_map_copyin(m, *slot, bytes, type->msgt_deallocate, &copy);
	if (kr == KERN_RESOURCE_SHORTAGE)
		return MACH_SEND_NO_BUFFER;
	if (kr != KERN_SUCCESS)
		return MACH_SEND_INVALID_MEMORY;
	*slot = (uint64_t)copy;
	return MACH_MSG_SUCCESS;
}

/* A port array's rights given names in s, the names in fresh memory (*copy, NULL when
 * there are none). Out-of-line ports always reach user space as 32-bit names
 * (msgt_size 32) whatever width the sender used, as GNU Mach gives them: GNU MIG's
 * stubs accept nothing else, and the kernel's own replies carry pointers (size 64).
 * The memory is had first: without it the rights are destroyed, not left under names
 * the receiver never learns (GNU Mach's rule). The kernel buffer is freed. */
static mach_msg_return_t copyout_port_array(struct ipc_space *s, mach_msg_type_t *type,
					    uint64_t *buf, struct vm_map_copy **copy)
{
	uint64_t n = type->msgt_number;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	type->msgt_size = 32;
	*copy = NULL;
	if (!n || !buf)
		return MACH_MSG_SUCCESS;
	/* Pages for the names (their bytes are all written below, before anyone sees them). */
	*copy = vm_map_copy_from_kernel(buf, n * 4);
	if (!*copy) {
		for (uint64_t i = 0; i < n; i++)
			ipc_right_release_carried((struct ipc_port *)buf[i], type->msgt_name);
		mr = MACH_RCV_BODY_ERROR;
	} else {
		if (!ipc_kmsg_copyout_ports(s, type, buf))
			mr = MACH_RCV_BODY_ERROR;
		for (uint64_t i = 0; i < n; i++)     /* narrow in place, from the bottom up */
			((uint32_t *)buf)[i] = (uint32_t)buf[i];
		vm_map_copy_write(*copy, 0, buf, n * 4);
	}
	kmem_free(buf, n * 8);
	return mr;
}

mach_msg_return_t ipc_ool_copyout(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slot)
{
	struct vm_map_copy *copy = (struct vm_map_copy *)*slot;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	*slot = 0;
	type->msgt_deallocate = TRUE;            /* the memory is the receiver's (GNU Mach) */
	if (is_port_type(type->msgt_name)) {
		mr = copyout_port_array(s, type, (uint64_t *)copy, &copy);
		if (!copy)
			return mr;                   /* none, or no memory for the names */
	} else if (!copy) {
		return MACH_MSG_SUCCESS;         /* an empty array from a kernel reply */
	}
	uint64_t addr;
	if (vm_map_copyout(current_task()->map, &addr, copy) != KERN_SUCCESS) {
		vm_map_copy_discard(copy);
		return MACH_RCV_BODY_ERROR;
	}
	*slot = addr;
	return mr;
}

void ipc_ool_release(mach_msg_type_t *type, uint64_t *slot)
{
	if (!is_port_type(type->msgt_name)) {
		vm_map_copy_discard((struct vm_map_copy *)*slot);
		*slot = 0;
		return;
	}
	struct ipc_port **ports = (struct ipc_port **)*slot;
	uint64_t n = type->msgt_number;
	for (uint64_t i = 0; ports && i < n; i++)
		ipc_right_release_carried(ports[i], type->msgt_name);
	if (ports)
		kmem_free(ports, n * 8);
	*slot = 0;
}
