/*
 * mig_convert.h — the conversion functions the kernel-server stubs call (the intran,
 * outtran and destructor names of our .defs under KERNEL_SERVER), and the types they
 * use. Compiled only in the stub units (with KERNEL defined, so port slots are
 * pointer-sized): there task_t, ipc_space_t ... are <mach/mach_types.h>'s integers and
 * carry kernel pointers; the routines in kern/port_rpc.c and its kin turn them back.
 *
 * References: the kernel is not preemptible and a routine runs to its end without
 * another thread touching its objects unless it blocks, so conversions take no
 * reference and the destructors release nothing. A routine that blocks must take its
 * own references first.
 */
#ifndef KERN_MIG_CONVERT_H
#define KERN_MIG_CONVERT_H

#include <mach/port.h>
#include <mach/mach_types.h>
#include <ipc/ipc_port.h>

/* Requests to task ports: the task's name space, or 0 if the task is gone. */
ipc_space_t convert_port_to_space(ipc_port_t port);
static inline void space_deallocate(ipc_space_t space) { (void)space; }

task_t convert_port_to_task(ipc_port_t port);
ipc_port_t convert_task_to_port(task_t task);
static inline void task_deallocate_stub(task_t task) { (void)task; }
thread_t convert_port_to_thread(ipc_port_t port);
ipc_port_t convert_thread_to_port(thread_t thread);

static inline ipc_port_t null_conversion(ipc_port_t port) { return port; }

#endif
