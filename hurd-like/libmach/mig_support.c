/*
 * mig_support.c — the MIG runtime for Portico programs: mach_msg with libmach's retry
 * rule, and the reply port of the (single) thread.
 *
 * Reply ports: one per task until the program calls mig_tls_setup; from then on each
 * thread keeps its own in thread-local storage (%fs), so threads can make RPCs at the
 * same time. Threads it creates get theirs with mig_thread_tls_setup. (The C library
 * will do both by itself.)
 */
#include <mach/mig_support.h>
#include <mach/message.h>
#include <mach/mach_port.h>
#include <mach/mach_interface.h>
#include <mach/machine/thread_status.h>
#include "portico_traps.h"

static mach_port_t reply_port;          /* of a task without thread-local storage */
static int tls_enabled;

/* Thread-local storage, reached through %fs: the first word points at the block itself
 * (the x86_64 convention), the reply port follows. */
struct mig_tls {
	struct mig_tls *self;
	mach_port_t reply_port;
};

static struct mig_tls main_tls;

static struct mig_tls *tls(void)
{
	struct mig_tls *t;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(t));
	return t;
}

static kern_return_t set_fs_base(mach_port_t thread, void *base)
{
	struct i386_fsgs_base_state st = { (unsigned long)base, 0 };
	return thread_set_state(thread, i386_FSGS_BASE_STATE, (thread_state_t)&st,
				i386_FSGS_BASE_STATE_COUNT);
}

kern_return_t mig_tls_setup(void)
{
	if (tls_enabled)
		return KERN_SUCCESS;
	main_tls.self = &main_tls;
	main_tls.reply_port = reply_port;
	kern_return_t kr = set_fs_base(mach_thread_self(), &main_tls);
	if (kr == KERN_SUCCESS)
		tls_enabled = 1;
	return kr;
}

kern_return_t mig_thread_tls_setup(mach_port_t thread, void *block, vm_size_t size)
{
	struct mig_tls *t = block;
	if (size < sizeof(*t))
		return KERN_INVALID_ARGUMENT;
	t->self = t;
	t->reply_port = MACH_PORT_NULL;       /* made on its first RPC */
	return set_fs_base(thread, t);
}

/* mach_msg_trap with its six register arguments, inline. The kernel keeps every
 * register but rax (the result) and rcx, r11 (the syscall instruction's), and reads no
 * seventh argument for this trap (kernel/kern/trap.c), so mach_msg keeps its
 * arguments in their registers for a retry and saves none. */
static inline mach_msg_return_t msg_trap(mach_msg_header_t *msg, mach_msg_option_t option,
					 mach_msg_size_t send_size, mach_msg_size_t rcv_size,
					 mach_port_t rcv_name, mach_msg_timeout_t timeout)
{
	register mach_msg_size_t r10 __asm__("r10") = rcv_size;
	register mach_port_t r8 __asm__("r8") = rcv_name;
	register mach_msg_timeout_t r9 __asm__("r9") = timeout;
	mach_msg_return_t mr;
	__asm__ volatile("syscall"
			 : "=a"(mr)
			 : "0"(-25), "D"(msg), "S"(option), "d"(send_size), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return mr;
}

/* As GNU libmach: an interrupted send or receive is retried unless the caller asked to
 * see interruptions (MACH_SEND_INTERRUPT / MACH_RCV_INTERRUPT, bits the kernel
 * ignores). */
static __attribute__((noinline)) mach_msg_return_t
retry(mach_msg_header_t *msg, mach_msg_option_t option, mach_msg_size_t send_size,
      mach_msg_size_t rcv_size, mach_port_t rcv_name, mach_msg_timeout_t timeout,
      mach_msg_return_t mr)
{
	if (!(option & MACH_SEND_INTERRUPT))
		while (mr == MACH_SEND_INTERRUPTED)
			mr = msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout);
	if (!(option & MACH_RCV_INTERRUPT))
		while (mr == MACH_RCV_INTERRUPTED)
			mr = msg_trap(msg, option & ~MACH_SEND_MSG, 0, rcv_size, rcv_name, timeout);
	return mr;
}

mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option, mach_msg_size_t send_size,
			   mach_msg_size_t rcv_size, mach_port_t rcv_name, mach_msg_timeout_t timeout,
			   mach_port_t notify)
{
	(void)notify;                   /* MACH_SEND_NOTIFY / MACH_RCV_NOTIFY: obsolete */
	mach_msg_return_t mr = msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout);
	if (__builtin_expect(mr == MACH_MSG_SUCCESS, 1))
		return mr;
	return retry(msg, option, send_size, rcv_size, rcv_name, timeout, mr);
}

static __attribute__((noinline)) mach_port_t new_reply_port(void)
{
	mach_port_t *slot = tls_enabled ? &tls()->reply_port : &reply_port;
	if (*slot == MACH_PORT_NULL)
		*slot = mach_reply_port();
	return *slot;
}

mach_port_t mig_get_reply_port(void)
{
	/* Every RPC asks: the single thread's port at hand, the rest out of line. */
	if (!tls_enabled && reply_port != MACH_PORT_NULL)
		return reply_port;
	return new_reply_port();
}

void mig_dealloc_reply_port(mach_port_t port)
{
	mach_port_t *slot = tls_enabled ? &tls()->reply_port : &reply_port;
	if (port != *slot)
		return;
	*slot = MACH_PORT_NULL;
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

#undef mig_put_reply_port
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
