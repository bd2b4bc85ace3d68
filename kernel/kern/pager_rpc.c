/*
 * pager_rpc.c — the message side of external pagers (vm/pager.h): the memory_object_*
 * routines of mach.defs a pager calls on an object's control port, served through the
 * stubs our mig generates (KERNEL_SERVER), and the kernel's messages to the pager, sent
 * through the stubs it generates from memory_object.defs (KERNEL_USER).
 *
 * References: vm_object_lookup gives each routine a reference on the object, which the
 * routine drops (the control port's type has no MIG destructor, as in GNU Mach). A
 * routine that succeeds owns what the request carried (the out-of-line data, the reply
 * right); one that fails leaves it to be destroyed with the request.
 */
#include <kern/mig_convert.h>
#include "mach_S.h"
#include "memory_object.h"          /* the generated KernelUser stubs */
#include <kern/ipc_mig.h>
#include <ipc/port.h>
#include <ipc/right.h>
#include <vm/object.h>
#include <vm/pager.h>
#include <vm/map_copy.h>
#include <arch/x86_64/layout.h>

vm_object_t vm_object_lookup(ipc_port_t p)
{
	if (!IPC_PORT_VALID(p) || !p->active || p->kotype != IKOT_PAGER)
		return 0;
	struct vm_object *o = p->kobject;
	vm_object_reference(o);
	return (vm_object_t)o;
}

vm_object_t vm_object_lookup_name(ipc_port_t p)
{
	if (!IPC_PORT_VALID(p) || !p->active || p->kotype != IKOT_PAGING_NAME)
		return 0;
	struct vm_object *o = p->kobject;
	vm_object_reference(o);
	return (vm_object_t)o;
}

/* The external object a routine got, or NULL — then the lookup's reference (if any) is
 * dropped here and the routine answers KERN_INVALID_ARGUMENT: not a control port, or
 * one whose object has no pager any more. A non-null result keeps its reference for
 * the routine to drop. */
static struct vm_object *served(vm_object_t o)
{
	struct vm_object *obj = (struct vm_object *)o;
	if (obj && obj->pager)
		return obj;
	if (obj)
		vm_object_deallocate(obj);
	return NULL;
}

kern_return_t memory_object_data_supply(vm_object_t o, vm_offset_t off, vm_offset_t d,
					mach_msg_type_number_t n, vm_prot_t lock, boolean_t precious,
					ipc_port_t reply, mach_msg_type_name_t replyPoly)
{
	struct vm_object *obj = served(o);
	struct vm_map_copy *copy = (struct vm_map_copy *)d;
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	kern_return_t kr = copy ? vm_pager_supply(obj, off, copy, n, lock, precious) :
			   KERN_INVALID_ARGUMENT;
	if (kr == KERN_INVALID_ARGUMENT) {
		vm_object_deallocate(obj);
		return kr;                      /* nothing taken: destroyed with the request */
	}
	if (IPC_PORT_VALID(reply))
		memory_object_supply_completed(reply, replyPoly, vm_pager_control(obj), off, n, kr,
					       off);
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_unavailable(vm_object_t o, vm_offset_t off, vm_size_t s)
{
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	vm_pager_unavailable(obj, off, s);
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_error(vm_object_t o, vm_offset_t off, vm_size_t s, kern_return_t e)
{
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	vm_pager_error(obj, off, s, e);
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

kern_return_t memory_object_lock_request(vm_object_t o, vm_offset_t off, vm_size_t s,
					 memory_object_return_t ret, boolean_t fl, vm_prot_t lock,
					 ipc_port_t reply, mach_msg_type_name_t replyPoly)
{
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	kern_return_t kr = !(lock & ~VM_PROT_ALL) ? vm_pager_lock(obj, off, s, ret, fl, lock) :
			   KERN_INVALID_ARGUMENT;
	if (kr == KERN_SUCCESS && IPC_PORT_VALID(reply))
		memory_object_lock_completed(reply, replyPoly, vm_pager_control(obj), off, s);
	vm_object_deallocate(obj);
	return kr;
}

kern_return_t memory_object_ready(vm_object_t o, boolean_t may_cache,
				  memory_object_copy_strategy_t st)
{
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	vm_pager_set_ready(obj, may_cache, st);
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

kern_return_t memory_object_change_attributes(vm_object_t o, boolean_t may_cache,
					      memory_object_copy_strategy_t st, ipc_port_t reply,
					      mach_msg_type_name_t replyPoly)
{
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	vm_pager_set_ready(obj, may_cache, st);
	if (IPC_PORT_VALID(reply))
		memory_object_change_completed(reply, replyPoly, may_cache, st);
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

kern_return_t memory_object_get_attributes(vm_object_t o, boolean_t *ready, boolean_t *may_cache,
					   memory_object_copy_strategy_t *st)
{
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	bool r, c;
	int strategy;
	vm_pager_get_attributes(obj, &r, &c, &strategy);
	*ready = r;
	*may_cache = c;
	*st = strategy;
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

kern_return_t memory_object_destroy(vm_object_t o, kern_return_t reason)
{
	(void)reason;                   /* the pager hears of it by memory_object_terminate */
	struct vm_object *obj = served(o);
	if (!obj)
		return KERN_INVALID_ARGUMENT;
	vm_pager_destroy(obj);
	vm_object_deallocate(obj);
	return KERN_SUCCESS;
}

/* ---- messages to the pager ---- */

kern_return_t vm_pager_send_init(const struct vm_pager_ports *p)
{
	return memory_object_init(p->memory_object, p->control, p->name, PAGE_SIZE);
}

kern_return_t vm_pager_send_data_request(const struct vm_pager_ports *p, uint64_t offset,
					 vm_prot_t access)
{
	return memory_object_data_request(p->memory_object, p->control, offset, PAGE_SIZE, access);
}

kern_return_t vm_pager_send_data_unlock(const struct vm_pager_ports *p, uint64_t offset,
					vm_prot_t access)
{
	return memory_object_data_unlock(p->memory_object, p->control, offset, PAGE_SIZE, access);
}

kern_return_t vm_pager_send_data_return(const struct vm_pager_ports *p, uint64_t offset,
					struct vm_map_copy *data, uint64_t size, bool dirty)
{
	kern_return_t kr = memory_object_data_return(p->memory_object, p->control, offset,
						     (vm_offset_t)data, size, dirty, FALSE);
	if (kr != KERN_SUCCESS)
		vm_map_copy_discard(data);     /* never got into a message */
	return kr;
}

kern_return_t vm_pager_send_terminate(const struct vm_pager_ports *p)
{
	kern_return_t kr = memory_object_terminate(p->memory_object, p->control, p->name);
	if (kr != KERN_SUCCESS) {
		/* Not sent: the rights it would have carried die here. */
		ipc_port_release_send(p->memory_object);
		ipc_port_destroy(p->control);
		ipc_port_release(p->control);
		ipc_port_destroy(p->name);
		ipc_port_release(p->name);
	}
	return kr;
}
