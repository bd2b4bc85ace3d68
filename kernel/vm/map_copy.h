/*
 * map_copy.h — memory in transit: what an out-of-line message region, vm_read's answer
 * or vm_write's argument is between leaving one map and entering another.
 *
 * A copy is a list of map entries (the same struct as in a map, addresses relative to
 * the first page) each holding one reference on its object, plus where the data starts
 * in its first page and how many bytes it has. Taking memory out of a map never copies
 * bytes: the entries either move (deallocate) or share their objects copy-on-write
 * (map.h); putting it into a map links the entries at a fresh address. Only memory the
 * kernel makes itself (vm_map_copy_from_kernel) is written into fresh pages.
 *
 * Ownership: a copy has one owner (a message, a kernel routine); vm_map_copyout and
 * vm_map_copy_overwrite consume it on success, vm_map_copy_discard otherwise.
 */
#ifndef VM_MAP_COPY_H
#define VM_MAP_COPY_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>

struct vm_map;
struct vm_map_entry;
struct vm_page;

struct vm_map_copy {
	struct vm_map_entry *entries;  /* by `next`, in address order */
	uint64_t offset;               /* of the data in the first page */
	uint64_t size;                 /* bytes of data */
};

void vm_map_copy_init(void);
/* Frees the copy kept for reuse (before allocator statistics are compared). */
void vm_map_copy_cache_drain(void);

/* Takes [addr, addr+len) out of m: moved when `destroy` (the range is unmapped after),
 * shared copy-on-write otherwise. KERN_INVALID_ADDRESS for a range not wholly mapped,
 * KERN_PROTECTION_FAILURE for one not readable. len 0 gives an empty copy. */
kern_return_t vm_map_copyin(struct vm_map *m, uint64_t addr, uint64_t len, bool destroy,
			    struct vm_map_copy **out);
/* Links the copy's memory into m at a fresh address; *addr is where its data starts
 * (0 for an empty copy). Consumes the copy on success. */
kern_return_t vm_map_copyout(struct vm_map *m, uint64_t *addr, struct vm_map_copy *copy);
/* Writes the copy's bytes over [addr, addr+size) of m, which must be mapped writable
 * (vm_write, vm_copy). Consumes the copy on success. */
kern_return_t vm_map_copy_overwrite(struct vm_map *m, uint64_t addr, struct vm_map_copy *copy);
void vm_map_copy_discard(struct vm_map_copy *copy);
/* A copy of len bytes of kernel memory (replies the kernel builds); NULL if out of memory. */
struct vm_map_copy *vm_map_copy_from_kernel(const void *data, uint64_t len);
/* A one-page copy that takes pg (resident in an object, mapped nowhere) out of its
 * object: how the kernel hands a pager's page back without copying it. NULL if out of
 * memory (pg untouched). */
struct vm_map_copy *vm_map_copy_from_object_page(struct vm_page *pg);
/* Writes len bytes at offset `at` of the data of a copy from vm_map_copy_from_kernel not
 * handed on yet (its pages are its own and resident): lets the memory be had before
 * what goes into it is final (ipc/kmsg_ool.c's port names). */
void vm_map_copy_write(struct vm_map_copy *copy, uint64_t at, const void *data, uint64_t len);
/* Reads len bytes at offset `at` of a copy's data into kernel memory (pages never
 * touched read as zeros); the copy is left as it was. */
void vm_map_copy_read(const struct vm_map_copy *copy, uint64_t at, void *buf, uint64_t len);

#endif
