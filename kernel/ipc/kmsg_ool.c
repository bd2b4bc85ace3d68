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
 * accepted too); the kernel form is always an array of 8-byte port pointers. */
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
	unsigned size = type->msgt_size;
	type->msgt_size = 64;
	mach_msg_return_t mr = ipc_kmsg_copyin_ports(s, type, buf);
	type->msgt_size = size;
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

mach_msg_return_t ipc_ool_copyout(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slot)
{
	struct vm_map *m = current_task()->map;
	struct vm_map_copy *copy;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	if (is_port_type(type->msgt_name)) {
		uint64_t *buf = (uint64_t *)*slot, n = type->msgt_number;
		uint64_t elem = type->msgt_size == 32 ? 4 : 8;
		if (!n) {
			*slot = 0;
			return MACH_MSG_SUCCESS;
		}
		if (!ipc_kmsg_copyout_ports(s, type, buf))
			mr = MACH_RCV_BODY_ERROR;
		if (elem == 4)               /* narrow in place, from the bottom up */
			for (uint64_t i = 0; i < n; i++)
				((uint32_t *)buf)[i] = (uint32_t)buf[i];
		copy = vm_map_copy_from_kernel(buf, n * elem);
		kmem_free(buf, n * 8);
		if (!copy) {
			*slot = 0;
			return MACH_RCV_BODY_ERROR;
		}
	} else {
		copy = (struct vm_map_copy *)*slot;
	}
	uint64_t addr;
	if (vm_map_copyout(m, &addr, copy) != KERN_SUCCESS) {
		vm_map_copy_discard(copy);
		*slot = 0;
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
