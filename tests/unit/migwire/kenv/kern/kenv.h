/* kern/kenv.h — the harness's stand-in for the GNU Mach kernel headers that stubs
 * generated for the kernel include (KernelServer stubs made with -DKERNEL_SERVER,
 * KernelUser stubs made with -DKERNEL_USER; both compiled with KERNEL and
 * MACH_KERNEL defined, as GNU Mach compiles them).  Each such kernel header is a
 * one-line file here that includes this one.
 *
 * Kernel objects are opaque pointers.  The translation functions named by the
 * reference mach_types.defs, device_types.defs, machine_types.defs and mach_i386.defs
 * (intran, outtran, destructor) are defined in kenv.c: an object is its port pointer
 * under another type, a value conversion keeps the value, and every call is logged,
 * so the two generators' stubs must make the same calls in the same order. */
#ifndef MIGWIRE_KENV_H
#define MIGWIRE_KENV_H

#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/machine/mach_i386_types.h>
#include <ipc/ipc_types.h>
/* The kernel offers stubs the mig_* helpers too (mig_strncpy...). */
#include <mach/mig_support.h>

typedef struct host *host_t;
typedef struct vm_map *vm_map_t;
typedef struct vm_object *vm_object_t;
typedef struct device *device_t;
typedef struct io_perm *io_perm_t;
typedef unsigned short io_port_t;

/* Arrays of ports stay arrays of port pointers in the kernel: MIG does not
 * translate array elements. */
typedef mach_port_t *task_array_t;
typedef mach_port_t *thread_array_t;
typedef mach_port_t *processor_array_t;
typedef mach_port_t *processor_set_array_t;
typedef mach_port_t *processor_set_name_array_t;
typedef vm_offset_t *emulation_vector_t;

/* Objects to and from ports. */
task_t convert_port_to_task(ipc_port_t);
thread_t convert_port_to_thread(ipc_port_t);
vm_map_t convert_port_to_map(ipc_port_t);
ipc_space_t convert_port_to_space(ipc_port_t);
host_t convert_port_to_host(ipc_port_t);
host_t convert_port_to_host_priv(ipc_port_t);
processor_t convert_port_to_processor(ipc_port_t);
processor_set_t convert_port_to_pset(ipc_port_t);
processor_set_t convert_port_to_pset_name(ipc_port_t);
vm_object_t vm_object_lookup(ipc_port_t);
vm_object_t vm_object_lookup_name(ipc_port_t);
device_t dev_port_lookup(ipc_port_t);
io_perm_t convert_port_to_io_perm(ipc_port_t);
ipc_port_t convert_task_to_port(task_t);
ipc_port_t convert_thread_to_port(thread_t);
ipc_port_t convert_host_to_port(host_t);
ipc_port_t convert_processor_to_port(processor_t);
ipc_port_t convert_pset_to_port(processor_set_t);
ipc_port_t convert_pset_name_to_port(processor_set_t);
ipc_port_t convert_device_to_port(device_t);
ipc_port_t convert_io_perm_to_port(io_perm_t);
void task_deallocate(task_t);
void thread_deallocate(thread_t);
void vm_map_deallocate(vm_map_t);
void space_deallocate(ipc_space_t);
void pset_deallocate(processor_set_t);
void vm_object_deallocate(vm_object_t);
void device_deallocate(device_t);
void io_perm_deallocate(io_perm_t);

/* Ports the kernel stubs release. */
#define IP_DEAD ((ipc_port_t) ~0ul)
#define IP_VALID(p) ((p) != IP_NULL && (p) != IP_DEAD)
void ipc_port_release_send(ipc_port_t);
boolean_t ipc_port_check_circularity(ipc_port_t, ipc_port_t);

/* Values between the user's and the kernel's representation: the reference
 * <mach/machine/vm_types.h> and <mach/time_value.h> define them in terms of this
 * one (for x86_64 without USER32 they keep the value). */
#define null_conversion(x) (x)

/* What KernelUser stubs send with (wire.c). */
mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *, mach_msg_size_t);
mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *, mach_msg_size_t, mach_msg_size_t);

#endif
