/*
 * ool_reply.h — out-of-line arrays in the replies of the kernel's own routines
 * (mach_port_names, task_threads, processor_set_tasks ...), built in the kernel form
 * ipc/kmsg_ool.h defines, which is what GNU Mach's routines hand to their MIG stubs:
 *
 * - data arrays (names, types): the out parameter holds a struct vm_map_copy *, or 0
 *   for an empty array;
 * - port arrays: the out parameter holds a kmem buffer of n port pointers, each a
 *   carried right of the kind the stub's descriptor names (send rights here), or 0 for
 *   an empty array. The stub describes it as 64-bit items; the receiver gets 32-bit
 *   names.
 *
 * Ownership: once a routine returns KERN_SUCCESS the reply owns the array (and the
 * rights in it); on any other return nothing may be left allocated, so routines size
 * and allocate first and take rights last (nothing can fail after that).
 */
#ifndef KERN_OOL_REPLY_H
#define KERN_OOL_REPLY_H

#include <stdint.h>
#include <mach/kern_return.h>

struct ipc_port;

/* n zeroed port slots (MACH_PORT_NULL each) in *out, or NULL for n 0;
 * KERN_RESOURCE_SHORTAGE when memory is short (or n is beyond what one buffer holds). */
kern_return_t ool_ports_alloc(uint32_t n, struct ipc_port ***out);

/* Frees a port buffer in kernel form (from ool_ports_alloc, or a request's, which a
 * routine owns on success) whose rights have been taken or released. */
void ool_ports_free(struct ipc_port **ports, uint32_t n);

/* n zeroed 32-bit words for a data array, or NULL for n 0; KERN_RESOURCE_SHORTAGE. */
kern_return_t ool_words_alloc(uint32_t n, uint32_t **out);
/* Frees a buffer from ool_words_alloc (n as allocated). */
void ool_words_free(uint32_t *words, uint32_t n);

/* Turns the first `used` words of a buffer of n from ool_words_alloc into the reply's
 * data array: *out is a map copy of them (0 when used is 0). The buffer is freed either
 * way. KERN_RESOURCE_SHORTAGE (and *out 0) when the copy cannot be made. */
kern_return_t ool_words_reply(uint32_t *words, uint32_t n, uint32_t used, uint64_t *out);

#endif
