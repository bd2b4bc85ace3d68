/*
 * mig_convert.h — the conversion functions the kernel-server stubs call (the intran,
 * outtran and destructor names of our .defs under KERNEL_SERVER), and the types they
 * use. Compiled only in the stub units (with KERNEL defined, so port slots are
 * pointer-sized): there task_t, ipc_space_t ... are <mach/mach_types.h>'s integers and
 * carry kernel pointers; the routines in kern/port_rpc.c and its kin turn them back.
 *
 * References, as in GNU Mach: convert_port_to_task and convert_port_to_thread take a
 * reference on the object, which the stub drops with task_deallocate /
 * thread_deallocate after the routine returns (so a routine may block safely). A
 * routine that does not return (terminating its own task or thread) drops it itself.
 * convert_port_to_space takes none: the mach_port.defs routines never block.
 */
#ifndef KERN_MIG_CONVERT_H
#define KERN_MIG_CONVERT_H

#include <mach/port.h>
#include <mach/mach_types.h>
#include <ipc/ipc_port.h>
#include <kern/task.h>
#include <mach/machine/mach_i386_types.h>

/* The stubs name these with <mach/mach_types.h>'s integer types. */
#define task_deallocate(t) task_deallocate((struct task *)(t))
#define thread_deallocate(t) thread_deallocate((struct thread *)(t))

/* Requests to task ports: the task's name space, or 0 if the task is gone. */
ipc_space_t convert_port_to_space(ipc_port_t port);
static inline void space_deallocate(ipc_space_t space) { (void)space; }

task_t convert_port_to_task(ipc_port_t port);
ipc_port_t convert_task_to_port(task_t task);
thread_t convert_port_to_thread(ipc_port_t port);
ipc_port_t convert_thread_to_port(thread_t thread);

/* Ports passed as they are (polymorphic rights, memory objects), and the 64-bit
 * address conversions <mach/machine/vm_types.h> maps onto it. */
#define null_conversion(x) (x)

/* Address maps (a task port converts to its task's map, referenced) and memory objects
 * (vm/map.h, vm/object.h; the routines are in kern/vm_rpc.c). */
struct vm_map;
struct vm_object;
typedef struct vm_map *vm_map_t;
typedef struct vm_object *vm_object_t;
vm_map_t convert_port_to_map(ipc_port_t port);
void vm_map_deallocate(struct vm_map *map);
vm_object_t vm_object_lookup(ipc_port_t port);
vm_object_t vm_object_lookup_name(ipc_port_t port);
void vm_object_deallocate(struct vm_object *object);

processor_t convert_port_to_processor(ipc_port_t port);
processor_set_t convert_port_to_pset(ipc_port_t port);
processor_set_t convert_port_to_pset_name(ipc_port_t port);
ipc_port_t convert_processor_to_port(processor_t processor);
ipc_port_t convert_pset_to_port(processor_set_t set);
ipc_port_t convert_pset_name_to_port(processor_set_t set);
static inline void pset_deallocate(processor_set_t set) { (void)set; }   /* one static set */

io_perm_t convert_port_to_io_perm(ipc_port_t port);
ipc_port_t convert_io_perm_to_port(io_perm_t perm);
static inline void io_perm_deallocate(io_perm_t perm) { (void)perm; }  /* lives while named */

host_t convert_port_to_host(ipc_port_t port);
host_t convert_port_to_host_priv(ipc_port_t port);
ipc_port_t convert_host_to_port(host_t host);

#endif
