/* kenv.c — the kernel services that KernelServer and KernelUser stubs call, as the
 * harness provides them (declared in kern/kenv.h).
 *
 * An object is its port pointer under another type, so every translation keeps the
 * bits and the implementation sees a value derived only from the message.  Each
 * call is logged: the two generators' stubs must translate and release the same
 * things in the same order, as the kernel's reference counts depend on it. */
#include <string.h>

#include <kern/kenv.h>

#include "wire.h"

static void called(const char *fn, const void *arg, size_t n)
{
	wt_log(WT_CALL, WT_LOCAL, fn, arg, n);
}

/* A translation that keeps the value: intran and outtran of objects. */
#define XLATE(ret, fn, arg)				\
	ret fn(arg x)					\
	{						\
		ret r;					\
		_Static_assert(sizeof r == sizeof x, #fn);	\
		called(#fn, &x, sizeof x);		\
		memcpy(&r, &x, sizeof r);		\
		return r;				\
	}
/* A destructor: only logged. */
#define RELEASE(fn, arg)				\
	void fn(arg x)					\
	{						\
		called(#fn, &x, sizeof x);		\
	}

XLATE(task_t, convert_port_to_task, ipc_port_t)
XLATE(thread_t, convert_port_to_thread, ipc_port_t)
XLATE(vm_map_t, convert_port_to_map, ipc_port_t)
XLATE(ipc_space_t, convert_port_to_space, ipc_port_t)
XLATE(host_t, convert_port_to_host, ipc_port_t)
XLATE(host_t, convert_port_to_host_priv, ipc_port_t)
XLATE(processor_t, convert_port_to_processor, ipc_port_t)
XLATE(processor_set_t, convert_port_to_pset, ipc_port_t)
XLATE(processor_set_t, convert_port_to_pset_name, ipc_port_t)
XLATE(vm_object_t, vm_object_lookup, ipc_port_t)
XLATE(vm_object_t, vm_object_lookup_name, ipc_port_t)
XLATE(device_t, dev_port_lookup, ipc_port_t)
XLATE(io_perm_t, convert_port_to_io_perm, ipc_port_t)
XLATE(ipc_port_t, convert_task_to_port, task_t)
XLATE(ipc_port_t, convert_thread_to_port, thread_t)
XLATE(ipc_port_t, convert_host_to_port, host_t)
XLATE(ipc_port_t, convert_processor_to_port, processor_t)
XLATE(ipc_port_t, convert_pset_to_port, processor_set_t)
XLATE(ipc_port_t, convert_pset_name_to_port, processor_set_t)
XLATE(ipc_port_t, convert_device_to_port, device_t)
XLATE(ipc_port_t, convert_io_perm_to_port, io_perm_t)
RELEASE(task_deallocate, task_t)
RELEASE(thread_deallocate, thread_t)
RELEASE(vm_map_deallocate, vm_map_t)
RELEASE(space_deallocate, ipc_space_t)
RELEASE(pset_deallocate, processor_set_t)
RELEASE(vm_object_deallocate, vm_object_t)
RELEASE(device_deallocate, device_t)
RELEASE(io_perm_deallocate, io_perm_t)
RELEASE(ipc_port_release_send, ipc_port_t)

/* Never circular: the harness has no port graph.  The call is what is compared. */
boolean_t ipc_port_check_circularity(ipc_port_t port, ipc_port_t dest)
{
	ipc_port_t both[2] = { port, dest };
	called("ipc_port_check_circularity", both, sizeof both);
	return FALSE;
}
