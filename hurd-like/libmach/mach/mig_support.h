/*
 * mig_support.h — what MIG-generated user stubs need from the C library (on the Hurd
 * glibc provides it; here hurd-like/libmach does): a reply port per thread and memory
 * for out-of-line data.
 */
#ifndef _MACH_MIG_SUPPORT_H_
#define _MACH_MIG_SUPPORT_H_

#include <mach/port.h>
#include <mach/mach_types.h>
/* As glibc's: MIG-generated stubs use memcpy without including it themselves. */
#include <string.h>

mach_port_t mig_get_reply_port(void);
/* Portico's runtime: per-thread reply ports in thread-local storage. mig_tls_setup is
 * for the calling thread (call it once, before other threads make RPCs);
 * mig_thread_tls_setup gives a new thread `block` (at least two words) as its storage. */
kern_return_t mig_tls_setup(void);
kern_return_t mig_thread_tls_setup(mach_port_t thread, void *block, vm_size_t size);
/* The reply port is in a bad state (an RPC was interrupted): drop it; the next
 * mig_get_reply_port makes a fresh one. */
void mig_dealloc_reply_port(mach_port_t port);
void mig_put_reply_port(mach_port_t port);
/* It has nothing to do (the port stays the thread's): no call from our stubs. The
 * function remains for stubs built against other headers. */
#define mig_put_reply_port(port) ((void)(port))
void mig_init(void *first);
void mig_allocate(vm_address_t *addr, vm_size_t size);
void mig_deallocate(vm_address_t addr, vm_size_t size);
/* strncpy that returns the length copied (MIG's c_string handling). */
vm_size_t mig_strncpy(char *dst, const char *src, vm_size_t len);

#endif
