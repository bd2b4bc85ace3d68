/*
 * mig_support.c — the MIG runtime for Portico programs: mach_msg with libmach's retry
 * rule, and the reply port of the (single) thread.
 *
 * One reply port per task for now: programs are single-threaded until thread creation
 * reaches user space with per-thread storage; the reply port then moves there.
 */
#include <mach/mig_support.h>
#include <mach/message.h>
#include <mach/mach_port.h>
#include "portico_traps.h"

static mach_port_t reply_port;

/* As GNU libmach: an interrupted send or receive is retried unless the caller asked to
 * see interruptions (MACH_SEND_INTERRUPT / MACH_RCV_INTERRUPT). */
mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option, mach_msg_size_t send_size,
			   mach_msg_size_t rcv_size, mach_port_t rcv_name, mach_msg_timeout_t timeout,
			   mach_port_t notify)
{
	mach_msg_option_t trap_option = option & ~(MACH_SEND_INTERRUPT | MACH_RCV_INTERRUPT);
	mach_msg_return_t mr = mach_msg_trap(msg, trap_option, send_size, rcv_size, rcv_name,
					     timeout, notify);
	if (!(option & MACH_SEND_INTERRUPT))
		while (mr == MACH_SEND_INTERRUPTED)
			mr = mach_msg_trap(msg, trap_option, send_size, rcv_size, rcv_name, timeout, notify);
	if (!(option & MACH_RCV_INTERRUPT))
		while (mr == MACH_RCV_INTERRUPTED)
			mr = mach_msg_trap(msg, trap_option & ~MACH_SEND_MSG, 0, rcv_size, rcv_name,
					   timeout, notify);
	return mr;
}

mach_port_t mig_get_reply_port(void)
{
	if (reply_port == MACH_PORT_NULL)
		reply_port = mach_reply_port();
	return reply_port;
}

void mig_dealloc_reply_port(mach_port_t port)
{
	if (port != reply_port)
		return;
	reply_port = MACH_PORT_NULL;
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

void mig_put_reply_port(mach_port_t port)
{
	(void)port;
}

void mig_init(void *first)
{
	(void)first;
	reply_port = MACH_PORT_NULL;
}

void mig_allocate(vm_address_t *addr, vm_size_t size)
{
	/* Out-of-line data needs vm_allocate (the VM issue). */
	(void)size;
	*addr = 0;
}

void mig_deallocate(vm_address_t addr, vm_size_t size)
{
	(void)addr;
	(void)size;
}

vm_size_t mig_strncpy(char *dst, const char *src, vm_size_t len)
{
	vm_size_t i;
	if (len == 0)
		return 0;
	for (i = 0; i < len - 1 && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return i;
}
