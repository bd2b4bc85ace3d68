/*
 * portico_traps.h — the kernel traps, declared for programs that do not yet have the
 * full Mach library (the stubs are in traps.S).
 */
#ifndef PORTICO_TRAPS_H
#define PORTICO_TRAPS_H

#include <mach/message.h>
#include <mach/port.h>
#include <mach/kern_return.h>
#include <mach/thread_switch.h>
#include <stdbool.h>

/* Prints a NUL-terminated string on the kernel console. Returns 0 (KERN_SUCCESS), or 1
 * (KERN_INVALID_ADDRESS) having printed nothing if any byte of it is not readable. */
int mach_print(const char *s);

mach_msg_return_t mach_msg_trap(mach_msg_header_t *msg, mach_msg_option_t option,
				mach_msg_size_t send_size, mach_msg_size_t rcv_size,
				mach_port_t rcv_name, mach_msg_timeout_t timeout, mach_port_t notify);
mach_port_t mach_reply_port(void);
mach_port_t mach_task_self(void);
mach_port_t mach_thread_self(void);
mach_port_t mach_host_self(void);
kern_return_t syscall_mach_port_allocate(mach_port_t task, mach_port_right_t right, mach_port_t *name);
kern_return_t syscall_mach_port_allocate_name(mach_port_t task, mach_port_right_t right, mach_port_t name);
kern_return_t syscall_mach_port_deallocate(mach_port_t task, mach_port_t name);
kern_return_t syscall_mach_port_insert_right(mach_port_t task, mach_port_t name, mach_port_t poly,
					     mach_msg_type_name_t poly_poly);
kern_return_t syscall_task_terminate(mach_port_t task);
kern_return_t syscall_task_suspend(mach_port_t task);
int swtch(void);
int swtch_pri(int pri);
kern_return_t thread_switch(mach_port_t thread, int option, mach_msg_timeout_t time);

/* Portico's own trap: ends the calling task with a status (see docs/abi.md). */
int portico_task_exit_trap(int status);

__attribute__((noreturn)) static inline void portico_task_exit(int status)
{
	portico_task_exit_trap(status);
	for (;;)
		;               /* not reached: the kernel does not return from it */
}

#endif
