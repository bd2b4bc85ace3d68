/*
 * ool_reply.c — out-of-line arrays for the kernel's replies (see ool_reply.h).
 */
#include <kern/ool_reply.h>
#include <stddef.h>
#include <vm/kmem.h>
#include <vm/map_copy.h>

kern_return_t ool_ports_alloc(uint32_t n, struct ipc_port ***out)
{
	*out = NULL;
	if (n == 0)
		return KERN_SUCCESS;
	/* 8 bytes a slot: the size kmsg_ool.c frees the buffer with. kmem_alloc zeroes, and
	 * has nothing beyond 4 MiB: a shortage too. */
	*out = kmem_alloc((uint64_t)n * 8);
	return *out ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

void ool_ports_free(struct ipc_port **ports, uint32_t n)
{
	if (ports)
		kmem_free(ports, (uint64_t)n * 8);
}

kern_return_t ool_words_alloc(uint32_t n, uint32_t **out)
{
	*out = NULL;
	if (n == 0)
		return KERN_SUCCESS;
	*out = kmem_alloc((uint64_t)n * 4);
	return *out ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

void ool_words_free(uint32_t *words, uint32_t n)
{
	if (words)
		kmem_free(words, (uint64_t)n * 4);
}

kern_return_t ool_words_reply(uint32_t *words, uint32_t n, uint32_t used, uint64_t *out)
{
	struct vm_map_copy *copy = used ? vm_map_copy_from_kernel(words, (uint64_t)used * 4) : NULL;
	ool_words_free(words, n);
	*out = (uint64_t)copy;
	return copy || !used ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}
