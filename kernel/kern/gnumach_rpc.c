/*
 * gnumach_rpc.c — the routines of gnumach.defs other than gsync (kern/gsync.c):
 * names for tasks and threads, essential tasks. The VM routines of this interface
 * (vm_cache_statistics, vm_msync, vm_object_sync,
 * thread_terminate_release's stack release) answer MIG_BAD_ID until the rest of the VM
 * issue (vm_wire_all, vm_allocate_contiguous and vm_pages_phys are in vm_rpc.c), as does register_new_task_notification (its messages
 * need task_notify.defs in the kernel).
 */
#include <kern/mig_convert.h>
#include <kern/task.h>
#include <kern/string.h>
#include <mach/mig_errors.h>
#include "gnumach_S.h"

kern_return_t task_set_name(task_t task, const_kernel_debug_name_t name)
{
	struct task *t = (struct task *)task;
	if (!t)
		return KERN_INVALID_ARGUMENT;
	strlcpy(t->name, name, sizeof(t->name));
	return KERN_SUCCESS;
}

kern_return_t thread_set_name(thread_t thread, const_kernel_debug_name_t name)
{
	struct thread *th = (struct thread *)thread;
	if (!th)
		return KERN_INVALID_ARGUMENT;
	strlcpy(th->name, name, sizeof(th->name));
	return KERN_SUCCESS;
}

kern_return_t thread_get_name(thread_t thread, kernel_debug_name_t name)
{
	struct thread *th = (struct thread *)thread;
	if (!th)
		return KERN_INVALID_ARGUMENT;
	strlcpy(name, th->name, sizeof(kernel_debug_name_t));
	return KERN_SUCCESS;
}

kern_return_t task_set_essential(task_t task, boolean_t essential)
{
	struct task *t = (struct task *)task;
	if (!t)
		return KERN_INVALID_ARGUMENT;
	t->essential = essential != 0;
	return KERN_SUCCESS;
}

kern_return_t register_new_task_notification(host_t host_priv, ipc_port_t notification)
{
	(void)notification;
	return host_priv ? MIG_BAD_ID : KERN_INVALID_HOST;
}

kern_return_t thread_terminate_release(thread_t thread, task_t task, mach_port_name_t thread_name,
				       mach_port_name_t reply_port, vm_address_t address, vm_size_t size)
{
	(void)thread; (void)task; (void)thread_name; (void)reply_port; (void)address; (void)size;
	return MIG_BAD_ID;
}

kern_return_t vm_cache_statistics(vm_map_t map, vm_cache_statistics_data_t *stats)
{ (void)map; (void)stats; return MIG_BAD_ID; }
kern_return_t vm_object_sync(vm_object_t o, vm_offset_t off, vm_size_t s, boolean_t flush,
			     boolean_t ret, boolean_t iosync)
{ (void)o; (void)off; (void)s; (void)flush; (void)ret; (void)iosync; return MIG_BAD_ID; }
kern_return_t vm_msync(vm_map_t map, vm_address_t a, vm_size_t s, vm_sync_t flags)
{ (void)map; (void)a; (void)s; (void)flags; return MIG_BAD_ID; }
